package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
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

// playbook is the dbt mrr-playbook's export, kept with its licence in testdata/.
var playbook = filepath.Join("..", "..", "testdata", "mrr-playbook-subscription_periods.csv")

// dec parses a decimal a test states or reads.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// jsonReport is the json format, as a reader loads it.
type jsonReport struct {
	Command string `json:"command"`
	Source  struct {
		Name, Format           string
		Rows, Spans, Customers int
		Skipped, Duplicates    int
		LeftOut                int `json:"left_out"`
	} `json:"source"`
	Currency string                     `json:"currency"`
	Period   string                     `json:"period"`
	Policy   map[string]any             `json:"policy"`
	Notes    map[string]json.RawMessage `json:"notes"`
	Tiles    struct {
		Period, Previous string
		Figures          map[string]struct{ Value, Change any }
	} `json:"tiles"`
	Tables map[string][]map[string]any `json:"tables"`
}

// reportJSON runs args with -format json and decodes the result.
func reportJSON(t *testing.T, args ...string) jsonReport {
	t.Helper()
	out, errOut, code := runCmd(t, append(args, "-format", "json")...)
	require.Equal(t, exitOK, code, errOut)
	var r jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	return r
}

// str reads a json cell as text: "" for null.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return fmt.Sprint(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// byPeriod indexes a table's rows by their "period" cell.
func byPeriod(rows []map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range rows {
		out[str(r["period"])] = r
	}
	return out
}

// goldenRun is one output kept as a golden file.
type goldenRun struct {
	name string
	args []string
}

// goldenRuns are every format of the report of the demo, of the playbook and of the
// Stripe exports, and of compare on the demo.
func goldenRuns() []goldenRun {
	var out []goldenRun
	for _, f := range formatNames {
		out = append(out, goldenRun{"demo." + f, []string{"-format", f}},
			goldenRun{"playbook." + f, []string{"report", playbook, "-format", f}},
			goldenRun{"compare-demo." + f, []string{"compare", "-format", f}},
			goldenRun{"stripe-subscriptions." + f, []string{"report", stripeSubs, "-format", f}},
			goldenRun{"pipeline." + f, []string{"pipeline", oppsFile, "-as-of", "2025-03-31", "-quota", "20000", "-leads", leadsFile, "-business-hours", berlin, "-tz", "Europe/Berlin", "-by", "owner", "-format", f}},
			goldenRun{"spend." + f, []string{"report", spendHistory, "-spend", spendFile, "-gross-margin", "0.8", "-to", "2025-02", "-format", f}},
			goldenRun{"stripe-invoices." + f, []string{"report", "-source", "stripe", stripeInvs, stripeCredits, "-to", "2025-06", "-format", f}})
	}
	return append(out, goldenRun{"demo-by-plan.table", []string{"-by", "plan"}}, goldenRun{"demo-by-plan.markdown", []string{"-by", "plan", "-format", "markdown"}})
}

// The outputs are regression files: a change to any of them is read in a diff
// before it is accepted (go test ./cmd/revops -update). Their numbers are checked by
// the tests below, by other routes.
func TestGolden(t *testing.T) {
	for _, g := range goldenRuns() {
		t.Run(g.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, g.args...)
			require.Equal(t, exitOK, code, errOut)
			golden := filepath.Join("testdata", g.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			if string(want) != out {
				w, o := strings.Split(string(want), "\n"), strings.Split(out, "\n")
				for i := range min(len(w), len(o)) {
					if w[i] != o[i] {
						t.Fatalf("%s changed at line %d:\nwant %.300q\ngot  %.300q\n(go test ./cmd/revops -update, and read the diff)", g.name, i+1, w[i], o[i])
					}
				}
				t.Fatalf("%s has %d lines, the golden file %d (go test ./cmd/revops -update)", g.name, len(o), len(w))
			}
		})
	}
}

// demoHistory reads the embedded demo export through the library.
func demoHistory(t *testing.T) ([]revops.Span, *revops.History) {
	t.Helper()
	spans, err := revops.ReadSpans(strings.NewReader(demoCSV), demoColumns())
	require.NoError(t, err)
	return spans, must(revops.NewHistory(spans))
}

// closeOf is the last instant of a period, where its MRR is read.
func closeOf(p revops.Period) time.Time { return p.End().Add(-time.Nanosecond) }

// Every cell of the demo's series, recomputed by another route: snapshots and the
// MRR bridge of the library, the export's rows summed and counted in the test, and
// the rates divided here.
func TestDemoSeriesRecomputed(t *testing.T) {
	spans, h := demoHistory(t)
	r := reportJSON(t)
	require.Len(t, r.Tables["series"], 24)
	checkSeries(t, spans, h, r.Tables["series"])
	tilesAreLastRow(t, r)
}

