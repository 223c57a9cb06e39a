package revops

import (
	"time"
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

// MonthIn is [Month] with its boundaries at midnight in loc.
func MonthIn(year int, month time.Month, loc *time.Location) Period {
	return calendar(time.Date(year, month, 1, 0, 0, 0, 0, loc), 1)
}

// Quarter returns calendar quarter q (1 to 4) of year in UTC: Q1 is January to March.
//
// Errors: [ErrOutOfRange] when q is not in 1..4.
func Quarter(year, q int) (Period, error) { return QuarterIn(year, q, time.UTC) }

// QuarterIn is [Quarter] with its boundaries at midnight in loc.
func QuarterIn(year, q int, loc *time.Location) (Period, error) {
	if q < 1 || q > 4 {
		return Period{}, newError("Quarter", "q", ErrOutOfRange, "%d not in 1..4", q)
	}
	return calendar(time.Date(year, time.Month(3*q-2), 1, 0, 0, 0, 0, loc), 3), nil
}

// Year returns the calendar year [January 1, January 1 of the next year) in UTC.
func Year(year int) Period { return YearIn(year, time.UTC) }

// YearIn is [Year] with its boundaries at midnight in loc.
func YearIn(year int, loc *time.Location) Period {
	return calendar(time.Date(year, time.January, 1, 0, 0, 0, 0, loc), 12)
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
