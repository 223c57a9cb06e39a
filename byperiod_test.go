package revops_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func day26(m time.Month, d, hour int) time.Time {
	return time.Date(2026, m, d, hour, 0, 0, 0, time.UTC)
}

// salesforceFixture is a Salesforce-style export: CreatedDate a timestamp, CloseDate a
// date (midnight), the close date of an open deal its expected close.
func salesforceFixture() []revops.Opportunity {
	opp := func(status revops.DealStatus, amount string, created, closed time.Time) revops.Opportunity {
		return revops.Opportunity{Status: status, Currency: "USD", Amount: dec(amount), Probability: dec("0.5"), Created: created, Closed: closed}
	}
	open := func(amount string, created, expected time.Time) revops.Opportunity {
		o := opp(revops.DealOpen, amount, created, time.Time{})
		o.ExpectedClose = expected
		return o
	}
	return []revops.Opportunity{
		opp(revops.DealWon, "10000", day26(1, 5, 10), day26(1, 20, 0)),                              // A: 15 days
		opp(revops.DealLost, "5000", day26(1, 12, 9), day26(2, 2, 0)),                               // B: 21 days
		opp(revops.DealWon, "8000", day26(2, 3, 14), day26(2, 3, 0)),                                // C: created and won the same day, 0 days
		opp(revops.DealWon, "12000", day26(1, 25, 8), day26(3, 10, 0)),                              // D: 44 days
		open("20000", day26(2, 10, 11), day26(3, 20, 0)),                                            // E: expected in March
		opp(revops.DealLost, "3000", day26(3, 2, 16), day26(3, 30, 0)),                              // F: 28 days
		open("7000", day26(3, 15, 10), day26(4, 15, 0)),                                             // G: expected in April
		opp(revops.DealWon, "6000", time.Date(2025, 12, 20, 12, 0, 0, 0, time.UTC), day26(1, 8, 0)), // H: 19 days
	}
}

func firstQuarter() []revops.Period {
	return []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2), revops.Month(2026, 3)}
}

// The fixture worked by hand (see the comments of salesforceFixture): January wins A
// and H; February wins C and loses B; March wins D and loses F.
func TestPipelineByPeriodSalesforce(t *testing.T) {
	rows, err := revops.PipelineByPeriod(revops.PipelineRecords{
		Opportunities: salesforceFixture(), Periods: firstQuarter(),
		Quotas: []decimal.Decimal{dec("20000"), dec("20000"), dec("40000")},
	}, revops.CloseTimesDates)
	require.NoError(t, err)
	for k, want := range []struct {
		won, lost, open                       int
		wonValue, lostValue, openValue        string
		winRate, avg, cycle, velocity, closed string
		coveragePipeline, coverage            string
	}{
		// Open at January's close: B and D. Cycle (15 + 19) ÷ 2. Velocity 2 × 1 ×
		// 8,000 ÷ 17. Won per day 16,000 ÷ 31. Open at January 1 and expected in it: H.
		{2, 0, 2, "16000", "0", "17000", "1", "8000", "17", "941.1764705882352941", "516.1290322580645161", "6000", "0.3"},
		// Open at February's close: D and E. Cycle (21 + 0) ÷ 2. Velocity 2 × 0.5 ×
		// 8,000 ÷ 10.5. Won per day 8,000 ÷ 28. Open at February 1, closing in it: B.
		{1, 1, 2, "8000", "5000", "32000", "0.5", "8000", "10.5", "761.9047619047619048", "285.7142857142857143", "5000", "0.25"},
		// Open at March's close: E and G. Cycle (44 + 28) ÷ 2. Velocity 2 × 0.5 ×
		// 12,000 ÷ 36. Won per day 12,000 ÷ 31. Open at March 1 and due in it: D, E.
		{1, 1, 2, "12000", "3000", "27000", "0.5", "12000", "36", "333.3333333333333333", "387.0967741935483871", "32000", "0.8"},
	} {
		r := rows[k]
		require.Equal(t, []int{want.won, want.lost, want.open}, []int{r.InPeriod.Count.Won, r.InPeriod.Count.Lost, r.InPeriod.Count.Open}, "month %d", k+1)
		for _, c := range []struct {
			name string
			want string
			got  revops.Metric
		}{
			{"win rate", want.winRate, r.PeriodWinRate}, {"average deal", want.avg, r.AverageDeal}, {"cycle", want.cycle, r.CycleMean},
			{"velocity", want.velocity, r.Velocity}, {"closed-won velocity", want.closed, r.ClosedWonVelocity}, {"coverage", want.coverage, r.Coverage},
		} {
			v, err := c.got.Value()
			require.NoError(t, err, "month %d %s", k+1, c.name)
			requireDecimal(t, c.want, v, "month", k+1, c.name)
		}
		requireMetricValue(t, want.cycle, r.CycleMedian) // two deals a month: the median is the mean
		requireDecimal(t, want.wonValue, r.InPeriod.Value.Won)
		requireDecimal(t, want.lostValue, r.InPeriod.Value.Lost)
		requireDecimal(t, want.openValue, r.InPeriod.Value.Open)
		requireDecimal(t, want.coveragePipeline, r.CoveragePipeline)
	}
	// By value, January wins 16,000 of 16,000; February 8,000 of 13,000; March 12,000
	// of 15,000. The cohorts: January created A, B and D (won 22,000, lost 5,000),
	// February C and E (won 8,000, open 20,000), March F and G (lost 3,000, open
	// 7,000); H was created in December, before the periods.
	for k, want := range []struct {
		periodValue       string
		created           [3]int
		cohort, cohortVal string
	}{
		{"1", [3]int{2, 1, 0}, "0.6666666666666667", "0.8148148148148148"}, // 2 ÷ 3, 22 ÷ 27
		{"0.6153846153846154", [3]int{1, 0, 1}, "1", "1"},                  // 8 ÷ 13
		{"0.8", [3]int{0, 1, 1}, "0", "0"},
	} {
		r := rows[k]
		requireMetricValue(t, want.periodValue, r.PeriodValueWinRate)
		require.Equal(t, want.created, [3]int{r.Created.Count.Won, r.Created.Count.Lost, r.Created.Count.Open}, "month %d", k+1)
		requireMetricValue(t, want.cohort, r.CohortWinRate)
		requireMetricValue(t, want.cohortVal, r.CohortValueWinRate)
	}
	requireDecimal(t, "27000", rows[0].Created.Value.Total())
	require.Equal(t, 3, rows[0].Created.Count.Total())

	// Measured exactly instead, A's cycle is 14 days and 14 hours; C's same-day close
	// date is still 0 days, not an error.
	rows, err = revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: salesforceFixture(), Periods: firstQuarter()})
	require.NoError(t, err)
	cycle, _ := rows[1].CycleMean.Value()
	requireDecimal(t, "10.3125", cycle) // B: Jan 12 09:00 to Feb 2 = 20.625 days; C: 0
	_, err = rows[0].Coverage.Value()
	require.ErrorIs(t, err, revops.ErrZeroDenominator, "no quota, no coverage")
}

