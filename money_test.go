package revops_test

import (
	"encoding/json"
	"testing"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var yearly = revops.Interval{Count: 1, Unit: revops.Years}

func plan(customer, price string, iv revops.Interval) revops.Subscription {
	return revops.Subscription{Customer: customer, Currency: "USD", Charges: []revops.Charge{{Amount: dec(price), Quantity: 1, Interval: iv}}}
}

// TestRecurringExact works the cases by hand: 1,000 a year is 1000/12 = 250/3
// a month, whose ARR is 1000; three plans of 100 a year are 300 a year and 25 a month.
func TestRecurringExact(t *testing.T) {
	one, err := revops.MRR([]revops.Subscription{plan("a", "1000", yearly)})
	require.NoError(t, err)
	requireDecimal(t, "1000", one.Annual())
	requireDecimal(t, "83.3333333333333333", one.Monthly()) // 250 ÷ 3 at 16 places
	num, den := one.Fraction()
	requireDecimal(t, "250", num)
	require.Equal(t, int64(3), den)

	three, err := revops.MRR([]revops.Subscription{plan("a", "100", yearly), plan("b", "100", yearly), plan("c", "100", yearly)})
	require.NoError(t, err)
	requireDecimal(t, "300", three.Annual())
	requireDecimal(t, "25", three.Monthly())
	_, den = three.Fraction()
	require.Equal(t, int64(1), den)

	// A three-year plan of 1,000: 1000 ÷ 36 a month, 1000 ÷ 3 a year, neither terminating.
	triennial, err := revops.ChargeMRR(revops.Charge{Amount: dec("1000"), Quantity: 1, Interval: revops.Interval{Count: 3, Unit: revops.Years}})
	require.NoError(t, err)
	requireDecimal(t, "27.7777777777777778", triennial.Monthly())
	requireDecimal(t, "333.3333333333333333", triennial.Annual())
	requireValue(t, "333.33")(triennial.RoundAnnual("usd"))
	requireValue(t, "27.78")(triennial.RoundMonthly("USD"))
	requireValue(t, "28")(triennial.RoundMonthly("JPY"))
	requireValue(t, "27.778")(triennial.RoundMonthly("KWD"))

	// Weekly 12 is 12 × 52 ÷ 12 = 52 a month and 624 a year; quarterly 30 is 10 a month.
	weekly, err := revops.ChargeMRR(revops.Charge{Amount: dec("12"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Weeks}})
	require.NoError(t, err)
	requireDecimal(t, "52", weekly.Monthly())
	requireDecimal(t, "624", weekly.Annual())

	// A mix: 1000/12 + 52 + 100/3 (a quarterly 100) = 250/3 + 156/3 + 100/3 = 506/3.
	mix, err := revops.MRR([]revops.Subscription{
		plan("a", "1000", yearly),
		plan("a", "12", revops.Interval{Count: 1, Unit: revops.Weeks}),
		plan("b", "100", revops.Interval{Count: 3, Unit: revops.Months}),
	})
	require.NoError(t, err)
	num, den = mix.Fraction()
	requireDecimal(t, "506", num)
	require.Equal(t, int64(3), den)
	requireDecimal(t, "2024", mix.Annual())

	var zero revops.Recurring
	require.True(t, zero.IsZero())
	requireDecimal(t, "0", zero.Monthly())
	requireDecimal(t, "0", zero.Annual())
	_, err = zero.RoundMonthly("ABC")
	requireMetricError(t, err, revops.ErrOutOfRange, "RoundMonthly", "currency")
}

// TestLinesToMinorUnits checks ChartMogul's per-line rounding: three plans of 1,000 a
// year are 83.33 each, 249.99 a month and 2,999.88 a year, where the exact default
// gives 250 and 3,000.
func TestLinesToMinorUnits(t *testing.T) {
	subs := []revops.Subscription{plan("a", "1000", yearly), plan("b", "1000", yearly), plan("c", "1000", yearly)}
	exact, err := revops.MRR(subs)
	require.NoError(t, err)
	requireDecimal(t, "250", exact.Monthly())
	requireDecimal(t, "3000", exact.Annual())
	lines, err := revops.MRR(subs, revops.LinesToMinorUnits)
	require.NoError(t, err)
	requireDecimal(t, "249.99", lines.Monthly())
	requireDecimal(t, "2999.88", lines.Annual())
	// In yen, each line is rounded to whole yen: 83 × 3.
	for i := range subs {
		subs[i].Currency = "jpy"
	}
	lines, err = revops.MRR(subs, revops.Policy{LineRounding: revops.LinesToMinorUnits})
	require.NoError(t, err)
	requireDecimal(t, "249", lines.Monthly())
	// ChargeMRR has no currency: cents.
	c, err := revops.ChargeMRR(subs[0].Charges[0], revops.LinesToMinorUnits)
	require.NoError(t, err)
	requireDecimal(t, "83.33", c.Monthly())
	for i := range subs {
		subs[i].Currency = "XYZ"
	}
	_, err = revops.MRR(subs, revops.LinesToMinorUnits)
	requireMetricError(t, err, revops.ErrOutOfRange, "MRR", "subs[0].Charges[0].Currency")
	_, err = revops.MRR(subs, revops.LineRounding(2))
	requireMetricError(t, err, revops.ErrInvalidOption, "MRR", "LineRounding")
}

// TestARROfAnnualPlansIsExact is the done-when: ARR of any set of annual plans
// equals the sum of their yearly prices exactly, and the monthly amount times 12,
// taken from the exact fraction, gives it back.
func TestARROfAnnualPlansIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 20).Draw(t, "plans")
		subs := make([]revops.Subscription, n)
		want := decimal.Zero
		for i := range subs {
			price := amount(t, "price", 10_000_000)
			seats := rapid.IntRange(1, 50).Draw(t, "seats")
			subs[i] = revops.Subscription{Customer: rapid.SampledFrom([]string{"a", "b", "c", "d"}).Draw(t, "customer"),
				Charges: []revops.Charge{{Amount: price, Quantity: seats, Interval: yearly}}}
			want = want.Add(price.Mul(decimal.NewFromInt(int64(seats))))
		}
		mrr := mustOf[revops.Recurring](t)(revops.MRR(subs))
		require.True(t, mrr.Annual().Equal(want), "ARR %s, Σ prices %s", mrr.Annual(), want)
		num, den := mrr.Fraction()
		require.True(t, num.Mul(decimal.NewFromInt(12)).Equal(want.Mul(decimal.NewFromInt(den))), "12 × %s ÷ %d ≠ %s", num, den, want)
		by := mustOf[map[string]revops.Recurring](t)(revops.MRRByCustomer(subs))
		total := decimal.Zero
		for _, r := range by {
			total = total.Add(r.Annual())
		}
		require.True(t, total.Equal(want), "Σ customers' ARR %s, Σ prices %s", total, want)
		// Encoding keeps it exact.
		b, err := json.Marshal(mrr)
		require.NoError(t, err)
		var back revops.Recurring
		require.NoError(t, json.Unmarshal(b, &back))
		require.True(t, back.Equal(mrr), "%s → %s", b, back)
	})
}

