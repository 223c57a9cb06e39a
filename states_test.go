package revops_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// d25 is a day of 2025, or of 2024 for December.
func d25(m time.Month, day int) time.Time {
	if m == time.December {
		return time.Date(2024, m, day, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(2025, m, day, 0, 0, 0, 0, time.UTC)
}

// mspan is a span of mrr a month.
func mspan(customer string, start, end time.Time, mrr string) revops.Span {
	return revops.Span{Customer: customer, Start: start, End: end, MRR: revops.Monthly(dec(mrr)), Currency: "USD"}
}

// requireMetric fails unless m is defined and equals want.
func requireMetric(t require.TestingT, want string, m revops.Metric, msg ...any) {
	v, err := m.Value()
	require.NoError(t, err, msg...)
	requireDecimal(t, want, v, msg...)
}

// Churn and return within one period (issue 20, case 5): a pays 10 from 2024-12-01,
// cancels 2025-01-10 and returns 01-25 at 20; four others pay 10. Every movement of
// January: churn 10 and reactivation 20; logo churn 0 % (a left and came back); GRR
// (50 − 10) ÷ 50 = 80 %; NRR, reactivation excluded, (50 − 10) ÷ 50 = 80 %, included
// (50 − 10 + 20) ÷ 50 = 120 %. Net movements see a's change as an expansion of 10.
func TestChurnAndReturnWithinPeriod(t *testing.T) {
	spans := []revops.Span{
		mspan("a", d25(12, 1), d25(1, 10), "10"),
		mspan("a", d25(1, 25), time.Time{}, "20"),
	}
	for _, c := range []string{"b", "c", "d", "e"} {
		spans = append(spans, mspan(c, d25(12, 1), time.Time{}, "10"))
	}
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	jan := []revops.Period{revops.Month(2025, 1)}

	every, err := h.Series(jan, revops.MovementsEveryChange)
	require.NoError(t, err)
	r := every[0]
	requireDecimal(t, "10", r.Churn.Monthly())
	requireDecimal(t, "20", r.Reactivation.Monthly())
	requireDecimal(t, "0", r.Expansion.Monthly())
	requireMetric(t, "0", r.CustomerChurn)
	requireMetric(t, "0.8", r.GRR)
	requireMetric(t, "0.8", r.NRR)
	included, err := h.Series(jan, revops.MovementsEveryChange, revops.NRRIncludesReactivation)
	require.NoError(t, err)
	requireMetric(t, "1.2", included[0].NRR)

	net, err := h.Series(jan)
	require.NoError(t, err)
	requireDecimal(t, "10", net[0].Expansion.Monthly())
	requireDecimal(t, "0", net[0].Churn.Monthly())
	requireMetric(t, "1.2", net[0].NRR)
	requireMetric(t, "1", net[0].GRR)
}

// Property: under either convention and any placement, 0 ≤ GRR ≤ 1 and GRR ≤ NRR,
// and the customer counts add up: End = Start + New + Reactivated − (Churned −
// LeftAndReturned).
func TestRetentionBoundsEveryConvention(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spans := drawSpans(t)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		series, err := h.Series(drawPeriods(t), drawConvention(t), drawPlacement(t),
			revops.NRRReactivation(rapid.IntRange(0, 1).Draw(t, "nrr")), revops.ZeroMRR(rapid.IntRange(0, 1).Draw(t, "zero")))
		require.NoError(t, err)
		for _, r := range series {
			grr, err := r.GRR.Value()
			if err != nil {
				require.Zero(t, r.Start.Sign())
				continue
			}
			nrr, err := r.NRR.Value()
			require.NoError(t, err)
			require.True(t, grr.Sign() >= 0 && grr.LessThanOrEqual(decimal.NewFromInt(1)), "GRR %s", grr)
			require.True(t, grr.LessThanOrEqual(nrr), "GRR %s above NRR %s", grr, nrr)
			c := r.Customers
			require.Equal(t, r.EndCustomers, c.Start+c.New+c.Reactivated-(c.Churned-c.LeftAndReturned), "%+v", c)
		}
	})
}

