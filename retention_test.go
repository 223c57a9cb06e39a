package revops_test

import (
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestCustomerChurnRate(t *testing.T) {
	// ChartMogul's published B2B example: 100 customers at the start, 11 cancel, one of
	// whom joined in the same month, so 10 ÷ 100 = 10 %.
	chartMogul := revops.CustomerCounts{Start: 100, New: 5, Churned: 11, JoinedAndLeft: 1}
	tests := []struct {
		name string
		in   revops.CustomerCounts
		opts []revops.ChurnOption
		want string
	}{
		{"ChartMogul B2B example", chartMogul, nil, "0.1"},
		{"joined and left counted", chartMogul, []revops.ChurnOption{revops.JoinedAndLeftCounted}, "0.11"},
		// 10 lost ÷ (100 + 25) = 0.08.
		{"Stripe start plus new", revops.CustomerCounts{Start: 100, New: 25, Churned: 11, JoinedAndLeft: 1},
			[]revops.ChurnOption{revops.ChurnOverStartPlusNew}, "0.08"},
		// End = 100 + 25 − 11 = 114; 10 ÷ ((100 + 114) ÷ 2) = 10 ÷ 107 = 0.09345794392523364…
		{"average of start and end", revops.CustomerCounts{Start: 100, New: 25, Churned: 11, JoinedAndLeft: 1},
			[]revops.ChurnOption{revops.ChurnOverAverage}, "0.0934579439252336"},
		// 5 churned, 2 of them back by the end: 3 ÷ 50.
		{"left and returned excluded", revops.CustomerCounts{Start: 50, Churned: 5, LeftAndReturned: 2}, nil, "0.06"},
		{"left and returned counted", revops.CustomerCounts{Start: 50, Churned: 5, LeftAndReturned: 2},
			[]revops.ChurnOption{revops.LeftAndReturnedCounted}, "0.1"},
		{"a whole Policy as option", chartMogul, []revops.ChurnOption{revops.Policy{JoinedAndLeft: revops.JoinedAndLeftCounted}}, "0.11"},
		{"later option wins", chartMogul, []revops.ChurnOption{revops.JoinedAndLeftCounted, revops.JoinedAndLeftExcluded}, "0.1"},
		// 1 ÷ 3 and 2 ÷ 3 at 16 places, half away from zero.
		{"rounds down below half", revops.CustomerCounts{Start: 3, Churned: 1}, nil, "0.3333333333333333"},
		{"rounds up from half", revops.CustomerCounts{Start: 3, Churned: 2}, nil, "0.6666666666666667"},
		// The average's End is the customers there at the end, whichever arrivals the
		// numerator counts: 11 + 120 − 76 = 55, also when the 74 who joined and left
		// are ignored. 2 lost ÷ ((11 + 55) ÷ 2) = 2 ÷ 33 = 0.06060606… (found by CI's
		// fuzzing, which gave −0.5: End was taken as 11 + 46 − 76 = −19).
		{"average, joined and left ignored", revops.CustomerCounts{Start: 11, New: 120, Churned: 76, JoinedAndLeft: 74},
			[]revops.ChurnOption{revops.ChurnOverAverage, revops.JoinedAndLeftIgnored, revops.LeftAndReturnedCounted}, "0.0606060606060606"},
		{"nobody churned", revops.CustomerCounts{Start: 7, New: 3}, nil, "0"},
		{"everybody churned", revops.CustomerCounts{Start: 7, Churned: 7}, nil, "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := revops.CustomerChurnRate(tt.in, tt.opts...)
			require.NoError(t, err)
			requireDecimal(t, tt.want, got)
		})
	}
}

// Every churn rate of counts that can all hold, under every option, is ≥ 0, and the
// average's denominator is Start + End with End as CustomerCounts defines it, whatever
// the options: counts are drawn from the customers' fates (lost from the start, joined
// and left, left and returned, left for elsewhere), so they always hold.
func TestCustomerChurnRateAnyOptions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := rapid.IntRange(0, 1000).Draw(t, "start")
		lost := rapid.IntRange(0, start).Draw(t, "lost")
		c := revops.CustomerCounts{Start: start, New: rapid.IntRange(0, 1000).Draw(t, "new"),
			Reactivated: rapid.IntRange(0, 100).Draw(t, "reactivated"), Entered: rapid.IntRange(0, 100).Draw(t, "entered")}
		c.JoinedAndLeft = rapid.IntRange(0, c.New+c.Reactivated+c.Entered).Draw(t, "joinedAndLeft")
		c.LeftAndReturned = rapid.IntRange(0, 100).Draw(t, "leftAndReturned")
		c.Churned = lost + c.JoinedAndLeft + c.LeftAndReturned
		there := start - lost + c.New + c.Reactivated + c.Entered - c.JoinedAndLeft
		c.Left = rapid.IntRange(0, there).Draw(t, "left")
		end := there - c.Left
		for d := range 3 {
			for j := range 3 {
				for l := range 2 {
					opts := []revops.ChurnOption{revops.ChurnDenominator(d), revops.JoinedAndLeft(j), revops.LeftAndReturned(l)}
					rate, err := revops.CustomerChurnRate(c, opts...)
					if err != nil {
						require.ErrorIs(t, err, revops.ErrZeroDenominator, "%+v %v", c, opts)
						continue
					}
					require.False(t, rate.IsNegative(), "%+v %v: %s", c, opts, rate)
					if revops.ChurnDenominator(d) == revops.ChurnOverAverage {
						num := int64(lost)
						if revops.JoinedAndLeft(j) == revops.JoinedAndLeftCounted {
							num += int64(c.JoinedAndLeft)
						}
						if revops.LeftAndReturned(l) == revops.LeftAndReturnedCounted {
							num += int64(c.LeftAndReturned)
						}
						want := decimal.NewFromInt(2*num).DivRound(decimal.NewFromInt(int64(start+end)), revops.Scale)
						require.True(t, want.Equal(rate), "%+v %v: %s, want %s", c, opts, rate, want)
					}
				}
			}
		}
	})
}

