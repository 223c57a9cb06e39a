package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// pipelineTables are the tables of revops pipeline, as -table names them.
var pipelineTables = []string{"pipeline", "segments", "leads", "funnel", "quality", "notes"}

// pipelineConfig is what revops pipeline's own flags ask for.
type pipelineConfig struct {
	cols       revops.OpportunityColumns
	leadCols   revops.LeadColumns
	leads      string // -leads: a lead export; "" for none
	quota      decimal.Decimal
	hasQuota   bool
	calendar   revops.BusinessCalendar // -business-hours; "" for wall-clock time
	asOf       time.Time               // -as-of, midnight of its day in -tz; zero for the clock's now
	winRate    revops.WinRateDenominator
	cycle      revops.CycleDeals
	closeTimes revops.CloseTimes
}

// pipelineFlags declares revops pipeline's own flags into cfg.
func pipelineFlags(fs *flag.FlagSet, cfg *config) {
	p := &cfg.pipe
	fs.StringVar(&cfg.by, "by", "", "also report each value of this `column` (Opportunity Owner, Lead Source, a region) as a segment beside the total; "+
		"owner, lead_source and stage name the fields whichever column the export holds them in")
	fs.Var(&valueFunc{set: func(s string) error {
		d, err := decimal.NewFromString(s)
		if err != nil || !d.IsPositive() || strings.ContainsAny(s, "eE") || strings.TrimSpace(s) != s {
			return fmt.Errorf("want an amount above 0 in plain digits, such as 50000 or 12500.50")
		}
		p.quota, p.hasQuota = d, true
		return nil
	}}, "quota", "each period's quota, an `amount`: coverage = the value of the deals open at the period's start and due to close in it ÷ the quota (default none: no coverage)")
	fs.StringVar(&p.leads, "leads", "", "add lead conversion, contact rate and speed to lead from this lead export `file` (Salesforce's labels: Lead ID, Created Date, First Response, Qualified, Converted, Converted Date)")
	fs.Var(&valueFunc{set: func(s string) error {
		c, err := revops.ParseBusinessCalendar(s)
		if err != nil || c == "" {
			return fmt.Errorf("want working days, hours and an IANA zone, as in \"mon-fri 09:00-17:00 Europe/Berlin\", then any holidays as dates")
		}
		p.calendar = c
		return nil
	}}, "business-hours", "measure speed to lead in these working `hours`: days, hours and zone, as \"mon,tue,wed,thu,fri 09:00-17:00 Europe/Berlin\", then any holidays (2025-12-25) (default: wall-clock time)")
	fs.Var(&valueFunc{set: func(s string) error {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return fmt.Errorf("want a date, YYYY-MM-DD")
		}
		if t.Year() < 1900 {
			// The day an export was made; year 1 would be Go's zero time, which the
			// library reads as no date.
			return fmt.Errorf("want the export's date, from 1900-01-01 on")
		}
		p.asOf = t
		return nil
	}}, "as-of", "the `date` of the export: an open deal due before it is past its close date, and its period is the last (default today)")
	fs.Var(textChoice(&p.winRate, "closed", "all"), "win-rate", "the win rate, `closed|all`: won ÷ (won + lost), or won ÷ every deal, open ones too (default closed)")
	fs.Var(textChoice(&p.cycle, "all_closed", "won_only"), "cycle", "the sales cycle, `all_closed|won_only`: of every closed deal, or of the won ones (default all_closed)")
	fs.Var(textChoice(&p.closeTimes, "exact", "dates"), "close-times", "a close time, `exact|dates`: read as an instant, or as its date (whole days from the date created); a close date alone is a date either way (default exact)")
	col := func(dst *string, name, what, def string) {
		fs.StringVar(dst, name, "", what+" `column` (default \""+def+"\")")
	}
	col(&p.cols.ID, "col-id", "opportunity id", "Opportunity ID")
	col(&p.cols.Owner, "col-owner", "owner", "Opportunity Owner\", else \"Owner ID")
	col(&p.cols.LeadSource, "col-lead-source", "lead source", "Lead Source")
	col(&p.cols.Amount, "col-amount", "amount", "Amount")
	col(&p.cols.Stage, "col-stage", "stage", "Stage")
	col(&p.cols.Created, "col-created", "created date", "Created Date")
	col(&p.cols.Close, "col-close", "close date", "Close Date")
	col(&p.cols.Won, "col-won", "won (true or false)", "Won")
	col(&p.cols.Closed, "col-closed", "closed (true or false)", "Closed")
	col(&p.cols.Probability, "col-probability", "probability in percent", "Probability (%)")
	col(&p.cols.Currency, "col-currency", "currency code", "Opportunity Currency\", else \"Amount Currency")
	fs.StringVar(&p.cols.DateLayout, "date-layout", "", "Go time `layout` of the dates, tried before 2006-01-02 and RFC 3339 (a US-locale Salesforce report writes 1/2/2006)")
	fs.StringVar(&p.cols.TimeLayout, "time-layout", "", "Go time `layout` of the times, tried before RFC 3339 (US locale: \"1/2/2006, 3:04 PM\")")
	col(&p.leadCols.ID, "lead-col-id", "the lead export's id", "Lead ID")
	col(&p.leadCols.Created, "lead-col-created", "the lead export's created", "Created Date")
	col(&p.leadCols.FirstResponse, "lead-col-first-response", "the lead export's first response", "First Response")
	col(&p.leadCols.Qualified, "lead-col-qualified", "the lead export's qualified (true or false)", "Qualified")
	col(&p.leadCols.Converted, "lead-col-converted", "the lead export's converted (true or false)", "Converted")
	col(&p.leadCols.ConvertedDate, "lead-col-converted-date", "the lead export's converted date", "Converted Date")
}

// resolvePipeline settles the pipeline's flags once -tz is known, and refuses the
// flags that need -leads without it.
func resolvePipeline(cfg *config) error {
	p := &cfg.pipe
	if cfg.set["as-of"] {
		p.asOf = inZone(p.asOf, cfg.loc)
	}
	p.cols.Zone, p.cols.DefaultCurrency = cfg.loc, cfg.currency
	p.leadCols.Zone = cfg.loc
	p.leadCols.DateLayout, p.leadCols.TimeLayout = p.cols.DateLayout, p.cols.TimeLayout
	if p.leads == "" {
		for _, name := range []string{"business-hours", "lead-col-id", "lead-col-created", "lead-col-first-response", "lead-col-qualified", "lead-col-converted", "lead-col-converted-date"} {
			if cfg.set[name] {
				return usageError{fmt.Sprintf("-%s reads a lead export: give -leads FILE", name)}
			}
		}
		if cfg.table == "leads" {
			return usageError{"-table leads needs -leads FILE, a lead export"}
		}
	}
	return nil
}

