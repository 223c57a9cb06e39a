package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/revopskit/revops"
	revopsbeam "github.com/revopskit/revops/beam"
)

func TestMain(m *testing.M) { ptest.Main(m) }

var playbook = filepath.Join("..", "..", "..", "testdata", "mrr-playbook-subscription_periods.csv")

// localRun runs a pipeline on the tests' local runner.
func localRun(_ context.Context, p *beam.Pipeline) error { return ptest.Run(p) }

// command runs revops-beam with args, as a shell would, and returns its exit status,
// standard output and standard error.
func command(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(flag.NewFlagSet("test", flag.ContinueOnError), args, &stdout, &stderr, localRun)
	return code, stdout.String(), stderr.String()
}

// write writes files into dir, a name ending in .gz compressed.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		data := []byte(text)
		if strings.HasSuffix(name, ".gz") {
			var b bytes.Buffer
			z := gzip.NewWriter(&b)
			z.Write(data)
			z.Close()
			data = b.Bytes()
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The job on the playbook's CSV writes the playbook's bridge: every month equal to
// the library's series, and May 2018 as read off the CSV by hand (customer 10 leaves,
// 80; customers 6 and 9 start, 35 + 85).
func TestJobPlaybook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	out := filepath.Join(t.TempDir(), "report.csv")
	if code, _, stderr := command("--input", playbook, "--output", out, "--from", "2017-09", "--to", "2020-02", "--shards", "4"); code != exitOK || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	report, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.SplitN(string(report), "\n\n", 2)[0])).ReadAll()
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
	out := filepath.Join(t.TempDir(), "report.json")
	if code, _, stderr := command("--input", playbook, "--output", out, "--format", "json", "--period", "quarter", "--from", "2018-01", "--to", "2018-12", "--shards", "2"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	report, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"spans": 121`, `"start": "2018-10-01T00:00:00Z"`, `"cohorts"`} {
		if !strings.Contains(string(report), want) {
			t.Fatalf("the json report lacks %s", want)
		}
	}
}

// The report of no spans, January and February 2025, by hand: zero MRR and customers,
// every rate undefined (no start MRR, no customers, no churn to divide by), and two
// empty cohorts.
const noSpans = `period,start_mrr,new,expansion,contraction,churn,reactivation,end_mrr,start_customers,new_customers,churned_customers,end_customers,customer_churn,nrr,grr,quick_ratio,arpa
2025-01-01,0,0,0,0,0,0,0,0,0,0,0,n/a,n/a,n/a,n/a,n/a
2025-02-01,0,0,0,0,0,0,0,0,0,0,0,n/a,n/a,n/a,n/a,n/a

cohort,size,offset,customers,mrr,logo_retention,revenue_retention
2025-01-01,0,0,0,0,n/a,n/a
2025-01-01,0,1,0,0,n/a,n/a
2025-02-01,0,0,0,0,n/a,n/a
`

// January and February 2025 of customer a, who starts on 1 January at 10, by hand:
// new 10 in January; in February start and end 10, customer churn 0 of 1, NRR and
// GRR 10 ÷ 10, no loss to divide the quick ratio by, ARPA 10.
const (
	aJanuary  = "2025-01-01,0,10,0,0,0,0,10,0,1,0,1,n/a,n/a,n/a,n/a,10"
	aFebruary = "2025-02-01,10,0,0,0,0,0,10,1,0,0,1,0,1,1,n/a,10"
)

// twelve returns a header and ten rows of customers c2 to c11, on lines 2 to 11,
// each starting in January 2025 at 1, and then rest from line 12 on.
func twelve(rest string) string {
	var b strings.Builder
	b.WriteString("customer_id,start_date,end_date,monthly_amount\n")
	for line := 2; line <= 11; line++ {
		fmt.Fprintf(&b, "c%d,2025-01-01,,1\n", line)
	}
	return b.String() + rest
}

// The job on inputs messy exports hold: its exit status, every line it prints on
// stderr (DIR/ standing for the input's folder) and lines its report must hold.
func TestJobInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	const (
		header = "customer_id,start_date,end_date,monthly_amount\n"
		subs   = "subscription_id,customer_id,start_date,end_date,monthly_amount\n"
	)
	for _, c := range []struct {
		name   string
		files  map[string]string
		input  string   // the --input under DIR; "spans.csv" when empty
		flags  []string // more flags
		code   int
		stderr string
		report []string // lines the report holds; nil for no report
		whole  string   // the whole report, when given
	}{
		{name: "header only: the report of no spans", files: map[string]string{"spans.csv": header},
			whole: noSpans},
		{name: "a BOM before a quoted header, CRLF line ends",
			files:  map[string]string{"spans.csv": "\ufeff\"customer_id\",\"start_date\",end_date,monthly_amount\r\na,2025-01-01,,10\r\n"},
			report: []string{aJanuary, aFebruary}},
		{name: "CRLF line ends, an empty line counted",
			files: map[string]string{"spans.csv": "customer_id,start_date,end_date,monthly_amount\r\na,2025-01-01,,10\r\n\r\nb,2025-01-01,2024-12-01,10\r\n"},
			code:  exitInput, stderr: `revops-beam: DIR/spans.csv: line 4, column "end_date": invalid period (2024-12-01 is not after the start 2025-01-01)` + "\n"},
		{name: "a malformed row on line 12", files: map[string]string{"spans.csv": twelve("c12,2025-01-01,,ten\n")},
			code: exitInput, stderr: `revops-beam: DIR/spans.csv: line 12, column "monthly_amount": malformed record ("ten" is not a decimal number)` + "\n"},
		{name: "three malformed rows: the first, and the count",
			files: map[string]string{"spans.csv": twelve("c12,2025-01-01,,ten\nc13,2025-02-30,,1\nc14\n")},
			code:  exitInput, stderr: `revops-beam: DIR/spans.csv: line 12, column "monthly_amount": malformed record ("ten" is not a decimal number)` + "\n" +
				"revops-beam: 3 rows refused in all, the first above\n"},
		{name: "issue 18's overlap, subscription spans[99]",
			files: map[string]string{"spans.csv": subs + "spans[99],a,2020-01-01,2020-06-01,10\nspans[99],a,2020-03-01,2020-09-01,20\n"},
			code:  exitInput, stderr: `revops-beam: DIR/spans.csv: line 3, column "start_date": inconsistent inputs (starts while another span of subscription "spans[99]" runs; see line 2)` + "\n"},
		{name: "an overlap named by its file's lines, not a shard's",
			files: map[string]string{"spans.csv": subs + "s1,a,2025-01-01,2025-06-01,10\ns2,b,2025-01-01,,5\ns3,c,2025-01-01,,5\ns1,a,2025-03-01,,20\n"},
			flags: []string{"--shards", "7"},
			code:  exitInput, stderr: `revops-beam: DIR/spans.csv: line 5, column "start_date": inconsistent inputs (starts while another span of subscription "s1" runs; see line 2)` + "\n"},
		{name: "--skip_invalid leaves out a malformed row and an overlap, and says so",
			// Kept: a at 10 from January to June, b at 5 from February: January new 10, February new 5.
			files:  map[string]string{"spans.csv": subs + "s1,a,2025-01-01,2025-06-01,10\ns2,b,2025-13-01,,5\ns2,b,2025-02-01,,5\ns1,a,2025-03-01,,20\n"},
			flags:  []string{"--skip_invalid"},
			stderr: `revops-beam: left out 2 rows (--skip_invalid), the first: DIR/spans.csv: line 3, column "start_date": value out of range ("2025-13-01" is not a day: there is no month 13)` + "\n",
			report: []string{"2025-01-01,0,10,0,0,0,0,10,0,1,0,1,n/a,n/a,n/a,n/a,10", "2025-02-01,10,5,0,0,0,0,15,1,1,0,2,0,1,1,n/a,7.5"}},
		{name: "an empty file: no header", files: map[string]string{"spans.csv": ""},
			code: exitInput, stderr: "revops-beam: DIR/spans.csv: malformed record (empty file: no header row)\n"},
		{name: "a header without the amount", files: map[string]string{"spans.csv": "customer_id,start_date,end_date,amount\na,2025-01-01,,1\n"},
			code: exitInput, stderr: `revops-beam: DIR/spans.csv: line 1: malformed record (no column "monthly_amount" in header "customer_id,start_date,end_date,amount")` + "\n"},
		{name: "two currencies",
			files: map[string]string{"spans.csv": "customer_id,start_date,end_date,monthly_amount,currency\na,2025-01-01,,10,USD\nb,2025-01-01,,10,EUR\nc,2025-01-01,,10,usd\n"},
			code:  exitInput, stderr: `revops-beam: DIR/spans.csv: line 3, column "currency": currency "EUR" after "USD" on line 2: mixed currencies; give the job the rows of one currency` + "\n"},
		{name: "a glob: each file its own lines",
			files: map[string]string{"a.csv": header + "a,2025-01-01,,10\nb,2025-01-01,,1\n", "b.csv": header + "c,2025-01-01,,1\nd,2025-01-01,,x\n"},
			input: "*.csv",
			code:  exitInput, stderr: `revops-beam: DIR/b.csv: line 3, column "monthly_amount": malformed record ("x" is not a decimal number)` + "\n"},
		{name: "a glob: the files' rows add up",
			// a 10, b 1, c 1, all from January: new 12, three customers, ARPA 4.
			files: map[string]string{"a.csv": header + "a,2025-01-01,,10\nb,2025-01-01,,1\n", "b.csv": header + "c,2025-01-01,,1\n"},
			input: "*.csv", report: []string{"2025-01-01,0,12,0,0,0,0,12,0,3,0,3,n/a,n/a,n/a,n/a,4"}},
		{name: "a glob: a second file's header is not skipped",
			files: map[string]string{"a.csv": header + "a,2025-01-01,,10\n", "b.csv": "customer,start_date,end_date,monthly_amount\nc,2025-01-01,,1\n"},
			input: "*.csv", flags: []string{"--skip_invalid"},
			code: exitInput, stderr: `revops-beam: DIR/b.csv: line 1: malformed record (no column "customer_id" in header "customer,start_date,end_date,monthly_amount")` + "\n"},
		{name: "gzip, read whole", files: map[string]string{"spans.csv.gz": header + "a,2025-01-01,,10\nb,2025-01-01,,1,2\n"},
			input: "spans.csv.gz",
			code:  exitInput, stderr: "revops-beam: DIR/spans.csv.gz: line 3: malformed record (5 fields, the header has 4)\n"},
		{name: "gzip, its rows", files: map[string]string{"spans.csv.gz": header + "a,2025-01-01,,10\r\n"},
			input: "spans.csv.gz", report: []string{aJanuary, aFebruary}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, c.files)
			input := c.input
			if input == "" {
				input = "spans.csv"
			}
			out := filepath.Join(t.TempDir(), "report.csv")
			args := append([]string{"--input", filepath.Join(dir, input), "--output", out, "--from", "2025-01", "--to", "2025-02", "--shards", "3"}, c.flags...)
			code, stdout, stderr := command(args...)
			if want := strings.ReplaceAll(c.stderr, "DIR/", dir+string(filepath.Separator)); code != c.code || stderr != want || stdout != "" {
				t.Fatalf("exit %d, want %d\nstderr: %q\nwant:   %q\nstdout: %q", code, c.code, stderr, want, stdout)
			}
			report, err := os.ReadFile(out)
			if c.report == nil && c.whole == "" {
				if err == nil {
					t.Fatalf("a report was written:\n%s", report)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.whole != "" && string(report) != c.whole {
				t.Fatalf("report:\n%s\nwant:\n%s", report, c.whole)
			}
			for _, line := range c.report {
				if !strings.Contains("\n"+string(report), "\n"+line+"\n") {
					t.Fatalf("the report lacks %s:\n%s", line, report)
				}
			}
			if left, _ := filepath.Glob(out + ".*"); len(left) > 0 {
				t.Fatalf("files left beside the report: %v", left)
			}
		})
	}
}

// However small the parts the file is split into, even a byte, every row is read
// once, with its file's line: 20 customers c1 to c20 from January at 1 to 20 a month,
// c16 malformed on line 17, CRLF line ends. By hand, January without c16: new 210 −
// 16 = 194 from 19 customers.
func TestJobSplits(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Beam pipeline")
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("customer_id,start_date,end_date,monthly_amount\r\n")
	for c := 1; c <= 20; c++ {
		amount := fmt.Sprint(c)
		if c == 16 {
			amount = "sixteen"
		}
		fmt.Fprintf(&b, "c%d,2025-01-01,,%s\r\n", c, amount)
	}
	in := filepath.Join(dir, "spans.csv")
	write(t, dir, map[string]string{"spans.csv": b.String()})
	for _, split := range []int64{1, 7, 50, 0} {
		t.Run(fmt.Sprintf("%d bytes", split), func(t *testing.T) {
			cfg := config{input: in, output: filepath.Join(t.TempDir(), "report.csv"), format: "csv", period: "month",
				from: "2025-01", to: "2025-01", shards: 3, logLevel: "warn", splitBytes: split}
			var stderr bytes.Buffer
			want := `revops-beam: ` + in + `: line 17, column "monthly_amount": malformed record ("sixteen" is not a decimal number)` + "\n"
			if code := launch(context.Background(), cfg, &stderr, localRun); code != exitInput || stderr.String() != want {
				t.Fatalf("exit %d: %q, want %q", code, stderr.String(), want)
			}
			cfg.skipInvalid = true
			stderr.Reset()
			if code := launch(context.Background(), cfg, &stderr, localRun); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			report, err := os.ReadFile(cfg.output)
			if err != nil {
				t.Fatal(err)
			}
			if want := "\n2025-01-01,0,194,0,0,0,0,194,0,19,0,19,"; !strings.Contains(string(report), want) {
				t.Fatalf("the report lacks %s:\n%s", want, report)
			}
		})
	}
}

// Bad usage exits 2 with one line, the fix and where to read more, before any input
// is read: the input named here need not exist.
func TestUsage(t *testing.T) {
	const more = " (revops-beam -h lists the flags)\n"
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "revops-beam: --input, --output, --from and --to are required" + more},
		{[]string{"--format", "xml"}, `revops-beam: --format "xml": want csv or json` + more},
		{[]string{"--from", "2018-13"}, `revops-beam: --from "2018-13": want YYYY-MM` + more},
		{[]string{"--to", "2018-2"}, `revops-beam: --to "2018-2": want YYYY-MM` + more},
		{[]string{"--from", "2018-05", "--to", "2018-02"}, "revops-beam: --from 2018-05 is after --to 2018-02" + more},
		{[]string{"--period", "week"}, `revops-beam: --period "week": want month, quarter or year` + more},
		{[]string{"--shards", "0"}, "revops-beam: --shards 0: want 1 or more" + more},
		{[]string{"--shards", "x"}, `revops-beam: invalid value "x" for flag -shards: parse error` + more},
		{[]string{"--fromm", "2018-01"}, "revops-beam: flag provided but not defined: -fromm" + more},
		{[]string{"spans.csv"}, `revops-beam: unexpected argument "spans.csv": name the input with --input` + more},
		{[]string{"--log_level", "loud"}, `revops-beam: --log_level "loud": want debug, info, warn or error` + more},
		// 121 years of 12 months: 1,452 periods, and a cohort table of over a million cells.
		{[]string{"--from", "1900-01", "--to", "2020-12"},
			"revops-beam: --from 1900-01 --to 2020-12: 1452 months, more than the 1200 periods of a cohort table; narrow the range or choose a longer --period" + more},
		{[]string{"--period", "year", "--from", "0001-01", "--to", "9999-12"},
			"revops-beam: --from 0001-01 --to 9999-12: 9999 years, more than the 1200 periods of a cohort table; narrow the range or choose a longer --period" + more},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			args := append([]string{"--input", "none.csv", "--output", "report.csv", "--from", "2018-01", "--to", "2018-02"}, c.args...)
			if c.args == nil {
				args = nil
			}
			code, stdout, stderr := command(args...)
			if code != exitUsage || stderr != c.want || stdout != "" {
				t.Fatalf("exit %d\nstderr: %q\nwant:   %q\nstdout: %q", code, stderr, c.want, stdout)
			}
		})
	}
}

// A missing input is bad input, exit 1, named once.
func TestMissingInput(t *testing.T) {
	in := filepath.Join(t.TempDir(), "none.csv")
	code, _, stderr := command("--input", in, "--output", "report.csv", "--from", "2018-01", "--to", "2018-02")
	if want := "revops-beam: " + in + ": no such file\n"; code != exitInput || stderr != want {
		t.Fatalf("exit %d: %q, want %q", code, stderr, want)
	}
}

// -h prints the help once, to stdout, and exits 0.
func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help"} {
		code, stdout, stderr := command(arg)
		if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "Usage: revops-beam ") || strings.Count(stdout, "--skip_invalid\n") != 1 {
			t.Fatalf("%s: exit %d, stderr %q, stdout:\n%s", arg, code, stderr, stdout)
		}
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
			if _, usage := err.(usageError); !usage {
				t.Fatalf("%s %s..%s: want a usage error, got %d periods, %v", c.kind, c.from, c.to, len(periods), err)
			}
			continue
		}
		if err != nil || len(periods) != c.n {
			t.Fatalf("%s %s..%s: %d periods, want %d: %v", c.kind, c.from, c.to, len(periods), c.n, err)
		}
	}
	quarters, _ := periodsOf("quarter", "2025-02", "2025-11")
	if !quarters[0].Start().Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("the first quarter of 2025 starts %v", quarters[0].Start())
	}
}

// Every part of a file, as SplitRestriction cuts it and for every part size, reads
// the rows that start in it with their lines: together, each row once. The file has
// an LF line, a CRLF line, an empty line and a last line without a line end; row k
// names customer c<k>, so its line is 1 + k, and 2 more past the empty line. Each part
// that reads a row names its first as the origin of the file's currency.
func TestReadParts(t *testing.T) {
	dir := t.TempDir()
	text := "\ufeffcustomer_id,start_date,end_date,monthly_amount\nc1,2025-01-01,,1\r\nc2,2025-01-01,,2\n\nc3,2025-01-01,,3\nc4,2025-01-01,,4"
	write(t, dir, map[string]string{"spans.csv": text})
	file := fileio.ReadableFile{Metadata: fileio.FileMetadata{Path: filepath.Join(dir, "spans.csv"), Size: int64(len(text))}}
	want := "c1 line 2, c2 line 3, c3 line 5, c4 line 6"
	for size := int64(1); size <= int64(len(text))+1; size++ {
		f := &readFn{SplitBytes: size}
		var got []string
		for _, part := range f.SplitRestriction(file, f.CreateInitialRestriction(file)) {
			rt := f.CreateTracker(part)
			var lines, origins []int
			err := f.ProcessElement(context.Background(), rt, file,
				func(r revopsbeam.Row) {
					got = append(got, fmt.Sprintf("%s line %d", r.Span.Customer, r.Line))
					lines = append(lines, r.Line)
				},
				func(p problem) { t.Fatalf("%d-byte parts: %s", size, p.Msg) },
				func(currency string, o origin) { origins = append(origins, o.Line) })
			if err != nil || !rt.IsDone() {
				t.Fatalf("%d-byte part %v: %v, done %v", size, part, err, rt.IsDone())
			}
			if len(lines) > 0 && (len(origins) != 1 || origins[0] != lines[0]) || len(lines) == 0 && len(origins) > 0 {
				t.Fatalf("%d-byte part %v: rows on lines %v, origins %v", size, part, lines, origins)
			}
		}
		if strings.Join(got, ", ") != want {
			t.Fatalf("%d-byte parts: %s, want %s", size, strings.Join(got, ", "), want)
		}
	}
}

// The output through a symbolic link is the file the link names, made if need be;
// the link stays a link, and no temporary file is left.
func TestWriteFileFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "www", "report.csv")
	if err := os.Mkdir(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.csv")
	if err := os.Symlink(filepath.Join("www", "report.csv"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, text := range []string{"first", "second"} { // dangling, then to a file
		if err := writeFile(context.Background(), link, link+".token.tmp", []byte(text)); err != nil {
			t.Fatal(err)
		}
		if raw, err := os.ReadFile(target); err != nil || string(raw) != text {
			t.Fatalf("the link's file holds %q (%v), want %q", raw, err, text)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link is no longer a link: %v", err)
		}
		for _, d := range []string{dir, filepath.Dir(target)} {
			entries, _ := os.ReadDir(d)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp") {
					t.Fatalf("left %s in %s", e.Name(), d)
				}
			}
		}
	}
	loop := filepath.Join(dir, "loop.csv")
	if err := os.Symlink("loop.csv", loop); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(context.Background(), loop, loop+".tmp", []byte("x")); err == nil || err.Error() != loop+": too many levels of symbolic links" {
		t.Fatalf("a loop of links: %v", err)
	}

	// A ".." in a link's target leads out of the folder the path really reaches:
	// d is a link to real/sub, so d/link.csv -> ../target.csv names real/target.csv.
	for _, step := range []error{
		os.MkdirAll(filepath.Join(dir, "real", "sub"), 0o755),
		os.Symlink(filepath.Join("real", "sub"), filepath.Join(dir, "d")),
		os.Symlink(filepath.Join("..", "target.csv"), filepath.Join(dir, "real", "sub", "link.csv")),
		os.WriteFile(filepath.Join(dir, "target.csv"), []byte("unrelated"), 0o644),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	if err := writeFile(context.Background(), filepath.Join(dir, "d", "link.csv"), filepath.Join(dir, "d", "link.csv.token.tmp"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	if raw, err := os.ReadFile(filepath.Join(dir, "real", "target.csv")); err != nil || string(raw) != "new" {
		t.Fatalf("real/target.csv holds %q (%v), want the output", raw, err)
	}
	if raw, _ := os.ReadFile(filepath.Join(dir, "target.csv")); string(raw) != "unrelated" {
		t.Fatalf("the target.csv beside d was overwritten: %q", raw)
	}

	// A link through a linked folder into a folder that does not exist is refused,
	// and no folder is made where the path's text, cleaned, would lead.
	if err := os.Symlink(filepath.Join("..", "newdir", "x.csv"), filepath.Join(dir, "real", "sub", "nd.csv")); err != nil {
		t.Fatal(err)
	}
	nd := filepath.Join(dir, "d", "nd.csv")
	err := writeFile(context.Background(), nd, nd+".token.tmp", []byte("x"))
	if want := nd + " (a link to " + filepath.Join(dir, "d") + "/../newdir/x.csv): no such file or directory"; err == nil || err.Error() != want {
		t.Fatalf("a link into a missing folder: %v, want %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "newdir")); !os.IsNotExist(err) {
		t.Fatalf("a stray folder was made: %v", err)
	}

	// A folder behind a link is refused, named by the path given.
	folder := filepath.Join(dir, "folder.csv")
	if err := os.Symlink("www", folder); err != nil {
		t.Fatal(err)
	}
	err = writeFile(context.Background(), folder, folder+".tmp", []byte("x"))
	if want := folder + " (a link to " + filepath.Join(dir, "www") + "): not a regular file"; err == nil || err.Error() != want {
		t.Fatalf("a link to a folder: %v, want %s", err, want)
	}
}
