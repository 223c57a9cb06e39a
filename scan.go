package revops

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"runtime"
	"slices"
	"strings"
)

// SpanRow is one data row of a CSV export of spans, as [ScanSpans] reads it: the span
// the row makes, or the error that refuses it, and where the row is.
type SpanRow struct {
	Span Span  // the row's span; the zero Span when Err is set
	Err  error // the row's error, as [SpanReader.Read] gives it: an [*Error] whose Record holds Line and Column
	// Line is the line of the file on which the row starts, the header being line 1.
	Line int
	// Offset is how many bytes of the file were read through the end of the row's
	// chunk, for a progress bar; it grows with the rows but not row by row.
	Offset int64
	// Values holds the cells of the columns ScanOptions.Values names, in that order,
	// trimmed of surrounding spaces; "" for a row too short to have the cell.
	Values []string
	// Hash is a 64-bit FNV-1a hash of the row's cells (each followed by a unit
	// separator), so that rows whose every cell is the same have the same Hash: a
	// caller finds duplicated rows by it (a collision between two different rows is
	// about one in 2⁶⁴).
	Hash uint64
}

// ScanOptions are what [ScanSpans] reads beside the spans, and on how many cores.
type ScanOptions struct {
	// Workers is how many goroutines parse the rows; 0 takes runtime.GOMAXPROCS(0).
	Workers int
	// Values names columns whose cells each row carries in SpanRow.Values, such as a
	// plan or a region to segment a report by, matched against the header as the span
	// columns are (without regard to letter case or surrounding spaces). Each must be
	// in the header.
	Values []string
	// ChunkSize is the bytes of the file one worker parses at a time; 0 takes 1 MiB.
	// Tests set it small to cut files everywhere; the result does not depend on it.
	ChunkSize int
	// Header, when set, is called once with the header's cells, from the calling
	// goroutine before any row, so that a caller can see the columns the export has
	// beside those it reads (an interval column it was not told to read); its error
	// stops the scan and is returned.
	Header func(names []string) error
}

// maxHeaderBytes bounds the header record ScanSpans reads before its rows: a header
// of hundreds of columns is a few KiB.
const maxHeaderBytes = 1 << 20