// pipelineInput is what revops pipeline read: the opportunities of the report, the
// rows they came from, and every row left out.
type pipelineInput struct {
	source  string
	asOf    time.Time
	export  revops.OpportunityExport
	rows    []revops.OpportunityRow // the rows in the report, in file order
	opps    []revops.Opportunity    // rows[i]'s opportunity
	segs    []string                // segs[i]: the -by value of rows[i]; nil without -by
	skipped rowNotes                // rows -skip-invalid left out
	leftOut rowNotes                // rows -currency left out
	other   map[string]int          // rows -currency left out, by their currency
	quality revops.OpportunityQuality
	leads   *leadInput
}

// leadInput is the lead export -leads names.
type leadInput struct {
	source  string
	export  revops.LeadExport
	skipped rowNotes
	dups    rowNotes // leads that repeat an earlier one: its Lead ID, or every cell
}

// openInput opens FILE, or standard input for "" and "-": the reader, the name
// messages give it, and a function that closes it.
func openInput(name string, e env) (io.Reader, string, func(), error) {
	if name == "" || name == "-" {
		return e.stdin, "standard input", func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, name, nil, sourcedError{name + ": " + err.Error()}
	}
	return f, name, func() { f.Close() }, nil
}

// loadPipeline reads the opportunity export, and the lead export of -leads.
func loadPipeline(cfg config, e env, con *console) (*pipelineInput, error) {
	if cfg.file == "" && e.stdinTerminal {
		return nil, usageError{"revops pipeline reads an opportunity export: give FILE, or pipe one in"}
	}
	r, name, done, err := openInput(cfg.file, e)
	if err != nil {
		return nil, err
	}
	defer done()
	in := &pipelineInput{source: name, asOf: cfg.pipe.asOf, other: map[string]int{}}
	if !cfg.set["as-of"] {
		in.asOf = e.now()
	}
	fail := func(format string, args ...any) error {
		return sourcedError{in.source + ": " + fmt.Sprintf(format, args...)}
	}
	con.step("reading " + in.source)
	in.export, err = revops.ReadOpportunities(r, cfg.pipe.cols, cfg.policy.InvalidRecords)
	var refused *revops.Refused
	switch {
	case errors.As(err, &refused):
		for _, rec := range refused.Records {
			in.skipped.add(noteOf(rec.Err))
		}
	case err != nil:
		return nil, fail("%s", recordMessage(err)+errorFix(err, opportunityFlags(cfg.pipe.cols)))
	}
	cols := in.export.Columns
	byField := ""
	if cfg.by != "" && !slices.ContainsFunc(in.export.Header, func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(cfg.by)) }) {
		switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(cfg.by), " ", "_")) {
		case "owner":
			byField = "owner"
		case "lead_source":
			byField = "lead_source"
		case "stage":
			byField = "stage"
		default:
			return nil, fail("header: no column %q to segment by (-by)", cfg.by)
		}
	}
	values := map[string]bool{}
	first := 0
	for _, row := range in.export.Rows {
		o := row.Opportunity
		switch {
		case cfg.currency != "" && !strings.EqualFold(o.Currency, cfg.currency):
			in.other[o.Currency]++
			in.leftOut.add(rowNote{line: row.Line, currency: o.Currency})
			continue
		case len(in.opps) > 0 && !strings.EqualFold(o.Currency, in.opps[0].Currency):
			return nil, fail("%v", currencyMismatch(row.Line, cols.Currency, o.Currency, in.opps[0].Currency, first))
		case len(in.opps) == 0:
			first = row.Line
		}
		if cfg.by != "" {
			v := ""
			switch byField {
			case "owner":
				v = o.Owner
			case "lead_source":
				v = o.LeadSource
			case "stage":
				v = o.Stage
			default:
				v, _ = row.Value(cfg.by)
			}
			if values[v] = true; len(values) > maxSegments {
				return nil, fail("line %d, column %q: more than %d values to segment by: -by takes a column of few values, such as an owner or a lead source", row.Line, cfg.by, maxSegments)
			}
			in.segs = append(in.segs, v)
		}
		in.rows = append(in.rows, row)
		in.opps = append(in.opps, o)
	}
	if in.quality, err = in.export.Quality(in.asOf); err != nil {
		return nil, fail("%s", recordMessage(err))
	}
	if cfg.pipe.leads != "" {
		if in.leads, err = loadLeads(cfg, con); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// loadLeads reads the lead export of -leads.
func loadLeads(cfg config, con *console) (*leadInput, error) {
	f, err := os.Open(cfg.pipe.leads)
	if err != nil {
		return nil, sourcedError{cfg.pipe.leads + ": " + unwrapPath(err).Error()}
	}
	defer f.Close()
	l := &leadInput{source: cfg.pipe.leads}
	con.step("reading " + l.source)
	l.export, err = revops.ReadLeads(f, cfg.pipe.leadCols, cfg.policy.InvalidRecords)
	var refused *revops.Refused
	switch {
	case errors.As(err, &refused):
		for _, rec := range refused.Records {
			l.skipped.add(noteOf(rec.Err))
		}
	case err != nil:
		return nil, sourcedError{l.source + ": " + recordMessage(err) + errorFix(err, leadFlags(cfg.pipe.leadCols))}
	}
	// A lead twice counts twice in every rate: kept, as two seats of a span are,
	// but named, by its Lead ID when the export has one, else by all its cells.
	seen := map[string]int{}
	for _, row := range l.export.Rows {
		key := "cells\x00" + strings.Join(row.Cells, "\x1f")
		if c := l.export.Columns.ID; c != "" {
			if id, _ := row.Value(c); id != "" {
				key = "id\x00" + id
			}
		}
		if first, ok := seen[key]; ok {
			l.dups.add(rowNote{line: row.Line, same: first})
		} else {
			seen[key] = row.Line
		}
	}
	return l, nil
}

// pipelinePeriods returns the periods from -from to -to: by default from the period
// of the first deal created to the period of -as-of, or without it to that of the
// latest deal created or closed, never past today's.
func pipelinePeriods(cfg config, in *pipelineInput) (span, error) {
	from, to := cfg.from, cfg.to
	out := span{last: "the " + cfg.period + " -to gives"}
	haveFrom, haveTo := cfg.set["from"], cfg.set["to"] // -from 0001 is year 1, not unset
	if len(in.opps) == 0 && (!haveFrom || !haveTo) {
		return span{}, sourcedError{in.source + ": no opportunities to report: give -from and -to for an empty report"}
	}
	if !haveFrom || !haveTo {
		first, last := in.opps[0].Created, time.Time{}
		for _, o := range in.opps {
			first = minTime(first, o.Created)
			last = maxTime(maxTime(last, o.Created), o.Closed)
		}
		if !haveFrom {
			from = first
		}
		if !haveTo {
			switch {
			case cfg.set["as-of"]:
				to, out.last = cfg.pipe.asOf, "the "+cfg.period+" of -as-of"
			case periodOf(cfg, last).Start().After(periodOf(cfg, in.asOf).Start()):
				to, out.last = in.asOf, "today's "+cfg.period
			default:
				to, out.last = last, "the last "+cfg.period+" in which a deal was created or closed"
			}
		}
	}
	p, last := periodOf(cfg, from), periodOf(cfg, to)
	if p.Start().After(last.Start()) {
		if !haveFrom {
			// -from was not given: the data's first period is after the last one asked for.
			return span{}, usageError{fmt.Sprintf("the data's first %s, %s, is after the last, %s (%s): give -from, or a later -to", cfg.period, label(cfg.period, p), label(cfg.period, last), out.last)}
		}
		return span{}, usageError{fmt.Sprintf("-from %s is after the report's last %s, %s: give an earlier -from", label(cfg.period, p), cfg.period, label(cfg.period, last))}
	}
	for ; !p.Start().After(last.Start()); p = p.Next() {
		if len(out.periods) == maxPeriods && haveFrom && haveTo {
			// The flags alone ask for it: a usage error, whatever the data.
			return span{}, usageError{fmt.Sprintf("-from %s to -to %s is over %d %ss: narrow them", label(cfg.period, out.periods[0]), label(cfg.period, last), maxPeriods, cfg.period)}
		}
		if len(out.periods) == maxPeriods {
			return span{}, sourcedError{fmt.Sprintf("%s: the report would run from %s to %s, over %d %ss: narrow it with -from and -to",
				in.source, label(cfg.period, out.periods[0]), label(cfg.period, last), maxPeriods, cfg.period)}
		}
		out.periods = append(out.periods, p)
	}
	return out, nil
}

// pipelineSegment is one value of -by and its periods.
type pipelineSegment struct {
	value   string
	periods []revops.PipelinePeriod
}

// pipelineFigures are what the library computed for a pipeline report.
type pipelineFigures struct {
	labels   []string
	periods  []revops.PipelinePeriod
	segments []pipelineSegment
	leads    []revops.LeadPeriod
}

// pipelineOptions are the choices PipelineByPeriod reads.
func pipelineOptions(cfg config, invalid revops.InvalidRecords) []revops.PipelinePeriodOption {
	return []revops.PipelinePeriodOption{invalid, cfg.pipe.winRate, cfg.pipe.cycle, cfg.pipe.closeTimes}
}

// computePipeline runs the library over the periods: the deals of each period in
// both forms by PipelineByPeriod, each segment's the same way, and the leads of
// each by LeadsByPeriod.
func computePipeline(cfg config, in *pipelineInput, periods []revops.Period) (*pipelineFigures, error) {
	f := &pipelineFigures{}
	for _, p := range periods {
		f.labels = append(f.labels, label(cfg.period, p))
	}
	var quotas []decimal.Decimal
	if cfg.pipe.hasQuota {
		quotas = make([]decimal.Decimal, len(periods))
		for i := range quotas {
			quotas[i] = cfg.pipe.quota
		}
	}
	var err error
	f.periods, err = revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: in.opps, Periods: periods, Quotas: quotas}, pipelineOptions(cfg, cfg.policy.InvalidRecords)...)
	var refused *revops.Refused
	out := map[int]bool{}
	switch {
	case errors.As(err, &refused):
		for _, rec := range refused.Records {
			out[rec.Index] = true
			in.skipped.add(in.refusal(rec.Err, rec.Index))
		}
		slices.SortStableFunc(in.skipped.rows, func(a, b rowNote) int { return a.line - b.line })
	case err != nil:
		var e *revops.Error
		if errors.As(err, &e) && e.Record != nil && e.Record.List == "opps" && e.Record.Index < len(in.rows) {
			n := in.refusal(err, e.Record.Index)
			return nil, sourcedError{in.source + ": " + n.at() + ": " + n.reason}
		}
		return nil, sourcedError{in.source + ": " + recordMessage(err)}
	}
	if cfg.by != "" {
		groups := map[string][]revops.Opportunity{}
		for i, o := range in.opps {
			if !out[i] {
				groups[in.segs[i]] = append(groups[in.segs[i]], o)
			}
		}
		for v, opps := range groups {
			ps, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: periods}, pipelineOptions(cfg, revops.InvalidRecordsFail)...)
			if err != nil {
				return nil, sourcedError{in.source + ": " + recordMessage(err)}
			}
			f.segments = append(f.segments, pipelineSegment{value: v, periods: ps})
		}
		slices.SortFunc(f.segments, func(a, b pipelineSegment) int { return strings.Compare(a.value, b.value) })
	}
	if l := in.leads; l != nil {
		opts := []revops.LeadOption{cfg.policy.InvalidRecords}
		if cfg.pipe.calendar != "" {
			opts = append(opts, cfg.pipe.calendar)
		}
		f.leads, err = revops.LeadsByPeriod(l.export.Leads(), periods, opts...)
		switch {
		case errors.As(err, &refused):
			for _, rec := range refused.Records {
				n := noteOf(rec.Err)
				n.line = l.export.Rows[rec.Index].Line
				l.skipped.add(n)
			}
		case err != nil:
			var e *revops.Error
			if errors.As(err, &e) && e.Record != nil && e.Record.Index >= 0 && e.Record.Index < len(l.export.Rows) {
				return nil, sourcedError{fmt.Sprintf("%s: line %d: %s", l.source, l.export.Rows[e.Record.Index].Line, reasonOf(e))}
			}
			return nil, sourcedError{l.source + ": " + recordMessage(err)}
		}
	}
	return f, nil
}

