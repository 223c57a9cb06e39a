package revops_test

import (
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestPeriodNavigation(t *testing.T) {
	dec2026 := revops.Month(2026, time.December)
	require.Equal(t, revops.Month(2027, time.January), dec2026.Next())
	require.Equal(t, revops.Month(2026, time.November), dec2026.Prev())
	q4, _ := revops.Quarter(2026, 4)
	q1, _ := revops.Quarter(2027, 1)
	require.Equal(t, q1, q4.Next())
	require.Equal(t, q4, q1.Prev())
	require.Equal(t, revops.Year(2027), revops.Year(2026).Next())
	ten, err := revops.NewPeriod(date(2026, 1, 1), date(2026, 1, 11))
	require.NoError(t, err)
	require.Equal(t, date(2026, 1, 21), ten.Next().End())
	require.Equal(t, date(2025, 12, 22), ten.Prev().Start())
	require.True(t, revops.Period{}.Next().IsZero())
	require.Equal(t, "[2026-01-01T00:00:00Z, 2026-01-11T00:00:00Z)", ten.String())

	// Jan 15 to Apr 10 meets four months, the first and last cut.
	span, err := revops.NewPeriod(date(2026, 1, 15), date(2026, 4, 10))
	require.NoError(t, err)
	var starts []string
	for m := range span.Months() {
		starts = append(starts, m.Start().Format(time.DateOnly)+"/"+m.End().Format(time.DateOnly))
	}
	require.Equal(t, []string{"2026-01-15/2026-02-01", "2026-02-01/2026-03-01", "2026-03-01/2026-04-01", "2026-04-01/2026-04-10"}, starts)
	var quarters []revops.Period
	for q := range revops.Year(2026).Quarters() {
		quarters = append(quarters, q)
	}
	require.Len(t, quarters, 4)
	for i, q := range quarters {
		want, _ := revops.Quarter(2026, i+1)
		require.Equal(t, want, q)
	}
	// A nil location is UTC, not a panic inside time.Date.
	require.Equal(t, revops.Month(2026, time.May), revops.MonthIn(2026, time.May, nil))
	require.Equal(t, revops.Year(2026), revops.YearIn(2026, nil))
	q2, err := revops.QuarterIn(2026, 2, nil)
	require.NoError(t, err)
	require.Equal(t, time.UTC, q2.Start().Location())

	n, zero := 0, revops.Period{}
	for range zero.Years() {
		n++
	}
	require.Zero(t, n)
}

func TestPeriodProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		year := rapid.IntRange(1900, 2200).Draw(t, "year")
		month := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		m := revops.Month(year, month)
		require.GreaterOrEqual(t, m.Days(), 28)
		require.LessOrEqual(t, m.Days(), 31)
		q, err := revops.Quarter(year, (int(month)+2)/3)
		require.NoError(t, err)
		require.True(t, q.Contains(m.Start()))
		// A quarter is three months.
		var months []revops.Period
		for x := range q.Months() {
			months = append(months, x)
		}
		require.Len(t, months, 3)
		require.Equal(t, q.Days(), months[0].Days()+months[1].Days()+months[2].Days())
		require.Equal(t, m, m.Next().Prev())
		// Next tiles too: each period starts where the previous ended.
		for p, i := q, 0; i < 8; p, i = p.Next(), i+1 {
			require.True(t, p.Next().Start().Equal(p.End()))
			require.Equal(t, 3, monthsBetween(p.Start(), p.End()))
		}

		// Consecutive periods tile a span with no gap and no overlap, in any location.
		loc := rapid.SampledFrom([]string{"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"}).Draw(t, "loc")
		l, err := time.LoadLocation(loc)
		require.NoError(t, err)
		start := time.Date(year, month, rapid.IntRange(1, 28).Draw(t, "day"), rapid.IntRange(0, 23).Draw(t, "hour"), 0, 0, 0, l)
		span, err := revops.NewPeriod(start, start.AddDate(0, 0, rapid.IntRange(1, 2000).Draw(t, "days")))
		require.NoError(t, err)
		for _, split := range []func() iter.Seq[revops.Period]{span.Months, span.Quarters, span.Years} {
			at, days := span.Start(), 0
			for p := range split() {
				require.True(t, p.Start().Equal(at), "gap or overlap at %s", at)
				require.True(t, p.End().After(p.Start()))
				at = p.End()
				days += p.Days()
			}
			require.True(t, at.Equal(span.End()))
			require.Equal(t, span.Days(), days)
		}
	})
}

