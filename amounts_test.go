package revops_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Annual plans through spans are exact (issue 19, case 1): three customers on $1,000
// a year give MRR 3 × 1000 ÷ 12 = 250 and ARR 3,000 exactly; three $50-a-year plans
// 12.5 and 150. By every route: the CSV reader with an interval column,
// SpanFromCharge, and BillingSpans.
func TestAnnualPlansExact(t *testing.T) {
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ price, mrr, arr string }{{"1000", "250", "3000"}, {"50", "12.5", "150"}} {
		routes := map[string][]revops.Span{}
		var csv strings.Builder
		csv.WriteString("customer_id,start_date,end_date,price,interval\n")
		var subs []revops.BillingSubscription
		for _, id := range []string{"a", "b", "c"} {
			fmt.Fprintf(&csv, "%s,2025-01-01,,%s,year\n", id, c.price)
			s, err := revops.SpanFromCharge(revops.ChargeSpan{Customer: id, Start: jan, Charge: revops.Charge{Amount: dec(c.price), Quantity: 1, Interval: yearly}})
			require.NoError(t, err)
			routes["SpanFromCharge"] = append(routes["SpanFromCharge"], s)
			subs = append(subs, revops.BillingSubscription{ID: "sub_" + id, Customer: id, Start: jan,
				Items: []revops.BillingItem{{Price: dec(c.price), Quantity: 1, Interval: yearly}}})
		}
		var err error
		routes["ReadSpans"], err = revops.ReadSpans(strings.NewReader(csv.String()), revops.SpanColumns{Amount: "price", Interval: "interval"})
		require.NoError(t, err)
		routes["BillingSpans"], err = revops.BillingSpans(subs)
		require.NoError(t, err)
		for name, spans := range routes {
			h, err := revops.NewHistory(spans)
			require.NoError(t, err, name)
			s, err := h.Series([]revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)})
			require.NoError(t, err, name)
			for _, r := range s {
				requireDecimal(t, c.mrr, r.End.Monthly(), name)
				requireDecimal(t, c.arr, r.End.Annual(), name)
			}
			requireDecimal(t, "0", s[1].Expansion.Monthly(), name)
			requireDecimal(t, c.arr, h.MRR(jan).Annual(), name)
		}
	}
}

// Property: for any mix of intervals (days, weeks, months, N months, years, N years)
// and prices, the ARR of the history equals Σ price × periods a year, worked out here
// with big rationals: a price every n days is 365 ÷ n periods a year, every n weeks
// 52 ÷ n, every n months 12 ÷ n, every n years 1 ÷ n. Exact whenever that sum has a
// finite decimal form, and rounded once to Scale places otherwise; the integer and
// the exact paths agree (the amounts are drawn small and large).
func TestARRIsPriceTimesPeriods(t *testing.T) {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "spans")
		spans := make([]revops.Span, n)
		want := new(big.Rat)
		for i := range spans {
			price := decimal.New(rapid.Int64Range(0, 1e15).Draw(t, "coef"), -rapid.Int32Range(0, 4).Draw(t, "scale"))
			iv := revops.Interval{Count: rapid.IntRange(1, 5).Draw(t, "count"), Unit: revops.IntervalUnit(rapid.IntRange(1, 4).Draw(t, "unit"))}
			s, err := revops.SpanFromCharge(revops.ChargeSpan{Customer: fmt.Sprint(rapid.IntRange(0, 3).Draw(t, "customer")), Start: jan,
				Charge: revops.Charge{Amount: price, Quantity: 1, Interval: iv}})
			require.NoError(t, err)
			spans[i] = s
			perYear := map[revops.IntervalUnit]int64{revops.Days: 365, revops.Weeks: 52, revops.Months: 12, revops.Years: 1}[iv.Unit]
			p, _ := new(big.Rat).SetString(price.String())
			want.Add(want, p.Mul(p, big.NewRat(perYear, int64(iv.Count))))
		}
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		got := h.MRR(jan).Annual()
		// want rounded half away from zero to Scale places.
		scaled := new(big.Rat).Mul(want, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(revops.Scale), nil)))
		q, r := new(big.Int).QuoRem(scaled.Num(), scaled.Denom(), new(big.Int))
		if new(big.Int).Mul(r, big.NewInt(2)).Cmp(scaled.Denom()) >= 0 {
			q.Add(q, big.NewInt(1))
		}
		requireDecimal(t, decimal.NewFromBigInt(q, -revops.Scale).String(), got)
	})
}

