package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	source   string // the file's name, "standard input" or "demo", as messages name it
	demo     bool
	asOf     time.Time // the instant the data is read at: now, or the demo's export date
	rows     int       // data rows read, header not counted
	spans    []revops.Span
	lines    []int                        // lines[i]: the line spans[i] was read from; 0 for Stripe's objects
	objects  []string                     // objects[i]: the Stripe object spans[i] was made from, as people read it; nil for a CSV
	unit     string                       // what a record read is: "row", "subscription", "invoice line"
	skipUnit string                       // what a record skipped is, when its own: "Stripe object"
	format   string                       // json's source format: "csv", "stripe_subscriptions", "stripe_invoices"
	billing  []revops.BillingSubscription // the subscriptions the spans were made from; nil unless Stripe's subscriptions
	skipped  rowNotes                     // rows -skip-invalid left out
	leftOut  rowNotes                     // rows -currency left out
	other    map[string]int               // rows -currency left out, by their currency
	dups     rowNotes                     // rows that repeat an earlier row exactly
	dayGaps  rowNotes                     // rows that start the day after the row before, of their subscription, ends
	unread   rowNotes                     // columns of the header that say how to read the amounts, and were not read
	segs     []string                     // segs[i]: the -by column's value on the row of spans[i]; nil without -by
	history  *revops.History
	cols     revops.SpanColumns // the columns read, for naming a span's field
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
	object   string // a Stripe object, for a record with no line: subscriptions["sub_1"]
	field    string // the field of the object at fault, when one is: items.data[0].quantity
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
	in := &input{other: map[string]int{}, asOf: e.now(), unit: "row", format: "csv"}
	if len(cfg.files) > 1 || cfg.source == "stripe" {
		return loadStripe(cfg, e, con, in)
	}
	var r io.Reader
	var total int64 = -1
	cols := cfg.cols
	var stdin *countingReader // standard input, when read: whether it held anything
	switch {
	case cfg.file == "" && e.stdinTerminal:
		in.source, in.demo, in.asOf, r, cols = "demo", true, demoHorizon, strings.NewReader(demoCSV), demoColumns()
		total = int64(len(demoCSV))
	case cfg.file == "" || cfg.file == "-":
		stdin = &countingReader{r: e.stdin}
		in.source, r = "standard input", stdin
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
	rowsGuess := 0 // the data rows the file holds, guessed from its first lines
	if !in.demo {
		br := bufio.NewReaderSize(r, 64<<10)
		if cfg.source == "" && looksLikeJSON(br) {
			// Told from the content: JSON is Stripe's objects, anything else a CSV.
			data, err := io.ReadAll(br)
			if err != nil {
				return nil, in.failf("%v", unwrapPath(err))
			}
			return in.stripe(cfg, con, []stripeFile{{name: in.source, data: data}})
		}
		if total > 0 {
			// The first lines tell how long a line is: the slices start with room for
			// the rows of the first MiB (the first chunk's rows then size them for the
			// whole file), not grown a row at a time. A row is at least 8 bytes.
			head, _ := br.Peek(int(min(total, 64<<10)))
			if lines := bytes.Count(head, []byte{'\n'}); lines > 1 {
				part := min(total, 1<<20)
				rowsGuess = int(min(part*int64(lines)/int64(len(head)), part/8))
			}
		}
		r = br
	}
	if len(cfg.dated) > 0 {
		return nil, usageError{fmt.Sprintf("-status-since and -pause-start date Stripe's subscriptions, and %s is read as a CSV: drop them, or give Stripe's JSON", in.source)}
	}
	cols.DefaultCurrency = cfg.currency
	cols.Location = cfg.loc // a date without a zone is a day of the business's calendar
	in.cols = cols
	con.step("reading " + in.source)
	var opt revops.ScanOptions
	if total > 0 && total < 1<<20 {
		// A small file: one chunk for each core, not the scan's default MiB each, and
		// a sixteenth over, so that no sliver of the file is left to a chunk of its
		// own. With more chunks than cores, the parsing of the last competes for the
		// cores with the reading of the first's rows (10k customers: 1.36-1.54x the
		// plain program's CPU in three chunks on 2 cores, 1.20-1.31x in two).
		each := total / int64(runtime.GOMAXPROCS(0))
		opt.ChunkSize = int(max(each+each/16, 16<<10))
	}
	if cfg.by != "" {
		opt.Values = []string{cfg.by}
	}
	opt.Header = func(names []string) error {
		// An interval column the command was not told to read: every amount is then
		// taken as monthly, and an annual plan's price as its MRR. Say so.
		for _, n := range names {
			if cols.Interval == "" && slices.ContainsFunc(intervalColumns, func(c string) bool { return strings.EqualFold(strings.TrimSpace(n), c) }) {
				in.unread.add(rowNote{line: 1, column: strings.TrimSpace(n),
					reason: fmt.Sprintf("not read: every amount is taken as monthly; -col-interval %s reads it as each amount's billing interval", strings.TrimSpace(n))})
			}
		}
		return nil
	}
	// While the rows of a file are read nearly all of what is allocated stays: the
	// spans, their lines and names (the chunks' buffers are reused, the slices sized
	// for the file). A collection then frees little and costs much (at 2 million rows
	// a third of the run's CPU, most of it the kernel's), so none runs while the last
	// chunk kept most of what it read and the next is of the usual size. Collections
	// go on as usual for input of unknown size (a pipe, whose slices grow), rows that
	// are left out, refused or wide, and a record longer than a chunk; and a memory
	// limit of a few times the file's size collects whatever else grows.
	gc := gcPause{limit: 12*total + 256<<20}
	defer gc.resume()
	if total > 0 && total <= 16<<20 {
		gc.hold() // a small file: what it can leave is small, and a collection in its first chunk is much of its time
	}
	// The slices come after: allocating them would start a collection.
	first := 0                    // the line of the first span, whose currency the others must share
	values := map[string]string{} // the -by column's values, each kept once
	n := rowsGuess + rowsGuess/16
	in.spans, in.lines = make([]revops.Span, 0, n), make([]int, 0, n)
	keys := make([]uint64, 0, n) // keys[i]: the hash of the cells of the row of spans[i]
	if cfg.by != "" {
		in.segs = make([]string, 0, n)
	}
	var readTo, chunkFrom int64  // the current row's chunk ends at readTo; the one before began at chunkFrom
	var chunkRows, chunkKept int // the rows read and spans kept before the current chunk
	var firstChunk int64         // the offset of the first chunk's end, to size the slices once its rows are counted
	err := revops.ScanSpans(r, cols, opt, func(row *revops.SpanRow) error {
		if row.Offset != readTo { // a new chunk: did the one before keep most of what it read?
			if total > 0 && (readTo > 0 || total <= 16<<20) && row.Offset-readTo <= 4<<20 &&
				keepsMost(in.rows-chunkRows, len(in.spans)-chunkKept, readTo-chunkFrom) {
				gc.hold()
			} else {
				gc.resume()
			}
			chunkFrom, readTo, chunkRows, chunkKept = readTo, row.Offset, in.rows, len(in.spans)
		}
		if firstChunk == 0 {
			firstChunk = row.Offset
		} else if firstChunk > 0 && row.Offset != firstChunk {
			// The first chunk's rows tell how long a row is: size the slices for the
			// whole file at once rather than growing them a row at a time.
			if total > firstChunk && in.rows > 0 {
				more := int((total-firstChunk)/(firstChunk/int64(in.rows)+1)) + in.rows/8
				in.spans, in.lines, keys = slices.Grow(in.spans, more), slices.Grow(in.lines, more), slices.Grow(keys, more)
				if cfg.by != "" {
					in.segs = slices.Grow(in.segs, more)
				}
			}
			firstChunk = -1
		}
		in.rows++
		if in.rows%4096 == 0 {
			con.bytes(row.Offset, total, in.rows)
		}
		if row.Err != nil {
			var re *revops.Error
			if !cfg.skipInvalid || !errors.As(row.Err, &re) || re.Record == nil {
				return in.fail(row.Err)
			}
			in.skipped.add(rowNote{line: row.Line, column: re.Record.Column, reason: reasonOf(re)})
			return nil
		}
		s := &row.Span
		switch {
		case cfg.currency != "" && s.Currency != cfg.currency:
			in.other[s.Currency]++
			in.leftOut.add(rowNote{line: row.Line, currency: s.Currency})
			return nil
		case len(in.spans) > 0 && s.Currency != in.spans[0].Currency:
			return in.fail(currencyMismatch(row.Line, columnName(cols.Currency, "currency"), s.Currency, in.spans[0].Currency, first))
		case len(in.spans) == 0:
			first = row.Line
		}
		if cfg.by != "" {
			v := row.Values[0]
			if interned, ok := values[v]; ok {
				v = interned
			} else if values[v] = v; len(values) > maxSegments {
				return in.failf("line %d, column %q: more than %d values to segment by: -by takes a column of few values, such as a plan or a region", row.Line, cfg.by, maxSegments)
			}
			in.segs = append(in.segs, v)
		}
		in.spans = append(in.spans, *s)
		in.lines = append(in.lines, row.Line)
		keys = append(keys, row.Hash)
		return nil
	})
	var re *revops.Error
	if errors.As(err, &re) && re.Metric == "ScanSpans" && re.Field == "Values" {
		return nil, in.failf("header: no column %q to segment by (-by)", cfg.by)
	}
	if err != nil && stdin != nil && stdin.n == 0 && cfg.file == "" {
		// Not the demo: with no FILE, a pipe is read, and this one was empty.
		return nil, in.failf("empty: with no FILE, revops reads standard input when it is not a terminal; to see the demo company, run it with no pipe or with </dev/null")
	}
	if err != nil {
		return nil, in.fail(err)
	}
	gc.resume()
	con.step(fmt.Sprintf("indexing %s spans", group(strconv.Itoa(len(in.spans)))))
	if err = in.index(cfg.skipInvalid, keys); err != nil {
		return nil, err
	}
	return in, nil
}

