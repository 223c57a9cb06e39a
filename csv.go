package revops

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// SpanColumns maps the columns of a CSV export of subscription periods to the fields
// of a [Span], for [NewSpanReader] and [ReadSpans]. Each field holds a header name; an
// empty field takes the default, the column names of the dbt mrr-playbook's
// subscription_periods.csv, so the zero SpanColumns reads that file as it is:
//
//	subscription_id,customer_id,start_date,end_date,monthly_amount
//	1,1,2018-11-01,2019-02-01,50
//
// Header names match without regard to letter case or surrounding spaces.
type SpanColumns struct {
	Customer     string `json:"customer"`     // customer identifier; "customer_id"; required
	Subscription string `json:"subscription"` // subscription identifier; "subscription_id"; read when the header has it
	Start        string `json:"start"`        // first day of the span; "start_date"; required
	End          string `json:"end"`          // first day after it, empty while it runs; "end_date"; required
	Amount       string `json:"amount"`       // MRR, or the price per Interval when Interval is set; "monthly_amount"; required
	Currency     string `json:"currency"`     // currency code; "currency"; read when the header has it
	// Interval names a column holding each row's billing interval ("month", "year",
	// "3 months": see [ParseInterval]). When it is set the Amount column holds the price
	// per interval, normalized to a month by [SpanFromCharge], so an annual plan of
	// 1,200 is 100 a month; the column must then be in the header. Empty (the default)
	// reads Amount as MRR, even when the file has a column of intervals (such as
	// "interval" or "billing_period"): an annual plan's price is then taken as its
	// MRR, 12 times too much. Name that column here to read it.
	Interval string `json:"interval"`
	// DateLayout is the [time.Parse] layout of Start and End. Empty reads a date
	// ("2006-01-02") or an RFC 3339 timestamp.
	DateLayout string `json:"date_layout"`
	// Location is the zone of the business: a date without a zone (2025-08-31) is
	// that day's midnight there, and a timestamp with one keeps its instant. nil is
	// UTC. Report the periods in the same zone ([MonthIn]).
	Location *time.Location `json:"-"`
	// DefaultCurrency is the currency of rows whose currency cell is empty or whose
	// file has no currency column. Empty leaves such rows' currency empty.
	DefaultCurrency string `json:"default_currency"`
}

// column indexes of a SpanReader's record; −1 when the header lacks an optional one.
type spanColumnIndex struct {
	customer, subscription, start, end, amount, currency, interval int
}

// SpanReader reads subscription spans from a CSV file one row at a time, so a file of
// any length streams through constant memory. Make one with [NewSpanReader].
type SpanReader struct {
	csv      *csv.Reader
	cols     SpanColumns
	names    []string // header, as read
	idx      spanColumnIndex
	line     int      // line of the last row read
	lineBase int      // lines before the data the csv reader reads (ScanSpans' chunks)
	row      int      // data rows before it
	rec      []string // the last row read, reused by the next Read
	currency string   // the last currency read, reused so rows share one string
	// The customers read lately, reused so that a customer's rows, which are usually
	// together, share one string: a small table indexed by a hash of the cell, each
	// slot holding the last customer that hashed there, so that the many customers
	// read once cost no map insertion.
	recent *[recentSlots]string
	// The amounts read lately, reused so that rows of a price share one decimal
	// (decimals never change, so sharing one is safe): prices repeat, and a map finds
	// them; it is emptied when it grows past amountsCap.
	amounts map[string]decimal.Decimal
}

