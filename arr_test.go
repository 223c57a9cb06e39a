package revops_test

import (
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var (
	monthly   = revops.Interval{Count: 1, Unit: revops.Months}
	quarterly = revops.Interval{Count: 3, Unit: revops.Months}
	annual    = revops.Interval{Count: 1, Unit: revops.Years}
)

func TestChargeMRR(t *testing.T) {
	seats := func(d revops.Discount) revops.Charge {
		return revops.Charge{Amount: dec("50"), Quantity: 10, Interval: monthly, Discount: d}
	}
	twenty := dec("0.2")
	tests := []struct {
		name string
		c    revops.Charge
		opts []revops.ChargeOption
		want string
	}{
		{"annual 120 is 10 a month", revops.Charge{Amount: dec("120"), Quantity: 1, Interval: annual}, nil, "10"},
		{"3-year 1200 is a 36th, never 36×", revops.Charge{Amount: dec("1200"), Quantity: 1, Interval: revops.Interval{Count: 3, Unit: revops.Years}}, nil, "33.3333333333333333"},
		{"quarterly 30 × 2 seats", revops.Charge{Amount: dec("30"), Quantity: 2, Interval: quarterly}, nil, "20"},
		{"semiannual 600", revops.Charge{Amount: dec("600"), Quantity: 1, Interval: revops.Interval{Count: 6, Unit: revops.Months}}, nil, "100"},
		{"weekly 12 × 52 ÷ 12", revops.Charge{Amount: dec("12"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Weeks}}, nil, "52"},
		{"every two weeks 12 × 52 ÷ 24", revops.Charge{Amount: dec("12"), Quantity: 1, Interval: revops.Interval{Count: 2, Unit: revops.Weeks}}, nil, "26"},
		{"20 % forever off 500", seats(revops.Discount{Percent: twenty}), nil, "400"},
		{"20 % repeating, default deducts", seats(revops.Discount{Percent: twenty, Duration: revops.DiscountRepeating}), nil, "400"},
		{"20 % repeating, Stripe keeps", seats(revops.Discount{Percent: twenty, Duration: revops.DiscountRepeating}), []revops.ChargeOption{revops.DiscountsForeverOnly}, "500"},
		{"20 % forever, Stripe deducts", seats(revops.Discount{Percent: twenty}), []revops.ChargeOption{revops.DiscountsForeverOnly}, "400"},
		{"20 % forever, Lago keeps", seats(revops.Discount{Percent: twenty}), []revops.ChargeOption{revops.DiscountsNone}, "500"},
		{"one-off discount never deducted", seats(revops.Discount{Percent: twenty, Duration: revops.DiscountOnce}), nil, "500"},
		{"25 off 500 a month", seats(revops.Discount{Amount: dec("25")}), nil, "475"},
		{"one-time fee", revops.Charge{Amount: dec("500"), Quantity: 1, OneTime: true}, nil, "0"},
		{"free plan", revops.Charge{Amount: dec("0"), Quantity: 3, Interval: monthly}, nil, "0"},
		{"no seats: Stripe's quantity 0", revops.Charge{Amount: dec("50"), Quantity: 0, Interval: monthly}, nil, "0"},
		{"daily 12 × 365 ÷ 12", revops.Charge{Amount: dec("12"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Days}}, nil, "365"},
		{"every 73 days 73 × 365 ÷ 876", revops.Charge{Amount: dec("73"), Quantity: 2, Interval: revops.Interval{Count: 73, Unit: revops.Days}}, nil, "60.8333333333333333"},
		{"50 off 29 takes it to 0", revops.Charge{Amount: dec("29"), Quantity: 1, Interval: monthly, Discount: revops.Discount{Amount: dec("50")}}, nil, "0"},
		{"50 off 2 × 29 leaves 8", revops.Charge{Amount: dec("29"), Quantity: 2, Interval: monthly, Discount: revops.Discount{Amount: dec("50")}}, nil, "8"},
		{"50 off no seats stays 0", revops.Charge{Amount: dec("29"), Quantity: 0, Interval: monthly, Discount: revops.Discount{Amount: dec("50")}}, nil, "0"},
		{"excess once-off discount deducts nothing", revops.Charge{Amount: dec("29"), Quantity: 1, Interval: monthly, Discount: revops.Discount{Amount: dec("50"), Duration: revops.DiscountOnce}}, nil, "29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := revops.ChargeMRR(tt.c, tt.opts...)
			require.NoError(t, err)
			requireDecimal(t, tt.want, got.Monthly())
		})
	}
}