// keepsMost reports whether most of what reading a chunk of a file allocated is
// kept, so that holding the collector off collects little less than it would: the
// spans kept are at least 7 in 8 of its rows, and its bytes, whose text is garbage
// once parsed, are at most 256 a span kept (a span and its line, name and hash take
// about 350 in memory). A chunk of wide rows (an unread notes column), or of a record
// of many MiB, is not.
func keepsMost(rows, kept int, read int64) bool {
	return rows-kept <= rows/8 && read <= int64(kept)*256
}

// gcPause holds the garbage collector off, as debug.SetGCPercent(-1) does, between
// hold and resume, each of which may be called any number of times; while it holds,
// the runtime still collects when the memory in use nears limit.
type gcPause struct {
	limit   int64 // the memory limit while held, in bytes, unless one lower is set
	percent int   // the GOGC to go back to
	old     int64 // the memory limit to go back to
	held    bool  // collections are held off
}

func (p *gcPause) hold() {
	if !p.held {
		p.old = debug.SetMemoryLimit(-1) // a negative limit reads the limit
		debug.SetMemoryLimit(min(p.old, p.limit))
		p.percent, p.held = debug.SetGCPercent(-1), true
	}
}

func (p *gcPause) resume() {
	if p.held {
		debug.SetGCPercent(p.percent)
		debug.SetMemoryLimit(p.old)
		p.held = false
	}
}