func TestPipelineByPeriodErrors(t *testing.T) {
	opps := salesforceFixture()
	_, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "PipelineByPeriod", "periods")
	_, err = revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: firstQuarter(), Quotas: []decimal.Decimal{dec("1")}})
	requireMetricError(t, err, revops.ErrInconsistent, "PipelineByPeriod", "Quotas")
	_, err = revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: firstQuarter(), Quotas: []decimal.Decimal{dec("1"), dec("-1"), dec("1")}})
	requireMetricError(t, err, revops.ErrNegative, "PipelineByPeriod", "Quotas[1]")
	bad := append([]revops.Opportunity(nil), opps...)
	bad[2].Created = day26(2, 4, 9) // closed the day before it was created
	bad[4].Closed = day26(3, 1, 0)  // open, with a close time
	bad[6].Created = time.Time{}
	_, err = revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: bad, Periods: firstQuarter()})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "PipelineByPeriod", "opps[2].Closed")
	rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: bad, Periods: firstQuarter()}, revops.InvalidRecordsSkip)
	r := requireRefused(t, err, "PipelineByPeriod", 8, 2, 4, 6)
	require.ErrorIs(t, r.Records[1].Err, revops.ErrInconsistent)
	require.Equal(t, 0, rows[1].InPeriod.Count.Won, "C is left out of February")
}

// Leads worked by hand: in January three leads, two qualified and both answered
// (after 30 minutes and after a day), one converted; in February two qualified
// leads, one answered after 10 minutes and converted, one never contacted.
func TestLeadsByPeriod(t *testing.T) {
	leads := []revops.Lead{
		{Created: day26(1, 3, 9), FirstResponse: day26(1, 3, 9).Add(30 * time.Minute), Qualified: true, Converted: true},
		{Created: day26(1, 10, 12), FirstResponse: day26(1, 11, 12), Qualified: true},
		{Created: day26(1, 20, 0)},
		{Created: day26(2, 2, 8), Qualified: true},
		{Created: day26(2, 5, 10), FirstResponse: day26(2, 5, 10).Add(10 * time.Minute), Qualified: true, Converted: true},
		{Created: day26(5, 1, 0), Qualified: true}, // outside the periods
	}
	rows, err := revops.LeadsByPeriod(leads, firstQuarter())
	require.NoError(t, err)
	jan, feb, mar := rows[0], rows[1], rows[2]
	require.Equal(t, []int{3, 2, 2, 1, 1}, []int{jan.Leads, jan.Qualified, jan.Contacted, jan.Converted, jan.NeverContacted})
	requireMetricValue(t, "0.3333333333333333", jan.CohortConversionRate)
	requireMetricValue(t, "1", jan.ContactRate)
	requireMetricValue(t, "44100", jan.ResponseMean) // (1,800 s + 86,400 s) ÷ 2
	requireMetricValue(t, "44100", jan.ResponseMedian)
	require.Equal(t, []int{2, 2, 1, 1, 1}, []int{feb.Leads, feb.Qualified, feb.Contacted, feb.Converted, feb.NeverContacted})
	requireMetricValue(t, "0.5", feb.CohortConversionRate)
	requireMetricValue(t, "0.5", feb.ContactRate)
	requireMetricValue(t, "600", feb.ResponseMean)
	_, err = mar.CohortConversionRate.Value()
	require.ErrorIs(t, err, revops.ErrZeroDenominator, "no leads in March")

	leads[2].FirstResponse = day26(1, 19, 0)
	_, err = revops.LeadsByPeriod(leads, firstQuarter())
	requireMetricError(t, err, revops.ErrInvalidPeriod, "LeadsByPeriod", "leads[2].FirstResponse")
	rows, err = revops.LeadsByPeriod(leads, firstQuarter(), revops.InvalidRecordsSkip)
	requireRefused(t, err, "LeadsByPeriod", 6, 2)
	require.Equal(t, 2, rows[0].Leads)
}

// requireMetricValue fails t unless m is defined and equals the decimal literal want.
func requireMetricValue(t *testing.T, want string, m revops.Metric) {
	t.Helper()
	v, err := m.Value()
	require.NoError(t, err)
	requireDecimal(t, want, v)
}

