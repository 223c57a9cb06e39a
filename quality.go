package revops

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Record is one CRM record: field name to value.
type Record map[string]string

// Completeness returns the share of required fields that are filled over a set of
// records, a fraction in [0, 1]:
//
//	completeness = filled required fields ÷ (records × required fields)
//
// A field is filled when its value holds something other than white space.
//
// Errors: [ErrZeroDenominator] for no records or no required fields;
// [ErrInconsistent] for a required field named twice.
func Completeness(records []Record, required []string) (decimal.Decimal, error) {
	const metric = "Completeness"
	seen := make(map[string]bool, len(required))
	for i, f := range required {
		if seen[f] {
			return decimal.Decimal{}, atIndex(newError(metric, "", ErrInconsistent, "field %q named twice", f), "required", i)
		}
		seen[f] = true
	}
	filled := 0
	for _, r := range records {
		for _, f := range required {
			if strings.TrimSpace(r[f]) != "" {
				filled++
			}
		}
	}
	return ratio(metric, "records×required", int64(filled), int64(len(records))*int64(len(required)))
}

// DuplicateRate returns the share of records that duplicate an earlier record, a
// fraction in [0, 1]. Two records are duplicates when every key field matches after
// trimming white space and ignoring case: key fields {"email"} make
// " Ann@Example.com" a duplicate of "ann@example.com". A record whose key fields are
// all empty duplicates nothing.
//
// Errors: [ErrZeroDenominator] for no records; [ErrOutOfRange] for no key fields.
func DuplicateRate(records []Record, keys []string) (decimal.Decimal, error) {
	const metric = "DuplicateRate"
	if len(keys) == 0 {
		return decimal.Decimal{}, newError(metric, "keys", ErrOutOfRange, "no key fields")
	}
	seen := make(map[string]bool, len(records))
	dups := 0
	var b strings.Builder
	for _, r := range records {
		key, ok := duplicateKey(&b, r, keys)
		if !ok {
			continue
		}
		if seen[key] {
			dups++
		}
		seen[key] = true
	}
	return ratio(metric, "records", int64(dups), int64(len(records)))
}

// duplicateKey returns the key under which r duplicates another record, its key
// fields trimmed and lower-cased, or false when they are all empty.
func duplicateKey(b *strings.Builder, r Record, keys []string) (string, bool) {
	b.Reset()
	empty := true
	for _, k := range keys {
		v := strings.ToLower(strings.TrimSpace(r[k]))
		empty = empty && v == ""
		fmt.Fprintf(b, "%d:%s|", len(v), v) // length-prefixed, so no two keys collide
	}
	return b.String(), !empty
}

// Validity returns the share of records that pass a caller-supplied rule, a fraction
// in [0, 1]: passing ÷ records.
//
// Errors: [ErrZeroDenominator] for no records; [ErrInvalidOption] for a nil rule.
func Validity(records []Record, valid func(Record) bool) (decimal.Decimal, error) {
	const metric = "Validity"
	if valid == nil {
		return decimal.Decimal{}, newError(metric, "valid", ErrInvalidOption, "nil rule")
	}
	passing := 0
	for _, r := range records {
		if valid(r) {
			passing++
		}
	}
	return ratio(metric, "records", int64(passing), int64(len(records)))
}

// IssueKind names what is wrong with a record that a quality check lists.
type IssueKind uint8

const (
	IssueMissingAmount IssueKind = iota + 1 // an opportunity with no amount
	IssuePastClose                          // an open opportunity whose close date has passed
	IssueDuplicateID                        // an opportunity with the ID of an earlier one
)

var issueKindNames = []string{"", "missing_amount", "past_close", "duplicate_id"}

// String returns the kind's name: "missing_amount", "past_close" or "duplicate_id".
func (k IssueKind) String() string { return enumString(k, issueKindNames) }

// MarshalText returns the kind's name.
//
// Errors: [ErrOutOfRange] for a value that is no constant.
func (k IssueKind) MarshalText() ([]byte, error) { return enumMarshal(k, issueKindNames) }

// UnmarshalText reads a kind's name.
//
// Errors: [ErrOutOfRange] for a name that is no kind's.
func (k *IssueKind) UnmarshalText(b []byte) error { return enumUnmarshal(k, b, issueKindNames) }

// Issue is one record a quality check lists: what is wrong, and where.
type Issue struct {
	Kind IssueKind `json:"kind"`
	// Record is the row: its index among the export's rows, its line and the column
	// at fault.
	Record Position `json:"record"`
	// Related is, for a duplicate, the first row with the same ID; nil otherwise.
	Related *Position `json:"related,omitempty"`
	Detail  string    `json:"detail"` // for people: "due 2026-01-20"
}