// refusal names an opportunity the library refused by its row's line and the
// column of the field at fault, read from the error's fields.
func (in *pipelineInput) refusal(err error, i int) rowNote {
	n := rowNote{line: in.rows[i].Line, reason: err.Error()}
	var e *revops.Error
	if errors.As(err, &e) {
		n.reason = reasonOf(e)
		c := in.export.Columns
		switch e.Field {
		case "Created":
			n.column = c.Created
		case "Closed", "ExpectedClose":
			n.column = c.Close
		case "Amount":
			n.column = c.Amount
		case "Currency":
			n.column = c.Currency
		case "Probability":
			n.column = c.Probability
		}
	}
	return n
}

// pipeline builds the document of revops pipeline.
func pipeline(cfg config, e env, con *console) (*document, error) {
	in, err := loadPipeline(cfg, e, con)
	if err != nil {
		return nil, err
	}
	sp, err := pipelinePeriods(cfg, in)
	if err != nil {
		return nil, err
	}
	con.step("computing")
	f, err := computePipeline(cfg, in, sp.periods)
	if err != nil {
		return nil, err
	}
	currency := cfg.currency
	if len(in.opps) > 0 && in.opps[0].Currency != "" {
		currency = strings.ToUpper(in.opps[0].Currency)
	}
	st := newStyle(currency)
	st.data = cfg.dataOut()
	d := &document{command: "pipeline", title: "revops pipeline"}
	d.tables = append(d.tables, pipelineTable(cfg, f, st))
	d.tables = append(d.tables, pipelineSegmentTable(cfg, f, st))
	d.tables = append(d.tables, leadsTable(cfg, f, in.leads != nil))
	funnel := funnelTable(cfg, f, in.leads != nil)
	d.tables = append(d.tables, funnel, qualityTable(in))
	d.tables = append(d.tables, &table{name: "notes", family: "notes", data: true,
		cols: []column{{key: "kind"}, {key: "line"}, {key: "column"}, {key: "object"}, {key: "field"}, {key: "currency"}, {key: "same_as_line"}, {key: "reason"}}})
	addPipelineNotes(d, cfg, in)
	addPipelineHeader(d, cfg, in, sp, currency)
	addPipelineTiles(d, cfg, f, st, currency)
	addPipelineCharts(d, cfg, f, funnel)
	return d, nil
}

