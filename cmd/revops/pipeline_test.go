package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// The pipeline example of testdata/: a Salesforce report export, read as of March 31,
// 2025, with its footer, and a lead export.
//
//	line  ID  owner  source    amount  stage         created  close   outcome
//	 2    A1  Alice  Web       10,000  Closed Won    01-06    01-27   won, 21 days
//	 3    A2  Bob    Referral   5,000  Closed Lost   01-10    02-14   lost, 35 days
//	 4    A3  Alice  Web        8,000  Closed Won    01-20    03-05   won, 44 days
//	 5    A4  Bob    Web       12,000  Negotiation   01-25    03-31   open
//	 6    A5  Alice  Partner    6,000  Closed Lost   02-03    02-24   lost, 21 days
//	 7    A6  Bob    Web        4,000  Closed Won    02-11    02-25   won, 14 days
//	 8    A7  Alice  Referral   (none) Prospecting   02-18    04-30   open
//	 9    A8  Bob    Web        9,000  Closed Won    03-03    03-20   won, 17 days
//	10    A9  Alice  Web        7,000  Proposal      03-10    03-14   open, past its close date
//	11    A6  Bob    Web        4,000  Closed Won    02-11    02-25   won, 14 days: line 7 again
//	12    (blank), then the report's name, copyright, confidentiality and generator lines
var (
	oppsFile  = filepath.Join("testdata", "opportunities.csv")
	leadsFile = filepath.Join("testdata", "leads.csv")
	berlin    = "mon,tue,wed,thu,fri 09:00-17:00 Europe/Berlin"
)

// pipelineJSON runs revops pipeline with args and -format json, and decodes it.
func pipelineJSON(t *testing.T, args ...string) (map[string]json.RawMessage, map[string][]map[string]any) {
	t.Helper()
	out, errOut, code := runCmd(t, append(append([]string{"pipeline"}, args...), "-format", "json")...)
	require.Equal(t, exitOK, code, errOut)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	var tables map[string][]map[string]any
	require.NoError(t, json.Unmarshal(doc["tables"], &tables))
	return doc, tables
}

// cells reads keys of a row as text.
func cells(row map[string]any, keys ...string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, str(row[k]))
	}
	return out
}

