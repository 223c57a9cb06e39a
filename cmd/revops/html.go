package main

import (
	_ "embed"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
)

// The html format is one self-contained page, built by html/template from page.html:
// inline CSS, inline SVG charts and html tables, no script, font, image or style from
// anywhere else. Every string from the input, the flags or a file name reaches the
// page through the template's contextual escaping, never by concatenation. Chart
// coordinates are float64 pixels computed from the exact figures; every figure is
// also in the page's tables.

//go:embed page.html
var pageSource string

var pageTemplate = template.Must(template.New("page").Parse(pageSource))

// Chart geometry, in SVG user units. The page scales a chart to its box; container
// queries in page.html set the text size for the box's width so that no text is
// drawn under 11 px, down to a box of minChartWidth px (below it the chart scrolls).
const (
	chartW       = 720.0
	chartH       = 300.0
	marginLeft   = 72.0
	marginRight  = 14.0
	marginTop    = 16.0
	marginBottom = 40.0
)

// labelsFit is how many period labels fit the axis at each of the page's three text
// sizes (23, 17 and 12 user units: narrow, middle and wide boxes).
var labelsFit = [3]int{5, 7, 11}

// pageView is what the template reads.
type pageView struct {
	Title, Source, TileFor string
	Facts                  []fact
	Notes                  []noteView
	Tiles                  []tileView
	Charts                 []chartView
	Tables                 []tableView
}

type noteView struct {
	Summary string
	Lines   []string
	More    string
}

type tileView struct {
	Label, Value, Change, Sub, Trend string
}

type chartView struct {
	ID, Title, Caption, Numbers, Kind string
	Legend                            []legendView
	ViewBox                           string
	Grid                              []tickView
	XLabels                           []labelView
	Rects                             []rectView
	Paths                             []pathView
	Dots                              []dotView
	Axis                              lineView
	Heat                              *heatView
}

type legendView struct {
	Name, Color string
	Dashed, Bar bool
}

type tickView struct {
	Class, X1, X2, Y, TextX, TextY, Label string
}

type labelView struct {
	X, Y, Text, Class string
}

type rectView struct {
	X, Y, W, H, Color, Title string
}

type pathView struct {
	D, Color, Name string
	Dashed         bool
}

type dotView struct {
	X, Y, Color, Title string
}

type lineView struct {
	X1, Y1, X2, Y2 string
}

type heatView struct {
	SizeCol string
	Ages    []string
	Rows    []heatRowView
	Legend  []legendStep
}

type heatRowView struct {
	Label, Size, Empty string
	Average            bool
	Cells              []heatCellView
	Pad                []struct{} // not yet reached
	EmptySpan          int
}

type heatCellView struct {
	Text, Class, Title string
}

type tableView struct {
	Title, Note, More string
	Header            []headView
	Rows              [][]headView
}

type headView struct {
	Text string
	Num  bool
}

