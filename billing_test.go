package revops_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func day25(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }

// stripeFixture is a Stripe-style export of thirteen subscriptions, one per case the
// billing systems produce, each named by its customer.
func stripeFixture() []revops.BillingSubscription {
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	item := func(price string, qty int, iv revops.Interval, ds ...revops.DatedDiscount) revops.BillingItem {
		return revops.BillingItem{Price: dec(price), Quantity: qty, Interval: iv, Discounts: ds}
	}
	sub := func(customer string, start time.Time, items ...revops.BillingItem) revops.BillingSubscription {
		return revops.BillingSubscription{ID: "sub_" + customer, Customer: customer, Currency: "usd", Start: start, Items: items}
	}
	subs := []revops.BillingSubscription{
		// 1,200 a year from January 15: 100 a month.
		sub("annual", day25(1, 15), item("1200", 1, revops.Interval{Count: 1, Unit: revops.Years})),
		// Two seats of a three-year price of 7,200: 14,400 ÷ 36 = 400 a month.
		sub("threeyear", day25(2, 1), item("7200", 2, revops.Interval{Count: 3, Unit: revops.Years})),
		// 25 a week: 25 × 52 ÷ 12 = 325/3 = 108.33 a month.
		sub("weekly", day25(3, 10), item("25", 1, revops.Interval{Count: 1, Unit: revops.Weeks})),
		// 3 a day after a January trial: 3 × 365 ÷ 12 = 91.25 a month.
		sub("daily", day25(1, 1), item("3", 1, revops.Interval{Count: 1, Unit: revops.Days})),
		// A seat price at quantity 0, and 3 seats at 50 with 10 % off for ever: 135.
		sub("seats", day25(1, 1), item("20", 0, monthly), item("50", 3, monthly, revops.DatedDiscount{Discount: revops.Discount{Percent: dec("0.1")}})),
		// Items of 29 and 30 with 50 off the subscription for ever, and a once-off
		// coupon, which MRR never counts: 59 − 50 = 9.
		sub("coupon", day25(1, 1), item("29", 1, monthly), item("30", 1, monthly)),
		// 50 off a 29 item until April: 0, then 29.
		sub("excess", day25(1, 1), item("29", 1, monthly, revops.DatedDiscount{Discount: revops.Discount{Amount: dec("50"), Duration: revops.DiscountRepeating}, End: day25(4, 1)})),
		// 20 % off 100 for three months: 80, then 100.
		sub("repeating", day25(1, 1), item("100", 1, monthly, revops.DatedDiscount{Discount: revops.Discount{Percent: dec("0.2"), Duration: revops.DiscountRepeating}, Start: day25(1, 1), End: day25(4, 1)})),
		// 60 a month from January 5, canceled on April 20 at the end of the period that
		// runs to May 5: paid through April.
		sub("cancelled", day25(1, 5), item("60", 1, monthly)),
		// 45 a month, past due since the period that began June 1.
		sub("pastdue", day25(1, 1), item("45", 1, monthly)),
		// 80 a month, ended March 15.
		sub("ended", day25(1, 1), item("80", 1, monthly)),
		// 70 a month from February, unpaid since the period that began May 1.
		sub("unpaid", day25(2, 1), item("70", 1, monthly)),
		// 99 a month after a trial from June 10 to June 24, exported while trialing.
		sub("trial", day25(6, 10), item("99", 1, monthly)),
	}
	subs[3].TrialEnd, subs[3].Status = day25(2, 1), revops.StatusActive
	subs[5].Discounts = []revops.DatedDiscount{
		{Discount: revops.Discount{Amount: dec("50")}},
		{Discount: revops.Discount{Percent: dec("1"), Duration: revops.DiscountOnce}, End: day25(2, 1)},
	}
	c := &subs[8]
	c.CurrentPeriodStart, c.CurrentPeriodEnd, c.CancelAtPeriodEnd, c.CanceledAt = day25(4, 5), day25(5, 5), true, day25(4, 20)
	subs[9].Status, subs[9].StatusSince = revops.StatusPastDue, day25(6, 1)
	subs[10].Status, subs[10].EndedAt, subs[10].CanceledAt = revops.StatusCanceled, day25(3, 15), day25(3, 15)
	subs[11].Status, subs[11].StatusSince = revops.StatusUnpaid, day25(5, 1)
	subs[12].Status, subs[12].TrialEnd = revops.StatusTrialing, day25(6, 24)
	return subs
}

