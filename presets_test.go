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

var monthlyIv = revops.Interval{Count: 1, Unit: revops.Months}

// ChartMogul's published examples.
func TestChartMogulPreset(t *testing.T) {
	p := revops.ChartMogulPolicy()
	// help.chartmogul.com/hc/en-us/articles/203359321: 100 customers at the start, 11
	// canceled, one of whom joined in the month: 10 ÷ 100 = 10 %.
	requireValue(t, "0.1")(revops.CustomerChurnRate(revops.CustomerCounts{Start: 100, New: 1, Churned: 11, JoinedAndLeft: 1}, p))
	// help.chartmogul.com/hc/en-us/articles/207340419: 100 at the start, 12 churned,
	// one of whom reactivated and one of whom joined in the period: 10 %.
	requireValue(t, "0.1")(revops.CustomerChurnRate(revops.CustomerCounts{Start: 100, New: 1, Churned: 12, JoinedAndLeft: 1, LeftAndReturned: 1}, p))

	// help.chartmogul.com/hc/en-us/articles/201244842, Syncalytics: four Gold yearly
	// plans at $500 billed $2,000 are New Business of $166.67 ($2,000 / 12); two Silver
	// monthly plans at $30 a few days later, $60 of Expansion; Silver canceled, $60 of
	// Contraction; Gold canceled, Churn at the end of the year paid for; three Gold
	// monthly plans at $50 later, a Reactivation of $150. The example lists every
	// activity, so the series reports every change.
	gold := revops.BillingSubscription{ID: "gold", Customer: "syncalytics", Currency: "USD", Start: day25(1, 1),
		CancelAtPeriodEnd: true, CurrentPeriodStart: day25(1, 1), CurrentPeriodEnd: day25(1, 1).AddDate(1, 0, 0), CanceledAt: day25(11, 20),
		Items: []revops.BillingItem{{Price: dec("500"), Quantity: 4, Interval: revops.Interval{Count: 1, Unit: revops.Years}}}}
	silver := revops.BillingSubscription{ID: "silver", Customer: "syncalytics", Currency: "USD", Start: day25(1, 10), EndedAt: day25(2, 10),
		Items: []revops.BillingItem{{Price: dec("30"), Quantity: 2, Interval: monthlyIv}}}
	back := revops.BillingSubscription{ID: "gold-monthly", Customer: "syncalytics", Currency: "USD", Start: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		Items: []revops.BillingItem{{Price: dec("50"), Quantity: 3, Interval: monthlyIv}}}
	spans, err := revops.BillingSpans([]revops.BillingSubscription{gold, silver, back}, p)
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	var months []revops.Period
	for m := range mustValue(revops.NewPeriod(day25(1, 1), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))).Months() {
		months = append(months, m)
	}
	series, err := h.Series(months, p, revops.MovementsEveryChange)
	require.NoError(t, err)
	requireDecimal(t, "166.67", series[0].New.Monthly())
	requireDecimal(t, "60", series[0].Expansion.Monthly())
	requireDecimal(t, "60", series[1].Contraction.Monthly())
	require.Equal(t, 0, series[1].MovementCounts.Churn, "another subscription is active: contraction, not churn")
	requireDecimal(t, "166.67", series[12].Churn.Monthly(), "churned in January 2026, when the year paid for ends")
	requireDecimal(t, "150", series[13].Reactivation.Monthly())

	// help.chartmogul.com/hc/en-us/articles/203359061: "with an ARPA of $100 and a 5%
	// six-month trailing average of customer churn rate, LTV is $2,000", the trailing
	// average taken over the six months before, the current month's churn left out.
	ltv := revops.LTVInput{ARPA: dec("100"), GrossMargin: dec("1"), Churn: dec("0.5"),
		ChurnBefore: []decimal.Decimal{dec("0.04"), dec("0.06"), dec("0.05"), dec("0.05"), dec("0.03"), dec("0.07")}}
	requireValue(t, "2000")(revops.LTV(ltv, p))
	ltv.ChurnBefore = ltv.ChurnBefore[1:]
	_, err = revops.LTV(ltv, p)
	requireMetricError(t, err, revops.ErrOutOfRange, "LTV", "ChurnBefore")
}