// Billing steps, not calendar days (issue 19, case 2): invoice lines of 100 for
// 2025-01-31 → 02-28, 02-28 → 03-31 and 03-31 → 04-30 are one month each (the anchor
// is the 31st, clamped to February's 28th): MRR 100 in each, no movement. Weekly lines
// of 10 give 10 × 52 ÷ 12 = 130/3 and daily lines of 1 give 365/12, constant.
func TestBillingSteps(t *testing.T) {
	d := func(m time.Month, day int) time.Time { return time.Date(2025, m, day, 0, 0, 0, 0, time.UTC) }
	line := func(from, to time.Time, amount string, unit revops.IntervalUnit) revops.InvoiceLine {
		return revops.InvoiceLine{Customer: "a", Subscription: "s", ServiceStart: from, ServiceEnd: to, Amount: dec(amount), Interval: revops.Interval{Count: 1, Unit: unit}}
	}
	monthly := []revops.InvoiceLine{line(d(1, 31), d(2, 28), "100", revops.Months), line(d(2, 28), d(3, 31), "100", revops.Months), line(d(3, 31), d(4, 30), "100", revops.Months)}
	var weekly, daily []revops.InvoiceLine
	for w := d(1, 6); w.Before(d(4, 28)); w = w.AddDate(0, 0, 7) {
		weekly = append(weekly, line(w, w.AddDate(0, 0, 7), "10", revops.Weeks))
	}
	for day := d(1, 1); day.Before(d(4, 1)); day = day.AddDate(0, 0, 1) {
		daily = append(daily, line(day, day.AddDate(0, 0, 1), "1", revops.Days))
	}
	for _, c := range []struct {
		name  string
		lines []revops.InvoiceLine
		mrr   revops.Recurring
	}{
		{"monthly from the 31st", monthly, revops.Monthly(dec("100"))},
		{"weekly", weekly, mustRecurring(t, "10", revops.Weeks)},
		{"daily", daily, mustRecurring(t, "1", revops.Days)},
	} {
		t.Run(c.name, func(t *testing.T) {
			spans, err := revops.InvoiceSpans(c.lines)
			require.NoError(t, err)
			for _, s := range spans {
				require.True(t, c.mrr.Equal(s.MRR), "%s → %s: %s, want %s", s.Start, s.End, s.MRR, c.mrr)
			}
			h, err := revops.NewHistory(spans)
			require.NoError(t, err)
			series, err := h.Series([]revops.Period{revops.Month(2025, 2), revops.Month(2025, 3)})
			require.NoError(t, err)
			for _, r := range series {
				require.True(t, c.mrr.Equal(r.End), "%s: %s", r.Period, r.End)
				requireDecimal(t, "0", r.Contraction.Monthly())
				requireDecimal(t, "0", r.Expansion.Monthly())
				requireMetric(t, "1", r.GRR)
			}
		})
	}
	// 43.33… and 30.42 to the cent, as the issue states them.
	requireDecimal(t, "43.33", mustRound(t, mustRecurring(t, "10", revops.Weeks)))
	requireDecimal(t, "30.42", mustRound(t, mustRecurring(t, "1", revops.Days)))
	// A rest shorter than a step is its share of the step it lies in: 15/31 of
	// January is 62 ÷ 15/31 = 1922/15 = 128.13… a month, which Fraction writes with a
	// denominator coprime with 10 as 384.4/3; with the anchor on the 1st, January 15 to
	// February 1 is 17/31 of January's step, and 17 for it is 31 a month.
	s, err := revops.SpanFromInvoiceLine(revops.InvoiceLine{Customer: "a", ServiceStart: d(1, 1), ServiceEnd: d(1, 16), Amount: dec("62")})
	require.NoError(t, err)
	num, den := s.MRR.Fraction()
	require.Equal(t, "384.4/3", num.String()+"/"+fmt.Sprint(den))
	s, err = revops.SpanFromInvoiceLine(revops.InvoiceLine{Customer: "a", ServiceStart: d(1, 15), ServiceEnd: d(2, 1), Amount: dec("17"), Anchor: 1})
	require.NoError(t, err)
	requireDecimal(t, "31", s.MRR.Monthly())
}

// mustRecurring is ChargeMRR of a price per one unit.
func mustRecurring(t require.TestingT, price string, unit revops.IntervalUnit) revops.Recurring {
	r, err := revops.ChargeMRR(revops.Charge{Amount: dec(price), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: unit}})
	require.NoError(t, err)
	return r
}

func mustRound(t require.TestingT, r revops.Recurring) decimal.Decimal {
	d, err := r.RoundMonthly("USD")
	require.NoError(t, err)
	return d
}

