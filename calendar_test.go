package revops_test

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func losAngeles(t require.TestingT) *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	return loc
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// pacificWeek is the calendar: weekdays 06:00–17:00 in Los Angeles, and
// Christmas Day 2026 (a Friday) off.
func pacificWeek(t require.TestingT) revops.BusinessCalendar {
	c, err := revops.NewBusinessCalendar(revops.BusinessHours{Zone: losAngeles(t), Days: weekdays, Open: 6 * time.Hour, Close: 17 * time.Hour,
		Holidays: []time.Time{time.Date(2026, 12, 25, 0, 0, 0, 0, time.UTC)}})
	require.NoError(t, err)
	return c
}

// January 2026 starts on a Thursday: the 9th is a Friday, the 10th a Saturday, the
// 12th a Monday and the 13th a Tuesday.
func TestBusinessCalendarBetween(t *testing.T) {
	la := losAngeles(t)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, la) }
	cal := pacificWeek(t)
	for _, tt := range []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		{"within a working day", at(1, 13, 10, 0), at(1, 13, 12, 30), 150 * time.Minute},
		{"before opening to after closing", at(1, 13, 5, 0), at(1, 13, 18, 0), 11 * time.Hour},
		{"over the weekend", at(1, 9, 16, 30), at(1, 12, 6, 30), time.Hour},
		{"from a Saturday", at(1, 10, 11, 0), at(1, 12, 7, 0), time.Hour},
		{"a whole week", at(1, 12, 0, 0), at(1, 19, 0, 0), 55 * time.Hour},
		{"over a holiday", at(12, 24, 16, 0), at(12, 28, 7, 0), 2 * time.Hour}, // Thursday 1 h, Friday off, Monday 1 h
		{"empty span", at(1, 13, 10, 0), at(1, 13, 10, 0), 0},
		{"outside hours only", at(1, 13, 18, 0), at(1, 14, 5, 0), 0},
		// From UTC: 2026-01-13T18:00Z is 10:00 in Los Angeles (PST, UTC−8).
		{"instants in another location", time.Date(2026, 1, 13, 18, 0, 0, 0, time.UTC), at(1, 13, 12, 30), 150 * time.Minute},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cal.Between(tt.from, tt.to)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
	// Daylight saving: on Sunday March 8, 2026 Los Angeles skips from 02:00 to 03:00,
	// so a calendar of every hour of every day counts 47 hours from Saturday noon to
	// Monday noon, as the wall clock's instants do.
	always, err := revops.NewBusinessCalendar(revops.BusinessHours{Zone: la, Days: []time.Weekday{0, 1, 2, 3, 4, 5, 6}, Close: 24 * time.Hour})
	require.NoError(t, err)
	got, err := always.Between(at(3, 7, 12, 0), at(3, 9, 12, 0))
	require.NoError(t, err)
	require.Equal(t, 47*time.Hour, got)

	got, err = revops.BusinessCalendar("").Between(at(1, 9, 16, 30), at(1, 12, 6, 30))
	require.NoError(t, err)
	require.Equal(t, 62*time.Hour, got, "the empty calendar is wall-clock time")
	_, err = cal.Between(at(1, 13, 10, 0), at(1, 13, 9, 0))
	requireMetricError(t, err, revops.ErrInvalidPeriod, "BusinessCalendar.Between", "to")
	_, err = cal.Between(at(1, 13, 10, 0), at(1, 13, 10, 0).AddDate(101, 0, 0))
	requireMetricError(t, err, revops.ErrOutOfRange, "BusinessCalendar.Between", "to")
}

func TestNewBusinessCalendarErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		h     revops.BusinessHours
		err   error
		field string
	}{
		{"no days", revops.BusinessHours{Open: 0, Close: time.Hour}, revops.ErrOutOfRange, "Days"},
		{"no such day", revops.BusinessHours{Days: []time.Weekday{7}, Close: time.Hour}, revops.ErrOutOfRange, "Days[0]"},
		{"a day twice", revops.BusinessHours{Days: []time.Weekday{1, 2, 1}, Close: time.Hour}, revops.ErrInconsistent, "Days[2]"},
		{"seconds", revops.BusinessHours{Days: weekdays, Open: time.Second, Close: time.Hour}, revops.ErrOutOfRange, "Open"},
		{"past midnight", revops.BusinessHours{Days: weekdays, Close: 25 * time.Hour}, revops.ErrOutOfRange, "Close"},
		{"closes before it opens", revops.BusinessHours{Days: weekdays, Open: 17 * time.Hour, Close: 6 * time.Hour}, revops.ErrOutOfRange, "Close"},
		{"open all of no time", revops.BusinessHours{Days: weekdays, Open: 6 * time.Hour, Close: 6 * time.Hour}, revops.ErrOutOfRange, "Close"},
		{"a fixed zone", revops.BusinessHours{Zone: time.FixedZone("PST", -8*3600), Days: weekdays, Close: time.Hour}, revops.ErrOutOfRange, "Zone"},
		{"a zero holiday", revops.BusinessHours{Days: weekdays, Close: time.Hour, Holidays: []time.Time{{}}}, revops.ErrOutOfRange, "Holidays[0]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := revops.NewBusinessCalendar(tt.h)
			requireMetricError(t, err, tt.err, "NewBusinessCalendar", tt.field)
		})
	}
}

