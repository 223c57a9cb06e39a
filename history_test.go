package revops_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// testdataPlaybookSpans reads testdata/mrr-playbook-subscription_periods.csv (dbt-labs'
// mrr-playbook, MIT; see testdata/mrr-playbook-LICENSE) as spans.
func testdataPlaybookSpans(t testing.TB) []revops.Span {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "mrr-playbook-subscription_periods.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"subscription_id", "customer_id", "start_date", "end_date", "monthly_amount"}, rows[0])
	var spans []revops.Span
	for _, r := range rows[1:] {
		start, err := time.Parse(time.DateOnly, r[2])
		require.NoError(t, err)
		end, err := time.Parse(time.DateOnly, r[3])
		require.NoError(t, err)
		spans = append(spans, revops.Span{Customer: r[1], Subscription: r[0], Start: start, End: end, MRR: revops.Monthly(dec(r[4]))})
	}
	return spans
}

// playbookModel is the dbt mrr-playbook's classification, written again from its SQL:
// customer_revenue_by_month sums monthly_amount over the periods with start_date ≤
// month < end_date for every month of the date spine from the customer's first month
// on; customer_churn_month adds, after the last active month, a month with mrr 0; and
// mrr.sql sets change_category to 'new' on the first active month, 'churn' when not
// active after an active month, 'reactivation' when active after an inactive one, and
// 'upgrade' or 'downgrade' on a change in MRR. It returns, by month and category, the
// number of customers and the sum of |mrr change|.
func playbookModel(spans []revops.Span) map[string]map[string]struct {
	n      int
	amount decimal.Decimal
} {
	type key struct {
		customer string
		month    time.Time
	}
	mrr := map[key]decimal.Decimal{}
	firstMonth, lastMonth := map[string]time.Time{}, map[string]time.Time{}
	for _, s := range spans {
		for m := s.Start; m.Before(s.End); m = m.AddDate(0, 1, 0) {
			k := key{s.Customer, m}
			mrr[k] = mrr[k].Add(s.MRR.Monthly())
			if f, ok := firstMonth[s.Customer]; !ok || m.Before(f) {
				firstMonth[s.Customer] = m
			}
			if l := lastMonth[s.Customer]; m.After(l) {
				lastMonth[s.Customer] = m
			}
		}
	}
	out := map[string]map[string]struct {
		n      int
		amount decimal.Decimal
	}{}
	for c, first := range firstMonth {
		prev := decimal.Zero
		for m := first; !m.After(lastMonth[c].AddDate(0, 1, 0)); m = m.AddDate(0, 1, 0) {
			cur := mrr[key{c, m}]
			var category string
			switch {
			case m.Equal(first):
				category = "new"
			case cur.IsZero() && prev.IsPositive():
				category = "churn"
			case cur.IsPositive() && prev.IsZero():
				category = "reactivation"
			case cur.GreaterThan(prev):
				category = "upgrade"
			case cur.LessThan(prev):
				category = "downgrade"
			}
			if category != "" {
				month := m.Format("2006-01")
				if out[month] == nil {
					out[month] = map[string]struct {
						n      int
						amount decimal.Decimal
					}{}
				}
				cell := out[month][category]
				cell.n++
				cell.amount = cell.amount.Add(cur.Sub(prev).Abs())
				out[month][category] = cell
			}
			prev = cur
		}
	}
	return out
}

