package revops_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

func ExampleChargeMRR() {
	// A three-year contract of $36,000 billed up front is $1,000 a month, never $36,000,
	// and $12,000 a year.
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount:   decimal.NewFromInt(36_000),
		Quantity: 1,
		Interval: revops.Interval{Count: 3, Unit: revops.Years},
	})
	fmt.Println(mrr.Monthly(), mrr.Annual(), err)
	// Output: 1000 12000 <nil>
}

func ExampleChargeMRR_annual() {
	// A plan of $1,000 a year is 1000/12 a month: the exact fraction is kept, so its
	// ARR is $1,000 exactly, and a decimal is rounded once, when asked for.
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount:   decimal.NewFromInt(1_000),
		Quantity: 1,
		Interval: revops.Interval{Count: 1, Unit: revops.Years},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	cents, err := mrr.RoundMonthly("USD")
	fmt.Println(mrr.Annual(), mrr.Monthly(), cents, err)
	// Output: 1000 83.3333333333333333 83.33 <nil>
}

func ExampleChargeMRR_discounts() {
	// 10 seats at $50 a month with 20 % off for the first six months.
	c := revops.Charge{
		Amount: decimal.NewFromInt(50), Quantity: 10, Interval: revops.Interval{Count: 1, Unit: revops.Months},
		Discount: revops.Discount{Percent: decimal.RequireFromString("0.2"), Duration: revops.DiscountRepeating},
	}
	all, errAll := revops.ChargeMRR(c)
	stripe, errStripe := revops.ChargeMRR(c, revops.DiscountsForeverOnly)
	lago, errLago := revops.ChargeMRR(c, revops.DiscountsNone)
	if err := errors.Join(errAll, errStripe, errLago); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(all, stripe, lago)
	// Output: 400 500 500
}

func ExampleChargeMRR_stripe() {
	// Three lines of a Stripe export: a $50-off coupon on a $29 item takes the item to
	// zero, as the invoice does; a quantity of 0 is no revenue; a daily price of $2 is
	// 2 × 365 ÷ 12 a month.
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	coupon := revops.Charge{Amount: decimal.NewFromInt(29), Quantity: 1, Interval: monthly, Discount: revops.Discount{Amount: decimal.NewFromInt(50)}}
	noSeats := revops.Charge{Amount: decimal.NewFromInt(10), Quantity: 0, Interval: monthly}
	daily := revops.Charge{Amount: decimal.NewFromInt(2), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Days}}
	for _, c := range []revops.Charge{coupon, noSeats, daily} {
		mrr, err := revops.ChargeMRR(c)
		if err != nil {
			fmt.Println(err)
			return
		}
		cents, err := mrr.RoundMonthly("USD")
		fmt.Println(cents, err)
	}
	_, err := revops.ChargeMRR(coupon, revops.ExcessDiscountRefused)
	fmt.Println(err)
	// Output:
	// 0 <nil>
	// 0 <nil>
	// 60.83 <nil>
	// revops: ChargeMRR: Discount.Amount: inconsistent inputs (50 off a price of 29)
}

func ExampleMRR_skipInvalid() {
	// One subscription of an export has a negative price. By default it fails the
	// call; with InvalidRecordsSkip the others are counted and it is listed.
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	subs := []revops.Subscription{
		{Customer: "acme", Charges: []revops.Charge{{Amount: decimal.NewFromInt(99), Quantity: 2, Interval: monthly}}},
		{Customer: "globex", Charges: []revops.Charge{{Amount: decimal.NewFromInt(-49), Quantity: 1, Interval: monthly}}},
		{Customer: "initech", Charges: []revops.Charge{{Amount: decimal.NewFromInt(49), Quantity: 1, Interval: monthly}}},
	}
	_, err := revops.MRR(subs)
	fmt.Println(err)
	mrr, err := revops.MRR(subs, revops.InvalidRecordsSkip)
	var refused *revops.Refused
	if errors.As(err, &refused) {
		for _, r := range refused.Records {
			fmt.Println("left out subs[", r.Index, "]:", errors.Is(r.Err, revops.ErrNegative))
		}
	}
	fmt.Println("MRR of the others:", mrr)
	// Output:
	// revops: MRR: subs[1].Charges[0].Amount: negative value (-49 < 0)
	// left out subs[ 1 ]: true
	// MRR of the others: 247
}

