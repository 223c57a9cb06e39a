package stripedata_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/revopskit/revops"
	"github.com/revopskit/revops/stripedata"
)

// The fuzz targets prove that no input makes a decoder panic, and that what a decoder
// returns is what the library accepts: every subscription passes StatusAt's checks,
// every recurring line makes a span, and every error is an *revops.Error or a
// *revops.Refused that accounts for each object. The seed corpus is the fixtures and
// the forms of input around them.

// checkErr fails t when err is neither an *revops.Error nor a *revops.Refused whose
// records and kept values add up to its total.
func checkErr(t *testing.T, err error, kept int) {
	t.Helper()
	if err == nil {
		return
	}
	var refused *revops.Refused
	if errors.As(err, &refused) {
		if kept+len(refused.Records) != refused.Total && refused.Metric == "stripedata.Subscriptions" {
			t.Fatalf("%d kept and %d refused of %d", kept, len(refused.Records), refused.Total)
		}
		for _, r := range refused.Records {
			var e *revops.Error
			if !errors.As(r.Err, &e) || e.Record == nil {
				t.Fatalf("refused record %d: %v is not an *revops.Error with a Record", r.Index, r.Err)
			}
		}
		return
	}
	var e *revops.Error
	if !errors.As(err, &e) {
		t.Fatalf("%v (%T) is not an *revops.Error", err, err)
	}
}

func FuzzSubscriptions(f *testing.F) {
	for _, name := range []string{"subscription.json", "subscription_acacia.json", "discount.json", "invoice.json"} {
		f.Add(fixture(f, name))
	}
	sub := string(fixture(f, "subscription.json"))
	f.Add([]byte(`{"object": "list", "has_more": false, "data": [` + sub + `]}`))
	f.Add([]byte(`[` + sub + `, ` + string(fixture(f, "subscription_acacia.json")) + `]`))
	f.Add([]byte(`{"object": "list", "has_more": true, "data": []}` + "\n" + `{"object": "search_result", "data": [` + sub + `]}`))
	f.Add(patched(f, []byte(sub), `{"status": "past_due", "latest_invoice": {"id": "in_1", "status": "open", "status_transitions": {"finalized_at": 1746057600}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := stripedata.Subscriptions(data, stripedata.Options{InvalidRecords: revops.InvalidRecordsSkip})
		checkErr(t, err, len(subs))
		for i, s := range subs {
			if _, err := s.StatusAt(s.Start); err != nil {
				t.Fatalf("subscription %d decoded, but the library refuses it: %v", i, err)
			}
		}
		stripedata.Detect(data)
	})
}

func FuzzInvoiceLines(f *testing.F) {
	inv, old, cn := fixture(f, "invoice.json"), fixture(f, "invoice_acacia.json"), fixture(f, "credit_note.json")
	f.Add(inv, cn)
	f.Add(old, []byte(nil))
	f.Add([]byte(`[`+string(inv)+`,`+string(old)+`]`), cn)
	f.Add([]byte(nil), patched(f, cn, `{"invoice": `+string(inv)+`}`))
	f.Fuzz(func(t *testing.T, invoices, creditNotes []byte) {
		lines, err := stripedata.InvoiceLines(invoices, creditNotes, stripedata.Options{InvalidRecords: revops.InvalidRecordsSkip})
		checkErr(t, err, len(lines))
		for i, l := range lines {
			if l.OneTime {
				continue
			}
			if _, err := revops.SpanFromInvoiceLine(l); err != nil {
				t.Fatalf("line %d decoded, but the library refuses it: %v", i, err)
			}
		}
	})
}

func FuzzDetect(f *testing.F) {
	for _, name := range []string{"subscription.json", "invoice.json", "credit_note.json", "discount.json"} {
		f.Add(fixture(f, name))
	}
	f.Add([]byte(`{"url": "/v1/credit_notes", "object": "list", "data": []}`))
	f.Add([]byte("customer,start\nacme,2025-01-01\n"))
	f.Add([]byte("["))
	f.Add([]byte("[]0"))
	f.Add([]byte(`{"object": "list", "data": []`))
	f.Fuzz(func(t *testing.T, data []byte) {
		k := stripedata.Detect(data)
		if k > stripedata.KindEmpty {
			t.Fatalf("Detect returned %v", k)
		}
		// An empty listing is one: JSON values one after another to the end, after a
		// byte order mark if any.
		if k == stripedata.KindEmpty && !jsonValues(bytes.TrimPrefix(data, []byte("\ufeff"))) {
			t.Fatalf("Detect called %q an empty listing", data)
		}
	})
}

// jsonValues reports whether data is one or more JSON values one after another.
func jsonValues(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	n := 0
	for {
		var v json.RawMessage
		switch err := dec.Decode(&v); err {
		case nil:
			n++
		case io.EOF:
			return n > 0
		default:
			return false
		}
	}
}