// ScanSpans reads every data row of a CSV export of spans from r, as [NewSpanReader]
// and [SpanReader.Read] read them, and calls fn with each row, in file order, from the
// calling goroutine: fn needs no locking. The rows are parsed on several goroutines,
// in chunks of the file cut at record boundaries exactly as encoding/csv reads them
// (a quoted cell may span lines), so the rows, their spans, errors and lines are the
// same as a SpanReader's, whatever the chunks. Memory holds a few chunks at a time,
// not the file. Use it for a file of many rows, where the parsing is most of the
// time and every core can share it; a SpanReader reads on one core, row by row, for
// a caller that pulls the rows itself.
//
// A row's own error (a bad date, a negative amount) comes in its SpanRow, and the scan
// goes on; fn's error stops the scan and is returned. The SpanRow fn gets is reused
// for a later row once fn returns: copy it (*row), or the fields it needs, to keep
// it. A copy is enough: its Span, Err and Values are the row's own and are not
// reused.
//
// Errors: those of [NewSpanReader] for the header, and [ErrMalformed] with Field
// "header" when no header record ends in the first 1 MiB; [ErrMalformed] with Field "Values"
// when the header lacks a column opt.Values names (Detail names it), before any row is
// read; an error reading r, as it is; fn's error.
func ScanSpans(r io.Reader, cols SpanColumns, opt ScanOptions, fn func(*SpanRow) error) error {
	br := bufio.NewReaderSize(skipBOM(r), 64<<10)
	// The header: read its record's bytes, then parse them as NewSpanReader does.
	head, err := readRecordBytes(br)
	if err != nil && err != io.EOF {
		return err
	}
	proto, err := NewSpanReader(bytes.NewReader(head), cols)
	if err != nil {
		return err
	}
	headerLines := bytes.Count(head, []byte{'\n'})
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	size := opt.ChunkSize
	if size <= 0 {
		size = 1 << 20
	}
	values := make([]int, len(opt.Values)) // column of each value, −1 when absent
	for k, name := range opt.Values {
		values[k] = -1
		for i, h := range proto.names {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name)) {
				values[k] = i
				break
			}
		}
		if values[k] < 0 {
			return newError("ScanSpans", "Values", ErrMalformed, "no column %s in header %s", quoteCell(name), quoteCell(strings.Join(proto.names, ",")))
		}
	}
	if opt.Header != nil {
		if err := opt.Header(slices.Clone(proto.names)); err != nil {
			return err
		}
	}

	type chunk struct {
		data   []byte
		line   int   // the line its first byte is on
		offset int64 // bytes of the file read through its end
		rows   []SpanRow
		err    error // an error reading it
		done   chan struct{}
	}
	chunks := make(chan *chunk, workers)    // to the workers
	ordered := make(chan *chunk, 2*workers) // to the caller, in order
	stop := make(chan struct{})
	// Buffers parsed or read through go back for the next chunks, so that a file
	// is read in a few chunks' worth of memory, not in garbage the size of the file.
	freeData := make(chan []byte, 3*workers+1)
	freeRows := make(chan []SpanRow, 3*workers+1)
	// The splitter: reads blocks, cuts them at record boundaries, hands them out.
	go func() {
		defer close(ordered)
		defer close(chunks)
		line, offset := headerLines+1, int64(len(head))
		if n := len(head); n > 0 && head[n-1] != '\n' {
			line-- // a header without a newline ends the file
		}
		var carry []byte
		for {
			var buf []byte
			select {
			case b := <-freeData:
				if cap(b) >= len(carry)+size {
					buf = b[:len(carry)]
				}
			default:
			}
			if buf == nil {
				// A record longer than a block is carried into a buffer twice its
				// size, so that reading it costs a few times its length, not its
				// square.
				buf = make([]byte, len(carry), max(len(carry)+size, 2*len(carry)))
			}
			copy(buf, carry)
			n, rerr := io.ReadFull(br, buf[len(carry):cap(buf)])
			buf = buf[:len(carry)+n]
			eof := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
			if rerr != nil && !eof {
				c := &chunk{err: rerr, done: make(chan struct{})}
				close(c.done)
				select {
				case ordered <- c:
				case <-stop:
				}
				return
			}
			cut := len(buf)
			if !eof {
				cut = lastRecordEnd(buf)
				if cut == 0 { // one record longer than the block: read on
					carry = buf
					continue
				}
			}
			c := &chunk{data: buf[:cut], line: line, offset: offset + int64(cut), done: make(chan struct{})}
			line += bytes.Count(c.data, []byte{'\n'})
			offset += int64(cut)
			carry = append([]byte(nil), buf[cut:]...) // buf goes back once parsed
			select {
			case ordered <- c:
			case <-stop:
				return
			}
			select {
			case chunks <- c:
			case <-stop:
				return
			}
			if eof {
				return
			}
		}
	}()
	for range workers {
		go func() {
			for c := range chunks {
				var rows []SpanRow
				select {
				case rows = <-freeRows:
				default:
				}
				c.rows = parseChunk(proto, c.data, c.line, values, rows)
				if cap(c.data) <= 2*size { // a long record's buffer is not kept for the chunks after it
					select {
					case freeData <- c.data[:0]:
					default:
					}
				}
				close(c.done)
			}
		}()
	}
	defer close(stop)
	rowsBefore := 0
	for c := range ordered {
		<-c.done
		if c.err != nil {
			return c.err
		}
		for i := range c.rows {
			row := &c.rows[i]
			row.Offset = c.offset
			if row.Err != nil {
				if e := (*Error)(nil); errors.As(row.Err, &e) && e.Record != nil {
					e.Record.Index += rowsBefore
				}
			}
			if err := fn(row); err != nil {
				return err
			}
		}
		rowsBefore += len(c.rows)
		clear(c.rows) // no row's strings kept alive by the buffer
		select {
		case freeRows <- c.rows[:0]:
		default:
		}
	}
	return nil
}

// parseChunk reads the rows of one chunk of a file, whose first byte is on line line,
// with a reader like proto, into rows, whose length is 0 and whose room is reused
// when it is enough.
func parseChunk(proto *SpanReader, data []byte, line int, values []int, rows []SpanRow) []SpanRow {
	c := csv.NewReader(bytes.NewReader(data))
	c.ReuseRecord = true
	c.FieldsPerRecord = -1
	sr := &SpanReader{csv: c, cols: proto.cols, names: proto.names, idx: proto.idx, row: -1, lineBase: line - 1}
	if n := bytes.Count(data, []byte{'\n'}) + 2; cap(rows) < n { // a record a line, one after the last, and the read that ends
		rows = make([]SpanRow, 0, n)
	}
	for {
		// Read into the slice's next row, which no record outnumbers the lines of,
		// rather than into a row that is then copied.
		rows = rows[:len(rows)+1]
		row := &rows[len(rows)-1]
		var err error
		if row.Span, err = sr.Read(); err == io.EOF {
			return rows[:len(rows)-1]
		}
		row.Err, row.Line, row.Offset, row.Values, row.Hash = err, sr.line, 0, nil, 0
		if len(values) > 0 {
			row.Values = make([]string, len(values))
			for k, col := range values {
				if col >= 0 && col < len(sr.rec) {
					row.Values[k] = strings.Clone(strings.TrimSpace(sr.rec[col]))
				}
			}
		}
		if sr.rec != nil {
			row.Hash = hashCells(sr.rec)
		}
	}
}

