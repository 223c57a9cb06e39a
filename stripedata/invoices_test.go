package stripedata_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/revopskit/revops/stripedata"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mrrOf returns the monthly MRR of a recurring line's span, to 4 places.
func mrrOf(t *testing.T, l revops.InvoiceLine) string {
	t.Helper()
	s, err := revops.SpanFromInvoiceLine(l)
	require.NoError(t, err)
	return s.MRR.Monthly().StringFixed(4)
}

// lines decodes invoices and credit notes, failing the test on an error.
func lines(t *testing.T, invoices, creditNotes []byte) []revops.InvoiceLine {
	t.Helper()
	out, err := stripedata.InvoiceLines(invoices, creditNotes, stripedata.Options{})
	require.NoError(t, err)
	return out
}

// subItem is a line's parent as a subscription item's, current shape.
func subItem(proration bool, item string) string {
	return fmt.Sprintf(`{"parent": {"type": "subscription_item_details", "invoice_item_details": null, "subscription_item_details":
		{"invoice_item": null, "proration": %t, "proration_details": {"credited_items": null}, "subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
		"subscription_item": %q}}}`, proration, item)
}

// invItem is a line's parent as an invoice item's, current shape.
func invItem(proration bool) string {
	return fmt.Sprintf(`{"parent": {"type": "invoice_item_details", "subscription_item_details": null, "invoice_item_details":
		{"invoice_item": "ii_1", "proration": %t, "proration_details": {"credited_items": null}, "subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"}}}`, proration)
}

// TestInvoiceLinesFixtures reads Stripe's fixture invoice in the current shape and in
// the shape before 2025-03-31.basil.
func TestInvoiceLinesFixtures(t *testing.T) {
	t.Run("dahlia: parent and pricing", func(t *testing.T) {
		got := lines(t, fixture(t, "invoice.json"), nil)
		require.Len(t, got, 1)
		l := got[0]
		assert.Equal(t, "cus_QXg1o8vcGmoR32", l.Customer)
		assert.Equal(t, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", l.Subscription)
		assert.Equal(t, "si_QXhVnC2h0Jczwc", l.Item)
		assert.Equal(t, "USD", l.Currency)
		assert.Equal(t, day(12, 1), l.ServiceStart)
		assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), l.ServiceEnd)
		assert.True(t, l.Amount.Equal(dec("20")), "%s", l.Amount)
		assert.Equal(t, revops.Interval{}, l.Interval, "the price is an id: measured in months")
		assert.False(t, l.OneTime)
		assert.Equal(t, "20.0000", mrrOf(t, l))
	})
	t.Run("acacia: type, price, proration", func(t *testing.T) {
		got := lines(t, fixture(t, "invoice_acacia.json"), nil)
		require.Len(t, got, 1)
		l := got[0]
		assert.Equal(t, "si_QXhVnC2h0Jczwc", l.Item)
		assert.Equal(t, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", l.Subscription)
		assert.Equal(t, revops.Interval{Count: 1, Unit: revops.Months}, l.Interval)
		assert.Equal(t, day(2, 1), l.ServiceStart)
		assert.Equal(t, day(3, 1), l.ServiceEnd)
		assert.Equal(t, "20.0000", mrrOf(t, l))
	})
	t.Run("an expanded price gives the interval", func(t *testing.T) {
		got := lines(t, patched(t, fixture(t, "invoice.json"), line(t, "invoice.json", `{"amount": 24000, "period": {"start": 1735689600, "end": 1767225600},
			"pricing": {"price_details": {"price": {"id": "price_y", "object": "price", "recurring": {"interval": "year", "interval_count": 1}}}}}`)), nil)
		assert.Equal(t, revops.Interval{Count: 1, Unit: revops.Years}, got[0].Interval)
		assert.Equal(t, "20.0000", mrrOf(t, got[0])) // 240 a year
	})
}

