package main

import (
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// The html format is one self-contained page: inline CSS and inline SVG charts, no
// script, font, image or style from anywhere else. Chart coordinates are float64
// pixels computed from the exact figures; every figure is also in the page's tables,
// written from the exact values.

// Chart geometry, in SVG user units.
const (
	chartW       = 960.0
	chartH       = 300.0
	marginLeft   = 78.0
	marginRight  = 16.0
	marginTop    = 34.0 // room for the legend
	marginBottom = 34.0
)

// Colours of the series, chosen to stay apart for readers with the common forms of
// colour blindness (blue/orange pairs; red and green are never the only difference).
const (
	colMRR          = "#1f4e9c"
	colNew          = "#2a9d8f"
	colExpansion    = "#8ab17d"
	colReactivation = "#7b5ea7"
	colContraction  = "#f4a261"
	colChurn        = "#c8553d"
	colNet          = "#222222"
	colNRR          = "#1f4e9c"
	colGRR          = "#e76f51"
	colTrailNRR     = "#6c8ebf"
	colTrailGRR     = "#f2a88f"
	colLogo         = "#1f4e9c"
	colGross        = "#e76f51"
	colNetChurn     = "#7b5ea7"
)

// line is one series of a line chart; a nil value is a gap (an undefined figure).
type line struct {
	name, color string
	dashed      bool
	values      []*float64
}

// bars is one stack component of a bar chart: values ≥ 0 stack up, < 0 down.
type bars struct {
	name, color string
	values      []float64
}

// floatOf returns d as a chart coordinate: display only, never a figure.
func floatOf(d decimal.Decimal) float64 { return d.InexactFloat64() }

// metricPoint returns a Metric's value as a chart coordinate, nil when undefined.
func metricPoint(m revops.Metric) *float64 {
	v, err := m.Value()
	if err != nil {
		return nil
	}
	f := floatOf(v)
	return &f
}

// axis is a linear scale from [lo, hi] onto pixel rows, with round ticks.
type axis struct {
	lo, hi float64
	ticks  []float64
}

// niceAxis returns an axis over [lo, hi] (widened to hold 0 when zero is true) with
// about five ticks at 1, 2 or 5 × 10^k.
func niceAxis(lo, hi float64, zero bool) axis {
	if zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if hi-lo < 1e-12 {
		lo, hi = lo-1, hi+1
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	a := axis{lo: math.Floor(lo/step) * step, hi: math.Ceil(hi/step) * step}
	for v := a.lo; v <= a.hi+step/2; v += step {
		a.ticks = append(a.ticks, math.Round(v/step)*step)
	}
	return a
}

// y maps v onto the plot's rows.
func (a axis) y(v float64) float64 {
	return marginTop + (chartH-marginTop-marginBottom)*(a.hi-v)/(a.hi-a.lo)
}

// xAt returns the centre of category i of n across the plot.
func xAt(i, n int) float64 {
	w := (chartW - marginLeft - marginRight) / float64(n)
	return marginLeft + w*(float64(i)+0.5)
}

// compact formats an axis value: 1.2M, 35k, 250, or a percentage.
func compact(v float64, percent bool) string {
	// Ten significant digits drop the binary noise of the tick arithmetic (3 × 0.2).
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }
	if percent {
		return f(v*100) + "%"
	}
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return f(v/1e9) + "B"
	case a >= 1e6:
		return f(v/1e6) + "M"
	case a >= 1e3:
		return f(v/1e3) + "k"
	}
	return f(v)
}

// svgOpen starts a chart: its title for assistive technology, the frame and the legend.
func svgOpen(b *strings.Builder, id, title string, legend [][2]string, dashed map[string]bool) {
	fmt.Fprintf(b, `<svg id="%s" class="chart" viewBox="0 0 %g %g" role="img" aria-labelledby="%s-title"><title id="%s-title">%s</title>`+"\n",
		id, chartW, chartH, id, id, html.EscapeString(title))
	x := marginLeft
	for _, l := range legend {
		name, color := l[0], l[1]
		if dashed[name] {
			fmt.Fprintf(b, `<line x1="%.1f" y1="14" x2="%.1f" y2="14" stroke="%s" stroke-width="2.5" stroke-dasharray="5 3"/>`, x, x+18, color)
		} else {
			fmt.Fprintf(b, `<rect x="%.1f" y="8" width="18" height="12" fill="%s"/>`, x, color)
		}
		fmt.Fprintf(b, `<text x="%.1f" y="18" class="legend">%s</text>`+"\n", x+23, html.EscapeString(name))
		x += 23 + 7.2*float64(len([]rune(name))) + 22
	}
}

