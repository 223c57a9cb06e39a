package stripedata

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// InvoiceLines returns the lines of Stripe invoices and credit notes as the API returns
// them (each input one object, a list or search result with its data, a JSON array,
// or several of these one after another; either may be nil) as [revops.InvoiceLine]
// values, for [revops.InvoiceSpans]: the lines of each invoice that bills (open or
// paid), in order, then each credit note's lines as negative lines. The package
// documentation gives the mapping of each field.
//
// A line's Amount is what it bills for its service period (period.start to
// period.end), after its discounts and without tax, exactly:
//
//	Amount = (amount − Σ discount_amounts − Σ inclusive taxes) × 10^−places
//
// in Stripe's minor units of the currency ([MinorUnits]). A subscription line, and a
// proration of one (positive or negative), is recurring; an invoice item that is no
// proration is one-time (OneTime), as is a line with an empty period and nothing
// billed. A credit note line credits the invoice line it names (invoice_line_item),
// found among the invoices given or in the credit note's expanded invoice, as a
// negative line of the same subscription and Item over the rest of that line's service period
// from the credit note's effective_at (the whole period when effective_at is outside
// it), so that it nets against what it credits; a credit note's custom line, which
// has no service period, is a one-time negative line.
//
// Left out, as documented and not as errors: the lines of draft invoices (not billed
// yet), of void invoices (billing nothing) and of uncollectible ones (written off,
// which the subscription route counts as unpaid); void credit notes; the credit note
// lines that credit a line left out; credit note lines of zero amount.
//
// Errors, each an *revops.Error whose Record holds the object's index in List
// "invoices" or "credit_notes" and its id in Key, and whose Field is the JSON path
// ("lines.data[2].period.end"):
//   - [revops.ErrMalformed] for input that is not JSON or holds no object (Record then
//     names only the Line), a field of the wrong JSON type, an object with no id, or
//     a required field missing (customer, currency, status, lines, a line's amount,
//     period, or its kind: parent.type from API 2025-03-31.basil, type before it);
//   - [revops.ErrOutOfRange] for a value the mapping does not know: an "object" other
//     than "invoice" ("line_item") or "credit_note" ("credit_note_line_item"), an
//     unknown status, line type, parent type, pricing type, tax behavior or credit
//     note line type, a recurring interval it does not know, a currency Stripe's
//     minor units do not cover, a timestamp outside 1970–9999;
//   - [revops.ErrCurrencyMismatch] for a line in a currency other than its
//     invoice's, and a credit note in a currency other than the line it credits;
//   - [revops.ErrInconsistent] for an embedded list with has_more, a credit note line
//     whose invoice line is neither given nor expanded, or is another customer's, or
//     whose discount_amount and discount_amounts disagree, the same line in two
//     invoices, and the same id twice (Related names the first);
//   - [revops.ErrInvalidPeriod] for a recurring line whose period ends before it
//     starts, or bills an amount over an empty period;
//   - [revops.ErrInvalidOption] for an Options.InvalidRecords outside its constants.
//
// With [revops.InvalidRecordsSkip] an invoice or credit note with an error is left
// out, and a *revops.Refused lists each one (its Index is within its own list, which
// the error's Record.List names) with the lines of the others.
func InvoiceLines(invoices, creditNotes []byte, opts Options) ([]revops.InvoiceLine, error) {
	sourced, err := invoiceLines("stripedata.InvoiceLines", invoices, creditNotes, opts)
	var out []revops.InvoiceLine
	if sourced != nil {
		out = make([]revops.InvoiceLine, len(sourced))
		for i, l := range sourced {
			out[i] = l.InvoiceLine
		}
	}
	return out, err
}

// SourcedLine is a line of [InvoiceLines] with the Stripe object it was read from, so
// that a message about the line, or about a span made from it, can name the invoice
// or credit note as this package's errors do.
type SourcedLine struct {
	revops.InvoiceLine
	// Source is the invoice or credit note the line is on: List "invoices" or
	// "credit_notes", its Index in that input and its id as Key. Source.String() is
	// `invoices["in_1"]`.
	Source revops.Position `json:"source"`
	// Path is the line within it, as errors name fields: "lines.data[3]".
	Path string `json:"path"`
}

