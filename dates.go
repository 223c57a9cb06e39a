package revops

import "time"

// Dates and instants. A CRM keeps some fields as calendar dates, with no time of day
// (Salesforce's CloseDate and ConvertedDate), and others as instants (CreatedDate).
// An export writes a date as 2023-05-01 or as 2023-05-01T00:00Z, and either parses to
// a Time at midnight. The sales functions of this package read a Time at midnight in
// its own location, to the nanosecond, as such a date: the calendar day it names,
// which in the reporting zone runs from that day's midnight there to the next. Any
// other Time is an instant, which falls on the date it has in the reporting zone.
//
// So 2023-05-01T00:00Z is May 1 in America/Phoenix too, although the instant
// 2023-05-01T00:00Z is April 30 17:00 there; and 2023-04-01T01:09:44Z, an instant, is
// March 31 in Phoenix.

// isDate reports whether t is midnight in its location, to the nanosecond: a date.
func isDate(t time.Time) bool {
	h, m, sec := t.Clock()
	return h == 0 && m == 0 && sec == 0 && t.Nanosecond() == 0
}

// dateOf returns the calendar date of the instant t in loc, as midnight UTC, so that
// dates subtract to whole days whatever the daylight saving in loc.
func dateOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dayOf returns the calendar date t stands for in the reporting zone loc, as midnight
// UTC: for a date, the day it names; for an instant, the day it falls on in loc.
func dayOf(t time.Time, loc *time.Location) time.Time {
	if isDate(t) {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return dateOf(t, loc)
}

// startIn returns the instant t stands for in the reporting zone loc: for a date, the
// first instant of that day in loc; an instant unchanged. The zero Time stays zero.
func startIn(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() || !isDate(t) {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// wholeDays returns the days from the date a to the date b, both midnight UTC.
func wholeDays(a, b time.Time) int64 { return (b.Unix() - a.Unix()) / 86400 }
