package revops_test

import (
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestPipelineVelocity(t *testing.T) {
	requireValue(t, "6250")(revops.PipelineVelocity(revops.VelocityInput{Opportunities: 50, WinRate: dec("0.25"), AverageDeal: dec("20000"), CycleDays: dec("40")})) // 50 × 0.25 × 20,000 ÷ 40
	requireValue(t, "3333.3333333333333333")(revops.ClosedWonVelocity(revops.ClosedWonInput{Value: dec("300000"), Days: dec("90")}))
	_, err := revops.PipelineVelocity(revops.VelocityInput{Opportunities: 50, WinRate: dec("1.25"), AverageDeal: dec("1"), CycleDays: dec("40")})
	requireMetricError(t, err, revops.ErrOutOfRange, "PipelineVelocity", "WinRate")
	_, err = revops.PipelineVelocity(revops.VelocityInput{Opportunities: 50, WinRate: dec("0.25"), AverageDeal: dec("1")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "PipelineVelocity", "CycleDays")
	_, err = revops.ClosedWonVelocity(revops.ClosedWonInput{Value: dec("1")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "ClosedWonVelocity", "Days")
}

func TestWinRate(t *testing.T) {
	w := revops.WinLoss{Won: 30, Lost: 70, Open: 50}
	requireValue(t, "0.3")(revops.WinRate(w))                        // 30 ÷ (30 + 70)
	requireValue(t, "0.2")(revops.WinRate(w, revops.WinRateOverAll)) // 30 ÷ 150
	_, err := revops.WinRate(revops.WinLoss{Open: 5})
	requireMetricError(t, err, revops.ErrZeroDenominator, "WinRate", "Won+Lost")
	_, err = revops.WinRate(revops.WinLoss{Won: -1})
	requireMetricError(t, err, revops.ErrNegative, "WinRate", "Won")
}

func TestSalesCycleLength(t *testing.T) {
	jan1 := date(2026, 1, 1)
	opps := []revops.Opportunity{
		{Status: revops.DealWon, Created: jan1, Closed: date(2026, 1, 31)},                    // 30 days
		{Status: revops.DealLost, Created: jan1, Closed: date(2026, 1, 11)},                   // 10 days
		{Status: revops.DealWon, Created: jan1.Add(12 * time.Hour), Closed: date(2026, 1, 3)}, // 1.5 days
		{Status: revops.DealOpen, Created: jan1},                                              // not measured
	}
	c, err := revops.SalesCycleLength(opps)
	require.NoError(t, err)
	require.Equal(t, 3, c.Deals)
	requireDecimal(t, "13.8333333333333333", c.Mean) // 41.5 ÷ 3
	requireDecimal(t, "10", c.Median)
	c, err = revops.SalesCycleLength(opps, revops.CycleWonOnly)
	require.NoError(t, err)
	requireDecimal(t, "15.75", c.Mean) // (30 + 1.5) ÷ 2
	requireDecimal(t, "15.75", c.Median)

	_, err = revops.SalesCycleLength([]revops.Opportunity{{Status: revops.DealWon, Created: jan1, Closed: jan1.Add(-time.Hour)}})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "SalesCycleLength", "opps[0].Closed")
	_, err = revops.SalesCycleLength([]revops.Opportunity{{Status: revops.DealLost, Created: jan1}})
	requireMetricError(t, err, revops.ErrInconsistent, "SalesCycleLength", "opps[0].Closed")
	_, err = revops.SalesCycleLength(opps[3:])
	requireMetricError(t, err, revops.ErrZeroDenominator, "SalesCycleLength", "opps")
}

func stagedPipeline() []revops.Opportunity {
	open := func(stage, amount string) revops.Opportunity {
		return revops.Opportunity{Stage: stage, Amount: dec(amount), Probability: dec("0.1")}
	}
	closed := func(stage string, s revops.DealStatus) revops.Opportunity {
		return revops.Opportunity{Stage: stage, Status: s, Amount: dec("9999"), Probability: dec("1")}
	}
	return []revops.Opportunity{
		open("Discovery", "1000"), open("Discovery", "1000"), open("Discovery", "1000"),
		open("Demo", "2000"), open("Demo", "2000"), closed("Demo", revops.DealLost),
		open("Proposal", "5000"), closed("Proposal", revops.DealLost),
		closed("Negotiation", revops.DealWon), closed("Negotiation", revops.DealWon),
	}
}

func TestPipelineValue(t *testing.T) {
	opps := []revops.Opportunity{
		{Amount: dec("10000"), Probability: dec("0.2")},
		{Amount: dec("50000"), Probability: dec("0.5")},
		{Status: revops.DealWon, Amount: dec("30000"), Probability: dec("1")},
		{Status: revops.DealLost, Amount: dec("5000")},
	}
	p, err := revops.PipelineValue(opps)
	require.NoError(t, err)
	require.Equal(t, 2, p.Open)
	requireDecimal(t, "60000", p.Value)
	requireDecimal(t, "27000", p.Weighted) // 10,000 × 0.2 + 50,000 × 0.5
	opps[1].Probability = dec("1.5")
	_, err = revops.PipelineValue(opps)
	requireMetricError(t, err, revops.ErrOutOfRange, "PipelineValue", "opps[1].Probability")
	opps[1].Probability, opps[3].Currency = dec("0.5"), "EUR"
	_, err = revops.PipelineValue(opps)
	requireMetricError(t, err, revops.ErrCurrencyMismatch, "PipelineValue", "opps[3].Currency")
}

func TestByStage(t *testing.T) {
	// Furthest stage reached: Discovery 3, Demo 3, Proposal 2, won 2. Reached, from the
	// end: Negotiation 2, Proposal 4, Demo 7, Discovery 10.
	stages := []string{"Discovery", "Demo", "Proposal", "Negotiation"}
	s, err := revops.ByStage(stagedPipeline(), stages)
	require.NoError(t, err)
	require.Len(t, s, 4)
	want := []struct {
		open    int
		value   string
		reached int
		toNext  string
	}{
		{3, "3000", 10, "0.7"},
		{2, "4000", 7, "0.5714285714285714"}, // 4 ÷ 7
		{1, "5000", 4, "0.5"},
		{0, "0", 2, "1"}, // both won
	}
	for i, w := range want {
		require.Equal(t, stages[i], s[i].Stage)
		require.Equal(t, w.open, s[i].Open, stages[i])
		requireDecimal(t, w.value, s[i].Value, stages[i])
		require.Equal(t, w.reached, s[i].Reached, stages[i])
		require.NotNil(t, s[i].ToNext)
		requireDecimal(t, w.toNext, *s[i].ToNext, stages[i])
	}
	s, err = revops.ByStage(stagedPipeline()[:3], []string{"Discovery", "Closing"})
	require.NoError(t, err)
	require.Nil(t, s[1].ToNext, "nobody reached Closing: no conversion, not a silent 0")
	requireDecimal(t, "0", *s[0].ToNext)

	_, err = revops.ByStage(stagedPipeline(), stages[:2])
	requireMetricError(t, err, revops.ErrOutOfRange, "ByStage", "opps[6].Stage")
	_, err = revops.ByStage(nil, []string{"a", "a"})
	requireMetricError(t, err, revops.ErrInconsistent, "ByStage", "stages[1]")
	_, err = revops.ByStage(nil, nil)
	requireMetricError(t, err, revops.ErrOutOfRange, "ByStage", "stages")
}

func TestQuotaAndCoverage(t *testing.T) {
	requireValue(t, "0.25")(revops.PipelineGrowth(revops.Growth{Previous: dec("400000"), Current: dec("500000")}))
	requireValue(t, "1.2")(revops.QuotaAttainment(revops.QuotaInput{Won: dec("120000"), Quota: dec("100000")}))
	_, err := revops.QuotaAttainment(revops.QuotaInput{Won: dec("120000")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "QuotaAttainment", "Quota")

	// Σ won 250,000 ÷ Σ quota 250,000; the first and third reps are at or above quota.
	team, err := revops.TeamQuotaAttainment([]revops.QuotaInput{
		{Won: dec("120000"), Quota: dec("100000")},
		{Won: dec("80000"), Quota: dec("100000")},
		{Won: dec("50000"), Quota: dec("50000")},
	})
	require.NoError(t, err)
	requireDecimal(t, "1", team.Attainment)
	require.Equal(t, 3, team.Reps)
	require.Equal(t, 2, team.AtOrAboveQuota)
	requireDecimal(t, "0.6666666666666667", team.Share)
	_, err = revops.TeamQuotaAttainment([]revops.QuotaInput{{Won: dec("1"), Quota: dec("1")}, {Won: dec("1")}})
	requireMetricError(t, err, revops.ErrZeroDenominator, "TeamQuotaAttainment", "reps[1].Quota")
	_, err = revops.TeamQuotaAttainment(nil)
	requireMetricError(t, err, revops.ErrZeroDenominator, "TeamQuotaAttainment", "reps")

	requireValue(t, "3")(revops.PipelineCoverage(revops.CoverageInput{OpenPipeline: dec("900000"), RemainingQuota: dec("300000")}))
	requireValue(t, "4")(revops.RequiredCoverage(dec("0.25")))
	requireValue(t, "3.3333333333333333")(revops.RequiredCoverage(dec("0.3")))
	_, err = revops.RequiredCoverage(decimal.Zero)
	requireMetricError(t, err, revops.ErrZeroDenominator, "RequiredCoverage", "winRate")
	_, err = revops.RequiredCoverage(dec("1.1"))
	requireMetricError(t, err, revops.ErrOutOfRange, "RequiredCoverage", "winRate")
}

func TestPipelineProperties(t *testing.T) {
	one := decimal.NewFromInt(1)
	rapid.Check(t, func(t *rapid.T) {
		w := revops.WinLoss{Won: rapid.IntRange(0, 10_000).Draw(t, "won"), Lost: rapid.IntRange(0, 10_000).Draw(t, "lost"), Open: rapid.IntRange(0, 10_000).Draw(t, "open")}
		if w.Won+w.Lost > 0 {
			r := must(t)(revops.WinRate(w))
			all := must(t)(revops.WinRate(w, revops.WinRateOverAll))
			require.True(t, !r.IsNegative() && r.LessThanOrEqual(one))
			require.True(t, !all.IsNegative() && all.LessThanOrEqual(r))
			// One more won deal never lowers the win rate.
			more := w
			more.Won++
			require.True(t, must(t)(revops.WinRate(more)).GreaterThanOrEqual(r))
			require.True(t, must(t)(revops.WinRate(more, revops.WinRateOverAll)).GreaterThanOrEqual(all))
		}

		// Velocity is linear in deal size and inverse in cycle length, up to rounding.
		in := revops.VelocityInput{
			Opportunities: rapid.IntRange(0, 10_000).Draw(t, "opps"),
			WinRate:       decimal.New(rapid.Int64Range(0, 100).Draw(t, "winPct"), -2),
			AverageDeal:   amount(t, "deal", 1e9),
			CycleDays:     positiveAmount(t, "days", 1e5),
		}
		v := must(t)(revops.PipelineVelocity(in))
		k := rapid.Int64Range(1, 1000).Draw(t, "k")
		kd := decimal.NewFromInt(k)
		bigger := in
		bigger.AverageDeal = in.AverageDeal.Mul(kd)
		vk := must(t)(revops.PipelineVelocity(bigger))
		require.True(t, vk.Sub(v.Mul(kd)).Abs().LessThanOrEqual(ulp.Mul(decimal.NewFromInt(k+1))), "k × deal: %s vs k × %s", vk, v)
		longer := in
		longer.CycleDays = in.CycleDays.Mul(kd)
		vl := must(t)(revops.PipelineVelocity(longer))
		require.True(t, vl.Mul(kd).Sub(v).Abs().LessThanOrEqual(ulp.Mul(decimal.NewFromInt(k+1))), "k × days: %s × k vs %s", vl, v)

		// Team attainment: the share lies in [0, 1] and attainment is scale invariant.
		reps := make([]revops.QuotaInput, rapid.IntRange(1, 20).Draw(t, "reps"))
		scaled := make([]revops.QuotaInput, len(reps))
		for i := range reps {
			reps[i] = revops.QuotaInput{Won: amount(t, "repWon", 1e9), Quota: positiveAmount(t, "repQuota", 1e9)}
			scaled[i] = revops.QuotaInput{Won: reps[i].Won.Mul(kd), Quota: reps[i].Quota.Mul(kd)}
		}
		team, err := revops.TeamQuotaAttainment(reps)
		require.NoError(t, err)
		require.True(t, !team.Share.IsNegative() && team.Share.LessThanOrEqual(one))
		teamK, err := revops.TeamQuotaAttainment(scaled)
		require.NoError(t, err)
		require.True(t, team.Attainment.Equal(teamK.Attainment))
		require.Equal(t, team.AtOrAboveQuota, teamK.AtOrAboveQuota)
	})
}

// FuzzPipeline feeds arbitrary opportunities and amounts to pipeline.go.
func FuzzPipeline(f *testing.F) {
	f.Add("20000", "0.25", "40", int64(1), int32(0), 50, 7, int64(0), int64(86400), uint8(1), "Demo")
	f.Add("-1", "1e-2000000000", "x", int64(-9), int32(2147483647), -3, 0, int64(1<<62), int64(-1<<62), uint8(200), "")
	f.Fuzz(func(t *testing.T, s0, s1, s2 string, coef int64, exp int32, n, m int, t0, t1 int64, opt uint8, stage string) {
		a, b, c := fuzzDecimal(s0, coef, exp), fuzzDecimal(s1, coef, exp), fuzzDecimal(s2, coef, exp)
		_, err := revops.PipelineVelocity(revops.VelocityInput{Opportunities: n, WinRate: b, AverageDeal: a, CycleDays: c})
		requireRevopsError(t, err)
		_, err = revops.ClosedWonVelocity(revops.ClosedWonInput{Value: a, Days: c})
		requireRevopsError(t, err)
		r, err := revops.WinRate(revops.WinLoss{Won: n, Lost: m, Open: int(opt)}, revops.WinRateDenominator(opt%3))
		requireRevopsError(t, err)
		if err == nil {
			require.True(t, !r.IsNegative() && r.LessThanOrEqual(decimal.NewFromInt(1)))
		}
		opps := []revops.Opportunity{
			{Stage: stage, Status: revops.DealStatus(opt % 4), Amount: a, Probability: b, Created: time.Unix(t0, 0), Closed: time.Unix(t1, 0)},
			{Stage: "Demo", Status: revops.DealWon, Amount: c, Probability: b, Created: time.Unix(t1, 0), Closed: time.Unix(t0, int64(n))},
		}
		_, err = revops.SalesCycleLength(opps, revops.CycleDeals(opt%3))
		requireRevopsError(t, err)
		_, err = revops.PipelineValue(opps)
		requireRevopsError(t, err)
		_, err = revops.ByStage(opps, []string{"Demo", stage})
		requireRevopsError(t, err)
		_, err = revops.PipelineGrowth(revops.Growth{Previous: a, Current: b})
		requireRevopsError(t, err)
		_, err = revops.QuotaAttainment(revops.QuotaInput{Won: a, Quota: b})
		requireRevopsError(t, err)
		_, err = revops.TeamQuotaAttainment([]revops.QuotaInput{{Won: a, Quota: b}, {Won: c, Quota: a}})
		requireRevopsError(t, err)
		_, err = revops.PipelineCoverage(revops.CoverageInput{OpenPipeline: a, RemainingQuota: c})
		requireRevopsError(t, err)
		_, err = revops.RequiredCoverage(b)
		requireRevopsError(t, err)
	})
}

func BenchmarkPipelineVelocity(b *testing.B) {
	in := revops.VelocityInput{Opportunities: 50, WinRate: dec("0.25"), AverageDeal: dec("20000"), CycleDays: dec("40")}
	bench(b, func() { _, _ = revops.PipelineVelocity(in) })
}

func BenchmarkClosedWonVelocity(b *testing.B) {
	in := revops.ClosedWonInput{Value: dec("300000"), Days: dec("90")}
	bench(b, func() { _, _ = revops.ClosedWonVelocity(in) })
}

func BenchmarkWinRate(b *testing.B) {
	bench(b, func() { _, _ = revops.WinRate(revops.WinLoss{Won: 30, Lost: 70, Open: 50}) })
}

func benchOpportunities(n int) []revops.Opportunity {
	stages := []string{"Discovery", "Demo", "Proposal", "Negotiation"}
	opps := make([]revops.Opportunity, n)
	for i := range opps {
		created := date(2026, 1, 1).Add(time.Duration(i) * time.Hour)
		opps[i] = revops.Opportunity{Stage: stages[i%4], Status: revops.DealStatus(i % 3), Amount: decimal.New(int64(100000+i), -2),
			Probability: decimal.New(int64(i%100), -2), Created: created}
		if opps[i].Status != revops.DealOpen {
			opps[i].Closed = created.Add(time.Duration(24+i%500) * time.Hour)
		}
	}
	return opps
}

func BenchmarkSalesCycleLength(b *testing.B) {
	opps := benchOpportunities(1000)
	bench(b, func() { _, _ = revops.SalesCycleLength(opps) })
}

func BenchmarkPipelineValue(b *testing.B) {
	opps := benchOpportunities(1000)
	bench(b, func() { _, _ = revops.PipelineValue(opps) })
}

func BenchmarkByStage(b *testing.B) {
	opps := benchOpportunities(1000)
	stages := []string{"Discovery", "Demo", "Proposal", "Negotiation"}
	bench(b, func() { _, _ = revops.ByStage(opps, stages) })
}

func BenchmarkPipelineGrowth(b *testing.B) {
	g := revops.Growth{Previous: dec("400000"), Current: dec("500000")}
	bench(b, func() { _, _ = revops.PipelineGrowth(g) })
}

func BenchmarkQuotaAttainment(b *testing.B) {
	q := revops.QuotaInput{Won: dec("120000"), Quota: dec("100000")}
	bench(b, func() { _, _ = revops.QuotaAttainment(q) })
}

func BenchmarkTeamQuotaAttainment(b *testing.B) {
	reps := make([]revops.QuotaInput, 50)
	for i := range reps {
		reps[i] = revops.QuotaInput{Won: decimal.New(int64(80000+i*1000), 0), Quota: decimal.New(100000, 0)}
	}
	bench(b, func() { _, _ = revops.TeamQuotaAttainment(reps) })
}

func BenchmarkPipelineCoverage(b *testing.B) {
	in := revops.CoverageInput{OpenPipeline: dec("900000"), RemainingQuota: dec("300000")}
	bench(b, func() { _, _ = revops.PipelineCoverage(in) })
}

func BenchmarkRequiredCoverage(b *testing.B) {
	w := dec("0.3")
	bench(b, func() { _, _ = revops.RequiredCoverage(w) })
}
