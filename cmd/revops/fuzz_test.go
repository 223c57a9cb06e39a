package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// yearsIn returns the years of the dates written in s, in order.
func yearsIn(s string) []int {
	var out []int
	for _, m := range dateYears.FindAllStringSubmatch(s, -1) {
		if y, err := strconv.Atoi(m[1]); err == nil && y > 0 {
			out = append(out, y)
		}
	}
	slices.Sort(out)
	return out
}

var dateYears = regexp.MustCompile(`(\d{4})-\d\d-\d\d`)

// fuzzSeeds are the inputs of issues 18 and 21, each with the flags that met it.
var fuzzSeeds = []struct {
	csv   string
	flags uint8
}{
	// Issue 18, item 1: subscription ids that look like positions.
	{"subscription_id,customer_id,start_date,end_date,monthly_amount\nspans[99],a,2020-01-01,2020-06-01,10\nspans[99],a,2020-03-01,2020-09-01,20\n", 0},
	{"subscription_id,customer_id,start_date,end_date,monthly_amount\nspans[0],a,2020-01-01,2020-06-01,10\nspans[0],a,2020-03-01,2020-09-01,20\n", flagSkip},
	// Item 2: a currency that is a script, written as character references.
	{"customer_id,start_date,end_date,monthly_amount,currency\na,2025-01-01,,10,<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>\n", 0},
	{"customer_id,start_date,end_date,monthly_amount,plan\n<script>alert(1)</script>,2025-01-01,,10,`x`|y\nb,2025-01-01,,x<b>,p\n", flagSkip | flagBy},
	// Item 3: year 1.
	{"customer_id,start_date,end_date,monthly_amount\na,2020-01-01,0001-01-01,10\n", 0},
	{"customer_id,start_date,end_date,monthly_amount\na,0001-01-01T00:00:00Z,2020-01-01,10\n", flagSkip},
	// Item 6: skipped rows and rows in another currency.
	{"subscription_id,customer_id,start_date,end_date,monthly_amount,currency\n1,a,2025-01-01,,10,usd\n1,a,2025-02-01,,5,USD\n2,b,2025-13-01,,x,EUR\n3,c,2025-01-01,,7,EUR\n", flagSkip | flagCurrency},
	// Item 7: a duplicated row.
	{"customer_id,start_date,end_date,monthly_amount\na,2025-01-01,,10\na,2025-01-01,,10\n", 0},
	// Item 9: a byte order mark before a quoted header.
	{"\ufeff\"subscription_id\",\"customer_id\",\"start_date\",\"end_date\",\"monthly_amount\"\n\"1\",\"a\",\"2025-01-01\",,\"10\"\n", 0},
	// Item 11: a header alone, and CRLF line ends.
	{"customer_id,start_date,end_date,monthly_amount\n", 0},
	{"customer_id,start_date,end_date,monthly_amount\r\na,2025-01-01,2025-03-01,10\r\na,2025-04-01,,20\r\n", flagQuarter},
	// Broken quoting.
	{"customer_id,start_date,end_date,monthly_amount\n\"a\n", 0},
	// Issue 21: every row ends (the playbook's shape), and joined-and-left in a quarter.
	{"customer_id,start_date,end_date,monthly_amount\na,2017-09-01,2017-11-01,25\nb,2017-09-01,2017-10-01,50\nc,2017-10-01,2017-11-01,25\n", flagQuarter},
	{"customer_id,start_date,end_date,monthly_amount,plan\na,2025-01-01,2025-04-01,10,basic\na,2025-04-01,,30,pro\nb,2025-04-05,2025-04-20,5,basic\n", flagBy},
}

// The fuzz target's flags, as bits of its flags argument.
const (
	flagSkip     = 1 << iota // -skip-invalid
	flagQuarter              // -period quarter (else year, to keep each run short)
	flagCurrency             // -currency USD
	flagBy                   // -by the last column of the header
	flagPreset               // -preset chartmogul
	flagCompare              // revops compare instead of report
)

