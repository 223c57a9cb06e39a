package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// maxPeriods bounds a report's length: the cohort table has a cell for every pair of
// periods, so a stray date in year 9999 must not ask for billions of them.
const maxPeriods = revops.MaxCohortPeriods

// reportTables are the tables of revops report, as -table names them.
var reportTables = []string{"series", "cohorts", "cohort_average", "trailing", "movements", "segments", "acquisition", "notes"}

// span is the range of periods a report covers and why it ends where it does.
type span struct {
	periods []revops.Period
	last    string // why the last period is the last: "-to", "today's", "the last in which anyone pays"
	tail    string // a note on final periods left out: only churn, or after today
}

// reportPeriods returns the periods from -from to -to. By default they run from the
// period of the earliest start to the last period in which anyone pays, or to today's
// period (the period of the instant the data is read at) when the data reaches it, so
// that the last period is never one of nothing but churn; tail names what that leaves
// out.
func reportPeriods(cfg config, in *input) (span, error) {
	from, to := cfg.from, cfg.to
	haveFrom, haveTo := cfg.set["from"], cfg.set["to"] // -from 0001 is year 1, not unset
	if len(in.spans) == 0 && (!haveFrom || !haveTo) {
		return span{}, in.failf("no spans to report: give -from and -to for an empty report")
	}
	out := span{last: "the " + cfg.period + " -to gives"}
	if !haveFrom || !haveTo {
		first, lastEnd, lastPay, open := in.spans[0].Start, time.Time{}, time.Time{}, false
		latestStart := first
		for _, s := range in.spans {
			first = minTime(first, s.Start)
			latestStart = maxTime(latestStart, s.Start)
			lastEnd = maxTime(lastEnd, s.End)
			if s.MRR.Sign() > 0 {
				if s.End.IsZero() {
					open = true
				} else {
					lastPay = maxTime(lastPay, s.End.Add(-time.Nanosecond))
				}
			}
		}
		if !haveFrom {
			from = first
		}
		if !haveTo {
			today := in.asOf.Add(-time.Nanosecond)
			switch {
			case (open || !lastPay.Before(today)) && !today.Before(first):
				to, out.last = today, "today's "+cfg.period
				if in.demo {
					out.last = "the last " + cfg.period + " before the export"
				}
				if last := maxTime(latestStart, lastEnd); periodOf(cfg, last).Start().After(periodOf(cfg, to).Start()) {
					out.tail = fmt.Sprintf("the data runs to %s, after today's %s: -to %s shows the starts and ends already scheduled",
						label(cfg.period, periodOf(cfg, last)), cfg.period, label(cfg.period, periodOf(cfg, last)))
				}
			case !lastPay.IsZero():
				to, out.last = lastPay, "the last "+cfg.period+" in which anyone pays"
				if end := periodOf(cfg, lastEnd); end.Start().After(periodOf(cfg, to).Start()) {
					out.tail = fmt.Sprintf("no one pays after %s: the data's last %s, %s, holds nothing but churn and is left out (-to %s shows it)",
						label(cfg.period, periodOf(cfg, to)), cfg.period, label(cfg.period, end), label(cfg.period, end))
				}
			default: // no span pays anything
				to, out.last = maxTime(latestStart, lastEnd), "the data's last "+cfg.period
			}
		}
	}
	p, last := periodOf(cfg, from), periodOf(cfg, to)
	if p.Start().After(last.Start()) {
		if !haveFrom {
			// -from was not given: the data's first period is after the last one asked for.
			return span{}, usageError{fmt.Sprintf("the data's first %s, %s, is after the last, %s (%s): give -from, or a later -to", cfg.period, label(cfg.period, p), label(cfg.period, last), out.last)}
		}
		return span{}, usageError{fmt.Sprintf("-from %s is after the data's last %s, %s: give an earlier -from", label(cfg.period, p), cfg.period, label(cfg.period, last))}
	}
	for ; !p.Start().After(last.Start()); p = p.Next() {
		if len(out.periods) == maxPeriods && haveFrom && haveTo {
			// The flags alone ask for it: a usage error, whatever the data.
			return span{}, usageError{fmt.Sprintf("-from %s to -to %s is over %d %ss: narrow them", label(cfg.period, out.periods[0]), label(cfg.period, last), maxPeriods, cfg.period)}
		}
		if len(out.periods) == maxPeriods {
			return span{}, in.failf("the report would run from %s to %s, over %d %ss: narrow it with -from and -to",
				label(cfg.period, out.periods[0]), label(cfg.period, last), maxPeriods, cfg.period)
		}
		out.periods = append(out.periods, p)
	}
	return out, nil
}

