package revops_test

import (
	"testing"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The expected values were worked out with Python's decimal module at 80 digits:
// 1 − 0.98^12 = 0.215283276265199966613504, 1 − 0.95^12 = 0.459639912337363037109375,
// 0.8^(1/12) = 0.98157652987375167362…, 0.5^(1/3) = 0.79370052598409973737…
func TestChurnConversions(t *testing.T) {
	requireValue(t, "0.2152832762652")(revops.ChurnOverPeriods(dec("0.02"), 12))
	requireValue(t, "0.459639912337363")(revops.ChurnOverPeriods(dec("0.05"), 12))
	requireValue(t, "0.0184234701262483")(revops.ChurnPerPeriod(dec("0.2"), 12))
	requireValue(t, "0.2062994740159003")(revops.ChurnPerPeriod(dec("0.5"), 3))
	requireValue(t, "0.03")(revops.ChurnOverPeriods(dec("0.03"), 1))
	requireValue(t, "1")(revops.ChurnOverPeriods(dec("1"), 12))
	requireValue(t, "1")(revops.ChurnPerPeriod(dec("1"), 12))
	requireValue(t, "0")(revops.ChurnPerPeriod(dec("0"), 12))
	for _, c := range []struct {
		rate     string
		n        int
		sentinel error
		field    string
	}{
		{"-0.1", 12, revops.ErrNegative, "rate"},
		{"1.01", 12, revops.ErrOutOfRange, "rate"},
		{"0.1", 0, revops.ErrOutOfRange, "n"},
		{"0.1", revops.MaxPeriods + 1, revops.ErrOutOfRange, "n"},
		{"1e-33", 12, revops.ErrOutOfRange, "rate"},
	} {
		_, err := revops.ChurnOverPeriods(dec(c.rate), c.n)
		requireMetricError(t, err, c.sentinel, "ChurnOverPeriods", c.field)
		_, err = revops.ChurnPerPeriod(dec(c.rate), c.n)
		requireMetricError(t, err, c.sentinel, "ChurnPerPeriod", c.field)
	}
}

// Converting a rate to n periods and back returns it, within what the rounding of the
// longer rate to 16 places can move the root; more periods and more churn per period
// never lower the longer rate.
func TestChurnConversionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rate := decimal.New(rapid.Int64Range(0, 5000).Draw(t, "rate"), -4) // 0 to 50 %
		n := rapid.IntRange(1, 24).Draw(t, "n")
		over, err := revops.ChurnOverPeriods(rate, n)
		require.NoError(t, err)
		require.True(t, over.GreaterThanOrEqual(rate) && over.LessThanOrEqual(decimal.NewFromInt(1)), "%s over %d periods is %s", rate, n, over)
		back, err := revops.ChurnPerPeriod(over, n)
		require.NoError(t, err)
		require.True(t, back.Sub(rate).Abs().LessThanOrEqual(decimal.New(1, -10)), "%s → %s → %s", rate, over, back)
		more, err := revops.ChurnOverPeriods(rate, n+1)
		require.NoError(t, err)
		require.True(t, more.GreaterThanOrEqual(over))
		higher, err := revops.ChurnOverPeriods(rate.Add(decimal.New(1, -4)), n)
		require.NoError(t, err)
		require.True(t, higher.GreaterThanOrEqual(over))
	})
}

func TestExpansionAndContractionRates(t *testing.T) {
	m := revops.RevenueMovements{Start: dec("100000"), Expansion: dec("20000"), Contraction: dec("5000"), Churn: dec("10000")}
	requireValue(t, "0.2")(revops.ExpansionRate(m))
	requireValue(t, "0.05")(revops.ContractionRate(m))
	_, err := revops.ExpansionRate(revops.RevenueMovements{})
	requireMetricError(t, err, revops.ErrZeroDenominator, "ExpansionRate", "Start")
	_, err = revops.ContractionRate(revops.RevenueMovements{Start: dec("10"), Contraction: dec("-1")})
	requireMetricError(t, err, revops.ErrNegative, "ContractionRate", "Contraction")
	_, err = revops.ContractionRate(revops.RevenueMovements{Start: dec("10"), Contraction: dec("8"), Churn: dec("5")})
	requireMetricError(t, err, revops.ErrInconsistent, "ContractionRate", "Churn")
}

