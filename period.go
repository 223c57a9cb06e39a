package revops

import (
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/shopspring/decimal"
)

// Period is a half-open interval of time [Start, End). Month, quarter and year periods
// run between calendar boundaries, in UTC unless a location is given. The zero Period
// is invalid: functions that take one refuse it with [ErrInvalidPeriod].
type Period struct {
	start, end time.Time
	months     int // 1, 3 or 12 for calendar periods; 0 for any other span
}

// NewPeriod returns the period [start, end).
//
// Errors: [ErrInvalidPeriod] when end is not after start.
func NewPeriod(start, end time.Time) (Period, error) {
	if !end.After(start) {
		return Period{}, newError("NewPeriod", "End", ErrInvalidPeriod, "%s is not after %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	return Period{start: start, end: end}, nil
}

// Month returns the calendar month [year-month-01, first of the next month) in UTC.
// A month out of 1..12 is normalized as [time.Date] does: month 13 of 2025 is January 2026.
func Month(year int, month time.Month) Period { return MonthIn(year, month, time.UTC) }

// MonthIn is [Month] with its boundaries at midnight in loc; a nil loc is UTC.
func MonthIn(year int, month time.Month, loc *time.Location) Period {
	return calendar(time.Date(year, month, 1, 0, 0, 0, 0, orUTC(loc)), 1)
}

// orUTC returns loc, or UTC for nil, where time.Date would panic.
func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// Quarter returns calendar quarter q (1 to 4) of year in UTC: Q1 is January to March.
//
// Errors: [ErrOutOfRange] when q is not in 1..4.
func Quarter(year, q int) (Period, error) { return QuarterIn(year, q, time.UTC) }

// QuarterIn is [Quarter] with its boundaries at midnight in loc; a nil loc is UTC.
func QuarterIn(year, q int, loc *time.Location) (Period, error) {
	if q < 1 || q > 4 {
		return Period{}, newError("Quarter", "q", ErrOutOfRange, "%d not in 1..4", q)
	}
	return calendar(time.Date(year, time.Month(3*q-2), 1, 0, 0, 0, 0, orUTC(loc)), 3), nil
}

// Year returns the calendar year [January 1, January 1 of the next year) in UTC.
func Year(year int) Period { return YearIn(year, time.UTC) }

// YearIn is [Year] with its boundaries at midnight in loc; a nil loc is UTC.
func YearIn(year int, loc *time.Location) Period {
	return calendar(time.Date(year, time.January, 1, 0, 0, 0, 0, orUTC(loc)), 12)
}

func calendar(start time.Time, months int) Period {
	return Period{start: start, end: start.AddDate(0, months, 0), months: months}
}

// Start returns the first instant of the period.
func (p Period) Start() time.Time { return p.start }

// End returns the first instant after the period.
func (p Period) End() time.Time { return p.end }

// IsZero reports whether p is the zero Period, which no constructor returns.
func (p Period) IsZero() bool { return !p.end.After(p.start) }

// Contains reports whether Start ≤ t < End.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.start) && t.Before(p.end) }

// Days returns the number of calendar days the period spans: the days between the
// dates of Start and End, each read in Start's location. A month has 28 to 31, a year
// 365 or 366, whatever daylight saving does to the hours.
func (p Period) Days() int {
	loc := p.start.Location()
	y1, m1, d1 := p.start.Date()
	y2, m2, d2 := p.end.In(loc).Date()
	a := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)
	b := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC)
	return int((b.Unix() - a.Unix()) / 86400)
}

// valid returns an ErrInvalidPeriod error naming metric when p is the zero Period.
func (p Period) valid(metric string) error {
	if p.IsZero() {
		return newError(metric, "Period", ErrInvalidPeriod, "zero Period")
	}
	return nil
}

// Next returns the period that follows p: the next calendar month, quarter or year for
// a calendar period, otherwise the period of the same duration starting at p's End.
// The zero Period's Next is the zero Period.
func (p Period) Next() Period {
	switch {
	case p.IsZero():
		return Period{}
	case p.months > 0:
		return calendar(p.end, p.months)
	}
	return Period{start: p.end, end: p.end.Add(p.end.Sub(p.start))}
}

