package revops_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// Example_subscriptionHistory turns subscription records into a monthly metrics series,
// a cohort table and trailing retention. Acme pays 100 from January and 150 from March;
// Globex pays 100 in February and March; Initech pays 50 in January, leaves, and comes
// back at 80 in April.
func Example_subscriptionHistory() {
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Subscription: "a1", Start: day(1), End: day(3), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Subscription: "a1", Start: day(3), MRR: revops.Monthly(decimal.NewFromInt(150))},
		{Customer: "globex", Start: day(2), End: day(4), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "initech", Start: day(1), End: day(2), MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "initech", Start: day(4), MRR: revops.Monthly(decimal.NewFromInt(80))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3), revops.Month(2025, 4)}
	series, err := h.Series(months)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("month   start new exp churn react end customers     NRR logo churn")
	for _, r := range series {
		fmt.Printf("%s %5s %3s %3s %5s %5s %3s %9d %7s %10s\n", r.Period.Start().Format("2006-01"), r.Start, r.New, r.Expansion,
			r.Churn, r.Reactivation, r.End, r.EndCustomers, r.NRR.Percent(1), r.CustomerChurn.Percent(1))
	}
	cohorts, err := h.Cohorts(months)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print("January cohort, logo retention by month:")
	for _, m := range cohorts.Rows[0].Logo {
		fmt.Print(" ", m.Percent(0))
	}
	fmt.Println()
	w, err := h.TrailingRetention(revops.Month(2025, 4), revops.TrailingMonths(3))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("NRR and GRR, January to April:", w.NRR.Percent(1), w.GRR.Percent(1))
	// Output:
	// month   start new exp churn react end customers     NRR logo churn
	// 2025-01     0 150   0     0     0 150         2     n/a        n/a
	// 2025-02   150 100   0    50     0 200         2  66.7 %     50.0 %
	// 2025-03   200   0  50     0     0 250         2 125.0 %      0.0 %
	// 2025-04   250   0   0   100    80 230         2  60.0 %     50.0 %
	// January cohort, logo retention by month: 100 % 50 % 50 % 100 %
	// NRR and GRR, January to April: 153.3 % 100.0 %
}

func ExampleNewHistory() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(100)), Currency: "USD"},
		{Customer: "globex", Start: jan, End: jan.AddDate(0, -1, 0), MRR: revops.Monthly(decimal.NewFromInt(50)), Currency: "USD"},
	})
	fmt.Println(err)
	// Output: revops: NewHistory: spans[1].End: invalid period (2024-12-01T00:00:00Z is not after Start 2025-01-01T00:00:00Z)
}

func ExampleSpanFromCharge() {
	// An annual plan of 1,200 a year, from March 2025 on, is 100 a month.
	s, err := revops.SpanFromCharge(revops.ChargeSpan{
		Customer: "acme", Currency: "USD", Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		Charge: revops.Charge{Amount: decimal.NewFromInt(1200), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years}},
	})
	fmt.Println(s.MRR.Monthly().StringFixed(2), err)
	// Output: 100.00 <nil>
}