func ExampleMRR() {
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	subs := []revops.Subscription{
		{Customer: "acme", Charges: []revops.Charge{
			{Amount: decimal.NewFromInt(99), Quantity: 5, Interval: monthly},
			{Amount: decimal.NewFromInt(1_500), Quantity: 1, OneTime: true}, // onboarding fee
		}},
		{Customer: "globex", Status: revops.StatusPastDue, Charges: []revops.Charge{
			{Amount: decimal.NewFromInt(2_400), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years}},
		}},
		{Customer: "initech", Status: revops.StatusTrialing, Charges: []revops.Charge{
			{Amount: decimal.NewFromInt(49), Quantity: 1, Interval: monthly},
		}},
	}
	mrr, err := revops.MRR(subs) // 5 × 99 + 2,400 ÷ 12; the trial and the fee count nothing
	fmt.Println(mrr.Monthly(), mrr.Annual(), err)
	strict, err := revops.MRR(subs, revops.PastDueExcluded)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strict.Monthly(), strict.Annual())
	// Output:
	// 695 8340 <nil>
	// 495 5940
}

func ExampleMRRByCustomer() {
	quarterly := revops.Interval{Count: 3, Unit: revops.Months}
	by, err := revops.MRRByCustomer([]revops.Subscription{
		{Customer: "acme", Charges: []revops.Charge{{Amount: decimal.NewFromInt(300), Quantity: 2, Interval: quarterly}}},
		{Customer: "acme", Charges: []revops.Charge{{Amount: decimal.NewFromInt(90), Quantity: 1, Interval: quarterly}}},
		{Customer: "hooli", Status: revops.StatusCanceled, Charges: []revops.Charge{{Amount: decimal.NewFromInt(500), Quantity: 1, Interval: quarterly}}},
	})
	fmt.Println(len(by), by["acme"].Monthly(), err) // (2 × 300 + 90) ÷ 3
	// Output: 1 230 <nil>
}

func ExampleARR() {
	arr, err := revops.ARR(decimal.RequireFromString("41250.50"))
	fmt.Println(arr.StringFixed(2), err)
	// Output: 495006.00 <nil>
}

func ExampleARRFromComponents() {
	arr, err := revops.ARRFromComponents(revops.ARRComponents{
		Subscriptions: decimal.NewFromInt(1_000_000),
		Expansion:     decimal.NewFromInt(150_000),
		Lost:          decimal.NewFromInt(80_000),
	})
	fmt.Println(arr, err)
	// Output: 1070000 <nil>
}

func ExampleACV() {
	c := revops.ContractValue{Recurring: decimal.NewFromInt(90_000), OneTime: decimal.NewFromInt(6_000), Years: decimal.NewFromInt(3)}
	acv, err := revops.ACV(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	withFees, err := revops.ACV(c, revops.OneTimeFeesIncluded)
	fmt.Println(acv, withFees, err)
	// Output: 30000 32000 <nil>
}

func ExampleARPA() {
	arpa, err := revops.ARPA(decimal.NewFromInt(48_000), 320)
	fmt.Println(arpa.StringFixed(2), err)
	// Output: 150.00 <nil>
}

func ExampleARPU() {
	arpu, err := revops.ARPU(decimal.NewFromInt(48_000), 1_920)
	fmt.Println(arpu.StringFixed(2), err)
	// Output: 25.00 <nil>
}

func ExampleRevenueGrowth() {
	g, err := revops.RevenueGrowth(revops.Growth{Previous: decimal.NewFromInt(80_000), Current: decimal.NewFromInt(92_000)})
	fmt.Println(g.Shift(2).StringFixed(1)+" %", err)
	// Output: 15.0 % <nil>
}

func ExampleRevenueBacklog() {
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b, err := revops.RevenueBacklog(asOf, []revops.BacklogContract{{
		// A three-year, $36,000 contract, one year recognized: 730 days left, 365 of
		// them within 12 months.
		Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC),
		Value: decimal.NewFromInt(36_000), Recognized: decimal.NewFromInt(12_000),
	}})
	fmt.Println(b.Total, b.Current, b.NonCurrent, err)
	// Output: 24000 12000 12000 <nil>
}