// Every month by hand.
//
// Created in the month (cohort form), by what became of them: January A1 won 10,000,
// A2 lost 5,000, A3 won 8,000, A4 open 12,000: 4 created, 35,000; won 2, lost 1, win
// rate 2 ÷ 3, by value 18,000 ÷ 23,000. February A5 lost 6,000, A6 and its repeat won
// 4,000 each, A7 open at 0: 4, 14,000; win rate 2 ÷ 3, by value 8,000 ÷ 14,000. March
// A8 won 9,000, A9 open 7,000: 2, 16,000; win rate 1 ÷ 1.
//
// Closed in the month (period form): January A1 won: win rate 1, average deal 10,000,
// cycle 21 days; open at its close A2, A3, A4: 3, 25,000; velocity 3 × 1 × 10,000 ÷ 21.
// February won A6 twice (8,000), lost A2 and A5 (11,000): win rate 2 ÷ 4, by value
// 8,000 ÷ 19,000; average deal 4,000; cycles 35, 21, 14, 14: mean 21, median 17.5;
// open at its close A3, A4, A7: 3, 20,000; velocity 3 × 0.5 × 4,000 ÷ 21. March won A3
// and A8 (17,000): average 8,500; cycles 44 and 17: mean and median 30.5; open A4, A7,
// A9: 3, 19,000; velocity 3 × 1 × 8,500 ÷ 30.5.
//
// Coverage with a quota of 20,000: the deals open at the month's start and due to close
// in it. January: none open on the 1st: 0. February: A2 (closing 02-14): 5,000 ÷
// 20,000 = 0.25. March: A3 (03-05) and A4 (03-31): 20,000 ÷ 20,000 = 1.
func TestPipelineByHand(t *testing.T) {
	_, tables := pipelineJSON(t, oppsFile, "-as-of", "2025-03-31", "-quota", "20000")
	rows := byPeriod(tables["pipeline"])
	require.Len(t, rows, 3, "January, the first deal created, to March, -as-of's")
	created := []string{"created", "created_value", "created_won", "created_won_value", "created_lost", "created_lost_value", "created_open", "created_open_value"}
	require.Equal(t, []string{"4", "35000", "2", "18000", "1", "5000", "1", "12000"}, cells(rows["2025-01"], created...))
	require.Equal(t, []string{"4", "14000", "2", "8000", "1", "6000", "1", "0"}, cells(rows["2025-02"], created...))
	require.Equal(t, []string{"2", "16000", "1", "9000", "0", "0", "1", "7000"}, cells(rows["2025-03"], created...))
	closed := []string{"won", "won_value", "lost", "lost_value", "open_at_close", "open_at_close_value", "average_deal", "cycle_mean_days", "cycle_median_days", "coverage_pipeline", "coverage"}
	require.Equal(t, []string{"1", "10000", "0", "0", "3", "25000", "10000", "21", "21", "0", "0"}, cells(rows["2025-01"], closed...))
	require.Equal(t, []string{"2", "8000", "2", "11000", "3", "20000", "4000", "21", "17.5", "5000", "0.25"}, cells(rows["2025-02"], closed...))
	require.Equal(t, []string{"2", "17000", "0", "0", "3", "19000", "8500", "30.5", "30.5", "20000", "1"}, cells(rows["2025-03"], closed...))
	third := func(a, b int64) string {
		return decimal.NewFromInt(a).DivRound(decimal.NewFromInt(b), revops.Scale).String()
	}
	require.Equal(t, []string{"1", "1", third(2, 3), third(18000, 23000)}, cells(rows["2025-01"], "win_rate_closed", "value_win_rate_closed", "win_rate_created", "value_win_rate_created"))
	require.Equal(t, []string{"0.5", third(8000, 19000), third(2, 3), third(8000, 14000)}, cells(rows["2025-02"], "win_rate_closed", "value_win_rate_closed", "win_rate_created", "value_win_rate_created"))

	// Velocity by a second route: the catalogue's PipelineVelocity of the figures above.
	for p, in := range map[string]revops.VelocityInput{
		"2025-01": {Opportunities: 3, WinRate: dec("1"), AverageDeal: dec("10000"), CycleDays: dec("21")},
		"2025-02": {Opportunities: 3, WinRate: dec("0.5"), AverageDeal: dec("4000"), CycleDays: dec("21")},
		"2025-03": {Opportunities: 3, WinRate: dec("1"), AverageDeal: dec("8500"), CycleDays: dec("30.5")},
	} {
		want := must(revops.PipelineVelocity(in))
		require.True(t, dec(str(rows[p]["velocity"])).Equal(want), "%s: %s, want %s", p, rows[p]["velocity"], want)
	}
	// February's cycle by a second route: SalesCycleLength of the four deals closed in it.
	d := func(m time.Month, day int) time.Time { return time.Date(2025, m, day, 0, 0, 0, 0, time.UTC) }
	cycle := must(revops.SalesCycleLength([]revops.Opportunity{
		{Status: revops.DealLost, Created: d(1, 10), Closed: d(2, 14)}, {Status: revops.DealLost, Created: d(2, 3), Closed: d(2, 24)},
		{Status: revops.DealWon, Created: d(2, 11), Closed: d(2, 25)}, {Status: revops.DealWon, Created: d(2, 11), Closed: d(2, 25)},
	}))
	require.True(t, cycle.Mean.Equal(dec("21")) && cycle.Median.Equal(dec("17.5")))

	// The funnel: 10 deals created, 7 closed by now, 5 won.
	var funnel []string
	for _, r := range tables["funnel"] {
		funnel = append(funnel, fmt.Sprint(r["stage"], " ", r["count"]))
	}
	require.Equal(t, []string{"created 10", "closed 7", "won 5"}, funnel)
}