// TestInvoiceLinesAmounts takes discounts and inclusive taxes off a line's amount.
func TestInvoiceLinesAmounts(t *testing.T) {
	for _, c := range []struct {
		name, base, patch, amount string
	}{
		// 2000 − 500 discount − 150 inclusive tax = 1350 cents; exclusive tax is not in the amount.
		{"discount_amounts and taxes", "invoice.json", `{"discount_amounts": [{"amount": 500, "discount": "di_1"}],
			"taxes": [{"amount": 150, "tax_behavior": "inclusive", "taxable_amount": 1350, "type": "tax_rate_details"},
			          {"amount": 300, "tax_behavior": "exclusive", "taxable_amount": 1500, "type": "tax_rate_details"}]}`, "13.5"},
		// 2000 − 100 inclusive = 1900 cents.
		{"tax_amounts before basil", "invoice_acacia.json", `{"tax_amounts": [{"amount": 100, "inclusive": true}, {"amount": 50, "inclusive": false}]}`, "19"},
		// Two discounts, 300 and 200: 1500 cents.
		{"two discounts", "invoice.json", `{"discount_amounts": [{"amount": 300, "discount": "di_1"}, {"amount": 200, "discount": "di_2"}]}`, "15"},
		{"a 100 % discount", "invoice.json", `{"discount_amounts": [{"amount": 2000, "discount": "di_1"}]}`, "0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := lines(t, patched(t, fixture(t, c.base), line(t, c.base, c.patch)), nil)
			require.Len(t, got, 1)
			assert.True(t, got[0].Amount.Equal(dec(c.amount)), "got %s", got[0].Amount)
		})
	}
	t.Run("a zero-decimal currency", func(t *testing.T) {
		got := lines(t, patched(t, fixture(t, "invoice.json"), `{"currency": "jpy"}`, line(t, "invoice.json", `{"currency": "jpy", "amount": 5000}`)), nil)
		assert.True(t, got[0].Amount.Equal(dec("5000")))
		assert.Equal(t, "JPY", got[0].Currency)
	})
}

// TestInvoiceLinesKinds: subscription lines and prorations recur; other invoice items
// are one-time.
func TestInvoiceLinesKinds(t *testing.T) {
	inv := fixture(t, "invoice.json")
	old := fixture(t, "invoice_acacia.json")
	for _, c := range []struct {
		name            string
		data            []byte
		oneTime         bool
		itemIsTheLineID bool
	}{
		{"subscription item", patched(t, inv, line(t, "invoice.json", subItem(false, "si_QXhVnC2h0Jczwc"))), false, false},
		{"subscription item, proration", patched(t, inv, line(t, "invoice.json", subItem(true, "si_QXhVnC2h0Jczwc"))), false, true},
		{"invoice item", patched(t, inv, line(t, "invoice.json", invItem(false))), true, true},
		{"invoice item, proration", patched(t, inv, line(t, "invoice.json", invItem(true))), false, true},
		{"type subscription", old, false, false},
		{"type invoiceitem", patched(t, old, line(t, "invoice_acacia.json", `{"type": "invoiceitem", "subscription_item": null, "price": {"recurring": null, "type": "one_time"}}`)), true, true},
		{"type invoiceitem, proration", patched(t, old, line(t, "invoice_acacia.json", `{"type": "invoiceitem", "proration": true}`)), false, true},
		{"nothing over an empty period", patched(t, inv, line(t, "invoice.json", `{"amount": 0, "period": {"start": 1764547200, "end": 1764547200}}`)), true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := lines(t, c.data, nil)
			require.Len(t, got, 1)
			assert.Equal(t, c.oneTime, got[0].OneTime)
			assert.Equal(t, c.itemIsTheLineID, got[0].Item == "il_1Pgc6sB7WZ01zgkWFnxLrLCq", got[0].Item)
			assert.Equal(t, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", got[0].Subscription)
		})
	}
}

