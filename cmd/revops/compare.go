package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// compareTables are the tables of revops compare, as -table names them.
var compareTables = []string{"compare", "policies", "differences", "notes"}

// policyRun is one policy compare computes the figures under.
type policyRun struct {
	name   string
	policy revops.Policy
	series []revops.PeriodMetrics
}

// headline is one figure compare sets side by side.
type headline struct {
	key, label string
	percent    bool // a rate: differences in points
	ratio      bool
	get        func(m revops.PeriodMetrics, st style) cell
}

var headlines = []headline{
	{key: "end_mrr", label: "MRR", get: func(m revops.PeriodMetrics, st style) cell { return st.recurring(m.End) }},
	{key: "new_mrr", label: "new MRR", get: func(m revops.PeriodMetrics, st style) cell { return st.recurring(m.New) }},
	{key: "churn_mrr", label: "churn MRR", get: func(m revops.PeriodMetrics, st style) cell { return st.recurring(m.Churn) }},
	{key: "customer_churn", label: "customer churn", percent: true, get: func(m revops.PeriodMetrics, _ style) cell { return rate(m.CustomerChurn) }},
	{key: "nrr", label: "NRR", percent: true, get: func(m revops.PeriodMetrics, _ style) cell { return rate(m.NRR) }},
	{key: "grr", label: "GRR", percent: true, get: func(m revops.PeriodMetrics, _ style) cell { return rate(m.GRR) }},
	{key: "quick_ratio", label: "quick ratio", ratio: true, get: func(m revops.PeriodMetrics, _ style) cell { return ratio(m.QuickRatio) }},
}

// appliedKeys are the json keys of the Policy fields a history of spans reads; the
// others (discounts, past-due subscriptions, rounding of lines, ...) shape MRR from
// billing records, which a file of spans already holds as MRR.
var appliedKeys = []string{"churn_denominator", "joined_and_left", "left_and_returned", "reactivation", "nrr_reactivation", "quick_ratio",
	"movements", "zero_mrr", "cohort_average", "window", "ltv_churn", "invalid_records"}