// The report opens with the export's data quality, by the library's Quality: 10
// rows; of their 50 required cells (ID, amount, stage, created, close) one is empty
// (line 8's amount): 98 %; one row repeats an earlier ID (line 11, line 7's): 10 %;
// 8 rows valid (not line 8, no amount; not line 10, open and due March 14): 80 %. It
// says where the reader stopped: at the blank line 12, six lines left unread.
func TestPipelineQuality(t *testing.T) {
	out, errOut, code := runCmd(t, "pipeline", oppsFile, "-as-of", "2025-03-31")
	require.Equal(t, exitOK, code, errOut)
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"Data quality: as of 2025-03-31, of 10 rows: completeness 98.0 % of the required cells (Opportunity ID, Amount, Stage, Created Date, Close Date), duplicate IDs 10.0 %, valid 80.0 %",
		`Note: No amount, counted at 0: 1 opportunity row line 8, column "Amount": no amount`,
		`Note: Open past the close date (as of 2025-03-31): 1 opportunity row line 10, column "Close Date": open, due 2025-03-14`,
		`Note: The ID of an earlier row, counted again: 1 opportunity row line 11, column "Opportunity ID": repeats the ID of line 7`,
		`Note: testdata/opportunities.csv: the data ends at line 12: 6 lines from there left unread (the export's footer, "Opportunity Pipeline"), not read as bad rows`,
	} {
		require.Contains(t, flat, want)
	}
	require.Less(t, strings.Index(out, "Data quality:"), strings.Index(out, "at a glance"), "it opens with the data quality")
	require.Equal(t, "revops pipeline: note: No amount, counted at 0: 1 opportunity row; the report lists them\n"+
		"revops pipeline: note: Open past the close date (as of 2025-03-31): 1 opportunity row; the report lists them\n"+
		"revops pipeline: note: The ID of an earlier row, counted again: 1 opportunity row; the report lists them\n"+
		// Standard error names the footer too (testdata/opportunities.csv ends with
		// Salesforce's six lines from line 12), as it does every note about the file.
		"revops pipeline: note: testdata/opportunities.csv: the data ends at line 12: 6 lines from there left unread (the export's footer, \"Opportunity Pipeline\"), not read as bad rows; the report lists them\n", errOut)
	doc, tables := pipelineJSON(t, oppsFile, "-as-of", "2025-03-31")
	require.JSONEq(t, `{"as_of":"2025-03-31","rows":10,"required":["Opportunity ID","Amount","Stage","Created Date","Close Date"],"completeness":"0.98",
		"duplicate_rate":"0.1","validity":"0.8","issues":{"missing_amount":1,"past_close":1,"duplicate_id":1}}`, string(doc["quality"]))
	var q []string
	for _, r := range tables["quality"] {
		q = append(q, strings.Join(cells(r, "kind", "line", "column", "same_as_line"), " "))
	}
	require.Equal(t, []string{"missing_amount 8 Amount ", "past_close 10 Close Date ", "duplicate_id 11 Opportunity ID 7"}, q)
	var src struct {
		Rows    int
		Trailer revops.Trailer
	}
	require.NoError(t, json.Unmarshal(doc["source"], &src))
	require.Equal(t, 10, src.Rows)
	require.Equal(t, revops.Trailer{Line: 12, Unread: 6, Text: "Opportunity Pipeline"}, src.Trailer)
	// As of today (December 15), A4 and A7 are past their close dates too.
	_, tables = pipelineJSON(t, oppsFile)
	n := 0
	for _, r := range tables["quality"] {
		if r["kind"] == "past_close" {
			n++
		}
	}
	require.Equal(t, 3, n)
}

// -by splits the pipeline by a column, or by the owner whichever column holds it;
// each segment's figures add up to the total's.
func TestPipelineBy(t *testing.T) {
	for _, by := range []string{"owner", "Opportunity Owner", "opportunity owner"} {
		_, tables := pipelineJSON(t, oppsFile, "-as-of", "2025-03-31", "-by", by)
		sums := map[string]int{}
		for _, r := range tables["segments"] {
			for _, k := range []string{"created", "won", "lost", "open_at_close"} {
				sums[str(r["period"])+" "+k] += int(r[k].(float64))
			}
		}
		for _, r := range tables["pipeline"] {
			for _, k := range []string{"created", "won", "lost", "open_at_close"} {
				require.Equal(t, int(r[k].(float64)), sums[str(r["period"])+" "+k], "%s %s %s", by, r["period"], k)
			}
		}
		// Alice's January: A1 and A3 created, both won; A1 closed in it.
		require.Equal(t, "Alice Ng", tables["segments"][0]["segment"])
		require.Equal(t, []string{"2", "2", "1"}, cells(tables["segments"][0], "created", "created_won", "won"))
	}
	_, tables := pipelineJSON(t, oppsFile, "-as-of", "2025-03-31", "-by", "Lead Source")
	var sources []string
	for _, r := range tables["segments"] {
		if r["period"] == "2025-01" {
			sources = append(sources, str(r["segment"]))
		}
	}
	require.Equal(t, []string{"Partner", "Referral", "Web"}, sources)
	_, errOut, code := runCmd(t, "pipeline", oppsFile, "-by", "Region")
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops pipeline: testdata/opportunities.csv: header: no column \"Region\" to segment by (-by)\n", errOut)
}

