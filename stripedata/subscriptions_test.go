package stripedata_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/revopskit/revops/stripedata"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// one decodes a single subscription, failing the test on an error.
func one(t *testing.T, data []byte, opts stripedata.Options) revops.BillingSubscription {
	t.Helper()
	subs, err := stripedata.Subscriptions(data, opts)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	return subs[0]
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestSubscriptionsFixtures reads Stripe's own fixture objects, in the shape of the
// current API and of the version before 2025-03-31.basil, as adapted in testdata.
func TestSubscriptionsFixtures(t *testing.T) {
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	t.Run("dahlia: periods on the item, no discount", func(t *testing.T) {
		b := one(t, fixture(t, "subscription.json"), stripedata.Options{})
		assert.Equal(t, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", b.ID)
		assert.Equal(t, "cus_QXg1o8vcGmoR32", b.Customer)
		assert.Equal(t, "USD", b.Currency)
		assert.Equal(t, revops.StatusActive, b.Status)
		assert.Equal(t, day(1, 1), b.Start)
		assert.Equal(t, day(1, 1), b.BillingAnchor)
		assert.Equal(t, day(12, 1), b.CurrentPeriodStart)
		assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), b.CurrentPeriodEnd)
		assert.True(t, b.TrialEnd.IsZero() && b.CancelAt.IsZero() && b.EndedAt.IsZero() && b.PauseStart.IsZero())
		require.Len(t, b.Items, 1)
		assert.True(t, b.Items[0].Price.Equal(dec("20")), "unit_amount_decimal 2000 cents is 20 USD, got %s", b.Items[0].Price)
		assert.Equal(t, 1, b.Items[0].Quantity)
		assert.Equal(t, monthly, b.Items[0].Interval)
		assert.Empty(t, b.Discounts)
		mrr, err := b.MRRAt(day(6, 1))
		require.NoError(t, err)
		assert.Equal(t, "20", mrr.String())
	})
	t.Run("acacia: periods on the subscription, the singular discount", func(t *testing.T) {
		b := one(t, fixture(t, "subscription_acacia.json"), stripedata.Options{})
		assert.Equal(t, day(2, 1), b.CurrentPeriodStart)
		assert.Equal(t, day(3, 1), b.CurrentPeriodEnd)
		// discount di_… is both the singular discount and discounts[0] (by id): once.
		require.Len(t, b.Discounts, 1)
		d := b.Discounts[0]
		assert.True(t, d.Percent.Equal(dec("0.255")), "percent_off 25.5 is 0.255, got %s", d.Percent)
		assert.Equal(t, revops.DiscountRepeating, d.Duration)
		assert.Equal(t, day(1, 1), d.Start)
		assert.Equal(t, day(4, 1), d.End)
		// 20 × (1 − 0.255) = 14.90 while the repeating coupon runs, 20 after it.
		for at, want := range map[time.Time]string{day(2, 1): "14.9", day(5, 1): "20"} {
			mrr, err := b.MRRAt(at)
			require.NoError(t, err)
			assert.Equal(t, want, mrr.String(), at)
		}
	})
}

// TestSubscriptionsStatuses maps each of Stripe's eight statuses, and dates those that
// need it from the object.
func TestSubscriptionsStatuses(t *testing.T) {
	base := fixture(t, "subscription.json")
	latest := func(status, collection string, transitions string, due int64) string {
		return fmt.Sprintf(`{"collection_method": %q, "latest_invoice": {"id": "in_1", "object": "invoice", "status": %q,
			"due_date": %d, "status_transitions": %s}}`, collection, status, due, transitions)
	}
	finalized := fmt.Sprintf(`{"finalized_at": %d, "marked_uncollectible_at": null, "paid_at": null, "voided_at": null}`, unix(day(5, 1).Add(time.Hour)))
	uncollectible := fmt.Sprintf(`{"finalized_at": %d, "marked_uncollectible_at": %d, "paid_at": null, "voided_at": null}`, unix(day(5, 1)), unix(day(5, 20)))
	for _, c := range []struct {
		name    string
		patches []string
		status  revops.Status
		since   time.Time
	}{
		{"active", nil, revops.StatusActive, time.Time{}},
		{"trialing", []string{fmt.Sprintf(`{"status": "trialing", "trial_start": %d, "trial_end": %d}`, unix(day(1, 1)), unix(day(1, 15)))},
			revops.StatusTrialing, time.Time{}},
		{"past_due, charged automatically: since the latest invoice was finalized",
			[]string{`{"status": "past_due"}`, latest("open", "charge_automatically", finalized, 0)},
			revops.StatusPastDue, day(5, 1).Add(time.Hour)},
		{"past_due, invoiced: since the latest invoice's due date",
			[]string{`{"status": "past_due"}`, latest("open", "send_invoice", finalized, unix(day(5, 31)))},
			revops.StatusPastDue, day(5, 31)},
		{"unpaid: since the latest invoice was marked uncollectible",
			[]string{`{"status": "unpaid"}`, latest("uncollectible", "charge_automatically", uncollectible, 0)},
			revops.StatusUnpaid, day(5, 20)},
		{"canceled", []string{fmt.Sprintf(`{"status": "canceled", "canceled_at": %d, "ended_at": %d}`, unix(day(3, 10)), unix(day(3, 10)))},
			revops.StatusCanceled, time.Time{}},
		{"incomplete", []string{`{"status": "incomplete"}`}, revops.StatusIncomplete, time.Time{}},
		{"incomplete_expired", []string{`{"status": "incomplete_expired"}`}, revops.StatusIncompleteExpired, time.Time{}},
		{"paused: a trial that ended without a payment method, since its end",
			[]string{fmt.Sprintf(`{"status": "paused", "trial_start": %d, "trial_end": %d,
				"trial_settings": {"end_behavior": {"missing_payment_method": "pause"}}}`, unix(day(1, 1)), unix(day(1, 15)))},
			revops.StatusPaused, day(1, 15)},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := one(t, patched(t, base, c.patches...), stripedata.Options{})
			assert.Equal(t, c.status, b.Status)
			assert.Equal(t, c.since, b.StatusSince)
		})
	}
}