// SourcedLines is [InvoiceLines] with each line's source: the same lines, in the same
// order, with the same errors, whose Metric is "stripedata.SourcedLines".
func SourcedLines(invoices, creditNotes []byte, opts Options) ([]SourcedLine, error) {
	return invoiceLines("stripedata.SourcedLines", invoices, creditNotes, opts)
}

// invoiceLines is InvoiceLines and SourcedLines, named metric in its errors.
func invoiceLines(metric string, invoices, creditNotes []byte, opts Options) ([]SourcedLine, error) {
	if err := opts.check(metric); err != nil {
		return nil, err
	}
	skip := opts.InvalidRecords == revops.InvalidRecordsSkip
	var refused []revops.RefusedRecord
	total := 0
	refuse := func(i int, err error) error {
		if !skip {
			return err
		}
		refused = append(refused, revops.RefusedRecord{Index: i, Err: err})
		return nil
	}

	var invs []*invoice
	byID := map[string]*line{} // every line of every invoice read
	if len(invoices) > 0 {
		raws, err := topObjects(metric, invoices)
		if err != nil {
			return nil, err
		}
		total += len(raws)
		seen := map[string]int{}
		for i, raw := range raws {
			r := &reader{metric: metric, pos: revops.Position{List: "invoices", Index: i}}
			inv, err := readInvoice(r, raw, "")
			if err == nil {
				err = duplicate(r, seen, inv.id, i)
			}
			if err == nil {
				for _, l := range inv.lines {
					if _, dup := byID[l.id]; dup {
						err = r.fail(l.path+".id", revops.ErrInconsistent, "line %s appears in two invoices", l.id)
						break
					}
				}
			}
			if err != nil {
				if err := refuse(i, err); err != nil {
					return nil, err
				}
				continue
			}
			for _, l := range inv.lines {
				byID[l.id] = l
				l.src = r.pos
			}
			invs = append(invs, inv)
		}
	}
	anchorProrations(byID)

	var notes [][]*line
	if len(creditNotes) > 0 {
		raws, err := topObjects(metric, creditNotes)
		if err != nil {
			return nil, err
		}
		total += len(raws)
		seen := map[string]int{}
		for i, raw := range raws {
			r := &reader{metric: metric, pos: revops.Position{List: "credit_notes", Index: i}}
			lines, id, err := readCreditNote(r, raw, byID)
			if err == nil {
				err = duplicate(r, seen, id, i)
			}
			if err != nil {
				if err := refuse(i, err); err != nil {
					return nil, err
				}
				continue
			}
			for _, l := range lines {
				l.src = r.pos
			}
			notes = append(notes, lines)
		}
	}

	var out []SourcedLine
	for _, inv := range invs {
		if inv.bills {
			for _, l := range inv.lines {
				out = append(out, SourcedLine{InvoiceLine: l.InvoiceLine, Source: l.src, Path: l.path})
			}
		}
	}
	for _, lines := range notes {
		for _, l := range lines {
			out = append(out, SourcedLine{InvoiceLine: l.InvoiceLine, Source: l.src, Path: l.path})
		}
	}
	if len(refused) > 0 {
		return out, &revops.Refused{Metric: metric, Total: total, Records: refused}
	}
	return out, nil
}

// duplicate returns an ErrInconsistent error when id was seen before in the list, and
// records it otherwise.
func duplicate(r *reader, seen map[string]int, id string, i int) error {
	if first, dup := seen[id]; dup {
		e := r.fail("id", revops.ErrInconsistent, "%s appears twice", id)
		e.Related = &revops.Position{List: r.pos.List, Index: first, Key: id}
		return e
	}
	seen[id] = i
	return nil
}

// invoice is an invoice as read.
type invoice struct {
	id    string
	bills bool // open or paid: its lines count
	lines []*line
}

