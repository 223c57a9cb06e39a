package revops_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// benchBilling returns n subscriptions of the Stripe-style fixture's shapes.
func benchBilling(n int) []revops.BillingSubscription {
	base := stripeFixture()
	out := make([]revops.BillingSubscription, n)
	for i := range out {
		b := base[i%len(base)]
		b.ID, b.Customer = fmt.Sprint("sub_", i), fmt.Sprint("cus_", i)
		out[i] = b
	}
	return out
}

func BenchmarkBillingSpans(b *testing.B) {
	subs := benchBilling(1_000)
	bench(b, func() {
		if _, err := revops.BillingSpans(subs); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkBillingSubscriptionMRRAt(b *testing.B) {
	s := stripeFixture()[4] // two items, one with a discount
	at := day25(6, 1)
	bench(b, func() {
		if _, err := s.MRRAt(at); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkBillingSubscriptionStatusAt(b *testing.B) {
	s := stripeFixture()[8]
	at := day25(6, 1)
	bench(b, func() {
		if _, err := s.StatusAt(at); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkPipelineByPeriod(b *testing.B) {
	in := revops.PipelineRecords{Opportunities: benchOpportunities(10_000)}
	for m := range revops.Year(2026).Months() {
		in.Periods = append(in.Periods, m)
		in.Quotas = append(in.Quotas, decimal.NewFromInt(1_000_000))
	}
	bench(b, func() {
		if _, err := revops.PipelineByPeriod(in); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkLeadsByPeriod(b *testing.B) {
	leads := make([]revops.Lead, 10_000)
	for i := range leads {
		c := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i%8000) * time.Hour)
		leads[i] = revops.Lead{Created: c, Qualified: i%2 == 0, Converted: i%5 == 0}
		if i%3 != 0 {
			leads[i].FirstResponse = c.Add(time.Duration(i%600) * time.Minute)
		}
	}
	var months []revops.Period
	for m := range revops.Year(2026).Months() {
		months = append(months, m)
	}
	bench(b, func() {
		if _, err := revops.LeadsByPeriod(leads, months); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkAcquisitionByPeriod(b *testing.B) {
	spans, err := revops.BillingSpans(benchBilling(1_000))
	if err != nil {
		b.Fatal(err)
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		b.Fatal(err)
	}
	var months []revops.Period
	for m := range revops.Year(2025).Months() {
		months = append(months, m)
	}
	costs := make([]revops.AcquisitionCosts, len(months))
	for k := range costs {
		costs[k] = revops.AcquisitionCosts{PaidMedia: decimal.NewFromInt(10_000), Personnel: decimal.NewFromInt(25_000)}
	}
	in := revops.AcquisitionInput{History: h, Periods: months, Costs: costs, GrossMargin: decimal.RequireFromString("0.8")}
	bench(b, func() {
		if _, err := revops.AcquisitionByPeriod(in); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkNewSpanReader(b *testing.B) {
	const header = "subscription_id,customer_id,start_date,end_date,monthly_amount,currency\n"
	bench(b, func() {
		if _, err := revops.NewSpanReader(strings.NewReader(header), revops.SpanColumns{}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkNewHistorySkipInvalid(b *testing.B) {
	spans, err := revops.BillingSpans(benchBilling(10_000))
	if err != nil {
		b.Fatal(err)
	}
	spans[17].MRR = revops.Monthly(decimal.NewFromInt(-1))
	bench(b, func() {
		if _, err := revops.NewHistory(spans, revops.InvalidRecordsSkip); err == nil {
			b.Fatal("the negative span is not refused")
		}
	})
}
