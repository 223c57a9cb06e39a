package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// grid is one table of the report, its cells already formatted.
type grid struct {
	title  string
	note   string // a sentence under the title, for people
	header []string
	rows   [][]string
}

// style is how cells are written: for people (money rounded to the currency's minor
// units with thousands separators, rates as percentages) or as data (every value
// exact, rates as fractions).
type style struct {
	data     bool
	currency string
}

// money formats an amount.
func (s style) money(d decimal.Decimal) string {
	if s.data {
		return d.String()
	}
	r, err := revops.RoundToMinorUnits(d, s.currency)
	if err != nil { // no currency, or one without minor units: the exact amount
		return group(d.String())
	}
	places, _ := revops.MinorUnits(s.currency)
	return group(r.StringFixed(places))
}

// moneyMetric formats a Metric that is an amount, "n/a" when undefined.
func (s style) moneyMetric(m revops.Metric) string {
	v, err := m.Value()
	if err != nil {
		return "n/a"
	}
	return s.money(v)
}

// rate formats a Metric that is a fraction: "66.7 %" for people, "0.6666…" as data.
func (s style) rate(m revops.Metric) string {
	if s.data {
		return m.String()
	}
	return m.Percent(1)
}

// cohortRate formats a cohort cell: a rate in percent without the sign, which the
// table's title carries, so that a row of them fits a terminal.
func (s style) cohortRate(m revops.Metric) string {
	if s.data {
		return m.String()
	}
	return strings.TrimSuffix(m.Percent(1), " %")
}

// ratio formats a Metric that is a plain ratio, such as the quick ratio.
func (s style) ratio(m revops.Metric) string {
	v, err := m.Value()
	switch {
	case err != nil:
		return "n/a"
	case s.data:
		return v.String()
	}
	return v.StringFixed(2)
}

// count formats a count.
func (s style) count(n int) string {
	if s.data {
		return strconv.Itoa(n)
	}
	return group(strconv.Itoa(n))
}