// OpportunityQuality is the data quality of an opportunity export, from the
// catalogue's functions, and the rows behind each fault.
type OpportunityQuality struct {
	Rows int       `json:"rows"`  // rows checked
	AsOf time.Time `json:"as_of"` // the instant a close date has passed by
	// Required are the columns that must be filled: those of the ID, amount, stage,
	// created and close date the export has.
	Required []string `json:"required"`
	// Completeness is [Completeness] of the Required columns over the rows.
	Completeness Metric `json:"completeness"`
	// DuplicateRate is [DuplicateRate] by the ID column; undefined when the export has
	// none.
	DuplicateRate Metric `json:"duplicate_rate"`
	// Validity is [Validity] of the rule: an amount, and, for an open opportunity, a
	// close date not passed.
	Validity Metric `json:"validity"`
	// Issues lists each row with no amount, each open row whose close date has
	// passed, and each row with the ID of an earlier one, in line order.
	Issues []Issue `json:"issues"`
}

// Quality checks the export's rows as a CRM hygiene report does: how complete the
// required columns are ([Completeness]), how many rows repeat an earlier row's ID
// ([DuplicateRate], IDs compared trimmed and without regard to case), and how many
// rows are valid ([Validity]): with an amount, and, when open, with a close date not
// before asOf's date in the export's zone. It lists each fault with the row's line:
// the rows with no amount, the open rows whose close date has passed, and the
// duplicates, each with the first row of its ID. Rows a reader refused are not in
// the export, and not checked.
//
// Errors: [ErrInvalidPeriod] for a zero asOf.
func (e OpportunityExport) Quality(asOf time.Time) (OpportunityQuality, error) {
	const metric = "OpportunityExport.Quality"
	if asOf.IsZero() {
		return OpportunityQuality{}, newError(metric, "asOf", ErrInvalidPeriod, "zero asOf")
	}
	c := e.Columns
	zone := orUTC(c.Zone)
	q := OpportunityQuality{Rows: len(e.Rows), AsOf: asOf, Issues: []Issue{}}
	for _, name := range []string{c.ID, c.Amount, c.Stage, c.Created, c.Close} {
		if name != "" {
			q.Required = append(q.Required, name)
		}
	}
	records := make([]Record, len(e.Rows))
	for i, row := range e.Rows {
		r := make(Record, 8)
		for _, name := range append(q.Required, c.Won, c.Closed) {
			if name != "" {
				r[name], _ = row.Value(name)
			}
		}
		records[i] = r
	}
	today := dayOf(asOf, zone)
	dates := dateParser{zone: zone, dateLayout: c.DateLayout, timeLayout: c.TimeLayout}
	// The checks, each of one record, shared by Validity and the list of issues.
	missingAmount := func(r Record) bool { return c.Amount != "" && strings.TrimSpace(r[c.Amount]) == "" }
	pastClose := func(r Record) (time.Time, bool) {
		s, err := outcome(r[c.Won], r[c.Closed], r[c.Stage], c.Won == "" || c.Closed == "")
		if err != nil || s != DealOpen || c.Close == "" {
			return time.Time{}, false
		}
		due, empty, err := dates.parse(r[c.Close])
		return due, err == nil && !empty && dayOf(due, zone).Before(today)
	}
	q.Completeness = metricOf(Completeness(records, q.Required))
	var keys []string
	if c.ID != "" {
		keys = []string{c.ID}
	}
	q.DuplicateRate = metricOf(DuplicateRate(records, keys))
	q.Validity = metricOf(Validity(records, func(r Record) bool {
		_, past := pastClose(r)
		return !missingAmount(r) && !past
	}))
	at := func(i int, column string) Position {
		return Position{Index: i, Line: e.Rows[i].Line, Column: column}
	}
	first := make(map[string]int, len(records))
	var b strings.Builder
	for i, r := range records {
		if missingAmount(r) {
			q.Issues = append(q.Issues, Issue{Kind: IssueMissingAmount, Record: at(i, c.Amount), Detail: "no amount"})
		}
		if due, past := pastClose(r); past {
			q.Issues = append(q.Issues, Issue{Kind: IssuePastClose, Record: at(i, c.Close), Detail: "open, due " + dayOf(due, zone).Format(time.DateOnly)})
		}
		if key, ok := duplicateKey(&b, r, keys); ok && len(keys) > 0 {
			if j, seen := first[key]; seen {
				related := at(j, c.ID)
				q.Issues = append(q.Issues, Issue{Kind: IssueDuplicateID, Record: at(i, c.ID), Related: &related, Detail: "the ID of line " + fmt.Sprint(related.Line)})
			} else {
				first[key] = i
			}
		}
	}
	return q, nil
}