func TestAcquisitionByPeriod(t *testing.T) {
	day := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	// January: two new customers at 300 and 100; February: none; March: one at 200.
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: day(1), MRR: revops.Monthly(dec("300"))},
		{Customer: "b", Start: day(1), MRR: revops.Monthly(dec("100"))},
		{Customer: "c", Start: day(3), MRR: revops.Monthly(dec("200"))},
	})
	require.NoError(t, err)
	costs := []revops.AcquisitionCosts{{PaidMedia: dec("3000"), Personnel: dec("5000")}, {PaidMedia: dec("1000")}, {Tools: dec("1200")}}
	in := revops.AcquisitionInput{History: h, Periods: firstQuarter(), Costs: costs, GrossMargin: dec("0.8")}
	rows, err := revops.AcquisitionByPeriod(in)
	require.NoError(t, err)
	// January: CAC 8,000 ÷ 2 = 4,000; new MRR per customer 400 ÷ 2 = 200; payback
	// 4,000 ÷ (200 × 0.8) = 25 months. March: 1,200; 200; 1,200 ÷ 160 = 7.5.
	requireMetricValue(t, "4000", rows[0].CAC)
	requireMetricValue(t, "200", rows[0].NewMRRPerCustomer)
	requireMetricValue(t, "25", rows[0].Payback)
	require.Equal(t, 2, rows[0].NewCustomers)
	requireDecimal(t, "400", rows[0].NewMRR.Monthly())
	_, err = rows[1].CAC.Value()
	require.ErrorIs(t, err, revops.ErrZeroDenominator, "no new customer in February")
	_, err = rows[1].Payback.Value()
	require.ErrorIs(t, err, revops.ErrZeroDenominator)
	requireMetricValue(t, "7.5", rows[2].Payback)

	for _, tt := range []struct {
		name   string
		in     func(revops.AcquisitionInput) revops.AcquisitionInput
		err    error
		metric string
		path   string
	}{
		{"costs of another length", func(in revops.AcquisitionInput) revops.AcquisitionInput { in.Costs = in.Costs[:2]; return in }, revops.ErrInconsistent, "AcquisitionByPeriod", "Costs"},
		{"negative cost", func(in revops.AcquisitionInput) revops.AcquisitionInput {
			in.Costs = append([]revops.AcquisitionCosts(nil), in.Costs...)
			in.Costs[1].Tools = dec("-1")
			return in
		}, revops.ErrNegative, "AcquisitionByPeriod", "Costs[1].Tools"},
		{"zero margin", func(in revops.AcquisitionInput) revops.AcquisitionInput { in.GrossMargin = dec("0"); return in }, revops.ErrOutOfRange, "AcquisitionByPeriod", "GrossMargin"},
		{"no history", func(in revops.AcquisitionInput) revops.AcquisitionInput { in.History = nil; return in }, revops.ErrOutOfRange, "AcquisitionByPeriod", "History"},
		{"no periods", func(in revops.AcquisitionInput) revops.AcquisitionInput { in.Periods, in.Costs = nil, nil; return in }, revops.ErrInvalidPeriod, "AcquisitionByPeriod", "periods"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := revops.AcquisitionByPeriod(tt.in(in))
			requireMetricError(t, err, tt.err, tt.metric, tt.path)
		})
	}
}

// The example: January spend 6,000; customers a, b and c first pay 100 on
// January 5 and c cancels on January 20; margin 80 %. Three customers were acquired,
// whatever c did next: CAC 6,000 ÷ 3 = 2,000, MRR at acquisition 300 ÷ 3 = 100, payback
// 2,000 ÷ (100 × 0.8) = 25 months, under the default and every preset. (Counting net
// movements gave 2, 3,000 and 37.5.)
func TestAcquisitionCountsEveryoneAcquired(t *testing.T) {
	jan := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: jan(5), MRR: revops.Monthly(dec("100"))},
		{Customer: "b", Start: jan(5), MRR: revops.Monthly(dec("100"))},
		{Customer: "c", Start: jan(5), End: jan(20), MRR: revops.Monthly(dec("100"))},
	})
	require.NoError(t, err)
	in := revops.AcquisitionInput{History: h, Periods: []revops.Period{revops.Month(2026, 1)},
		Costs: []revops.AcquisitionCosts{{PaidMedia: dec("6000")}}, GrossMargin: dec("0.8")}
	for _, tt := range []struct {
		name   string
		policy revops.Policy
	}{
		{"default", revops.Policy{}},
		{"ChartMogul", revops.ChartMogulPolicy()},
		{"Stripe", revops.StripePolicy()},
		{"ProfitWell", revops.ProfitWellPolicy()},
		{"Baremetrics", revops.BaremetricsPolicy()},
		{"Lago", revops.LagoPolicy()},
		{"playbook", revops.PlaybookPolicy()},
		{"net movements", revops.Policy{Movements: revops.MovementsNet}},
		{"every change", revops.Policy{Movements: revops.MovementsEveryChange}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := revops.AcquisitionByPeriod(in, tt.policy)
			require.NoError(t, err)
			require.Equal(t, 3, rows[0].NewCustomers)
			requireDecimal(t, "300", rows[0].NewMRR.Monthly())
			requireMetricValue(t, "2000", rows[0].CAC)
			requireMetricValue(t, "100", rows[0].NewMRRPerCustomer)
			requireMetricValue(t, "25", rows[0].Payback)
		})
	}
}