// writeHTML writes d as one page.
func writeHTML(w io.Writer, d *document, only string) error {
	v := pageView{Title: d.title, TileFor: d.tileFor, Facts: d.facts}
	for _, m := range d.meta {
		if src, ok := m.value.(orderedMap); ok && m.key == "source" {
			v.Source, _ = src[0].value.(string)
		}
	}
	for _, n := range d.notes {
		nv := noteView{Summary: n.summary, Lines: n.lines}
		if len(nv.Lines) > peopleList {
			nv.Lines = nv.Lines[:peopleList]
			nv.More = "… and " + group(strconv.Itoa(n.count-peopleList)) + " more (-format json or -table notes lists up to " + group(strconv.Itoa(listCap)) + ")"
		}
		v.Notes = append(v.Notes, nv)
	}
	if only == "" {
		for _, t := range d.tiles {
			trend := "flat"
			switch {
			case t.trend > 0 && !t.lower, t.trend < 0 && t.lower:
				trend = "good"
			case t.trend != 0:
				trend = "bad"
			}
			switch t.trend {
			case 1:
				trend += " up"
			case -1:
				trend += " down"
			}
			v.Tiles = append(v.Tiles, tileView{Label: t.label, Value: t.value.show, Change: t.change.show, Sub: t.sub, Trend: trend})
		}
		for _, c := range d.charts {
			v.Charts = append(v.Charts, chartOf(c))
		}
	}
	for _, t := range d.peopleTables(only, true) {
		tv := tableView{Title: t.title, Note: t.note, More: t.more}
		idx := t.peopleCols()
		for _, i := range idx {
			tv.Header = append(tv.Header, headView{Text: t.cols[i].label, Num: t.cols[i].num})
		}
		for _, r := range t.rows {
			row := make([]headView, len(idx))
			for n, i := range idx {
				row[n] = headView{Text: r[i].show, Num: t.cols[i].num}
			}
			tv.Rows = append(tv.Rows, row)
		}
		v.Tables = append(v.Tables, tv)
	}
	return pageTemplate.Execute(w, v)
}

