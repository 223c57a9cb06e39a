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

func on(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// The deals: 100 created on January 10, of which 3 won on January 20, 7 lost
// on January 25 and 90 still open; and 20 older deals created in December, still
// open; each worth 1,000. The cohort of January: 3 ÷ (3 + 7) = 30 % of the closed,
// 3 ÷ 100 = 3 % of all. January's period form: won 3 and lost 7 in it, 110 open at
// its close, 30 % of the closed and 3 ÷ 120 = 2.5 % of all. With one more January deal
// won on February 10, January's cohort holds it as won (4 ÷ 11 of the closed, 4 ÷ 101
// of all), January's period form has it open at the close (3 ÷ 121 of all) and
// February's counts the win.
func TestPipelineCohortAndPeriodForms(t *testing.T) {
	var opps []revops.Opportunity
	add := func(n int, status revops.DealStatus, created, closed time.Time) {
		for range n {
			opps = append(opps, revops.Opportunity{Status: status, Amount: dec("1000"), Created: created, Closed: closed})
		}
	}
	add(3, revops.DealWon, on(2026, 1, 10), on(2026, 1, 20))
	add(7, revops.DealLost, on(2026, 1, 10), on(2026, 1, 25))
	add(90, revops.DealOpen, on(2026, 1, 10), time.Time{})
	add(20, revops.DealOpen, on(2025, 12, 5), time.Time{})
	late := revops.Opportunity{Status: revops.DealWon, Amount: dec("1000"), Created: on(2026, 1, 15), Closed: on(2026, 2, 10)}
	months := []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2)}
	for _, tt := range []struct {
		name                    string
		opps                    []revops.Opportunity
		denominator             revops.WinRateDenominator
		period, cohort          string // January's win rates
		inJanuary, createdInJan [3]int
		februaryWins            int
	}{
		{"over closed", opps, revops.WinRateOverClosed, "0.3", "0.3", [3]int{3, 7, 110}, [3]int{3, 7, 90}, 0},
		{"over all", opps, revops.WinRateOverAll, "0.025", "0.03", [3]int{3, 7, 110}, [3]int{3, 7, 90}, 0},
		{"won later, over closed", append(opps[:len(opps):len(opps)], late), revops.WinRateOverClosed, "0.3", "0.3636363636363636", [3]int{3, 7, 111}, [3]int{4, 7, 90}, 1},
		{"won later, over all", append(opps[:len(opps):len(opps)], late), revops.WinRateOverAll, "0.0247933884297521", "0.0396039603960396", [3]int{3, 7, 111}, [3]int{4, 7, 90}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: tt.opps, Periods: months}, tt.denominator)
			require.NoError(t, err)
			jan := rows[0]
			require.Equal(t, tt.inJanuary, [3]int{jan.InPeriod.Count.Won, jan.InPeriod.Count.Lost, jan.InPeriod.Count.Open})
			require.Equal(t, tt.createdInJan, [3]int{jan.Created.Count.Won, jan.Created.Count.Lost, jan.Created.Count.Open})
			requireMetricValue(t, tt.period, jan.PeriodWinRate)
			requireMetricValue(t, tt.cohort, jan.CohortWinRate)
			// Every deal is worth the same, so the rates by value are the rates by count.
			requireMetricValue(t, tt.period, jan.PeriodValueWinRate)
			requireMetricValue(t, tt.cohort, jan.CohortValueWinRate)
			require.Equal(t, tt.februaryWins, rows[1].InPeriod.Count.Won)
		})
	}
}

// Three deals closed in March after 2, 3 and 10 days: a mean of 5 days, a median of 3.
func TestPipelineByPeriodCycleMedian(t *testing.T) {
	var opps []revops.Opportunity
	for _, days := range []int{10, 2, 3} {
		opps = append(opps, revops.Opportunity{Status: revops.DealWon, Amount: dec("1"), Created: on(2026, 3, 5), Closed: on(2026, 3, 5+days)})
	}
	rows, err := revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: []revops.Period{revops.Month(2026, 3)}})
	require.NoError(t, err)
	requireMetricValue(t, "5", rows[0].CycleMean)
	requireMetricValue(t, "3", rows[0].CycleMedian)
}

func TestValueWinRate(t *testing.T) {
	v := revops.WinLossValue{Won: dec("30000"), Lost: dec("90000"), Open: dec("30000")}
	for _, tt := range []struct {
		name string
		opts []revops.WinRateOption
		want string
	}{
		{"over closed", nil, "0.25"},                                       // 30,000 ÷ 120,000
		{"over all", []revops.WinRateOption{revops.WinRateOverAll}, "0.2"}, // 30,000 ÷ 150,000
		{"policy", []revops.WinRateOption{revops.Policy{}}, "0.25"},        // the default
	} {
		t.Run(tt.name, func(t *testing.T) {
			requireValue(t, tt.want)(revops.ValueWinRate(v, tt.opts...))
		})
	}
	_, err := revops.ValueWinRate(revops.WinLossValue{Won: dec("0"), Lost: dec("0"), Open: dec("5")})
	requireMetricError(t, err, revops.ErrZeroDenominator, "ValueWinRate", "Won+Lost")
	_, err = revops.ValueWinRate(revops.WinLossValue{Won: dec("-1"), Lost: dec("0"), Open: dec("0")})
	requireMetricError(t, err, revops.ErrNegative, "ValueWinRate", "Won")
	requireDecimal(t, "150000", v.Total())
	require.Equal(t, 6, revops.WinLoss{Won: 1, Lost: 2, Open: 3}.Total())
}

