package revops_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// ExampleSalesCycleLengthIn reads a CRM's close dates in the reporting zone: the deal
// created at 16:00 UTC on March 20 (09:00 in Phoenix) and closed at 01:09:44 UTC on
// April 1 (18:09 on March 31 in Phoenix) took 11 days there.
func ExampleSalesCycleLengthIn() {
	phoenix, err := time.LoadLocation("America/Phoenix")
	if err != nil {
		fmt.Println(err)
		return
	}
	opps := []revops.Opportunity{{
		Status:  revops.DealLost,
		Created: time.Date(2023, 3, 20, 16, 0, 0, 0, time.UTC),
		Closed:  time.Date(2023, 4, 1, 1, 9, 44, 0, time.UTC),
	}}
	there, err := revops.SalesCycleLengthIn(opps, phoenix, revops.CloseTimesDates)
	if err != nil {
		fmt.Println(err)
		return
	}
	inUTC, err := revops.SalesCycleLengthIn(opps, time.UTC, revops.CloseTimesDates)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Phoenix", there.Mean.StringFixed(0), "days; UTC", inUTC.Mean.StringFixed(0), "days")
	// Output: Phoenix 11 days; UTC 12 days
}

func ExampleNewBusinessCalendar() {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, err := revops.NewBusinessCalendar(revops.BusinessHours{
		Zone:     la,
		Days:     []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Open:     6 * time.Hour,
		Close:    17 * time.Hour,
		Holidays: []time.Time{time.Date(2026, 12, 25, 0, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Thursday December 24 at 16:00 to Monday December 28 at 07:00, Christmas Day off.
	d, err := cal.Between(time.Date(2026, 12, 24, 16, 0, 0, 0, la), time.Date(2026, 12, 28, 7, 0, 0, 0, la))
	fmt.Println(d, err)
	// Output: 2h0m0s <nil>
}

func ExampleBusinessCalendar_Between() {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, err := revops.NewBusinessCalendar(revops.BusinessHours{Zone: la,
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, Open: 6 * time.Hour, Close: 17 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	friday, monday := time.Date(2026, 1, 9, 16, 30, 0, 0, la), time.Date(2026, 1, 12, 6, 30, 0, 0, la)
	working, err := cal.Between(friday, monday)
	if err != nil {
		fmt.Println(err)
		return
	}
	wall, err := revops.BusinessCalendar("").Between(friday, monday)
	fmt.Println(working, wall, err)
	// Output: 1h0m0s 62h0m0s <nil>
}

// ExampleSpeedToLead_businessHours measures response times in working hours: weekdays
// 06:00–17:00 Pacific.
func ExampleSpeedToLead_businessHours() {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, err := revops.NewBusinessCalendar(revops.BusinessHours{Zone: la,
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, Open: 6 * time.Hour, Close: 17 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(d, h, min int) time.Time { return time.Date(2026, 1, d, h, min, 0, 0, la) }
	leads := []revops.Lead{
		{Created: at(13, 10, 0), FirstResponse: at(13, 12, 30)}, // Tuesday
		{Created: at(9, 16, 30), FirstResponse: at(12, 6, 30)},  // Friday to Monday
		{Created: at(10, 11, 0), FirstResponse: at(12, 7, 0)},   // Saturday to Monday
	}
	working, err := revops.SpeedToLead(leads, cal)
	if err != nil {
		fmt.Println(err)
		return
	}
	wall, err := revops.SpeedToLead(leads)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("working hours: mean", working.Mean, "median", working.Median)
	fmt.Println("wall clock:    mean", wall.Mean, "median", wall.Median)
	// Output:
	// working hours: mean 1h30m0s median 1h0m0s
	// wall clock:    mean 36h10m0s median 44h0m0s
}

func ExampleParseBusinessCalendar() {
	cal, err := revops.ParseBusinessCalendar("mon-fri 09:00-17:30 Europe/Berlin 2026-12-24 2026-12-25")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cal)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Wednesday December 23 at 17:00 to Monday December 28 at 10:00: half an hour on
	// the 23rd, the 24th and 25th off, an hour on the 28th.
	d, err := cal.Between(time.Date(2026, 12, 23, 17, 0, 0, 0, berlin), time.Date(2026, 12, 28, 10, 0, 0, 0, berlin))
	fmt.Println(d, err)
	// Output:
	// mon,tue,wed,thu,fri 09:00-17:30 Europe/Berlin 2026-12-24 2026-12-25
	// 1h30m0s <nil>
}

func ExampleBusinessCalendar_MarshalText() {
	cal, err := revops.NewBusinessCalendar(revops.BusinessHours{Days: []time.Weekday{time.Saturday, time.Sunday}, Open: 10 * time.Hour, Close: 14 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := json.Marshal(revops.Policy{Calendar: cal})
	if err != nil {
		fmt.Println(err)
		return
	}
	var p map[string]any
	if err := json.Unmarshal(b, &p); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p["business_calendar"])
	// Output: sat,sun 10:00-14:00 UTC
}

func ExampleBusinessCalendar_UnmarshalText() {
	var p revops.Policy
	err := json.Unmarshal([]byte(`{"business_calendar":"Monday,Friday 09:00-12:30 Europe/Berlin"}`), &p)
	if err != nil {
		fmt.Println(err)
		return
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Friday 12:00 to Monday 10:00 in Berlin: half an hour on Friday, an hour on Monday.
	d, err := p.Calendar.Between(time.Date(2026, 1, 9, 12, 0, 0, 0, berlin), time.Date(2026, 1, 12, 10, 0, 0, 0, berlin))
	fmt.Println(p.Calendar, d, err)
	// Output: mon,fri 09:00-12:30 Europe/Berlin 1h30m0s <nil>
}

func ExampleValueWinRate() {
	d := decimal.RequireFromString
	// Won the small deals, lost the large one: 2 of 3 by count, a quarter by value.
	v := revops.WinLossValue{Won: d("30000"), Lost: d("90000"), Open: d("0")}
	byValue, err := revops.ValueWinRate(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	byCount, err := revops.WinRate(revops.WinLoss{Won: 2, Lost: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(byCount.Shift(2).StringFixed(1)+" %", byValue.Shift(2).StringFixed(1)+" %")
	// Output: 66.7 % 25.0 %
}

func ExampleWinLoss_Total() {
	fmt.Println(revops.WinLoss{Won: 3, Lost: 7, Open: 90}.Total())
	// Output: 100
}

func ExampleWinLossValue_Total() {
	d := decimal.RequireFromString
	fmt.Println(revops.WinLossValue{Won: d("3000"), Lost: d("7000.50"), Open: d("90000")}.Total().StringFixed(2))
	// Output: 100000.50
}

// ExamplePipelineByPeriod_cohort shows both forms of the win rate: 10 deals created in
// January, 1 won, 2 lost and 7 open, with 5 older deals still open at January's close.
// Over every opportunity, the cohort of January won 1 in 10; January's period form, 1
// in 15.
func ExamplePipelineByPeriod_cohort() {
	d := decimal.RequireFromString
	jan := func(day int) time.Time { return time.Date(2026, 1, day, 12, 0, 0, 0, time.UTC) }
	december := time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC)
	var opps []revops.Opportunity
	for i := range 15 {
		o := revops.Opportunity{Amount: d("1000"), Created: jan(5)}
		switch {
		case i == 0:
			o.Status, o.Closed = revops.DealWon, jan(20)
		case i < 3:
			o.Status, o.Closed = revops.DealLost, jan(25)
		case i >= 10:
			o.Created = december
		}
		opps = append(opps, o)
	}
	rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: []revops.Period{revops.Month(2026, 1)}}, revops.WinRateOverAll)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rows[0]
	fmt.Println("created in January:", r.Created.Count.Total(), "pipeline", r.Created.Value.Total(), "cohort win rate", r.CohortWinRate.Percent(1))
	fmt.Println("closed in January:", r.InPeriod.Count.Won+r.InPeriod.Count.Lost, "open at its close", r.InPeriod.Count.Open, "period win rate", r.PeriodWinRate.Percent(1))
	// Output:
	// created in January: 10 pipeline 10000 cohort win rate 10.0 %
	// closed in January: 3 open at its close 12 period win rate 6.7 %
}

func ExamplePeriodLeadConversionRate() {
	// A month with 10 new leads in which 14 older leads became opportunities.
	r, err := revops.PeriodLeadConversionRate(revops.PeriodLeadConversion{NewLeads: 10, Conversions: 14})
	fmt.Println(r.Shift(2).StringFixed(0)+" %", err)
	// Output: 140 % <nil>
}

// ExampleLeadsByPeriod_periodForm compares the two forms of lead conversion: the
// January leads converted in February count in January's cohort and in February's
// period form.
func ExampleLeadsByPeriod_periodForm() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	leads := []revops.Lead{
		{Created: day(1, 5).Add(9 * time.Hour), Converted: true, ConvertedAt: day(2, 3)}, // a date, as Salesforce's ConvertedDate
		{Created: day(1, 8).Add(9 * time.Hour), Converted: true, ConvertedAt: day(2, 9)},
		{Created: day(1, 9).Add(9 * time.Hour)},
		{Created: day(2, 2).Add(9 * time.Hour)},
	}
	rows, err := revops.LeadsByPeriod(leads, []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Println(r.Period.Start().Format("2006-01"), "new", r.Leads, "cohort", r.CohortConversionRate.Percent(1), "period", r.PeriodConversionRate.Percent(1))
	}
	// Output:
	// 2026-01 new 3 cohort 66.7 % period 0.0 %
	// 2026-02 new 1 cohort 0.0 % period 200.0 %
}

// ExampleAcquisitionByPeriod_unitEconomics gets CAC, payback, LTV, LTV:CAC and the
// magic number of each month in one call. Four customers pay 100 from December; f
// joins at 200 in January; in February b leaves and g joins at 300.
func ExampleAcquisitionByPeriod_unitEconomics() {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	d := decimal.RequireFromString
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: at(2025, 12, 1), MRR: revops.Monthly(d("100"))},
		{Customer: "b", Start: at(2025, 12, 1), End: at(2026, 2, 1), MRR: revops.Monthly(d("100"))},
		{Customer: "c", Start: at(2025, 12, 1), MRR: revops.Monthly(d("100"))},
		{Customer: "e", Start: at(2025, 12, 1), MRR: revops.Monthly(d("100"))},
		{Customer: "f", Start: at(2026, 1, 10), MRR: revops.Monthly(d("200"))},
		{Customer: "g", Start: at(2026, 2, 15), MRR: revops.Monthly(d("300"))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, err := revops.AcquisitionByPeriod(revops.AcquisitionInput{
		History:     h,
		Periods:     []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2)},
		Costs:       []revops.AcquisitionCosts{{PaidMedia: d("1000")}, {PaidMedia: d("2000")}},
		GrossMargin: d("0.8"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Println(r.Period.Start().Format("2006-01"), "CAC", r.CAC, "payback", r.Payback, "LTV", r.LTV, "LTV:CAC", r.LTVToCAC, "magic", r.MagicNumber)
	}
	// Output:
	// 2026-01 CAC 1000 payback 6.25 LTV n/a LTV:CAC n/a magic n/a
	// 2026-02 CAC 2000 payback 8.3333333333333333 LTV 640 LTV:CAC 0.32 magic 2.4
}