func TestChargeMRRErrors(t *testing.T) {
	ok := revops.Charge{Amount: dec("50"), Quantity: 1, Interval: monthly}
	with := func(f func(*revops.Charge)) revops.Charge { c := ok; f(&c); return c }
	tests := []struct {
		name     string
		c        revops.Charge
		sentinel error
		field    string
	}{
		{"negative quantity", with(func(c *revops.Charge) { c.Quantity = -1 }), revops.ErrNegative, "Quantity"},
		{"negative amount", with(func(c *revops.Charge) { c.Amount = dec("-1") }), revops.ErrNegative, "Amount"},
		{"zero interval", with(func(c *revops.Charge) { c.Interval = revops.Interval{} }), revops.ErrOutOfRange, "Interval.Count"},
		{"unknown unit", with(func(c *revops.Charge) { c.Interval.Unit = 9 }), revops.ErrOutOfRange, "Interval.Unit"},
		{"percent above 1", with(func(c *revops.Charge) { c.Discount.Percent = dec("1.5") }), revops.ErrOutOfRange, "Discount.Percent"},
		{"percent and amount", with(func(c *revops.Charge) { c.Discount = revops.Discount{Percent: dec("0.1"), Amount: dec("1")} }), revops.ErrInconsistent, "Discount"},
		{"unknown duration", with(func(c *revops.Charge) { c.Discount.Duration = 3 }), revops.ErrOutOfRange, "Discount.Duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := revops.ChargeMRR(tt.c)
			requireMetricError(t, err, tt.sentinel, "ChargeMRR", tt.field)
		})
	}
	t.Run("discount above price, refused", func(t *testing.T) {
		_, err := revops.ChargeMRR(with(func(c *revops.Charge) { c.Discount.Amount = dec("50.01") }), revops.ExcessDiscountRefused)
		requireMetricError(t, err, revops.ErrInconsistent, "ChargeMRR", "Discount.Amount")
		mrr, err := revops.ChargeMRR(with(func(c *revops.Charge) { c.Discount.Amount = dec("50") }), revops.ExcessDiscountRefused)
		require.NoError(t, err, "a discount of the whole price is no excess")
		require.True(t, mrr.IsZero())
	})
}

func subscriptions() []revops.Subscription {
	return []revops.Subscription{
		{Customer: "a", Charges: []revops.Charge{
			{Amount: dec("100"), Quantity: 1, Interval: monthly},
			{Amount: dec("1200"), Quantity: 1, Interval: annual},
		}},
		{Customer: "a", Status: revops.StatusTrialing, Charges: []revops.Charge{{Amount: dec("50"), Quantity: 1, Interval: monthly}}},
		{Customer: "b", Status: revops.StatusPastDue, Charges: []revops.Charge{{Amount: dec("300"), Quantity: 1, Interval: quarterly}}},
		{Customer: "c", Status: revops.StatusCanceled, Charges: []revops.Charge{{Amount: dec("1000"), Quantity: 1, Interval: monthly}}},
		{Customer: "d", Charges: []revops.Charge{{Amount: dec("0"), Quantity: 1, Interval: monthly}}},
		{Customer: "e", Charges: []revops.Charge{{Amount: dec("500"), Quantity: 1, OneTime: true}}},
	}
}