// Property: for every anchor day 1–31 and every interval unit, equal consecutive
// invoice lines give one constant MRR: every span the same, and a series with no
// expansion or contraction.
func TestEqualLinesConstantMRR(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		unit := revops.IntervalUnit(rapid.IntRange(1, 4).Draw(t, "unit"))
		count := rapid.IntRange(1, 3).Draw(t, "count")
		day := rapid.IntRange(1, 31).Draw(t, "anchor")
		year := rapid.IntRange(2023, 2028).Draw(t, "year") // leap years among them
		month := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		last := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		start := time.Date(year, month, min(day, last), 0, 0, 0, 0, time.UTC)
		iv := revops.Interval{Count: count, Unit: unit}
		explicit := rapid.Bool().Draw(t, "explicit anchor")
		var lines []revops.InvoiceLine
		from := start
		for k := 1; k <= rapid.IntRange(2, 14).Draw(t, "lines"); k++ {
			var to time.Time
			switch unit {
			case revops.Days:
				to = start.AddDate(0, 0, k*count)
			case revops.Weeks:
				to = start.AddDate(0, 0, 7*k*count)
			default:
				months := k * count
				if unit == revops.Years {
					months *= 12
				}
				y, m := start.Year(), start.Month()+time.Month(months)
				l := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
				to = time.Date(y, m, min(day, l), 0, 0, 0, 0, time.UTC)
			}
			l := revops.InvoiceLine{Customer: "a", Subscription: "s", ServiceStart: from, ServiceEnd: to, Amount: dec("120"), Interval: iv}
			if explicit {
				l.Anchor = day
			}
			lines = append(lines, l)
			from = to
		}
		spans, err := revops.InvoiceSpans(lines)
		require.NoError(t, err)
		for _, s := range spans[1:] {
			require.True(t, spans[0].MRR.Equal(s.MRR), "%s → %s: %s, first %s", s.Start, s.End, s.MRR, spans[0].MRR)
		}
		// The MRR of one step of the interval: 120 ÷ (count × months a unit).
		want, err := revops.ChargeMRR(revops.Charge{Amount: dec("120"), Quantity: 1, Interval: iv})
		require.NoError(t, err)
		require.True(t, want.Equal(spans[0].MRR), "%s, want %s", spans[0].MRR, want)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		var periods []revops.Period
		for p := revops.Month(start.Year(), start.Month()).Next(); p.End().Before(from); p = p.Next() {
			periods = append(periods, p)
		}
		if len(periods) == 0 {
			return
		}
		series, err := h.Series(periods)
		require.NoError(t, err)
		for _, r := range series {
			require.Zero(t, r.Expansion.Sign(), "%s", r.Period)
			require.Zero(t, r.Contraction.Sign(), "%s", r.Period)
		}
	})
}

// Several lines of one subscription (issue 19, case 3): one invoice bills the plan at
// 100 and an add-on at 30 for the same month, and a setup fee of 500. MRR 130; the
// fee, a one-time line, is never MRR.
func TestSeveralLinesOfOneSubscription(t *testing.T) {
	jan, feb := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	lines := []revops.InvoiceLine{
		{Customer: "a", Subscription: "sub_1", Item: "plan", ServiceStart: jan, ServiceEnd: feb, Amount: dec("100")},
		{Customer: "a", Subscription: "sub_1", Item: "addon", ServiceStart: jan, ServiceEnd: feb, Amount: dec("30")},
		{Customer: "a", Subscription: "sub_1", Item: "setup", ServiceStart: jan, ServiceEnd: feb, Amount: dec("500"), OneTime: true},
	}
	spans, err := revops.InvoiceSpans(lines)
	require.NoError(t, err)
	require.Len(t, spans, 2)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	requireDecimal(t, "130", h.MRR(jan).Monthly())
	_, err = revops.SpanFromInvoiceLine(lines[2])
	require.ErrorIs(t, err, revops.ErrInconsistent)
	// The same item may not overlap itself.
	_, err = revops.NewHistory(append(spans, spans[0]))
	require.ErrorIs(t, err, revops.ErrInconsistent)
}

// Credit notes (issue 19, case 4): a 1,200 line for 2025 and, after a cancellation,
// a −600 credit-note line for 2025-07-01 → 2026-01-01. MRR 100 January to June, churn
// 100 in July. A credit above its line is refused, naming the credit.
func TestCreditNotes(t *testing.T) {
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	lines := []revops.InvoiceLine{
		{Customer: "a", Subscription: "sub_1", ServiceStart: d(2025, 1), ServiceEnd: d(2026, 1), Amount: dec("1200")},
		{Customer: "a", Subscription: "sub_1", ServiceStart: d(2025, 7), ServiceEnd: d(2026, 1), Amount: dec("-600")},
	}
	spans, err := revops.InvoiceSpans(lines)
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	series, err := h.Series([]revops.Period{revops.Month(2025, 6), revops.Month(2025, 7)})
	require.NoError(t, err)
	requireDecimal(t, "100", series[0].End.Monthly())
	requireDecimal(t, "100", series[1].Churn.Monthly())
	requireDecimal(t, "0", series[1].End.Monthly())

	lines[1].Amount = dec("-700")
	spans, err = revops.InvoiceSpans(lines)
	require.NoError(t, err)
	_, err = revops.NewHistory(spans)
	e := requireError(t, err, revops.ErrNegative)
	require.Equal(t, &revops.Position{List: "spans", Index: 1}, e.Record)
	h, err = revops.NewHistory(spans, revops.InvalidRecordsSkip)
	require.Error(t, err)
	requireDecimal(t, "100", h.MRR(d(2025, 8)).Monthly(), "the refused credit is left out")
}

