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

// phoenix is America/Phoenix, UTC−7 all year (no daylight saving).
func phoenix(t require.TestingT) *time.Location {
	loc, err := time.LoadLocation("America/Phoenix")
	require.NoError(t, err)
	return loc
}

func phoenixMonths(t require.TestingT) []revops.Period {
	loc := phoenix(t)
	return []revops.Period{revops.MonthIn(2023, 3, loc), revops.MonthIn(2023, 4, loc), revops.MonthIn(2023, 5, loc)}
}

func utc(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, time.UTC)
}

// The three faults of the issue, one deal each, in months of America/Phoenix (UTC−7),
// worked by hand. Before the fix W was filed in April, X's cycle was 12 days and E
// counted in April's coverage, leaving May at 0.
func TestPipelineByPeriodReportingZone(t *testing.T) {
	usd := func(o revops.Opportunity) revops.Opportunity { o.Currency, o.Probability = "USD", dec("0.5"); return o }
	quotas := []decimal.Decimal{dec("10000"), dec("10000"), dec("10000")}
	for _, tt := range []struct {
		name string
		opp  revops.Opportunity
		opt  revops.CloseTimes
		// per month (March, April, May): won, lost, open at the close
		won, lost, open [3]int
		cycle           string // the cycle of the month the deal closed in
		closedIn        int    // that month
		coverage        [3]string
	}{
		{
			// Won on the date May 1, exported as 2023-05-01T00:00Z: May in Phoenix, though
			// the instant is April 30 17:00 there. Created April 20 10:00 MST: 11 days.
			name: "close date filed on its own date",
			opp:  usd(revops.Opportunity{Status: revops.DealWon, Amount: dec("5000"), Created: utc(2023, 4, 20, 17, 0, 0), Closed: utc(2023, 5, 1, 0, 0, 0)}),
			opt:  revops.CloseTimesDates,
			won:  [3]int{0, 0, 1}, open: [3]int{0, 1, 0}, cycle: "11", closedIn: 2,
			// Open at May 1 00:00 MST and closed in May: May's coverage pipeline 5,000.
			coverage: [3]string{"0", "0", "0.5"},
		},
		{
			// Same deal measured exactly: April 20 17:00Z to May 1 00:00 MST (07:00Z) is 10
			// days 14 hours, 10.58333... days.
			name: "close date measured exactly from its first instant in the zone",
			opp:  usd(revops.Opportunity{Status: revops.DealWon, Amount: dec("5000"), Created: utc(2023, 4, 20, 17, 0, 0), Closed: utc(2023, 5, 1, 0, 0, 0)}),
			opt:  revops.CloseTimesExact,
			won:  [3]int{0, 0, 1}, open: [3]int{0, 1, 0}, cycle: "10.5833333333333333", closedIn: 2,
			coverage: [3]string{"0", "0", "0.5"},
		},
		{
			// Closed at the instant 2023-04-01T01:09:44Z, March 31 18:09:44 MST: March, and
			// read as a date it is March 31, 11 days after March 20 (created 09:00 MST).
			name: "close instant read as its date in the zone",
			opp:  usd(revops.Opportunity{Status: revops.DealLost, Amount: dec("2000"), Created: utc(2023, 3, 20, 16, 0, 0), Closed: utc(2023, 4, 1, 1, 9, 44)}),
			opt:  revops.CloseTimesDates,
			lost: [3]int{1, 0, 0}, cycle: "11", closedIn: 0,
			coverage: [3]string{"0", "0", "0"},
		},
		{
			// Exactly: 11 days 9 h 9 min 44 s = 11 + 32,984 ÷ 86,400 days.
			name: "close instant measured exactly",
			opp:  usd(revops.Opportunity{Status: revops.DealLost, Amount: dec("2000"), Created: utc(2023, 3, 20, 16, 0, 0), Closed: utc(2023, 4, 1, 1, 9, 44)}),
			opt:  revops.CloseTimesExact,
			lost: [3]int{1, 0, 0}, cycle: "11.3817592592592593", closedIn: 0,
			coverage: [3]string{"0", "0", "0"},
		},
		{
			// Open, due on the date May 1: May's coverage pipeline is 13,000 (1.3 of the
			// quota), April's 0; open at the close of April and of May.
			name: "expected close date in the zone",
			opp:  usd(revops.Opportunity{Status: revops.DealOpen, Amount: dec("13000"), Created: utc(2023, 4, 10, 16, 0, 0), ExpectedClose: utc(2023, 5, 1, 0, 0, 0)}),
			opt:  revops.CloseTimesDates,
			open: [3]int{0, 1, 1}, closedIn: -1,
			coverage: [3]string{"0", "0", "1.3"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: []revops.Opportunity{tt.opp}, Periods: phoenixMonths(t), Quotas: quotas}, tt.opt)
			require.NoError(t, err)
			for k, r := range rows {
				require.Equal(t, []int{tt.won[k], tt.lost[k], tt.open[k]}, []int{r.InPeriod.Count.Won, r.InPeriod.Count.Lost, r.InPeriod.Count.Open}, "month %d", k)
				requireMetricValue(t, tt.coverage[k], r.Coverage)
				if k == tt.closedIn {
					requireMetricValue(t, tt.cycle, r.CycleMean)
				}
			}
		})
	}
}