func TestMRR(t *testing.T) {
	// a: 100 + 1200 ÷ 12 = 200 (its trial counts nothing); b: past due, 300 ÷ 3 = 100;
	// c canceled, d free, e a one-time fee: none pays recurring revenue.
	subs := subscriptions()
	by, err := revops.MRRByCustomer(subs)
	require.NoError(t, err)
	require.Len(t, by, 2)
	requireDecimal(t, "200", by["a"].Monthly())
	requireDecimal(t, "100", by["b"].Monthly())
	mrr, err := revops.MRR(subs)
	require.NoError(t, err)
	requireDecimal(t, "300", mrr.Monthly())
	mrr, err = revops.MRR(subs, revops.PastDueExcluded)
	require.NoError(t, err)
	requireDecimal(t, "200", mrr.Monthly())
	requireDecimal(t, "2400", mrr.Annual())
	requireValue(t, "2400")(revops.ARR(mrr.Monthly()))

	subs[2].Currency = "EUR"
	_, err = revops.MRR(subs)
	requireMetricError(t, err, revops.ErrCurrencyMismatch, "MRR", "subs[2].Currency")
	subs = subscriptions()
	subs[0].Charges[1].Quantity = -1
	_, err = revops.MRRByCustomer(subs)
	requireMetricError(t, err, revops.ErrNegative, "MRRByCustomer", "subs[0].Charges[1].Quantity")
	subs = subscriptions()
	subs[3].Status = 99
	_, err = revops.MRR(subs)
	requireMetricError(t, err, revops.ErrOutOfRange, "MRR", "subs[3].Status")
	_, err = revops.ARR(dec("-1"))
	requireMetricError(t, err, revops.ErrNegative, "ARR", "mrr")
}

func TestARRFromComponents(t *testing.T) {
	requireValue(t, "1070000")(revops.ARRFromComponents(revops.ARRComponents{Subscriptions: dec("1000000"), Expansion: dec("150000"), Lost: dec("80000")})) // 1,000,000 + 150,000 − 80,000
	_, err := revops.ARRFromComponents(revops.ARRComponents{Subscriptions: dec("10"), Lost: dec("11")})
	requireMetricError(t, err, revops.ErrInconsistent, "ARRFromComponents", "Lost")
	_, err = revops.ARRFromComponents(revops.ARRComponents{Expansion: dec("-1")})
	requireMetricError(t, err, revops.ErrNegative, "ARRFromComponents", "Expansion")
}

