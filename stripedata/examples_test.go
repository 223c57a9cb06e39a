package stripedata_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/revopskit/revops/stripedata"
)

// ExampleSubscriptions reads the output of `stripe subscriptions list
// --expand data.discounts` (trimmed to the fields the mapping reads) and turns it into a
// history: 3 seats at 49 USD a month with 20 % off for ever from January 1, and a
// yearly plan of 1,200 USD from March 1, set to cancel at the end of its year.
func ExampleSubscriptions() {
	data := []byte(`{"object": "list", "url": "/v1/subscriptions", "has_more": false, "data": [
	  {"id": "sub_1", "object": "subscription", "customer": "cus_acme", "currency": "usd", "status": "active",
	   "start_date": 1735689600, "billing_cycle_anchor": 1735689600, "cancel_at_period_end": false,
	   "items": {"object": "list", "has_more": false, "data": [
	     {"id": "si_1", "quantity": 3, "current_period_start": 1764547200, "current_period_end": 1767225600,
	      "price": {"id": "price_seat", "currency": "usd", "unit_amount": 4900, "unit_amount_decimal": "4900",
	                "recurring": {"interval": "month", "interval_count": 1, "usage_type": "licensed"}}}]},
	   "discounts": [{"id": "di_1", "object": "discount", "start": 1735689600, "end": null,
	                  "source": {"type": "coupon", "coupon": {"id": "LAUNCH", "duration": "forever", "percent_off": 20}}}]},
	  {"id": "sub_2", "object": "subscription", "customer": "cus_globex", "currency": "usd", "status": "active",
	   "start_date": 1740787200, "billing_cycle_anchor": 1740787200, "cancel_at_period_end": true, "canceled_at": 1746057600,
	   "items": {"object": "list", "has_more": false, "data": [
	     {"id": "si_2", "quantity": 1, "current_period_start": 1740787200, "current_period_end": 1772323200,
	      "price": {"id": "price_year", "currency": "usd", "unit_amount": 120000, "unit_amount_decimal": "120000",
	                "recurring": {"interval": "year", "interval_count": 1, "usage_type": "licensed"}}}]},
	   "discounts": []}]}`)
	subs, err := stripedata.Subscriptions(data, stripedata.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range subs {
		it := s.Items[0]
		fmt.Printf("%s %s: %d × %s %s every %d %s, %d discount(s), period ends %s\n", s.ID, s.Customer, it.Quantity, it.Price, s.Currency,
			it.Interval.Count, it.Interval.Unit, len(s.Discounts), s.CurrentPeriodEnd.Format("2006-01-02"))
	}
	spans, err := revops.BillingSpans(subs)
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []string{"2025-02-15", "2025-06-01", "2026-03-01"} {
		t, _ := time.Parse("2006-01-02", at)
		fmt.Println("MRR on", at, h.MRR(t).Monthly().StringFixed(2))
	}
	// Output:
	// sub_1 cus_acme: 3 × 49 USD every 1 months, 1 discount(s), period ends 2026-01-01
	// sub_2 cus_globex: 1 × 1200 USD every 1 years, 0 discount(s), period ends 2026-03-01
	// MRR on 2025-02-15 117.60
	// MRR on 2025-06-01 217.60
	// MRR on 2026-03-01 117.60
}

// ExampleSubscriptions_skipInvalid leaves out a subscription whose price recurs at an
// interval the mapping does not know, and says which one and why.
func ExampleSubscriptions_skipInvalid() {
	data := []byte(`[
	  {"id": "sub_1", "object": "subscription", "customer": "cus_1", "currency": "eur", "status": "active", "start_date": 1735689600,
	   "items": {"object": "list", "has_more": false, "data": [{"id": "si_1", "quantity": 1,
	     "price": {"currency": "eur", "unit_amount": 1500, "recurring": {"interval": "month"}}}]}},
	  {"id": "sub_2", "object": "subscription", "customer": "cus_2", "currency": "eur", "status": "active", "start_date": 1735689600,
	   "items": {"object": "list", "has_more": false, "data": [{"id": "si_2", "quantity": 1,
	     "price": {"currency": "eur", "unit_amount": 1500, "recurring": {"interval": "fortnight"}}}]}}]`)
	subs, err := stripedata.Subscriptions(data, stripedata.Options{InvalidRecords: revops.InvalidRecordsSkip})
	fmt.Println(len(subs), "read")
	var refused *revops.Refused
	if errors.As(err, &refused) {
		for _, r := range refused.Records {
			var e *revops.Error
			if errors.As(r.Err, &e) {
				fmt.Printf("left out: %s (index %d), field %s: %v\n", e.Record.Key, r.Index, e.Field, errors.Is(e, revops.ErrOutOfRange))
			}
		}
	}
	fmt.Println(err)
	// Output:
	// 1 read
	// left out: sub_2 (index 1), field items.data[0].price.recurring.interval: true
	// revops: stripedata.Subscriptions: 1 of 2 records refused: subscriptions["sub_2"].items.data[0].price.recurring.interval: value out of range ("fortnight" is not one of day, week, month, year)
}

// ExampleOptions dates what a subscription object does not: a past_due status is dated
// by its expanded latest invoice (finalized, so payment was attempted and failed), a
// pause of collection by the caller, from the event that set it; an unpaid status with
// nothing to date it is refused rather than dated by the export.
func ExampleOptions() {
	data := []byte(`[
	  {"id": "sub_late", "customer": "cus_1", "currency": "usd", "status": "past_due", "start_date": 1735689600,
	   "collection_method": "charge_automatically",
	   "latest_invoice": {"id": "in_9", "object": "invoice", "status": "open", "status_transitions": {"finalized_at": 1746061200}},
	   "items": {"object": "list", "has_more": false, "data": [{"id": "si_1", "quantity": 1,
	     "price": {"currency": "usd", "unit_amount": 3000, "recurring": {"interval": "month"}}}]}},
	  {"id": "sub_paused", "customer": "cus_2", "currency": "usd", "status": "active", "start_date": 1735689600,
	   "pause_collection": {"behavior": "void", "resumes_at": 1751328000},
	   "items": {"object": "list", "has_more": false, "data": [{"id": "si_2", "quantity": 1,
	     "price": {"currency": "usd", "unit_amount": 3000, "recurring": {"interval": "month"}}}]}},
	  {"id": "sub_unpaid", "customer": "cus_3", "currency": "usd", "status": "unpaid", "start_date": 1735689600,
	   "latest_invoice": "in_7",
	   "items": {"object": "list", "has_more": false, "data": [{"id": "si_3", "quantity": 1,
	     "price": {"currency": "usd", "unit_amount": 3000, "recurring": {"interval": "month"}}}]}}]`)
	opts := stripedata.Options{
		InvalidRecords: revops.InvalidRecordsSkip,
		PauseStart:     map[string]time.Time{"sub_paused": time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)},
	}
	subs, err := stripedata.Subscriptions(data, opts)
	for _, s := range subs {
		fmt.Println(s.ID, s.Status, "since", s.StatusSince.Format(time.RFC3339), "paused", s.PauseStart.Format(time.DateOnly), "to", s.PauseEnd.Format(time.DateOnly))
	}
	var refused *revops.Refused
	if errors.As(err, &refused) {
		var e *revops.Error
		if errors.As(refused.Records[0].Err, &e) {
			fmt.Println("refused:", e.Path(), errors.Is(e, revops.ErrInconsistent))
		}
	}
	// Output:
	// sub_late past_due since 2025-05-01T01:00:00Z paused 0001-01-01 to 0001-01-01
	// sub_paused active since 0001-01-01T00:00:00Z paused 2025-05-01 to 2025-07-01
	// refused: subscriptions["sub_unpaid"].latest_invoice true
}

