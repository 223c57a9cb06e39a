package revops_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

func ExampleCustomerChurnRate() {
	// ChartMogul's B2B example: 100 customers at the start of the month, 11 cancel, and
	// one of those joined this month, so it is left out.
	c := revops.CustomerCounts{Start: 100, New: 5, Churned: 11, JoinedAndLeft: 1}
	churn, err := revops.CustomerChurnRate(c)
	fmt.Println(churn.Shift(2).StringFixed(1)+" %", err)
	// Output: 10.0 % <nil>
}

func ExampleCustomerChurnRate_stripe() {
	// Stripe Billing divides by the customers at the start plus those who joined.
	c := revops.CustomerCounts{Start: 100, New: 25, Churned: 11, JoinedAndLeft: 1}
	churn, err := revops.CustomerChurnRate(c, revops.ChurnOverStartPlusNew, revops.JoinedAndLeftCounted)
	fmt.Println(churn.Shift(2).StringFixed(1)+" %", err)
	// Output: 8.8 % <nil>
}

func ExampleCustomerChurnRate_error() {
	_, err := revops.CustomerChurnRate(revops.CustomerCounts{Start: 10, Churned: 12})
	fmt.Println(errors.Is(err, revops.ErrInconsistent))
	fmt.Println(err)
	// Output:
	// true
	// revops: CustomerChurnRate: Churned: inconsistent inputs (12 customers of the start lost, but only 10 at the start)
}

func ExampleCustomerRetentionRate() {
	// 100 at the start, 20 joined, 10 left: 110 at the end, (110 − 20) ÷ 100.
	retention, err := revops.CustomerRetentionRate(revops.CustomerCounts{Start: 100, New: 20, Churned: 10})
	fmt.Println(retention.Shift(2).StringFixed(1)+" %", err)
	// Output: 90.0 % <nil>
}

func ExampleNRR() {
	// A month's MRR movements: $100,000 at the start from the customers then paying.
	month := revops.RevenueMovements{
		Start:        decimal.NewFromInt(100_000),
		Expansion:    decimal.NewFromInt(20_000),
		Contraction:  decimal.NewFromInt(5_000),
		Churn:        decimal.NewFromInt(10_000),
		Reactivation: decimal.NewFromInt(3_000),
	}
	nrr, err := revops.NRR(month)
	fmt.Println(nrr.Shift(2).StringFixed(1)+" %", err)
	// Output: 105.0 % <nil>
}

func ExampleNRR_reactivation() {
	// A month's MRR movements: $100,000 at the start from the customers then paying.
	month := revops.RevenueMovements{
		Start:        decimal.NewFromInt(100_000),
		Expansion:    decimal.NewFromInt(20_000),
		Contraction:  decimal.NewFromInt(5_000),
		Churn:        decimal.NewFromInt(10_000),
		Reactivation: decimal.NewFromInt(3_000),
	}
	nrr, err := revops.NRR(month, revops.NRRIncludesReactivation)
	fmt.Println(nrr.Shift(2).StringFixed(1)+" %", err)
	// Output: 108.0 % <nil>
}

func ExampleGRR() {
	// A month's MRR movements: $100,000 at the start from the customers then paying.
	month := revops.RevenueMovements{
		Start:        decimal.NewFromInt(100_000),
		Expansion:    decimal.NewFromInt(20_000),
		Contraction:  decimal.NewFromInt(5_000),
		Churn:        decimal.NewFromInt(10_000),
		Reactivation: decimal.NewFromInt(3_000),
	}
	grr, err := revops.GRR(month)
	fmt.Println(grr.Shift(2).StringFixed(1)+" %", err)
	// Output: 85.0 % <nil>
}

func ExampleGrossRevenueChurnRate() {
	// A month's MRR movements: $100,000 at the start from the customers then paying.
	month := revops.RevenueMovements{
		Start:        decimal.NewFromInt(100_000),
		Expansion:    decimal.NewFromInt(20_000),
		Contraction:  decimal.NewFromInt(5_000),
		Churn:        decimal.NewFromInt(10_000),
		Reactivation: decimal.NewFromInt(3_000),
	}
	churn, err := revops.GrossRevenueChurnRate(month)
	fmt.Println(churn.Shift(2).StringFixed(1)+" %", err)
	// Output: 15.0 % <nil>
}

func ExampleNetRevenueChurnRate() {
	// A month's MRR movements: $100,000 at the start from the customers then paying.
	month := revops.RevenueMovements{
		Start:        decimal.NewFromInt(100_000),
		Expansion:    decimal.NewFromInt(20_000),
		Contraction:  decimal.NewFromInt(5_000),
		Churn:        decimal.NewFromInt(10_000),
		Reactivation: decimal.NewFromInt(3_000),
	}
	// Expansion outgrew the losses: net negative churn.
	churn, err := revops.NetRevenueChurnRate(month)
	fmt.Println(churn.Shift(2).StringFixed(1)+" %", err)
	// Output: -5.0 % <nil>
}

