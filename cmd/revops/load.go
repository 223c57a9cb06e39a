package main

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
)

// maxSegments bounds the values of the -by column: a report per value is for a few
// plans or regions, not a column of ids.
const maxSegments = 50

// listCap bounds the rows each note lists (skipped, left out, duplicate); every one
// is counted.
const listCap = 1000

// input is what load read: the spans, where each came from, and every row it left out
// or found repeated.
type input struct {
	source  string // the file's name, "standard input" or "demo", as messages name it
	demo    bool
	asOf    time.Time // the instant the data is read at: now, or the demo's export date
	rows    int       // data rows read, header not counted
	spans   []revops.Span
	lines   []int          // lines[i]: the line spans[i] was read from
	skipped rowNotes       // rows -skip-invalid left out
	leftOut rowNotes       // rows -currency left out
	other   map[string]int // rows -currency left out, by their currency
	dups    rowNotes       // rows that repeat an earlier row exactly
	segs    []string       // segs[i]: the -by column's value on the row of spans[i]; nil without -by
	history *revops.History
	cols    revops.SpanColumns // the columns read, for naming a span's field
}

// rowNotes are rows a note is about: how many, and the first listCap of them in file
// order.
type rowNotes struct {
	count int
	rows  []rowNote
}

// rowNote is one row a note names.
type rowNote struct {
	line     int
	column   string // the column at fault, when one is
	reason   string // why, without the position: "negative value (-5 < 0)"
	currency string // a row left out by -currency: its currency
	same     int    // a duplicate row: the line it repeats
}

func (n *rowNotes) add(r rowNote) {
	n.count++
	if len(n.rows) < listCap {
		n.rows = append(n.rows, r)
	}
}

// load reads the spans cfg names, keeps those in the report's currency, and indexes
// them into a History. A malformed row stops it with the file, line, column and
// reason, unless cfg.skipInvalid, when the row is counted and listed instead.
func load(cfg config, e env, con *console) (*input, error) {
	in := &input{other: map[string]int{}, asOf: e.now()}
	var r io.Reader
	var total int64 = -1
	cols := cfg.cols
	switch {
	case cfg.file == "" && e.stdinTerminal:
		in.source, in.demo, in.asOf, r, cols = "demo", true, demoHorizon, strings.NewReader(demoCSV), demoColumns()
		total = int64(len(demoCSV))
	case cfg.file == "" || cfg.file == "-":
		in.source, r = "standard input", e.stdin
		if f, ok := e.stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				total = st.Size()
			}
		}
	default:
		f, err := os.Open(cfg.file)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the file's name comes first, once
			}
			return nil, fmt.Errorf("%s: %w", cfg.file, err)
		}
		defer f.Close()
		in.source, r = cfg.file, f
		if st, err := f.Stat(); err == nil {
			total = st.Size()
		}
	}
	cols.DefaultCurrency = cfg.currency
	in.cols = cols
	con.step("reading " + in.source)
	tee := &lineHasher{seed: maphash.MakeSeed()}
	sr, err := revops.NewSpanReader(io.TeeReader(r, tee), cols)
	if err != nil {
		return nil, in.fail(err)
	}
	first := 0                              // the line of the first span, whose currency the others must share
	var keys []uint64                       // keys[i]: the hash of the bytes of the row of spans[i]
	values := map[string]string{}           // the -by column's values, each kept once
	prev := struct{ line, span int }{0, -1} // the row before: its line, and its span's index or -1
	// finish keys the row before, now that it is whole.
	finish := func(next int) {
		if prev.line > 0 {
			key := tee.key(prev.line, next)
			if prev.span >= 0 {
				keys[prev.span] = key
			}
		}
	}
	for {
		s, err := sr.Read()
		if err == io.EOF {
			break
		}
		line := sr.Line()
		finish(line)
		prev.line, prev.span = line, -1
		in.rows++
		if in.rows%4096 == 0 {
			con.bytes(tee.n, total, in.rows)
		}
		if err != nil {
			var re *revops.Error
			if !cfg.skipInvalid || !errors.As(err, &re) || re.Record == nil { // a failing reader is never skipped
				return nil, in.fail(err)
			}
			in.skipped.add(rowNote{line: line, column: re.Record.Column, reason: reasonOf(re)})
			continue
		}
		switch {
		case cfg.currency != "" && s.Currency != cfg.currency:
			in.other[s.Currency]++
			in.leftOut.add(rowNote{line: line, currency: s.Currency})
			continue
		case len(in.spans) > 0 && s.Currency != in.spans[0].Currency:
			return nil, in.fail(fmt.Errorf("line %d, column %q: currency %q after %q on line %d: choose one with -currency", line, columnName(cols.Currency, "currency"), s.Currency, in.spans[0].Currency, first))
		case len(in.spans) == 0:
			first = line
		}
		if cfg.by != "" {
			v, ok := sr.Value(cfg.by)
			if !ok {
				return nil, fmt.Errorf("%s: header: no column %q to segment by (-by)", in.source, cfg.by)
			}
			if interned, ok := values[v]; ok {
				v = interned
			} else if values[v] = v; len(values) > maxSegments {
				return nil, fmt.Errorf("%s: line %d, column %q: more than %d values to segment by: -by takes a column of few values, such as a plan or a region", in.source, line, cfg.by, maxSegments)
			}
			in.segs = append(in.segs, v)
		}
		prev.span = len(in.spans)
		in.spans = append(in.spans, s)
		in.lines = append(in.lines, line)
		keys = append(keys, 0)
	}
	tee.flush()
	finish(tee.line + 1)
	con.step(fmt.Sprintf("indexing %s spans", group(strconv.Itoa(len(in.spans)))))
	keys, err = in.index(cfg.skipInvalid, keys)
	if err != nil {
		return nil, err
	}
	in.findDuplicates(keys)
	return in, nil
}