func ExampleMRRBridge() {
	jan, feb := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	b, err := revops.MRRBridge(revops.BridgeInput{
		Start:  revops.Snapshot{At: jan, MRR: map[string]decimal.Decimal{"acme": decimal.NewFromInt(500), "globex": decimal.NewFromInt(300)}},
		End:    revops.Snapshot{At: feb, MRR: map[string]decimal.Decimal{"acme": decimal.NewFromInt(650), "initech": decimal.NewFromInt(200)}},
		Former: map[string]time.Time{"initech": time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)},
	})
	fmt.Println(b.Start, "→", b.End, err)
	for _, m := range b.Customers {
		fmt.Println(m.Customer, m.Movement, m.Amount)
	}
	// Output:
	// 800 → 850 <nil>
	// acme expansion 150
	// globex churn 300
	// initech reactivation 200
}

func ExampleMRRBridge_window() {
	// Maxio counts a customer back after 90 days or more as new business.
	jan, feb := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	b, err := revops.MRRBridge(revops.BridgeInput{
		Start:  revops.Snapshot{At: jan, MRR: map[string]decimal.Decimal{}},
		End:    revops.Snapshot{At: feb, MRR: map[string]decimal.Decimal{"initech": decimal.NewFromInt(200), "umbrella": decimal.NewFromInt(90)}},
		Former: map[string]time.Time{"initech": time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), "umbrella": time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)},
	}, revops.ReactivationWindow(90))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new", b.New, "reactivation", b.Reactivation)
	// Output: new 200 reactivation 90
}

func ExampleReactivationWindow() {
	fmt.Printf("%+v\n", revops.ReactivationWindow(90))
	// Output: {Placement:as_new_after WindowDays:90}
}

func ExampleMovement_String() {
	fmt.Println(revops.MovementReactivation, revops.Movement(42))
	// Output: reactivation Movement(42)
}

func ExampleBridge_Retention() {
	b := revops.Bridge{Start: decimal.NewFromInt(1000), Movements: revops.Movements{
		Expansion: decimal.NewFromInt(120), Contraction: decimal.NewFromInt(30), Churn: decimal.NewFromInt(50),
	}}
	nrr, err := revops.NRR(b.Retention())
	if err != nil {
		fmt.Println(err)
		return
	}
	grr, err := revops.GRR(b.Retention())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(nrr.Shift(2).StringFixed(1)+" %", grr.Shift(2).StringFixed(1)+" %")
	// Output: 104.0 % 92.0 %
}

func ExampleNetNewMRR() {
	net, err := revops.NetNewMRR(revops.Movements{
		New: decimal.NewFromInt(12_000), Expansion: decimal.NewFromInt(4_000), Reactivation: decimal.NewFromInt(1_000),
		Contraction: decimal.NewFromInt(1_500), Churn: decimal.NewFromInt(3_500),
	})
	fmt.Println(net, err)
	// Output: 12000 <nil>
}

