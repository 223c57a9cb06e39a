package main

import (
	"fmt"
	"strconv"

	"github.com/revopskit/revops"
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
	colTrailGRR     = "#d9825f"
	colLogo         = "#1f4e9c"
	colGross        = "#e76f51"
	colNetChurn     = "#7b5ea7"
	colASP          = "#2a9d8f"
)

// addCharts adds the page's charts, each drawn from the figures of a table.
func addCharts(d *document, cfg config, f *figures, currency string) {
	n := len(f.series)
	values := func(get func(m revops.PeriodMetrics) *float64) []*float64 {
		out := make([]*float64, n)
		for i, m := range f.series {
			out[i] = get(m)
		}
		return out
	}
	amount := func(r revops.Recurring, sign float64) *float64 {
		v := sign * floatOf(r.Monthly())
		return &v
	}
	num := func(n int, sign float64) *float64 {
		v := sign * float64(n)
		return &v
	}
	cur := ""
	if currency != "" {
		cur = " (" + currency + ")"
	}
	series := "MRR, customers and rates by " + cfg.period
	d.charts = append(d.charts,
		chart{id: "chart-mrr", kind: "line", title: "MRR", zero: true, numbers: series, labels: f.labels,
			caption: "MRR at the close of each " + cfg.period + cur + ".",
			series:  []chartSeries{{name: "MRR", color: colMRR, values: values(func(m revops.PeriodMetrics) *float64 { return amount(m.End, 1) })}}},
		chart{id: "chart-movements", kind: "bars", title: "MRR movements", zero: true, numbers: series, labels: f.labels,
			caption: "The movements of each " + cfg.period + cur + ": gains above zero, losses below, net new MRR dashed.",
			series: []chartSeries{
				{name: "new", color: colNew, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return amount(m.New, 1) })},
				{name: "expansion", color: colExpansion, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return amount(m.Expansion, 1) })},
				{name: "reactivation", color: colReactivation, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return amount(m.Reactivation, 1) })},
				{name: "contraction", color: colContraction, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return amount(m.Contraction, -1) })},
				{name: "churn", color: colChurn, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return amount(m.Churn, -1) })},
				{name: "net new MRR", color: colNet, dashed: true, values: values(func(m revops.PeriodMetrics) *float64 { return point(m.NetNewMRR) })},
			}},
		chart{id: "chart-customers", kind: "line", title: "Paying customers", zero: true, counts: true, numbers: series, labels: f.labels,
			caption: "Customers paying at the close of each " + cfg.period + ".",
			series:  []chartSeries{{name: "paying customers", color: colMRR, values: values(func(m revops.PeriodMetrics) *float64 { return num(m.EndCustomers, 1) })}}},
		chart{id: "chart-customer-movements", kind: "bars", title: "Customers won and lost", zero: true, counts: true, numbers: series, labels: f.labels,
			caption: "Customers who arrived in each " + cfg.period + " (new, reactivated: above zero) and who stopped paying in it (churned: below), and the net change (dashed).",
			series: []chartSeries{
				{name: "new", color: colNew, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return num(m.Customers.New, 1) })},
				{name: "reactivated", color: colReactivation, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return num(m.Customers.Reactivated, 1) })},
				{name: "churned", color: colChurn, bar: true, values: values(func(m revops.PeriodMetrics) *float64 { return num(m.Customers.Churned, -1) })},
				{name: "net change", color: colNet, dashed: true, values: values(func(m revops.PeriodMetrics) *float64 { return num(m.EndCustomers-m.Customers.Start, 1) })},
			}},
		chart{id: "chart-arpa", kind: "line", title: "ARPA and ASP", zero: true, numbers: series, labels: f.labels,
			caption: "Average revenue per account at the close of each " + cfg.period + ", and the average sale price of its new customers" + cur + ".",
			series: []chartSeries{
				{name: "ARPA", color: colMRR, values: values(func(m revops.PeriodMetrics) *float64 { return point(m.ARPA) })},
				{name: "ASP", color: colASP, dashed: true, values: cellPoints(f.asp)},
			}},
	)
	trailNRR, trailGRR := make([]*float64, n), make([]*float64, n)
	for i := trailingStart(f); i < len(f.trailing); i++ {
		trailNRR[i], trailGRR[i] = point(f.trailing[i].NRR), point(f.trailing[i].GRR)
	}
	months := cfg.policy.Window.Months
	d.charts = append(d.charts,
		chart{id: "chart-retention", kind: "line", title: "NRR and GRR", percent: true, numbers: series, labels: f.labels,
			caption: fmt.Sprintf("NRR and GRR of each %s, and over the trailing %s (cohort form, dashed, from the first %s it is defined). Gaps are undefined values.", cfg.period, countOf(months, "month"), cfg.period),
			series: []chartSeries{
				{name: "NRR", color: colNRR, values: values(func(m revops.PeriodMetrics) *float64 { return point(m.NRR) })},
				{name: "GRR", color: colGRR, values: values(func(m revops.PeriodMetrics) *float64 { return point(m.GRR) })},
				{name: "NRR, trailing " + countOf(months, "month"), color: colTrailNRR, dashed: true, values: trailNRR},
				{name: "GRR, trailing " + countOf(months, "month"), color: colTrailGRR, dashed: true, values: trailGRR},
			}},
		chart{id: "chart-churn", kind: "line", title: "Churn rates", percent: true, zero: true, numbers: series, labels: f.labels,
			caption: "Logo churn, gross and net revenue churn of each " + cfg.period + ". Net revenue churn below zero means expansion outgrew losses.",
			series: []chartSeries{
				{name: "logo churn", color: colLogo, values: values(func(m revops.PeriodMetrics) *float64 { return point(m.CustomerChurn) })},
				{name: "gross revenue churn", color: colGross, values: values(func(m revops.PeriodMetrics) *float64 { return point(m.GrossRevenueChurn) })},
				{name: "net revenue churn", color: colNetChurn, values: values(func(m revops.PeriodMetrics) *float64 { return point(m.NetRevenueChurn) })},
			}},
	)
	for _, t := range d.tables {
		switch t.name {
		case "cohort_logo":
			d.charts = append(d.charts, chart{id: "chart-cohort-logo", kind: "heatmap", title: "Cohort logo retention", numbers: t.title,
				caption: "Of the customers who first paid in each " + cfg.period + ", the share still paying. One fixed scale, 0 to 100 %; blank: not reached yet.",
				heat:    heatmapOf(t, false)})
		case "cohort_revenue":
			d.charts = append(d.charts, chart{id: "chart-cohort-revenue", kind: "heatmap", title: "Cohort revenue retention", numbers: t.title,
				caption: "Their MRR ÷ their MRR at the close of their first " + cfg.period + ". One fixed scale, diverging around 100 %: blue above, red below; blank: not reached yet; n/a: no MRR at the close of their first.",
				heat:    heatmapOf(t, true)})
		}
	}
}

// cellPoints returns amount cells as chart coordinates, nil where undefined.
func cellPoints(cells []cell) []*float64 {
	out := make([]*float64, len(cells))
	for i, c := range cells {
		if !c.null {
			if v, err := strconv.ParseFloat(c.exact, 64); err == nil {
				out[i] = &v
			}
		}
	}
	return out
}