// The playbook's series by the same other route, every month.
func TestPlaybookSeriesRecomputed(t *testing.T) {
	f, err := os.Open(playbook)
	require.NoError(t, err)
	defer f.Close()
	spans, err := revops.ReadSpans(f, revops.SpanColumns{})
	require.NoError(t, err)
	r := reportJSON(t, "report", playbook)
	h := must(revops.NewHistory(spans))
	checkSeries(t, spans, h, r.Tables["series"])
	tilesAreLastRow(t, r)
	// Every trailing row: the customers paying at the close twelve months before,
	// their MRR now ÷ their MRR then, from the snapshots.
	for _, row := range r.Tables["trailing"] {
		start := must(time.Parse(time.DateOnly, str(row["to"])[:10]))
		p := revops.Month(start.Year(), start.Month())
		then := h.Snapshot(closeOf(revops.Month(start.Year(), start.Month()-12))).MRR
		now := h.Snapshot(closeOf(p)).MRR
		var num, den decimal.Decimal
		for c, v := range then {
			den, num = den.Add(v), num.Add(now[c])
		}
		if den.IsZero() {
			require.Nil(t, row["nrr"], "%v: nobody paid a year before", row["period"])
			continue
		}
		require.True(t, dec(str(row["nrr"])).Equal(num.DivRound(den, revops.Scale)), "%v trailing nrr", row["period"])
	}
	// Every cohort cell: of the customers whose first row starts in the cohort's
	// month, those paying at the close of the cell's month.
	first := map[string]time.Time{}
	for _, sp := range spans {
		if f, ok := first[sp.Customer]; !ok || sp.Start.Before(f) {
			first[sp.Customer] = sp.Start
		}
	}
	for _, row := range r.Tables["cohorts"] {
		c := must(time.Parse(time.DateOnly, str(row["cohort_start"])))
		at := must(time.Parse("2006-01", str(row["period"])))
		paying := h.Snapshot(closeOf(revops.Month(at.Year(), at.Month()))).MRR
		size, kept := 0, 0
		for cust, f := range first {
			if revops.Month(c.Year(), c.Month()).Contains(f) {
				size++
				if _, ok := paying[cust]; ok {
					kept++
				}
			}
		}
		require.Equal(t, fmt.Sprint(size), str(row["size"]), "%v %v", row["cohort"], row["age"])
		require.Equal(t, fmt.Sprint(kept), str(row["customers"]), "%v %v", row["cohort"], row["age"])
	}
}

// checkSeries recomputes every monthly row of a report's series from the export's
// spans: MRR summed here from the rows active at the close, the movements by
// MRRBridge of the library's snapshots, the customers counted in the snapshots, and
// the unit economics divided here.
func checkSeries(t *testing.T, spans []revops.Span, h *revops.History, series []map[string]any) {
	t.Helper()
	for _, row := range series {
		start := must(time.Parse(time.DateOnly, str(row["start"])))
		p := revops.Month(start.Year(), start.Month())
		at := closeOf(p)
		// End MRR: the rows active at the close, each at its price ÷ months of its
		// interval, summed here; ARR twelve times that, exactly.
		var mrr, arr decimal.Decimal
		for _, s := range spans {
			if !s.Start.After(at) && (s.End.IsZero() || at.Before(s.End)) {
				mrr, arr = mrr.Add(s.MRR.Monthly()), arr.Add(s.MRR.Annual())
			}
		}
		require.True(t, dec(str(row["end_mrr"])).Equal(mrr), "%s end_mrr %v, rows %s", row["period"], row["end_mrr"], mrr)
		require.True(t, dec(str(row["arr"])).Equal(arr), "%s arr", row["period"])
		// The movements, through MRRBridge of the two snapshots.
		b := must(revops.MRRBridge(must(h.BridgeInput(p))))
		for key, v := range map[string]decimal.Decimal{"start_mrr": b.Start, "new_mrr": b.New, "expansion_mrr": b.Expansion,
			"contraction_mrr": b.Contraction, "churn_mrr": b.Churn, "reactivation_mrr": b.Reactivation} {
			require.True(t, dec(str(row[key])).Equal(v), "%s %s: %v, bridge %s", row["period"], key, row[key], v)
		}
		// Customers: the snapshots' sizes, and the identity the table promises.
		startN, endN := len(h.Snapshot(p.Start().Add(-time.Nanosecond)).MRR), len(h.Snapshot(at).MRR)
		require.Equal(t, fmt.Sprint(startN), str(row["start_customers"]))
		require.Equal(t, fmt.Sprint(endN), str(row["end_customers"]))
		n := func(k string) int { return int(row[k].(float64)) }
		require.Equal(t, n("end_customers"), n("start_customers")+n("new_customers")+n("reactivated_customers")-n("churned_customers")+n("left_and_returned"),
			"%s: end = start + new + reactivated − churned + returned", row["period"])
		// ARPA is end MRR ÷ end customers; ASP is new MRR ÷ the customers the bridge
		// calls new; LTV is ARPA ÷ customer churn (gross margin 1): divided here to
		// 16 places.
		if endN == 0 {
			require.Nil(t, row["arpa"], "%s: no customer, no ARPA", row["period"])
		} else {
			require.True(t, dec(str(row["arpa"])).Equal(mrr.DivRound(decimal.NewFromInt(int64(endN)), revops.Scale)), "%s arpa", row["period"])
		}
		newCustomers := 0
		for _, c := range b.Customers {
			if c.Movement == revops.MovementNew {
				newCustomers++
			}
		}
		if newCustomers > 0 {
			require.True(t, dec(str(row["asp"])).Equal(b.New.DivRound(decimal.NewFromInt(int64(newCustomers)), revops.Scale)), "%s asp", row["period"])
		}
		// Logo churn over the start, leaving out who joined and left and who left and
		// returned (ChartMogul's B2B formula, the default).
		if startN == 0 {
			require.Nil(t, row["customer_churn"], "%s: no customer at the start", row["period"])
		} else {
			lost := n("churned_customers") - n("joined_and_left") - n("left_and_returned")
			churn := dec(str(row["customer_churn"]))
			require.True(t, churn.Equal(decimal.NewFromInt(int64(lost)).DivRound(decimal.NewFromInt(int64(startN)), revops.Scale)), "%s customer_churn", row["period"])
			if !churn.IsZero() && endN > 0 {
				require.True(t, dec(str(row["ltv"])).Equal(dec(str(row["arpa"])).DivRound(churn, revops.Scale)), "%s ltv", row["period"])
			}
		}
		if nrr, err := revops.NRR(b.Retention()); err == nil {
			require.True(t, dec(str(row["nrr"])).Equal(nrr), "%s nrr", row["period"])
		} else {
			require.Nil(t, row["nrr"], "%s: undefined", row["period"])
		}
	}
}

