package revops_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// requireRefused fails t unless err is a *revops.Refused of metric over total records
// listing exactly the indexes want.
func requireRefused(t *testing.T, err error, metric string, total int, want ...int) *revops.Refused {
	t.Helper()
	var r *revops.Refused
	require.True(t, errors.As(err, &r), "%v is not a *revops.Refused", err)
	require.Equal(t, metric, r.Metric)
	require.Equal(t, total, r.Total)
	var got []int
	for _, rec := range r.Records {
		got = append(got, rec.Index)
		var e *revops.Error
		require.True(t, errors.As(rec.Err, &e), "record %d: %v is not a *revops.Error", rec.Index, rec.Err)
	}
	require.Equal(t, want, got)
	return r
}

func TestMRRSkipsInvalidSubscriptions(t *testing.T) {
	monthly := revops.Interval{Count: 1, Unit: revops.Months}
	subs := []revops.Subscription{
		{Customer: "a", Currency: "USD", Charges: []revops.Charge{{Amount: dec("100"), Quantity: 1, Interval: monthly}}},
		{Customer: "b", Currency: "USD", Charges: []revops.Charge{{Amount: dec("40"), Quantity: 1, Interval: monthly}, {Amount: dec("-5"), Quantity: 1, Interval: monthly}}},
		{Customer: "c", Currency: "EUR", Charges: []revops.Charge{{Amount: dec("30"), Quantity: 1, Interval: monthly}}},
		{Customer: "a", Currency: "usd", Charges: []revops.Charge{{Amount: dec("1200"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Years}}}},
	}
	// Strict, the default: the first bad subscription fails the call.
	_, err := revops.MRR(subs)
	requireMetricError(t, err, revops.ErrNegative, "MRR", "subs[1].Charges[1].Amount")

	// Skipping: a's 100 + 1200 ÷ 12 = 200; b (a negative charge; none of its charges
	// counts) and c (another currency) are listed.
	mrr, err := revops.MRR(subs, revops.InvalidRecordsSkip)
	requireDecimal(t, "200", mrr.Monthly())
	r := requireRefused(t, err, "MRR", 4, 1, 2)
	require.ErrorIs(t, err, revops.ErrNegative)
	require.ErrorIs(t, err, revops.ErrCurrencyMismatch)
	require.NotErrorIs(t, err, revops.ErrZeroDenominator)
	require.Equal(t, `revops: MRR: 2 of 4 records refused: subs[1].Charges[1].Amount: negative value (-5 < 0); subs[2].Currency: currency mismatch ("EUR" after "USD")`, r.Error())

	by, err := revops.MRRByCustomer(subs, revops.InvalidRecordsSkip)
	requireRefused(t, err, "MRRByCustomer", 4, 1, 2)
	require.Len(t, by, 1)
	requireDecimal(t, "200", by["a"].Monthly())

	// With nothing to refuse, skipping changes nothing and returns no error.
	mrr, err = revops.MRR(subs[:1], revops.InvalidRecordsSkip)
	require.NoError(t, err)
	requireDecimal(t, "100", mrr.Monthly())
	// The first valid subscription sets the currency, even after a refused one.
	mrr, err = revops.MRR(subs[1:3], revops.InvalidRecordsSkip)
	requireDecimal(t, "30", mrr.Monthly())
	requireRefused(t, err, "MRR", 2, 0)
}

