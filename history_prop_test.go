package revops_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var propBase = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// drawSpans draws up to 8 customers with up to 4 spans each over 2024-2025: starts on a
// month boundary or any day, open ends, gaps, price changes, zero amounts and amounts
// with 0 to 3 decimal places. Spans of one customer have distinct subscription ids or
// none, so they never break the overlap rule.
func drawSpans(t *rapid.T) []revops.Span {
	customers := rapid.IntRange(1, 8).Draw(t, "customers")
	var spans []revops.Span
	for c := range customers {
		n := rapid.IntRange(1, 4).Draw(t, "spans")
		for i := range n {
			day := func(label string) time.Time {
				if rapid.Bool().Draw(t, label+".aligned") {
					return propBase.AddDate(0, rapid.IntRange(0, 23).Draw(t, label+".month"), 0)
				}
				return propBase.AddDate(0, 0, rapid.IntRange(0, 729).Draw(t, label+".day"))
			}
			start := day("start")
			var end time.Time
			if !rapid.Bool().Draw(t, "open") {
				end = start.AddDate(0, 0, rapid.IntRange(1, 400).Draw(t, "length"))
			}
			coef := rapid.Int64Range(0, 100_000).Draw(t, "mrr.coef")
			scale := rapid.Int32Range(0, 3).Draw(t, "mrr.scale")
			sub := ""
			if rapid.Bool().Draw(t, "sub") {
				sub = fmt.Sprintf("s%d-%d", c, i)
			}
			spans = append(spans, revops.Span{Customer: fmt.Sprintf("c%d", c), Subscription: sub, Start: start, End: end, MRR: revops.Monthly(decimal.New(coef, -scale)), Currency: "EUR"})
		}
	}
	return spans
}

// drawPeriods draws months, quarters or custom 10-day periods with gaps over 2024-2025.
func drawPeriods(t *rapid.T) []revops.Period {
	whole, _ := revops.NewPeriod(propBase.AddDate(0, -1, 0), propBase.AddDate(2, 1, 0))
	var out []revops.Period
	switch rapid.IntRange(0, 2).Draw(t, "periods") {
	case 0:
		for m := range whole.Months() {
			out = append(out, m)
		}
	case 1:
		for q := range whole.Quarters() {
			out = append(out, q)
		}
	default:
		for s := propBase; s.Before(propBase.AddDate(2, 0, 0)); s = s.AddDate(0, 0, 25) {
			p, _ := revops.NewPeriod(s, s.AddDate(0, 0, 10))
			out = append(out, p)
		}
	}
	return out
}

func drawConvention(t *rapid.T) revops.MovementConvention {
	return rapid.SampledFrom([]revops.MovementConvention{revops.MovementsNet, revops.MovementsEveryChange}).Draw(t, "convention")
}

func drawPlacement(t *rapid.T) revops.ReactivationPolicy {
	return rapid.SampledFrom([]revops.ReactivationPolicy{{}, {Placement: revops.ReactivationAsExpansion}, revops.ReactivationWindow(30)}).Draw(t, "placement")
}

// TestHistorySeriesProperties checks SPEC.md's history invariants on random spans:
// the bridge identity every period, Start and End equal to the MRR at the period's
// opening and closing instants, customer counts that add up, the retained movements
// within the starting MRR, and GRR ≤ NRR.
func TestHistorySeriesProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spans := drawSpans(t)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		periods := drawPeriods(t)
		series, err := h.Series(periods, drawConvention(t), drawPlacement(t))
		require.NoError(t, err)
		require.Len(t, series, len(periods))
		for _, r := range series {
			bridge := r.Start.Monthly().Add(r.New.Monthly()).Add(r.Expansion.Monthly()).Add(r.Reactivation.Monthly()).Sub(r.Contraction.Monthly()).Sub(r.Churn.Monthly())
			require.True(t, r.End.Monthly().Equal(revops.Monthly(bridge).Monthly()), "%s: End %s, bridge %s", r.Period, r.End, bridge)
			require.True(t, r.Start.Equal(h.MRR(r.Period.Start().Add(-time.Nanosecond))), "%s start", r.Period)
			require.True(t, r.End.Equal(h.MRR(r.Period.End().Add(-time.Nanosecond))), "%s end", r.Period)
			c := r.Customers
			require.Equal(t, r.EndCustomers, c.Start+c.New+c.Reactivated+c.Entered-(c.Churned-c.LeftAndReturned)-c.Left, "%s counts %+v", r.Period, c)
			require.Equal(t, c.Start, len(h.Snapshot(r.Period.Start().Add(-time.Nanosecond)).MRR))
			require.Equal(t, r.EndCustomers, len(h.Snapshot(r.Period.End().Add(-time.Nanosecond)).MRR))
			ret := r.Retention()
			require.True(t, r.GrossLost.Monthly().LessThanOrEqual(ret.Start), "GRR's losses %s above the start %s", r.GrossLost, ret.Start)
			if grr, err := r.GRR.Value(); err == nil {
				nrr, err := r.NRR.Value()
				require.NoError(t, err)
				require.True(t, grr.LessThanOrEqual(nrr) && grr.Sign() >= 0 && grr.LessThanOrEqual(decimal.NewFromInt(1)), "GRR %s NRR %s", grr, nrr)
			} else {
				require.ErrorIs(t, err, revops.ErrZeroDenominator)
				require.True(t, r.Start.IsZero())
			}
			if churn, err := r.CustomerChurn.Value(); err == nil {
				require.True(t, churn.Sign() >= 0 && churn.LessThanOrEqual(decimal.NewFromInt(1)), "churn %s", churn)
			}
		}
	})
}