func TestCustomerChurnRateErrors(t *testing.T) {
	const metric = "CustomerChurnRate"
	tests := []struct {
		name     string
		in       revops.CustomerCounts
		opts     []revops.ChurnOption
		sentinel error
		field    string
	}{
		{"no customers at the start", revops.CustomerCounts{}, nil, revops.ErrZeroDenominator, "Start"},
		{"no customers at all, Stripe", revops.CustomerCounts{}, []revops.ChurnOption{revops.ChurnOverStartPlusNew}, revops.ErrZeroDenominator, "Start+New"},
		{"negative start", revops.CustomerCounts{Start: -1}, nil, revops.ErrNegative, "Start"},
		{"negative churned", revops.CustomerCounts{Start: 1, Churned: -1}, nil, revops.ErrNegative, "Churned"},
		{"more churned than existed", revops.CustomerCounts{Start: 10, Churned: 11}, nil, revops.ErrInconsistent, "Churned"},
		{"joined and left more than joined", revops.CustomerCounts{Start: 10, New: 1, Churned: 2, JoinedAndLeft: 2}, nil, revops.ErrInconsistent, "JoinedAndLeft"},
		{"returned more than churned", revops.CustomerCounts{Start: 10, Churned: 1, LeftAndReturned: 2}, nil, revops.ErrInconsistent, "Churned"},
		// 10 at the start, 2 lost, 1 new: 9 were there to leave for elsewhere.
		{"more left than were there", revops.CustomerCounts{Start: 10, New: 1, Churned: 2, Left: 10}, nil, revops.ErrInconsistent, "Left"},
		{"option value out of its constants", revops.CustomerCounts{Start: 10}, []revops.ChurnOption{revops.ChurnDenominator(9)}, revops.ErrInvalidOption, "ChurnDenominator"},
		{"policy with a bad field", revops.CustomerCounts{Start: 10}, []revops.ChurnOption{revops.Policy{LeftAndReturned: 4}}, revops.ErrInvalidOption, ""},
		{"nil option", revops.CustomerCounts{Start: 10}, []revops.ChurnOption{nil}, revops.ErrInvalidOption, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := revops.CustomerChurnRate(tt.in, tt.opts...)
			requireMetricError(t, err, tt.sentinel, metric, tt.field)
		})
	}
}

func TestCustomerRetentionRate(t *testing.T) {
	// 100 at the start, 20 joined, 10 churned: End = 110, (110 − 20) ÷ 100 = 0.9.
	requireValue(t, "0.9")(revops.CustomerRetentionRate(revops.CustomerCounts{Start: 100, New: 20, Churned: 10}))

	// Two of the 20 joined and left: 8 of the start lost, End = 100 + 20 − 10 = 110 still,
	// (110 − 20) ÷ 100 = 0.9, while churn is 8 ÷ 100: the two formulas part by 2 ÷ 100.
	c := revops.CustomerCounts{Start: 100, New: 20, Churned: 10, JoinedAndLeft: 2}
	requireValue(t, "0.9")(revops.CustomerRetentionRate(c))
	churn, err := revops.CustomerChurnRate(c)
	require.NoError(t, err)
	requireDecimal(t, "0.08", churn)

	// 2 at the start, 1 lost; 5 joined and left: (End − New) = 1 − 5 < 0.
	_, err = revops.CustomerRetentionRate(revops.CustomerCounts{Start: 2, New: 5, Churned: 6, JoinedAndLeft: 5})
	requireMetricError(t, err, revops.ErrOutOfRange, "CustomerRetentionRate", "JoinedAndLeft")
	_, err = revops.CustomerRetentionRate(revops.CustomerCounts{New: 3})
	requireMetricError(t, err, revops.ErrZeroDenominator, "CustomerRetentionRate", "Start")
}

// A common worked example: $100,000 MRR at the start, $20,000 expansion, $5,000
// contraction, $10,000 churn, and $3,000 reactivated by former customers.
var worked = revops.RevenueMovements{
	Start: dec("100000"), Expansion: dec("20000"), Contraction: dec("5000"), Churn: dec("10000"), Reactivation: dec("3000"),
}