func TestHistoryPlaybook(t *testing.T) {
	spans := testdataPlaybookSpans(t)
	h, err := revops.NewHistory(spans)
	require.NoError(t, err)
	spine, err := revops.NewPeriod(time.Date(2017, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	var months []revops.Period
	for m := range spine.Months() {
		months = append(months, m)
	}
	series, err := h.Series(months)
	require.NoError(t, err)
	model := playbookModel(spans)
	checked := 0
	for _, row := range series {
		month := row.Period.Start().Format("2006-01")
		want := model[month]
		for _, c := range []struct {
			category string
			n        int
			amount   decimal.Decimal
		}{
			{"new", row.MovementCounts.New, row.New.Monthly()},
			{"upgrade", row.MovementCounts.Expansion, row.Expansion.Monthly()},
			{"downgrade", row.MovementCounts.Contraction, row.Contraction.Monthly()},
			{"churn", row.MovementCounts.Churn, row.Churn.Monthly()},
			{"reactivation", row.MovementCounts.Reactivation, row.Reactivation.Monthly()},
		} {
			require.Equal(t, want[c.category].n, c.n, "%s %s count", month, c.category)
			require.True(t, want[c.category].amount.Equal(c.amount), "%s %s: playbook %s, series %s", month, c.category, want[c.category].amount, c.amount)
			checked += c.n
		}
	}
	require.Greater(t, checked, 100, "the playbook has more than a hundred movements")
	// Read off the CSV by hand, as in TestPlaybookBridge: customer 1 pays 50 from
	// 2018-11 to 2019-02, is gone two months, returns at 50 in 2019-04, moves to 75 in
	// 2019-06 and leaves in 2019-08. Customer 5 starts at 50 (2018-11), drops to 25
	// (2018-12), leaves (2019-03), returns at 50 (2019-07) after 122 days away.
	var two []revops.Span
	for _, s := range spans {
		if s.Customer == "1" || s.Customer == "5" {
			two = append(two, s)
		}
	}
	h2, err := revops.NewHistory(two)
	require.NoError(t, err)
	rows, err := h2.Series(months)
	require.NoError(t, err)
	at := func(rows []revops.PeriodMetrics, month string) revops.PeriodMetrics {
		for _, r := range rows {
			if r.Period.Start().Format("2006-01") == month {
				return r
			}
		}
		t.Fatalf("no month %s", month)
		return revops.PeriodMetrics{}
	}
	for _, tt := range []struct {
		month, movement string
		got             func(revops.PeriodMetrics) decimal.Decimal
		want            string
	}{
		{"2018-11", "new", func(r revops.PeriodMetrics) decimal.Decimal { return r.New.Monthly() }, "100"},
		{"2018-12", "contraction", func(r revops.PeriodMetrics) decimal.Decimal { return r.Contraction.Monthly() }, "25"},
		{"2019-02", "churn", func(r revops.PeriodMetrics) decimal.Decimal { return r.Churn.Monthly() }, "50"},
		{"2019-03", "churn", func(r revops.PeriodMetrics) decimal.Decimal { return r.Churn.Monthly() }, "25"},
		{"2019-04", "reactivation", func(r revops.PeriodMetrics) decimal.Decimal { return r.Reactivation.Monthly() }, "50"},
		{"2019-06", "expansion", func(r revops.PeriodMetrics) decimal.Decimal { return r.Expansion.Monthly() }, "25"},
		{"2019-07", "reactivation", func(r revops.PeriodMetrics) decimal.Decimal { return r.Reactivation.Monthly() }, "50"},
		{"2019-08", "churn", func(r revops.PeriodMetrics) decimal.Decimal { return r.Churn.Monthly() }, "75"},
	} {
		requireDecimal(t, tt.want, tt.got(at(rows, tt.month)), "%s %s", tt.month, tt.movement)
	}
	// 122 days away: a 90-day window makes the return new, a 180-day one keeps it a
	// reactivation.
	for _, w := range []struct {
		days              int
		newMRR, reactived string
	}{{90, "50", "0"}, {180, "0", "50"}} {
		rows, err := h2.Series(months, revops.ReactivationWindow(w.days))
		require.NoError(t, err)
		requireDecimal(t, w.newMRR, at(rows, "2019-07").New.Monthly())
		requireDecimal(t, w.reactived, at(rows, "2019-07").Reactivation.Monthly())
	}
}

func TestNewHistoryRefuses(t *testing.T) {
	jan, feb := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	ok := revops.Span{Customer: "a", Subscription: "s1", Start: jan, End: feb, MRR: revops.Monthly(dec("10")), Currency: "USD"}
	with := func(f func(*revops.Span)) []revops.Span {
		bad := ok
		f(&bad)
		return []revops.Span{ok, bad}
	}
	for _, tt := range []struct {
		name     string
		spans    []revops.Span
		sentinel error
		field    string
	}{
		{"empty customer", with(func(s *revops.Span) { s.Customer = "" }), revops.ErrOutOfRange, "spans[1].Customer"},
		{"zero start", with(func(s *revops.Span) { s.Start = time.Time{} }), revops.ErrInvalidPeriod, "spans[1].Start"},
		{"end before start", with(func(s *revops.Span) { s.Start, s.End = feb, jan }), revops.ErrInvalidPeriod, "spans[1].End"},
		{"end at start", with(func(s *revops.Span) { s.End = s.Start }), revops.ErrInvalidPeriod, "spans[1].End"},
		// A credit of 10.01 against a line of 10 leaves a net MRR of −0.01.
		{"credit above its line", with(func(s *revops.Span) { s.MRR = revops.Monthly(dec("-10.01")) }), revops.ErrNegative, "spans[1].MRR"},
		{"exponent", with(func(s *revops.Span) { s.MRR = revops.Monthly(decimal.New(1, -2000)) }), revops.ErrOutOfRange, "spans[1].MRR"},
		{"currency", with(func(s *revops.Span) { s.Currency = "EUR" }), revops.ErrCurrencyMismatch, "spans[1].Currency"},
		{"same subscription overlaps", with(func(s *revops.Span) { s.Start = jan.AddDate(0, 0, 10) }), revops.ErrInconsistent, "spans[1].Start"},
		{"open span overlaps a later one", []revops.Span{{Customer: "a", Subscription: "s", Start: jan, MRR: revops.Monthly(dec("1"))}, {Customer: "b", Start: jan, MRR: revops.Monthly(dec("1"))}, {Customer: "a", Subscription: "s", Start: feb, MRR: revops.Monthly(dec("2"))}}, revops.ErrInconsistent, "spans[2].Start"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := revops.NewHistory(tt.spans)
			requireMetricError(t, err, tt.sentinel, "NewHistory", tt.field)
		})
	}
	// Spans of one subscription may touch, spans of different subscriptions or of none
	// may overlap (two seats bought on two subscriptions), and a zero amount is valid.
	_, err := revops.NewHistory([]revops.Span{
		ok, {Customer: "a", Subscription: "s1", Start: feb, MRR: revops.Monthly(dec("20")), Currency: "USD"},
		{Customer: "a", Subscription: "s2", Start: jan, MRR: revops.Monthly(dec("5")), Currency: "USD"},
		{Customer: "a", Start: jan, End: feb, MRR: revops.Monthly(dec("0")), Currency: "USD"},
	})
	require.NoError(t, err)
}

func TestHistoryPeriodsRefused(t *testing.T) {
	h, err := revops.NewHistory(nil)
	require.NoError(t, err)
	_, err = h.Series(nil)
	requireMetricError(t, err, revops.ErrInvalidPeriod, "Series", "periods")
	_, err = h.Series([]revops.Period{revops.Month(2025, 1), {}})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "Series", "periods[1].Period")
	_, err = h.Cohorts([]revops.Period{revops.Month(2025, 2), revops.Month(2025, 1)})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "Cohorts", "periods[1]")
	_, err = h.TrailingRetention(revops.Period{})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "TrailingRetention", "Period")
	_, err = h.TrailingRetention(revops.Month(2025, 1), revops.TrailingMonths(-1))
	requireMetricError(t, err, revops.ErrInvalidOption, "TrailingRetention", "Window")
	_, err = h.TrailingRetention(revops.Month(2025, 1), revops.TrailingMonths(revops.MaxWindowPeriods+1))
	requireMetricError(t, err, revops.ErrInvalidOption, "TrailingRetention", "Window")
	// TrailingMonths(0) is the default of 12, as its doc says.
	zero, err := h.TrailingRetention(revops.Month(2026, 3), revops.TrailingMonths(0))
	require.NoError(t, err)
	twelve, err := h.TrailingRetention(revops.Month(2026, 3), revops.TrailingMonths(12))
	require.NoError(t, err)
	require.Equal(t, twelve, zero)
	require.Equal(t, revops.Month(2025, 3).End(), zero.From.Add(time.Nanosecond), "12 months back")
}