// LTV, LTV:CAC and the magic number from one call, worked by hand. Customers a, b, c
// and e pay 100 each from December 2025; f joins at 200 on January 10; b leaves on
// February 1; g joins at 300 on February 15. Costs: January 1,000, February 2,000,
// March 500; margin 80 %.
//   - January: 4 at the start, none lost (churn 0, so no LTV); 5 at the close with
//     600 of MRR (ARPA 120). CAC 1,000 ÷ 1 = 1,000; payback 1,000 ÷ (200 × 0.8) =
//     6.25. No period before it: no magic number.
//   - February: 5 at the start, b lost: churn 1 ÷ 5 = 0.2; 5 at the close with 800
//     (ARPA 160); LTV 160 × 0.8 ÷ 0.2 = 640. CAC 2,000; LTV:CAC 0.32; payback 2,000 ÷
//     (300 × 0.8) = 8.33…; net new MRR 300 − 100 = 200, so 2,400 of ARR for
//     January's 1,000: magic number 2.4.
//   - March: nothing moves: churn 0 (no LTV), nobody acquired (no CAC), magic 0 ÷
//     2,000 = 0.
//
// With TrailingChurn(2), LTV divides by the mean of the last two rates: February
// 128 ÷ 0.1 = 1,280, March the same; January has no rate before it. Over the quarter,
// ARPA is 160 a month, 480 a quarter; 1 of 4 lost: LTV 480 × 0.8 ÷ 0.25 = 1,536; CAC
// 3,500 ÷ 2 = 1,750; LTV:CAC 1,536 ÷ 1,750 = 0.8777….
//
// With TrailingChurnBefore(1), ChartMogul's form with a window of one, a month divides
// by the month before's rate: January has none, February's is January's 0 (no LTV),
// March's February's 0.2: 128 ÷ 0.2 = 640. With TrailingChurnBefore(2), only March
// has two months before it: 128 ÷ ((0 + 0.2) ÷ 2) = 1,280.
func TestAcquisitionUnitEconomics(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	hundred := revops.Monthly(dec("100"))
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: at(2025, 12, 1), MRR: hundred},
		{Customer: "b", Start: at(2025, 12, 1), End: at(2026, 2, 1), MRR: hundred},
		{Customer: "c", Start: at(2025, 12, 1), MRR: hundred},
		{Customer: "e", Start: at(2025, 12, 1), MRR: hundred},
		{Customer: "f", Start: at(2026, 1, 10), MRR: revops.Monthly(dec("200"))},
		{Customer: "g", Start: at(2026, 2, 15), MRR: revops.Monthly(dec("300"))},
	})
	require.NoError(t, err)
	costs := []revops.AcquisitionCosts{{PaidMedia: dec("1000")}, {PaidMedia: dec("2000")}, {PaidMedia: dec("500")}}
	in := revops.AcquisitionInput{History: h, Periods: firstQuarter(), Costs: costs, GrossMargin: dec("0.8")}
	q1, err := revops.Quarter(2026, 1)
	require.NoError(t, err)
	undefined := ""
	check := func(t *testing.T, name, want string, m revops.Metric) {
		t.Helper()
		if want == undefined {
			_, err := m.Value()
			require.Error(t, err, name)
			return
		}
		v, err := m.Value()
		require.NoError(t, err, name)
		requireDecimal(t, want, v, name)
	}
	for _, tt := range []struct {
		name   string
		in     revops.AcquisitionInput
		opts   []revops.AcquisitionOption
		months []struct{ arpa, churn, cac, payback, ltv, ltvCAC, magic string }
	}{
		{"months", in, nil, []struct{ arpa, churn, cac, payback, ltv, ltvCAC, magic string }{
			{"120", "0", "1000", "6.25", undefined, undefined, undefined},
			{"160", "0.2", "2000", "8.3333333333333333", "640", "0.32", "2.4"},
			{"160", "0", undefined, undefined, undefined, undefined, "0"},
		}},
		{"months, trailing churn", in, []revops.AcquisitionOption{revops.TrailingChurn(2)}, []struct{ arpa, churn, cac, payback, ltv, ltvCAC, magic string }{
			{"120", "0", "1000", "6.25", undefined, undefined, undefined},
			{"160", "0.2", "2000", "8.3333333333333333", "1280", "0.64", "2.4"},
			{"160", "0", undefined, undefined, "1280", undefined, "0"},
		}},
		{"months, churn before", in, []revops.AcquisitionOption{revops.TrailingChurnBefore(1)}, []struct{ arpa, churn, cac, payback, ltv, ltvCAC, magic string }{
			{"120", "0", "1000", "6.25", undefined, undefined, undefined},
			{"160", "0.2", "2000", "8.3333333333333333", undefined, undefined, "2.4"},
			{"160", "0", undefined, undefined, "640", undefined, "0"},
		}},
		{"months, two months before", in, []revops.AcquisitionOption{revops.TrailingChurnBefore(2)}, []struct{ arpa, churn, cac, payback, ltv, ltvCAC, magic string }{
			{"120", "0", "1000", "6.25", undefined, undefined, undefined},
			{"160", "0.2", "2000", "8.3333333333333333", undefined, undefined, "2.4"},
			{"160", "0", undefined, undefined, "1280", undefined, "0"},
		}},
		{"the quarter", revops.AcquisitionInput{History: h, Periods: []revops.Period{q1}, Costs: []revops.AcquisitionCosts{{PaidMedia: dec("3500")}}, GrossMargin: dec("0.8")}, nil,
			[]struct{ arpa, churn, cac, payback, ltv, ltvCAC, magic string }{
				// Payback: 3,500 ÷ (500 × 0.8) = 8.75 months.
				{"160", "0.25", "1750", "8.75", "1536", "0.8777142857142857", undefined},
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := revops.AcquisitionByPeriod(tt.in, tt.opts...)
			require.NoError(t, err)
			for k, want := range tt.months {
				r := rows[k]
				check(t, fmt.Sprint("ARPA ", k), want.arpa, r.ARPA)
				check(t, fmt.Sprint("churn ", k), want.churn, r.CustomerChurn)
				check(t, fmt.Sprint("CAC ", k), want.cac, r.CAC)
				check(t, fmt.Sprint("payback ", k), want.payback, r.Payback)
				check(t, fmt.Sprint("LTV ", k), want.ltv, r.LTV)
				check(t, fmt.Sprint("LTV:CAC ", k), want.ltvCAC, r.LTVToCAC)
				check(t, fmt.Sprint("magic ", k), want.magic, r.MagicNumber)
			}
		})
	}
	// Why each undefined figure is undefined.
	rows, err := revops.AcquisitionByPeriod(in, revops.TrailingChurn(2))
	require.NoError(t, err)
	_, err = rows[0].LTV.Value()
	requireMetricError(t, err, revops.ErrOutOfRange, "LTV", "ChurnBefore")
	_, err = rows[0].MagicNumber.Value()
	requireMetricError(t, err, revops.ErrZeroDenominator, "AcquisitionByPeriod", "Costs")
	rows, err = revops.AcquisitionByPeriod(in)
	require.NoError(t, err)
	_, err = rows[0].LTV.Value()
	requireMetricError(t, err, revops.ErrZeroDenominator, "LTV", "Churn")
	// A period that is no calendar month, quarter or year has no LTV.
	span, err := revops.NewPeriod(at(2026, 2, 1), at(2026, 3, 1))
	require.NoError(t, err)
	rows, err = revops.AcquisitionByPeriod(revops.AcquisitionInput{History: h, Periods: []revops.Period{span}, Costs: costs[:1], GrossMargin: dec("0.8")})
	require.NoError(t, err)
	_, err = rows[0].LTV.Value()
	requireMetricError(t, err, revops.ErrInvalidPeriod, "AcquisitionByPeriod", "Periods")
	check(t, "churn of the span", "0.2", rows[0].CustomerChurn)
}

