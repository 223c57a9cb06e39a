package revops

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// A date written 2006-01-02 is out of range exactly when the calendar has no such
// day, as time.Date's normalizing says (2025-02-29 becomes March 1st), whether
// alone or at the start of an instant; and the readers then refuse it as out of
// range, not as text of another layout.
func TestDayOutOfRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		y := rapid.IntRange(1, 9999).Draw(t, "year")
		m := rapid.IntRange(0, 19).Draw(t, "month")
		d := rapid.IntRange(0, 39).Draw(t, "day")
		s := fmt.Sprintf("%04d-%02d-%02d", y, m, d) + rapid.SampledFrom([]string{"", "T10:00:00Z", " 10:00"}).Draw(t, "time")
		norm := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		exists := norm.Year() == y && int(norm.Month()) == m && norm.Day() == d
		err := dayOutOfRange(s)
		require.Equal(t, !exists, err != nil, "%s: %v", s, err)
		if err != nil {
			require.Equal(t, ErrOutOfRange, dateSentinel(err))
		}
		_, _, perr := dateParser{zone: time.UTC}.parse(s)
		require.Equal(t, !exists, errors.As(perr, new(dayRangeError)), "%s: %v", s, perr)
		sr := &SpanReader{}
		_, _, serr := sr.date(s)
		require.Equal(t, !exists, errors.As(serr, new(dayRangeError)), "%s: %v", s, serr)
	})
	require.EqualError(t, dayOutOfRange("2025-02-29"), `"2025-02-29" is not a day: 2025-02 has 28 days`)
	require.NoError(t, dayOutOfRange("2024-02-29"))
	require.NoError(t, dayOutOfRange("2025-02-2x"), "not a date at all: another layout may read it")
	// Under a layout of another order the text is not read as 2006-01-02.
	_, _, err := dateParser{zone: time.UTC, dateLayout: "2006-02-01"}.parse("2025-30-02")
	require.Error(t, err)
	require.False(t, errors.As(err, new(dayRangeError)), "%v", err)
	require.Equal(t, ErrMalformed, dateSentinel(err))
}