func ExampleRenewalRate() {
	q1, err := revops.Quarter(2026, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	date := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	r, err := revops.RenewalRate(q1, []revops.Renewal{
		{TermEnd: date(1, 31), Value: decimal.NewFromInt(12_000), Renewed: true, RenewedValue: decimal.NewFromInt(15_000)},
		{TermEnd: date(2, 28), Value: decimal.NewFromInt(6_000)},
		{TermEnd: date(3, 1), Value: decimal.NewFromInt(6_000), Renewed: true, RenewedValue: decimal.NewFromInt(4_800)},
		// Two years into a three-year contract: not up for renewal this quarter.
		{TermEnd: date(12, 31).AddDate(1, 0, 0), Value: decimal.NewFromInt(50_000)},
	})
	fmt.Println(r.Renewed, "of", r.Due, "renewed:", r.ByCount.Shift(2).StringFixed(1)+" %", err)
	fmt.Println(r.RenewedValue, "of", r.DueValue, "renewed:", r.ByValue.Shift(2).StringFixed(1)+" %")
	// Output:
	// 2 of 3 renewed: 66.7 % <nil>
	// 16800 of 24000 renewed: 70.0 %
}

func ExampleNPS() {
	// Five promoters (9–10), two passives (7–8), three detractors (0–6): 100 × (5 − 3) ÷ 10.
	nps, err := revops.NPS([]int{10, 9, 9, 8, 7, 6, 0, 3, 10, 10})
	fmt.Println(nps.StringFixed(1), err)
	// Output: 20.0 <nil>
}

func ExampleNPSFromCounts() {
	nps, err := revops.NPSFromCounts(revops.NPSCounts{Promoters: 70, Passives: 20, Detractors: 10})
	fmt.Println(nps.StringFixed(1), err)
	// Output: 60.0 <nil>
}

func ExampleCSAT() {
	csat, err := revops.CSAT([]int{5, 4, 3, 2, 1, 5, 4, 4})
	fmt.Println(csat.Shift(2).StringFixed(1)+" %", err)
	// Output: 62.5 % <nil>
}

func ExampleCSAT_scale() {
	// A 1–10 survey on which 8 and up is satisfied.
	csat, err := revops.CSAT([]int{10, 8, 7, 9}, revops.CSATScale{Min: 1, Max: 10, Satisfied: 8})
	fmt.Println(csat.Shift(2).StringFixed(1)+" %", err)
	// Output: 75.0 % <nil>
}

func ExampleDefaultCSATScale() {
	fmt.Printf("%+v\n", revops.DefaultCSATScale())
	// Output: {Min:1 Max:5 Satisfied:4}
}

func ExampleCustomerRetentionCost() {
	cost, err := revops.CustomerRetentionCost(decimal.NewFromInt(12_000), 300)
	fmt.Println(cost.StringFixed(2), err)
	// Output: 40.00 <nil>
}

func ExampleError() {
	_, err := revops.NRR(revops.RevenueMovements{Start: decimal.Zero})
	var e *revops.Error
	if errors.As(err, &e) {
		fmt.Println(e.Metric, e.Field, errors.Is(err, revops.ErrZeroDenominator))
	}
	// Output: NRR Start true
}

func ExamplePolicy() {
	// A preset is a plain Policy value; every metric reads the choices it uses.
	stripeLike := revops.Policy{
		ChurnDenominator: revops.ChurnOverStartPlusNew,
		JoinedAndLeft:    revops.JoinedAndLeftCounted,
	}
	c := revops.CustomerCounts{Start: 80, New: 20, Churned: 6, JoinedAndLeft: 2}
	def, err := revops.CustomerChurnRate(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	preset, err := revops.CustomerChurnRate(c, stripeLike)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(def.Shift(2).StringFixed(1)+" %", preset.Shift(2).StringFixed(1)+" %")
	// Output: 5.0 % 6.0 %
}

func ExampleNewPeriod() {
	p, err := revops.NewPeriod(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(p.Days(), err)
	_, err = revops.NewPeriod(p.End(), p.Start())
	fmt.Println(errors.Is(err, revops.ErrInvalidPeriod))
	// Output:
	// 31 <nil>
	// true
}

func ExampleMonth() {
	feb := revops.Month(2028, time.February)
	fmt.Println(feb.Start().Format(time.DateOnly), feb.End().Format(time.DateOnly), feb.Days())
	// Output: 2028-02-01 2028-03-01 29
}

func ExampleMonthIn() {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		fmt.Println(err)
		return
	}
	mar := revops.MonthIn(2026, time.March, berlin)
	// The month loses an hour to daylight saving but still has 31 days.
	fmt.Println(mar.Start(), mar.End().Sub(mar.Start()), mar.Days())
	// Output: 2026-03-01 00:00:00 +0100 CET 743h0m0s 31
}

func ExampleQuarter() {
	q3, err := revops.Quarter(2026, 3)
	fmt.Println(q3.Start().Format(time.DateOnly), q3.End().Format(time.DateOnly), q3.Days(), err)
	_, err = revops.Quarter(2026, 5)
	fmt.Println(err)
	// Output:
	// 2026-07-01 2026-10-01 92 <nil>
	// revops: Quarter: q: value out of range (5 not in 1..4)
}

func ExampleQuarterIn() {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		fmt.Println(err)
		return
	}
	q1, err := revops.QuarterIn(2026, 1, tokyo)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q1.Start().UTC())
	// Output: 2025-12-31 15:00:00 +0000 UTC
}