// TestInvoiceLinesStatuses keeps the lines of open and paid invoices only.
func TestInvoiceLinesStatuses(t *testing.T) {
	for status, n := range map[string]int{"draft": 0, "open": 1, "paid": 1, "uncollectible": 0, "void": 0} {
		got := lines(t, patched(t, fixture(t, "invoice.json"), fmt.Sprintf(`{"status": %q}`, status)), nil)
		assert.Len(t, got, n, status)
	}
}

// TestInvoiceLinesProrationAnchor measures a proration as the share of its billing
// period it is: 2.00 credited for January 30 to February 1 of a period anchored on the
// 1st is 2 of January's 31 days, so it takes 2 × 31 ÷ 2 = 31 a month off, the whole
// 31.00 plan. Measured from its own start's day (the 30th, whose month runs to February
// 28: 29 days) it would take 29.
func TestInvoiceLinesProrationAnchor(t *testing.T) {
	jan := patched(t, fixture(t, "invoice.json"), `{"id": "in_jan"}`, line(t, "invoice.json",
		`{"id": "il_jan", "amount": 3100, "period": {"start": 1735689600, "end": 1738368000}}`))
	credit := patched(t, fixture(t, "invoice.json"), `{"id": "in_change"}`, line(t, "invoice.json", subItem(true, "si_QXhVnC2h0Jczwc"),
		fmt.Sprintf(`{"id": "il_credit", "amount": -200, "period": {"start": %d, "end": 1738368000}}`, unix(day(1, 30)))))
	got := lines(t, []byte(`[`+string(jan)+`,`+string(credit)+`]`), nil)
	require.Len(t, got, 2)
	assert.Equal(t, "31.0000", mrrOf(t, got[0]))
	assert.Equal(t, 1, got[1].Anchor)
	assert.Equal(t, "il_credit", got[1].Item)
	assert.Equal(t, "-31.0000", mrrOf(t, got[1]))
}

// TestInvoiceLinesProrationAnchorByPrice: a proration billed as an invoice item
// (parent invoice_item_details, no subscription item) finds its period by its price:
// 1.00 for January 31 to February 1, one of January's 31 days, is 31 a month.
func TestInvoiceLinesProrationAnchorByPrice(t *testing.T) {
	jan := patched(t, fixture(t, "invoice.json"), `{"id": "in_jan"}`, line(t, "invoice.json",
		`{"id": "il_jan", "amount": 3100, "period": {"start": 1735689600, "end": 1738368000}}`))
	debit := patched(t, fixture(t, "invoice.json"), `{"id": "in_change"}`, line(t, "invoice.json", invItem(true),
		fmt.Sprintf(`{"id": "il_debit", "amount": 100, "period": {"start": %d, "end": 1738368000}}`, unix(day(1, 31)))))
	got := lines(t, []byte(`[`+string(jan)+`,`+string(debit)+`]`), nil)
	require.Len(t, got, 2)
	assert.Equal(t, 1, got[1].Anchor)
	assert.Equal(t, "31.0000", mrrOf(t, got[1]))
}