func TestACV(t *testing.T) {
	c := revops.ContractValue{Recurring: dec("90000"), OneTime: dec("5000"), Years: dec("3")}
	requireValue(t, "30000")(revops.ACV(c))                                              // 90,000 ÷ 3
	requireValue(t, "31666.6666666666666667")(revops.ACV(c, revops.OneTimeFeesIncluded)) // 95,000 ÷ 3
	requireValue(t, "30000")(revops.ACV(revops.ContractValue{Recurring: dec("45000"), Years: dec("1.5")}))
	_, err := revops.ACV(revops.ContractValue{Recurring: dec("1")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "ACV", "Years")
	_, err = revops.ACV(revops.ContractValue{Recurring: dec("1"), Years: dec("-1")})
	requireMetricError(t, err, revops.ErrNegative, "ACV", "Years")
}

func TestARPAAndARPU(t *testing.T) {
	requireValue(t, "150")(revops.ARPA(dec("300"), 2))
	requireValue(t, "42.8571428571428571")(revops.ARPU(dec("300"), 7)) // 300 ÷ 7 = 42.857142857142857142…
	_, err := revops.ARPA(dec("300"), 0)
	requireMetricError(t, err, revops.ErrZeroDenominator, "ARPA", "customers")
	_, err = revops.ARPU(dec("300"), -1)
	requireMetricError(t, err, revops.ErrNegative, "ARPU", "users")
}

func TestRevenueGrowth(t *testing.T) {
	requireValue(t, "0.25")(revops.RevenueGrowth(revops.Growth{Previous: dec("100"), Current: dec("125")}))
	requireValue(t, "-0.25")(revops.RevenueGrowth(revops.Growth{Previous: dec("80"), Current: dec("60")}))
	_, err := revops.RevenueGrowth(revops.Growth{Current: dec("60")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "RevenueGrowth", "Previous")
	_, err = revops.RevenueGrowth(revops.Growth{Previous: dec("-10"), Current: dec("60")})
	requireMetricError(t, err, revops.ErrNegative, "RevenueGrowth", "Previous")
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestRevenueBacklog(t *testing.T) {
	asOf := date(2026, 1, 1)
	contracts := []revops.BacklogContract{
		// 24,000 left over 730 days, 365 of them in the next 12 months: 12,000 current.
		{Start: date(2025, 1, 1), End: date(2028, 1, 1), Value: dec("36000"), Recognized: dec("12000")},
		// Ends within the 12 months: all current.
		{Start: date(2026, 3, 1), End: date(2026, 9, 1), Value: dec("6000")},
		// Starts after the 12 months: none current.
		{Start: date(2027, 6, 1), End: date(2028, 6, 1), Value: dec("12000")},
		// Ended, 100 still unrecognized: current.
		{Start: date(2025, 1, 1), End: date(2025, 12, 1), Value: dec("1000"), Recognized: dec("900")},
	}
	b, err := revops.RevenueBacklog(asOf, contracts)
	require.NoError(t, err)
	requireDecimal(t, "42100", b.Total) // 24,000 + 6,000 + 12,000 + 100
	requireDecimal(t, "18100", b.Current)
	requireDecimal(t, "24000", b.NonCurrent)

	const metric = "RevenueBacklog"
	bad := contracts[3]
	bad.Recognized = dec("1000.01")
	_, err = revops.RevenueBacklog(asOf, []revops.BacklogContract{contracts[0], bad})
	requireMetricError(t, err, revops.ErrInconsistent, metric, "contracts[1].Recognized")
	bad = contracts[3]
	bad.End = bad.Start
	_, err = revops.RevenueBacklog(asOf, []revops.BacklogContract{bad})
	requireMetricError(t, err, revops.ErrInvalidPeriod, metric, "contracts[0].End")
	bad = contracts[3]
	bad.Currency = "GBP"
	_, err = revops.RevenueBacklog(asOf, []revops.BacklogContract{contracts[0], bad})
	requireMetricError(t, err, revops.ErrCurrencyMismatch, metric, "contracts[1].Currency")
}

func bridgeInput() revops.BridgeInput {
	return revops.BridgeInput{
		Start: revops.Snapshot{At: date(2026, 1, 1), MRR: map[string]decimal.Decimal{
			"a": dec("100"), "b": dec("200"), "c": dec("50"), "d": dec("80"), "e": dec("0"),
		}},
		End: revops.Snapshot{At: date(2026, 2, 1), MRR: map[string]decimal.Decimal{
			"a": dec("150"), "b": dec("120"), "d": dec("80"), "f": dec("70"), "g": dec("40"), "h": dec("30"), "e": dec("25"),
		}},
		Former: map[string]time.Time{"g": date(2025, 12, 15), "h": date(2025, 6, 1)},
	}
}

func TestMRRBridge(t *testing.T) {
	// a expands by 50, b contracts by 80, c churns 50, d stays, e (free until now) and f
	// are new with 25 and 70, g (gone 48 days) and h (gone 245 days) come back with 40
	// and 30. Start 430; End 515 = 430 + 95 + 50 + 70 − 80 − 50.
	b, err := revops.MRRBridge(bridgeInput())
	require.NoError(t, err)
	requireDecimal(t, "430", b.Start)
	requireDecimal(t, "515", b.End)
	requireDecimal(t, "95", b.New)
	requireDecimal(t, "50", b.Expansion)
	requireDecimal(t, "80", b.Contraction)
	requireDecimal(t, "50", b.Churn)
	requireDecimal(t, "70", b.Reactivation)
	kinds := map[string]revops.Movement{}
	for _, m := range b.Customers {
		kinds[m.Customer] = m.Movement
	}
	require.Equal(t, map[string]revops.Movement{
		"a": revops.MovementExpansion, "b": revops.MovementContraction, "c": revops.MovementChurn,
		"e": revops.MovementNew, "f": revops.MovementNew, "g": revops.MovementReactivation, "h": revops.MovementReactivation,
	}, kinds)

	// Maxio: back after 90 days or more is new: h moves to New.
	b, err = revops.MRRBridge(bridgeInput(), revops.ReactivationWindow(90))
	require.NoError(t, err)
	requireDecimal(t, "125", b.New)
	requireDecimal(t, "40", b.Reactivation)
	// Lago: reactivation is expansion.
	b, err = revops.MRRBridge(bridgeInput(), revops.ReactivationAsExpansion)
	require.NoError(t, err)
	requireDecimal(t, "120", b.Expansion)
	requireDecimal(t, "0", b.Reactivation)

	requireValue(t, "85")(revops.NetNewMRR(b.Movements)) // 515 − 430
}

func TestMRRBridgeErrors(t *testing.T) {
	const metric = "MRRBridge"
	in := bridgeInput()
	in.End.At = in.Start.At
	_, err := revops.MRRBridge(in)
	requireMetricError(t, err, revops.ErrInvalidPeriod, metric, "End.At")
	in = bridgeInput()
	in.End.Currency = "EUR"
	_, err = revops.MRRBridge(in)
	requireMetricError(t, err, revops.ErrCurrencyMismatch, metric, "End.Currency")
	in = bridgeInput()
	in.End.MRR["a"] = dec("-1")
	_, err = revops.MRRBridge(in)
	requireMetricError(t, err, revops.ErrNegative, metric, `End.MRR["a"]`)
	in = bridgeInput()
	in.Former["a"] = date(2025, 1, 1)
	_, err = revops.MRRBridge(in)
	requireMetricError(t, err, revops.ErrInconsistent, metric, `Former["a"]`)
	in = bridgeInput()
	in.Former["g"] = date(2026, 1, 2)
	_, err = revops.MRRBridge(in)
	requireMetricError(t, err, revops.ErrInvalidPeriod, metric, `Former["g"]`)
	_, err = revops.MRRBridge(bridgeInput(), revops.Reactivation(3))
	requireMetricError(t, err, revops.ErrInvalidOption, metric, "Reactivation")
	_, err = revops.MRRBridge(bridgeInput(), revops.ReactivationAsNewAfter)
	requireMetricError(t, err, revops.ErrInvalidOption, metric, "Reactivation")
	_, err = revops.MRRBridge(bridgeInput(), revops.ReactivationWindow(0))
	requireMetricError(t, err, revops.ErrInvalidOption, metric, "Reactivation")
}

func TestQuickRatio(t *testing.T) {
	m := revops.Movements{New: dec("95"), Expansion: dec("50"), Reactivation: dec("70"), Contraction: dec("80"), Churn: dec("50")}
	requireValue(t, "1.6538461538461538")(revops.QuickRatio(m))                                     // 215 ÷ 130
	requireValue(t, "1.1153846153846154")(revops.QuickRatio(m, revops.QuickRatioOmitsReactivation)) // 145 ÷ 130
	_, err := revops.QuickRatio(revops.Movements{New: dec("1")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "QuickRatio", "Churn+Contraction")
	_, err = revops.NetNewMRR(revops.Movements{Churn: dec("-1")})
	requireMetricError(t, err, revops.ErrNegative, "NetNewMRR", "Churn")
}

// snapshotPair draws two snapshots over a small set of customers, some missing from
// either, some former customers, with amounts that appear, vanish, return and change.
func snapshotPair(t *rapid.T) revops.BridgeInput {
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	in := revops.BridgeInput{
		Start:  revops.Snapshot{At: date(2026, 1, 1), MRR: map[string]decimal.Decimal{}},
		End:    revops.Snapshot{At: date(2026, 2, 1), MRR: map[string]decimal.Decimal{}},
		Former: map[string]time.Time{},
	}
	for _, id := range ids {
		if rapid.Bool().Draw(t, id+".inStart") {
			in.Start.MRR[id] = amount(t, id+".start", 100_000)
		}
		if rapid.Bool().Draw(t, id+".inEnd") {
			in.End.MRR[id] = amount(t, id+".end", 100_000)
		}
		if !in.Start.MRR[id].IsPositive() && rapid.Bool().Draw(t, id+".former") {
			in.Former[id] = in.Start.At.AddDate(0, 0, -rapid.IntRange(0, 400).Draw(t, id+".gone"))
		}
	}
	return in
}

func TestMRRBridgeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := snapshotPair(t)
		opt := rapid.SampledFrom([]revops.BridgeOption{
			revops.ReactivationSeparate, revops.ReactivationAsExpansion, revops.ReactivationWindow(rapid.IntRange(1, 400).Draw(t, "window")),
		}).Draw(t, "placement")
		b, err := revops.MRRBridge(in, opt)
		require.NoError(t, err)
		// The bridge identity, exactly.
		rhs := b.Start.Add(b.New).Add(b.Expansion).Add(b.Reactivation).Sub(b.Contraction).Sub(b.Churn)
		require.True(t, b.End.Equal(rhs), "End %s, Start + movements %s", b.End, rhs)
		net := must(t)(revops.NetNewMRR(b.Movements))
		require.True(t, net.Equal(b.End.Sub(b.Start)))
		// The per-customer detail sums to the totals, each amount is |End − Start|.
		totals := map[revops.Movement]decimal.Decimal{}
		for _, m := range b.Customers {
			require.True(t, m.Amount.Equal(m.End.Sub(m.Start).Abs()))
			require.True(t, m.Amount.IsPositive())
			totals[m.Movement] = totals[m.Movement].Add(m.Amount)
		}
		require.True(t, totals[revops.MovementNew].Equal(b.New))
		require.True(t, totals[revops.MovementExpansion].Equal(b.Expansion))
		require.True(t, totals[revops.MovementContraction].Equal(b.Contraction))
		require.True(t, totals[revops.MovementChurn].Equal(b.Churn))
		require.True(t, totals[revops.MovementReactivation].Equal(b.Reactivation))
		// Churn only when a customer's MRR reaches zero; reactivation only for former customers.
		for _, m := range b.Customers {
			switch m.Movement {
			case revops.MovementChurn:
				require.True(t, m.End.IsZero())
			case revops.MovementReactivation:
				_, former := in.Former[m.Customer]
				require.True(t, former)
			}
		}
		// The bridge's retention movements keep GRR within [0, 1] and GRR ≤ NRR.
		if b.Start.IsPositive() {
			grr := must(t)(revops.GRR(b.Retention()))
			nrr := must(t)(revops.NRR(b.Retention()))
			require.True(t, grr.LessThanOrEqual(nrr) && !grr.IsNegative() && grr.LessThanOrEqual(decimal.NewFromInt(1)))
		}
	})
}

// TestNormalizeThenAnnualize checks that normalizing a charge to a month keeps the exact
// fraction: the yearly amount of a plan billed every N years, times N, is its price
// exactly, and so is the monthly amount of a plan billed every N months, times N; the
// decimals taken from it are that fraction rounded once, and ARR of the rounded MRR
// is within 12 units of Scale of the exact annual amount.
func TestNormalizeThenAnnualize(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		price := amount(t, "price", 1_000_000_000)
		years := rapid.IntRange(1, 10).Draw(t, "years")
		mrr := mustOf[revops.Recurring](t)(revops.ChargeMRR(revops.Charge{Amount: price, Quantity: 1, Interval: revops.Interval{Count: years, Unit: revops.Years}}))
		num, den := mrr.Fraction()
		// num ÷ den × 12 × years = price, in integers: num × 12 × years = price × den.
		require.True(t, num.Mul(decimal.NewFromInt(int64(12*years))).Equal(price.Mul(decimal.NewFromInt(den))), "%s ÷ %d", num, den)
		if years == 1 {
			require.True(t, mrr.Annual().Equal(price), "a yearly plan's ARR is its price: %s → %s", price, mrr.Annual())
		}
		requireWithinULP(t, num.DivRound(decimal.NewFromInt(den), revops.Scale), mrr.Monthly())
		arr := must(t)(revops.ARR(mrr.Monthly()))
		require.True(t, arr.Sub(mrr.Annual()).Abs().LessThanOrEqual(ulp.Mul(decimal.NewFromInt(12))), "12 × rounded MRR %s, exact ARR %s", arr, mrr.Annual())
		months := rapid.IntRange(1, 36).Draw(t, "months")
		mrr = mustOf[revops.Recurring](t)(revops.ChargeMRR(revops.Charge{Amount: price, Quantity: 1, Interval: revops.Interval{Count: months, Unit: revops.Months}}))
		num, den = mrr.Fraction()
		require.True(t, num.Mul(decimal.NewFromInt(int64(months))).Equal(price.Mul(decimal.NewFromInt(den))), "%s ÷ %d", num, den)
	})
}

func TestARRScaleInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := revops.Movements{
			New: amount(t, "new", 1e9), Expansion: amount(t, "expansion", 1e9), Reactivation: amount(t, "reactivation", 1e9),
			Contraction: positiveAmount(t, "contraction", 1e9), Churn: amount(t, "churn", 1e9),
		}
		k := positiveAmount(t, "k", 1e6)
		mk := revops.Movements{New: m.New.Mul(k), Expansion: m.Expansion.Mul(k), Reactivation: m.Reactivation.Mul(k), Contraction: m.Contraction.Mul(k), Churn: m.Churn.Mul(k)}
		require.True(t, must(t)(revops.QuickRatio(m)).Equal(must(t)(revops.QuickRatio(mk))))
		prev, cur := positiveAmount(t, "prev", 1e9), amount(t, "cur", 1e9)
		require.True(t, must(t)(revops.RevenueGrowth(revops.Growth{Previous: prev, Current: cur})).
			Equal(must(t)(revops.RevenueGrowth(revops.Growth{Previous: prev.Mul(k), Current: cur.Mul(k)}))))
	})
}

// FuzzARR feeds arbitrary charges, subscriptions, snapshots and contracts to every
// function of arr.go: none may panic and every error is a *revops.Error.
func FuzzARR(f *testing.F) {
	f.Add("50", "0.2", "1", int64(5), int32(-2), 10, 1, uint8(2), uint8(0), uint8(0), int64(0), int64(86400*40))
	f.Add("1e-2000000000", "x", "-3", int64(-1), int32(2147483647), -1, 0, uint8(9), uint8(7), uint8(200), int64(-1), int64(0))
	f.Fuzz(func(t *testing.T, s0, s1, s2 string, coef int64, exp int32, qty, count int, unit, dur, opt uint8, t0, t1 int64) {
		a, b, c := fuzzDecimal(s0, coef, exp), fuzzDecimal(s1, coef, exp), fuzzDecimal(s2, coef, exp)
		ch := revops.Charge{Amount: a, Quantity: qty, Interval: revops.Interval{Count: count, Unit: revops.IntervalUnit(unit)},
			Discount: revops.Discount{Percent: b, Amount: c, Duration: revops.DiscountDuration(dur)}, OneTime: opt%5 == 0}
		_, err := revops.ChargeMRR(ch, revops.Discounts(opt%4))
		requireRevopsError(t, err)
		subs := []revops.Subscription{{Customer: s0, Status: revops.Status(opt % 8), Charges: []revops.Charge{ch, {Amount: b, Quantity: 1, Interval: monthly}}}}
		_, err = revops.MRR(subs, revops.PastDue(opt%3))
		requireRevopsError(t, err)
		_, err = revops.MRRByCustomer(subs)
		requireRevopsError(t, err)
		_, err = revops.ARR(a)
		requireRevopsError(t, err)
		_, err = revops.ARRFromComponents(revops.ARRComponents{Subscriptions: a, Expansion: b, Lost: c})
		requireRevopsError(t, err)
		_, err = revops.ACV(revops.ContractValue{Recurring: a, OneTime: b, Years: c}, revops.OneTimeFees(opt%3))
		requireRevopsError(t, err)
		_, err = revops.ARPA(a, qty)
		requireRevopsError(t, err)
		_, err = revops.ARPU(a, count)
		requireRevopsError(t, err)
		_, err = revops.RevenueGrowth(revops.Growth{Previous: a, Current: b})
		requireRevopsError(t, err)
		_, err = revops.RevenueBacklog(time.Unix(t0, 0), []revops.BacklogContract{{Start: time.Unix(t0, 0), End: time.Unix(t1, 0), Value: a, Recognized: b}})
		requireRevopsError(t, err)
		in := revops.BridgeInput{
			Start:  revops.Snapshot{At: time.Unix(t0, 0), MRR: map[string]decimal.Decimal{s0: a, s1: b}},
			End:    revops.Snapshot{At: time.Unix(t1, 0), MRR: map[string]decimal.Decimal{s1: c, s2: a}},
			Former: map[string]time.Time{s2: time.Unix(t0-int64(count), 0)},
		}
		br, err := revops.MRRBridge(in, revops.ReactivationPolicy{Placement: revops.Reactivation(opt % 4), WindowDays: qty})
		requireRevopsError(t, err)
		if err == nil {
			require.True(t, br.End.Equal(br.Start.Add(br.New).Add(br.Expansion).Add(br.Reactivation).Sub(br.Contraction).Sub(br.Churn)))
		}
		m := revops.Movements{New: a, Expansion: b, Contraction: c, Churn: b, Reactivation: a}
		_, err = revops.NetNewMRR(m)
		requireRevopsError(t, err)
		_, err = revops.QuickRatio(m, revops.QuickRatioReactivation(opt%3))
		requireRevopsError(t, err)
	})
}

