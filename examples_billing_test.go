package revops_test

import (
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// ExampleBillingSpans turns a Stripe-like export into a monthly series: an annual
// plan, a monthly plan whose 3 seats drop to 2 in March, and a monthly plan that
// starts with a two-week trial in February and is canceled at the end of its April
// period.
func ExampleBillingSpans() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	monthly, yearly := revops.Interval{Count: 1, Unit: revops.Months}, revops.Interval{Count: 1, Unit: revops.Years}
	export := []revops.BillingSubscription{
		{ID: "sub_1", Customer: "acme", Currency: "usd", Start: day(1, 1),
			Items: []revops.BillingItem{{Price: decimal.NewFromInt(6_000), Quantity: 1, Interval: yearly}}},
		{ID: "sub_2", Customer: "globex", Currency: "usd", Start: day(1, 1), EndedAt: day(3, 1),
			Items: []revops.BillingItem{{Price: decimal.NewFromInt(100), Quantity: 3, Interval: monthly}}},
		{ID: "sub_3", Customer: "globex", Currency: "usd", Start: day(3, 1),
			Items: []revops.BillingItem{{Price: decimal.NewFromInt(100), Quantity: 2, Interval: monthly}}},
		{ID: "sub_4", Customer: "initech", Currency: "usd", Start: day(2, 1), TrialEnd: day(2, 15),
			CancelAtPeriodEnd: true, CurrentPeriodStart: day(4, 15), CurrentPeriodEnd: day(5, 15),
			Items: []revops.BillingItem{{Price: decimal.NewFromInt(49), Quantity: 1, Interval: monthly}}},
	}
	spans, err := revops.BillingSpans(export)
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		fmt.Println(err)
		return
	}
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3), revops.Month(2025, 4), revops.Month(2025, 5)}
	series, err := h.Series(months)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range series {
		fmt.Println(r.Period.Start().Format("2006-01"), "MRR", r.End, "new", r.New, "contraction", r.Contraction, "churn", r.Churn, "logo churn", r.CustomerChurn.Percent(1))
	}
	// Output:
	// 2025-01 MRR 800 new 800 contraction 0 churn 0 logo churn n/a
	// 2025-02 MRR 849 new 49 contraction 0 churn 0 logo churn 0.0 %
	// 2025-03 MRR 749 new 0 contraction 100 churn 0 logo churn 0.0 %
	// 2025-04 MRR 749 new 0 contraction 0 churn 0 logo churn 0.0 %
	// 2025-05 MRR 700 new 0 contraction 0 churn 49 logo churn 33.3 %
}

func ExampleBillingSubscription_MRRAt() {
	// Three seats at 40 a month with 25 % off for the first three months, and a
	// once-off coupon, which MRR never counts.
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	s := revops.BillingSubscription{ID: "sub_1", Customer: "acme", Currency: "usd", Start: day(1, 1),
		Items: []revops.BillingItem{{Price: decimal.NewFromInt(40), Quantity: 3, Interval: revops.Interval{Count: 1, Unit: revops.Months},
			Discounts: []revops.DatedDiscount{{Discount: revops.Discount{Percent: decimal.RequireFromString("0.25"), Duration: revops.DiscountRepeating}, End: day(4, 1)}}}},
		Discounts: []revops.DatedDiscount{{Discount: revops.Discount{Amount: decimal.NewFromInt(20), Duration: revops.DiscountOnce}}},
	}
	for _, at := range []time.Time{day(2, 1), day(4, 1)} {
		all, err := s.MRRAt(at)
		if err != nil {
			fmt.Println(err)
			return
		}
		stripe, err := s.MRRAt(at, revops.DiscountsForeverOnly)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(at.Format("2006-01-02"), all, stripe)
	}
	// Output:
	// 2025-02-01 90 120
	// 2025-04-01 120 120
}

func ExampleBillingSubscription_StatusAt() {
	// A trial of two weeks from March 1, then billing; past due since its May 1
	// renewal failed, as exported later.
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	s := revops.BillingSubscription{ID: "sub_1", Customer: "acme", Start: day(3, 1), TrialEnd: day(3, 15),
		Status: revops.StatusPastDue, StatusSince: day(5, 1), CurrentPeriodStart: day(5, 1), CurrentPeriodEnd: day(6, 1)}
	for _, at := range []time.Time{day(2, 1), day(3, 5), day(4, 1), day(5, 10)} {
		st, err := s.StatusAt(at)
		fmt.Println(at.Format("2006-01-02"), st, err)
	}
	// Output:
	// 2025-02-01 not_started <nil>
	// 2025-03-05 trialing <nil>
	// 2025-04-01 active <nil>
	// 2025-05-10 past_due <nil>
}
