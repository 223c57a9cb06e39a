package revops_test

import (
	"bufio"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestCLV(t *testing.T) {
	requireValue(t, "600")(revops.CLV(revops.CLVInput{AveragePurchaseValue: dec("50"), PurchaseFrequency: dec("4"), Lifespan: dec("3")})) // 50 × 4 × 3
	_, err := revops.CLV(revops.CLVInput{AveragePurchaseValue: dec("-50")})
	requireMetricError(t, err, revops.ErrNegative, "CLV", "AveragePurchaseValue")

	// A window of exactly one Julian year (365.25 days): a buys at both ends for 100 and
	// 50, b once for 30. APV = 180 ÷ 3 = 60; frequency = 3 ÷ 2 ÷ 1 = 1.5 a year;
	// lifespan = (1 + 0) ÷ 2 = 0.5 years; CLV = 60 × 1.5 × 0.5 = 45.
	start := date(2025, 1, 1)
	txs := []revops.Transaction{
		{Customer: "a", At: start, Amount: dec("100")},
		{Customer: "b", At: date(2025, 6, 1), Amount: dec("30")},
		{Customer: "a", At: start.Add(365*24*time.Hour + 6*time.Hour), Amount: dec("50")},
	}
	in, err := revops.PurchaseInputs(txs)
	require.NoError(t, err)
	requireDecimal(t, "60", in.AveragePurchaseValue)
	requireDecimal(t, "1.5", in.PurchaseFrequency)
	requireDecimal(t, "0.5", in.Lifespan)
	requireValue(t, "45")(revops.CLVFromTransactions(txs))
	hist, err := revops.HistoricalCLV(txs)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	requireDecimal(t, "150", hist["a"])
	requireDecimal(t, "30", hist["b"])

	_, err = revops.PurchaseInputs(nil)
	requireMetricError(t, err, revops.ErrZeroDenominator, "PurchaseInputs", "txs")
	_, err = revops.CLVFromTransactions(txs[:1])
	requireMetricError(t, err, revops.ErrZeroDenominator, "CLVFromTransactions", "txs")
	txs[2].Currency = "EUR"
	_, err = revops.HistoricalCLV(txs)
	requireMetricError(t, err, revops.ErrCurrencyMismatch, "HistoricalCLV", "txs[2].Currency")
	txs[2].Currency, txs[1].Amount = "", dec("-1")
	_, err = revops.PurchaseInputs(txs)
	requireMetricError(t, err, revops.ErrNegative, "PurchaseInputs", "txs[1].Amount")
}

func TestLTV(t *testing.T) {
	in := revops.LTVInput{ARPA: dec("100"), GrossMargin: dec("0.8"), Churn: dec("0.02")}
	requireValue(t, "4000")(revops.LTV(in)) // 100 × 0.8 ÷ 0.02
	in.ChurnBefore = []decimal.Decimal{dec("0.09"), dec("0.04"), dec("0.03")}
	requireValue(t, "2666.6666666666666667")(revops.LTV(in, revops.TrailingChurn(3))) // 80 ÷ ((0.04 + 0.03 + 0.02) ÷ 3)
	requireValue(t, "4000")(revops.LTV(in, revops.TrailingChurn(1)))
	_, err := revops.LTV(in) // the earlier rates would be ignored: refused
	requireMetricError(t, err, revops.ErrInvalidOption, "LTV", "ChurnBefore")
	_, err = revops.LTV(in, revops.TrailingChurn(5))
	requireMetricError(t, err, revops.ErrOutOfRange, "LTV", "ChurnBefore")
	_, err = revops.LTV(in, revops.TrailingChurn(-1))
	requireMetricError(t, err, revops.ErrInvalidOption, "LTV", "LTVChurn")
	// The rates before the period's alone: 80 ÷ ((0.04 + 0.03) ÷ 2) = 2,285.71…, and
	// 80 ÷ ((0.09 + 0.04 + 0.03) ÷ 3) = 1,500; the period's own 0.02 is left out.
	requireValue(t, "2285.7142857142857143")(revops.LTV(in, revops.TrailingChurnBefore(2)))
	requireValue(t, "1500")(revops.LTV(in, revops.TrailingChurnBefore(3)))
	_, err = revops.LTV(in, revops.TrailingChurnBefore(4))
	requireMetricError(t, err, revops.ErrOutOfRange, "LTV", "ChurnBefore")
	_, err = revops.LTV(in, revops.TrailingChurnBefore(0))
	requireMetricError(t, err, revops.ErrInvalidOption, "LTV", "LTVChurn")
	_, err = revops.LTV(revops.LTVInput{ARPA: dec("100"), GrossMargin: dec("0.8"), Churn: dec("0.5"), ChurnBefore: []decimal.Decimal{dec("0")}}, revops.TrailingChurnBefore(1))
	requireMetricError(t, err, revops.ErrZeroDenominator, "LTV", "ChurnBefore")
	in.ChurnBefore[2] = dec("1.5")
	_, err = revops.LTV(in, revops.TrailingChurn(2))
	requireMetricError(t, err, revops.ErrOutOfRange, "LTV", "ChurnBefore[2]")
	_, err = revops.LTV(revops.LTVInput{ARPA: dec("100"), GrossMargin: dec("0.8")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "LTV", "Churn")
	_, err = revops.LTV(revops.LTVInput{ARPA: dec("100"), Churn: dec("0.1")})
	requireMetricError(t, err, revops.ErrOutOfRange, "LTV", "GrossMargin")

	requireValue(t, "50")(revops.CustomerLifetime(dec("0.02")))
	_, err = revops.CustomerLifetime(decimal.Zero)
	requireMetricError(t, err, revops.ErrZeroDenominator, "CustomerLifetime", "churn")
	_, err = revops.CustomerLifetime(dec("1.5"))
	requireMetricError(t, err, revops.ErrOutOfRange, "CustomerLifetime", "churn")
}

var crm = []revops.Record{
	{"name": "Ann", "email": "ann@example.com", "phone": ""},
	{"name": "Bob", "email": " ANN@example.com ", "phone": "555"},
	{"name": " ", "email": "carl@example.com", "phone": "556"},
	{"name": "Dee", "email": "", "phone": ""},
}

func TestDataQuality(t *testing.T) {
	// Filled: 2 + 3 + 2 + 1 of 4 × 3 required fields.
	requireValue(t, "0.6666666666666667")(revops.Completeness(crm, []string{"name", "email", "phone"}))
	// Bob's e-mail is Ann's once trimmed and lower-cased; Dee's empty key duplicates nothing.
	requireValue(t, "0.25")(revops.DuplicateRate(crm, []string{"email"}))
	requireValue(t, "0")(revops.DuplicateRate(crm, []string{"email", "name"}))
	requireValue(t, "0.75")(revops.Validity(crm, func(r revops.Record) bool { return strings.Contains(r["email"], "@") }))

	_, err := revops.Completeness(nil, []string{"name"})
	requireMetricError(t, err, revops.ErrZeroDenominator, "Completeness", "records×required")
	_, err = revops.Completeness(crm, []string{"name", "name"})
	requireMetricError(t, err, revops.ErrInconsistent, "Completeness", "required[1]")
	_, err = revops.DuplicateRate(crm, nil)
	requireMetricError(t, err, revops.ErrOutOfRange, "DuplicateRate", "keys")
	_, err = revops.DuplicateRate(nil, []string{"email"})
	requireMetricError(t, err, revops.ErrZeroDenominator, "DuplicateRate", "records")
	_, err = revops.Validity(crm, nil)
	requireMetricError(t, err, revops.ErrInvalidOption, "Validity", "valid")
}

func TestLifetimeProperties(t *testing.T) {
	one := decimal.NewFromInt(1)
	rapid.Check(t, func(t *rapid.T) {
		// CLV from transactions equals the formula on the derived inputs, and the inputs
		// recover what the transactions hold.
		n := rapid.IntRange(2, 40).Draw(t, "txs")
		start := date(2024, 1, 1)
		txs := make([]revops.Transaction, n)
		revenue := decimal.Zero
		for i := range txs {
			txs[i] = revops.Transaction{
				Customer: rapid.SampledFrom([]string{"a", "b", "c", "d"}).Draw(t, "customer"),
				At:       start.Add(time.Duration(rapid.IntRange(0, 1000).Draw(t, "hours")) * time.Hour),
				Amount:   amount(t, "amount", 100_000),
			}
			revenue = revenue.Add(txs[i].Amount)
		}
		in, err := revops.PurchaseInputs(txs)
		if err != nil {
			require.ErrorIs(t, err, revops.ErrZeroDenominator) // every purchase at one instant
			return
		}
		require.True(t, must(t)(revops.CLVFromTransactions(txs)).Equal(must(t)(revops.CLV(in))))
		nd := decimal.NewFromInt(int64(n))
		require.True(t, in.AveragePurchaseValue.Mul(nd).Sub(revenue).Abs().LessThanOrEqual(ulp.Mul(nd)))
		hist := must2map(t)(revops.HistoricalCLV(txs))
		total := decimal.Zero
		for _, v := range hist {
			total = total.Add(v)
		}
		require.True(t, total.Equal(revenue), "historical CLV sums to revenue")
		require.True(t, !in.Lifespan.IsNegative())

		// Count ratios lie in [0, 1].
		records := make([]revops.Record, rapid.IntRange(1, 20).Draw(t, "records"))
		for i := range records {
			records[i] = revops.Record{"email": rapid.SampledFrom([]string{"", " ", "a@x", "A@X ", "b@y"}).Draw(t, "email")}
		}
		for _, r := range []decimal.Decimal{
			must(t)(revops.Completeness(records, []string{"email", "name"})),
			must(t)(revops.DuplicateRate(records, []string{"email"})),
			must(t)(revops.Validity(records, func(r revops.Record) bool { return r["email"] != "" })),
		} {
			require.True(t, !r.IsNegative() && r.LessThanOrEqual(one), "%s", r)
		}

		// LTV falls as churn rises, and is scale invariant in ARPA's currency.
		arpa := positiveAmount(t, "arpa", 1e9)
		margin := decimal.New(rapid.Int64Range(1, 100).Draw(t, "marginPct"), -2)
		c1 := decimal.New(rapid.Int64Range(1, 999).Draw(t, "churnPermille"), -3)
		c2 := c1.Add(decimal.New(rapid.Int64Range(0, 1000-c1.Mul(decimal.NewFromInt(1000)).IntPart()).Draw(t, "more"), -3))
		l1 := must(t)(revops.LTV(revops.LTVInput{ARPA: arpa, GrossMargin: margin, Churn: c1}))
		l2 := must(t)(revops.LTV(revops.LTVInput{ARPA: arpa, GrossMargin: margin, Churn: c2}))
		require.True(t, l2.LessThanOrEqual(l1))
		k := positiveAmount(t, "k", 1e6)
		lk := must(t)(revops.LTV(revops.LTVInput{ARPA: arpa.Mul(k), GrossMargin: margin, Churn: c1}))
		require.True(t, lk.Sub(l1.Mul(k)).Abs().LessThanOrEqual(ulp.Mul(k).Add(ulp)))
	})
}

func must2map(t *rapid.T) func(map[string]decimal.Decimal, error) map[string]decimal.Decimal {
	return func(m map[string]decimal.Decimal, err error) map[string]decimal.Decimal {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return m
	}
}

// cdnowTransactions reads CamDavidsonPilon/lifetimes' CDNOW_master.txt.
func cdnowTransactions(t testing.TB) []revops.Transaction {
	f, err := os.Open(datasetPath(t, "cdnow-master.txt"))
	require.NoError(t, err)
	defer f.Close()
	var txs []revops.Transaction
	s := bufio.NewScanner(f)
	s.Scan() // header
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) == 0 {
			continue
		}
		require.Len(t, fields, 4)
		at, err := time.Parse("20060102", fields[1])
		require.NoError(t, err)
		txs = append(txs, revops.Transaction{Customer: fields[0], At: at, Amount: decimal.RequireFromString(fields[3])})
	}
	require.NoError(t, s.Err())
	return txs
}

