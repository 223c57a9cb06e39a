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