// The leads: weekdays 06:00–17:00 Pacific; answered Tuesday 10:00 → 12:30,
// Friday 16:30 → Monday 06:30 and Saturday 11:00 → Monday 07:00: 2 h 30, 1 h and 1 h
// of working time, a mean of 1 h 30 and a median of 1 h. Wall-clock: 2 h 30, 62 h and
// 44 h, a mean of 36 h 10 and a median of 44 h.
func TestSpeedToLeadBusinessHours(t *testing.T) {
	la := losAngeles(t)
	at := func(d, h, min int) time.Time { return time.Date(2026, 1, d, h, min, 0, 0, la) }
	leads := []revops.Lead{
		{Created: at(13, 10, 0), FirstResponse: at(13, 12, 30)},
		{Created: at(9, 16, 30), FirstResponse: at(12, 6, 30)},
		{Created: at(10, 11, 0), FirstResponse: at(12, 7, 0)},
		{Created: at(14, 9, 0)}, // never contacted
	}
	for _, tt := range []struct {
		name         string
		opts         []revops.LeadOption
		mean, median time.Duration
	}{
		{"business hours", []revops.LeadOption{pacificWeek(t)}, 90 * time.Minute, time.Hour},
		{"business hours in a policy", []revops.LeadOption{revops.Policy{Calendar: pacificWeek(t)}}, 90 * time.Minute, time.Hour},
		{"wall clock", nil, 36*time.Hour + 10*time.Minute, 44 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := revops.SpeedToLead(leads, tt.opts...)
			require.NoError(t, err)
			require.Equal(t, tt.mean, r.Mean)
			require.Equal(t, tt.median, r.Median)
			require.Equal(t, 3, r.Contacted)
			require.Equal(t, 1, r.NeverContacted)

			rows, err := revops.LeadsByPeriod(leads, []revops.Period{revops.MonthIn(2026, 1, la)}, tt.opts...)
			require.NoError(t, err)
			requireMetricValue(t, inSeconds(tt.mean), rows[0].ResponseMean)
			requireMetricValue(t, inSeconds(tt.median), rows[0].ResponseMedian)
		})
	}
	// A response more than a century after its lead cannot be measured in working time.
	late := []revops.Lead{{Created: at(13, 10, 0), FirstResponse: at(13, 10, 0).AddDate(101, 0, 0)}}
	_, err := revops.SpeedToLead(late, pacificWeek(t))
	requireMetricError(t, err, revops.ErrOutOfRange, "SpeedToLead", "leads[0].FirstResponse")
	_, err = revops.LeadsByPeriod(late, []revops.Period{revops.MonthIn(2026, 1, la)}, pacificWeek(t))
	requireMetricError(t, err, revops.ErrOutOfRange, "LeadsByPeriod", "leads[0].FirstResponse")
}

// inSeconds writes d in whole seconds, as LeadPeriod's response times are.
func inSeconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

// A calendar is its text: NewBusinessCalendar and ParseBusinessCalendar write one
// calendar the same way, and a Policy holding one goes through JSON and back; the
// empty calendar is left out of a Policy's JSON.
func TestBusinessCalendarText(t *testing.T) {
	cal := pacificWeek(t)
	require.Equal(t, revops.BusinessCalendar("mon,tue,wed,thu,fri 06:00-17:00 America/Los_Angeles 2026-12-25"), cal)
	for _, text := range []string{
		"mon-fri 06:00-17:00 America/Los_Angeles 2026-12-25",
		"  Friday,MON-thu  06:00-17:00 America/Los_Angeles 2026-12-25 2026-12-25 ",
		"fri,mon,tue,wed,thu 06:00-17:00 America/Los_Angeles 2026-12-25",
	} {
		got, err := revops.ParseBusinessCalendar(text)
		require.NoError(t, err, text)
		require.Equal(t, cal, got, text)
	}
	got, err := revops.ParseBusinessCalendar("fri-mon 00:00-24:00 UTC")
	require.NoError(t, err)
	require.Equal(t, revops.BusinessCalendar("mon,fri,sat,sun 00:00-24:00 UTC"), got, "a range may wrap")

	p := revops.Policy{Calendar: cal}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	require.Contains(t, string(b), `"business_calendar":"mon,tue,wed,thu,fri 06:00-17:00 America/Los_Angeles 2026-12-25"`)
	var q revops.Policy
	require.NoError(t, json.Unmarshal(b, &q))
	require.Equal(t, p, q)
	b, err = json.Marshal(revops.Policy{})
	require.NoError(t, err)
	require.NotContains(t, string(b), "business_calendar")

	for _, bad := range []string{
		"mon-fri 06:00-17:00",
		"mon-fri 06:00-17:00 Nowhere/Else",
		"funday 06:00-17:00 UTC",
		"mon,mon 06:00-17:00 UTC",
		"mon-fri 6am-5pm UTC",
		"mon-fri 17:00-06:00 UTC",
		"mon-fri 06:00-24:01 UTC",
		"mon-fri 06:00-17:00 UTC 25/12/2026",
	} {
		t.Run(bad, func(t *testing.T) {
			_, err := revops.ParseBusinessCalendar(bad)
			requireMetricError(t, err, revops.ErrMalformed, "ParseBusinessCalendar", "")
			err = json.Unmarshal([]byte(`{"business_calendar":"`+bad+`"}`), &q)
			requireMetricError(t, err, revops.ErrMalformed, "BusinessCalendar", "")
		})
	}
	// A calendar that does not parse is refused where it is used.
	_, err = revops.SpeedToLead(nil, revops.BusinessCalendar("every day"))
	requireMetricError(t, err, revops.ErrInvalidOption, "SpeedToLead", "Calendar")
	_, err = json.Marshal(revops.Policy{Calendar: "every day"})
	require.Error(t, err)
}

