package revops_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// syntheticSpans returns deterministic subscription spans in the shape of
// ../shared/bench/gen_subscriptions.py: each customer gets 1 to 4 monthly spans from a
// random month, 1 to 12 months long, with gaps of 0 to 3 months (churn and
// reactivation) and a new price each time (expansion and contraction), amounts with
// cents. Dates are first-of-month from 2020-01, ends exclusive, capped at months.
func syntheticSpans(customers, months int, seed uint64) []revops.Span {
	rnd := rand.New(rand.NewPCG(seed, seed))
	prices := []int64{9, 19, 29, 49, 99, 199, 499}
	cents := []int64{0, 0, 50, 99}
	month := func(i int) time.Time { return time.Date(2020, time.January+time.Month(i), 1, 0, 0, 0, 0, time.UTC) }
	spans := make([]revops.Span, 0, customers*2)
	sid := 0
	for c := 1; c <= customers; c++ {
		id := strconv.Itoa(c)
		t := rnd.IntN(months - 1)
		for range 1 + rnd.IntN(4) {
			if t >= months-1 {
				break
			}
			end := min(t+1+rnd.IntN(12), months)
			sid++
			amount := prices[rnd.IntN(len(prices))]*int64(1+rnd.IntN(5))*100 + cents[rnd.IntN(len(cents))]
			spans = append(spans, revops.Span{Customer: id, Subscription: strconv.Itoa(sid), Start: month(t), End: month(end), MRR: revops.Monthly(decimal.New(amount, -2)), Currency: "USD"})
			t = end + []int{0, 0, 0, 1, 2, 3}[rnd.IntN(6)]
		}
	}
	return spans
}

var spanCache sync.Map

func cachedSpans(customers int) []revops.Span {
	if s, ok := spanCache.Load(customers); ok {
		return s.([]revops.Span)
	}
	s := syntheticSpans(customers, 36, 1)
	spanCache.Store(customers, s)
	return s
}

func syntheticMonths(months int) []revops.Period {
	out := make([]revops.Period, months+1) // one more, to see the last spans end
	for i := range out {
		out[i] = revops.Month(2020, time.January+time.Month(i))
	}
	return out
}

// referenceBridge is the plain reference the history's speed is measured against, the
// loop of ../shared/bench/floor over the same spans: customers interned with a map,
// months as indexes, amounts as int64 cents, a dense customer × month array, one walk
// per customer. It handles only what that loop handles (first-of-month dates, amounts
// in whole cents) and returns per month new, expansion, contraction, churn,
// reactivation and ending MRR in cents.
func referenceBridge(spans []revops.Span, months int) [][6]int64 {
	index := make(map[string]int32, len(spans)/2)
	type period struct {
		customer   int32
		start, end int
		cents      int64
	}
	ps := make([]period, len(spans))
	for i, s := range spans {
		c, ok := index[s.Customer]
		if !ok {
			c = int32(len(index))
			index[s.Customer] = c
		}
		shift := s.MRR.Monthly().Exponent() + 2
		ps[i] = period{c, (s.Start.Year()-2020)*12 + int(s.Start.Month()) - 1, (s.End.Year()-2020)*12 + int(s.End.Month()) - 1, s.MRR.Monthly().CoefficientInt64() * []int64{1, 10, 100}[shift]}
	}
	n := months
	mrr := make([]int64, len(index)*n)
	first := make([]int, len(index))
	for i := range first {
		first[i] = -1
	}
	for _, p := range ps {
		row := mrr[int(p.customer)*n:]
		for m := p.start; m < p.end; m++ {
			row[m] += p.cents
		}
		if first[p.customer] < 0 || p.start < first[p.customer] {
			first[p.customer] = p.start
		}
	}
	out := make([][6]int64, n)
	for c := range first {
		if first[c] < 0 {
			continue
		}
		row := mrr[c*n : (c+1)*n]
		var prev int64
		for m := first[c]; m < n; m++ {
			cur := row[m]
			b := &out[m]
			switch {
			case m == first[c]:
				b[0] += cur
			case prev > 0 && cur == 0:
				b[3] += prev
			case prev == 0 && cur > 0:
				b[4] += cur
			case cur > prev:
				b[1] += cur - prev
			case cur < prev:
				b[2] += prev - cur
			}
			b[5] += cur
			prev = cur
		}
	}
	return out
}

// TestHistoryMatchesReference: on the synthetic spans, the series equals the plain
// int64 reference to the cent on every month and movement.
func TestHistoryMatchesReference(t *testing.T) {
	spans := syntheticSpans(3000, 36, 7)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	series, err := h.Series(syntheticMonths(36))
	require.NoError(t, err)
	ref := referenceBridge(spans, 37)
	for m, r := range series {
		got := [6]decimal.Decimal{r.New.Monthly(), r.Expansion.Monthly(), r.Contraction.Monthly(), r.Churn.Monthly(), r.Reactivation.Monthly(), r.End.Monthly()}
		for i, want := range ref[m] {
			require.True(t, decimal.New(want, -2).Equal(got[i]), "month %d movement %d: reference %d cents, series %s", m, i, want, got[i])
		}
	}
}