func TestTotalsMergeRefuses(t *testing.T) {
	jan := revops.Month(2025, 1)
	usd, err := revops.NewHistory([]revops.Span{{Customer: "a", Start: jan.Start(), MRR: revops.Monthly(dec("1")), Currency: "USD"}})
	require.NoError(t, err)
	eur, err := revops.NewHistory([]revops.Span{{Customer: "b", Start: jan.Start(), MRR: revops.Monthly(dec("1")), Currency: "EUR"}})
	require.NoError(t, err)
	a, _ := usd.Totals([]revops.Period{jan})
	b, _ := eur.Totals([]revops.Period{jan})
	_, err = a.Merge(b)
	requireMetricError(t, err, revops.ErrCurrencyMismatch, "Totals.Merge", "Currency")
	c, _ := usd.Totals([]revops.Period{jan.Next()})
	_, err = a.Merge(c)
	requireMetricError(t, err, revops.ErrInconsistent, "Totals.Merge", "Periods[0].Period")
	d, _ := usd.Totals([]revops.Period{jan}, revops.MovementsEveryChange)
	_, err = a.Merge(d)
	requireMetricError(t, err, revops.ErrInconsistent, "Totals.Merge", "Policy")
}

// TestHistoryEveryChange: a customer who upgrades and then downgrades within one month
// shows both under MovementsEveryChange and only the net under the default.
func TestHistoryEveryChange(t *testing.T) {
	jan := revops.Month(2025, 1)
	d := func(day int) time.Time { return time.Date(2025, 1, day, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Subscription: "s", Start: d(1).AddDate(0, -1, 0), End: d(10), MRR: revops.Monthly(dec("100"))},
		{Customer: "a", Subscription: "s", Start: d(10), End: d(20), MRR: revops.Monthly(dec("150"))},
		{Customer: "a", Subscription: "s", Start: d(20), MRR: revops.Monthly(dec("120"))},
	})
	require.NoError(t, err)
	net, err := h.Series([]revops.Period{jan})
	require.NoError(t, err)
	requireDecimal(t, "20", net[0].Expansion.Monthly()) // 100 → 120 over the month
	requireDecimal(t, "0", net[0].Contraction.Monthly())
	every, err := h.Series([]revops.Period{jan}, revops.MovementsEveryChange)
	require.NoError(t, err)
	requireDecimal(t, "50", every[0].Expansion.Monthly())   // 100 → 150
	requireDecimal(t, "30", every[0].Contraction.Monthly()) // 150 → 120
	require.Equal(t, revops.MovementCounts{Expansion: 1, Contraction: 1}, every[0].MovementCounts)
	// NRR measures the starting customer on its net change either way: 120 ÷ 100.
	for _, rows := range [][]revops.PeriodMetrics{net, every} {
		requireValue(t, "1.2")(rows[0].NRR.Value())
	}
}