// NewSpanReader reads the header of a CSV file of spans from r and returns a reader of
// its rows. Fields are separated by commas and may be quoted, as RFC 4180 describes
// (encoding/csv).
//
// Errors: [ErrMalformed] for a file with no header, a header that cannot be parsed or
// lacks a required column (naming it and the header), or a column named twice; an
// error reading r is returned as it is.
func NewSpanReader(r io.Reader, cols SpanColumns) (*SpanReader, error) {
	const metric = "SpanReader"
	c := csv.NewReader(skipBOM(r))
	c.ReuseRecord = true
	c.FieldsPerRecord = -1 // checked per row, to name the line
	header, err := c.Read()
	switch {
	case err == io.EOF:
		return nil, newError(metric, "header", ErrMalformed, "empty file: no header row")
	case err != nil:
		return nil, csvError(metric, err, -1)
	}
	sr := &SpanReader{csv: c, cols: cols, names: append([]string(nil), header...), row: -1}
	find := func(name, def string, required bool) (int, error) {
		if name == "" {
			name = def
		}
		at := -1
		for i, h := range sr.names {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name)) {
				if at >= 0 {
					return -1, newError(metric, "header", ErrMalformed, "column %q appears twice", name)
				}
				at = i
			}
		}
		if at < 0 && required {
			// The header's line and the missing column as data, so that a caller can
			// tell which of its column names to correct without reading the text.
			e := newError(metric, "header", ErrMalformed, "no column %q in header %q", name, strings.Join(sr.names, ","))
			line, _ := c.FieldPos(0)
			e.Record = &Position{Line: line, Column: name}
			return -1, e
		}
		return at, nil
	}
	var errs [7]error
	sr.idx.customer, errs[0] = find(cols.Customer, "customer_id", true)
	sr.idx.subscription, errs[1] = find(cols.Subscription, "subscription_id", cols.Subscription != "")
	sr.idx.start, errs[2] = find(cols.Start, "start_date", true)
	sr.idx.end, errs[3] = find(cols.End, "end_date", true)
	sr.idx.amount, errs[4] = find(cols.Amount, "monthly_amount", true)
	sr.idx.currency, errs[5] = find(cols.Currency, "currency", cols.Currency != "")
	sr.idx.interval = -1
	if cols.Interval != "" {
		sr.idx.interval, errs[6] = find(cols.Interval, "", true)
	}
	if err := firstError(errs[:]...); err != nil {
		return nil, err
	}
	return sr, nil
}

// skipBOM returns r without the UTF-8 byte order mark that spreadsheet programs put
// before a file's first byte, so that encoding/csv reads a quoted first header as
// quoted.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	return br
}

// csvError turns an encoding/csv error into an ErrMalformed *Error naming its line.
func csvError(metric string, err error, row int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e := newError(metric, "", ErrMalformed, "%v", pe.Err)
		e.Record = &Position{Index: row, Line: pe.StartLine}
		return e
	}
	return err
}

// Line returns the line of the file on which the row last read by [SpanReader.Read]
// starts (the header is line 1), for the caller's own messages.
func (r *SpanReader) Line() int { return r.line }