// ExampleInvoiceLines reads an invoice of 1,200 USD for 2025 and, after a
// cancellation, a credit note of 600 USD effective July 1, as the API gives them: the
// credit is a negative line over the rest of the year, so MRR is 100 until June and
// 0 from July.
func ExampleInvoiceLines() {
	invoices := []byte(`{"id": "in_1", "object": "invoice", "customer": "cus_acme", "currency": "usd", "status": "paid",
	  "parent": {"type": "subscription_details", "subscription_details": {"subscription": "sub_1"}},
	  "lines": {"object": "list", "has_more": false, "data": [
	    {"id": "il_1", "object": "line_item", "amount": 120000, "currency": "usd", "discount_amounts": [], "taxes": [],
	     "period": {"start": 1735689600, "end": 1767225600},
	     "parent": {"type": "subscription_item_details", "subscription_item_details":
	       {"proration": false, "subscription": "sub_1", "subscription_item": "si_1"}},
	     "pricing": {"type": "price_details", "price_details": {"price": "price_year", "product": "prod_1"}}}]}}`)
	creditNotes := []byte(`{"id": "cn_1", "object": "credit_note", "customer": "cus_acme", "currency": "usd", "status": "issued",
	  "invoice": "in_1", "effective_at": 1751328000,
	  "lines": {"object": "list", "has_more": false, "data": [
	    {"id": "cnli_1", "object": "credit_note_line_item", "type": "invoice_line_item", "invoice_line_item": "il_1",
	     "amount": 60000, "discount_amount": 0, "taxes": []}]}}`)
	lines, err := stripedata.InvoiceLines(invoices, creditNotes, stripedata.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lines {
		fmt.Println(l.Subscription, l.ServiceStart.Format(time.DateOnly), "to", l.ServiceEnd.Format(time.DateOnly), l.Amount, l.Currency)
	}
	spans, err := revops.InvoiceSpans(lines)
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("MRR in June", h.MRR(time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)), "in July", h.MRR(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// sub_1 2025-01-01 to 2026-01-01 1200 USD
	// sub_1 2025-07-01 to 2026-01-01 -600 USD
	// MRR in June 100 in July 0
}

// ExampleSourcedLines names each line by the invoice or credit note it is on, as the
// package's errors name objects: a message about a span made from a line can say
// which object to look at.
func ExampleSourcedLines() {
	invoices := []byte(`{"id": "in_1", "object": "invoice", "customer": "cus_acme", "currency": "usd", "status": "paid",
	  "parent": {"type": "subscription_details", "subscription_details": {"subscription": "sub_1"}},
	  "lines": {"object": "list", "has_more": false, "data": [
	    {"id": "il_1", "object": "line_item", "amount": 120000, "currency": "usd", "discount_amounts": [], "taxes": [],
	     "period": {"start": 1735689600, "end": 1767225600},
	     "parent": {"type": "subscription_item_details", "subscription_item_details":
	       {"proration": false, "subscription": "sub_1", "subscription_item": "si_1"}},
	     "pricing": {"type": "price_details", "price_details": {"price": "price_year", "product": "prod_1"}}}]}}`)
	creditNotes := []byte(`{"id": "cn_1", "object": "credit_note", "customer": "cus_acme", "currency": "usd", "status": "issued",
	  "invoice": "in_1", "effective_at": 1751328000,
	  "lines": {"object": "list", "has_more": false, "data": [
	    {"id": "cnli_1", "object": "credit_note_line_item", "type": "invoice_line_item", "invoice_line_item": "il_1",
	     "amount": 60000, "discount_amount": 0, "taxes": []}]}}`)
	lines, err := stripedata.SourcedLines(invoices, creditNotes, stripedata.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lines {
		fmt.Println(l.Source.String()+"."+l.Path, l.Amount)
	}
	// Output:
	// invoices["in_1"].lines.data[0] 1200
	// credit_notes["cn_1"].lines.data[0] -600
}

// Example_stripeGo reads subscriptions as a stripe-go user hands them over: marshaled
// with encoding/json, which keeps the API's field names. With stripe-go that is
//
//	params := &stripe.SubscriptionListParams{}
//	params.AddExpand("data.discounts")
//	var subs []*stripe.Subscription
//	for s, err := range sc.V1Subscriptions.List(ctx, params).All(ctx) {
//		if err != nil {
//			return err
//		}
//		subs = append(subs, s)
//	}
//	data, err := json.Marshal(subs)
//
// and data reads as below (shortened): every field is written, an unset timestamp is
// 0, an unset string "", and a reference the API gave as an id is an object holding
// the id.
func Example_stripeGo() {
	data := []byte(`[{"id": "sub_1", "object": "subscription", "status": "trialing", "currency": "gbp",
	  "customer": {"id": "cus_1", "object": "", "email": "", "balance": 0, "created": 0, "discount": null},
	  "start_date": 1735689600, "billing_cycle_anchor": 1736899200, "trial_start": 1735689600, "trial_end": 1736899200,
	  "cancel_at": 0, "canceled_at": 0, "ended_at": 0, "cancel_at_period_end": false, "pause_collection": null,
	  "latest_invoice": {"id": "in_1"}, "discounts": null, "description": "", "collection_method": "charge_automatically",
	  "items": {"has_more": false, "url": "/v1/subscription_items?subscription=sub_1", "data": [{"id": "si_1",
	    "object": "subscription_item", "quantity": 5, "current_period_start": 1735689600, "current_period_end": 1736899200,
	    "discounts": null, "price": {"id": "price_1", "object": "price", "currency": "gbp", "billing_scheme": "per_unit",
	      "unit_amount": 1200, "unit_amount_decimal": "1200", "tiers_mode": "", "transform_quantity": null,
	      "recurring": {"interval": "month", "interval_count": 1, "usage_type": "licensed", "meter": ""}}}]}}]`)
	subs, err := stripedata.Subscriptions(data, stripedata.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := subs[0]
	fmt.Println(s.ID, s.Customer, s.Status, "trial to", s.TrialEnd.Format(time.DateOnly), "cancel at set:", !s.CancelAt.IsZero())
	for _, at := range []time.Time{s.TrialStart, s.TrialEnd} {
		mrr, err := s.MRRAt(at)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("MRR on", at.Format(time.DateOnly), mrr, s.Currency)
	}
	// Output:
	// sub_1 cus_1 trialing trial to 2025-01-15 cancel at set: false
	// MRR on 2025-01-01 0 GBP
	// MRR on 2025-01-15 60 GBP
}

// ExampleDetect tells a file's kind by its content, for a command that reads whatever
// it is given.
func ExampleDetect() {
	for _, data := range []string{
		`{"object": "list", "url": "/v1/subscriptions", "has_more": false, "data": [{"id": "sub_1", "object": "subscription"}]}`,
		`[{"id": "in_1", "object": "invoice"}]`,
		`{"object": "list", "url": "/v1/credit_notes", "data": []}`,
		`{"id": "cus_1", "object": "customer"}`,
		"customer,start_date,end_date,mrr\n",
	} {
		fmt.Println(stripedata.Detect([]byte(data)))
	}
	// Output:
	// subscriptions
	// invoices
	// credit_notes
	// none
	// none
}

// ExampleKind_MarshalText writes a kind by its name.
func ExampleKind_MarshalText() {
	b, err := json.Marshal(map[string]stripedata.Kind{"kind": stripedata.KindCreditNotes})
	fmt.Println(string(b), err)
	var k stripedata.Kind
	err = k.UnmarshalText([]byte("invoices"))
	fmt.Println(k == stripedata.KindInvoices, err)
	// Output:
	// {"kind":"credit_notes"} <nil>
	// true <nil>
}

// ExampleMinorUnits gives the places of each currency's minor unit in Stripe's API:
// ISO 4217's, but for ISK and MGA.
func ExampleMinorUnits() {
	for _, c := range []string{"usd", "jpy", "kwd", "isk", "mga", "xau"} {
		n, err := stripedata.MinorUnits(c)
		fmt.Println(c, n, err)
	}
	// Output:
	// usd 2 <nil>
	// jpy 0 <nil>
	// kwd 3 <nil>
	// isk 2 <nil>
	// mga 0 <nil>
	// xau 0 revops: MinorUnits: currency: value out of range (XAU has no minor unit in ISO 4217)
}

// ExampleFromMinorUnits converts amounts as Stripe gives them, exactly.
func ExampleFromMinorUnits() {
	for _, a := range []struct {
		amount   int64
		currency string
	}{{1999, "usd"}, {500, "jpy"}, {5120, "kwd"}, {50000, "isk"}} {
		d, err := stripedata.FromMinorUnits(a.amount, a.currency)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(a.amount, a.currency, "is", d)
	}
	// Output:
	// 1999 usd is 19.99
	// 500 jpy is 500
	// 5120 kwd is 5.12
	// 50000 isk is 500
}