// closeOf returns the last instant of a month of 2025, where a month's MRR is read.
func closeOf(m time.Month) time.Time { return day25(m, 1).AddDate(0, 1, 0).Add(-time.Nanosecond) }

// The fixture's MRR by customer and month, worked out by hand in the comments of
// stripeFixture; the weekly plan's 325/3 enters a span rounded to 16 places.
var stripeByHand = map[string][6]string{
	"annual":    {"100", "100", "100", "100", "100", "100"},
	"threeyear": {"0", "400", "400", "400", "400", "400"},
	"weekly":    {"0", "0", "108.3333333333333333", "108.3333333333333333", "108.3333333333333333", "108.3333333333333333"},
	"daily":     {"0", "91.25", "91.25", "91.25", "91.25", "91.25"},
	"seats":     {"135", "135", "135", "135", "135", "135"},
	"coupon":    {"9", "9", "9", "9", "9", "9"},
	"excess":    {"0", "0", "0", "29", "29", "29"},
	"repeating": {"80", "80", "80", "100", "100", "100"},
	"cancelled": {"60", "60", "60", "60", "0", "0"},
	"pastdue":   {"45", "45", "45", "45", "45", "45"},
	"ended":     {"80", "80", "0", "0", "0", "0"},
	"unpaid":    {"0", "70", "70", "70", "0", "0"},
	"trial":     {"0", "0", "0", "0", "0", "99"},
}

func TestBillingSpansStripeFixture(t *testing.T) {
	spans, err := revops.BillingSpans(stripeFixture())
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	require.Equal(t, "USD", h.Currency())
	totals := [6]decimal.Decimal{}
	for customer, months := range stripeByHand {
		for k, want := range months {
			got := h.Snapshot(closeOf(time.Month(k + 1))).MRR[customer]
			require.True(t, dec(want).Equal(got), "%s in month %d: want %s, got %s", customer, k+1, want, got)
			totals[k] = totals[k].Add(dec(want))
		}
	}
	// Month totals, added by hand from the table: 509, 1070.25, and from March
	// 990.25, 1039.25, 909.25 and 1008.25 plus the weekly plan.
	weekly := dec("108.3333333333333333")
	for k, want := range []decimal.Decimal{dec("509"), dec("1070.25"), dec("990.25").Add(weekly), dec("1039.25").Add(weekly), dec("909.25").Add(weekly), dec("1008.25").Add(weekly)} {
		require.True(t, want.Equal(totals[k]), "month %d: table adds to %s", k+1, totals[k])
		require.True(t, want.Equal(h.MRR(closeOf(time.Month(k+1))).Monthly()), "month %d", k+1)
	}

	// The movements the fixture makes, read off the table: in March "ended" churns
	// (80) and "weekly" is new; in April "excess" is new at 29 once its coupon ends,
	// and "repeating" expands by 20; in May "cancelled" and "unpaid" churn (130).
	var months []revops.Period
	for m := range 6 {
		months = append(months, revops.Month(2025, time.Month(m+1)))
	}
	series, err := h.Series(months)
	require.NoError(t, err)
	require.True(t, series[2].Churn.Monthly().Equal(revops.Monthly(dec("80")).Monthly()))
	require.True(t, series[2].New.Monthly().Equal(revops.Monthly(weekly).Monthly()))
	require.True(t, series[3].New.Monthly().Equal(revops.Monthly(dec("29")).Monthly()))
	require.True(t, series[3].Expansion.Monthly().Equal(revops.Monthly(dec("20")).Monthly()))
	require.True(t, series[4].Churn.Monthly().Equal(revops.Monthly(dec("130")).Monthly()))
	require.Equal(t, 2, series[4].Customers.Churned)
}