func BenchmarkChargeMRR(b *testing.B) {
	c := revops.Charge{Amount: dec("49.99"), Quantity: 12, Interval: revops.Interval{Count: 3, Unit: revops.Years}, Discount: revops.Discount{Percent: dec("0.15")}}
	bench(b, func() { _, _ = revops.ChargeMRR(c) })
}

func benchSubscriptions(n int) []revops.Subscription {
	subs := make([]revops.Subscription, n)
	for i := range subs {
		subs[i] = revops.Subscription{Customer: string(rune('a' + i%26)), Status: revops.Status(i % 3), Charges: []revops.Charge{
			{Amount: decimal.New(int64(1000+i), -2), Quantity: 1 + i%5, Interval: revops.Interval{Count: 1 + i%3, Unit: revops.Months}},
		}}
	}
	return subs
}

func BenchmarkMRR(b *testing.B) {
	subs := benchSubscriptions(1000)
	bench(b, func() { _, _ = revops.MRR(subs) })
}

func BenchmarkMRRByCustomer(b *testing.B) {
	subs := benchSubscriptions(1000)
	bench(b, func() { _, _ = revops.MRRByCustomer(subs) })
}

func BenchmarkARR(b *testing.B) {
	mrr := dec("12345.67")
	bench(b, func() { _, _ = revops.ARR(mrr) })
}

