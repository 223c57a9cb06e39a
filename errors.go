package revops

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Sentinel errors. Every error a function of this package returns wraps exactly one of
// them, so callers match the kind of failure with [errors.Is] and read the metric and
// the field with [errors.As] and [*Error].
var (
	// ErrZeroDenominator reports a ratio whose denominator is zero, so the metric is
	// undefined (no customers at the start, no responses, zero churn for a lifetime).
	ErrZeroDenominator = errors.New("zero denominator")
	// ErrNegative reports a count or amount below zero where only zero or more makes sense.
	ErrNegative = errors.New("negative value")
	// ErrOutOfRange reports a value outside its documented range, such as a score outside
	// 0..10 or a probability outside [0, 1].
	ErrOutOfRange = errors.New("value out of range")
	// ErrInconsistent reports inputs that cannot all be true at once, such as more
	// churned customers than there were, or more revenue lost than there was.
	ErrInconsistent = errors.New("inconsistent inputs")
	// ErrCurrencyMismatch reports records in more than one currency in one computation.
	ErrCurrencyMismatch = errors.New("currency mismatch")
	// ErrInvalidPeriod reports a period whose end is not after its start, or a date
	// outside the period it must fall in.
	ErrInvalidPeriod = errors.New("invalid period")
	// ErrInvalidOption reports an option value that is not one of its type's constants
	// (or a nil option), and an input that only an option reads passed without it, such
	// as LTVInput.ChurnBefore without TrailingChurn. Passing one metric's choice to
	// another is a compile error, not this.
	ErrInvalidOption = errors.New("invalid option")
	// ErrMalformed reports a record that cannot be read: a CSV row with the wrong
	// number of fields or broken quoting, or a date, number or interval that does not
	// parse.
	ErrMalformed = errors.New("malformed record")
	// ErrNoRate reports an amount in a currency for which a table of exchange rates
	// has no rate at the date it is needed.
	ErrNoRate = errors.New("no exchange rate")
)

// Error is the error every function of this package returns. It names the metric and the
// input field at fault and wraps one of the sentinel errors. An error about one record
// of many carries where that record is as data, in Record (and, when the fault involves
// a second record, Related), so a caller names the record in its own terms (a file's
// line, a row of its own table) without reading the error's text.
type Error struct {
	Metric string // the metric that failed, as its function is named: "NRR"
	// Field is the input field at fault: "Start"; empty when no single field is. For
	// an error about one record of many it is the field within that record, and
	// [Error.Path] prefixes the record: "spans[41].End".
	Field  string
	Detail string // what was wrong, for people: "-5 < 0"; it never holds the record's position, which Record does
	Err    error  // the sentinel: ErrZeroDenominator, ErrNegative, ...
	// Record is the position of the record at fault, when the error is about one
	// record of many (a span of NewHistory's slice, a row of a CSV file); nil
	// otherwise.
	Record *Position
	// Related is the position of another record the fault involves, such as the
	// earlier-starting span an overlapping span overlaps; nil when there is none.
	Related *Position
}

// Position locates one record: by its index in the slice a caller passed, or by the
// line of the file a reader read it from, or both.
type Position struct {
	List  string `json:"list,omitempty"` // the caller's argument that holds the record: "spans", "subs", "opps"; empty for a row a reader read
	Index int    `json:"index"`          // its index in List, from 0; for a row a reader read, the number of data rows before it
	// Key is, for a record of a map (a customer's MRR in a Snapshot), its key, Index
	// then 0; for a record with an identifier of its own (a Stripe object's id, as
	// package stripedata reads them), that identifier, beside its Index. String names
	// the record by Key when it is set.
	Key string `json:"key,omitempty"`
	// Line is the line of the file on which the record starts, the header being line
	// 1, when a reader read it; 0 otherwise.
	Line   int    `json:"line,omitempty"`
	Column string `json:"column,omitempty"` // the column of that file at fault, as its header names it; empty when no single column is
}