// Stripe Billing's MRR deducts forever coupons only and leaves past-due
// subscriptions in; excluding past due drops "pastdue" in June.
func TestBillingSpansPolicies(t *testing.T) {
	spans, err := revops.BillingSpans(stripeFixture(), revops.DiscountsForeverOnly, revops.PastDueExcluded)
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	for _, c := range []struct {
		customer string
		month    time.Month
		want     string
	}{
		{"excess", time.January, "29"},      // a repeating coupon is not deducted
		{"repeating", time.February, "100"}, // nor this one
		{"seats", time.January, "135"},      // a forever coupon is
		{"coupon", time.March, "9"},
		{"pastdue", time.May, "45"},
		{"pastdue", time.June, "0"},
	} {
		got := h.Snapshot(closeOf(c.month)).MRR[c.customer]
		require.True(t, dec(c.want).Equal(got), "%s %s: %s", c.customer, c.month, got)
	}
	// Refusing an excess discount refuses the subscription, naming its discount.
	_, err = revops.BillingSpans(stripeFixture(), revops.ExcessDiscountRefused)
	requireMetricError(t, err, revops.ErrInconsistent, "BillingSpans", "subs[6].Items[0].Discounts[0].Amount")
}

func TestBillingSubscriptionAt(t *testing.T) {
	subs := stripeFixture()
	weekly := subs[2]
	r, err := weekly.MRRAt(closeOf(time.April))
	require.NoError(t, err)
	cents, err := r.RoundMonthly("USD")
	require.NoError(t, err)
	requireDecimal(t, "108.33", cents)
	requireDecimal(t, "1300", r.Annual()) // 25 × 52, exactly
	for _, c := range []struct {
		sub  revops.BillingSubscription
		at   time.Time
		want revops.Status
	}{
		{subs[3], day25(1, 20), revops.StatusTrialing},
		{subs[3], day25(2, 1), revops.StatusActive},
		{subs[2], day25(3, 9), revops.StatusNotStarted},
		{subs[8], day25(5, 4), revops.StatusActive},
		{subs[8], day25(5, 5), revops.StatusCanceled},
		{subs[9], day25(5, 31), revops.StatusActive},
		{subs[9], day25(6, 1), revops.StatusPastDue},
		{subs[11], day25(5, 1), revops.StatusUnpaid},
		{subs[12], day25(6, 20), revops.StatusTrialing},
	} {
		got, err := c.sub.StatusAt(c.at)
		require.NoError(t, err)
		require.Equal(t, c.want, got, "%s at %s", c.sub.Customer, c.at)
	}
}