func TestCDNOWPurchaseInputs(t *testing.T) {
	// Expected values worked out from the raw file with a separate script (Python's
	// decimal at 60 digits): 69,659 purchases by 23,570 customers for $2,500,315.63,
	// from 1997-01-01 to 1998-06-30 (545 days), customers' first-to-last spans summing to
	// 3,178,932 days. APV = 2500315.63 ÷ 69659; frequency = 69659 × 365.25 ÷ (23570 ×
	// 545); lifespan = 3178932 ÷ (23570 × 365.25).
	txs := cdnowTransactions(t)
	require.Len(t, txs, 69659)
	in, err := revops.PurchaseInputs(txs)
	require.NoError(t, err)
	requireDecimal(t, "35.8936480569632065", in.AveragePurchaseValue)
	requireDecimal(t, "1.9806665875218459", in.PurchaseFrequency)
	requireDecimal(t, "0.3692592905574639", in.Lifespan)
	// CLV = revenue per customer × mean span ÷ window = 2500315.63 × 3178932 ÷ (23570² × 545)
	// = 26.2518…, within the rounding of the three inputs.
	clv, err := revops.CLVFromTransactions(txs)
	require.NoError(t, err)
	exact := dec("2500315.63").Mul(dec("3178932")).DivRound(dec("23570").Mul(dec("23570")).Mul(dec("545")), 30)
	require.True(t, clv.Sub(exact).Abs().LessThan(decimal.New(1, -13)), "CLV %s, exact %s", clv, exact)
	hist, err := revops.HistoricalCLV(txs)
	require.NoError(t, err)
	require.Len(t, hist, 23570)
}