// The columns of the pipeline's period table, shared by the segments table.
func pipelineColumns(cfg config) []column {
	return []column{
		{key: "created", label: "created", group: "created", num: true},
		{key: "created_value", label: "created value", group: "created", num: true},
		{key: "created_won", label: "of them won", group: "created", num: true},
		{key: "created_won_value"},
		{key: "created_lost", label: "of them lost", group: "created", num: true},
		{key: "created_lost_value"},
		{key: "created_open", label: "still open", group: "created", num: true},
		{key: "created_open_value"},
		{key: "won", label: "won", group: "closed", num: true},
		{key: "won_value", label: "won value", group: "closed", num: true},
		{key: "lost", label: "lost", group: "closed", num: true},
		{key: "lost_value", label: "lost value", group: "closed", num: true},
		{key: "open_at_close", label: "open at close", group: "closed", num: true},
		{key: "open_at_close_value", label: "open value", group: "closed", num: true},
		{key: "win_rate_closed", label: "win rate closed", group: "rates", num: true},
		{key: "value_win_rate_closed", label: "by value", group: "rates", num: true},
		{key: "win_rate_created", label: "win rate created", group: "rates", num: true},
		{key: "value_win_rate_created", label: "by value", group: "rates", num: true},
		{key: "average_deal", label: "average deal", group: "deal", num: true},
		{key: "cycle_mean_days", label: "cycle days", group: "deal", num: true},
		{key: "cycle_median_days", label: "median", group: "deal", num: true},
		{key: "velocity", label: "velocity a day", group: "deal", num: true},
		{key: "closed_won_velocity"},
		{key: "coverage_pipeline"},
		{key: "quota"},
		{key: "coverage", label: "coverage", group: "deal", num: true},
	}
}

// pipelineCells are a period's cells, in pipelineColumns's order.
func pipelineCells(cfg config, p revops.PipelinePeriod, st style, quota bool) []cell {
	c, n := p.Created, p.InPeriod
	q, coverage, pipe := blank(), blank(), st.money(p.CoveragePipeline)
	if quota {
		q, coverage = st.money(cfg.pipe.quota), ratio(p.Coverage)
	}
	return []cell{
		count(c.Count.Total()), st.money(c.Value.Total()),
		count(c.Count.Won), st.money(c.Value.Won), count(c.Count.Lost), st.money(c.Value.Lost), count(c.Count.Open), st.money(c.Value.Open),
		count(n.Count.Won), st.money(n.Value.Won), count(n.Count.Lost), st.money(n.Value.Lost), count(n.Count.Open), st.money(n.Value.Open),
		rate(p.PeriodWinRate), rate(p.PeriodValueWinRate), rate(p.CohortWinRate), rate(p.CohortValueWinRate),
		st.moneyMetric(p.AverageDeal), days(p.CycleMean), days(p.CycleMedian), st.moneyMetric(p.Velocity), st.moneyMetric(p.ClosedWonVelocity),
		pipe, q, coverage,
	}
}

// days is the cell of a number of days, one place for people.
func days(m revops.Metric) cell { return months(m) }

// pipelineNote explains the pipeline table's two forms.
const pipelineNote = "Two forms, each named for what it holds. Created: the deals created in the period, followed to what became of them as the export stands (won, lost, still open), " +
	"and their win rate (win rate created). Closed: the deals won and lost in the period, by their close date, whenever created, and those open at its close; " +
	"their win rate (win rate closed), the average deal won, the sales cycle of the deals closed in it (mean and median days from created to closed), " +
	"velocity = deals open at the close × win rate × average deal ÷ cycle days, and coverage = the value of the deals open at its start and due to close in it ÷ -quota."