// Read returns the span of the next row, or [io.EOF] when there is none. The span is
// checked as [NewHistory] checks one span; a row that fails is reported and Read may
// be called again for the rows after it.
//
// Errors, each an [*Error] whose Record holds the row's line and the column at fault
// (its Path reads `line 12, column "end_date"`): [ErrMalformed] for a row with another
// number of fields than the header, bad CSV quoting, or a date, amount or interval that
// does not parse; [ErrOutOfRange] for an empty customer, an amount beyond
// [MaxExponent], a date written 2006-01-02 that the calendar lacks (2025-02-29, a
// 13th month: no other layout reads it), or a date at the zero instant of
// [time.Time] (0001-01-01 00:00 UTC, which no span can hold, since a zero Start is
// no start and a zero End no end);
// [ErrInvalidPeriod] for an empty start or an end not after the start; [ErrNegative]
// for a negative amount; the errors of [ChargeMRR] when an Interval column is read,
// naming the amount or the interval column. An error reading the underlying reader
// is returned as it is.
func (r *SpanReader) Read() (Span, error) {
	const metric = "SpanReader"
	rec, err := r.csv.Read()
	if err != nil {
		if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
			pe.StartLine += r.lineBase
			pe.Line += r.lineBase
			r.line = pe.StartLine
			r.row++
			r.rec = nil
		}
		return Span{}, csvError(metric, err, r.row)
	}
	r.row++
	r.rec = rec
	r.line, _ = r.csv.FieldPos(0)
	r.line += r.lineBase
	if len(rec) != len(r.names) {
		return r.fail(-1, ErrMalformed, "%d fields, the header has %d", len(rec), len(r.names))
	}
	s := Span{Customer: r.intern(strings.TrimSpace(rec[r.idx.customer]))}
	if r.idx.subscription >= 0 {
		s.Subscription = strings.Clone(strings.TrimSpace(rec[r.idx.subscription]))
	}
	// An empty cell is no date; any text that parses is a date, however early, and
	// is never read as the zero Time that stands for none.
	var empty bool
	if s.Start, empty, err = r.date(rec[r.idx.start]); err != nil {
		return r.fail(r.idx.start, dateSentinel(err), "%v", err)
	} else if empty {
		return r.fail(r.idx.start, ErrInvalidPeriod, "empty start")
	} else if s.Start.IsZero() {
		return r.fail(r.idx.start, ErrOutOfRange, "%s is the zero instant of time.Time, which stands for no date", strings.TrimSpace(rec[r.idx.start]))
	}
	if s.End, empty, err = r.date(rec[r.idx.end]); err != nil {
		return r.fail(r.idx.end, dateSentinel(err), "%v", err)
	} else if !empty && !s.End.After(s.Start) {
		return r.fail(r.idx.end, ErrInvalidPeriod, "%s is not after the start %s", strings.TrimSpace(rec[r.idx.end]), strings.TrimSpace(rec[r.idx.start]))
	}
	amount, err := r.amount(strings.TrimSpace(rec[r.idx.amount]))
	if err != nil {
		return r.fail(r.idx.amount, ErrMalformed, "%s is not a decimal number", quoteCell(rec[r.idx.amount]))
	}
	s.Currency = r.cols.DefaultCurrency
	if r.idx.currency >= 0 {
		if c := strings.TrimSpace(rec[r.idx.currency]); c != "" {
			if !strings.EqualFold(c, r.currency) {
				r.currency = currencyCode(c)
			}
			s.Currency = r.currency
		}
	}
	s.MRR = Monthly(amount) // checked as the span's MRR, then as the price when an interval is read
	if err := firstError(s.validate(metric), nonNegative(metric, "MRR", amount)); err != nil {
		return Span{}, r.renamed(err)
	}
	if r.idx.interval < 0 {
		return s, nil
	}
	iv, err := ParseInterval(rec[r.idx.interval])
	if err != nil {
		return r.fail(r.idx.interval, ErrMalformed, "%s is not an interval such as \"month\", \"year\" or \"3 months\"", quoteCell(rec[r.idx.interval]))
	}
	s, err = SpanFromCharge(ChargeSpan{Customer: s.Customer, Subscription: s.Subscription, Currency: s.Currency, Start: s.Start, End: s.End,
		Charge: Charge{Amount: amount, Quantity: 1, Interval: iv}})
	if err != nil {
		return Span{}, r.renamed(err)
	}
	return s, nil
}

// Value returns the cell of the row last read by [SpanReader.Read] in the column whose
// header is column (matched without regard to letter case or surrounding spaces),
// trimmed of surrounding spaces, and whether the header has that column; after a row
// that did not parse as CSV it returns "". It reads columns the span does not hold,
// such as a plan or a region to segment a report by. The next Read reuses the row's
// memory, so the result is a copy.
func (r *SpanReader) Value(column string) (string, bool) {
	for i, h := range r.names {
		if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(column)) {
			if i < len(r.rec) {
				return strings.Clone(strings.TrimSpace(r.rec[i])), true
			}
			return "", true
		}
	}
	return "", false
}

