// Command revops prints the revenue metrics of a subscription export: per period MRR,
// ARR, the five MRR movements, customers, churn, NRR, GRR, quick ratio and ARPA, then
// the cohort retention table and trailing NRR and GRR, every figure computed by the
// revops library.
//
// Usage:
//
//	revops                          the report of the built-in demo company
//	revops report [flags] [FILE]    the report of a CSV export; FILE "-" reads standard input
//	revops demo                     write the demo company's CSV export to standard output
//
// The default columns are the dbt mrr-playbook's (customer_id, start_date, end_date,
// monthly_amount, and optional subscription_id and currency); the -col flags name
// others. Output is an aligned table by default, or csv, json, markdown, or a
// self-contained html page with charts.
//
// Exit status: 0 on success, 1 on bad input (a malformed row names its file, line and
// column), 2 on bad usage. Run revops -h for every flag.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/revopskit/revops"
)

const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// config is what the flags ask for.
type config struct {
	file        string // "" for the demo, "-" for standard input
	period      string // month, quarter or year
	from, to    string // first and last period, as YYYY-MM or YYYY-MM-DD; "" for the data's own
	currency    string
	format      string
	out         string
	skipInvalid bool
	cols        revops.SpanColumns
	policy      revops.Policy
	preset      string          // a vendor preset the policy starts from; "" for the defaults
	set         map[string]bool // the policy flags given, which override the preset
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// inputError is bad input: exit status 1.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// run is the command with its arguments and streams, returning its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "report"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "report":
	case "demo":
		if len(args) > 0 {
			fmt.Fprintln(stderr, "revops demo: takes no arguments")
			return exitUsage
		}
		if err := writeDemo(stdout); err != nil {
			fmt.Fprintln(stderr, "revops demo:", err)
			return exitInput
		}
		return exitOK
	case "help":
		usage(stdout, newFlags(&config{}, stdout))
		return exitOK
	default:
		fmt.Fprintf(stderr, "revops: unknown command %q (want report or demo; revops -h lists the flags)\n", cmd)
		return exitUsage
	}
	var cfg config
	fs := newFlags(&cfg, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return exitOK
		}
		return exitUsage // the flag package has printed the error and the usage
	}
	cfg.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { cfg.set[f.Name] = true })
	switch fs.NArg() {
	case 0:
	case 1:
		cfg.file = fs.Arg(0)
	default:
		fmt.Fprintf(stderr, "revops report: one file at most, got %d: %s\n", fs.NArg(), strings.Join(fs.Args(), " "))
		return exitUsage
	}
	if err := report(cfg, stdin, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "revops report:", err)
		var u usageError
		if errors.As(err, &u) {
			return exitUsage
		}
		return exitInput
	}
	return exitOK
}

// newFlags declares every flag of revops report into cfg.
func newFlags(cfg *config, output io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("revops report", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() { usage(output, fs) }
	fs.StringVar(&cfg.period, "period", "month", "period of each row: month, quarter or year")
	fs.StringVar(&cfg.from, "from", "", "first period, as YYYY-MM or YYYY-MM-DD (default: the period of the earliest start)")
	fs.StringVar(&cfg.to, "to", "", "last period, as YYYY-MM or YYYY-MM-DD (default: the period of the latest start or end)")
	fs.StringVar(&cfg.currency, "currency", "", "report in this `code`: rows in other currencies are left out and counted, rows with none take it (default: the file's one currency)")
	fs.StringVar(&cfg.format, "format", "table", "output: table, csv, json, markdown or html")
	fs.StringVar(&cfg.out, "o", "", "write the report to this `file` instead of standard output")
	fs.BoolVar(&cfg.skipInvalid, "skip-invalid", false, "skip malformed rows, counting and listing them in the report, instead of stopping at the first")
	fs.StringVar(&cfg.cols.Customer, "col-customer", "customer_id", "customer id `column`")
	fs.StringVar(&cfg.cols.Subscription, "col-subscription", "", "subscription id `column` (default: subscription_id when the file has it)")
	fs.StringVar(&cfg.cols.Start, "col-start", "start_date", "start date `column`")
	fs.StringVar(&cfg.cols.End, "col-end", "end_date", "end date `column` (exclusive; empty while running)")
	fs.StringVar(&cfg.cols.Amount, "col-amount", "monthly_amount", "amount `column`: MRR, or the list price per interval with -col-interval")
	fs.StringVar(&cfg.cols.Currency, "col-currency", "", "currency code `column` (default: currency when the file has it)")
	fs.StringVar(&cfg.cols.Interval, "col-interval", "", "billing interval `column` (month, year, 3 months, ...): the amount is then a list price, normalized to MRR")
	fs.StringVar(&cfg.cols.DateLayout, "date-layout", "", "Go time `layout` of the dates (default: 2006-01-02 or RFC 3339)")
	fs.StringVar(&cfg.preset, "preset", "", "start from a tool's documented conventions: chartmogul, stripe, profitwell, baremetrics, lago or playbook; the policy flags below override it")
	fs.TextVar(&cfg.policy.ChurnDenominator, "churn-denominator", revops.ChurnOverStart, "customer churn ÷ customers at the start, start_plus_new (Stripe) or average")
	fs.TextVar(&cfg.policy.NRRReactivation, "nrr-reactivation", revops.NRRExcludesReactivation, "whether NRR and net revenue churn count reactivation: excluded or included")
	fs.Func("reactivation", "where returning customers' MRR goes: separate, as_expansion (Lago) or as_new_after:DAYS (Maxio: 90) (default separate)", func(s string) error {
		r, err := parseReactivation(s)
		cfg.policy.Reactivation = r
		return err
	})
	fs.Func("window", "months of the trailing NRR and GRR window (default 12)", func(s string) error {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || n < 1 || n > 1200 {
			return fmt.Errorf("%q is not a whole number of months from 1 to 1200", s)
		}
		cfg.policy.Window = revops.TrailingMonths(n)
		return nil
	})
	return fs
}

// parseReactivation reads -reactivation: a placement name, with ":DAYS" for
// as_new_after.
func parseReactivation(s string) (revops.ReactivationPolicy, error) {
	name, days, windowed := strings.Cut(s, ":")
	var r revops.Reactivation
	if err := r.UnmarshalText([]byte(name)); err != nil {
		return revops.ReactivationPolicy{}, fmt.Errorf("%q: want separate, as_expansion or as_new_after:DAYS", s)
	}
	if r != revops.ReactivationAsNewAfter {
		if windowed {
			return revops.ReactivationPolicy{}, fmt.Errorf("%q: only as_new_after takes :DAYS", s)
		}
		return revops.ReactivationPolicy{Placement: r}, nil
	}
	var n int
	if _, err := fmt.Sscan(days, &n); err != nil || n < 1 {
		return revops.ReactivationPolicy{}, fmt.Errorf("%q: as_new_after needs a window of days ≥ 1, as as_new_after:90", s)
	}
	return revops.ReactivationWindow(n), nil
}

// usage prints how to call the command and every flag.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `revops prints the revenue metrics of a subscription export.

Usage:
  revops                          the report of the built-in demo company
  revops report [flags] [FILE]    the report of a CSV export; FILE - reads standard input;
                                  no FILE reports the demo company
  revops demo                     write the demo company's CSV export to standard output
                                  (read it back with -col-amount price -col-interval interval)

The report: per period MRR, ARR, new, expansion, contraction, churn and reactivation MRR,
net new MRR, customers, logo churn, gross and net revenue churn, NRR, GRR, quick ratio and
ARPA; the cohort table (logo and revenue retention by first paying period); trailing NRR
and GRR. A period's MRR is read at its last instant. An undefined figure (a zero
denominator) prints as n/a, with its reason in json.