// Property of the one call: each figure of AcquisitionByPeriod is the catalogue's
// function of the history's own series, so no formula exists twice: ARPA and churn
// are History.Series' (under the same options), CAC is CAC's, LTV is LTV's of them,
// LTV:CAC is LTVToCAC's, and the payback, rounded once on the totals, is within the
// rounding of CACPayback's of the rounded CAC and MRR per customer.
func TestAcquisitionMatchesCatalogue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var spans []revops.Span
		for c := range rapid.IntRange(1, 10).Draw(t, "customers") {
			start := propBase.AddDate(0, 0, rapid.IntRange(-90, 360).Draw(t, fmt.Sprint("start", c)))
			s := revops.Span{Customer: fmt.Sprint("c", c), Start: start, MRR: revops.Monthly(positiveAmount(t, fmt.Sprint("mrr", c), 100_000))}
			if rapid.Bool().Draw(t, fmt.Sprint("ends", c)) {
				s.End = start.AddDate(0, 0, rapid.IntRange(1, 200).Draw(t, fmt.Sprint("days", c)))
			}
			spans = append(spans, s)
		}
		h := mustOf[*revops.History](t)(revops.NewHistory(spans))
		var months []revops.Period
		for m := range revops.Year(propBase.Year()).Months() {
			months = append(months, m)
		}
		costs := make([]revops.AcquisitionCosts, len(months))
		for k := range costs {
			costs[k].Personnel = amount(t, fmt.Sprint("cost", k), 10_000_000)
		}
		margin := decimal.New(rapid.Int64Range(1, 100).Draw(t, "margin"), -2)
		policies := []revops.Policy{{}, revops.ChartMogulPolicy(), revops.StripePolicy(), revops.ProfitWellPolicy(), revops.LagoPolicy()}
		policy := policies[rapid.IntRange(0, len(policies)-1).Draw(t, "policy")]
		rows := mustOf[[]revops.AcquisitionPeriod](t)(revops.AcquisitionByPeriod(revops.AcquisitionInput{History: h, Periods: months, Costs: costs, GrossMargin: margin}, policy))
		series := mustOf[[]revops.PeriodMetrics](t)(h.Series(months, policy))
		same := func(name string, a, b revops.Metric) {
			x, errX := a.Value()
			y, errY := b.Value()
			require.Equal(t, errX == nil, errY == nil, "%s: %v / %v", name, errX, errY)
			require.True(t, x.Equal(y), "%s: %s / %s", name, x, y)
		}
		for k, r := range rows {
			require.Equal(t, series[k].Customers.New, r.NewCustomers)
			same("ARPA", series[k].ARPA, r.ARPA)
			same("churn", series[k].CustomerChurn, r.CustomerChurn)
			cac, cacErr := revops.CAC(revops.CACInput{Costs: costs[k], NewCustomers: r.NewCustomers})
			got, err := r.CAC.Value()
			require.Equal(t, cacErr == nil, err == nil)
			require.True(t, cac.Equal(got))
			arpa, errA := r.ARPA.Value()
			churn, errC := r.CustomerChurn.Value()
			ltv, ltvErr := r.LTV.Value()
			// LTV's churn: the month's, or the mean of the months its window covers,
			// every one of them defined (ChartMogul's leaves the month's own out).
			w := policy.LTVChurn
			earlier := max(w.Periods-1, 0)
			if w.ExcludeCurrent {
				earlier = w.Periods
			}
			in := revops.LTVInput{ARPA: arpa, GrossMargin: margin, Churn: churn}
			defined := errA == nil && (errC == nil || w.ExcludeCurrent) && k >= earlier
			for j := k - earlier; defined && j < k; j++ {
				c, err := series[j].CustomerChurn.Value()
				defined = err == nil
				in.ChurnBefore = append(in.ChurnBefore, c)
			}
			if defined {
				want, wantErr := revops.LTV(in, w)
				require.Equal(t, wantErr == nil, ltvErr == nil, "LTV %v / %v", ltvErr, wantErr)
				require.True(t, want.Equal(ltv), "LTV %s / %s", ltv, want)
			} else {
				require.Error(t, ltvErr, "LTV of month %d", k)
			}
			if ltvErr == nil && cacErr == nil {
				want, wantErr := revops.LTVToCAC(revops.LTVCACInput{LTV: ltv, CAC: cac})
				ratio, err := r.LTVToCAC.Value()
				require.Equal(t, wantErr == nil, err == nil)
				require.True(t, want.Equal(ratio))
			}
			perNew, errP := r.NewMRRPerCustomer.Value()
			if cacErr == nil && errP == nil {
				want := mustOf[decimal.Decimal](t)(revops.CACPayback(revops.CACPaybackInput{CAC: cac, NewMRRPerCustomer: perNew, GrossMargin: margin}))
				payback := mustOf[decimal.Decimal](t)(r.Payback.Value())
				// The catalogue path rounds CAC and the MRR per customer first: half a
				// unit of the last place each, times the payback's sensitivity to them,
				// 1 ÷ (per customer × margin) and payback ÷ per customer; then itself.
				gain := decimal.NewFromInt(2).Add(decimal.NewFromInt(1).DivRound(perNew.Mul(margin), 20)).Add(want.DivRound(perNew, 20))
				tol := ulp.Mul(gain)
				require.True(t, payback.Sub(want).Abs().LessThanOrEqual(tol), "payback %s / %s", payback, want)
			}
		}
	})
}