// TestInvoiceLinesCreditNotes maps credit note lines as negative lines over the rest
// of the period of the line they credit.
func TestInvoiceLinesCreditNotes(t *testing.T) {
	inv, cn := fixture(t, "invoice.json"), fixture(t, "credit_note.json")
	t.Run("the fixture: part of December, and a service credit", func(t *testing.T) {
		got := lines(t, inv, cn)
		require.Len(t, got, 3)
		credit := got[1]
		assert.Equal(t, "cus_QXg1o8vcGmoR32", credit.Customer)
		assert.Equal(t, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", credit.Subscription)
		assert.Equal(t, "si_QXhVnC2h0Jczwc", credit.Item, "the item of the line it credits")
		assert.True(t, credit.Amount.Equal(dec("-10")))
		assert.Equal(t, day(12, 16), credit.ServiceStart) // effective_at
		assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), credit.ServiceEnd)
		assert.Equal(t, 1, credit.Anchor)
		// −10 over 16 of December's 31 days: −10 × 31 ÷ 16 = −19.375 a month.
		assert.Equal(t, "-19.3750", mrrOf(t, credit))
		custom := got[2]
		assert.True(t, custom.OneTime)
		assert.True(t, custom.Amount.Equal(dec("-5")))
	})
	t.Run("a void credit note credits nothing", func(t *testing.T) {
		assert.Len(t, lines(t, inv, patched(t, cn, `{"status": "void"}`)), 1)
	})
	t.Run("effective before the period: the whole period", func(t *testing.T) {
		got := lines(t, inv, patched(t, cn, `{"effective_at": 1764000000}`))
		assert.Equal(t, day(12, 1), got[1].ServiceStart)
		assert.Equal(t, "-10.0000", mrrOf(t, got[1]))
	})
	t.Run("the invoice expanded in the credit note", func(t *testing.T) {
		got := lines(t, nil, patched(t, cn, `{"invoice": `+string(inv)+`}`))
		require.Len(t, got, 2)
		assert.Equal(t, "-19.3750", mrrOf(t, got[0]))
	})
	t.Run("crediting an uncollectible invoice's line: left out with it", func(t *testing.T) {
		got := lines(t, patched(t, inv, `{"status": "uncollectible"}`), cn)
		require.Len(t, got, 1)
		assert.True(t, got[0].OneTime) // the service credit alone
	})
	t.Run("a discount credited with the line", func(t *testing.T) {
		got := lines(t, inv, patched(t, cn, `{"lines": {"data": [{"id": "cnli_1", "object": "credit_note_line_item", "type": "invoice_line_item",
			"invoice_line_item": "il_1Pgc6sB7WZ01zgkWFnxLrLCq", "amount": 1000, "discount_amount": 250,
			"discount_amounts": [{"amount": 250, "discount": "di_1"}], "taxes": null}]}}`))
		assert.True(t, got[1].Amount.Equal(dec("-7.5")))
	})
	t.Run("a credit note for a line not given", func(t *testing.T) {
		_, err := stripedata.InvoiceLines(nil, cn, stripedata.Options{})
		require.ErrorIs(t, err, revops.ErrInconsistent)
		e := revopsError(t, err)
		assert.Equal(t, "lines.data[0].invoice_line_item", e.Field)
		assert.Equal(t, &revops.Position{List: "credit_notes", Index: 0, Key: "cn_1Pgc75B7WZ01zgkWJMPt5riP"}, e.Record)
	})
}

// TestInvoiceLinesAnnualCredit is the credit-note kind: a 1,200 line for 2025 and,
// after a cancellation, 600 credited from July 1. MRR is 1,200 ÷ 12 = 100 from January
// to June, and 100 − 600 ÷ 6 = 0 from July: churn in July.
func TestInvoiceLinesAnnualCredit(t *testing.T) {
	inv := patched(t, fixture(t, "invoice.json"), line(t, "invoice.json", `{"amount": 120000, "period": {"start": 1735689600, "end": 1767225600}}`))
	cn := patched(t, fixture(t, "credit_note.json"), fmt.Sprintf(`{"effective_at": %d}`, unix(day(7, 1))),
		`{"lines": {"data": [{"id": "cnli_1", "object": "credit_note_line_item", "type": "invoice_line_item",
			"invoice_line_item": "il_1Pgc6sB7WZ01zgkWFnxLrLCq", "amount": 60000, "discount_amount": 0}]}}`)
	spans, err := revops.InvoiceSpans(lines(t, inv, cn))
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	assert.Equal(t, "100", h.MRR(day(6, 30)).String())
	assert.Equal(t, "0", h.MRR(day(7, 1)).String())
	series, err := h.Series([]revops.Period{revops.Month(2025, 6), revops.Month(2025, 7)})
	require.NoError(t, err)
	assert.Equal(t, "100", series[1].Churn.String())
}

