// Command revops-beam computes the revops metric series and cohort table of a CSV
// export of subscription spans on Apache Beam: on this machine with the local (prism)
// runner, or on Dataflow, Flink or Spark by Beam's --runner flags.
//
//	revops-beam --input spans.csv --output report.csv --from 2024-01 --to 2025-12
//	revops-beam --input 'gs://bucket/spans-*.csv' --output gs://bucket/report.json --format json \
//	    --from 2024-01 --to 2025-12 --runner dataflow --project P --region R --staging_location gs://bucket/staging
//
// The input is one file or a glob of files on a file system Beam knows (local paths,
// gs://), each with a header line with the columns of revops report (the dbt
// mrr-playbook's by default), then one row per line. Line ends may be LF or CRLF, and
// a UTF-8 byte order mark may come before the header. A file ending in .gz is read
// whole by one worker; any other is split among workers as Beam's textio splits it,
// each counting the lines before its part so that every error names the file's real
// line. The periods are given, --from to --to, since a cluster job should not first
// scan its input for them. The output is one file, the series (one row per period)
// and the cohort table, as csv or json, written beside its target and renamed into
// place.
//
// Exit status: 0 when the report is written; 1 on bad input (a malformed row, a span
// the library refuses, rows in two currencies, a missing or empty file) or a failed
// job, with the first fault in file order named by its file, line and column; 2 on
// bad usage.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/revopskit/revops"
	revopsbeam "github.com/revopskit/revops/beam"
)

const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

func main() {
	os.Exit(run(flag.CommandLine, os.Args[1:], os.Stdout, os.Stderr, beamx.Run))
}

// config is what the flags ask for.
type config struct {
	input, output, format string
	period, from, to      string
	shards                int
	skipInvalid           bool
	logLevel              string
	cols                  revops.SpanColumns
	policy                revops.Policy
	splitBytes            int64  // bytes of an uncompressed file each part starts with; 0 for defaultSplitBytes
	token                 string // names this run's files beside the output
}

// runner runs a pipeline: beamx.Run, or the tests' local runner.
type runner func(context.Context, *beam.Pipeline) error

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// ours names the flags the command declares, to tell them from Beam's in the help.
var ours = []string{"input", "output", "format", "period", "from", "to", "shards", "skip_invalid",
	"col_customer", "col_subscription", "col_start", "col_end", "col_amount", "col_currency", "col_interval",
	"date_layout", "log_level"}

// declare adds the command's flags to fs, which holds Beam's too (they choose the
// runner), and returns the config they fill in.
func declare(fs *flag.FlagSet) *config {
	cfg := &config{}
	fs.StringVar(&cfg.input, "input", "", "CSV file or glob of spans, each with a header line (required)")
	fs.StringVar(&cfg.output, "output", "", "file to write the report to (required)")
	fs.StringVar(&cfg.format, "format", "csv", "output: csv or json")
	fs.StringVar(&cfg.period, "period", "month", "period of each row: month, quarter or year")
	fs.StringVar(&cfg.from, "from", "", "first period, as YYYY-MM (required)")
	fs.StringVar(&cfg.to, "to", "", "last period, as YYYY-MM (required)")
	fs.IntVar(&cfg.shards, "shards", 64, "groups of customers the spans are shuffled into, 1 or more")
	fs.BoolVar(&cfg.skipInvalid, "skip_invalid", false, "leave out malformed rows and refused spans, counting them, instead of failing")
	fs.StringVar(&cfg.cols.Customer, "col_customer", "", "customer id column (default customer_id)")
	fs.StringVar(&cfg.cols.Subscription, "col_subscription", "", "subscription id column (default subscription_id when present)")
	fs.StringVar(&cfg.cols.Start, "col_start", "", "start date column (default start_date)")
	fs.StringVar(&cfg.cols.End, "col_end", "", "end date column (default end_date)")
	fs.StringVar(&cfg.cols.Amount, "col_amount", "", "amount column (default monthly_amount)")
	fs.StringVar(&cfg.cols.Currency, "col_currency", "", "currency column (default currency when present)")
	fs.StringVar(&cfg.cols.Interval, "col_interval", "", "billing interval column: the amount is then a list price, normalized to MRR")
	fs.StringVar(&cfg.cols.DateLayout, "date_layout", "", "Go time layout of the dates (default 2006-01-02 or RFC 3339)")
	fs.StringVar(&cfg.logLevel, "log_level", "warn", "Beam's own log lines on stderr: debug, info, warn or error")
	return cfg
}