// TestHistoryMatchesMRRBridge checks the series against a second route: MRRBridge of
// the history's own BridgeInput gives the same movements, period by period, under the
// default net convention (separate reactivation, or folded into expansion).
func TestHistoryMatchesMRRBridge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h, err := revops.NewHistory(drawSpans(t))
		require.NoError(t, err)
		placement := rapid.SampledFrom([]revops.Reactivation{revops.ReactivationSeparate, revops.ReactivationAsExpansion}).Draw(t, "placement")
		periods := drawPeriods(t)
		series, err := h.Series(periods, placement)
		require.NoError(t, err)
		for _, r := range series {
			in, err := h.BridgeInput(r.Period)
			require.NoError(t, err)
			b, err := revops.MRRBridge(in, placement)
			require.NoError(t, err)
			for _, pair := range [][2]decimal.Decimal{{b.Start, r.Start.Monthly()}, {b.End, r.End.Monthly()}, {b.New, r.New.Monthly()}, {b.Expansion, r.Expansion.Monthly()}, {b.Contraction, r.Contraction.Monthly()}, {b.Churn, r.Churn.Monthly()}, {b.Reactivation, r.Reactivation.Monthly()}} {
				require.True(t, pair[0].Equal(pair[1]), "%s: bridge %+v, series %+v", r.Period, b.Movements, r.Movements)
			}
			// Under the net convention the customers of the start make one movement
			// each: their retention is the bridge's, and GRR's losses are its
			// contraction and churn.
			if placement == revops.ReactivationSeparate {
				ret, want := r.Retention(), b.Retention()
				for _, pair := range [][2]decimal.Decimal{{want.Start, ret.Start}, {want.Expansion, ret.Expansion}, {want.Contraction, ret.Contraction}, {want.Churn, ret.Churn}, {want.Contraction.Add(want.Churn), r.GrossLost.Monthly()}} {
					require.True(t, pair[0].Equal(pair[1]), "%s: bridge %+v, retained %+v, gross lost %s", r.Period, want, ret, r.GrossLost)
				}
			}
		}
	})
}

// TestHistoryShardMerge checks the merge contract: splitting the customers into any
// number of shards, building a history of each and merging their totals gives exactly
// the totals, series and cohort table of the whole.
func TestHistoryShardMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spans := drawSpans(t)
		periods := drawPeriods(t)
		opts := []revops.TotalsOption{drawConvention(t), drawPlacement(t)}
		whole, err := revops.NewHistory(spans)
		require.NoError(t, err)
		want, err := whole.TotalsWithCohorts(periods, opts...)
		require.NoError(t, err)
		shards := rapid.IntRange(1, 5).Draw(t, "shards")
		shardOf := map[string]int{}
		parts := make([][]revops.Span, shards)
		for _, s := range spans {
			if _, ok := shardOf[s.Customer]; !ok {
				shardOf[s.Customer] = rapid.IntRange(0, shards-1).Draw(t, "shard")
			}
			parts[shardOf[s.Customer]] = append(parts[shardOf[s.Customer]], s)
		}
		var got revops.Totals
		for i, part := range parts {
			h, err := revops.NewHistory(part)
			require.NoError(t, err)
			tot, err := h.TotalsWithCohorts(periods, opts...)
			require.NoError(t, err)
			if i == 0 {
				got = tot
				continue
			}
			got, err = got.Merge(tot)
			require.NoError(t, err)
		}
		requireSameTotals(t, want, got)
		require.Equal(t, fmt.Sprint(want.Series()), fmt.Sprint(got.Series()))
		require.Equal(t, fmt.Sprint(want.CohortTable()), fmt.Sprint(got.CohortTable()))
	})
}