// periodOf returns the calendar period of cfg's kind that holds t, in cfg's time zone.
func periodOf(cfg config, t time.Time) revops.Period {
	loc := cfg.loc
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	switch cfg.period {
	case "quarter":
		q, _ := revops.QuarterIn(t.Year(), (int(t.Month())-1)/3+1, loc)
		return q
	case "year":
		return revops.YearIn(t.Year(), loc)
	}
	return revops.MonthIn(t.Year(), t.Month(), loc)
}

// label names a period for people: 2025-03, 2025-Q1 or 2025.
func label(kind string, p revops.Period) string {
	s := p.Start()
	switch kind {
	case "quarter": // four-digit years, as -from reads them and as months print
		return fmt.Sprintf("%04d-Q%d", s.Year(), (int(s.Month())-1)/3+1)
	case "year":
		return fmt.Sprintf("%04d", s.Year())
	}
	return s.Format("2006-01")
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// figures are what the library computed for a report: the series, the cohort table
// and the trailing retention of every period, with the unit economics of each
// period from the library's own functions.
type figures struct {
	labels   []string
	series   []revops.PeriodMetrics
	cohorts  revops.CohortTable
	trailing []revops.WindowRetention
	asp, ltv []cell // per period: ASP and LTV
	changes  []revops.CustomerChange
}

// compute runs the library over the periods.
func compute(cfg config, in *input, periods []revops.Period, st style) (*figures, error) {
	// The cohort table grows with the square of the periods: built only for an
	// output that shows it (the people's formats, and the cohort tables of csv and
	// json), so that a csv of the series over a century is linear in its periods.
	wantCohorts := !cfg.dataOut() || cfg.needs("cohorts", "series") || cfg.needs("cohort_average", "series")
	var t revops.Totals
	var err error
	if wantCohorts {
		t, err = in.history.TotalsWithCohorts(periods, cfg.policy)
	} else {
		t, err = in.history.Totals(periods, cfg.policy)
	}
	if err != nil {
		return nil, in.fail(err)
	}
	f := &figures{series: t.Series()}
	if wantCohorts {
		if f.cohorts, err = t.CohortTable(); err != nil {
			return nil, in.fail(err)
		}
	}
	if cfg.wantsMovements() {
		if f.changes, err = in.history.Changes(periods, cfg.policy); err != nil {
			return nil, in.fail(err)
		}
	}
	// Trailing retention is in the people's formats, json's tiles and its own table:
	// a csv of another table does without it.
	if cfg.format != "csv" || cfg.outDir || cfg.needs("trailing", "series") {
		if f.trailing, err = in.history.TrailingSeries(periods, cfg.policy); err != nil {
			return nil, in.fail(err)
		}
	}
	for i, p := range periods {
		f.labels = append(f.labels, label(cfg.period, p))
		m := f.series[i]
		f.asp = append(f.asp, st.moneyOf(revops.ASP(m.New.Monthly(), m.MovementCounts.New)))
	}
	// LTV by the library over the series: each period's ARPA × its months × margin ÷
	// its churn, or the mean churn of the periods the policy's window covers
	// (ChartMogul: the six months before).
	ltvs, err := revops.LTVByPeriod(f.series, cfg.grossMargin, cfg.policy)
	if err != nil {
		return nil, in.fail(err)
	}
	for _, m := range ltvs {
		f.ltv = append(f.ltv, st.moneyOf(m.Value()))
	}
	return f, nil
}

// buildReport computes every figure of revops report from the history, through the
// library, and lays them out as a document.
func buildReport(cfg config, in *input) (*document, error) {
	sp, err := reportPeriods(cfg, in)
	if err != nil {
		return nil, err
	}
	currency := in.history.Currency()
	if currency == "" {
		currency = cfg.currency
	}
	st := newStyle(currency)
	st.data = cfg.dataOut()
	f, err := compute(cfg, in, sp.periods, st)
	if err != nil {
		return nil, err
	}
	d := &document{command: "report", title: "revops report"}
	d.tables = append(d.tables, seriesTable(cfg, f, st))
	d.tables = append(d.tables, cohortTables(cfg, f, st)...)
	d.tables = append(d.tables, trailingTable(cfg, f, st))
	d.tables = append(d.tables, movementTables(cfg, f, st)...)
	segs, err := computeSegments(cfg, in, sp.periods)
	if err != nil {
		return nil, err
	}
	d.tables = append(d.tables, segmentTables(cfg, f, segs, st)...)
	addNotes(d, cfg, in, sp)
	addHeader(d, cfg, in, sp, currency)
	addTiles(d, cfg, f, st, currency)
	addCharts(d, cfg, f, currency)
	if len(segs) > 0 {
		d.charts = append(d.charts, segmentChart(cfg, f, segs))
	}
	if cfg.spend != "" {
		sp, err := loadSpend(cfg)
		if err != nil {
			return nil, err
		}
		rows, err := acquisition(cfg, in, sp)
		if err != nil {
			return nil, err
		}
		addAcquisition(d, cfg, sp, rows, st, currency)
	} else {
		// Its columns, with no rows: json and -o DIR/ hold every table, as segments.
		t := acquisitionTable(cfg, nil, st)
		t.people = false
		d.tables = append(d.tables, t)
	}
	return d, nil
}

// seriesTable is one row a period: MRR and its movements, customers, rates and unit
// economics.
func seriesTable(cfg config, f *figures, st style) *table {
	t := &table{name: "series", family: "series", data: true, people: true, keys: 1,
		title: "MRR, customers and rates by " + cfg.period,
		note: "MRR at the close of each period and the movements that took it there: end = start + new + expansion + reactivation − contraction − churn. " +
			"Customers: end = start + new + reactivated − churned + returned; churned counts every customer who stopped paying, " +
			"including those who joined and left within the period (joined+left); returned are those who left and came back within it. " +
			"Logo churn and the revenue rates measure the customers paying at the start."}
	t.cols = []column{
		{key: "period", label: cfg.period, group: "key"},
		{key: "start"}, {key: "end"},
		{key: "start_mrr", label: "start MRR", group: "mrr", num: true},
		{key: "new_mrr", label: "new", group: "mrr", num: true},
		{key: "expansion_mrr", label: "expansion", group: "mrr", num: true},
		{key: "reactivation_mrr", label: "reactivation", group: "mrr", num: true},
		{key: "contraction_mrr", label: "contraction", group: "mrr", num: true},
		{key: "churn_mrr", label: "churn", group: "mrr", num: true},
		{key: "net_new_mrr", label: "net new MRR", group: "mrr2", num: true},
		{key: "end_mrr", label: "end MRR", group: "mrr2", num: true},
		{key: "arr", label: "ARR", group: "mrr2", num: true},
		{key: "start_customers", label: "start", group: "customers", num: true},
		{key: "new_customers", label: "+new", group: "customers", num: true},
		{key: "reactivated_customers", label: "+reactivated", group: "customers", num: true},
		{key: "churned_customers", label: "−churned", group: "customers", num: true},
		{key: "left_and_returned", label: "+returned", group: "customers", num: true},
		{key: "end_customers", label: "=end", group: "customers", num: true},
		{key: "joined_and_left", label: "joined+left", group: "customers", num: true},
		{key: "customer_churn", label: "logo churn", group: "rates", num: true},
		{key: "gross_revenue_churn", label: "gross churn", group: "rates", num: true},
		{key: "net_revenue_churn", label: "net churn", group: "rates", num: true},
		{key: "nrr", label: "NRR", group: "rates", num: true},
		{key: "grr", label: "GRR", group: "rates", num: true},
		{key: "quick_ratio", label: "quick ratio", group: "rates", num: true},
		{key: "arpa", label: "ARPA", group: "mrr2", num: true},
		{key: "asp", label: "ASP", group: "mrr2", num: true},
		{key: "ltv", label: "LTV", group: "mrr2", num: true},
	}
	for i, m := range f.series {
		c := m.Customers
		t.rows = append(t.rows, []cell{
			text(f.labels[i]), text(day(m.Period.Start())), text(day(m.Period.End())),
			st.recurring(m.Start), st.recurring(m.New), st.recurring(m.Expansion), st.recurring(m.Reactivation),
			st.recurring(m.Contraction), st.recurring(m.Churn), st.moneyMetric(m.NetNewMRR), st.recurring(m.End), st.annual(m.End),
			count(c.Start), count(c.New), count(c.Reactivated), count(c.Churned), count(c.LeftAndReturned), count(m.EndCustomers), count(c.JoinedAndLeft),
			rate(m.CustomerChurn), rate(m.GrossRevenueChurn), rate(m.NetRevenueChurn), rate(m.NRR), rate(m.GRR), ratio(m.QuickRatio),
			st.moneyMetric(m.ARPA), f.asp[i], f.ltv[i],
		})
	}
	return t
}

// day formats a period boundary as a date.
func day(t time.Time) string { return t.Format(time.DateOnly) }

// trailingRows returns the index of the first period whose trailing retention is
// defined: the table and the page's lines start there.
func trailingStart(f *figures) int {
	for i, w := range f.trailing {
		if _, err := w.NRR.Value(); err == nil {
			return i
		}
	}
	return len(f.trailing)
}

// trailingTable is NRR and GRR over the window ending with each period, from the
// first period where they are defined.
func trailingTable(cfg config, f *figures, st style) *table {
	months := cfg.policy.Window.Months
	t := &table{name: "trailing", family: "trailing", data: true, people: true, keys: 1,
		title: fmt.Sprintf("Trailing %d-month retention", months),
		note: fmt.Sprintf("The customers paying at the close of the period %s earlier: their MRR now ÷ their MRR then (NRR), each capped at its MRR then (GRR); "+
			"one who left and came back since counts at its MRR now, whatever -nrr-reactivation says of a period's NRR. "+
			"Rows start at the first period with customers %s before.", countOf(months, "month"), countOf(months, "month"))}
	t.cols = []column{
		{key: "period", label: cfg.period, group: "key"},
		{key: "from", label: "from the close of", group: "a"}, {key: "to"},
		{key: "start_mrr", label: "their MRR then", group: "a", num: true},
		{key: "expansion_mrr"}, {key: "contraction_mrr"}, {key: "churn_mrr"},
		{key: "end_mrr", label: "their MRR now", group: "a", num: true},
		{key: "nrr", label: "NRR", group: "a", num: true},
		{key: "grr", label: "GRR", group: "a", num: true},
	}
	for i := trailingStart(f); i < len(f.trailing); i++ {
		w := f.trailing[i]
		m := w.Movements
		now := m.Start.Add(m.Expansion).Sub(m.Contraction).Sub(m.Churn)
		t.rows = append(t.rows, []cell{text(f.labels[i]), text(day(w.From)), text(day(w.To)),
			st.money(m.Start), st.money(m.Expansion), st.money(m.Contraction), st.money(m.Churn), st.money(now), rate(w.NRR), rate(w.GRR)})
	}
	return t
}

// reactivationName names the reactivation choice as the -reactivation flag takes it.
func reactivationName(r revops.ReactivationPolicy) string {
	if r.Placement == revops.ReactivationAsNewAfter {
		return fmt.Sprintf("%s:%d", r.Placement, r.WindowDays)
	}
	return r.Placement.String()
}

// policyFields are the policy's choices that a report of spans reads, by name, in a
// stable order: json's "policy", and compare's columns.
func policyFields(p revops.Policy) []metaField {
	window := p.Window.Months
	if window == 0 {
		window = 12
	}
	return []metaField{
		{"churn_denominator", p.ChurnDenominator.String()},
		{"joined_and_left", p.JoinedAndLeft.String()},
		{"left_and_returned", p.LeftAndReturned.String()},
		{"reactivation", reactivationName(p.Reactivation)},
		{"nrr_reactivation", p.NRRReactivation.String()},
		{"quick_ratio_reactivation", p.QuickRatio.String()},
		{"movements", p.Movements.String()},
		{"zero_mrr", p.ZeroMRR.String()},
		{"cohort_average", p.CohortAverage.String()},
		{"window_months", window},
		{"ltv_churn", ltvChurnName(p.LTVChurn)},
		{"invalid_records", p.InvalidRecords.String()},
	}
}

// ltvChurnName names the churn rate LTV divides by: the period's own, the mean of the
// last n periods, or the mean of the n periods before.
func ltvChurnName(c revops.LTVChurn) string {
	switch {
	case c.ExcludeCurrent:
		return fmt.Sprintf("mean_of_%d_before", c.Periods)
	case c.Periods > 1:
		return fmt.Sprintf("mean_of_last_%d", c.Periods)
	default:
		return "period"
	}
}

// ltvChurnText says for people which churn rate LTV divides by.
func ltvChurnText(c revops.LTVChurn) string {
	switch {
	case c.ExcludeCurrent:
		return fmt.Sprintf("the mean customer churn of the %d periods before (ChartMogul)", c.Periods)
	case c.Periods > 1:
		return fmt.Sprintf("the mean customer churn of the last %d periods", c.Periods)
	default:
		return "customer churn"
	}
}

// policyLine states the policy for people, in one line.
func policyLine(cfg config) string {
	var parts []string
	if cfg.preset != "" {
		parts = append(parts, "preset "+cfg.preset)
	}
	for _, f := range policyFields(cfg.policy) {
		parts = append(parts, strings.ReplaceAll(f.key, "_", " ")+" "+fmt.Sprint(f.value))
	}
	return strings.Join(parts, "; ")
}

// addNotes adds the notes about rows left out or repeated and periods not shown,
// and the notes table that lists their rows.
func addNotes(d *document, cfg config, in *input, sp span) {
	t := &table{name: "notes", family: "notes", data: true,
		cols: []column{{key: "kind"}, {key: "line"}, {key: "column"}, {key: "object"}, {key: "field"}, {key: "currency"}, {key: "same_as_line"}, {key: "reason"}}}
	opt := func(n int) cell {
		if n == 0 {
			return blank()
		}
		return count(n)
	}
	str := func(s string) cell {
		if s == "" {
			return blank()
		}
		return text(s)
	}
	add := func(key, summary string, rows rowNotes, line func(rowNote) string) {
		if rows.count == 0 {
			return
		}
		n := note{key: key, summary: summary, count: rows.count}
		for _, r := range rows.rows {
			n.lines = append(n.lines, line(r))
			t.rows = append(t.rows, []cell{text(key), opt(r.line), str(r.column), str(r.object), str(r.field), str(r.currency), opt(r.same), str(r.reason)})
		}
		if rows.count > len(rows.rows) {
			n.lines = append(n.lines, fmt.Sprintf("… and %s more, not listed", group(strconv.Itoa(rows.count-len(rows.rows)))))
		}
		d.notes = append(d.notes, n)
	}
	skipped := in.count(in.skipped.count)
	if in.skipUnit != "" {
		skipped = countOf(in.skipped.count, in.skipUnit)
	}
	add("skipped", fmt.Sprintf("%s skipped (-skip-invalid)", skipped), in.skipped, func(r rowNote) string {
		return r.at() + ": " + r.reason
	})
	var by []string
	for _, c := range sortedKeys(in.other) {
		name := c
		if c == "" {
			name = "no currency"
		}
		by = append(by, fmt.Sprintf("%s in %s", group(strconv.Itoa(in.other[c])), name))
	}
	add("left_out", fmt.Sprintf("%s left out (-currency %s): %s", in.count(in.leftOut.count), cfg.currency, strings.Join(by, ", ")), in.leftOut, func(r rowNote) string {
		name := r.currency
		if name == "" {
			name = "no currency"
		}
		return r.at() + ": " + name
	})
	add("unread_columns", fmt.Sprintf("%s of the header not read", countOf(in.unread.count, "column")), in.unread, func(r rowNote) string {
		return r.at() + ": " + r.reason
	})
	add("duplicates", fmt.Sprintf("%s %s an earlier row exactly; kept, each counting again", rowsWord(in.dups.count), verb(in.dups.count, "repeats", "repeat")), in.dups, func(r rowNote) string {
		return fmt.Sprintf("line %d repeats line %d", r.line, r.same)
	})
	add("day_gaps", fmt.Sprintf("%s %s the day after the row before, of the same subscription, ends: if end_date is the last day paid, not the first day not paid, each is a churn and a reactivation that did not happen; add a day to each end_date",
		rowsWord(in.dayGaps.count), verb(in.dayGaps.count, "starts", "start")), in.dayGaps, func(r rowNote) string {
		return fmt.Sprintf("line %d starts the day after line %d ends", r.line, r.same)
	})
	if sp.tail != "" {
		d.notes = append(d.notes, note{key: "tail", summary: sp.tail})
	}
	d.tables = append(d.tables, t)
}

// verb is one's form of a verb for a count of 1, many's for any other.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// rowsWord is "1 row" or "3 rows".
func rowsWord(n int) string { return countOf(n, "row") }

// countOf is "1 row", "3 subscriptions", "1,204 invoice lines", "2 opportunities".
func countOf(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	if k := len(unit) - 2; k >= 0 && unit[k+1] == 'y' && !strings.ContainsRune("aeiou", rune(unit[k])) {
		return group(strconv.Itoa(n)) + " " + unit[:k+1] + "ies" // opportunity, not year
	}
	return group(strconv.Itoa(n)) + " " + unit + "s"
}

// count counts the input's records in its unit: rows of a CSV, Stripe's
// subscriptions or invoice lines.
func (in *input) count(n int) string { return countOf(n, in.unit) }

// addHeader adds the report's facts for people and its fields for json.
func addHeader(d *document, cfg config, in *input, sp span, currency string) {
	first, last := sp.periods[0], sp.periods[len(sp.periods)-1]
	source := in.source
	if in.demo {
		source = "the demo company (revops demo writes its CSV)"
	}
	cur := currency
	if cur == "" {
		cur = "none given (amounts rounded to 2 places for people, exact in csv and json)"
	} else if _, err := revops.MinorUnits(cur); err != nil {
		cur += " (not an ISO 4217 code: amounts rounded to 2 places for people)"
	}
	d.facts = []fact{
		{"Source", fmt.Sprintf("%s: %s read, %s in the report, %s", source, in.count(in.rows), countOf(len(in.spans), "span"), countOf(in.history.Customers(), "customer"))},
		{"Currency", cur},
		{"Periods", fmt.Sprintf("%s, %s to %s", countOf(len(sp.periods), cfg.period), label(cfg.period, first), label(cfg.period, last))},
		zoneFact(cfg),
		{"Headline figures", fmt.Sprintf("%s, %s", label(cfg.period, last), sp.last)},
		{"Policy", policyLine(cfg)},
		{"Unit economics", fmt.Sprintf("ARPA = MRR ÷ paying customers; ASP = new MRR ÷ the new customers it comes from (ChartMogul: one who joins and leaves within a period brings none); LTV = ARPA × gross margin %s %% ÷ %s", cfg.grossMargin.Shift(2).String(), ltvChurnText(cfg.policy.LTVChurn))},
	}
	if len(sp.periods) > 1 {
		d.facts[4].Text += fmt.Sprintf("; changes from %s", label(cfg.period, sp.periods[len(sp.periods)-2]))
	}
	if cfg.policy.Reactivation.Placement == revops.ReactivationAsExpansion {
		// Otherwise a row's expansion and its NRR disagree on their face.
		d.facts = append(d.facts, fact{"Reactivation", "a returning customer's MRR is counted in expansion (Lago's four movements), and NRR and GRR leave it out, as they leave out every customer not paying at the start"})
	}
	d.meta = []metaField{
		{"source", sourceMeta(in)},
		{"currency", currency},
		{"period", cfg.period},
		{"periods", orderedMap{{"first", label(cfg.period, first)}, {"last", label(cfg.period, last)}, {"count", len(sp.periods)}}},
		{"time_zone", zoneName(cfg)},
		{"preset", cfg.preset},
		{"gross_margin", cfg.grossMargin.String()},
		{"policy", orderedMap(policyFields(cfg.policy))},
	}
}

// addTiles adds the headline figures of the last period, each with its change from
// the one before.
func addTiles(d *document, cfg config, f *figures, st style, currency string) {
	k := len(f.series) - 1
	cur := f.series[k]
	var prev *revops.PeriodMetrics
	prevLTV, prevASP := cell{null: true}, cell{null: true}
	var prevTrail *revops.WindowRetention
	if k > 0 {
		prev = &f.series[k-1]
		prevLTV, prevASP = f.ltv[k-1], f.asp[k-1]
		if len(f.trailing) > 0 {
			prevTrail = &f.trailing[k-1]
		}
	}
	d.tileFor = f.labels[k]
	if k > 0 {
		d.tilePrev = f.labels[k-1]
	}
	unit := currency
	if unit != "" {
		unit += ", "
	}
	growth, points := growthChange, pointsChange
	add := func(key, lbl, sub string, now, then cell, change func(now, then cell) (cell, int)) {
		ch, trend := change(now, then)
		d.tiles = append(d.tiles, tile{key: key, label: lbl, value: now, change: ch, sub: sub, trend: trend, lower: key == "customer_churn"})
	}
	pick := func(get func(m revops.PeriodMetrics) cell) cell {
		if prev == nil {
			return blank()
		}
		return get(*prev)
	}
	add("mrr", "MRR", unit+"close of "+f.labels[k], st.recurring(cur.End), pick(func(m revops.PeriodMetrics) cell { return st.recurring(m.End) }), growth)
	add("arr", "ARR", unit+"12 × MRR", st.annual(cur.End), pick(func(m revops.PeriodMetrics) cell { return st.annual(m.End) }), growth)
	add("customers", "Paying customers", "close of "+f.labels[k], count(cur.EndCustomers), pick(func(m revops.PeriodMetrics) cell { return count(m.EndCustomers) }), growth)
	add("arpa", "ARPA", unit+"MRR ÷ customers", st.moneyMetric(cur.ARPA), pick(func(m revops.PeriodMetrics) cell { return st.moneyMetric(m.ARPA) }), growth)
	add("customer_churn", "Customer churn", f.labels[k]+", "+cfg.policy.ChurnDenominator.String()+" denominator", rate(cur.CustomerChurn), pick(func(m revops.PeriodMetrics) cell { return rate(m.CustomerChurn) }), points)
	add("ltv", "LTV", unit+"ARPA × margin ÷ churn", f.ltv[k], prevLTV, growth)
	add("asp", "ASP", unit+"new MRR ÷ its new customers", f.asp[k], prevASP, growth)
	if len(f.trailing) == 0 { // not computed: a csv of one table has no tiles
		return
	}
	months := cfg.policy.Window.Months
	tw := f.trailing[k]
	var pn, pg cell = blank(), blank()
	if prevTrail != nil {
		pn, pg = rate(prevTrail.NRR), rate(prevTrail.GRR)
	}
	add("nrr", "NRR", "trailing "+countOf(months, "month"), rate(tw.NRR), pn, points)
	add("grr", "GRR", "trailing "+countOf(months, "month"), rate(tw.GRR), pg, points)
}

// zoneName is the name of the business's time zone: "UTC", "America/Los_Angeles".
func zoneName(cfg config) string {
	if cfg.loc == nil {
		return "UTC"
	}
	return cfg.loc.String()
}

// zoneFact states the time zone in the header.
func zoneFact(cfg config) fact {
	return fact{"Time zone", zoneName(cfg) + ": the periods start at its midnights, and a date without a time of day is a day there (-tz)"}
}

// growthChange is a tile's change from then to now, relative to then, by the
// library's RevenueGrowth; blank when either is undefined.
func growthChange(now, then cell) (cell, int) {
	if now.null || then.null {
		return blank(), 0
	}
	g, err := revops.RevenueGrowth(revops.Growth{Previous: decimal.RequireFromString(then.exact), Current: decimal.RequireFromString(now.exact)})
	if err != nil {
		return na(), 0
	}
	c := rateOf(g, nil)
	if g.IsPositive() {
		c.show = "+" + c.show
	}
	return c, g.Sign()
}

// pointsChange is a rate tile's change from then to now, in percentage points.
func pointsChange(now, then cell) (cell, int) {
	if now.null || then.null {
		return blank(), 0
	}
	diff := decimal.RequireFromString(now.exact).Sub(decimal.RequireFromString(then.exact))
	c := cell{exact: diff.String(), show: diff.Shift(2).StringFixed(1) + " pp"}
	if diff.IsPositive() {
		c.show = "+" + c.show
	}
	return c, diff.Sign()
}

// sourceMeta is json's "source": what was read.
func sourceMeta(in *input) orderedMap {
	return orderedMap{{"name", in.source}, {"format", in.format}, {"demo", in.demo}, {"rows", in.rows}, {"spans", len(in.spans)}, {"customers", in.history.Customers()},
		{"skipped", in.skipped.count}, {"left_out", in.leftOut.count}, {"duplicates", in.dups.count}}
}

// orderedMap is a json object whose keys keep their order.
type orderedMap []metaField

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