func TestBillingSubscriptionErrors(t *testing.T) {
	ok := func() revops.BillingSubscription { return stripeFixture()[0] }
	for _, c := range []struct {
		name     string
		change   func(*revops.BillingSubscription)
		sentinel error
		field    string
	}{
		{"no customer", func(b *revops.BillingSubscription) { b.Customer = "" }, revops.ErrOutOfRange, "Customer"},
		{"no start", func(b *revops.BillingSubscription) { b.Start = time.Time{} }, revops.ErrInvalidPeriod, "Start"},
		{"trial ends before start", func(b *revops.BillingSubscription) { b.TrialEnd = day25(1, 1) }, revops.ErrInvalidPeriod, "TrialEnd"},
		{"ends before start", func(b *revops.BillingSubscription) { b.EndedAt = day25(1, 1) }, revops.ErrInvalidPeriod, "EndedAt"},
		{"canceled with no end", func(b *revops.BillingSubscription) { b.Status = revops.StatusCanceled }, revops.ErrInconsistent, "Status"},
		{"trialing with no trial end", func(b *revops.BillingSubscription) { b.Status = revops.StatusTrialing }, revops.ErrInconsistent, "Status"},
		{"cancel at period end, no period", func(b *revops.BillingSubscription) { b.CancelAtPeriodEnd = true }, revops.ErrInconsistent, "CurrentPeriodEnd"},
		{"unknown status", func(b *revops.BillingSubscription) { b.Status = 42 }, revops.ErrOutOfRange, "Status"},
		{"negative price", func(b *revops.BillingSubscription) { b.Items[0].Price = dec("-1") }, revops.ErrNegative, "Items[0].Price"},
		{"negative quantity", func(b *revops.BillingSubscription) { b.Items[0].Quantity = -2 }, revops.ErrNegative, "Items[0].Quantity"},
		{"no interval", func(b *revops.BillingSubscription) { b.Items[0].Interval = revops.Interval{} }, revops.ErrOutOfRange, "Items[0].Interval.Count"},
		{"percent above 1", func(b *revops.BillingSubscription) {
			b.Discounts = []revops.DatedDiscount{{Discount: revops.Discount{Percent: dec("1.5")}}}
		}, revops.ErrOutOfRange, "Discounts[0].Percent"},
		{"discount ends before it starts", func(b *revops.BillingSubscription) {
			b.Items[0].Discounts = []revops.DatedDiscount{{Discount: revops.Discount{Percent: dec("0.1")}, Start: day25(3, 1), End: day25(2, 1)}}
		}, revops.ErrInvalidPeriod, "Items[0].Discounts[0].End"},
		{"two discounts at once", func(b *revops.BillingSubscription) {
			b.Items[0].Discounts = []revops.DatedDiscount{{Discount: revops.Discount{Percent: dec("0.1")}}, {Discount: revops.Discount{Percent: dec("0.2")}, Start: day25(3, 1)}}
		}, revops.ErrInconsistent, "Items[0].Discounts[1]"},
		{"amount off mixed intervals", func(b *revops.BillingSubscription) {
			b.Items = append(b.Items, revops.BillingItem{Price: dec("10"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months}})
			b.Discounts = []revops.DatedDiscount{{Discount: revops.Discount{Amount: dec("5")}}}
		}, revops.ErrInconsistent, "Discounts[0].Amount"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := ok()
			c.change(&b)
			_, err := b.MRRAt(day25(6, 1))
			requireMetricError(t, err, c.sentinel, "BillingSubscription.MRRAt", c.field)
			_, err = b.StatusAt(day25(6, 1))
			requireMetricError(t, err, c.sentinel, "BillingSubscription.StatusAt", c.field)
			_, err = revops.BillingSpans([]revops.BillingSubscription{ok(), b})
			requireMetricError(t, err, c.sentinel, "BillingSpans", "subs[1]."+c.field)
			spans, err := revops.BillingSpans([]revops.BillingSubscription{ok(), b}, revops.InvalidRecordsSkip)
			requireRefused(t, err, "BillingSpans", 2, 1)
			require.Len(t, spans, 1, "the valid subscription's span")
		})
	}
}

