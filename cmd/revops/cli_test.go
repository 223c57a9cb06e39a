package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/stretchr/testify/require"
)

// update rewrites demo.csv and the golden files from the code: go test ./cmd/revops -update.
var update = flag.Bool("update", false, "rewrite demo.csv and testdata/*.golden")

// testNow is the clock of every test run: the instant a file's open subscriptions
// are read at, so that a report of them ends in December 2025 whatever the day.
var testNow = time.Date(2025, time.December, 15, 12, 0, 0, 0, time.UTC)

// runCmd runs the command with args and a terminal on standard input, as a person
// types it: with no FILE it reports the demo company.
func runCmd(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runEnv(t, env{stdin: strings.NewReader(""), stdinTerminal: true}, args...)
}

// runPipe runs the command with in piped to its standard input.
func runPipe(t testing.TB, in string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runEnv(t, env{stdin: strings.NewReader(in)}, args...)
}

func runEnv(t testing.TB, e env, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e.stdout, e.stderr = &out, &errOut
	if e.now == nil {
		e.now = func() time.Time { return testNow }
	}
	code = run(args, e)
	return out.String(), errOut.String(), code
}

// writeFile writes content to name in a new folder and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

// -h prints the help once, to standard output, and exits 0; every flag is in it.
func TestHelp(t *testing.T) {
	for _, c := range []struct {
		args    []string
		command string
	}{
		{[]string{"-h"}, "report"}, {[]string{"--help"}, "report"}, {[]string{"help"}, "report"},
		{[]string{"report", "-h"}, "report"}, {[]string{"report", "f.csv", "-format", "json", "-help"}, "report"},
		{[]string{"compare", "-h"}, "compare"}, {[]string{"help", "compare"}, "compare"}, {[]string{"demo", "-h"}, "demo"},
		{[]string{"pipeline", "-h"}, "pipeline"}, {[]string{"help", "pipeline"}, "pipeline"}, {[]string{"pipeline", "opps.csv", "-leads", "l.csv", "--help"}, "pipeline"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, c.args...)
			require.Equal(t, exitOK, code)
			require.Empty(t, errOut, "help goes to standard output only")
			require.Contains(t, out, "Exit status: 0 on success, 1 on bad input, 2 on bad usage.")
			require.Equal(t, 1, strings.Count(out, "Exit status:"), "the help is printed once")
			if c.command == "demo" {
				return
			}
			var cfg config
			newFlags(c.command, &cfg).VisitAll(func(f *flag.Flag) {
				require.Regexp(t, `\n  -`+f.Name+`[ \n]`, out, "flag -%s is documented", f.Name)
			})
		})
	}
}

