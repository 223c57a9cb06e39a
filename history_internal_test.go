package revops

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
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

// The sweep of a large history on several goroutines, each a share of the customers,
// merges into exactly the totals of one sweep, on both paths and conventions.
func TestParallelSweepEqualsSerial(t *testing.T) {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	spans := manySpans(base, true)
	whole, _ := NewPeriod(base, base.AddDate(2, 0, 0))
	var months []Period
	for m := range whole.Months() {
		months = append(months, m)
	}
	for _, exactPath := range []bool{false, true} {
		h, err := newHistory(spans, exactPath)
		require.NoError(t, err)
		for _, conv := range []MovementConvention{MovementsNet, MovementsEveryChange} {
			p := Policy{Movements: conv}
			var want Totals
			if h.exact != nil {
				want = sweep(h, h.exact, months, p, sweepOptions{cohorts: true})
			} else {
				want = sweep(h, h.fixed, months, p, sweepOptions{cohorts: true})
			}
			got, err := h.sweep("Totals", months, p, sweepOptions{cohorts: true})
			require.NoError(t, err)
			require.Equal(t, fmt.Sprint(want.Series()), fmt.Sprint(got.Series()))
			wt, err := want.CohortTable()
			require.NoError(t, err)
			gt, err := got.CohortTable()
			require.NoError(t, err)
			require.Equal(t, fmt.Sprint(wt), fmt.Sprint(gt))
			require.Equal(t, want.Spans, got.Spans)
			// Any number of shares, whatever the machine's cores.
			for _, workers := range []int{2, 3, 7} {
				var part Totals
				if h.exact != nil {
					part = sweepOn(h, h.exact, months, p, sweepOptions{cohorts: true}, workers)
				} else {
					part = sweepOn(h, h.fixed, months, p, sweepOptions{cohorts: true}, workers)
				}
				require.Equal(t, fmt.Sprint(want.Series()), fmt.Sprint(part.Series()), "%d workers", workers)
				pt, err := part.CohortTable()
				require.NoError(t, err)
				require.Equal(t, fmt.Sprint(wt), fmt.Sprint(pt), "%d workers", workers)
			}
		}
		// Trailing retention in one parallel pass equals the period-by-period one.
		all, err := h.TrailingSeries(months, TrailingMonths(6))
		require.NoError(t, err)
		for k, m := range months {
			one, err := h.TrailingRetention(m, TrailingMonths(6))
			require.NoError(t, err)
			require.Equal(t, fmt.Sprint(one), fmt.Sprint(all[k]), "%s", m)
		}
	}
}

// More shares than customers: each share holds one, and the totals are one sweep's.
func TestSweepOnMoreWorkersThanCustomers(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := NewHistory([]Span{
		{Customer: "a", Start: start, MRR: Monthly(decimal.NewFromInt(10))},
		{Customer: "b", Start: start.AddDate(0, 1, 0), End: start.AddDate(0, 2, 0), MRR: Monthly(decimal.NewFromInt(20))},
	})
	require.NoError(t, err)
	months := []Period{Month(2025, 1), Month(2025, 2), Month(2025, 3)}
	want := sweep(h, h.fixed, months, Policy{}, sweepOptions{cohorts: true})
	for _, workers := range []int{2, 3, 8} {
		got := sweepOn(h, h.fixed, months, Policy{}, sweepOptions{cohorts: true}, workers)
		require.Equal(t, fmt.Sprint(want.Series()), fmt.Sprint(got.Series()), "%d workers", workers)
	}
	// By hand: March starts with a (10) and b (20) and ends with a alone.
	require.Equal(t, "30", want.Periods[2].Start.Monthly().String())
	require.Equal(t, "20", want.Periods[2].Churn.Monthly().String())
}

// NewHistory's steps are the same whether one share of the customers builds them or
// several (shares are used from 4,096 customers a core): on the integer and the
// exact path, with and without zero-MRR spans and credits, which add flags.
func TestParallelStepsEqualSerial(t *testing.T) {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	for _, flags := range []bool{false, true} {
		spans := manySpans(base, flags)
		for _, exactPath := range []bool{false, true} {
			runtime.GOMAXPROCS(1)
			want, err := newHistory(spans, exactPath)
			require.NoError(t, err)
			require.Equal(t, flags, want.flags != nil)
			for _, procs := range []int{2, 3, 4} { // 2, 3 and 4 shares of the 20,000 customers
				runtime.GOMAXPROCS(procs)
				got, err := newHistory(spans, exactPath)
				require.NoError(t, err)
				require.Equal(t, want, got, "flags %v, exact %v, %d shares", flags, exactPath, procs)
			}
		}
	}
}