func ExampleSpanFromInvoiceLine() {
	// 300 billed for the quarter January to March is 100 a month; 62 billed for
	// January 1 to 16 (15 of January's 31 days) is 62 × 31 ÷ 15 = 128.13 a month.
	quarter, err := revops.SpanFromInvoiceLine(revops.InvoiceLine{
		Customer: "acme", Amount: decimal.NewFromInt(300),
		ServiceStart: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ServiceEnd: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	part, err := revops.SpanFromInvoiceLine(revops.InvoiceLine{
		Customer: "globex", Amount: decimal.NewFromInt(62),
		ServiceStart: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ServiceEnd: time.Date(2025, 1, 16, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(quarter.MRR.Monthly().StringFixed(2), part.MRR.Monthly().StringFixed(2))
	// Output: 100.00 128.13
}

func ExampleHistory_Snapshot() {
	jan, feb := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(20))}, // an add-on
		{Customer: "globex", Start: jan, End: feb, MRR: revops.Monthly(decimal.NewFromInt(50))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := h.Snapshot(jan.AddDate(0, 0, 14))
	fmt.Println(s.MRR["acme"], s.MRR["globex"], len(h.Snapshot(feb).MRR))
	// Output: 120 50 1
}

func ExampleHistory_MRR() {
	jan, feb := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.RequireFromString("99.50"))},
		{Customer: "globex", Start: jan, End: feb, MRR: revops.Monthly(decimal.RequireFromString("49.25"))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h.MRR(jan), h.MRR(feb))
	// Output: 148.75 99.5
}

func ExampleHistory_BridgeInput() {
	jan, mar := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: mar, MRR: revops.Monthly(decimal.NewFromInt(100))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Acme left at the end of January and pays again in March: a reactivation.
	in, err := h.BridgeInput(revops.Month(2025, 3))
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := revops.MRRBridge(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Former["acme"].Format(time.DateOnly), b.Reactivation)
	// Output: 2025-02-01 100
}

func ExampleHistory_Series() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Subscription: "s", Start: jan, End: jan.AddDate(0, 0, 10), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Subscription: "s", Start: jan.AddDate(0, 0, 10), End: jan.AddDate(0, 0, 20), MRR: revops.Monthly(decimal.NewFromInt(150))},
		{Customer: "acme", Subscription: "s", Start: jan.AddDate(0, 0, 20), MRR: revops.Monthly(decimal.NewFromInt(120))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Acme joins on January 1 at 100, upgrades to 150 on the 11th and downgrades to 120
	// on the 21st. Net, January shows a new customer at 120; every change shows the
	// new 100, the expansion of 50 and the contraction of 30.
	net, err := h.Series([]revops.Period{revops.Month(2025, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	every, err := h.Series([]revops.Period{revops.Month(2025, 1)}, revops.MovementsEveryChange)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(net[0].New, net[0].Expansion, net[0].Contraction)
	fmt.Println(every[0].New, every[0].Expansion, every[0].Contraction)
	// Output:
	// 120 0 0
	// 100 50 30
}

func ExampleHistory_Totals() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(50))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := h.Totals([]revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	feb := t.Periods[1]
	fmt.Println(feb.Start, feb.Churn, feb.End, feb.Customers.Start, feb.Customers.Churned, feb.EndCustomers)
	// Output: 150 50 100 2 1 1
}

func ExampleTotals_Merge() {
	// Two shards of customers, as two workers would hold them, merged before any rate.
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)}
	east, errEast := revops.NewHistory([]revops.Span{{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))}})
	west, errWest := revops.NewHistory([]revops.Span{{Customer: "globex", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(50))}})
	if err := errors.Join(errEast, errWest); err != nil {
		fmt.Println(err)
		return
	}
	a, errA := east.Totals(months)
	b, errB := west.Totals(months)
	if err := errors.Join(errA, errB); err != nil {
		fmt.Println(err)
		return
	}
	all, err := a.Merge(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(all.Periods[1].Start, all.Periods[1].Churn, err)
	// Output: 150 50 <nil>
}

func ExampleTotals_Series() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(50))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := h.Totals([]revops.Period{revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	feb := t.Series()[0]
	// February: 150 at the start, globex's 50 lost; 1 of 2 customers gone; no gains.
	fmt.Println(feb.NRR.Percent(1), feb.GRR.Percent(1), feb.CustomerChurn.Percent(1), feb.QuickRatio)
	// Output: 66.7 % 66.7 % 50.0 % 0
}

func ExampleTotals_CohortTable() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(50))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := h.TotalsWithCohorts([]revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	table, err := t.CohortTable()
	if err != nil {
		fmt.Println(err)
		return
	}
	jan25 := table.Rows[0] // 2 customers, 150 a month; in February 1 of them, 100
	fmt.Println(jan25.Size, jan25.Logo[1].Percent(1), jan25.Revenue[1].Percent(1))
	fmt.Println(table.Rows[1].Size, table.Rows[1].Logo[0]) // nobody first paid in February
	// Output:
	// 2 50.0 % 66.7 %
	// 0 n/a
}

func ExampleHistory_Cohorts() {
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: day(1), MRR: revops.Monthly(decimal.NewFromInt(100))},              // January cohort, stays
		{Customer: "b", Start: day(1), End: day(2), MRR: revops.Monthly(decimal.NewFromInt(100))}, // January cohort, leaves
		{Customer: "c", Start: day(2), MRR: revops.Monthly(decimal.NewFromInt(10))},               // February cohort, stays
		{Customer: "d", Start: day(2), End: day(3), MRR: revops.Monthly(decimal.NewFromInt(10))},  // February cohort, leaves
		{Customer: "e", Start: day(2), End: day(3), MRR: revops.Monthly(decimal.NewFromInt(10))},  // February cohort, leaves
		{Customer: "f", Start: day(2), End: day(3), MRR: revops.Monthly(decimal.NewFromInt(10))},  // February cohort, leaves
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3)}
	weighted, err := h.Cohorts(months)
	if err != nil {
		fmt.Println(err)
		return
	}
	mean, err := h.Cohorts(months, revops.CohortSimpleMean)
	if err != nil {
		fmt.Println(err)
		return
	}
	// One month on, 1 of January's 2 and 1 of February's 4 still pay: pooled, 2 of 6;
	// the simple mean of ½ and ¼ is 0.375.
	fmt.Println(weighted.Average[1].Logo.Percent(1), mean.Average[1].Logo.Percent(1))
	// Output: 33.3 % 37.5 %
}

