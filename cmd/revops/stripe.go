package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/revopskit/revops/stripedata"
)

// stripeFile is one file of Stripe objects: its name, as messages give it, its bytes,
// and what package stripedata tells it holds.
type stripeFile struct {
	name string
	data []byte
	kind stripedata.Kind
}

// looksLikeJSON reports whether the input opens, after a byte order mark and blank
// space, with a JSON object or array: Stripe's objects, never a CSV header.
func looksLikeJSON(br *bufio.Reader) bool {
	head, _ := br.Peek(4096)
	head = []byte(strings.TrimPrefix(string(head), "\ufeff"))
	for _, c := range head {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[':
			return true
		}
		return false
	}
	return false
}

// loadStripe reads the FILEs of -source stripe whole: one file of subscriptions,
// or one of invoices and one of credit notes.
func loadStripe(cfg config, e env, con *console, in *input) (*input, error) {
	names := cfg.files
	if len(names) == 0 {
		names = []string{"-"}
	}
	var files []stripeFile
	for _, name := range names {
		var data []byte
		var err error
		if name == "-" {
			name = "standard input"
			data, err = io.ReadAll(e.stdin)
		} else {
			data, err = os.ReadFile(name)
		}
		if err != nil {
			return nil, sourcedError{name + ": " + unwrapPath(err).Error()}
		}
		files = append(files, stripeFile{name: name, data: data})
	}
	in.source = files[0].name
	return in.stripe(cfg, con, files)
}

// stripe makes the spans of Stripe's objects: subscriptions through
// stripedata.Subscriptions and revops.BillingSpans, or invoices and credit notes
// through stripedata.InvoiceLines and revops.InvoiceSpans, then indexes them as a
// CSV's spans are. Every error names the file, the object by its id and the field,
// from the error's Record and Field.
func (in *input) stripe(cfg config, con *console, files []stripeFile) (*input, error) {
	var subs, invoices, credits *stripeFile
	var names, empty []string
	for i := range files {
		f := &files[i]
		names = append(names, f.name)
		f.kind = stripedata.Detect(f.data)
		var slot **stripeFile
		switch f.kind {
		case stripedata.KindEmpty:
			// An empty listing (an account with no credit notes): nothing to read.
			empty = append(empty, f.name)
			continue
		case stripedata.KindSubscriptions:
			slot = &subs
		case stripedata.KindInvoices:
			slot = &invoices
		case stripedata.KindCreditNotes:
			slot = &credits
		default:
			return nil, sourcedError{f.name + ": no Stripe subscriptions, invoices or credit notes: the \"object\" of its first object is none of them (a CSV of spans is read with -source csv)"}
		}
		if *slot != nil {
			return nil, usageError{fmt.Sprintf("%s and %s both hold Stripe %s: give one file of each (pages of one listing go one after the other in one file)", (*slot).name, f.name, strings.ReplaceAll(f.kind.String(), "_", " "))}
		}
		*slot = f
	}
	if subs == nil && invoices == nil && credits == nil {
		return nil, sourcedError{allOf(empty) + ": no Stripe objects: an empty listing, of nothing to report"}
	}
	if subs != nil && (invoices != nil || credits != nil) {
		other := invoices
		if other == nil {
			other = credits
		}
		return nil, usageError{fmt.Sprintf("%s holds subscriptions and %s %s: give the subscriptions, or the invoices and credit notes, not both", subs.name, other.name, strings.ReplaceAll(other.kind.String(), "_", " "))}
	}
	for _, name := range []string{"by", "col-customer", "col-subscription", "col-start", "col-end", "col-amount", "col-currency", "col-interval", "date-layout"} {
		if cfg.set[name] {
			return nil, usageError{fmt.Sprintf("-%s reads a column of a CSV, and %s holds Stripe's objects: drop -%s", name, files[0].name, name)}
		}
	}
	in.source = allOf(names)
	opts := stripedata.Options{InvalidRecords: cfg.policy.InvalidRecords, StatusSince: cfg.statusSince, PauseStart: cfg.pauseStart}
	con.step("reading " + in.source)
	var err error
	if subs != nil {
		err = in.stripeSubscriptions(cfg, subs, opts)
	} else if len(cfg.dated) > 0 {
		// Invoices and credit notes are dated by their own lines: the flags would
		// date nothing.
		return nil, usageError{"-status-since and -pause-start date Stripe's subscriptions; invoices and credit notes carry their own dates: drop them"}
	} else {
		err = in.stripeInvoices(cfg, invoices, credits, opts)
	}
	if err != nil {
		return nil, err
	}
	con.step(fmt.Sprintf("indexing %s spans", group(strconv.Itoa(len(in.spans)))))
	in.lines = make([]int, len(in.spans))
	if err := in.index(cfg.skipInvalid, nil); err != nil {
		return nil, err
	}
	return in, nil
}

