package revops_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// requireError returns err's *revops.Error, failing t unless err wraps sentinel.
func requireError(t require.TestingT, err, sentinel error) *revops.Error {
	require.ErrorIs(t, err, sentinel)
	var e *revops.Error
	require.True(t, errors.As(err, &e), "%v is not a *revops.Error", err)
	return e
}

// A subscription id that looks like a record position ("spans[99]") is only a
// name: the error carries the positions as data, the later-starting span at fault
// and the earlier one it overlaps as Related, and its Detail holds no position.
func TestOverlapErrorPositions(t *testing.T) {
	day := func(m time.Month) time.Time { return time.Date(2020, m, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name          string
		spans         []revops.Span
		fault, others int
	}{
		{"later span last", []revops.Span{
			{Customer: "a", Subscription: "spans[99]", Start: day(1), End: day(6), MRR: revops.Monthly(dec("10"))},
			{Customer: "a", Subscription: "spans[99]", Start: day(3), End: day(9), MRR: revops.Monthly(dec("20"))},
		}, 1, 0},
		{"later span first", []revops.Span{
			{Customer: "a", Subscription: "spans[0]", Start: day(3), End: day(9), MRR: revops.Monthly(dec("20"))},
			{Customer: "a", Subscription: "spans[0]", Start: day(1), End: day(6), MRR: revops.Monthly(dec("10"))},
		}, 0, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := revops.NewHistory(c.spans)
			e := requireError(t, err, revops.ErrInconsistent)
			require.Equal(t, &revops.Position{List: "spans", Index: c.fault}, e.Record)
			require.Equal(t, &revops.Position{List: "spans", Index: c.others}, e.Related)
			require.Equal(t, "Start", e.Field)
			require.Equal(t, `starts while another span of subscription "`+c.spans[0].Subscription+`" runs`, e.Detail)

			_, err = revops.NewHistory(c.spans, revops.InvalidRecordsSkip)
			var refused *revops.Refused
			require.True(t, errors.As(err, &refused))
			require.Len(t, refused.Records, 1)
			require.Equal(t, c.fault, refused.Records[0].Index)
			e = requireError(t, refused.Records[0].Err, revops.ErrInconsistent)
			require.Equal(t, c.fault, e.Record.Index)
			require.Equal(t, c.others, e.Related.Index)
		})
	}
}

// Property: whatever the spans, a strict NewHistory error about an overlap names, as
// data, a span that starts no earlier than the one it names as Related, both of one
// customer and subscription, and overlapping.
func TestOverlapErrorNamesTheLaterSpan(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		n := rapid.IntRange(2, 12).Draw(t, "spans")
		spans := make([]revops.Span, n)
		for i := range spans {
			start := base.AddDate(0, rapid.IntRange(0, 11).Draw(t, "start"), 0)
			s := revops.Span{Customer: rapid.SampledFrom([]string{"a", "b"}).Draw(t, "customer"),
				Subscription: rapid.SampledFrom([]string{"s", "t"}).Draw(t, "sub"), Start: start, MRR: revops.Monthly(dec("10"))}
			if k := rapid.IntRange(0, 6).Draw(t, "months"); k > 0 {
				s.End = start.AddDate(0, k, 0)
			}
			spans[i] = s
		}
		_, err := revops.NewHistory(spans)
		if err == nil {
			return
		}
		e := requireError(t, err, revops.ErrInconsistent)
		require.NotNil(t, e.Record)
		require.NotNil(t, e.Related)
		a, b := spans[e.Related.Index], spans[e.Record.Index]
		require.Equal(t, a.Customer, b.Customer)
		require.Equal(t, a.Subscription, b.Subscription)
		require.False(t, b.Start.Before(a.Start), "the span at fault starts first")
		require.True(t, a.End.IsZero() || b.Start.Before(a.End), "they do not overlap")
	})
}

// A reader's error carries the row's line and the column as data.
func TestReaderErrorPositions(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"acme,2025-01-01,,10\n" +
		"\"globex\ncorp\",2025-01-01,,10\n" + // a quoted cell over two lines: the next row starts on line 5
		"initech,2025-01-01,soon,10\n"
	sr, err := revops.NewSpanReader(strings.NewReader(in), revops.SpanColumns{})
	require.NoError(t, err)
	for range 2 {
		_, err := sr.Read()
		require.NoError(t, err)
	}
	_, err = sr.Read()
	e := requireError(t, err, revops.ErrMalformed)
	require.Equal(t, &revops.Position{Index: 2, Line: 5, Column: "end_date"}, e.Record)
	require.Equal(t, `line 5, column "end_date"`, e.Path())
}

