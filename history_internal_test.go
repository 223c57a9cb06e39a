package revops

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestHistoryFastPathIsExact checks SPEC.md H8: the int64 path gives exactly the
// totals of the exact decimal path, on amounts with up to 6 places.
func TestHistoryFastPathIsExact(t *testing.T) {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		var spans []Span
		for c := range rapid.IntRange(1, 6).Draw(t, "customers") {
			for range rapid.IntRange(1, 4).Draw(t, "spans") {
				start := base.AddDate(0, 0, rapid.IntRange(0, 700).Draw(t, "start"))
				var end time.Time
				if rapid.Bool().Draw(t, "bounded") {
					end = start.AddDate(0, 0, rapid.IntRange(1, 300).Draw(t, "days"))
				}
				price := decimal.New(rapid.Int64Range(0, 1e6).Draw(t, "coef"), -rapid.Int32Range(0, 6).Draw(t, "scale"))
				// A price per interval of any unit: the amounts then share a
				// denominator (3 for a year, a week or a day) that both paths keep.
				iv := Interval{Count: rapid.IntRange(1, 3).Draw(t, "count"), Unit: IntervalUnit(rapid.IntRange(1, 4).Draw(t, "unit"))}
				mrr, err := ChargeMRR(Charge{Amount: price, Quantity: 1, Interval: iv})
				require.NoError(t, err)
				spans = append(spans, Span{Customer: fmt.Sprint(c), Start: start, End: end, MRR: mrr})
			}
		}
		fast, err := newHistory(spans, false)
		require.NoError(t, err)
		require.NotNil(t, fast.fixed, "amounts this small take the integer path")
		slow, err := newHistory(spans, true)
		require.NoError(t, err)
		require.NotNil(t, slow.exact)
		whole, _ := NewPeriod(base, base.AddDate(2, 0, 0))
		var months []Period
		for m := range whole.Months() {
			months = append(months, m)
		}
		conv := MovementConvention(rapid.IntRange(0, 1).Draw(t, "convention"))
		a, err := fast.TotalsWithCohorts(months, conv)
		require.NoError(t, err)
		b, err := slow.TotalsWithCohorts(months, conv)
		require.NoError(t, err)
		require.Equal(t, fmt.Sprint(a.Series()), fmt.Sprint(b.Series()))
		require.Equal(t, fmt.Sprint(a.CohortTable()), fmt.Sprint(b.CohortTable()))
	})
}

// TestHistoryOverflowTakesExactPath: amounts whose sum does not fit an int64 at their
// scale fall back to exact decimals and stay exact.
func TestHistoryOverflowTakesExactPath(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	big := decimal.RequireFromString("9000000000000000000") // 9e18: twice it overflows int64
	h, err := NewHistory([]Span{
		{Customer: "a", Start: start, MRR: Monthly(big)},
		{Customer: "b", Start: start, MRR: Monthly(decimal.RequireFromString("0.01"))},
	})
	require.NoError(t, err)
	require.Nil(t, h.fixed)
	require.Equal(t, "9000000000000000000.01", h.MRR(start).String())
}
