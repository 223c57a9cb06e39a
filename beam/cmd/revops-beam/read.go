package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/sdf"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/rtrackers/offsetrange"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/revopskit/revops"
	revopsbeam "github.com/revopskit/revops/beam"
)

func init() {
	register.DoFn6x1[context.Context, *sdf.LockRTracker, fileio.ReadableFile, func(revopsbeam.Row), func(problem), func(string, origin), error](&readFn{})
	register.Emitter1[revopsbeam.Row]()
	register.Emitter1[problem]()
	register.Emitter2[string, origin]()
}

// defaultSplitBytes is the part of an uncompressed file a worker starts with, as in
// Beam's textio; the runner may split a part further while it is read.
const defaultSplitBytes = 64 << 20

// malformedRows counts the rows the reader refuses.
var malformedRows = beam.NewCounter("revops", "malformed_rows")

// readFn reads CSV files of spans into rows, each span with its file and line, and
// the rows it refuses into problems, each naming its file, line and column; of each
// currency, it emits the first row of the part it reads as an origin, keyed by the
// currency, once a part rather than once a row.
//
// Beam's textio gives lines without their numbers, so the job reads the files itself.
// It splits them as textio does: an uncompressed file into parts of SplitBytes, and
// a part into smaller ones when the runner asks, each reading the lines that start
// within it. Like textio, a part reads the bytes before it (textio discards them to
// find where its first line starts); this reader counts their newlines on the way,
// which makes every line number exact at no further cost, and reads the header from
// them, so each file's rows are read with its own header. A .gz file cannot be entered
// in the middle and is read whole, by one worker. Each row must sit on one line.
type readFn struct {
	Cols       revops.SpanColumns `json:"cols"`
	SplitBytes int64              `json:"split_bytes"` // 0 for defaultSplitBytes
}

// whole reports whether a file must be read from its start to its end by one worker:
// a compressed one, whose offsets do not count the bytes it holds.
func whole(file fileio.ReadableFile) bool {
	return filepath.Ext(file.Metadata.Path) == ".gz" // as fileio detects compression
}

// CreateInitialRestriction returns a file's bytes as offsets, or, for a file read
// whole, the one position 0 that stands for all of it.
func (f *readFn) CreateInitialRestriction(file fileio.ReadableFile) offsetrange.Restriction {
	if whole(file) {
		return offsetrange.Restriction{Start: 0, End: 1}
	}
	return offsetrange.Restriction{Start: 0, End: file.Metadata.Size}
}

// SplitRestriction splits a file into parts of SplitBytes, merging a last part of
// less than a quarter of that into the one before, and keeps at least one part, so an
// empty file is read and reported.
func (f *readFn) SplitRestriction(file fileio.ReadableFile, rest offsetrange.Restriction) []offsetrange.Restriction {
	size := f.SplitBytes
	if size <= 0 {
		size = defaultSplitBytes
	}
	if whole(file) || rest.End-rest.Start <= size {
		return []offsetrange.Restriction{rest}
	}
	parts := rest.SizedSplits(size)
	if n := len(parts); n > 1 && parts[n-1].End-parts[n-1].Start <= size/4 {
		parts[n-2].End = parts[n-1].End
		parts = parts[:n-1]
	}
	return parts
}

// RestrictionSize returns the bytes a part covers, or a whole file's size.
func (f *readFn) RestrictionSize(file fileio.ReadableFile, rest offsetrange.Restriction) float64 {
	if whole(file) {
		return float64(file.Metadata.Size)
	}
	return rest.Size()
}

// CreateTracker tracks the offsets a part has claimed.
func (f *readFn) CreateTracker(rest offsetrange.Restriction) *sdf.LockRTracker {
	return sdf.NewLockRTracker(offsetrange.NewTracker(rest))
}

// ProcessElement reads the lines of file that start within the part rt holds.
func (f *readFn) ProcessElement(ctx context.Context, rt *sdf.LockRTracker, file fileio.ReadableFile, emit func(revopsbeam.Row), bad func(problem), first func(string, origin)) error {
	path := file.Metadata.Path
	rest := rt.GetRestriction().(offsetrange.Restriction)
	rc, err := file.Open(ctx)
	if err != nil {
		return err
	}
	defer rc.Close()
	rd := bufio.NewReaderSize(rc, 1<<16)
	raw, err := rd.ReadString('\n') // line 1, the header, whichever part this is
	if err != nil && err != io.EOF {
		return err
	}
	if p, ok := checkHeader(path, raw, f.Cols); !ok {
		if rest.Start == 0 { // reported once, by the part that holds it
			bad(p)
		}
		rt.TryClaim(rest.End)
		return nil
	}
	rows, err := newRowReader(path, headerOf(raw), f.Cols, emit, bad, first)
	if err != nil {
		return err
	}
	if whole(file) {
		if !rt.TryClaim(int64(0)) {
			return nil
		}
		for line := 2; ; line++ {
			text, err := rd.ReadString('\n')
			if err != nil && err != io.EOF {
				return err
			}
			rows.read(ctx, line, text)
			if err == io.EOF {
				return nil
			}
		}
	}
	// offset is where the next line starts, and line its number.
	offset, line := int64(len(raw)), 2
	if rest.Start > offset {
		// Find the first line that starts at or after rest.Start: count the lines
		// that end before the byte just before it, then read to the end of the line
		// that byte is in.
		n, err := countLines(rd, rest.Start-1-offset)
		if err == io.EOF {
			rt.TryClaim(rest.End)
			return nil
		}
		if err != nil {
			return err
		}
		tail, err := rd.ReadString('\n')
		if err == io.EOF { // no line starts in this part
			rt.TryClaim(rest.End)
			return nil
		}
		if err != nil {
			return err
		}
		offset, line = rest.Start-1+int64(len(tail)), line+n+1
	}
	for rt.TryClaim(offset) {
		text, err := rd.ReadString('\n')
		if err != nil && err != io.EOF {
			return err
		}
		offset += int64(len(text))
		rows.read(ctx, line, text)
		line++
		if err == io.EOF {
			rt.TryClaim(rest.End)
			return nil
		}
	}
	return nil
}