// line is an invoice or credit note line as read.
type line struct {
	revops.InvoiceLine
	id        string
	path      string // of the line in its object
	source    string // the subscription item (or price) it bills
	price     string // the id of its price
	proration bool
	bills     bool            // its invoice bills
	invoice   string          // the id of its invoice
	src       revops.Position // the invoice or credit note it is on, once read
}

// readInvoice reads an invoice object, at path under the object being read ("" for a
// top-level invoice, "invoice" for a credit note's expanded invoice).
func readInvoice(r *reader, raw json.RawMessage, path string) (*invoice, error) {
	var o object
	var id string
	var err error
	if path == "" {
		o, id, err = header(r, raw, "invoice")
	} else {
		o, err = r.asObject(raw, path)
		if err == nil {
			id, err = o.str("id")
		}
	}
	if err != nil {
		return nil, err
	}
	status, err := o.enum("status", "draft", "open", "paid", "uncollectible", "void")
	if err != nil {
		return nil, err
	}
	if status == "" {
		return nil, r.fail(o.field("status"), revops.ErrMalformed, "no status")
	}
	customer, err := customerID(o)
	if err != nil {
		return nil, err
	}
	currency, err := currencyOf(o)
	if err != nil {
		return nil, err
	}
	// The invoice's subscription: parent.subscription_details (2025-03-31.basil and
	// later), or subscription (before).
	sub, _, _, err := o.ref("subscription")
	if err != nil {
		return nil, err
	}
	if parent, ok, err := o.sub("parent"); err != nil {
		return nil, err
	} else if ok {
		if details, ok, err := parent.sub("subscription_details"); err != nil {
			return nil, err
		} else if ok {
			if sub, _, _, err = details.ref("subscription"); err != nil {
				return nil, err
			}
		}
	}
	if !o.has("lines") {
		return nil, r.fail(o.field("lines"), revops.ErrMalformed, "no lines")
	}
	data, dpath, err := o.list("lines")
	if err != nil {
		return nil, err
	}
	inv := &invoice{id: id, bills: status == "open" || status == "paid"}
	for k, raw := range data {
		l, err := readLine(r, raw, index(dpath, k), customer, currency, sub)
		if err != nil {
			return nil, err
		}
		l.bills, l.invoice = inv.bills, id
		inv.lines = append(inv.lines, l)
	}
	return inv, nil
}

// customerID reads the customer of an invoice or credit note: an id, or an expanded
// customer.
func customerID(o object) (string, error) {
	id, _, _, err := o.ref("customer")
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", o.r.fail(o.field("customer"), revops.ErrMalformed, "no customer")
	}
	return id, nil
}

// currencyOf reads an object's currency, which must have minor units in Stripe's API,
// in upper case.
func currencyOf(o object) (string, error) {
	c, err := o.str("currency")
	if err != nil {
		return "", err
	}
	if c == "" {
		return "", o.r.fail(o.field("currency"), revops.ErrMalformed, "no currency")
	}
	if _, err := MinorUnits(c); err != nil {
		return "", o.r.fail(o.field("currency"), revops.ErrOutOfRange, "%q is not a currency with minor units", c)
	}
	return strings.ToUpper(c), nil
}

