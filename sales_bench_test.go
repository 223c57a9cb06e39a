package revops_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// Benchmarks of the sales half: the scalar formulas it adds (each under 1 µs and 12
// allocations), the business calendar, the per-period functions and the readers. Run
// them with go test -run '^$' -bench . -benchmem.

func BenchmarkValueWinRate(b *testing.B) {
	v := revops.WinLossValue{Won: dec("30000"), Lost: dec("90000"), Open: dec("30000")}
	bench(b, func() { _, _ = revops.ValueWinRate(v) })
}

func BenchmarkPeriodLeadConversionRate(b *testing.B) {
	bench(b, func() {
		_, _ = revops.PeriodLeadConversionRate(revops.PeriodLeadConversion{NewLeads: 10, Conversions: 14})
	})
}

func BenchmarkSalesCycleLengthIn(b *testing.B) {
	opps := benchOpportunities(1000)
	loc := phoenix(b)
	bench(b, func() { _, _ = revops.SalesCycleLengthIn(opps, loc, revops.CloseTimesDates) })
}

func BenchmarkBusinessCalendarBetween(b *testing.B) {
	cal := pacificWeek(b)
	la := losAngeles(b)
	from, to := time.Date(2026, 1, 9, 16, 30, 0, 0, la), time.Date(2026, 1, 12, 6, 30, 0, 0, la) // a weekend: 4 days
	bench(b, func() { _, _ = cal.Between(from, to) })
}

func BenchmarkParseBusinessCalendar(b *testing.B) {
	bench(b, func() { _, _ = revops.ParseBusinessCalendar("mon-fri 06:00-17:00 America/Los_Angeles 2026-12-25") })
}

// benchLeads returns n leads over 2026, two thirds answered within ten hours.
func benchLeads(n int) []revops.Lead {
	leads := make([]revops.Lead, n)
	for i := range leads {
		c := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i%8000) * time.Hour)
		leads[i] = revops.Lead{Created: c, Qualified: i%2 == 0, Converted: i%5 == 0}
		if i%3 != 0 {
			leads[i].FirstResponse = c.Add(time.Duration(i%600) * time.Minute)
		}
		if leads[i].Converted {
			leads[i].ConvertedAt = c.AddDate(0, 0, i%20)
		}
	}
	return leads
}

func BenchmarkSpeedToLeadBusinessHours(b *testing.B) {
	leads := benchLeads(1000)
	cal := pacificWeek(b)
	bench(b, func() { _, _ = revops.SpeedToLead(leads, cal) })
}

func BenchmarkLeadsByPeriodBusinessHours(b *testing.B) {
	leads := benchLeads(10_000)
	cal := pacificWeek(b)
	var months []revops.Period
	for m := range revops.Year(2026).Months() {
		months = append(months, m)
	}
	bench(b, func() {
		if _, err := revops.LeadsByPeriod(leads, months, cal); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkPipelineByPeriodPhoenix(b *testing.B) {
	loc := phoenix(b)
	in := revops.PipelineRecords{Opportunities: benchOpportunities(10_000)}
	for m := range revops.YearIn(2026, loc).Months() {
		in.Periods = append(in.Periods, m)
		in.Quotas = append(in.Quotas, decimal.NewFromInt(1_000_000))
	}
	bench(b, func() {
		if _, err := revops.PipelineByPeriod(in, revops.CloseTimesDates); err != nil {
			b.Fatal(err)
		}
	})
}

// benchExport writes n opportunities as a Salesforce report export, footer included.
func benchExport(n int) string {
	var s strings.Builder
	s.WriteString(`"Opportunity Owner","Opportunity ID","Stage","Amount","Probability (%)","Created Date","Close Date","Won","Closed"` + "\n")
	for i := range n {
		created := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		won, closed := i%3 == 1, i%3 != 0
		fmt.Fprintf(&s, "\"Rep %d\",\"OPP-%d\",\"Stage\",\"%d,%03d.00\",\"50\",\"%s\",\"%s\",\"%t\",\"%t\"\n", i%7, i, 1+i%90, i%1000,
			created.Format(time.RFC3339), created.AddDate(0, 0, 1+i%60).Format(time.DateOnly), won, closed)
	}
	s.WriteString("\"\"\n\"Confidential Information - Do Not Distribute\"\n")
	return s.String()
}

func BenchmarkReadOpportunities(b *testing.B) {
	export := benchExport(10_000)
	b.SetBytes(int64(len(export)))
	bench(b, func() {
		if _, err := revops.ReadOpportunities(strings.NewReader(export), revops.OpportunityColumns{}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkOpportunityQuality(b *testing.B) {
	e, err := revops.ReadOpportunities(strings.NewReader(benchExport(10_000)), revops.OpportunityColumns{})
	if err != nil {
		b.Fatal(err)
	}
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	bench(b, func() {
		if _, err := e.Quality(asOf); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkReadLeads(b *testing.B) {
	var s strings.Builder
	s.WriteString("Lead ID,Created Date,First Response,Qualified,Converted,Converted Date\n")
	for i, l := range benchLeads(10_000) {
		first, converted := "", ""
		if !l.FirstResponse.IsZero() {
			first = l.FirstResponse.Format(time.RFC3339)
		}
		if l.Converted {
			converted = l.ConvertedAt.Format(time.DateOnly)
		}
		fmt.Fprintf(&s, "L%d,%s,%s,%t,%t,%s\n", i, l.Created.Format(time.RFC3339), first, l.Qualified, l.Converted, converted)
	}
	export := s.String()
	b.SetBytes(int64(len(export)))
	bench(b, func() {
		if _, err := revops.ReadLeads(strings.NewReader(export), revops.LeadColumns{}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkReadSpend(b *testing.B) {
	var s strings.Builder
	s.WriteString("period,sales,marketing,paid_media,tools\n")
	for y := 2000; y < 2100; y++ {
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&s, "%d-%02d,\"52,000\",18000.50,6000,1200\n", y, m)
		}
	}
	spend := s.String()
	bench(b, func() {
		if _, err := revops.ReadSpend(strings.NewReader(spend), revops.SpendColumns{}); err != nil {
			b.Fatal(err)
		}
	})
}