func TestPeriodGrowth(t *testing.T) {
	got, err := revops.PeriodGrowth([]decimal.Decimal{dec("100"), dec("110"), dec("99"), dec("99")})
	require.NoError(t, err)
	require.Len(t, got, 3)
	requireDecimal(t, "0.1", got[0])
	requireDecimal(t, "-0.1", got[1])
	requireDecimal(t, "0", got[2])
	_, err = revops.PeriodGrowth([]decimal.Decimal{dec("100"), dec("0"), dec("5")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "PeriodGrowth", "series[1]")
	_, err = revops.PeriodGrowth([]decimal.Decimal{dec("100")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "PeriodGrowth", "series")
}

func TestCompoundGrowth(t *testing.T) {
	tests := []struct {
		name string
		in   revops.CompoundGrowthInput
		want string
	}{
		{"100 → 121 in two steps is 10 %", revops.CompoundGrowthInput{First: dec("100"), Last: dec("121"), Steps: 2}, "0.1"},
		{"CAGR 1,000,000 → 1,331,000 in three years", revops.CompoundGrowthInput{First: dec("1000000"), Last: dec("1331000"), Steps: 3}, "0.1"},
		// Doubling in a year: 2^(1/12) = 1.05946309435929526456…, the equal-tempered semitone.
		{"doubling over 12 months", revops.CompoundGrowthInput{First: dec("100"), Last: dec("200"), Steps: 12}, "0.0594630943592953"},
		// 0.5^(1/2) = 0.70710678118654752440…
		{"halving over two steps", revops.CompoundGrowthInput{First: dec("2"), Last: dec("1"), Steps: 2}, "-0.2928932188134525"},
		{"flat", revops.CompoundGrowthInput{First: dec("7.5"), Last: dec("7.50"), Steps: 5}, "0"},
		{"to zero", revops.CompoundGrowthInput{First: dec("7.5"), Last: dec("0"), Steps: 5}, "-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := revops.CompoundGrowth(tt.in)
			require.NoError(t, err)
			requireDecimal(t, tt.want, got)
		})
	}
	requireValue(t, "0.1")(revops.SeriesCompoundGrowth([]decimal.Decimal{dec("100"), dec("110"), dec("121")}))
	// Counting points: 1.21^(1/3) = 1.06560223676661067… (Python decimal, 60 digits)
	requireValue(t, "0.0656022367666107")(revops.SeriesCompoundGrowth([]decimal.Decimal{dec("100"), dec("110"), dec("121")}, revops.StepsArePoints))

	const metric = "CompoundGrowth"
	_, err := revops.CompoundGrowth(revops.CompoundGrowthInput{Last: dec("1"), Steps: 1})
	requireMetricError(t, err, revops.ErrZeroDenominator, metric, "First")
	_, err = revops.CompoundGrowth(revops.CompoundGrowthInput{First: dec("-1"), Last: dec("1"), Steps: 1})
	requireMetricError(t, err, revops.ErrNegative, metric, "First")
	_, err = revops.CompoundGrowth(revops.CompoundGrowthInput{First: dec("1"), Last: dec("-1"), Steps: 1})
	requireMetricError(t, err, revops.ErrNegative, metric, "Last")
	_, err = revops.CompoundGrowth(revops.CompoundGrowthInput{First: dec("1"), Last: dec("1"), Steps: 0})
	requireMetricError(t, err, revops.ErrOutOfRange, metric, "Steps")
	_, err = revops.CompoundGrowth(revops.CompoundGrowthInput{First: dec("1"), Last: dec("1"), Steps: revops.MaxSteps + 1})
	requireMetricError(t, err, revops.ErrOutOfRange, metric, "Steps")
	_, err = revops.SeriesCompoundGrowth([]decimal.Decimal{dec("1")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "SeriesCompoundGrowth", "series")
}

func TestCompoundGrowthProperties(t *testing.T) {
	half := decimal.New(5, -(revops.Scale + 1))
	rapid.Check(t, func(t *rapid.T) {
		first := positiveAmount(t, "first", 1e9)
		last := amount(t, "last", 1e12)
		n := rapid.IntRange(1, 60).Draw(t, "steps")
		rate := must(t)(revops.CompoundGrowth(revops.CompoundGrowthInput{First: first, Last: last, Steps: n}))
		// The rate is the exact root rounded to Scale: growing First n times by the rate
		// less half a unit stays at or below Last, and by the rate plus half a unit at or
		// above it. (These products are exact.)
		lo, hi := decimal.NewFromInt(1).Add(rate).Sub(half), decimal.NewFromInt(1).Add(rate).Add(half)
		if lo.IsNegative() {
			lo = decimal.Zero
		}
		pow := func(x decimal.Decimal) decimal.Decimal {
			r := first
			for range n {
				r = r.Mul(x)
			}
			return r
		}
		require.True(t, pow(lo).LessThanOrEqual(last), "rate %s too high", rate)
		require.True(t, pow(hi).GreaterThanOrEqual(last), "rate %s too low", rate)
		// A series compounds over its intervals: the same rate from its first and last values.
		series := []decimal.Decimal{first}
		for i := 1; i < n; i++ {
			series = append(series, amount(t, "middle", 1e12))
		}
		series = append(series, last)
		require.True(t, rate.Equal(must(t)(revops.SeriesCompoundGrowth(series))))
		// Scale invariance.
		k := positiveAmount(t, "k", 1e6)
		require.True(t, rate.Equal(must(t)(revops.CompoundGrowth(revops.CompoundGrowthInput{First: first.Mul(k), Last: last.Mul(k), Steps: n}))))
	})
}

func TestAnnualize(t *testing.T) {
	requireValue(t, "102")(revops.Annualize(dec("8.5")))
	requireValue(t, "8.3333333333333333")(revops.Deannualize(dec("100")))
	_, err := revops.Annualize(decimal.New(1, 5000))
	requireMetricError(t, err, revops.ErrOutOfRange, "Annualize", "monthly")
	rapid.Check(t, func(t *rapid.T) {
		a := amount(t, "annual", 1e15)
		back := must(t)(revops.Annualize(must(t)(revops.Deannualize(a))))
		require.True(t, back.Sub(a).Abs().LessThanOrEqual(ulp.Mul(decimal.NewFromInt(6))))
		require.True(t, back.Round(-a.Exponent()).Equal(a), "%s → %s", a, back)
	})
}

func TestProrate(t *testing.T) {
	jan := revops.Month(2026, time.January)
	served, _ := revops.NewPeriod(date(2026, 1, 10), date(2026, 2, 1))
	requireValue(t, "220")(revops.Prorate(revops.Proration{Amount: dec("310"), Billed: jan, Served: served})) // 310 × 22 ÷ 31
	feb := revops.Month(2028, time.February)
	tenDays, _ := revops.NewPeriod(date(2028, 2, 20), date(2028, 3, 1))
	requireValue(t, "10")(revops.Prorate(revops.Proration{Amount: dec("29"), Billed: feb, Served: tenDays})) // a leap February: 29 × 10 ÷ 29
	_, err := revops.Prorate(revops.Proration{Amount: dec("29"), Billed: jan, Served: tenDays})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "Prorate", "Served")
	_, err = revops.Prorate(revops.Proration{Amount: dec("29"), Billed: jan})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "Prorate", "Period")
}