// NRR − 1 is the expansion rate less the contraction rate less the churned share, and
// every rate is unchanged when every amount is scaled.
func TestExpansionRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := positiveAmount(t, "start", 1_000_000)
		churn := decimal.New(rapid.Int64Range(0, 100).Draw(t, "churnPct"), -2).Mul(start)
		contraction := decimal.New(rapid.Int64Range(0, 100).Draw(t, "conPct"), -2).Mul(start.Sub(churn))
		m := revops.RevenueMovements{Start: start, Expansion: amount(t, "expansion", 1_000_000), Contraction: contraction, Churn: churn}
		exp := mustOf[decimal.Decimal](t)(revops.ExpansionRate(m))
		con := mustOf[decimal.Decimal](t)(revops.ContractionRate(m))
		nrr := mustOf[decimal.Decimal](t)(revops.NRR(m))
		churned := churn.DivRound(start, revops.Scale)
		// Four quotients, each rounded once to 16 places: within two units of the last.
		gap := nrr.Sub(decimal.NewFromInt(1)).Sub(exp.Sub(con).Sub(churned)).Abs()
		require.True(t, gap.LessThanOrEqual(ulp.Mul(decimal.NewFromInt(2))), "NRR − 1 = %s, rates give %s", nrr.Sub(decimal.NewFromInt(1)), exp.Sub(con).Sub(churned))
		k := decimal.NewFromInt(rapid.Int64Range(2, 1000).Draw(t, "k"))
		scaled := revops.RevenueMovements{Start: start.Mul(k), Expansion: m.Expansion.Mul(k), Contraction: contraction.Mul(k), Churn: churn.Mul(k)}
		require.True(t, exp.Equal(mustOf[decimal.Decimal](t)(revops.ExpansionRate(scaled))))
		require.True(t, con.Equal(mustOf[decimal.Decimal](t)(revops.ContractionRate(scaled))))
	})
}

func TestTrialConversionRate(t *testing.T) {
	requireValue(t, "0.25")(revops.TrialConversionRate(revops.TrialConversion{Trials: 200, Converted: 50}))
	_, err := revops.TrialConversionRate(revops.TrialConversion{})
	requireMetricError(t, err, revops.ErrZeroDenominator, "TrialConversionRate", "Trials")
	_, err = revops.TrialConversionRate(revops.TrialConversion{Trials: 5, Converted: 6})
	requireMetricError(t, err, revops.ErrInconsistent, "TrialConversionRate", "Converted")
}

// ChartMogul's published example (help.chartmogul.com, "Chart: Average Sale Price"):
// ten new customers in May, three on a Gold plan at $100 and seven on Silver at $50,
// an ASP of $65.
func TestASPChartMogulExample(t *testing.T) {
	requireValue(t, "65")(revops.ASP(dec("3").Mul(dec("100")).Add(dec("7").Mul(dec("50"))), 10))
	_, err := revops.ASP(dec("100"), 0)
	requireMetricError(t, err, revops.ErrZeroDenominator, "ASP", "newCustomers")
}

func TestCMRR(t *testing.T) {
	// 25,000 live, 500 signed, 3,000 given notice: 22,500.
	requireValue(t, "22500")(revops.CMRR(revops.CMRRInput{LiveMRR: dec("25000"), Signed: dec("500"), ScheduledChurn: dec("3000")}))
	_, err := revops.CMRR(revops.CMRRInput{LiveMRR: dec("100"), Signed: dec("50"), ScheduledChurn: dec("151")})
	requireMetricError(t, err, revops.ErrInconsistent, "CMRR", "ScheduledChurn")
	_, err = revops.CMRR(revops.CMRRInput{Signed: dec("-1")})
	requireMetricError(t, err, revops.ErrNegative, "CMRR", "Signed")
}

func TestCustomerConcentration(t *testing.T) {
	mrr := map[string]decimal.Decimal{"a": dec("500"), "b": dec("300"), "c": dec("100"), "d": dec("100")}
	requireValue(t, "0.5")(revops.CustomerConcentration(mrr, 1))
	requireValue(t, "0.8")(revops.CustomerConcentration(mrr, 2))
	requireValue(t, "1")(revops.CustomerConcentration(mrr, 10))
	_, err := revops.CustomerConcentration(mrr, 0)
	requireMetricError(t, err, revops.ErrOutOfRange, "CustomerConcentration", "n")
	_, err = revops.CustomerConcentration(map[string]decimal.Decimal{}, 1)
	requireMetricError(t, err, revops.ErrZeroDenominator, "CustomerConcentration", "mrr")
	mrr["e"] = dec("-1")
	_, err = revops.CustomerConcentration(mrr, 1)
	requireMetricError(t, err, revops.ErrNegative, "CustomerConcentration", `mrr["e"]`)
}