func TestRecurringJSON(t *testing.T) {
	one, err := revops.ChargeMRR(revops.Charge{Amount: dec("1000"), Quantity: 1, Interval: yearly})
	require.NoError(t, err)
	b, err := json.Marshal(one)
	require.NoError(t, err)
	require.JSONEq(t, `{"mrr":"83.3333333333333333","arr":"1000"}`, string(b))
	var back revops.Recurring
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, back.Equal(one))
	err = json.Unmarshal([]byte(`{"mrr":"80","arr":"1000"}`), &back)
	requireMetricError(t, err, revops.ErrInconsistent, "Recurring", "mrr")
	// A three-year plan of 1,000: 1000 ÷ 36 = 250 ÷ 9 a month; neither decimal
	// terminates, so the exact fraction travels too.
	triennial, err := revops.ChargeMRR(revops.Charge{Amount: dec("1000"), Quantity: 1, Interval: revops.Interval{Count: 3, Unit: revops.Years}})
	require.NoError(t, err)
	b, err = json.Marshal(triennial)
	require.NoError(t, err)
	require.JSONEq(t, `{"mrr":"27.7777777777777778","arr":"333.3333333333333333","monthly_fraction":"250/9"}`, string(b))
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, back.Equal(triennial))
	err = json.Unmarshal([]byte(`{"mrr":"1","arr":"1","monthly_fraction":"1/0"}`), &back)
	requireMetricError(t, err, revops.ErrOutOfRange, "Recurring", "monthly_fraction")
	err = json.Unmarshal([]byte(`{"mrr":"1","arr":"1e-5000"}`), &back)
	requireMetricError(t, err, revops.ErrOutOfRange, "Recurring", "arr")
}

func TestRoundToMinorUnits(t *testing.T) {
	tests := []struct{ amount, currency, want string }{
		{"2.345", "USD", "2.35"},
		{"-2.345", "USD", "-2.35"}, // half away from zero
		{"2.344", "usd", "2.34"},
		{"1234.5", "JPY", "1235"},
		{"1.2345", "KWD", "1.235"},
		{"0.00005", "CLF", "0.0001"},
		{"10", "EUR", "10"},
		{"99.995", "HRK", "100"}, // withdrawn in 2023, kept for old records
	}
	for _, tt := range tests {
		requireValue(t, tt.want)(revops.RoundToMinorUnits(dec(tt.amount), tt.currency))
	}
	for _, code := range []string{"", "US", "ABC", "XAU", "XXX"} {
		_, err := revops.RoundToMinorUnits(dec("1"), code)
		requireMetricError(t, err, revops.ErrOutOfRange, "RoundToMinorUnits", "currency")
	}
	_, err := revops.RoundToMinorUnits(decimal.New(1, -2000), "USD")
	requireMetricError(t, err, revops.ErrOutOfRange, "RoundToMinorUnits", "amount")
	n, err := revops.MinorUnits("bhd")
	require.NoError(t, err)
	require.Equal(t, int32(3), n)
}

