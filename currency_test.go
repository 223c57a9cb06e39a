package revops_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func usdRates(t testing.TB) *revops.ExchangeRates {
	rates, err := revops.NewExchangeRates("usd", []revops.ExchangeRate{
		{From: "EUR", Date: day25(2, 1), Rate: dec("1.05")},
		{From: "eur", Date: day25(1, 1), Rate: dec("1.10")},
		{From: "JPY", Date: day25(1, 1), Rate: dec("0.0070")},
		{From: "JPY", Date: day25(3, 1), Rate: dec("0.0065")},
	})
	require.NoError(t, err)
	return rates
}

// threeCurrencies is a's USD plan, b's two EUR subscriptions, c's JPY plan, and d, who
// moves from EUR to USD in April.
func threeCurrencies() []revops.Span {
	return []revops.Span{
		{Customer: "a", Start: day25(1, 1), MRR: revops.Monthly(dec("100")), Currency: "USD"},
		{Customer: "b", Subscription: "b1", Start: day25(1, 15), MRR: revops.Monthly(dec("200")), Currency: "EUR"},
		{Customer: "c", Start: day25(2, 10), MRR: revops.Monthly(dec("10000")), Currency: "JPY"},
		{Customer: "b", Subscription: "b2", Start: day25(3, 1), MRR: revops.Monthly(dec("50")), Currency: "EUR"},
		{Customer: "d", Start: day25(1, 1), End: day25(4, 1), MRR: revops.Monthly(dec("100")), Currency: "EUR"},
		{Customer: "d", Start: day25(4, 1), MRR: revops.Monthly(dec("110")), Currency: "usd"},
	}
}

func firstFourMonths() []revops.Period {
	return []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3), revops.Month(2025, 4)}
}

// seriesOf converts spans and returns their monthly series.
func seriesOf(t *testing.T, spans []revops.Span, opts ...revops.ConversionOption) []revops.PeriodMetrics {
	t.Helper()
	converted, err := revops.ConvertSpans(spans, usdRates(t), firstFourMonths(), opts...)
	require.NoError(t, err)
	h, err := revops.NewHistory(converted)
	require.NoError(t, err)
	require.Equal(t, "USD", h.Currency())
	series, err := h.Series(firstFourMonths())
	require.NoError(t, err)
	return series
}

// The hand-worked example. At the rate of each span's start: a 100; b1 200 EUR × 1.10
// (January 15) = 220; c 10,000 JPY × 0.0070 (February 10) = 70; b2 50 EUR × 1.05
// (March 1) = 52.5; d 100 EUR × 1.10 = 110, then 110 USD.
func TestConvertSpansAtTransaction(t *testing.T) {
	series := seriesOf(t, threeCurrencies())
	for k, want := range []string{"430", "500", "552.5", "552.5"} {
		requireDecimal(t, want, series[k].End.Monthly(), "month", k+1)
	}
	requireDecimal(t, "70", series[1].New.Monthly())
	requireDecimal(t, "52.5", series[2].Expansion.Monthly())
	requireDecimal(t, "0", series[3].Churn.Monthly(), "d stays at 110 across its change of currency")
	// Lago counts d's EUR and its USD as two customers: in April d/EUR churns 110 and
	// d/USD is new at 110.
	lago := seriesOf(t, threeCurrencies(), revops.ChurnPerCurrency)
	requireDecimal(t, "110", lago[3].Churn.Monthly())
	requireDecimal(t, "110", lago[3].New.Monthly())
	require.Equal(t, 1, lago[3].Customers.Churned)
	requireDecimal(t, "552.5", lago[3].End.Monthly())
}

// At the rate of each month's start: b1 is 220 in January, then 200 × 1.05 = 210; c is
// 70 in February, then 10,000 × 0.0065 = 65; d is 110 then 105, then 110 USD.
func TestConvertSpansAtPeriodStart(t *testing.T) {
	series := seriesOf(t, threeCurrencies(), revops.RateAtPeriodStart)
	for k, want := range []string{"430", "485", "532.5", "537.5"} {
		requireDecimal(t, want, series[k].End.Monthly(), "month", k+1)
	}
	requireDecimal(t, "15", series[1].Contraction.Monthly(), "b and d lose 10 and 5 to the euro")
	requireDecimal(t, "70", series[1].New.Monthly())
	requireDecimal(t, "52.5", series[2].Expansion.Monthly())
	requireDecimal(t, "5", series[2].Contraction.Monthly(), "c loses 5 to the yen")
	requireDecimal(t, "5", series[3].Expansion.Monthly(), "d from 105 EUR-in-USD to 110 USD")
}