// A date is a date, however early: year 1 is never read as the zero Time that
// stands for "still running" or "no start".
func TestReaderYearOne(t *testing.T) {
	for _, c := range []struct {
		name, row, column string
		sentinel          error
	}{
		{"end at year 1", "a,2020-01-01,0001-01-01,10", "end_date", revops.ErrInvalidPeriod},
		{"end at year 1, timestamp", "a,2020-01-01,0001-01-01T00:00:00Z,10", "end_date", revops.ErrInvalidPeriod},
		{"start at year 1", "a,0001-01-01,2020-01-01,10", "start_date", revops.ErrOutOfRange},
		{"start at year 1, timestamp", "a,0001-01-01T00:00:00Z,,10", "start_date", revops.ErrOutOfRange},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := revops.ReadSpans(strings.NewReader("customer_id,start_date,end_date,monthly_amount\n"+c.row+"\n"), revops.SpanColumns{})
			e := requireError(t, err, c.sentinel)
			require.Equal(t, c.column, e.Record.Column)
			require.NotContains(t, e.Detail, "empty")
		})
	}
	// Early dates that are not the zero instant are dates like any other.
	spans, err := revops.ReadSpans(strings.NewReader("customer_id,start_date,end_date,monthly_amount\na,0001-01-02,0001-03-01,10\n"), revops.SpanColumns{})
	require.NoError(t, err)
	require.Equal(t, time.Date(1, 3, 1, 0, 0, 0, 0, time.UTC), spans[0].End)
}

// A UTF-8 byte order mark before a quoted header, as spreadsheet programs write it.
func TestReaderByteOrderMark(t *testing.T) {
	in := "\ufeff\"subscription_id\",\"customer_id\",\"start_date\",\"end_date\",\"monthly_amount\"\n1,a,2025-01-01,,10\n"
	spans, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{})
	require.NoError(t, err)
	require.Len(t, spans, 1)
	require.Equal(t, "1", spans[0].Subscription)
}

// An interval too long to be a billing interval names the interval column, not the
// price.
func TestReaderIntervalBounds(t *testing.T) {
	in := "customer_id,start_date,end_date,price,interval\na,2025-01-01,,10,9223372036854775807 years\n"
	_, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{Amount: "price", Interval: "interval"})
	e := requireError(t, err, revops.ErrMalformed)
	require.Equal(t, "interval", e.Record.Column)

	_, err = revops.ParseInterval("12201 quarters")
	require.ErrorIs(t, err, revops.ErrMalformed)
	iv, err := revops.ParseInterval("12200 quarters")
	require.NoError(t, err)
	require.Equal(t, revops.Interval{Count: revops.MaxIntervalCount, Unit: revops.Months}, iv)
	_, err = revops.ChargeMRR(revops.Charge{Amount: dec("10"), Quantity: 1, Interval: revops.Interval{Count: math.MaxInt, Unit: revops.Years}})
	require.Equal(t, "Interval.Count", requireError(t, err, revops.ErrOutOfRange).Field)
}

// A canceled subscription whose end comes before its start names the field that set
// the end.
func TestBillingEndNamesItsField(t *testing.T) {
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	b := revops.BillingSubscription{ID: "sub_1", Customer: "a", Start: start, CancelAt: start.AddDate(0, -1, 0),
		Items: []revops.BillingItem{{Price: dec("10"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months}}}}
	_, err := b.StatusAt(start)
	require.Equal(t, "CancelAt", requireError(t, err, revops.ErrInvalidPeriod).Field)
	b.CancelAt, b.CancelAtPeriodEnd, b.CurrentPeriodEnd = time.Time{}, true, start.AddDate(0, 0, -1)
	_, err = b.StatusAt(start)
	require.Equal(t, "CurrentPeriodEnd", requireError(t, err, revops.ErrInvalidPeriod).Field)
}

