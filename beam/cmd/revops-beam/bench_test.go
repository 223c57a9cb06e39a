package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/revopskit/revops"
)

// The benchmarks read the file REVOPS_BENCH_SPANS names, such as the output of
// gen_subscriptions.py 250000 36 1 (491,259 rows), or, when it is unset, a file
// writeCompany writes of 250,000 customers. Their periods are the command's: from the
// month of the earliest start to that of the latest start or end.
//
//	REVOPS_BENCH_SPANS=/work/bench/subs250k.csv go test -run '^$' -bench . -benchmem -benchtime 5x ./cmd/revops-beam

// writeCompany writes a deterministic export of customers over 36 months from January
// 2023: price changes, gaps and spans still running, about two spans a customer.
func writeCompany(b *testing.B, path string, customers int) int {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "subscription_id,customer_id,start_date,end_date,monthly_amount,currency")
	state, rows := uint64(1), 0
	next := func(n int) int {
		state = state*6364136223846793005 + 1442695040888963407
		return int((state >> 33) % uint64(n))
	}
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for c := range customers {
		start := base.AddDate(0, next(30), next(28))
		for k := range 1 + next(3) {
			end := start.AddDate(0, 1+next(12), 0)
			to := end.Format(time.DateOnly)
			if next(4) == 0 || !end.Before(base.AddDate(3, 0, 0)) {
				to = ""
			}
			fmt.Fprintf(w, "s%d_%d,c%d,%s,%s,%d.%02d,USD\n", c, k, c, start.Format(time.DateOnly), to, 10+next(490), next(100))
			rows++
			if to == "" {
				break
			}
			start = end.AddDate(0, next(2), 0)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return rows
}

// benchInput returns the benchmarks' file, its rows and its periods, from and to.
func benchInput(b *testing.B) (path string, rows int, from, to string) {
	path = os.Getenv("REVOPS_BENCH_SPANS")
	if path == "" {
		path = filepath.Join(b.TempDir(), "spans.csv")
		writeCompany(b, path, 250_000)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	spans, err := revops.ReadSpans(f, revops.SpanColumns{})
	if err != nil {
		b.Fatal(err)
	}
	if len(spans) == 0 {
		b.Fatalf("%s: no spans", path)
	}
	first, last := spans[0].Start, spans[0].Start
	for _, s := range spans {
		first, last = minTime(first, s.Start), maxTime(last, s.Start)
		if !s.End.IsZero() {
			last = maxTime(last, s.End)
		}
	}
	return path, len(spans), first.Format("2006-01"), last.Format("2006-01")
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// BenchmarkJob runs the whole job, read to report, on the local runner in this
// process; BenchmarkHistory does the same work in memory, as revops report does.
func BenchmarkJob(b *testing.B) {
	in, rows, from, to := benchInput(b)
	cfg := config{input: in, output: filepath.Join(b.TempDir(), "report.csv"), format: "csv", period: "month", from: from, to: to, shards: 64, token: "bench"}
	b.ResetTimer()
	for range b.N {
		p, err := pipeline(context.Background(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := ptest.Run(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows), "spans")
}

func BenchmarkHistory(b *testing.B) {
	in, rows, from, to := benchInput(b)
	periods, err := periodsOf("month", from, to)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		f, err := os.Open(in)
		if err != nil {
			b.Fatal(err)
		}
		spans, err := revops.ReadSpans(f, revops.SpanColumns{})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		h, err := revops.NewHistory(spans)
		if err != nil {
			b.Fatal(err)
		}
		t, err := h.TotalsWithCohorts(periods)
		if err != nil {
			b.Fatal(err)
		}
		_ = t.Series()
		if _, err := t.CohortTable(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows), "spans")
}