// tilesAreLastRow checks that the tiles are the last period's figures, and their
// change is from the period before: (end − end before) ÷ end before for MRR, the
// difference for a rate.
func tilesAreLastRow(t *testing.T, r jsonReport) {
	t.Helper()
	series := r.Tables["series"]
	last, prev := series[len(series)-1], series[len(series)-2]
	require.Equal(t, str(last["period"]), r.Tiles.Period)
	require.Equal(t, str(prev["period"]), r.Tiles.Previous)
	require.Equal(t, str(last["end_mrr"]), str(r.Tiles.Figures["mrr"].Value))
	require.Equal(t, str(last["arpa"]), str(r.Tiles.Figures["arpa"].Value))
	require.Equal(t, str(last["ltv"]), str(r.Tiles.Figures["ltv"].Value))
	require.Equal(t, str(last["asp"]), str(r.Tiles.Figures["asp"].Value))
	require.Equal(t, str(last["customer_churn"]), str(r.Tiles.Figures["customer_churn"].Value))
	g := dec(str(last["end_mrr"])).Sub(dec(str(prev["end_mrr"]))).DivRound(dec(str(prev["end_mrr"])), revops.Scale)
	require.True(t, dec(str(r.Tiles.Figures["mrr"].Change)).Equal(g))
	pp := dec(str(last["customer_churn"])).Sub(dec(str(prev["customer_churn"])))
	require.True(t, dec(str(r.Tiles.Figures["customer_churn"].Change)).Equal(pp), "a rate changes in points")
}

// The demo's cohorts and trailing retention, counted from the export's rows.
func TestDemoCohortsRecomputed(t *testing.T) {
	spans, h := demoHistory(t)
	r := reportJSON(t)
	first := map[string]time.Time{}
	for _, s := range spans {
		if f, ok := first[s.Customer]; !ok || s.Start.Before(f) {
			first[s.Customer] = s.Start
		}
	}
	// Logo retention of the January 2024 cohort a year on: of the customers whose
	// first row starts in January 2024, those paying at the close of January 2025.
	paying := h.Snapshot(closeOf(revops.Month(2025, time.January))).MRR
	size, kept := 0, 0
	for c, f := range first {
		if revops.Month(2024, time.January).Contains(f) {
			size++
			if _, ok := paying[c]; ok {
				kept++
			}
		}
	}
	var cell map[string]any
	for _, row := range r.Tables["cohorts"] {
		if str(row["cohort"]) == "2024-01" && str(row["age"]) == "12" {
			cell = row
		}
	}
	require.NotNil(t, cell)
	require.Equal(t, "2025-01", str(cell["period"]))
	require.Equal(t, fmt.Sprint(size), str(cell["size"]))
	require.Equal(t, fmt.Sprint(kept), str(cell["customers"]))
	require.True(t, dec(str(cell["logo_retention"])).Equal(decimal.NewFromInt(int64(kept)).DivRound(decimal.NewFromInt(int64(size)), revops.Scale)))
	// Every cohort has a row for each period from its first: n(n+1)/2 for 24 months.
	require.Len(t, r.Tables["cohorts"], 24*25/2)
	require.Len(t, r.Tables["cohort_average"], 24)

	// Trailing NRR at December 2025: the customers paying at the close of December
	// 2024, their MRR a year later ÷ their MRR then.
	then := h.Snapshot(closeOf(revops.Month(2024, time.December))).MRR
	now := h.Snapshot(closeOf(revops.Month(2025, time.December))).MRR
	var num, den decimal.Decimal
	for c, v := range then {
		den = den.Add(v)
		num = num.Add(now[c])
	}
	tr := byPeriod(r.Tables["trailing"])
	require.True(t, dec(str(tr["2025-12"]["nrr"])).Equal(num.DivRound(den, revops.Scale)))
	require.Equal(t, str(r.Tiles.Figures["nrr"].Value), str(tr["2025-12"]["nrr"]))
	// The table starts at the first month with customers twelve months before: the
	// demo sells from January 2024, so January 2025.
	require.Equal(t, "2025-01", str(r.Tables["trailing"][0]["period"]))
	require.Len(t, r.Tables["trailing"], 12)
}

