package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const header = "subscription_id,customer_id,start_date,end_date,monthly_amount,currency\n"

// Each class of malformed row stops the run with its file, line, column and reason,
// and exit status 1.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, rows string
		want       []string
	}{
		{"bad date", "s1,acme,2025-01-01,,10,USD\ns2,acme,2025-02-30,,10,USD\n", []string{`line 3, column "start_date"`, "malformed record", `"2025-02-30"`}},
		{"end before start", "s1,acme,2025-03-01,2025-02-01,10,USD\n", []string{`line 2, column "end_date"`, "invalid period"}},
		{"no start", "s1,acme,,2025-02-01,10,USD\n", []string{`line 2, column "start_date"`, "empty start"}},
		{"bad amount", "s1,acme,2025-01-01,,10.5.1,USD\n", []string{`line 2, column "monthly_amount"`, `"10.5.1" is not a decimal number`}},
		{"negative amount", "s1,acme,2025-01-01,,-10,USD\n", []string{`line 2, column "monthly_amount"`, "negative value"}},
		{"empty customer", "s1,,2025-01-01,,10,USD\n", []string{`line 2, column "customer_id"`, "empty customer"}},
		{"missing field", "s1,acme,2025-01-01,10,USD\n", []string{"line 2", "5 fields, the header has 6"}},
		{"bad quoting", "s1,\"acme,2025-01-01,,10,USD\n", []string{"line 2", "malformed record"}},
		{"mixed currencies", "s1,acme,2025-01-01,,10,USD\ns2,globex,2025-01-01,,10,EUR\n", []string{"line 3", `"EUR" after "USD" on line 2`, "-currency"}},
		{"overlapping spans", "s1,acme,2025-01-01,2025-06-01,10,USD\ns2,globex,2025-01-01,,10,USD\ns1,acme,2025-03-01,,20,USD\n", []string{`line 4, column "start_date"`, "see line 2", `subscription "s1"`}},
		{"missing column", "", []string{`no column "end_date"`}},
		{"empty file", "", []string{"empty file"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			content := header + c.rows
			switch c.name {
			case "missing column":
				content = "customer_id,start_date,monthly_amount\nacme,2025-01-01,10\n"
			case "empty file":
				content = ""
			}
			file := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".csv")
			require.NoError(t, os.WriteFile(file, []byte(content), 0o644))
			out, errOut, code := runCmd(t, "", "report", file)
			require.Equal(t, exitInput, code, errOut)
			require.Empty(t, out, "nothing is printed from bad input")
			require.Contains(t, errOut, file+": ", "the message names the file")
			for _, w := range c.want {
				require.Contains(t, errOut, w)
			}
		})
	}
	t.Run("no such file", func(t *testing.T) {
		_, errOut, code := runCmd(t, "", "report", filepath.Join(dir, "absent.csv"))
		require.Equal(t, exitInput, code)
		require.Contains(t, errOut, "absent.csv")
	})
}

// With -skip-invalid the bad rows are left out, counted in the report's header and
// listed with their reasons, and the valid ones make the report.
func TestSkipInvalid(t *testing.T) {
	in := header +
		"s1,acme,2025-01-01,,100,USD\n" + // line 2
		"s2,globex,2025-13-01,,10,USD\n" + // line 3: no month 13
		"s3,initech,2025-01-01,,-5,USD\n" + // line 4: negative
		"s1,acme,2025-03-01,,20,USD\n" + // line 5: overlaps line 2
		"s4,umbrella,2025-02-01,,50,USD\n" + // line 6
		"s5,hooli,2025-02-01,,70,EUR\n" // line 7: another currency
	out, errOut, code := runCmd(t, in, "report", "-skip-invalid", "-currency", "usd", "-")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "2 spans in the report")
	require.Contains(t, out, "Skipped rows (-skip-invalid): 3\n  line 3: ")
	require.Contains(t, out, "\n  line 4: ")
	require.Contains(t, out, "\n  line 5: line 5, column \"start_date\": inconsistent inputs (starts while another span of subscription \"s1\" runs; see line 2)")
	require.Contains(t, out, "Left out (-currency USD): 1 rows in EUR")
	require.Regexp(t, `\n2025-02 +100\.00 +50\.00 `, out, "acme's 100 and umbrella's 50; the bad rows count nothing")

	out, _, code = runCmd(t, in, "report", "-skip-invalid", "-currency", "USD", "-format", "json", "-")
	require.Equal(t, exitOK, code)
	var rep reportData
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Equal(t, 6, rep.Rows)
	require.Equal(t, 2, rep.Spans)
	require.Equal(t, []int{3, 4, 5}, []int{rep.Skipped[0].Line, rep.Skipped[1].Line, rep.Skipped[2].Line})
	require.Contains(t, rep.Skipped[1].Reason, "negative value")
	require.Equal(t, map[string]int{"EUR": 1}, rep.LeftOut)

	// A failing row that is not a record, such as a header without a needed column,
	// still stops the run.
	_, errOut, code = runCmd(t, "a,b\n1,2\n", "report", "-skip-invalid", "-")
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, "standard input: ")
}