// Properties of the two forms: a deal belongs to the cohort of the period it was
// created in, so a year's cohort is the sum of its months' cohorts, count and value,
// and holds every deal created in the year once; and when a deal closes never moves
// it between cohorts, only between the periods of the period form.
func TestPipelineFormsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opps := drawOpportunities(t)
		year := revops.Year(2024)
		var months []revops.Period
		for m := range year.Months() {
			months = append(months, m)
		}
		rows := mustOf[[]revops.PipelinePeriod](t)(revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: months}))
		whole := mustOf[[]revops.PipelinePeriod](t)(revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: opps, Periods: []revops.Period{year}}))
		sum := revops.DealOutcomes{Value: revops.WinLossValue{Won: decimal.Zero, Lost: decimal.Zero, Open: decimal.Zero}}
		for _, r := range rows {
			c := r.Created
			sum.Count = revops.WinLoss{Won: sum.Count.Won + c.Count.Won, Lost: sum.Count.Lost + c.Count.Lost, Open: sum.Count.Open + c.Count.Open}
			sum.Value = revops.WinLossValue{Won: sum.Value.Won.Add(c.Value.Won), Lost: sum.Value.Lost.Add(c.Value.Lost), Open: sum.Value.Open.Add(c.Value.Open)}
		}
		require.Equal(t, whole[0].Created.Count, sum.Count)
		require.True(t, whole[0].Created.Value.Total().Equal(sum.Value.Total()))
		created := 0
		for _, o := range opps {
			if year.Contains(o.Created) {
				created++
			}
		}
		require.Equal(t, created, sum.Count.Total(), "each deal created in the year in one cohort")

		// Close every closed deal later, by up to 60 days: the cohorts stay as they were.
		later := append([]revops.Opportunity(nil), opps...)
		for i, o := range later {
			if o.Status != revops.DealOpen {
				later[i].Closed = o.Closed.AddDate(0, 0, rapid.IntRange(0, 60).Draw(t, fmt.Sprint("later", i)))
			}
		}
		moved := mustOf[[]revops.PipelinePeriod](t)(revops.PipelineByPeriod(revops.PipelineRecords{Opportunities: later, Periods: months}))
		for k := range rows {
			require.Equal(t, rows[k].Created.Count, moved[k].Created.Count, "month %d", k+1)
			require.True(t, rows[k].Created.Value.Total().Equal(moved[k].Created.Value.Total()))
		}
	})
}

func TestPeriodLeadConversionRate(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   revops.PeriodLeadConversion
		want string
	}{
		{"older leads converting", revops.PeriodLeadConversion{NewLeads: 10, Conversions: 14}, "1.4"},
		{"as many as new", revops.PeriodLeadConversion{NewLeads: 8, Conversions: 8}, "1"},
		{"none", revops.PeriodLeadConversion{NewLeads: 8}, "0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			requireValue(t, tt.want)(revops.PeriodLeadConversionRate(tt.in))
		})
	}
	_, err := revops.PeriodLeadConversionRate(revops.PeriodLeadConversion{Conversions: 3})
	requireMetricError(t, err, revops.ErrZeroDenominator, "PeriodLeadConversionRate", "NewLeads")
	_, err = revops.PeriodLeadConversionRate(revops.PeriodLeadConversion{NewLeads: 1, Conversions: -1})
	requireMetricError(t, err, revops.ErrNegative, "PeriodLeadConversionRate", "Conversions")
}