// TestSubscriptionsStatusSince: a caller's date wins, and a status the object cannot
// date is refused, never dated by the export.
func TestSubscriptionsStatusSince(t *testing.T) {
	base := fixture(t, "subscription.json")
	const id = "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"
	t.Run("Options.StatusSince", func(t *testing.T) {
		b := one(t, patched(t, base, `{"status": "unpaid"}`), stripedata.Options{StatusSince: map[string]time.Time{id: day(7, 4)}})
		assert.Equal(t, day(7, 4), b.StatusSince)
	})
	for _, c := range []struct {
		name, patch, field string
	}{
		{"past_due with latest_invoice an id", `{"status": "past_due", "latest_invoice": "in_1"}`, "latest_invoice"},
		{"past_due with no latest_invoice", `{"status": "past_due"}`, "latest_invoice"},
		{"past_due with stripe-go's latest_invoice holding only its id", `{"status": "past_due", "latest_invoice": {"id": "in_1", "status": ""}}`, "latest_invoice"},
		{"unpaid with an open latest invoice", `{"status": "unpaid", "latest_invoice": {"id": "in_1", "status": "open",
			"status_transitions": {"finalized_at": 1746057600, "marked_uncollectible_at": null}}}`, "latest_invoice.status"},
		{"past_due with a draft latest invoice", `{"status": "past_due", "latest_invoice": {"id": "in_1", "status": "draft",
			"status_transitions": {"finalized_at": null}}}`, "latest_invoice.status"},
		{"paused with no trial", `{"status": "paused"}`, "trial_end"},
		{"paused with status_details (the pause endpoint)", `{"status": "paused", "status_details": {}, "trial_end": 1736899200,
			"trial_settings": {"end_behavior": {"missing_payment_method": "pause"}}}`, "status_details"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := stripedata.Subscriptions(patched(t, base, c.patch), stripedata.Options{})
			require.ErrorIs(t, err, revops.ErrInconsistent)
			require.ErrorIs(t, err, stripedata.ErrStatusUndated)
			require.NotErrorIs(t, err, stripedata.ErrPauseUndated)
			e := revopsError(t, err)
			assert.Equal(t, c.field, e.Field)
			assert.NotContains(t, e.Detail, "  ", "no empty value printed")
			assert.Equal(t, &revops.Position{List: "subscriptions", Index: 0, Key: id}, e.Record)
		})
	}
}

// TestSubscriptionsIntervals maps each recurring interval, and checks the MRR it gives:
// a price per interval over the months the interval lasts.
func TestSubscriptionsIntervals(t *testing.T) {
	base := fixture(t, "subscription.json")
	for _, c := range []struct {
		interval string
		count    int
		want     revops.Interval
		mrr      string // of 2000 cents (20 USD) per interval, to 4 places
	}{
		{"day", 1, revops.Interval{Count: 1, Unit: revops.Days}, "608.3333"},    // 20 × 365 ÷ 12 = 608.333…
		{"week", 2, revops.Interval{Count: 2, Unit: revops.Weeks}, "43.3333"},   // 20 ÷ 2 × 52 ÷ 12 = 43.333…
		{"month", 1, revops.Interval{Count: 1, Unit: revops.Months}, "20.0000"}, // 20
		{"month", 3, revops.Interval{Count: 3, Unit: revops.Months}, "6.6667"},  // 20 ÷ 3
		{"year", 1, revops.Interval{Count: 1, Unit: revops.Years}, "1.6667"},    // 20 ÷ 12
	} {
		t.Run(fmt.Sprintf("%d %s", c.count, c.interval), func(t *testing.T) {
			b := one(t, patched(t, base, item(t, fmt.Sprintf(`{"price": {"recurring": {"interval": %q, "interval_count": %d}}}`, c.interval, c.count))), stripedata.Options{})
			assert.Equal(t, c.want, b.Items[0].Interval)
			mrr, err := b.MRRAt(day(6, 1))
			require.NoError(t, err)
			assert.Equal(t, c.mrr, mrr.Monthly().StringFixed(4))
		})
	}
	t.Run("a plan, before prices", func(t *testing.T) {
		b := one(t, patched(t, base, item(t, `{"price": null, "plan": {"id": "gold", "object": "plan", "amount": 2500, "amount_decimal": "2500",
			"currency": "usd", "interval": "year", "interval_count": 1, "usage_type": "licensed", "billing_scheme": "per_unit"}}`)), stripedata.Options{})
		assert.True(t, b.Items[0].Price.Equal(dec("25")))
		assert.Equal(t, revops.Interval{Count: 1, Unit: revops.Years}, b.Items[0].Interval)
	})
}

