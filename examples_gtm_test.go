package revops_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

func ExampleCAC() {
	d := decimal.RequireFromString
	cac, err := revops.CAC(revops.CACInput{
		Costs:        revops.AcquisitionCosts{PaidMedia: d("20000"), Personnel: d("50000"), Tools: d("5000"), LeadGeneration: d("10000"), Other: d("5000")},
		NewCustomers: 60,
	})
	fmt.Println(cac.StringFixed(2), err)
	// Output: 1500.00 <nil>
}

func ExamplePaidCAC() {
	d := decimal.RequireFromString
	paid, err := revops.PaidCAC(revops.CACInput{Costs: revops.AcquisitionCosts{PaidMedia: d("20000"), Personnel: d("50000")}, NewCustomers: 60, PaidCustomers: 25})
	fmt.Println(paid.StringFixed(2), err)
	// Output: 800.00 <nil>
}

func ExampleAcquisitionCosts_Total() {
	d := decimal.RequireFromString
	fmt.Println(revops.AcquisitionCosts{PaidMedia: d("20000"), Personnel: d("50000"), Other: d("1250.50")}.Total())
	// Output: 71250.5
}

func ExampleCPA() {
	d := decimal.RequireFromString
	cpa, err := revops.CPA(d("12000"), 40)
	fmt.Println(cpa.StringFixed(2), err)
	// Output: 300.00 <nil>
}

func ExampleLeadConversionRate() {
	r, err := revops.LeadConversionRate(revops.LeadConversion{Leads: 100, Opportunities: 40})
	fmt.Println(r.Shift(2).StringFixed(1)+" %", err)
	// Output: 40.0 % <nil>
}

func ExampleLeadContactRate() {
	r, err := revops.LeadContactRate(revops.LeadContact{QualifiedLeads: 100, Contacted: 90})
	fmt.Println(r.Shift(2).StringFixed(1)+" %", err)
	// Output: 90.0 % <nil>
}

func ExampleFunnel() {
	f, err := revops.Funnel([]revops.FunnelStage{{"lead", 1000}, {"MQL", 400}, {"SQL", 100}, {"won", 25}})
	for _, s := range f.Steps {
		fmt.Printf("%s → %s %s\n", s.From, s.To, s.Rate.Shift(2).StringFixed(1)+" %")
	}
	fmt.Println("overall", f.Overall.Shift(2).StringFixed(1)+" %", err)
	// Output:
	// lead → MQL 40.0 %
	// MQL → SQL 25.0 %
	// SQL → won 25.0 %
	// overall 2.5 % <nil>
}

func ExampleSpeedToLead() {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r, err := revops.SpeedToLead([]revops.Lead{
		{Created: t0, FirstResponse: t0.Add(4 * time.Minute)},
		{Created: t0, FirstResponse: t0.Add(11 * time.Minute)},
		{Created: t0, FirstResponse: t0.Add(3 * time.Hour)},
		{Created: t0}, // nobody called back yet
	})
	fmt.Println(r.Mean, r.Median, r.Contacted, r.NeverContacted, err)
	// Output: 1h5m0s 11m0s 3 1 <nil>
}

func ExampleCACPayback() {
	d := decimal.RequireFromString
	months, err := revops.CACPayback(revops.CACPaybackInput{CAC: d("1500"), NewMRRPerCustomer: d("250"), GrossMargin: d("0.8")})
	fmt.Println(months, err)
	// Output: 7.5 <nil>
}

func ExampleLTVToCAC() {
	d := decimal.RequireFromString
	r, err := revops.LTVToCAC(revops.LTVCACInput{LTV: d("4500"), CAC: d("1500")})
	fmt.Println(r, err)
	// Output: 3 <nil>
}

func ExampleMagicNumber() {
	d := decimal.RequireFromString
	m, err := revops.MagicNumber(revops.MagicNumberInput{RevenueThisQuarter: d("1150000"), RevenueLastQuarter: d("1000000"), SpendLastQuarter: d("400000")})
	fmt.Println(m, err)
	// Output: 1.5 <nil>
}

func ExampleMagicNumberFromARR() {
	d := decimal.RequireFromString
	m, err := revops.MagicNumberFromARR(revops.MagicNumberARRInput{NetNewARR: d("500000"), SpendLastQuarter: d("400000")})
	fmt.Println(m, err)
	// Output: 1.25 <nil>
}

