package revops_test

import (
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// ExampleChartMogulPolicy reproduces ChartMogul's B2B churn example: 100 customers at
// the start, 11 canceled, one of whom joined in the month.
func ExampleChartMogulPolicy() {
	c := revops.CustomerCounts{Start: 100, New: 1, Churned: 11, JoinedAndLeft: 1}
	churn, err := revops.CustomerChurnRate(c, revops.ChartMogulPolicy())
	fmt.Println(churn, err)
	// Output: 0.1 <nil>
}

// ExampleStripePolicy: Stripe counts only forever coupons in MRR, so a six-month 50 %
// coupon leaves a $100 plan at $100, where the package default deducts it.
func ExampleStripePolicy() {
	c := revops.Charge{Amount: decimal.NewFromInt(100), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months},
		Discount: revops.Discount{Percent: decimal.RequireFromString("0.5"), Duration: revops.DiscountRepeating}}
	stripe, err := revops.ChargeMRR(c, revops.StripePolicy())
	if err != nil {
		fmt.Println(err)
		return
	}
	def, err := revops.ChargeMRR(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(stripe, def)
	// Output: 100 50
}

// ExampleProfitWellPolicy: ProfitWell ignores a customer who joins and churns in the
// same month, so of ten customers at the start, one churned and one who came and went
// make a churn of 10 %, where Stripe's counts give 2 ÷ 11.
func ExampleProfitWellPolicy() {
	c := revops.CustomerCounts{Start: 10, New: 1, Churned: 2, JoinedAndLeft: 1}
	pw, err := revops.CustomerChurnRate(c, revops.ProfitWellPolicy())
	if err != nil {
		fmt.Println(err)
		return
	}
	stripe, err := revops.CustomerChurnRate(c, revops.StripePolicy())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pw, stripe.StringFixed(4))
	// Output: 0.1 0.1818
}

// ExampleBaremetricsPolicy: Baremetrics' quick ratio leaves reactivation out.
func ExampleBaremetricsPolicy() {
	m := revops.Movements{New: decimal.NewFromInt(200), Expansion: decimal.NewFromInt(100), Reactivation: decimal.NewFromInt(200),
		Contraction: decimal.NewFromInt(50), Churn: decimal.NewFromInt(100)}
	bm, err := revops.QuickRatio(m, revops.BaremetricsPolicy())
	if err != nil {
		fmt.Println(err)
		return
	}
	def, err := revops.QuickRatio(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bm, def.StringFixed(2))
	// Output: 2 3.33
}

// ExampleLagoPolicy: Lago counts 4.33 weeks in a month.
func ExampleLagoPolicy() {
	weekly := revops.Charge{Amount: decimal.NewFromInt(100), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Weeks}}
	lago, err := revops.ChargeMRR(weekly, revops.LagoPolicy())
	if err != nil {
		fmt.Println(err)
		return
	}
	def, err := revops.ChargeMRR(weekly)
	if err != nil {
		fmt.Println(err)
		return
	}
	cents, err := def.RoundMonthly("USD")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(lago, cents)
	// Output: 433 433.33
}

// ExamplePlaybookPolicy classifies months as the dbt mrr-playbook does: a customer
// back after a gap is a reactivation.
func ExamplePlaybookPolicy() {
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "1", Start: day(1), End: day(2), MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "1", Start: day(4), MRR: revops.Monthly(decimal.NewFromInt(75))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	series, err := h.Series([]revops.Period{revops.Month(2025, 2), revops.Month(2025, 4)}, revops.PlaybookPolicy())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("February churn", series[0].Churn, "April reactivation", series[1].Reactivation)
	// Output: February churn 50 April reactivation 75
}

// ExampleHistory_RollingWindow computes Stripe's subscriber churn over the 30 days to
// June 30: 20 subscribers 30 days ago, 2 of whom left, and 5 new: 2 ÷ 25.
func ExampleHistory_RollingWindow() {
	end := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	var spans []revops.Span
	for i := range 20 {
		s := revops.Span{Customer: fmt.Sprint("old", i), Start: end.AddDate(0, -2, 0), MRR: revops.Monthly(decimal.NewFromInt(30))}
		if i < 2 {
			s.End = end.AddDate(0, 0, -7)
		}
		spans = append(spans, s)
	}
	for i := range 5 {
		spans = append(spans, revops.Span{Customer: fmt.Sprint("new", i), Start: end.AddDate(0, 0, -20), MRR: revops.Monthly(decimal.NewFromInt(30))})
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		fmt.Println(err)
		return
	}
	w, err := h.RollingWindow(end, 30, revops.StripePolicy())
	fmt.Println(w.CustomerChurn.Percent(1), err)
	// Output: 8.0 % <nil>
}

// ExampleHistory_DailyChurnRate computes ChartMogul's B2C churn over two days: 4
// customers begin day 1 and one leaves (1 ÷ 4); 3 begin day 2 and one leaves (1 ÷ 3).
func ExampleHistory_DailyChurnRate() {
	d := func(day, hour int) time.Time { return time.Date(2025, 5, day, hour, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: d(1, 0).AddDate(0, -1, 0), End: d(1, 12), MRR: revops.Monthly(decimal.NewFromInt(10))},
		{Customer: "b", Start: d(1, 0).AddDate(0, -1, 0), End: d(2, 12), MRR: revops.Monthly(decimal.NewFromInt(10))},
		{Customer: "c", Start: d(1, 0).AddDate(0, -1, 0), MRR: revops.Monthly(decimal.NewFromInt(10))},
		{Customer: "e", Start: d(1, 0).AddDate(0, -1, 0), MRR: revops.Monthly(decimal.NewFromInt(10))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	two, err := revops.NewPeriod(d(1, 0), d(3, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	churn, err := h.DailyChurnRate(two)
	fmt.Println(churn.StringFixed(4), err)
	// Output: 0.5833 <nil>
}