// The playbook's report, read off the file by hand: the default last month is the
// last in which anyone pays, January 2020, whose tiles are not zero; February 2020,
// all churn, is named in the header instead (issue 21).
func TestPlaybookByHand(t *testing.T) {
	r := reportJSON(t, "report", playbook)
	series := byPeriod(r.Tables["series"])
	require.Len(t, series, 29, "2017-09 to 2020-01")
	// January 2020 pays on four rows only, all starting 2020-01-01:
	//   117,51,2020-01-01,2020-02-01,50   119,53,...,50   120,54,...,25   121,55,...,50
	// so MRR 175 from 4 customers, ARPA 43.75. The 28 rows ending 2020-01-01 were
	// paying at the close of December 2019 (28 customers) and all churn in January.
	jan := series["2020-01"]
	require.Equal(t, "175", str(jan["end_mrr"]))
	require.Equal(t, "2100", str(jan["arr"]))
	require.Equal(t, "4", str(jan["end_customers"]))
	require.Equal(t, "28", str(jan["start_customers"]))
	require.Equal(t, "28", str(jan["churned_customers"]))
	require.Equal(t, "4", str(jan["new_customers"]), "customers 51, 53, 54 and 55 pay for the first time")
	require.Equal(t, "43.75", str(jan["arpa"]))
	require.Equal(t, "1", str(jan["customer_churn"]))
	require.Equal(t, "2020-01", r.Tiles.Period)
	require.Equal(t, "175", str(r.Tiles.Figures["mrr"].Value))
	require.EqualValues(t, 4, r.Tiles.Figures["customers"].Value)
	require.Contains(t, string(r.Notes["tail"]), "no one pays after 2020-01: the data's last month, 2020-02, holds nothing but churn")

	// The first fourteen months, by hand from the rows (customer, start, end, amount):
	// 2017-09: 3 (50) and 2 (25) start. 2017-10: 3 ends (churn 50), 4 starts (25).
	// 2017-11: 2 and 4 end (churn 50). 2018-01: 7 starts (55); 2018-02: 7 moves to 70.
	// 2018-04: 10 starts (80); 2018-05: 10 ends, 6 (35) and 9 (85) start.
	// 2018-06: 6 to 65, 9 to 75, 12 starts (25). 2018-07: 12 to 50.
	// 2018-09: 11 starts (30), 10 returns (50). 2018-10: 11 to 50, 10 to 25.
	for _, c := range []struct {
		month                                            string
		new, expansion, contraction, churn, reactiv, end string
		start, churned, reactivated                      string
	}{
		{"2017-09", "75", "0", "0", "0", "0", "75", "0", "0", "0"},
		{"2017-10", "25", "0", "0", "50", "0", "50", "2", "1", "0"},
		{"2017-11", "0", "0", "0", "50", "0", "0", "2", "2", "0"},
		{"2017-12", "0", "0", "0", "0", "0", "0", "0", "0", "0"},
		{"2018-01", "55", "0", "0", "0", "0", "55", "0", "0", "0"},
		{"2018-02", "0", "15", "0", "0", "0", "70", "1", "0", "0"},
		{"2018-03", "0", "0", "0", "0", "0", "70", "1", "0", "0"},
		{"2018-04", "80", "0", "0", "0", "0", "150", "1", "0", "0"},
		{"2018-05", "120", "0", "0", "80", "0", "190", "2", "1", "0"},
		{"2018-06", "25", "30", "10", "0", "0", "235", "3", "0", "0"},
		{"2018-07", "0", "25", "0", "0", "0", "260", "4", "0", "0"},
		{"2018-08", "0", "0", "0", "0", "0", "260", "4", "0", "0"},
		{"2018-09", "30", "0", "0", "0", "50", "340", "4", "0", "1"},
		{"2018-10", "0", "20", "25", "0", "0", "335", "6", "0", "0"},
	} {
		row := series[c.month]
		for _, f := range []struct{ col, want string }{
			{"new_mrr", c.new}, {"expansion_mrr", c.expansion}, {"contraction_mrr", c.contraction}, {"churn_mrr", c.churn},
			{"reactivation_mrr", c.reactiv}, {"end_mrr", c.end}, {"start_customers", c.start}, {"churned_customers", c.churned},
			{"reactivated_customers", c.reactivated},
		} {
			require.Equal(t, f.want, str(row[f.col]), "%s %s", c.month, f.col)
		}
	}
	require.Equal(t, "0.5", str(series["2018-05"]["customer_churn"]), "one of the two customers of April left")
	require.Equal(t, "", str(series["2017-12"]["customer_churn"]), "no customer at the start: undefined, null")
	// 2018-09: customer 10 returns: reactivated, not new, in the count and the MRR.
	require.Equal(t, "1", str(series["2018-09"]["new_customers"]), "customer 11 only")

	// The table shows the same figures for people, rounded to 2 places (no currency).
	table, _, code := runCmd(t, "report", playbook)
	require.Equal(t, exitOK, code)
	require.Contains(t, table, "Currency: none given")
	require.Regexp(t, `\nMRR +175\.00 +-86\.1 % `, table, "(175 − 1,260) ÷ 1,260: the 28 rows ending 2020-01-01 sum to 1,260")
}

// The December 2019 MRR of the playbook, by hand: the 28 rows that end on 2020-01-01
// (listed in TestPlaybookByHand's file) sum to 1,260.
func TestPlaybookDecember(t *testing.T) {
	rows := []int{40, 65, 75, 35, 50, 50, 50, 25, 30, 25, 95, 50, 50, 60, 45, 125, 25, 25, 25, 25, 25, 50, 50, 25, 35, 50, 25, 25}
	sum := 0
	for _, v := range rows {
		sum += v
	}
	require.Len(t, rows, 28)
	r := reportJSON(t, "report", playbook)
	require.Equal(t, fmt.Sprint(sum), str(byPeriod(r.Tables["series"])["2019-12"]["end_mrr"]))
}