// Customers who still subscribe but pay nothing (issue 20, case 3): a and b pay 50;
// from March a has a 100 % discount for ever, a span of zero MRR. By default (and as
// Stripe, Baremetrics and ProfitWell count) a churns in March: logo churn 1 ÷ 2 =
// 50 %, churn 50. Under ZeroMRRContracts (ChartMogul) a is still a customer: a
// contraction of 50, logo churn 0 %, two customers at the close of March; and when the
// discount ends in June a is an expansion, not a reactivation.
func TestZeroMRRCustomers(t *testing.T) {
	h, err := revops.NewHistory([]revops.Span{
		mspan("a", d25(1, 1), d25(3, 1), "50"),
		mspan("a", d25(3, 1), d25(6, 1), "0"),
		mspan("a", d25(6, 1), time.Time{}, "50"),
		mspan("b", d25(1, 1), time.Time{}, "50"),
	})
	require.NoError(t, err)
	months := []revops.Period{revops.Month(2025, 3), revops.Month(2025, 6)}

	churns, err := h.Series(months)
	require.NoError(t, err)
	requireMetric(t, "0.5", churns[0].CustomerChurn)
	requireDecimal(t, "50", churns[0].Churn.Monthly())
	require.Equal(t, 1, churns[0].EndCustomers)
	requireDecimal(t, "50", churns[1].Reactivation.Monthly())

	for _, p := range []revops.SeriesOption{revops.ZeroMRRContracts, revops.ChartMogulPolicy()} {
		stays, err := h.Series(months, p)
		require.NoError(t, err)
		mar, jun := stays[0], stays[1]
		requireMetric(t, "0", mar.CustomerChurn)
		requireDecimal(t, "50", mar.Contraction.Monthly())
		requireDecimal(t, "0", mar.Churn.Monthly())
		require.Equal(t, 2, mar.EndCustomers)
		requireMetric(t, "0.5", mar.GRR)
		requireDecimal(t, "50", jun.Expansion.Monthly())
		requireDecimal(t, "0", jun.Reactivation.Monthly())
		require.Zero(t, jun.Customers.Reactivated)
	}
}

// A stretch of zero MRR before a customer's first payment (a trial) never makes it a
// customer: it is new when it first pays, and a trial that never converts is never
// new and never churns, under either ZeroMRR choice.
func TestZeroMRRBeforeFirstPayment(t *testing.T) {
	h, err := revops.NewHistory([]revops.Span{
		mspan("converts", d25(1, 10), d25(2, 10), "0"),
		mspan("converts", d25(2, 10), time.Time{}, "30"),
		mspan("never", d25(1, 10), d25(2, 10), "0"),
		mspan("b", d25(1, 1), time.Time{}, "10"),
	})
	require.NoError(t, err)
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)}
	for _, z := range []revops.ZeroMRR{revops.ZeroMRRChurns, revops.ZeroMRRContracts} {
		s, err := h.Series(months, z)
		require.NoError(t, err)
		require.Equal(t, revops.CustomerCounts{New: 1}, s[0].Customers, "January: only b")
		require.Equal(t, revops.CustomerCounts{Start: 1, New: 1}, s[1].Customers, "February: converts is new, never is nothing")
		requireDecimal(t, "30", s[1].New.Monthly())
	}
	require.Equal(t, 2, h.Customers())
}