// Property: credits that a customer's lines cover net against them: the history's
// MRR at any instant is the sum of the spans active then, and a credit that would take
// a customer below zero is the one refused.
func TestCreditsNet(t *testing.T) {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		var spans []revops.Span
		for i := range rapid.IntRange(1, 8).Draw(t, "spans") {
			start := base.AddDate(0, rapid.IntRange(0, 6).Draw(t, "start"), 0)
			amount := decimal.NewFromInt(rapid.Int64Range(-50, 100).Draw(t, "amount"))
			s := revops.Span{Customer: fmt.Sprint(rapid.IntRange(0, 2).Draw(t, "customer")), Subscription: fmt.Sprint("s", i), Start: start,
				End: start.AddDate(0, rapid.IntRange(1, 6).Draw(t, "months"), 0), MRR: revops.Monthly(amount)}
			spans = append(spans, s)
		}
		h, err := revops.NewHistory(spans)
		// The MRR each customer would have at each month's start, by a plain sum.
		negative := false
		for m := range 13 {
			at := base.AddDate(0, m, 0)
			sums := map[string]decimal.Decimal{}
			total := decimal.Zero
			for _, s := range spans {
				if !at.Before(s.Start) && at.Before(s.End) {
					sums[s.Customer] = sums[s.Customer].Add(s.MRR.Monthly())
					total = total.Add(s.MRR.Monthly())
				}
			}
			for _, v := range sums {
				negative = negative || v.IsNegative()
			}
			if err == nil {
				requireDecimal(t, total.String(), h.MRR(at).Monthly(), "at %s", at)
			}
		}
		if negative {
			require.ErrorIs(t, err, revops.ErrNegative)
			e := requireError(t, err, revops.ErrNegative)
			require.True(t, spans[e.Record.Index].MRR.Sign() < 0, "the span named is a credit")
		} else {
			require.NoError(t, err)
		}
	})
}

// Currency moves are not expansion or contraction (issue 19, case 6): EUR 100 and USD
// 100 a month; EUR→USD 1.10, then 1.05 from February and 1.08 from March. MRR 210,
// 205 and 208; no expansion or contraction; the bridge carries the currency effect
// as FX: 100 × (1.05 − 1.10) = −5 in February, 100 × (1.08 − 1.05) = +3 in March;
// NRR and GRR 100 %.
func TestCurrencyMovesAreFX(t *testing.T) {
	d := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	rates, err := revops.NewExchangeRates("USD", []revops.ExchangeRate{
		{From: "EUR", Date: d(1), Rate: dec("1.10")}, {From: "EUR", Date: d(2), Rate: dec("1.05")}, {From: "EUR", Date: d(3), Rate: dec("1.08")},
	})
	require.NoError(t, err)
	h, err := revops.NewHistoryIn(rates, []revops.Span{
		{Customer: "eu", Start: d(1), MRR: revops.Monthly(dec("100")), Currency: "EUR"},
		{Customer: "us", Start: d(1), MRR: revops.Monthly(dec("100")), Currency: "usd"},
	})
	require.NoError(t, err)
	require.Equal(t, "USD", h.Currency())
	series, err := h.Series([]revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3)})
	require.NoError(t, err)
	for k, c := range []struct{ end, fx string }{{"210", "0"}, {"205", "-5"}, {"208", "3"}} {
		r := series[k]
		requireDecimal(t, c.end, r.End.Monthly(), r.Period.String())
		requireDecimal(t, c.fx, r.FX.Monthly(), r.Period.String())
		require.Zero(t, r.Expansion.Sign())
		require.Zero(t, r.Contraction.Sign())
		if k > 0 {
			requireMetric(t, "1", r.NRR)
			requireMetric(t, "1", r.GRR)
		}
		requireDecimal(t, c.end, h.MRR(r.Period.End().Add(-time.Nanosecond)).Monthly())
	}
	// A span in a currency the table has no rate for at its start is refused.
	_, err = revops.NewHistoryIn(rates, []revops.Span{{Customer: "gb", Start: d(1), MRR: revops.Monthly(dec("1")), Currency: "GBP"}})
	e := requireError(t, err, revops.ErrNoRate)
	require.Equal(t, 0, e.Record.Index)
}