func TestRevenueRetention(t *testing.T) {
	with := revops.NRRIncludesReactivation
	tests := []struct {
		name string
		f    func() (decimal.Decimal, error)
		want string
	}{
		{"NRR = (100000 + 20000 − 5000 − 10000) ÷ 100000", func() (decimal.Decimal, error) { return revops.NRR(worked) }, "1.05"},
		{"NRR with reactivation adds 3000", func() (decimal.Decimal, error) { return revops.NRR(worked, with) }, "1.08"},
		{"GRR = (100000 − 5000 − 10000) ÷ 100000", func() (decimal.Decimal, error) { return revops.GRR(worked) }, "0.85"},
		{"gross churn = 15000 ÷ 100000", func() (decimal.Decimal, error) { return revops.GrossRevenueChurnRate(worked) }, "0.15"},
		{"net churn = (15000 − 20000) ÷ 100000", func() (decimal.Decimal, error) { return revops.NetRevenueChurnRate(worked) }, "-0.05"},
		{"net churn with reactivation", func() (decimal.Decimal, error) { return revops.NetRevenueChurnRate(worked, with) }, "-0.08"},
		// Everything lost: GRR 0, NRR 0 with no expansion.
		{"all churned", func() (decimal.Decimal, error) {
			return revops.GRR(revops.RevenueMovements{Start: dec("49.99"), Churn: dec("40"), Contraction: dec("9.99")})
		}, "0"},
		// 1 of 3 cents lost: 2 ÷ 3.
		{"rounds at Scale", func() (decimal.Decimal, error) {
			return revops.NRR(revops.RevenueMovements{Start: dec("0.03"), Contraction: dec("0.01")})
		}, "0.6666666666666667"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f()
			require.NoError(t, err)
			requireDecimal(t, tt.want, got)
		})
	}
}

func TestRevenueRetentionErrors(t *testing.T) {
	type fn func(revops.RevenueMovements) (decimal.Decimal, error)
	funcs := map[string]fn{
		"NRR":                   func(m revops.RevenueMovements) (decimal.Decimal, error) { return revops.NRR(m) },
		"NetRevenueChurnRate":   func(m revops.RevenueMovements) (decimal.Decimal, error) { return revops.NetRevenueChurnRate(m) },
		"GRR":                   revops.GRR,
		"GrossRevenueChurnRate": revops.GrossRevenueChurnRate,
	}
	tests := []struct {
		name     string
		in       revops.RevenueMovements
		sentinel error
		field    string
	}{
		{"zero start", revops.RevenueMovements{Expansion: dec("5")}, revops.ErrZeroDenominator, "Start"},
		{"negative start", revops.RevenueMovements{Start: dec("-1")}, revops.ErrNegative, "Start"},
		{"negative expansion", revops.RevenueMovements{Start: dec("1"), Expansion: dec("-1")}, revops.ErrNegative, "Expansion"},
		{"negative reactivation", revops.RevenueMovements{Start: dec("1"), Reactivation: dec("-0.01")}, revops.ErrNegative, "Reactivation"},
		{"lost more than there was", revops.RevenueMovements{Start: dec("100"), Churn: dec("60"), Contraction: dec("40.01")}, revops.ErrInconsistent, "Churn"},
		{"absurd exponent", revops.RevenueMovements{Start: decimal.New(1, -2_000_000_000)}, revops.ErrOutOfRange, "Start"},
	}
	for metric, f := range funcs {
		for _, tt := range tests {
			t.Run(metric+"/"+tt.name, func(t *testing.T) {
				_, err := f(tt.in)
				requireMetricError(t, err, tt.sentinel, metric, tt.field)
			})
		}
	}
	_, err := revops.NRR(worked, revops.NRRReactivation(2))
	requireMetricError(t, err, revops.ErrInvalidOption, "NRR", "NRRReactivation")
}

