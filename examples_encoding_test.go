package revops_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

func ExampleStatus_MarshalText() {
	sub := revops.Subscription{Customer: "acme", Currency: "USD", Status: revops.StatusPastDue}
	b, err := json.Marshal(sub)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	var back revops.Subscription
	err = json.Unmarshal([]byte(`{"customer":"acme","status":"active"}`), &back)
	fmt.Println(back.Status, err)
	// Output:
	// {"customer":"acme","currency":"USD","status":"past_due","charges":null}
	// active <nil>
}

func ExampleStatus_String() {
	fmt.Println(revops.StatusActive, revops.StatusCanceled, revops.Status(9))
	// Output: active canceled Status(9)
}

func ExamplePolicy_json() {
	// A whole policy travels as names: a preset can live in a config file.
	p := revops.Policy{ChurnDenominator: revops.ChurnOverStartPlusNew, Discounts: revops.DiscountsForeverOnly}
	b, err := json.Marshal(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	var back revops.Policy
	err = json.Unmarshal(b, &back)
	fmt.Println(back == p, err)
	fmt.Println(back.ChurnDenominator, back.Discounts, back.PastDue)
	// Output:
	// true <nil>
	// start_plus_new forever_only counted
}

func ExamplePeriod_MarshalJSON() {
	b, err := json.Marshal(revops.Month(2026, time.January))
	fmt.Println(string(b), err)
	// Output: {"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"} <nil>
}

func ExamplePeriod_UnmarshalJSON() {
	var p revops.Period
	err := json.Unmarshal([]byte(`{"start":"2026-04-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}`), &p)
	fmt.Println(p, err)
	fmt.Println(p.Next()) // a calendar quarter: the next one is July to September
	// Output:
	// [2026-04-01T00:00:00Z, 2026-07-01T00:00:00Z) <nil>
	// [2026-07-01T00:00:00Z, 2026-10-01T00:00:00Z)
}

func ExampleError_MarshalJSON() {
	_, nrrErr := revops.NRR(revops.RevenueMovements{Start: decimal.Zero})
	b, err := json.Marshal(nrrErr)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	var back revops.Error
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(errors.Is(&back, revops.ErrZeroDenominator))
	// Output:
	// {"metric":"NRR","field":"Start","kind":"zero_denominator","detail":"no revenue at the start"}
	// true
}

func ExampleMetric_MarshalJSON() {
	// One customer joins on January 10 at 100 a month: January has no starting MRR, so
	// its NRR is undefined; February keeps all of it.
	h, err := revops.NewHistory([]revops.Span{{
		Customer: "acme", Start: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), MRR: revops.Monthly(decimal.NewFromInt(100)),
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	series, err := h.Series([]revops.Period{revops.Month(2026, time.January), revops.Month(2026, time.February)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range series {
		b, err := json.Marshal(r.NRR)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(string(b))
	}
	// Output:
	// {"value":null,"error":{"metric":"NRR","field":"Start","kind":"zero_denominator","detail":"no revenue at the start"}}
	// {"value":"1"}
}

func ExampleSpeedToLeadResult_MarshalJSON() {
	created := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	r, err := revops.SpeedToLead([]revops.Lead{
		{Created: created, FirstResponse: created.Add(90 * time.Second)},
		{Created: created, FirstResponse: created.Add(150 * time.Second)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := json.Marshal(r) // (90 + 150) ÷ 2 = 120 seconds
	fmt.Println(string(b), err)
	// Output: {"mean_seconds":"120","median_seconds":"120","contacted":2,"never_contacted":0} <nil>
}

func ExampleRecurring_UnmarshalJSON() {
	// $1,000 every three years, as MarshalJSON writes it: 1000 ÷ 36 = 250/9 a month,
	// 1000 ÷ 3 a year. The fraction restores the amount exactly.
	var r revops.Recurring
	if err := json.Unmarshal([]byte(`{"mrr":"27.7777777777777778","arr":"333.3333333333333333","monthly_fraction":"250/9"}`), &r); err != nil {
		fmt.Println(err)
		return
	}
	num, den := r.Fraction()
	fmt.Println(num, den, r.Annual())
	// An "mrr" that the "arr" does not give is refused: 1000 ÷ 12 is not 80.
	err := json.Unmarshal([]byte(`{"mrr":"80","arr":"1000"}`), &r)
	fmt.Println(err)
	// Output:
	// 250 9 333.3333333333333333
	// revops: Recurring: mrr: inconsistent inputs (80, but arr gives 83.3333333333333333)
}

func ExampleError_UnmarshalJSON() {
	// An error as another service logged it: decoded, it matches its sentinel again.
	var e revops.Error
	if err := json.Unmarshal([]byte(`{"metric":"NRR","field":"Start","kind":"zero_denominator","detail":"no revenue at the start"}`), &e); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Error(), errors.Is(&e, revops.ErrZeroDenominator))
	// A kind that names no sentinel is refused.
	err := json.Unmarshal([]byte(`{"metric":"NRR","kind":"timeout"}`), &e)
	fmt.Println(err)
	// Output:
	// revops: NRR: Start: zero denominator (no revenue at the start) true
	// revops: Error: kind: value out of range ("timeout" names no sentinel)
}

func ExampleMetric_UnmarshalJSON() {
	// A defined figure, an undefined one with its reason, and a figure with neither.
	var m revops.Metric
	if err := json.Unmarshal([]byte(`{"value":"1.05"}`), &m); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m, m.Percent(1))
	if err := json.Unmarshal([]byte(`{"value":null,"error":{"metric":"NRR","field":"Start","kind":"zero_denominator","detail":"no revenue at the start"}}`), &m); err != nil {
		fmt.Println(err)
		return
	}
	_, reason := m.Value()
	fmt.Println(m, errors.Is(reason, revops.ErrZeroDenominator))
	err := json.Unmarshal([]byte(`{"value":null}`), &m)
	fmt.Println(err)
	// Output:
	// 1.05 105.0 %
	// n/a true
	// revops: Metric: value: inconsistent inputs (want a value or an error, exactly one)
}

func ExampleSpeedToLeadResult_UnmarshalJSON() {
	// 90.5 seconds is 1m30.5s; a tenth of a nanosecond fits no time.Duration.
	var r revops.SpeedToLeadResult
	if err := json.Unmarshal([]byte(`{"mean_seconds":"90.5","median_seconds":"60","contacted":3,"never_contacted":1}`), &r); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Mean, r.Median, r.Contacted, r.NeverContacted)
	err := json.Unmarshal([]byte(`{"mean_seconds":"0.0000000001","median_seconds":"0","contacted":1,"never_contacted":0}`), &r)
	fmt.Println(err)
	// Output:
	// 1m30.5s 1m0s 3 1
	// revops: SpeedToLeadResult: mean_seconds: value out of range (0.0000000001 s is not a whole number of nanoseconds within a time.Duration)
}