// buildCompare computes the headline figures of every period under the default
// policy and every preset, and lays them side by side.
func buildCompare(cfg config, in *input) (*document, error) {
	sp, err := reportPeriods(cfg, in)
	if err != nil {
		return nil, err
	}
	currency := in.history.Currency()
	if currency == "" {
		currency = cfg.currency
	}
	st := newStyle(currency)
	runs := []policyRun{{name: "default"}}
	for _, p := range presets {
		runs = append(runs, policyRun{name: p.name, policy: p.policy()})
	}
	for i := range runs {
		if cfg.skipInvalid {
			runs[i].policy.InvalidRecords = revops.InvalidRecordsSkip
		}
		h := in.history
		if in.billing != nil {
			// Stripe's subscriptions are billing records, which each policy turns into
			// MRR its own way (discounts, past due, pauses): a history each.
			if h, err = in.historyUnder(runs[i].policy); err != nil {
				return nil, err
			}
		}
		t, err := h.Totals(sp.periods, runs[i].policy)
		if err != nil {
			return nil, in.fail(err)
		}
		runs[i].series = t.Series()
	}
	labels := make([]string, len(sp.periods))
	for i, p := range sp.periods {
		labels[i] = label(cfg.period, p)
	}
	d := &document{command: "compare", title: "revops compare"}
	long := &table{name: "compare", family: "compare", data: true,
		cols: []column{{key: "period"}, {key: "start"}, {key: "end"}, {key: "policy"}}}
	for _, h := range headlines {
		long.cols = append(long.cols, column{key: h.key})
	}
	for i, p := range sp.periods {
		for _, r := range runs {
			row := []cell{text(labels[i]), text(day(p.Start())), text(day(p.End())), text(r.name)}
			for _, h := range headlines {
				row = append(row, h.get(r.series[i], st))
			}
			long.rows = append(long.rows, row)
		}
	}
	d.tables = append(d.tables, long, policiesTable(runs, in.billing != nil))
	diffs, same := differencesTable(cfg, runs, labels, st)
	d.tables = append(d.tables, diffs)
	for _, h := range headlines {
		if slices.Contains(same, h.label) {
			continue
		}
		t := &table{name: "compare_" + h.key, family: "compare", people: true, keys: 1,
			title: capital(h.label) + " by " + cfg.period + " and policy",
			cols:  []column{{label: cfg.period, group: "key"}}}
		for _, r := range runs {
			t.cols = append(t.cols, column{label: r.name, group: "p", num: true})
		}
		for i := range sp.periods {
			row := []cell{text(labels[i])}
			for _, r := range runs {
				row = append(row, h.get(r.series[i], st))
			}
			t.rows = append(t.rows, row)
		}
		d.tables = append(d.tables, t)
		if h.percent || h.ratio {
			c := chart{id: "chart-compare-" + strings.ReplaceAll(h.key, "_", "-"), kind: "line", title: capital(h.label) + " under each policy",
				percent: h.percent, zero: true, labels: labels, numbers: t.title,
				caption: capital(h.label) + " of each " + cfg.period + ", a line per policy; lines that coincide hide each other."}
			for k, r := range runs {
				vals := make([]*float64, len(sp.periods))
				for i := range sp.periods {
					if cl := h.get(r.series[i], st); !cl.null {
						v := floatOf(decimal.RequireFromString(cl.exact))
						vals[i] = &v
					}
				}
				c.series = append(c.series, chartSeries{name: r.name, color: policyColours[k%len(policyColours)], dashed: k > 0, values: vals})
			}
			d.charts = append(d.charts, c)
		}
	}
	addNotes(d, cfg, in, sp)
	if len(same) > 0 {
		d.notes = append(d.notes, note{key: "same", summary: allOf(same) + ": the same under every policy on this data, so not tabled for people (csv and json hold them)"})
	}
	first, last := sp.periods[0], sp.periods[len(sp.periods)-1]
	source := in.source
	if in.demo {
		source = "the demo company (revops demo writes its CSV)"
	}
	d.facts = []fact{
		{"Source", fmt.Sprintf("%s: %s read, %s in the report, %s", source, in.count(in.rows), countOf(len(in.spans), "span"), countOf(in.history.Customers(), "customer"))},
		{"Currency", currency},
		{"Periods", fmt.Sprintf("%s, %s to %s", countOf(len(sp.periods), cfg.period), label(cfg.period, first), label(cfg.period, last))},
		zoneFact(cfg),
		{"Policies", "default (the package's own) and the presets " + strings.ReplaceAll(presetNames(), " or ", " and ") + "; what each changes is in the first table"},
	}
	if currency == "" {
		d.facts[1].Text = "none given"
	}
	d.meta = []metaField{
		{"source", sourceMeta(in)},
		{"currency", currency},
		{"period", cfg.period},
		{"periods", orderedMap{{"first", label(cfg.period, first)}, {"last", label(cfg.period, last)}, {"count", len(sp.periods)}}},
		{"time_zone", zoneName(cfg)},
		{"policies", policiesMeta()},
	}
	return d, nil
}

// historyUnder is the history of Stripe's subscriptions under policy p: their spans
// by revops.BillingSpans under p, indexed as the report's were.
func (in *input) historyUnder(p revops.Policy) (*revops.History, error) {
	spans, err := revops.BillingSpans(in.billing, p)
	var refused *revops.Refused
	if err != nil && !errors.As(err, &refused) {
		return nil, in.fail(err)
	}
	h, err := revops.NewHistory(spans, p.InvalidRecords)
	if err != nil && !errors.As(err, &refused) {
		return nil, in.fail(err)
	}
	return h, nil
}

// policiesMeta is json's "policies": every policy compare runs, with the fields a
// report of spans reads.
func policiesMeta() orderedMap {
	out := orderedMap{{"default", orderedMap(policyFields(revops.Policy{}))}}
	for _, p := range presets {
		out = append(out, metaField{p.name, orderedMap(policyFields(p.policy()))})
	}
	return out
}

// policyColours tell the policies' lines apart.
var policyColours = []string{"#222222", "#1f4e9c", "#e76f51", "#2a9d8f", "#7b5ea7", "#c8553d", "#8ab17d"}