// The movement log: a hand example, and the property that its amounts add up to the
// series' movements of each kind, under both conventions.
func TestChanges(t *testing.T) {
	h, err := revops.NewHistory([]revops.Span{
		mspan("a", d25(1, 1), d25(2, 15), "10"),
		mspan("a", d25(2, 15), time.Time{}, "25"),
		mspan("b", d25(1, 1), d25(2, 20), "40"),
		mspan("c", d25(2, 3), time.Time{}, "7"),
	})
	require.NoError(t, err)
	log, err := h.Changes([]revops.Period{revops.Month(2025, 2)})
	require.NoError(t, err)
	require.Len(t, log, 3)
	want := []struct {
		customer      string
		movement      revops.Movement
		before, after string
		amount        string
	}{
		{"a", revops.MovementExpansion, "10", "25", "15"},
		{"b", revops.MovementChurn, "40", "0", "40"},
		{"c", revops.MovementNew, "0", "7", "7"},
	}
	for i, w := range want {
		g := log[i]
		require.Equal(t, w.customer, g.Customer)
		require.Equal(t, w.movement, g.Movement)
		requireDecimal(t, w.before, g.Before.Monthly())
		requireDecimal(t, w.after, g.After.Monthly())
		requireDecimal(t, w.amount, g.Amount().Monthly())
		require.Equal(t, d25(3, 1).Add(-time.Nanosecond), g.At)
	}
	every, err := h.Changes([]revops.Period{revops.Month(2025, 2)}, revops.MovementsEveryChange)
	require.NoError(t, err)
	require.Equal(t, d25(2, 15), every[0].At)

	rapid.Check(t, func(t *rapid.T) {
		h, err := revops.NewHistory(drawSpans(t))
		require.NoError(t, err)
		periods := drawPeriods(t)
		opts := []revops.SeriesOption{drawConvention(t), drawPlacement(t)}
		series, err := h.Series(periods, opts...)
		require.NoError(t, err)
		log, err := h.Changes(periods, opts...)
		require.NoError(t, err)
		for _, r := range series {
			sums := map[revops.Movement]revops.Recurring{}
			for _, c := range log {
				if c.Period == r.Period {
					sums[c.Movement], err = sums[c.Movement].Add(c.Amount())
					require.NoError(t, err)
				}
			}
			for mv, want := range map[revops.Movement]revops.Recurring{revops.MovementNew: r.New, revops.MovementExpansion: r.Expansion,
				revops.MovementContraction: r.Contraction, revops.MovementChurn: r.Churn, revops.MovementReactivation: r.Reactivation} {
				require.True(t, want.Equal(sums[mv]), "%s %s: series %s, log %s", r.Period, mv, want, sums[mv])
			}
		}
	})
}

// A plan switch inside a segment (ChartMogul's plan filter): a moves from plan A at
// 50 to plan B at 30 on 2025-03-10; b pays 20 on plan A throughout. In A's series
// March shows Leaving 50 (not churn, no logo churn), in B's Entering 30 (not new); the
// whole business shows a contraction of 20.
func TestSegmentPlanSwitch(t *testing.T) {
	planA := []revops.Span{mspan("a", d25(1, 1), d25(3, 10), "50"), mspan("b", d25(1, 1), time.Time{}, "20")}
	planB := []revops.Span{mspan("a", d25(3, 10), time.Time{}, "30")}
	whole, err := revops.NewHistory(append(append([]revops.Span{}, planA...), planB...))
	require.NoError(t, err)
	a, err := revops.NewHistory(planA)
	require.NoError(t, err)
	b, err := revops.NewHistory(planB)
	require.NoError(t, err)
	mar := []revops.Period{revops.Month(2025, 3)}
	for _, conv := range []revops.MovementConvention{revops.MovementsNet, revops.MovementsEveryChange} {
		t.Run(conv.String(), func(t *testing.T) {
			sa, err := revops.SegmentSeries(whole, a, mar, conv)
			require.NoError(t, err)
			requireDecimal(t, "50", sa[0].Leaving.Monthly())
			requireDecimal(t, "0", sa[0].Churn.Monthly())
			requireMetric(t, "0", sa[0].CustomerChurn)
			require.Equal(t, revops.CustomerCounts{Start: 2, Left: 1}, sa[0].Customers)
			require.Equal(t, 1, sa[0].EndCustomers)
			sb, err := revops.SegmentSeries(whole, b, mar, conv)
			require.NoError(t, err)
			requireDecimal(t, "30", sb[0].Entering.Monthly())
			requireDecimal(t, "0", sb[0].New.Monthly())
			require.Equal(t, revops.CustomerCounts{Entered: 1}, sb[0].Customers)
			all, err := whole.Series(mar, conv)
			require.NoError(t, err)
			if conv == revops.MovementsNet {
				requireDecimal(t, "20", all[0].Contraction.Monthly())
			}
		})
	}
}