// findDuplicates lists the spans whose rows repeat an earlier row of the report
// byte for byte: keys[i] is the hash of the row of spans[i], and a row repeats
// another when the hashes and the spans read from them are equal.
func (in *input) findDuplicates(keys []uint64) {
	// The index in the low bits of a sort key, the hash's top bits above: 24 of
	// them, or as many as the rows need (the hashes are then compared whole).
	in.findDuplicatesKeyed(keys, max(24, bits.Len(uint(len(keys)))))
}

// findDuplicatesKeyed is findDuplicates with each row's index in the low bits of
// its sort key (len(keys) ≤ 1<<bits).
func (in *input) findDuplicatesKeyed(keys []uint64, bits int) {
	// Sort the rows by hash, then index, in one slice of integers: rows with equal
	// cells are then next to each other, the first of them first.
	order := rowOrder(keys, bits)
	var dups [][2]int // index of a repeat, index of the first row it repeats
	for a := 0; a < len(order); {
		b := a + 1
		for b < len(order) && order[b]>>bits == order[a]>>bits {
			b++
		}
		for x := a + 1; x < b; x++ { // a run of rows whose hashes share their top bits
			i := int(order[x] & (1<<bits - 1))
			for y := a; y < x; y++ {
				if j := int(order[y] & (1<<bits - 1)); keys[j] == keys[i] && sameSpan(in.spans[j], in.spans[i]) {
					dups = append(dups, [2]int{i, j})
					break
				}
			}
		}
		a = b
	}
	slices.SortFunc(dups, func(x, y [2]int) int { return x[0] - y[0] })
	for _, d := range dups {
		in.dups.add(rowNote{line: in.lines[d[0]], same: in.lines[d[1]]})
	}
}