// The leads, by hand, in Berlin's working hours (weekdays 09:00 to 17:00):
//
//	L0  2024-12-20 10:00  answered 10:30; converted 2025-03-10 (before the report)
//	L1  Tue 01-07 10:00   answered 12:30: 2 h 30; qualified; converted 01-20
//	L2  Fri 01-10 16:30   answered Mon 09:30: 30 min + 30 min = 1 h; qualified
//	L3  Sat 01-11 11:00   answered Mon 10:00: 1 h
//	L4  Mon 01-20 09:00   never answered; qualified
//	L5  Mon 02-03 09:00   answered 09:15: 15 min; qualified; converted 02-14
//	L6  Wed 02-05 14:00   answered Thu 10:00: 3 h + 1 h = 4 h; qualified; converted 03-03
//	L7  Tue 03-04 09:00   answered 11:00: 2 h
//
// January: 4 leads, 3 qualified, 2 of them contacted (L1, L2); L1 converted: 1 ÷ 4 in
// both forms; response mean (2.5 + 1 + 1) ÷ 3 = 1.5 h, median 1 h, 1 never contacted.
// February: 2 leads, both converted (cohort 100 %), L5 in February (period 50 %); mean
// and median (0.25 + 4) ÷ 2 = 2.125 h. March: 1 lead, none qualified (contact rate
// undefined), none converted; but L6 and L0 converted in March: 2 ÷ 1 = 200 %.
// In wall-clock time January's are 2 h 30, 65 h and 47 h: mean 38 h 10, median 47 h.
func TestPipelineLeads(t *testing.T) {
	_, tables := pipelineJSON(t, oppsFile, "-as-of", "2025-03-31", "-leads", leadsFile, "-business-hours", berlin, "-tz", "Europe/Berlin")
	rows := byPeriod(tables["leads"])
	keys := []string{"leads", "qualified", "contacted", "converted", "conversions", "conversion_rate_created", "conversion_rate_in_period", "response_mean_seconds", "response_median_seconds", "never_contacted"}
	require.Equal(t, []string{"4", "3", "2", "1", "1", "0.25", "0.25", "5400", "3600", "1"}, cells(rows["2025-01"], keys...))
	require.Equal(t, []string{"2", "2", "2", "2", "1", "1", "0.5", "7650", "7650", "0"}, cells(rows["2025-02"], keys...))
	require.Equal(t, []string{"1", "0", "0", "0", "2", "0", "2", "7200", "7200", "0"}, cells(rows["2025-03"], keys...))
	require.Nil(t, rows["2025-03"]["contact_rate"], "no qualified lead: undefined, not 0")

	_, tables = pipelineJSON(t, oppsFile, "-as-of", "2025-03-31", "-leads", leadsFile, "-tz", "Europe/Berlin")
	jan := byPeriod(tables["leads"])["2025-01"]
	require.Equal(t, []string{"137400", "169200"}, cells(jan, "response_mean_seconds", "response_median_seconds"), "38 h 10 and 47 h, wall-clock")

	// The funnel's lead stages over the three months: 7 leads, 5 qualified, 4
	// contacted, 3 converted.
	out, _, _ := runCmd(t, "pipeline", oppsFile, "-as-of", "2025-03-31", "-leads", leadsFile, "-table", "funnel")
	require.Contains(t, out, "leads          converted      3  75.0 %   42.9 %")
	// The tiles: March's lead conversion and median speed to lead.
	out, _, _ = runCmd(t, "pipeline", oppsFile, "-as-of", "2025-03-31", "-leads", leadsFile, "-business-hours", berlin, "-tz", "Europe/Berlin")
	require.Contains(t, out, "Speed to lead      2 h 00 min")
}