// Bad usage exits 2 with one line on standard error: what is wrong, the fix, and
// where to read more; nothing on standard output, and no input read.
func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `revops: unknown command "frobnicate": want report, compare, pipeline or demo; see revops -h`},
		{[]string{"report", "-fromat", "json"}, "revops report: unknown flag -fromat: did you mean -format?; see revops report -h"},
		{[]string{"report", "-no-such-flag"}, "revops report: unknown flag -no-such-flag; see revops report -h"},
		{[]string{"report", "-period", "week"}, `revops report: -period "week": want month, quarter or year; see revops report -h`},
		{[]string{"report", "-format", "pdf"}, `revops report: -format "pdf": want table, csv, json, markdown or html; see revops report -h`},
		{[]string{"report", "-from", "March"}, `revops report: -from "March": want YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY; see revops report -h`},
		{[]string{"report", "-currency", "DOLLARS"}, `revops report: -currency "DOLLARS": want an ISO 4217 currency code such as USD or EUR; see revops report -h`},
		{[]string{"report", "-churn-denominator", "median"}, `revops report: -churn-denominator "median": want start, start_plus_new or average; see revops report -h`},
		{[]string{"report", "-reactivation", "as_new_after"}, `-reactivation "as_new_after": as_new_after needs a whole number of days from 1 to 36600, as in as_new_after:90`},
		{[]string{"report", "-reactivation", "separate:30"}, `-reactivation "separate:30": only as_new_after takes :DAYS`},
		{[]string{"report", "-window", "0"}, `-window "0": want a whole number of months from 1 to 1200`},
		{[]string{"report", "-preset", "recurly"}, `-preset "recurly": want chartmogul, stripe, profitwell, baremetrics, lago or playbook`},
		{[]string{"report", "-gross-margin", "1.5"}, `-gross-margin "1.5": want a fraction above 0 and at most 1`},
		{[]string{"report", "-table", "sries"}, `-table "sries": want series, cohorts, cohort_average, trailing, movements, segments, acquisition or notes`},
		{[]string{"report", "-skip-invalid=maybe"}, `-skip-invalid "maybe": want true or false`},
		{[]string{"report", "-format"}, "-format needs a value: "},
		{[]string{"report", "a.csv", "b.csv"}, "revops report: one FILE at most, got 2: a.csv b.csv (several are Stripe's invoices and credit notes, with -source stripe); see revops report -h"},
		{[]string{"report", "-from", "2025-06", "-to", "2025-01"}, "revops report: -from 2025-06 is after -to 2025-01: swap them; see revops report -h"},
		{[]string{"report", "-o", "report.pdf"}, "-o report.pdf: no format is known for .pdf: give -format, or an extension .txt, .csv, .json, .md or .html"},
		{[]string{"report", "-o", "out/", "-format", "json"}, "-o out/ is a folder, which takes one csv file per table: drop -format json, or give -o a file name"},
		{[]string{"compare", "-preset", "stripe"}, "revops compare: unknown flag -preset; see revops compare -h"},
		{[]string{"demo", "extra"}, "revops demo: takes no arguments; see revops demo -h"},
		// Year 1 would be Go's zero time: -as-of refuses it, and a Stripe date before
		// 1970, which Stripe cannot hold (attacked: both were read as not given).
		{[]string{"pipeline", "-as-of", "0001-01-01"}, `-as-of "0001-01-01": want the export's date, from 1900-01-01 on`},
		{[]string{"report", "-source", "stripe", "-status-since", "sub_1=0001-01-01", "x.json"}, "-status-since sub_1=0001-01-01 is before 1970"},
		// A date for a subscription the file does not hold would date nothing.
		{[]string{"report", stripeSubs, "-status-since", "sub_typo=2025-01-01"}, `-status-since names "sub_typo", which is no subscription of testdata/stripe-subscriptions.json: check the id`},
		{[]string{"report", "-source", "stripe", stripeInvs, stripeCredits, "-status-since", "sub_x=2025-01-01"}, "-status-since and -pause-start date Stripe's subscriptions; invoices and credit notes carry their own dates: drop them"},
		// A value is quoted cut at 60 characters, whatever its length.
		{[]string{"report", "-tz", strings.Repeat("x", 3000)}, `-tz "` + strings.Repeat("x", 60) + `…"`},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, c.args...)
			require.Equal(t, exitUsage, code, errOut)
			require.Empty(t, out)
			require.Contains(t, errOut, c.want)
			require.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			require.True(t, strings.HasSuffix(errOut, " -h\n"), "the line ends with where to read more: %q", errOut)
			require.NotContains(t, errOut, "Usage:", "not the whole help")
		})
	}
}

// Every number a flag takes is read whole and strictly, and checked against the
// library's documented maximum (issue 18, item 5): a prefix that parses is not a
// number.
func TestStrictNumbers(t *testing.T) {
	for _, bad := range [][]string{
		{"-window", "1.5"}, {"-window", "12abc"}, {"-window", " 12"}, {"-window", "+12"}, {"-window", "0x10"},
		{"-window", fmt.Sprint(revops.MaxWindowPeriods + 1)}, {"-window", "-1"},
		{"-reactivation", "as_new_after:10x"}, {"-reactivation", "as_new_after:1.5"}, {"-reactivation", "as_new_after:0"},
		{"-reactivation", fmt.Sprintf("as_new_after:%d", revops.MaxWindowDays+1)},
		{"-reactivation", "as_new_after:106751991167301"}, // days × 86,400 s would wrap int64
		{"-gross-margin", "0.8x"}, {"-gross-margin", "0"}, {"-gross-margin", "1e-1"},
		{"-from", "2025-01x"}, {"-to", "2025-13"}, {"-from", "2025-Q5"},
	} {
		_, errOut, code := runCmd(t, append([]string{"report"}, bad...)...)
		require.Equal(t, exitUsage, code, "%v: %s", bad, errOut)
		require.Contains(t, errOut, "-"+strings.TrimPrefix(bad[0], "-")+" "+fmt.Sprintf("%q", bad[1]))
	}
	// The maxima themselves are accepted.
	in := "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,2025-03-01,10\na,2025-06-01,,10\n"
	for _, good := range [][]string{
		{"-window", fmt.Sprint(revops.MaxWindowPeriods)}, {"-window", "1"},
		{"-reactivation", fmt.Sprintf("as_new_after:%d", revops.MaxWindowDays)}, {"-gross-margin", "1"}, {"-gross-margin", "0.05"},
		{"-from", "2025"}, {"-from", "2025-Q1"}, {"-from", "2025-01-15"},
	} {
		_, errOut, code := runPipe(t, in, append([]string{"report", "-format", "csv"}, good...)...)
		require.Equal(t, exitOK, code, "%v: %s", good, errOut)
	}
}

