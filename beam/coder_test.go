package revopsbeam

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Every type that travels has a binary coding: none holds a field the coder cannot
// code, so a field added to the library's types is coded or this test fails.
func TestCodingsCompile(t *testing.T) {
	for _, c := range codings {
		if c.err != nil {
			t.Error(c.err)
		}
	}
}

// Decoding what the coder encodes gives the value back, exactly: every field, a
// decimal with its exponent, a Recurring with its denominator, a time with its
// location, a Period that steps as the original does, a Metric with its error's kind,
// nil apart from empty; and encoding it again gives the same bytes.
func TestCodingRoundTrips(t *testing.T) {
	for _, c := range codings {
		t.Run(c.typ.String(), func(t *testing.T) {
			rapid.Check(t, func(rt *rapid.T) {
				v := reflect.New(c.typ).Elem()
				fill(rt, v, c.typ.Name())
				b, err := c.encode(v)
				if err != nil {
					rt.Fatal(err)
				}
				w := reflect.New(c.typ).Elem()
				if err := c.decode(b, w); err != nil {
					rt.Fatalf("%v\n%s", err, observe(v))
				}
				if got, want := observe(w), observe(v); got != want {
					rt.Fatalf("decoded:\n%s\nwant:\n%s", got, want)
				}
				again, err := c.encode(w)
				if err != nil || !bytes.Equal(again, b) {
					rt.Fatalf("encoded again: %x, %v; first %x", again, err, b)
				}
			})
		})
	}
}

// A time keeps its location: UTC, Local, a zone of the tz database by name, with its
// daylight saving time, a fixed zone by its name and offset, even when a zone of the
// database has that name (CET), and the zone time.Parse makes of an offset.
func TestCodingZones(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := time.Parse(time.RFC3339, "2025-07-01T00:00:00+05:30")
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{
		time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 7, 1, 0, 0, 0, 0, time.Local),
		time.Date(2025, 7, 1, 0, 0, 0, 0, paris),
		time.Date(2025, 1, 1, 0, 0, 0, 0, paris),
		time.Date(2025, 7, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600)),
		parsed,
	} {
		for _, p := range []revops.Period{revops.MonthIn(at.Year(), at.Month(), at.Location()), revops.YearIn(at.Year(), at.Location())} {
			want := observe(reflect.ValueOf(revops.Span{Start: at, End: p.End()})) + observe(reflect.ValueOf(p))
			b, err := encodeSpan(revops.Span{Start: at, End: p.End()})
			if err != nil {
				t.Fatal(err)
			}
			span, err := decodeSpan(b)
			if err != nil {
				t.Fatal(err)
			}
			tb, err := encodeTotals(revops.Totals{Periods: []revops.PeriodTotals{{Period: p}}})
			if err != nil {
				t.Fatal(err)
			}
			totals, err := decodeTotals(tb)
			if err != nil {
				t.Fatal(err)
			}
			if got := observe(reflect.ValueOf(span)) + observe(reflect.ValueOf(totals.Periods[0].Period)); got != want {
				t.Fatalf("%v:\ngot  %s\nwant %s", at, got, want)
			}
		}
	}
}

// Bytes cut short are an error, never a value or a panic.
func TestCodingRefusesShortBytes(t *testing.T) {
	for _, c := range codings {
		t.Run(c.typ.String(), func(t *testing.T) {
			rapid.Check(t, func(rt *rapid.T) {
				v := reflect.New(c.typ).Elem()
				fill(rt, v, c.typ.Name())
				b, err := c.encode(v)
				if err != nil {
					rt.Fatal(err)
				}
				cut := rapid.IntRange(0, len(b)-1).Draw(rt, "cut")
				if err := c.decode(b[:cut], reflect.New(c.typ).Elem()); err == nil {
					rt.Fatalf("%d of %d bytes decoded", cut, len(b))
				}
			})
		})
	}
}

// Spans as a CSV export gives them, in UTC with monthly amounts, code in a few bytes:
// the row of a file's line in at most 60.
func TestCodingIsCompact(t *testing.T) {
	row := Row{File: "gs://bucket/exports/spans-2025.csv", Line: 491_260, Span: revops.Span{
		Customer: "cus_NffrFeUfNV2Hib", Subscription: "sub_1MowQVLkdIwHu7ix", Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		MRR: revops.Monthly(decimal.RequireFromString("1234.50")), Currency: "USD"}}
	b, err := encodeRow(row)
	if err != nil {
		t.Fatal(err)
	}
	// file 35, line 3, customer 19, subscription 21, item 1, start 7, end 1, MRR 4, currency 4
	if len(b) > 100 {
		t.Fatalf("%d bytes: %x", len(b), b)
	}
}