// Returning customers are not acquired; a ReactivationWindow makes those gone long
// enough new. An expansion after the first payment does not raise the MRR at
// acquisition. Worked by hand over January 2026 with 1,000 of costs:
//   - d paid in November 2025 to December 1 and returns on January 10 at 50, after 40
//     days: reactivated, not acquired;
//   - e first pays 100 on January 5 and expands to 150 on January 20: acquired at 100.
//
// By default 1 acquired (e): CAC 1,000, MRR at acquisition 100. With a 30-day window
// d is new: 2 acquired, CAC 500, MRR 150, 75 each. With a 60-day window d returns
// within it: 1 acquired again.
func TestAcquisitionExcludesReactivated(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "d", Subscription: "1", Start: at(2025, 11, 1), End: at(2025, 12, 1), MRR: revops.Monthly(dec("80"))},
		{Customer: "d", Subscription: "2", Start: at(2026, 1, 10), MRR: revops.Monthly(dec("50"))},
		{Customer: "e", Subscription: "1", Start: at(2026, 1, 5), End: at(2026, 1, 20), MRR: revops.Monthly(dec("100"))},
		{Customer: "e", Subscription: "2", Start: at(2026, 1, 20), MRR: revops.Monthly(dec("150"))},
	})
	require.NoError(t, err)
	in := revops.AcquisitionInput{History: h, Periods: []revops.Period{revops.Month(2026, 1)},
		Costs: []revops.AcquisitionCosts{{Personnel: dec("1000")}}, GrossMargin: dec("1")}
	for _, tt := range []struct {
		name             string
		opts             []revops.AcquisitionOption
		acquired         int
		mrr, cac, perNew string
		payback          string
	}{
		{"default", nil, 1, "100", "1000", "100", "10"},
		{"30-day window", []revops.AcquisitionOption{revops.ReactivationWindow(30)}, 2, "150", "500", "75", "6.6666666666666667"},
		{"60-day window", []revops.AcquisitionOption{revops.ReactivationWindow(60)}, 1, "100", "1000", "100", "10"},
		{"reactivation as expansion (Lago)", []revops.AcquisitionOption{revops.ReactivationAsExpansion}, 1, "100", "1000", "100", "10"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := revops.AcquisitionByPeriod(in, tt.opts...)
			require.NoError(t, err)
			require.Equal(t, tt.acquired, rows[0].NewCustomers)
			requireDecimal(t, tt.mrr, rows[0].NewMRR.Monthly())
			requireMetricValue(t, tt.cac, rows[0].CAC)
			requireMetricValue(t, tt.perNew, rows[0].NewMRRPerCustomer)
			requireMetricValue(t, tt.payback, rows[0].Payback)
		})
	}
}

// Property of the kind "everyone acquired counts": over a year of months, the
// customers acquired add up to the customers whose first payment falls in the year,
// and their MRR at acquisition to the sum of their first MRRs, under any policy; and
// cutting a customer's spans short after its first payment (a cancellation, whenever
// it comes) changes neither.
func TestAcquisitionProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var spans, cut []revops.Span
		first, firstMRR := 0, decimal.Zero
		for c := range rapid.IntRange(1, 12).Draw(t, "customers") {
			start := propBase.AddDate(0, 0, rapid.IntRange(-60, 400).Draw(t, fmt.Sprint("start", c)))
			mrr := positiveAmount(t, fmt.Sprint("mrr", c), 100_000)
			name := fmt.Sprint("c", c)
			s := revops.Span{Customer: name, Subscription: "1", Start: start, MRR: revops.Monthly(mrr)}
			if rapid.Bool().Draw(t, fmt.Sprint("ends", c)) {
				s.End = start.AddDate(0, 0, rapid.IntRange(1, 90).Draw(t, fmt.Sprint("days", c)))
				if rapid.Bool().Draw(t, fmt.Sprint("returns", c)) {
					back := s.End.AddDate(0, 0, rapid.IntRange(0, 120).Draw(t, fmt.Sprint("gap", c)))
					spans = append(spans, revops.Span{Customer: name, Subscription: "2", Start: back, MRR: revops.Monthly(mrr.Add(decimal.NewFromInt(1)))})
				}
			}
			spans = append(spans, s)
			short := s
			short.End = start.Add(time.Hour)
			cut = append(cut, short)
			if !start.Before(propBase) && start.Before(propBase.AddDate(1, 0, 0)) {
				first, firstMRR = first+1, firstMRR.Add(mrr)
			}
		}
		var months []revops.Period
		for m := range revops.YearIn(propBase.Year(), time.UTC).Months() {
			months = append(months, m)
		}
		costs := make([]revops.AcquisitionCosts, len(months))
		policies := []revops.Policy{{}, revops.ChartMogulPolicy(), revops.StripePolicy(), revops.ProfitWellPolicy(), revops.BaremetricsPolicy(), revops.LagoPolicy(), revops.PlaybookPolicy()}
		policy := policies[rapid.IntRange(0, len(policies)-1).Draw(t, "policy")]
		total := func(spans []revops.Span) (int, decimal.Decimal) {
			h := mustOf[*revops.History](t)(revops.NewHistory(spans))
			rows := mustOf[[]revops.AcquisitionPeriod](t)(revops.AcquisitionByPeriod(revops.AcquisitionInput{History: h, Periods: months, Costs: costs, GrossMargin: dec("1")}, policy))
			n, mrr := 0, decimal.Zero
			for _, r := range rows {
				n, mrr = n+r.NewCustomers, mrr.Add(r.NewMRR.Monthly())
			}
			return n, mrr
		}
		n, mrr := total(spans)
		require.Equal(t, first, n)
		require.True(t, firstMRR.Equal(mrr), "MRR at acquisition %s, first MRRs %s", mrr, firstMRR)
		n, mrr = total(cut)
		require.Equal(t, first, n, "cut short")
		require.True(t, firstMRR.Equal(mrr), "cut short: %s, %s", mrr, firstMRR)
	})
}

