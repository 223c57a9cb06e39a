package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
)

// spendInput is the spend file -spend names, as revops.ReadSpend read it: a row per
// period, a column per cost.
type spendInput struct {
	source  string
	export  revops.SpendExport
	skipped rowNotes // rows -skip-invalid left out
}

// loadSpend reads the spend file. Each row's period must be one of the report's
// kind (a month for -period month), so that its costs meet the customers acquired in
// the same period.
func loadSpend(cfg config) (*spendInput, error) {
	sp := &spendInput{source: cfg.spend}
	fail := func(format string, args ...any) error {
		return sourcedError{sp.source + ": " + fmt.Sprintf(format, args...)}
	}
	f, err := os.Open(cfg.spend)
	if err != nil {
		return nil, fail("%v", unwrapPath(err))
	}
	defer f.Close()
	cols := revops.SpendColumns{Period: cfg.spendPeriod, Ignore: cfg.spendIgnore, Zone: cfg.loc}
	sp.export, err = revops.ReadSpend(f, cols, cfg.policy.InvalidRecords)
	var refused *revops.Refused
	switch {
	case errors.As(err, &refused):
		for _, rec := range refused.Records {
			sp.skipped.add(noteOf(rec.Err))
		}
	case err != nil:
		return nil, fail("%s", recordMessage(err)+errorFix(err, []columnFlag{{"-spend-period", columnName(cfg.spendPeriod, "period"), false}}))
	}
	periodCol := columnName(cfg.spendPeriod, "period")
	for _, row := range sp.export.Rows {
		if kind := periodKind(row.Period, cfg.loc); kind != cfg.period {
			v, _ := row.Value(periodCol)
			return nil, fail("line %d, column %q: %s is a %s, and the report's periods are %ss: -period %s, or a spend file by %s",
				row.Line, periodCol, v, kind, cfg.period, kind, cfg.period)
		}
	}
	return sp, nil
}

// periodKind names the calendar period p is in loc: month, quarter or year.
func periodKind(p revops.Period, loc *time.Location) string {
	s := p.Start().In(loc)
	same := func(q revops.Period) bool { return q.Start().Equal(p.Start()) && q.End().Equal(p.End()) }
	switch {
	case same(revops.MonthIn(s.Year(), s.Month(), loc)):
		return "month"
	case same(revops.YearIn(s.Year(), loc)):
		return "year"
	}
	return "quarter"
}

// noteOf is the note of a row a reader refused, its line and column from the
// error's Record.
func noteOf(err error) rowNote {
	var e *revops.Error
	if errors.As(err, &e) && e.Record != nil {
		return rowNote{line: e.Record.Line, column: e.Record.Column, reason: reasonOf(e)}
	}
	return rowNote{reason: err.Error()}
}

// recordMessage is an error about a row of a file, its position read from the
// error's fields: `line 12, column "Amount": malformed record (...)`.
func recordMessage(err error) string {
	var e *revops.Error
	switch {
	case !errors.As(err, &e):
		return unwrapPath(err).Error()
	case e.Field == "header" && e.Record != nil && e.Record.Column != "":
		return "header: " + reasonOf(e) // the header's fault, not its line's first column
	case e.Record != nil && e.Record.Line > 0:
		return e.Path() + ": " + reasonOf(e)
	case e.Field != "":
		return e.Field + ": " + reasonOf(e)
	}
	return reasonOf(e)
}

// acquisition computes the unit economics of the spend file's periods from the
// history, by revops.AcquisitionByPeriod: the customers acquired (reactivated ones
// excluded), CAC, payback, LTV from the history's churn, LTV:CAC and the magic
// number.
func acquisition(cfg config, in *input, sp *spendInput) ([]revops.AcquisitionPeriod, error) {
	rows, err := revops.AcquisitionByPeriod(revops.AcquisitionInput{History: in.history, Periods: sp.export.Periods(), Costs: sp.export.Costs(),
		GrossMargin: cfg.grossMargin}, cfg.policy)
	if err != nil {
		var e *revops.Error
		if errors.As(err, &e) && e.Record != nil && e.Record.Index >= 0 && e.Record.Index < len(sp.export.Rows) {
			// "periods[3]" and "Costs[3]" are the file's fourth row.
			return nil, sourcedError{fmt.Sprintf("%s: line %d: %s", sp.source, sp.export.Rows[e.Record.Index].Line, reasonOf(e))}
		}
		return nil, sourcedError{sp.source + ": " + recordMessage(err)}
	}
	return rows, nil
}