func TestTelcoLTV(t *testing.T) {
	// IBM's telco base: 7,043 customers, 1,869 of whom left in the last month, paying
	// $456,116.60 a month in all (counted from the raw CSV with a separate script).
	// Revenue LTV (margin 1) = ARPA ÷ churn = 456116.60 ÷ 1869 = 244.04312466559657…
	f, err := os.Open(datasetPath(t, "telco-customer-churn.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	churned, mrr := 0, decimal.Zero
	for _, r := range rows[1:] {
		mrr = mrr.Add(decimal.RequireFromString(r[col["MonthlyCharges"]]))
		if r[col["Churn"]] == "Yes" {
			churned++
		}
	}
	customers := len(rows) - 1
	churn, err := revops.CustomerChurnRate(revops.CustomerCounts{Start: customers, Churned: churned})
	require.NoError(t, err)
	requireDecimal(t, "0.2653698707936959", churn) // 1869 ÷ 7043 = 0.26536987079369586…
	arpa, err := revops.ARPA(mrr, customers)
	require.NoError(t, err)
	requireDecimal(t, "64.7616924605991765", arpa) // 456116.60 ÷ 7043 = 64.76169246059917648…
	ltv, err := revops.LTV(revops.LTVInput{ARPA: arpa, GrossMargin: decimal.NewFromInt(1), Churn: churn})
	require.NoError(t, err)
	require.True(t, ltv.Sub(dec("244.0431246655965757")).Abs().LessThan(decimal.New(1, -12)), "LTV %s", ltv)
	months, err := revops.CustomerLifetime(churn)
	require.NoError(t, err)
	require.True(t, months.Sub(dec("3.7683253076511504")).Abs().LessThan(decimal.New(1, -12)), "lifetime %s", months) // 7043 ÷ 1869
}

// Leaving the current rate out is averaging up to the period before: TrailingChurnBefore(n)
// over rates r₁…r_k and the current c equals TrailingChurn(n) over r₁…r_{k−1} with r_k
// as the current rate, whatever c is.
func TestTrailingChurnBeforeIsTheWindowEndingBefore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 12).Draw(t, "earlier rates")
		rates := make([]decimal.Decimal, k)
		for i := range rates {
			rates[i] = decimal.New(int64(rapid.IntRange(1, 1000).Draw(t, "rate")), -3)
		}
		n := rapid.IntRange(1, k).Draw(t, "window")
		margin := decimal.New(int64(rapid.IntRange(1, 100).Draw(t, "margin")), -2)
		arpa := decimal.New(int64(rapid.IntRange(0, 1_000_000).Draw(t, "arpa")), -2)
		current := decimal.New(int64(rapid.IntRange(0, 1000).Draw(t, "current")), -3)
		got, err := revops.LTV(revops.LTVInput{ARPA: arpa, GrossMargin: margin, Churn: current, ChurnBefore: rates}, revops.TrailingChurnBefore(n))
		require.NoError(t, err)
		want, err := revops.LTV(revops.LTVInput{ARPA: arpa, GrossMargin: margin, Churn: rates[k-1], ChurnBefore: rates[:k-1]}, revops.TrailingChurn(n))
		require.NoError(t, err)
		require.True(t, got.Equal(want), "%s ≠ %s", got, want)
	})
}

