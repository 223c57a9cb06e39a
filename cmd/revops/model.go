package main

import (
	"strconv"
	"strings"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// A document is a report built once, to be rendered by every format: its facts and
// notes for people, its tiles and charts, and its tables, each cell holding its exact
// value for csv and json and its display text for people. A renderer reads a document
// and nothing else: no figure is computed or rounded while rendering.
//
// A new kind of report is a new builder of a document, as buildReport, buildCompare
// and pipeline are: a command name in run, its flags in newFlags (pipelineFlags for
// a command of its own flags), its -table names, and a case in build, which execute
// calls. Its tables are tables (data for csv and json, people for the
// terminal, markdown and the page, or both), its headline figures tiles, its charts
// charts of series or heatmaps; render, writeCSV, writeJSON, writeTable,
// writeMarkdown and writeHTML (page.html) then write it in every format, tables split
// to 80 columns, escaping and atomic -o included, with no new rendering code.
type document struct {
	command  string      // "report", "compare", "pipeline": json's "command"
	title    string      // "revops report"
	meta     []metaField // json's top-level fields, in order, after "command"
	facts    []fact      // the header's lines for people
	notes    []note      // warnings: rows skipped, left out or repeated; periods not shown
	tiles    []tile      // the headline figures of one period
	tileFor  string      // the period the tiles show, for people: "2025-12"
	tilePrev string      // the period their changes are from; "" for none
	charts   []chart     // the page's charts, each drawn from a table's figures
	tables   []*table
}

// metaField is one top-level field of the json document.
type metaField struct {
	key   string
	value any // marshalled by encoding/json
}

// fact is one line of the header: "Source: subs.csv: 1,204 rows read".
type fact struct {
	Label, Text string
}

// note is a warning about the input or the report: one line for standard error and
// the header, and the rows it is about for people, first listCap of them.
type note struct {
	key     string   // json's key: "skipped", "left_out", "duplicates", "tail"
	summary string   // one line: "3 rows skipped (-skip-invalid)"
	count   int      // rows it is about; 0 for a note about no rows
	lines   []string // one per row listed, for people: "line 3, column "x": ..."
}

// tile is one headline figure, with its change from the previous period.
type tile struct {
	key    string // json's key: "mrr"
	label  string // "MRR"
	value  cell
	change cell   // relative change for amounts and counts, points for rates
	sub    string // what the figure is, for people: "USD, 2025-12"
	trend  int    // −1, 0 or +1: the change's sign, 0 when undefined
	lower  bool   // a fall is the better news (churn)
}

// cell is one value of a table.
type cell struct {
	exact string // csv and json: an exact decimal, a label or a date; "" when null
	show  string // for people: rounded and grouped, "n/a" when undefined
	null  bool   // undefined or not applicable: json null, an empty csv cell
	num   bool   // a count: a json number
	// state marks cells a page shades: "" for none, "empty" for an empty cohort,
	// "na" for an undefined rate, or a shade class ("l7", "r12").
	state string
}

// column is one column of a table. A column with a key is data (csv, json); one with
// a label is shown to people; most are both.
type column struct {
	key   string // snake_case: csv's header and json's key
	label string // for people
	group string // columns of one group stay together in a terminal's blocks
	num   bool   // right-aligned for people
}

// table is one table of a document.
type table struct {
	name   string // -table's value and json's key; csv's file name in a folder
	title  string // for people
	note   string // a sentence under the title, for people
	cols   []column
	rows   [][]cell
	keys   int  // leading columns repeated in every block a terminal splits it into
	data   bool // written by csv and json
	people bool // shown by table, markdown and html
	// family is the -table value that selects this table for people: a cohort grid
	// belongs to "cohorts".
	family string
	more   string // a line under a table cut short for people: "and 40 more in -format json"
	// textOnRequest keeps a long table off the terminal and markdown unless -table
	// asks for its family; the page always shows it.
	textOnRequest bool
}

// dataCols returns the indexes of the columns csv and json write.
func (t *table) dataCols() []int {
	var out []int
	for i, c := range t.cols {
		if c.key != "" {
			out = append(out, i)
		}
	}
	return out
}

// peopleCols returns the indexes of the columns shown to people.
func (t *table) peopleCols() []int {
	var out []int
	for i, c := range t.cols {
		if c.label != "" {
			out = append(out, i)
		}
	}
	return out
}

// chart is one chart of the page: series over the periods, or a heatmap.
type chart struct {
	id, title, caption string
	kind               string // "line", "bars" or "heatmap"
	labels             []string
	percent            bool // the values are fractions, shown as percentages
	counts             bool // the values are counts of customers, shown whole
	zero               bool // the axis starts at zero
	series             []chartSeries
	heat               *heatmap
	numbers            string // the title of the table that holds its figures
}

// chartSeries is one line or stack of bars; a nil value is a gap (undefined).
type chartSeries struct {
	name, color string
	dashed, bar bool
	values      []*float64
}

// heatmap is a cohort table drawn as shaded cells: a row per cohort and the average
// row, every cell's shade on one fixed scale.
type heatmap struct {
	scale   string // "logo" (0 to 100 %) or "revenue" (diverging around 100 %)
	sizeCol string // the header of the size column: "customers", "first MRR"
	ages    []string
	rows    []heatRow
	legend  []legendStep
}

// heatRow is one cohort, or the average.
type heatRow struct {
	label, size string
	empty       bool   // no customer first paid in the cohort's period
	emptyText   string // what an empty cohort's row says
	average     bool
	cells       []cell // reached periods only
}

// legendStep is one swatch of a heatmap's legend.
type legendStep struct {
	Class, Text string
}

// style formats values for people: money rounded to the currency's minor units, or
// two places when it has none, with thousands separators; rates as percentages.
type style struct {
	currency string
	places   int32
	data     bool // only csv and json read the cells: the display text is left empty
}

func newStyle(currency string) style {
	st := style{currency: currency, places: 2}
	if n, err := revops.MinorUnits(currency); err == nil {
		st.places = n
	}
	return st
}

// money is the cell of an exact amount.
func (st style) money(d decimal.Decimal) cell {
	if st.data {
		return cell{exact: d.String()}
	}
	return cell{exact: d.String(), show: group(d.StringFixed(st.places))}
}

// recurring is the cell of a monthly amount, rounded once from its exact value.
func (st style) recurring(r revops.Recurring) cell {
	c := cell{exact: r.Monthly().String()}
	if st.data {
		return c
	}
	if d, err := r.RoundMonthly(st.currency); err == nil {
		c.show = group(d.StringFixed(st.places))
	} else {
		c.show = group(r.Monthly().StringFixed(st.places))
	}
	return c
}

// annual is the cell of a monthly amount's ARR, rounded once from its exact value.
func (st style) annual(r revops.Recurring) cell {
	c := cell{exact: r.Annual().String()}
	if st.data {
		return c
	}
	if d, err := r.RoundAnnual(st.currency); err == nil {
		c.show = group(d.StringFixed(st.places))
	} else {
		c.show = group(r.Annual().StringFixed(st.places))
	}
	return c
}

// moneyMetric is the cell of a metric that is an amount.
func (st style) moneyMetric(m revops.Metric) cell {
	v, err := m.Value()
	if err != nil {
		return na()
	}
	return st.money(v)
}

// moneyOf is the cell of an amount a library function returned, or n/a on its error.
func (st style) moneyOf(d decimal.Decimal, err error) cell {
	if err != nil {
		return na()
	}
	return st.money(d)
}

// na is an undefined cell.
func na() cell { return cell{show: "n/a", null: true} }

// blank is a cell with nothing in it: not applicable.
func blank() cell { return cell{null: true} }

// rate is the cell of a metric that is a fraction: exact, and a percentage with one
// place for people.
func rate(m revops.Metric) cell {
	v, err := m.Value()
	if err != nil {
		return na()
	}
	return rateOf(v, nil)
}

// rateOf is the cell of a fraction a library function returned.
func rateOf(v decimal.Decimal, err error) cell {
	if err != nil {
		return na()
	}
	return cell{exact: v.String(), show: v.Shift(2).StringFixed(1) + " %"}
}

// ratio is the cell of a metric that is a plain ratio, such as the quick ratio.
func ratio(m revops.Metric) cell {
	v, err := m.Value()
	if err != nil {
		return na()
	}
	return cell{exact: v.String(), show: v.StringFixed(2)}
}

// count is the cell of a count.
func count(n int) cell {
	s := strconv.Itoa(n)
	return cell{exact: s, show: group(s), num: true}
}

// text is the cell of a text: a label, a name, a date.
func text(s string) cell { return cell{exact: s, show: s} }

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

// floatOf returns d as a chart coordinate: display only, never a figure.
func floatOf(d decimal.Decimal) float64 {
	f, _ := d.Float64()
	return f
}

// point returns a metric as a chart coordinate, nil when undefined.
func point(m revops.Metric) *float64 {
	v, err := m.Value()
	if err != nil {
		return nil
	}
	f := floatOf(v)
	return &f
}