// stripeSubscriptions reads subscriptions into spans, one object each in the
// report's currency.
func (in *input) stripeSubscriptions(cfg config, f *stripeFile, opts stripedata.Options) error {
	in.unit, in.format = "subscription", "stripe_subscriptions"
	all, err := stripedata.Subscriptions(f.data, opts)
	if err = in.stripeRefused(err, f, nil, nil); err != nil {
		return err
	}
	in.rows = len(all) + in.skipped.count
	// A date given for a subscription the file does not hold is a typo that would
	// date nothing: refused, unless the subscription may be one -skip-invalid left out.
	ids := map[string]bool{}
	for _, s := range all {
		ids[s.ID] = true
	}
	for _, flag := range []struct {
		name  string
		dates map[string]time.Time
	}{{"status-since", cfg.statusSince}, {"pause-start", cfg.pauseStart}} {
		for _, id := range slices.Sorted(maps.Keys(flag.dates)) {
			if !ids[id] && in.skipped.count == 0 {
				return usageError{fmt.Sprintf("-%s names %s, which is no subscription of %s: check the id", flag.name, strconv.Quote(id), f.name)}
			}
		}
	}
	var subs []revops.BillingSubscription
	first := ""
	for _, s := range all {
		obj := revops.Position{List: "subscriptions", Key: s.ID}.String()
		switch {
		case cfg.currency != "" && !strings.EqualFold(s.Currency, cfg.currency):
			in.other[s.Currency]++
			in.leftOut.add(rowNote{object: obj, currency: s.Currency})
			continue
		case len(subs) > 0 && !strings.EqualFold(s.Currency, subs[0].Currency):
			return sourcedError{fmt.Sprintf("%s: %s.currency: %q after %q of %s: choose one with -currency", f.name, obj, s.Currency, subs[0].Currency, first)}
		case len(subs) == 0:
			first = obj
		}
		subs = append(subs, s)
	}
	spans, err := revops.BillingSpans(subs, cfg.policy)
	var refused *revops.Refused
	switch {
	case errors.As(err, &refused):
		for _, rec := range refused.Records {
			n := rowNote{object: revops.Position{List: "subscriptions", Key: subs[rec.Index].ID}.String(), reason: rec.Err.Error()}
			var e *revops.Error
			if errors.As(rec.Err, &e) {
				n.field, n.reason = e.Field, reasonOf(e)
			}
			in.skipped.add(n)
		}
		out := map[int]bool{}
		for _, rec := range refused.Records {
			out[rec.Index] = true
		}
		kept := subs[:0]
		for i, s := range subs {
			if !out[i] {
				kept = append(kept, s)
			}
		}
		subs = kept
	case err != nil:
		var e *revops.Error
		if errors.As(err, &e) && e.Record != nil && e.Record.Index >= 0 && e.Record.Index < len(subs) {
			n := rowNote{object: revops.Position{List: "subscriptions", Key: subs[e.Record.Index].ID}.String(), field: e.Field}
			return sourcedError{f.name + ": " + n.at() + ": " + reasonOf(e)}
		}
		return sourcedError{f.name + ": " + err.Error()}
	}
	in.billing = subs
	in.spans = spans
	for _, s := range spans {
		in.objects = append(in.objects, revops.Position{List: "subscriptions", Key: s.Subscription}.String())
	}
	return nil
}

