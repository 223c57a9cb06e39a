package revops_test

import (
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var quarterCosts = revops.AcquisitionCosts{
	PaidMedia: dec("20000"), Personnel: dec("50000"), Tools: dec("5000"), LeadGeneration: dec("10000"), Other: dec("5000"),
}

func TestCAC(t *testing.T) {
	in := revops.CACInput{Costs: quarterCosts, NewCustomers: 60, PaidCustomers: 25}
	requireValue(t, "1500")(revops.CAC(in)) // 90,000 ÷ 60
	requireDecimal(t, "90000", in.Costs.Total())
	requireValue(t, "800")(revops.PaidCAC(in)) // 20,000 ÷ 25

	_, err := revops.CAC(revops.CACInput{Costs: quarterCosts})
	requireMetricError(t, err, revops.ErrZeroDenominator, "CAC", "NewCustomers")
	_, err = revops.PaidCAC(revops.CACInput{Costs: quarterCosts, NewCustomers: 3})
	requireMetricError(t, err, revops.ErrZeroDenominator, "PaidCAC", "PaidCustomers")
	_, err = revops.CAC(revops.CACInput{Costs: quarterCosts, NewCustomers: 3, PaidCustomers: 4})
	requireMetricError(t, err, revops.ErrInconsistent, "CAC", "PaidCustomers")
	bad := quarterCosts
	bad.Tools = dec("-1")
	_, err = revops.CAC(revops.CACInput{Costs: bad, NewCustomers: 3})
	requireMetricError(t, err, revops.ErrNegative, "CAC", "Costs.Tools")

	requireValue(t, "300")(revops.CPA(dec("12000"), 40))
	_, err = revops.CPA(dec("12000"), 0)
	requireMetricError(t, err, revops.ErrZeroDenominator, "CPA", "acquisitions")
}

func TestLeadRates(t *testing.T) {
	// The seeds' own examples: 40 of 100 leads convert, 90 of 100 are contacted.
	requireValue(t, "0.4")(revops.LeadConversionRate(revops.LeadConversion{Leads: 100, Opportunities: 40}))
	requireValue(t, "0.9")(revops.LeadContactRate(revops.LeadContact{QualifiedLeads: 100, Contacted: 90}))
	_, err := revops.LeadConversionRate(revops.LeadConversion{Leads: 10, Opportunities: 11})
	requireMetricError(t, err, revops.ErrInconsistent, "LeadConversionRate", "Opportunities")
	_, err = revops.LeadConversionRate(revops.LeadConversion{})
	requireMetricError(t, err, revops.ErrZeroDenominator, "LeadConversionRate", "Leads")
	_, err = revops.LeadContactRate(revops.LeadContact{QualifiedLeads: -1})
	requireMetricError(t, err, revops.ErrNegative, "LeadContactRate", "QualifiedLeads")
}

func TestFunnel(t *testing.T) {
	stages := []revops.FunnelStage{{"lead", 1000}, {"MQL", 400}, {"SQL", 100}, {"won", 25}}
	f, err := revops.Funnel(stages)
	require.NoError(t, err)
	require.Len(t, f.Steps, 3)
	require.Equal(t, "lead", f.Steps[0].From)
	require.Equal(t, "MQL", f.Steps[0].To)
	requireDecimal(t, "0.4", f.Steps[0].Rate)
	requireDecimal(t, "0.25", f.Steps[1].Rate)
	requireDecimal(t, "0.25", f.Steps[2].Rate)
	requireDecimal(t, "0.025", f.Overall) // 0.4 × 0.25 × 0.25

	growing := []revops.FunnelStage{{"a", 100}, {"b", 120}}
	_, err = revops.Funnel(growing)
	requireMetricError(t, err, revops.ErrInconsistent, "Funnel", "stages[1].Count")
	f, err = revops.Funnel(growing, revops.FunnelIncreasesAllowed)
	require.NoError(t, err)
	requireDecimal(t, "1.2", f.Overall)
	_, err = revops.Funnel([]revops.FunnelStage{{"a", 100}, {"b", 0}, {"c", 0}})
	requireMetricError(t, err, revops.ErrZeroDenominator, "Funnel", "stages[1].Count")
	_, err = revops.Funnel(stages[:1])
	requireMetricError(t, err, revops.ErrOutOfRange, "Funnel", "stages")
	_, err = revops.Funnel([]revops.FunnelStage{{"a", -1}, {"b", 0}})
	requireMetricError(t, err, revops.ErrNegative, "Funnel", "stages[0].Count")
}

func TestSpeedToLead(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	leads := []revops.Lead{
		{Created: t0, FirstResponse: t0.Add(5 * time.Minute)},
		{Created: t0, FirstResponse: t0.Add(15 * time.Minute)},
		{Created: t0.Add(time.Hour), FirstResponse: t0.Add(70 * time.Minute)},
		{Created: t0, FirstResponse: t0.Add(2 * time.Hour)},
		{Created: t0},
		{Created: t0.Add(time.Minute)},
	}
	// Contacted after 5, 15, 10 and 120 minutes: mean 150 ÷ 4 = 37.5, median (10 + 15) ÷ 2.
	r, err := revops.SpeedToLead(leads)
	require.NoError(t, err)
	require.Equal(t, 4, r.Contacted)
	require.Equal(t, 2, r.NeverContacted)
	require.Equal(t, 37*time.Minute+30*time.Second, r.Mean)
	require.Equal(t, 12*time.Minute+30*time.Second, r.Median)

	_, err = revops.SpeedToLead([]revops.Lead{leads[0], {Created: t0, FirstResponse: t0.Add(-time.Second)}})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "SpeedToLead", "leads[1].FirstResponse")
	_, err = revops.SpeedToLead(leads[4:])
	requireMetricError(t, err, revops.ErrZeroDenominator, "SpeedToLead", "leads")
	require.Contains(t, err.Error(), "no lead of 2 was contacted")
}