// The default range (issue 21): from the earliest start to the last period in which
// anyone pays, or today's when the data reaches it; final periods of only churn, or
// after today, are named, not reported.
func TestDefaultLastPeriod(t *testing.T) {
	const hdr = "customer_id,start_date,end_date,monthly_amount\n"
	for _, c := range []struct {
		name, in, first, last, tail string
	}{
		{"every row ends", hdr + "a,2025-01-01,2025-04-01,10\nb,2025-02-01,2025-06-01,10\n", "2025-01", "2025-05",
			"no one pays after 2025-05: the data's last month, 2025-06, holds nothing but churn"},
		{"ends on the first", hdr + "a,2025-01-01,2025-05-01,10\n", "2025-01", "2025-04", "2025-05, holds nothing but churn"},
		{"open", hdr + "a,2025-01-01,,10\n", "2025-01", "2025-12", ""}, // today is 2025-12-15
		{"current periods end after today", hdr + "a,2025-01-01,2026-01-10,10\nb,2025-03-01,2026-02-01,10\n", "2025-01", "2025-12",
			"the data runs to 2026-02, after today's month: -to 2026-02 shows the starts and ends already scheduled"},
		{"all in the future", hdr + "a,2027-01-01,,10\n", "2027-01", "2027-01", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runPipe(t, c.in, "report", "-format", "json")
			require.Equal(t, exitOK, code, errOut)
			var r jsonReport
			require.NoError(t, json.Unmarshal([]byte(out), &r))
			s := r.Tables["series"]
			require.Equal(t, c.first, str(s[0]["period"]))
			require.Equal(t, c.last, str(s[len(s)-1]["period"]))
			require.Equal(t, c.last, r.Tiles.Period)
			if c.tail == "" {
				require.NotContains(t, r.Notes, "tail")
			} else {
				require.Contains(t, string(r.Notes["tail"]), c.tail)
			}
		})
	}
	// -to shows the churn month when asked.
	out, _, code := runPipe(t, hdr+"a,2025-01-01,2025-04-01,10\n", "report", "-to", "2025-04", "-format", "csv")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "\n2025-04,2025-04-01,2025-05-01,10,0,0,0,0,10,-10,0,0,1,0,0,1,0,0,0,1,")
}

// Quarters and years: customers add up on every row even when customers join and
// leave, or leave and return, within the period (issue 21).
func TestCustomersAddUp(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"a,2025-01-01,,10\n" + // stays
		"b,2025-01-01,2025-05-01,10\n" + // leaves in Q2
		"c,2025-04-10,2025-05-20,10\n" + // joins and leaves within Q2
		"d,2025-01-01,2025-04-15,10\nd,2025-05-01,,10\n" + // leaves and returns within Q2
		"e,2025-01-01,2025-02-01,10\ne,2025-08-01,,10\n" // leaves in Q1, reactivated in Q3
	r := reportJSON(t, "report", "-period", "quarter", writeFile(t, "q.csv", in))
	q := byPeriod(r.Tables["series"])
	// Q2 by hand: at the start a, b, d (3: e left in Q1); new c; churned b, c, d;
	// d returned; c joined and left; at the end a, d.
	for k, want := range map[string]string{"start_customers": "3", "new_customers": "1", "reactivated_customers": "0", "churned_customers": "3",
		"left_and_returned": "1", "joined_and_left": "1", "end_customers": "2"} {
		require.Equal(t, want, str(q["2025-Q2"][k]), k)
	}
	// Logo churn leaves out who joined and left and who returned: (3 − 1 − 1) ÷ 3.
	require.Equal(t, "0.3333333333333333", str(q["2025-Q2"]["customer_churn"]))
	// Q3: e returns: reactivated, not new.
	require.Equal(t, "0", str(q["2025-Q3"]["new_customers"]))
	require.Equal(t, "1", str(q["2025-Q3"]["reactivated_customers"]))
	for _, rows := range [][]map[string]any{r.Tables["series"], reportJSON(t).Tables["series"], reportJSON(t, "report", playbook, "-period", "year").Tables["series"]} {
		for _, row := range rows {
			n := func(k string) int { return int(row[k].(float64)) }
			require.Equal(t, n("end_customers"), n("start_customers")+n("new_customers")+n("reactivated_customers")-n("churned_customers")+n("left_and_returned"), "%v", row["period"])
		}
	}
	// The terminal shows the same columns, so the sum can be read off each row.
	table, _, _ := runCmd(t, "report", "-period", "quarter", writeFile(t, "q.csv", in))
	require.Regexp(t, `\nquarter +start +\+new +\+reactivated +−churned +\+returned +=end +joined\+left\n`, table)
	require.Regexp(t, `\n2025-Q2 +3 +1 +0 +3 +1 +2 +1\n`, table)
}

// An empty cohort is marked empty, not "not yet reached" (issue 21).
func TestEmptyCohort(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\na,2025-01-05,,10\nb,2025-03-05,,10\n" // nobody starts in February
	outs, _ := reportIn(t, in, "-to", "2025-03")
	require.Regexp(t, `\n2025-02 +0 +– +–\n`, outs["table"], "February's reached cells say –")
	require.Contains(t, outs["html"], "empty cohort: no customer first paid in 2025-02")
	var r jsonReport
	require.NoError(t, json.Unmarshal([]byte(outs["json"]), &r))
	for _, row := range r.Tables["cohorts"] {
		if str(row["cohort"]) == "2025-02" {
			require.Equal(t, "0", str(row["size"]))
			require.Nil(t, row["logo_retention"], "undefined: null")
		}
	}

	// The empty cohorts after the last with customers (the periods run on to
	// today's while anyone pays) are not rows of – for people: the note says so.
	outs, _ = reportIn(t, in, "-to", "2025-06")
	for _, format := range []string{"table", "markdown", "html"} {
		require.Contains(t, outs[format], "2025-02", format)
		require.NotRegexp(t, `2025-0[456] +0 +–|2025-0[456]\s*\|\s*0\s*\||empty cohort: no customer first paid in 2025-0[456]`, outs[format], format)
		require.Regexp(t, `No\s+customer\s+first\s+paid\s+after\s+2025-03:\s+the\s+3\s+months\s+after\s+it,\s+empty,\s+are\s+not\s+shown\.`, outs[format], format)
	}
	require.Regexp(t, `\n2025-02 +0 +– +– +– +– +–\n`, outs["table"], "an empty cohort between two kept")
	outs, _ = reportIn(t, in, "-to", "2025-04")
	require.Contains(t, outs["markdown"], "No customer first paid after 2025-03: the month after it, empty, is not shown.")
}