// findDuplicates lists the spans whose rows repeat an earlier row of the report
// byte for byte: keys[i] is the hash of the row of spans[i], and a row repeats
// another when the hashes and the spans read from them are equal.
func (in *input) findDuplicates(keys []uint64) {
	seen := make(map[uint64]int32, len(keys))
	for i, k := range keys {
		j, ok := seen[k]
		switch {
		case !ok:
			seen[k] = int32(i)
		case sameSpan(in.spans[j], in.spans[i]):
			in.dups.add(rowNote{line: in.lines[i], same: in.lines[j]})
		}
	}
}

// columnName is the header a column flag names, or its default.
func columnName(flagValue, def string) string {
	if flagValue == "" {
		return def
	}
	return flagValue
}

// sameSpan reports whether two rows read the same span.
func sameSpan(a, b revops.Span) bool {
	return a.Customer == b.Customer && a.Subscription == b.Subscription && a.Item == b.Item && a.Currency == b.Currency &&
		a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.MRR.Equal(b.MRR)
}

// reasonOf says what is wrong with a record, without where it is: the sentinel and
// the detail of e, read from its fields.
func reasonOf(e *revops.Error) string {
	s := "invalid"
	if e.Err != nil {
		s = e.Err.Error()
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// fail names the source of an input error once: "subs.csv: line 12, column
// "end_date": malformed record (...)", the position read from the error's fields.
func (in *input) fail(err error) error {
	var e *revops.Error
	if errors.As(err, &e) {
		msg := reasonOf(e)
		if e.Record != nil && e.Record.Line > 0 {
			msg = e.Path() + ": " + msg
		} else if e.Field != "" {
			msg = e.Field + ": " + msg
		}
		return fmt.Errorf("%s: %s", in.source, msg)
	}
	return fmt.Errorf("%s: %w", in.source, unwrapPath(err))
}

// index builds the History. A span NewHistory refuses (one overlapping another of its
// subscription) stops the run, named by its line; with skip, it is left out and
// listed beside the rows the reader refused.
func (in *input) index(skip bool, keys []uint64) ([]uint64, error) {
	h, err := revops.NewHistory(in.spans, revops.InvalidRecordsSkip)
	var refused *revops.Refused
	if err != nil && !errors.As(err, &refused) {
		return nil, in.fail(err)
	}
	if refused != nil {
		out := map[int]bool{}
		var notes rowNotes
		for _, rec := range refused.Records {
			out[rec.Index] = true
			note := in.refusal(rec)
			if !skip {
				msg := fmt.Sprintf("line %d", note.line)
				if note.column != "" {
					msg += fmt.Sprintf(", column %q", note.column)
				}
				return nil, fmt.Errorf("%s: %s: %s", in.source, msg, note.reason)
			}
			notes.add(note)
		}
		in.skipped.count += notes.count
		in.skipped.rows = append(in.skipped.rows, notes.rows...)
		slices.SortStableFunc(in.skipped.rows, func(a, b rowNote) int { return a.line - b.line })
		in.skipped.rows = in.skipped.rows[:min(len(in.skipped.rows), listCap)]
		spans, lines, kept, segs := in.spans[:0], in.lines[:0], keys[:0], in.segs[:0] // the spans in the report
		for i, s := range in.spans {
			if !out[i] {
				spans, lines, kept = append(spans, s), append(lines, in.lines[i]), append(kept, keys[i])
				if in.segs != nil {
					segs = append(segs, in.segs[i])
				}
			}
		}
		in.spans, in.lines, keys = spans, lines, kept
		if in.segs != nil {
			in.segs = segs
		}
	}
	in.history = h
	return keys, nil
}

// refusal names a span NewHistory refused by the lines it and any span it involves
// were read from, which the error carries as positions, not as text.
func (in *input) refusal(rec revops.RefusedRecord) rowNote {
	note := rowNote{line: in.lines[rec.Index]}
	var e *revops.Error
	if !errors.As(rec.Err, &e) {
		note.reason = rec.Err.Error()
		return note
	}
	note.column = in.column(e.Field)
	note.reason = reasonOf(e)
	if r := e.Related; r != nil && r.List == "spans" && r.Index >= 0 && r.Index < len(in.lines) {
		note.reason = strings.TrimSuffix(note.reason, ")")
		if e.Detail != "" {
			note.reason += "; see line " + strconv.Itoa(in.lines[r.Index]) + ")"
		} else {
			note.reason += " (see line " + strconv.Itoa(in.lines[r.Index]) + ")"
		}
	}
	return note
}

// column returns the header of the column that holds a Span field.
func (in *input) column(field string) string {
	switch field {
	case "Customer":
		return columnName(in.cols.Customer, "customer_id")
	case "Subscription":
		return columnName(in.cols.Subscription, "subscription_id")
	case "Start":
		return columnName(in.cols.Start, "start_date")
	case "End":
		return columnName(in.cols.End, "end_date")
	case "MRR":
		return columnName(in.cols.Amount, "monthly_amount")
	case "Currency":
		return columnName(in.cols.Currency, "currency")
	}
	return ""
}

// lineHasher sees the bytes the CSV reader reads and hashes each line, so that a row
// can be compared with every earlier one by the exact bytes it was written with,
// without keeping them. Line numbers count from 1, as the reader's do; a line's hash
// leaves out its line ending (\n or \r\n).
type lineHasher struct {
	seed   maphash.Seed
	h      maphash.Hash
	begun  bool     // the hash's seed is set
	cur    int      // bytes of the current line hashed
	cr     bool     // the last byte written was a \r not yet hashed
	line   int      // lines completed
	base   int      // the line hashes[0] is the hash of
	hashes []uint64 // of the lines completed since base; 0 for an empty line
	n      int64    // bytes seen
}

func (l *lineHasher) Write(p []byte) (int, error) {
	l.n += int64(len(p))
	if !l.begun {
		l.h.SetSeed(l.seed)
		l.begun = true
	}
	rest := p
	for len(rest) > 0 {
		if l.cr { // a \r at the end of the last write: a line ending only before \n
			if rest[0] != '\n' {
				l.h.WriteByte('\r')
				l.cur++
			}
			l.cr = false
		}
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			if rest[len(rest)-1] == '\r' {
				rest, l.cr = rest[:len(rest)-1], true
			}
			l.h.Write(rest)
			l.cur += len(rest)
			break
		}
		seg := rest[:i]
		if len(seg) > 0 && seg[len(seg)-1] == '\r' {
			seg = seg[:len(seg)-1]
		}
		l.h.Write(seg)
		l.cur += len(seg)
		l.endLine()
		rest = rest[i+1:]
	}
	return len(p), nil
}

// endLine completes the current line.
func (l *lineHasher) endLine() {
	var sum uint64
	if l.cur > 0 {
		sum = l.h.Sum64() | 1 // never 0, which marks an empty line
	}
	if len(l.hashes) == 0 {
		l.base = l.line + 1
	}
	l.hashes = append(l.hashes, sum)
	l.line++
	l.cur = 0
	l.h.Reset()
}

// flush completes a last line that has no line ending.
func (l *lineHasher) flush() {
	if l.cr {
		l.h.WriteByte('\r')
		l.cur++
		l.cr = false
	}
	if l.cur > 0 {
		l.endLine()
	}
}

// key returns the hash of the row on lines [from, to), leaving out empty lines, and
// forgets the lines before to, which no later row reads.
func (l *lineHasher) key(from, to int) uint64 {
	var k uint64
	for ln := from; ln < to; ln++ {
		i := ln - l.base
		if i < 0 || i >= len(l.hashes) || l.hashes[i] == 0 {
			continue
		}
		k = k*0x9e3779b97f4a7c15 + l.hashes[i]
	}
	if drop := to - l.base; drop > 0 {
		drop = min(drop, len(l.hashes))
		l.hashes = l.hashes[:copy(l.hashes, l.hashes[drop:])]
		l.base += drop
	}
	return k
}
