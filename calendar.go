package revops

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// BusinessHours describes a working week for [NewBusinessCalendar]: the days and hours
// someone is at work, in one time zone, and the days off.
type BusinessHours struct {
	// Zone is the time zone the hours are kept in, loadable by its name
	// ([time.LoadLocation]): an IANA zone such as America/Los_Angeles, or UTC. Nil is
	// UTC.
	Zone *time.Location
	// Days are the working days, each once: Monday to Friday for a working week.
	Days []time.Weekday
	// Open is the time of day work starts, after midnight: 6 × time.Hour is 06:00. It
	// is a whole number of minutes, 0 ≤ Open < Close.
	Open time.Duration
	// Close is the time of day work stops: 17 × time.Hour is 17:00. It is a whole
	// number of minutes, at most 24 hours (midnight at the end of the day).
	Close time.Duration
	// Holidays are days off, each the calendar date it names: its year, month and day
	// in its own location, whatever that location is.
	Holidays []time.Time
}

// NewBusinessCalendar returns the calendar of the working week h, to pass as an option
// to [SpeedToLead] and [LeadsByPeriod] so that they count response times in working
// hours only. Open and Close are wall-clock times in Zone: on a day that daylight
// saving shortens or lengthens, the working day starts and stops at those times still.
//
// Errors: [ErrOutOfRange] for no Days, a day outside Sunday to Saturday, an Open or
// Close that is not a whole number of minutes or outside 0 ≤ Open < Close ≤ 24 h, a
// Zone that [time.LoadLocation] cannot load by its name (a [time.FixedZone]), or a
// zero holiday; [ErrInconsistent] for a day named twice.
func NewBusinessCalendar(h BusinessHours) (BusinessCalendar, error) {
	const metric = "NewBusinessCalendar"
	s := calendarSpec{zone: "UTC"}
	if len(h.Days) == 0 {
		return "", newError(metric, "Days", ErrOutOfRange, "no working day")
	}
	for i, d := range h.Days {
		switch {
		case d < time.Sunday || d > time.Saturday:
			return "", atIndex(newError(metric, "", ErrOutOfRange, "%d is not a day of the week", int(d)), "Days", i)
		case s.days&(1<<d) != 0:
			return "", atIndex(newError(metric, "", ErrInconsistent, "%s named twice", d), "Days", i)
		}
		s.days |= 1 << d
	}
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"Open", h.Open}, {"Close", h.Close}} {
		if f.d%time.Minute != 0 || f.d < 0 || f.d > 24*time.Hour {
			return "", newError(metric, f.name, ErrOutOfRange, "%s is not a whole number of minutes from 00:00 to 24:00", f.d)
		}
	}
	if h.Open >= h.Close {
		return "", newError(metric, "Close", ErrOutOfRange, "%s is not after Open %s", clock(h.Close), clock(h.Open))
	}
	s.open, s.close = h.Open, h.Close
	if h.Zone != nil && h.Zone != time.UTC {
		s.zone = h.Zone.String()
		if _, err := loadZone(s.zone); err != nil || strings.ContainsAny(s.zone, " \t\n") {
			return "", newError(metric, "Zone", ErrOutOfRange, "%q does not load by its name: use an IANA zone such as America/Los_Angeles", s.zone)
		}
	}
	for i, t := range h.Holidays {
		if t.IsZero() {
			return "", atIndex(newError(metric, "", ErrOutOfRange, "zero holiday"), "Holidays", i)
		}
		s.holidays = append(s.holidays, civilDay(t.Date()))
	}
	return s.calendar(), nil
}

// ParseBusinessCalendar reads a calendar from its text, as a flag or a configuration
// file gives it: the working days, comma-separated, by English name or its first three
// letters, or as a range such as mon-fri; the working hours as HH:MM-HH:MM; the IANA
// zone they are kept in; and any holidays as dates, each a field of its own:
//
//	mon-fri 06:00-17:00 America/Los_Angeles 2026-12-25 2027-01-01
//
// It returns the calendar in the form [NewBusinessCalendar] writes (days listed from
// Monday, holidays sorted), so two texts of one calendar compare equal. The empty
// text is the empty calendar, which counts every instant.
//
// Errors: [ErrMalformed] for text that does not read as above, hours out of order or
// past 24:00, or a zone that [time.LoadLocation] cannot load.
func ParseBusinessCalendar(text string) (BusinessCalendar, error) {
	s, err := BusinessCalendar(text).spec()
	if err != nil {
		return "", newError("ParseBusinessCalendar", "", ErrMalformed, "%v", err)
	}
	if s.days == 0 {
		return "", nil
	}
	if _, err := loadZone(s.zone); err != nil {
		return "", newError("ParseBusinessCalendar", "", ErrMalformed, "zone %q: %v", s.zone, err)
	}
	return s.calendar(), nil
}