// recentSlots is the number of customers a SpanReader remembers.
const recentSlots = 256

// amountsCap bounds the amounts a SpanReader remembers.
const amountsCap = 4096

// slot returns the slot of a cell's text: its 32-bit FNV-1a hash, folded.
func slot(s string) int {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return int((h ^ h>>16) % recentSlots)
}

// intern returns a copy of s that rows of the same customer share.
func (r *SpanReader) intern(s string) string {
	if r.recent == nil {
		r.recent = new([recentSlots]string)
	}
	c := &r.recent[slot(s)]
	if *c != s {
		*c = strings.Clone(s)
	}
	return *c
}

// amount parses an amount cell, reusing the decimal of a cell read lately with the
// same text.
func (r *SpanReader) amount(s string) (decimal.Decimal, error) {
	if d, ok := r.amounts[s]; ok {
		return d, nil
	}
	d, err := parseDecimal(s)
	if err != nil {
		return d, err
	}
	if r.amounts == nil || len(r.amounts) >= amountsCap {
		r.amounts = make(map[string]decimal.Decimal, 64)
	}
	r.amounts[strings.Clone(s)] = d
	return d, nil
}

// fail returns the error of the current row at column col (−1 for the whole row).
func (r *SpanReader) fail(col int, sentinel error, format string, args ...any) (Span, error) {
	e := newError("SpanReader", "", sentinel, format, args...)
	return Span{}, r.at(e, col)
}

// at sets e's Record to the current row and column col (−1 for the whole row).
func (r *SpanReader) at(e *Error, col int) *Error {
	e.Record = &Position{Index: r.row, Line: r.line}
	if col >= 0 {
		e.Record.Column = r.names[col]
	}
	e.Field = ""
	return e
}

// renamed turns an error about a Span or Charge field into one about the current
// row and the column that holds the field.
func (r *SpanReader) renamed(err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	col := r.idx.amount
	switch f := e.Field; {
	case f == "Customer":
		col = r.idx.customer
	case f == "Start":
		col = r.idx.start
	case f == "End":
		col = r.idx.end
	case strings.HasPrefix(f, "Charge.Interval"):
		col = r.idx.interval
	}
	r.at(e, col)
	return err
}

// date parses a Start or End cell, reporting an empty cell as empty.
func (r *SpanReader) date(cell string) (t time.Time, empty bool, err error) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return time.Time{}, true, nil
	}
	loc := r.cols.Location
	if loc == nil {
		loc = time.UTC
	}
	if r.cols.DateLayout != "" {
		t, err := time.ParseInLocation(r.cols.DateLayout, cell, loc)
		if err != nil {
			return time.Time{}, false, errors.New(quoteCell(cell) + " is not a date in layout " + r.cols.DateLayout)
		}
		return t, false, nil
	}
	if t, ok := parseDay(cell, loc); ok {
		return t, false, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, cell, loc); err == nil {
		return t, false, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, cell); err == nil {
		return t, false, nil
	}
	if err := dayOutOfRange(cell); err != nil {
		return time.Time{}, false, err
	}
	return time.Time{}, false, errors.New(quoteCell(cell) + " is neither a date (2006-01-02) nor an RFC 3339 timestamp")
}

// parseDay reads a date written as exports write it, "2006-01-02", in loc, without
// time.Parse's general machinery: the fast path of a file's dates. It reports false
// for anything else, which time.Parse then reads or refuses.
func parseDay(s string, loc *time.Location) (time.Time, bool) {
	y, m, d, ok := dayFields(s)
	if !ok || len(s) != 10 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc), true
}

// dayFields reads the year, month and day of a text that starts with a date written
// 2006-01-02, whatever their range; ok is false for any other text.
func dayFields(s string) (y, m, d int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	return y, m, d, ok1 && ok2 && ok3
}