// findDayGaps lists the spans of a CSV that start the day after the span on the row
// before, of the same customer, subscription and item, ends at a midnight of the
// business's zone (-tz): the mark of an export whose end_date is the last day paid,
// not the first day not paid as the report reads it, where each such row is a churn
// and a reactivation that did not happen. Rows are compared in file order, as
// exports list a subscription's rows together.
func (in *input) findDayGaps() {
	loc := in.cols.Location // the business's days, -tz's
	if loc == nil {
		loc = time.UTC
	}
	for i := 1; i < len(in.spans); i++ {
		a, b := &in.spans[i-1], &in.spans[i]
		if a.End.IsZero() || b.Customer != a.Customer || b.Subscription != a.Subscription || b.Item != a.Item {
			continue
		}
		end := a.End.In(loc)
		if h, m, s := end.Clock(); h == 0 && m == 0 && s == 0 && end.Nanosecond() == 0 && b.Start.Equal(end.AddDate(0, 0, 1)) {
			in.dayGaps.add(rowNote{line: in.lines[i], same: in.lines[i-1]})
		}
	}
}

// rowOrder returns, sorted, each keys[i] with its low bits replaced by i (below
// 1<<bits): the keys are first dealt into buckets by their top bits in one pass, in
// index order, and each bucket, of a few keys, is then sorted, which is a few times
// faster than sorting the whole slice.
func rowOrder(keys []uint64, bits int) []uint64 {
	top := 1 // the bits of a bucket: about 8 keys a bucket
	for top < 20 && len(keys)>>(top+3) > 0 {
		top++
	}
	starts := make([]int32, 1<<top+1) // starts[b]: where bucket b begins in order
	for _, k := range keys {
		starts[k>>(64-top)+1]++
	}
	for b := 1; b < len(starts); b++ {
		starts[b] += starts[b-1]
	}
	order := make([]uint64, len(keys))
	next := slices.Clone(starts[:len(starts)-1])
	for i, k := range keys {
		b := k >> (64 - top)
		order[next[b]] = k&^(1<<bits-1) | uint64(i)
		next[b]++
	}
	for b := 0; b+1 < len(starts); b++ {
		slices.Sort(order[starts[b]:starts[b+1]])
	}
	return order
}