func TestRenewalRate(t *testing.T) {
	q1, err := revops.Quarter(2026, 1)
	require.NoError(t, err)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	renewals := []revops.Renewal{
		{TermEnd: day(2026, 1, 15), Value: dec("1000"), Renewed: true, RenewedValue: dec("1200")},                   // upsell
		{TermEnd: day(2026, 2, 1), Value: dec("500")},                                                               // lost
		{TermEnd: day(2026, 3, 31).Add(23 * time.Hour), Value: dec("300"), Renewed: true, RenewedValue: dec("250")}, // downsell
		{TermEnd: day(2027, 6, 1), Value: dec("5000")},                                                              // mid-term on a multi-year contract
		{TermEnd: day(2026, 4, 1), Value: dec("700"), Renewed: true, RenewedValue: dec("700")},                      // due in Q2: the period is half-open
	}
	r, err := revops.RenewalRate(q1, renewals)
	require.NoError(t, err)
	require.Equal(t, 3, r.Due)
	require.Equal(t, 2, r.Renewed)
	requireDecimal(t, "1800", r.DueValue)     // 1000 + 500 + 300
	requireDecimal(t, "1250", r.RenewedValue) // min(1200, 1000) + 250
	requireDecimal(t, "0.6666666666666667", r.ByCount)
	requireDecimal(t, "0.6944444444444444", r.ByValue) // 1250 ÷ 1800

	r, err = revops.RenewalRate(q1, renewals, revops.RenewalValueUncapped)
	require.NoError(t, err)
	requireDecimal(t, "1450", r.RenewedValue) // 1200 + 250
	requireDecimal(t, "0.8055555555555556", r.ByValue)

	const metric = "RenewalRate"
	_, err = revops.RenewalRate(q1, renewals[3:4])
	requireMetricError(t, err, revops.ErrZeroDenominator, metric, "Due")
	_, err = revops.RenewalRate(q1, []revops.Renewal{{TermEnd: day(2026, 1, 2), Value: decimal.Zero}})
	requireMetricError(t, err, revops.ErrZeroDenominator, metric, "DueValue")
	_, err = revops.RenewalRate(revops.Period{}, renewals)
	requireMetricError(t, err, revops.ErrInvalidPeriod, metric, "Period")
	_, err = revops.RenewalRate(q1, []revops.Renewal{{Currency: "EUR", Value: dec("1")}, {Currency: "USD", Value: dec("1")}})
	requireMetricError(t, err, revops.ErrCurrencyMismatch, metric, "renewals[1].Currency")
	_, err = revops.RenewalRate(q1, []revops.Renewal{{Value: dec("1"), RenewedValue: dec("1")}})
	requireMetricError(t, err, revops.ErrInconsistent, metric, "renewals[0].RenewedValue")
	_, err = revops.RenewalRate(q1, []revops.Renewal{renewals[0], {Value: dec("-1")}})
	requireMetricError(t, err, revops.ErrNegative, metric, "renewals[1].Value")
}

func TestNPS(t *testing.T) {
	// 10 answers: promoters 10, 9, 9, 10; passives 8, 7; detractors 6, 0, 3, 5: (4 − 4) ÷ 10.
	requireValue(t, "0")(revops.NPS([]int{10, 9, 9, 8, 7, 6, 0, 3, 10, 5}))
	// Two promoters of three answers: 100 × 2 ÷ 3.
	requireValue(t, "66.6666666666666667")(revops.NPS([]int{9, 10, 7}))
	requireValue(t, "-100")(revops.NPS([]int{0, 6}))
	// 70 promoters, 20 passives, 10 detractors: 70 % − 10 % = 60.
	requireValue(t, "60")(revops.NPSFromCounts(revops.NPSCounts{Promoters: 70, Passives: 20, Detractors: 10}))

	_, err := revops.NPS([]int{10, 11})
	requireMetricError(t, err, revops.ErrOutOfRange, "NPS", "scores[1]")
	_, err = revops.NPS([]int{-1})
	requireMetricError(t, err, revops.ErrOutOfRange, "NPS", "scores[0]")
	_, err = revops.NPS(nil)
	requireMetricError(t, err, revops.ErrZeroDenominator, "NPS", "answers")
	_, err = revops.NPSFromCounts(revops.NPSCounts{Passives: -1, Promoters: 3})
	requireMetricError(t, err, revops.ErrNegative, "NPSFromCounts", "Passives")
	_, err = revops.NPSFromCounts(revops.NPSCounts{})
	requireMetricError(t, err, revops.ErrZeroDenominator, "NPSFromCounts", "answers")
}

func TestCSAT(t *testing.T) {
	// 5, 4 and 5 of six answers are satisfied: 3 ÷ 6.
	requireValue(t, "0.5")(revops.CSAT([]int{5, 4, 3, 2, 1, 5}))
	// On 1–10 with 8 and up satisfied: 10 and 8 of three answers.
	requireValue(t, "0.6666666666666667")(revops.CSAT([]int{10, 8, 7}, revops.CSATScale{Min: 1, Max: 10, Satisfied: 8}))
	require.Equal(t, revops.CSATScale{Min: 1, Max: 5, Satisfied: 4}, revops.DefaultCSATScale())

	_, err := revops.CSAT([]int{5, 0})
	requireMetricError(t, err, revops.ErrOutOfRange, "CSAT", "scores[1]")
	_, err = revops.CSAT(nil)
	requireMetricError(t, err, revops.ErrZeroDenominator, "CSAT", "answers")
	_, err = revops.CSAT([]int{3}, revops.CSATScale{Min: 5, Max: 1, Satisfied: 3})
	requireMetricError(t, err, revops.ErrInvalidOption, "CSAT", "CSATScale")
	_, err = revops.CSAT([]int{3}, revops.CSATScale{Min: 1, Max: 5, Satisfied: 6})
	requireMetricError(t, err, revops.ErrInvalidOption, "CSAT", "CSATScale")
}