// Prev returns the period that precedes p, as [Period.Next] does the one that follows.
func (p Period) Prev() Period {
	switch {
	case p.IsZero():
		return Period{}
	case p.months > 0:
		return calendar(p.start.AddDate(0, -p.months, 0), p.months)
	}
	return Period{start: p.start.Add(-p.end.Sub(p.start)), end: p.start}
}

// Months returns the calendar months that meet p, in order, each cut to p, so that
// they tile p with no gap and no overlap. Months are read in the location of p's Start.
// The zero Period has none.
func (p Period) Months() iter.Seq[Period] { return p.split(1) }

// Quarters returns the calendar quarters that meet p, cut to p, as [Period.Months].
func (p Period) Quarters() iter.Seq[Period] { return p.split(3) }

// Years returns the calendar years that meet p, cut to p, as [Period.Months].
func (p Period) Years() iter.Seq[Period] { return p.split(12) }

func (p Period) split(months int) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		if p.IsZero() {
			return
		}
		y, m, _ := p.start.Date()
		first := time.Month((int(m)-1)/months*months + 1)
		for u := calendar(time.Date(y, first, 1, 0, 0, 0, 0, p.start.Location()), months); u.start.Before(p.end); u = u.Next() {
			part := u
			if part.start.Before(p.start) {
				part.start, part.months = p.start, 0
			}
			if part.end.After(p.end) {
				part.end, part.months = p.end, 0
			}
			if !yield(part) {
				return
			}
		}
	}
}

// String returns "[Start, End)" with both instants in RFC 3339.
func (p Period) String() string {
	return fmt.Sprintf("[%s, %s)", p.start.Format(time.RFC3339), p.end.Format(time.RFC3339))
}

// PeriodGrowth returns the growth from each value of a series to the next, as
// fractions, one fewer than the values: [RevenueGrowth] over the series.
//
//	growth[i] = (series[i+1] − series[i]) ÷ series[i]
//
// Errors: [ErrZeroDenominator] when a value other than the last is zero; [ErrNegative]
// for a negative value; [ErrOutOfRange] beyond [MaxExponent].
func PeriodGrowth(series []decimal.Decimal) ([]decimal.Decimal, error) {
	const metric = "PeriodGrowth"
	if len(series) < 2 {
		return nil, newError(metric, "series", ErrZeroDenominator, "%d values: no period to grow over", len(series))
	}
	out := make([]decimal.Decimal, len(series)-1)
	for i := range out {
		g, err := growth(metric, "Previous", "Current", Growth{Previous: series[i], Current: series[i+1]})
		if err != nil {
			// The fault is in series[i] (a zero or negative base) or series[i+1].
			k := i
			if e := (*Error)(nil); errors.As(err, &e) && e.Field == "Current" {
				k = i + 1
			}
			return nil, atIndex(renamed(err, ""), "series", k)
		}
		out[i] = g
	}
	return out, nil
}

// MaxSteps bounds the number of compounding steps of [CompoundGrowth]: its nth root is
// computed exactly, in integers of about 16 × Steps digits.
const MaxSteps = 5000

// CompoundGrowthInput is a start and end value and the number of steps between them.
type CompoundGrowthInput struct {
	First decimal.Decimal `json:"first"` // the first value, > 0
	Last  decimal.Decimal `json:"last"`  // the last value, ≥ 0
	Steps int             `json:"steps"` // compounding steps from First to Last: 12 for a year of months; 1..MaxSteps
}

// CompoundGrowth returns the compound growth rate per step, as a fraction: CMGR for
// monthly steps, CAGR for yearly ones.
//
//	rate = (Last ÷ First)^(1 ÷ Steps) − 1
//
// The root is exact to [Scale] places, rounded half away from zero, so growing First
// by the rate Steps times reaches Last as closely as a rate of Scale places can.
//
// Errors: [ErrZeroDenominator] when First is zero; [ErrNegative] when First or Last is
// negative; [ErrOutOfRange] when Steps is outside 1..[MaxSteps] or an amount lies
// beyond [MaxExponent].
func CompoundGrowth(g CompoundGrowthInput) (decimal.Decimal, error) {
	return compoundGrowth("CompoundGrowth", g)
}

