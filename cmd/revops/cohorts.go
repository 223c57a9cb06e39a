package main

import (
	"fmt"
	"math"
	"strconv"

	"github.com/revopskit/revops"
)

// cohortTables returns the cohort table as data (a row per cohort and period since
// its first, and the average row per period since) and as the two grids people read
// (logo and revenue retention, a row per cohort and a column per period since).
func cohortTables(cfg config, f *figures, st style) []*table {
	long := &table{name: "cohorts", family: "cohorts", data: true,
		cols: []column{{key: "cohort"}, {key: "cohort_start"}, {key: "age"}, {key: "period"}, {key: "size"}, {key: "customers"},
			{key: "start_mrr"}, {key: "mrr"}, {key: "logo_retention"}, {key: "revenue_retention"}}}
	avg := &table{name: "cohort_average", family: "cohorts", data: true,
		cols: []column{{key: "age"}, {key: "cohorts"}, {key: "revenue_cohorts"}, {key: "logo_retention"}, {key: "revenue_retention"}}}
	if !cfg.dataOut() {
		return []*table{long, avg, grid(cfg, f, st, false), grid(cfg, f, st, true)}
	}
	for i, row := range f.cohorts.Rows {
		if !cfg.needs("cohorts", "series") {
			break
		}
		if row.Size == 0 {
			// An empty cohort has no rows: its every cell would be 0 or n/a, and a
			// century of months of them made 720,000 rows out of two customers.
			continue
		}
		cohort, start, size, first := text(f.labels[i]), text(day(row.Period.Start())), count(row.Size), st.recurring(row.MRR[0])
		for k := range row.Logo {
			long.rows = append(long.rows, []cell{cohort, start, count(k), text(f.labels[i+k]),
				size, count(row.Customers[k]), first, st.recurring(row.MRR[k]), rate(row.Logo[k]), rate(row.Revenue[k])})
		}
	}
	for k, c := range f.cohorts.Average {
		avg.rows = append(avg.rows, []cell{count(k), count(c.Cohorts), count(c.RevenueCohorts), rate(c.Logo), rate(c.Revenue)})
	}
	return []*table{long, avg}
}

// gridCap bounds the cohorts and the periods since their first that a grid shows
// people: the latest gridCap cohorts over their first gridCap periods. csv and json
// hold every cell.
const gridCap = 36

// grid is one of the cohort grids for people, with its note.
func grid(cfg config, f *figures, st style, revenue bool) *table {
	t := gridOf(cfg, f, st, revenue)
	average := "averages weigh each cohort by its size"
	if cfg.policy.CohortAverage == revops.CohortSimpleMean {
		average = "averages are the plain mean of the cohorts' rates"
	}
	if revenue {
		t.note = "Their MRR at the close of each " + cfg.period + " since ÷ their MRR at the close of their first, in percent; n/a: no MRR at that close (they joined and left)."
	} else {
		t.note = "Of the customers who first paid in each " + cfg.period + ", the share paying at the close of each " + cfg.period +
			" since, in percent. Blank: not reached yet; –: an empty cohort (no customer first paid then); " + average + "."
	}
	rows := shownCohorts(f)
	if n := len(rows); n > gridCap {
		t.note += fmt.Sprintf(" The latest %d of %d cohorts, over their first %d %ss: -format csv -table cohorts holds every cell.", gridCap, n, gridCap, cfg.period)
	}
	switch after := len(f.cohorts.Rows) - len(rows); {
	case after == 1:
		t.note += fmt.Sprintf(" No customer first paid after %s: the %s after it, empty, is not shown.", f.labels[len(rows)-1], cfg.period)
	case after > 1:
		t.note += fmt.Sprintf(" No customer first paid after %s: the %s after it, empty, are not shown.", f.labels[len(rows)-1], countOf(after, cfg.period))
	}
	return t
}

// shownCohorts is the cohorts a grid shows: all but the empty ones after the last
// that has customers (as when the periods run on to today), which would be rows of
// nothing but –.
func shownCohorts(f *figures) []revops.CohortRow {
	rows := f.cohorts.Rows
	last := len(rows)
	for last > 0 && rows[last-1].Size == 0 {
		last--
	}
	if last == 0 {
		return rows // no cohort has customers: each says so
	}
	return rows[:last]
}