// ChartMogul's B2C formula, worked by hand over three days: day 1 begins with 10
// customers and ends with 9 of them (1 ÷ 10); day 2 begins with 9, two more join, none
// leave (0); day 3 begins with 11 and ends with 9 of them (2 ÷ 11 = 0.1818181818181818).
func TestDailyChurnRate(t *testing.T) {
	d := func(day, hour int) time.Time { return time.Date(2025, 5, day, hour, 0, 0, 0, time.UTC) }
	var spans []revops.Span
	for i := range 10 {
		s := revops.Span{Customer: fmt.Sprint("c", i), Start: d(1, 0).AddDate(0, -1, 0), MRR: revops.Monthly(dec("10"))}
		switch i {
		case 0:
			s.End = d(1, 15) // leaves on day 1
		case 1, 2:
			s.End = d(3, 9) // leave on day 3
		}
		spans = append(spans, s)
	}
	spans = append(spans, revops.Span{Customer: "n1", Start: d(2, 10), MRR: revops.Monthly(dec("10"))}, revops.Span{Customer: "n2", Start: d(2, 11), MRR: revops.Monthly(dec("10"))})
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	three, err := revops.NewPeriod(d(1, 0), d(4, 0))
	require.NoError(t, err)
	requireValue(t, "0.2818181818181818")(h.DailyChurnRate(three))
	empty, err := revops.NewPeriod(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 3, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	_, err = h.DailyChurnRate(empty)
	requireMetricError(t, err, revops.ErrZeroDenominator, "DailyChurnRate", "p")
	_, err = h.DailyChurnRate(revops.Period{})
	require.ErrorIs(t, err, revops.ErrInvalidPeriod)
}

// Stripe's published examples, and its rolling 30-day subscriber churn worked by hand.
func TestStripePreset(t *testing.T) {
	p := revops.StripePolicy()
	// docs.stripe.com/billing/subscriptions/analytics/glossary: 100 subscribers on
	// Plan A at 100 USD a month and 50 on Plan B at 600 USD a year: 12,500 USD. (The
	// page writes 800 USD/12 in its formula; 12,500 needs the 600 it states.)
	var subs []revops.Subscription
	for i := range 150 {
		c := revops.Charge{Amount: dec("100"), Quantity: 1, Interval: monthlyIv}
		if i >= 100 {
			c = revops.Charge{Amount: dec("600"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years}}
		}
		subs = append(subs, revops.Subscription{Customer: fmt.Sprint("c", i), Currency: "USD", Charges: []revops.Charge{c}})
	}
	mrr, err := revops.MRR(subs, p)
	require.NoError(t, err)
	requireDecimal(t, "12500", mrr.Monthly())
	// support.stripe.com/questions/billing-analytics: a 50 % coupon of forever
	// duration halves the subscription's MRR; once or repeating leaves it.
	half := revops.Charge{Amount: dec("100"), Quantity: 1, Interval: monthlyIv, Discount: revops.Discount{Percent: dec("0.5")}}
	requireDecimal(t, "50", mustValue(revops.ChargeMRR(half, p)).Monthly())
	half.Discount.Duration = revops.DiscountRepeating
	requireDecimal(t, "100", mustValue(revops.ChargeMRR(half, p)).Monthly())
	// Past-due subscriptions count (the glossary).
	subs[0].Status = revops.StatusPastDue
	requireDecimal(t, "12500", mustValue(revops.MRR(subs, p)).Monthly())

	// A 30-day window ending June 30: 40 subscribers 30 days ago, 4 of whom churn in
	// it; 10 new in it, 2 of whom churn in it. Churned 6 ÷ (40 + 10) = 12 %.
	end := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	var spans []revops.Span
	for i := range 40 {
		s := revops.Span{Customer: fmt.Sprint("old", i), Start: end.AddDate(0, -3, 0), MRR: revops.Monthly(dec("20"))}
		if i < 4 {
			s.End = end.AddDate(0, 0, -10+i)
		}
		spans = append(spans, s)
	}
	for i := range 10 {
		s := revops.Span{Customer: fmt.Sprint("new", i), Start: end.AddDate(0, 0, -25+i), MRR: revops.Monthly(dec("20"))}
		if i < 2 {
			s.End = end.AddDate(0, 0, -5)
		}
		spans = append(spans, s)
	}
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	w, err := h.RollingWindow(end, 30, p)
	require.NoError(t, err)
	require.Equal(t, 40, w.Customers.Start)
	requireMetricValue(t, "0.12", w.CustomerChurn)
	_, err = h.RollingWindow(end, 0, p)
	requireMetricError(t, err, revops.ErrOutOfRange, "RollingWindow", "days")
	_, err = h.RollingWindow(time.Time{}, 30, p)
	requireMetricError(t, err, revops.ErrInvalidPeriod, "RollingWindow", "end")
}

// ProfitWell's published examples.
func TestProfitWellPreset(t *testing.T) {
	pw, stripe := revops.ProfitWellPolicy(), revops.StripePolicy()
	// paddle.com/help/profitwell-metrics/measure/subscription-retention/churn: Sarah
	// signs up for a $10 plan on April 15 and cancels on June 8; she has paid through
	// June 15 and churns then. Stripe removes her MRR at the cancellation.
	sarah := revops.BillingSubscription{ID: "s", Customer: "sarah", Currency: "USD", Start: day25(4, 15),
		CancelAtPeriodEnd: true, CurrentPeriodStart: day25(5, 15), CurrentPeriodEnd: day25(6, 15), CanceledAt: day25(6, 8),
		Items: []revops.BillingItem{{Price: dec("10"), Quantity: 1, Interval: monthlyIv}}}
	for _, c := range []struct {
		at        time.Time
		pw, strip string
	}{
		{day25(6, 7), "10", "10"},
		{day25(6, 8), "10", "0"},
		{day25(6, 14), "10", "0"},
		{day25(6, 15), "0", "0"},
	} {
		requireDecimal(t, c.pw, mustValue(sarah.MRRAt(c.at, pw)).Monthly(), "ProfitWell", c.at)
		requireDecimal(t, c.strip, mustValue(sarah.MRRAt(c.at, stripe)).Monthly(), "Stripe", c.at)
	}
	// paddle.com/help/profitwell-metrics/measure/subscription-retention/are-cancellations-
	// in-the-first-month-counted-as-churn: a user who pays $100 on 12/5 and churns on
	// 12/6 never affects churned revenue or the churned count. Beside ten customers of
	// whom one churns: ProfitWell 1 ÷ 10 whatever the denominator; Stripe's counts 2 ÷
	// (10 + 1).
	counts := revops.CustomerCounts{Start: 10, New: 1, Churned: 2, JoinedAndLeft: 1}
	requireValue(t, "0.1")(revops.CustomerChurnRate(counts, pw))
	requireValue(t, "0.1")(revops.CustomerChurnRate(counts, pw, revops.ChurnOverStartPlusNew))
	requireValue(t, "0.1818181818181818")(revops.CustomerChurnRate(counts, stripe))
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "u", Start: time.Date(2025, 12, 5, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 12, 6, 0, 0, 0, 0, time.UTC), MRR: revops.Monthly(dec("100"))},
		{Customer: "v", Start: day25(1, 1), MRR: revops.Monthly(dec("50"))},
	})
	require.NoError(t, err)
	dec25, err := h.Series([]revops.Period{revops.Month(2025, 12)}, pw)
	require.NoError(t, err)
	requireDecimal(t, "0", dec25[0].Churn.Monthly(), "no churned revenue")
	requireDecimal(t, "0", dec25[0].New.Monthly(), "and no new revenue left in the month")
	requireMetricValue(t, "0", dec25[0].CustomerChurn)
	// "Regardless of frequency": a once-off $20 coupon on the first month of a $50
	// plan lowers that month's MRR under ProfitWell, never under the package default.
	once := revops.BillingSubscription{ID: "o", Customer: "w", Start: day25(1, 1),
		Items: []revops.BillingItem{{Price: dec("50"), Quantity: 1, Interval: monthlyIv,
			Discounts: []revops.DatedDiscount{{Discount: revops.Discount{Amount: dec("20"), Duration: revops.DiscountOnce}, End: day25(2, 1)}}}}}
	requireDecimal(t, "30", mustValue(once.MRRAt(day25(1, 15), pw)).Monthly())
	requireDecimal(t, "50", mustValue(once.MRRAt(day25(1, 15))).Monthly())
	requireDecimal(t, "50", mustValue(once.MRRAt(day25(2, 15), pw)).Monthly())
}