// SalesCycleLengthIn reads dates in its zone: created 23:30 UTC on March 10 is March 11
// in Tokyo, so a close date of March 11 is 0 days there, and 1 day in UTC.
func TestSalesCycleLengthIn(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	late := revops.Opportunity{Status: revops.DealWon, Created: utc(2025, 3, 10, 23, 30, 0), Closed: time.Date(2025, 3, 11, 0, 0, 0, 0, time.UTC)}
	for _, tt := range []struct {
		name string
		loc  *time.Location
		want string
	}{
		{"UTC", time.UTC, "1"},
		{"nil is UTC", nil, "1"},
		{"Tokyo", tokyo, "0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := revops.SalesCycleLengthIn([]revops.Opportunity{late}, tt.loc, revops.CloseTimesDates)
			require.NoError(t, err)
			requireDecimal(t, tt.want, c.Mean)
		})
	}
	// From one date to another the cycle is whole days, whatever daylight saving does:
	// March 1 to March 20, 2025 in New York is 19 days, not 19 days less an hour.
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	c, err := revops.SalesCycleLengthIn([]revops.Opportunity{{Status: revops.DealWon, Created: date(2025, 3, 1), Closed: date(2025, 3, 20)}}, ny)
	require.NoError(t, err)
	requireDecimal(t, "19", c.Mean)
	// A close date before the date of creation in the zone is refused: created March 11
	// 02:00 in Tokyo (March 10 17:00 UTC), closed on the date March 10.
	_, err = revops.SalesCycleLengthIn([]revops.Opportunity{{Status: revops.DealWon, Created: utc(2025, 3, 10, 17, 0, 0), Closed: date(2025, 3, 10)}}, tokyo)
	requireMetricError(t, err, revops.ErrInvalidPeriod, "SalesCycleLengthIn", "opps[0].Closed")
}

// drawZone draws a fixed zone from UTC−12 to UTC+14 in quarter hours.
func drawZone(t *rapid.T, label string) *time.Location {
	q := rapid.IntRange(-48, 56).Draw(t, label)
	return time.FixedZone(fmt.Sprintf("Z%+d", q), q*15*60)
}

// Property of the kind "dates in the reporting zone": PipelineByPeriod depends on a
// date's calendar day and an instant's moment, never on the location a Time carries.
// Writing every date as midnight in another location, and every instant in another
// location, changes nothing; and a deal closed on a date is filed in the month of
// that date, in any reporting zone.
func TestPipelineByPeriodLocationFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		report := drawZone(t, "report")
		var months []revops.Period
		for m := range revops.YearIn(2024, report).Months() {
			months = append(months, m)
		}
		opps := drawOpportunities(t)
		for i := range opps {
			// Instants off the minute, so that no location makes one midnight.
			opps[i].Created = opps[i].Created.Add(17 * time.Second)
			if !opps[i].Closed.IsZero() && opps[i].Closed.Hour() != 0 {
				opps[i].Closed = opps[i].Closed.Add(17 * time.Second)
			}
		}
		moved := append([]revops.Opportunity(nil), opps...)
		other := drawZone(t, "other")
		for i, o := range moved {
			moved[i].Created = o.Created.In(other)
			if !o.Closed.IsZero() && o.Closed.Hour() == 0 { // a date: the same day, written in another location
				moved[i].Closed = time.Date(o.Closed.Year(), o.Closed.Month(), o.Closed.Day(), 0, 0, 0, 0, other)
			} else if !o.Closed.IsZero() {
				moved[i].Closed = o.Closed.In(other)
			}
			if !o.ExpectedClose.IsZero() {
				moved[i].ExpectedClose = o.ExpectedClose.In(other)
			}
		}
		for _, opt := range []revops.CloseTimes{revops.CloseTimesExact, revops.CloseTimesDates} {
			a, errA := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: months}, opt)
			b, errB := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: moved, Periods: months}, opt)
			require.Equal(t, errA == nil, errB == nil, "%v / %v", errA, errB)
			if errA != nil {
				continue
			}
			for k := range a {
				require.Equal(t, []int{a[k].InPeriod.Count.Won, a[k].InPeriod.Count.Lost, a[k].InPeriod.Count.Open}, []int{b[k].InPeriod.Count.Won, b[k].InPeriod.Count.Lost, b[k].InPeriod.Count.Open}, "month %d", k)
				x, errX := a[k].CycleMean.Value()
				y, errY := b[k].CycleMean.Value()
				require.Equal(t, errX == nil, errY == nil)
				require.True(t, x.Equal(y), "cycle %s / %s", x, y)
			}
		}
		// Each deal closed on a date is filed in the month of that date.
		for _, o := range opps {
			if o.Status == revops.DealOpen || o.Closed.Hour() != 0 || o.Closed.Year() != 2024 {
				continue
			}
			rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: []revops.Opportunity{o}, Periods: months}, revops.CloseTimesDates)
			if err != nil { // created, in this zone, on a date after the close date
				require.ErrorIs(t, err, revops.ErrInvalidPeriod)
				continue
			}
			r := rows[o.Closed.Month()-1]
			require.Equal(t, 1, r.InPeriod.Count.Won+r.InPeriod.Count.Lost, "closed on %s, reported in %s", o.Closed.Format(time.DateOnly), report)
		}
	})
}