// FuzzMoney feeds arbitrary amounts, intervals and codes to the money functions: none
// may panic, every error is a *revops.Error, and a rounded amount is within half a
// minor unit of the exact one.
func FuzzMoney(f *testing.F) {
	f.Add("1000", int64(1), int32(0), 1, uint8(3), "USD", "EUR")
	f.Add("x", int64(-7), int32(-3000), 1<<62, uint8(1), "", "kwd")
	f.Fuzz(func(t *testing.T, s string, coef int64, exp int32, count int, unit uint8, c0, c1 string) {
		a := fuzzDecimal(s, coef, exp)
		r, err := revops.RoundToMinorUnits(a, c0)
		requireRevopsError(t, err)
		if err == nil {
			n, _ := revops.MinorUnits(c0)
			require.True(t, r.Sub(a).Abs().LessThanOrEqual(decimal.New(5, -n-1)), "%s → %s", a, r)
		}
		subs := []revops.Subscription{
			{Customer: "a", Currency: c0, Charges: []revops.Charge{{Amount: a, Quantity: 1, Interval: revops.Interval{Count: count, Unit: revops.IntervalUnit(unit)}}}},
			{Customer: "b", Currency: c0, Charges: []revops.Charge{{Amount: a, Quantity: 1, Interval: revops.Interval{Count: count/3 + 7, Unit: revops.Months}}}},
		}
		for _, opt := range []revops.MRROption{revops.LinesExact, revops.LinesToMinorUnits} {
			m, err := revops.MRR(subs, opt)
			requireRevopsError(t, err)
			if err != nil {
				continue
			}
			_, _ = m.Monthly(), m.Annual()
			_, err = m.RoundAnnual(c1)
			requireRevopsError(t, err)
			b, err := json.Marshal(m)
			require.NoError(t, err)
			var back revops.Recurring
			require.NoError(t, json.Unmarshal(b, &back))
		}
	})
}

func BenchmarkMRRExactAnnualPlans(b *testing.B) {
	subs := make([]revops.Subscription, 1000)
	for i := range subs {
		iv := yearly
		if i%3 == 0 {
			iv = revops.Interval{Count: 1, Unit: revops.Months}
		}
		subs[i] = revops.Subscription{Customer: string(rune('a' + i%26)), Charges: []revops.Charge{{Amount: decimal.New(int64(1000+i), -2), Quantity: 1, Interval: iv}}}
	}
	bench(b, func() { _, _ = revops.MRR(subs) })
}

func BenchmarkRoundToMinorUnits(b *testing.B) {
	a := dec("1234.5678")
	bench(b, func() { _, _ = revops.RoundToMinorUnits(a, "USD") })
}

func BenchmarkMinorUnits(b *testing.B) {
	bench(b, func() { _, _ = revops.MinorUnits("usd") })
}

func BenchmarkRecurringAnnual(b *testing.B) {
	r, _ := revops.ChargeMRR(revops.Charge{Amount: dec("1000"), Quantity: 1, Interval: yearly})
	bench(b, func() { _ = r.Annual() })
}

func BenchmarkRecurringRoundMonthly(b *testing.B) {
	r, _ := revops.ChargeMRR(revops.Charge{Amount: dec("1000"), Quantity: 1, Interval: yearly})
	bench(b, func() { _, _ = r.RoundMonthly("USD") })
}

func BenchmarkRecurringMonthly(b *testing.B) {
	r, _ := revops.ChargeMRR(revops.Charge{Amount: dec("1000"), Quantity: 1, Interval: yearly})
	bench(b, func() { _ = r.Monthly() })
}

func BenchmarkRecurringMarshalJSON(b *testing.B) {
	r, _ := revops.ChargeMRR(revops.Charge{Amount: dec("1000"), Quantity: 1, Interval: yearly})
	bench(b, func() { _, _ = r.MarshalJSON() })
}

// Sub undoes Add exactly, whatever the intervals: (a + b) − b = a, a − a = 0, and
// a − b is below zero exactly when a < b.
func TestRecurringSubUndoesAdd(t *testing.T) {
	units := []revops.IntervalUnit{revops.Days, revops.Weeks, revops.Months, revops.Years}
	draw := func(t *rapid.T, label string) revops.Recurring {
		iv := revops.Interval{Count: rapid.IntRange(1, 36).Draw(t, label+" count"), Unit: rapid.SampledFrom(units).Draw(t, label+" unit")}
		r, err := revops.ChargeMRR(revops.Charge{Amount: amount(t, label, 1_000_000), Quantity: 1, Interval: iv})
		require.NoError(t, err)
		return r
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := draw(t, "a"), draw(t, "b")
		sum, err := a.Add(b)
		require.NoError(t, err)
		back, err := sum.Sub(b)
		require.NoError(t, err)
		require.Equal(t, 0, back.Cmp(a), "(%s + %s) − %s = %s", a, b, b, back)
		zero, err := a.Sub(a)
		require.NoError(t, err)
		require.True(t, zero.IsZero())
		d, err := a.Sub(b)
		require.NoError(t, err)
		require.Equal(t, a.Cmp(b), d.Sign())
	})
}