func ExampleYear() {
	y := revops.Year(2024)
	fmt.Println(y.Days(), y.Contains(time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)), y.Contains(y.End()))
	// Output: 366 true false
}

func ExampleYearIn() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(revops.YearIn(2026, ny).Start())
	// Output: 2026-01-01 00:00:00 -0500 EST
}

func ExamplePeriod_Contains() {
	jan := revops.Month(2026, time.January)
	fmt.Println(jan.Contains(jan.Start()), jan.Contains(jan.End()))
	// Output: true false
}

func ExamplePeriod_Days() {
	fmt.Println(revops.Month(2026, time.February).Days(), revops.Year(2026).Days())
	// Output: 28 365
}

// Example_retentionReport computes a month's retention figures for one company from
// what its billing system reports.
func Example_retentionReport() {
	customers := revops.CustomerCounts{Start: 412, New: 37, Churned: 19, JoinedAndLeft: 3, LeftAndReturned: 2}
	mrr := revops.RevenueMovements{
		Start:        decimal.RequireFromString("248310.00"),
		Expansion:    decimal.RequireFromString("14220.50"),
		Contraction:  decimal.RequireFromString("3105.25"),
		Churn:        decimal.RequireFromString("9870.00"),
		Reactivation: decimal.RequireFromString("1200.00"),
	}
	churn, errChurn := revops.CustomerChurnRate(customers)
	nrr, errNRR := revops.NRR(mrr)
	grr, errGRR := revops.GRR(mrr)
	net, errNet := revops.NetRevenueChurnRate(mrr)
	if err := errors.Join(errChurn, errNRR, errGRR, errNet); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("logo churn  ", churn.Shift(2).StringFixed(1)+" %")
	fmt.Println("NRR         ", nrr.Shift(2).StringFixed(1)+" %")
	fmt.Println("GRR         ", grr.Shift(2).StringFixed(1)+" %")
	fmt.Println("net MRR churn", net.Shift(2).StringFixed(1)+" %")
	// Output:
	// logo churn   3.4 %
	// NRR          100.5 %
	// GRR          94.8 %
	// net MRR churn -0.5 %
}

func ExampleError_Error() {
	// Two spans of one subscription overlap: the message names the function, the
	// record and field, the sentinel, the detail and the other record.
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Subscription: "sub_1", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(10))},
		{Customer: "acme", Subscription: "sub_1", Start: jan.AddDate(0, 2, 0), MRR: revops.Monthly(decimal.NewFromInt(20))},
	})
	var e *revops.Error
	if !errors.As(err, &e) {
		fmt.Println("not an *Error:", err)
		return
	}
	fmt.Println(e.Error())
	// Output: revops: NewHistory: spans[1].Start: inconsistent inputs (starts while another span of subscription "sub_1" runs; see spans[0])
}

func ExampleError_Unwrap() {
	// NRR with no revenue at the start: the *Error wraps ErrZeroDenominator, which
	// errors.Is finds through Unwrap.
	_, err := revops.NRR(revops.RevenueMovements{Start: decimal.Zero})
	var e *revops.Error
	if !errors.As(err, &e) {
		fmt.Println("not an *Error:", err)
		return
	}
	fmt.Println(e.Unwrap(), e.Unwrap() == revops.ErrZeroDenominator, errors.Is(err, revops.ErrZeroDenominator))
	// Output: zero denominator true true
}