// acquisitionTable lays the unit economics out, a row per period of the spend file.
func acquisitionTable(cfg config, rows []revops.AcquisitionPeriod, st style) *table {
	t := &table{name: "acquisition", family: "acquisition", data: true, people: true, keys: 1,
		title: "Acquisition by " + cfg.period,
		note: "Costs of the spend file; new customers are those whose first payment ever falls in the " + cfg.period +
			", whatever they did next (returning customers are reactivated, not acquired), at their MRR from that payment. " +
			"CAC = costs ÷ new customers; payback = CAC ÷ (new MRR per customer × gross margin), in months; " +
			"LTV = ARPA × gross margin ÷ customer churn, ARPA over the whole " + cfg.period + "; magic number = 12 × net new MRR ÷ the costs of the " + cfg.period + " before."}
	t.cols = []column{
		{key: "period", label: cfg.period, group: "key"},
		{key: "start"}, {key: "end"},
		{key: "paid_media"}, {key: "personnel"}, {key: "tools"}, {key: "lead_generation"}, {key: "other"},
		{key: "costs", label: "costs", group: "a", num: true},
		{key: "new_customers", label: "new customers", group: "a", num: true},
		{key: "new_mrr", label: "their MRR", group: "a", num: true},
		{key: "cac", label: "CAC", group: "a", num: true},
		{key: "new_mrr_per_customer"},
		{key: "payback_months", label: "payback months", group: "b", num: true},
		{key: "arpa"},
		{key: "customer_churn", label: "logo churn", group: "b", num: true},
		{key: "ltv", label: "LTV", group: "b", num: true},
		{key: "ltv_to_cac", label: "LTV:CAC", group: "b", num: true},
		{key: "magic_number", label: "magic number", group: "b", num: true},
	}
	for _, r := range rows {
		c := r.Costs
		t.rows = append(t.rows, []cell{text(label(cfg.period, r.Period)), text(day(r.Period.Start())), text(day(r.Period.End())),
			st.money(c.PaidMedia), st.money(c.Personnel), st.money(c.Tools), st.money(c.LeadGeneration), st.money(c.Other), st.money(c.Total()),
			count(r.NewCustomers), st.recurring(r.NewMRR), st.moneyMetric(r.CAC), st.moneyMetric(r.NewMRRPerCustomer),
			months(r.Payback), st.moneyMetric(r.ARPA), rate(r.CustomerChurn), st.moneyMetric(r.LTV), ratio(r.LTVToCAC), ratio(r.MagicNumber)})
	}
	return t
}

// months is the cell of a number of months, one place for people.
func months(m revops.Metric) cell {
	v, err := m.Value()
	if err != nil {
		return na()
	}
	return cell{exact: v.String(), show: v.StringFixed(1)}
}

// addAcquisition adds the spend file's unit economics to the report: its table, the
// tiles of its last period with their change from the one before, a chart of CAC
// and LTV, its notes and its header.
func addAcquisition(d *document, cfg config, sp *spendInput, rows []revops.AcquisitionPeriod, st style, currency string) {
	t := acquisitionTable(cfg, rows, st)
	d.tables = append(d.tables, t)
	unit := currency
	if unit != "" {
		unit += ", "
	}
	if n := len(rows); n > 0 {
		last, lbl := rows[n-1], label(cfg.period, rows[n-1].Period)
		prev := map[string]cell{}
		if n > 1 {
			p := rows[n-2]
			prev = map[string]cell{"cac": st.moneyMetric(p.CAC), "payback_months": months(p.Payback), "ltv_to_cac": ratio(p.LTVToCAC), "magic_number": ratio(p.MagicNumber)}
		}
		from := func(key string) cell {
			if c, ok := prev[key]; ok {
				return c
			}
			return blank()
		}
		for _, tl := range []struct {
			key, label, sub string
			value           cell
			lower           bool
		}{
			{"cac", "CAC", unit + lbl + ", costs ÷ new customers", st.moneyMetric(last.CAC), true},
			{"payback_months", "CAC payback", "months, " + lbl, months(last.Payback), true},
			{"ltv_to_cac", "LTV:CAC", lbl, ratio(last.LTVToCAC), false},
			{"magic_number", "Magic number", lbl + ", net new ARR ÷ costs before", ratio(last.MagicNumber), false},
		} {
			ch, trend := growthChange(tl.value, from(tl.key))
			d.tiles = append(d.tiles, tile{key: tl.key, label: tl.label, value: tl.value, change: ch, sub: tl.sub, trend: trend, lower: tl.lower})
		}
		labels := make([]string, n)
		cac, ltv := make([]*float64, n), make([]*float64, n)
		for i, r := range rows {
			labels[i] = label(cfg.period, r.Period)
			cac[i], ltv[i] = point(r.CAC), point(r.LTV)
		}
		cur := ""
		if currency != "" {
			cur = " (" + currency + ")"
		}
		d.charts = append(d.charts, chart{id: "chart-acquisition", kind: "line", title: "CAC and LTV", zero: true, numbers: t.title, labels: labels,
			caption: "What a new customer cost and what one is worth, each " + cfg.period + " of the spend file" + cur + ": LTV above CAC pays for the acquisition; gaps are undefined values (no customer acquired, no churn).",
			series:  []chartSeries{{name: "CAC", color: colChurn, values: cac}, {name: "LTV", color: colMRR, values: ltv}}})
	}
	ex := sp.export
	d.facts = append(d.facts, fact{"Spend", fmt.Sprintf("%s: %s read, %s to %s; every column but the period%s counts as a cost",
		sp.source, rowsWord(len(ex.Rows)+sp.skipped.count), firstLabel(cfg, rows), lastLabel(cfg, rows), ignored(cfg))})
	d.meta = append(d.meta, metaField{"spend", orderedMap{{"name", sp.source}, {"rows", len(ex.Rows) + sp.skipped.count}, {"skipped", sp.skipped.count},
		{"trailer", trailerMeta(ex.Trailer)}}})
	addRowNotes(d, "spend_skipped", fmt.Sprintf("%s: %s skipped (-skip-invalid)", sp.source, rowsWord(sp.skipped.count)), sp.skipped, nil)
	addTrailer(d, "spend_trailer", sp.source, ex.Trailer)
}

