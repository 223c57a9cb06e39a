package revops_test

import (
	"errors"
	"testing"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// dec parses a decimal literal of a test table.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// requireDecimal fails t unless got equals the decimal literal want.
func requireDecimal(t require.TestingT, want string, got decimal.Decimal, msgAndArgs ...any) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	require.Truef(t, dec(want).Equal(got), "want %s, got %s %v", want, got, msgAndArgs)
}

// requireValue returns a function that fails t unless it is passed no error and a
// value equal to the decimal literal want: requireValue(t, "1.05")(revops.NRR(m)).
func requireValue(t *testing.T, want string) func(decimal.Decimal, error) {
	return func(got decimal.Decimal, err error) {
		t.Helper()
		require.NoError(t, err)
		requireDecimal(t, want, got)
	}
}

// ulp is one unit in the last place of a quotient rounded to revops.Scale.
var ulp = decimal.New(1, -revops.Scale)

// requireWithinULP fails t unless |got − want| ≤ one unit of revops.Scale: the most two
// independently rounded quotients can differ from an exact identity between them.
func requireWithinULP(t require.TestingT, want, got decimal.Decimal, msgAndArgs ...any) {
	require.Truef(t, got.Sub(want).Abs().LessThanOrEqual(ulp), "want %s ± 1e-%d, got %s %v", want, revops.Scale, got, msgAndArgs)
}

// requireMetricError checks err wraps sentinel and is a *revops.Error naming metric and field.
func requireMetricError(t *testing.T, err, sentinel error, metric, field string) {
	t.Helper()
	require.ErrorIs(t, err, sentinel)
	var e *revops.Error
	require.True(t, errors.As(err, &e), "%v is not a *revops.Error", err)
	require.Equal(t, metric, e.Metric)
	require.Equal(t, field, e.Path())
}

// amount draws a non-negative amount as coefficient × 10^−scale, scale 0..6.
func amount(t *rapid.T, label string, maxCoef int64) decimal.Decimal {
	coef := rapid.Int64Range(0, maxCoef).Draw(t, label+".coef")
	scale := rapid.Int32Range(0, 6).Draw(t, label+".scale")
	return decimal.New(coef, -scale)
}

// positiveAmount draws an amount > 0.
func positiveAmount(t *rapid.T, label string, maxCoef int64) decimal.Decimal {
	coef := rapid.Int64Range(1, maxCoef).Draw(t, label+".coef")
	scale := rapid.Int32Range(0, 6).Draw(t, label+".scale")
	return decimal.New(coef, -scale)
}

// fuzzDecimal turns fuzzer bytes into a decimal: a parsed literal when s is one
// (exponents included), else coef × 10^exp, so that both paths reach the code.
func fuzzDecimal(s string, coef int64, exp int32) decimal.Decimal {
	if d, err := decimal.NewFromString(s); err == nil {
		return d
	}
	return decimal.New(coef, exp)
}

// requireRevopsError fails unless err is nil or a *revops.Error wrapping a sentinel.
func requireRevopsError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *revops.Error
	require.True(t, errors.As(err, &e), "%v is not a *revops.Error", err)
	require.NotNil(t, e.Err)
	require.NotEmpty(t, e.Error())
}

// bench runs f b.N times with allocations reported, timing only the loop.
func bench(b *testing.B, f func()) {
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		f()
	}
}

// mustOf is must for any result type: mustOf[revops.Recurring](t)(revops.MRR(subs)).
func mustOf[T any](t *rapid.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}