// FuzzLifetime feeds arbitrary transactions, rates and records to lifetime.go and the
// data-quality ratios.
func FuzzLifetime(f *testing.F) {
	f.Add("50", "0.8", "0.02", int64(1), int32(0), int64(0), int64(86400), "a", "b", 3)
	f.Add("1e-2000000000", "-1", "2", int64(-4), int32(-2147483648), int64(-1<<62), int64(1<<62), "", " A ", -1)
	f.Fuzz(func(t *testing.T, s0, s1, s2 string, coef int64, exp int32, t0, t1 int64, c0, c1 string, n int) {
		a, b, c := fuzzDecimal(s0, coef, exp), fuzzDecimal(s1, coef, exp), fuzzDecimal(s2, coef, exp)
		_, err := revops.CLV(revops.CLVInput{AveragePurchaseValue: a, PurchaseFrequency: b, Lifespan: c})
		requireRevopsError(t, err)
		txs := []revops.Transaction{{Customer: c0, At: time.Unix(t0, 0), Amount: a}, {Customer: c1, At: time.Unix(t1, 0), Amount: b, Currency: c1}}
		_, err = revops.PurchaseInputs(txs)
		requireRevopsError(t, err)
		_, err = revops.CLVFromTransactions(txs)
		requireRevopsError(t, err)
		_, err = revops.HistoricalCLV(txs)
		requireRevopsError(t, err)
		_, err = revops.LTV(revops.LTVInput{ARPA: a, GrossMargin: b, Churn: c, ChurnBefore: []decimal.Decimal{a, c}}, revops.TrailingChurn(n))
		requireRevopsError(t, err)
		_, err = revops.LTV(revops.LTVInput{ARPA: a, GrossMargin: b, Churn: c, ChurnBefore: []decimal.Decimal{a, c}}, revops.TrailingChurnBefore(n))
		requireRevopsError(t, err)
		_, err = revops.CustomerLifetime(c)
		requireRevopsError(t, err)
		records := []revops.Record{{c0: c1, c1: s0}, {c0: s1}}
		_, err = revops.Completeness(records, []string{c0, c1})
		requireRevopsError(t, err)
		_, err = revops.DuplicateRate(records, []string{c0, c1})
		requireRevopsError(t, err)
		_, err = revops.Validity(records, func(r revops.Record) bool { return r[c0] != "" })
		requireRevopsError(t, err)
	})
}