// manySpans returns the spans of 20,000 customers from base, enough for every core to
// take a share: one subscription each, open or of 1 to 7 months, and for one in five a
// return at a new price. With flags, some return at zero MRR, and one customer in
// seven has a free month and a credit within its paid span.
func manySpans(base time.Time, flags bool) []Span {
	var spans []Span
	for c := range 20_000 {
		start := base.AddDate(0, c%13, c%29)
		s := Span{Customer: fmt.Sprint("c", c), Subscription: "s", Start: start, MRR: Monthly(decimal.New(int64(1+c%97), -int32(c%3)))}
		if c%4 != 0 {
			s.End = start.AddDate(0, 1+c%7, 0)
		}
		spans = append(spans, s)
		if c%5 == 0 { // a return, a price change
			price := int64(1 + c%50)
			if flags {
				price = int64(c % 50) // 0 for one customer in 50
			}
			spans = append(spans, Span{Customer: s.Customer, Subscription: "t", Start: start.AddDate(0, 9, 0), End: start.AddDate(1, 2, 0), MRR: Monthly(decimal.New(price, 0))})
		}
		if flags && c%7 == 0 { // a free month, then a credit within the paid span
			spans = append(spans, Span{Customer: s.Customer, Subscription: "u", Start: start.AddDate(0, 0, 1), End: start.AddDate(0, 1, 1), MRR: Monthly(decimal.Zero)})
			spans = append(spans, Span{Customer: s.Customer, Subscription: "v", Start: start, End: start.AddDate(0, 0, 10), MRR: Monthly(decimal.New(-1, -2))})
		}
	}
	return spans
}

// TestCustomersNumberedByFirstAppearance: NewHistory numbers the customers in the
// order they first appear and groups each one's spans, whether the spans come sorted
// by customer (in byte order, or by length and then bytes, where no map is needed),
// partly sorted, or in any order, a customer coming back after others included.
func TestCustomersNumberedByFirstAppearance(t *testing.T) {
	names := []string{"1", "2", "9", "10", "11", "19", "100", "a", "ab", "b", "B", "é"}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		// A run of customers in one of the two orders, then customers in any order.
		sorted := rapid.SliceOfNDistinct(rapid.SampledFrom(names), 0, len(names), rapid.ID[string]).Draw(t, "sorted")
		if rapid.Bool().Draw(t, "byLength") {
			slices.SortFunc(sorted, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
		} else {
			slices.Sort(sorted)
		}
		var order []string
		for _, c := range sorted {
			for range rapid.IntRange(1, 3).Draw(t, "repeat") {
				order = append(order, c)
			}
		}
		order = append(order, rapid.SliceOfN(rapid.SampledFrom(names), 0, 8).Draw(t, "rest")...)
		if len(order) == 0 {
			return
		}
		spans := make([]Span, len(order))
		var want []string // the customers in order of first appearance
		sum := map[string]int64{}
		for i, c := range order {
			// Each span its own subscription, open, so that a customer's MRR in the
			// end is the sum of its spans'.
			spans[i] = Span{Customer: c, Subscription: fmt.Sprint(i), Start: base.AddDate(0, 0, i), MRR: Monthly(decimal.New(int64(1)<<i, 0)), Currency: "USD"}
			if _, ok := sum[c]; !ok {
				want = append(want, c)
			}
			sum[c] += int64(1) << i
		}
		h, err := NewHistory(spans)
		require.NoError(t, err)
		require.Equal(t, want, h.ids, "customers in order of first appearance, each once")
		end := instantOf(base.AddDate(0, 0, len(order)))
		for c, id := range h.ids {
			mrr, _ := h.valueAt(c, end)
			require.Equal(t, decimal.New(sum[id], 0).String(), mrr.Monthly().String(), "customer %q's spans", id)
		}
	})
}
