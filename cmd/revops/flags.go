package main

import (
	"encoding"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// config is what the command line asks for, every value checked as it is parsed.
type config struct {
	command     string // "report", "compare" or "pipeline"
	file        string // the FILE argument: "" for none, "-" for standard input
	period      string // month, quarter or year
	from, to    time.Time
	currency    string // upper case; "" for the file's own
	format      string // table, csv, json, markdown or html, after -o's extension
	out         string // -o: a file, or a folder ending in a separator for csv tables
	outDir      bool   // -o names a folder: one csv file per table
	table       string // -table: the one table to write; "" for the format's default
	by          string // -by: the column whose values segment the report; "" for none
	skipInvalid bool
	grossMargin decimal.Decimal // LTV's gross margin, a fraction in (0, 1]
	cols        revops.SpanColumns
	policy      revops.Policy
	preset      string          // the vendor preset the policy starts from; "" for the defaults
	set         map[string]bool // the flags given
	// loc is the time zone of the periods' boundaries and of the dates without a
	// zone: UTC unless -tz gives another. Every period is made through periodOf,
	// which reads it.
	loc *time.Location

	files  []string // every FILE argument: several with -source stripe (invoices and credit notes)
	source string   // -source: "csv", "stripe", or "" to tell from the content
	// statusSince and pauseStart are the dates Stripe's subscription objects do not
	// record, by subscription id (-status-since, -pause-start).
	statusSince, pauseStart map[string]time.Time
	dated                   []datedFlag // their values as given, read once -tz is known

	spend       string   // -spend: the spend file, "" for none
	spendPeriod string   // -spend-period: its period column, "" for "period"
	spendIgnore []string // -spend-ignore: its columns that are no costs

	pipe pipelineConfig // revops pipeline's own flags
}

// dataOut reports whether the output is data (csv, json), whose tables hold every
// row; people's formats (table, markdown, html) show summaries of the long tables
// instead, so a builder fills only the tables the output reads.
func (cfg config) dataOut() bool { return cfg.format == "csv" || cfg.format == "json" || cfg.outDir }

// needs reports whether the output writes the data table name: csv writes one
// (-table, or the first), json every one or the one -table names, -o DIR/ every one.
func (cfg config) needs(name, first string) bool {
	switch {
	case cfg.outDir:
		return true
	case cfg.format == "csv" && cfg.table == "":
		return name == first
	case cfg.format == "csv", cfg.format == "json" && cfg.table != "":
		return name == cfg.table
	}
	return cfg.format == "json"
}

// wantsMovements reports whether the output shows the movement log: the page's
// largest movers, -table movements, or json's and a csv folder's every table.
func (cfg config) wantsMovements() bool {
	switch {
	case cfg.dataOut():
		return cfg.needs("movements", "series")
	case cfg.format == "html":
		return cfg.table == "" || cfg.table == "movements"
	}
	return cfg.table == "movements"
}

// presets are the vendor conventions -preset and compare know, in the order compare
// shows them.
var presets = []struct {
	name   string
	policy func() revops.Policy
}{
	{"chartmogul", revops.ChartMogulPolicy},
	{"stripe", revops.StripePolicy},
	{"profitwell", revops.ProfitWellPolicy},
	{"baremetrics", revops.BaremetricsPolicy},
	{"lago", revops.LagoPolicy},
	{"playbook", revops.PlaybookPolicy},
}

// presetNames lists the presets for messages: "chartmogul, stripe, ... or playbook".
func presetNames() string {
	var names []string
	for _, p := range presets {
		names = append(names, p.name)
	}
	return oneOf(names)
}

// oneOf joins choices as "a, b or c".
func oneOf(choices []string) string { return joinLast(choices, " or ") }

// allOf joins items as "a, b and c".
func allOf(items []string) string { return joinLast(items, " and ") }

func joinLast(items []string, last string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}

// formats maps -format's values, and -o's extensions, to a format.
var (
	formatNames = []string{"table", "csv", "json", "markdown", "html"}
	extFormats  = map[string]string{".txt": "table", ".csv": "csv", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
)

// valueFunc is a flag whose value is checked whole when it is set: its error says
// what the flag wants.
type valueFunc struct {
	set  func(string) error
	text string
}

func (v *valueFunc) String() string     { return v.text }
func (v *valueFunc) Set(s string) error { v.text = s; return v.set(s) }

// choice returns a flag value that takes one of names.
func choice(dst *string, names ...string) *valueFunc {
	return &valueFunc{text: *dst, set: func(s string) error {
		for _, n := range names {
			if strings.EqualFold(s, n) {
				*dst = n
				return nil
			}
		}
		return fmt.Errorf("want %s", oneOf(names))
	}}
}

// textChoice returns a flag value read by a library type's UnmarshalText, which
// takes one of names.
func textChoice(dst encoding.TextUnmarshaler, names ...string) *valueFunc {
	return &valueFunc{set: func(s string) error {
		if err := dst.UnmarshalText([]byte(s)); err != nil {
			return fmt.Errorf("want %s", oneOf(names))
		}
		return nil
	}}
}

// wholeNumber reads s as a whole number from lo to hi, strictly: "1.5", "12abc" and
// " 12" are not numbers.
func wholeNumber(s string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi || strings.HasPrefix(s, "+") {
		return 0, false
	}
	return n, true
}

// newFlags declares the flags of command into cfg.
func newFlags(command string, cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet("revops "+command, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg.period = "month"
	fs.Var(choice(&cfg.period, "month", "quarter", "year"), "period", "`length` of each period: month, quarter or year (default month)")
	fromDefault, toDefault := "the period of the earliest start", "the last period in which anyone pays, or today's when the data reaches it"
	if command == "pipeline" {
		fromDefault, toDefault = "the period of the first deal created", "-as-of's period, else the last in which a deal was created or closed, or today's"
	}
	fs.Var(&valueFunc{set: func(s string) error { return periodFlag(&cfg.from, s) }}, "from",
		"first `period`: YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY (default: "+fromDefault+")")
	fs.Var(&valueFunc{set: func(s string) error { return periodFlag(&cfg.to, s) }}, "to",
		"last `period`, as -from (default: "+toDefault+")")
	fs.Var(&valueFunc{set: func(s string) error {
		if _, err := revops.MinorUnits(s); err != nil || strings.TrimSpace(s) != s {
			return fmt.Errorf("want an ISO 4217 currency code such as USD or EUR")
		}
		cfg.currency = strings.ToUpper(s)
		return nil
	}}, "currency", "report in this `code`: rows in other currencies are left out and counted, rows with none take it (default: the file's one currency)")
	fs.Var(&valueFunc{text: "UTC", set: func(s string) error {
		loc, err := loadZone(s)
		if err != nil {
			return err
		}
		cfg.loc = loc
		return nil
	}}, "tz", "time `zone` of the business, an IANA name such as America/Los_Angeles: the periods are its months, quarters and years, and a date without a time of day is that day there (default UTC)")
	fs.Var(choice(&cfg.format, formatNames...), "format", "`output`: table, csv, json, markdown or html (default: from -o's extension, else table)")
	fs.StringVar(&cfg.out, "o", "", "write to this `file` (atomically: a failed write leaves it as it was); its extension .txt, .csv, .json, .md or .html picks the format; a name ending in /, or an existing folder, gets one csv file per table")
	tables := reportTables
	switch command {
	case "compare":
		tables = compareTables
	case "pipeline":
		tables = pipelineTables
	}
	fs.Var(choice(&cfg.table, tables...), "table", "write this `table` alone: "+oneOf(tables)+" (csv writes one table: "+tables[0]+" by default)")
	fs.BoolVar(&cfg.skipInvalid, "skip-invalid", false, "skip malformed rows, counting and listing them in the report, instead of stopping at the first")
	if command == "pipeline" {
		pipelineFlags(fs, cfg)
		return fs
	}
	fs.Var(choice(&cfg.source, "csv", "stripe"), "source", "what FILE holds, `csv|stripe`: csv (spans, one row per stretch of a subscription) or stripe (Stripe's subscriptions, or its invoices and credit notes, as JSON: one file of each); "+
		"by default told from the content (JSON is Stripe's)")
	for _, d := range []struct{ name, usage string }{
		{"status-since", "`ID=DATE`: the date Stripe subscription ID became past_due, unpaid or paused (the created time of the customer.subscription.updated event that changed its status), which its object does not record; a day in -tz or an RFC 3339 time; repeat for each subscription"},
		{"pause-start", "`ID=DATE`: the date payment collection of Stripe subscription ID was paused (pause_collection set), which its object does not record; as -status-since"},
	} {
		name := d.name
		fs.Var(&valueFunc{set: func(s string) error {
			id, date, ok := strings.Cut(s, "=")
			if !ok || id == "" {
				return fmt.Errorf("want ID=DATE, as in sub_1MowQVLkdIwHu7ix=2025-04-03")
			}
			if _, err := parseInstant(date, time.UTC); err != nil {
				return fmt.Errorf("want ID=DATE, DATE a day (2025-04-03) or an RFC 3339 time (2025-04-03T09:30:00Z)")
			}
			cfg.dated = append(cfg.dated, datedFlag{name, id, date})
			return nil
		}}, name, d.usage)
	}
	fs.StringVar(&cfg.cols.Customer, "col-customer", "customer_id", "customer id `column`")
	fs.StringVar(&cfg.cols.Subscription, "col-subscription", "", "subscription id `column` (default: subscription_id when the file has it)")
	fs.StringVar(&cfg.cols.Start, "col-start", "start_date", "start date `column`")
	fs.StringVar(&cfg.cols.End, "col-end", "end_date", "end date `column` (exclusive; empty while running)")
	fs.StringVar(&cfg.cols.Amount, "col-amount", "monthly_amount", "amount `column`: MRR, or the list price per interval with -col-interval")
	fs.StringVar(&cfg.cols.Currency, "col-currency", "", "currency code `column` (default: currency when the file has it)")
	fs.StringVar(&cfg.cols.Interval, "col-interval", "", "billing interval `column` (month, year, 3 months, ...): the amount is then a list price, normalized to MRR")
	fs.StringVar(&cfg.cols.DateLayout, "date-layout", "", "Go time `layout` of the dates (default: 2006-01-02 or RFC 3339)")
	if command == "compare" {
		return fs
	}
	fs.StringVar(&cfg.by, "by", "", "also report each value of this `column` (a plan, a region) as a segment beside the total; a customer moving between segments enters and leaves them, as ChartMogul's plan filters count it")
	cfg.grossMargin = decimal.NewFromInt(1)
	fs.Var(&valueFunc{text: "1", set: func(s string) error {
		d, err := decimal.NewFromString(s)
		if err != nil || !d.IsPositive() || d.GreaterThan(decimal.NewFromInt(1)) || strings.ContainsAny(s, "eE") {
			return fmt.Errorf("want a fraction above 0 and at most 1, such as 0.8 for 80 %%")
		}
		cfg.grossMargin = d
		return nil
	}}, "gross-margin", "gross margin `fraction` of LTV = ARPA × margin ÷ customer churn (default 1, ChartMogul's LTV)")
	fs.StringVar(&cfg.spend, "spend", "", "add acquisition's unit economics from this spend `file`: a row per period (2025-01, 2025-Q1 or 2025, of -period's kind) and a column per cost, every column a cost by default; "+
		"CAC, CAC payback, LTV, LTV:CAC and the magic number of each period, with new customers and churn from the report's customers")
	fs.StringVar(&cfg.spendPeriod, "spend-period", "", "the spend file's period `column` (default \"period\")")
	fs.Var(&valueFunc{set: func(s string) error {
		cfg.spendIgnore = parseColumns(s)
		if len(cfg.spendIgnore) == 0 {
			return fmt.Errorf("want column names, comma-separated")
		}
		return nil
	}}, "spend-ignore", "the spend file's `columns` that are not costs, comma-separated (default none: every column but the period counts)")
	fs.Var(&valueFunc{set: func(s string) error {
		for _, p := range presets {
			if strings.EqualFold(s, p.name) {
				cfg.preset = p.name
				return nil
			}
		}
		return fmt.Errorf("want %s", presetNames())
	}}, "preset", "start from a tool's documented `conventions`: "+presetNames()+"; the policy flags override it")
	fs.Var(textChoice(&cfg.policy.ChurnDenominator, "start", "start_plus_new", "average"), "churn-denominator",
		"the denominator of customer churn, `start|start_plus_new|average`: the customers at the start, those at the start and the new (Stripe), or their average (default start)")
	fs.Var(textChoice(&cfg.policy.NRRReactivation, "excluded", "included"), "nrr-reactivation",
		"whether NRR and net revenue churn count reactivation, `excluded|included` (default excluded)")
	fs.Var(&valueFunc{set: func(s string) error {
		r, err := parseReactivation(s)
		cfg.policy.Reactivation = r
		return err
	}}, "reactivation", "where returning customers' MRR goes, `separate|as_expansion|as_new_after:DAYS`: a movement of its own, expansion (Lago), or new after DAYS away (Maxio: 90) (default separate)")
	fs.Var(&valueFunc{set: func(s string) error {
		n, ok := wholeNumber(s, 1, revops.MaxWindowPeriods)
		if !ok {
			return fmt.Errorf("want a whole number of months from 1 to %d", revops.MaxWindowPeriods)
		}
		cfg.policy.Window = revops.TrailingMonths(n)
		return nil
	}}, "window", "`months` of the trailing NRR and GRR window (default 12)")
	return fs
}

// periodFlag reads a -from or -to value.
func periodFlag(dst *time.Time, s string) error {
	t, err := parseDay(s)
	if err != nil {
		return fmt.Errorf("want YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY")
	}
	*dst = t
	return nil
}

// parseDay reads a -from or -to value as the first instant it names.
func parseDay(s string) (time.Time, error) {
	if y, q, ok := strings.Cut(s, "-Q"); ok && len(y) == 4 && len(q) == 1 {
		year, yok := wholeNumber(y, 1, 9999)
		n, qok := wholeNumber(q, 1, 4)
		if yok && qok {
			return time.Date(year, time.Month(3*(n-1)+1), 1, 0, 0, 0, 0, time.UTC), nil
		}
	}
	if len(s) == 4 {
		if year, ok := wholeNumber(s, 1, 9999); ok {
			return time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC), nil
		}
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

// loadZone reads -tz: an IANA zone name, from the system's zone files or the copy
// of the zone database the command embeds (time/tzdata), so that it works on a
// machine without them. "Local" is refused: the report would depend on the machine
// it runs on.
func loadZone(name string) (*time.Location, error) {
	want := fmt.Errorf("want an IANA time zone name such as America/Los_Angeles, Europe/Berlin or UTC")
	if name == "" || strings.EqualFold(name, "local") || strings.TrimSpace(name) != name {
		return nil, want
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, want
	}
	return loc, nil
}

// datedFlag is one -status-since or -pause-start value.
type datedFlag struct{ flag, id, date string }

// resolveDated reads the -status-since and -pause-start values in the business's
// zone, each subscription once per flag.
func resolveDated(cfg *config) error {
	for _, d := range cfg.dated {
		m := &cfg.statusSince
		if d.flag == "pause-start" {
			m = &cfg.pauseStart
		}
		if *m == nil {
			*m = map[string]time.Time{}
		}
		if _, ok := (*m)[d.id]; ok {
			return usageError{fmt.Sprintf("-%s gives %s twice: once for each subscription", d.flag, strconv.Quote(d.id))}
		}
		t, _ := parseInstant(d.date, cfg.loc)
		if t.Year() < 1970 { // the date as written, in the business's zone
			// Stripe's dates are Unix times: none is before 1970.
			return usageError{fmt.Sprintf("-%s %s=%s is before 1970, and Stripe records no date before it", d.flag, d.id, d.date)}
		}
		(*m)[d.id] = t
	}
	return nil
}

// parseInstant reads a day, its midnight in loc, or an RFC 3339 time.
func parseInstant(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// inZone returns the midnight that starts t's calendar day in loc.
func inZone(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// parseReactivation reads -reactivation: a placement name, with ":DAYS" for
// as_new_after, DAYS a whole number from 1 to revops.MaxWindowDays.
func parseReactivation(s string) (revops.ReactivationPolicy, error) {
	name, days, windowed := strings.Cut(s, ":")
	var r revops.Reactivation
	if err := r.UnmarshalText([]byte(name)); err != nil {
		return revops.ReactivationPolicy{}, fmt.Errorf("want separate, as_expansion or as_new_after:DAYS")
	}
	if r != revops.ReactivationAsNewAfter {
		if windowed {
			return revops.ReactivationPolicy{}, fmt.Errorf("only as_new_after takes :DAYS")
		}
		return revops.ReactivationPolicy{Placement: r}, nil
	}
	n, ok := wholeNumber(days, 1, revops.MaxWindowDays)
	if !ok {
		return revops.ReactivationPolicy{}, fmt.Errorf("as_new_after needs a whole number of days from 1 to %d, as in as_new_after:90", revops.MaxWindowDays)
	}
	return revops.ReactivationWindow(n), nil
}

// parseArgs sets fs's flags from args and returns the other arguments: flags may come
// before or after them, "--" ends the flags, and "-" alone is an argument (standard
// input). Every error is a usageError naming the flag and what it wants.
func parseArgs(fs *flag.FlagSet, args []string, set map[string]bool) ([]string, error) {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(pos, args[i+1:]...), nil
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		if isHelpFlag(a) {
			return nil, errHelp
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			msg := fmt.Sprintf("unknown flag -%s", cut(name, 60))
			if s := closest(fs, name); s != "" {
				msg += fmt.Sprintf(": did you mean -%s?", s)
			}
			return nil, usageError{msg}
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if i+1 == len(args) {
				return nil, usageError{fmt.Sprintf("-%s needs a value: %s", name, strings.TrimSpace(flagUsage(f)))}
			}
			i++
			value = args[i]
		}
		if err := f.Value.Set(value); err != nil {
			msg := err.Error()
			if _, ok := f.Value.(*valueFunc); !ok {
				msg = "want true or false"
			}
			// A flag's value is quoted cut, as the library's errors quote input.
			return nil, usageError{fmt.Sprintf("-%s %s: %s", name, strconv.Quote(cut(value, 60)), cut(msg, 400))}
		}
		set[name] = true
	}
	return pos, nil
}

// flagUsage is a flag's usage without its `name` marks.
func flagUsage(f *flag.Flag) string {
	_, usage := flag.UnquoteUsage(f)
	return usage
}

// closest returns the flag of fs whose name is nearest name, by edit distance, when
// it is near enough to be a typo; "" otherwise.
func closest(fs *flag.FlagSet, name string) string {
	best, dist := "", 3
	fs.VisitAll(func(f *flag.Flag) {
		if d := editDistance(name, f.Name); d < dist || (d == dist && best == "" && strings.HasPrefix(f.Name, name) && name != "") {
			best, dist = f.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// parseConfig reads the command line of command into a config, resolving the preset,
// the format and the output, so that every usage error is found before any input is
// read.
func parseConfig(command string, args []string, e env) (config, error) {
	cfg := config{command: command, set: map[string]bool{}, loc: time.UTC}
	fs := newFlags(command, &cfg)
	pos, err := parseArgs(fs, args, cfg.set)
	if err != nil {
		return cfg, err
	}
	cfg.files = pos
	switch {
	case len(pos) == 1:
		cfg.file = pos[0]
	case len(pos) > 1 && command == "pipeline":
		return cfg, usageError{fmt.Sprintf("one FILE at most, got %d: %s (a lead export goes with -leads FILE)", len(pos), strings.Join(pos, " "))}
	case len(pos) > 1 && cfg.source != "stripe":
		return cfg, usageError{fmt.Sprintf("one FILE at most, got %d: %s (several are Stripe's invoices and credit notes, with -source stripe)", len(pos), strings.Join(pos, " "))}
	}
	if err := resolveDated(&cfg); err != nil {
		return cfg, err
	}
	if cfg.preset != "" {
		cfg.policy = resolvePreset(cfg)
	}
	if cfg.skipInvalid {
		cfg.policy.InvalidRecords = revops.InvalidRecordsSkip
	}
	if cfg.spend == "" && (cfg.set["spend-period"] || cfg.set["spend-ignore"] || cfg.table == "acquisition") {
		return cfg, usageError{"-spend-period, -spend-ignore and -table acquisition read a spend file: give -spend FILE"}
	}
	if cfg.command == "pipeline" {
		if err := resolvePipeline(&cfg); err != nil {
			return cfg, err
		}
	}
	if cfg.table == "segments" && cfg.by == "" {
		return cfg, usageError{"-table segments needs -by COLUMN, the column whose values are the segments"}
	}
	// -from and -to name days of the business's calendar, which -tz may give after
	// them.
	// Whether a flag was given is cfg.set's to say, never a zero time: -from 0001 is
	// January 1 of year 1, a date like any other.
	if cfg.set["from"] {
		cfg.from = inZone(cfg.from, cfg.loc)
	}
	if cfg.set["to"] {
		cfg.to = inZone(cfg.to, cfg.loc)
	}
	if cfg.policy.Window == (revops.RetentionWindow{}) {
		cfg.policy.Window = revops.TrailingMonths(12) // the default, stated in the report
	}
	if cfg.set["from"] && cfg.set["to"] {
		if first, last := periodOf(cfg, cfg.from), periodOf(cfg, cfg.to); first.Start().After(last.Start()) {
			return cfg, usageError{fmt.Sprintf("-from %s is after -to %s: swap them", label(cfg.period, first), label(cfg.period, last))}
		}
	}
	return cfg, resolveOutput(&cfg)
}

// resolvePreset returns the preset's policy with the policy flags given on top.
func resolvePreset(cfg config) revops.Policy {
	var p revops.Policy
	for _, pr := range presets {
		if pr.name == cfg.preset {
			p = pr.policy()
		}
	}
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
	return p
}

// resolveOutput settles the format (-format, else -o's extension, else table) and
// whether -o names a folder of csv tables.
func resolveOutput(cfg *config) error {
	if cfg.out != "" && (strings.HasSuffix(cfg.out, "/") || strings.HasSuffix(cfg.out, string(filepath.Separator)) || isDir(cfg.out)) {
		cfg.outDir = true
		switch {
		case cfg.format == "":
			cfg.format = "csv"
		case cfg.format != "csv":
			return usageError{fmt.Sprintf("-o %s is a folder, which takes one csv file per table: drop -format %s, or give -o a file name", cfg.out, cfg.format)}
		}
		if cfg.table != "" {
			return usageError{fmt.Sprintf("-o %s writes every table: drop -table, or give -o a file name", cfg.out)}
		}
		return nil
	}
	if cfg.format == "" && cfg.out != "" {
		ext := strings.ToLower(filepath.Ext(cfg.out))
		f, ok := extFormats[ext]
		switch {
		case ok:
			cfg.format = f
		case ext == "":
			cfg.format = "table"
		default:
			return usageError{fmt.Sprintf("-o %s: no format is known for %s: give -format, or an extension .txt, .csv, .json, .md or .html", cfg.out, ext)}
		}
	}
	if cfg.format == "" {
		cfg.format = "table"
	}
	return nil
}

// cut returns s cut to its first n runes followed by "…" when it is longer.
func cut(s string, n int) string {
	k := 0
	for i := range s {
		if k == n {
			return s[:i] + "…"
		}
		k++
	}
	return s
}