func BenchmarkCLV(b *testing.B) {
	in := revops.CLVInput{AveragePurchaseValue: dec("50"), PurchaseFrequency: dec("4"), Lifespan: dec("3")}
	bench(b, func() { _, _ = revops.CLV(in) })
}

func BenchmarkPurchaseInputs(b *testing.B) {
	txs := cdnowTransactions(b)
	bench(b, func() { _, _ = revops.PurchaseInputs(txs) })
}

func BenchmarkCLVFromTransactions(b *testing.B) {
	txs := cdnowTransactions(b)
	bench(b, func() { _, _ = revops.CLVFromTransactions(txs) })
}

func BenchmarkHistoricalCLV(b *testing.B) {
	txs := cdnowTransactions(b)
	bench(b, func() { _, _ = revops.HistoricalCLV(txs) })
}

func BenchmarkLTV(b *testing.B) {
	in := revops.LTVInput{ARPA: dec("100"), GrossMargin: dec("0.8"), Churn: dec("0.02"), ChurnBefore: []decimal.Decimal{dec("0.03"), dec("0.025")}}
	bench(b, func() { _, _ = revops.LTV(in, revops.TrailingChurn(3)) })
}

func BenchmarkCustomerLifetime(b *testing.B) {
	c := dec("0.02")
	bench(b, func() { _, _ = revops.CustomerLifetime(c) })
}