// Baremetrics' formulas over a 30-day window, worked by hand: starting MRR 30 days
// ago 10,000 (A 5,000, B 4,600, C 400); A downgrades by 100, B upgrades by 300, C
// churns, and E, a former customer, returns at 200.
func TestBaremetricsPreset(t *testing.T) {
	p := revops.BaremetricsPolicy()
	end := time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)
	open, mid := end.AddDate(0, -6, 0), end.AddDate(0, 0, -15)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "A", Start: open, End: mid, MRR: revops.Monthly(dec("5000"))},
		{Customer: "A", Start: mid, MRR: revops.Monthly(dec("4900"))},
		{Customer: "B", Start: open, End: mid, MRR: revops.Monthly(dec("4600"))},
		{Customer: "B", Start: mid, MRR: revops.Monthly(dec("4900"))},
		{Customer: "C", Start: open, End: mid, MRR: revops.Monthly(dec("400"))},
		{Customer: "E", Start: open, End: open.AddDate(0, 1, 0), MRR: revops.Monthly(dec("150"))},
		{Customer: "E", Start: mid, MRR: revops.Monthly(dec("200"))},
	})
	require.NoError(t, err)
	w, err := h.RollingWindow(end, 30, p)
	require.NoError(t, err)
	requireDecimal(t, "10000", w.Start.Monthly())
	// Net revenue churn = (churned 400 + downgrades 100 − expansion 300) ÷ 10,000 = 2 %;
	// NRR = 100 % − 2 % = 98 %, E's return left out.
	requireMetricValue(t, "0.02", w.NetRevenueChurn)
	requireMetricValue(t, "0.98", w.NRR)
	// Quick ratio (New + Expansion) ÷ (Contraction + Churned) = 300 ÷ 500; the package
	// default counts E's 200 too: 500 ÷ 500.
	requireMetricValue(t, "0.6", w.QuickRatio)
	def, err := h.RollingWindow(end, 30)
	require.NoError(t, err)
	requireMetricValue(t, "1", def.QuickRatio)
}