// rowReader reads the rows of one part of a file, each line alone, with one
// [revops.SpanReader] that has read the file's header once.
//
// The reader's input is the header, then one line at a time, each followed by the end
// of the input: the reader reads every row as if its file held the header and that
// row, so that a row that is not valid CSV (an unclosed quote) cannot take the lines
// after it, and the row's errors are those of that row alone; only the header's
// columns are not looked up again for every row.
type rowReader struct {
	path  string
	sr    *revops.SpanReader
	feed  lineFeed
	emit  func(revopsbeam.Row)
	bad   func(problem)
	first func(string, origin) // the first row of each currency, keyed by the currency in upper case
	seen  map[string]bool      // the currencies, as rows spell them, whose first row is emitted
}

func newRowReader(path, header string, cols revops.SpanColumns, emit func(revopsbeam.Row), bad func(problem), first func(string, origin)) (*rowReader, error) {
	r := &rowReader{path: path, emit: emit, bad: bad, first: first, seen: map[string]bool{}}
	r.feed.next = header + "\n"
	sr, err := revops.NewSpanReader(&r.feed, cols)
	if err != nil {
		return nil, fmt.Errorf("%s: the header read again: %w", path, err) // checkHeader read it first
	}
	r.sr = sr
	return r, nil
}

// read reads text, the row on line line of the file, with its line end.
func (r *rowReader) read(ctx context.Context, line int, text string) {
	text = trimLine(text)
	if text == "" {
		return // an empty line, which encoding/csv skips too
	}
	r.feed.next = text
	span, err := r.sr.Read()
	r.feed.next = ""
	switch {
	case err == nil:
		if c := span.Currency; !r.seen[c] {
			r.seen[c] = true
			up := strings.ToUpper(c) // as the library keys its totals
			r.first(up, origin{Currency: up, File: r.path, Line: line})
		}
		r.emit(revopsbeam.Row{File: r.path, Line: line, Span: span})
	case err != io.EOF:
		malformedRows.Inc(ctx, 1)
		r.bad(problem{File: r.path, Line: line, Msg: rowMessage(r.path, line, err)})
	}
}

// lineFeed is a reader of the text it is given, then of nothing, io.EOF, until it is
// given more.
type lineFeed struct{ next string }

func (f *lineFeed) Read(p []byte) (int, error) {
	if f.next == "" {
		return 0, io.EOF
	}
	n := copy(p, f.next)
	f.next = f.next[n:]
	return n, nil
}

// rowMessage names a row's fault once: `spans.csv: line 12, column "end_date":
// malformed record (...)`. The reader saw the row alone, after the header, so of the
// position its error carries the column is kept and the line is the file's own.
func rowMessage(path string, line int, err error) string {
	var e *revops.Error
	if !errors.As(err, &e) {
		return fmt.Sprintf("%s: line %d: %v", path, line, err)
	}
	at := revops.Position{Line: line}
	if e.Record != nil {
		at.Column = e.Record.Column
	}
	return path + ": " + at.String() + ": " + reason(e)
}

// checkHeader checks the first line of path, raw with its line end, as a header of
// the columns cols names; when the reader refuses it, it returns the problem, which
// --skip_invalid does not skip, since none of the file's rows can be read.
func checkHeader(path, raw string, cols revops.SpanColumns) (problem, bool) {
	header := headerOf(raw)
	p := problem{File: path, Line: 1, Fatal: true}
	switch _, err := revops.NewSpanReader(strings.NewReader(header), cols); {
	case err == nil:
		return problem{}, true
	case raw == "":
		p.Line, p.Msg = 0, path+": "+reason(err) // the reader's "empty file: no header row"
	case header == "":
		p.Msg = path + ": line 1: malformed record (an empty line where the header should be)"
	default:
		p.Msg = path + ": line 1: " + reason(err)
	}
	return p, false
}

// headerOf returns a file's first line without its line end and without the UTF-8
// byte order mark that spreadsheet programs put before a file's first byte.
func headerOf(raw string) string {
	return trimLine(strings.TrimPrefix(raw, "\ufeff"))
}

// trimLine returns a line without its line end, LF or CRLF.
func trimLine(s string) string {
	return strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
}

// countLines reads n bytes of r and returns how many lines end among them.
func countLines(r io.Reader, n int64) (int, error) {
	var c newlines
	_, err := io.CopyN(&c, r, n)
	return int(c), err
}

// newlines counts the newlines written to it.
type newlines int

func (c *newlines) Write(b []byte) (int, error) {
	*c += newlines(bytes.Count(b, []byte{'\n'}))
	return len(b), nil
}
