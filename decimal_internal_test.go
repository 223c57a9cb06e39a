package revops

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestQuotientIsDivRound: the math/bits path of quotient gives DivRound's value and
// exponent on every sign, scale and magnitude, including quotients that round half
// away from zero and operands past the 64-bit path.
func TestQuotientIsDivRound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		draw := func(label string) decimal.Decimal {
			coef := rapid.OneOf(rapid.Int64Range(-1000, 1000), rapid.Int64(), rapid.Int64Range(-1e18, 1e18)).Draw(t, label+".coef")
			return decimal.New(coef, rapid.Int32Range(-20, 20).Draw(t, label+".exp"))
		}
		num, den := draw("num"), draw("den")
		if den.IsZero() {
			return
		}
		want, got := num.DivRound(den, Scale), quotient(num, den)
		require.True(t, want.Equal(got), "%s / %s: DivRound %s, quotient %s", num, den, want, got)
		require.Equal(t, want.Exponent(), got.Exponent())
	})
	for _, c := range [][3]string{{"1", "3", "0.3333333333333333"}, {"2", "3", "0.6666666666666667"}, {"-2", "3", "-0.6666666666666667"}, {"1", "-32", "-0.03125"}, {"5", "1e17", "0.0000000000000001"}} {
		require.Equal(t, c[2], quotient(decimal.RequireFromString(c[0]), decimal.RequireFromString(c[1])).String(), "%s / %s", c[0], c[1])
	}
}

// TestSumOfIsChainedAdd: sumOf gives the value and exponent of chained Adds, on its
// int64 path and past it.
func TestSumOfIsChainedAdd(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		ds := make([]decimal.Decimal, n)
		for i := range ds {
			coef := rapid.OneOf(rapid.Int64Range(-1000, 1000), rapid.Int64()).Draw(t, "coef")
			ds[i] = decimal.New(coef, rapid.Int32Range(-20, 20).Draw(t, "exp"))
		}
		want := ds[0]
		for _, d := range ds[1:] {
			want = want.Add(d)
		}
		got := sumOf(ds...)
		require.True(t, want.Equal(got), "%v: Add %s, sumOf %s", ds, want, got)
		require.Equal(t, want.Exponent(), got.Exponent())
	})
}

// TestTimesAndAboveOne: times is Mul by an integer, aboveOne is GreaterThan(1), on
// every sign, scale and magnitude.
func TestTimesAndAboveOne(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.New(rapid.OneOf(rapid.Int64Range(-1000, 1000), rapid.Int64()).Draw(t, "coef"), rapid.Int32Range(-25, 5).Draw(t, "exp"))
		n := rapid.OneOf(rapid.Int64Range(0, 100), rapid.Int64Range(0, 1<<62)).Draw(t, "n")
		want := d.Mul(decimal.NewFromInt(n))
		require.True(t, want.Equal(times(d, n)), "%s × %d", d, n)
		require.Equal(t, d.GreaterThan(one), aboveOne(d), "%s > 1", d)
	})
}