// coupon returns a subscription-level discount of the current shape (source.coupon)
// with the coupon fields of couponJSON.
func coupon(start, end string, couponJSON string) string {
	return `{"discounts": [{"id": "di_1", "object": "discount", "start": ` + start + `, "end": ` + end + `,
		"source": {"type": "coupon", "coupon": ` + couponJSON + `}}]}`
}

// TestSubscriptionsCoupons maps each coupon duration and kind, and the MRR they give on
// the fixture's 20 USD a month under the default (recurring discounts deducted).
func TestSubscriptionsCoupons(t *testing.T) {
	base := fixture(t, "subscription.json")
	jan1, feb1, apr1 := "1735689600", "1738368000", "1743465600"
	for _, c := range []struct {
		name, patch string
		want        revops.DatedDiscount
		mrr         map[time.Month]string // MRR at the 1st of the month
	}{
		{"forever, 50 % off", coupon(jan1, "null", `{"id": "HALF", "object": "coupon", "duration": "forever", "percent_off": 50}`),
			revops.DatedDiscount{Discount: revops.Discount{Percent: dec("0.5"), Duration: revops.DiscountForever}, Start: day(1, 1)},
			map[time.Month]string{2: "10", 12: "10"}},
		{"repeating with its end", coupon(jan1, apr1, `{"id": "Q1", "duration": "repeating", "duration_in_months": 3, "percent_off": 25.5}`),
			revops.DatedDiscount{Discount: revops.Discount{Percent: dec("0.255"), Duration: revops.DiscountRepeating}, Start: day(1, 1), End: day(4, 1)},
			map[time.Month]string{3: "14.9", 4: "20"}}, // 20 × 0.745 = 14.90
		{"repeating counted from its start", coupon(feb1, "null", `{"id": "TWO", "duration": "repeating", "duration_in_months": 2, "amount_off": 500, "currency": "usd"}`),
			revops.DatedDiscount{Discount: revops.Discount{Amount: dec("5"), Duration: revops.DiscountRepeating}, Start: day(2, 1), End: day(4, 1)},
			map[time.Month]string{1: "20", 2: "15", 3: "15", 4: "20"}},
		{"once: the one invoice of the month it starts", coupon(jan1, "null", `{"id": "FIRST", "duration": "once", "amount_off": 1000, "currency": "usd"}`),
			revops.DatedDiscount{Discount: revops.Discount{Amount: dec("10"), Duration: revops.DiscountOnce}, Start: day(1, 1), End: day(2, 1)},
			map[time.Month]string{1: "20", 2: "20"}}, // never part of MRR by default
		{"an amount off in another currency, from its currency_options", coupon(jan1, "null", `{"id": "EUR5", "duration": "forever", "amount_off": 450,
			"currency": "eur", "currency_options": {"usd": {"amount_off": 500}}}`),
			revops.DatedDiscount{Discount: revops.Discount{Amount: dec("5"), Duration: revops.DiscountForever}, Start: day(1, 1)},
			map[time.Month]string{6: "15"}},
		{"the clover shape's predecessor: coupon on the discount", `{"discounts": [{"id": "di_1", "object": "discount", "start": ` + jan1 + `, "end": null,
			"coupon": {"id": "HALF", "duration": "forever", "percent_off": 50}}]}`,
			revops.DatedDiscount{Discount: revops.Discount{Percent: dec("0.5"), Duration: revops.DiscountForever}, Start: day(1, 1)},
			map[time.Month]string{6: "10"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := one(t, patched(t, base, c.patch), stripedata.Options{})
			require.Len(t, b.Discounts, 1)
			d := b.Discounts[0]
			assert.True(t, d.Percent.Equal(c.want.Percent) && d.Amount.Equal(c.want.Amount), "%+v", d)
			assert.Equal(t, c.want.Duration, d.Duration)
			assert.Equal(t, c.want.Start, d.Start)
			assert.Equal(t, c.want.End, d.End)
			for m, want := range c.mrr {
				mrr, err := b.MRRAt(day(m, 1))
				require.NoError(t, err)
				assert.Equal(t, want, mrr.String(), m)
			}
		})
	}
	t.Run("an item's own discount", func(t *testing.T) {
		b := one(t, patched(t, base, item(t, `{"discounts": [{"id": "di_2", "object": "discount", "start": `+jan1+`, "end": null,
			"source": {"type": "coupon", "coupon": {"id": "TENTH", "duration": "forever", "percent_off": 10}}}]}`)), stripedata.Options{})
		require.Len(t, b.Items[0].Discounts, 1)
		assert.True(t, b.Items[0].Discounts[0].Percent.Equal(dec("0.1")))
		assert.Empty(t, b.Discounts)
	})
	t.Run("the discount fixture", func(t *testing.T) {
		b := one(t, patched(t, base, `{"discounts": [`+string(fixture(t, "discount.json"))+`]}`), stripedata.Options{})
		require.Len(t, b.Discounts, 1)
		assert.True(t, b.Discounts[0].Percent.Equal(dec("0.255")))
		assert.Equal(t, revops.DiscountForever, b.Discounts[0].Duration)
	})
}