func BenchmarkCompleteness(b *testing.B) {
	bench(b, func() { _, _ = revops.Completeness(crm, []string{"name", "email", "phone"}) })
}

func BenchmarkDuplicateRate(b *testing.B) {
	bench(b, func() { _, _ = revops.DuplicateRate(crm, []string{"email"}) })
}

func BenchmarkValidity(b *testing.B) {
	valid := func(r revops.Record) bool { return strings.Contains(r["email"], "@") }
	bench(b, func() { _, _ = revops.Validity(crm, valid) })
}

// LTVByPeriod over quarters and odd periods, worked by hand: five customers at 100 a
// month since December 2025, b leaving on February 1 and d on March 10. The first
// quarter of 2026 loses 2 of 5 (0.4) and closes with three at 100 a month, 300 a
// quarter: LTV 300 × 0.5 ÷ 0.4 = 375. A 28-day period is no calendar month.
func TestLTVByPeriod(t *testing.T) {
	dec1 := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	var spans []revops.Span
	for _, c := range []struct {
		customer string
		end      time.Time
	}{{"a", time.Time{}}, {"b", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, {"c", time.Time{}}, {"d", time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}, {"e", time.Time{}}} {
		spans = append(spans, revops.Span{Customer: c.customer, Start: dec1, End: c.end, MRR: revops.Monthly(dec("100"))})
	}
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	q1, err := revops.Quarter(2026, 1)
	require.NoError(t, err)
	odd, err := revops.NewPeriod(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1))
	require.NoError(t, err)
	for _, tt := range []struct {
		periods []revops.Period
		want    string
		err     error
	}{
		{[]revops.Period{q1}, "375", nil},
		{[]revops.Period{odd}, "", revops.ErrInvalidPeriod},
	} {
		series, err := h.Series(tt.periods)
		require.NoError(t, err)
		ltv, err := revops.LTVByPeriod(series, dec("0.5"))
		require.NoError(t, err)
		v, err := ltv[0].Value()
		if tt.err != nil {
			requireMetricError(t, err, tt.err, "LTVByPeriod", "series")
			continue
		}
		require.NoError(t, err)
		requireDecimal(t, tt.want, v)
	}
	series, err := h.Series([]revops.Period{q1})
	require.NoError(t, err)
	_, err = revops.LTVByPeriod(series, dec("0"))
	requireMetricError(t, err, revops.ErrOutOfRange, "LTVByPeriod", "grossMargin")
	_, err = revops.LTVByPeriod(series, dec("1"), nil)
	requireMetricError(t, err, revops.ErrInvalidOption, "LTVByPeriod", "")
	_, err = revops.LTVByPeriod(series, dec("1"), revops.TrailingChurnBefore(0))
	requireMetricError(t, err, revops.ErrInvalidOption, "LTVByPeriod", "LTVChurn")
	none, err := revops.LTVByPeriod(nil, dec("1"))
	require.NoError(t, err)
	require.Empty(t, none)
}