// Every csv output is one rectangular table, as Python's csv.DictReader reads it:
// a header of distinct snake_case names and rows of as many fields (issue 21).
func TestCSVRectangular(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	check := func(name, out string) {
		r := csv.NewReader(strings.NewReader(out))
		r.FieldsPerRecord = 0 // every record as long as the first
		rows, err := r.ReadAll()
		require.NoError(t, err, name)
		require.NotEmpty(t, rows, name)
		seen := map[string]bool{}
		for _, h := range rows[0] {
			require.Regexp(t, snake, h, name)
			require.False(t, seen[h], "%s: %s twice", name, h)
			seen[h] = true
		}
		for _, row := range rows[1:] {
			for i, c := range row {
				if c != "" && rows[0][i] != "zero_mrr" && (strings.HasSuffix(rows[0][i], "_mrr") || rows[0][i] == "arr" || strings.HasSuffix(rows[0][i], "_retention")) {
					_, err := decimal.NewFromString(c)
					require.NoError(t, err, "%s: %s is a decimal", name, rows[0][i])
				}
			}
		}
	}
	for _, args := range [][]string{{"report"}, {"report", "-by", "plan", "-spend", demoSpend}, {"report", playbook}, {"report", playbook, "-period", "quarter"}} {
		for _, tbl := range reportTables {
			if tbl == "segments" && !slices.Contains(args, "-by") || tbl == "acquisition" && !slices.Contains(args, "-spend") {
				continue
			}
			out, errOut, code := runCmd(t, append(args, "-format", "csv", "-table", tbl)...)
			require.Equal(t, exitOK, code, errOut)
			check(fmt.Sprint(args, tbl), out)
		}
		dir := filepath.Join(t.TempDir(), "out") + string(filepath.Separator)
		_, errOut, code := runCmd(t, append(args, "-o", dir)...)
		require.Equal(t, exitOK, code, errOut)
		for _, tbl := range reportTables {
			raw, err := os.ReadFile(filepath.Join(dir, tbl+".csv"))
			require.NoError(t, err, "-o DIR/ writes %s.csv", tbl)
			check(dir+tbl, string(raw))
		}
	}
	for _, tbl := range compareTables {
		out, _, code := runCmd(t, "compare", "-format", "csv", "-table", tbl)
		require.Equal(t, exitOK, code)
		check("compare "+tbl, out)
	}
	pipe := []string{"pipeline", oppsFile, "-as-of", "2025-03-31", "-quota", "20000", "-leads", leadsFile, "-by", "owner"}
	for _, tbl := range pipelineTables {
		out, errOut, code := runCmd(t, append(pipe, "-format", "csv", "-table", tbl)...)
		require.Equal(t, exitOK, code, errOut)
		check("pipeline "+tbl, out)
	}
	dir := filepath.Join(t.TempDir(), "pipe") + string(filepath.Separator)
	_, errOut, code := runCmd(t, append(pipe, "-o", dir)...)
	require.Equal(t, exitOK, code, errOut)
	for _, tbl := range pipelineTables {
		raw, err := os.ReadFile(filepath.Join(dir, tbl+".csv"))
		require.NoError(t, err, "-o DIR/ writes %s.csv", tbl)
		check(dir+tbl, string(raw))
	}
	out, _, code := runCmd(t, "report", stripeSubs, "-format", "csv", "-table", "notes", "-skip-invalid")
	require.Equal(t, exitOK, code)
	check("stripe notes", out)
}

// The json document: its top-level keys and its tables under stable keys; amounts
// exact as strings, counts as numbers, undefined values null (issue 21).
func TestJSONShape(t *testing.T) {
	out, _, code := runCmd(t, "-format", "json")
	require.Equal(t, exitOK, code)
	keys := regexp.MustCompile(`(?m)^  "([a-z_]+)":`).FindAllStringSubmatch(out, -1)
	var top []string
	for _, k := range keys {
		top = append(top, k[1])
	}
	require.Equal(t, []string{"command", "source", "currency", "period", "periods", "time_zone", "preset", "gross_margin", "policy", "notes", "tiles", "tables"}, top)
	r := reportJSON(t)
	require.Equal(t, map[string]any{"churn_denominator": "start", "joined_and_left": "excluded", "left_and_returned": "excluded",
		"reactivation": "separate", "nrr_reactivation": "excluded", "quick_ratio_reactivation": "counted", "movements": "net", "zero_mrr": "churns",
		"cohort_average": "weighted", "window_months": float64(12), "ltv_churn": "period", "invalid_records": "fail"}, r.Policy)
	var names []string
	for k := range r.Tables {
		names = append(names, k)
	}
	require.ElementsMatch(t, reportTables, names)
	first := r.Tables["series"][0]
	require.IsType(t, "", first["end_mrr"], "amounts are exact strings")
	require.IsType(t, float64(0), first["end_customers"], "counts are numbers")
	require.Nil(t, first["nrr"], "undefined: null")
	// A preset and the flags on top of it are in the policy.
	r = reportJSON(t, "report", "-preset", "stripe", "-churn-denominator", "average", "-window", "6")
	require.Equal(t, "average", r.Policy["churn_denominator"])
	require.Equal(t, "counted", r.Policy["joined_and_left"], "from the preset")
	require.Equal(t, float64(6), r.Policy["window_months"])
}