func BenchmarkARRFromComponents(b *testing.B) {
	c := revops.ARRComponents{Subscriptions: dec("1000000"), Expansion: dec("150000"), Lost: dec("80000")}
	bench(b, func() { _, _ = revops.ARRFromComponents(c) })
}

func BenchmarkACV(b *testing.B) {
	c := revops.ContractValue{Recurring: dec("90000"), OneTime: dec("5000"), Years: dec("3")}
	bench(b, func() { _, _ = revops.ACV(c) })
}

func BenchmarkARPA(b *testing.B) {
	mrr := dec("300")
	bench(b, func() { _, _ = revops.ARPA(mrr, 7) })
}

func BenchmarkARPU(b *testing.B) {
	mrr := dec("300")
	bench(b, func() { _, _ = revops.ARPU(mrr, 7) })
}

func BenchmarkRevenueGrowth(b *testing.B) {
	g := revops.Growth{Previous: dec("100"), Current: dec("125")}
	bench(b, func() { _, _ = revops.RevenueGrowth(g) })
}

func BenchmarkRevenueBacklog(b *testing.B) {
	contracts := make([]revops.BacklogContract, 1000)
	for i := range contracts {
		start := date(2024, 1, 1).AddDate(0, i%36, 0)
		contracts[i] = revops.BacklogContract{Start: start, End: start.AddDate(1+i%3, 0, 0), Value: decimal.New(int64(100000+i), -2), Recognized: decimal.New(int64(i), -2)}
	}
	bench(b, func() { _, _ = revops.RevenueBacklog(date(2026, 1, 1), contracts) })
}