func TestNewHistorySkipsInvalidSpans(t *testing.T) {
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	spans := []revops.Span{
		{Customer: "a", Subscription: "s1", Start: day(1), End: day(6), MRR: revops.Monthly(dec("100")), Currency: "USD"},
		{Customer: "b", Start: day(2), End: day(1), MRR: revops.Monthly(dec("10")), Currency: "USD"},        // ends before it starts
		{Customer: "a", Subscription: "s1", Start: day(3), MRR: revops.Monthly(dec("50")), Currency: "USD"}, // overlaps the first
		{Customer: "c", Start: day(1), MRR: revops.Monthly(dec("-1")), Currency: "USD"},                     // negative
		{Customer: "d", Start: day(2), MRR: revops.Monthly(dec("70")), Currency: "GBP"},                     // another currency
		{Customer: "a", Subscription: "s1", Start: day(6), MRR: revops.Monthly(dec("120")), Currency: "USD"},
		{Customer: "e", Start: day(2), MRR: revops.Monthly(dec("30")), Currency: "USD"},
	}
	_, err := revops.NewHistory(spans)
	requireMetricError(t, err, revops.ErrInvalidPeriod, "NewHistory", "spans[1].End")

	h, err := revops.NewHistory(spans, revops.InvalidRecordsSkip)
	r := requireRefused(t, err, "NewHistory", 7, 1, 2, 3, 4)
	require.ErrorIs(t, r.Records[1].Err, revops.ErrInconsistent)
	require.Contains(t, r.Records[1].Err.Error(), `spans[2].Start: inconsistent inputs (starts while another span of subscription "s1" runs; see spans[0])`)
	// What is kept: a at 100 from January to June, then 120; e at 30 from February.
	requireDecimal(t, "100", h.MRR(day(1)).Monthly())
	requireDecimal(t, "130", h.MRR(day(4)).Monthly())
	requireDecimal(t, "150", h.MRR(day(7)).Monthly())
	require.Equal(t, 2, h.Customers())
	require.Equal(t, "USD", h.Currency())
}

// Skipping invalid spans builds the history of the spans it keeps, and with valid
// spans it refuses nothing.
func TestNewHistorySkipProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spans := drawSpans(t)
		for i := range spans { // spoil some spans, and make some overlap
			switch rapid.IntRange(0, 9).Draw(t, fmt.Sprintf("spoil%d", i)) {
			case 0:
				spans[i].MRR = revops.Monthly(decimal.New(1, 2000)) // beyond MaxExponent
			case 1:
				spans[i].Currency = "JPY"
			case 2:
				spans[i].Subscription = "shared"
			case 3:
				spans[i].Customer = ""
			case 4: // a credit: refused only where it takes its customer below zero
				spans[i].MRR = revops.Monthly(spans[i].MRR.Monthly().Neg())
			}
		}
		strict, strictErr := revops.NewHistory(spans)
		h, err := revops.NewHistory(spans, revops.InvalidRecordsSkip)
		refused := map[int]bool{}
		var r *revops.Refused
		if err != nil {
			require.True(t, errors.As(err, &r))
			for _, rec := range r.Records {
				refused[rec.Index] = true
			}
		}
		var kept []revops.Span
		for i, s := range spans {
			if !refused[i] {
				kept = append(kept, s)
			}
		}
		want, wantErr := revops.NewHistory(kept)
		require.NoError(t, wantErr, "the spans kept are a valid history")
		if strictErr == nil {
			require.Empty(t, refused, "a valid history refuses nothing")
			want = strict
		}
		for m := range 26 {
			at := propBase.AddDate(0, m, 0).Add(-time.Nanosecond)
			require.True(t, want.MRR(at).Equal(h.MRR(at)), "MRR at %s", at)
		}
		require.Equal(t, want.Customers(), h.Customers())
	})
}