func ExampleBurnMultiple() {
	d := decimal.RequireFromString
	m, err := revops.BurnMultiple(revops.BurnMultipleInput{NetBurn: d("3000000"), NetNewARR: d("2000000")})
	fmt.Println(m, err)
	// Output: 1.5 <nil>
}

func ExampleRuleOf40() {
	d := decimal.RequireFromString
	r, err := revops.RuleOf40(revops.RuleOf40Input{Growth: d("0.32"), Margin: d("0.11"), Kind: revops.MarginFreeCashFlow})
	fmt.Println(r.Score.Shift(2).StringFixed(1)+" %", r.Passes, r.Kind, err)
	// Output: 43.0 % true free_cash_flow <nil>
}

func ExampleMarginKind_String() {
	fmt.Println(revops.MarginEBITDA, revops.MarginUnstated)
	// Output: ebitda unstated
}

func ExampleROI() {
	d := decimal.RequireFromString
	r, err := revops.ROI(revops.ROIInput{
		Costs: revops.ROICosts{Personnel: d("200000"), Technology: d("100000"), Training: d("20000"), Other: d("30000")},
		Gains: revops.ROIGains{MoreCustomers: d("300000"), BetterRetention: d("150000"), ShorterCycles: d("50000"), RevenuePerCustomer: d("200000")},
	})
	fmt.Println(r.Cost, r.Gain, r.ROI.Shift(2).StringFixed(1)+" %", err)
	// Output: 350000 700000 100.0 % <nil>
}

func ExamplePipelineVelocity() {
	d := decimal.RequireFromString
	v, err := revops.PipelineVelocity(revops.VelocityInput{Opportunities: 50, WinRate: d("0.25"), AverageDeal: d("20000"), CycleDays: d("40")})
	fmt.Println(v.StringFixed(2), "a day", err)
	// Output: 6250.00 a day <nil>
}

func ExampleClosedWonVelocity() {
	d := decimal.RequireFromString
	v, err := revops.ClosedWonVelocity(revops.ClosedWonInput{Value: d("300000"), Days: d("90")})
	fmt.Println(v.StringFixed(2), "a day", err)
	// Output: 3333.33 a day <nil>
}

func ExampleWinRate() {
	w := revops.WinLoss{Won: 30, Lost: 70, Open: 50}
	closed, err := revops.WinRate(w)
	if err != nil {
		fmt.Println(err)
		return
	}
	all, err := revops.WinRate(w, revops.WinRateOverAll)
	fmt.Println(closed.Shift(2).StringFixed(1)+" %", all.Shift(2).StringFixed(1)+" %", err)
	// Output: 30.0 % 20.0 % <nil>
}

func ExampleSalesCycleLength() {
	jan := func(day, hour int) time.Time { return time.Date(2026, 1, day, hour, 0, 0, 0, time.UTC) }
	c, err := revops.SalesCycleLength([]revops.Opportunity{
		{Status: revops.DealWon, Created: jan(1, 0), Closed: jan(31, 0)},
		{Status: revops.DealLost, Created: jan(1, 0), Closed: jan(11, 0)},
		{Status: revops.DealWon, Created: jan(1, 12), Closed: jan(3, 0)},
		{Status: revops.DealOpen, Created: jan(2, 0)},
	})
	fmt.Println(c.Mean.StringFixed(2), c.Median.StringFixed(2), c.Deals, err)
	// Output: 13.83 10.00 3 <nil>
}

func ExampleSalesCycleLength_closeDates() {
	// A CRM exports CreatedDate as a time and CloseDate as a date. Deal A was created
	// at 16:00 on March 2 and closed the same day; deal B was created on March 2 and
	// closed on March 5.
	created := time.Date(2026, 3, 2, 16, 0, 0, 0, time.UTC)
	opps := []revops.Opportunity{
		{Status: revops.DealWon, Created: created, Closed: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)},
		{Status: revops.DealWon, Created: created, Closed: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)},
	}
	exact, err := revops.SalesCycleLength(opps) // A is 0 days, B 2 days 8 hours
	if err != nil {
		fmt.Println(err)
		return
	}
	dates, err := revops.SalesCycleLength(opps, revops.CloseTimesDates) // A is 0 days, B 3 days
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(exact.Mean.StringFixed(2), dates.Mean.StringFixed(2))
	// Output: 1.17 1.50
}