// currencyMismatch is the error of a row on line whose currency differs from the
// first row's, on line first: the row is named, and a row without a currency, the
// first or this one, is said to have none.
func currencyMismatch(line int, column, currency, firstCurrency string, first int) error {
	switch {
	case firstCurrency == "":
		return fmt.Errorf("line %d, column %q: currency %q, and line %d has none: give every row its currency, or choose one with -currency", line, column, currency, first)
	case currency == "":
		return fmt.Errorf("line %d, column %q: no currency, after %q on line %d: give every row its currency, or choose one with -currency", line, column, firstCurrency, first)
	}
	return fmt.Errorf("line %d, column %q: currency %q after %q on line %d: choose one with -currency", line, column, currency, firstCurrency, first)
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

// sourcedError is an error named by its source once: "subs.csv: line 12, ...".
type sourcedError struct{ msg string }

func (e sourcedError) Error() string { return e.msg }

// failf is an error about the source.
func (in *input) failf(format string, args ...any) error {
	return sourcedError{in.source + ": " + fmt.Sprintf(format, args...)}
}

// fail names the source of an input error once: "subs.csv: line 12, column
// "end_date": malformed record (...)", the position read from the error's fields.
// An error already named is returned as it is.
func (in *input) fail(err error) error {
	var named sourcedError
	if errors.As(err, &named) {
		return named
	}
	var e *revops.Error
	if errors.As(err, &e) {
		return in.failf("%s", recordMessage(err)+fixFor(e, in.columnFlags()))
	}
	return in.failf("%v", unwrapPath(err))
}

// columnFlag is a flag that names a column of an input file, the column it names,
// and whether the column holds dates.
type columnFlag struct {
	flag, column string
	date         bool
}

// columnFlags are the flags that name the columns of a span export, with the
// columns they name now.
func (in *input) columnFlags() []columnFlag {
	c := in.cols
	return []columnFlag{
		{"-col-customer", columnName(c.Customer, "customer_id"), false},
		{"-col-subscription", columnName(c.Subscription, "subscription_id"), false},
		{"-col-start", columnName(c.Start, "start_date"), true},
		{"-col-end", columnName(c.End, "end_date"), true},
		{"-col-amount", columnName(c.Amount, "monthly_amount"), false},
		{"-col-currency", columnName(c.Currency, "currency"), false},
		{"-col-interval", c.Interval, false},
	}
}

// fixFor returns the flag that gets past a reader's error, read from the error's
// fields, never its text: for a column the header lacks, the flag that names it;
// for a cell of a date column that is not a date, -date-layout. "" for any other.
func fixFor(e *revops.Error, flags []columnFlag) string {
	if e.Record == nil || e.Record.Column == "" || !errors.Is(e, revops.ErrMalformed) {
		return ""
	}
	for _, f := range flags {
		if f.column == "" || !strings.EqualFold(strings.TrimSpace(f.column), strings.TrimSpace(e.Record.Column)) {
			continue
		}
		switch {
		case e.Field == "header":
			return fmt.Sprintf(": name the file's own column with %s", f.flag)
		case f.date:
			return ": -date-layout reads another layout (a US-locale export: 1/2/2006)"
		}
		return ""
	}
	return ""
}

// index builds the History and, given keys (keys[i] the hash of the row of
// spans[i]), lists the duplicate rows. A span NewHistory refuses (one overlapping
// another of its subscription) stops the run, named by its line; with skip, it is
// left out and listed beside the rows the reader refused, and the duplicates are
// those of the spans kept.
func (in *input) index(skip bool, keys []uint64) error {
	policy := revops.InvalidRecordsFail
	if skip {
		policy = revops.InvalidRecordsSkip
	}
	// The duplicate check reads the spans and their lines, as NewHistory reads the
	// spans: it runs beside it, and again on the spans kept when some are left out.
	var check sync.WaitGroup
	if keys != nil {
		check.Add(1)
		go func() {
			defer check.Done()
			in.findDuplicates(keys)
			in.findDayGaps()
		}()
	}
	h, err := revops.NewHistory(in.spans, policy)
	check.Wait()
	var refused *revops.Refused
	var e *revops.Error
	switch {
	case err == nil:
	case errors.As(err, &refused):
	case !skip && errors.As(err, &e) && e.Record != nil && e.Record.List == "spans":
		// The strict history stops at one span: name it, as a skipped one would be.
		refused = &revops.Refused{Records: []revops.RefusedRecord{{Index: e.Record.Index, Err: err}}}
	default:
		return in.fail(err)
	}
	if refused != nil {
		out := map[int]bool{}
		var notes rowNotes
		for _, rec := range refused.Records {
			out[rec.Index] = true
			note := in.refusal(rec)
			if !skip {
				return in.failf("%s: %s", note.at(), note.reason)
			}
			notes.add(note)
		}
		in.skipped.count += notes.count
		in.skipped.rows = append(in.skipped.rows, notes.rows...)
		slices.SortStableFunc(in.skipped.rows, func(a, b rowNote) int { return a.line - b.line })
		in.skipped.rows = in.skipped.rows[:min(len(in.skipped.rows), listCap)]
		spans, lines, kept, segs, objects := in.spans[:0], in.lines[:0], keys[:0], in.segs[:0], in.objects[:0] // the spans in the report
		for i, s := range in.spans {
			if !out[i] {
				spans, lines = append(spans, s), append(lines, in.lines[i])
				if keys != nil {
					kept = append(kept, keys[i])
				}
				if in.segs != nil {
					segs = append(segs, in.segs[i])
				}
				if in.objects != nil {
					objects = append(objects, in.objects[i])
				}
			}
		}
		in.spans, in.lines, keys = spans, lines, kept
		if in.segs != nil {
			in.segs = segs
		}
		if in.objects != nil {
			in.objects = objects
		}
		if keys != nil {
			in.dups, in.dayGaps = rowNotes{}, rowNotes{}
			in.findDuplicates(keys)
			in.findDayGaps()
		}
	}
	in.history = h
	return nil
}

// refusal names a span NewHistory refused by the lines it and any span it involves
// were read from, which the error carries as positions, not as text.
func (in *input) refusal(rec revops.RefusedRecord) rowNote {
	note := in.record(rec.Index)
	var e *revops.Error
	if !errors.As(rec.Err, &e) {
		note.reason = rec.Err.Error()
		return note
	}
	if in.objects == nil {
		note.column = in.column(e.Field)
	}
	note.reason = reasonOf(e)
	if r := e.Related; r != nil && r.List == "spans" && r.Index >= 0 && r.Index < len(in.lines) {
		see := "see " + in.record(r.Index).at()
		note.reason = strings.TrimSuffix(note.reason, ")")
		if e.Detail != "" {
			note.reason += "; " + see + ")"
		} else {
			note.reason += " (" + see + ")"
		}
	}
	return note
}

// record names spans[i] by where it was read: its line, or its Stripe object.
func (in *input) record(i int) rowNote {
	if in.objects != nil {
		return rowNote{object: in.objects[i]}
	}
	return rowNote{line: in.lines[i]}
}

// at names a note's record for people: `line 3, column "end_date"`, or
// `subscriptions["sub_1"].items.data[0].quantity`.
func (r rowNote) at() string {
	if r.line == 0 && r.object != "" {
		if r.field != "" {
			return r.object + "." + r.field
		}
		return r.object
	}
	at := "line " + strconv.Itoa(r.line)
	if r.column != "" {
		at += ", column " + strconv.Quote(r.column)
	}
	return at
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

// intervalColumns are the names of a billing interval column that the command tells
// a user about when -col-interval does not read it.
var intervalColumns = []string{"interval", "billing_interval", "billing_period", "plan_interval"}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