// run is the command with its arguments and streams, returning its exit status. fs
// holds Beam's flags: the command line's in main, a fresh set in tests.
func run(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, execute runner) int {
	cfg := declare(fs)
	fs.Init("revops-beam", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the errors are printed once, below, and the help only when asked for
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return exitOK
		}
		return usageFailed(stderr, err)
	}
	if fs.NArg() > 0 {
		return usageFailed(stderr, usageError{fmt.Sprintf("unexpected argument %q: name the input with --input", fs.Arg(0))})
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, cfg.logLevel) {
		return usageFailed(stderr, usageError{fmt.Sprintf("--log_level %q: want debug, info, warn or error", cfg.logLevel)})
	}
	if beamlog.LogLevel != cfg.logLevel { // written only to change it: the local runner's goroutines read it
		beamlog.LogLevel = cfg.logLevel
	}
	// On a worker, Init runs the Beam harness and never returns: the flags above are
	// then Beam's, and the job's own are checked below, on the machine that launches it.
	beam.Init()
	return launch(context.Background(), *cfg, stderr, execute)
}

// usageFailed prints a usage error as one line, with where to read more.
func usageFailed(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "revops-beam: %v (revops-beam -h lists the flags)\n", err)
	return exitUsage
}

// launch builds the job of cfg, runs it, and reports how it went.
func launch(ctx context.Context, cfg config, stderr io.Writer, execute runner) int {
	if cfg.token == "" {
		b := make([]byte, 8)
		rand.Read(b)
		cfg.token = hex.EncodeToString(b)
	}
	p, err := pipeline(ctx, cfg)
	var u usageError
	switch {
	case errors.As(err, &u):
		return usageFailed(stderr, err)
	case err != nil:
		fmt.Fprintln(stderr, "revops-beam:", err)
		return exitInput
	}
	if err := execute(ctx, p); err != nil {
		fmt.Fprintln(stderr, "revops-beam: the job failed:", err)
		return exitInput
	}
	return outcome(ctx, cfg, stderr)
}

// usage prints the help: the command's flags, then a word on Beam's.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Usage: revops-beam --input FILE --output FILE --from YYYY-MM --to YYYY-MM [flags] [Beam flags]

revops-beam computes the revops metric series and cohort table of a CSV export of
subscription spans on Apache Beam and writes them to one file, csv or json.

Flags:
`)
	for _, name := range ours {
		f := fs.Lookup(name)
		kind, text := flag.UnquoteUsage(f)
		if kind != "" {
			kind = " " + kind
		}
		fmt.Fprintf(w, "  --%s%s\n    \t%s", f.Name, kind, text)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, `
Beam's own flags choose the runner and its resources: --runner (prism, the local
default, dataflow, flink, spark), --project, --region, --staging_location,
--temp_location, --endpoint, --environment_type, --num_workers and others; see the
Beam Go SDK's documentation.