// Flags may come before or after the file (issue 21), and "--" ends them.
func TestFlagsAfterFile(t *testing.T) {
	file := writeFile(t, "f.csv", "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,,10\n")
	before, _, code := runCmd(t, "report", "-format", "json", "-period", "quarter", file)
	require.Equal(t, exitOK, code)
	after, errOut, code := runCmd(t, "report", file, "-format", "json", "-period", "quarter")
	require.Equal(t, exitOK, code, errOut)
	require.Equal(t, before, after)
	mixed, _, code := runCmd(t, "report", "-format=json", file, "-period=quarter")
	require.Equal(t, exitOK, code)
	require.Equal(t, before, mixed)
	bare, _, code := runCmd(t, file, "-format", "json", "-period", "quarter")
	require.Equal(t, exitOK, code, "revops FILE is revops report FILE")
	require.Equal(t, before, bare)
	dashed := writeFile(t, "-odd.csv", "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,,10\n")
	_, errOut, code = runCmd(t, "report", "-format", "csv", "--", dashed)
	require.Equal(t, exitOK, code, errOut)
}

// With no FILE and a pipe on standard input, standard input is read, and never the
// demo (issue 21); on a terminal it is the demo.
func TestStdin(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\nacme,2025-01-01,,10\n"
	for _, args := range [][]string{{"report", "-format", "csv"}, {"-format", "csv"}, {"report", "-format", "csv", "-"}} {
		out, errOut, code := runPipe(t, in, args...)
		require.Equal(t, exitOK, code, errOut)
		require.Contains(t, out, "\n2025-01,2025-01-01,2025-02-01,0,10,", "%v reads the pipe", args)
		require.NotContains(t, out, "2024-01", "not the demo")
	}
	// An empty pipe is not the demo (TestEmptyPipe: its message); "-" names the
	// empty input as a file's.
	_, errOut, code := runPipe(t, "", "report", "-")
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops report: standard input: header: malformed record (empty file: no header row)\n", errOut)
	out, _, code := runCmd(t, "report")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "Source: the demo company")
}

// -o picks the format from its extension unless -format says otherwise (issue 21).
func TestFormatFromExtension(t *testing.T) {
	dir := t.TempDir()
	for ext, want := range map[string]string{".html": "<!DOCTYPE html>", ".htm": "<!DOCTYPE html>", ".json": "{\n  \"command\": \"report\"",
		".csv": "period,start,end,", ".md": "# revops report", ".markdown": "# revops report", ".txt": "revops report\nSource:", "": "revops report\nSource:"} {
		file := filepath.Join(dir, "r"+ext)
		_, errOut, code := runCmd(t, "-o", file)
		require.Equal(t, exitOK, code, errOut)
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(string(raw), want), "%s: %.60q", ext, raw)
	}
	file := filepath.Join(dir, "forced.html")
	_, _, code := runCmd(t, "-o", file, "-format", "json")
	require.Equal(t, exitOK, code)
	raw, _ := os.ReadFile(file)
	require.True(t, strings.HasPrefix(string(raw), "{"), "-format wins over the extension")
}

