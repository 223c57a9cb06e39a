package revops_test

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/revopskit/revops"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// serialRows reads in with a SpanReader, as the serial path does.
func serialRows(in string, cols revops.SpanColumns) ([]revops.SpanRow, error) {
	sr, err := revops.NewSpanReader(strings.NewReader(in), cols)
	if err != nil {
		return nil, err
	}
	var rows []revops.SpanRow
	for {
		s, err := sr.Read()
		if err == io.EOF {
			return rows, nil
		}
		rows = append(rows, revops.SpanRow{Span: s, Err: err, Line: sr.Line()})
	}
}

// drawCSV draws a file of spans as exports write them and as they break: plain rows,
// quoted cells (some over two lines, some with "" inside), bare and stray quotes,
// CRLF ends, empty lines, a BOM, rows with too few fields, bad dates and amounts.
func drawCSV(t *rapid.T) string {
	var b strings.Builder
	if rapid.Bool().Draw(t, "bom") {
		b.WriteString("\ufeff")
	}
	nl := "\n"
	if rapid.Bool().Draw(t, "crlf") {
		nl = "\r\n"
	}
	for range rapid.IntRange(0, 2).Draw(t, "leading empty lines") {
		b.WriteString(nl)
	}
	b.WriteString(`subscription_id,"customer_id",start_date,end_date,monthly_amount` + nl)
	cells := []string{`s1`, `"s 2"`, `"multi` + nl + `line"`, `"a ""quoted"" id"`, `bare"quote`, `"stray"x`, `""`, `"unterminated`}
	for i := range rapid.IntRange(0, 40).Draw(t, "rows") {
		switch rapid.IntRange(0, 9).Draw(t, fmt.Sprint("kind", i)) {
		case 0:
			b.WriteString(nl) // an empty line
		case 1:
			fmt.Fprintf(&b, "%s,c%d%s", rapid.SampledFrom(cells).Draw(t, "sub"), i, nl) // too few fields
		case 2:
			fmt.Fprintf(&b, "x,c%d,2025-13-01,,10%s", i, nl) // a bad date
		default:
			fmt.Fprintf(&b, "%s,c%d,2025-0%d-01,%s,%d.%d%s", rapid.SampledFrom(cells).Draw(t, "sub"), rapid.IntRange(0, 5).Draw(t, "customer"),
				rapid.IntRange(1, 6).Draw(t, "month"), rapid.SampledFrom([]string{"", "2025-09-01", "soon"}).Draw(t, "end"),
				rapid.IntRange(0, 99).Draw(t, "whole"), rapid.IntRange(0, 9).Draw(t, "cents"), nl)
		}
	}
	s := b.String()
	if rapid.Bool().Draw(t, "no final newline") {
		s = strings.TrimSuffix(s, nl)
	}
	return s
}

// ScanSpans gives the rows a SpanReader gives, with their spans, errors and lines,
// whatever the chunk size and the workers, on files well and badly formed.
func TestScanSpansEqualsSerial(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawCSV(t)
		want, wantErr := serialRows(in, revops.SpanColumns{})
		opt := revops.ScanOptions{Workers: rapid.IntRange(1, 4).Draw(t, "workers"), ChunkSize: rapid.IntRange(1, 300).Draw(t, "chunk")}
		var got []revops.SpanRow
		err := revops.ScanSpans(strings.NewReader(in), revops.SpanColumns{}, opt, func(r *revops.SpanRow) error {
			got = append(got, *r)
			return nil
		})
		if wantErr != nil {
			require.Error(t, err)
			require.Equal(t, wantErr.Error(), err.Error())
			return
		}
		require.NoError(t, err)
		require.Len(t, got, len(want), "rows of %q", in)
		for i := range want {
			w, g := want[i], got[i]
			require.Equal(t, w.Line, g.Line, "row %d of %q", i, in)
			require.Equal(t, fmt.Sprint(w.Span), fmt.Sprint(g.Span), "row %d", i)
			if w.Err == nil {
				require.NoError(t, g.Err, "row %d", i)
				continue
			}
			require.Error(t, g.Err, "row %d", i)
			require.Equal(t, w.Err.Error(), g.Err.Error(), "row %d of %q", i, in)
			var we, ge *revops.Error
			if errors.As(w.Err, &we) {
				require.True(t, errors.As(g.Err, &ge))
				require.Equal(t, we.Record, ge.Record, "row %d", i)
			}
		}
	})
}