// drawCalendar draws a working week in Los Angeles or UTC, with up to three holidays
// in 2026.
func drawCalendar(t *rapid.T, la *time.Location) revops.BusinessCalendar {
	var days []time.Weekday
	for d := time.Sunday; d <= time.Saturday; d++ {
		if rapid.Bool().Draw(t, d.String()) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		days = []time.Weekday{time.Monday}
	}
	open := rapid.IntRange(0, 24*60-1).Draw(t, "open")
	closing := rapid.IntRange(open+1, 24*60).Draw(t, "close")
	var holidays []time.Time
	for i := range rapid.IntRange(0, 3).Draw(t, "holidays") {
		holidays = append(holidays, time.Date(2026, 1, 1+rapid.IntRange(0, 364).Draw(t, "holiday"+string(rune('0'+i))), 0, 0, 0, 0, time.UTC))
	}
	zone := la
	if rapid.Bool().Draw(t, "utc") {
		zone = time.UTC
	}
	c, err := revops.NewBusinessCalendar(revops.BusinessHours{Zone: zone, Days: days, Open: time.Duration(open) * time.Minute, Close: time.Duration(closing) * time.Minute, Holidays: holidays})
	if err != nil {
		t.Fatalf("draw: %v", err)
	}
	return c
}

// Properties of working time: between 0 and the wall-clock time; additive, so that
// splitting a span anywhere sums to the whole; a calendar of every hour of every day
// is the wall clock, daylight saving included; and speed to lead in working hours is
// never slower than on the wall clock.
func TestBusinessCalendarProperties(t *testing.T) {
	la := losAngeles(t)
	rapid.Check(t, func(t *rapid.T) {
		cal := drawCalendar(t, la)
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		instant := func(label string) time.Time {
			return base.Add(time.Duration(rapid.Int64Range(0, 365*24*60).Draw(t, label)) * time.Minute)
		}
		a, b, c := instant("a"), instant("b"), instant("c")
		if b.Before(a) {
			a, b = b, a
		}
		if c.Before(b) {
			b, c = c, b
		}
		if b.Before(a) {
			a, b = b, a
		}
		ab := mustOf[time.Duration](t)(cal.Between(a, b))
		bc := mustOf[time.Duration](t)(cal.Between(b, c))
		ac := mustOf[time.Duration](t)(cal.Between(a, c))
		require.Equal(t, ac, ab+bc, "additive")
		require.True(t, ab >= 0 && ab <= b.Sub(a), "bounded: %s of %s", ab, b.Sub(a))

		always := mustOf[revops.BusinessCalendar](t)(revops.NewBusinessCalendar(revops.BusinessHours{Zone: la, Days: []time.Weekday{0, 1, 2, 3, 4, 5, 6}, Close: 24 * time.Hour}))
		require.Equal(t, c.Sub(a), mustOf[time.Duration](t)(always.Between(a, c)), "every hour is the wall clock")

		leads := []revops.Lead{{Created: a, FirstResponse: b}, {Created: b, FirstResponse: c}, {Created: a, FirstResponse: c}}
		work := mustOf[revops.SpeedToLeadResult](t)(revops.SpeedToLead(leads, cal))
		wall := mustOf[revops.SpeedToLeadResult](t)(revops.SpeedToLead(leads))
		require.LessOrEqual(t, work.Mean, wall.Mean)
		require.LessOrEqual(t, work.Median, wall.Median)
	})
}