// Lago's documented conventions.
func TestLagoPreset(t *testing.T) {
	p := revops.LagoPolicy()
	// docs.getlago.com/api-reference/analytics/mrr: weekly revenue × 4.33.
	weekly := revops.Charge{Amount: dec("100"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Weeks}}
	requireDecimal(t, "433", mustValue(revops.ChargeMRR(weekly, p)).Monthly())
	requireDecimal(t, "433.3333333333333333", mustValue(revops.ChargeMRR(weekly)).Monthly(), "52 ÷ 12 by default")
	// Four movements: a returning customer's MRR is Expansion.
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: day(1), End: day(2), MRR: revops.Monthly(dec("80"))},
		{Customer: "a", Start: day(3), MRR: revops.Monthly(dec("90"))},
		{Customer: "b", Start: day(1), MRR: revops.Monthly(dec("10"))},
	})
	require.NoError(t, err)
	series, err := h.Series([]revops.Period{revops.Month(2025, 3)}, p)
	require.NoError(t, err)
	requireDecimal(t, "90", series[0].Expansion.Monthly())
	requireDecimal(t, "0", series[0].Reactivation.Monthly())
	// Per currency: a customer moving from EUR to USD churns in EUR and is new in USD.
	rates, err := revops.NewExchangeRates("USD", []revops.ExchangeRate{{From: "EUR", Date: day(1), Rate: dec("1.1")}})
	require.NoError(t, err)
	converted, err := revops.ConvertSpans([]revops.Span{
		{Customer: "c", Start: day(1), End: day(2), MRR: revops.Monthly(dec("100")), Currency: "EUR"},
		{Customer: "c", Start: day(2), MRR: revops.Monthly(dec("110")), Currency: "USD"},
	}, rates, nil, p)
	require.NoError(t, err)
	hc, err := revops.NewHistory(converted)
	require.NoError(t, err)
	feb, err := hc.Series([]revops.Period{revops.Month(2025, 2)}, p)
	require.NoError(t, err)
	requireDecimal(t, "110", feb[0].Churn.Monthly())
	requireDecimal(t, "110", feb[0].New.Monthly())
}