// fill sets v to a value drawn for its type, field by field, as the coder walks it.
func fill(t *rapid.T, v reflect.Value, name string) {
	switch v.Type() {
	case timeType:
		v.Set(reflect.ValueOf(drawTime(t, name)))
		return
	case decimalType:
		v.Set(reflect.ValueOf(drawDecimal(t, name)))
		return
	case recurringType:
		v.Set(reflect.ValueOf(drawRecurring(t, name)))
		return
	case periodType:
		v.Set(reflect.ValueOf(drawPeriod(t, name)))
		return
	case metricType:
		v.Set(reflect.ValueOf(drawMetric(t, name)))
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(rapid.Bool().Draw(t, name))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := v.Type().Bits()
		v.SetInt(rapid.Int64Range(-1<<(bits-1), 1<<(bits-1)-1).Draw(t, name))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(rapid.Uint64Range(0, math.MaxUint64>>(64-v.Type().Bits())).Draw(t, name))
	case reflect.String:
		v.SetString(rapid.OneOf(rapid.SampledFrom([]string{"", "a", "spans.csv", "USD", "usd"}), rapid.String()).Draw(t, name))
	case reflect.Slice:
		n := rapid.IntRange(-1, 3).Draw(t, name+" length")
		if n < 0 {
			return // nil
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(t, s.Index(i), fmt.Sprintf("%s[%d]", name, i))
		}
		v.Set(s)
	case reflect.Pointer:
		if rapid.Bool().Draw(t, name+" nil") {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(t, p.Elem(), "*"+name)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(t, v.Field(i), name+"."+v.Type().Field(i).Name)
		}
	default:
		t.Fatalf("no generator of %v", v.Type())
	}
}

// zones are the locations drawn times and periods are in: UTC, Local, zones of the tz
// database with daylight saving, half-hour offsets and half-hour shifts, fixed zones
// of an offset and fixed zones named like zones of the database.
var zonesDrawn = func() []*time.Location {
	out := []*time.Location{time.UTC, time.Local, time.FixedZone("", 3600), time.FixedZone("", -16200),
		time.FixedZone("CET", 3600), time.FixedZone("XYZ", 0)}
	for _, name := range []string{"Europe/Paris", "America/Sao_Paulo", "Asia/Kolkata", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		out = append(out, loc)
	}
	return out
}()

func drawZone(t *rapid.T, name string) *time.Location {
	return zonesDrawn[rapid.IntRange(0, len(zonesDrawn)-1).Draw(t, name+" zone")]
}

func drawTime(t *rapid.T, name string) time.Time {
	if rapid.IntRange(0, 4).Draw(t, name+" zero") == 0 {
		return time.Time{}
	}
	sec := rapid.OneOf(rapid.Int64Range(-62135596800, 253402300799), // years 1 to 9999
		rapid.Int64Range(946684800, 2524608000)).Draw(t, name+" seconds") // 2000 to 2050
	nsec := rapid.OneOf(rapid.Just(int64(0)), rapid.Int64Range(0, 999_999_999)).Draw(t, name+" nanoseconds")
	return time.Unix(sec, nsec).In(drawZone(t, name))
}

func drawDecimal(t *rapid.T, name string) decimal.Decimal {
	exp := rapid.Int32Range(-40, 40).Draw(t, name+" exponent")
	if rapid.Bool().Draw(t, name+" big") {
		c := new(big.Int).SetBytes(rapid.SliceOfN(rapid.Byte(), 1, 40).Draw(t, name+" coefficient"))
		if rapid.Bool().Draw(t, name+" negative") {
			c.Neg(c)
		}
		return decimal.NewFromBigInt(c, exp)
	}
	return decimal.New(rapid.Int64().Draw(t, name+" coefficient"), exp)
}