func TestCustomerRetentionCost(t *testing.T) {
	requireValue(t, "40")(revops.CustomerRetentionCost(dec("12000"), 300)) // 12,000 ÷ 300
	requireValue(t, "33.3333333333333333")(revops.CustomerRetentionCost(dec("100"), 3))
	_, err := revops.CustomerRetentionCost(dec("100"), 0)
	requireMetricError(t, err, revops.ErrZeroDenominator, "CustomerRetentionCost", "retained")
	_, err = revops.CustomerRetentionCost(dec("-1"), 3)
	requireMetricError(t, err, revops.ErrNegative, "CustomerRetentionCost", "spend")
	_, err = revops.CustomerRetentionCost(dec("1"), -3)
	requireMetricError(t, err, revops.ErrNegative, "CustomerRetentionCost", "retained")
}

// movements draws consistent RevenueMovements: Start > 0, Churn + Contraction ≤ Start.
func movements(t *rapid.T) revops.RevenueMovements {
	start := positiveAmount(t, "start", 1_000_000_000)
	churn := start.Mul(decimal.New(rapid.Int64Range(0, 100).Draw(t, "churnPct"), -2))
	contraction := start.Sub(churn).Mul(decimal.New(rapid.Int64Range(0, 100).Draw(t, "contractionPct"), -2))
	return revops.RevenueMovements{
		Start: start, Churn: churn, Contraction: contraction,
		Expansion:    amount(t, "expansion", 1_000_000_000),
		Reactivation: amount(t, "reactivation", 1_000_000_000),
	}
}

// must returns a function that passes a result through, failing t on an error:
// must(t)(revops.NRR(m)).
func must(t *rapid.T) func(decimal.Decimal, error) decimal.Decimal {
	return func(d decimal.Decimal, err error) decimal.Decimal {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return d
	}
}

func TestRevenueRetentionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := movements(t)
		nrr := must(t)(revops.NRR(m))
		nrrWith := must(t)(revops.NRR(m, revops.NRRIncludesReactivation))
		grr := must(t)(revops.GRR(m))
		gross := must(t)(revops.GrossRevenueChurnRate(m))
		net := must(t)(revops.NetRevenueChurnRate(m))

		// 0 ≤ GRR ≤ 1 and GRR ≤ NRR ≤ NRR with reactivation.
		require.True(t, grr.GreaterThanOrEqual(decimal.Zero) && grr.LessThanOrEqual(decimal.NewFromInt(1)), "GRR %s", grr)
		require.True(t, grr.LessThanOrEqual(nrr), "GRR %s > NRR %s", grr, nrr)
		require.True(t, nrr.LessThanOrEqual(nrrWith))
		// The churn rates complement the retention rates, up to the rounding of each.
		requireWithinULP(t, decimal.NewFromInt(1), grr.Add(gross))
		requireWithinULP(t, decimal.NewFromInt(1), nrr.Add(net))

		// NRR = GRR when nothing expanded.
		m0 := m
		m0.Expansion = decimal.Zero
		require.True(t, must(t)(revops.NRR(m0)).Equal(must(t)(revops.GRR(m0))))

		// Scale invariance: every amount × k leaves every rate unchanged, exactly.
		k := positiveAmount(t, "k", 1_000_000)
		mk := revops.RevenueMovements{
			Start: m.Start.Mul(k), Expansion: m.Expansion.Mul(k), Contraction: m.Contraction.Mul(k),
			Churn: m.Churn.Mul(k), Reactivation: m.Reactivation.Mul(k),
		}
		require.True(t, must(t)(revops.NRR(mk)).Equal(nrr))
		require.True(t, must(t)(revops.NRR(mk, revops.NRRIncludesReactivation)).Equal(nrrWith))
		require.True(t, must(t)(revops.GRR(mk)).Equal(grr))
		require.True(t, must(t)(revops.GrossRevenueChurnRate(mk)).Equal(gross))
		require.True(t, must(t)(revops.NetRevenueChurnRate(mk)).Equal(net))

		// Monotonicity: moving part of the remaining revenue into churn never raises NRR or GRR.
		more := m
		more.Churn = m.Churn.Add(m.Start.Sub(m.Churn).Sub(m.Contraction).Mul(decimal.New(rapid.Int64Range(0, 100).Draw(t, "morePct"), -2)))
		require.True(t, must(t)(revops.NRR(more)).LessThanOrEqual(nrr))
		require.True(t, must(t)(revops.GRR(more)).LessThanOrEqual(grr))

		// The error comes exactly when the denominator is zero.
		z := m
		z.Start, z.Churn, z.Contraction = decimal.Zero, decimal.Zero, decimal.Zero
		for _, f := range []func(revops.RevenueMovements) (decimal.Decimal, error){
			func(m revops.RevenueMovements) (decimal.Decimal, error) { return revops.NRR(m) },
			func(m revops.RevenueMovements) (decimal.Decimal, error) { return revops.NetRevenueChurnRate(m) },
			revops.GRR, revops.GrossRevenueChurnRate,
		} {
			_, err := f(z)
			require.ErrorIs(t, err, revops.ErrZeroDenominator)
		}
	})
}

