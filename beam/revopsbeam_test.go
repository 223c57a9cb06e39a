package revopsbeam

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/mtime"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/window"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/typex"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestMain(m *testing.M) { ptest.Main(m) }

func init() {
	register.Function1x2(totalsJSON)
	register.Function1x2(metricsJSON)
	register.Function1x2(cohortJSON)
}

// totalsJSON, metricsJSON and cohortJSON turn the pipeline's results into their
// JSON encoding, which the tests compare byte for byte with the in-memory history's.
func totalsJSON(t revops.Totals) (string, error)         { return encode(t) }
func metricsJSON(m revops.PeriodMetrics) (string, error) { return encode(m) }
func cohortJSON(r revops.CohortRow) (string, error)      { return encode(r) }

func encode(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// synthetic returns a deterministic company of customers over 2024 and 2025: a price
// change, a gap (churn and reactivation), amounts with cents, spans still running.
func synthetic(seed uint64, customers int) []revops.Span {
	state := seed
	next := func(n int) int {
		state = state*6364136223846793005 + 1442695040888963407
		return int((state >> 33) % uint64(n))
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var spans []revops.Span
	for c := range customers {
		id := fmt.Sprintf("cus_%d", c)
		start := base.AddDate(0, next(20), next(28))
		mrr := decimal.New(int64(1000+next(50000)), -2)
		for k := range 1 + next(4) {
			s := revops.Span{Customer: id, Subscription: fmt.Sprint("sub_", c, "_", k), Start: start, MRR: revops.Monthly(mrr), Currency: "EUR"}
			if next(3) > 0 {
				s.End = start.AddDate(0, 1+next(8), 0)
				start = s.End.AddDate(0, next(2)*next(4), 0) // sometimes a gap
				mrr = decimal.New(int64(1000+next(50000)), -2)
			} else {
				spans = append(spans, s)
				break
			}
			spans = append(spans, s)
		}
	}
	return spans
}

func months(from, to time.Time) []revops.Period {
	whole, err := revops.NewPeriod(from, to)
	if err != nil {
		panic(err)
	}
	var out []revops.Period
	for m := range whole.Months() {
		out = append(out, m)
	}
	return out
}

// expected returns the in-memory history's totals, series and cohort rows as JSON.
func expected(t *testing.T, spans []revops.Span, cfg Config) (string, []any, []any) {
	t.Helper()
	h, err := revops.NewHistory(spans)
	if err != nil {
		t.Fatal(err)
	}
	tot, err := h.TotalsWithCohorts(cfg.Periods, cfg.Policy)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := encode(tot)
	if err != nil {
		t.Fatal(err)
	}
	var series, cohorts []any
	for _, m := range tot.Series() {
		j, _ := encode(m)
		series = append(series, j)
	}
	table, err := tot.CohortTable()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range table.Rows {
		j, _ := encode(r)
		cohorts = append(cohorts, j)
	}
	return whole, series, cohorts
}

// On the same synthetic spans, the pipeline on the local runner gives exactly the
// in-memory history's totals, series and cohort table, for several seeds, shard
// counts and policies.
func TestPipelineEqualsHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	periods := months(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		seed      uint64
		customers int
		shards    int
		policy    revops.Policy
	}{
		{1, 300, 1, revops.Policy{}},
		{2, 300, 3, revops.ChartMogulPolicy()},
		{3, 300, 17, revops.Policy{Movements: revops.MovementsEveryChange, Reactivation: revops.ReactivationWindow(60)}},
		{4, 1500, 1, revops.Policy{}}, // batches of batchRows(1) rows, and one of the rest
	} {
		t.Run(fmt.Sprintf("seed %d, %d customers, %d shards", c.seed, c.customers, c.shards), func(t *testing.T) {
			spans := synthetic(c.seed, c.customers)
			if c.customers > batchRows(1) && len(spans) < 2*batchRows(1) {
				t.Fatalf("%d spans fill fewer than two batches", len(spans))
			}
			cfg := Config{Periods: periods, Policy: c.policy, Shards: c.shards}
			whole, series, cohorts := expected(t, spans, cfg)
			p, s := beam.NewPipelineWithRoot()
			totals := Totals(s, beam.CreateList(s, spans), cfg)
			passert.Equals(s, beam.ParDo(s, totalsJSON, totals), whole)
			passert.Equals(s, beam.ParDo(s, metricsJSON, Series(s, totals)), series...)
			passert.Equals(s, beam.ParDo(s, cohortJSON, Cohorts(s, totals)), cohorts...)
			if err := ptest.Run(p); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// Spans billed every year, three years or week (MRR a fraction no decimal holds:
// 1,000 a year is 250/3 a month) in the business's zone, Europe/Paris, over its
// months: the pipeline gives exactly the in-memory history's totals, series and
// cohort table, every Recurring carried with its denominator, every period in its
// zone.
func TestPipelineEqualsHistoryExact(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	var periods []revops.Period
	for p := revops.MonthIn(2024, 1, paris); p.Start().Year() < 2026; p = p.Next() {
		periods = append(periods, p)
	}
	intervals := []revops.Interval{{Count: 1, Unit: revops.Years}, {Count: 3, Unit: revops.Years}, {Count: 1, Unit: revops.Weeks}, {Count: 1, Unit: revops.Months}}
	spans := synthetic(4, 300)
	for i := range spans {
		s := &spans[i]
		s.Start = time.Date(s.Start.Year(), s.Start.Month(), s.Start.Day(), 0, 0, 0, 0, paris)
		if !s.End.IsZero() {
			s.End = time.Date(s.End.Year(), s.End.Month(), s.End.Day(), 0, 0, 0, 0, paris)
		}
		if s.MRR, err = revops.ChargeMRR(revops.Charge{Amount: s.MRR.Monthly(), Quantity: 1, Interval: intervals[i%len(intervals)]}); err != nil {
			t.Fatal(err)
		}
	}
	cfg := Config{Periods: periods, Shards: 7}
	whole, series, cohorts := expected(t, spans, cfg)
	if !strings.Contains(whole, `"monthly_fraction"`) || !strings.Contains(whole, "+01:00") {
		t.Fatal("the totals hold no fraction of a three-year plan, or no period in Paris")
	}
	p, s := beam.NewPipelineWithRoot()
	totals := Totals(s, beam.CreateList(s, spans), cfg)
	passert.Equals(s, beam.ParDo(s, totalsJSON, totals), whole)
	passert.Equals(s, beam.ParDo(s, metricsJSON, Series(s, totals)), series...)
	passert.Equals(s, beam.ParDo(s, cohortJSON, Cohorts(s, totals)), cohorts...)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
}

// The dbt mrr-playbook's periods give the playbook's bridge: the library's series of
// them (which the library's tests hold against the playbook's SQL), and two months
// read off the CSV by hand: May 2018, customer 10 (80) churns while 6 (35) and 9 (85)
// start; September 2018, 11 starts at 30 and 10 comes back at 50.
func TestPipelinePlaybook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	f, err := os.Open(filepath.Join("..", "testdata", "mrr-playbook-subscription_periods.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	spans, err := revops.ReadSpans(f, revops.SpanColumns{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Periods: months(time.Date(2017, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)), Shards: 5}
	_, series, _ := expected(t, spans, cfg)
	var may, sep revops.PeriodMetrics
	for _, js := range series {
		var m revops.PeriodMetrics
		if err := json.Unmarshal([]byte(js.(string)), &m); err != nil {
			t.Fatal(err)
		}
		switch m.Period.Start().Format("2006-01") {
		case "2018-05":
			may = m
		case "2018-09":
			sep = m
		}
	}
	for _, c := range []struct {
		got  decimal.Decimal
		want string
	}{{may.New.Monthly(), "120"}, {may.Churn.Monthly(), "80"}, {may.End.Monthly(), "190"}, {sep.New.Monthly(), "30"}, {sep.Reactivation.Monthly(), "50"}, {sep.End.Monthly(), "340"}} {
		if !c.got.Equal(decimal.RequireFromString(c.want)) {
			t.Fatalf("the playbook by hand: want %s, got %s", c.want, c.got)
		}
	}
	p, s := beam.NewPipelineWithRoot()
	totals := Totals(s, beam.CreateList(s, spans), cfg)
	passert.Equals(s, beam.ParDo(s, metricsJSON, Series(s, totals)), series...)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
}

// compare orders rows as the comparison of every field in turn does, on rows that
// share some fields and differ in others.
func TestRowCompare(t *testing.T) {
	eager := func(r, o Row) int {
		a, b := r.Span, o.Span
		return cmp.Or(
			strings.Compare(r.File, o.File), cmp.Compare(r.Line, o.Line),
			strings.Compare(a.Customer, b.Customer), strings.Compare(a.Subscription, b.Subscription), strings.Compare(a.Item, b.Item),
			a.Start.Compare(b.Start), a.End.Compare(b.End), a.MRR.Cmp(b.MRR), strings.Compare(a.Currency, b.Currency))
	}
	rapid.Check(t, func(t *rapid.T) {
		var a, b Row
		fill(t, reflect.ValueOf(&a).Elem(), "a")
		fill(t, reflect.ValueOf(&b).Elem(), "b")
		// b keeps a's fields up to a point, as rows of one file and line, or spans that
		// differ only in their amount, do.
		keep := rapid.IntRange(0, 9).Draw(t, "fields kept")
		fields := []func(){
			func() { b.File = a.File }, func() { b.Line = a.Line }, func() { b.Span.Customer = a.Span.Customer },
			func() { b.Span.Subscription = a.Span.Subscription }, func() { b.Span.Item = a.Span.Item }, func() { b.Span.Start = a.Span.Start },
			func() { b.Span.End = a.Span.End }, func() { b.Span.MRR = a.Span.MRR }, func() { b.Span.Currency = a.Span.Currency },
		}
		for _, f := range fields[:keep] {
			f()
		}
		if got, want := a.compare(b), eager(a, b); got != want {
			t.Fatalf("compare %d, every field in turn %d", got, want)
		}
	})
}

func init() {
	register.Function1x1(refusalText)
	register.Function1x1(totalsText)
}

// refusalText and totalsText print a refusal and a currency's totals for the tests to
// compare with values worked out by hand.
func refusalText(r Refusal) string { return r.String() }

func totalsText(t revops.Totals) string {
	s := fmt.Sprintf("%s %d spans, end MRR", t.Currency, t.Spans)
	for _, p := range t.Periods {
		s += " " + p.End.String()
	}
	return s
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// rows is an export read by hand: customer a's second span of s1 starts while its
// first runs (line 3 overlaps line 2), and c's s3 is on two lines with the same start
// (line 6 repeats line 5); c pays in EUR, the others in USD.
func rows() []Row {
	span := func(customer, sub string, start, end time.Time, mrr int64, currency string) revops.Span {
		return revops.Span{Customer: customer, Subscription: sub, Start: start, End: end, MRR: revops.Monthly(decimal.NewFromInt(mrr)), Currency: currency}
	}
	return []Row{
		{File: "spans.csv", Line: 2, Span: span("a", "s1", day(2025, 1, 1), day(2025, 3, 1), 10, "USD")},
		{File: "spans.csv", Line: 3, Span: span("a", "s1", day(2025, 2, 1), time.Time{}, 20, "USD")},
		{File: "spans.csv", Line: 4, Span: span("b", "s2", day(2025, 1, 1), time.Time{}, 30, "USD")},
		{File: "spans.csv", Line: 5, Span: span("c", "s3", day(2025, 2, 1), time.Time{}, 40, "EUR")},
		{File: "spans.csv", Line: 6, Span: span("c", "s3", day(2025, 2, 1), time.Time{}, 40, "eur")},
	}
}

// TotalsByCurrency returns one totals a currency and the refused spans named by their
// file and line, the same for every shard count and input order. By hand, over
// January to March 2025: USD keeps lines 2 and 4, a at 10 until March and b at 30, so
// its end MRR is 40, 40, 30; EUR keeps line 5, c at 40 from February: 0, 40, 40.
func TestTotalsByCurrency(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	periods := months(day(2025, 1, 1), day(2025, 4, 1))
	for _, c := range []struct {
		name   string
		shards int
		order  func([]Row) []Row
	}{
		{"1 shard, file order", 1, func(r []Row) []Row { return r }},
		{"7 shards, reversed", 7, func(r []Row) []Row { slices.Reverse(r); return r }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			totals, refused := TotalsByCurrency(s, beam.CreateList(s, c.order(rows())), Config{Periods: periods, Shards: c.shards})
			passert.Equals(s, beam.ParDo(s, totalsText, totals), "USD 2 spans, end MRR 40 40 30", "EUR 1 spans, end MRR 0 40 40")
			passert.Equals(s, beam.ParDo(s, refusalText, refused),
				`spans.csv: line 3, Start: inconsistent inputs (starts while another span of subscription "s1" runs; see line 2)`,
				`spans.csv: line 6, Start: inconsistent inputs (starts while another span of subscription "s3" runs; see line 5)`)
			if err := ptest.Run(p); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func init() {
	register.Function2x0(stampRow)
	register.Emitter2[beam.EventTime, Row]()
	register.Function2x1(windowText)
}

// stampRow puts a row at the hour of 1 January 2025 its line names.
func stampRow(r Row, emit func(beam.EventTime, Row)) {
	emit(mtime.FromTime(time.Date(2025, 1, 1, r.Line, 30, 0, 0, time.UTC)), r)
}

// windowText prints the end of a totals' window and its spans.
func windowText(w typex.Window, t revops.Totals) string {
	return fmt.Sprintf("%s: %s %d spans", w.MaxTimestamp().ToTime().UTC().Format("15:04"), t.Currency, t.Spans)
}

// Rows in windows are totalled window by window, as a shuffle of one row an element
// totals them: batches never mix rows of two windows.
func TestTotalsByCurrencyWindows(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	b := rows()[2] // customer b, line 4, USD
	d := b
	d.Line, d.Span.Customer = 7, "d"
	p, s := beam.NewPipelineWithRoot()
	hourly := beam.WindowInto(s, window.NewFixedWindows(time.Hour), beam.ParDo(s, stampRow, beam.CreateList(s, []Row{b, d})))
	totals, _ := TotalsByCurrency(s, hourly, Config{Periods: months(day(2025, 1, 1), day(2025, 4, 1)), Shards: 1})
	passert.Equals(s, beam.WindowInto(s, window.NewGlobalWindows(), beam.ParDo(s, windowText, totals)), "04:59: USD 1 spans", "07:59: USD 1 spans")
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
}

// Totals fails on the first refused span in file order, named by its row or, for a
// bare span, by its customer, subscription and start; under InvalidRecordsSkip it
// leaves the span out: USD without line 3 ends January to March at 40, 40, 30.
func TestTotalsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	periods := months(day(2025, 1, 1), day(2025, 4, 1))
	usd := rows()[:3]
	var spans []revops.Span
	for _, r := range usd {
		spans = append(spans, r.Span)
	}
	for _, c := range []struct {
		name  string
		input func(beam.Scope) beam.PCollection
		want  string
	}{
		{"rows", func(s beam.Scope) beam.PCollection { return beam.CreateList(s, usd) },
			`revopsbeam: spans.csv: line 3, Start: inconsistent inputs (starts while another span of subscription "s1" runs; see line 2)`},
		{"spans", func(s beam.Scope) beam.PCollection { return beam.CreateList(s, spans) },
			`revopsbeam: span of customer "a" (subscription "s1") starting 2025-02-01T00:00:00Z, Start: inconsistent inputs ` +
				`(starts while another span of subscription "s1" runs; see span of customer "a" (subscription "s1") starting 2025-01-01T00:00:00Z)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			Totals(s, c.input(s), Config{Periods: periods, Shards: 3})
			if err := ptest.Run(p); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want the pipeline to fail with %s, got %v", c.want, err)
			}
			p, s = beam.NewPipelineWithRoot()
			totals := Totals(s, c.input(s), Config{Periods: periods, Shards: 3, Policy: revops.Policy{InvalidRecords: revops.InvalidRecordsSkip}})
			passert.Equals(s, beam.ParDo(s, totalsText, totals), "USD 2 spans, end MRR 40 40 30")
			if err := ptest.Run(p); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// An empty input gives the totals of no spans, as a history of none does: every
// period at zero, and a cohort table of empty cohorts.
func TestTotalsNoSpans(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	p, s := beam.NewPipelineWithRoot()
	totals := Totals(s, beam.CreateList(s, []revops.Span{}), Config{Periods: months(day(2025, 1, 1), day(2025, 4, 1))})
	passert.Equals(s, beam.ParDo(s, totalsText, totals), " 0 spans, end MRR 0 0 0")
	passert.Count(s, Cohorts(s, totals), "cohorts", 3)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
}