// drawRecurring draws a monthly amount, or the MRR of a charge billed every so many
// days, weeks, months or years (a denominator above 1), less a monthly credit.
func drawRecurring(t *rapid.T, name string) revops.Recurring {
	if rapid.IntRange(0, 5).Draw(t, name+" zero value") == 0 {
		return revops.Recurring{}
	}
	amount := drawDecimal(t, name)
	if rapid.Bool().Draw(t, name+" monthly") {
		return revops.Monthly(amount)
	}
	iv := revops.Interval{Count: rapid.IntRange(1, revops.MaxIntervalCount).Draw(t, name+" count"),
		Unit: rapid.SampledFrom([]revops.IntervalUnit{revops.Days, revops.Weeks, revops.Months, revops.Years}).Draw(t, name+" unit")}
	r, err := revops.ChargeMRR(revops.Charge{Amount: amount.Abs(), Quantity: 1, Interval: iv})
	if err != nil {
		t.Fatal(err)
	}
	if credit := drawDecimal(t, name+" credit"); rapid.Bool().Draw(t, name+" credited") {
		if r, err = r.Add(revops.Monthly(credit.Neg())); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// drawPeriod draws the zero Period, a calendar month, quarter or year in any zone, any
// other period, and one NewPeriod makes over a calendar period's bounds, which steps
// by its duration and not by the calendar.
func drawPeriod(t *rapid.T, name string) revops.Period {
	loc := drawZone(t, name)
	year := rapid.IntRange(1800, 2300).Draw(t, name+" year")
	month := time.Month(rapid.IntRange(1, 12).Draw(t, name+" month"))
	calendar := func(kind int) revops.Period {
		switch kind {
		case 0:
			return revops.MonthIn(year, month, loc)
		case 1:
			q, _ := revops.QuarterIn(year, (int(month)-1)/3+1, loc)
			return q
		}
		return revops.YearIn(year, loc)
	}
	switch rapid.IntRange(0, 3).Draw(t, name+" kind") {
	case 0:
		return revops.Period{}
	case 1:
		return calendar(rapid.IntRange(0, 2).Draw(t, name+" calendar"))
	case 2:
		c := calendar(rapid.IntRange(0, 2).Draw(t, name+" calendar"))
		p, err := revops.NewPeriod(c.Start(), c.End())
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	start := drawTime(t, name+" start")
	if start.IsZero() {
		start = time.Date(year, month, 1, 0, 0, 0, 0, loc)
	}
	p, err := revops.NewPeriod(start, start.Add(time.Duration(rapid.Int64Range(1, 1<<50).Draw(t, name+" duration"))))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// drawMetric draws a value or an undefined metric with an error of any sentinel, made
// as the library decodes them, and the zero Metric.
func drawMetric(t *rapid.T, name string) revops.Metric {
	var m revops.Metric
	var b []byte
	switch rapid.IntRange(0, 2).Draw(t, name+" kind") {
	case 0:
		return m
	case 1:
		b = appendExact([]byte(`{"value":"`), drawDecimal(t, name))
		b = append(b, `"}`...)
	case 2:
		kind := rapid.SampledFrom([]string{"zero_denominator", "negative", "out_of_range", "inconsistent", "currency_mismatch",
			"invalid_period", "invalid_option", "malformed", "no_rate"}).Draw(t, name+" error kind")
		e := map[string]string{"metric": rapid.SampledFrom([]string{"NRR", "GRR", "ARPA"}).Draw(t, name+" metric"),
			"field": rapid.SampledFrom([]string{"", "Start"}).Draw(t, name+" field"), "kind": kind, "detail": rapid.String().Draw(t, name+" detail")}
		var err error
		if b, err = json.Marshal(map[string]any{"value": nil, "error": e}); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.UnmarshalJSON(b); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return m
}

var sentinels = []error{revops.ErrZeroDenominator, revops.ErrNegative, revops.ErrOutOfRange, revops.ErrInconsistent,
	revops.ErrCurrencyMismatch, revops.ErrInvalidPeriod, revops.ErrInvalidOption, revops.ErrMalformed, revops.ErrNoRate}

// observe writes everything a caller can see of v through its exported fields and
// methods: what two values equal for the tests must share.
func observe(v reflect.Value) string {
	var b strings.Builder
	observeTo(&b, v)
	return b.String()
}

func observeTo(b *strings.Builder, v reflect.Value) {
	switch v.Type() {
	case timeType:
		b.WriteString(observeTime(v.Interface().(time.Time)))
		return
	case decimalType:
		b.WriteString(observeDecimal(v.Interface().(decimal.Decimal)))
		return
	case recurringType:
		num, den := v.Interface().(revops.Recurring).Fraction()
		fmt.Fprintf(b, "%s/%d", observeDecimal(num), den)
		return
	case periodType:
		p := v.Interface().(revops.Period)
		if p.IsZero() {
			b.WriteString("zero period")
			return
		}
		fmt.Fprintf(b, "[%s, %s) prev [%s, %s) next", observeTime(p.Start()), observeTime(p.End()), observeTime(p.Prev().Start()), observeTime(p.Prev().End()))
		for range 8 {
			p = p.Next()
			fmt.Fprintf(b, " [%s, %s)", observeTime(p.Start()), observeTime(p.End()))
		}
		return
	case metricType:
		m := v.Interface().(revops.Metric)
		value, err := m.Value()
		if err == nil {
			b.WriteString(observeDecimal(value))
			return
		}
		var e *revops.Error
		if !errors.As(err, &e) {
			fmt.Fprintf(b, "error %v", err)
			return
		}
		fmt.Fprintf(b, "error %q %q %q", e.Metric, e.Field, e.Detail)
		for _, s := range sentinels {
			if errors.Is(err, s) {
				fmt.Fprintf(b, " is %v", s)
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString("[")
		for i := range v.Len() {
			observeTo(b, v.Index(i))
			b.WriteString(", ")
		}
		b.WriteString("]")
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString("&")
		observeTo(b, v.Elem())
	case reflect.Struct:
		b.WriteString("{")
		for i := range v.NumField() {
			b.WriteString(v.Type().Field(i).Name + ": ")
			observeTo(b, v.Field(i))
			b.WriteString("; ")
		}
		b.WriteString("}")
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	default:
		fmt.Fprint(b, v.Interface())
	}
}

func observeTime(t time.Time) string {
	if t == (time.Time{}) {
		return "zero time"
	}
	name, offset := t.Zone()
	return fmt.Sprintf("%d.%09d %s (%s %d)", t.Unix(), t.Nanosecond(), t.Location(), name, offset)
}

func observeDecimal(d decimal.Decimal) string {
	return d.Coefficient().String() + "e" + strconv.Itoa(int(d.Exponent()))
}
