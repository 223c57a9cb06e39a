package revops_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

func ExampleMonthly() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	// A span of 100 a month, and one of a plan of 1,000 a year, kept as 1000/12.
	yearly, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1000), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years}})
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "globex", Start: jan, MRR: yearly},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	mrr := h.MRR(jan)
	cents, err := mrr.RoundMonthly("USD")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("MRR", cents, "ARR", mrr.Annual())
	// Output: MRR 183.33 ARR 2200
}

func ExampleInvoiceSpans() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	lines := []revops.InvoiceLine{
		// Monthly invoices anchored on the 31st: each is one billing month.
		{Customer: "acme", Subscription: "sub_1", Item: "plan", ServiceStart: day(1, 31), ServiceEnd: day(2, 28), Amount: decimal.NewFromInt(100)},
		{Customer: "acme", Subscription: "sub_1", Item: "plan", ServiceStart: day(2, 28), ServiceEnd: day(3, 31), Amount: decimal.NewFromInt(100)},
		// An add-on on the same invoice adds up; the setup fee is never MRR.
		{Customer: "acme", Subscription: "sub_1", Item: "addon", ServiceStart: day(2, 28), ServiceEnd: day(3, 31), Amount: decimal.NewFromInt(30)},
		{Customer: "acme", Subscription: "sub_1", Item: "setup", ServiceStart: day(2, 28), ServiceEnd: day(3, 31), Amount: decimal.NewFromInt(500), OneTime: true},
		// A credit note for part of March nets against the lines it overlaps.
		{Customer: "acme", Subscription: "sub_1", Item: "plan", ServiceStart: day(2, 28), ServiceEnd: day(3, 31), Amount: decimal.NewFromInt(-20)},
	}
	spans, err := revops.InvoiceSpans(lines)
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(spans), "spans")
	fmt.Println("February 10:", h.MRR(day(2, 10)))
	fmt.Println("March 10:", h.MRR(day(3, 10)))
	// Output:
	// 4 spans
	// February 10: 100
	// March 10: 110
}

