package revops_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestReadSpansPlaybook(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "mrr-playbook-subscription_periods.csv"))
	require.NoError(t, err)
	defer f.Close()
	got, err := revops.ReadSpans(f, revops.SpanColumns{})
	require.NoError(t, err)
	want := testdataPlaybookSpans(t) // the same file read field by field with encoding/csv
	require.Len(t, got, 121, "the playbook has 121 subscription periods")
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i].Customer, got[i].Customer, "row %d", i)
		require.Equal(t, want[i].Subscription, got[i].Subscription, "row %d", i)
		require.True(t, want[i].Start.Equal(got[i].Start) && want[i].End.Equal(got[i].End), "row %d", i)
		require.True(t, want[i].MRR.Equal(got[i].MRR), "row %d", i)
	}
}

func TestSpanReaderColumns(t *testing.T) {
	in := "Account,Plan Start,Plan End,Price,Billing,Cur\n" +
		"acme,01/02/2025,,1200,annual,usd\n" +
		"globex,15/01/2025,15/04/2025,300,quarterly,\n" +
		"initech,01/03/2025,01/05/2025,1000,year,EUR\n"
	spans, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{
		Customer: "account", Start: "plan start", End: "plan end", Amount: "price", Interval: "billing",
		Currency: "cur", DateLayout: "02/01/2006", DefaultCurrency: "GBP",
	})
	require.NoError(t, err)
	require.Len(t, spans, 3)
	// 1,200 a year is 100 a month; 300 a quarter is 100 a month; 1,000 a year is
	// 1000/12 = 83.333…, rounded to 16 places.
	requireDecimal(t, "100", spans[0].MRR.Monthly())
	requireDecimal(t, "100", spans[1].MRR.Monthly())
	requireDecimal(t, "83.3333333333333333", spans[2].MRR.Monthly())
	require.Equal(t, "USD", spans[0].Currency, "codes are read upper-case")
	require.Equal(t, "GBP", spans[1].Currency, "an empty cell takes DefaultCurrency")
	require.Equal(t, "EUR", spans[2].Currency)
	require.True(t, spans[0].End.IsZero(), "an empty end is a span still running")
	require.Equal(t, time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), spans[1].Start)
	require.Equal(t, "", spans[0].Subscription, "no subscription column, none read")
}

func TestSpanReaderTimestamps(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\nacme,2025-01-01T09:30:00Z,2025-02-01T00:00:00+01:00,10\n"
	spans, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{})
	require.NoError(t, err)
	require.Equal(t, time.Date(2025, 1, 1, 9, 30, 0, 0, time.UTC), spans[0].Start)
	require.True(t, spans[0].End.Equal(time.Date(2025, 1, 31, 23, 0, 0, 0, time.UTC)))
}

func TestSpanReaderErrors(t *testing.T) {
	const header = "customer_id,start_date,end_date,monthly_amount\n"
	for _, c := range []struct {
		name, row string
		sentinel  error
		field     string
	}{
		{"bad date", "acme,2025-13-01,,10", revops.ErrOutOfRange, `line 2, column "start_date"`}, // a date, of no month
		{"no leap day", "acme,2025-02-29,,10", revops.ErrOutOfRange, `line 2, column "start_date"`},
		{"no such day", "acme,2025-01-01,2025-04-31T00:00:00Z,10", revops.ErrOutOfRange, `line 2, column "end_date"`},
		{"not a date", "acme,01/02/2025,,10", revops.ErrMalformed, `line 2, column "start_date"`},
		{"bad end", "acme,2025-01-01,soon,10", revops.ErrMalformed, `line 2, column "end_date"`},
		{"empty start", "acme,,2025-02-01,10", revops.ErrInvalidPeriod, `line 2, column "start_date"`},
		{"end before start", "acme,2025-02-01,2025-01-01,10", revops.ErrInvalidPeriod, `line 2, column "end_date"`},
		{"end at start", "acme,2025-02-01,2025-02-01,10", revops.ErrInvalidPeriod, `line 2, column "end_date"`},
		{"bad amount", "acme,2025-01-01,,ten", revops.ErrMalformed, `line 2, column "monthly_amount"`},
		{"negative amount", "acme,2025-01-01,,-10", revops.ErrNegative, `line 2, column "monthly_amount"`},
		{"huge exponent", "acme,2025-01-01,,1e2000", revops.ErrOutOfRange, `line 2, column "monthly_amount"`},
		{"empty customer", " ,2025-01-01,,10", revops.ErrOutOfRange, `line 2, column "customer_id"`},
		{"too few fields", "acme,2025-01-01,10", revops.ErrMalformed, "line 2"},
		{"too many fields", "acme,2025-01-01,,10,x", revops.ErrMalformed, "line 2"},
		{"bad quoting", `acme,"2025-01-01,,10`, revops.ErrMalformed, "line 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := revops.ReadSpans(strings.NewReader(header+c.row+"\n"), revops.SpanColumns{})
			requireMetricError(t, err, c.sentinel, "SpanReader", c.field)
		})
	}
	t.Run("bad interval", func(t *testing.T) {
		_, err := revops.ReadSpans(strings.NewReader("customer_id,start_date,end_date,monthly_amount,every\nacme,2025-01-01,,10,fortnight\n"),
			revops.SpanColumns{Interval: "every"})
		requireMetricError(t, err, revops.ErrMalformed, "SpanReader", `line 2, column "every"`)
	})
}