// The leads: 14 leads created on January 5 and converted on the date
// February 3; 10 leads created in February, none converted. January: 14 leads, all
// converted (cohort 100 %), no conversion in January (period 0 %). February: 10 leads,
// none converted (cohort 0 %), 14 conversions (period 140 %). In months of
// America/Phoenix a conversion on the date February 1 (2026-02-01T00:00Z, January 31
// 17:00 there as an instant) is February's.
func TestLeadsCohortAndPeriodForms(t *testing.T) {
	var leads []revops.Lead
	for range 14 {
		leads = append(leads, revops.Lead{Created: on(2026, 1, 5), Converted: true, ConvertedAt: date(2026, 2, 3)})
	}
	for range 10 {
		leads = append(leads, revops.Lead{Created: on(2026, 2, 10)})
	}
	rows, err := revops.LeadsByPeriod(leads, []revops.Period{revops.Month(2026, 1), revops.Month(2026, 2)})
	require.NoError(t, err)
	for k, want := range []struct {
		leads, converted, conversions int
		cohort, period                string
	}{
		{14, 14, 0, "1", "0"},
		{10, 0, 14, "0", "1.4"},
	} {
		r := rows[k]
		require.Equal(t, [3]int{want.leads, want.converted, want.conversions}, [3]int{r.Leads, r.Converted, r.Conversions}, "month %d", k+1)
		requireMetricValue(t, want.cohort, r.CohortConversionRate)
		requireMetricValue(t, want.period, r.PeriodConversionRate)
		require.Zero(t, r.ConvertedUndated)
	}

	loc := phoenix(t)
	dated := []revops.Lead{
		{Created: utc(2026, 1, 20, 18, 0, 0), Converted: true, ConvertedAt: date(2026, 2, 1)},
		{Created: utc(2026, 1, 20, 18, 0, 0), Converted: true}, // no date: cohort only
		{Created: utc(2026, 1, 20, 18, 0, 0)},
	}
	rows, err = revops.LeadsByPeriod(dated, []revops.Period{revops.MonthIn(2026, 1, loc), revops.MonthIn(2026, 2, loc)})
	require.NoError(t, err)
	require.Equal(t, [4]int{3, 2, 1, 0}, [4]int{rows[0].Leads, rows[0].Converted, rows[0].ConvertedUndated, rows[0].Conversions})
	require.Equal(t, 1, rows[1].Conversions)
	requireMetricValue(t, "0.6666666666666667", rows[0].CohortConversionRate)

	for _, tt := range []struct {
		name string
		lead revops.Lead
		err  error
	}{
		{"converted the day before it was created", revops.Lead{Created: on(2026, 1, 5), Converted: true, ConvertedAt: date(2026, 1, 4)}, revops.ErrInvalidPeriod},
		{"converted an hour before it was created", revops.Lead{Created: on(2026, 1, 5), Converted: true, ConvertedAt: on(2026, 1, 5).Add(-time.Hour)}, revops.ErrInvalidPeriod},
		{"a conversion date on a lead not converted", revops.Lead{Created: on(2026, 1, 5), ConvertedAt: date(2026, 1, 6)}, revops.ErrInconsistent},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := revops.LeadsByPeriod([]revops.Lead{tt.lead}, []revops.Period{revops.Month(2026, 1)})
			requireMetricError(t, err, tt.err, "LeadsByPeriod", "leads[0].ConvertedAt")
		})
	}
	// Converted on the date it was created, though the date's midnight is before the
	// creation instant: valid.
	_, err = revops.LeadsByPeriod([]revops.Lead{{Created: on(2026, 1, 5), Converted: true, ConvertedAt: date(2026, 1, 5)}}, []revops.Period{revops.Month(2026, 1)})
	require.NoError(t, err)
}

// Property of the two forms of lead conversion: over periods that hold every creation
// and conversion, they count the same conversions, the cohort form by creation and
// the period form by conversion date; and when a lead converted never moves it
// between cohorts.
func TestLeadFormsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var leads []revops.Lead
		for i := range rapid.IntRange(0, 40).Draw(t, "leads") {
			created := propBase.Add(time.Duration(rapid.Int64Range(0, 300*24).Draw(t, fmt.Sprint("created", i))) * time.Hour)
			l := revops.Lead{Created: created, Converted: rapid.Bool().Draw(t, fmt.Sprint("converted", i))}
			if l.Converted {
				l.ConvertedAt = created.Add(time.Duration(rapid.Int64Range(0, 60*24).Draw(t, fmt.Sprint("after", i))) * time.Hour)
				if rapid.Bool().Draw(t, fmt.Sprint("dateOnly", i)) {
					y, m, d := l.ConvertedAt.Date()
					l.ConvertedAt = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
				}
			}
			leads = append(leads, l)
		}
		var months []revops.Period
		for m := range revops.Year(propBase.Year()).Months() {
			months = append(months, m)
		}
		rows := mustOf[[]revops.LeadPeriod](t)(revops.LeadsByPeriod(leads, months))
		cohort, period := 0, 0
		for _, r := range rows {
			cohort, period = cohort+r.Converted, period+r.Conversions
		}
		require.Equal(t, cohort, period)

		later := append([]revops.Lead(nil), leads...)
		for i, l := range later {
			if l.Converted {
				later[i].ConvertedAt = l.ConvertedAt.AddDate(0, 0, rapid.IntRange(0, 10).Draw(t, fmt.Sprint("later", i)))
			}
		}
		moved := mustOf[[]revops.LeadPeriod](t)(revops.LeadsByPeriod(later, months))
		for k := range rows {
			require.Equal(t, rows[k].Converted, moved[k].Converted, "month %d", k+1)
		}
	})
}