The file: one row per stretch of a subscription at one price, with a header row. Default
columns are the dbt mrr-playbook's: customer_id, start_date, end_date (exclusive, empty
while running), monthly_amount, and subscription_id and currency when present.

Exit status: 0 on success, 1 on bad input, 2 on bad usage.

Flags of revops report (and of revops with no command):
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// report reads the spans cfg names and writes their report.
func report(cfg config, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := checkConfig(&cfg); err != nil {
		return err
	}
	in, err := load(cfg, stdin, stderr, isTerminal(stderr))
	if err != nil {
		return err
	}
	rep, err := buildReport(cfg, in)
	if err != nil {
		return err
	}
	w := stdout
	var f *os.File
	if cfg.out != "" {
		if f, err = os.Create(cfg.out); err != nil {
			return inputError{err}
		}
		w = f
	}
	err = render(w, cfg.format, rep)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// checkConfig refuses flag values no report can be made with, before any input is read.
func checkConfig(cfg *config) error {
	switch cfg.period {
	case "month", "quarter", "year":
	default:
		return usageError{fmt.Sprintf("-period %q: want month, quarter or year", cfg.period)}
	}
	switch cfg.format {
	case "table", "csv", "json", "markdown", "html":
	default:
		return usageError{fmt.Sprintf("-format %q: want table, csv, json, markdown or html", cfg.format)}
	}
	for _, d := range []struct{ flag, value string }{{"from", cfg.from}, {"to", cfg.to}} {
		if _, err := parseDay(d.value); err != nil {
			return usageError{fmt.Sprintf("-%s %q: want YYYY-MM or YYYY-MM-DD", d.flag, d.value)}
		}
	}
	if cfg.preset != "" {
		presets := map[string]func() revops.Policy{
			"chartmogul": revops.ChartMogulPolicy, "stripe": revops.StripePolicy, "profitwell": revops.ProfitWellPolicy,
			"baremetrics": revops.BaremetricsPolicy, "lago": revops.LagoPolicy, "playbook": revops.PlaybookPolicy,
		}
		preset, ok := presets[strings.ToLower(cfg.preset)]
		if !ok {
			return usageError{fmt.Sprintf("-preset %q: want chartmogul, stripe, profitwell, baremetrics, lago or playbook", cfg.preset)}
		}
		p := preset()
		if cfg.set["churn-denominator"] {
			p.ChurnDenominator = cfg.policy.ChurnDenominator
		}
		if cfg.set["nrr-reactivation"] {
			p.NRRReactivation = cfg.policy.NRRReactivation
		}
		if cfg.set["reactivation"] {
			p.Reactivation = cfg.policy.Reactivation
		}
		if cfg.set["window"] {
			p.Window = cfg.policy.Window
		}
		cfg.policy = p
	}
	if cfg.policy.Window == (revops.RetentionWindow{}) {
		cfg.policy.Window = revops.TrailingMonths(12) // the default, stated in the report
	}
	if cfg.currency != "" {
		if _, err := revops.MinorUnits(cfg.currency); err != nil {
			return usageError{fmt.Sprintf("-currency %q: not an ISO 4217 code with minor units", cfg.currency)}
		}
		cfg.currency = strings.ToUpper(cfg.currency)
	}
	return nil
}

// parseDay reads a -from or -to value: the zero Time for "".
func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}