func TestUnitEconomics(t *testing.T) {
	requireValue(t, "7.5")(revops.CACPayback(revops.CACPaybackInput{CAC: dec("1500"), NewMRRPerCustomer: dec("250"), GrossMargin: dec("0.8")})) // 1,500 ÷ (250 × 0.8)
	_, err := revops.CACPayback(revops.CACPaybackInput{CAC: dec("1500"), NewMRRPerCustomer: dec("250")})
	requireMetricError(t, err, revops.ErrOutOfRange, "CACPayback", "GrossMargin")
	_, err = revops.CACPayback(revops.CACPaybackInput{CAC: dec("1500"), NewMRRPerCustomer: dec("250"), GrossMargin: dec("1.01")})
	requireMetricError(t, err, revops.ErrOutOfRange, "CACPayback", "GrossMargin")
	_, err = revops.CACPayback(revops.CACPaybackInput{CAC: dec("1500"), GrossMargin: dec("0.8")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "CACPayback", "NewMRRPerCustomer")

	requireValue(t, "3")(revops.LTVToCAC(revops.LTVCACInput{LTV: dec("4500"), CAC: dec("1500")}))
	_, err = revops.LTVToCAC(revops.LTVCACInput{LTV: dec("4500")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "LTVToCAC", "CAC")

	// (1,150,000 − 1,000,000) × 4 ÷ 400,000 = 1.5; 600,000 ÷ 400,000 = 1.5.
	requireValue(t, "1.5")(revops.MagicNumber(revops.MagicNumberInput{RevenueThisQuarter: dec("1150000"), RevenueLastQuarter: dec("1000000"), SpendLastQuarter: dec("400000")}))
	requireValue(t, "1.5")(revops.MagicNumberFromARR(revops.MagicNumberARRInput{NetNewARR: dec("600000"), SpendLastQuarter: dec("400000")}))
	requireValue(t, "-0.25")(revops.MagicNumberFromARR(revops.MagicNumberARRInput{NetNewARR: dec("-100000"), SpendLastQuarter: dec("400000")}))
	_, err = revops.MagicNumber(revops.MagicNumberInput{RevenueThisQuarter: dec("1")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "MagicNumber", "SpendLastQuarter")

	requireValue(t, "2")(revops.BurnMultiple(revops.BurnMultipleInput{NetBurn: dec("2000000"), NetNewARR: dec("1000000")}))
	_, err = revops.BurnMultiple(revops.BurnMultipleInput{NetBurn: dec("2000000")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "BurnMultiple", "NetNewARR")
	_, err = revops.BurnMultiple(revops.BurnMultipleInput{NetBurn: dec("2000000"), NetNewARR: dec("-1")})
	requireMetricError(t, err, revops.ErrOutOfRange, "BurnMultiple", "NetNewARR")
	_, err = revops.BurnMultiple(revops.BurnMultipleInput{NetBurn: dec("-5"), NetNewARR: dec("1")})
	requireMetricError(t, err, revops.ErrNegative, "BurnMultiple", "NetBurn")
}

func TestRuleOf40(t *testing.T) {
	tests := []struct {
		growth, margin, score string
		passes                bool
	}{
		{"0.30", "0.15", "0.45", true},
		{"0.25", "0.10", "0.35", false},
		{"0.55", "-0.15", "0.40", true}, // exactly 40 %
		{"-0.05", "0.20", "0.15", false},
	}
	for _, tt := range tests {
		r, err := revops.RuleOf40(revops.RuleOf40Input{Growth: dec(tt.growth), Margin: dec(tt.margin), Kind: revops.MarginEBITDA})
		require.NoError(t, err)
		requireDecimal(t, tt.score, r.Score)
		require.Equal(t, tt.passes, r.Passes, "%s + %s", tt.growth, tt.margin)
		require.Equal(t, revops.MarginEBITDA, r.Kind)
	}
	_, err := revops.RuleOf40(revops.RuleOf40Input{Growth: dec("0.3"), Margin: dec("0.1")})
	requireMetricError(t, err, revops.ErrOutOfRange, "RuleOf40", "Kind")
	_, err = revops.RuleOf40(revops.RuleOf40Input{Growth: dec("0.3"), Margin: dec("0.1"), Kind: 99})
	requireMetricError(t, err, revops.ErrOutOfRange, "RuleOf40", "Kind")
	require.Equal(t, "free_cash_flow", revops.MarginFreeCashFlow.String())
}

func TestROI(t *testing.T) {
	in := revops.ROIInput{
		Costs: revops.ROICosts{Personnel: dec("200000"), Technology: dec("100000"), Training: dec("20000"), Other: dec("30000")},
		Gains: revops.ROIGains{MoreCustomers: dec("300000"), BetterRetention: dec("150000"), ShorterCycles: dec("50000"), RevenuePerCustomer: dec("200000")},
	}
	r, err := revops.ROI(in)
	require.NoError(t, err)
	requireDecimal(t, "350000", r.Cost)
	requireDecimal(t, "700000", r.Gain)
	requireDecimal(t, "1", r.ROI) // (700,000 − 350,000) ÷ 350,000
	in.Gains = revops.ROIGains{}
	r, err = revops.ROI(in)
	require.NoError(t, err)
	requireDecimal(t, "-1", r.ROI)
	_, err = revops.ROI(revops.ROIInput{Gains: revops.ROIGains{MoreCustomers: dec("1")}})
	requireMetricError(t, err, revops.ErrZeroDenominator, "ROI", "Costs")
	_, err = revops.ROI(revops.ROIInput{Costs: revops.ROICosts{Training: dec("-1")}})
	requireMetricError(t, err, revops.ErrNegative, "ROI", "Costs.Training")
}

func TestAcquisitionProperties(t *testing.T) {
	zero, one := decimal.Zero, decimal.NewFromInt(1)
	inUnit := func(t *rapid.T, d decimal.Decimal) {
		require.True(t, d.GreaterThanOrEqual(zero) && d.LessThanOrEqual(one), "%s not in [0, 1]", d)
	}
	rapid.Check(t, func(t *rapid.T) {
		leads := rapid.IntRange(1, 1_000_000).Draw(t, "leads")
		inUnit(t, must(t)(revops.LeadConversionRate(revops.LeadConversion{Leads: leads, Opportunities: rapid.IntRange(0, leads).Draw(t, "opps")})))
		inUnit(t, must(t)(revops.LeadContactRate(revops.LeadContact{QualifiedLeads: leads, Contacted: rapid.IntRange(0, leads).Draw(t, "contacted")})))

		// A decreasing funnel: every step in [0, 1], and the overall rate is the product
		// of the steps, up to the rounding of each (half a unit per factor, factors ≤ 1).
		n := rapid.IntRange(2, 8).Draw(t, "stages")
		stages := []revops.FunnelStage{{Name: "s0", Count: rapid.IntRange(1, 1_000_000).Draw(t, "top")}}
		for i := 1; i < n; i++ {
			stages = append(stages, revops.FunnelStage{Name: "s", Count: rapid.IntRange(1, stages[i-1].Count).Draw(t, "count")})
		}
		f, err := revops.Funnel(stages)
		require.NoError(t, err)
		product := one
		for _, s := range f.Steps {
			inUnit(t, s.Rate)
			product = product.Mul(s.Rate)
		}
		require.True(t, product.Sub(f.Overall).Abs().LessThanOrEqual(ulp.Mul(decimal.NewFromInt(int64(n)))), "product %s, overall %s", product, f.Overall)

		// Scale invariance of the money ratios.
		k := positiveAmount(t, "k", 1e6)
		cac, mrr := positiveAmount(t, "cac", 1e9), positiveAmount(t, "mrr", 1e9)
		margin := decimal.New(rapid.Int64Range(1, 100).Draw(t, "marginPct"), -2)
		require.True(t, must(t)(revops.CACPayback(revops.CACPaybackInput{CAC: cac, NewMRRPerCustomer: mrr, GrossMargin: margin})).
			Equal(must(t)(revops.CACPayback(revops.CACPaybackInput{CAC: cac.Mul(k), NewMRRPerCustomer: mrr.Mul(k), GrossMargin: margin}))))
		this, last, spend := amount(t, "this", 1e9), amount(t, "last", 1e9), positiveAmount(t, "spend", 1e9)
		require.True(t, must(t)(revops.MagicNumber(revops.MagicNumberInput{RevenueThisQuarter: this, RevenueLastQuarter: last, SpendLastQuarter: spend})).
			Equal(must(t)(revops.MagicNumber(revops.MagicNumberInput{RevenueThisQuarter: this.Mul(k), RevenueLastQuarter: last.Mul(k), SpendLastQuarter: spend.Mul(k)}))))

		// LTV ÷ CAC agrees with the two computed separately: LTV and CAC are each within
		// half a unit of Scale of their true values, so the true ratio, computed here in
		// one division, lies within the bounds those half units give, widened by the
		// rounding of the ratio itself.
		arpa, churn := positiveAmount(t, "arpa", 1e6), decimal.New(rapid.Int64Range(1, 1000).Draw(t, "churnPermille"), -3)
		costs := revops.AcquisitionCosts{Personnel: positiveAmount(t, "personnel", 1e9)}
		customers := rapid.IntRange(1, 10_000).Draw(t, "customers")
		ltv := must(t)(revops.LTV(revops.LTVInput{ARPA: arpa, GrossMargin: margin, Churn: churn}))
		cacValue := must(t)(revops.CAC(revops.CACInput{Costs: costs, NewCustomers: customers}))
		ratio := must(t)(revops.LTVToCAC(revops.LTVCACInput{LTV: ltv, CAC: cacValue}))
		direct := arpa.Mul(margin).Mul(decimal.NewFromInt(int64(customers))).DivRound(churn.Mul(costs.Total()), 40)
		h := decimal.New(5, -(revops.Scale + 1))
		lo := ltv.Sub(h).DivRound(cacValue.Add(h), 40).Sub(ulp)
		hi := ltv.Add(h).DivRound(cacValue.Sub(h), 40).Add(ulp)
		require.True(t, direct.GreaterThanOrEqual(lo) && direct.LessThanOrEqual(hi), "direct %s outside [%s, %s]", direct, lo, hi)
		require.True(t, ratio.GreaterThanOrEqual(lo) && ratio.LessThanOrEqual(hi), "LTV:CAC %s outside [%s, %s]", ratio, lo, hi)
	})
}

// FuzzAcquisition feeds arbitrary amounts, counts and times to acquisition.go.
func FuzzAcquisition(f *testing.F) {
	f.Add("1500", "250", "0.8", int64(1), int32(0), 60, 25, int64(0), int64(300), uint8(1))
	f.Add("1e-2000000000", "-1", "x", int64(-3), int32(-2147483648), -1, 5, int64(1<<62), int64(-1<<62), uint8(0))
	f.Fuzz(func(t *testing.T, s0, s1, s2 string, coef int64, exp int32, n, m int, t0, t1 int64, kind uint8) {
		a, b, c := fuzzDecimal(s0, coef, exp), fuzzDecimal(s1, coef, exp), fuzzDecimal(s2, coef, exp)
		in := revops.CACInput{Costs: revops.AcquisitionCosts{PaidMedia: a, Personnel: b, Other: c}, NewCustomers: n, PaidCustomers: m}
		_, err := revops.CAC(in)
		requireRevopsError(t, err)
		_, err = revops.PaidCAC(in)
		requireRevopsError(t, err)
		_, err = revops.CPA(a, n)
		requireRevopsError(t, err)
		r, err := revops.LeadConversionRate(revops.LeadConversion{Leads: n, Opportunities: m})
		requireRevopsError(t, err)
		if err == nil {
			require.True(t, !r.IsNegative() && r.LessThanOrEqual(decimal.NewFromInt(1)))
		}
		_, err = revops.LeadContactRate(revops.LeadContact{QualifiedLeads: n, Contacted: m})
		requireRevopsError(t, err)
		_, err = revops.Funnel([]revops.FunnelStage{{"a", n}, {"b", m}, {"c", int(kind)}}, revops.FunnelOrder(kind%3))
		requireRevopsError(t, err)
		_, err = revops.SpeedToLead([]revops.Lead{{Created: time.Unix(t0, 0), FirstResponse: time.Unix(t1, 0)}, {Created: time.Unix(t1, 0)}, {Created: time.Unix(t1, 0), FirstResponse: time.Unix(t0, int64(n))}})
		requireRevopsError(t, err)
		_, err = revops.CACPayback(revops.CACPaybackInput{CAC: a, NewMRRPerCustomer: b, GrossMargin: c})
		requireRevopsError(t, err)
		_, err = revops.LTVToCAC(revops.LTVCACInput{LTV: a, CAC: b})
		requireRevopsError(t, err)
		_, err = revops.MagicNumber(revops.MagicNumberInput{RevenueThisQuarter: a, RevenueLastQuarter: b, SpendLastQuarter: c})
		requireRevopsError(t, err)
		_, err = revops.MagicNumberFromARR(revops.MagicNumberARRInput{NetNewARR: a, SpendLastQuarter: b})
		requireRevopsError(t, err)
		_, err = revops.BurnMultiple(revops.BurnMultipleInput{NetBurn: a, NetNewARR: b})
		requireRevopsError(t, err)
		_, err = revops.RuleOf40(revops.RuleOf40Input{Growth: a, Margin: b, Kind: revops.MarginKind(kind)})
		requireRevopsError(t, err)
		_, err = revops.ROI(revops.ROIInput{Costs: revops.ROICosts{Personnel: a, Other: c}, Gains: revops.ROIGains{MoreCustomers: b}})
		requireRevopsError(t, err)
	})
}

func BenchmarkCAC(b *testing.B) {
	in := revops.CACInput{Costs: quarterCosts, NewCustomers: 60, PaidCustomers: 25}
	bench(b, func() { _, _ = revops.CAC(in) })
}

func BenchmarkPaidCAC(b *testing.B) {
	in := revops.CACInput{Costs: quarterCosts, NewCustomers: 60, PaidCustomers: 25}
	bench(b, func() { _, _ = revops.PaidCAC(in) })
}

func BenchmarkCPA(b *testing.B) {
	spend := dec("12000")
	bench(b, func() { _, _ = revops.CPA(spend, 40) })
}

func BenchmarkLeadConversionRate(b *testing.B) {
	bench(b, func() { _, _ = revops.LeadConversionRate(revops.LeadConversion{Leads: 100, Opportunities: 40}) })
}

func BenchmarkLeadContactRate(b *testing.B) {
	bench(b, func() { _, _ = revops.LeadContactRate(revops.LeadContact{QualifiedLeads: 100, Contacted: 90}) })
}

func BenchmarkFunnel(b *testing.B) {
	stages := []revops.FunnelStage{{"lead", 1000}, {"MQL", 400}, {"SQL", 100}, {"won", 25}}
	bench(b, func() { _, _ = revops.Funnel(stages) })
}

func BenchmarkSpeedToLead(b *testing.B) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	leads := make([]revops.Lead, 1000)
	for i := range leads {
		leads[i] = revops.Lead{Created: t0.Add(time.Duration(i) * time.Minute)}
		if i%5 != 0 {
			leads[i].FirstResponse = leads[i].Created.Add(time.Duration(i%97) * time.Minute)
		}
	}
	bench(b, func() { _, _ = revops.SpeedToLead(leads) })
}

func BenchmarkCACPayback(b *testing.B) {
	in := revops.CACPaybackInput{CAC: dec("1500"), NewMRRPerCustomer: dec("250"), GrossMargin: dec("0.8")}
	bench(b, func() { _, _ = revops.CACPayback(in) })
}

func BenchmarkLTVToCAC(b *testing.B) {
	in := revops.LTVCACInput{LTV: dec("4500"), CAC: dec("1500")}
	bench(b, func() { _, _ = revops.LTVToCAC(in) })
}

func BenchmarkMagicNumber(b *testing.B) {
	in := revops.MagicNumberInput{RevenueThisQuarter: dec("1150000"), RevenueLastQuarter: dec("1000000"), SpendLastQuarter: dec("400000")}
	bench(b, func() { _, _ = revops.MagicNumber(in) })
}

func BenchmarkMagicNumberFromARR(b *testing.B) {
	in := revops.MagicNumberARRInput{NetNewARR: dec("600000"), SpendLastQuarter: dec("400000")}
	bench(b, func() { _, _ = revops.MagicNumberFromARR(in) })
}

func BenchmarkBurnMultiple(b *testing.B) {
	in := revops.BurnMultipleInput{NetBurn: dec("2000000"), NetNewARR: dec("1000000")}
	bench(b, func() { _, _ = revops.BurnMultiple(in) })
}

func BenchmarkRuleOf40(b *testing.B) {
	in := revops.RuleOf40Input{Growth: dec("0.3"), Margin: dec("0.15"), Kind: revops.MarginEBITDA}
	bench(b, func() { _, _ = revops.RuleOf40(in) })
}

func BenchmarkROI(b *testing.B) {
	in := revops.ROIInput{
		Costs: revops.ROICosts{Personnel: dec("200000"), Technology: dec("100000"), Training: dec("20000"), Other: dec("30000")},
		Gains: revops.ROIGains{MoreCustomers: dec("300000"), BetterRetention: dec("150000")},
	}
	bench(b, func() { _, _ = revops.ROI(in) })
}