// policiesTable lists, for each policy, the fields a report of spans reads in which
// some preset differs from the default, and names the fields that differ but do not
// apply.
func policiesTable(runs []policyRun, billing bool) *table {
	t := &table{name: "policies", family: "policies", data: true, people: true, keys: 1,
		title: "Where the policies differ",
		cols:  []column{{key: "policy", label: "policy", group: "key"}}}
	maps := make([]map[string]json.RawMessage, len(runs))
	for i, r := range runs {
		raw, _ := json.Marshal(r.policy)
		json.Unmarshal(raw, &maps[i])
	}
	fields := policyFields(revops.Policy{})
	var keep []int
	for k, f := range fields {
		for _, r := range runs[1:] {
			if fmt.Sprint(policyFields(r.policy)[k].value) != fmt.Sprint(f.value) {
				keep = append(keep, k)
				t.cols = append(t.cols, column{key: f.key, label: strings.ReplaceAll(f.key, "_", " "), group: f.key})
				break
			}
		}
	}
	for _, r := range runs {
		row := []cell{text(r.name)}
		pf := policyFields(r.policy)
		for _, k := range keep {
			row = append(row, text(fmt.Sprint(pf[k].value)))
		}
		t.rows = append(t.rows, row)
	}
	var other []string
	for key := range maps[0] {
		if slices.Contains(appliedKeys, key) {
			continue
		}
		var who []string
		for i, r := range runs[1:] {
			if string(maps[i+1][key]) != string(maps[0][key]) {
				who = append(who, r.name)
			}
		}
		if len(who) > 0 {
			other = append(other, key+" ("+strings.Join(who, ", ")+")")
		}
	}
	slices.Sort(other)
	t.note = "Every field a report of spans reads in which some preset departs from the package default (default: the package's own choices)."
	if len(other) > 0 && billing {
		t.note += " The presets also differ in " + strings.Join(other, "; ") +
			": choices that shape MRR from billing records, which apply here, to Stripe's subscriptions."
	} else if len(other) > 0 {
		t.note += " The presets also differ in " + strings.Join(other, "; ") +
			": choices that shape MRR from billing records, which cannot move figures read from a file that already holds MRR."
	}
	return t
}

// differencesTable counts, for each preset and headline figure, the periods in which
// the preset's figure differs from the default's, and the largest difference; same
// lists the figures no preset moves.
func differencesTable(cfg config, runs []policyRun, labels []string, st style) (*table, []string) {
	t := &table{name: "differences", family: "differences", data: true, people: true, keys: 2,
		title: "Which policy moves which figure",
		note:  "For each preset and figure, the " + cfg.period + "s in which it differs from the default, and the largest difference (preset − default; rates in percentage points).",
		cols: []column{{key: "policy", label: "policy", group: "key"}, {key: "figure", label: "figure", group: "key"},
			{key: "periods_different", label: cfg.period + "s different", group: "a", num: true},
			{key: "largest_difference", label: "largest difference", group: "a", num: true},
			{key: "at", label: "in", group: "a"}}}
	var same []string
	for _, h := range headlines {
		moved := false
		for _, r := range runs[1:] {
			n, best, at := 0, decimal.Zero, -1
			for i := range labels {
				a, b := h.get(runs[0].series[i], st), h.get(r.series[i], st)
				if a.null != b.null {
					n++
					continue
				}
				if a.null {
					continue
				}
				diff := decimal.RequireFromString(b.exact).Sub(decimal.RequireFromString(a.exact))
				if !diff.IsZero() {
					n++
					if at < 0 || diff.Abs().GreaterThan(best.Abs()) {
						best, at = diff, i
					}
				}
			}
			if n == 0 {
				continue
			}
			moved = true
			largest, in := blank(), blank()
			if at >= 0 {
				switch {
				case h.percent:
					largest = cell{exact: best.String(), show: signed(best.Shift(2).StringFixed(1)) + " pp"}
				case h.ratio:
					largest = cell{exact: best.String(), show: signed(best.StringFixed(2))}
				default:
					largest = st.money(best)
					largest.show = signed(largest.show)
				}
				in = text(labels[at])
			}
			t.rows = append(t.rows, []cell{text(r.name), text(h.label), count(n), largest, in})
		}
		if !moved {
			same = append(same, h.label)
		}
	}
	return t, same
}

// capital puts a title's first letter in upper case: "customer churn" is "Customer
// churn".
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// signed puts a plus before a positive number.
func signed(s string) string {
	if s != "" && s[0] != '-' && strings.Trim(s, "0.,") != "" {
		return "+" + s
	}
	return s
}