// gridOf lays a grid out: a row per cohort, the latest gridCap of them, a column per
// period since its first, the first gridCap of them, and the average row.
func gridOf(cfg config, f *figures, st style, revenue bool) *table {
	t := &table{name: "cohort_logo", family: "cohorts", people: true, keys: 2, title: "Cohorts: logo retention (%)"}
	sizeLabel := "customers"
	if revenue {
		t.name, t.title, sizeLabel = "cohort_revenue", "Cohorts: revenue retention (%)", "first MRR"
	}
	t.cols = []column{{label: "cohort", group: "key"}, {label: sizeLabel, group: "key", num: true}}
	rows := shownCohorts(f)
	from := max(0, len(rows)-gridCap)
	n := min(len(f.cohorts.Rows), gridCap) // the first cohort shown has reached as many periods as there are
	for k := 0; k < n; k++ {
		t.cols = append(t.cols, column{label: "+" + strconv.Itoa(k), group: "ages", num: true})
	}
	for i := from; i < len(rows); i++ {
		row := rows[i]
		size := count(row.Size)
		if revenue {
			size = st.recurring(row.MRR[0])
		}
		cells := []cell{text(f.labels[i]), size}
		for k := 0; k < n; k++ {
			switch {
			case k >= len(row.Logo):
				cells = append(cells, blank())
			case row.Size == 0:
				cells = append(cells, cell{show: "–", null: true, state: "empty"})
			case revenue:
				cells = append(cells, cohortCell(row.Revenue[k], true))
			default:
				cells = append(cells, cohortCell(row.Logo[k], false))
			}
		}
		t.rows = append(t.rows, cells)
	}
	cells := []cell{text("average"), blank()}
	for k := 0; k < n; k++ {
		switch {
		case k >= len(f.cohorts.Average):
			cells = append(cells, blank())
		case revenue:
			cells = append(cells, cohortCell(f.cohorts.Average[k].Revenue, true))
		default:
			cells = append(cells, cohortCell(f.cohorts.Average[k].Logo, false))
		}
	}
	t.rows = append(t.rows, cells)
	return t
}

// cohortCell is a retention rate in percent without its sign, which the grid's title
// carries, and the shade of the page's fixed scale: logo retention from 0 to 100 %
// in tenths, revenue retention diverging around 100 %, from 50 % or less to 150 % or
// more.
func cohortCell(m revops.Metric, revenue bool) cell {
	v, err := m.Value()
	if err != nil {
		c := na()
		c.state = "na"
		return c
	}
	c := cell{exact: v.String(), show: v.Shift(2).StringFixed(1)}
	f := floatOf(v)
	if revenue {
		c.state = "r" + strconv.Itoa(revenueShade(f))
	} else {
		c.state = "l" + strconv.Itoa(int(math.Max(0, math.Min(10, math.Round(f*10)))))
	}
	return c
}

// revenueShade is a revenue retention's step on the diverging scale: 5 for 95 to
// 105 %, 0 for 55 % or less, 10 for 145 % or more.
func revenueShade(f float64) int {
	return int(math.Max(-5, math.Min(5, math.Round((f-1)*10)))) + 5
}

// heatmapOf turns a cohort grid into a heatmap of the page.
func heatmapOf(t *table, revenue bool) *heatmap {
	h := &heatmap{scale: "logo", sizeCol: t.cols[1].label}
	if revenue {
		h.scale = "revenue"
	}
	for _, c := range t.cols[2:] {
		h.ages = append(h.ages, c.label)
	}
	for i, row := range t.rows {
		r := heatRow{label: row[0].show, size: row[1].show, average: i == len(t.rows)-1}
		for _, c := range row[2:] {
			if c.state == "empty" {
				r.empty = true
			}
			if c.state != "" {
				r.cells = append(r.cells, c)
			}
		}
		if r.empty {
			r.emptyText = fmt.Sprintf("empty cohort: no customer first paid in %s", r.label)
			r.cells = nil
		}
		h.rows = append(h.rows, r)
	}
	if revenue {
		for i := 0; i <= 10; i++ {
			txt := strconv.Itoa(50+10*i) + " %"
			switch i {
			case 0:
				txt = "≤ 55 %"
			case 10:
				txt = "≥ 145 %"
			}
			h.legend = append(h.legend, legendStep{Class: "r" + strconv.Itoa(i), Text: txt})
		}
	} else {
		for i := 0; i <= 10; i++ {
			h.legend = append(h.legend, legendStep{Class: "l" + strconv.Itoa(i), Text: strconv.Itoa(10*i) + " %"})
		}
	}
	return h
}