// pipelineTable is one row a period: the deals created in it and what became of
// them, the deals closed in it, the win rates of both, deal size, cycle, velocity
// and coverage.
func pipelineTable(cfg config, f *pipelineFigures, st style) *table {
	t := &table{name: "pipeline", family: "pipeline", data: true, people: true, keys: 1,
		title: "Pipeline by " + cfg.period, note: pipelineNote}
	t.cols = append([]column{{key: "period", label: cfg.period, group: "key"}, {key: "start"}, {key: "end"}}, pipelineColumns(cfg)...)
	if !cfg.pipe.hasQuota {
		t.cols[len(t.cols)-1].label = "" // no coverage to show people
	}
	for i, p := range f.periods {
		t.rows = append(t.rows, append([]cell{text(f.labels[i]), text(day(p.Period.Start())), text(day(p.Period.End()))}, pipelineCells(cfg, p, st, cfg.pipe.hasQuota)...))
	}
	return t
}

// pipelineSegmentTable is every figure of every -by value and period.
func pipelineSegmentTable(cfg config, f *pipelineFigures, st style) *table {
	t := &table{name: "segments", family: "segments", data: true, people: len(f.segments) > 0, keys: 2,
		title: "Pipeline by " + cfg.by + " and " + cfg.period,
		note:  "Each value of " + cfg.by + " as its own pipeline, the two forms as above; -quota is the whole team's, so coverage is the total's alone."}
	cols := pipelineColumns(cfg)
	cols[len(cols)-1].label = ""
	t.cols = append([]column{{key: "segment", label: segmentLabel(cfg.by), group: "key"}, {key: "period", label: cfg.period, group: "key"}, {key: "start"}, {key: "end"}}, cols...)
	for _, s := range f.segments {
		for i, p := range s.periods {
			t.rows = append(t.rows, append([]cell{text(segmentName(s.value)), text(f.labels[i]), text(day(p.Period.Start())), text(day(p.Period.End()))}, pipelineCells(cfg, p, st, false)...))
		}
	}
	return t
}

// segmentLabel is the segments' column for people: the -by column's name.
func segmentLabel(by string) string {
	if by == "" {
		return "segment"
	}
	return by
}

// leadsTable is one row a period of the lead export's leads: conversion in both
// forms, contact rate and speed to lead.
func leadsTable(cfg config, f *pipelineFigures, given bool) *table {
	t := &table{name: "leads", family: "leads", data: true, people: given, keys: 1,
		title: "Leads by " + cfg.period,
		note: "The leads created in each " + cfg.period + ": of them qualified, and of those contacted (contact rate). Conversion in two forms: " +
			"converted (of the period's leads, those that became opportunities, whenever: conversion created) and conversions " +
			"(the leads converted in the period, by their converted date, whenever created: conversion in period, which may pass 100 %). " +
			"Speed to lead: from creation to first response, over the period's leads that had one"}
	if cfg.pipe.calendar != "" {
		t.note += ", in the working hours of " + string(cfg.pipe.calendar) + "."
	} else {
		t.note += ", in wall-clock time (-business-hours counts working hours only)."
	}
	t.cols = []column{
		{key: "period", label: cfg.period, group: "key"}, {key: "start"}, {key: "end"},
		{key: "leads", label: "leads", group: "a", num: true},
		{key: "qualified", label: "qualified", group: "a", num: true},
		{key: "contacted", label: "contacted", group: "a", num: true},
		{key: "converted", label: "converted", group: "a", num: true},
		{key: "converted_undated"},
		{key: "conversions", label: "conversions", group: "a", num: true},
		{key: "conversion_rate_created", label: "conversion created", group: "b", num: true},
		{key: "conversion_rate_in_period", label: "in period", group: "b", num: true},
		{key: "contact_rate", label: "contact rate", group: "b", num: true},
		{key: "response_mean_seconds", label: "response mean", group: "c", num: true},
		{key: "response_median_seconds", label: "median", group: "c", num: true},
		{key: "never_contacted", label: "never contacted", group: "c", num: true},
	}
	for i, l := range f.leads {
		t.rows = append(t.rows, []cell{text(f.labels[i]), text(day(l.Period.Start())), text(day(l.Period.End())),
			count(l.Leads), count(l.Qualified), count(l.Contacted), count(l.Converted), count(l.ConvertedUndated), count(l.Conversions),
			rate(l.CohortConversionRate), rate(l.PeriodConversionRate), rate(l.ContactRate),
			duration(l.ResponseMean), duration(l.ResponseMedian), count(l.NeverContacted)})
	}
	return t
}

// duration is the cell of a time in seconds: exact seconds for csv and json, hours
// and minutes for people.
func duration(m revops.Metric) cell {
	v, err := m.Value()
	if err != nil {
		return na()
	}
	mins := v.DivRound(decimal.NewFromInt(60), 0).IntPart() // display only: whole minutes
	show := fmt.Sprintf("%d min", mins)
	if mins >= 60 {
		show = fmt.Sprintf("%d h %02d min", mins/60, mins%60)
	}
	return cell{exact: v.String(), show: show}
}

// funnelTable is the report's funnel over all its periods, each stage's count and
// its rate from the stage before by the library's Funnel: the leads created, the
// qualified, the contacted and the converted (with -leads), and the deals created,
// closed and won (the cohort form: what became of the deals created in the report's
// periods).
func funnelTable(cfg config, f *pipelineFigures, leads bool) *table {
	note := "Over the report's " + cfg.period + "s: the deals created in them, those closed by now and those won (cohort form)"
	if leads {
		note += "; and the leads created in them, those qualified, contacted and converted"
	}
	t := &table{name: "funnel", family: "funnel", data: true, people: true, keys: 2,
		title: "Funnel",
		note:  note + ". Step: the share of the stage before; overall: the share of the first stage.",
		cols: []column{{key: "funnel", label: "funnel", group: "key"}, {key: "stage", label: "stage", group: "key"},
			{key: "count", label: "count", group: "a", num: true}, {key: "step_rate", label: "step", group: "a", num: true},
			{key: "overall_rate", label: "overall", group: "a", num: true}}}
	add := func(name string, stages []revops.FunnelStage) {
		for i, s := range stages {
			step, overall := blank(), blank()
			if i > 0 {
				// The funnel up to this stage: its last step and its overall rate.
				step, overall = na(), na()
				if r, err := revops.Funnel(stages[:i+1], revops.FunnelIncreasesAllowed); err == nil {
					step, overall = rateOf(r.Steps[i-1].Rate, nil), rateOf(r.Overall, nil)
				}
			}
			t.rows = append(t.rows, []cell{text(name), text(s.Name), count(s.Count), step, overall})
		}
	}
	if leads {
		var n, q, c, v int
		for _, l := range f.leads {
			n, q, c, v = n+l.Leads, q+l.Qualified, c+l.Contacted, v+l.Converted
		}
		add("leads", []revops.FunnelStage{{Name: "leads", Count: n}, {Name: "qualified", Count: q}, {Name: "contacted", Count: c}, {Name: "converted", Count: v}})
	}
	var created, closed, won int
	for _, p := range f.periods {
		created += p.Created.Count.Total()
		closed += p.Created.Count.Won + p.Created.Count.Lost
		won += p.Created.Count.Won
	}
	add("opportunities", []revops.FunnelStage{{Name: "created", Count: created}, {Name: "closed", Count: closed}, {Name: "won", Count: won}})
	return t
}