func ExamplePipelineValue() {
	d := decimal.RequireFromString
	p, err := revops.PipelineValue([]revops.Opportunity{
		{Stage: "Demo", Amount: d("10000"), Probability: d("0.2")},
		{Stage: "Proposal", Amount: d("50000"), Probability: d("0.5")},
		{Stage: "Closed", Status: revops.DealWon, Amount: d("30000"), Probability: d("1")},
	})
	fmt.Println(p.Open, p.Value, p.Weighted, err)
	// Output: 2 60000 27000 <nil>
}

func ExampleByStage() {
	d := decimal.RequireFromString
	opp := func(stage string, status revops.DealStatus, amount string) revops.Opportunity {
		return revops.Opportunity{Stage: stage, Status: status, Amount: d(amount), Probability: d("0.5")}
	}
	stages, err := revops.ByStage([]revops.Opportunity{
		opp("Discovery", revops.DealOpen, "1000"), opp("Discovery", revops.DealLost, "1000"),
		opp("Demo", revops.DealOpen, "4000"), opp("Demo", revops.DealOpen, "2500"),
		opp("Proposal", revops.DealWon, "9000"),
	}, []string{"Discovery", "Demo", "Proposal"})
	for _, s := range stages {
		fmt.Printf("%-9s open %d %6s reached %d → next %s\n", s.Stage, s.Open, s.Value, s.Reached, (*s.ToNext).Shift(2).StringFixed(1)+" %")
	}
	fmt.Println(err)
	// Output:
	// Discovery open 1   1000 reached 5 → next 60.0 %
	// Demo      open 2   6500 reached 3 → next 33.3 %
	// Proposal  open 0      0 reached 1 → next 100.0 %
	// <nil>
}

func ExamplePipelineGrowth() {
	d := decimal.RequireFromString
	g, err := revops.PipelineGrowth(revops.Growth{Previous: d("400000"), Current: d("500000")})
	fmt.Println(g.Shift(2).StringFixed(1)+" %", err)
	// Output: 25.0 % <nil>
}

func ExampleQuotaAttainment() {
	d := decimal.RequireFromString
	a, err := revops.QuotaAttainment(revops.QuotaInput{Won: d("115000"), Quota: d("100000")})
	fmt.Println(a.Shift(2).StringFixed(1)+" %", err)
	// Output: 115.0 % <nil>
}

func ExampleTeamQuotaAttainment() {
	d := decimal.RequireFromString
	t, err := revops.TeamQuotaAttainment([]revops.QuotaInput{
		{Won: d("120000"), Quota: d("100000")},
		{Won: d("80000"), Quota: d("100000")},
		{Won: d("50000"), Quota: d("50000")},
	})
	fmt.Println(t.Attainment.Shift(2).StringFixed(1)+" %", t.AtOrAboveQuota, "of", t.Reps, "reps at quota", err)
	// Output: 100.0 % 2 of 3 reps at quota <nil>
}

func ExamplePipelineCoverage() {
	d := decimal.RequireFromString
	c, err := revops.PipelineCoverage(revops.CoverageInput{OpenPipeline: d("900000"), RemainingQuota: d("300000")})
	fmt.Println(c, err)
	// Output: 3 <nil>
}

func ExampleRequiredCoverage() {
	d := decimal.RequireFromString
	c, err := revops.RequiredCoverage(d("0.25"))
	fmt.Println(c, err)
	// Output: 4 <nil>
}

func ExampleCLV() {
	d := decimal.RequireFromString
	clv, err := revops.CLV(revops.CLVInput{AveragePurchaseValue: d("50"), PurchaseFrequency: d("4"), Lifespan: d("3")})
	fmt.Println(clv, err)
	// Output: 600 <nil>
}

func ExamplePurchaseInputs() {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	purchases := []revops.Transaction{
		{Customer: "a", At: start, Amount: decimal.NewFromInt(100)},
		{Customer: "b", At: start.AddDate(0, 5, 0), Amount: decimal.NewFromInt(30)},
		{Customer: "a", At: start.Add(365*24*time.Hour + 6*time.Hour), Amount: decimal.NewFromInt(50)},
	}
	in, err := revops.PurchaseInputs(purchases)
	fmt.Println(in.AveragePurchaseValue, in.PurchaseFrequency, in.Lifespan, err)
	// Output: 60 1.5 0.5 <nil>
}

func ExampleCLVFromTransactions() {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	purchases := []revops.Transaction{
		{Customer: "a", At: start, Amount: decimal.NewFromInt(100)},
		{Customer: "b", At: start.AddDate(0, 5, 0), Amount: decimal.NewFromInt(30)},
		{Customer: "a", At: start.Add(365*24*time.Hour + 6*time.Hour), Amount: decimal.NewFromInt(50)},
	}
	clv, err := revops.CLVFromTransactions(purchases)
	fmt.Println(clv, err)
	// Output: 45 <nil>
}