// Property over every integer option and argument: a value outside its documented
// range is refused when the option is applied (ErrInvalidOption) or the argument
// read (ErrOutOfRange), never wrapped into a different answer; a value inside it
// behaves as its meaning says. The extreme values are drawn on purpose.
func TestIntegerOptionBounds(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	// a pays from day 0 to day 10, then again from day 39: a 29-day gap.
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: day(0), End: day(10), MRR: revops.Monthly(dec("10"))},
		{Customer: "a", Start: day(39), MRR: revops.Monthly(dec("10"))},
		{Customer: "b", Start: day(0), MRR: revops.Monthly(dec("5"))},
	})
	require.NoError(t, err)
	feb := revops.Month(2025, 2)
	extreme := rapid.SampledFrom([]int{math.MinInt, math.MinInt + 1, -1, 0, 1, 2, 29, 30, 1200, 1201,
		revops.MaxWindowDays - 1, revops.MaxWindowDays, revops.MaxWindowDays + 1, 106751991167300, 106751991167301, math.MaxInt - 1, math.MaxInt})
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.OneOf(extreme, rapid.Int()).Draw(t, "n")

		s, err := h.Series([]revops.Period{feb}, revops.ReactivationWindow(n))
		if n < 1 || n > revops.MaxWindowDays {
			require.ErrorIs(t, err, revops.ErrInvalidOption)
		} else {
			require.NoError(t, err)
			if n <= 29 { // gone 29 days, at least the window: new again
				requireDecimal(t, "10", s[0].New.Monthly())
				requireDecimal(t, "0", s[0].Reactivation.Monthly())
			} else {
				requireDecimal(t, "0", s[0].New.Monthly())
				requireDecimal(t, "10", s[0].Reactivation.Monthly())
			}
		}

		_, err = h.TrailingRetention(feb, revops.TrailingMonths(n))
		if n < 0 || n > revops.MaxWindowPeriods {
			require.ErrorIs(t, err, revops.ErrInvalidOption)
		} else {
			require.NoError(t, err)
		}

		_, err = revops.LTV(revops.LTVInput{ARPA: dec("10"), GrossMargin: dec("0.8"), Churn: dec("0.1")}, revops.TrailingChurn(n))
		switch {
		case n < 0 || n > revops.MaxWindowPeriods:
			require.ErrorIs(t, err, revops.ErrInvalidOption)
		case n > 1: // needs n − 1 earlier rates, none given
			require.ErrorIs(t, err, revops.ErrOutOfRange)
		default:
			require.NoError(t, err)
		}

		_, err = h.RollingWindow(day(60), n)
		if n < 1 || n > revops.MaxWindowDays {
			require.ErrorIs(t, err, revops.ErrOutOfRange)
		} else {
			require.NoError(t, err)
		}

		for _, unit := range []revops.IntervalUnit{revops.Days, revops.Weeks, revops.Months, revops.Years} {
			_, err = revops.ChargeMRR(revops.Charge{Amount: dec("10"), Quantity: 1, Interval: revops.Interval{Count: n, Unit: unit}})
			if n < 1 || n > revops.MaxIntervalCount {
				require.ErrorIs(t, err, revops.ErrOutOfRange)
			} else {
				require.NoError(t, err)
			}
		}
	})
}

// Series and Totals are linear in the periods: 3 spans over 10,000 months. Cohorts
// are bounded by MaxCohortPeriods.
func TestManyPeriods(t *testing.T) {
	start := time.Date(1200, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: start, MRR: revops.Monthly(dec("10"))},
		{Customer: "b", Start: start.AddDate(100, 0, 0), End: start.AddDate(200, 0, 0), MRR: revops.Monthly(dec("5"))},
		{Customer: "c", Start: start.AddDate(800, 0, 0), MRR: revops.Monthly(dec("1"))},
	})
	require.NoError(t, err)
	var months []revops.Period
	for k := range 10_000 {
		months = append(months, revops.Month(1200, time.Month(1+k)))
	}
	series, err := h.Series(months)
	require.NoError(t, err)
	require.Len(t, series, 10_000)
	requireDecimal(t, "10", series[0].End.Monthly())
	requireDecimal(t, "15", series[100*12].End.Monthly())
	requireDecimal(t, "5", series[200*12].Churn.Monthly())
	requireDecimal(t, "11", series[9_999].End.Monthly())

	_, err = h.Cohorts(months)
	require.ErrorIs(t, err, revops.ErrOutOfRange)
	_, err = h.TotalsWithCohorts(months)
	require.ErrorIs(t, err, revops.ErrOutOfRange)
	table, err := h.Cohorts(months[:revops.MaxCohortPeriods])
	require.NoError(t, err)
	require.Len(t, table.Rows, revops.MaxCohortPeriods)

	tot, err := h.Totals(months[:3])
	require.NoError(t, err)
	require.Nil(t, tot.Cohorts)
	_, err = tot.CohortTable()
	require.ErrorIs(t, err, revops.ErrInconsistent)
}

// An empty base weighs nothing in a cohort average: February's customer joined and
// left within February (no MRR at its close) and came back in March at 15; one
// period on, only January's cohort (40 then and 40 now) has a base: 100 %, not
// (40 + 15) ÷ 40 = 137.5 %.
func TestCohortAverageZeroBase(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "j", Start: day(1, 1), MRR: revops.Monthly(dec("40"))},
		{Customer: "f", Start: day(2, 3), End: day(2, 20), MRR: revops.Monthly(dec("15"))},
		{Customer: "f", Start: day(3, 5), MRR: revops.Monthly(dec("15"))},
	})
	require.NoError(t, err)
	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3)}
	for _, avg := range []revops.CohortAverage{revops.CohortWeighted, revops.CohortSimpleMean} {
		table, err := h.Cohorts(months, avg)
		require.NoError(t, err)
		_, err = table.Rows[1].Revenue[1].Value()
		require.ErrorIs(t, err, revops.ErrZeroDenominator) // February's own cell is n/a
		v, err := table.Average[1].Revenue.Value()
		require.NoError(t, err)
		requireDecimal(t, "1", v)
		require.Equal(t, 1, table.Average[1].RevenueCohorts)
	}
}