// Property: each segment's bridge holds with Entering and Leaving, and the segments'
// series of a partition of the spans add up to the whole series' Start and End.
func TestSegmentsAddUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spans := drawSpans(t)
		segOf := make([]int, len(spans))
		parts := make([][]revops.Span, 2)
		for i, s := range spans {
			segOf[i] = rapid.IntRange(0, 1).Draw(t, fmt.Sprint("segment", i))
			parts[segOf[i]] = append(parts[segOf[i]], s)
		}
		whole, err := revops.NewHistory(spans)
		require.NoError(t, err)
		periods := drawPeriods(t)
		all, err := whole.Series(periods)
		require.NoError(t, err)
		var start, end [][]revops.Recurring
		for _, part := range parts {
			seg, err := revops.NewHistory(part)
			require.NoError(t, err)
			s, err := revops.SegmentSeries(whole, seg, periods)
			require.NoError(t, err)
			var st, en []revops.Recurring
			for _, r := range s {
				st, en = append(st, r.Start), append(en, r.End)
				bridge := r.Start.Monthly().Add(r.New.Monthly()).Add(r.Expansion.Monthly()).Add(r.Reactivation.Monthly()).
					Sub(r.Contraction.Monthly()).Sub(r.Churn.Monthly()).Add(r.Entering.Monthly()).Sub(r.Leaving.Monthly())
				require.True(t, r.End.Monthly().Equal(bridge), "segment bridge %s: %s vs %s", r.Period, r.End, bridge)
			}
			start, end = append(start, st), append(end, en)
		}
		for k, r := range all {
			s, err := start[0][k].Add(start[1][k])
			require.NoError(t, err)
			e, err := end[0][k].Add(end[1][k])
			require.NoError(t, err)
			require.True(t, r.Start.Equal(s), "start %s", r.Period)
			require.True(t, r.End.Equal(e), "end %s", r.Period)
		}
	})
}

// A repeating coupon on a yearly plan (issue 19, case 5): 120 a year from 2025-01-01,
// 50 % off repeating for three months (to 2025-04-01); one invoice covers the year. The
// discount applies to the billing periods that start while it runs, for their whole
// length: MRR 120 × 0.5 ÷ 12 = 5 for the year and no April movement, by default and
// under ChartMogul's invoice-based conventions; 10 throughout under Stripe's, where a
// finite coupon does not count.
func TestRepeatingCouponOnYearlyPlan(t *testing.T) {
	jan := d25(1, 1)
	sub := revops.BillingSubscription{ID: "sub_1", Customer: "a", Currency: "USD", Start: jan,
		Items: []revops.BillingItem{{Price: dec("120"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years},
			Discounts: []revops.DatedDiscount{{Discount: revops.Discount{Percent: dec("0.5"), Duration: revops.DiscountRepeating}, Start: jan, End: d25(4, 1)}}}}}
	var months []revops.Period
	for m := time.January; m <= time.December; m++ {
		months = append(months, revops.Month(2025, m))
	}
	for _, c := range []struct {
		name   string
		policy revops.Policy
		mrr    string
	}{{"default", revops.Policy{}, "5"}, {"chartmogul", revops.ChartMogulPolicy(), "5"}, {"stripe", revops.StripePolicy(), "10"}} {
		t.Run(c.name, func(t *testing.T) {
			spans, err := revops.BillingSpans([]revops.BillingSubscription{sub}, c.policy)
			require.NoError(t, err)
			h, err := revops.NewHistory(spans)
			require.NoError(t, err)
			series, err := h.Series(months, c.policy)
			require.NoError(t, err)
			for _, r := range series {
				requireDecimal(t, c.mrr, r.End.Monthly(), r.Period.String())
				if r.Period.Start().After(jan) {
					require.Zero(t, r.Expansion.Sign(), r.Period.String())
				}
			}
		})
	}
	// A coupon applied mid-period applies from the next period: 100 a month on the
	// 1st, 20 % off from March 10 for ever: 100 in March, 80 from April.
	m := revops.BillingSubscription{ID: "sub_2", Customer: "b", Start: jan, Items: []revops.BillingItem{{Price: dec("100"), Quantity: 1,
		Interval: revops.Interval{Count: 1, Unit: revops.Months}, Discounts: []revops.DatedDiscount{{Discount: revops.Discount{Percent: dec("0.2")}, Start: d25(3, 10)}}}}}
	for _, c := range []struct {
		at   time.Time
		want string
	}{{d25(3, 20), "100"}, {d25(4, 1), "80"}} {
		r, err := m.MRRAt(c.at)
		require.NoError(t, err)
		requireDecimal(t, c.want, r.Monthly())
	}
}