// Property: for spans in several currencies and rates that move, the bridge with its
// FX line holds exactly, End = Start + New + Expansion + Reactivation − Contraction −
// Churn + FX, every End equals the MRR at the period's close, and NRR and GRR equal
// those of the same spans converted at one constant rate (the period's opening):
// rates never move them.
func TestFXBridgeProperty(t *testing.T) {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		var table []revops.ExchangeRate
		for m := range 8 {
			table = append(table, revops.ExchangeRate{From: "EUR", Date: base.AddDate(0, m, 0), Rate: decimal.New(rapid.Int64Range(50, 200).Draw(t, "rate"), -2)})
		}
		rates, err := revops.NewExchangeRates("USD", table)
		require.NoError(t, err)
		var spans []revops.Span
		for range rapid.IntRange(1, 8).Draw(t, "spans") {
			start := base.AddDate(0, 0, rapid.IntRange(0, 150).Draw(t, "start"))
			s := revops.Span{Customer: fmt.Sprint(rapid.IntRange(0, 3).Draw(t, "customer")), Start: start,
				MRR: revops.Monthly(decimal.NewFromInt(rapid.Int64Range(1, 100).Draw(t, "mrr"))), Currency: rapid.SampledFrom([]string{"EUR", "USD"}).Draw(t, "currency")}
			if rapid.Bool().Draw(t, "ends") {
				s.End = start.AddDate(0, 0, rapid.IntRange(1, 90).Draw(t, "days"))
			}
			spans = append(spans, s)
		}
		h, err := revops.NewHistoryIn(rates, spans)
		require.NoError(t, err)
		var months []revops.Period
		for m := range 6 {
			months = append(months, revops.Month(2025, time.January+time.Month(m)))
		}
		series, err := h.Series(months)
		require.NoError(t, err)
		for _, r := range series {
			sum, err := r.Start.Add(r.New)
			require.NoError(t, err)
			for _, v := range []revops.Recurring{r.Expansion, r.Reactivation, r.FX} {
				sum, err = sum.Add(v)
				require.NoError(t, err)
			}
			got := sum.Monthly().Sub(r.Contraction.Monthly()).Sub(r.Churn.Monthly())
			requireWithinULP(t, r.End.Monthly(), got, r.Period.String())
			require.True(t, r.End.Equal(h.MRR(r.Period.End().Add(-time.Nanosecond))), "%s", r.Period)
			// At the opening's constant rate.
			rate, err := rates.Rate("EUR", r.Period.Start().Add(-time.Nanosecond))
			if err != nil {
				continue // before the first rate
			}
			var constant []revops.Span
			for _, s := range spans {
				if s.Currency == "EUR" {
					s.MRR = revops.Monthly(s.MRR.Monthly().Mul(rate))
				}
				s.Currency = "USD"
				constant = append(constant, s)
			}
			hc, err := revops.NewHistory(constant)
			require.NoError(t, err)
			sc, err := hc.Series([]revops.Period{r.Period})
			require.NoError(t, err)
			require.Equal(t, sc[0].NRR.String(), r.NRR.String(), "%s NRR", r.Period)
			require.Equal(t, sc[0].GRR.String(), r.GRR.String(), "%s GRR", r.Period)
		}
	})
}