// requireSameTotals compares two Totals by value: decimals with Equal, the rest exactly.
func requireSameTotals(t require.TestingT, want, got revops.Totals) {
	require.Equal(t, want.Policy, got.Policy)
	require.Equal(t, want.Currency, got.Currency)
	require.Equal(t, want.Spans, got.Spans)
	require.Len(t, got.Periods, len(want.Periods))
	for k, w := range want.Periods {
		g := got.Periods[k]
		require.Equal(t, w.Customers, g.Customers, "%s", w.Period)
		require.Equal(t, w.EndCustomers, g.EndCustomers)
		require.Equal(t, w.MovementCounts, g.MovementCounts)
		for i, pair := range [][2]decimal.Decimal{
			{w.Start.Monthly(), g.Start.Monthly()}, {w.End.Monthly(), g.End.Monthly()}, {w.New.Monthly(), g.New.Monthly()}, {w.Expansion.Monthly(), g.Expansion.Monthly()}, {w.Contraction.Monthly(), g.Contraction.Monthly()},
			{w.Churn.Monthly(), g.Churn.Monthly()}, {w.Reactivation.Monthly(), g.Reactivation.Monthly()}, {w.Retained.Expansion.Monthly(), g.Retained.Expansion.Monthly()},
			{w.Retained.Contraction.Monthly(), g.Retained.Contraction.Monthly()}, {w.Retained.Churn.Monthly(), g.Retained.Churn.Monthly()}, {w.Retained.Reactivation.Monthly(), g.Retained.Reactivation.Monthly()},
		} {
			require.True(t, pair[0].Equal(pair[1]), "%s amount %d: %s vs %s", w.Period, i, pair[0], pair[1])
		}
	}
	require.Len(t, got.Cohorts, len(want.Cohorts))
	for k, w := range want.Cohorts {
		g := got.Cohorts[k]
		require.Equal(t, w.Size, g.Size)
		require.Equal(t, w.Customers, g.Customers)
		for o := range w.MRR {
			require.True(t, w.MRR[o].Equal(g.MRR[o]))
		}
	}
}

// TestHistoryCohortProperties: logo retention in [0, 1], cohort sizes add up to the
// customers who first paid within the periods, and a cohort's first revenue cell is 1.
func TestHistoryCohortProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h, err := revops.NewHistory(drawSpans(t))
		require.NoError(t, err)
		periods := drawPeriods(t)
		avg := rapid.SampledFrom([]revops.CohortAverage{revops.CohortWeighted, revops.CohortSimpleMean}).Draw(t, "average")
		table, err := h.Cohorts(periods, avg)
		require.NoError(t, err)
		require.Len(t, table.Rows, len(periods))
		size := 0
		for _, row := range table.Rows {
			size += row.Size
			require.Len(t, row.Logo, len(row.Customers))
			for k, logo := range row.Logo {
				v, err := logo.Value()
				if row.Size == 0 {
					require.ErrorIs(t, err, revops.ErrZeroDenominator)
					continue
				}
				require.NoError(t, err)
				require.True(t, v.Sign() >= 0 && v.LessThanOrEqual(decimal.NewFromInt(1)), "logo %s", v)
				require.LessOrEqual(t, row.Customers[k], row.Size)
			}
			if first, err := row.Revenue[0].Value(); err == nil {
				requireDecimal(t, "1", first)
			}
		}
		for _, cell := range table.Average {
			if v, err := cell.Logo.Value(); err == nil {
				require.True(t, v.Sign() >= 0 && v.LessThanOrEqual(decimal.NewFromInt(1)), "average logo %s", v)
			}
		}
		require.LessOrEqual(t, size, h.Customers())
	})
}

// TestHistoryTrailingProperties: 0 ≤ GRR ≤ 1 and GRR ≤ NRR, and NRR is the closing MRR
// of the opening's customers over their opening MRR, from snapshots.
func TestHistoryTrailingProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h, err := revops.NewHistory(drawSpans(t))
		require.NoError(t, err)
		p := revops.Month(2025, time.Month(rapid.IntRange(1, 12).Draw(t, "month")))
		w, err := h.TrailingRetention(p, revops.TrailingMonths(rapid.IntRange(1, 12).Draw(t, "window")))
		require.NoError(t, err)
		then, now := h.Snapshot(w.From), h.Snapshot(w.To)
		start, kept := decimal.Zero, decimal.Zero
		for id, v := range then.MRR {
			start = start.Add(v)
			kept = kept.Add(now.MRR[id])
		}
		nrr, err := w.NRR.Value()
		if start.IsZero() {
			require.ErrorIs(t, err, revops.ErrZeroDenominator)
			return
		}
		require.NoError(t, err)
		require.True(t, nrr.Equal(kept.DivRound(start, revops.Scale)), "NRR %s, snapshots %s/%s", nrr, kept, start)
		grr, err := w.GRR.Value()
		require.NoError(t, err)
		require.True(t, grr.Sign() >= 0 && grr.LessThanOrEqual(decimal.NewFromInt(1)) && grr.LessThanOrEqual(nrr))
	})
}

// TrailingSeries equals TrailingRetention period by period, under either ZeroMRR
// choice and any window.
func TestTrailingSeriesMatchesTrailingRetention(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h, err := revops.NewHistory(drawSpans(t))
		require.NoError(t, err)
		periods := drawPeriods(t)
		opts := []revops.WindowOption{revops.TrailingMonths(rapid.IntRange(1, 14).Draw(t, "window")), revops.ZeroMRR(rapid.IntRange(0, 1).Draw(t, "zero"))}
		all, err := h.TrailingSeries(periods, opts...)
		require.NoError(t, err)
		for k, p := range periods {
			one, err := h.TrailingRetention(p, opts...)
			require.NoError(t, err)
			require.Equal(t, fmt.Sprint(one), fmt.Sprint(all[k]), "%s", p)
		}
	})
}