func TestConvertSpansErrors(t *testing.T) {
	spans := append(threeCurrencies(), revops.Span{Customer: "e", Start: day25(2, 1), MRR: revops.Monthly(dec("40")), Currency: "GBP"})
	_, err := revops.ConvertSpans(spans, usdRates(t), nil)
	requireMetricError(t, err, revops.ErrNoRate, "ConvertSpans", "spans[6].Currency")
	require.Contains(t, err.Error(), `no rate of "GBP" into USD at or before 2025-02-01T00:00:00Z`)
	early := revops.Span{Customer: "f", Start: time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC), MRR: revops.Monthly(dec("1000")), Currency: "JPY"}
	_, err = revops.ConvertSpans([]revops.Span{early}, usdRates(t), nil)
	require.ErrorIs(t, err, revops.ErrNoRate)
	require.Contains(t, err.Error(), `"JPY"`)
	require.Contains(t, err.Error(), "2024-12-20")
	converted, err := revops.ConvertSpans(append(spans, early), usdRates(t), nil, revops.InvalidRecordsSkip)
	requireRefused(t, err, "ConvertSpans", 8, 6, 7)
	require.Len(t, converted, 6)
	_, err = revops.ConvertSpans(spans, usdRates(t), nil, revops.RateAtPeriodStart)
	requireMetricError(t, err, revops.ErrInvalidPeriod, "ConvertSpans", "periods")
	_, err = revops.ConvertSpans(spans, nil, nil)
	requireMetricError(t, err, revops.ErrNoRate, "ConvertSpans", "rates")

	for _, c := range []struct {
		name     string
		rates    []revops.ExchangeRate
		sentinel error
		field    string
	}{
		{"no code", []revops.ExchangeRate{{Date: day25(1, 1), Rate: dec("1")}}, revops.ErrOutOfRange, "rates[0].From"},
		{"into itself", []revops.ExchangeRate{{From: "usd", Date: day25(1, 1), Rate: dec("1")}}, revops.ErrInconsistent, "rates[0].From"},
		{"no date", []revops.ExchangeRate{{From: "EUR", Rate: dec("1")}}, revops.ErrInvalidPeriod, "rates[0].Date"},
		{"zero", []revops.ExchangeRate{{From: "EUR", Date: day25(1, 1)}}, revops.ErrZeroDenominator, "rates[0].Rate"},
		{"negative", []revops.ExchangeRate{{From: "EUR", Date: day25(1, 1), Rate: dec("-1")}}, revops.ErrNegative, "rates[0].Rate"},
		{"twice", []revops.ExchangeRate{{From: "EUR", Date: day25(1, 1), Rate: dec("1.1")}, {From: "eur", Date: day25(1, 1), Rate: dec("1.2")}}, revops.ErrInconsistent, "rates"},
	} {
		_, err := revops.NewExchangeRates("USD", c.rates)
		requireMetricError(t, err, c.sentinel, "NewExchangeRates", c.field)
	}
	_, err = revops.NewExchangeRates(" ", nil)
	requireMetricError(t, err, revops.ErrOutOfRange, "NewExchangeRates", "to")
}

// Amounts convert exactly, and a zero-decimal currency is never given cents: 9.99 USD
// at 151.37 JPY is 1,512.1863 JPY, 1,512 yen once rounded for display.
func TestConvertIntoZeroDecimalCurrency(t *testing.T) {
	rates, err := revops.NewExchangeRates("JPY", []revops.ExchangeRate{{From: "USD", Date: day25(1, 1), Rate: dec("151.37")}})
	require.NoError(t, err)
	v, err := rates.Convert(dec("9.99"), "USD", day25(6, 1))
	require.NoError(t, err)
	requireDecimal(t, "1512.1863", v)
	requireValue(t, "1512")(revops.RoundToMinorUnits(v, rates.To()))
	r, err := rates.Rate("jpy", day25(6, 1))
	require.NoError(t, err)
	requireDecimal(t, "1", r, "the reporting currency converts at 1")
	_, err = rates.Convert(dec("1"), "USD", time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	requireMetricError(t, err, revops.ErrNoRate, "ExchangeRates.Convert", "currency")
	_, err = rates.Convert(dec("1e2000"), "USD", day25(6, 1))
	requireMetricError(t, err, revops.ErrOutOfRange, "ExchangeRates.Convert", "amount")
}

// Converting at the rate of each period's start gives, at every period's close, the
// sum of each span's amount there times the rate of that period's start; spans in the
// reporting currency are never changed.
func TestConvertSpansProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var table []revops.ExchangeRate
		for m := range 26 {
			table = append(table, revops.ExchangeRate{From: "GBP", Date: propBase.AddDate(0, m-1, 0), Rate: decimal.New(rapid.Int64Range(1, 300).Draw(t, fmt.Sprint("gbp", m)), -2)})
		}
		rates, err := revops.NewExchangeRates("EUR", table)
		require.NoError(t, err)
		spans := drawSpans(t) // in EUR
		for i := range spans {
			if rapid.Bool().Draw(t, fmt.Sprint("gbp", i)) {
				spans[i].Currency = "GBP"
			}
		}
		var months []revops.Period
		whole, _ := revops.NewPeriod(propBase, propBase.AddDate(2, 0, 0))
		for m := range whole.Months() {
			months = append(months, m)
		}
		converted, err := revops.ConvertSpans(spans, rates, months, revops.RateAtPeriodStart)
		require.NoError(t, err)
		h, err := revops.NewHistory(converted)
		require.NoError(t, err)
		for _, per := range months {
			at := per.End().Add(-time.Nanosecond)
			want := decimal.Zero
			for _, s := range spans {
				if !s.Start.After(at) && (s.End.IsZero() || at.Before(s.End)) {
					r, err := rates.Rate(s.Currency, per.Start())
					require.NoError(t, err)
					want = want.Add(s.MRR.Monthly().Mul(r))
				}
			}
			require.True(t, want.Equal(h.MRR(at).Monthly()), "%s: %s, history %s", per, want, h.MRR(at))
		}
		same, err := revops.ConvertSpans(spans, rates, nil)
		require.NoError(t, err)
		for i, s := range spans {
			if s.Currency == "EUR" {
				require.True(t, s.MRR.Equal(same[i].MRR))
			}
		}
	})
}