// A trial added to a running subscription (issue 20, case 1): 10 a month since
// 2025-01-01; on 04-15 a free-month offer puts it in a trial to 05-15. MRR 10 at the
// close of January, February and March, New in January; the free month is a stretch
// at zero MRR, churn then reactivation by default, a contraction and an expansion
// under ZeroMRRContracts.
func TestTrialAddedToRunningSubscription(t *testing.T) {
	sub := revops.BillingSubscription{ID: "sub_1", Customer: "a", Currency: "USD", Start: d25(1, 1),
		TrialStart: d25(4, 15), TrialEnd: d25(5, 15), Status: revops.StatusTrialing,
		CurrentPeriodStart: d25(4, 15), CurrentPeriodEnd: d25(5, 15),
		Items: []revops.BillingItem{{Price: dec("10"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months}}}}
	spans, err := revops.BillingSpans([]revops.BillingSubscription{sub})
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3), revops.Month(2025, 4), revops.Month(2025, 5)}
	s, err := h.Series(months)
	require.NoError(t, err)
	for _, r := range s[:3] {
		requireDecimal(t, "10", r.End.Monthly(), r.Period.String())
	}
	requireDecimal(t, "10", s[0].New.Monthly())
	require.Equal(t, 1, s[0].Customers.New)
	requireDecimal(t, "10", s[3].Churn.Monthly())
	requireDecimal(t, "10", s[4].Reactivation.Monthly())
	stays, err := h.Series(months, revops.ZeroMRRContracts)
	require.NoError(t, err)
	requireDecimal(t, "10", stays[3].Contraction.Monthly())
	require.Equal(t, 1, stays[3].EndCustomers)
	requireDecimal(t, "10", stays[4].Expansion.Monthly())
}

// Pauses (issue 20, case 2): ten customers at 20 a month; one paused from 2025-03-10,
// resuming 06-01. By default the pause pays nothing and zero MRR is churn: March logo
// churn 1 ÷ 10 = 10 % and a June reactivation. Under "still a customer"
// (ZeroMRRContracts) March logo churn is 0 % and June shows an expansion, no
// reactivation; with PausesKeepMRR (ChartMogul, for Stripe's pauses) nothing moves.
func TestPauses(t *testing.T) {
	var subs []revops.BillingSubscription
	for i := range 10 {
		subs = append(subs, revops.BillingSubscription{ID: fmt.Sprint("sub_", i), Customer: fmt.Sprint("c", i), Currency: "USD", Start: d25(1, 1),
			Items: []revops.BillingItem{{Price: dec("20"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months}}}})
	}
	subs[0].PauseStart, subs[0].PauseEnd = d25(3, 10), d25(6, 1)
	months := []revops.Period{revops.Month(2025, 3), revops.Month(2025, 6)}
	for _, c := range []struct {
		name                   string
		policy                 revops.Policy
		churn, react, exp, mar string
	}{
		{"churns", revops.Policy{}, "0.1", "20", "0", "180"},
		{"still a customer", revops.Policy{ZeroMRR: revops.ZeroMRRContracts}, "0", "0", "20", "180"},
		{"mrr kept", revops.Policy{Pauses: revops.PausesKeepMRR}, "0", "0", "0", "200"},
		{"chartmogul", revops.ChartMogulPolicy(), "0", "0", "0", "200"},
	} {
		t.Run(c.name, func(t *testing.T) {
			spans, err := revops.BillingSpans(subs, c.policy)
			require.NoError(t, err)
			h, err := revops.NewHistory(spans)
			require.NoError(t, err)
			s, err := h.Series(months, c.policy)
			require.NoError(t, err)
			requireMetric(t, c.churn, s[0].CustomerChurn)
			requireDecimal(t, c.mar, s[0].End.Monthly())
			requireDecimal(t, c.react, s[1].Reactivation.Monthly())
			requireDecimal(t, c.exp, s[1].Expansion.Monthly())
		})
	}
}