// FuzzPeriod feeds arbitrary instants, calendar numbers and amounts to period.go.
func FuzzPeriod(f *testing.F) {
	f.Add(int64(0), int64(86400*31), 2026, 3, "100", "121", int64(1), int32(0), 2, uint8(0))
	f.Add(int64(-1<<62), int64(1<<62), -1000000, 99, "1e-2000000000", "-1", int64(-7), int32(-2147483648), -5, uint8(9))
	f.Fuzz(func(t *testing.T, t0, t1 int64, year, q int, s0, s1 string, coef int64, exp int32, steps int, opt uint8) {
		p, err := revops.NewPeriod(time.Unix(t0, 0).UTC(), time.Unix(t1, 0).UTC())
		requireRevopsError(t, err)
		if err == nil {
			_ = p.Days()
			_ = p.Next()
			_ = p.Prev()
			n := 0
			for range p.Years() {
				if n++; n > 3 {
					break
				}
			}
		}
		qp, err := revops.Quarter(year, q)
		requireRevopsError(t, err)
		if err == nil {
			require.True(t, qp.End().After(qp.Start()))
		}
		a, b := fuzzDecimal(s0, coef, exp), fuzzDecimal(s1, coef, exp)
		_, err = revops.PeriodGrowth([]decimal.Decimal{a, b, a})
		requireRevopsError(t, err)
		if steps > 300 {
			steps %= 300 // keep each run short; MaxSteps itself is benchmarked
		}
		_, err = revops.CompoundGrowth(revops.CompoundGrowthInput{First: a, Last: b, Steps: steps})
		requireRevopsError(t, err)
		_, err = revops.SeriesCompoundGrowth([]decimal.Decimal{a, b}, revops.CompoundingSteps(opt%3))
		requireRevopsError(t, err)
		_, err = revops.Annualize(a)
		requireRevopsError(t, err)
		_, err = revops.Deannualize(a)
		requireRevopsError(t, err)
		_, err = revops.Prorate(revops.Proration{Amount: a, Billed: revops.Month(year%10000, time.Month(q)), Served: p})
		requireRevopsError(t, err)
	})
}