// counts draws consistent CustomerCounts from their parts: customers of the start lost,
// customers who joined (some of whom left), and customers who left and came back.
func counts(t *rapid.T) revops.CustomerCounts {
	start := rapid.IntRange(0, 1_000_000).Draw(t, "start")
	lost := rapid.IntRange(0, start).Draw(t, "lost")
	joined := rapid.IntRange(0, 1_000_000).Draw(t, "new")
	joinedAndLeft := rapid.IntRange(0, joined).Draw(t, "joinedAndLeft")
	returned := rapid.IntRange(0, start-lost+joined-joinedAndLeft).Draw(t, "leftAndReturned")
	return revops.CustomerCounts{
		Start: start, New: joined, Churned: lost + joinedAndLeft + returned,
		JoinedAndLeft: joinedAndLeft, LeftAndReturned: returned,
	}
}

func TestCustomerChurnProperties(t *testing.T) {
	zero, one := decimal.Zero, decimal.NewFromInt(1)
	rapid.Check(t, func(t *rapid.T) {
		c := counts(t)
		churn, err := revops.CustomerChurnRate(c)
		if c.Start == 0 {
			// The error comes exactly when the denominator is zero.
			require.ErrorIs(t, err, revops.ErrZeroDenominator)
			_, err = revops.CustomerRetentionRate(c)
			require.ErrorIs(t, err, revops.ErrZeroDenominator)
			return
		}
		require.NoError(t, err)
		require.True(t, churn.GreaterThanOrEqual(zero) && churn.LessThanOrEqual(one), "churn %s", churn)
		stripe := must(t)(revops.CustomerChurnRate(c, revops.ChurnOverStartPlusNew))
		require.True(t, stripe.GreaterThanOrEqual(zero) && stripe.LessThanOrEqual(churn), "Stripe churn %s, start churn %s", stripe, churn)
		all := must(t)(revops.CustomerChurnRate(c, revops.Policy{JoinedAndLeft: revops.JoinedAndLeftCounted, LeftAndReturned: revops.LeftAndReturnedCounted}))
		require.True(t, all.GreaterThanOrEqual(churn))

		retention, err := revops.CustomerRetentionRate(c)
		if c.JoinedAndLeft == 0 {
			// Churn + retention = 1 when nobody joined and left.
			require.NoError(t, err)
			requireWithinULP(t, one, churn.Add(retention))
		}
		if err == nil {
			require.True(t, retention.GreaterThanOrEqual(zero) && retention.LessThanOrEqual(one), "retention %s", retention)
		} else {
			require.ErrorIs(t, err, revops.ErrOutOfRange)
		}

		// Monotonicity: one more starting customer lost raises churn and lowers retention.
		kept := c.Start - (c.Churned - c.JoinedAndLeft - c.LeftAndReturned)
		if kept > 0 && c.JoinedAndLeft == 0 {
			worse := c
			worse.Churned++
			require.True(t, must(t)(revops.CustomerChurnRate(worse)).GreaterThan(churn))
			require.True(t, must(t)(revops.CustomerRetentionRate(worse)).LessThan(retention))
		}
	})
}

func TestNPSAndCSATProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOf(rapid.IntRange(0, 10)).Draw(t, "scores")
		nps, err := revops.NPS(scores)
		if len(scores) == 0 {
			require.ErrorIs(t, err, revops.ErrZeroDenominator)
			return
		}
		require.NoError(t, err)
		require.True(t, nps.GreaterThanOrEqual(decimal.NewFromInt(-100)) && nps.LessThanOrEqual(decimal.NewFromInt(100)), "NPS %s", nps)
		var c revops.NPSCounts
		for _, s := range scores {
			switch {
			case s >= 9:
				c.Promoters++
			case s >= 7:
				c.Passives++
			default:
				c.Detractors++
			}
		}
		require.True(t, must(t)(revops.NPSFromCounts(c)).Equal(nps))

		csat := must(t)(revops.CSAT(scores, revops.CSATScale{Min: 0, Max: 10, Satisfied: 9}))
		require.True(t, csat.GreaterThanOrEqual(decimal.Zero) && csat.LessThanOrEqual(decimal.NewFromInt(1)))
		// CSAT with satisfied = promoters is the promoters' share, so NPS = 100 × (CSAT −
		// detractors' share): each share is within half a unit of Scale, the NPS too, so
		// the two sides differ by at most 100.5 units.
		detractorShare := must(t)(revops.CSAT(invert(scores), revops.CSATScale{Min: 0, Max: 10, Satisfied: 4}))
		diff := csat.Sub(detractorShare).Mul(decimal.NewFromInt(100)).Sub(nps).Abs()
		require.True(t, diff.LessThanOrEqual(ulp.Mul(decimal.NewFromInt(101))), "NPS %s, shares differ by %s", nps, diff)
	})
}

// invert maps s to 10 − s, so that detractors (0–6) land on 4–10.
func invert(scores []int) []int {
	out := make([]int, len(scores))
	for i, s := range scores {
		out[i] = 10 - s
	}
	return out
}

