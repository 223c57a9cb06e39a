package revops_test

import (
	"fmt"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// ExampleConvertSpans reports spans in USD, EUR and JPY in one currency: each span at
// the rate of its start by default, or each month at the rate of the month's start.
func ExampleConvertSpans() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	d := decimal.RequireFromString
	rates, err := revops.NewExchangeRates("USD", []revops.ExchangeRate{
		{From: "EUR", Date: day(1, 1), Rate: d("1.10")},
		{From: "EUR", Date: day(2, 1), Rate: d("1.05")},
		{From: "JPY", Date: day(1, 1), Rate: d("0.0070")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	spans := []revops.Span{
		{Customer: "acme", Start: day(1, 1), MRR: revops.Monthly(d("100")), Currency: "USD"},
		{Customer: "globex", Start: day(1, 15), MRR: revops.Monthly(d("200")), Currency: "EUR"},
		{Customer: "initech", Start: day(2, 10), MRR: revops.Monthly(d("10000")), Currency: "JPY"},
	}
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)}
	for _, opt := range []revops.RateDate{revops.RateAtTransaction, revops.RateAtPeriodStart} {
		converted, err := revops.ConvertSpans(spans, rates, months, opt)
		if err != nil {
			fmt.Println(err)
			return
		}
		h, err := revops.NewHistory(converted)
		if err != nil {
			fmt.Println(err)
			return
		}
		series, err := h.Series(months)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(opt, "January", series[0].End, "February", series[1].End, "contraction", series[1].Contraction)
	}
	// Output:
	// transaction January 320 February 390 contraction 0
	// period_start January 320 February 380 contraction 10
}

func ExampleNewExchangeRates() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	_, err := revops.NewExchangeRates("USD", []revops.ExchangeRate{
		{From: "EUR", Date: day(1, 1), Rate: decimal.RequireFromString("1.10")},
		{From: "EUR", Date: day(1, 1), Rate: decimal.RequireFromString("1.12")},
	})
	fmt.Println(err)
	// Output: revops: NewExchangeRates: rates: inconsistent inputs (two rates of EUR on 2025-01-01T00:00:00Z)
}

func ExampleExchangeRates_Convert() {
	// Into a currency with no minor unit: the product stays exact, and rounding for
	// display gives whole yen.
	rates, err := revops.NewExchangeRates("JPY", []revops.ExchangeRate{
		{From: "USD", Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Rate: decimal.RequireFromString("151.37")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	yen, err := rates.Convert(decimal.RequireFromString("9.99"), "USD", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	shown, err := revops.RoundToMinorUnits(yen, rates.To())
	fmt.Println(yen, shown, err)
	// Output: 1512.1863 1512 <nil>
}

func ExampleExchangeRates_Rate() {
	// A rate holds from its date until the next one; before the first there is none.
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	rates, err := revops.NewExchangeRates("EUR", []revops.ExchangeRate{
		{From: "GBP", Date: day(1, 1), Rate: decimal.RequireFromString("1.19")},
		{From: "GBP", Date: day(3, 1), Rate: decimal.RequireFromString("1.21")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []time.Time{day(2, 14), day(3, 1), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)} {
		r, err := rates.Rate("GBP", at)
		fmt.Println(at.Format("2006-01-02"), r, err)
	}
	// Output:
	// 2025-02-14 1.19 <nil>
	// 2025-03-01 1.21 <nil>
	// 2024-12-31 0 revops: ExchangeRates.Rate: currency: no exchange rate (no rate of "GBP" into EUR at or before 2024-12-31T00:00:00Z)
}

func ExampleExchangeRates_To() {
	// The reporting currency, given in any letter case, comes back upper-case; its rate
	// into itself is 1.
	rates, err := revops.NewExchangeRates("eur", []revops.ExchangeRate{
		{From: "usd", Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Rate: decimal.RequireFromString("0.92")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := rates.Rate(rates.To(), time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rates.To(), r)
	// Output: EUR 1
}