// stripeInvoices reads invoices and credit notes into spans, one line each in the
// report's currency.
func (in *input) stripeInvoices(cfg config, invoices, credits *stripeFile, opts stripedata.Options) error {
	in.unit, in.format = "invoice line", "stripe_invoices"
	var inv, cn []byte
	if invoices != nil {
		inv = invoices.data
	}
	if credits != nil {
		cn = credits.data
	}
	all, err := stripedata.SourcedLines(inv, cn, opts)
	if err = in.stripeRefused(err, invoices, credits, func() error {
		_, err := stripedata.InvoiceLines(inv, nil, opts)
		return err
	}); err != nil {
		return err
	}
	// The invoices and credit notes left out are counted as objects, the rest by
	// their lines, each named by the object it is on: invoices["in_1"].lines.data[0].
	in.rows, in.skipUnit = len(all), "Stripe object"
	var lines []revops.InvoiceLine
	var names []string // names[i]: the object and line of lines[i]
	for _, l := range all {
		name := l.Source.String() + "." + l.Path
		switch {
		case cfg.currency != "" && !strings.EqualFold(l.Currency, cfg.currency):
			in.other[l.Currency]++
			in.leftOut.add(rowNote{object: name, currency: l.Currency})
			continue
		case len(lines) > 0 && !strings.EqualFold(l.Currency, lines[0].Currency):
			return sourcedError{fmt.Sprintf("%s: %s: currency %q after %q of %s: choose one with -currency", in.source, name, l.Currency, lines[0].Currency, names[0])}
		}
		lines, names = append(lines, l.InvoiceLine), append(names, name)
	}
	spans, err := revops.InvoiceSpans(lines, cfg.policy.InvalidRecords)
	var refused *revops.Refused
	out := map[int]bool{} // lines InvoiceSpans left out
	switch {
	case errors.As(err, &refused):
		for _, rec := range refused.Records {
			out[rec.Index] = true
			n := rowNote{object: names[rec.Index], reason: rec.Err.Error()}
			var e *revops.Error
			if errors.As(rec.Err, &e) {
				n.field, n.reason = e.Field, reasonOf(e)
			}
			in.skipped.add(n)
		}
	case err != nil:
		var e *revops.Error
		if errors.As(err, &e) && e.Record != nil && e.Record.Index >= 0 && e.Record.Index < len(lines) {
			n := rowNote{object: names[e.Record.Index], field: e.Field}
			return sourcedError{in.source + ": " + n.at() + ": " + reasonOf(e)}
		}
		return sourcedError{in.source + ": " + err.Error()}
	}
	in.spans = spans
	// A span is made from each recurring line InvoiceSpans kept, in order: it is
	// named by its line's object.
	var made []string
	for i, l := range lines {
		if !l.OneTime && !out[i] {
			made = append(made, names[i])
		}
	}
	for j, s := range spans {
		if len(made) == len(spans) {
			in.objects = append(in.objects, made[j])
		} else {
			in.objects = append(in.objects, spanName(s))
		}
	}
	return nil
}

// stripeRefused lists the objects stripedata left out under -skip-invalid, or turns
// its error into one naming the file, the object and the field. An error about the
// input itself (not JSON) names only a line: with invoices and credit notes both
// given, invoicesAlone reads the invoices alone to tell which file it is in.
func (in *input) stripeRefused(err error, main, other *stripeFile, invoicesAlone func() error) error {
	if err == nil {
		return nil
	}
	var refused *revops.Refused
	if errors.As(err, &refused) {
		for _, rec := range refused.Records {
			n := rowNote{reason: rec.Err.Error()}
			var e *revops.Error
			if errors.As(rec.Err, &e) && e.Record != nil {
				n.object, n.field, n.reason = e.Record.String(), e.Field, reasonOf(e)+stripeFix(e)
			}
			in.skipped.add(n)
		}
		return nil
	}
	file := main
	if file == nil {
		file = other
	}
	var e *revops.Error
	if !errors.As(err, &e) || e.Record == nil {
		return sourcedError{file.name + ": " + err.Error()}
	}
	switch {
	case e.Record.List == "credit_notes":
		file = other
	case e.Record.List == "" && main != nil && other != nil && invoicesAlone != nil && invoicesAlone() == nil:
		file = other // the invoices read alone: the fault is in the credit notes
	}
	return sourcedError{file.name + ": " + e.Path() + ": " + reasonOf(e) + stripeFix(e)}
}

// stripeFix says how the command supplies a date that Stripe's subscription object
// does not record, for the errors that ask for one (told by stripedata's sentinels):
// when a past_due, unpaid or paused status began, and when collection was paused.
func stripeFix(e *revops.Error) string {
	id := "ID"
	if e.Record != nil && e.Record.Key != "" {
		id = e.Record.Key
		if len([]rune(id)) > 60 {
			id = "ID" // an id too long to repeat: the object is named already
		}
	}
	switch {
	case errors.Is(e, stripedata.ErrStatusUndated):
		return "; the command takes the date with -status-since " + id + "=DATE"
	case errors.Is(e, stripedata.ErrPauseUndated):
		return "; the command takes the date with -pause-start " + id + "=DATE"
	}
	return ""
}

// spanName names a span made from invoice lines, as lineName does.
func spanName(s revops.Span) string {
	end := "open"
	if !s.End.IsZero() {
		end = stamp(s.End)
	}
	return fmt.Sprintf("span of customer %q, subscription %q, item %q, %s to %s", s.Customer, s.Subscription, s.Item, stamp(s.Start), end)
}

// stamp formats an instant of Stripe's data: its date when it is midnight UTC.
func stamp(t time.Time) string {
	t = t.UTC()
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