// String names the position for people: "spans[41]", or "line 12, column "end_date""
// for a row of a file. A column name or key longer than 60 characters is cut, as
// error details cut what they quote.
func (p Position) String() string {
	if p.Line > 0 {
		s := "line " + strconv.Itoa(p.Line)
		if p.Column != "" {
			s += ", column " + strconv.Quote(cutRunes(p.Column, detailArgRunes))
		}
		return s
	}
	if p.Key != "" {
		return p.List + "[" + strconv.Quote(cutRunes(p.Key, detailArgRunes)) + "]"
	}
	return p.List + "[" + strconv.Itoa(p.Index) + "]"
}

// Path returns the record and field at fault for people: "spans[41].End",
// "subs[3].Charges[0].Amount", `line 12, column "end_date"`, or Field alone when the
// error is about no single record.
func (e *Error) Path() string {
	if e.Record == nil {
		return e.Field
	}
	s := e.Record.String()
	switch {
	case e.Field == "":
	case e.Record.Line > 0:
		if e.Record.Column == "" {
			s += ", " + e.Field
		}
	default:
		s += "." + e.Field
	}
	return s
}

// Error returns "revops: Metric: Path: sentinel (Detail; see Related)".
func (e *Error) Error() string {
	s := "revops: " + e.Metric
	if p := e.Path(); p != "" {
		s += ": " + p
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	detail := e.Detail
	if e.Related != nil {
		if detail != "" {
			detail += "; "
		}
		detail += "see " + e.Related.String()
	}
	if detail != "" {
		s += " (" + detail + ")"
	}
	return s
}

// Unwrap returns the sentinel error, so that errors.Is(err, ErrNegative) works.
func (e *Error) Unwrap() error { return e.Err }

func newError(metric, field string, sentinel error, format string, args ...any) *Error {
	return &Error{Metric: metric, Field: field, Err: sentinel, Detail: detail(format, args...)}
}

// Bounds of an error's Detail, which quotes the input: a 10 MB cell or header must
// not make a 10 MB message.
const (
	detailArgRunes = 60  // runes of a string argument a detail quotes
	detailRunes    = 400 // runes of a whole detail
)

// detail formats an error's Detail with every string argument cut to detailArgRunes
// runes (marked by "…") and the whole cut to detailRunes, so
// that a message stays one short line whatever the input holds.
func detail(format string, args ...any) string {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = cutRunes(s, detailArgRunes)
		}
	}
	return cutRunes(fmt.Sprintf(format, args...), detailRunes)
}

// cutRunes returns s cut to its first n runes followed by "…" when it is longer.
func cutRunes(s string, n int) string {
	k := 0
	for i := range s {
		if k == n {
			return s[:i] + "…"
		}
		k++
	}
	return s
}

// finite returns an ErrOutOfRange error naming field when d's exponent lies outside
// plus or minus [MaxExponent], the bound that keeps every computation in this package finite in time
// and memory.
func finite(metric, field string, d decimal.Decimal) error {
	if e := d.Exponent(); e > MaxExponent || e < -MaxExponent {
		return newError(metric, field, ErrOutOfRange, "exponent %d outside ±%d", e, MaxExponent)
	}
	return nil
}

// nonNegative returns an ErrNegative error naming field when d < 0, and the error of
// finite when d is out of range.
func nonNegative(metric, field string, d decimal.Decimal) error {
	if err := finite(metric, field, d); err != nil {
		return err
	}
	if d.IsNegative() {
		return newError(metric, field, ErrNegative, "%s < 0", d)
	}
	return nil
}

// nonNegativeCount returns an ErrNegative error naming field when n < 0.
func nonNegativeCount(metric, field string, n int) error {
	if n < 0 {
		return newError(metric, field, ErrNegative, "%d < 0", n)
	}
	return nil
}

// sameCurrency returns an ErrCurrencyMismatch error naming field when got differs from
// want, the currency of the computation's first record. Codes compare as
// [currencyCode] writes them: " usd" is "USD".
func sameCurrency(metric, field, got, want string) error {
	if currencyCode(got) != currencyCode(want) {
		return newError(metric, field, ErrCurrencyMismatch, "%s after %s", currencyName(got), currencyName(want))
	}
	return nil
}