// Bad usage exits with status 2 and says what is wrong, before any input is read.
func TestBadUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"report", "-no-such-flag"}, "flag provided but not defined: -no-such-flag"},
		{[]string{"report", "-period", "week"}, `-period "week"`},
		{[]string{"report", "-format", "pdf"}, `-format "pdf"`},
		{[]string{"report", "-from", "March"}, `-from "March"`},
		{[]string{"report", "-currency", "DOLLARS"}, `-currency "DOLLARS"`},
		{[]string{"report", "-churn-denominator", "median"}, "-churn-denominator"},
		{[]string{"report", "-reactivation", "as_new_after"}, "as_new_after needs a window"},
		{[]string{"report", "-reactivation", "separate:30"}, "only as_new_after takes :DAYS"},
		{[]string{"report", "-window", "0"}, "-window"},
		{[]string{"report", "-preset", "recurly"}, `-preset "recurly"`},
		{[]string{"report", "a.csv", "b.csv"}, "one file at most, got 2"},
		{[]string{"report", "-from", "2025-06", "-to", "2025-01"}, "-from 2025-06 is after -to 2025-01"},
		{[]string{"demo", "extra"}, "takes no arguments"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, "", c.args...)
			require.Equal(t, exitUsage, code, errOut)
			require.Empty(t, out)
			require.Contains(t, errOut, c.want)
		})
	}
}

// -h documents every flag, and exits 0.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"report", "-h"}, {"help"}} {
		out, _, code := runCmd(t, "", args...)
		require.Equal(t, exitOK, code)
		require.Contains(t, out, "Usage:")
		require.Contains(t, out, "Exit status: 0 on success, 1 on bad input, 2 on bad usage.")
		newFlags(&config{}, nil).VisitAll(func(f *flag.Flag) {
			require.Regexp(t, `\n  -`+f.Name+`[ \n]`, out, "flag %s is documented", f.Name)
			require.NotEmpty(t, f.Usage)
		})
	}
}

// A long file shows its progress when standard error is a terminal, and streams:
// memory grows with the spans, not the file (see BenchmarkLoad).
func TestProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("customer_id,start_date,end_date,monthly_amount\n")
	for i := range 2*progressEvery + 5 {
		fmt.Fprintf(&b, "c%d,2025-01-01,,1\n", i)
	}
	var stderr strings.Builder
	in, err := load(config{file: "-"}, strings.NewReader(b.String()), &stderr, true)
	require.NoError(t, err)
	require.Equal(t, 2*progressEvery+5, in.rows)
	require.Equal(t, fmt.Sprintf("\rrevops: standard input: %d rows read\rrevops: standard input: %d rows read\rrevops: standard input: %d rows read\n",
		progressEvery, 2*progressEvery, 2*progressEvery+5), stderr.String())
	stderr.Reset()
	_, err = load(config{file: "-"}, strings.NewReader(b.String()), &stderr, false)
	require.NoError(t, err)
	require.Empty(t, stderr.String(), "no progress off a terminal")
}