// The demo writes the embedded export, which writeDemo generates.
func TestDemoDataIsGenerated(t *testing.T) {
	var b strings.Builder
	require.NoError(t, writeDemo(&b))
	if *update {
		require.NoError(t, os.WriteFile("demo.csv", []byte(b.String()), 0o644))
		t.Skip("demo.csv rewritten; build again to embed it")
	}
	require.Equal(t, b.String(), demoCSV, "demo.csv is not what writeDemo writes: go test ./cmd/revops -run TestDemoDataIsGenerated -update")
	out, _, code := runCmd(t, "demo")
	require.Equal(t, exitOK, code)
	require.Equal(t, demoCSV, out, "revops demo writes the embedded export")
}

// Messages name the command once: no "revops:" from the library, no repeated prefix.
func TestNoRepeatedPrefixes(t *testing.T) {
	file := writeFile(t, "bad.csv", "customer_id,start_date,end_date,monthly_amount\nacme,2025-01-01,,x\n")
	_, errOut, code := runCmd(t, "report", file)
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops report: "+file+`: line 2, column "monthly_amount": malformed record ("x" is not a decimal number)`+"\n", errOut)
	require.Len(t, regexp.MustCompile(`revops`).FindAllString(errOut, -1), 1)
}

// -from 0001 is January 1 of year 1, a date like any other, not a flag left out
// (attacked: the report then ran from the data's first year, and -from 0001 -to 0002
// named the year as "2" after -from 2025).
func TestYearOneIsADate(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,,10\n"
	out, errOut, code := runPipe(t, in, "report", "-period", "year", "-from", "0001", "-to", "0002", "-format", "csv")
	require.Equal(t, exitOK, code, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3, "a header and the years 1 and 2")
	require.Equal(t, "0001", rows[1][0])
	require.Equal(t, "0002", rows[2][0])
	// -from and -to alone ask for too many periods: a usage error.
	_, errOut, code = runPipe(t, in, "report", "-period", "year", "-from", "0001", "-to", "2025")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "-from 0001 to -to 2025 is over 1200 years: narrow them")
	// The data's own range, from -from: bad input.
	_, errOut, code = runPipe(t, in, "report", "-period", "year", "-from", "0001")
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, "over 1200 years: narrow it with -from and -to")
}

// A billing interval column the command was not told to read is named in a note on
// standard error and in the notes table: every amount is then read as monthly, so an
// annual plan's 1,200 is MRR 1,200 (the newcomer's silently wrong February: 1,950
// where -col-interval gives 850). With -col-interval the note goes, and MRR is 100.
func TestUnreadIntervalColumn(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount,Interval\na,2025-01-01,,1200,year\n"
	out, errOut, code := runPipe(t, in, "report", "-to", "2025-01", "-format", "csv", "-table", "notes")
	require.Equal(t, exitOK, code, errOut)
	require.Equal(t, "revops report: note: 1 column of the header not read; -table notes lists them\n", errOut)
	require.Contains(t, out, `unread_columns,1,Interval,,,,,not read: every amount is taken as monthly; -col-interval Interval reads it`)
	out, errOut, code = runPipe(t, in, "report", "-to", "2025-01", "-format", "csv", "-col-interval", "Interval")
	require.Equal(t, exitOK, code, errOut)
	require.Empty(t, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, "end_mrr", rows[0][10])
	require.Equal(t, "100", rows[1][10]) // 1,200 a year ÷ 12
}

// An empty pipe with no FILE is reported as empty, with how to get the demo company,
// not as a CSV without a header.
func TestEmptyPipe(t *testing.T) {
	_, errOut, code := runPipe(t, "", "report")
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops report: standard input: empty: with no FILE, revops reads standard input when it is not a terminal; to see the demo company, run it with no pipe or with </dev/null\n", errOut)
}

// A spend file without its period column names the flag that names it (bad input,
// exit 1, as every missing column is).
func TestSpendPeriodColumnHint(t *testing.T) {
	_, errOut, code := runCmd(t, "report", spendHistory, "-spend", spendFile, "-spend-period", "month")
	require.Equal(t, exitInput, code)
	require.Equal(t, `revops report: testdata/spend.csv: header: malformed record (no column "month" in header "period,sales,marketing"): name the file's own column with -spend-period`+"\n", errOut)
}