func BenchmarkNewPeriod(b *testing.B) {
	s, e := date(2026, 1, 1), date(2026, 2, 1)
	bench(b, func() { _, _ = revops.NewPeriod(s, e) })
}

func BenchmarkMonth(b *testing.B) {
	bench(b, func() { _ = revops.Month(2026, time.March).Days() })
}

func BenchmarkMonthIn(b *testing.B) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	bench(b, func() { _ = revops.MonthIn(2026, time.March, berlin) })
}

func BenchmarkQuarter(b *testing.B) {
	bench(b, func() { _, _ = revops.Quarter(2026, 3) })
}

func BenchmarkQuarterIn(b *testing.B) {
	bench(b, func() { _, _ = revops.QuarterIn(2026, 3, time.UTC) })
}

func BenchmarkYear(b *testing.B) {
	bench(b, func() { _ = revops.Year(2026) })
}

func BenchmarkYearIn(b *testing.B) {
	bench(b, func() { _ = revops.YearIn(2026, time.UTC) })
}

func BenchmarkPeriodMonths(b *testing.B) {
	span, _ := revops.NewPeriod(date(2020, 1, 15), date(2030, 1, 15))
	b.ReportAllocs()
	for range b.N {
		for range span.Months() {
		}
	}
}

func BenchmarkPeriodGrowth(b *testing.B) {
	series := make([]decimal.Decimal, 24)
	for i := range series {
		series[i] = decimal.New(int64(100000+i*1234), -2)
	}
	bench(b, func() { _, _ = revops.PeriodGrowth(series) })
}

func BenchmarkCompoundGrowth(b *testing.B) {
	for _, steps := range []int{12, 120, revops.MaxSteps} {
		in := revops.CompoundGrowthInput{First: dec("104233.17"), Last: dec("391877.02"), Steps: steps}
		b.Run("steps="+strconv.Itoa(steps), func(b *testing.B) {
			bench(b, func() { _, _ = revops.CompoundGrowth(in) })
		})
	}
}

func BenchmarkSeriesCompoundGrowth(b *testing.B) {
	series := []decimal.Decimal{dec("100"), dec("104"), dec("109"), dec("111"), dec("120"), dec("131")}
	bench(b, func() { _, _ = revops.SeriesCompoundGrowth(series) })
}

func BenchmarkAnnualize(b *testing.B) {
	m := dec("8.5")
	bench(b, func() { _, _ = revops.Annualize(m) })
}

func BenchmarkDeannualize(b *testing.B) {
	a := dec("100")
	bench(b, func() { _, _ = revops.Deannualize(a) })
}

func BenchmarkProrate(b *testing.B) {
	served, _ := revops.NewPeriod(date(2026, 1, 10), date(2026, 2, 1))
	p := revops.Proration{Amount: dec("310"), Billed: revops.Month(2026, time.January), Served: served}
	bench(b, func() { _, _ = revops.Prorate(p) })
}

// monthsBetween counts calendar months from a to b, both on the first of a month.
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}
