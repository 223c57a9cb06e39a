package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/revopskit/revops"
	revopsbeam "github.com/revopskit/revops/beam"
	"pgregory.net/rapid"
)

// readAlone reads the row on line line of path as a file of the header and that row
// alone, with a reader of its own: what rowReader.read must give.
func readAlone(path string, line int, header, text string, cols revops.SpanColumns) (revopsbeam.Row, string) {
	text = trimLine(text)
	if text == "" {
		return revopsbeam.Row{}, ""
	}
	var span revops.Span
	r, err := revops.NewSpanReader(strings.NewReader(header+"\n"+text), cols)
	if err == nil {
		span, err = r.Read()
	}
	switch {
	case err == nil:
		return revopsbeam.Row{File: path, Line: line, Span: span}, ""
	case err != io.EOF:
		return revopsbeam.Row{}, rowMessage(path, line, err)
	}
	return revopsbeam.Row{}, ""
}

// A part's one reader, fed a line at a time, reads each line as a reader of the header
// and that line alone does: the same span or the same message, on lines drawn from
// cells that parse, cells that do not, quotes that close and quotes that do not,
// extra and missing fields, CR and CRLF line ends and empty lines.
func TestRowReaderReadsEachLineAlone(t *testing.T) {
	headers := []string{
		"customer_id,start_date,end_date,monthly_amount",
		"subscription_id,customer_id,start_date,end_date,monthly_amount,currency",
		`"customer_id", start_date ,END_DATE,monthly_amount,currency`,
	}
	cells := []string{"", "a", "c1", " c 2 ", "2025-01-01", "2025-02-30", "2025-13-01", "2024-12-31T23:00:00Z",
		"2026-01-01", "0001-01-01", "10", "10.50", "-5", "1e3", "ten", `"q"`, `"a,b"`, `"open`, `bare"quote`, `""`,
		"usd", "EUR", "\r", "x\r"}
	rapid.Check(t, func(t *rapid.T) {
		header := rapid.SampledFrom(headers).Draw(t, "header")
		fields := strings.Count(header, ",") + 1
		lines := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) string {
			n := rapid.IntRange(0, fields+1).Draw(t, "fields")
			row := make([]string, n)
			for i := range row {
				row[i] = rapid.SampledFrom(cells).Draw(t, "cell")
			}
			end := rapid.SampledFrom([]string{"\n", "\r\n", ""}).Draw(t, "end")
			return strings.Join(row, ",") + end
		}), 1, 12).Draw(t, "lines")
		var cols revops.SpanColumns
		var got revopsbeam.Row
		var msg string
		rows, err := newRowReader("spans.csv", header, cols,
			func(r revopsbeam.Row) { got = r }, func(p problem) { msg = p.Msg }, func(string, origin) {})
		if err != nil {
			t.Fatal(err)
		}
		for k, text := range lines {
			line := k + 2
			got, msg = revopsbeam.Row{}, ""
			rows.read(context.Background(), line, text)
			want, wantMsg := readAlone("spans.csv", line, header, text, cols)
			if msg != wantMsg || fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Fatalf("line %d %q:\ngot  %+v %q\nwant %+v %q", line, text, got, msg, want, wantMsg)
			}
		}
	})
}
