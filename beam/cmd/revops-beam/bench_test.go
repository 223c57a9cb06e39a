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
	return rows
}

// BenchmarkJob runs the whole job, read to report, on the local runner over 250,000
// customers and 36 months; BenchmarkHistory does the same work in memory.
func BenchmarkJob(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "spans.csv")
	rows := writeCompany(b, in, 250_000)
	cfg := config{input: in, output: filepath.Join(dir, "report.csv"), format: "csv", period: "month", from: "2023-01", to: "2025-12", shards: 16, token: "bench"}
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
	dir := b.TempDir()
	in := filepath.Join(dir, "spans.csv")
	rows := writeCompany(b, in, 250_000)
	periods, err := periodsOf("month", "2023-01", "2025-12")
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
