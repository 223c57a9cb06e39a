package revops

import (
	"math/big"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// monthsPerStep's int64 arithmetic gives the exact fraction big.Rat gives whenever it
// reports that its products fit, and reports false rather than a wrapped value when
// they do not: drawn over every unit, anchor and range, from a second to ten thousand
// years, with step shares in any seconds.
func TestMonthsPerStepIsExact(t *testing.T) {
	units := []struct {
		unit     IntervalUnit
		num, den int64
	}{{Days, 12, 365}, {Weeks, 12, 52}, {Months, 1, 1}, {Years, 12, 1}}
	rapid.Check(t, func(t *rapid.T) {
		u := rapid.SampledFrom(units).Draw(t, "unit")
		base := time.Date(rapid.IntRange(1, 9999).Draw(t, "year"), 1, 1, 0, 0, 0, 0, time.UTC)
		start := base.Add(time.Duration(rapid.Int64Range(1, 366*86400).Draw(t, "startSec")) * time.Second)
		var end time.Time
		if rapid.Bool().Draw(t, "far") {
			end = start.AddDate(rapid.IntRange(0, 9999).Draw(t, "years"), 0, 0).Add(time.Duration(rapid.Int64Range(1, 366*86400).Draw(t, "endSec")) * time.Second)
		} else {
			end = start.Add(time.Duration(rapid.Int64Range(1, 400*86400).Draw(t, "endSec")) * time.Second)
		}
		anchor := rapid.IntRange(0, 31).Draw(t, "anchor")
		first, last, whole := serviceSteps(start, end, u.unit, 1, anchor)
		steps := new(big.Rat).Add(big.NewRat(first.num, first.den), big.NewRat(last.num, last.den))
		steps.Add(steps, new(big.Rat).SetInt64(whole))
		want := new(big.Rat).Quo(big.NewRat(u.den, u.num), steps)
		num, den, ok := monthsPerStep(first, last, whole, u.num, u.den)
		if ok {
			require.Zero(t, want.Cmp(big.NewRat(num, den)), "%s → %s: %d/%d, want %s", start, end, num, den, want)
		}
		// The line's MRR is the amount × that fraction, by either path.
		amount := decimal.New(rapid.Int64Range(1, 1e9).Draw(t, "cents"), -2)
		s, err := SpanFromInvoiceLine(InvoiceLine{Customer: "c", Amount: amount, ServiceStart: start, ServiceEnd: end, Anchor: anchor, Interval: Interval{Count: 1, Unit: u.unit}})
		if !want.Num().IsInt64() || !want.Denom().IsInt64() {
			require.ErrorIs(t, err, ErrOutOfRange)
			return
		}
		require.NoError(t, err)
		mrr := new(big.Rat).Mul(new(big.Rat).SetFrac(amount.Coefficient(), big.NewInt(100)), want)
		got := new(big.Rat).SetFrac(s.MRR.num.Coefficient(), big.NewInt(s.MRR.denominator()))
		pow := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(s.MRR.num.Exponent(), -s.MRR.num.Exponent()))), nil))
		if s.MRR.num.Exponent() >= 0 {
			got.Mul(got, pow)
		} else {
			got.Quo(got, pow)
		}
		require.Zero(t, mrr.Cmp(got), "MRR %s, want %s", s.MRR, mrr.FloatString(20))
	})
	// Shares with coprime lengths near a year, over ten thousand years of days: the
	// products pass 2^63, and the int64 path says so.
	_, _, ok := monthsPerStep(fraction{31622399, 31622400}, fraction{1, 31536001}, 3_650_000, 12, 365)
	require.False(t, ok)
}

// A line over a million years is a million yearly steps, and over ten million years
// 120 million monthly ones, found without walking them (the search for the last
// boundary gallops from an estimate): 100 billed over them is 100 ÷ 10⁶ a year and
// 100 ÷ 1.2 × 10⁸ a month.
func TestLongLinesAreExact(t *testing.T) {
	for _, c := range []struct {
		unit       IntervalUnit
		start, end time.Time
		annual     string
	}{
		{Years, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1_002_000, 1, 1, 0, 0, 0, 0, time.UTC), "0.0001"},
		{Months, time.Date(2000, 1, 31, 0, 0, 0, 0, time.UTC), time.Date(10_002_000, 1, 31, 0, 0, 0, 0, time.UTC), "0.00001"},
		{Months, time.Date(-5_000_000, 3, 31, 0, 0, 0, 0, time.UTC), time.Date(5_000_000, 3, 31, 0, 0, 0, 0, time.UTC), "0.00001"},
	} {
		s, err := SpanFromInvoiceLine(InvoiceLine{Customer: "c", Amount: decimal.NewFromInt(100), ServiceStart: c.start, ServiceEnd: c.end, Interval: Interval{Count: 1, Unit: c.unit}})
		require.NoError(t, err)
		require.Equal(t, c.annual, s.MRR.Annual().String(), "%s to %s", c.start, c.end)
	}
}

// inferAnchor finds the anchor in end's month alone: it agrees with walking every
// renewal from start for every anchor, on month-end starts in zones with DST, for ends
// on a renewal and ends anywhere.
func TestInferAnchorMatchesWalk(t *testing.T) {
	walk := func(start, end time.Time, months int) int {
		d := start.Day()
		y, m, _ := start.Date()
		if start.AddDate(0, 0, 1).Month() == m {
			return d
		}
		base := y*12 + int(m) - 1
		for a := d; a <= 31; a++ {
			for k := 1; ; k++ {
				b := onAnchor(start, base+k*months, a)
				if b.Equal(end) {
					return a
				}
				if b.After(end) {
					break
				}
			}
		}
		return d
	}
	var zones []*time.Location
	for _, name := range []string{"UTC", "America/Santiago", "Asia/Beirut", "Australia/Lord_Howe", "Europe/London"} {
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		zones = append(zones, loc)
	}
	rapid.Check(t, func(t *rapid.T) {
		loc := rapid.SampledFrom(zones).Draw(t, "zone")
		// Short months most of the time: their last day is below some anchors.
		y, m := rapid.IntRange(-50, 2400).Draw(t, "year"), rapid.SampledFrom([]time.Month{2, 2, 4, 6, 9, 11, 1, 12}).Draw(t, "month")
		sec := rapid.IntRange(0, 86399).Draw(t, "second")
		start := time.Date(y, m, daysIn(y, m), 0, 0, sec, 0, loc) // the month's last day
		months := rapid.SampledFrom([]int{1, 12}).Draw(t, "months")
		base := y*12 + int(m) - 1
		var end time.Time
		if rapid.Bool().Draw(t, "onRenewal") {
			end = onAnchor(start, base+rapid.IntRange(1, 40).Draw(t, "k")*months, rapid.IntRange(start.Day()-1, 31).Draw(t, "anchor"))
		} else {
			end = start.Add(time.Duration(rapid.Int64Range(1, 4*366*86400).Draw(t, "seconds")) * time.Second)
		}
		if !end.After(start) {
			return
		}
		require.Equal(t, walk(start, end, months), inferAnchor(start, end, months), "%s → %s", start, end)
	})
}