func BenchmarkMRRBridge(b *testing.B) {
	in := revops.BridgeInput{
		Start:  revops.Snapshot{At: date(2026, 1, 1), MRR: map[string]decimal.Decimal{}},
		End:    revops.Snapshot{At: date(2026, 2, 1), MRR: map[string]decimal.Decimal{}},
		Former: map[string]time.Time{},
	}
	for i := range 1000 {
		id := string(rune(0x4e00 + i))
		if i%10 != 0 {
			in.Start.MRR[id] = decimal.New(int64(1000+i), -2)
		}
		if i%7 != 0 {
			in.End.MRR[id] = decimal.New(int64(1000+i*(i%3)), -2)
		}
		if i%10 == 0 && i%20 == 0 {
			in.Former[id] = date(2025, 6, 1)
		}
	}
	bench(b, func() { _, _ = revops.MRRBridge(in) })
}

func BenchmarkNetNewMRR(b *testing.B) {
	m := revops.Movements{New: dec("95"), Expansion: dec("50"), Reactivation: dec("70"), Contraction: dec("80"), Churn: dec("50")}
	bench(b, func() { _, _ = revops.NetNewMRR(m) })
}

func BenchmarkQuickRatio(b *testing.B) {
	m := revops.Movements{New: dec("95"), Expansion: dec("50"), Reactivation: dec("70"), Contraction: dec("80"), Churn: dec("50")}
	bench(b, func() { _, _ = revops.QuickRatio(m) })
}