// FuzzReport runs the command's whole path on arbitrary CSV bytes, read from a file
// and with a few flags, in every format: it never panics, it either succeeds or
// reports bad input in one line, and no input string reaches the page or the
// markdown unescaped (issue 18).
func FuzzReport(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.csv, s.flags)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in string, flags uint8) {
		file := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"report", file, "-period", "year"}
		if flags&flagCompare != 0 {
			args[0] = "compare"
		}
		if flags&flagQuarter != 0 {
			args[3] = "quarter"
		}
		if flags&flagSkip != 0 {
			args = append(args, "-skip-invalid")
		}
		if flags&flagCurrency != 0 {
			args = append(args, "-currency", "USD")
		}
		if flags&flagPreset != 0 && args[0] == "report" {
			args = append(args, "-preset", "chartmogul")
		}
		if flags&flagBy != 0 && args[0] == "report" {
			head, _, _ := strings.Cut(in, "\n")
			cols := strings.Split(strings.TrimSpace(head), ",")
			if by := cols[len(cols)-1]; by != "" && !strings.HasPrefix(by, "-") {
				args = append(args, "-by", by)
			}
		}
		// A range of centuries is valid, and slow to report in five formats (its
		// cohort table grows with the square of its periods): a run looks at forty
		// years of it at most, from its first date.
		if years := yearsIn(in); len(years) > 0 && years[len(years)-1]-years[0] > 40 {
			args = append(args, "-from", fmt.Sprintf("%04d", years[0]), "-to", fmt.Sprintf("%04d", min(years[0]+40, 9999)))
		}
		for _, format := range formatNames {
			out, errOut, code := runCmd(t, append(args, "-format", format)...)
			switch {
			case code == exitInput:
				if !strings.HasPrefix(errOut, "revops "+args[0]+": ") || strings.Count(errOut, "\n") != 1 {
					t.Fatalf("bad input is one line named by the command: %q", errOut)
				}
				return // the same input fails in every format
			case code != exitOK:
				t.Fatalf("exit %d on data with %v: %s", code, args, errOut)
			}
			switch format {
			case "html":
				if p := pageProblem(out); p != "" {
					t.Fatalf("the page: %s", p)
				}
			case "markdown":
				if p := markdownProblem(out); p != "" {
					t.Fatalf("the markdown: %s", p)
				}
			}
		}
	})
}

// FuzzStripeReport runs the command's whole path on arbitrary bytes read as Stripe's
// objects, with and without -source stripe, in every format: it never panics, it
// either succeeds or reports bad input in one line, and no input string reaches the
// page or the markdown unescaped. Its seeds are the Stripe exports of testdata/ and
// the shapes the decoder meets.
func FuzzStripeReport(f *testing.F) {
	for _, name := range []string{stripeSubs, stripeInvs, stripeCredits} {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw), uint8(0))
		f.Add(string(raw), uint8(flagSkip|flagPreset))
	}
	for _, s := range []string{
		`[]`, `{"object": "list", "data": [], "url": "/v1/subscriptions"}`, `{"object": "subscription"}`,
		`{"object": "subscription", "id": "sub_1", "status": "unpaid", "customer": "<b>", "currency": "usd", "start_date": 1, "items": {"data": []}}`,
		`{"object": "invoice", "id": "in_1", "lines": {"data": [{"amount": -5}]}}`, "{\"object\": \"list\",\n\"data\": [\n{", `{"object": "credit_note"}`,
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(flagSkip))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in string, flags uint8) {
		file := filepath.Join(dir, "in.json")
		if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		// Stripe's timestamps run from 1970 to 9999: a run reports three years of
		// quarters, whatever they hold.
		args := []string{"report", file, "-period", "quarter", "-from", "2024", "-to", "2026"}
		if flags&flagCompare != 0 {
			args[0] = "compare"
		}
		if flags&flagQuarter != 0 {
			args = append(args, "-source", "stripe")
		}
		if flags&flagSkip != 0 {
			args = append(args, "-skip-invalid")
		}
		if flags&flagCurrency != 0 {
			args = append(args, "-currency", "USD")
		}
		if flags&flagPreset != 0 && args[0] == "report" {
			args = append(args, "-preset", "stripe")
		}
		for _, format := range formatNames {
			out, errOut, code := runCmd(t, append(args, "-format", format)...)
			switch {
			case code == exitInput || code == exitUsage && flags&flagQuarter == 0:
				// Bytes that are no JSON are read as a CSV without -source stripe.
				if !strings.HasPrefix(errOut, "revops "+args[0]+": ") || strings.Count(errOut, "\n") != 1 {
					t.Fatalf("bad input is one line named by the command: %q", errOut)
				}
				return
			case code != exitOK:
				t.Fatalf("exit %d on data with %v: %s", code, args, errOut)
			}
			switch format {
			case "html":
				if p := pageProblem(out); p != "" {
					t.Fatalf("the page: %s", p)
				}
			case "markdown":
				if p := markdownProblem(out); p != "" {
					t.Fatalf("the markdown: %s", p)
				}
			}
		}
	})
}