// TestSubscriptionsTrialPauseCancel maps the trial, pause and cancellation fields.
func TestSubscriptionsTrialPauseCancel(t *testing.T) {
	base := fixture(t, "subscription.json")
	const id = "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"
	t.Run("trial_start and trial_end", func(t *testing.T) {
		b := one(t, patched(t, base, fmt.Sprintf(`{"trial_start": %d, "trial_end": %d}`, unix(day(1, 1)), unix(day(1, 15)))), stripedata.Options{})
		assert.Equal(t, day(1, 1), b.TrialStart)
		assert.Equal(t, day(1, 15), b.TrialEnd)
		st, err := b.StatusAt(day(1, 10))
		require.NoError(t, err)
		assert.Equal(t, revops.StatusTrialing, st)
	})
	t.Run("pause_collection from Options.PauseStart to resumes_at", func(t *testing.T) {
		for _, behavior := range []string{"keep_as_draft", "mark_uncollectible", "void"} {
			b := one(t, patched(t, base, fmt.Sprintf(`{"pause_collection": {"behavior": %q, "resumes_at": %d}}`, behavior, unix(day(6, 1)))),
				stripedata.Options{PauseStart: map[string]time.Time{id: day(4, 1)}})
			assert.Equal(t, day(4, 1), b.PauseStart)
			assert.Equal(t, day(6, 1), b.PauseEnd)
			st, err := b.StatusAt(day(5, 1))
			require.NoError(t, err)
			assert.Equal(t, revops.StatusPaused, st, behavior)
		}
	})
	t.Run("pause_collection with no start is refused", func(t *testing.T) {
		_, err := stripedata.Subscriptions(patched(t, base, `{"pause_collection": {"behavior": "void", "resumes_at": null}}`), stripedata.Options{})
		require.ErrorIs(t, err, revops.ErrInconsistent)
		require.ErrorIs(t, err, stripedata.ErrPauseUndated)
		require.NotErrorIs(t, err, stripedata.ErrStatusUndated)
		assert.Equal(t, "pause_collection", revopsError(t, err).Field)
	})
	t.Run("cancel_at_period_end ends at the item's period end (basil)", func(t *testing.T) {
		b := one(t, patched(t, base, fmt.Sprintf(`{"cancel_at_period_end": true, "canceled_at": %d}`, unix(day(12, 10)))), stripedata.Options{})
		assert.True(t, b.CancelAtPeriodEnd)
		assert.Equal(t, day(12, 10), b.CanceledAt)
		assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), b.CurrentPeriodEnd)
		st, err := b.StatusAt(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		assert.Equal(t, revops.StatusCanceled, st)
	})
	t.Run("cancel_at and ended_at", func(t *testing.T) {
		b := one(t, patched(t, base, fmt.Sprintf(`{"cancel_at": %d}`, unix(day(9, 1)))), stripedata.Options{})
		assert.Equal(t, day(9, 1), b.CancelAt)
		b = one(t, patched(t, base, fmt.Sprintf(`{"status": "canceled", "ended_at": %d}`, unix(day(9, 1)))), stripedata.Options{})
		assert.Equal(t, day(9, 1), b.EndedAt)
	})
	t.Run("cancel_at_period_end over items whose periods end apart is refused", func(t *testing.T) {
		items := `{"items": {"data": [` + itemJSON(t, `{"current_period_end": 1767225600}`) + `,` +
			itemJSON(t, `{"id": "si_2", "price": {"recurring": {"interval": "year"}}, "current_period_start": 1735689600, "current_period_end": 1767225600}`) + `,` +
			itemJSON(t, `{"id": "si_3", "current_period_start": 1764547200, "current_period_end": 1765000000}`) + `]}}`
		_, err := stripedata.Subscriptions(patched(t, base, `{"cancel_at_period_end": true}`, items), stripedata.Options{})
		require.ErrorIs(t, err, revops.ErrInconsistent)
		assert.Equal(t, "cancel_at_period_end", revopsError(t, err).Field)
	})
}