// axes draws the horizontal grid with its tick labels and the category labels.
func axes(b *strings.Builder, a axis, percent bool, labels []string) {
	for _, t := range a.ticks {
		y := a.y(t)
		class := "grid"
		if t == 0 {
			class = "zero"
		}
		fmt.Fprintf(b, `<line class="%s" x1="%g" y1="%.1f" x2="%g" y2="%.1f"/>`, class, marginLeft, y, chartW-marginRight, y)
		fmt.Fprintf(b, `<text class="tick" x="%g" y="%.1f" text-anchor="end">%s</text>`+"\n", marginLeft-6, y+4, compact(t, percent))
	}
	every := (len(labels) + 11) / 12 // at most about twelve labels
	for i, l := range labels {
		if i%every != 0 {
			continue
		}
		fmt.Fprintf(b, `<text class="tick" x="%.1f" y="%g" text-anchor="middle">%s</text>`, xAt(i, len(labels)), chartH-marginBottom+18, html.EscapeString(l))
	}
	fmt.Fprintf(b, "\n"+`<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`+"\n", marginLeft, marginTop, marginLeft, chartH-marginBottom)
}

// lineChart draws series over the periods, breaking each line at an undefined value.
func lineChart(b *strings.Builder, id, title string, labels []string, percent, zero bool, lines []line) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		for _, v := range l.values {
			if v != nil {
				lo, hi = math.Min(lo, *v), math.Max(hi, *v)
			}
		}
	}
	if math.IsInf(lo, 1) { // nothing defined: an empty frame
		lo, hi = 0, 1
	}
	a := niceAxis(lo, hi, zero)
	var legend [][2]string
	dashed := map[string]bool{}
	for _, l := range lines {
		legend = append(legend, [2]string{l.name, l.color})
		dashed[l.name] = l.dashed
	}
	svgOpen(b, id, title, legend, dashed)
	axes(b, a, percent, labels)
	for _, l := range lines {
		dash := ""
		if l.dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="2.2"%s><title>%s</title></path>`+"\n", pathOf(l.values, a), l.color, dash, html.EscapeString(l.name))
		for i, v := range l.values { // a dot for each point, so a single defined value shows too
			if v != nil {
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="2.6" fill="%s"><title>%s %s: %s</title></circle>`, xAt(i, len(labels)), a.y(*v), l.color,
					html.EscapeString(l.name), html.EscapeString(labels[i]), compactValue(*v, percent))
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("</svg>\n")
}

// compactValue formats a point's value for its tooltip.
func compactValue(v float64, percent bool) string {
	if percent {
		return strconv.FormatFloat(v*100, 'f', 1, 64) + " %"
	}
	return group(strconv.FormatFloat(v, 'f', 2, 64))
}