// FuzzCurrency converts arbitrary amounts and spans: nothing panics and every error is
// a *revops.Error.
func FuzzCurrency(f *testing.F) {
	f.Add("EUR", "1.1", int64(0), "100", "eur", int64(86400), int64(86400*40), true)
	f.Add("", "-1", int64(-1), "1e2000", "", int64(-5), int64(0), false)
	f.Fuzz(func(t *testing.T, from, rate string, rateAt int64, amount, currency string, start, length int64, perPeriod bool) {
		base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		rates, err := revops.NewExchangeRates("USD", []revops.ExchangeRate{{From: from, Date: base.Add(time.Duration(rateAt%(1<<40)) * time.Second), Rate: fuzzDecimal(rate, 11, -1)}})
		if err != nil {
			requireRevopsError(t, err)
			return
		}
		at := base.Add(time.Duration(start%(1<<40)) * time.Second)
		_, err = rates.Convert(fuzzDecimal(amount, 5, 0), currency, at)
		requireRevopsError(t, err)
		s := revops.Span{Customer: "c", Start: at, MRR: revops.Monthly(fuzzDecimal(amount, 5, 0)), Currency: currency}
		if length != 0 {
			s.End = at.Add(time.Duration(length%(1<<40)) * time.Second)
		}
		var opts []revops.ConversionOption
		if perPeriod {
			opts = append(opts, revops.RateAtPeriodStart)
		}
		out, err := revops.ConvertSpans([]revops.Span{s}, rates, firstFourMonths(), opts...)
		requireRevopsError(t, err)
		if err == nil && len(out) > 0 {
			// A negative span is a credit, which NewHistory refuses when nothing it
			// nets against is paid (the fuzzer's "-1" alone); any other converted span
			// makes a history.
			_, err := revops.NewHistory(out)
			if out[0].MRR.Sign() < 0 {
				require.ErrorIs(t, err, revops.ErrNegative)
			} else {
				require.NoError(t, err)
			}
		}
	})
}

func BenchmarkConvertSpans(b *testing.B) {
	spans := make([]revops.Span, 10_000)
	for i := range spans {
		spans[i] = revops.Span{Customer: fmt.Sprint("c", i), Start: day25(time.Month(1+i%12), 1+i%28), MRR: revops.Monthly(decimal.New(int64(1000+i), -2)), Currency: []string{"USD", "EUR", "JPY"}[i%3]}
	}
	rates := usdRates(b)
	bench(b, func() {
		if _, err := revops.ConvertSpans(spans, rates, nil); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkNewExchangeRates(b *testing.B) {
	var table []revops.ExchangeRate
	for d := range 365 {
		table = append(table, revops.ExchangeRate{From: "EUR", Date: day25(1, 1).AddDate(0, 0, d), Rate: decimal.New(int64(10500+d), -4)})
	}
	bench(b, func() {
		if _, err := revops.NewExchangeRates("USD", table); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkExchangeRatesRate(b *testing.B) {
	rates := usdRates(b)
	at := day25(6, 1)
	bench(b, func() { _, _ = rates.Rate("EUR", at) })
}

func BenchmarkExchangeRatesConvert(b *testing.B) {
	rates := usdRates(b)
	at, amount := day25(6, 1), dec("99.95")
	bench(b, func() { _, _ = rates.Convert(amount, "EUR", at) })
}