// itemJSON returns the fixture's item with patch merged, as JSON.
func itemJSON(t *testing.T, patch string) string {
	s := item(t, patch)
	return s[len(`{"items": {"data": [`) : len(s)-len(`]}}`)]
}

// TestSubscriptionsAmounts converts minor units by the currency's exponent in Stripe's
// API, quantities, transformed quantities and tiers.
func TestSubscriptionsAmounts(t *testing.T) {
	base := fixture(t, "subscription.json")
	for _, c := range []struct {
		name, patch   string
		price         string
		quantity      int
		currencyPatch string
	}{
		{"USD, cents", `{"price": {"unit_amount": 1999, "unit_amount_decimal": "1999"}}`, "19.99", 1, ""},
		{"JPY, zero-decimal", `{"price": {"currency": "jpy", "unit_amount": 500, "unit_amount_decimal": "500"}}`, "500", 1, `{"currency": "jpy"}`},
		{"KWD, three-decimal", `{"price": {"currency": "kwd", "unit_amount": 5120, "unit_amount_decimal": "5120"}}`, "5.12", 1, `{"currency": "kwd"}`},
		{"ISK, two places in Stripe's API", `{"price": {"currency": "isk", "unit_amount": 50000, "unit_amount_decimal": "50000"}}`, "500", 1, `{"currency": "isk"}`},
		{"MGA, zero-decimal in Stripe's API", `{"price": {"currency": "mga", "unit_amount": 50000, "unit_amount_decimal": "50000"}}`, "50000", 1, `{"currency": "mga"}`},
		{"a fraction of a cent", `{"price": {"unit_amount": null, "unit_amount_decimal": "0.5"}}`, "0.005", 1, ""},
		{"seats", `{"quantity": 7}`, "20", 7, ""},
		{"a quantity of 0", `{"quantity": 0}`, "20", 0, ""},
		{"transform_quantity, rounded up", `{"quantity": 11, "price": {"transform_quantity": {"divide_by": 5, "round": "up"}}}`, "20", 3, ""},
		{"transform_quantity, rounded down", `{"quantity": 11, "price": {"transform_quantity": {"divide_by": 5, "round": "down"}}}`, "20", 2, ""},
		{"a price in another currency, from currency_options",
			`{"price": {"currency": "eur", "unit_amount": 1800, "unit_amount_decimal": "1800", "currency_options": {"usd": {"unit_amount": 2000, "unit_amount_decimal": "2000"}}}}`,
			"20", 1, ""},
		// Volume: 12 units fall in the second tier, 12 × 8 + 5 = 101.
		{"volume tiers", `{"quantity": 12, "price": {"billing_scheme": "tiered", "tiers_mode": "volume", "unit_amount": null, "unit_amount_decimal": null,
			"tiers": [{"up_to": 10, "unit_amount": 1000, "flat_amount": null}, {"up_to": null, "unit_amount": 800, "flat_amount": 500}]}}`, "101", 1, ""},
		// Graduated: 10 × 10 + 2 × 8 + 5 = 121.
		{"graduated tiers", `{"quantity": 12, "price": {"billing_scheme": "tiered", "tiers_mode": "graduated", "unit_amount": null, "unit_amount_decimal": null,
			"tiers": [{"up_to": 10, "unit_amount": 1000, "flat_amount": null}, {"up_to": null, "unit_amount": 800, "flat_amount": 500}]}}`, "121", 1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			patches := []string{item(t, c.patch)}
			if c.currencyPatch != "" {
				patches = append(patches, c.currencyPatch)
			}
			b := one(t, patched(t, base, patches...), stripedata.Options{})
			assert.True(t, b.Items[0].Price.Equal(dec(c.price)), "got %s", b.Items[0].Price)
			assert.Equal(t, c.quantity, b.Items[0].Quantity)
		})
	}
}