// calendarSpec is a BusinessCalendar read from its text.
type calendarSpec struct {
	days        uint8         // bit d set: time.Weekday(d) is a working day; 0 for the empty calendar
	open, close time.Duration // working hours, from midnight
	zone        string        // the zone's name
	holidays    []int32       // days off, in days since 1970-01-01, sorted, each once
}

// mondayFirst lists the weekdays in the order a calendar's text lists them.
var mondayFirst = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// calendar writes s as its text.
func (s calendarSpec) calendar() BusinessCalendar {
	var b strings.Builder
	for _, d := range mondayFirst {
		if s.days&(1<<d) != 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(weekdayNames[d][:3])
		}
	}
	b.WriteString(" " + clock(s.open) + "-" + clock(s.close) + " " + s.zone)
	slices.Sort(s.holidays)
	for _, h := range slices.Compact(s.holidays) {
		b.WriteString(" " + time.Unix(int64(h)*86400, 0).UTC().Format(time.DateOnly))
	}
	return BusinessCalendar(b.String())
}

// spec reads c's text; the empty text is the empty spec.
func (c BusinessCalendar) spec() (calendarSpec, error) {
	fields := strings.Fields(string(c))
	if len(fields) == 0 {
		return calendarSpec{}, nil
	}
	if len(fields) < 3 {
		return calendarSpec{}, fmt.Errorf("%q: want days, hours and a zone, such as \"mon-fri 06:00-17:00 America/Los_Angeles\"", string(c))
	}
	var s calendarSpec
	for _, part := range strings.Split(fields[0], ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, err := weekday(from)
		if err != nil {
			return calendarSpec{}, err
		}
		b := a
		if isRange {
			if b, err = weekday(to); err != nil {
				return calendarSpec{}, err
			}
		}
		for d := a; ; d = (d + 1) % 7 { // a range may wrap: fri-mon
			if s.days&(1<<d) != 0 {
				return calendarSpec{}, fmt.Errorf("%s named twice in %q", d, fields[0])
			}
			s.days |= 1 << d
			if d == b {
				break
			}
		}
	}
	open, closing, ok := strings.Cut(fields[1], "-")
	var err error
	if !ok {
		return calendarSpec{}, fmt.Errorf("%q: want working hours such as 06:00-17:00", fields[1])
	}
	if s.open, err = parseClock(open); err != nil {
		return calendarSpec{}, err
	}
	if s.close, err = parseClock(closing); err != nil {
		return calendarSpec{}, err
	}
	if s.open >= s.close {
		return calendarSpec{}, fmt.Errorf("%q: work stops at %s, not after it starts", fields[1], clock(s.close))
	}
	s.zone = fields[2]
	for _, f := range fields[3:] {
		t, err := time.Parse(time.DateOnly, f)
		if err != nil {
			return calendarSpec{}, fmt.Errorf("%q is not a holiday date such as 2026-12-25", f)
		}
		s.holidays = append(s.holidays, civilDay(t.Date()))
	}
	slices.Sort(s.holidays)
	s.holidays = slices.Compact(s.holidays)
	return s, nil
}

// weekdayNames are the days' English names, from Sunday, as time.Weekday numbers them.
var weekdayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// weekday reads a day's English name or its first three letters, in any case.
func weekday(name string) (time.Weekday, error) {
	for d, full := range weekdayNames {
		if strings.EqualFold(name, full) || strings.EqualFold(name, full[:3]) {
			return time.Weekday(d), nil
		}
	}
	return 0, fmt.Errorf("%q is not a day of the week", name)
}