func TestSpanReaderHeader(t *testing.T) {
	for _, c := range []struct {
		name, in       string
		cols           revops.SpanColumns
		detail, column string
	}{
		{"empty file", "", revops.SpanColumns{}, "empty file", ""},
		{"missing column", "customer_id,start_date,monthly_amount\n", revops.SpanColumns{}, `no column "end_date"`, "end_date"},
		{"missing interval column", "customer_id,start_date,end_date,monthly_amount\n", revops.SpanColumns{Interval: "interval"}, `no column "interval"`, "interval"},
		{"missing named subscription column", "\n\ncustomer_id,start_date,end_date,monthly_amount\n", revops.SpanColumns{Subscription: "sub"}, `no column "sub"`, "sub"},
		{"column twice", "customer_id,start_date,end_date,monthly_amount,Customer_ID\n", revops.SpanColumns{}, "appears twice", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := revops.NewSpanReader(strings.NewReader(c.in), c.cols)
			require.Contains(t, err.Error(), c.detail)
			if c.column == "" {
				requireMetricError(t, err, revops.ErrMalformed, "SpanReader", "header")
				return
			}
			// A missing column is named as data: the header's line (blank lines
			// before it are lines too) and the column the caller asked for.
			var e *revops.Error
			require.ErrorAs(t, err, &e)
			require.ErrorIs(t, err, revops.ErrMalformed)
			require.Equal(t, "header", e.Field)
			require.NotNil(t, e.Record)
			require.Equal(t, c.column, e.Record.Column)
			require.Equal(t, strings.Count(c.in, "\n"), e.Record.Line)
		})
	}
	t.Run("byte order mark and spaces", func(t *testing.T) {
		spans, err := revops.ReadSpans(strings.NewReader("\ufeffCustomer_ID , start_date,end_date,monthly_amount\nacme,2025-01-01,,10\n"), revops.SpanColumns{})
		require.NoError(t, err)
		require.Equal(t, "acme", spans[0].Customer)
	})
}

// A row that fails leaves the reader on the next row, and Line names each row's line,
// quoted fields spanning lines included.
func TestSpanReaderGoesOn(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"acme,2025-01-01,,10\n" + // line 2
		"bad,2025-01-01,,-1\n" + // line 3
		"\"multi\nline\",2025-01-01,,20\n" + // lines 4-5
		"short,row\n" + // line 6
		"\"broken,2025-01-01,,5\n" + // line 7: an open quote runs to the end of the file
		""
	r, err := revops.NewSpanReader(strings.NewReader(in), revops.SpanColumns{})
	require.NoError(t, err)
	var lines []int
	var customers []string
	var failed []int
	for {
		s, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			failed = append(failed, r.Line())
			continue
		}
		lines = append(lines, r.Line())
		customers = append(customers, s.Customer)
	}
	require.Equal(t, []int{2, 4}, lines)
	require.Equal(t, []string{"acme", "multi\nline"}, customers)
	require.Equal(t, []int{3, 6, 7}, failed)
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestSpanReaderPassesReadErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := revops.ReadSpans(failingReader{boom}, revops.SpanColumns{})
	require.ErrorIs(t, err, boom)
}

