package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// maxPeriods bounds a report's length: the cohort table has a cell for every pair of
// periods, so a stray date in year 9999 must not ask for billions of them.
const maxPeriods = revops.MaxCohortPeriods

// reportData is the whole report, as the json format writes it.
type reportData struct {
	Source    string             `json:"source"`    // the file read, "standard input" or "demo"
	Rows      int                `json:"rows"`      // data rows read, header not counted
	Spans     int                `json:"spans"`     // rows that made the report
	Customers int                `json:"customers"` // customers who ever pay
	Skipped   []skippedRow       `json:"skipped"`   // rows -skip-invalid left out, with the reason
	LeftOut   map[string]int     `json:"left_out"`  // rows -currency left out, by currency
	Currency  string             `json:"currency"`  // the report's currency; "" when the file names none
	Period    string             `json:"period"`    // month, quarter or year
	Preset    string             `json:"preset"`    // the vendor preset the policy started from, "" for none
	Policy    revops.Policy      `json:"policy"`    // every choice the figures were computed under
	Series    []seriesRow        `json:"series"`    // one row per period
	Cohorts   revops.CohortTable `json:"cohorts"`   // logo and revenue retention by first paying period
	Trailing  []trailingRow      `json:"trailing"`  // NRR and GRR over the window ending with each period
}

// trailingRow is the trailing retention of the window that ends with Period.
type trailingRow struct {
	Period revops.Period `json:"period"`
	revops.WindowRetention
}

// seriesRow is one period of the series, with its ARR.
type seriesRow struct {
	revops.PeriodMetrics
	ARR decimal.Decimal `json:"arr"` // the end MRR's exact Annual: 12 × MRR, from the exact amount
}

// buildReport computes every figure of the report from the history, through the
// library: the series, the cohort table and the trailing retention.
func buildReport(cfg config, in *input) (*reportData, error) {
	rep := &reportData{
		Source: in.source, Rows: in.rows, Spans: len(in.spans), Customers: in.history.Customers(),
		Skipped: in.skipped, LeftOut: in.other, Currency: in.history.Currency(), Period: cfg.period, Preset: strings.ToLower(cfg.preset), Policy: cfg.policy,
	}
	if rep.Currency == "" {
		rep.Currency = cfg.currency
	}
	if rep.Skipped == nil {
		rep.Skipped = []skippedRow{}
	}
	periods, err := reportPeriods(cfg, in.spans)
	if err != nil {
		return nil, err
	}
	t, err := in.history.TotalsWithCohorts(periods, cfg.policy)
	if err != nil {
		return nil, inputError{err}
	}
	for _, m := range t.Series() {
		rep.Series = append(rep.Series, seriesRow{PeriodMetrics: m, ARR: m.End.Annual()})
	}
	if rep.Cohorts, err = t.CohortTable(); err != nil {
		return nil, inputError{err}
	}
	for _, p := range periods {
		w, err := in.history.TrailingRetention(p, cfg.policy)
		if err != nil {
			return nil, inputError{err}
		}
		rep.Trailing = append(rep.Trailing, trailingRow{Period: p, WindowRetention: w})
	}
	return rep, nil
}

// reportPeriods returns the periods from -from to -to, by default from the period of
// the earliest start to that of the latest start or end (the instant a last churn
// shows).
func reportPeriods(cfg config, spans []revops.Span) ([]revops.Period, error) {
	from, _ := parseDay(cfg.from)
	to, _ := parseDay(cfg.to)
	if len(spans) == 0 && (from.IsZero() || to.IsZero()) {
		return nil, inputError{fmt.Errorf("no spans to report: give -from and -to for an empty report")}
	}
	if from.IsZero() || to.IsZero() {
		first, last := spans[0].Start, spans[0].Start
		for _, s := range spans {
			first = minTime(first, s.Start)
			last = maxTime(last, maxTime(s.Start, s.End))
		}
		if from.IsZero() {
			from = first
		}
		if to.IsZero() {
			to = last
		}
	}
	p, last := periodOf(cfg.period, from), periodOf(cfg.period, to)
	if p.Start().After(last.Start()) {
		return nil, usageError{fmt.Sprintf("-from %s is after -to %s", label(cfg.period, p), label(cfg.period, last))}
	}
	var out []revops.Period
	for ; !p.Start().After(last.Start()); p = p.Next() {
		if len(out) == maxPeriods {
			return nil, inputError{fmt.Errorf("the data runs from %s to %s, over %d %ss: narrow it with -from and -to", from.Format(time.DateOnly), to.Format(time.DateOnly), maxPeriods, cfg.period)}
		}
		out = append(out, p)
	}
	return out, nil
}

// periodOf returns the calendar period of kind that holds t, in UTC.
func periodOf(kind string, t time.Time) revops.Period {
	t = t.UTC()
	switch kind {
	case "quarter":
		q, _ := revops.Quarter(t.Year(), (int(t.Month())-1)/3+1)
		return q
	case "year":
		return revops.Year(t.Year())
	}
	return revops.Month(t.Year(), t.Month())
}

// label names a period for people: 2025-03, 2025-Q1 or 2025.
func label(kind string, p revops.Period) string {
	s := p.Start()
	switch kind {
	case "quarter":
		return fmt.Sprintf("%d-Q%d", s.Year(), (int(s.Month())-1)/3+1)
	case "year":
		return fmt.Sprint(s.Year())
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