// qualityTable lists the export's data quality issues, a row each with its line.
func qualityTable(in *pipelineInput) *table {
	t := &table{name: "quality", family: "quality", data: true,
		cols: []column{{key: "kind"}, {key: "line"}, {key: "column"}, {key: "same_as_line"}, {key: "detail"}}}
	for _, is := range in.quality.Issues {
		same := blank()
		if is.Related != nil {
			same = count(is.Related.Line)
		}
		t.rows = append(t.rows, []cell{text(is.Kind.String()), count(is.Record.Line), optText(is.Record.Column), same, optText(is.Detail)})
	}
	return t
}

// addPipelineNotes adds the notes: the export's data quality issues, each with its
// line, the rows skipped or left out, and where each reader stopped.
func addPipelineNotes(d *document, cfg config, in *pipelineInput) {
	asOf := in.asOf.In(cfg.loc).Format(time.DateOnly)
	kinds := []struct {
		kind    revops.IssueKind
		summary string
	}{
		{revops.IssueMissingAmount, "No amount, counted at 0"},
		{revops.IssuePastClose, "Open past the close date (as of " + asOf + ")"},
		{revops.IssueDuplicateID, "The ID of an earlier row, counted again"},
	}
	for _, k := range kinds {
		var rows rowNotes
		for _, is := range in.quality.Issues {
			if is.Kind != k.kind {
				continue
			}
			n := rowNote{line: is.Record.Line, column: is.Record.Column, reason: is.Detail}
			if is.Related != nil {
				n.same = is.Related.Line
			}
			rows.add(n)
		}
		addRowNotes(d, k.kind.String(), fmt.Sprintf("%s: %s", k.summary, countOf(rows.count, "opportunity row")), rows, func(r rowNote) string {
			if r.same > 0 {
				return fmt.Sprintf("%s: repeats the ID of line %d", r.at(), r.same)
			}
			if r.reason != "" {
				return r.at() + ": " + r.reason
			}
			return r.at()
		})
	}
	addRowNotes(d, "skipped", fmt.Sprintf("%s skipped (-skip-invalid)", rowsWord(in.skipped.count)), in.skipped, nil)
	var by []string
	for _, c := range sortedKeys(in.other) {
		name := c
		if c == "" {
			name = "no currency"
		}
		by = append(by, fmt.Sprintf("%s in %s", group(strconv.Itoa(in.other[c])), name))
	}
	addRowNotes(d, "left_out", fmt.Sprintf("%s left out (-currency %s): %s", rowsWord(in.leftOut.count), cfg.currency, strings.Join(by, ", ")), in.leftOut, func(r rowNote) string {
		name := r.currency
		if name == "" {
			name = "no currency"
		}
		return r.at() + ": " + name
	})
	addTrailer(d, "trailer", in.source, in.export.Trailer)
	if l := in.leads; l != nil {
		addRowNotes(d, "leads_skipped", fmt.Sprintf("%s: %s skipped (-skip-invalid)", l.source, rowsWord(l.skipped.count)), l.skipped, nil)
		addTrailer(d, "leads_trailer", l.source, l.export.Trailer)
		addRowNotes(d, "leads_duplicates", fmt.Sprintf("%s: %s %s an earlier lead (its Lead ID, or every cell); kept, each counting again", l.source, rowsWord(l.dups.count), verb(l.dups.count, "repeats", "repeat")), l.dups,
			func(r rowNote) string { return fmt.Sprintf("line %d repeats line %d", r.line, r.same) })
	}
}