func ExampleHistoricalCLV() {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	purchases := []revops.Transaction{
		{Customer: "a", At: start, Amount: decimal.NewFromInt(100)},
		{Customer: "b", At: start.AddDate(0, 5, 0), Amount: decimal.NewFromInt(30)},
		{Customer: "a", At: start.Add(365*24*time.Hour + 6*time.Hour), Amount: decimal.NewFromInt(50)},
	}
	h, err := revops.HistoricalCLV(purchases)
	fmt.Println(h["a"], h["b"], err)
	// Output: 150 30 <nil>
}

func ExampleLTV() {
	d := decimal.RequireFromString
	ltv, err := revops.LTV(revops.LTVInput{ARPA: d("100"), GrossMargin: d("0.8"), Churn: d("0.02")})
	fmt.Println(ltv, err)
	// Output: 4000 <nil>
}

func ExampleTrailingChurn() {
	d := decimal.RequireFromString
	// ChartMogul averages churn over six months; a single bad month moves LTV less.
	in := revops.LTVInput{
		ARPA: d("100"), GrossMargin: d("0.8"), Churn: d("0.05"),
		ChurnBefore: []decimal.Decimal{d("0.02"), d("0.02"), d("0.03"), d("0.02"), d("0.01")},
	}
	trailing, err := revops.LTV(in, revops.TrailingChurn(6))
	if err != nil {
		fmt.Println(err)
		return
	}
	in.ChurnBefore = nil // the month's churn alone; earlier rates without TrailingChurn are refused
	now, err := revops.LTV(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(now, trailing)
	// Output: 1600 3200
}

func ExampleTrailingChurnBefore() {
	d := decimal.RequireFromString
	// ChartMogul divides ARPA by the mean churn of the six months before, this month's
	// left out, and applies no margin: (4 + 6 + 5 + 5 + 3 + 7) % ÷ 6 = 5 %, so $100 of
	// ARPA is $2,000 of LTV, whatever this month's churn.
	in := revops.LTVInput{
		ARPA: d("100"), GrossMargin: d("1"), Churn: d("0.5"),
		ChurnBefore: []decimal.Decimal{d("0.04"), d("0.06"), d("0.05"), d("0.05"), d("0.03"), d("0.07")},
	}
	ltv, err := revops.LTV(in, revops.TrailingChurnBefore(6))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ltv)
	// Output: 2000
}

func ExampleLTVByPeriod() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	dec := decimal.RequireFromString
	// Five customers at $100 a month since December; b leaves on February 1, d on
	// March 10. January loses no one (churn 0: no finite LTV); February loses 1 of 5
	// (LTV 100 ÷ 0.2 = 500); March 1 of 4 (100 ÷ 0.25 = 400). ChartMogul's window of
	// the months before: February divides by January's 0, March by February's 0.2.
	dec1 := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	var spans []revops.Span
	for _, c := range []struct {
		customer string
		end      time.Time
	}{{"a", time.Time{}}, {"b", day(2, 1)}, {"c", time.Time{}}, {"d", day(3, 10)}, {"e", time.Time{}}} {
		spans = append(spans, revops.Span{Customer: c.customer, Start: dec1, End: c.end, MRR: revops.Monthly(dec("100"))})
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		fmt.Println(err)
		return
	}
	months := []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2), revops.Month(2026, 3)}
	series, err := h.Series(months)
	if err != nil {
		fmt.Println(err)
		return
	}
	own, err := revops.LTVByPeriod(series, dec("1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	before, err := revops.LTVByPeriod(series, dec("1"), revops.TrailingChurnBefore(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, m := range months {
		fmt.Println(m.Start().Format("2006-01"), own[k], before[k])
	}
	// Output:
	// 2026-01 n/a n/a
	// 2026-02 500 n/a
	// 2026-03 400 500
}

func ExampleCustomerLifetime() {
	d := decimal.RequireFromString
	months, err := revops.CustomerLifetime(d("0.025"))
	fmt.Println(months, "months", err)
	// Output: 40 months <nil>
}

func ExampleCompleteness() {
	records := []revops.Record{
		{"name": "Ann", "email": "ann@example.com", "phone": ""},
		{"name": "Bob", "email": " ANN@example.com ", "phone": "555-0100"},
		{"name": "", "email": "carl@example", "phone": "555-0101"},
		{"name": "Dee", "email": "dee@example.com", "phone": "555-0102"},
	}
	c, err := revops.Completeness(records, []string{"name", "email", "phone"})
	fmt.Println(c.Shift(2).StringFixed(1)+" %", err)
	// Output: 83.3 % <nil>
}