// Close dates are whole days in -tz; a close time is an instant, on its date there.
// Issue 22's Phoenix case: a deal won on the date May 1 exported as 2023-05-01T00:00Z
// is May's; one closed at 2023-04-01T01:09:44Z is March 31 in Phoenix.
func TestPipelineTimeZone(t *testing.T) {
	in := "Opportunity ID,Amount,Stage,Created Date,Close Date,Won,Closed\n" +
		"P1,13000,Closed Won,2023-04-10,2023-05-01T00:00:00Z,true,true\n" +
		"P2,5000,Closed Won,2023-03-20T16:00:00Z,2023-04-01T01:09:44Z,true,true\n"
	file := writeFile(t, "phx.csv", in)
	_, tables := pipelineJSON(t, file, "-tz", "America/Phoenix", "-from", "2023-03", "-to", "2023-05")
	rows := byPeriod(tables["pipeline"])
	require.Equal(t, "5000", str(rows["2023-03"]["won_value"]), "P2 closed on March 31 in Phoenix")
	require.Equal(t, "0", str(rows["2023-04"]["won_value"]))
	require.Equal(t, "13000", str(rows["2023-05"]["won_value"]), "P1 won on the date May 1")
	// In UTC P2 closes on April 1.
	_, tables = pipelineJSON(t, file, "-from", "2023-03", "-to", "2023-05")
	require.Equal(t, "5000", str(byPeriod(tables["pipeline"])["2023-04"]["won_value"]))
}

// A US-locale Salesforce report: dates as 1/2/2006, amounts with commas.
func TestPipelineDateLayout(t *testing.T) {
	in := "Opportunity ID,Amount,Stage,Created Date,Close Date\n" +
		`U1,"1,500.00",Closed Won,1/6/2025,1/27/2025` + "\n"
	_, tables := pipelineJSON(t, writeFile(t, "us.csv", in), "-date-layout", "1/2/2006")
	require.Equal(t, []string{"2025-01", "1500", "21"}, cells(tables["pipeline"][0], "period", "won_value", "cycle_mean_days"))
}

// A bad row stops the run with its file, line and column, once; -skip-invalid lists
// it in every format instead.
func TestPipelineBadInput(t *testing.T) {
	const head = "Opportunity ID,Amount,Stage,Created Date,Close Date,Won,Closed\n"
	for _, c := range []struct{ name, in, want string }{
		{"bad amount", head + "X1,ten,Closed Won,2025-01-06,2025-01-27,true,true\n", `line 2, column "Amount": malformed record`},
		{"negative amount", head + "X1,-5,Closed Won,2025-01-06,2025-01-27,true,true\n", `line 2, column "Amount": negative value`},
		{"bad date", head + "X1,5,Closed Won,2025/02/03,2025-03-27,true,true\n", `line 2, column "Created Date": malformed record`},
		{"no such day", head + "X1,5,Closed Won,2025-02-30,2025-03-27,true,true\n", `line 2, column "Created Date": value out of range ("2025-02-30" is not a day: 2025-02 has 28 days)`},
		{"closed before created", head + "X1,5,Closed Won,2025-02-10,2025-01-27,true,true\n", `line 2, column "Close Date": invalid period`},
		{"no close date", head + "X1,5,Closed Won,2025-02-10,,true,true\n", `line 2, column "Close Date": invalid period`},
		{"won but open", head + "X1,5,Closed Won,2025-02-10,2025-02-11,true,false\n", `line 2, column "`},
		{"no created column", "Opportunity ID,Amount,Stage,Close Date\nX1,5,Closed Won,2025-02-11\n", `header: malformed record`},
		{"two currencies", "Opportunity ID,Amount,Stage,Created Date,Close Date,Opportunity Currency\nX1,5,Closed Won,2025-01-06,2025-01-27,USD\nX2,5,Closed Won,2025-01-06,2025-01-27,EUR\n",
			`line 3, column "Opportunity Currency": currency "EUR" after "USD" on line 2: choose one with -currency`},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := writeFile(t, "opps.csv", c.in)
			out, errOut, code := runCmd(t, "pipeline", file)
			require.Equal(t, exitInput, code, errOut)
			require.Empty(t, out)
			require.True(t, strings.HasPrefix(errOut, "revops pipeline: "+file+": "), errOut)
			require.Contains(t, errOut, c.want)
			require.Equal(t, 1, strings.Count(errOut, "\n"))
			require.Equal(t, 1, strings.Count(errOut, file))
		})
	}
	in := head + "X1,5,Closed Won,2025-01-06,2025-01-27,true,true\nX2,ten,Closed Won,2025-01-06,2025-01-27,true,true\nX3,-1,Closed Lost,2025-01-06,2025-01-27,false,true\n"
	file := writeFile(t, "opps.csv", in)
	for _, f := range formatNames {
		out, errOut, code := runCmd(t, "pipeline", file, "-skip-invalid", "-format", f)
		require.Equal(t, exitOK, code, errOut)
		require.Contains(t, errOut, "2 rows skipped (-skip-invalid)")
		if f != "csv" && f != "json" {
			require.Contains(t, strings.ReplaceAll(out, "&#34;", `"`), `line 3, column "Amount"`, f)
			require.Contains(t, strings.ReplaceAll(out, "&#34;", `"`), `line 4, column "Amount"`, f)
		}
	}
	out, _, _ := runCmd(t, "pipeline", file, "-skip-invalid", "-format", "csv", "-table", "notes")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"skipped", "3", "Amount"}, rows[1][:3])
	require.Equal(t, []string{"skipped", "4", "Amount"}, rows[2][:3])
	// -currency leaves the other currency's deals out, by line.
	two := "Opportunity ID,Amount,Stage,Created Date,Close Date,Opportunity Currency\nX1,5,Closed Won,2025-01-06,2025-01-27,USD\nX2,7,Closed Won,2025-01-06,2025-01-27,EUR\n"
	doc, tables := pipelineJSON(t, writeFile(t, "two.csv", two), "-currency", "EUR")
	require.Equal(t, "7", str(tables["pipeline"][0]["won_value"]))
	require.Equal(t, []string{"left_out", "2", "USD"}, cells(tables["notes"][0], "kind", "line", "currency"))
	require.Equal(t, `"EUR"`, string(doc["currency"]))
}