func TestSalesCycleLengthCloseDates(t *testing.T) {
	created := time.Date(2025, 3, 10, 15, 30, 0, 0, time.UTC)
	date := func(day int) time.Time { return time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC) }
	won := func(closed time.Time) revops.Opportunity {
		return revops.Opportunity{Status: revops.DealWon, Created: created, Closed: closed}
	}
	// A deal created at 15:30 and closed on the same date: its close date falls
	// before the creation instant, and is read as a cycle of 0 days.
	c, err := revops.SalesCycleLength([]revops.Opportunity{won(date(10))})
	require.NoError(t, err)
	requireDecimal(t, "0", c.Mean)
	// By default a later close is measured exactly: 8.5 hours to midnight of the 11th
	// is 0.3541666666666667 days; closed on the 13th at midnight, 2.3541666666666667.
	c, err = revops.SalesCycleLength([]revops.Opportunity{won(date(11)), won(date(13))})
	require.NoError(t, err)
	requireDecimal(t, "1.3541666666666667", c.Mean)
	// Read as dates: the 10th to the 11th is 1 day, to the 13th 3 days.
	c, err = revops.SalesCycleLength([]revops.Opportunity{won(date(10)), won(date(11)), won(date(13))}, revops.CloseTimesDates)
	require.NoError(t, err)
	requireDecimal(t, "1.3333333333333333", c.Mean)
	requireDecimal(t, "1", c.Median)
	// A close date the day before creation is refused either way.
	for _, opt := range []revops.CloseTimes{revops.CloseTimesExact, revops.CloseTimesDates} {
		_, err = revops.SalesCycleLength([]revops.Opportunity{won(date(9))}, opt)
		requireMetricError(t, err, revops.ErrInvalidPeriod, "SalesCycleLength", "opps[0].Closed")
	}
	// A close time (not midnight) before creation on the same day is refused too.
	_, err = revops.SalesCycleLength([]revops.Opportunity{won(time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC))})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "SalesCycleLength", "opps[0].Closed")
	// Dates are read in the reporting zone, UTC here, never in the location a Time
	// carries: created at 23:30 UTC on the 10th, closed on the date the 11th (written
	// as midnight in Tokyo) is 1 day. TestSalesCycleLengthIn reads it in Tokyo.
	tokyo := time.FixedZone("JST", 9*3600)
	late := revops.Opportunity{Status: revops.DealWon, Created: time.Date(2025, 3, 10, 23, 30, 0, 0, time.UTC), Closed: time.Date(2025, 3, 11, 0, 0, 0, 0, tokyo)}
	c, err = revops.SalesCycleLength([]revops.Opportunity{late}, revops.CloseTimesDates)
	require.NoError(t, err)
	requireDecimal(t, "1", c.Mean)
}

func TestPipelineSkipsInvalidRecords(t *testing.T) {
	jan := func(day int) time.Time { return time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC) }
	opps := []revops.Opportunity{
		{Status: revops.DealWon, Amount: dec("100"), Created: jan(1), Closed: jan(11)},
		{Status: revops.DealWon, Amount: dec("100"), Created: jan(5), Closed: jan(2)}, // closed before created
		{Status: 7, Amount: dec("100"), Created: jan(1)},                              // no such status
		{Status: revops.DealOpen, Amount: dec("-3"), Created: jan(1)},                 // negative amount
		{Status: revops.DealOpen, Amount: dec("50"), Probability: dec("0.5"), Created: jan(1)},
		{Status: revops.DealLost, Amount: dec("100"), Created: jan(1), Closed: jan(21)},
	}
	c, err := revops.SalesCycleLength(opps, revops.InvalidRecordsSkip)
	requireRefused(t, err, "SalesCycleLength", 6, 1, 2)
	requireDecimal(t, "15", c.Mean) // 10 and 20 days
	p, err := revops.PipelineValue(opps, revops.InvalidRecordsSkip)
	requireRefused(t, err, "PipelineValue", 6, 2, 3)
	require.Equal(t, 1, p.Open)
	requireDecimal(t, "25", p.Weighted)
	_, err = revops.PipelineValue(opps)
	requireMetricError(t, err, revops.ErrOutOfRange, "PipelineValue", "opps[2].Status")

	// Nothing left to measure: the undefined result and the refusals together.
	_, err = revops.SalesCycleLength(opps[1:3], revops.InvalidRecordsSkip)
	require.ErrorIs(t, err, revops.ErrZeroDenominator)
	requireRefused(t, err, "SalesCycleLength", 2, 0, 1)

	leads := []revops.Lead{
		{Created: jan(1), FirstResponse: jan(2)},
		{Created: jan(3), FirstResponse: jan(1)}, // answered before it came in
		{Created: jan(1)},
	}
	s, err := revops.SpeedToLead(leads, revops.InvalidRecordsSkip)
	requireRefused(t, err, "SpeedToLead", 3, 1)
	require.Equal(t, 24*time.Hour, s.Mean)
	require.Equal(t, 1, s.NeverContacted)
}