func ExampleDuplicateRate() {
	records := []revops.Record{
		{"name": "Ann", "email": "ann@example.com", "phone": ""},
		{"name": "Bob", "email": " ANN@example.com ", "phone": "555-0100"},
		{"name": "", "email": "carl@example", "phone": "555-0101"},
		{"name": "Dee", "email": "dee@example.com", "phone": "555-0102"},
	}
	r, err := revops.DuplicateRate(records, []string{"email"})
	fmt.Println(r.Shift(2).StringFixed(1)+" %", err)
	// Output: 25.0 % <nil>
}

func ExampleValidity() {
	records := []revops.Record{
		{"name": "Ann", "email": "ann@example.com", "phone": ""},
		{"name": "Bob", "email": " ANN@example.com ", "phone": "555-0100"},
		{"name": "", "email": "carl@example", "phone": "555-0101"},
		{"name": "Dee", "email": "dee@example.com", "phone": "555-0102"},
	}
	r, err := revops.Validity(records, func(r revops.Record) bool {
		at := strings.LastIndex(r["email"], "@")
		return at > 0 && strings.Contains(r["email"][at:], ".")
	})
	fmt.Println(r.Shift(2).StringFixed(1)+" %", err)
	// Output: 75.0 % <nil>
}

// Example_quarterlyReview is a quarterly go-to-market review of one company: what it
// spent, what the funnel and pipeline did, and what the customers it won are worth.
func Example_quarterlyReview() {
	d := decimal.RequireFromString
	costs := revops.AcquisitionCosts{PaidMedia: d("180000"), Personnel: d("420000"), Tools: d("36000"), LeadGeneration: d("54000"), Other: d("30000")}
	cac, errCAC := revops.CAC(revops.CACInput{Costs: costs, NewCustomers: 48}) // 720,000 ÷ 48
	funnel, errFunnel := revops.Funnel([]revops.FunnelStage{{"lead", 4800}, {"MQL", 1440}, {"opportunity", 240}, {"won", 48}})
	win, errWin := revops.WinRate(revops.WinLoss{Won: 48, Lost: 132, Open: 60})
	velocity, errVelocity := revops.PipelineVelocity(revops.VelocityInput{Opportunities: 240, WinRate: win, AverageDeal: d("18000"), CycleDays: d("54")})
	coverage, errCoverage := revops.PipelineCoverage(revops.CoverageInput{OpenPipeline: d("2700000"), RemainingQuota: d("900000")})
	needed, errNeeded := revops.RequiredCoverage(win)
	ltv, errLTV := revops.LTV(revops.LTVInput{ARPA: d("1500"), GrossMargin: d("0.78"), Churn: d("0.015")})
	ltvCAC, errLTVCAC := revops.LTVToCAC(revops.LTVCACInput{LTV: ltv, CAC: cac})
	payback, errPayback := revops.CACPayback(revops.CACPaybackInput{CAC: cac, NewMRRPerCustomer: d("1500"), GrossMargin: d("0.78")})
	magic, errMagic := revops.MagicNumber(revops.MagicNumberInput{RevenueThisQuarter: d("2460000"), RevenueLastQuarter: d("2250000"), SpendLastQuarter: d("690000")})
	if err := errors.Join(errCAC, errFunnel, errWin, errVelocity, errCoverage, errNeeded, errLTV, errLTVCAC, errPayback, errMagic); err != nil {
		fmt.Println(err)
		return
	}

	fmt.Println("CAC               ", cac.StringFixed(2))
	fmt.Println("lead → won        ", funnel.Overall.Shift(2).StringFixed(1)+" %")
	fmt.Println("win rate          ", win.Shift(2).StringFixed(1)+" %")
	fmt.Println("velocity per day  ", velocity.StringFixed(2))
	fmt.Println("coverage / needed ", coverage.StringFixed(2), "/", needed.StringFixed(2))
	fmt.Println("LTV               ", ltv.StringFixed(2))
	fmt.Println("LTV:CAC           ", ltvCAC.StringFixed(2))
	fmt.Println("payback (months)  ", payback.StringFixed(1))
	fmt.Println("magic number      ", magic.StringFixed(2))
	// Output:
	// CAC                15000.00
	// lead → won         1.0 %
	// win rate           26.7 %
	// velocity per day   21333.33
	// coverage / needed  3.00 / 3.75
	// LTV                78000.00
	// LTV:CAC            5.20
	// payback (months)   12.8
	// magic number       1.22
}