Exit status: 0 when the report is written, 1 on bad input or a failed job, 2 on bad
usage.
`)
}

// pipeline builds the job cfg asks for: read, parse, totals, report, write. Its
// errors are usageError for bad flags, and bad input otherwise.
func pipeline(ctx context.Context, cfg config) (*beam.Pipeline, error) {
	if cfg.input == "" || cfg.output == "" || cfg.from == "" || cfg.to == "" {
		return nil, usageError{"--input, --output, --from and --to are required"}
	}
	if cfg.format != "csv" && cfg.format != "json" {
		return nil, usageError{fmt.Sprintf("--format %q: want csv or json", cfg.format)}
	}
	if cfg.shards < 1 {
		return nil, usageError{fmt.Sprintf("--shards %d: want 1 or more", cfg.shards)}
	}
	periods, err := periodsOf(cfg.period, cfg.from, cfg.to)
	if err != nil {
		return nil, err
	}
	h, err := revops.NewHistory(nil, cfg.policy)
	if err == nil {
		_, err = h.Totals(periods, cfg.policy)
	}
	if err != nil {
		return nil, usageError{fmt.Sprintf("--from %s --to %s: %s", cfg.from, cfg.to, reason(err))}
	}
	if err := checkOutput(ctx, cfg.output); err != nil {
		return nil, err
	}
	if err := checkInput(ctx, cfg.input, cfg.cols); err != nil {
		return nil, err
	}
	policy := cfg.policy
	if cfg.skipInvalid {
		policy.InvalidRecords = revops.InvalidRecordsSkip
	}
	p, s := beam.NewPipelineWithRoot()
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, cfg.input))
	rows, bad, firsts := beam.ParDo3(s, &readFn{Cols: cfg.cols, SplitBytes: cfg.splitBytes}, files)
	totals, refused := revopsbeam.TotalsByCurrency(s, rows, revopsbeam.Config{Periods: periods, Policy: policy, Shards: cfg.shards})
	problems := beam.Flatten(s, bad, beam.ParDo(s, &refusalFn{Cols: cfg.cols}, refused))
	summaries := beam.Combine(s, mergeSummaries, beam.ParDo(s, summaryOf, problems))
	origins := beam.DropKey(s, beam.CombinePerKey(s, earlier, firsts))
	beam.ParDo0(s, &finishFn{Output: cfg.output, Format: cfg.format, Periods: periods, Policy: policy, Skip: cfg.skipInvalid, Token: cfg.token, Cols: cfg.cols},
		beam.Impulse(s), beam.SideInput{Input: totals}, beam.SideInput{Input: summaries}, beam.SideInput{Input: origins})
	return p, nil
}

// periodsOf returns the periods of kind from the one holding from to the one holding
// to: at most revops.MaxCohortPeriods of them, since the job writes the cohort table,
// whose cells grow with the square of the periods.
func periodsOf(kind, from, to string) ([]revops.Period, error) {
	first, err := time.Parse("2006-01", from)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--from %q: want YYYY-MM", from)}
	}
	last, err := time.Parse("2006-01", to)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--to %q: want YYYY-MM", to)}
	}
	months := map[string]int{"month": 1, "quarter": 3, "year": 12}[kind]
	if months == 0 {
		return nil, usageError{fmt.Sprintf("--period %q: want month, quarter or year", kind)}
	}
	if first.After(last) {
		return nil, usageError{fmt.Sprintf("--from %s is after --to %s", from, to)}
	}
	index := func(t time.Time) int { return (t.Year()*12 + int(t.Month()) - 1) / months } // years from 0000 to 9999
	if n := index(last) - index(first) + 1; n > revops.MaxCohortPeriods {
		return nil, usageError{fmt.Sprintf("--from %s --to %s: %d %ss, more than the %d periods of a cohort table; narrow the range or choose a longer --period",
			from, to, n, kind, revops.MaxCohortPeriods)}
	}
	of := func(t time.Time) revops.Period {
		switch kind {
		case "quarter":
			q, _ := revops.Quarter(t.Year(), (int(t.Month())-1)/3+1)
			return q
		case "year":
			return revops.Year(t.Year())
		}
		return revops.Month(t.Year(), t.Month())
	}
	var out []revops.Period
	for p := of(first); !p.Start().After(of(last).Start()); p = p.Next() {
		out = append(out, p)
	}
	return out, nil
}

// reason returns why the library refused something, for people: its sentinel and
// detail, without the metric and position, which the caller names in its own terms.
func reason(err error) string {
	var e *revops.Error
	if !errors.As(err, &e) || e.Err == nil {
		return err.Error()
	}
	if e.Detail == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + " (" + e.Detail + ")"
}

// checkOutput refuses an output on a file system Beam does not know.
func checkOutput(ctx context.Context, output string) error {
	fs, err := filesystem.New(ctx, output)
	if err != nil {
		return usageError{fmt.Sprintf("--output %q: %v", output, err)}
	}
	return fs.Close()
}

// checkInput refuses, before the job starts, an input that matches no file and a first
// file whose header the reader refuses; the job checks every other file's header.
func checkInput(ctx context.Context, input string, cols revops.SpanColumns) error {
	fs, err := filesystem.New(ctx, input)
	if err != nil {
		return usageError{fmt.Sprintf("--input %q: %v", input, err)}
	}
	defer fs.Close()
	files, err := fs.List(ctx, input)
	if err != nil {
		return fmt.Errorf("%s: %w", input, err)
	}
	if len(files) == 0 {
		return fmt.Errorf("%s: no such file", input)
	}
	slices.Sort(files)
	rc, err := fileio.ReadableFile{Metadata: fileio.FileMetadata{Path: files[0]}}.Open(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	defer rc.Close()
	raw, err := readLine(rc)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	if p, ok := checkHeader(files[0], raw, cols); !ok {
		return errors.New(p.Msg)
	}
	return nil
}

// readLine returns the first line of r, with its line end.
func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err == io.EOF {
		err = nil
	}
	return line, err
}