// TestHistoryCounts: one month with a customer who stays, one who leaves, one who joins
// and leaves, one who leaves and comes back, and a former customer who returns.
func TestHistoryCounts(t *testing.T) {
	mar := revops.Month(2025, 3)
	d := func(month, day int) time.Time { return time.Date(2025, time.Month(month), day, 0, 0, 0, 0, time.UTC) }
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "stays", Start: d(1, 1), MRR: revops.Monthly(dec("10"))},
		{Customer: "leaves", Start: d(1, 1), End: d(3, 15), MRR: revops.Monthly(dec("20"))},
		{Customer: "joins-and-leaves", Start: d(3, 5), End: d(3, 25), MRR: revops.Monthly(dec("30"))},
		{Customer: "leaves-and-returns", Start: d(1, 1), End: d(3, 10), MRR: revops.Monthly(dec("40"))},
		{Customer: "leaves-and-returns", Start: d(3, 20), MRR: revops.Monthly(dec("45"))},
		{Customer: "returns", Start: d(1, 1), End: d(2, 1), MRR: revops.Monthly(dec("50"))},
		{Customer: "returns", Start: d(3, 1), MRR: revops.Monthly(dec("50"))},
	})
	require.NoError(t, err)
	rows, err := h.Series([]revops.Period{mar})
	require.NoError(t, err)
	r := rows[0]
	// Start: stays, leaves, leaves-and-returns (10 + 20 + 40 = 70). End: stays,
	// leaves-and-returns, returns (10 + 45 + 50 = 105). Arrivals: joins-and-leaves pays
	// for the first time (New), returns pays again (Reactivated).
	require.Equal(t, revops.CustomerCounts{Start: 3, New: 1, Reactivated: 1, Churned: 3, JoinedAndLeft: 1, LeftAndReturned: 1}, r.Customers)
	require.Equal(t, 3, r.EndCustomers)
	requireDecimal(t, "70", r.Start.Monthly())
	requireDecimal(t, "105", r.End.Monthly())
	requireDecimal(t, "20", r.Churn.Monthly())
	requireDecimal(t, "5", r.Expansion.Monthly())
	requireDecimal(t, "50", r.Reactivation.Monthly())
	requireDecimal(t, "0", r.New.Monthly()) // joins-and-leaves pays nothing at the close
	// ChartMogul's B2B churn: (3 churned − 1 joined and left − 1 left and returned) ÷ 3.
	requireValue(t, "0.3333333333333333")(r.CustomerChurn.Value())
	requireValue(t, "35")(r.ARPA.Value()) // 105 ÷ 3
}