// daysIn returns the number of days of month m (1 to 12) of year y, in the
// proleptic Gregorian calendar time.Time uses.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// parseDecimal reads a decimal as exports write it, "-1234.56", into its coefficient
// and exponent directly when it has at most 18 digits: the fast path of a file's
// amounts, equal to decimal.NewFromString's result. Anything else, an exponent or a
// longer number, goes to decimal.NewFromString.
func parseDecimal(s string) (decimal.Decimal, error) {
	neg, digits, coef, frac, dot := false, 0, int64(0), int32(0), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits == 18 {
				return decimal.NewFromString(s)
			}
			if coef > 0 || c != '0' {
				digits++
			}
			coef = coef*10 + int64(c-'0')
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		case c == '-' && i == 0 && len(s) > 1:
			neg = true
		default:
			return decimal.NewFromString(s)
		}
	}
	if len(s) == 0 || (dot && len(s) == 1) || (neg && dot && len(s) == 2) {
		return decimal.NewFromString(s)
	}
	if neg {
		coef = -coef
	}
	return decimal.New(coef, -frac), nil
}

// ReadSpans reads every row of a CSV file of spans, as [NewSpanReader] and
// [SpanReader.Read] describe, and stops at the first row that fails.
//
// Errors: those of NewSpanReader and SpanReader.Read.
func ReadSpans(r io.Reader, cols SpanColumns) ([]Span, error) {
	size := inputSize(r)
	sr, err := NewSpanReader(r, cols)
	if err != nil {
		return nil, err
	}
	var spans []Span
	for {
		s, err := sr.Read()
		if err == io.EOF {
			return spans, nil
		}
		if err != nil {
			return nil, err
		}
		spans = append(spans, s)
		// Once the first rows show how long a row is, size the slice for the whole
		// input, when its size is known, rather than growing it a row at a time.
		if len(spans) == 256 && size > 0 {
			if per := sr.csv.InputOffset() / 256; per > 0 {
				spans = slices.Grow(spans, int(size/per)+int(size/per)/16)
			}
		}
	}
}

// inputSize returns the bytes left to read of r when it can tell (a file, a
// bytes.Reader or strings.Reader), or 0.
func inputSize(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case *os.File:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			if pos, err := v.Seek(0, io.SeekCurrent); err == nil {
				return st.Size() - pos
			}
		}
	}
	return 0
}

// ParseInterval parses a billing interval as exports write it: a unit, optionally
// after a count, in any letter case: "month", "monthly", "3 months", "quarter" or
// "quarterly" (3 months), "year", "yearly", "annual", "annually", "2 years", "week",
// "weekly", "2 weeks", "day", "daily", "30 days".
//
// Errors: [ErrMalformed] for anything else, a count below 1 or a span of more than
// [MaxIntervalCount] units included.
func ParseInterval(s string) (Interval, error) {
	fields := strings.Fields(strings.ToLower(s))
	count := 1
	if len(fields) == 2 {
		n, err := strconv.Atoi(fields[0])
		if err != nil || n < 1 || n > MaxIntervalCount {
			return Interval{}, newError("ParseInterval", "", ErrMalformed, "%q: the count is not a whole number from 1 to %d", s, MaxIntervalCount)
		}
		count, fields = n, fields[1:]
	}
	if len(fields) == 1 {
		switch fields[0] {
		case "day", "days", "daily":
			return Interval{Count: count, Unit: Days}, nil
		case "week", "weeks", "weekly":
			return Interval{Count: count, Unit: Weeks}, nil
		case "month", "months", "monthly":
			return Interval{Count: count, Unit: Months}, nil
		case "quarter", "quarters", "quarterly":
			if count <= MaxIntervalCount/3 {
				return Interval{Count: 3 * count, Unit: Months}, nil
			}
		case "year", "years", "yearly", "annual", "annually":
			return Interval{Count: count, Unit: Years}, nil
		}
	}
	return Interval{}, newError("ParseInterval", "", ErrMalformed, "%q is not an interval", s)
}