func TestParseInterval(t *testing.T) {
	for _, c := range []struct {
		in   string
		want revops.Interval
	}{
		{"month", revops.Interval{Count: 1, Unit: revops.Months}},
		{"Monthly", revops.Interval{Count: 1, Unit: revops.Months}},
		{" 3 months ", revops.Interval{Count: 3, Unit: revops.Months}},
		{"quarterly", revops.Interval{Count: 3, Unit: revops.Months}},
		{"2 quarters", revops.Interval{Count: 6, Unit: revops.Months}},
		{"annual", revops.Interval{Count: 1, Unit: revops.Years}},
		{"YEAR", revops.Interval{Count: 1, Unit: revops.Years}},
		{"3 years", revops.Interval{Count: 3, Unit: revops.Years}},
		{"week", revops.Interval{Count: 1, Unit: revops.Weeks}},
		{"2 weeks", revops.Interval{Count: 2, Unit: revops.Weeks}},
		{"daily", revops.Interval{Count: 1, Unit: revops.Days}},
		{"30 days", revops.Interval{Count: 30, Unit: revops.Days}},
	} {
		got, err := revops.ParseInterval(c.in)
		require.NoError(t, err, c.in)
		require.Equal(t, c.want, got, c.in)
	}
	for _, bad := range []string{"", "fortnight", "0 days", "0 months", "-1 years", "1.5 years", "3", "every 3 months", "99999999999999999999 years", fmt.Sprint(int(^uint(0)>>1)) + " quarters"} {
		_, err := revops.ParseInterval(bad)
		requireMetricError(t, err, revops.ErrMalformed, "ParseInterval", "")
	}
}

// FuzzSpanReader feeds arbitrary bytes as a CSV file: the reader never panics, every
// error is a *revops.Error or a failure of the reader, and every span it returns is one
// NewHistory takes.
func FuzzSpanReader(f *testing.F) {
	f.Add("customer_id,start_date,end_date,monthly_amount\nacme,2025-01-01,,10\n", "")
	f.Add("customer_id,start_date,end_date,monthly_amount,interval,currency\nacme,2025-01-01,2026-01-01,1200,annual,usd\nx,2025-13-01,,-1,day,\n", "interval")
	f.Add("a,b\n\"\n", "")
	f.Fuzz(func(t *testing.T, in, interval string) {
		r, err := revops.NewSpanReader(strings.NewReader(in), revops.SpanColumns{Interval: interval})
		if err != nil {
			requireRevopsError(t, err)
			return
		}
		for rows := 0; rows < 1000; rows++ {
			s, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				requireRevopsError(t, err)
				continue
			}
			s.Currency = "" // one span's currency is always consistent with itself
			_, err = revops.NewHistory([]revops.Span{s})
			require.NoError(t, err, "a span the reader returns is one NewHistory takes")
		}
	})
}

func BenchmarkReadSpans(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("subscription_id,customer_id,start_date,end_date,monthly_amount,currency\n")
	for i := 0; i < 10_000; i++ {
		fmt.Fprintf(&sb, "%d,c%d,2024-%02d-01,2025-%02d-01,%d.%02d,USD\n", i, i/2, i%12+1, i%12+1, 10+i%500, i%100)
	}
	in := sb.String()
	bench(b, func() {
		if _, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkParseInterval(b *testing.B) {
	bench(b, func() {
		if _, err := revops.ParseInterval("3 months"); err != nil {
			b.Fatal(err)
		}
	})
}

// The fast paths of the reader's dates and amounts read what time.Parse and
// decimal.NewFromString read, to the same value, and leave the rest to them.
func TestReaderFastPathsEqualTheGeneralOnes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(
			rapid.StringMatching(`-?[0-9]{0,20}(\.[0-9]{0,20})?`),
			rapid.StringMatching(`[0-9+eE.-]{0,12}`),
		).Draw(t, "amount")
		want, wantErr := decimal.NewFromString(s)
		in := "customer_id,start_date,end_date,monthly_amount\na,2025-01-01,," + s + "\n"
		spans, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{})
		if wantErr != nil || want.IsNegative() || want.Exponent() < -revops.MaxExponent || want.Exponent() > revops.MaxExponent {
			require.Error(t, err, "%q", s)
			return
		}
		require.NoError(t, err, "%q", s)
		got := spans[0].MRR.Monthly()
		require.True(t, want.Equal(got) && want.Exponent() == got.Exponent(), "%q: %s (exp %d), want %s (exp %d)", s, got, got.Exponent(), want, want.Exponent())
	})
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(
			rapid.StringMatching(`[0-9]{4}-[0-9]{2}-[0-9]{2}`),
			rapid.StringMatching(`[0-9-]{8,11}`),
		).Draw(t, "date")
		want, wantErr := time.Parse(time.DateOnly, s)
		in := "customer_id,start_date,end_date,monthly_amount\na," + s + ",,1\n"
		spans, err := revops.ReadSpans(strings.NewReader(in), revops.SpanColumns{})
		if wantErr != nil || want.IsZero() {
			require.Error(t, err, "%q", s)
			return
		}
		require.NoError(t, err, "%q", s)
		require.True(t, want.Equal(spans[0].Start), "%q: %s, want %s", s, spans[0].Start, want)
	})
}