// group puts thousands separators into the whole part of a decimal string:
// "-1234567.5" is "-1,234,567.5".
func group(s string) string {
	sign, whole, frac := "", s, ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	if i := strings.IndexByte(whole, '.'); i >= 0 {
		whole, frac = whole[:i], whole[i:]
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String() + frac
}

// sections returns the report's tables in st.
func sections(rep *reportData, st style) []grid {
	var out []grid
	if st.data {
		g := grid{title: "series", header: []string{"period", "start", "end", "start_mrr", "new", "expansion", "contraction", "churn", "reactivation",
			"net_new_mrr", "end_mrr", "arr", "start_customers", "new_customers", "churned_customers", "end_customers",
			"customer_churn", "gross_revenue_churn", "net_revenue_churn", "nrr", "grr", "quick_ratio", "arpa"}}
		for _, r := range rep.Series {
			c := r.Customers
			g.rows = append(g.rows, []string{label(rep.Period, r.Period), r.Period.Start().Format("2006-01-02"), r.Period.End().Format("2006-01-02"),
				st.money(r.Start.Monthly()), st.money(r.New.Monthly()), st.money(r.Expansion.Monthly()), st.money(r.Contraction.Monthly()), st.money(r.Churn.Monthly()), st.money(r.Reactivation.Monthly()),
				st.moneyMetric(r.NetNewMRR), st.money(r.End.Monthly()), st.money(r.ARR), st.count(c.Start), st.count(c.New), st.count(c.Churned), st.count(r.EndCustomers),
				st.rate(r.CustomerChurn), st.rate(r.GrossRevenueChurn), st.rate(r.NetRevenueChurn), st.rate(r.NRR), st.rate(r.GRR), st.ratio(r.QuickRatio), st.moneyMetric(r.ARPA)})
		}
		out = append(out, g)
	} else {
		mrr := grid{title: "MRR", note: "MRR at the close of each period, and the movements that took it there (End = Start + New + Expansion + Reactivation − Contraction − Churn).",
			header: []string{"period", "start MRR", "new", "expansion", "contraction", "churn", "reactivation", "net new MRR", "end MRR", "ARR"}}
		cust := grid{title: "Customers and rates", note: "Logo churn and the revenue rates measure the customers paying at the start of each period.",
			header: []string{"period", "customers", "new", "churned", "at end", "logo churn", "gross rev. churn", "net rev. churn", "NRR", "GRR", "quick ratio", "ARPA"}}
		for _, r := range rep.Series {
			p, c := label(rep.Period, r.Period), r.Customers
			mrr.rows = append(mrr.rows, []string{p, st.money(r.Start.Monthly()), st.money(r.New.Monthly()), st.money(r.Expansion.Monthly()), st.money(r.Contraction.Monthly()), st.money(r.Churn.Monthly()),
				st.money(r.Reactivation.Monthly()), st.moneyMetric(r.NetNewMRR), st.money(r.End.Monthly()), st.money(r.ARR)})
			cust.rows = append(cust.rows, []string{p, st.count(c.Start), st.count(c.New), st.count(c.Churned), st.count(r.EndCustomers),
				st.rate(r.CustomerChurn), st.rate(r.GrossRevenueChurn), st.rate(r.NetRevenueChurn), st.rate(r.NRR), st.rate(r.GRR), st.ratio(r.QuickRatio), st.moneyMetric(r.ARPA)})
		}
		out = append(out, mrr, cust)
	}
	out = append(out, cohortGrid(rep, st, false), cohortGrid(rep, st, true))
	tr := grid{title: fmt.Sprintf("Trailing %d-month retention", rep.Policy.Window.Months),
		note:   "The customers paying at the close of the period a window earlier, their MRR now ÷ their MRR then (NRR), each capped at its MRR then (GRR).",
		header: []string{"period", "from the close of", "their MRR then", "their MRR now", "NRR", "GRR"}}
	if st.data {
		tr.title, tr.note = "trailing", ""
		tr.header = []string{"period", "from", "to", "start_mrr", "end_mrr", "nrr", "grr"}
	}
	for _, w := range rep.Trailing {
		m := w.Movements
		now := m.Start.Add(m.Expansion).Sub(m.Contraction).Sub(m.Churn)
		row := []string{label(rep.Period, w.Period), w.From.Format("2006-01-02")}
		if st.data {
			row = append(row, w.To.Format("2006-01-02"))
		}
		tr.rows = append(tr.rows, append(row, st.money(m.Start), st.money(now), st.rate(w.NRR), st.rate(w.GRR)))
	}
	return append(out, tr)
}

// cohortGrid is the cohort table's logo (revenue false) or revenue retention, a row a
// cohort and a column a period since its first, then the average row.
func cohortGrid(rep *reportData, st style, revenue bool) grid {
	n := len(rep.Cohorts.Rows)
	g := grid{title: "Cohorts: logo retention (%)", note: "Of the customers who first paid in each period, the share paying at the close of each period since, in percent.",
		header: []string{"cohort", "customers"}}
	if revenue {
		g = grid{title: "Cohorts: revenue retention (%)", note: "Their MRR at the close of each period since ÷ their MRR at the close of their first, in percent.",
			header: []string{"cohort", "first MRR"}}
	}
	if st.data {
		g.note, g.title, g.header = "", "cohort_logo", []string{"cohort", "size"}
		if revenue {
			g.title, g.header = "cohort_revenue", []string{"cohort", "start_mrr"}
		}
	}
	for k := range n {
		g.header = append(g.header, "+"+strconv.Itoa(k))
	}
	for _, row := range rep.Cohorts.Rows {
		cells := []string{label(rep.Period, row.Period), st.count(row.Size)}
		if revenue {
			cells[1] = st.money(row.MRR[0].Monthly())
		}
		for k := range n {
			switch {
			case k >= len(row.Logo):
				cells = append(cells, "")
			case revenue:
				cells = append(cells, st.cohortRate(row.Revenue[k]))
			default:
				cells = append(cells, st.cohortRate(row.Logo[k]))
			}
		}
		g.rows = append(g.rows, cells)
	}
	avg := []string{"average", ""}
	for _, c := range rep.Cohorts.Average {
		if revenue {
			avg = append(avg, st.cohortRate(c.Revenue))
		} else {
			avg = append(avg, st.cohortRate(c.Logo))
		}
	}
	g.rows = append(g.rows, avg)
	return g
}

// facts are the report's header lines, for people.
func facts(rep *reportData) []string {
	st := style{currency: rep.Currency}
	cur := rep.Currency
	if cur == "" {
		cur = "none given (amounts shown exactly as read)"
	}
	first, last := rep.Series[0].Period, rep.Series[len(rep.Series)-1].Period
	p := rep.Policy
	out := []string{
		fmt.Sprintf("Source: %s: %s rows read, %s spans in the report, %s customers", rep.Source, st.count(rep.Rows), st.count(rep.Spans), st.count(rep.Customers)),
		"Currency: " + cur,
		fmt.Sprintf("Periods: %d %ss, %s to %s", len(rep.Series), rep.Period, label(rep.Period, first), label(rep.Period, last)),
		fmt.Sprintf("Policy: %schurn denominator %s; joined and left %s; reactivation %s; NRR reactivation %s; quick ratio reactivation %s; trailing window %d months",
			presetName(rep.Preset), p.ChurnDenominator, p.JoinedAndLeft, reactivationName(p.Reactivation), p.NRRReactivation, p.QuickRatio, p.Window.Months),
	}
	if n := len(rep.Skipped); n > 0 {
		out = append(out, fmt.Sprintf("Skipped rows (-skip-invalid): %s", st.count(n)))
		for i, s := range rep.Skipped {
			if i == 20 {
				out = append(out, fmt.Sprintf("  ... and %s more (every one in -format json)", st.count(n-20)))
				break
			}
			out = append(out, fmt.Sprintf("  line %d: %s", s.Line, s.Reason))
		}
	}
	for _, c := range sortedKeys(rep.LeftOut) {
		name := c
		if c == "" {
			name = "no currency"
		}
		out = append(out, fmt.Sprintf("Left out (-currency %s): %s rows in %s", rep.Currency, st.count(rep.LeftOut[c]), name))
	}
	return out
}

// presetName introduces the preset a policy started from, if any.
func presetName(preset string) string {
	if preset == "" {
		return ""
	}
	return "preset " + strings.ToLower(preset) + "; "
}

// reactivationName names the reactivation choice as the -reactivation flag takes it.
func reactivationName(r revops.ReactivationPolicy) string {
	if r.Placement == revops.ReactivationAsNewAfter {
		return fmt.Sprintf("%s:%d", r.Placement, r.WindowDays)
	}
	return r.Placement.String()
}

// render writes rep in format.
func render(w io.Writer, format string, rep *reportData) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "csv":
		return writeCSV(w, sections(rep, style{data: true, currency: rep.Currency}))
	case "markdown":
		return writeMarkdown(w, rep, sections(rep, style{currency: rep.Currency}))
	case "html":
		return writeHTML(w, rep)
	}
	return writeTable(w, rep, sections(rep, style{currency: rep.Currency}))
}

