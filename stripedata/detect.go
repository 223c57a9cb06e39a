package stripedata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Kind is what a file of Stripe objects holds, as [Detect] tells it.
type Kind uint8

const (
	KindNone          Kind = iota // no Stripe objects this package reads
	KindSubscriptions             // subscriptions, for [Subscriptions]
	KindInvoices                  // invoices, for [InvoiceLines]
	KindCreditNotes               // credit notes, for [InvoiceLines]
	// KindEmpty is a list, search result or array with no objects whose "url" does
	// not tell their kind (an account's empty listing as a tool wrote it): nothing
	// to read, and nothing lost.
	KindEmpty
)

var kindNames = []string{"none", "subscriptions", "invoices", "credit_notes", "empty"}

// String returns the kind's name: "none", "subscriptions", "invoices",
// "credit_notes" or "empty".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText encodes the kind by its name; a value outside the constants is an
// error.
func (k Kind) MarshalText() ([]byte, error) {
	if int(k) < len(kindNames) {
		return []byte(kindNames[k]), nil
	}
	return nil, fmt.Errorf("stripedata: Kind(%d) is not one of its constants", uint8(k))
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if strings.EqualFold(n, string(b)) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("stripedata: %q is not one of %s", b, strings.Join(kindNames, ", "))
}

// objectKinds maps a Stripe object's "object" field to the kind of a file of them.
var objectKinds = map[string]Kind{"subscription": KindSubscriptions, "invoice": KindInvoices, "credit_note": KindCreditNotes}

// listKinds maps a list's "url" to the kind of its objects, for a list with no data.
var listKinds = map[string]Kind{
	"/v1/subscriptions": KindSubscriptions, "/v1/subscriptions/search": KindSubscriptions,
	"/v1/invoices": KindInvoices, "/v1/invoices/search": KindInvoices,
	"/v1/credit_notes": KindCreditNotes,
}

// Detect tells what data holds by its content: the "object" field of its first Stripe
// object, in any of the forms [Subscriptions] and [InvoiceLines] read (one object, a
// list or search result, whose "url" tells an empty one, an array, or several values
// one after another, of which the first decides), after a byte order mark if there
// is one. It reads only as far as it needs, returns [KindEmpty] for a listing with no
// objects and no url, and [KindNone] for anything else: other Stripe objects, JSON of another
// shape, or bytes that are not JSON. It never panics.
func Detect(data []byte) Kind {
	dec := json.NewDecoder(bytes.NewReader(trimBOM(data)))
	// Values one after another: the first that holds objects decides; empty
	// listings before it (an empty first page) do not, and a file of nothing but
	// empty listings is one.
	empty := false
	for {
		tok, err := dec.Token()
		if err == io.EOF && empty {
			return KindEmpty
		}
		if err != nil {
			return KindNone
		}
		k := KindNone
		switch tok {
		case json.Delim('['):
			if dec.More() {
				return firstElement(dec)
			}
			if tok, err := dec.Token(); err != nil || tok != json.Delim(']') {
				return KindNone // cut short: not an empty array
			}
			k = KindEmpty
		case json.Delim('{'):
			k = scanObject(dec, true)
		}
		if k != KindEmpty {
			return k
		}
		empty = true
	}
}

// firstElement returns the kind of the first element of the array being read.
func firstElement(dec *json.Decoder) Kind {
	if !dec.More() {
		return KindNone
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return KindNone
	}
	return scanObject(dec, false)
}

// scanObject returns the kind of the object whose '{' was just read: by its "object",
// or, for a list or search result at the top, by its first element or its url.
func scanObject(dec *json.Decoder, top bool) Kind {
	isList, fromURL, empty, url, more := false, KindNone, false, false, false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return KindNone
		}
		key, _ := tok.(string)
		switch {
		case key == "object":
			tok, err := dec.Token()
			if err != nil {
				return KindNone
			}
			s, _ := tok.(string)
			if k, ok := objectKinds[s]; ok {
				return k
			}
			if !top || (s != "list" && s != "search_result") {
				return KindNone
			}
			isList = true
		case key == "data" && top:
			tok, err := dec.Token()
			if err != nil {
				return KindNone
			}
			if tok != json.Delim('[') {
				if d, ok := tok.(json.Delim); ok && !skipRest(dec, d) {
					return KindNone
				}
				continue
			}
			if dec.More() {
				// The first element decides; a list may say "object": "list" after
				// its data, and an object with an array of Stripe objects as data is
				// read as one.
				return firstElement(dec)
			}
			if _, err := dec.Token(); err != nil { // the empty array's ']'
				return KindNone
			}
			empty = true
		case key == "has_more" && top:
			tok, err := dec.Token()
			if err != nil {
				return KindNone
			}
			more = tok == true
		case key == "url" && top:
			tok, err := dec.Token()
			if err != nil {
				return KindNone
			}
			s, _ := tok.(string)
			fromURL, url = listKinds[s], true
		default:
			if !skipValue(dec) {
				return KindNone
			}
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return KindNone // cut short: no listing at all
	}
	switch {
	case isList && fromURL != KindNone:
		return fromURL
	case isList && empty && !url && !more: // a url of another listing (an invoice's lines) is none; a page with more after it is no empty listing
		return KindEmpty
	}
	return KindNone
}

// trimBOM drops the byte order mark some editors and spreadsheet programs write
// before JSON, as the CSV readers drop it before a header.
func trimBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte("\ufeff")) }

// skipValue reads and discards the next value.
func skipValue(dec *json.Decoder) bool {
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	if d, ok := tok.(json.Delim); ok {
		return skipRest(dec, d)
	}
	return true
}

// skipRest reads and discards the rest of the array or object whose opening delimiter
// d was just read.
func skipRest(dec *json.Decoder, d json.Delim) bool {
	if d != '[' && d != '{' {
		return false
	}
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
	return true
}