// A row carries the cells ScanOptions.Values names, and rows with the same cells the
// same Hash; fn's error stops the scan; a Values column the header lacks is an error
// before any row.
func TestScanSpansValuesAndHash(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount,plan\n" +
		"a,2025-01-01,,10, pro \n" +
		"b,2025-01-01,,10,basic\n" +
		"a,2025-01-01,,10, pro \n"
	var rows []revops.SpanRow
	err := revops.ScanSpans(strings.NewReader(in), revops.SpanColumns{}, revops.ScanOptions{Values: []string{"PLAN "}, ChunkSize: 30}, func(r *revops.SpanRow) error {
		rows = append(rows, *r)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, rows, 3)
	require.Equal(t, []string{"pro"}, rows[0].Values)
	require.Equal(t, []string{"basic"}, rows[1].Values)
	require.Equal(t, rows[0].Hash, rows[2].Hash)
	require.NotEqual(t, rows[0].Hash, rows[1].Hash)
	require.Equal(t, []int{2, 3, 4}, []int{rows[0].Line, rows[1].Line, rows[2].Line})
	require.Equal(t, int64(len(in)), rows[2].Offset)

	stop := errors.New("enough")
	n := 0
	err = revops.ScanSpans(strings.NewReader(in), revops.SpanColumns{}, revops.ScanOptions{ChunkSize: 1}, func(*revops.SpanRow) error {
		n++
		return stop
	})
	require.ErrorIs(t, err, stop)
	require.Equal(t, 1, n)

	n = 0
	err = revops.ScanSpans(strings.NewReader(in), revops.SpanColumns{}, revops.ScanOptions{Values: []string{"plan", "region"}}, func(*revops.SpanRow) error {
		n++
		return nil
	})
	require.ErrorIs(t, err, revops.ErrMalformed)
	var e *revops.Error
	require.True(t, errors.As(err, &e))
	require.Equal(t, "Values", e.Field)
	require.Contains(t, e.Detail, `"region"`)
	require.Equal(t, 0, n)
}

// FuzzScanSpans: on arbitrary bytes, ScanSpans never panics and gives the rows a
// SpanReader gives, with small chunks cutting the input everywhere.
func FuzzScanSpans(f *testing.F) {
	f.Add("customer_id,start_date,end_date,monthly_amount\na,2025-01-01,,10\n", 7)
	f.Add("\ufeff\"customer_id\",start_date,end_date,monthly_amount\r\n\"a\nb\",2025-01-01,,\"1\"\"0\"\r\nx\"y,2025-01-01,,1\n", 3)
	f.Add("customer_id,start_date,end_date,monthly_amount\n\"open,2025-01-01,,10\n", 1)
	f.Fuzz(func(t *testing.T, in string, chunk int) {
		want, wantErr := serialRows(in, revops.SpanColumns{})
		var got []revops.SpanRow
		err := revops.ScanSpans(strings.NewReader(in), revops.SpanColumns{}, revops.ScanOptions{Workers: 2, ChunkSize: 1 + chunk&0xff}, func(r *revops.SpanRow) error {
			got = append(got, *r)
			return nil
		})
		if wantErr != nil {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.Len(t, got, len(want))
		for i := range want {
			require.Equal(t, want[i].Line, got[i].Line)
			require.Equal(t, fmt.Sprint(want[i].Span), fmt.Sprint(got[i].Span))
			require.Equal(t, fmt.Sprint(want[i].Err), fmt.Sprint(got[i].Err))
		}
	})
}

// A record longer than a chunk is read into buffers that double, so that reading it
// allocates a few times its length, not its square: with 50,000 short rows after an
// 8 MiB record, read in chunks of 64 KiB, the scan allocated 614 MB when each buffer
// grew by one chunk, and about 103 MB now (encoding/csv's own buffers and the rows
// included), under the bound of 24 times the record.
func TestScanSpansLongRecord(t *testing.T) {
	const long = 8 << 20
	in := "customer_id,start_date,end_date,monthly_amount,notes\n" +
		"a,2025-01-01,,10,\"" + strings.Repeat("x", long) + "\"\n" +
		strings.Repeat("b,2025-01-01,,10,ok\n", 50_000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rows := 0
	err := revops.ScanSpans(strings.NewReader(in), revops.SpanColumns{}, revops.ScanOptions{ChunkSize: 64 << 10}, func(r *revops.SpanRow) error {
		require.NoError(t, r.Err)
		rows++
		return nil
	})
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	require.Equal(t, 50_001, rows)
	require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(24*long), "bytes allocated to read one %d-byte record", long)
}
