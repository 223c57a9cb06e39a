// Command revops prints the revenue metrics of a subscription export: per period MRR,
// ARR, the five MRR movements, customers, churn, NRR, GRR, quick ratio, ARPA, ASP and
// LTV, then the cohort retention table and trailing NRR and GRR, with -spend CAC,
// payback, LTV:CAC and the magic number; and of a CRM's opportunity export, the
// pipeline: win rates, deal size, sales cycle, velocity, coverage and lead conversion.
// Every figure is computed by the revops library.
//
// Usage:
//
//	revops                          the report of the built-in demo company
//	revops report [flags] [FILE]    the report of a CSV export, or of Stripe's subscriptions
//	revops report -source stripe INVOICES CREDIT_NOTES
//	                                the report of Stripe's invoices and credit notes
//	revops compare [flags] [FILE]   the headline figures under every vendor's conventions
//	revops pipeline [flags] FILE    the pipeline report of an opportunity export
//	revops demo                     write the demo company's CSV export to standard output
//
// With no FILE, a pipe on standard input is read; on a terminal the demo company is
// reported. Flags may come before or after the file. The default columns are the dbt
// mrr-playbook's (customer_id, start_date, end_date, monthly_amount, and optional
// subscription_id and currency); the -col flags name others. Output is an aligned
// table by default, or csv, json, markdown, or a self-contained html page with charts;
// -o picks the format from its extension.
//
// Exit status: 0 on success, 1 on bad input (a malformed row names its file, line and
// column), 2 on bad usage. Run revops -h for every flag.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // -tz works on a machine without the system's zone files
)

const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

// env is what the command runs in: its streams, whether they are terminals, and the
// clock. main fills it from the process; tests fill it themselves.
type env struct {
	stdin          io.Reader
	stdinTerminal  bool // no FILE and a terminal on standard input: the demo company
	stdout, stderr io.Writer
	stderrTerminal bool // progress is shown on a terminal only
	now            func() time.Time
}

func main() {
	e := env{stdin: os.Stdin, stdinTerminal: isTerminal(os.Stdin), stdout: os.Stdout, stderr: os.Stderr,
		stderrTerminal: isTerminal(os.Stderr), now: time.Now}
	os.Exit(run(os.Args[1:], e))
}

// usageError is bad usage: exit status 2. Its message says what to do instead.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errHelp asks for the help text.
var errHelp = errors.New("help requested")

// run is the command with its arguments, returning its exit status.
func run(args []string, e env) int {
	if e.now == nil {
		e.now = time.Now
	}
	cmd, topic := "report", "revops" // revops -h is the whole command's help
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "report", "compare", "pipeline", "demo", "help":
			cmd, topic, args = args[0], args[0], args[1:]
		default:
			if !looksLikeFile(args[0]) {
				fmt.Fprintf(e.stderr, "revops: unknown command %q: want report, compare, pipeline or demo; see revops -h\n", args[0])
				return exitUsage
			}
			// revops subs.csv is revops report subs.csv.
		}
	}
	switch cmd {
	case "help":
		topic = "revops"
		if len(args) > 0 {
			topic = args[0]
		}
		if err := help(e.stdout, topic); err != nil {
			fmt.Fprintf(e.stderr, "revops help: %v; see revops -h\n", err)
			return exitUsage
		}
		return exitOK
	case "demo":
		switch {
		case len(args) == 1 && isHelpFlag(args[0]):
			help(e.stdout, "demo")
			return exitOK
		case len(args) > 0:
			fmt.Fprintln(e.stderr, "revops demo: takes no arguments; see revops demo -h")
			return exitUsage
		}
		if err := writeDemo(e.stdout); err != nil {
			fmt.Fprintln(e.stderr, "revops demo:", err)
			return exitInput
		}
		return exitOK
	}
	cfg, err := parseConfig(cmd, args, e)
	if errors.Is(err, errHelp) {
		help(e.stdout, topic)
		return exitOK
	}
	con := newConsole(e, cfg.command)
	if err != nil {
		con.fail(err)
		return exitUsage
	}
	if err := execute(cfg, e, con); err != nil {
		con.fail(err)
		var u usageError
		if errors.As(err, &u) {
			return exitUsage
		}
		return exitInput
	}
	return exitOK
}

// isHelpFlag reports whether arg asks for help.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
}

// looksLikeFile reports whether a first argument that names no command is a file to
// report: one that exists, or a name ending in .csv or .json.
func looksLikeFile(arg string) bool {
	if lower := strings.ToLower(arg); strings.HasSuffix(lower, ".csv") || strings.HasSuffix(lower, ".json") {
		return true
	}
	st, err := os.Stat(arg)
	return err == nil && st.Mode().IsRegular()
}

// isTerminal reports whether f is a terminal (a character device, as /dev/null is
// too: neither holds a file to read).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
