package stripedata_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/revopskit/revops/stripedata"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// date returns midnight UTC of a date.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// yearSubscription returns the subscription fixture as one of the company's
// subscriptions: its id, customer, a single item's price (cents), quantity, interval
// and current period, and the fields of patch.
func yearSubscription(t *testing.T, id, customer string, cents, quantity int, interval string, count int, start, periodStart, periodEnd time.Time, patch string) string {
	t.Helper()
	return string(patched(t, fixture(t, "subscription.json"),
		fmt.Sprintf(`{"id": %q, "customer": %q, "start_date": %d, "created": %d, "billing_cycle_anchor": %d}`, id, customer, unix(start), unix(start), unix(start)),
		item(t, fmt.Sprintf(`{"id": "si_%s", "subscription": %q, "quantity": %d, "current_period_start": %d, "current_period_end": %d,
			"price": {"id": "price_%s", "unit_amount": %d, "unit_amount_decimal": "%d", "recurring": {"interval": %q, "interval_count": %d}}}`,
			id, id, quantity, unix(periodStart), unix(periodEnd), id, cents, cents, interval, count)),
		patch))
}

// yearInvoice returns the invoice fixture as one invoice of a subscription: one line
// for the service period from start to end, its amount and discount in cents.
func yearInvoice(t *testing.T, sub, customer, status string, start, end time.Time, cents, discount int) string {
	t.Helper()
	id := fmt.Sprintf("%s_%s", sub, start.Format("20060102"))
	discounts := "[]"
	if discount > 0 {
		discounts = fmt.Sprintf(`[{"amount": %d, "discount": "di_%s"}]`, discount, sub)
	}
	return string(patched(t, fixture(t, "invoice.json"),
		fmt.Sprintf(`{"id": "in_%s", "customer": %q, "status": %q, "created": %d, "parent": {"subscription_details": {"subscription": %q}}}`,
			id, customer, status, unix(start), sub),
		line(t, "invoice.json", fmt.Sprintf(`{"id": "il_%s", "invoice": "in_%s", "amount": %d, "discount_amounts": %s,
			"period": {"start": %d, "end": %d}, "parent": {"subscription_item_details": {"subscription": %q, "subscription_item": "si_%s"}}}`,
			id, id, cents, discounts, unix(start), unix(end), sub, sub))))
}