// hashCells returns the 64-bit FNV-1a hash of cells, each followed by a unit separator.
func hashCells(cells []string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, cell := range cells {
		for i := 0; i < len(cell); i++ {
			h = (h ^ uint64(cell[i])) * prime
		}
		h = (h ^ 0x1f) * prime
	}
	return h
}

// readRecordBytes returns the bytes of the file before the end of its first record,
// the header: the empty lines encoding/csv skips before it, and the record through
// the newline that ends it (a quoted cell may span lines).
func readRecordBytes(br *bufio.Reader) ([]byte, error) {
	var out []byte
	from := 0 // where the record starts, after empty lines
	for {
		line, err := br.ReadSlice('\n')
		out = append(out, line...)
		if len(out) > maxHeaderBytes {
			// A file of NUL bytes, or no CSV at all: refused before it is held whole.
			return nil, newError("ScanSpans", "header", ErrMalformed, "no header record in the first %d bytes", maxHeaderBytes)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return out, err
		}
		if rest := out[from:]; len(rest) == 1 || (len(rest) == 2 && rest[0] == '\r') {
			from = len(out) // an empty line, which encoding/csv skips
			continue
		}
		if end := recordEnd(out, from); end == len(out) {
			return out, nil
		}
	}
}

// lastRecordEnd returns the offset just past the last record of data that ends in
// it, a newline at which encoding/csv's Reader, reading data from its start, ends a
// record; 0 when none does. It follows the Reader's rules without LazyQuotes: a field
// that starts with a quote runs, across lines, to a quote followed by a comma or the
// end of the line ("" is a quote within it); any other quote is an error that ends
// the record at the end of the line read so far.
func lastRecordEnd(data []byte) int {
	last, pos := 0, 0
	for pos < len(data) {
		end := recordEnd(data, pos)
		if end < 0 {
			break
		}
		last, pos = end, end
	}
	return last
}

// recordEnd returns the offset just past the newline that ends the record starting
// at start, or −1 when data ends first.
func recordEnd(data []byte, start int) int {
	nl := bytes.IndexByte(data[start:], '\n')
	if nl < 0 {
		return -1
	}
	if bytes.IndexByte(data[start:start+nl], '"') < 0 {
		return start + nl + 1 // the common case: a line without quotes is a record
	}
	return quotedRecordEnd(data, start)
}

// quotedRecordEnd is recordEnd for a record with a quote in its first line.
func quotedRecordEnd(data []byte, start int) int {
	i := start
	for { // one field
		if i >= len(data) {
			return -1
		}
		if data[i] != '"' { // unquoted: to the next comma or the end of the line
			for i < len(data) && data[i] != ',' && data[i] != '\n' {
				if data[i] == '"' { // a bare quote: the record ends with the line
					nl := bytes.IndexByte(data[i:], '\n')
					if nl < 0 {
						return -1
					}
					return i + nl + 1
				}
				i++
			}
			if i >= len(data) {
				return -1
			}
			if data[i] == '\n' {
				return i + 1
			}
			i++ // the comma
			continue
		}
		i++ // the opening quote
		for {
			q := bytes.IndexByte(data[i:], '"')
			if q < 0 {
				return -1 // the field runs past the data
			}
			i += q + 1
			switch {
			case i < len(data) && data[i] == '"':
				i++ // "" within the field
				continue
			case i < len(data) && data[i] == ',':
				i++
			case i < len(data) && data[i] == '\n':
				return i + 1
			case i+1 < len(data) && data[i] == '\r' && data[i+1] == '\n':
				return i + 2
			case i >= len(data) || (i+1 >= len(data) && data[i] == '\r'):
				return -1
			default: // "x: an error that ends the record at the end of its line
				nl := bytes.IndexByte(data[i:], '\n')
				if nl < 0 {
					return -1
				}
				return i + nl + 1
			}
			break
		}
	}
}