// Concentration is in [0, 1], never falls as n grows, and ignores the scale of MRR.
func TestCustomerConcentrationProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mrr := map[string]decimal.Decimal{}
		for i := range rapid.IntRange(1, 20).Draw(t, "customers") {
			mrr[string(rune('a'+i))] = amount(t, "mrr", 1_000_000)
		}
		mrr["z"] = positiveAmount(t, "z", 1_000_000)
		n := rapid.IntRange(1, 25).Draw(t, "n")
		c := mustOf[decimal.Decimal](t)(revops.CustomerConcentration(mrr, n))
		require.True(t, c.IsPositive() && c.LessThanOrEqual(decimal.NewFromInt(1)))
		require.True(t, mustOf[decimal.Decimal](t)(revops.CustomerConcentration(mrr, n+1)).GreaterThanOrEqual(c))
		scaled := map[string]decimal.Decimal{}
		for k, v := range mrr {
			scaled[k] = v.Mul(decimal.NewFromInt(7))
		}
		require.True(t, c.Equal(mustOf[decimal.Decimal](t)(revops.CustomerConcentration(scaled, n))))
	})
}

// FuzzFormulas feeds arbitrary values to the formulas of the catalogue's second round:
// none panics and every error is a *revops.Error.
func FuzzFormulas(f *testing.F) {
	f.Add("0.02", 12, "100", "20", "5", "10", 3, 2)
	f.Add("1e-40", -1, "-5", "1e2000", "x", "0", 0, 9)
	f.Fuzz(func(t *testing.T, rate string, n int, a, b, c, d string, i, j int) {
		r := fuzzDecimal(rate, 1, -2)
		_, err := revops.ChurnOverPeriods(r, n%2000)
		requireRevopsError(t, err)
		_, err = revops.ChurnPerPeriod(r, n%2000)
		requireRevopsError(t, err)
		m := revops.RevenueMovements{Start: fuzzDecimal(a, 100, 0), Expansion: fuzzDecimal(b, 1, 0), Contraction: fuzzDecimal(c, 1, 0), Churn: fuzzDecimal(d, 1, 0)}
		_, err = revops.ExpansionRate(m)
		requireRevopsError(t, err)
		_, err = revops.ContractionRate(m)
		requireRevopsError(t, err)
		_, err = revops.TrialConversionRate(revops.TrialConversion{Trials: i, Converted: j})
		requireRevopsError(t, err)
		_, err = revops.ASP(m.Start, i)
		requireRevopsError(t, err)
		_, err = revops.CMRR(revops.CMRRInput{LiveMRR: m.Start, Signed: m.Expansion, ScheduledChurn: m.Churn})
		requireRevopsError(t, err)
		_, err = revops.CustomerConcentration(map[string]decimal.Decimal{"a": m.Start, "b": m.Expansion, "c": m.Churn}, j)
		requireRevopsError(t, err)
	})
}

func BenchmarkChurnOverPeriods(b *testing.B) {
	r := dec("0.0234")
	bench(b, func() { _, _ = revops.ChurnOverPeriods(r, 12) })
}

func BenchmarkChurnPerPeriod(b *testing.B) {
	r := dec("0.2")
	bench(b, func() { _, _ = revops.ChurnPerPeriod(r, 12) })
}

func BenchmarkExpansionRate(b *testing.B) {
	m := revops.RevenueMovements{Start: dec("100000"), Expansion: dec("20000")}
	bench(b, func() { _, _ = revops.ExpansionRate(m) })
}

func BenchmarkContractionRate(b *testing.B) {
	m := revops.RevenueMovements{Start: dec("100000"), Contraction: dec("5000")}
	bench(b, func() { _, _ = revops.ContractionRate(m) })
}

func BenchmarkTrialConversionRate(b *testing.B) {
	bench(b, func() { _, _ = revops.TrialConversionRate(revops.TrialConversion{Trials: 200, Converted: 50}) })
}

func BenchmarkASP(b *testing.B) {
	mrr := dec("650")
	bench(b, func() { _, _ = revops.ASP(mrr, 10) })
}

func BenchmarkCMRR(b *testing.B) {
	in := revops.CMRRInput{LiveMRR: dec("25000"), Signed: dec("500"), ScheduledChurn: dec("3000")}
	bench(b, func() { _, _ = revops.CMRR(in) })
}

func BenchmarkCustomerConcentration(b *testing.B) {
	mrr := map[string]decimal.Decimal{}
	for i := range 1000 {
		mrr[string(rune(0x4e00+i))] = decimal.NewFromInt(int64(100 + i%700))
	}
	bench(b, func() { _, _ = revops.CustomerConcentration(mrr, 10) })
}