func TestRenewalRateProperties(t *testing.T) {
	q1, _ := revops.Quarter(2026, 1)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 30).Draw(t, "n")
		renewals := make([]revops.Renewal, n)
		for i := range renewals {
			r := &renewals[i]
			r.TermEnd = q1.Start().AddDate(0, 0, rapid.IntRange(-60, 150).Draw(t, "day"))
			r.Value = amount(t, "value", 1_000_000)
			r.Renewed = rapid.Bool().Draw(t, "renewed")
			if r.Renewed {
				r.RenewedValue = amount(t, "renewedValue", 1_000_000)
			}
		}
		capped, err := revops.RenewalRate(q1, renewals)
		if err != nil {
			require.ErrorIs(t, err, revops.ErrZeroDenominator)
			return
		}
		uncapped := mustRates(t)(revops.RenewalRate(q1, renewals, revops.RenewalValueUncapped))
		one := decimal.NewFromInt(1)
		require.True(t, capped.ByCount.GreaterThanOrEqual(decimal.Zero) && capped.ByCount.LessThanOrEqual(one))
		require.True(t, capped.ByValue.GreaterThanOrEqual(decimal.Zero) && capped.ByValue.LessThanOrEqual(one))
		require.True(t, uncapped.ByValue.GreaterThanOrEqual(capped.ByValue))
		require.True(t, capped.ByCount.Equal(uncapped.ByCount))
	})
}

func mustRates(t *rapid.T) func(revops.RenewalRates, error) revops.RenewalRates {
	return func(r revops.RenewalRates, err error) revops.RenewalRates {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return r
	}
}

// FuzzRetention feeds arbitrary counts, amounts and scores to every retention function:
// none may panic, every error is a *revops.Error, and every result keeps its range.
func FuzzRetention(f *testing.F) {
	f.Add(100, 5, 11, 1, 0, "100000", "20000", "5000", "10000", "3000", int64(1), int32(0), uint8(0), []byte{9, 10, 0})
	f.Add(0, 0, 0, 0, 0, "0", "-1", "1e-2000000000", "1e2000000000", "x", int64(-5), int32(-2147483648), uint8(7), []byte{})
	f.Fuzz(func(t *testing.T, start, joined, churned, jl, lr int, s0, s1, s2, s3, s4 string, coef int64, exp int32, opt uint8, raw []byte) {
		c := revops.CustomerCounts{Start: start, New: joined, Churned: churned, JoinedAndLeft: jl, LeftAndReturned: lr}
		opts := []revops.ChurnOption{revops.ChurnDenominator(opt % 4), revops.JoinedAndLeft(opt / 4 % 3), revops.LeftAndReturned(opt / 16 % 3)}
		rate, err := revops.CustomerChurnRate(c, opts...)
		requireRevopsError(t, err)
		if err == nil {
			require.False(t, rate.IsNegative())
		}
		rate, err = revops.CustomerRetentionRate(c)
		requireRevopsError(t, err)
		if err == nil {
			require.True(t, !rate.IsNegative() && rate.LessThanOrEqual(decimal.NewFromInt(1)))
		}

		m := revops.RevenueMovements{
			Start: fuzzDecimal(s0, coef, exp), Expansion: fuzzDecimal(s1, coef, exp), Contraction: fuzzDecimal(s2, coef, exp),
			Churn: fuzzDecimal(s3, coef, exp), Reactivation: fuzzDecimal(s4, coef, exp),
		}
		grr, err := revops.GRR(m)
		requireRevopsError(t, err)
		if err == nil {
			require.True(t, !grr.IsNegative() && grr.LessThanOrEqual(decimal.NewFromInt(1)), "GRR %s", grr)
			nrr, err := revops.NRR(m, revops.NRRReactivation(opt%2))
			require.NoError(t, err)
			require.True(t, grr.LessThanOrEqual(nrr))
		}
		_, err = revops.NRR(m, revops.NRRReactivation(opt))
		requireRevopsError(t, err)
		_, err = revops.NetRevenueChurnRate(m)
		requireRevopsError(t, err)
		_, err = revops.GrossRevenueChurnRate(m)
		requireRevopsError(t, err)
		_, err = revops.CustomerRetentionCost(m.Start, start)
		requireRevopsError(t, err)

		scores := make([]int, len(raw))
		for i, b := range raw {
			scores[i] = int(b) - 3
		}
		nps, err := revops.NPS(scores)
		requireRevopsError(t, err)
		if err == nil {
			require.True(t, nps.Abs().LessThanOrEqual(decimal.NewFromInt(100)))
		}
		_, err = revops.NPSFromCounts(revops.NPSCounts{Promoters: start, Passives: joined, Detractors: churned})
		requireRevopsError(t, err)
		_, err = revops.CSAT(scores, revops.CSATScale{Min: jl, Max: lr, Satisfied: int(opt)})
		requireRevopsError(t, err)

		p, err := revops.NewPeriod(time.Unix(int64(start), 0), time.Unix(int64(joined), 0))
		requireRevopsError(t, err)
		_, err = revops.RenewalRate(p, []revops.Renewal{
			{TermEnd: time.Unix(int64(churned), 0), Value: m.Start, Renewed: opt%2 == 0, RenewedValue: m.Expansion},
			{TermEnd: time.Unix(int64(jl), 0), Value: m.Churn, Renewed: opt%3 == 0, RenewedValue: m.Contraction, Currency: s4},
		}, revops.RenewalValue(opt%3))
		requireRevopsError(t, err)
	})
}