// currencyName is a currency code as an error shows it: quoted, as the package keeps
// it (" eur" is "EUR"), or "no currency" for an empty one.
func currencyName(s string) string {
	if c := currencyCode(s); c != "" {
		return strconv.Quote(c)
	}
	return "no currency"
}

// currencyCode returns a currency code as the package keeps it: without surrounding
// spaces, in capitals, as ISO 4217 writes it (" eur" is "EUR").
func currencyCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// atIndex records that err, an *Error, is about list[i]: its Record becomes that
// position, and a Record it already had (a charge of a subscription) moves into its
// Field, so that the error names the record as "subs[3].Charges[0].Amount".
func atIndex(err error, list string, i int) error {
	var e *Error
	if errors.As(err, &e) {
		if r := e.Record; r != nil {
			inner := r.String()
			if e.Field != "" {
				inner += "." + e.Field
			}
			e.Field = inner
		}
		e.Record = &Position{List: list, Index: i}
	}
	return err
}

// atKey is atIndex for a record of a map, keyed by key.
func atKey(err error, list, key string) error {
	var e *Error
	if errors.As(err, &e) {
		e.Record = &Position{List: list, Key: key}
	}
	return err
}

// renamed sets the field of err, an *Error, to field: for names built only on failure.
func renamed(err error, field string) error {
	var e *Error
	if errors.As(err, &e) {
		e.Field = field
	}
	return err
}

// firstError returns the first non-nil error, so a validation reads as one list.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Refused is the error a function over many records returns, beside its result, when
// it ran with [InvalidRecordsSkip] and left records out: the result is computed over
// the others. Each record left out is listed with its index in the input and its
// error, an [*Error] naming it ("subs[3].Charges[0].Amount"), so errors.Is matches
// their sentinels and nothing is dropped silently.
type Refused struct {
	Metric  string          `json:"metric"`  // the function that refused them
	Total   int             `json:"total"`   // records it was given
	Records []RefusedRecord `json:"records"` // those it left out, in input order
}

// RefusedRecord is one record a function left out, and why.
type RefusedRecord struct {
	Index int   `json:"index"` // its index in the input
	Err   error `json:"error"` // why: an *Error naming the record
}

// Error returns "revops: Metric: 2 of 10 records refused: first error; second error".
func (r *Refused) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "revops: %s: %d of %d records refused", r.Metric, len(r.Records), r.Total)
	for i, rec := range r.Records {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(strings.TrimPrefix(rec.Err.Error(), "revops: "+r.Metric+": "))
	}
	return b.String()
}

// Unwrap returns every refused record's error, so errors.Is(err, ErrNegative) matches
// when any record was refused as negative.
func (r *Refused) Unwrap() []error {
	out := make([]error, len(r.Records))
	for i, rec := range r.Records {
		out[i] = rec.Err
	}
	return out
}

// refusals collects the records a function over many records leaves out under
// InvalidRecordsSkip.
type refusals struct {
	skip    bool
	records []RefusedRecord
}

func refusing(p Policy) refusals { return refusals{skip: p.InvalidRecords == InvalidRecordsSkip} }

// keep records err as record i's refusal and reports true when invalid records are
// skipped; under InvalidRecordsFail it keeps nothing and reports false, for the
// caller to fail with err.
func (r *refusals) keep(i int, err error) bool {
	if r.skip {
		r.records = append(r.records, RefusedRecord{Index: i, Err: err})
	}
	return r.skip
}

// err returns the *Refused of the records kept, or nil when none was.
func (r *refusals) err(metric string, total int) error {
	if len(r.records) == 0 {
		return nil
	}
	return &Refused{Metric: metric, Total: total, Records: r.records}
}

// with returns err joined to the refusals, so a caller sees both why the result is
// undefined and which records were left out.
func (r *refusals) with(metric string, total int, err error) error {
	if refused := r.err(metric, total); refused != nil {
		return errors.Join(err, refused)
	}
	return err
}