// Bad usage exits 2 with one line; the pipeline's flags are checked as they are read.
func TestPipelineUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"pipeline"}, "revops pipeline: revops pipeline reads an opportunity export: give FILE, or pipe one in; see revops pipeline -h"},
		{[]string{"pipeline", oppsFile, "-business-hours", berlin}, "-business-hours reads a lead export: give -leads FILE"},
		{[]string{"pipeline", oppsFile, "-table", "leads"}, "-table leads needs -leads FILE"},
		{[]string{"pipeline", oppsFile, "-table", "segments"}, "-table segments needs -by COLUMN"},
		{[]string{"pipeline", oppsFile, "-quota", "0"}, `-quota "0": want an amount above 0`},
		{[]string{"pipeline", oppsFile, "-quota", "1e5"}, `-quota "1e5": want an amount above 0`},
		{[]string{"pipeline", oppsFile, "-as-of", "March"}, `-as-of "March": want a date, YYYY-MM-DD`},
		{[]string{"pipeline", oppsFile, "-win-rate", "open"}, `-win-rate "open": want closed or all`},
		{[]string{"pipeline", oppsFile, "-leads", leadsFile, "-business-hours", "weekdays"}, `-business-hours "weekdays": want working days, hours and an IANA zone`},
		{[]string{"pipeline", oppsFile, leadsFile}, "one FILE at most, got 2"},
		{[]string{"pipeline", oppsFile, "-table", "series"}, `-table "series": want pipeline, segments, leads, funnel, quality or notes`},
	} {
		_, errOut, code := runCmd(t, c.args...)
		require.Equal(t, exitUsage, code, "%v: %s", c.args, errOut)
		require.Contains(t, errOut, c.want)
		require.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
	}
	// A pipe is read.
	raw := "Opportunity ID,Amount,Stage,Created Date,Close Date\nX1,5,Closed Won,2025-01-06,2025-01-27\n"
	out, errOut, code := runPipe(t, raw, "pipeline", "-format", "csv")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "\n2025-01,2025-01-01,2025-02-01,1,5,1,5,")
}

// A lead twice, by its Lead ID or by all its cells, is kept and named in a note in
// every format and on standard error (attacked: two identical rows counted as two
// leads without a word, while repeated opportunities and spans had a note).
func TestPipelineDuplicateLeads(t *testing.T) {
	raw, err := os.ReadFile(leadsFile)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(raw), "\n")
	// The first lead again, as the last row.
	dup := lines[1]
	leads := writeFile(t, "leads.csv", string(raw)+dup)
	_, errOut, code := runCmd(t, "pipeline", oppsFile, "-leads", leads, "-as-of", "2025-03-31", "-format", "csv")
	require.Equal(t, exitOK, code, errOut)
	want := "leads.csv: 1 row repeats an earlier lead (its Lead ID, or every cell); kept, each counting again"
	require.Contains(t, errOut, want)
	out, _, code := runCmd(t, "pipeline", oppsFile, "-leads", leads, "-as-of", "2025-03-31", "-format", "csv", "-table", "notes")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, fmt.Sprintf("leads_duplicates,%d,", len(lines)), "the repeat is the file's last line")
}