// drawOpportunities draws up to 30 deals over 2025 with timestamps or date-only closes.
func drawOpportunities(t *rapid.T) []revops.Opportunity {
	var opps []revops.Opportunity
	for i := range rapid.IntRange(0, 30).Draw(t, "opps") {
		created := propBase.Add(time.Duration(rapid.Int64Range(0, 364*24).Draw(t, fmt.Sprint("created", i))) * time.Hour)
		o := revops.Opportunity{Status: revops.DealStatus(rapid.IntRange(0, 2).Draw(t, "status")), Amount: decimal.New(rapid.Int64Range(0, 1_000_000).Draw(t, "amount"), -2),
			Probability: decimal.New(rapid.Int64Range(0, 100).Draw(t, "p"), -2), Created: created}
		if o.Status != revops.DealOpen {
			o.Closed = created.Add(time.Duration(rapid.Int64Range(0, 200*24).Draw(t, "cycle")) * time.Hour)
			if rapid.Bool().Draw(t, "dateOnly") {
				y, m, d := o.Closed.Date()
				o.Closed = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			}
		} else if rapid.Bool().Draw(t, "expected") {
			o.ExpectedClose = created.AddDate(0, rapid.IntRange(0, 6).Draw(t, "expectedIn"), 0)
		}
		opps = append(opps, o)
	}
	return opps
}

// Properties: the months' won and lost counts and values add up to those of the
// year; win rates are in [0, 1]; multiplying every amount by k leaves win rates and
// cycles alone and multiplies average deal and velocity by k.
func TestPipelineByPeriodProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opps := drawOpportunities(t)
		year := revops.Year(2025)
		var months []revops.Period
		for m := range year.Months() {
			months = append(months, m)
		}
		rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: months})
		require.NoError(t, err)
		whole, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: []revops.Period{year}})
		require.NoError(t, err)
		won, lost, wonValue, lostValue := 0, 0, decimal.Zero, decimal.Zero
		for _, r := range rows {
			won, lost, wonValue, lostValue = won+r.InPeriod.Count.Won, lost+r.InPeriod.Count.Lost, wonValue.Add(r.InPeriod.Value.Won), lostValue.Add(r.InPeriod.Value.Lost)
			if v, err := r.PeriodWinRate.Value(); err == nil {
				require.True(t, v.Sign() >= 0 && v.LessThanOrEqual(decimal.NewFromInt(1)), "win rate %s", v)
			}
		}
		require.Equal(t, whole[0].InPeriod.Count.Won, won)
		require.Equal(t, whole[0].InPeriod.Count.Lost, lost)
		require.True(t, whole[0].InPeriod.Value.Won.Equal(wonValue))
		require.True(t, whole[0].InPeriod.Value.Lost.Equal(lostValue))
		require.Equal(t, rows[11].InPeriod.Count.Open, whole[0].InPeriod.Count.Open, "open at the year's close is open at December's")

		k := decimal.NewFromInt(rapid.Int64Range(2, 1000).Draw(t, "k"))
		scaled := append([]revops.Opportunity(nil), opps...)
		for i := range scaled {
			scaled[i].Amount = scaled[i].Amount.Mul(k)
		}
		big, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: scaled, Periods: months})
		require.NoError(t, err)
		for m := range rows {
			a, errA := rows[m].PeriodWinRate.Value()
			b, errB := big[m].PeriodWinRate.Value()
			require.Equal(t, errA == nil, errB == nil)
			require.True(t, a.Equal(b))
			x, errX := rows[m].AverageDeal.Value()
			y, errY := big[m].AverageDeal.Value()
			require.Equal(t, errX == nil, errY == nil)
			if errX != nil {
				continue
			}
			// Each average is rounded once to 16 places, so k × the first is within k
			// halves of a unit of the second, plus one half.
			tol := ulp.Mul(k.Add(decimal.NewFromInt(1))).Mul(decimal.RequireFromString("0.5"))
			require.True(t, x.Mul(k).Sub(y).Abs().LessThanOrEqual(tol), "average deal × %s: %s, %s", k, x.Mul(k), y)
			vx, errX := rows[m].Velocity.Value()
			vy, errY := big[m].Velocity.Value()
			require.Equal(t, errX == nil, errY == nil)
			if errX != nil {
				continue
			}
			// Velocity carries the average's rounding times Open × WinRate ÷ Cycle.
			cycle, _ := rows[m].CycleMean.Value()
			win, _ := rows[m].PeriodWinRate.Value()
			gain := decimal.NewFromInt(int64(rows[m].InPeriod.Count.Open)).Mul(win).DivRound(cycle, 20)
			require.True(t, vx.Mul(k).Sub(vy).Abs().LessThanOrEqual(tol.Mul(gain.Add(decimal.NewFromInt(2)))), "velocity × %s: %s, %s", k, vx.Mul(k), vy)
		}
	})
}