// readLine reads one invoice line at path, of an invoice of customer, currency and
// subscription sub.
func readLine(r *reader, raw json.RawMessage, path, customer, currency, sub string) (*line, error) {
	o, err := r.asObject(raw, path)
	if err != nil {
		return nil, err
	}
	l := &line{path: path}
	if l.id, err = o.str("id"); err != nil {
		return nil, err
	}
	if l.id == "" {
		return nil, r.fail(o.field("id"), revops.ErrMalformed, "a line with no id")
	}
	if _, err := o.enum("object", "line_item"); err != nil {
		return nil, err
	}
	if c, err := o.str("currency"); err != nil {
		return nil, err
	} else if c != "" && !strings.EqualFold(c, currency) {
		return nil, r.fail(o.field("currency"), revops.ErrCurrencyMismatch, "%q on an invoice in %q", c, currency)
	}
	l.Customer, l.Currency, l.Subscription = customer, currency, sub
	period, ok, err := o.sub("period")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, r.fail(o.field("period"), revops.ErrMalformed, "no period")
	}
	if l.ServiceStart, err = period.time("start"); err != nil {
		return nil, err
	}
	if l.ServiceEnd, err = period.time("end"); err != nil {
		return nil, err
	}
	if l.ServiceStart.IsZero() || l.ServiceEnd.IsZero() {
		return nil, r.fail(period.path, revops.ErrMalformed, "a period with no start or end")
	}

	// What the line bills: parent (2025-03-31.basil and later) or type (before).
	recurring, itemSub, err := l.kind(o)
	if err != nil {
		return nil, err
	}
	if itemSub != "" {
		l.Subscription = itemSub
	}
	priceID, iv, err := linePrice(o)
	if err != nil {
		return nil, err
	}
	l.Interval, l.price = iv, priceID
	if l.source == "" {
		l.source = priceID
	}
	l.Item = l.source
	if l.proration || !recurring || l.Item == "" {
		// A proration is an item of its own: it adds to the line it adjusts for
		// part of its period, which the same item must not overlap. A one-time
		// line bills no item of a subscription.
		l.Item = l.id
	}

	net, err := netAmount(o, "amount", "discount_amounts", "")
	if err != nil {
		return nil, err
	}
	if l.Amount, err = major(net, currency); err != nil {
		return nil, err
	}
	switch {
	case !recurring:
		l.OneTime = true
	case !l.ServiceEnd.After(l.ServiceStart) && net.IsZero():
		l.OneTime = true // nothing billed over no time
	case !l.ServiceEnd.After(l.ServiceStart):
		return nil, r.fail(period.field("end"), revops.ErrInvalidPeriod, "%s bills %s over a period that is not after its start %s",
			l.ServiceEnd.Format(time.RFC3339), l.Amount, l.ServiceStart.Format(time.RFC3339))
	}
	if !l.OneTime {
		if _, err := revops.SpanFromInvoiceLine(l.InvoiceLine); err != nil {
			return nil, renameLine(r, err, l.path)
		}
	}
	return l, nil
}

// kind reads what the line bills: whether it is recurring (a subscription line or a
// proration), its subscription and subscription item, from parent (API
// 2025-03-31.basil and later) or from type, proration, subscription and
// subscription_item (before).
func (l *line) kind(o object) (recurring bool, sub string, err error) {
	if o.has("parent") {
		parent, _, err := o.sub("parent")
		if err != nil {
			return false, "", err
		}
		typ, err := parent.enum("type", "invoice_item_details", "subscription_item_details")
		if err != nil {
			return false, "", err
		}
		if typ == "" {
			return false, "", o.r.fail(parent.field("type"), revops.ErrMalformed, "no type")
		}
		details, ok, err := parent.sub(typ)
		if err != nil {
			return false, "", err
		}
		if !ok {
			return false, "", o.r.fail(parent.field(typ), revops.ErrMalformed, "parent.type %q with no %s", typ, typ)
		}
		if l.proration, err = details.boolean("proration"); err != nil {
			return false, "", err
		}
		if sub, err = details.str("subscription"); err != nil {
			return false, "", err
		}
		if typ == "subscription_item_details" {
			if l.source, err = details.str("subscription_item"); err != nil {
				return false, "", err
			}
		}
		return typ == "subscription_item_details" || l.proration, sub, nil
	}
	typ, err := o.enum("type", "subscription", "invoiceitem")
	if err != nil {
		return false, "", err
	}
	if typ == "" {
		return false, "", o.r.fail(o.field("parent"), revops.ErrMalformed, "a line with neither parent (API 2025-03-31.basil and later) nor type (before it)")
	}
	if l.proration, err = o.boolean("proration"); err != nil {
		return false, "", err
	}
	if sub, _, _, err = o.ref("subscription"); err != nil {
		return false, "", err
	}
	if l.source, err = o.str("subscription_item"); err != nil {
		return false, "", err
	}
	return typ == "subscription" || l.proration, sub, nil
}