func compoundGrowth(metric string, g CompoundGrowthInput) (decimal.Decimal, error) {
	if err := firstError(nonNegative(metric, "First", g.First), nonNegative(metric, "Last", g.Last)); err != nil {
		return decimal.Decimal{}, err
	}
	switch {
	case g.First.IsZero():
		return decimal.Decimal{}, newError(metric, "First", ErrZeroDenominator, "growth from zero")
	case g.Steps < 1 || g.Steps > MaxSteps:
		return decimal.Decimal{}, newError(metric, "Steps", ErrOutOfRange, "%d not in 1..%d", g.Steps, MaxSteps)
	}
	return root(g.Last, g.First, g.Steps).Sub(decimal.NewFromInt(1)), nil
}

// SeriesCompoundGrowth returns [CompoundGrowth] from the first to the last value of a
// series. By default the steps are the intervals between them, n − 1 for n values, so
// twelve monthly values from January to December compound over 11 steps;
// [StepsArePoints] counts n.
//
// Errors: as [CompoundGrowth], and [ErrZeroDenominator] for fewer than two values;
// [ErrInvalidOption] for a nil option or a value outside its type's constants.
func SeriesCompoundGrowth(series []decimal.Decimal, opts ...GrowthOption) (decimal.Decimal, error) {
	const metric = "SeriesCompoundGrowth"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if len(series) < 2 {
		return decimal.Decimal{}, newError(metric, "series", ErrZeroDenominator, "%d values: no interval", len(series))
	}
	steps := len(series) - 1
	if p.CompoundingSteps == StepsArePoints {
		steps = len(series)
	}
	return compoundGrowth(metric, CompoundGrowthInput{First: series[0], Last: series[len(series)-1], Steps: steps})
}

// Annualize returns a monthly amount over a year, exactly: 12 × monthly.
//
// Errors: [ErrOutOfRange] beyond [MaxExponent].
func Annualize(monthly decimal.Decimal) (decimal.Decimal, error) {
	if err := finite("Annualize", "monthly", monthly); err != nil {
		return decimal.Decimal{}, err
	}
	return monthly.Mul(twelve), nil
}

// Deannualize returns an annual amount per month: annual ÷ 12, rounded to [Scale]
// places. Annualizing the result gives back the annual amount within 6 units of the
// last place, and exactly once rounded to the annual amount's own places when it has
// no more than Scale − 2.
//
// Errors: [ErrOutOfRange] beyond [MaxExponent].
func Deannualize(annual decimal.Decimal) (decimal.Decimal, error) {
	if err := finite("Deannualize", "annual", annual); err != nil {
		return decimal.Decimal{}, err
	}
	return div("Deannualize", "annual", annual, twelve)
}

// Proration is an amount billed for one period of which only part was served.
type Proration struct {
	Amount decimal.Decimal `json:"amount"` // the amount for the whole billed period
	Billed Period          `json:"billed"` // the period the amount pays for
	Served Period          `json:"served"` // the part of Billed that counts; within Billed
}

// Prorate returns the part of an amount that falls in a partial period, by actual
// calendar days (actual/actual):
//
//	prorated = Amount × Served.Days() ÷ Billed.Days()
//
// Errors: [ErrInvalidPeriod] for a zero Period or a Served period not within Billed;
// [ErrZeroDenominator] when Billed spans less than a calendar day; [ErrOutOfRange]
// beyond [MaxExponent].
func Prorate(p Proration) (decimal.Decimal, error) {
	const metric = "Prorate"
	if err := firstError(finite(metric, "Amount", p.Amount), p.Billed.valid(metric), p.Served.valid(metric)); err != nil {
		return decimal.Decimal{}, err
	}
	if p.Served.start.Before(p.Billed.start) || p.Served.end.After(p.Billed.end) {
		return decimal.Decimal{}, newError(metric, "Served", ErrInvalidPeriod, "%s is not within %s", p.Served, p.Billed)
	}
	return div(metric, "Billed", p.Amount.Mul(decimal.NewFromInt(int64(p.Served.Days()))), decimal.NewFromInt(int64(p.Billed.Days())))
}