// barChart draws stacked bars per period, positive components up and negative down,
// and a line over them.
func barChart(b *strings.Builder, id, title string, labels []string, stacks []bars, over line) {
	lo, hi := 0.0, 0.0
	for i := range labels {
		up, down := 0.0, 0.0
		for _, s := range stacks {
			if v := s.values[i]; v >= 0 {
				up += v
			} else {
				down += v
			}
		}
		lo, hi = math.Min(lo, down), math.Max(hi, up)
	}
	a := niceAxis(lo, hi, true)
	var legend [][2]string
	for _, s := range stacks {
		legend = append(legend, [2]string{s.name, s.color})
	}
	legend = append(legend, [2]string{over.name, over.color})
	svgOpen(b, id, title, legend, map[string]bool{over.name: true})
	axes(b, a, false, labels)
	w := (chartW - marginLeft - marginRight) / float64(len(labels)) * 0.7
	for i := range labels {
		up, down := 0.0, 0.0
		for _, s := range stacks {
			v := s.values[i]
			if v == 0 {
				continue
			}
			base := &up
			if v < 0 {
				base = &down
			}
			y0, y1 := a.y(*base), a.y(*base+v)
			*base += v
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %s</title></rect>`,
				xAt(i, len(labels))-w/2, math.Min(y0, y1), w, math.Abs(y1-y0), s.color, html.EscapeString(s.name), html.EscapeString(labels[i]), compactValue(math.Abs(v), false))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="2" stroke-dasharray="5 3"><title>%s</title></path>`+"\n</svg>\n", pathOf(over.values, a), over.color, html.EscapeString(over.name))
}

// pathOf returns the SVG path of a series across the plot, lifting the pen at each
// undefined value so a line never bridges a gap.
func pathOf(values []*float64, a axis) string {
	var d strings.Builder
	pen := "M"
	for i, v := range values {
		if v == nil {
			pen = "M"
			continue
		}
		fmt.Fprintf(&d, "%s%.1f %.1f ", pen, xAt(i, len(values)), a.y(*v))
		pen = "L"
	}
	return strings.TrimSpace(d.String())
}

// heatmap draws a cohort table: a row per cohort, a column per period since its
// first, each cell shaded by its rate within the table's range and labelled.
func heatmap(b *strings.Builder, id, title string, rep *reportData, revenue bool) {
	rows := rep.Cohorts.Rows
	n := len(rows)
	cell := math.Min(36, (chartW-110)/float64(max(n, 1)))
	h := 62 + cell*float64(n) + 12
	fmt.Fprintf(b, `<svg id="%s" class="chart" viewBox="0 0 %g %.1f" role="img" aria-labelledby="%s-title"><title id="%s-title">%s</title>`+"\n",
		id, chartW, h, id, id, html.EscapeString(title))
	left, top := 100.0, 62.0
	// The shades span the table's own range, in steps of 10 %, so that a table of
	// rates between 80 and 130 % is not one colour; the legend states the range.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range rows {
		for k := range row.Logo {
			m := row.Logo[k]
			if revenue {
				m = row.Revenue[k]
			}
			if v, err := m.Value(); err == nil {
				lo, hi = math.Min(lo, floatOf(v)), math.Max(hi, floatOf(v))
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	lo, hi = math.Floor(lo*10)/10, math.Max(math.Ceil(hi*10)/10, math.Floor(lo*10)/10+0.1)
	scale := func(v float64) float64 { return (v - lo) / (hi - lo) }
	for i := 0; i <= 10; i++ {
		fmt.Fprintf(b, `<rect x="%.1f" y="6" width="22" height="12" fill="%s"/>`, left+float64(i)*22, shade(float64(i)/10))
	}
	fmt.Fprintf(b, `<text class="legend" x="%.1f" y="17" text-anchor="end">%s</text><text class="legend" x="%.1f" y="17">%s; blank: not yet reached</text>`+"\n",
		left-6, compact(lo, true), left+11*22+6, compact(hi, true))
	fmt.Fprintf(b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="middle">periods since the cohort's first →</text>`, left+cell*float64(n)/2, top-24)
	for k := 0; k < n; k++ {
		fmt.Fprintf(b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="middle">+%d</text>`, left+cell*(float64(k)+0.5), top-6, k)
	}
	b.WriteString("\n")
	font := math.Min(10, cell/3.4)
	for r, row := range rows {
		y := top + cell*float64(r)
		fmt.Fprintf(b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, left-6, y+cell/2+4, html.EscapeString(label(rep.Period, row.Period)))
		for k := range row.Logo {
			m := row.Logo[k]
			if revenue {
				m = row.Revenue[k]
			}
			x := left + cell*float64(k)
			v, err := m.Value()
			if err != nil {
				fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="na"><title>%s +%d: n/a</title></rect>`, x, y, cell-1, cell-1, html.EscapeString(label(rep.Period, row.Period)), k)
				continue
			}
			f := floatOf(v)
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s +%d: %s</title></rect>`, x, y, cell-1, cell-1, shade(scale(f)), html.EscapeString(label(rep.Period, row.Period)), k, m.Percent(1))
			text := "#1b1b1b"
			if scale(f) > 0.55 {
				text = "#ffffff"
			}
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="%.1f" fill="%s">%s</text>`, x+(cell-1)/2, y+cell/2+font/3, font, text, m.Percent(0)[:len(m.Percent(0))-2])
		}
		b.WriteString("\n")
	}
	b.WriteString("</svg>\n")
}

// shade returns the heatmap colour of a position in the scale: near white at 0 to
// deep blue at 1.
func shade(v float64) string {
	v = math.Max(0, math.Min(1, v))
	lerp := func(a, b float64) int { return int(math.Round(a + (b-a)*v)) }
	return fmt.Sprintf("#%02x%02x%02x", lerp(0xf3, 0x1f), lerp(0xf6, 0x4e), lerp(0xfb, 0x9c))
}

// writeHTML writes the report as one page.
func writeHTML(w io.Writer, rep *reportData) error {
	var b strings.Builder
	st := style{currency: rep.Currency}
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>revops report: ` + html.EscapeString(rep.Source) + `</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 2rem auto; max-width: 1040px; padding: 0 1rem; color: #1b1b1b; background: #ffffff; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; }
h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid #d8dde6; padding-bottom: .3rem; }
ul.facts { color: #444; padding-left: 1.1rem; font-size: .92rem; }
.tiles { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1.2rem 0; }
.tile { border: 1px solid #d8dde6; border-radius: 6px; padding: .6rem .9rem; min-width: 9rem; }
.tile .k { font-size: .8rem; color: #555; }
.tile .v { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figcaption { font-size: .9rem; color: #444; margin-bottom: .3rem; }
svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
svg .grid { stroke: #e6e9ef; stroke-width: 1; }
svg .zero, svg .axis { stroke: #888; stroke-width: 1; }
svg .tick { font-size: 11px; fill: #555; }
svg .legend { font-size: 12px; fill: #222; }
svg .na { fill: #ffffff; stroke: #e6e9ef; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .82rem; font-variant-numeric: tabular-nums; margin: .4rem 0 1rem; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid #eceef2; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { background: #f5f7fa; }
p.note { font-size: .88rem; color: #444; }
</style>
</head>
<body>
<h1>revops report</h1>
<ul class="facts">
`)
	for _, f := range facts(rep) {
		if strings.HasPrefix(f, "  ") {
			b.WriteString("<li class=\"sub\">" + html.EscapeString(strings.TrimSpace(f)) + "</li>\n")
			continue
		}
		b.WriteString("<li>" + html.EscapeString(f) + "</li>\n")
	}
	b.WriteString("</ul>\n")

	last := rep.Series[len(rep.Series)-1]
	trail := rep.Trailing[len(rep.Trailing)-1]
	b.WriteString(`<div class="tiles">`)
	for _, t := range [][2]string{
		{"MRR, " + label(rep.Period, last.Period), st.money(last.End.Monthly())},
		{"ARR", st.money(last.ARR)},
		{"Paying customers", st.count(last.EndCustomers)},
		{fmt.Sprintf("NRR, trailing %d months", rep.Policy.Window.Months), trail.NRR.Percent(1)},
		{fmt.Sprintf("GRR, trailing %d months", rep.Policy.Window.Months), trail.GRR.Percent(1)},
	} {
		fmt.Fprintf(&b, `<div class="tile"><div class="k">%s</div><div class="v">%s</div></div>`, html.EscapeString(t[0]), html.EscapeString(t[1]))
	}
	b.WriteString("</div>\n")

	labels := make([]string, len(rep.Series))
	var mrr, net, nrr, grr, trailNRR, trailGRR, logo, gross, netChurn []*float64
	move := make([]bars, 5)
	for i, s := range [][2]string{{"new", colNew}, {"expansion", colExpansion}, {"reactivation", colReactivation}, {"contraction", colContraction}, {"churn", colChurn}} {
		move[i] = bars{name: s[0], color: s[1], values: make([]float64, len(rep.Series))}
	}
	for i, r := range rep.Series {
		labels[i] = label(rep.Period, r.Period)
		end := floatOf(r.End.Monthly())
		mrr = append(mrr, &end)
		move[0].values[i] = floatOf(r.New.Monthly())
		move[1].values[i] = floatOf(r.Expansion.Monthly())
		move[2].values[i] = floatOf(r.Reactivation.Monthly())
		move[3].values[i] = -floatOf(r.Contraction.Monthly())
		move[4].values[i] = -floatOf(r.Churn.Monthly())
		net = append(net, metricPoint(r.NetNewMRR))
		nrr, grr = append(nrr, metricPoint(r.NRR)), append(grr, metricPoint(r.GRR))
		trailNRR, trailGRR = append(trailNRR, metricPoint(rep.Trailing[i].NRR)), append(trailGRR, metricPoint(rep.Trailing[i].GRR))
		logo, gross, netChurn = append(logo, metricPoint(r.CustomerChurn)), append(gross, metricPoint(r.GrossRevenueChurn)), append(netChurn, metricPoint(r.NetRevenueChurn))
	}
	cur := rep.Currency
	if cur != "" {
		cur = " (" + cur + ")"
	}
	b.WriteString("<h2>MRR over time</h2>\n<figure><figcaption>MRR at the close of each " + rep.Period + cur + ".</figcaption>\n")
	lineChart(&b, "chart-mrr", "MRR by "+rep.Period, labels, false, true, []line{{name: "MRR", color: colMRR, values: mrr}})
	b.WriteString("</figure>\n<figure><figcaption>The movements of each " + rep.Period + ": gains above zero, losses below, net new MRR dashed.</figcaption>\n")
	barChart(&b, "chart-movements", "MRR movements by "+rep.Period, labels, move, line{name: "net new MRR", color: colNet, values: net})
	b.WriteString("</figure>\n<h2>Retention</h2>\n<figure><figcaption>NRR and GRR of each " + rep.Period + fmt.Sprintf(", and over the trailing %d months (cohort form, dashed). Gaps are undefined values.</figcaption>\n", rep.Policy.Window.Months))
	lineChart(&b, "chart-retention", "NRR and GRR", labels, true, false, []line{
		{name: "NRR", color: colNRR, values: nrr}, {name: "GRR", color: colGRR, values: grr},
		{name: fmt.Sprintf("NRR, trailing %d months", rep.Policy.Window.Months), color: colTrailNRR, dashed: true, values: trailNRR},
		{name: fmt.Sprintf("GRR, trailing %d months", rep.Policy.Window.Months), color: colTrailGRR, dashed: true, values: trailGRR},
	})
	b.WriteString("</figure>\n<h2>Churn</h2>\n<figure><figcaption>Logo churn, gross and net revenue churn of each " + rep.Period + ". Net revenue churn below zero means expansion outgrew losses.</figcaption>\n")
	lineChart(&b, "chart-churn", "Churn rates", labels, true, true, []line{
		{name: "logo churn", color: colLogo, values: logo}, {name: "gross revenue churn", color: colGross, values: gross},
		{name: "net revenue churn", color: colNetChurn, values: netChurn},
	})
	b.WriteString("</figure>\n<h2>Cohorts</h2>\n<figure><figcaption>Logo retention: of the customers who first paid in each " + rep.Period + ", the share still paying.</figcaption>\n")
	heatmap(&b, "chart-cohort-logo", "Cohort logo retention", rep, false)
	b.WriteString("</figure>\n<figure><figcaption>Revenue retention: their MRR ÷ their MRR at the close of their first " + rep.Period + ".</figcaption>\n")
	heatmap(&b, "chart-cohort-revenue", "Cohort revenue retention", rep, true)
	b.WriteString("</figure>\n<h2>The numbers</h2>\n")
	for _, g := range sections(rep, st) {
		fmt.Fprintf(&b, "<h3>%s</h3>\n<p class=\"note\">%s</p>\n<div class=\"scroll\"><table>\n<thead><tr>", html.EscapeString(g.title), html.EscapeString(g.note))
		for _, c := range g.header {
			b.WriteString("<th>" + html.EscapeString(c) + "</th>")
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		for _, r := range g.rows {
			b.WriteString("<tr>")
			for _, c := range r {
				b.WriteString("<td>" + html.EscapeString(c) + "</td>")
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody></table></div>\n")
	}
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