// FuzzHistory feeds arbitrary spans and periods to the history: validation, series
// under both conventions, cohorts, trailing retention, snapshots and MRRBridge of its
// BridgeInput never panic, and every error is a *revops.Error.
func FuzzHistory(f *testing.F) {
	f.Add("a", "s", int64(1735689600), int64(1738368000), "10.5", int64(1735689600), int64(86400*40), "b", "", int64(0), "0", int64(86400*31), 2, "USD", "usd")
	f.Add("", "x", int64(-1<<62), int64(1<<62), "1e-2000000000", int64(0), int64(-1), "a", "x", int64(3), "-1", int64(0), 0, "", "")
	f.Fuzz(func(t *testing.T, c0, s0 string, start0, end0 int64, mrr0 string, start1, len1 int64, c1, s1 string, end1 int64, mrr1 string, periodLen int64, conv int, cur0, cur1 string) {
		when := func(sec int64) time.Time {
			if sec == 0 {
				return time.Time{}
			}
			return time.Unix(sec, 0).UTC()
		}
		spans := []revops.Span{
			{Customer: c0, Subscription: s0, Start: when(start0), End: when(end0), MRR: revops.Monthly(fuzzDecimal(mrr0, start0, int32(end1))), Currency: cur0},
			{Customer: c1, Subscription: s1, Start: when(start1), End: when(end1), MRR: revops.Monthly(fuzzDecimal(mrr1, len1, int32(start1))), Currency: cur1},
			{Customer: c0, Subscription: s1, Start: when(start1), End: when(start1 + len1), MRR: revops.Monthly(fuzzDecimal(mrr1, end0, 2)), Currency: cur0},
		}
		// A price per interval makes the third span's MRR a fraction (a year ÷ 12, a
		// week × 52 ÷ 12) when the charge is valid.
		iv := revops.Interval{Count: 1 + (conv&0xff)%3, Unit: revops.IntervalUnit(1 + (conv>>8&0xff)%4)}
		if r, err := revops.ChargeMRR(revops.Charge{Amount: spans[2].MRR.Monthly(), Quantity: 1, Interval: iv}); err == nil {
			spans[2].MRR = r
		}
		h, err := revops.NewHistory(spans)
		requireRevopsError(t, err)
		if err != nil {
			return
		}
		from := when(start0)
		if from.IsZero() {
			from = time.Unix(0, 0)
		}
		var periods []revops.Period
		if periodLen%4 == 0 {
			if p, err := revops.NewPeriod(from, from.Add(time.Duration(periodLen%(1<<40))*time.Second)); err == nil {
				for m := range p.Months() {
					if len(periods) == 60 {
						break
					}
					periods = append(periods, m)
				}
			}
		} else {
			for k := int64(0); k < 5; k++ {
				p, err := revops.NewPeriod(from.Add(time.Duration(k*(periodLen%(1<<30)))*time.Second), from.Add(time.Duration((k+1)*(periodLen%(1<<30)))*time.Second))
				if err == nil {
					periods = append(periods, p)
				}
			}
		}
		opts := []revops.SeriesOption{revops.MovementConvention(conv & 1), revops.ReactivationPolicy{Placement: revops.Reactivation(conv >> 1 & 3), WindowDays: conv >> 3 & 127}}
		series, err := h.Series(periods, opts...)
		requireRevopsError(t, err)
		for _, r := range series {
			for _, m := range []revops.Metric{r.NetNewMRR, r.ARPA, r.CustomerChurn, r.GrossRevenueChurn, r.NetRevenueChurn, r.NRR, r.GRR, r.QuickRatio} {
				_, err := m.Value()
				requireRevopsError(t, err)
				_ = m.String()
			}
			in, err := h.BridgeInput(r.Period)
			require.NoError(t, err)
			_, err = revops.MRRBridge(in)
			requireRevopsError(t, err)
		}
		table, err := h.Cohorts(periods, revops.CohortAverage(conv&1))
		requireRevopsError(t, err)
		_ = table
		for _, p := range periods {
			_, err := h.TrailingRetention(p, revops.TrailingMonths(conv&15))
			requireRevopsError(t, err)
		}
		_ = h.Snapshot(from)
		_ = h.MRR(from)
	})
}

