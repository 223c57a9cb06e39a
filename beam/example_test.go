package revopsbeam_test

import (
	"fmt"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/revopskit/revops"
	revopsbeam "github.com/revopskit/revops/beam"
	"github.com/shopspring/decimal"
)

func init() { register.Function1x0(printSeries) }

// printSeries prints the series of the merged totals, in period order.
func printSeries(t revops.Totals) {
	for _, m := range t.Series() {
		fmt.Println(m.Period.Start().Format("2006-01"), "MRR", m.End, "new", m.New, "churn", m.Churn, "NRR", m.NRR.Percent(1))
	}
}

// ExampleTotals runs the series of three customers on Beam's local runner, the
// customers shuffled into two groups whose totals merge into one.
func ExampleTotals() {
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	spans := []revops.Span{
		{Customer: "acme", Start: day(1), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: day(1), End: day(3), MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "initech", Start: day(2), MRR: revops.Monthly(decimal.NewFromInt(80))},
	}
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3)}
	p, s := beam.NewPipelineWithRoot()
	totals := revopsbeam.Totals(s, beam.CreateList(s, spans), revopsbeam.Config{Periods: months, Shards: 2})
	beam.ParDo0(s, printSeries, totals)
	if err := ptest.Run(p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 2025-01 MRR 150 new 150 churn 0 NRR n/a
	// 2025-02 MRR 230 new 80 churn 0 NRR 100.0 %
	// 2025-03 MRR 180 new 0 churn 50 NRR 78.3 %
}

func init() {
	register.Function1x0(printMetrics)
	register.Function1x0(printCohort)
}

func printMetrics(m revops.PeriodMetrics) {
	fmt.Println(m.Period.Start().Format("2006-01"), "ARPA", m.ARPA, "customer churn", m.CustomerChurn.Percent(1))
}

func printCohort(r revops.CohortRow) {
	fmt.Println(r.Period.Start().Format("2006-01"), "cohort of", r.Size, "logo retention", r.Logo[0].Percent(0))
}

// ExampleSeries: the metrics of each period, computed after the merge. A series of
// one quarter prints one element; Beam keeps no order between elements.
func ExampleSeries() {
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	spans := []revops.Span{
		{Customer: "acme", Start: day(1), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: day(1), End: day(2), MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "initech", Start: day(2), MRR: revops.Monthly(decimal.NewFromInt(80))},
	}
	q1, _ := revops.Quarter(2025, 1)
	p, s := beam.NewPipelineWithRoot()
	totals := revopsbeam.Totals(s, beam.CreateList(s, spans), revopsbeam.Config{Periods: []revops.Period{q1}})
	beam.ParDo0(s, printMetrics, revopsbeam.Series(s, totals))
	if err := ptest.Run(p); err != nil {
		fmt.Println(err)
	}
	// Output: 2025-01 ARPA 90 customer churn n/a
}

// ExampleCohorts: the cohort table's rows, computed after the merge.
func ExampleCohorts() {
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	spans := []revops.Span{
		{Customer: "acme", Start: day(1), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: day(1), End: day(1).AddDate(0, 0, 20), MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "initech", Start: day(1).AddDate(0, 0, 10), MRR: revops.Monthly(decimal.NewFromInt(80))},
	}
	p, s := beam.NewPipelineWithRoot()
	totals := revopsbeam.Totals(s, beam.CreateList(s, spans), revopsbeam.Config{Periods: []revops.Period{revops.Month(2025, 1)}})
	beam.ParDo0(s, printCohort, revopsbeam.Cohorts(s, totals))
	if err := ptest.Run(p); err != nil {
		fmt.Println(err)
	}
	// Output: 2025-01 cohort of 3 logo retention 67 %
}