// drawBilling draws a subscription over 2025: a trial, an end by any of the three
// dates, an exported status, items of every unit with quantities from 0, and dated
// discounts of every kind on items and on the whole.
func drawBilling(t *rapid.T, i int) revops.BillingSubscription {
	when := func(label string) time.Time {
		return day25(1, 1).AddDate(0, 0, rapid.IntRange(0, 364).Draw(t, label))
	}
	b := revops.BillingSubscription{ID: fmt.Sprint("s", i), Customer: fmt.Sprint("c", rapid.IntRange(0, 3).Draw(t, "customer")), Currency: "EUR", Start: when("start")}
	if rapid.Bool().Draw(t, "trial") { // at the start, or offered later
		if rapid.Bool().Draw(t, "laterTrial") {
			b.TrialStart = b.Start.AddDate(0, 0, rapid.IntRange(1, 120).Draw(t, "trialFrom"))
		}
		b.TrialEnd = b.Start.AddDate(0, 0, rapid.IntRange(1, 30).Draw(t, "trialDays"))
		if !b.TrialStart.IsZero() {
			b.TrialEnd = b.TrialStart.AddDate(0, 0, rapid.IntRange(1, 30).Draw(t, "trialDays"))
		}
	}
	if rapid.Bool().Draw(t, "pause") {
		b.PauseStart = b.Start.AddDate(0, 0, rapid.IntRange(0, 150).Draw(t, "pauseFrom"))
		if rapid.Bool().Draw(t, "resumes") {
			b.PauseEnd = b.PauseStart.AddDate(0, 0, rapid.IntRange(1, 90).Draw(t, "pauseDays"))
		}
	}
	switch rapid.IntRange(0, 3).Draw(t, "end") {
	case 1:
		b.EndedAt = b.Start.AddDate(0, 0, rapid.IntRange(0, 200).Draw(t, "endedDays"))
	case 2:
		b.CancelAt = b.Start.AddDate(0, 0, rapid.IntRange(1, 200).Draw(t, "cancelDays"))
	case 3:
		b.CancelAtPeriodEnd = true
		b.CurrentPeriodEnd = b.Start.AddDate(0, rapid.IntRange(1, 8).Draw(t, "periods"), 0)
	}
	b.Status = rapid.SampledFrom([]revops.Status{revops.StatusActive, revops.StatusPastDue, revops.StatusUnpaid, revops.StatusPaused,
		revops.StatusIncomplete, revops.StatusIncompleteExpired}).Draw(t, "status")
	switch b.Status {
	case revops.StatusPastDue, revops.StatusUnpaid, revops.StatusPaused:
		b.StatusSince = b.Start.AddDate(0, 0, rapid.IntRange(0, 300).Draw(t, "since"))
	}
	discount := func(label string) []revops.DatedDiscount {
		if !rapid.Bool().Draw(t, label) {
			return nil
		}
		d := revops.DatedDiscount{Discount: revops.Discount{Duration: revops.DiscountDuration(rapid.IntRange(0, 2).Draw(t, label+".duration"))}}
		if rapid.Bool().Draw(t, label+".percent") {
			d.Percent = decimal.New(rapid.Int64Range(0, 100).Draw(t, label+".pct"), -2)
		} else {
			d.Amount = decimal.NewFromInt(rapid.Int64Range(0, 300).Draw(t, label+".amount"))
		}
		if rapid.Bool().Draw(t, label+".dated") {
			d.Start = when(label + ".from")
			d.End = d.Start.AddDate(0, 0, rapid.IntRange(1, 120).Draw(t, label+".days"))
		}
		return []revops.DatedDiscount{d}
	}
	iv := revops.Interval{Count: rapid.IntRange(1, 3).Draw(t, "count"), Unit: revops.IntervalUnit(rapid.IntRange(1, 4).Draw(t, "unit"))}
	for k := range rapid.IntRange(0, 3).Draw(t, "items") {
		b.Items = append(b.Items, revops.BillingItem{
			Price: decimal.New(rapid.Int64Range(0, 100_000).Draw(t, "price"), -2), Quantity: rapid.IntRange(0, 4).Draw(t, "qty"),
			Interval: iv, Discounts: discount(fmt.Sprint("item", k)),
		})
	}
	b.Discounts = discount("sub")
	return b
}

// The spans of subscriptions are their MRR at every instant: a history of them has,
// at any instant, the sum of each subscription's MRRAt, whatever the policy.
func TestBillingSpansProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var subs []revops.BillingSubscription
		for i := range rapid.IntRange(1, 5).Draw(t, "subs") {
			subs = append(subs, drawBilling(t, i))
		}
		policy := revops.Policy{
			Discounts: revops.Discounts(rapid.IntRange(0, 2).Draw(t, "discounts")),
			PastDue:   revops.PastDue(rapid.IntRange(0, 1).Draw(t, "pastDue")),
			Pauses:    revops.Pauses(rapid.IntRange(0, 1).Draw(t, "pauses")),
		}
		spans, err := revops.BillingSpans(subs, policy)
		require.NoError(t, err)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		for k := range 20 {
			at := day25(1, 1).AddDate(0, 0, rapid.IntRange(-5, 400).Draw(t, fmt.Sprint("at", k)))
			if rapid.Bool().Draw(t, fmt.Sprint("before", k)) {
				at = at.Add(-time.Nanosecond)
			}
			var want revops.Recurring
			for _, b := range subs {
				r, err := b.MRRAt(at, policy)
				require.NoError(t, err)
				want, err = want.Add(r)
				require.NoError(t, err)
			}
			require.True(t, want.Equal(h.MRR(at)), "at %s: subscriptions %s, history %s", at, want, h.MRR(at))
		}
	})
}

