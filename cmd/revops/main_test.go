package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// update rewrites demo.csv and the golden files from the code: go test ./cmd/revops -update.
var update = flag.Bool("update", false, "rewrite demo.csv and testdata/*.golden")

// runCmd runs the command with args and stdin, returning what it wrote and its status.
func runCmd(t testing.TB, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// dec parses a decimal a test states.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// csvSections splits the csv format into its tables, each a header and rows, keyed by
// the header's first cell and then by the row's.
func csvSections(t *testing.T, out string) []map[string]map[string]string {
	t.Helper()
	var tables []map[string]map[string]string
	for _, part := range strings.Split(strings.TrimSpace(out), "\n\n") {
		rows, err := csv.NewReader(strings.NewReader(part)).ReadAll()
		require.NoError(t, err)
		table := map[string]map[string]string{}
		for _, r := range rows[1:] {
			cells := map[string]string{}
			for i, h := range rows[0] {
				cells[h] = r[i]
			}
			table[r[0]] = cells
		}
		tables = append(tables, table)
	}
	return tables
}

func TestDemoDataIsGenerated(t *testing.T) {
	var b strings.Builder
	require.NoError(t, writeDemo(&b))
	if *update {
		require.NoError(t, os.WriteFile("demo.csv", []byte(b.String()), 0o644))
		t.Skip("demo.csv rewritten; build again to embed it")
	}
	require.Equal(t, b.String(), demoCSV, "demo.csv is not what writeDemo writes: go test ./cmd/revops -run TestDemoDataIsGenerated -update")
	out, _, code := runCmd(t, "", "demo")
	require.Equal(t, exitOK, code)
	require.Equal(t, demoCSV, out, "revops demo writes the embedded export")
}

// demoHistory reads the embedded demo export through the library.
func demoHistory(t *testing.T) ([]revops.Span, *revops.History) {
	t.Helper()
	spans, err := revops.ReadSpans(strings.NewReader(demoCSV), demoColumns())
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	return spans, h
}

// The demo is the company the issue describes: about 2,000 customers over 24 months,
// monthly and annual plans, and every kind of movement.
func TestDemoCompany(t *testing.T) {
	spans, h := demoHistory(t)
	require.InDelta(t, 2000, h.Customers(), 200)
	rows, err := csv.NewReader(strings.NewReader(demoCSV)).ReadAll()
	require.NoError(t, err)
	intervals := map[string]int{}
	for _, r := range rows[1:] {
		intervals[r[3]]++
	}
	require.Positive(t, intervals["month"])
	require.Positive(t, intervals["year"])
	// An annual plan's MRR is its price ÷ 12: the starter plan at 468 a year is 39.
	for i, r := range rows[1:] {
		if r[2] == "starter" && r[3] == "year" {
			require.True(t, spans[i].MRR.Monthly().Equal(revops.Monthly(dec("39")).Monthly()), "row %d: %s", i+2, spans[i].MRR)
			break
		}
	}
	var months []revops.Period
	for m := range must(revops.NewPeriod(demoFirst, demoHorizon)).Months() {
		months = append(months, m)
	}
	require.Len(t, months, 24)
	series, err := h.Series(months)
	require.NoError(t, err)
	var total revops.MovementCounts
	for _, r := range series {
		total.New += r.MovementCounts.New
		total.Expansion += r.MovementCounts.Expansion
		total.Contraction += r.MovementCounts.Contraction
		total.Churn += r.MovementCounts.Churn
		total.Reactivation += r.MovementCounts.Reactivation
	}
	require.Positive(t, total.Expansion, "upgrades")
	require.Positive(t, total.Contraction, "downgrades")
	require.Positive(t, total.Churn, "churn")
	require.Positive(t, total.Reactivation, "reactivation")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestGoldenReports(t *testing.T) {
	for _, format := range []string{"table", "csv", "json", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			out, errOut, code := runCmd(t, "", "-format", format)
			require.Equal(t, exitOK, code, errOut)
			require.Empty(t, errOut)
			golden := filepath.Join("testdata", "demo."+format+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			if string(want) != out {
				w, g := strings.Split(string(want), "\n"), strings.Split(out, "\n")
				for i := range min(len(w), len(g)) {
					if w[i] != g[i] {
						t.Fatalf("the %s report of the demo changed at line %d:\nwant %q\ngot  %q\n(go test ./cmd/revops -update, and read the diff)", format, i+1, w[i], g[i])
					}
				}
				t.Fatalf("the %s report of the demo has %d lines, the golden file %d (go test ./cmd/revops -update)", format, len(g), len(w))
			}
		})
	}
}

// The report's cells, recomputed in the test through other entry points of the
// library and by counting the export's rows.
func TestReportCellsRecomputed(t *testing.T) {
	spans, h := demoHistory(t)
	out, _, code := runCmd(t, "", "-format", "csv")
	require.Equal(t, exitOK, code)
	tables := csvSections(t, out)
	require.Len(t, tables, 4, "series, logo cohorts, revenue cohorts, trailing")
	series, logo, trailing := tables[0], tables[1], tables[3]
	require.Len(t, series, 24)

	june := revops.Month(2025, time.June)
	row := series["2025-06"]
	// End MRR: the MRR of the snapshot at June's last instant, and ARR twelve times it.
	end := h.MRR(june.End().Add(-time.Nanosecond))
	require.True(t, dec(row["end_mrr"]).Equal(end.Monthly()), "end_mrr %s, snapshot %s", row["end_mrr"], end)
	require.True(t, dec(row["arr"]).Equal(end.Monthly().Mul(decimal.NewFromInt(12))))
	// The same end MRR summed from the export's rows active then, each at its price ÷
	// months of its interval.
	var fromRows decimal.Decimal
	at := june.End().Add(-time.Nanosecond)
	for _, s := range spans {
		if !s.Start.After(at) && (s.End.IsZero() || at.Before(s.End)) {
			fromRows = fromRows.Add(s.MRR.Monthly())
		}
	}
	require.True(t, fromRows.Equal(end.Monthly()))
	// NRR and the movements, through MRRBridge of the two snapshots.
	in, err := h.BridgeInput(june)
	require.NoError(t, err)
	b, err := revops.MRRBridge(in)
	require.NoError(t, err)
	nrr, err := revops.NRR(b.Retention())
	require.NoError(t, err)
	require.True(t, dec(row["nrr"]).Equal(nrr), "nrr %s, bridge %s", row["nrr"], nrr)
	for name, v := range map[string]decimal.Decimal{"new": b.New, "expansion": b.Expansion, "contraction": b.Contraction, "churn": b.Churn, "reactivation": b.Reactivation} {
		require.True(t, dec(row[name]).Equal(v), "%s: %s, bridge %s", name, row[name], v)
	}
	// Customers at the start: the paying customers of May's close.
	require.Equal(t, fmt.Sprint(len(h.Snapshot(june.Start().Add(-time.Nanosecond)).MRR)), row["start_customers"])

	// Logo retention of the January 2024 cohort a year on: of the customers whose
	// first row starts in January 2024, those paying at the close of January 2025.
	first := map[string]time.Time{}
	for _, s := range spans {
		if f, ok := first[s.Customer]; !ok || s.Start.Before(f) {
			first[s.Customer] = s.Start
		}
	}
	closeJan25 := revops.Month(2025, time.January).End().Add(-time.Nanosecond)
	paying := h.Snapshot(closeJan25).MRR
	size, kept := 0, 0
	for c, f := range first {
		if revops.Month(2024, time.January).Contains(f) {
			size++
			if _, ok := paying[c]; ok {
				kept++
			}
		}
	}
	want := decimal.NewFromInt(int64(kept)).DivRound(decimal.NewFromInt(int64(size)), revops.Scale)
	require.Equal(t, fmt.Sprint(size), logo["2024-01"]["size"])
	require.True(t, dec(logo["2024-01"]["+12"]).Equal(want), "+12: %s, counted %d of %d", logo["2024-01"]["+12"], kept, size)

	// Trailing NRR at December 2025: the customers paying at the close of December
	// 2024, their MRR a year later ÷ their MRR then.
	then := h.Snapshot(revops.Month(2024, time.December).End().Add(-time.Nanosecond)).MRR
	now := h.Snapshot(revops.Month(2025, time.December).End().Add(-time.Nanosecond)).MRR
	var num, den decimal.Decimal
	for c, v := range then {
		den = den.Add(v)
		num = num.Add(now[c])
	}
	require.True(t, dec(trailing["2025-12"]["nrr"]).Equal(num.DivRound(den, revops.Scale)), "trailing nrr %s", trailing["2025-12"]["nrr"])
	require.Equal(t, "n/a", trailing["2024-12"]["nrr"], "no customers a year before the first")

	// The table prints the same end MRR in dollars and cents.
	table, _, _ := runCmd(t, "")
	require.Regexp(t, `\n2025-06 [ 0-9,.]* `+regexp.QuoteMeta(group(end.Monthly().StringFixed(2)))+` `, table)
}

// The command on the dbt mrr-playbook's export reproduces the playbook's bridge: the
// first fourteen months read off the CSV by hand, and every month equal to the
// library's series, which the library's own tests hold against the playbook's SQL.
func TestPlaybookReport(t *testing.T) {
	file := filepath.Join("..", "..", "testdata", "mrr-playbook-subscription_periods.csv")
	out, errOut, code := runCmd(t, "", "report", "-format", "csv", file)
	require.Equal(t, exitOK, code, errOut)
	series := csvSections(t, out)[0]
	require.Len(t, series, 30, "2017-09 to 2020-02: from the first start to the last end")
	// By hand, from the rows (customer, start, end, amount):
	// 2017-09: 3 (50) and 2 (25) start. 2017-10: 3 ends (churn 50), 4 starts (25).
	// 2017-11: 2 and 4 end (churn 50). 2018-01: 7 starts (55); 2018-02: 7 moves to 70.
	// 2018-04: 10 starts (80); 2018-05: 10 ends, 6 (35) and 9 (85) start.
	// 2018-06: 6 to 65, 9 to 75, 12 starts (25). 2018-07: 12 to 50.
	// 2018-09: 11 starts (30), 10 returns (50). 2018-10: 11 to 50, 10 to 25.
	for _, c := range []struct {
		month                                            string
		new, expansion, contraction, churn, reactiv, end string
		start, churned                                   string
	}{
		{"2017-09", "75", "0", "0", "0", "0", "75", "0", "0"},
		{"2017-10", "25", "0", "0", "50", "0", "50", "2", "1"},
		{"2017-11", "0", "0", "0", "50", "0", "0", "2", "2"},
		{"2017-12", "0", "0", "0", "0", "0", "0", "0", "0"},
		{"2018-01", "55", "0", "0", "0", "0", "55", "0", "0"},
		{"2018-02", "0", "15", "0", "0", "0", "70", "1", "0"},
		{"2018-03", "0", "0", "0", "0", "0", "70", "1", "0"},
		{"2018-04", "80", "0", "0", "0", "0", "150", "1", "0"},
		{"2018-05", "120", "0", "0", "80", "0", "190", "2", "1"},
		{"2018-06", "25", "30", "10", "0", "0", "235", "3", "0"},
		{"2018-07", "0", "25", "0", "0", "0", "260", "4", "0"},
		{"2018-08", "0", "0", "0", "0", "0", "260", "4", "0"},
		{"2018-09", "30", "0", "0", "0", "50", "340", "4", "0"},
		{"2018-10", "0", "20", "25", "0", "0", "335", "6", "0"},
	} {
		r := series[c.month]
		for _, f := range []struct{ col, want string }{
			{"new", c.new}, {"expansion", c.expansion}, {"contraction", c.contraction}, {"churn", c.churn},
			{"reactivation", c.reactiv}, {"end_mrr", c.end}, {"start_customers", c.start}, {"churned_customers", c.churned},
		} {
			require.Equal(t, f.want, r[f.col], "%s %s", c.month, f.col)
		}
	}
	require.Equal(t, "0.5", series["2018-05"]["customer_churn"], "one of the two customers of April left")

	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	spans, err := revops.ReadSpans(f, revops.SpanColumns{})
	require.NoError(t, err)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	var months []revops.Period
	for m := range must(revops.NewPeriod(time.Date(2017, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC))).Months() {
		months = append(months, m)
	}
	want, err := h.Series(months)
	require.NoError(t, err)
	for _, w := range want {
		r := series[w.Period.Start().Format("2006-01")]
		for col, v := range map[string]decimal.Decimal{"start_mrr": w.Start.Monthly(), "new": w.New.Monthly(), "expansion": w.Expansion.Monthly(), "contraction": w.Contraction.Monthly(),
			"churn": w.Churn.Monthly(), "reactivation": w.Reactivation.Monthly(), "end_mrr": w.End.Monthly()} {
			require.True(t, dec(r[col]).Equal(v), "%s %s: report %s, library %s", r["period"], col, r[col], v)
		}
		// The bridge identity holds on what the report prints.
		sum := dec(r["start_mrr"]).Add(dec(r["new"])).Add(dec(r["expansion"])).Add(dec(r["reactivation"])).Sub(dec(r["contraction"])).Sub(dec(r["churn"]))
		require.True(t, sum.Equal(dec(r["end_mrr"])), "%s: bridge identity", r["period"])
	}

	// The table is the same report for people: no currency in the file, so the
	// amounts are printed exactly as read.
	table, _, code := runCmd(t, "", "report", file)
	require.Equal(t, exitOK, code)
	require.Contains(t, table, "Currency: none given")
	require.Regexp(t, `\n2018-09\s+260\s+30\s+0\s+0\s+0\s+50\s+80\s+340\s+4,080\n`, table)
}

// Standard input, an output file and the flags of the period and the policy.
func TestReportFlags(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"a,2025-01-01,2025-04-01,100\n" + // churns in April
		"a,2025-06-01,,100\n" + // returns in June, 61 days later
		"b,2025-02-01,,50\n"
	t.Run("stdin, quarters", func(t *testing.T) {
		out, errOut, code := runCmd(t, in, "report", "-period", "quarter", "-format", "csv", "-")
		require.Equal(t, exitOK, code, errOut)
		s := csvSections(t, out)[0]
		require.Equal(t, []string{"2025-Q1", "2025-Q2"}, sortedKeysOf(s))
		// Q1: a and b arrive (150). Q2: a leaves in April and returns in June: net
		// per customer per quarter, a is at 100 at both closes, so nothing moves.
		require.Equal(t, "150", s["2025-Q1"]["new"])
		require.Equal(t, "0", s["2025-Q2"]["churn"])
		require.Equal(t, "150", s["2025-Q2"]["end_mrr"])
	})
	t.Run("reactivation as new after 60 days", func(t *testing.T) {
		out, _, code := runCmd(t, in, "report", "-reactivation", "as_new_after:60", "-format", "csv", "-")
		require.Equal(t, exitOK, code)
		require.Equal(t, "100", csvSections(t, out)[0]["2025-06"]["new"], "61 days away: new again")
		out, _, _ = runCmd(t, in, "report", "-reactivation", "as_new_after:90", "-format", "csv", "-")
		require.Equal(t, "100", csvSections(t, out)[0]["2025-06"]["reactivation"], "61 days away: a reactivation")
	})
	t.Run("churn denominator", func(t *testing.T) {
		// April: a and b at the start, c new, a churned: 1 ÷ 2 over the start,
		// 1 ÷ 3 over the start plus the new.
		in := "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,2025-04-01,100\nb,2025-01-01,,50\nc,2025-04-10,,30\n"
		out, _, code := runCmd(t, in, "report", "-format", "csv", "-")
		require.Equal(t, exitOK, code)
		require.Equal(t, "0.5", csvSections(t, out)[0]["2025-04"]["customer_churn"])
		out, _, code = runCmd(t, in, "report", "-churn-denominator", "start_plus_new", "-format", "csv", "-")
		require.Equal(t, exitOK, code)
		require.Equal(t, "0.3333333333333333", csvSections(t, out)[0]["2025-04"]["customer_churn"])
	})
	t.Run("preset and override", func(t *testing.T) {
		// April: a and b at the start; a churns; c joins and leaves within April.
		in := "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,2025-04-01,100\nb,2025-01-01,,50\nc,2025-04-05,2025-04-20,30\n"
		churn := func(args ...string) string {
			out, errOut, code := runCmd(t, in, append(append([]string{"report", "-format", "csv"}, args...), "-")...)
			require.Equal(t, exitOK, code, errOut)
			return csvSections(t, out)[0]["2025-04"]["customer_churn"]
		}
		require.Equal(t, "0.5", churn(), "ChartMogul's B2B default: (2 − 1 joined and left) ÷ 2")
		require.Equal(t, "0.6666666666666667", churn("-preset", "stripe"), "every churned ÷ (start + new): 2 ÷ 3")
		require.Equal(t, "1", churn("-preset", "Stripe", "-churn-denominator", "start"), "the flag overrides the preset: 2 ÷ 2")
		out, _, _ := runCmd(t, in, "report", "-preset", "stripe", "-format", "json", "-")
		require.Contains(t, out, `"preset": "stripe"`)
	})
	t.Run("from, to, output file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "r.json")
		_, errOut, code := runCmd(t, in, "report", "-from", "2025-03", "-to", "2025-05-15", "-format", "json", "-o", file, "-")
		require.Equal(t, exitOK, code, errOut)
		var rep struct {
			Series []struct {
				Period revops.Period `json:"period"`
			} `json:"series"`
		}
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(raw, &rep))
		require.Len(t, rep.Series, 3)
		require.Equal(t, revops.Month(2025, time.March).Start(), rep.Series[0].Period.Start())
	})
	t.Run("annual list prices", func(t *testing.T) {
		out, _, code := runCmd(t, "customer_id,start_date,end_date,price,every\nx,2025-01-01,,1200,year\n", "report", "-col-amount", "price", "-col-interval", "every", "-format", "csv", "-")
		require.Equal(t, exitOK, code)
		require.Equal(t, "100", csvSections(t, out)[0]["2025-01"]["end_mrr"], "1,200 a year is 100 a month")
	})
}

func sortedKeysOf(m map[string]map[string]string) []string { return slices.Sorted(maps.Keys(m)) }
