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
		spans = append(spans, revops.Span{Customer: r[1], Subscription: r[0], Start: start, End: end, MRR: dec(r[4])})
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
			mrr[k] = mrr[k].Add(s.MRR)
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
			{"new", row.MovementCounts.New, row.New},
			{"upgrade", row.MovementCounts.Expansion, row.Expansion},
			{"downgrade", row.MovementCounts.Contraction, row.Contraction},
			{"churn", row.MovementCounts.Churn, row.Churn},
			{"reactivation", row.MovementCounts.Reactivation, row.Reactivation},
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
		{"2018-11", "new", func(r revops.PeriodMetrics) decimal.Decimal { return r.New }, "100"},
		{"2018-12", "contraction", func(r revops.PeriodMetrics) decimal.Decimal { return r.Contraction }, "25"},
		{"2019-02", "churn", func(r revops.PeriodMetrics) decimal.Decimal { return r.Churn }, "50"},
		{"2019-03", "churn", func(r revops.PeriodMetrics) decimal.Decimal { return r.Churn }, "25"},
		{"2019-04", "reactivation", func(r revops.PeriodMetrics) decimal.Decimal { return r.Reactivation }, "50"},
		{"2019-06", "expansion", func(r revops.PeriodMetrics) decimal.Decimal { return r.Expansion }, "25"},
		{"2019-07", "reactivation", func(r revops.PeriodMetrics) decimal.Decimal { return r.Reactivation }, "50"},
		{"2019-08", "churn", func(r revops.PeriodMetrics) decimal.Decimal { return r.Churn }, "75"},
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
		requireDecimal(t, w.newMRR, at(rows, "2019-07").New)
		requireDecimal(t, w.reactived, at(rows, "2019-07").Reactivation)
	}
}