// linePrice reads the line's price: its id and, when expanded and recurring, its
// interval. The price is pricing.price_details.price (2025-03-31.basil and later, an
// id unless expanded with expand[]=data.lines.data.pricing.price_details.price) or
// price, else plan (before).
func linePrice(o object) (string, revops.Interval, error) {
	holder, name := o, "price"
	if pricing, ok, err := o.sub("pricing"); err != nil {
		return "", revops.Interval{}, err
	} else if ok {
		if _, err := pricing.enum("type", "price_details"); err != nil {
			return "", revops.Interval{}, err
		}
		details, ok, err := pricing.sub("price_details")
		if err != nil || !ok {
			return "", revops.Interval{}, err
		}
		holder = details
	} else if !o.has("price") && o.has("plan") {
		name = "plan"
	}
	id, p, expanded, err := holder.ref(name)
	if err != nil || !expanded {
		return id, revops.Interval{}, err
	}
	rec := p
	if name == "price" {
		var ok bool
		if rec, ok, err = p.sub("recurring"); err != nil || !ok {
			return id, revops.Interval{}, err // a one-time price, or stripe-go's unexpanded one
		}
	}
	iv, err := readInterval(rec)
	return id, iv, err
}

// netAmount returns the integer field amount of o less its discounts (the array
// discountsName of {amount}, or the integer discountName when it is given instead)
// and its inclusive taxes (taxes with tax_behavior "inclusive", 2025-03-31.basil and
// later, or tax_amounts with inclusive true, before), in minor units.
func netAmount(o object, amount, discountsName, discountName string) (decimal.Decimal, error) {
	n, ok, err := o.integer(amount)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if !ok {
		return decimal.Decimal{}, o.r.fail(o.field(amount), revops.ErrMalformed, "no %s", amount)
	}
	net := decimal.NewFromInt(n)
	sum := func(name string, keep func(object) (bool, error)) (decimal.Decimal, error) {
		raws, err := o.array(name)
		if err != nil {
			return decimal.Decimal{}, err
		}
		total := decimal.Zero
		for k, raw := range raws {
			e, err := o.r.asObject(raw, index(o.field(name), k))
			if err != nil {
				return decimal.Decimal{}, err
			}
			if ok, err := keep(e); err != nil || !ok {
				if err != nil {
					return decimal.Decimal{}, err
				}
				continue
			}
			a, ok, err := e.integer("amount")
			if err != nil {
				return decimal.Decimal{}, err
			}
			if !ok {
				return decimal.Decimal{}, o.r.fail(e.field("amount"), revops.ErrMalformed, "no amount")
			}
			total = total.Add(decimal.NewFromInt(a))
		}
		return total, nil
	}
	all := func(object) (bool, error) { return true, nil }
	var discounts decimal.Decimal
	if discountName != "" && o.has(discountName) {
		d, _, err := o.integer(discountName)
		if err != nil {
			return decimal.Decimal{}, err
		}
		discounts = decimal.NewFromInt(d)
		if o.has(discountsName) {
			s, err := sum(discountsName, all)
			if err != nil {
				return decimal.Decimal{}, err
			}
			raws, _ := o.array(discountsName)
			if len(raws) > 0 && !s.Equal(discounts) {
				return decimal.Decimal{}, o.r.fail(o.field(discountName), revops.ErrInconsistent, "%s, while %s add up to %s", discounts, discountsName, s)
			}
		}
	} else if discounts, err = sum(discountsName, all); err != nil {
		return decimal.Decimal{}, err
	}
	if discounts.IsNegative() {
		// A discount takes off: a negative one would add to what is billed or
		// credited (a credit of 25 became 26).
		field := discountsName
		if discountName != "" && o.has(discountName) {
			field = discountName
		}
		return decimal.Decimal{}, o.r.fail(o.field(field), revops.ErrNegative, "discounts of %s: a discount is at least 0", discounts)
	}
	inclusive, err := sum("taxes", func(t object) (bool, error) {
		b, err := t.enum("tax_behavior", "inclusive", "exclusive")
		return b == "inclusive", err
	})
	if err != nil {
		return decimal.Decimal{}, err
	}
	old, err := sum("tax_amounts", func(t object) (bool, error) { return t.boolean("inclusive") })
	if err != nil {
		return decimal.Decimal{}, err
	}
	return net.Sub(discounts).Sub(inclusive).Sub(old), nil
}

