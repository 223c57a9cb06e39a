package revops

import (
	"math/big"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// monthsPerStep's int64 arithmetic gives the exact fraction big.Rat gives whenever it
// reports that its products fit, and reports false rather than a wrapped value when
// they do not: drawn over every unit, anchor and range, from a second to ten thousand
// years, with step shares in any seconds.
func TestMonthsPerStepIsExact(t *testing.T) {
	units := []struct {
		unit     IntervalUnit
		num, den int64
	}{{Days, 12, 365}, {Weeks, 12, 52}, {Months, 1, 1}, {Years, 12, 1}}
	rapid.Check(t, func(t *rapid.T) {
		u := rapid.SampledFrom(units).Draw(t, "unit")
		base := time.Date(rapid.IntRange(1, 9999).Draw(t, "year"), 1, 1, 0, 0, 0, 0, time.UTC)
		start := base.Add(time.Duration(rapid.Int64Range(1, 366*86400).Draw(t, "startSec")) * time.Second)
		var end time.Time
		if rapid.Bool().Draw(t, "far") {
			end = start.AddDate(rapid.IntRange(0, 9999).Draw(t, "years"), 0, 0).Add(time.Duration(rapid.Int64Range(1, 366*86400).Draw(t, "endSec")) * time.Second)
		} else {
			end = start.Add(time.Duration(rapid.Int64Range(1, 400*86400).Draw(t, "endSec")) * time.Second)
		}
		anchor := rapid.IntRange(0, 31).Draw(t, "anchor")
		first, last, whole := serviceSteps(start, end, u.unit, anchor)
		steps := new(big.Rat).Add(big.NewRat(first.num, first.den), big.NewRat(last.num, last.den))
		steps.Add(steps, new(big.Rat).SetInt64(whole))
		want := new(big.Rat).Quo(big.NewRat(u.den, u.num), steps)
		num, den, ok := monthsPerStep(first, last, whole, u.num, u.den)
		if ok {
			require.Zero(t, want.Cmp(big.NewRat(num, den)), "%s → %s: %d/%d, want %s", start, end, num, den, want)
		}
		// The line's MRR is the amount × that fraction, by either path.
		amount := decimal.New(rapid.Int64Range(1, 1e9).Draw(t, "cents"), -2)
		s, err := SpanFromInvoiceLine(InvoiceLine{Customer: "c", Amount: amount, ServiceStart: start, ServiceEnd: end, Anchor: anchor, Interval: Interval{Count: 1, Unit: u.unit}})
		if !want.Num().IsInt64() || !want.Denom().IsInt64() {
			require.ErrorIs(t, err, ErrOutOfRange)
			return
		}
		require.NoError(t, err)
		mrr := new(big.Rat).Mul(new(big.Rat).SetFrac(amount.Coefficient(), big.NewInt(100)), want)
		got := new(big.Rat).SetFrac(s.MRR.num.Coefficient(), big.NewInt(s.MRR.denominator()))
		pow := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(s.MRR.num.Exponent(), -s.MRR.num.Exponent()))), nil))
		if s.MRR.num.Exponent() >= 0 {
			got.Mul(got, pow)
		} else {
			got.Quo(got, pow)
		}
		require.Zero(t, mrr.Cmp(got), "MRR %s, want %s", s.MRR, mrr.FloatString(20))
	})
	// Shares with coprime lengths near a year, over ten thousand years of days: the
	// products pass 2^63, and the int64 path says so.
	_, _, ok := monthsPerStep(fraction{31622399, 31622400}, fraction{1, 31536001}, 3_650_000, 12, 365)
	require.False(t, ok)
}