// BenchmarkHistorySeries measures the one-call monthly series end to end from a slice
// of spans (validation, indexing, classification and every rate) at 10k, 50k and 250k
// customers × 36 months, beside BenchmarkReferenceBridge on the same spans. allocs/span
// is the allocations of one run ÷ the spans.
func BenchmarkHistorySeries(b *testing.B) {
	for _, customers := range []int{10_000, 50_000, 250_000} {
		spans := cachedSpans(customers)
		months := syntheticMonths(36)
		b.Run(fmt.Sprintf("customers=%d", customers), func(b *testing.B) {
			benchPerSpan(b, len(spans), func() {
				h, err := revops.NewHistory(spans)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := h.Series(months); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkReferenceBridge(b *testing.B) {
	for _, customers := range []int{10_000, 50_000, 250_000} {
		spans := cachedSpans(customers)
		b.Run(fmt.Sprintf("customers=%d", customers), func(b *testing.B) {
			benchPerSpan(b, len(spans), func() { referenceBridge(spans, 37) })
		})
	}
}

// benchPerSpan is bench, with allocations and bytes per span reported too.
func benchPerSpan(b *testing.B, spans int, f func()) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	bench(b, f)
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(spans), "allocs/span")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(spans), "B/span")
	b.ReportMetric(float64(spans), "spans")
}

func BenchmarkNewHistory(b *testing.B) {
	spans := cachedSpans(10_000)
	benchPerSpan(b, len(spans), func() { _, _ = revops.NewHistory(spans) })
}

func benchHistory(b *testing.B) (*revops.History, []revops.Period) {
	h, err := revops.NewHistory(cachedSpans(10_000))
	require.NoError(b, err)
	return h, syntheticMonths(36)
}

func BenchmarkHistoryTotals(b *testing.B) {
	h, months := benchHistory(b)
	bench(b, func() { _, _ = h.Totals(months) })
}

func BenchmarkHistoryTotalsEveryChange(b *testing.B) {
	h, months := benchHistory(b)
	bench(b, func() { _, _ = h.Totals(months, revops.MovementsEveryChange) })
}

func BenchmarkHistoryChanges(b *testing.B) {
	h, months := benchHistory(b)
	bench(b, func() { _, _ = h.Changes(months, revops.MovementsEveryChange) })
}

func BenchmarkTotalsMerge(b *testing.B) {
	h, months := benchHistory(b)
	t, err := h.Totals(months)
	require.NoError(b, err)
	bench(b, func() { _, _ = t.Merge(t) })
}

func BenchmarkTotalsSeries(b *testing.B) {
	h, months := benchHistory(b)
	t, err := h.Totals(months)
	require.NoError(b, err)
	bench(b, func() { t.Series() })
}

func BenchmarkTotalsCohortTable(b *testing.B) {
	h, months := benchHistory(b)
	t, err := h.TotalsWithCohorts(months)
	require.NoError(b, err)
	bench(b, func() { _, _ = t.CohortTable() })
}

func BenchmarkHistoryCohorts(b *testing.B) {
	h, months := benchHistory(b)
	bench(b, func() { _, _ = h.Cohorts(months) })
}

func BenchmarkHistoryTrailingRetention(b *testing.B) {
	h, _ := benchHistory(b)
	bench(b, func() { _, _ = h.TrailingRetention(revops.Month(2022, 12)) })
}

// BenchmarkHistoryTrailingSeries is the command's trailing retention: a 12-month
// window ending at each of 36 months, in one pass.
func BenchmarkHistoryTrailingSeries(b *testing.B) {
	h, months := benchHistory(b)
	bench(b, func() { _, _ = h.TrailingSeries(months) })
}

func BenchmarkHistorySnapshot(b *testing.B) {
	h, _ := benchHistory(b)
	at := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	bench(b, func() { h.Snapshot(at) })
}

func BenchmarkHistoryMRR(b *testing.B) {
	h, _ := benchHistory(b)
	at := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	bench(b, func() { h.MRR(at) })
}

func BenchmarkHistoryBridgeInput(b *testing.B) {
	h, _ := benchHistory(b)
	bench(b, func() { _, _ = h.BridgeInput(revops.Month(2021, 6)) })
}

func BenchmarkSpanFromCharge(b *testing.B) {
	c := revops.ChargeSpan{Customer: "acme", Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Charge: revops.Charge{Amount: dec("1200"), Quantity: 3, Interval: revops.Interval{Count: 1, Unit: revops.Years}}}
	bench(b, func() { _, _ = revops.SpanFromCharge(c) })
}

func BenchmarkSpanFromInvoiceLine(b *testing.B) {
	l := revops.InvoiceLine{Customer: "acme", Amount: dec("62"), ServiceStart: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ServiceEnd: time.Date(2025, 1, 16, 0, 0, 0, 0, time.UTC)}
	bench(b, func() { _, _ = revops.SpanFromInvoiceLine(l) })
}