// FuzzSpend runs the report of the spend example's customers with arbitrary bytes as
// its -spend file, in every format: it never panics, it either succeeds or reports
// bad input in one line, and no cell or column name reaches the page or the markdown
// unescaped.
func FuzzSpend(f *testing.F) {
	for _, name := range []string{spendFile, demoSpend} {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw), uint8(0))
	}
	for _, s := range []string{
		"period,sales\n2025-01,1,000.50\n", "period,sales\n2025-Q1,10\n", "period,sales\n2025,10\n", "period\n2025-01\n",
		"period,a,a\n2025-01,1,2\n", "period,sales\n2025-02,5\n2025-01,5\n", "period,sales\n2025-01,-1\n2025-02,x\n\nGrand Total,1\n",
		"\ufeffperiod,<b>\n2025-01,\"1\n2\"\n", "period,sales\n9999-12,1e9999\n",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(flagSkip))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in string, flags uint8) {
		file := filepath.Join(dir, "spend.csv")
		if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"report", spendHistory, "-spend", file, "-to", "2025-03"}
		if flags&flagSkip != 0 {
			args = append(args, "-skip-invalid")
		}
		if flags&flagQuarter != 0 {
			args = append(args, "-period", "quarter")
		}
		for _, format := range formatNames {
			out, errOut, code := runCmd(t, append(args, "-format", format)...)
			switch {
			case code == exitInput:
				if !strings.HasPrefix(errOut, "revops report: ") || strings.Count(errOut, "\n") != 1 {
					t.Fatalf("bad input is one line named by the command: %q", errOut)
				}
				return
			case code != exitOK:
				t.Fatalf("exit %d with %v: %s", code, args, errOut)
			}
			switch format {
			case "html":
				if p := pageProblem(out); p != "" {
					t.Fatalf("the page: %s", p)
				}
			case "markdown":
				if p := markdownProblem(out); p != "" {
					t.Fatalf("the markdown: %s", p)
				}
			}
		}
	})
}

// FuzzPipeline runs revops pipeline on arbitrary bytes as the opportunity export and
// as the lead export, in every format: it never panics, it either succeeds or
// reports bad input in one line, and no cell or column name reaches the page or the
// markdown unescaped. Its seeds are the exports of testdata/ and the shapes a CRM
// export takes: footers, US dates, empty amounts, stages without Won and Closed.
func FuzzPipeline(f *testing.F) {
	opps, err := os.ReadFile(oppsFile)
	if err != nil {
		f.Fatal(err)
	}
	leads, err := os.ReadFile(leadsFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(opps), string(leads), uint8(flagBy))
	f.Add(string(opps), "", uint8(flagSkip|flagQuarter))
	for _, s := range []string{
		"Opportunity ID,Amount,Stage,Created Date,Close Date\nX,\"1,000.00\",Closed Won,1/6/2025,1/27/2025\n",
		"Opportunity ID,Amount,Stage,Created Date,Close Date,Won,Closed\nX,,Prospecting,2025-01-06,,false,false\n\nGrand Totals (1 record)\n",
		"Amount,Stage,Created Date,Close Date\n5,Closed Lost,2025-01-06T23:30:00-08:00,2025-01-07\n",
		"Opportunity ID,Amount,Stage,Created Date,Close Date,Opportunity Currency\nX,5,Closed Won,2025-01-06,2025-01-27,USD\nY,5,Closed Won,2025-01-06,2025-01-27,EUR\n",
		"Opportunity ID,Amount,Stage,Created Date,Close Date,Won,Closed\nX,5,Closed Won,2025-02-06,2025-01-27,true,false\n",
		"Opportunity ID,Amount,Stage,Created Date,Close Date\nX,1e9999,Closed Won,0001-01-01,9999-12-31\n",
	} {
		f.Add(s, "Lead ID,Created Date,First Response\nL,2025-01-02T10:00,2025-01-01T09:00\n", uint8(0))
		f.Add(s, "", uint8(flagSkip))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, opps, leads string, flags uint8) {
		file, leadFile := filepath.Join(dir, "opps.csv"), filepath.Join(dir, "leads.csv")
		if err := os.WriteFile(file, []byte(opps), 0o644); err != nil {
			t.Fatal(err)
		}
		// A range of centuries is valid and slow: a run reports two years of it.
		args := []string{"pipeline", file, "-period", "month", "-from", "2024-06", "-to", "2026-05", "-as-of", "2025-12-15"}
		if leads != "" {
			if err := os.WriteFile(leadFile, []byte(leads), 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, "-leads", leadFile)
			if flags&flagPreset != 0 {
				args = append(args, "-business-hours", "mon-fri 09:00-17:00 America/New_York")
			}
		}
		if flags&flagQuarter != 0 {
			args[3] = "quarter"
			args = append(args, "-quota", "1000")
		}
		if flags&flagSkip != 0 {
			args = append(args, "-skip-invalid")
		}
		if flags&flagCurrency != 0 {
			args = append(args, "-currency", "USD")
		}
		if flags&flagBy != 0 {
			args = append(args, "-by", "owner")
		}
		for _, format := range formatNames {
			out, errOut, code := runCmd(t, append(args, "-format", format)...)
			switch {
			case code == exitInput:
				if !strings.HasPrefix(errOut, "revops pipeline: ") || strings.Count(errOut, "\n") != 1 {
					t.Fatalf("bad input is one line named by the command: %q", errOut)
				}
				return
			case code != exitOK:
				t.Fatalf("exit %d with %v: %s", code, args, errOut)
			}
			switch format {
			case "html":
				if p := pageProblem(out); p != "" {
					t.Fatalf("the page: %s", p)
				}
			case "markdown":
				if p := markdownProblem(out); p != "" {
					t.Fatalf("the markdown: %s", p)
				}
			}
		}
	})
}