// TestSubscriptionsRefusals: every value the mapping does not understand is an error
// naming the object and the JSON field, never a skip.
func TestSubscriptionsRefusals(t *testing.T) {
	base := fixture(t, "subscription.json")
	for _, c := range []struct {
		name     string
		patches  []string
		sentinel error
		field    string
	}{
		{"an unknown status", []string{`{"status": "frozen"}`}, revops.ErrOutOfRange, "status"},
		{"an unknown interval", []string{item(t, `{"price": {"recurring": {"interval": "fortnight"}}}`)}, revops.ErrOutOfRange, "items.data[0].price.recurring.interval"},
		{"an interval count of 0", []string{item(t, `{"price": {"recurring": {"interval_count": 0}}}`)}, revops.ErrOutOfRange, "items.data[0].price.recurring.interval_count"},
		{"an unknown coupon duration", []string{coupon("1735689600", "null", `{"id": "X", "duration": "sometimes", "percent_off": 10}`)}, revops.ErrOutOfRange, "discounts[0].source.coupon.duration"},
		{"an unknown discount source", []string{`{"discounts": [{"id": "di_1", "source": {"type": "gift_card", "coupon": null}}]}`}, revops.ErrOutOfRange, "discounts[0].source.type"},
		{"an unknown pause behavior", []string{`{"pause_collection": {"behavior": "freeze", "resumes_at": null}}`}, revops.ErrOutOfRange, "pause_collection.behavior"},
		{"an unknown usage type", []string{item(t, `{"price": {"recurring": {"usage_type": "prepaid"}}}`)}, revops.ErrOutOfRange, "items.data[0].price.recurring.usage_type"},
		{"a metered price", []string{item(t, `{"price": {"recurring": {"usage_type": "metered"}}}`)}, revops.ErrOutOfRange, "items.data[0].price.recurring.usage_type"},
		{"an object other than a subscription", []string{`{"object": "invoice"}`}, revops.ErrOutOfRange, "object"},
		{"a quantity as a string", []string{item(t, `{"quantity": "1"}`)}, revops.ErrMalformed, "items.data[0].quantity"},
		{"a negative quantity", []string{item(t, `{"quantity": -1}`)}, revops.ErrOutOfRange, "items.data[0].quantity"},
		{"a timestamp as a string", []string{`{"trial_end": "2025-01-15"}`}, revops.ErrMalformed, "trial_end"},
		{"a timestamp in milliseconds", []string{`{"start_date": 1735689600000}`}, revops.ErrOutOfRange, "start_date"},
		{"a currency with no minor unit", []string{`{"currency": "xau"}`}, revops.ErrOutOfRange, "currency"},
		{"no customer", []string{`{"customer": null}`}, revops.ErrMalformed, "customer"},
		{"a discount given as its id", []string{`{"discounts": ["di_1"]}`}, revops.ErrMalformed, "discounts[0]"},
		{"a coupon given as its id", []string{`{"discounts": [{"id": "di_1", "source": {"type": "coupon", "coupon": "HALF"}}]}`}, revops.ErrMalformed, "discounts[0].source.coupon"},
		{"stripe-go's unexpanded discount", []string{`{"discounts": [{"id": "di_1", "source": null, "start": 0, "end": 0}]}`}, revops.ErrMalformed, "discounts[0].coupon"},
		{"a percent above 100", []string{coupon("1735689600", "null", `{"id": "X", "duration": "forever", "percent_off": 150}`)}, revops.ErrOutOfRange, "discounts[0].source.coupon.percent_off"},
		{"an amount off in another currency", []string{coupon("1735689600", "null", `{"id": "X", "duration": "forever", "amount_off": 500, "currency": "eur"}`)}, revops.ErrCurrencyMismatch, "discounts[0].source.coupon.currency"},
		{"a coupon restricted to products", []string{coupon("1735689600", "null", `{"id": "X", "duration": "forever", "percent_off": 10, "applies_to": {"products": ["prod_1"]}}`)}, revops.ErrOutOfRange, "discounts[0].source.coupon.applies_to.products"},
		{"a customer's own discount", []string{`{"customer": {"id": "cus_1", "object": "customer", "discount": {"id": "di_9"}}}`}, revops.ErrOutOfRange, "customer.discount"},
		{"a price in another currency", []string{item(t, `{"price": {"currency": "eur"}}`)}, revops.ErrCurrencyMismatch, "items.data[0].price.currency"},
		{"unit_amount and unit_amount_decimal apart", []string{item(t, `{"price": {"unit_amount": 2000, "unit_amount_decimal": "2001"}}`)}, revops.ErrInconsistent, "items.data[0].price.unit_amount"},
		{"no price amount", []string{item(t, `{"price": {"unit_amount": null, "unit_amount_decimal": null}}`)}, revops.ErrMalformed, "items.data[0].price.unit_amount"},
		{"a tiered price without its tiers", []string{item(t, `{"price": {"billing_scheme": "tiered", "tiers_mode": "volume"}}`)}, revops.ErrMalformed, "items.data[0].price.tiers"},
		{"items cut short", []string{`{"items": {"has_more": true}}`}, revops.ErrInconsistent, "items.has_more"},
		{"a trial that ends before it starts", []string{`{"trial_start": 1736899200, "trial_end": 1735689600}`}, revops.ErrInvalidPeriod, "trial_end"},
		{"a trial that starts before the subscription", []string{`{"trial_start": 1704067200, "trial_end": 1736899200}`}, revops.ErrInvalidPeriod, "trial_start"},
		{"canceled with no end", []string{`{"status": "canceled"}`}, revops.ErrInconsistent, "status"},
	} {
		t.Run(c.name, func(t *testing.T) {
			subs, err := stripedata.Subscriptions(patched(t, base, c.patches...), stripedata.Options{})
			require.ErrorIs(t, err, c.sentinel)
			assert.Nil(t, subs)
			e := revopsError(t, err)
			assert.Equal(t, c.field, e.Field, e.Error())
			assert.Equal(t, "stripedata.Subscriptions", e.Metric)
			require.NotNil(t, e.Record)
			if e.Record.Key != "" {
				assert.Equal(t, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", e.Record.Key)
			}
			assert.Equal(t, "subscriptions", e.Record.List)
		})
	}
}

// TestSubscriptionsInputForms reads one object, lists, search results, arrays and
// pages one after another, and refuses a listing cut short or the same object twice.
func TestSubscriptionsInputForms(t *testing.T) {
	a := string(fixture(t, "subscription.json"))
	b := string(patched(t, []byte(a), `{"id": "sub_2", "customer": "cus_2"}`))
	for _, c := range []struct {
		name, input string
		ids         []string
	}{
		{"one object", a, []string{"sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"}},
		{"a list", `{"object": "list", "url": "/v1/subscriptions", "has_more": false, "data": [` + a + `,` + b + `]}`, []string{"sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", "sub_2"}},
		{"a search result", `{"object": "search_result", "has_more": false, "next_page": null, "data": [` + b + `]}`, []string{"sub_2"}},
		{"an array", `[` + b + `,` + a + `]`, []string{"sub_2", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"}},
		{"an empty list", `{"object": "list", "data": [], "has_more": false}`, []string{}},
		{"two pages", `{"object": "list", "has_more": true, "data": [` + a + `]}` + "\n" + `{"object": "list", "has_more": false, "data": [` + b + `]}`,
			[]string{"sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", "sub_2"}},
		{"JSON Lines", string(patched(t, []byte(a))) + "\n" + string(patched(t, []byte(b))) + "\n", []string{"sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", "sub_2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			subs, err := stripedata.Subscriptions([]byte(c.input), stripedata.Options{})
			require.NoError(t, err)
			ids := []string{}
			for _, s := range subs {
				ids = append(ids, s.ID)
			}
			assert.Equal(t, c.ids, ids)
		})
	}
	for _, c := range []struct {
		name, input string
		sentinel    error
		line        int
	}{
		{"a listing cut short", `{"object": "list", "has_more": true, "data": [` + a + `]}`, revops.ErrMalformed, 1},
		{"not JSON", "{\n\"id\": sub_1}", revops.ErrMalformed, 2},
		{"nothing", " \n", revops.ErrMalformed, 2},
		{"a number", "42", revops.ErrMalformed, 1},
		{"an API error", `{"error": {"message": "No such subscription: 'sub_x'", "type": "invalid_request_error"}}`, revops.ErrMalformed, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := stripedata.Subscriptions([]byte(c.input), stripedata.Options{})
			require.ErrorIs(t, err, c.sentinel)
			e := revopsError(t, err)
			require.NotNil(t, e.Record)
			assert.Equal(t, c.line, e.Record.Line, e.Error())
		})
	}
	t.Run("the same subscription twice", func(t *testing.T) {
		_, err := stripedata.Subscriptions([]byte(`[`+a+`,`+b+`,`+a+`]`), stripedata.Options{})
		require.ErrorIs(t, err, revops.ErrInconsistent)
		e := revopsError(t, err)
		assert.Equal(t, 2, e.Record.Index)
		assert.Equal(t, &revops.Position{List: "subscriptions", Index: 0, Key: "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"}, e.Related)
	})
	t.Run("an element that is not an object", func(t *testing.T) {
		_, err := stripedata.Subscriptions([]byte(`[`+a+`, "sub_2"]`), stripedata.Options{})
		require.ErrorIs(t, err, revops.ErrMalformed)
		assert.Equal(t, 1, revopsError(t, err).Record.Index)
	})
}

// TestSubscriptionsSkipInvalid leaves out the objects it refuses and lists them.
func TestSubscriptionsSkipInvalid(t *testing.T) {
	a := fixture(t, "subscription.json")
	bad := patched(t, a, `{"id": "sub_bad", "status": "frozen"}`)
	worse := patched(t, a, `{"id": "sub_worse"}`, item(t, `{"price": {"recurring": {"interval": "lunar"}}}`))
	good := patched(t, a, `{"id": "sub_2"}`)
	input := []byte(`[` + string(a) + `,` + string(bad) + `,` + string(good) + `,` + string(worse) + `]`)
	subs, err := stripedata.Subscriptions(input, stripedata.Options{InvalidRecords: revops.InvalidRecordsSkip})
	require.Len(t, subs, 2)
	assert.Equal(t, "sub_2", subs[1].ID)
	var refused *revops.Refused
	require.True(t, errors.As(err, &refused))
	assert.Equal(t, 4, refused.Total)
	require.Len(t, refused.Records, 2)
	assert.Equal(t, 1, refused.Records[0].Index)
	assert.Equal(t, 3, refused.Records[1].Index)
	assert.Equal(t, "sub_worse", revopsError(t, refused.Records[1].Err).Record.Key)
	require.ErrorIs(t, err, revops.ErrOutOfRange)
	assert.Contains(t, err.Error(), `subscriptions["sub_bad"].status`)

	_, err = stripedata.Subscriptions(input, stripedata.Options{InvalidRecords: revops.InvalidRecords(9)})
	require.ErrorIs(t, err, revops.ErrInvalidOption)
}

// TestSubscriptionsStripeGo reads a subscription as encoding/json writes stripe-go's
// Subscription: every field present, unset timestamps 0, expandable references as
// objects holding only their id, empty strings for unset enums it does not read.
func TestSubscriptionsStripeGo(t *testing.T) {
	in := `[{"application": null, "application_fee_percent": 0, "automatic_tax": null, "billing_cycle_anchor": 1735689600,
		"billing_cycle_anchor_config": null, "billing_mode": null, "billing_schedules": null, "billing_thresholds": null,
		"cancel_at": 0, "cancel_at_period_end": false, "canceled_at": 0, "cancellation_details": null, "collection_method": "charge_automatically",
		"created": 1735689600, "currency": "eur", "customer": {"id": "cus_1", "object": "", "balance": 0, "created": 0, "deleted": false, "discount": null,
		"email": "", "livemode": false}, "customer_account": "", "days_until_due": 0, "default_payment_method": null, "default_source": null,
		"description": "", "discounts": null, "ended_at": 0, "id": "sub_1", "invoice_settings": null,
		"items": {"has_more": false, "total_count": 0, "url": "/v1/subscription_items?subscription=sub_1", "data": [{"billing_thresholds": null,
			"created": 1735689600, "current_period_end": 1738368000, "current_period_start": 1735689600, "deleted": false, "discounts": null,
			"id": "si_1", "metadata": {}, "object": "subscription_item", "plan": null,
			"price": {"active": true, "billing_scheme": "per_unit", "created": 0, "currency": "eur", "currency_options": null, "custom_unit_amount": null,
				"deleted": false, "id": "price_1", "livemode": false, "lookup_key": "", "metadata": null, "nickname": "", "object": "price",
				"product": {"id": "prod_1"}, "recurring": {"interval": "month", "interval_count": 1, "meter": "", "trial_period_days": 0, "usage_type": "licensed"},
				"tax_behavior": "", "tiers": null, "tiers_mode": "", "transform_quantity": null, "type": "recurring",
				"unit_amount": 4900, "unit_amount_decimal": "4900"},
			"quantity": 2, "subscription": "sub_1", "tax_rates": null}]},
		"latest_invoice": {"id": "in_1"}, "livemode": false, "metadata": {}, "next_pending_invoice_item_invoice": 0, "object": "subscription",
		"on_behalf_of": null, "pause_collection": null, "payment_settings": null, "pending_invoice_item_interval": null, "pending_setup_intent": null,
		"pending_update": null, "schedule": null, "start_date": 1735689600, "status": "active", "test_clock": null, "transfer_data": null,
		"trial_end": 0, "trial_settings": null, "trial_start": 0}]`
	b := one(t, []byte(in), stripedata.Options{})
	assert.Equal(t, "cus_1", b.Customer)
	assert.Equal(t, "EUR", b.Currency)
	assert.True(t, b.TrialEnd.IsZero() && b.CancelAt.IsZero() && b.CanceledAt.IsZero() && b.EndedAt.IsZero())
	mrr, err := b.MRRAt(day(1, 1))
	require.NoError(t, err)
	assert.Equal(t, "98", mrr.String()) // 2 × 49
}

// A key twice in one object is refused at that key, in a subscription, an item and an
// invoice alike (attacked: two "customer" values were read as the last, silently).
func TestDuplicateKeysRefused(t *testing.T) {
	sub := fixture(t, "subscription.json")
	twice := bytes.Replace(sub, []byte(`{`), []byte(`{"customer": "cus_other", `), 1)
	_, err := stripedata.Subscriptions(twice, stripedata.Options{})
	require.ErrorIs(t, err, revops.ErrMalformed)
	e := revopsError(t, err)
	require.Equal(t, "customer", e.Field)
	item := bytes.Replace(sub, []byte(`"object": "subscription_item"`), []byte(`"object": "subscription_item", "quantity": 2`), 1)
	require.NotEqual(t, sub, item, "the fixture has an item, with its own quantity")
	_, err = stripedata.Subscriptions(item, stripedata.Options{})
	require.ErrorIs(t, err, revops.ErrMalformed)
	require.Contains(t, revopsError(t, err).Field, "items.data[0].quantity")
	inv := fixture(t, "invoice.json")
	twice = bytes.Replace(inv, []byte(`{`), []byte(`{"status": "void", `), 1)
	_, err = stripedata.InvoiceLines(twice, nil, stripedata.Options{})
	require.ErrorIs(t, err, revops.ErrMalformed)
	require.Equal(t, "status", revopsError(t, err).Field)
}
