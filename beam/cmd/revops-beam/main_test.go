package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/revopskit/revops"
)

func TestMain(m *testing.M) { ptest.Main(m) }

var playbook = filepath.Join("..", "..", "..", "testdata", "mrr-playbook-subscription_periods.csv")

// runJob builds and runs the job of cfg on the local runner and returns its output.
func runJob(t *testing.T, cfg config) string {
	t.Helper()
	p, err := pipeline(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(cfg.output)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// The job on the playbook's CSV writes the playbook's bridge: every month equal to
// the library's series, and May 2018 as read off the CSV by hand (customer 10 leaves,
// 80; customers 6 and 9 start, 35 + 85).
func TestJobPlaybook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	out := runJob(t, config{input: playbook, output: filepath.Join(t.TempDir(), "report.csv"), format: "csv",
		period: "month", from: "2017-09", to: "2020-02", shards: 4})
	rows, err := csv.NewReader(strings.NewReader(strings.SplitN(out, "\n\n", 2)[0])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(playbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	spans, err := revops.ReadSpans(f, revops.SpanColumns{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		t.Fatal(err)
	}
	periods, err := periodsOf("month", "2017-09", "2020-02")
	if err != nil {
		t.Fatal(err)
	}
	series, err := h.Series(periods)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(series)+1 {
		t.Fatalf("%d rows for %d months", len(rows)-1, len(series))
	}
	for k, m := range series {
		r := rows[k+1]
		want := []string{m.Period.Start().Format("2006-01-02"), m.Start.String(), m.New.String(), m.Expansion.String(), m.Contraction.String(), m.Churn.String(), m.Reactivation.String(), m.End.String()}
		if strings.Join(r[:8], ",") != strings.Join(want, ",") {
			t.Fatalf("month %d: job %v, library %v", k, r[:8], want)
		}
		if r[0] == "2018-05-01" && strings.Join(r[1:8], ",") != "150,120,0,0,80,0,190" {
			t.Fatalf("May 2018 by hand: start 150 (7 at 70, 10 at 80), new 120, churn 80, end 190; the job %v", r[1:8])
		}
	}
}

func TestJobJSONAndQuarters(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	out := runJob(t, config{input: playbook, output: filepath.Join(t.TempDir(), "report.json"), format: "json",
		period: "quarter", from: "2018-01", to: "2018-12", shards: 2})
	for _, want := range []string{`"spans": 121`, `"start": "2018-10-01T00:00:00Z"`, `"cohorts"`} {
		if !strings.Contains(out, want) {
			t.Fatalf("the json report lacks %s", want)
		}
	}
}

// A malformed row fails the job with the reader's reason; --skip_invalid drops it.
func TestJobBadRows(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "spans.csv")
	if err := os.WriteFile(in, []byte("customer_id,start_date,end_date,monthly_amount\na,2025-01-01,,10\nb,2025-13-01,,10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config{input: in, output: filepath.Join(dir, "out.csv"), format: "csv", period: "month", from: "2025-01", to: "2025-02"}
	p, err := pipeline(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := ptest.Run(p); err == nil || !strings.Contains(err.Error(), `"2025-13-01"`) {
		t.Fatalf("want the malformed row's reason, got %v", err)
	}
	cfg.skipInvalid = true
	out := runJob(t, cfg)
	if !strings.Contains(out, "2025-01-01,0,10,0,0,0,0,10,") {
		t.Fatalf("the valid row's month: %s", out)
	}
}

func TestJobUsage(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		cfg  config
		want string
	}{
		{config{}, "required"},
		{config{input: playbook, output: "x", from: "2018-01", to: "2018-02", format: "xml", period: "month"}, `--format "xml"`},
		{config{input: playbook, output: "x", from: "2018-13", to: "2018-02", format: "csv", period: "month"}, `--from "2018-13"`},
		{config{input: playbook, output: "x", from: "2018-05", to: "2018-02", format: "csv", period: "month"}, "after"},
		{config{input: playbook, output: "x", from: "2018-01", to: "2018-02", format: "csv", period: "week"}, `--period "week"`},
		// 121 years of 12 months: 1,452 periods, and a cohort table of over a million cells.
		{config{input: playbook, output: "x", from: "1900-01", to: "2020-12", format: "csv", period: "month"},
			"--from 1900-01 --to 2020-12: 1452 months, more than the 1200 periods of a cohort table"},
		{config{input: filepath.Join(t.TempDir(), "none.csv"), output: "x", from: "2018-01", to: "2018-02", format: "csv", period: "month"}, "no such file"},
		{config{input: playbook, output: "x", from: "2018-01", to: "2018-02", format: "csv", period: "month", cols: revops.SpanColumns{Amount: "price"}}, `no column "price"`},
	} {
		if _, err := pipeline(ctx, c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("%+v: want an error with %q, got %v", c.cfg, c.want, err)
		}
	}
	months, err := periodsOf("quarter", "2025-02", "2025-11")
	if err != nil || len(months) != 4 || !months[0].Start().Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("quarters of 2025: %v %v", months, err)
	}
}

// The range is bounded by the cohort table's periods, revops.MaxCohortPeriods (1,200),
// counted in the periods asked for: a century of months, 300 years of quarters, 1,200
// years, and one more of each is refused.
func TestPeriodsBound(t *testing.T) {
	for _, c := range []struct {
		kind, from, to string
		n              int // periods; 0 for refused
	}{
		{"month", "1921-01", "2020-12", 1200},
		{"month", "1920-12", "2020-12", 0},
		{"quarter", "1721-01", "2020-12", 1200},
		{"quarter", "1720-12", "2020-12", 0},
		{"quarter", "2025-02", "2025-11", 4},
		{"year", "0821-06", "2020-01", 1200},
		{"year", "0820-12", "2020-01", 0},
	} {
		periods, err := periodsOf(c.kind, c.from, c.to)
		if c.n == 0 {
			if err == nil {
				t.Fatalf("%s %s..%s: want an error, got %d periods", c.kind, c.from, c.to, len(periods))
			}
			continue
		}
		if err != nil || len(periods) != c.n {
			t.Fatalf("%s %s..%s: %d periods, want %d: %v", c.kind, c.from, c.to, len(periods), c.n, err)
		}
	}
}