// TestInvoiceLinesRefusals: every value the mapping does not understand is an error
// naming the object and the JSON field.
func TestInvoiceLinesRefusals(t *testing.T) {
	inv, cn := fixture(t, "invoice.json"), fixture(t, "credit_note.json")
	l := func(patch string) []byte { return patched(t, inv, line(t, "invoice.json", patch)) }
	for _, c := range []struct {
		name          string
		invoices, cns []byte
		sentinel      error
		list, field   string
	}{
		{"an unknown invoice status", patched(t, inv, `{"status": "pending"}`), nil, revops.ErrOutOfRange, "invoices", "status"},
		{"an unknown parent type", l(`{"parent": {"type": "quote_line_details"}}`), nil, revops.ErrOutOfRange, "invoices", "lines.data[0].parent.type"},
		{"neither parent nor type", l(`{"parent": null}`), nil, revops.ErrMalformed, "invoices", "lines.data[0].parent"},
		{"an unknown line type", patched(t, fixture(t, "invoice_acacia.json"), line(t, "invoice_acacia.json", `{"type": "usage"}`)), nil, revops.ErrOutOfRange, "invoices", "lines.data[0].type"},
		{"a line in another currency", l(`{"currency": "eur"}`), nil, revops.ErrCurrencyMismatch, "invoices", "lines.data[0].currency"},
		{"lines cut short", patched(t, inv, `{"lines": {"has_more": true}}`), nil, revops.ErrInconsistent, "invoices", "lines.has_more"},
		{"an amount as a string", l(`{"amount": "2000"}`), nil, revops.ErrMalformed, "invoices", "lines.data[0].amount"},
		{"an amount with a fraction", l(`{"amount": 20.5}`), nil, revops.ErrMalformed, "invoices", "lines.data[0].amount"},
		{"no period", l(`{"period": null}`), nil, revops.ErrMalformed, "invoices", "lines.data[0].period"},
		{"an amount billed over no time", l(`{"period": {"start": 1764547200, "end": 1764547200}}`), nil, revops.ErrInvalidPeriod, "invoices", "lines.data[0].period.end"},
		{"a period that ends before it starts", l(`{"period": {"start": 1767225600, "end": 1764547200}}`), nil, revops.ErrInvalidPeriod, "invoices", "lines.data[0].period.end"},
		{"an unknown tax behavior", l(`{"taxes": [{"amount": 1, "tax_behavior": "mixed"}]}`), nil, revops.ErrOutOfRange, "invoices", "lines.data[0].taxes[0].tax_behavior"},
		{"an unknown interval on the price", l(`{"pricing": {"price_details": {"price": {"id": "p", "recurring": {"interval": "decade"}}}}}`), nil,
			revops.ErrOutOfRange, "invoices", "lines.data[0].pricing.price_details.price.recurring.interval"},
		{"a subscription among invoices", fixture(t, "subscription.json"), nil, revops.ErrOutOfRange, "invoices", "object"},
		{"an unknown credit note status", inv, patched(t, cn, `{"status": "pending"}`), revops.ErrOutOfRange, "credit_notes", "status"},
		{"an unknown credit note line type", inv, patched(t, cn, `{"lines": {"data": [{"id": "cnli_1", "type": "shipping", "amount": 1}]}}`),
			revops.ErrOutOfRange, "credit_notes", "lines.data[0].type"},
		{"discounts that do not add up", inv, patched(t, cn, `{"lines": {"data": [{"id": "cnli_1", "type": "custom_line_item", "amount": 100,
			"discount_amount": 10, "discount_amounts": [{"amount": 20, "discount": "di_1"}]}]}}`), revops.ErrInconsistent, "credit_notes", "lines.data[0].discount_amount"},
		{"a credit note of another customer", inv, patched(t, cn, `{"customer": "cus_other"}`), revops.ErrInconsistent, "credit_notes", "lines.data[0].invoice_line_item"},
		// Attacked: a line of another invoice than the credit note's, and a negative
		// credit, were both taken (the first credited the wrong month, the second
		// raised MRR).
		{"a line of another invoice than the credit note's", inv, patched(t, cn, `{"invoice": "in_other"}`), revops.ErrInconsistent, "credit_notes", "lines.data[0].invoice_line_item"},
		{"a negative credit", inv, patched(t, cn, `{"lines": {"data": [{"id": "cnli_1", "type": "custom_line_item", "amount": -100}]}}`), revops.ErrNegative, "credit_notes", "lines.data[0].amount"},
		{"a credit note of no invoice", inv, patched(t, cn, `{"invoice": null}`), revops.ErrMalformed, "credit_notes", "invoice"},
		{"a negative discount on a credit", inv, patched(t, cn, `{"lines": {"data": [{"id": "cnli_1", "type": "custom_line_item", "amount": 100, "discount_amount": -10}]}}`),
			revops.ErrNegative, "credit_notes", "lines.data[0].discount_amount"},
		{"a negative discount on a line", l(`{"discount_amounts": [{"amount": -10, "discount": "di_1"}]}`), nil, revops.ErrNegative, "invoices", "lines.data[0].discount_amounts"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := stripedata.InvoiceLines(c.invoices, c.cns, stripedata.Options{})
			require.ErrorIs(t, err, c.sentinel)
			assert.Nil(t, got)
			e := revopsError(t, err)
			assert.Equal(t, c.field, e.Field, e.Error())
			assert.Equal(t, "stripedata.InvoiceLines", e.Metric)
			require.NotNil(t, e.Record)
			assert.Equal(t, c.list, e.Record.List)
		})
	}
}

