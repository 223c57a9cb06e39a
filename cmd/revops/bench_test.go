package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// benchReport runs the whole command on the demo company in one format.
func benchReport(b *testing.B, format string) {
	b.ReportAllocs()
	e := env{stdin: strings.NewReader(""), stdinTerminal: true, stdout: io.Discard, stderr: io.Discard, now: time.Now}
	for range b.N {
		if code := run([]string{"-format", format}, e); code != exitOK {
			b.Fatal("exit", code)
		}
	}
}

func BenchmarkReportTable(b *testing.B)    { benchReport(b, "table") }
func BenchmarkReportCSV(b *testing.B)      { benchReport(b, "csv") }
func BenchmarkReportJSON(b *testing.B)     { benchReport(b, "json") }
func BenchmarkReportMarkdown(b *testing.B) { benchReport(b, "markdown") }
func BenchmarkReportHTML(b *testing.B)     { benchReport(b, "html") }

// spansCSV returns a deterministic export of n rows, two a customer: a price that
// changes once, some customers leaving, others still paying.
func spansCSV(n int) string {
	var sb strings.Builder
	sb.WriteString("subscription_id,customer_id,start_date,end_date,monthly_amount,currency\n")
	for i := range n {
		c := i / 2
		start := fmt.Sprintf("20%02d-%02d-%02d", 20+c%5, 1+c%12, 1+c%28)
		if i%2 == 0 {
			fmt.Fprintf(&sb, "s%d,c%d,%s,20%02d-%02d-%02d,%d.%02d,USD\n", c, c, start, 25+c%5, 1+c%12, 1+c%28, 10+c%90, c%100)
		} else if c%7 == 0 {
			fmt.Fprintf(&sb, "s%d,c%d,20%02d-%02d-%02d,20%02d-%02d-%02d,%d,USD\n", c, c, 25+c%5, 1+c%12, 1+c%28, 26+c%5, 1+c%12, 1+c%28, 20+c%300)
		} else {
			fmt.Fprintf(&sb, "s%d,c%d,20%02d-%02d-%02d,,%d,USD\n", c, c, 25+c%5, 1+c%12, 1+c%28, 20+c%300)
		}
	}
	return sb.String()
}

// BenchmarkLoad reads and indexes an export of 100,000 and 1,000,000 rows: bytes and
// allocations per row stay flat, so memory is linear in the spans.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		in := spansCSV(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for range b.N {
				e := env{stdin: strings.NewReader(in), stderr: io.Discard, now: time.Now}
				got, err := load(config{file: "-"}, e, newConsole(e, "report"))
				if err != nil || got.rows != n {
					b.Fatal(err)
				}
			}
		})
	}
}