func ExampleNewHistoryIn() {
	month := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	rates, err := revops.NewExchangeRates("USD", []revops.ExchangeRate{
		{From: "EUR", Date: month(1), Rate: decimal.RequireFromString("1.10")},
		{From: "EUR", Date: month(2), Rate: decimal.RequireFromString("1.05")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := revops.NewHistoryIn(rates, []revops.Span{
		{Customer: "paris", Start: month(1), MRR: revops.Monthly(decimal.NewFromInt(100)), Currency: "EUR"},
		{Customer: "boston", Start: month(1), MRR: revops.Monthly(decimal.NewFromInt(100)), Currency: "USD"},
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
	feb := series[1]
	// The euro lost value: MRR falls by 5, all of it FX; nobody contracted.
	fmt.Println("MRR", feb.End, "FX", feb.FX, "contraction", feb.Contraction, "NRR", feb.NRR.Percent(1))
	// Output: MRR 205 FX -5 contraction 0 NRR 100.0 %
}

func ExampleSegmentSeries() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	// acme moves from the Pro plan (50) to Basic (30) on March 10; globex stays on Pro.
	pro := []revops.Span{
		{Customer: "acme", Start: day(1, 1), End: day(3, 10), MRR: revops.Monthly(decimal.NewFromInt(50))},
		{Customer: "globex", Start: day(1, 1), MRR: revops.Monthly(decimal.NewFromInt(20))},
	}
	basic := []revops.Span{{Customer: "acme", Start: day(3, 10), MRR: revops.Monthly(decimal.NewFromInt(30))}}
	whole, err := revops.NewHistory(append(append([]revops.Span{}, pro...), basic...))
	if err != nil {
		fmt.Println(err)
		return
	}
	proHistory, err := revops.NewHistory(pro)
	if err != nil {
		fmt.Println(err)
		return
	}
	march := []revops.Period{revops.Month(2025, 3)}
	s, err := revops.SegmentSeries(whole, proHistory, march)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := s[0]
	fmt.Println("Pro: leaving", r.Leaving, "churn", r.Churn, "logo churn", r.CustomerChurn.Percent(1))
	// Output: Pro: leaving 50 churn 0 logo churn 0.0 %
}

func ExampleHistory_Changes() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: day(1, 1), End: day(2, 15), MRR: revops.Monthly(decimal.NewFromInt(10))},
		{Customer: "acme", Start: day(2, 15), MRR: revops.Monthly(decimal.NewFromInt(25))},
		{Customer: "globex", Start: day(1, 1), End: day(2, 20), MRR: revops.Monthly(decimal.NewFromInt(40))},
		{Customer: "initech", Start: day(2, 3), MRR: revops.Monthly(decimal.NewFromInt(7))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	log, err := h.Changes([]revops.Period{revops.Month(2025, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range log {
		fmt.Println(c.Customer, c.Movement, c.Before, "→", c.After, c.Amount())
	}
	// Output:
	// acme expansion 10 → 25 15
	// globex churn 40 → 0 40
	// initech new 0 → 7 7
}

func ExampleHistory_TotalsWithCohorts() {
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
	// January's cohort: 2 customers; at February's close 1 of them, paying 100.
	fmt.Println(t.Cohorts[0].Size, t.Cohorts[0].Customers[1], t.Cohorts[0].MRR[1])
	// Output: 2 1 100
}

func ExampleSpanReader_Value() {
	in := "customer_id,start_date,end_date,monthly_amount,plan\n" +
		"acme,2025-01-01,,100,pro\n" +
		"globex,2025-01-01,,30,basic\n"
	r, err := revops.NewSpanReader(strings.NewReader(in), revops.SpanColumns{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		s, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		plan, ok := r.Value("plan")
		fmt.Println(s.Customer, plan, ok)
	}
	// Output:
	// acme pro true
	// globex basic true
}

func ExampleRecurring_Add() {
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	a, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1000), Quantity: 1, Interval: yearly})
	if err != nil {
		fmt.Println(err)
		return
	}
	sum, err := a.Add(revops.Monthly(decimal.NewFromInt(50)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sum.Annual(), sum.Sign())
	// Output: 1600 1
}

func ExampleRecurring_Sub() {
	// A customer moves from $1,000 a year to $90 a month: 90 − 1000/12 = 80/12, in
	// lowest terms 20/3 ($6.666…) more a month, $80 more a year.
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	before, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1000), Quantity: 1, Interval: yearly})
	if err != nil {
		fmt.Println(err)
		return
	}
	change, err := revops.Monthly(decimal.NewFromInt(90)).Sub(before)
	if err != nil {
		fmt.Println(err)
		return
	}
	num, den := change.Fraction()
	fmt.Println(num, den, change.Annual())
	// Output: 20 3 80
}

func ExampleFromMinorUnits() {
	for _, c := range []struct {
		amount   int64
		currency string
	}{{1999, "USD"}, {500, "JPY"}, {5125, "KWD"}} {
		d, err := revops.FromMinorUnits(c.amount, c.currency)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(c.amount, c.currency, "is", d)
	}
	// Output:
	// 1999 USD is 19.99
	// 500 JPY is 500
	// 5125 KWD is 5.125
}

func ExampleError_Path() {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Subscription: "sub_1", Start: jan, MRR: revops.Monthly(decimal.NewFromInt(10))},
		{Customer: "acme", Subscription: "sub_1", Start: jan.AddDate(0, 2, 0), MRR: revops.Monthly(decimal.NewFromInt(20))},
	})
	var e *revops.Error
	if errors.As(err, &e) {
		// The positions are data: a caller names the records in its own terms.
		fmt.Println(e.Path(), "overlaps", e.Related)
		fmt.Println("record", e.Record.Index, "field", e.Field)
	}
	// Output:
	// spans[1].Start overlaps spans[0]
	// record 1 field Start
}

func ExampleInterval_UnmarshalJSON() {
	// Stripe's price.recurring object, as its API returns it.
	var iv revops.Interval
	if err := json.Unmarshal([]byte(`{"interval": "week", "interval_count": 2, "usage_type": "licensed"}`), &iv); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(iv.Count, iv.Unit)
	// Output: 2 weeks
}

func ExampleHistory_TrailingSeries() {
	month := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: month(2024, 1), End: month(2025, 1), MRR: revops.Monthly(decimal.NewFromInt(100))},
		{Customer: "acme", Start: month(2025, 1), MRR: revops.Monthly(decimal.NewFromInt(130))},
		{Customer: "globex", Start: month(2024, 1), End: month(2024, 12), MRR: revops.Monthly(decimal.NewFromInt(100))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	windows, err := h.TrailingSeries([]revops.Period{revops.Month(2024, 12), revops.Month(2025, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	// December 2024's window opens at the close of December 2023, when nobody paid;
	// January 2025's at the close of January 2024: 200 then, acme's 130 now, globex
	// gone.
	for _, w := range windows {
		fmt.Println(w.To.Format("2006-01"), w.NRR.Percent(1), w.GRR.Percent(1))
	}
	// Output:
	// 2024-12 n/a n/a
	// 2025-01 65.0 % 50.0 %
}

func ExampleRecurring_Cmp() {
	yearly := revops.Interval{Count: 1, Unit: revops.Years}
	a, err := revops.ChargeMRR(revops.Charge{Amount: decimal.NewFromInt(1000), Quantity: 1, Interval: yearly}) // 1000/12
	if err != nil {
		fmt.Println(err)
		return
	}
	// 1000/12 is above 83.33 and below 83.34, exactly.
	fmt.Println(a.Cmp(revops.Monthly(decimal.RequireFromString("83.33"))), a.Cmp(revops.Monthly(decimal.RequireFromString("83.34"))))
	// Output: 1 -1
}