// TestInvoiceLinesSkipInvalid leaves out the invoices and credit notes it refuses and
// lists them, each within its own list.
func TestInvoiceLinesSkipInvalid(t *testing.T) {
	inv, cn := fixture(t, "invoice.json"), fixture(t, "credit_note.json")
	bad := patched(t, inv, `{"id": "in_bad", "status": "pending"}`, line(t, "invoice.json", `{"id": "il_other"}`))
	badNote := patched(t, cn, `{"id": "cn_bad", "status": "pending"}`)
	got, err := stripedata.InvoiceLines([]byte(`[`+string(inv)+`,`+string(bad)+`]`), []byte(`[`+string(badNote)+`,`+string(cn)+`]`),
		stripedata.Options{InvalidRecords: revops.InvalidRecordsSkip})
	assert.Len(t, got, 3)
	var refused *revops.Refused
	require.True(t, errors.As(err, &refused))
	assert.Equal(t, 4, refused.Total)
	require.Len(t, refused.Records, 2)
	assert.Equal(t, 1, refused.Records[0].Index)
	assert.Equal(t, "invoices", revopsError(t, refused.Records[0].Err).Record.List)
	assert.Equal(t, 0, refused.Records[1].Index)
	assert.Equal(t, "cn_bad", revopsError(t, refused.Records[1].Err).Record.Key)

	t.Run("the same invoice twice", func(t *testing.T) {
		_, err := stripedata.InvoiceLines([]byte(`[`+string(inv)+`,`+string(inv)+`]`), nil, stripedata.Options{})
		require.ErrorIs(t, err, revops.ErrInconsistent)
		e := revopsError(t, err)
		assert.Equal(t, 1, e.Record.Index)
		assert.Equal(t, 0, e.Related.Index)
	})
}