// FuzzByPeriod feeds arbitrary records to PipelineByPeriod, LeadsByPeriod and
// AcquisitionByPeriod: none panics, every error is a *revops.Error or a *Refused.
func FuzzByPeriod(f *testing.F) {
	f.Add(int64(0), int64(86400*3), uint8(1), "1000", "0.5", int64(86400), true, "0.8", "500")
	f.Add(int64(-5), int64(-86400), uint8(7), "-1", "1.5", int64(-1), false, "0", "-1")
	f.Fuzz(func(t *testing.T, created, cycle int64, status uint8, amount, prob string, response int64, skip bool, margin, cost string) {
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		c := base.Add(time.Duration(created%(1<<45)) * time.Second)
		o := revops.Opportunity{Status: revops.DealStatus(status), Amount: fuzzDecimal(amount, 1, 0), Probability: fuzzDecimal(prob, 1, -1), Created: c}
		if cycle != 0 {
			o.Closed = c.Add(time.Duration(cycle%(1<<45)) * time.Second)
		}
		var opts []revops.PipelinePeriodOption
		var lopts []revops.LeadOption
		if skip {
			opts, lopts = append(opts, revops.InvalidRecordsSkip), append(lopts, revops.InvalidRecordsSkip)
		}
		periods := firstQuarter()
		_, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: []revops.Opportunity{o, o}, Periods: periods}, opts...)
		requireRecordsError(t, err)
		l := revops.Lead{Created: c, Qualified: skip, Converted: status%2 == 0}
		if response != 0 {
			l.FirstResponse = c.Add(time.Duration(response%(1<<45)) * time.Second)
		}
		_, err = revops.LeadsByPeriod([]revops.Lead{l}, periods, lopts...)
		requireRecordsError(t, err)
		h, err := revops.NewHistory([]revops.Span{{Customer: "a", Start: c, MRR: revops.Monthly(o.Amount)}}, revops.InvalidRecordsSkip)
		if err != nil {
			requireRecordsError(t, err)
			return
		}
		_, err = h.Series(periods)
		require.NoError(t, err)
		_, err = h.DailyChurnRate(periods[0])
		requireRevopsError(t, err)
		_, err = h.RollingWindow(c, int(cycle%400), revops.StripePolicy())
		requireRevopsError(t, err)
		costs := make([]revops.AcquisitionCosts, len(periods))
		costs[0].Other = fuzzDecimal(cost, 1, 0)
		_, err = revops.AcquisitionByPeriod(revops.AcquisitionInput{History: h, Periods: periods, Costs: costs, GrossMargin: fuzzDecimal(margin, 1, 0)})
		requireRevopsError(t, err)
	})
}

// requireRecordsError fails unless err is nil, a *revops.Error or a *revops.Refused of
// them.
func requireRecordsError(t *testing.T, err error) {
	t.Helper()
	var r *revops.Refused
	if errors.As(err, &r) {
		for _, rec := range r.Records {
			requireRevopsError(t, rec.Err)
		}
		return
	}
	requireRevopsError(t, err)
}

// Pipeline velocity is rounded once: March has deals won for 6,000 and 6,000 and one
// lost, closed after 30, 30 and 51 days (a mean of 37), and 4 open at its close, so
// velocity = 4 × 2/3 × 6,000 ÷ 37 = 16,000 ÷ 37 = 432.43243243243243243…, which is
// 432.4324324324324324 at 16 places. Computed from the rounded win rate 0.6666666666666667
// it was 432.4324324324324541 (the newcomer's check).
func TestPipelineVelocityRoundedOnce(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	closed := func(s revops.DealStatus, amount string, created time.Time, days int) revops.Opportunity {
		return revops.Opportunity{Status: s, Currency: "USD", Amount: dec(amount), Created: created, Closed: created.AddDate(0, 0, days)}
	}
	opps := []revops.Opportunity{
		closed(revops.DealWon, "6000", day(time.February, 1), 30),  // closes March 3
		closed(revops.DealWon, "6000", day(time.February, 10), 30), // March 12
		closed(revops.DealLost, "9000", day(time.January, 20), 51), // March 12
	}
	for range 4 {
		opps = append(opps, revops.Opportunity{Status: revops.DealOpen, Currency: "USD", Amount: dec("1000"), Created: day(time.February, 1)})
	}
	rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: []revops.Period{revops.Month(2025, time.March)}})
	require.NoError(t, err)
	requireMetric(t, "37", rows[0].CycleMean)
	requireMetric(t, "432.4324324324324324", rows[0].Velocity)
}

// Property: velocity is open × won value × deals ÷ (decided × cycle days) rounded once
// to 16 places, on deals of whole-day cycles, whatever the rounding of the win rate,
// the average deal and the mean cycle it is made of.
func TestPipelineVelocityExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		march := revops.Month(2025, time.March)
		var opps []revops.Opportunity
		won, decided, open, days := 0, 0, 0, 0
		wonValue := decimal.Zero
		for i := range rapid.IntRange(1, 20).Draw(t, "deals") {
			created := time.Date(2025, time.January, rapid.IntRange(1, 31).Draw(t, fmt.Sprint("day", i)), 0, 0, 0, 0, time.UTC)
			o := revops.Opportunity{Status: revops.DealStatus(rapid.IntRange(0, 2).Draw(t, "status")), Currency: "USD",
				Amount: decimal.New(rapid.Int64Range(1, 10_000_000).Draw(t, "amount"), -2), Created: created}
			switch o.Status {
			case revops.DealOpen:
				open++
			default:
				d := rapid.IntRange(0, 120).Draw(t, "cycle")
				o.Closed = created.AddDate(0, 0, d)
				if !march.Contains(o.Closed) {
					o.Closed = time.Date(2025, time.March, 1+d%31, 0, 0, 0, 0, time.UTC)
					d = int(o.Closed.Sub(created).Hours() / 24)
				}
				decided, days = decided+1, days+d
				if o.Status == revops.DealWon {
					won, wonValue = won+1, wonValue.Add(o.Amount)
				}
			}
			opps = append(opps, o)
		}
		rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: []revops.Period{march}})
		require.NoError(t, err)
		v, err := rows[0].Velocity.Value()
		if won == 0 || days == 0 {
			require.Error(t, err) // no average deal, or no cycle to divide by
			return
		}
		require.NoError(t, err)
		num := decimal.NewFromInt(int64(open)).Mul(wonValue).Mul(decimal.NewFromInt(int64(decided)))
		want := num.DivRound(decimal.NewFromInt(int64(decided)).Mul(decimal.NewFromInt(int64(days))), 16)
		require.True(t, want.Equal(v), "velocity %s, exact %s", v, want)
	})
}