// num formats a coordinate.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// chartOf lays a chart out.
func chartOf(c chart) chartView {
	v := chartView{ID: c.id, Title: c.title, Caption: c.caption, Numbers: c.numbers, Kind: c.kind}
	for _, s := range c.series {
		v.Legend = append(v.Legend, legendView{Name: s.name, Color: s.color, Dashed: s.dashed, Bar: s.bar})
	}
	if c.heat != nil {
		v.Heat = heatOf(c.heat)
		return v
	}
	v.ViewBox = "0 0 " + num(chartW) + " " + num(chartH)
	// The axis spans every value: bars stacked (gains up, losses down) and lines.
	lo, hi := math.Inf(1), math.Inf(-1)
	n := len(c.labels)
	for i := 0; i < n; i++ {
		up, down := 0.0, 0.0
		for _, s := range c.series {
			p := s.values[i]
			switch {
			case p == nil:
			case s.bar && *p >= 0:
				up += *p
			case s.bar:
				down += *p
			default:
				lo, hi = math.Min(lo, *p), math.Max(hi, *p)
			}
		}
		if up != 0 || down != 0 {
			lo, hi = math.Min(lo, down), math.Max(hi, up)
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	a := niceAxis(lo, hi, c.zero)
	for _, t := range a.ticks {
		y := a.y(t)
		class := "grid"
		if t == 0 {
			class = "zero"
		}
		v.Grid = append(v.Grid, tickView{Class: class, X1: num(marginLeft), X2: num(chartW - marginRight), Y: num(y),
			TextX: num(marginLeft - 6), TextY: num(y + 4), Label: compact(t, c.percent)})
	}
	var strides [3]int
	for k, fit := range labelsFit {
		strides[k] = max(1, (n+fit-1)/fit)
	}
	for i, l := range c.labels {
		var hidden []string
		for k, s := range strides {
			if i%s != 0 {
				hidden = append(hidden, "h"+strconv.Itoa(k+1))
			}
		}
		if len(hidden) == len(strides) {
			continue
		}
		v.XLabels = append(v.XLabels, labelView{X: num(xAt(i, n)), Y: num(chartH - marginBottom + 22), Text: l, Class: strings.Join(hidden, " ")})
	}
	v.Axis = lineView{X1: num(marginLeft), Y1: num(marginTop), X2: num(marginLeft), Y2: num(chartH - marginBottom)}
	bw := (chartW - marginLeft - marginRight) / float64(max(n, 1)) * 0.7
	ups, downs := make([]float64, n), make([]float64, n)
	for _, s := range c.series {
		if !s.bar {
			continue
		}
		for i, p := range s.values {
			if p == nil || *p == 0 {
				continue
			}
			base := &ups[i]
			if *p < 0 {
				base = &downs[i]
			}
			y0, y1 := a.y(*base), a.y(*base+*p)
			*base += *p
			v.Rects = append(v.Rects, rectView{X: num(xAt(i, n) - bw/2), Y: num(math.Min(y0, y1)), W: num(bw), H: num(math.Abs(y1 - y0)),
				Color: s.color, Title: s.name + " " + c.labels[i] + ": " + compactValue(math.Abs(*p), c)})
		}
	}
	for _, s := range c.series {
		if s.bar {
			continue
		}
		v.Paths = append(v.Paths, pathView{D: pathOf(s.values, a), Color: s.color, Name: s.name, Dashed: s.dashed})
		for i, p := range s.values {
			if p != nil {
				v.Dots = append(v.Dots, dotView{X: num(xAt(i, n)), Y: num(a.y(*p)), Color: s.color, Title: s.name + " " + c.labels[i] + ": " + compactValue(*p, c)})
			}
		}
	}
	return v
}

// heatOf lays a heatmap out as table rows.
func heatOf(h *heatmap) *heatView {
	v := &heatView{SizeCol: h.sizeCol, Ages: h.ages, Legend: h.legend}
	for _, r := range h.rows {
		rv := heatRowView{Label: r.label, Size: r.size, Average: r.average}
		if r.empty {
			rv.Empty, rv.EmptySpan = r.emptyText, len(h.ages)
		} else {
			for k, c := range r.cells {
				cls := c.state
				txt := c.show
				if c.state == "na" {
					cls = "na"
				}
				rv.Cells = append(rv.Cells, heatCellView{Text: txt, Class: cls, Title: r.label + " " + h.ages[k] + ": " + c.show})
			}
			rv.Pad = make([]struct{}, len(h.ages)-len(r.cells))
		}
		v.Rows = append(v.Rows, rv)
	}
	return v
}

// axis maps values to the plot's y coordinates.
type axis struct {
	lo, hi float64
	ticks  []float64
}

func (a axis) y(v float64) float64 {
	return chartH - marginBottom - (v-a.lo)/(a.hi-a.lo)*(chartH-marginTop-marginBottom)
}

// niceAxis returns an axis over [lo, hi] with about five round ticks, including zero
// when zero is set or the range crosses it.
func niceAxis(lo, hi float64, zero bool) axis {
	if zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if hi-lo < 1e-12 {
		hi = lo + math.Max(math.Abs(lo)*0.1, 1)
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	a := axis{lo: math.Floor(lo/step) * step, hi: math.Ceil(hi/step) * step}
	for t := a.lo; t <= a.hi+step/2; t += step {
		a.ticks = append(a.ticks, math.Round(t/step)*step)
	}
	return a
}

// xAt is the x coordinate of the i-th of n periods, centred in its slot.
func xAt(i, n int) float64 {
	slot := (chartW - marginLeft - marginRight) / float64(max(n, 1))
	return marginLeft + slot*(float64(i)+0.5)
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
		d.WriteString(pen + num(xAt(i, len(values))) + " " + num(a.y(*v)) + " ")
		pen = "L"
	}
	return strings.TrimSpace(d.String())
}

// compact formats a tick: 1.2M, 350k, 95 %.
func compact(v float64, percent bool) string {
	round := func(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64) }
	if percent {
		return round(v*100) + " %"
	}
	sign := ""
	if v < 0 {
		sign, v = "−", -v
	}
	switch {
	case v >= 1e6:
		return sign + round(v/1e6) + "M"
	case v >= 1e3:
		return sign + round(v/1e3) + "k"
	}
	return sign + round(v)
}

// compactValue formats a point's value of chart c for its tooltip: a percentage, a
// count of customers, or an amount.
func compactValue(v float64, c chart) string {
	switch {
	case c.percent:
		return strconv.FormatFloat(v*100, 'f', 1, 64) + " %"
	case c.counts:
		return group(strconv.FormatFloat(v, 'f', 0, 64))
	}
	return group(strconv.FormatFloat(v, 'f', 2, 64))
}