// Values as billing systems send them (issue 19, case 7): Interval decodes Stripe's
// price.recurring object, and FromMinorUnits turns a unit_amount into the decimal
// amount by the currency's ISO 4217 exponent.
func TestValuesAsBillingSystemsSendThem(t *testing.T) {
	for _, c := range []struct {
		json string
		want revops.Interval
	}{
		{`{"interval": "day", "interval_count": 30}`, revops.Interval{Count: 30, Unit: revops.Days}},
		{`{"interval": "week", "interval_count": 2, "usage_type": "licensed"}`, revops.Interval{Count: 2, Unit: revops.Weeks}},
		{`{"interval": "month"}`, revops.Interval{Count: 1, Unit: revops.Months}},
		{`{"interval": "YEAR", "interval_count": 1}`, revops.Interval{Count: 1, Unit: revops.Years}},
		{`{"count": 3, "unit": "months"}`, revops.Interval{Count: 3, Unit: revops.Months}},
	} {
		var iv revops.Interval
		require.NoError(t, json.Unmarshal([]byte(c.json), &iv), c.json)
		require.Equal(t, c.want, iv, c.json)
	}
	var iv revops.Interval
	require.ErrorIs(t, json.Unmarshal([]byte(`{"interval": "fortnight"}`), &iv), revops.ErrOutOfRange)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"interval": "month", "count": 1}`), &iv), revops.ErrInconsistent)

	for _, c := range []struct {
		amount   int64
		currency string
		want     string
	}{{1999, "usd", "19.99"}, {500, "JPY", "500"}, {5125, "KWD", "5.125"}, {-250, "EUR", "-2.5"}} {
		got, err := revops.FromMinorUnits(c.amount, c.currency)
		require.NoError(t, err)
		requireDecimal(t, c.want, got, c.currency)
	}
	_, err := revops.FromMinorUnits(1, "XAU")
	require.ErrorIs(t, err, revops.ErrOutOfRange)
}

// FuzzInvoiceLines builds invoice lines from arbitrary values: no input makes
// SpanFromInvoiceLine, InvoiceSpans or NewHistory of their spans panic or hang, every
// error is a *revops.Error, and a line of a whole number of steps of its unit gives
// the MRR of one step's price.
func FuzzInvoiceLines(f *testing.F) {
	f.Add(int64(1_738_281_600), int64(86400*28), "100", uint8(2), int8(0), false, int64(86400*31), "-50")
	f.Add(int64(-62135596800), int64(1), "1e-3", uint8(1), int8(31), true, int64(-5), "x")
	f.Add(int64(253402300799), int64(86400*365*200), "12", uint8(3), int8(-1), false, int64(1<<40), "0")
	f.Fuzz(func(t *testing.T, start, length int64, amount string, unit uint8, anchor int8, oneTime bool, creditLength int64, credit string) {
		s := time.Unix(start%(1<<35), 0).UTC()
		l := revops.InvoiceLine{Customer: "c", Subscription: "s", Item: "i", ServiceStart: s, ServiceEnd: s.Add(time.Duration(length%(1<<40)) * time.Second),
			Amount: fuzzDecimal(amount, 100, 0), Interval: revops.Interval{Count: 1, Unit: revops.IntervalUnit(unit % 6)}, Anchor: int(anchor), OneTime: oneTime}
		_, err := revops.SpanFromInvoiceLine(l)
		requireRevopsError(t, err)
		c := l
		c.Item, c.OneTime, c.Amount = "", false, fuzzDecimal(credit, -10, 0)
		c.ServiceEnd = s.Add(time.Duration(creditLength%(1<<40)) * time.Second)
		spans, err := revops.InvoiceSpans([]revops.InvoiceLine{l, c}, revops.InvalidRecordsSkip)
		if err != nil {
			var r *revops.Refused
			require.True(t, errors.As(err, &r), "%v", err)
		}
		_, err = revops.NewHistory(spans)
		requireRevopsError(t, err)
	})
}

// A credit in minor units nets exactly the line it credits (helper 13's finding): a
// 1,200 USD year from 2025-01-01 and a credit for its last 184 days, prorated to the
// second as Stripe does and rounded to cents (1,200 × 184 ÷ 365 = 604.93150… → 604.93),
// or by calendar months (1,200 × 6 ÷ 12 = 600), with the line's yearly interval or
// none. By hand: MRR 100 until June, 0 from July, churn 100 in July. A credit that is
// neither (a 300 goodwill credit) keeps its own value: 100 − 300 ÷ (184/365 × 12) =
// 100 − 49.59239… = 50.40760… a month. Without a currency the credit must be exact:
// 604.93 then leaves 100 − 604.93 × 365 ÷ 2,208 = 0.55 ÷ 2,208 a month.
func TestRoundedCreditsNetExactly(t *testing.T) {
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	for _, c := range []struct {
		credit, currency string
		interval         revops.Interval
		after            string // MRR in August, to 16 places
	}{
		{"-604.93", "USD", yearly, "0"},
		{"-604.93", "usd", revops.Interval{}, "0"},
		{"-600", "USD", yearly, "0"},
		{"-600", "USD", revops.Interval{}, "0"},
		{"-600", "", yearly, "0"},
		{"-300", "USD", yearly, "50.4076086956521739"},
		{"-604.93", "", yearly, "0.0002490942028986"},
	} {
		lines := []revops.InvoiceLine{
			{Customer: "a", Subscription: "s", Item: "plan", Currency: c.currency, ServiceStart: d(2025, 1), ServiceEnd: d(2026, 1), Amount: dec("1200"), Interval: yearly},
			{Customer: "a", Subscription: "s", Item: "plan", Currency: c.currency, ServiceStart: d(2025, 7), ServiceEnd: d(2026, 1), Amount: dec(c.credit), Interval: c.interval},
		}
		spans, err := revops.InvoiceSpans(lines)
		require.NoError(t, err)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		series, err := h.Series([]revops.Period{revops.Month(2025, 6), revops.Month(2025, 7)})
		require.NoError(t, err)
		requireDecimal(t, "100", series[0].End.Monthly(), "%+v", c)
		requireDecimal(t, c.after, h.MRR(d(2025, 8)).Monthly(), "%+v", c)
		if c.after == "0" {
			requireDecimal(t, "100", series[1].Churn.Monthly(), "%+v", c)
			require.Equal(t, 1, series[1].Customers.Churned, "%+v", c)
		}
	}
}

// Property: for any line (days, weeks, months or years, any anchor, in zones with
// daylight saving, across a leap year) and any credit for a stretch of it ending with
// it, the credit worked out by time on the line's own steps and rounded to cents takes
// the customer to exactly zero MRR over the stretch.
func TestRoundedCreditsNetProperty(t *testing.T) {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	zones := []*time.Location{time.UTC}
	for _, name := range []string{"America/New_York", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		zones = append(zones, loc)
	}
	rapid.Check(t, func(t *rapid.T) {
		unit := rapid.SampledFrom([]revops.IntervalUnit{revops.Days, revops.Weeks, revops.Months, revops.Years}).Draw(t, "unit")
		loc := rapid.SampledFrom(zones).Draw(t, "zone")
		start := time.Date(base.Year(), base.Month(), 1, rapid.IntRange(0, 23).Draw(t, "hour"), 0, 0, 0, loc).AddDate(0, rapid.IntRange(0, 23).Draw(t, "month"), rapid.IntRange(0, 30).Draw(t, "day"))
		var end time.Time
		switch unit {
		case revops.Days:
			end = start.AddDate(0, 0, rapid.IntRange(2, 60).Draw(t, "days"))
		case revops.Weeks:
			end = start.AddDate(0, 0, 7*rapid.IntRange(2, 10).Draw(t, "weeks"))
		case revops.Months:
			end = start.AddDate(0, rapid.IntRange(2, 12).Draw(t, "months"), 0)
		default:
			end = start.AddDate(rapid.IntRange(1, 3).Draw(t, "years"), 0, 0)
		}
		cut := start.Add(time.Duration(rapid.Int64Range(1, int64(end.Sub(start)/time.Second)-1).Draw(t, "cut")) * time.Second)
		amount := decimal.New(rapid.Int64Range(100, 1_000_000).Draw(t, "cents"), -2)
		line := revops.InvoiceLine{Customer: "a", Subscription: "s", Currency: "USD", ServiceStart: start, ServiceEnd: end, Amount: amount, Interval: revops.Interval{Count: 1, Unit: unit}}
		plan, err := revops.SpanFromInvoiceLine(line)
		require.NoError(t, err)
		// What the line bills from cut to end, by time on its own grid of steps (from
		// its start): its amount less what it bills from its start to cut, which is its
		// MRR × the months from start to cut, read from a line of 1 over them (whose MRR
		// is 1 ÷ those months).
		head, err := revops.SpanFromInvoiceLine(revops.InvoiceLine{Customer: "a", ServiceStart: start, ServiceEnd: cut, Amount: decimal.NewFromInt(1), Interval: line.Interval, Anchor: start.Day()})
		require.NoError(t, err)
		byTime := amount.Sub(plan.MRR.Monthly().Div(head.MRR.Monthly())) // rounding here is far below a cent
		credit := line
		credit.ServiceStart, credit.Amount = cut, byTime.Round(2).Neg()
		if credit.Amount.IsZero() {
			return // under half a cent: no credit
		}
		if rapid.Bool().Draw(t, "ownInterval") {
			credit.Interval = revops.Interval{}
		}
		spans, err := revops.InvoiceSpans([]revops.InvoiceLine{line, credit})
		require.NoError(t, err)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		require.True(t, h.MRR(cut).Monthly().IsZero(), "MRR %s after a credit of %s for %s → %s of %s", h.MRR(cut), credit.Amount, cut, end, line.Amount)
		require.Empty(t, h.Snapshot(cut).MRR, "no one pays after the credit")
	})
}

// Helper 14's cases, each netting to exactly zero: the credit measured on the line's
// own grid of steps, not on one of its own. By hand:
//   - 1,200 for 2023, credit from July: 1,200 × 184/365 = 604.9315… → 604.93.
//   - 1,200 for 2024 (366 days), credit from July: 1,200 × 184/366 = 603.2787… → 603.28.
//   - 10 for the day of 2023-03-11 in New York, credit from noon: 10 × 12/24 = 5.
//   - 300 a quarter from 2025-01-01 (Count 3), credit from March: 300 × 31/90 =
//     103.333… → 103.33.
func TestCreditsOnTheLinesGrid(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	for _, c := range []struct {
		name            string
		start, end, cut time.Time
		amount, credit  string
		interval        revops.Interval
	}{
		{"2023", utc(2023, 1, 1), utc(2024, 1, 1), utc(2023, 7, 1), "1200", "-604.93", yearly},
		{"leap 2024", utc(2024, 1, 1), utc(2025, 1, 1), utc(2024, 7, 1), "1200", "-603.28", yearly},
		{"daylight saving", time.Date(2023, 3, 11, 0, 0, 0, 0, ny), time.Date(2023, 3, 12, 0, 0, 0, 0, ny), time.Date(2023, 3, 11, 12, 0, 0, 0, ny), "10", "-5", revops.Interval{Count: 1, Unit: revops.Days}},
		{"quarter", utc(2025, 1, 1), utc(2025, 4, 1), utc(2025, 3, 1), "300", "-103.33", revops.Interval{Count: 3, Unit: revops.Months}},
	} {
		spans, err := revops.InvoiceSpans([]revops.InvoiceLine{
			{Customer: "a", Subscription: "s", Item: "si_1", Currency: "USD", ServiceStart: c.start, ServiceEnd: c.end, Amount: dec(c.amount), Interval: c.interval},
			{Customer: "a", Subscription: "s", Item: "si_1", Currency: "USD", ServiceStart: c.cut, ServiceEnd: c.end, Amount: dec(c.credit), Interval: c.interval},
		})
		require.NoError(t, err, c.name)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err, c.name)
		require.Empty(t, h.Snapshot(c.cut).MRR, "%s: no one pays after the credit", c.name)
		require.Equal(t, 1, len(h.Snapshot(c.cut.Add(-time.Second)).MRR), c.name)
	}
}

// Helper 15's cases. By hand:
//   - A quarterly line (Count 3, anchor 1) of 760 from 2025-01-15 covers 76 of the
//     90-day quarter; its share of March is 760 × 31/76 = 310, so a credit of 310
//     nets it to zero from March 1.
//   - Lines without a subscription may overlap: a 1,200 year and five later monthly
//     lines of the same item; the year is the only one that holds the July-to-
//     December credit of 604.93, which nets it to zero (the months still pay 10 until
//     June).
//   - The latest line to start that holds the credit is the one it credits: a 60 line
//     for July to December and a 1,200 year; the 604.93 credit is not the 60 line's
//     share, so it keeps its own MRR (−100.27… a month, below) and the customer pays
//     100 + 10 − 100.27… = 9.726… a month.
func TestCreditedLineIsTheHoldingOne(t *testing.T) {
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	yearly, monthly := revops.Interval{Count: 1, Unit: revops.Years}, revops.Interval{Count: 1, Unit: revops.Months}
	line := func(sub string, start, end time.Time, amount string, iv revops.Interval) revops.InvoiceLine {
		return revops.InvoiceLine{Customer: "a", Subscription: sub, Item: "i", Currency: "USD", ServiceStart: start, ServiceEnd: end, Amount: dec(amount), Interval: iv}
	}
	q := revops.Interval{Count: 3, Unit: revops.Months}
	partial := line("s", utc(2025, 1, 15), utc(2025, 4, 1), "760", q)
	partial.Anchor = 1
	credit := line("s", utc(2025, 3, 1), utc(2025, 4, 1), "-310", q)
	credit.Anchor = 1
	spans, err := revops.InvoiceSpans([]revops.InvoiceLine{partial, credit})
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	require.Empty(t, h.Snapshot(utc(2025, 3, 1)).MRR)

	lines := []revops.InvoiceLine{line("", utc(2023, 1, 1), utc(2024, 1, 1), "1200", yearly)}
	for k := 1; k <= 5; k++ {
		lines = append(lines, line("", utc(2023, time.Month(k), 1), utc(2023, time.Month(k+1), 1), "10", monthly))
	}
	lines = append(lines, line("", utc(2023, 7, 1), utc(2024, 1, 1), "-604.93", yearly))
	spans, err = revops.InvoiceSpans(lines)
	require.NoError(t, err)
	h, err = revops.NewHistory(spans)
	require.NoError(t, err)
	requireDecimal(t, "110", h.MRR(utc(2023, 5, 15)).Monthly())
	require.Empty(t, h.Snapshot(utc(2023, 7, 1)).MRR)

	spans, err = revops.InvoiceSpans([]revops.InvoiceLine{
		line("", utc(2023, 1, 1), utc(2024, 1, 1), "1200", yearly),
		line("", utc(2023, 7, 1), utc(2024, 1, 1), "60", monthly),
		line("", utc(2023, 7, 1), utc(2024, 1, 1), "-604.93", yearly),
	})
	require.NoError(t, err)
	h, err = revops.NewHistory(spans)
	require.NoError(t, err)
	// The credit on its own steps: July 2023 to July 2024 holds February 29, so it is
	// 184/366 of a year: 604.93 × 366 ÷ 2,208 a month. 100 + 10 less that is
	// (242,880 − 221,404.38) ÷ 2,208 = 21,475.62 ÷ 2,208.
	requireDecimal(t, dec("21475.62").DivRound(decimal.NewFromInt(2208), 16).String(), h.MRR(utc(2023, 8, 1)).Monthly())

	_, err = revops.SpanFromInvoiceLine(line("s", utc(2023, 1, 1), utc(2024, 1, 1), "1200", revops.Interval{Count: revops.MaxIntervalCount + 1, Unit: revops.Days}))
	e := requireError(t, err, revops.ErrOutOfRange)
	require.Equal(t, "Interval.Count", e.Field)
}