func ExamplePosition_String() {
	// A record of a slice, a record of a map, and a row of a file.
	for _, p := range []revops.Position{
		{List: "spans", Index: 41},
		{List: "mrr", Key: "acme"},
		{Index: 10, Line: 12, Column: "end_date"},
	} {
		fmt.Println(p)
	}
	// Output:
	// spans[41]
	// mrr["acme"]
	// line 12, column "end_date"
}

func ExampleRefused_Error() {
	// Four subscriptions, two of them invalid: a negative price, and 150 % off. With
	// InvalidRecordsSkip the MRR of the other two, 99 + 49 = 148, comes with one error
	// that lists both.
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	subs := []revops.Subscription{
		{Customer: "acme", Charges: []revops.Charge{{Amount: decimal.NewFromInt(99), Quantity: 1, Interval: monthly}}},
		{Customer: "globex", Charges: []revops.Charge{{Amount: decimal.NewFromInt(-49), Quantity: 1, Interval: monthly}}},
		{Customer: "initech", Charges: []revops.Charge{{Amount: decimal.NewFromInt(49), Quantity: 1, Interval: monthly}}},
		{Customer: "hooli", Charges: []revops.Charge{{Amount: decimal.NewFromInt(80), Quantity: 1, Interval: monthly,
			Discount: revops.Discount{Percent: decimal.RequireFromString("1.5")}}}},
	}
	mrr, err := revops.MRR(subs, revops.InvalidRecordsSkip)
	fmt.Println("MRR", mrr)
	fmt.Println(err)
	// Output:
	// MRR 148
	// revops: MRR: 2 of 4 records refused: subs[1].Charges[0].Amount: negative value (-49 < 0); subs[3].Charges[0].Discount.Percent: value out of range (1.5 > 1)
}

func ExampleRefused_Unwrap() {
	// The same four subscriptions: Unwrap gives each refused record's error, so
	// errors.Is finds every sentinel among them, and none that is not.
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	subs := []revops.Subscription{
		{Customer: "acme", Charges: []revops.Charge{{Amount: decimal.NewFromInt(99), Quantity: 1, Interval: monthly}}},
		{Customer: "globex", Charges: []revops.Charge{{Amount: decimal.NewFromInt(-49), Quantity: 1, Interval: monthly}}},
		{Customer: "initech", Charges: []revops.Charge{{Amount: decimal.NewFromInt(49), Quantity: 1, Interval: monthly}}},
		{Customer: "hooli", Charges: []revops.Charge{{Amount: decimal.NewFromInt(80), Quantity: 1, Interval: monthly,
			Discount: revops.Discount{Percent: decimal.RequireFromString("1.5")}}}},
	}
	_, err := revops.MRR(subs, revops.InvalidRecordsSkip)
	var refused *revops.Refused
	if !errors.As(err, &refused) {
		fmt.Println("nothing refused:", err)
		return
	}
	for _, e := range refused.Unwrap() {
		fmt.Println(errors.Is(e, revops.ErrNegative), errors.Is(e, revops.ErrOutOfRange))
	}
	fmt.Println(errors.Is(err, revops.ErrNegative), errors.Is(err, revops.ErrOutOfRange), errors.Is(err, revops.ErrCurrencyMismatch))
	// Output:
	// true false
	// false true
	// true true false
}

func ExamplePeriod_Start() {
	// The second quarter of 2026 starts on April 1; in Tokyo (UTC+9) that is 15:00 UTC
	// on March 31.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		fmt.Println(err)
		return
	}
	q2, err := revops.QuarterIn(2026, 2, tokyo)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q2.Start())
	fmt.Println(q2.Start().UTC())
	// Output:
	// 2026-04-01 00:00:00 +0900 JST
	// 2026-03-31 15:00:00 +0000 UTC
}

func ExamplePeriod_End() {
	// End is the first instant after the period: February 2026 ends at March 1, and its
	// last instant is one nanosecond before.
	feb := revops.Month(2026, time.February)
	fmt.Println(feb.End().Format(time.RFC3339Nano))
	fmt.Println(feb.End().Add(-time.Nanosecond).Format(time.RFC3339Nano))
	// Output:
	// 2026-03-01T00:00:00Z
	// 2026-02-28T23:59:59.999999999Z
}

func ExamplePeriod_IsZero() {
	var unset revops.Period
	fmt.Println(unset.IsZero(), revops.Month(2026, time.January).IsZero())
	// Output: true false
}

func ExamplePeriod_String() {
	// March 2026 in Berlin: it opens in winter time (UTC+1) and closes in summer time
	// (UTC+2), since the clocks go forward on March 29.
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(revops.MonthIn(2026, time.March, berlin).String())
	// Output: [2026-03-01T00:00:00+01:00, 2026-04-01T00:00:00+02:00)
}