// Property: every average cell lies between the smallest and the largest defined
// cell of its column, under both averages.
func TestCohortAverageWithinColumn(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spans := drawSpans(t)
		periods := drawPeriods(t)
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		avg := revops.CohortAverage(rapid.IntRange(0, 1).Draw(t, "average"))
		table, err := h.Cohorts(periods, avg)
		require.NoError(t, err)
		for k, cell := range table.Average {
			for _, col := range []struct {
				avg  revops.Metric
				cell func(revops.CohortRow) revops.Metric
			}{
				{cell.Logo, func(r revops.CohortRow) revops.Metric { return r.Logo[k] }},
				{cell.Revenue, func(r revops.CohortRow) revops.Metric { return r.Revenue[k] }},
			} {
				var lo, hi *decimal.Decimal
				for _, row := range table.Rows {
					if k >= len(row.Logo) {
						continue
					}
					if v, err := col.cell(row).Value(); err == nil {
						if lo == nil || v.LessThan(*lo) {
							lo = &v
						}
						if hi == nil || v.GreaterThan(*hi) {
							hi = &v
						}
					}
				}
				v, err := col.avg.Value()
				if lo == nil {
					require.Error(t, err)
					continue
				}
				require.NoError(t, err)
				require.False(t, v.LessThan(*lo), "average %s below the column's least %s", v, *lo)
				require.False(t, v.GreaterThan(*hi), "average %s above the column's greatest %s", v, *hi)
			}
		}
	})
}

// A currency code is one code whatever its letter case and surrounding spaces, in
// every function that reads one: spans of "usd", " USD " and "Usd" make one history
// in USD; a table of rates from " eur" into "usd " converts spans in "EUR"; minor
// units of " jpy " are those of JPY.
func TestCurrencyCodesIgnoreCaseAndSpaces(t *testing.T) {
	variant := func(t *rapid.T, label, code string) string {
		b := []byte(code)
		for i := range b {
			if rapid.Bool().Draw(t, label+" lower") {
				b[i] += 'a' - 'A'
			}
		}
		pad := rapid.SampledFrom([]string{"", " ", "  ", "\t"})
		return pad.Draw(t, label+" before") + string(b) + pad.Draw(t, label+" after")
	}
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	rapid.Check(t, func(t *rapid.T) {
		var spans []revops.Span
		for i := range rapid.IntRange(1, 5).Draw(t, "spans") {
			spans = append(spans, revops.Span{Customer: fmt.Sprint("c", i), Start: day(1 + i), MRR: revops.Monthly(dec("10")), Currency: variant(t, "span", "USD")})
		}
		h, err := revops.NewHistory(spans)
		require.NoError(t, err)
		require.Equal(t, "USD", h.Currency())

		rates, err := revops.NewExchangeRates(variant(t, "to", "USD"), []revops.ExchangeRate{{From: variant(t, "from", "EUR"), Date: day(1), Rate: dec("1.1")}})
		require.NoError(t, err)
		require.Equal(t, "USD", rates.To())
		eur := []revops.Span{{Customer: "e", Start: day(2), MRR: revops.Monthly(dec("10")), Currency: variant(t, "eur", "EUR")}}
		converted, err := revops.ConvertSpans(eur, rates, []revops.Period{revops.Month(2026, 1)})
		require.NoError(t, err)
		require.Len(t, converted, 1)
		requireDecimal(t, "11", converted[0].MRR.Monthly())

		n, err := revops.MinorUnits(variant(t, "jpy", "JPY"))
		require.NoError(t, err)
		require.Equal(t, int32(0), n)
	})
}

// A record's key or column is cut at 60 characters where a message names it, as
// details cut what they quote: a 3,000-character Stripe id made a 6 KB line.
func TestPositionCutsLongNames(t *testing.T) {
	long := strings.Repeat("x", 3000)
	p := revops.Position{List: "invoices", Key: long}
	require.Equal(t, `invoices["`+strings.Repeat("x", 60)+`…"]`, p.String())
	p = revops.Position{Line: 2, Column: long}
	require.Equal(t, `line 2, column "`+strings.Repeat("x", 60)+`…"`, p.String())
	p = revops.Position{List: "invoices", Key: "in_1"}
	require.Equal(t, `invoices["in_1"]`, p.String())
}