// addPipelineHeader adds the report's facts for people and its fields for json,
// opening with the export's data quality.
func addPipelineHeader(d *document, cfg config, in *pipelineInput, sp span, currency string) {
	first, last := sp.periods[0], sp.periods[len(sp.periods)-1]
	q := in.quality
	asOf := in.asOf.In(cfg.loc).Format(time.DateOnly)
	read := len(in.export.Rows) + in.skipped.count
	d.facts = []fact{
		{"Source", fmt.Sprintf("%s: %s read, %s in the report", in.source, rowsWord(read), countOf(len(in.opps), "opportunity"))},
		{"Data quality", fmt.Sprintf("as of %s, of %s: completeness %s of the required cells (%s), duplicate IDs %s, valid %s (an amount, and an open deal not past its close date)",
			asOf, rowsWord(q.Rows), rate(q.Completeness).show, strings.Join(q.Required, ", "), rate(q.DuplicateRate).show, rate(q.Validity).show)},
		{"Currency", currencyFact(currency)},
		{"Periods", fmt.Sprintf("%s, %s to %s", countOf(len(sp.periods), cfg.period), label(cfg.period, first), label(cfg.period, last))},
		zoneFact(cfg),
		{"Headline figures", fmt.Sprintf("%s, %s", label(cfg.period, last), sp.last)},
		{"Policy", fmt.Sprintf("win rate ÷ %s deals; cycle of %s deals; close times %s", cfg.pipe.winRate,
			strings.ReplaceAll(cfg.pipe.cycle.String(), "_", " "), cfg.pipe.closeTimes)},
	}
	if len(sp.periods) > 1 {
		d.facts[5].Text += fmt.Sprintf("; changes from %s", label(cfg.period, sp.periods[len(sp.periods)-2]))
	}
	if cfg.pipe.hasQuota {
		d.facts = append(d.facts, fact{"Quota", newStyle(currency).money(cfg.pipe.quota).show + " a " + cfg.period})
	}
	if l := in.leads; l != nil {
		hours := "wall-clock time"
		if cfg.pipe.calendar != "" {
			hours = "working hours " + string(cfg.pipe.calendar)
		}
		d.facts = append(d.facts, fact{"Leads", fmt.Sprintf("%s: %s read; speed to lead in %s", l.source, rowsWord(len(l.export.Rows)+l.skipped.count), hours)})
	}
	issues := orderedMap{}
	for _, k := range []revops.IssueKind{revops.IssueMissingAmount, revops.IssuePastClose, revops.IssueDuplicateID} {
		n := 0
		for _, is := range q.Issues {
			if is.Kind == k {
				n++
			}
		}
		issues = append(issues, metaField{k.String(), n})
	}
	d.meta = []metaField{
		{"source", orderedMap{{"name", in.source}, {"format", "opportunities"}, {"rows", read}, {"opportunities", len(in.opps)},
			{"skipped", in.skipped.count}, {"left_out", in.leftOut.count}, {"trailer", trailerMeta(in.export.Trailer)}}},
		{"quality", orderedMap{{"as_of", asOf}, {"rows", q.Rows}, {"required", q.Required}, {"completeness", jsonCell(rate(q.Completeness))},
			{"duplicate_rate", jsonCell(rate(q.DuplicateRate))}, {"validity", jsonCell(rate(q.Validity))}, {"issues", issues}}},
		{"currency", currency},
		{"period", cfg.period},
		{"periods", orderedMap{{"first", label(cfg.period, first)}, {"last", label(cfg.period, last)}, {"count", len(sp.periods)}}},
		{"time_zone", zoneName(cfg)},
		{"policy", orderedMap{{"win_rate", cfg.pipe.winRate.String()}, {"cycle_deals", cfg.pipe.cycle.String()}, {"close_times", cfg.pipe.closeTimes.String()},
			{"invalid_records", cfg.policy.InvalidRecords.String()}}},
	}
	var quota any
	if cfg.pipe.hasQuota {
		quota = cfg.pipe.quota.String()
	}
	d.meta = append(d.meta, metaField{"quota", quota})
	if l := in.leads; l != nil {
		d.meta = append(d.meta, metaField{"leads", orderedMap{{"name", l.source}, {"rows", len(l.export.Rows) + l.skipped.count}, {"skipped", l.skipped.count},
			{"business_hours", string(cfg.pipe.calendar)}, {"trailer", trailerMeta(l.export.Trailer)}}})
	}
}

// currencyFact states the report's currency.
func currencyFact(currency string) string {
	if currency == "" {
		return "none given (amounts rounded to 2 places for people, exact in csv and json)"
	}
	return currency
}

// addPipelineTiles adds the headline figures of the last period, each with its
// change from the one before.
func addPipelineTiles(d *document, cfg config, f *pipelineFigures, sty style, currency string) {
	k := len(f.periods) - 1
	d.tileFor = f.labels[k]
	if k > 0 {
		d.tilePrev = f.labels[k-1]
	}
	unit := currency
	if unit != "" {
		unit += ", "
	}
	type spec struct {
		key, label, sub string
		get             func(p revops.PipelinePeriod) cell
		points, lower   bool
	}
	specs := []spec{
		{"pipeline_created", "Pipeline created", unit + "deals created in " + f.labels[k], func(p revops.PipelinePeriod) cell { return sty.money(p.Created.Value.Total()) }, false, false},
		{"won_value", "Won", unit + "deals won in " + f.labels[k], func(p revops.PipelinePeriod) cell { return sty.money(p.InPeriod.Value.Won) }, false, false},
		{"win_rate_closed", "Win rate", "of the deals closed in " + f.labels[k], func(p revops.PipelinePeriod) cell { return rate(p.PeriodWinRate) }, true, false},
		{"win_rate_created", "Win rate, created", "of the deals created in " + f.labels[k], func(p revops.PipelinePeriod) cell { return rate(p.CohortWinRate) }, true, false},
		{"average_deal", "Average deal", unit + "won ÷ deals won", func(p revops.PipelinePeriod) cell { return sty.moneyMetric(p.AverageDeal) }, false, false},
		{"cycle_mean_days", "Sales cycle", "mean days, created to closed", func(p revops.PipelinePeriod) cell { return days(p.CycleMean) }, false, true},
		{"velocity", "Pipeline velocity", unit + "a day, of the deals open at the close", func(p revops.PipelinePeriod) cell { return sty.moneyMetric(p.Velocity) }, false, false},
	}
	if cfg.pipe.hasQuota {
		specs = append(specs, spec{"coverage", "Coverage", "due in " + f.labels[k] + " ÷ quota", func(p revops.PipelinePeriod) cell { return ratio(p.Coverage) }, false, false})
	}
	for _, s := range specs {
		now, then := s.get(f.periods[k]), blank()
		if k > 0 {
			then = s.get(f.periods[k-1])
		}
		change := growthChange
		if s.points {
			change = pointsChange
		}
		ch, trend := change(now, then)
		d.tiles = append(d.tiles, tile{key: s.key, label: s.label, value: now, change: ch, sub: s.sub, trend: trend, lower: s.lower})
	}
	if len(f.leads) > k {
		l := f.leads[k]
		var prev *revops.LeadPeriod
		if k > 0 {
			prev = &f.leads[k-1]
		}
		pick := func(get func(l revops.LeadPeriod) cell) cell {
			if prev == nil {
				return blank()
			}
			return get(*prev)
		}
		conv := func(l revops.LeadPeriod) cell { return rate(l.CohortConversionRate) }
		speed := func(l revops.LeadPeriod) cell { return duration(l.ResponseMedian) }
		ch, trend := pointsChange(conv(l), pick(conv))
		d.tiles = append(d.tiles, tile{key: "lead_conversion_created", label: "Lead conversion", value: conv(l), change: ch, sub: "of the leads created in " + f.labels[k], trend: trend})
		ch, trend = growthChange(speed(l), pick(speed))
		d.tiles = append(d.tiles, tile{key: "speed_to_lead_median", label: "Speed to lead", value: speed(l), change: ch, sub: "median, " + f.labels[k], trend: trend, lower: true})
	}
}

// Colours of the pipeline's series.
const (
	colWon  = "#2a9d8f"
	colLost = "#c8553d"
	colOpen = "#8d99ae"
)