// clock formats a time of day as "06:00" ("24:00" for the end of the day).
func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// parseClock reads "06:00", up to "24:00".
func parseClock(s string) (time.Duration, error) {
	digit := func(c byte) (int, bool) { return int(c - '0'), c >= '0' && c <= '9' }
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("%q is not a time of day such as 06:00", s)
	}
	h1, ok1 := digit(s[0])
	h2, ok2 := digit(s[1])
	m1, ok3 := digit(s[3])
	m2, ok4 := digit(s[4])
	h, m := 10*h1+h2, 10*m1+m2
	if !ok1 || !ok2 || !ok3 || !ok4 || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("%q is not a time of day from 00:00 to 24:00", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// civilDay numbers a calendar date: days since 1970-01-01.
func civilDay(y int, m time.Month, d int) int32 {
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// location returns the zone the calendar's hours are kept in, loaded.
func (s calendarSpec) location(metric string) (*time.Location, error) {
	loc, err := loadZone(s.zone)
	if err != nil {
		return nil, newError(metric, "Calendar", ErrInvalidOption, "zone %q: %v", s.zone, err)
	}
	return loc, nil
}

// zones caches the zones calendars name, by name: a *time.Location is immutable, and
// loading one reads and parses its zoneinfo file, which would dwarf measuring a
// response time.
var zones sync.Map

// loadZone is time.LoadLocation, cached.
func loadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}

// calendarFor reads c for metric: its spec and zone (nil for the empty calendar).
func (c BusinessCalendar) calendarFor(metric string) (calendarSpec, *time.Location, error) {
	s, err := c.spec()
	if err != nil {
		return calendarSpec{}, nil, newError(metric, "Calendar", ErrInvalidOption, "%v", err)
	}
	if s.days == 0 {
		return s, nil, nil
	}
	loc, err := s.location(metric)
	return s, loc, err
}

// maxCalendarSpan bounds the span working time is measured over, MaxWindowDays.
const maxCalendarSpan = MaxWindowDays * 24 * time.Hour

// Between returns the working time from one instant to a later one: the time within
// working hours, on working days that are not holidays, in the calendar's zone. With
// weekdays from 06:00 to 17:00 in Los Angeles, Friday 16:30 to Monday 06:30 is an
// hour. The empty BusinessCalendar counts every instant: Between is to − from.
//
// Errors: [ErrInvalidPeriod] when to is before from; [ErrOutOfRange] when they are more
// than [MaxWindowDays] days apart; [ErrInvalidOption] for a calendar whose text does
// not parse or whose zone does not load.
func (c BusinessCalendar) Between(from, to time.Time) (time.Duration, error) {
	const metric = "BusinessCalendar.Between"
	if to.Before(from) {
		return 0, newError(metric, "to", ErrInvalidPeriod, "%s is before %s", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	if to.Sub(from) > maxCalendarSpan {
		return 0, newError(metric, "to", ErrOutOfRange, "%s is more than %d days after %s", to.Format(time.RFC3339), MaxWindowDays, from.Format(time.RFC3339))
	}
	s, loc, err := c.calendarFor(metric)
	if err != nil {
		return 0, err
	}
	if s.days == 0 {
		return to.Sub(from), nil
	}
	return s.work(loc, from, to), nil
}

// work returns the working time in [from, to), a span of at most maxCalendarSpan, with
// s's hours kept in loc: one step a calendar day.
func (s calendarSpec) work(loc *time.Location, from, to time.Time) time.Duration {
	var total time.Duration
	y, m, d := from.In(loc).Date()
	for day := time.Date(y, m, d, 0, 0, 0, 0, loc); day.Before(to); {
		next := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
		if s.days&(1<<day.Weekday()) != 0 && !s.holiday(y, m, d) {
			// Wall-clock times: time.Date normalizes the nanoseconds into the day's
			// hours and minutes before it applies the zone's offset.
			open := time.Date(y, m, d, 0, 0, 0, int(s.open), loc)
			end := time.Date(y, m, d, 0, 0, 0, int(s.close), loc)
			if open.Before(from) {
				open = from
			}
			if end.After(to) {
				end = to
			}
			if end.After(open) {
				total += end.Sub(open)
			}
		}
		day = next
		y, m, d = next.Date()
	}
	return total
}

// holiday reports whether the calendar date (y, m, d) is a day off.
func (s calendarSpec) holiday(y int, m time.Month, d int) bool {
	if len(s.holidays) == 0 {
		return false
	}
	_, found := slices.BinarySearch(s.holidays, civilDay(y, m, d))
	return found
}

// MarshalText returns the calendar's text.
//
// Errors: [ErrInvalidOption] for text that does not parse, so a policy holding one
// does not encode.
func (c BusinessCalendar) MarshalText() ([]byte, error) {
	if _, err := c.spec(); err != nil {
		return nil, newError("BusinessCalendar", "", ErrInvalidOption, "%v", err)
	}
	return []byte(c), nil
}

// UnmarshalText reads a calendar as [ParseBusinessCalendar] does.
//
// Errors: those of ParseBusinessCalendar.
func (c *BusinessCalendar) UnmarshalText(b []byte) error {
	cal, err := ParseBusinessCalendar(string(b))
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Metric = "BusinessCalendar"
		}
		return err
	}
	*c = cal
	return nil
}