func firstLabel(cfg config, rows []revops.AcquisitionPeriod) string {
	if len(rows) == 0 {
		return "none"
	}
	return label(cfg.period, rows[0].Period)
}

func lastLabel(cfg config, rows []revops.AcquisitionPeriod) string {
	if len(rows) == 0 {
		return "none"
	}
	return label(cfg.period, rows[len(rows)-1].Period)
}

// ignored names the spend columns -spend-ignore leaves out, for the header.
func ignored(cfg config) string {
	if len(cfg.spendIgnore) == 0 {
		return ""
	}
	return " and " + allOf(quoteAll(cfg.spendIgnore))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// trailerMeta is json's account of what a reader left unread after the data.
func trailerMeta(tr revops.Trailer) orderedMap {
	return orderedMap{{"line", tr.Line}, {"unread", tr.Unread}, {"text", tr.Text}}
}

// addTrailer says where a reader stopped short of the file's end: at a blank line or
// a footer (a CRM's report export ends with its name, totals and a copyright), which
// is never read as bad rows.
func addTrailer(d *document, key, source string, tr revops.Trailer) {
	if tr.Line == 0 {
		return
	}
	what := "blank"
	if tr.Text != "" {
		what = fmt.Sprintf("the export's footer, %q", tr.Text)
	}
	// A note about rows, so that standard error and the notes table carry it in
	// every format, not only the formats with a header.
	var rows rowNotes
	rows.add(rowNote{line: tr.Line, reason: fmt.Sprintf("%s: the data ends here, %s left unread", what, countOf(tr.Unread, "line"))})
	addRowNotes(d, key, fmt.Sprintf("%s: the data ends at line %d: %s from there left unread (%s), not read as bad rows",
		source, tr.Line, countOf(tr.Unread, "line"), what), rows, nil)
}

// addRowNotes adds a note listing rows, each for people as line writes it (nil: its
// place and reason), and puts them in the notes table.
func addRowNotes(d *document, key, summary string, rows rowNotes, line func(rowNote) string) {
	if rows.count == 0 {
		return
	}
	if line == nil {
		line = func(r rowNote) string { return r.at() + ": " + r.reason }
	}
	n := note{key: key, summary: summary, count: rows.count}
	t := d.table("notes")
	num := func(n int) cell {
		if n == 0 {
			return blank()
		}
		return count(n)
	}
	for _, r := range rows.rows {
		n.lines = append(n.lines, line(r))
		row := make([]cell, len(t.cols))
		for i, c := range t.cols {
			switch c.key {
			case "kind":
				row[i] = text(key)
			case "line":
				row[i] = num(r.line)
			case "column":
				row[i] = optText(r.column)
			case "object":
				row[i] = optText(r.object)
			case "field":
				row[i] = optText(r.field)
			case "currency":
				row[i] = optText(r.currency)
			case "same_as_line":
				row[i] = num(r.same)
			case "reason":
				row[i] = optText(r.reason)
			default:
				row[i] = blank()
			}
		}
		t.rows = append(t.rows, row)
	}
	if rows.count > len(rows.rows) {
		n.lines = append(n.lines, fmt.Sprintf("… and %s more, not listed", group(strconv.Itoa(rows.count-len(rows.rows)))))
	}
	d.notes = append(d.notes, n)
}

// optText is the cell of a text, blank when empty.
func optText(s string) cell {
	if s == "" {
		return blank()
	}
	return text(s)
}

// parseColumns reads a comma-separated list of column names.
func parseColumns(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