func ExampleQuickRatio() {
	m := revops.Movements{
		New: decimal.NewFromInt(12_000), Expansion: decimal.NewFromInt(4_000), Reactivation: decimal.NewFromInt(1_000),
		Contraction: decimal.NewFromInt(1_500), Churn: decimal.NewFromInt(3_500),
	}
	q, err := revops.QuickRatio(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	without, err := revops.QuickRatio(m, revops.QuickRatioOmitsReactivation)
	fmt.Println(q.StringFixed(2), without.StringFixed(2), err)
	// Output: 3.40 3.20 <nil>
}

func ExamplePeriodGrowth() {
	g, err := revops.PeriodGrowth([]decimal.Decimal{decimal.NewFromInt(100), decimal.NewFromInt(120), decimal.NewFromInt(90)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g[0].Shift(2).StringFixed(1)+" %", g[1].Shift(2).StringFixed(1)+" %", err)
	// Output: 20.0 % -25.0 % <nil>
}

func ExampleCompoundGrowth() {
	// MRR doubled over a year of months: CMGR = 2^(1/12) − 1.
	cmgr, err := revops.CompoundGrowth(revops.CompoundGrowthInput{First: decimal.NewFromInt(50_000), Last: decimal.NewFromInt(100_000), Steps: 12})
	fmt.Println(cmgr.Shift(2).StringFixed(2)+" %", err)
	// Output: 5.95 % <nil>
}

func ExampleSeriesCompoundGrowth() {
	// Three yearly ARR figures are two years of growth.
	cagr, err := revops.SeriesCompoundGrowth([]decimal.Decimal{decimal.NewFromInt(1_000_000), decimal.NewFromInt(1_500_000), decimal.NewFromInt(2_250_000)})
	fmt.Println(cagr.Shift(2).StringFixed(1)+" %", err)
	// Output: 50.0 % <nil>
}

func ExampleAnnualize() {
	a, err := revops.Annualize(decimal.RequireFromString("1234.56"))
	fmt.Println(a, err)
	// Output: 14814.72 <nil>
}

func ExampleDeannualize() {
	m, err := revops.Deannualize(decimal.NewFromInt(1_000))
	fmt.Println(m, m.StringFixed(2), err)
	// Output: 83.3333333333333333 83.33 <nil>
}

func ExampleProrate() {
	// A customer joins on January 10 of a $310 month: 22 of its 31 days.
	served, err := revops.NewPeriod(time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := revops.Prorate(revops.Proration{Amount: decimal.NewFromInt(310), Billed: revops.Month(2026, time.January), Served: served})
	fmt.Println(p.StringFixed(2), err)
	// Output: 220.00 <nil>
}

func ExamplePeriod_Next() {
	q4, err := revops.Quarter(2026, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q4.Next())
	// Output: [2027-01-01T00:00:00Z, 2027-04-01T00:00:00Z)
}

func ExamplePeriod_Prev() {
	fmt.Println(revops.Month(2026, time.January).Prev())
	// Output: [2025-12-01T00:00:00Z, 2026-01-01T00:00:00Z)
}

func ExamplePeriod_Months() {
	span, err := revops.NewPeriod(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for m := range span.Months() {
		fmt.Println(m.Start().Format(time.DateOnly), m.Days())
	}
	// Output:
	// 2026-01-15 17
	// 2026-02-01 28
	// 2026-03-01 9
}

func ExamplePeriod_Quarters() {
	for q := range revops.Year(2026).Quarters() {
		fmt.Print(q.Days(), " ")
	}
	fmt.Println()
	// Output: 90 91 92 92
}

func ExamplePeriod_Years() {
	span, err := revops.NewPeriod(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for y := range span.Years() {
		fmt.Println(y)
	}
	// Output:
	// [2025-07-01T00:00:00Z, 2026-01-01T00:00:00Z)
	// [2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z)
	// [2027-01-01T00:00:00Z, 2027-07-01T00:00:00Z)
}

// Example_mrrBridge builds January's MRR bridge for a small company from two
// snapshots of its customers' MRR and prints it as a table.
func Example_mrrBridge() {
	dec := decimal.RequireFromString
	b, err := revops.MRRBridge(revops.BridgeInput{
		Start: revops.Snapshot{At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Currency: "EUR", MRR: map[string]decimal.Decimal{
			"acme": dec("1200"), "globex": dec("450"), "hooli": dec("800"), "initrode": dec("99"), "soylent": dec("2500"),
		}},
		End: revops.Snapshot{At: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Currency: "EUR", MRR: map[string]decimal.Decimal{
			"acme": dec("1500"), "globex": dec("450"), "hooli": dec("600"), "soylent": dec("2500"),
			"umbrella": dec("349"), "vandelay": dec("150"),
		}},
		Former: map[string]time.Time{"vandelay": time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	net, err := revops.NetNewMRR(b.Movements)
	if err != nil {
		fmt.Println(err)
		return
	}
	quick, err := revops.QuickRatio(b.Movements) // (349 + 300 + 150) ÷ (200 + 99)
	if err != nil {
		fmt.Println(err)
		return
	}
	row := func(label string, d decimal.Decimal) { fmt.Printf("%-22s %10s\n", label, d.StringFixed(2)) }
	row("Starting MRR", b.Start)
	row("+ New", b.New)
	row("+ Expansion", b.Expansion)
	row("+ Reactivation", b.Reactivation)
	row("− Contraction", b.Contraction)
	row("− Churn", b.Churn)
	row("Ending MRR", b.End)
	row("Net new MRR", net)
	row("Quick ratio", quick)
	// Output:
	// Starting MRR              5049.00
	// + New                      349.00
	// + Expansion                300.00
	// + Reactivation             150.00
	// − Contraction              200.00
	// − Churn                     99.00
	// Ending MRR                5549.00
	// Net new MRR                500.00
	// Quick ratio                  2.67
}

func ExampleMRR_annualPlans() {
	// Three customers on a $100-a-year plan: ARR is $300 exactly, MRR $25.
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	var subs []revops.Subscription
	for _, c := range []string{"acme", "globex", "hooli"} {
		subs = append(subs, revops.Subscription{Customer: c, Currency: "USD", Charges: []revops.Charge{
			{Amount: decimal.NewFromInt(100), Quantity: 1, Interval: yearly},
		}})
	}
	mrr, err := revops.MRR(subs)
	fmt.Println(mrr.Annual(), mrr.Monthly(), err)
	// Output: 300 25 <nil>
}

func ExampleLinesToMinorUnits() {
	// ChartMogul rounds each line's MRR to cents before adding: three $1,000-a-year
	// plans are 3 × 83.33 = 249.99 a month, against exactly 250 by default.
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	var subs []revops.Subscription
	for _, c := range []string{"acme", "globex", "hooli"} {
		subs = append(subs, revops.Subscription{Customer: c, Currency: "USD", Charges: []revops.Charge{
			{Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: yearly},
		}})
	}
	exact, err := revops.MRR(subs)
	if err != nil {
		fmt.Println(err)
		return
	}
	lines, err := revops.MRR(subs, revops.LinesToMinorUnits)
	fmt.Println(exact.Monthly(), exact.Annual())
	fmt.Println(lines.Monthly(), lines.Annual(), err)
	// Output:
	// 250 3000
	// 249.99 2999.88 <nil>
}

func ExampleRecurring_Annual() {
	// $1,000 every three years: 1000 ÷ 36 a month, 1000 ÷ 3 a year.
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: revops.Interval{Count: 3, Unit: revops.Years},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(mrr.Annual())
	// Output: 333.3333333333333333
}

func ExampleRecurring_Monthly() {
	// 12 a week is 12 × 52 ÷ 12 = 52 a month.
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount: decimal.NewFromInt(12), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Weeks},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(mrr.Monthly(), mrr.Annual())
	// Output: 52 624
}

func ExampleRecurring_RoundMonthly() {
	// 1,000 a year in three currencies, rounded once from 1000 ÷ 12 to each one's
	// minor unit.
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, currency := range []string{"USD", "JPY", "KWD"} {
		m, err := mrr.RoundMonthly(currency)
		fmt.Println(currency, m, err)
	}
	// Output:
	// USD 83.33 <nil>
	// JPY 83 <nil>
	// KWD 83.333 <nil>
}

func ExampleRecurring_RoundAnnual() {
	// $1,000 every three years is $333.33 a year, in cents.
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: revops.Interval{Count: 3, Unit: revops.Years},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	arr, err := mrr.RoundAnnual("USD")
	fmt.Println(arr, err)
	// Output: 333.33 <nil>
}

func ExampleRecurring_Fraction() {
	// 1,000 a year is 1000 ÷ 12 = 250 ÷ 3 a month.
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	num, den := mrr.Fraction()
	fmt.Println(num, den)
	// Output: 250 3
}

func ExampleRecurring_MarshalJSON() {
	mrr, err := revops.ChargeMRR(revops.Charge{
		Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := json.Marshal(mrr)
	fmt.Println(string(b), err)
	// Output: {"mrr":"83.3333333333333333","arr":"1000"} <nil>
}

func ExampleRoundToMinorUnits() {
	for _, a := range []struct{ amount, currency string }{{"2.345", "USD"}, {"-2.345", "EUR"}, {"1234.5", "JPY"}, {"1.2345", "KWD"}} {
		r, err := revops.RoundToMinorUnits(decimal.RequireFromString(a.amount), a.currency)
		fmt.Println(a.amount, a.currency, "→", r, err)
	}
	// Output:
	// 2.345 USD → 2.35 <nil>
	// -2.345 EUR → -2.35 <nil>
	// 1234.5 JPY → 1235 <nil>
	// 1.2345 KWD → 1.235 <nil>
}

func ExampleMinorUnits() {
	usd, err := revops.MinorUnits("usd")
	if err != nil {
		fmt.Println(err)
		return
	}
	jpy, err := revops.MinorUnits("JPY")
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = revops.MinorUnits("XAU")
	fmt.Println(usd, jpy, err)
	// Output: 2 0 revops: MinorUnits: currency: value out of range (XAU has no minor unit in ISO 4217)
}

func ExampleRecurring_Equal() {
	// 1,200 a year is 1200 ÷ 12 = 100 a month exactly; 1,000 a year is 1000 ÷ 12 =
	// 83.333… a month, which no decimal such as 83.33 equals.
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	twelveHundred, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1_200), Quantity: 1, Interval: yearly})
	if err != nil {
		fmt.Println(err)
		return
	}
	thousand, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: yearly})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(twelveHundred.Equal(revops.Monthly(decimal.NewFromInt(100))), thousand.Equal(revops.Monthly(decimal.RequireFromString("83.33"))))
	// Output: true false
}

func ExampleRecurring_IsZero() {
	// A customer moves from 1,200 a year to 100 a month: the change, 100 − 1200 ÷ 12,
	// is zero; a charge of 0 seats is no revenue either.
	yearly, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1_200), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years}})
	if err != nil {
		fmt.Println(err)
		return
	}
	change, err := revops.Monthly(decimal.NewFromInt(100)).Sub(yearly)
	if err != nil {
		fmt.Println(err)
		return
	}
	noSeats, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(30), Quantity: 0, Interval: revops.Interval{Count: 1, Unit: revops.Months}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(change.IsZero(), noSeats.IsZero(), yearly.IsZero())
	// Output: true true false
}

func ExampleRecurring_Sign() {
	// A customer on 1,000 a year (1000 ÷ 12 = 83.333… a month) moves to 80 a month, to
	// 90 a month, or to 1,000 a year again: 80 − 83.333… < 0, 90 − 83.333… > 0, and no
	// change.
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	before, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: yearly})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, after := range []revops.Recurring{revops.Monthly(decimal.NewFromInt(80)), revops.Monthly(decimal.NewFromInt(90)), before} {
		change, err := after.Sub(before)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(change.Sign())
	}
	// Output:
	// -1
	// 1
	// 0
}

func ExampleRecurring_String() {
	// A Recurring prints as its Monthly amount: 1,000 a year is 1000 ÷ 12 rounded to
	// 16 places; 3 seats at 49 a month are 147.
	thousand, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1_000), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years}})
	if err != nil {
		fmt.Println(err)
		return
	}
	seats, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(49), Quantity: 3, Interval: revops.Interval{Count: 1, Unit: revops.Months}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(thousand.String(), seats)
	// Output: 83.3333333333333333 147
}
