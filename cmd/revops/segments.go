package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/revopskit/revops"
)

// segment is one value of the -by column and its series.
type segment struct {
	value  string
	series []revops.PeriodMetrics
}

// segmentName names a segment for people: its value, or "(empty)".
func segmentName(v string) string {
	if v == "" {
		return "(empty)"
	}
	return v
}

// computeSegments returns the series of each value of the -by column, by the
// library's SegmentSeries: a customer who moves from one value to another (a plan
// switch) leaves the one and enters the other, as ChartMogul's plan filters count it,
// neither churned nor new.
func computeSegments(cfg config, in *input, periods []revops.Period) ([]segment, error) {
	if cfg.by == "" {
		return nil, nil
	}
	spans := map[string][]revops.Span{}
	for i, s := range in.spans {
		spans[in.segs[i]] = append(spans[in.segs[i]], s)
	}
	var out []segment
	for v, ss := range spans {
		h, err := revops.NewHistory(ss)
		if err != nil {
			return nil, in.fail(err)
		}
		series, err := revops.SegmentSeries(in.history, h, periods, cfg.policy)
		if err != nil {
			return nil, in.fail(err)
		}
		out = append(out, segment{value: v, series: series})
	}
	slices.SortFunc(out, func(a, b segment) int { return strings.Compare(a.value, b.value) })
	return out, nil
}

// segmentTables lays the segments out: every figure of every segment and period as
// data, and for people the segments of the last period beside the total, and each
// segment's MRR over time.
func segmentTables(cfg config, f *figures, segs []segment, st style) []*table {
	data := &table{name: "segments", family: "segments", data: true,
		cols: []column{{key: "segment"}, {key: "period"}, {key: "start"}, {key: "end"},
			{key: "start_mrr"}, {key: "new_mrr"}, {key: "expansion_mrr"}, {key: "reactivation_mrr"}, {key: "entering_mrr"},
			{key: "contraction_mrr"}, {key: "churn_mrr"}, {key: "leaving_mrr"}, {key: "end_mrr"},
			{key: "start_customers"}, {key: "new_customers"}, {key: "reactivated_customers"}, {key: "entered_customers"},
			{key: "churned_customers"}, {key: "left_customers"}, {key: "left_and_returned"}, {key: "end_customers"},
			{key: "customer_churn"}, {key: "nrr"}, {key: "grr"}, {key: "arpa"}}}
	for _, s := range segs {
		if !cfg.dataOut() || !cfg.needs("segments", "series") {
			break
		}
		for i, m := range s.series {
			c := m.Customers
			data.rows = append(data.rows, []cell{text(s.value), text(f.labels[i]), text(day(m.Period.Start())), text(day(m.Period.End())),
				st.recurring(m.Start), st.recurring(m.New), st.recurring(m.Expansion), st.recurring(m.Reactivation), st.recurring(m.Entering),
				st.recurring(m.Contraction), st.recurring(m.Churn), st.recurring(m.Leaving), st.recurring(m.End),
				count(c.Start), count(c.New), count(c.Reactivated), count(c.Entered), count(c.Churned), count(c.Left), count(c.LeftAndReturned), count(m.EndCustomers),
				rate(m.CustomerChurn), rate(m.NRR), rate(m.GRR), st.moneyMetric(m.ARPA)})
		}
	}
	if len(segs) == 0 || cfg.dataOut() {
		return []*table{data}
	}
	k := len(f.series) - 1
	summary := &table{name: "segment_summary", family: "segments", people: true, keys: 1,
		title: fmt.Sprintf("Segments by %s, %s", cfg.by, f.labels[k]),
		note: fmt.Sprintf("Each value of %s beside the total, with the %s's logo churn and NRR. A customer who moves from one value to another leaves the one and enters the other "+
			"(ChartMogul's MRR entering and leaving a segment), neither churned nor new; the segment's NRR counts a departure as lost to it.", cfg.by, cfg.period),
		cols: []column{{label: cfg.by, group: "key"}, {label: "MRR", group: "a", num: true}, {label: "share", group: "a", num: true},
			{label: "customers", group: "a", num: true}, {label: "ARPA", group: "a", num: true},
			{label: "new", group: "b", num: true}, {label: "entered", group: "b", num: true}, {label: "left", group: "b", num: true}, {label: "churned", group: "b", num: true},
			{label: "logo churn", group: "c", num: true}, {label: "NRR", group: "c", num: true}}}
	total := f.series[k].End.Monthly()
	row := func(name string, m revops.PeriodMetrics) []cell {
		share := blank()
		if total.IsPositive() {
			share = rateOf(m.End.Monthly().DivRound(total, revops.Scale), nil)
		}
		return []cell{text(name), st.recurring(m.End), share, count(m.EndCustomers), st.moneyMetric(m.ARPA),
			count(m.Customers.New), count(m.Customers.Entered), count(m.Customers.Left), count(m.Customers.Churned), rate(m.CustomerChurn), rate(m.NRR)}
	}
	for _, s := range segs {
		summary.rows = append(summary.rows, row(segmentName(s.value), s.series[k]))
	}
	summary.rows = append(summary.rows, row("total", f.series[k]))
	mrr := &table{name: "segment_mrr", family: "segments", people: true, keys: 1,
		title: fmt.Sprintf("MRR by %s", cfg.by),
		note:  fmt.Sprintf("MRR at the close of each %s, by value of %s; a customer on two values at once counts in both.", cfg.period, cfg.by),
		cols:  []column{{label: cfg.period, group: "key"}}}
	for _, s := range segs {
		mrr.cols = append(mrr.cols, column{label: segmentName(s.value), group: "s", num: true})
	}
	mrr.cols = append(mrr.cols, column{label: "total", group: "s", num: true})
	for i := range f.series {
		r := []cell{text(f.labels[i])}
		for _, s := range segs {
			r = append(r, st.recurring(s.series[i].End))
		}
		mrr.rows = append(mrr.rows, append(r, st.recurring(f.series[i].End)))
	}
	return []*table{data, summary, mrr}
}

// segmentChart draws each segment's MRR over time.
func segmentChart(cfg config, f *figures, segs []segment) chart {
	c := chart{id: "chart-segments", kind: "line", title: "MRR by " + cfg.by, zero: true, labels: f.labels, numbers: "MRR by " + cfg.by,
		caption: "MRR at the close of each " + cfg.period + ", a line per value of " + cfg.by + "."}
	for j, s := range segs {
		vals := make([]*float64, len(s.series))
		for i, m := range s.series {
			v := floatOf(m.End.Monthly())
			vals[i] = &v
		}
		c.series = append(c.series, chartSeries{name: segmentName(s.value), color: policyColours[(j+1)%len(policyColours)], dashed: j >= len(policyColours)-1, values: vals})
	}
	return c
}