// ExamplePipelineByPeriod turns a Salesforce-like opportunity export (CreatedDate a
// time, CloseDate a date, an open deal's CloseDate its expected close) into monthly
// pipeline metrics.
func ExamplePipelineByPeriod() {
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	d := decimal.RequireFromString
	export := []revops.Opportunity{
		{Status: revops.DealWon, Amount: d("10000"), Created: at(1, 5, 10), Closed: at(1, 20, 0)},
		{Status: revops.DealLost, Amount: d("4000"), Created: at(1, 12, 9), Closed: at(2, 2, 0)},
		{Status: revops.DealWon, Amount: d("8000"), Created: at(2, 3, 14), Closed: at(2, 3, 0)}, // won the day it was created
		{Status: revops.DealOpen, Amount: d("20000"), Created: at(2, 10, 11), ExpectedClose: at(3, 20, 0)},
	}
	rows, err := revops.PipelineByPeriod(revops.PipelineRecords{
		Opportunities: export,
		Periods:       []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2)},
		Quotas:        []decimal.Decimal{d("10000"), d("10000")},
	}, revops.CloseTimesDates)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		cycle, err := r.CycleMean.Value()
		if err != nil {
			fmt.Println(err)
			return
		}
		n := r.InPeriod.Count
		fmt.Println(r.Period.Start().Format("2006-01"), "won", n.Won, "lost", n.Lost, "open", n.Open,
			"win rate", r.PeriodWinRate.Percent(0), "cycle", cycle.StringFixed(1), "days", "coverage", r.Coverage)
	}
	// Output:
	// 2026-01 won 1 lost 0 open 1 win rate 100 % cycle 15.0 days coverage 0
	// 2026-02 won 1 lost 1 open 1 win rate 50 % cycle 10.5 days coverage 0.4
}

// ExampleLeadsByPeriod reports lead conversion, contact rate and speed to lead by
// month from lead records.
func ExampleLeadsByPeriod() {
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, time.UTC) }
	leads := []revops.Lead{
		{Created: at(1, 3, 9, 0), FirstResponse: at(1, 3, 9, 30), Qualified: true, Converted: true},
		{Created: at(1, 10, 12, 0), FirstResponse: at(1, 10, 14, 0), Qualified: true},
		{Created: at(1, 20, 8, 0)},
		{Created: at(1, 28, 8, 0), Qualified: true},
	}
	rows, err := revops.LeadsByPeriod(leads, []revops.Period{revops.Month(2026, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rows[0]
	fmt.Println("leads", r.Leads, "conversion", r.CohortConversionRate.Percent(0), "contact", r.ContactRate.Percent(1))
	fmt.Println("mean response", r.ResponseMean, "s; never contacted", r.NeverContacted)
	// Output:
	// leads 4 conversion 25 % contact 66.7 %
	// mean response 4500 s; never contacted 2
}

// ExampleAcquisitionByPeriod computes CAC and payback per month from the customers'
// history and the month's acquisition costs. In January acme, globex and hooli first
// pay, and hooli cancels within the month: all three were acquired.
func ExampleAcquisitionByPeriod() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	d := decimal.RequireFromString
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "acme", Start: day(1, 5), MRR: revops.Monthly(d("500"))},
		{Customer: "globex", Start: day(1, 5), MRR: revops.Monthly(d("300"))},
		{Customer: "hooli", Start: day(1, 5), End: day(1, 20), MRR: revops.Monthly(d("400"))},
		{Customer: "initech", Start: day(2, 1), MRR: revops.Monthly(d("400"))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, err := revops.AcquisitionByPeriod(revops.AcquisitionInput{
		History:     h,
		Periods:     []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2)},
		Costs:       []revops.AcquisitionCosts{{PaidMedia: d("6000"), Personnel: d("10000")}, {PaidMedia: d("2000"), Personnel: d("10000")}},
		GrossMargin: d("0.8"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Println(r.Period.Start().Format("2006-01"), "acquired", r.NewCustomers, "CAC", r.CAC, "payback", r.Payback, "months")
	}
	// Output:
	// 2026-01 acquired 3 CAC 5333.3333333333333333 payback 16.6666666666666667 months
	// 2026-02 acquired 1 CAC 12000 payback 37.5 months
}