// The terminal table fits 80 columns, whatever the report (issue 21).
func TestTerminalWidth(t *testing.T) {
	bad := header + "s1,acme,2025-01-01,,100,USD\ns1,acme,2025-03-01,,20,USD\ns2,b,2025-02-30,,1,USD\ns3,c,2025-02-01,,10,EUR\n"
	for _, args := range [][]string{{}, {"-period", "quarter"}, {"report", playbook}, {"compare"}, {"compare", playbook, "-period", "year"},
		{"report", "-skip-invalid", "-currency", "USD", writeFile(t, "bad.csv", bad)},
		{"report", stripeSubs}, {"report", "-spend", demoSpend}, {"report", spendHistory, "-spend", spendFile, "-to", "2025-02"},
		{"pipeline", oppsFile, "-as-of", "2025-03-31", "-quota", "20000", "-leads", leadsFile, "-business-hours", berlin, "-by", "owner"},
		{"pipeline", oppsFile, "-table", "funnel"}} {
		out, errOut, code := runCmd(t, args...)
		require.Equal(t, exitOK, code, errOut)
		for i, line := range strings.Split(out, "\n") {
			require.LessOrEqual(t, width(line), termWidth, "%v line %d: %q", args, i+1, line)
		}
	}
}

// Displayed amounts are rounded to the currency's minor units, two places when
// there is none; csv and json keep them exact (issue 21).
func TestDisplayRounding(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount,currency\na,2025-01-01,,100,JPY\nb,2025-01-01,,50,JPY\nc,2025-01-01,,50,JPY\n"
	table, _, code := runPipe(t, in, "report")
	require.Equal(t, exitOK, code)
	require.Regexp(t, `\nARPA +67 `, table, "200 ÷ 3 yen is 66.67, shown as 67: yen have no minor unit")
	csvOut, _, _ := runPipe(t, in, "report", "-format", "csv")
	require.Contains(t, csvOut, ",66.6666666666666667,", "exact in csv")
	none := strings.ReplaceAll(strings.ReplaceAll(in, ",JPY", ","), ",currency", ",currency")
	table, _, _ = runPipe(t, none, "report")
	require.Regexp(t, `\nARPA +66\.67 `, table, "no currency: two places")
}

// revops compare: the headline figures under every policy, and where the presets
// differ, checked by hand on a month where one customer churns and one joins and
// leaves (issue 21).
func TestCompare(t *testing.T) {
	// April: a and b at the start; a churns; c joins and leaves within April.
	in := "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,2025-04-01,100\nb,2025-01-01,,50\nc,2025-04-05,2025-04-20,30\n"
	out, errOut, code := runPipe(t, in, "compare", "-format", "json", "-to", "2025-04")
	require.Equal(t, exitOK, code, errOut)
	var r jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	churn := map[string]string{}
	for _, row := range r.Tables["compare"] {
		if str(row["period"]) == "2025-04" {
			churn[str(row["policy"])] = str(row["customer_churn"])
			require.Equal(t, "50", str(row["end_mrr"]), "MRR is the same under every policy")
		}
	}
	require.Equal(t, "0.5", churn["default"], "(2 churned − 1 joined and left) ÷ 2 at the start")
	require.Equal(t, "0.5", churn["chartmogul"])
	require.Equal(t, "0.6666666666666667", churn["stripe"], "2 ÷ (2 at the start + 1 new)")
	require.Equal(t, "1", churn["baremetrics"], "2 ÷ 2: joined and left counted")
	pol := map[string]map[string]any{}
	for _, row := range r.Tables["policies"] {
		pol[str(row["policy"])] = row
	}
	require.Equal(t, "start_plus_new", pol["stripe"]["churn_denominator"])
	require.Equal(t, "as_expansion", pol["lago"]["reactivation"])
	require.Equal(t, "omitted", pol["baremetrics"]["quick_ratio_reactivation"])
	require.NotContains(t, pol["default"], "discounts", "a choice that cannot move figures read as MRR is a note, not a column")
	var moved []string
	for _, row := range r.Tables["differences"] {
		if str(row["figure"]) == "customer churn" {
			moved = append(moved, str(row["policy"]))
		}
	}
	require.ElementsMatch(t, []string{"stripe", "baremetrics"}, moved)
	table, _, _ := runPipe(t, in, "compare", "-to", "2025-04")
	require.Regexp(t, `\n2025-04 +50\.0 % +50\.0 % +66\.7 % +50\.0 % +100\.0 % +50\.0 % +50\.0 %\n`, table)
}