// writeCSV writes each grid as a header row and its rows, the grids one after another
// with an empty line between them.
func writeCSV(w io.Writer, grids []grid) error {
	c := csv.NewWriter(w)
	for i, g := range grids {
		if i > 0 {
			c.Flush()
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := c.Write(g.header); err != nil {
			return err
		}
		if err := c.WriteAll(g.rows); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

// widths returns each column's width in runes, over the header and the rows.
func widths(g grid) []int {
	out := make([]int, len(g.header))
	for _, row := range append([][]string{g.header}, g.rows...) {
		for i, cell := range row {
			out[i] = max(out[i], len([]rune(cell)))
		}
	}
	return out
}

// pad aligns cell in width runes: the first column left, the others right.
func pad(cell string, width, col int) string {
	fill := strings.Repeat(" ", width-len([]rune(cell)))
	if col == 0 {
		return cell + fill
	}
	return fill + cell
}

// writeTable writes the report aligned for a terminal.
func writeTable(w io.Writer, rep *reportData, grids []grid) error {
	var b strings.Builder
	b.WriteString("revops report\n")
	for _, f := range facts(rep) {
		b.WriteString(f + "\n")
	}
	for _, g := range grids {
		fmt.Fprintf(&b, "\n%s\n%s\n", g.title, g.note)
		ws := widths(g)
		for _, row := range append([][]string{g.header}, g.rows...) {
			line := make([]string, len(row))
			for i, cell := range row {
				line[i] = pad(cell, ws[i], i)
			}
			b.WriteString(strings.TrimRight(strings.Join(line, "  "), " ") + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMarkdown writes the report as GitHub-flavoured Markdown tables.
func writeMarkdown(w io.Writer, rep *reportData, grids []grid) error {
	var b strings.Builder
	b.WriteString("# revops report\n\n")
	for _, f := range facts(rep) {
		if strings.HasPrefix(f, "  ") {
			b.WriteString("  - " + mdEscape(strings.TrimSpace(f)) + "\n")
			continue
		}
		b.WriteString("- " + mdEscape(f) + "\n")
	}
	for _, g := range grids {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", g.title, mdEscape(g.note))
		ws := widths(g)
		row := func(cells []string) {
			b.WriteString("|")
			for i, c := range cells {
				b.WriteString(" " + pad(mdEscape(c), ws[i]+len(mdEscape(c))-len(c), i) + " |")
			}
			b.WriteString("\n")
		}
		row(g.header)
		b.WriteString("|")
		for i, wd := range ws {
			if i == 0 {
				b.WriteString(" " + strings.Repeat("-", max(wd, 3)) + " |")
			} else {
				b.WriteString(" " + strings.Repeat("-", max(wd, 3)-1) + ": |")
			}
		}
		b.WriteString("\n")
		for _, r := range g.rows {
			row(r)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscaper keeps a cell's text from being read as Markdown table syntax.
var mdEscaper = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "\n", " ")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
