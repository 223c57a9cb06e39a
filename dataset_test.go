package revops_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// datasetPath returns the path of a shared dataset, skipping t when it is absent.
func datasetPath(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join("..", "shared", "datasets", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("dataset %s not found beside the checkout (%v): skipping", p, err)
	}
	return p
}

type subscriptionPeriod struct {
	customer   string
	start, end time.Time
	amount     decimal.Decimal
}

// playbookPeriods returns the periods of dbt-labs/mrr-playbook's
// subscription_periods.csv, from testdata/ (see testdataPlaybookSpans).
func playbookPeriods(t testing.TB) []subscriptionPeriod {
	var out []subscriptionPeriod
	for _, s := range testdataPlaybookSpans(t) {
		out = append(out, subscriptionPeriod{customer: s.Customer, start: s.Start, end: s.End, amount: s.MRR.Monthly()})
	}
	return out
}

// playbookBridges builds one MRR bridge per month of the playbook, from snapshots on
// the first of each month, keyed by the month the bridge ends in.
func playbookBridges(t testing.TB, opts ...revops.BridgeOption) map[string]revops.Bridge {
	periods := playbookPeriods(t)
	snapshot := func(at time.Time) revops.BridgeInput {
		in := revops.BridgeInput{Start: revops.Snapshot{At: at, MRR: map[string]decimal.Decimal{}}, Former: map[string]time.Time{}}
		for _, p := range periods {
			if !p.start.After(at) && at.Before(p.end) {
				in.Start.MRR[p.customer] = in.Start.MRR[p.customer].Add(p.amount)
			}
		}
		for _, p := range periods {
			if !p.end.After(at) && !in.Start.MRR[p.customer].IsPositive() && p.end.After(in.Former[p.customer]) {
				in.Former[p.customer] = p.end
			}
		}
		return in
	}
	bridges := map[string]revops.Bridge{}
	for m := revops.Month(2017, time.September); m.Start().Before(time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)); m = m.Next() {
		in := snapshot(m.Start())
		in.End = snapshot(m.End()).Start
		b, err := revops.MRRBridge(in, opts...)
		require.NoError(t, err)
		bridges[m.End().Format("2006-01")] = b
	}
	return bridges
}

func TestPlaybookBridge(t *testing.T) {
	bridges := playbookBridges(t)
	for month, b := range bridges {
		rhs := b.Start.Add(b.New).Add(b.Expansion).Add(b.Reactivation).Sub(b.Contraction).Sub(b.Churn)
		require.True(t, b.End.Equal(rhs), "%s: End %s, bridge %s", month, b.End, rhs)
	}
	// Read off the CSV by hand. Customer 1 pays 50 from 2018-11 to 2019-02, is gone two
	// months, returns at 50 in 2019-04, moves to 75 in 2019-06 and leaves in 2019-08.
	// Customer 5 starts at 50 (2018-11), drops to 25 (2018-12), leaves (2019-03),
	// returns at 50 (2019-07), then 25, 50, 25, 40 and leaves in 2020-01.
	movementOf := func(month, customer string) (revops.Movement, string) {
		for _, m := range bridges[month].Customers {
			if m.Customer == customer {
				return m.Movement, m.Amount.String()
			}
		}
		return 0, ""
	}
	for _, tt := range []struct {
		month, customer string
		want            revops.Movement
		amount          string
	}{
		{"2018-11", "1", revops.MovementNew, "50"},
		{"2019-02", "1", revops.MovementChurn, "50"},
		{"2019-04", "1", revops.MovementReactivation, "50"},
		{"2019-06", "1", revops.MovementExpansion, "25"},
		{"2019-08", "1", revops.MovementChurn, "75"},
		{"2018-11", "5", revops.MovementNew, "50"},
		{"2018-12", "5", revops.MovementContraction, "25"},
		{"2019-03", "5", revops.MovementChurn, "25"},
		{"2019-07", "5", revops.MovementReactivation, "50"},
		{"2019-08", "5", revops.MovementContraction, "25"},
		{"2019-09", "5", revops.MovementExpansion, "25"},
		{"2019-10", "5", revops.MovementContraction, "25"},
		{"2019-12", "5", revops.MovementExpansion, "15"},
		{"2020-01", "5", revops.MovementChurn, "40"},
	} {
		got, amount := movementOf(tt.month, tt.customer)
		require.Equal(t, tt.want, got, "%s customer %s", tt.month, tt.customer)
		require.Equal(t, tt.amount, amount, "%s customer %s", tt.month, tt.customer)
	}
	// Customer 5 was gone from 2019-03 to 2019-07, 122 days: a 90-day window makes its
	// return new, a 180-day window keeps it a reactivation.
	b90 := playbookBridges(t, revops.ReactivationWindow(90))
	b180 := playbookBridges(t, revops.ReactivationWindow(180))
	for _, m := range b90["2019-07"].Customers {
		if m.Customer == "5" {
			require.Equal(t, revops.MovementNew, m.Movement)
		}
	}
	for _, m := range b180["2019-07"].Customers {
		if m.Customer == "5" {
			require.Equal(t, revops.MovementReactivation, m.Movement)
		}
	}
}

func BenchmarkPlaybookBridges(b *testing.B) {
	playbookPeriods(b)
	bench(b, func() { playbookBridges(b) })
}