// FuzzBilling builds a subscription from arbitrary values: no input makes StatusAt,
// MRRAt or BillingSpans panic, every error is a *revops.Error, and every span they
// return is one NewHistory takes.
func FuzzBilling(f *testing.F) {
	f.Add(int64(1_700_000_000), int64(86400*40), int64(0), int64(0), uint8(0), "1200", 1, 1, uint8(3), "0.2", "", uint8(1), int64(86400*90), false)
	f.Add(int64(1_700_000_000), int64(-5), int64(86400), int64(-86400), uint8(4), "-1", -1, 0, uint8(9), "1.5", "7", uint8(5), int64(0), true)
	f.Fuzz(func(t *testing.T, start, trial, ended, periodStart int64, status uint8, price string, qty, count int, unit uint8, pct, amount string, duration uint8, discountDays int64, cancelAtEnd bool) {
		s := time.Unix(start%(1<<34), 0).UTC()
		b := revops.BillingSubscription{ID: "s", Customer: "c", Start: s, Status: revops.Status(status)}
		if trial != 0 {
			b.TrialEnd = s.Add(time.Duration(trial%(1<<40)) * time.Second)
		}
		if ended != 0 {
			b.EndedAt = s.Add(time.Duration(ended%(1<<40)) * time.Second)
		}
		if periodStart != 0 {
			b.CurrentPeriodStart = s.Add(time.Duration(periodStart%(1<<40)) * time.Second)
			b.CurrentPeriodEnd = b.CurrentPeriodStart.AddDate(0, 1, 0)
			// The same instant serves as the status's start, a later trial's and a
			// pause's, so that each of them meets the fuzzer.
			b.StatusSince = b.CurrentPeriodStart
			if periodStart%3 == 0 {
				b.TrialStart, b.TrialEnd = b.CurrentPeriodStart, b.CurrentPeriodStart.AddDate(0, 0, 7)
			}
			if periodStart%5 == 0 {
				b.PauseStart, b.PauseEnd = b.CurrentPeriodStart, b.CurrentPeriodEnd
			}
		}
		b.CancelAtPeriodEnd = cancelAtEnd
		d := revops.DatedDiscount{Discount: revops.Discount{Percent: fuzzDecimal(pct, 0, 0), Amount: fuzzDecimal(amount, 0, 0), Duration: revops.DiscountDuration(duration)}}
		if discountDays != 0 {
			d.Start = s
			d.End = s.Add(time.Duration(discountDays%(1<<30)) * 24 * time.Hour)
		}
		b.Items = []revops.BillingItem{{Price: fuzzDecimal(price, 100, 0), Quantity: qty, Interval: revops.Interval{Count: count, Unit: revops.IntervalUnit(unit)}, Discounts: []revops.DatedDiscount{d}}}
		b.Discounts = []revops.DatedDiscount{d}
		_, err := b.StatusAt(s.AddDate(0, 1, 0))
		requireRevopsError(t, err)
		_, err = b.MRRAt(s.AddDate(0, 1, 0))
		requireRevopsError(t, err)
		spans, err := revops.BillingSpans([]revops.BillingSubscription{b}, revops.InvalidRecordsSkip)
		if err != nil {
			var r *revops.Refused
			require.True(t, errors.As(err, &r), "%v", err)
		}
		if len(spans) > 0 {
			_, err := revops.NewHistory(spans)
			require.NoError(t, err)
		}
	})
}