func BenchmarkCustomerChurnRate(b *testing.B) {
	c := revops.CustomerCounts{Start: 100, New: 25, Churned: 11, JoinedAndLeft: 1}
	bench(b, func() { _, _ = revops.CustomerChurnRate(c, revops.ChurnOverAverage) })
}

func BenchmarkCustomerRetentionRate(b *testing.B) {
	c := revops.CustomerCounts{Start: 100, New: 25, Churned: 11, JoinedAndLeft: 1}
	bench(b, func() { _, _ = revops.CustomerRetentionRate(c) })
}

func BenchmarkNRR(b *testing.B) {
	bench(b, func() { _, _ = revops.NRR(worked, revops.NRRIncludesReactivation) })
}

func BenchmarkGRR(b *testing.B) {
	bench(b, func() { _, _ = revops.GRR(worked) })
}

func BenchmarkGrossRevenueChurnRate(b *testing.B) {
	bench(b, func() { _, _ = revops.GrossRevenueChurnRate(worked) })
}

func BenchmarkNetRevenueChurnRate(b *testing.B) {
	bench(b, func() { _, _ = revops.NetRevenueChurnRate(worked) })
}

func BenchmarkRenewalRate(b *testing.B) {
	q1, _ := revops.Quarter(2026, 1)
	renewals := make([]revops.Renewal, 1000)
	for i := range renewals {
		renewals[i] = revops.Renewal{
			TermEnd: q1.Start().AddDate(0, 0, i%180), Value: decimal.New(int64(1000+i), -2),
			Renewed: i%4 != 0, RenewedValue: decimal.New(int64(900+i%300), -2),
		}
		if !renewals[i].Renewed {
			renewals[i].RenewedValue = decimal.Zero
		}
	}
	bench(b, func() { _, _ = revops.RenewalRate(q1, renewals) })
}

func BenchmarkNPS(b *testing.B) {
	scores := make([]int, 1000)
	for i := range scores {
		scores[i] = i % 11
	}
	bench(b, func() { _, _ = revops.NPS(scores) })
}

func BenchmarkNPSFromCounts(b *testing.B) {
	bench(b, func() { _, _ = revops.NPSFromCounts(revops.NPSCounts{Promoters: 70, Passives: 20, Detractors: 10}) })
}

func BenchmarkCSAT(b *testing.B) {
	scores := make([]int, 1000)
	for i := range scores {
		scores[i] = 1 + i%5
	}
	bench(b, func() { _, _ = revops.CSAT(scores) })
}

func BenchmarkCustomerRetentionCost(b *testing.B) {
	spend := dec("12000")
	bench(b, func() { _, _ = revops.CustomerRetentionCost(spend, 300) })
}

func TestErrorText(t *testing.T) {
	e := &revops.Error{Metric: "NRR", Field: "Start", Err: revops.ErrZeroDenominator, Detail: "no revenue"}
	require.Equal(t, "revops: NRR: Start: zero denominator (no revenue)", e.Error())
	require.Equal(t, "revops: NRR", (&revops.Error{Metric: "NRR"}).Error(), "a hand-built Error without a sentinel still prints")
}

// With several faults, NRR and net revenue churn name them in one order: a negative
// start, expansion or reactivation, then a zero start, then a negative loss.
func TestNetRatesErrorOrder(t *testing.T) {
	d := decimal.NewFromInt
	for _, c := range []struct {
		m     revops.RevenueMovements
		field string
		err   error
	}{
		{revops.RevenueMovements{Start: d(0), Expansion: d(10), Contraction: d(5), Churn: d(-1), Reactivation: d(0)}, "Start", revops.ErrZeroDenominator},
		{revops.RevenueMovements{Start: d(1), Expansion: d(0), Contraction: d(-1), Churn: d(0), Reactivation: d(-1)}, "Reactivation", revops.ErrNegative},
		{revops.RevenueMovements{Start: d(1), Expansion: d(0), Contraction: d(-1), Churn: d(-1), Reactivation: d(0)}, "Contraction", revops.ErrNegative},
	} {
		for _, f := range []func(revops.RevenueMovements, ...revops.NRROption) (decimal.Decimal, error){revops.NRR, revops.NetRevenueChurnRate} {
			_, err := f(c.m)
			var e *revops.Error
			require.ErrorAs(t, err, &e)
			require.ErrorIs(t, err, c.err)
			require.Equal(t, c.field, e.Field)
		}
	}
}