func ExampleHistory_TrailingRetention() {
	dec1 := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: dec1, End: dec1.AddDate(0, 6, 0), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: dec1.AddDate(0, 6, 0), MRR: revops.Monthly(decimal.NewFromInt(130))},
		{Customer: "globex", Start: dec1, End: dec1.AddDate(0, 3, 0), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "initech", Start: dec1.AddDate(0, 2, 0), MRR: revops.Monthly(decimal.NewFromInt(500))}, // new: never counts
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Paying at the close of December 2024: acme (100) and globex (100). A year later
	// acme pays 130 and globex nothing: NRR 130 ÷ 200, GRR 100 ÷ 200.
	w, err := h.TrailingRetention(revops.Month(2025, 12))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.From.Format(time.DateOnly), w.NRR.Percent(1), w.GRR.Percent(1))
	// Output: 2024-12-31 65.0 % 50.0 %
}

func ExampleHistory_Currency() {
	h, err := revops.NewHistory([]revops.Span{{Customer: "acme", Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), MRR: revops.Monthly(decimal.NewFromInt(9000)), Currency: "JPY"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h.Currency())
	// Output: JPY
}

func ExampleHistory_Customers() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "free", Start: jan, MRR: revops.Monthly(decimal.Zero)}, // never pays: not a customer
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h.Customers())
	// Output: 1
}

func ExampleMetric_Value() {
	h, err := revops.NewHistory(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, err := h.Series([]revops.Period{revops.Month(2025, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = rows[0].NRR.Value() // no revenue at the start: NRR is undefined
	fmt.Println(err)
	// Output: revops: NRR: Start: zero denominator (no revenue at the start)
}

func ExampleMetric_String() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))}})
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, err := h.Series([]revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rows[0].ARPA, rows[1].NRR, rows[1].QuickRatio)
	// Output: 100 1 n/a
}

func ExamplePeriodTotals_Retention() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(90))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := h.Totals([]revops.Period{revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	nrr, err := revops.NRR(t.Periods[0].Retention()) // 90 ÷ 100
	fmt.Println(nrr.Shift(2).StringFixed(1)+" %", err)
	// Output: 90.0 % <nil>
}

func ExampleTrailingMonths() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, End: jan.AddDate(0, 2, 0), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: jan.AddDate(0, 2, 0), MRR: revops.Monthly(decimal.NewFromInt(110))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Acme first pays in January, so a 3-month window opening at the close of December
	// finds no customer (n/a); a 2-month window opens at the close of January: 110 ÷ 100.
	quarter, err := h.TrailingRetention(revops.Month(2025, 3), revops.TrailingMonths(3))
	if err != nil {
		fmt.Println(err)
		return
	}
	two, err := h.TrailingRetention(revops.Month(2025, 3), revops.TrailingMonths(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(quarter.NRR, two.NRR)
	// Output: n/a 1.1
}

func ExampleMetric_Percent() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: jan, End: jan.AddDate(0, 1, 0), MRR: revops.Monthly(decimal.NewFromInt(50))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	series, err := h.Series([]revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	// January has no starting MRR; February keeps 100 of 150.
	fmt.Println(series[0].NRR.Percent(1), series[1].NRR.Percent(1), series[1].NRR.Percent(4))
	// Output: n/a 66.7 % 66.6667 %
}

func ExampleCustomerChange_Amount() {
	// February: acme goes from 100 to 60, a contraction of |60 − 100| = 40; globex
	// (50) leaves, a churn of its 50 before; initech joins at 30, new, |30 − 0| = 30.
	jan, feb := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, End: feb, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: feb, MRR: revops.Monthly(decimal.NewFromInt(60))},
		{Customer: "globex", Start: jan, End: feb, MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "initech", Start: feb, MRR: revops.Monthly(decimal.NewFromInt(30))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	changes, err := h.Changes([]revops.Period{revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range changes {
		fmt.Println(c.Customer, c.Movement, c.Before, "→", c.After, "amount", c.Amount())
	}
	// Output:
	// acme contraction 100 → 60 amount 40
	// globex churn 50 → 0 amount 50
	// initech new 0 → 30 amount 30
}

func ExampleMRRMovements_Movements() {
	// February: acme goes from 100 to 130, globex (50) leaves, initech joins at 40. As
	// decimals the movements feed NetNewMRR, 40 + 30 − 50 = 20, and QuickRatio,
	// (40 + 30) ÷ 50 = 1.4.
	jan, feb := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, End: feb, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: feb, MRR: revops.Monthly(decimal.NewFromInt(130))},
		{Customer: "globex", Start: jan, End: feb, MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "initech", Start: feb, MRR: revops.Monthly(decimal.NewFromInt(40))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := h.Totals([]revops.Period{revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := t.Periods[0].Movements()
	net, err := revops.NetNewMRR(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	quick, err := revops.QuickRatio(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new", m.New, "expansion", m.Expansion, "churn", m.Churn, "net new", net, "quick ratio", quick)
	// Output: new 40 expansion 30 churn 50 net new 20 quick ratio 1.4
}