// TestCurrencyCase checks that currency codes compare without regard to case and are
// reported in upper case.
func TestCurrencyCase(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h, err := revops.NewHistory([]revops.Span{
		{Customer: "a", Start: at, MRR: revops.Monthly(dec("10")), Currency: "usd"},
		{Customer: "b", Start: at, MRR: revops.Monthly(dec("20")), Currency: "USD"},
	})
	require.NoError(t, err)
	require.Equal(t, "USD", h.Currency())
	require.Equal(t, "USD", h.Snapshot(at).Currency)
	_, err = revops.NewHistory([]revops.Span{
		{Customer: "a", Start: at, MRR: revops.Monthly(dec("10")), Currency: "usd"},
		{Customer: "b", Start: at, MRR: revops.Monthly(dec("20")), Currency: "EUR"},
	})
	requireMetricError(t, err, revops.ErrCurrencyMismatch, "NewHistory", "spans[1].Currency")
	var e *revops.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, `"EUR" after "USD"`, e.Detail, "codes as the package keeps them")
	_, err = revops.NewHistory([]revops.Span{
		{Customer: "a", Start: at, MRR: revops.Monthly(dec("10"))},
		{Customer: "b", Start: at, MRR: revops.Monthly(dec("20")), Currency: " eur"},
	})
	require.ErrorAs(t, err, &e)
	require.Equal(t, `"EUR" after no currency`, e.Detail, "an empty code is none")
	_, err = revops.MRR([]revops.Subscription{
		{Customer: "a", Currency: "eur", Charges: []revops.Charge{{Amount: dec("1"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months}}}},
		{Customer: "b", Currency: "EUR", Charges: []revops.Charge{{Amount: dec("1"), Quantity: 1, Interval: revops.Interval{Count: 1, Unit: revops.Months}}}},
	})
	require.NoError(t, err)
}