// renameLine returns err, an error of revops.SpanFromInvoiceLine about the line at
// path, naming the JSON field.
func renameLine(r *reader, err error, path string) error {
	var e *revops.Error
	if !errors.As(err, &e) {
		return err
	}
	fields := map[string]string{
		"Customer": "customer", "ServiceStart": path + ".period.start", "ServiceEnd": path + ".period.end",
		"Amount": path + ".amount", "Anchor": path + ".period.start", "Interval.Unit": path + ".price.recurring.interval",
	}
	field, ok := fields[e.Field]
	if !ok {
		field = path
	}
	return r.fail(field, e.Err, "%s: %s", e.Field, e.Detail)
}

// anchorProrations sets the Anchor of each proration line: the renewal day of the
// regular line whose period holds the proration's start, of the same subscription item,
// else of the same price, else of the same subscription (whose items share a billing
// cycle anchor), so that the proration is measured as the share of that billing period
// it is, as Stripe prorates it. A proration with no such line keeps Anchor 0, its own
// start's day.
func anchorProrations(byID map[string]*line) {
	type key struct{ sub, what string }
	regular := map[key][]*line{}
	for _, l := range byID {
		if !l.proration && !l.OneTime {
			for _, k := range []key{{l.Subscription, "item " + l.source}, {l.Subscription, "price " + l.price}, {l.Subscription, ""}} {
				regular[k] = append(regular[k], l)
			}
		}
	}
	for _, p := range byID {
		if !p.proration || p.OneTime {
			continue
		}
	search:
		for _, k := range []key{{p.Subscription, "item " + p.source}, {p.Subscription, "price " + p.price}, {p.Subscription, ""}} {
			for _, l := range regular[k] {
				if !p.ServiceStart.Before(l.ServiceStart) && p.ServiceStart.Before(l.ServiceEnd) {
					p.Anchor = anchorDay(l.ServiceStart, l.ServiceEnd)
					break search
				}
			}
		}
	}
}

// anchorDay returns the renewal day of a billing period from start to end: start's
// day, or when start is the last day of its month, end's day when it is later (a
// period anchored on the 31st that starts on February 28 ends on March 31).
func anchorDay(start, end time.Time) int {
	d := start.Day()
	if start.AddDate(0, 0, 1).Month() == start.Month() || end.Day() <= d {
		return d
	}
	return end.Day()
}