// The movement log (issue 21): a row per customer and period under the net
// convention, worked by hand, and for every period of the demo the log's amounts
// of each kind add up to the series' movement of that kind.
func TestMovementLog(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"a,2025-01-01,2025-03-01,100\na,2025-03-01,,150\n" + // new in January, expands in March
		"b,2025-02-01,2025-04-01,50\n" // new in February, churns in April
	out, errOut, code := runPipe(t, in, "report", "-format", "csv", "-table", "movements", "-to", "2025-04")
	require.Equal(t, exitOK, code, errOut)
	require.Equal(t, "period,customer,movement,at,before_mrr,after_mrr,change_mrr\n"+
		"2025-01,a,new,2025-01-31T23:59:59.999999999Z,0,100,100\n"+
		"2025-02,b,new,2025-02-28T23:59:59.999999999Z,0,50,50\n"+
		"2025-03,a,expansion,2025-03-31T23:59:59.999999999Z,100,150,50\n"+
		"2025-04,b,churn,2025-04-30T23:59:59.999999999Z,50,0,-50\n", out)

	r := reportJSON(t)
	sums := map[string]map[string]decimal.Decimal{}
	for _, row := range r.Tables["movements"] {
		p := str(row["period"])
		if sums[p] == nil {
			sums[p] = map[string]decimal.Decimal{}
		}
		sums[p][str(row["movement"])] = sums[p][str(row["movement"])].Add(dec(str(row["change_mrr"])).Abs())
	}
	for _, row := range r.Tables["series"] {
		p := str(row["period"])
		for kind, col := range map[string]string{"new": "new_mrr", "expansion": "expansion_mrr", "contraction": "contraction_mrr", "churn": "churn_mrr", "reactivation": "reactivation_mrr"} {
			require.True(t, sums[p][kind].Equal(dec(str(row[col]))), "%s %s: log %s, series %v", p, kind, sums[p][kind], row[col])
		}
	}
	// The page shows the largest movers of each period.
	page, _, _ := runCmd(t, "-format", "html")
	require.Contains(t, page, "Largest movers of each month")
}

// Segments (issue 21): -by COLUMN reports each value beside the total. A plan
// switch leaves one segment and enters the other, neither churn nor new (ChartMogul's
// plan filters); worked by hand, then the identities on every row of the demo.
func TestSegments(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount,plan\n" +
		"a,2025-01-01,2025-04-01,10,basic\na,2025-04-01,,30,pro\n" + // a moves from basic to pro in April
		"b,2025-01-01,,10,basic\n"
	r := reportJSON(t, "report", "-by", "plan", "-to", "2025-04", writeFile(t, "seg.csv", in))
	april := map[string]map[string]any{}
	for _, row := range r.Tables["segments"] {
		if str(row["period"]) == "2025-04" {
			april[str(row["segment"])] = row
		}
	}
	require.Equal(t, "10", str(april["basic"]["leaving_mrr"]))
	require.Equal(t, "0", str(april["basic"]["churn_mrr"]))
	require.Equal(t, "1", str(april["basic"]["left_customers"]))
	require.Equal(t, "0", str(april["basic"]["churned_customers"]))
	require.Equal(t, "30", str(april["pro"]["entering_mrr"]))
	require.Equal(t, "0", str(april["pro"]["new_mrr"]))
	require.Equal(t, "1", str(april["pro"]["entered_customers"]))
	require.Equal(t, "20", str(byPeriod(r.Tables["series"])["2025-04"]["expansion_mrr"]), "for the whole business it is an expansion")

	r = reportJSON(t, "-by", "plan")
	ends := map[string]decimal.Decimal{}
	for _, row := range r.Tables["segments"] {
		m := func(k string) decimal.Decimal { return dec(str(row[k])) }
		n := func(k string) int { return int(row[k].(float64)) }
		bridge := m("start_mrr").Add(m("new_mrr")).Add(m("expansion_mrr")).Add(m("reactivation_mrr")).Add(m("entering_mrr")).
			Sub(m("contraction_mrr")).Sub(m("churn_mrr")).Sub(m("leaving_mrr"))
		require.True(t, bridge.Equal(m("end_mrr")), "%v %v: the MRR bridge", row["segment"], row["period"])
		require.Equal(t, n("end_customers"), n("start_customers")+n("new_customers")+n("reactivated_customers")+n("entered_customers")-
			n("churned_customers")+n("left_and_returned")-n("left_customers"), "%v %v: customers add up", row["segment"], row["period"])
		ends[str(row["period"])] = ends[str(row["period"])].Add(m("end_mrr"))
	}
	for _, row := range r.Tables["series"] {
		require.True(t, ends[str(row["period"])].Equal(dec(str(row["end_mrr"]))), "%v: each row is in one plan, so the plans add up to the total", row["period"])
	}

	_, errOut, code := runPipe(t, in, "report", "-by", "region")
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops report: standard input: header: no column \"region\" to segment by (-by)\n", errOut)
	_, errOut, code = runCmd(t, "report", "-by", "customer_id")
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, `column "customer_id": more than 50 values to segment by`)
	_, errOut, code = runCmd(t, "report", "-table", "segments")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "-table segments needs -by COLUMN")
}

// countOf says a count in words: a unit ending in a consonant and y takes ies, any
// other an s, one of anything none (the report's header once said "1 months", and a
// yearly note would have said "2 yeaies").
func TestCountOf(t *testing.T) {
	for _, c := range []struct {
		n    int
		unit string
		want string
	}{
		{1, "month", "1 month"}, {0, "month", "0 months"}, {2, "quarter", "2 quarters"},
		{3, "year", "3 years"}, {1, "year", "1 year"}, {2, "day", "2 days"},
		{2, "opportunity", "2 opportunities"}, {1204, "invoice line", "1,204 invoice lines"},
	} {
		require.Equal(t, c.want, countOf(c.n, c.unit))
	}
	out, _, code := runCmd(t, "report", "-from", "2025-01", "-to", "2025-01", writeFile(t, "one.csv", "customer_id,start_date,end_date,monthly_amount\na,2025-01-05,,10\n"))
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "Periods: 1 month, 2025-01 to 2025-01\n")
}