// TestInvoiceLinesStripeGo reads an invoice and a credit note as encoding/json writes
// stripe-go's: references the API gave as ids are objects holding the id (the
// subscription, the price, the credit note's invoice, with its lines null), unset
// strings "" and unset timestamps 0.
func TestInvoiceLinesStripeGo(t *testing.T) {
	inv := `[{"id": "in_1", "object": "invoice", "status": "paid", "currency": "usd", "customer": {"id": "cus_1", "deleted": false, "email": ""},
		"due_date": 0, "parent": {"quote_details": null, "subscription_details": {"metadata": null, "subscription": {"id": "sub_1", "items": null, "status": ""}},
		"type": "subscription_details"}, "status_transitions": {"finalized_at": 1735693200, "marked_uncollectible_at": 0, "paid_at": 1735693200, "voided_at": 0},
		"lines": {"object": "list", "has_more": false, "url": "/v1/invoices/in_1/lines", "data": [{"id": "il_1", "object": "line_item",
			"amount": 4900, "currency": "usd", "description": "", "discount_amounts": null, "discountable": true, "discounts": null, "invoice": "in_1",
			"metadata": null, "period": {"end": 1738368000, "start": 1735689600}, "pretax_credit_amounts": null, "quantity": 1, "quantity_decimal": "1",
			"subscription": {"id": "sub_1", "items": null, "status": ""}, "subtotal": 4900, "taxes": null,
			"parent": {"invoice_item_details": null, "subscription_item_details": {"invoice_item": "", "proration": false, "proration_details": null,
				"subscription": "sub_1", "subscription_item": "si_1"}, "type": "subscription_item_details"},
			"pricing": {"price_details": {"price": {"id": "price_1", "active": false, "recurring": null, "unit_amount": 0, "type": ""}, "product": "prod_1"},
				"type": "price_details", "unit_amount_decimal": "4900"}}]}}]`
	cn := `[{"id": "cn_1", "object": "credit_note", "status": "issued", "currency": "usd", "customer": {"id": "cus_1"}, "created": 1736899200,
		"effective_at": 0, "invoice": {"id": "in_1", "lines": null, "status": ""}, "voided_at": 0,
		"lines": {"object": "list", "has_more": false, "data": [{"id": "cnli_1", "object": "credit_note_line_item", "amount": 1700,
			"discount_amount": 0, "discount_amounts": null, "invoice_line_item": "il_1", "taxes": null, "type": "invoice_line_item",
			"unit_amount": 0, "unit_amount_decimal": "0"}]}}]`
	got := lines(t, []byte(inv), []byte(cn))
	require.Len(t, got, 2)
	assert.Equal(t, "cus_1", got[0].Customer)
	assert.Equal(t, "sub_1", got[0].Subscription)
	assert.Equal(t, "si_1", got[0].Item)
	assert.Equal(t, "49.0000", mrrOf(t, got[0]))
	// The credit note dates from its creation, January 15 (effective_at 0 is unset): 17.00
	// over 17 of January's 31 days is 31 a month.
	assert.Equal(t, day(1, 15), got[1].ServiceStart)
	assert.Equal(t, "-31.0000", mrrOf(t, got[1]))
}

// SourcedLines gives InvoiceLines' lines, in order, each named by the object and the
// path it was read from; and its errors are InvoiceLines' (named by its own metric).
func TestSourcedLines(t *testing.T) {
	inv, cn := fixture(t, "invoice.json"), fixture(t, "credit_note.json")
	lines, err := stripedata.InvoiceLines(inv, cn, stripedata.Options{})
	require.NoError(t, err)
	sourced, err := stripedata.SourcedLines(inv, cn, stripedata.Options{})
	require.NoError(t, err)
	require.Len(t, sourced, len(lines))
	for i, l := range sourced {
		require.Equal(t, lines[i], l.InvoiceLine)
		require.NotEmpty(t, l.Source.Key, "the object's id")
		require.Contains(t, []string{"invoices", "credit_notes"}, l.Source.List)
		require.Regexp(t, `^lines\.data\[\d+\]$`, l.Path)
		if l.Amount.IsNegative() {
			require.Equal(t, "credit_notes", l.Source.List, "a credit is a credit note's line")
		}
	}
	_, err = stripedata.SourcedLines(patched(t, inv, `{"status": "pending"}`), nil, stripedata.Options{})
	require.ErrorIs(t, err, revops.ErrOutOfRange)
	e := revopsError(t, err)
	require.Equal(t, "stripedata.SourcedLines", e.Metric)
}