// addPipelineCharts adds the page's charts: the funnel, the deals created by what
// became of them, the win rates in both forms, and with -leads the lead conversion.
func addPipelineCharts(d *document, cfg config, f *pipelineFigures, funnel *table) {
	n := len(f.periods)
	values := func(get func(p revops.PipelinePeriod) *float64) []*float64 {
		out := make([]*float64, n)
		for i, p := range f.periods {
			out[i] = get(p)
		}
		return out
	}
	num := func(v int) *float64 {
		x := float64(v)
		return &x
	}
	var stages []string
	var leadBars, oppBars []*float64
	for _, r := range funnel.rows {
		stages = append(stages, r[1].exact)
		v, _ := strconv.ParseFloat(r[2].exact, 64)
		if r[0].exact == "leads" {
			leadBars, oppBars = append(leadBars, &v), append(oppBars, nil)
		} else {
			leadBars, oppBars = append(leadBars, nil), append(oppBars, &v)
		}
	}
	funnelChart := chart{id: "chart-funnel", kind: "bars", title: "Funnel", zero: true, numbers: funnel.title, labels: stages,
		caption: "How many reach each stage over the report's " + cfg.period + "s: the deals created, those closed by now, and those won.",
		series:  []chartSeries{{name: "opportunities", color: colMRR, bar: true, values: oppBars}}}
	if slices.ContainsFunc(leadBars, func(p *float64) bool { return p != nil }) {
		funnelChart.caption = "How many reach each stage over the report's " + cfg.period + "s: the leads created, qualified, contacted and converted; then the deals created, those closed by now, and those won."
		funnelChart.series = append([]chartSeries{{name: "leads", color: colASP, bar: true, values: leadBars}}, funnelChart.series...)
	}
	table := "Pipeline by " + cfg.period
	d.charts = append(d.charts, funnelChart,
		chart{id: "chart-created", kind: "bars", title: "Deals created, by what became of them", zero: true, numbers: table, labels: f.labels,
			caption: "The deals created in each " + cfg.period + " (cohort form), stacked by their outcome as the export stands: won, lost, still open.",
			series: []chartSeries{
				{name: "won", color: colWon, bar: true, values: values(func(p revops.PipelinePeriod) *float64 { return num(p.Created.Count.Won) })},
				{name: "lost", color: colLost, bar: true, values: values(func(p revops.PipelinePeriod) *float64 { return num(p.Created.Count.Lost) })},
				{name: "still open", color: colOpen, bar: true, values: values(func(p revops.PipelinePeriod) *float64 { return num(p.Created.Count.Open) })},
			}},
		chart{id: "chart-win-rate", kind: "line", title: "Win rate", percent: true, zero: true, numbers: table, labels: f.labels,
			caption: "Of the deals closed in each " + cfg.period + " (win rate closed), and of those created in it (win rate created), by count and by value (dashed). Gaps: no deal closed.",
			series: []chartSeries{
				{name: "closed in it", color: colNRR, values: values(func(p revops.PipelinePeriod) *float64 { return point(p.PeriodWinRate) })},
				{name: "closed in it, by value", color: colNRR, dashed: true, values: values(func(p revops.PipelinePeriod) *float64 { return point(p.PeriodValueWinRate) })},
				{name: "created in it", color: colGRR, values: values(func(p revops.PipelinePeriod) *float64 { return point(p.CohortWinRate) })},
				{name: "created in it, by value", color: colGRR, dashed: true, values: values(func(p revops.PipelinePeriod) *float64 { return point(p.CohortValueWinRate) })},
			}},
	)
	if len(f.leads) == n && n > 0 {
		lv := func(get func(l revops.LeadPeriod) revops.Metric) []*float64 {
			out := make([]*float64, n)
			for i, l := range f.leads {
				out[i] = point(get(l))
			}
			return out
		}
		d.charts = append(d.charts, chart{id: "chart-leads", kind: "line", title: "Lead conversion and contact rate", percent: true, zero: true, numbers: "Leads by " + cfg.period, labels: f.labels,
			caption: "Of each " + cfg.period + "'s leads, the share converted (conversion created) and of its qualified leads the share contacted; conversions in the " + cfg.period + " per new lead (dashed) may pass 100 %.",
			series: []chartSeries{
				{name: "conversion created", color: colMRR, values: lv(func(l revops.LeadPeriod) revops.Metric { return l.CohortConversionRate })},
				{name: "conversion in period", color: colMRR, dashed: true, values: lv(func(l revops.LeadPeriod) revops.Metric { return l.PeriodConversionRate })},
				{name: "contact rate", color: colGRR, values: lv(func(l revops.LeadPeriod) revops.Metric { return l.ContactRate })},
			}})
	}
}

// opportunityFlags are the flags that name the columns of an opportunity export, with
// the columns they name now (a reader's first default when a flag is not given).
func opportunityFlags(c revops.OpportunityColumns) []columnFlag {
	return []columnFlag{
		{"-col-id", columnName(c.ID, "Opportunity ID"), false},
		{"-col-amount", columnName(c.Amount, "Amount"), false},
		{"-col-stage", columnName(c.Stage, "Stage"), false},
		{"-col-created", columnName(c.Created, "Created Date"), true},
		{"-col-close", columnName(c.Close, "Close Date"), true},
		{"-col-won", columnName(c.Won, "Won"), false},
		{"-col-closed", columnName(c.Closed, "Closed"), false},
		{"-col-probability", columnName(c.Probability, "Probability (%)"), false},
		{"-col-currency", columnName(c.Currency, "Opportunity Currency"), false},
		{"-col-owner", columnName(c.Owner, "Opportunity Owner"), false},
		{"-col-lead-source", columnName(c.LeadSource, "Lead Source"), false},
	}
}

// leadFlags are the flags that name the columns of a lead export.
func leadFlags(c revops.LeadColumns) []columnFlag {
	return []columnFlag{
		{"-lead-col-id", columnName(c.ID, "Lead ID"), false},
		{"-lead-col-created", columnName(c.Created, "Created Date"), true},
		{"-lead-col-first-response", columnName(c.FirstResponse, "First Response"), true},
		{"-lead-col-qualified", columnName(c.Qualified, "Qualified"), false},
		{"-lead-col-converted", columnName(c.Converted, "Converted"), false},
		{"-lead-col-converted-date", columnName(c.ConvertedDate, "Converted Date"), true},
	}
}

// errorFix is fixFor of the *revops.Error within err, if any.
func errorFix(err error, flags []columnFlag) string {
	var e *revops.Error
	if !errors.As(err, &e) {
		return ""
	}
	return fixFor(e, flags)
}