func TestTransactionsSkipInvalid(t *testing.T) {
	at := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	txs := []revops.Transaction{
		{Customer: "a", At: at(1), Currency: "USD", Amount: dec("100")},
		{Customer: "a", At: at(3), Currency: "USD", Amount: dec("-40")}, // a refund not netted
		{Customer: "b", At: at(2), Currency: "EUR", Amount: dec("70")},
		{Customer: "b", At: at(7), Currency: "USD", Amount: dec("50")},
	}
	_, err := revops.PurchaseInputs(txs)
	requireMetricError(t, err, revops.ErrNegative, "PurchaseInputs", "txs[1].Amount")
	// Over the two valid purchases: 150 ÷ 2 = 75 a purchase; a window of January 1 to
	// July 1, 181 days; two customers, each a lifespan of 0.
	in, err := revops.PurchaseInputs(txs, revops.InvalidRecordsSkip)
	requireRefused(t, err, "PurchaseInputs", 4, 1, 2)
	requireDecimal(t, "75", in.AveragePurchaseValue)
	requireDecimal(t, "0", in.Lifespan)
	want := decimal.NewFromInt(2*31_557_600).DivRound(decimal.NewFromInt(2*181*86_400), revops.Scale) // purchases ÷ customers ÷ years
	requireDecimal(t, want.String(), in.PurchaseFrequency)
	clv, err := revops.CLVFromTransactions(txs, revops.InvalidRecordsSkip)
	requireRefused(t, err, "CLVFromTransactions", 4, 1, 2)
	requireDecimal(t, "0", clv, "no lifespan observed yet")
	by, err := revops.HistoricalCLV(txs, revops.InvalidRecordsSkip)
	requireRefused(t, err, "HistoricalCLV", 4, 1, 2)
	require.Equal(t, map[string]string{"a": "100", "b": "50"}, map[string]string{"a": by["a"].String(), "b": by["b"].String()})
	// Nothing valid at all: the undefined result, with the records that were refused.
	_, err = revops.PurchaseInputs(txs[1:2], revops.InvalidRecordsSkip)
	require.ErrorIs(t, err, revops.ErrZeroDenominator)
	requireRefused(t, err, "PurchaseInputs", 1, 0)
}

func TestRenewalRateSkipsInvalid(t *testing.T) {
	q1, err := revops.Quarter(2026, 1)
	require.NoError(t, err)
	feb := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	renewals := []revops.Renewal{
		{TermEnd: feb, Value: dec("1000"), Renewed: true, RenewedValue: dec("1200")},
		{TermEnd: feb, Value: dec("500"), RenewedValue: dec("500")}, // a renewed value on a lost renewal
		{TermEnd: feb, Value: dec("-1")},
		{TermEnd: feb, Value: dec("500")},
	}
	_, err = revops.RenewalRate(q1, renewals)
	requireMetricError(t, err, revops.ErrInconsistent, "RenewalRate", "renewals[1].RenewedValue")
	// One of two due renewed; by value min(1,200, 1,000) ÷ 1,500.
	r, err := revops.RenewalRate(q1, renewals, revops.InvalidRecordsSkip)
	requireRefused(t, err, "RenewalRate", 4, 1, 2)
	requireDecimal(t, "0.5", r.ByCount)
	requireDecimal(t, "0.6666666666666667", r.ByValue)
}