// The playbook preset reproduces the playbook's classification on its own data.
func TestPlaybookPreset(t *testing.T) {
	spans := testdataPlaybookSpans(t)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	var months []revops.Period
	for m := range mustValue(revops.NewPeriod(time.Date(2017, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC))).Months() {
		months = append(months, m)
	}
	series, err := h.Series(months, revops.PlaybookPolicy())
	require.NoError(t, err)
	model := playbookModel(spans)
	for _, r := range series {
		want := model[r.Period.Start().Format("2006-01")]
		for category, got := range map[string]decimal.Decimal{"new": r.New.Monthly(), "upgrade": r.Expansion.Monthly(), "downgrade": r.Contraction.Monthly(), "churn": r.Churn.Monthly(), "reactivation": r.Reactivation.Monthly()} {
			require.True(t, want[category].amount.Equal(got), "%s %s", r.Period, category)
		}
	}
}

func mustValue[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// DailyChurnRate is the sum, over the days, of the share of the customers paying at a
// day's first instant who pay nothing at its last, counted here from the spans; a
// rolling window is the series of its own period.
func TestDailyChurnAndWindowProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spans := drawSpans(t)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		start := propBase.AddDate(0, 0, rapid.IntRange(0, 700).Draw(t, "from"))
		p, err := revops.NewPeriod(start, start.AddDate(0, 0, rapid.IntRange(1, 20).Draw(t, "days")))
		require.NoError(t, err)
		paying := func(customer string, at time.Time) bool {
			total := decimal.Zero
			for _, s := range spans {
				if s.Customer == customer && !s.Start.After(at) && (s.End.IsZero() || at.Before(s.End)) {
					total = total.Add(s.MRR.Monthly())
				}
			}
			return total.IsPositive()
		}
		want, days := decimal.Zero, 0
		for day := p.Start(); day.Before(p.End()); day = day.AddDate(0, 0, 1) {
			last := day.AddDate(0, 0, 1).Add(-time.Nanosecond)
			active, kept := 0, 0
			for c := range 8 {
				id := fmt.Sprint("c", c)
				if paying(id, day) {
					active++
					if paying(id, last) {
						kept++
					}
				}
			}
			if active > 0 {
				want, days = want.Add(decimal.NewFromInt(int64(active-kept)).DivRound(decimal.NewFromInt(int64(active)), revops.Scale)), days+1
			}
		}
		got, err := h.DailyChurnRate(p)
		if days == 0 {
			require.ErrorIs(t, err, revops.ErrZeroDenominator)
		} else {
			require.NoError(t, err)
			require.True(t, want.Equal(got), "want %s, got %s", want, got)
		}
		w, err := h.RollingWindow(p.End(), int(p.End().Sub(p.Start())/(24*time.Hour)))
		require.NoError(t, err)
		series, err := h.Series([]revops.Period{p})
		require.NoError(t, err)
		require.True(t, series[0].End.Equal(w.End) && series[0].Start.Equal(w.Start))
		require.Equal(t, series[0].Customers, w.Customers)
	})
}