// Dunning dated by the record (issue 20, case 4): 50 a month from 2025-01-20; the
// 03-20 renewal fails and Stripe marks the subscription unpaid on 04-03; another
// customer pays 50. MRR 100 at the close of March, churn 50 in April, whatever the
// date of the export; a status with no date is refused instead of dated by the
// export.
func TestDunningDatedByTheRecord(t *testing.T) {
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	for _, exported := range []time.Time{d25(4, 10), d25(7, 1)} {
		unpaid := revops.BillingSubscription{ID: "sub_1", Customer: "a", Currency: "USD", Start: d25(1, 20),
			Status: revops.StatusUnpaid, StatusSince: d25(4, 3),
			CurrentPeriodStart: billingPeriodOf(exported), CurrentPeriodEnd: billingPeriodOf(exported).AddDate(0, 1, 0),
			Items: []revops.BillingItem{{Price: dec("50"), Quantity: 1, Interval: monthly}}}
		other := revops.BillingSubscription{ID: "sub_2", Customer: "b", Currency: "USD", Start: d25(1, 1),
			Items: []revops.BillingItem{{Price: dec("50"), Quantity: 1, Interval: monthly}}}
		spans, err := revops.BillingSpans([]revops.BillingSubscription{unpaid, other})
		require.NoError(t, err)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		s, err := h.Series([]revops.Period{revops.Month(2025, 3), revops.Month(2025, 4), revops.Month(2025, 6)})
		require.NoError(t, err)
		requireDecimal(t, "100", s[0].End.Monthly(), "exported %s", exported)
		requireDecimal(t, "50", s[1].Churn.Monthly(), "exported %s", exported)
		requireDecimal(t, "0", s[2].Churn.Monthly(), "exported %s", exported)

		unpaid.StatusSince = time.Time{}
		_, err = revops.BillingSpans([]revops.BillingSubscription{unpaid})
		e := requireError(t, err, revops.ErrInconsistent)
		require.Equal(t, "StatusSince", e.Field)
	}
}

// billingPeriodOf is the start of the billing period, anchored on the 20th, that
// holds t.
func billingPeriodOf(t time.Time) time.Time {
	p := time.Date(t.Year(), t.Month(), 20, 0, 0, 0, 0, time.UTC)
	if p.After(t) {
		p = p.AddDate(0, -1, 0)
	}
	return p
}

// Stripe's incomplete statuses: a subscription whose first payment never succeeded
// never paid, so it is never New and never churns; one exported incomplete is no
// customer yet.
func TestIncompleteNeverPaid(t *testing.T) {
	for _, st := range []revops.Status{revops.StatusIncomplete, revops.StatusIncompleteExpired} {
		sub := revops.BillingSubscription{ID: "sub_1", Customer: "a", Currency: "USD", Start: d25(2, 1), Status: st,
			Items: []revops.BillingItem{{Price: dec("30"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months}}}}
		if st == revops.StatusIncompleteExpired {
			sub.EndedAt = d25(2, 2)
		}
		got, err := sub.StatusAt(d25(3, 1))
		require.NoError(t, err)
		if st == revops.StatusIncomplete {
			require.Equal(t, st, got)
		}
		spans, err := revops.BillingSpans([]revops.BillingSubscription{sub})
		require.NoError(t, err)
		require.Empty(t, spans, st.String())
	}
}

// Time zones (issue 20, case 7): a business on Los Angeles time. A customer starting
// at 2025-08-31 17:30 local and one at 23:30 UTC on 08-31 (16:30 in Los Angeles) are
// both August customers: New 30 + 20 = 50 in August, nothing in September. A
// date-only cell is the day's midnight in the zone.
func TestTimeZones(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"a,2025-08-31T17:30:00-07:00,,30\n" +
		"b,2025-08-31T23:30:00Z,,20\n" +
		"c,2025-09-01,,5\n"
	spans, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{Location: la})
	require.NoError(t, err)
	require.True(t, spans[2].Start.Equal(time.Date(2025, 9, 1, 0, 0, 0, 0, la)))
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	s, err := h.Series([]revops.Period{revops.MonthIn(2025, time.August, la), revops.MonthIn(2025, time.September, la)})
	require.NoError(t, err)
	requireDecimal(t, "50", s[0].New.Monthly())
	require.Equal(t, 2, s[0].Customers.New)
	requireDecimal(t, "5", s[1].New.Monthly())
	// In UTC months, b (23:30 UTC) is still August but a (00:30 UTC September 1) is
	// September's: the zone matters.
	utc, err := h.Series([]revops.Period{revops.Month(2025, time.August), revops.Month(2025, time.September)})
	require.NoError(t, err)
	requireDecimal(t, "20", utc[0].New.Monthly())
}
