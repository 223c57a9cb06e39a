package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/revopskit/revops"
)

// input is what load read: the spans, where each came from, and every row it left out.
type input struct {
	source  string         // the file's name, "standard input", or "demo"
	rows    int            // data rows read, header not counted
	spans   []revops.Span  // the valid rows in the report's currency
	lines   []int          // lines[i]: the line spans[i] was read from
	skipped []skippedRow   // rows left out by -skip-invalid, in file order
	other   map[string]int // rows left out by -currency, by their currency
	history *revops.History
	cols    revops.SpanColumns // the columns read, for naming a span's field
}

// skippedRow is a row -skip-invalid left out, and why.
type skippedRow struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// progressEvery is how many rows pass between two progress lines on a terminal.
const progressEvery = 100_000

// load reads the spans cfg names, keeps those in the report's currency, and indexes
// them into a History. A malformed row stops it with the file, line, column and
// reason, unless cfg.skipInvalid, when the row is counted and listed instead. With
// progress it writes the rows read so far to stderr every progressEvery rows.
func load(cfg config, stdin io.Reader, stderr io.Writer, progress bool) (*input, error) {
	in := &input{other: map[string]int{}, cols: cfg.cols}
	var r io.Reader
	cols := cfg.cols
	switch cfg.file {
	case "":
		in.source, r, cols = "demo", strings.NewReader(demoCSV), demoColumns()
	case "-":
		in.source, r = "standard input", stdin
	default:
		f, err := os.Open(cfg.file)
		if err != nil {
			return nil, inputError{err}
		}
		defer f.Close()
		in.source, r = cfg.file, f
	}
	cols.DefaultCurrency = cfg.currency
	in.cols = cols
	sr, err := revops.NewSpanReader(r, cols)
	if err != nil {
		return nil, in.fail(err)
	}
	first := 0 // the line of the first span, whose currency the others must share
	for {
		s, err := sr.Read()
		if err == io.EOF {
			break
		}
		in.rows++
		if progress && in.rows%progressEvery == 0 {
			fmt.Fprintf(stderr, "\rrevops: %s: %d rows read", in.source, in.rows)
		}
		if err != nil {
			var e *revops.Error
			if !cfg.skipInvalid || !errors.As(err, &e) { // a failing reader is never skipped
				return nil, in.fail(err)
			}
			in.skipped = append(in.skipped, skippedRow{Line: sr.Line(), Reason: e.Error()})
			continue
		}
		switch {
		case cfg.currency != "" && s.Currency != cfg.currency:
			in.other[s.Currency]++
			continue
		case len(in.spans) > 0 && s.Currency != in.spans[0].Currency:
			return nil, in.fail(fmt.Errorf("line %d: currency %q after %q on line %d: mixed currencies; choose one with -currency", sr.Line(), s.Currency, in.spans[0].Currency, first))
		case len(in.spans) == 0:
			first = sr.Line()
		}
		in.spans = append(in.spans, s)
		in.lines = append(in.lines, sr.Line())
	}
	if progress && in.rows >= progressEvery {
		fmt.Fprintf(stderr, "\rrevops: %s: %d rows read\n", in.source, in.rows)
	}
	if err := in.index(cfg.skipInvalid); err != nil {
		return nil, err
	}
	return in, nil
}

// fail names the source of an input error: "subs.csv: line 12, ...".
func (in *input) fail(err error) error {
	return inputError{fmt.Errorf("%s: %w", in.source, err)}
}

// index builds the History. A span NewHistory refuses (one overlapping another of its
// subscription) stops the run, named by its line; with skip, it is left out and
// listed beside the rows the reader refused.
func (in *input) index(skip bool) error {
	h, err := revops.NewHistory(in.spans, revops.InvalidRecordsSkip)
	var refused *revops.Refused
	if err != nil && !errors.As(err, &refused) {
		return in.fail(err)
	}
	if refused != nil {
		out := map[int]bool{}
		for _, rec := range refused.Records {
			out[rec.Index] = true
			reason := in.reason(rec.Err)
			if !skip {
				return in.fail(errors.New(reason))
			}
			in.skipped = append(in.skipped, skippedRow{Line: in.lines[rec.Index], Reason: reason})
		}
		slices.SortFunc(in.skipped, func(a, b skippedRow) int { return a.Line - b.Line })
		spans, lines := in.spans[:0], in.lines[:0] // the spans in the report
		for i, s := range in.spans {
			if !out[i] {
				spans, lines = append(spans, s), append(lines, in.lines[i])
			}
		}
		in.spans, in.lines = spans, lines
	}
	in.history = h
	return nil
}

// reason says why NewHistory refused a span, naming it and any span it involves by
// the lines they were read from, which the error carries as positions, not as text.
func (in *input) reason(err error) string {
	var e *revops.Error
	if !errors.As(err, &e) || e.Record == nil || e.Record.List != "spans" {
		return err.Error()
	}
	at := revops.Position{Line: in.lines[e.Record.Index], Column: in.column(e.Field)}
	msg := at.String() + ": " + e.Err.Error()
	detail := e.Detail
	if r := e.Related; r != nil && r.List == "spans" {
		if detail != "" {
			detail += "; "
		}
		detail += "see line " + strconv.Itoa(in.lines[r.Index])
	}
	if detail != "" {
		msg += " (" + detail + ")"
	}
	return msg
}

// column returns the header of the column that holds a Span field.
func (in *input) column(field string) string {
	switch field {
	case "Customer":
		return in.cols.Customer
	case "Subscription":
		return in.cols.Subscription
	case "Start":
		return in.cols.Start
	case "End":
		return in.cols.End
	case "MRR":
		return in.cols.Amount
	case "Currency":
		return in.cols.Currency
	}
	return ""
}

// isTerminal reports whether w is a terminal, where progress lines help a person.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