// readCreditNote reads a credit note and returns its lines as negative lines: those
// of the invoice lines it credits that bill, over the rest of their periods.
func readCreditNote(r *reader, raw json.RawMessage, byID map[string]*line) ([]*line, string, error) {
	o, id, err := header(r, raw, "credit_note")
	if err != nil {
		return nil, "", err
	}
	status, err := o.enum("status", "issued", "void")
	if err != nil {
		return nil, id, err
	}
	if status == "" {
		return nil, id, r.fail("status", revops.ErrMalformed, "no status")
	}
	customer, err := customerID(o)
	if err != nil {
		return nil, id, err
	}
	currency, err := currencyOf(o)
	if err != nil {
		return nil, id, err
	}
	effective, err := o.time("effective_at")
	if err != nil {
		return nil, id, err
	}
	if effective.IsZero() {
		if effective, err = o.time("created"); err != nil {
			return nil, id, err
		}
	}
	if effective.IsZero() {
		return nil, id, r.fail("effective_at", revops.ErrMalformed, "no effective_at or created")
	}
	// The credited invoice, when expanded, holds the lines the credit note names.
	own := map[string]*line{}
	invoiceID, inv, expanded, err := o.ref("invoice")
	if err != nil {
		return nil, id, err
	} else if invoiceID == "" {
		// Every credit note credits one invoice; without it, a line could credit
		// any invoice's line unchecked.
		return nil, id, r.fail("invoice", revops.ErrMalformed, "no invoice: a credit note credits one invoice")
	} else if expanded && inv.has("lines") {
		in, err := readInvoice(r, o.fields["invoice"], "invoice")
		if err != nil {
			return nil, id, err
		}
		for _, l := range in.lines {
			own[l.id] = l
		}
		anchorProrations(own)
	}
	if !o.has("lines") {
		return nil, id, r.fail("lines", revops.ErrMalformed, "no lines")
	}
	data, dpath, err := o.list("lines")
	if err != nil {
		return nil, id, err
	}
	var out []*line
	for k, raw := range data {
		path := index(dpath, k)
		cl, err := r.asObject(raw, path)
		if err != nil {
			return nil, id, err
		}
		lid, err := cl.str("id")
		if err != nil {
			return nil, id, err
		}
		if lid == "" {
			return nil, id, r.fail(cl.field("id"), revops.ErrMalformed, "a line with no id")
		}
		if _, err := cl.enum("object", "credit_note_line_item"); err != nil {
			return nil, id, err
		}
		typ, err := cl.enum("type", "invoice_line_item", "custom_line_item")
		if err != nil {
			return nil, id, err
		}
		if typ == "" {
			return nil, id, r.fail(cl.field("type"), revops.ErrMalformed, "no type")
		}
		net, err := netAmount(cl, "amount", "discount_amounts", "discount_amount")
		if err != nil {
			return nil, id, err
		}
		if net.IsNegative() {
			// A line's amount is what it credits: a negative one would add revenue.
			return nil, id, r.fail(cl.field("amount"), revops.ErrNegative, "%s, net of discounts: a credit note line credits an amount of at least 0", net)
		}
		amount, err := major(net.Neg(), currency)
		if err != nil {
			return nil, id, err
		}
		l := &line{id: lid, path: path, bills: true, InvoiceLine: revops.InvoiceLine{
			Customer: customer, Currency: currency, Amount: amount, Item: lid,
			ServiceStart: effective, ServiceEnd: effective, OneTime: true,
		}}
		if typ == "invoice_line_item" {
			ref, err := cl.str("invoice_line_item")
			if err != nil {
				return nil, id, err
			}
			credited, ok := own[ref]
			if !ok {
				credited, ok = byID[ref]
			}
			if !ok {
				return nil, id, r.fail(cl.field("invoice_line_item"), revops.ErrInconsistent,
					"credits invoice line %q, which is in none of the invoices given (pass its invoice, or list credit notes with expand[]=data.invoice)", ref)
			}
			if invoiceID != "" && credited.invoice != "" && credited.invoice != invoiceID {
				return nil, id, r.fail(cl.field("invoice_line_item"), revops.ErrInconsistent,
					"credits line %q of invoice %q, and the credit note is for invoice %q", ref, credited.invoice, invoiceID)
			}
			if credited.Customer != customer {
				return nil, id, r.fail(cl.field("invoice_line_item"), revops.ErrInconsistent,
					"credits a line of customer %q, and the credit note is customer %q's", credited.Customer, customer)
			}
			if credited.Currency != currency {
				return nil, id, r.fail("currency", revops.ErrCurrencyMismatch, "%q, crediting a line in %q", currency, credited.Currency)
			}
			l.bills = credited.bills
			l.Subscription, l.Interval, l.OneTime = credited.Subscription, credited.Interval, credited.OneTime
			l.ServiceStart, l.ServiceEnd = credited.ServiceStart, credited.ServiceEnd
			if !l.OneTime {
				// The credit bills the credited line's item, so InvoiceSpans can net a
				// credit rounded to cents exactly against it.
				l.Item = credited.Item
				l.Anchor = credited.Anchor
				if l.Anchor == 0 {
					l.Anchor = anchorDay(credited.ServiceStart, credited.ServiceEnd)
				}
				if effective.After(l.ServiceStart) && effective.Before(l.ServiceEnd) {
					l.ServiceStart = effective
				}
				if _, err := revops.SpanFromInvoiceLine(l.InvoiceLine); err != nil {
					return nil, id, renameLine(r, err, path)
				}
			}
		}
		if status == "issued" && l.bills && !net.IsZero() {
			out = append(out, l)
		}
	}
	return out, id, nil
}