// TestYearRoutesAgree is one company's 2025, exported on December 31 as Stripe gives
// it: its subscriptions, and every invoice they billed. The subscription route
// (Subscriptions → BillingSpans → NewHistory) and the invoice route (InvoiceLines →
// InvoiceSpans → NewHistory) give the same MRR at the end of every month, and the same
// movements:
//
//	acme     sub_A  100 a month from January 1
//	globex   sub_B  1,200 a year from March 15 (100 a month)
//	initech  sub_C  3 seats at 20 a month, 20 % off for ever, from February 1; asked
//	                on August 10 to cancel at the end of its period: ended September 1
//	umbrella sub_D  a trial from April 1 to 15, then 50 a month
//	hooli    sub_E  300 a quarter from September 1, 50 % off for 6 months (to March 1)
//	soylent  sub_G  80 a month from January 1; its December invoice failed and was
//	                marked uncollectible on December 20: unpaid
//	wayne    sub_H  30 a month from January 1; its December invoice failed: past due
//
// February, by hand. acme 100, soylent 80 and wayne 30 have paid since January 1; initech
// starts: 3 × 20 = 60, less 20 % = 48 (its invoice: 6,000 cents less a 1,200-cent
// discount, 48.00 for February 1 to March 1). MRR at February 28: 100 + 80 + 30 + 48 =
// 258, new 48 (January closed at 210).
//
// September, by hand. initech's last period was August 1 to September 1 (cancel at
// period end): it churns 48 on September 1. hooli starts: 300 a quarter is 100 a month,
// half off: 50 (its invoice: 30,000 cents less 15,000 for September 1 to December 1,
// 150 over 3 months). globex 100 (1,200 ÷ 12) and umbrella 50 run on. MRR at September
// 30: 100 + 80 + 30 + 100 + 50 + 50 = 410, new 50, churn 48 (August closed at 408).
//
// The routes date soylent's churn apart, and both put it in December: the subscription
// route at December 20 (unpaid since the invoice was marked uncollectible), the invoice
// route at December 1 (an uncollectible invoice bills nothing). wayne's open December
// invoice counts, as past_due counts under the default.
func TestYearRoutesAgree(t *testing.T) {
	end2025 := date(2026, 1, 1)
	subs := []string{
		yearSubscription(t, "sub_A", "acme", 10000, 1, "month", 1, date(2025, 1, 1), date(2025, 12, 1), end2025, `{}`),
		yearSubscription(t, "sub_B", "globex", 120000, 1, "year", 1, date(2025, 3, 15), date(2025, 3, 15), date(2026, 3, 15), `{}`),
		yearSubscription(t, "sub_C", "initech", 2000, 3, "month", 1, date(2025, 2, 1), date(2025, 8, 1), date(2025, 9, 1),
			fmt.Sprintf(`{"status": "canceled", "cancel_at_period_end": true, "canceled_at": %d, "ended_at": %d,
				"discounts": [{"id": "di_sub_C", "object": "discount", "start": %d, "end": null,
					"source": {"type": "coupon", "coupon": {"id": "TWENTY", "object": "coupon", "duration": "forever", "percent_off": 20}}}]}`,
				unix(date(2025, 8, 10)), unix(date(2025, 9, 1)), unix(date(2025, 2, 1)))),
		yearSubscription(t, "sub_D", "umbrella", 5000, 1, "month", 1, date(2025, 4, 1), date(2025, 12, 15), date(2026, 1, 15),
			fmt.Sprintf(`{"trial_start": %d, "trial_end": %d, "billing_cycle_anchor": %d}`, unix(date(2025, 4, 1)), unix(date(2025, 4, 15)), unix(date(2025, 4, 15)))),
		yearSubscription(t, "sub_E", "hooli", 30000, 1, "month", 3, date(2025, 9, 1), date(2025, 12, 1), date(2026, 3, 1),
			fmt.Sprintf(`{"discounts": [{"id": "di_sub_E", "object": "discount", "start": %d, "end": %d,
				"source": {"type": "coupon", "coupon": {"id": "HALF6", "object": "coupon", "duration": "repeating", "duration_in_months": 6, "percent_off": 50}}}]}`,
				unix(date(2025, 9, 1)), unix(date(2026, 3, 1)))),
		yearSubscription(t, "sub_G", "soylent", 8000, 1, "month", 1, date(2025, 1, 1), date(2025, 12, 1), end2025,
			fmt.Sprintf(`{"status": "unpaid", "latest_invoice": {"id": "in_sub_G_20251201", "object": "invoice", "status": "uncollectible",
				"status_transitions": {"finalized_at": %d, "marked_uncollectible_at": %d, "paid_at": null, "voided_at": null}}}`,
				unix(date(2025, 12, 1).Add(time.Hour)), unix(date(2025, 12, 20)))),
		yearSubscription(t, "sub_H", "wayne", 3000, 1, "month", 1, date(2025, 1, 1), date(2025, 12, 1), end2025,
			fmt.Sprintf(`{"status": "past_due", "latest_invoice": {"id": "in_sub_H_20251201", "object": "invoice", "status": "open",
				"status_transitions": {"finalized_at": %d, "marked_uncollectible_at": null, "paid_at": null, "voided_at": null}}}`,
				unix(date(2025, 12, 1).Add(time.Hour)))),
	}
	var invoices []string
	monthly := func(sub, customer string, from, to time.Month, day, cents, discount int, status func(time.Month) string) {
		for m := from; m <= to; m++ {
			invoices = append(invoices, yearInvoice(t, sub, customer, status(m), date(2025, m, day), date(2025, m+1, day), cents, discount))
		}
	}
	paid := func(time.Month) string { return "paid" }
	monthly("sub_A", "acme", 1, 12, 1, 10000, 0, paid)
	invoices = append(invoices, yearInvoice(t, "sub_B", "globex", "paid", date(2025, 3, 15), date(2026, 3, 15), 120000, 0))
	monthly("sub_C", "initech", 2, 8, 1, 6000, 1200, paid)
	invoices = append(invoices, yearInvoice(t, "sub_D", "umbrella", "paid", date(2025, 4, 1), date(2025, 4, 15), 0, 0)) // the trial's invoice
	monthly("sub_D", "umbrella", 4, 12, 15, 5000, 0, paid)
	invoices = append(invoices,
		yearInvoice(t, "sub_E", "hooli", "paid", date(2025, 9, 1), date(2025, 12, 1), 30000, 15000),
		yearInvoice(t, "sub_E", "hooli", "paid", date(2025, 12, 1), date(2026, 3, 1), 30000, 15000))
	monthly("sub_G", "soylent", 1, 12, 1, 8000, 0, func(m time.Month) string { return map[bool]string{true: "uncollectible", false: "paid"}[m == 12] })
	monthly("sub_H", "wayne", 1, 12, 1, 3000, 0, func(m time.Month) string { return map[bool]string{true: "open", false: "paid"}[m == 12] })

	// The subscription route.
	bs, err := stripedata.Subscriptions([]byte(`{"object": "list", "url": "/v1/subscriptions", "has_more": false, "data": [`+strings.Join(subs, ",")+`]}`), stripedata.Options{})
	require.NoError(t, err)
	spans, err := revops.BillingSpans(bs)
	require.NoError(t, err)
	bySubscription, err := revops.NewHistory(spans)
	require.NoError(t, err)

	// The invoice route.
	ls, err := stripedata.InvoiceLines([]byte(`[`+strings.Join(invoices, ",\n")+`]`), nil, stripedata.Options{})
	require.NoError(t, err)
	require.Len(t, ls, 12+1+7+1+9+2+11+12) // uncollectible December of soylent left out
	spans, err = revops.InvoiceSpans(ls)
	require.NoError(t, err)
	byInvoice, err := revops.NewHistory(spans)
	require.NoError(t, err)

	var months []revops.Period
	for m := time.January; m <= time.December; m++ {
		months = append(months, revops.Month(2025, m))
	}
	// By hand, month by month: who pays what at the month's end (see above).
	want := []struct{ end, new, churn string }{
		{"210", "210", "0"}, // acme 100, soylent 80, wayne 30
		{"258", "48", "0"},  // initech 48
		{"358", "100", "0"}, // globex 100 from March 15
		{"408", "50", "0"},  // umbrella 50 from April 15, after its trial
		{"408", "0", "0"},
		{"408", "0", "0"},
		{"408", "0", "0"},
		{"408", "0", "0"},
		{"410", "50", "48"}, // hooli 50 in, initech 48 out
		{"410", "0", "0"},
		{"410", "0", "0"},
		{"330", "0", "80"}, // soylent unpaid
	}
	a, err := bySubscription.Series(months)
	require.NoError(t, err)
	b, err := byInvoice.Series(months)
	require.NoError(t, err)
	for i, p := range months {
		name := p.Start().Format("2006-01")
		assert.Equal(t, want[i].end, a[i].End.String(), "%s MRR, subscription route", name)
		assert.Equal(t, want[i].end, b[i].End.String(), "%s MRR, invoice route", name)
		assert.Equal(t, want[i].new, a[i].New.String(), "%s new, subscription route", name)
		assert.Equal(t, want[i].churn, a[i].Churn.String(), "%s churn, subscription route", name)
		for _, m := range []struct {
			what string
			x, y fmt.Stringer
		}{
			{"new", a[i].New, b[i].New}, {"expansion", a[i].Expansion, b[i].Expansion}, {"contraction", a[i].Contraction, b[i].Contraction},
			{"churn", a[i].Churn, b[i].Churn}, {"reactivation", a[i].Reactivation, b[i].Reactivation},
		} {
			assert.Equal(t, m.x.String(), m.y.String(), "%s %s: the routes disagree", name, m.what)
		}
		assert.Equal(t, a[i].Customers, b[i].Customers, "%s customers", name)
	}
}
