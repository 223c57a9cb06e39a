package revopsbeam

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"sync"
	"time"
	_ "time/tzdata" // a zone a span or a period names loads on a worker without the tz database

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// The values that travel between workers (rows, spans, totals, metrics) are coded in a
// compact binary form, compiled once a type from its fields, which both ends share:
// there are no field names, and Beam carries which type an element is.
//
//   - A bool is a byte; an integer a varint, zigzag when signed.
//   - A string is its length + 1 and its bytes, or 0 when it repeats the string coded
//     last in the same field of the element, so the rows of a batch carry their file
//     and currency once.
//   - A slice is its length + 1, 0 for nil, then its elements; a pointer 0 for nil or 1
//     and its element; a struct its exported fields in order.
//   - A decimal.Decimal is its exponent and its coefficient, as it is: 10.50 stays 1050
//     × 10⁻², not 10.5.
//   - A revops.Recurring is its exact fraction, [revops.Recurring.Fraction]: the
//     denominator, then the numerator.
//   - A time.Time is its Unix seconds and nanoseconds and its location: UTC, a zone of
//     the tz database by name, or a fixed zone by name and offset; the zero Time is one
//     byte. A zone that is none of those (one loaded from custom data) travels as a
//     fixed zone with its name and offset at the instant.
//   - A revops.Period is its kind, a calendar month, quarter or year (by its start) or
//     any other period (by its start and end), so that [revops.Period.Next] steps as
//     the original does, in the original's location.
//   - A revops.Metric is its value, or the library's JSON of its error, whose kind (the
//     sentinel) errors.Is matches again.
//
// A type holding anything else (a map, an interface, a float, a struct with unexported
// fields the list above does not name) has no coding; [newCoding] reports it, so a field
// added to the library's types is either coded or refused, never dropped.

// coding codes the values of one type.
type coding struct {
	typ   reflect.Type
	sites int // string fields, each with the last string coded there
	enc   func(*encoder, reflect.Value)
	dec   func(*decoder, reflect.Value)
	err   error // why the type has no coding; nil when it has one
}

// newCoding compiles the coding of t.
func newCoding(t reflect.Type) *coding {
	c := &compiler{open: map[reflect.Type]bool{}}
	enc, dec, err := c.compile(t)
	if err != nil {
		err = fmt.Errorf("revopsbeam: no binary coding of %v: %w", t, err)
	}
	return &coding{typ: t, sites: c.sites, enc: enc, dec: dec, err: err}
}

// encode returns the bytes of v, a value of the coding's type.
func (c *coding) encode(v reflect.Value) ([]byte, error) {
	if c.err != nil {
		return nil, c.err
	}
	e := &encoder{buf: make([]byte, 0, 64), last: make([]string, c.sites)}
	c.enc(e, v)
	if e.err != nil {
		return nil, fmt.Errorf("revopsbeam: encoding a %v: %w", c.typ, e.err)
	}
	return e.buf, nil
}

// decode decodes b into v, a settable value of the coding's type.
func (c *coding) decode(b []byte, v reflect.Value) error {
	if c.err != nil {
		return c.err
	}
	d := &decoder{buf: b, last: make([]string, c.sites)}
	c.dec(d, v)
	if d.err == nil && len(d.buf) > 0 {
		d.err = fmt.Errorf("%d bytes after the value", len(d.buf))
	}
	if d.err != nil {
		return fmt.Errorf("revopsbeam: decoding a %v: %w", c.typ, d.err)
	}
	return nil
}

// encodeAs and decodeAs are the coder functions of type T, for beam.RegisterCoder.
func encodeAs[T any](c *coding, v T) ([]byte, error) { return c.encode(reflect.ValueOf(&v).Elem()) }

func decodeAs[T any](c *coding, b []byte) (T, error) {
	var v T
	err := c.decode(b, reflect.ValueOf(&v).Elem())
	return v, err
}

type encoder struct {
	buf  []byte
	last []string // by string field: the last string coded there
	err  error    // a value that cannot be coded
	// The zone of the last time coded and how it travels, so that the times of a
	// batch, all in one zone, classify it once.
	zone     *time.Location
	zoneKind byte
}

func (e *encoder) byte(b byte)      { e.buf = append(e.buf, b) }
func (e *encoder) uvarint(x uint64) { e.buf = binary.AppendUvarint(e.buf, x) }
func (e *encoder) varint(x int64)   { e.buf = binary.AppendVarint(e.buf, x) }
func (e *encoder) bytes(b []byte)   { e.uvarint(uint64(len(b))); e.buf = append(e.buf, b...) }

// string codes s in field site: 0 when it repeats the field's last string.
func (e *encoder) string(site int, s string) {
	if s == e.last[site] {
		e.uvarint(0)
		return
	}
	e.last[site] = s
	e.uvarint(uint64(len(s)) + 1)
	e.buf = append(e.buf, s...)
}

type decoder struct {
	buf  []byte
	last []string
	err  error // the first fault; every read after it returns a zero value
}

var errShort = errors.New("the bytes end inside the value")

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.buf = nil
}

func (d *decoder) byte() byte {
	if len(d.buf) == 0 {
		d.fail(errShort)
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *decoder) uvarint() uint64 {
	x, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail(errShort)
		return 0
	}
	d.buf = d.buf[n:]
	return x
}

func (d *decoder) varint() int64 {
	x, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail(errShort)
		return 0
	}
	d.buf = d.buf[n:]
	return x
}

// take returns the next n bytes.
func (d *decoder) take(n uint64) []byte {
	if n > uint64(len(d.buf)) {
		d.fail(errShort)
		return nil
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decoder) bytes() []byte { return d.take(d.uvarint()) }

func (d *decoder) string(site int) string {
	n := d.uvarint()
	if n == 0 {
		return d.last[site]
	}
	s := string(d.take(n - 1))
	d.last[site] = s
	return s
}

// compiler builds a type's coding, numbering its string fields.
type compiler struct {
	sites int
	open  map[reflect.Type]bool // types being compiled, to refuse a recursive one
}

func (c *compiler) site() int {
	c.sites++
	return c.sites - 1
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	decimalType   = reflect.TypeFor[decimal.Decimal]()
	recurringType = reflect.TypeFor[revops.Recurring]()
	periodType    = reflect.TypeFor[revops.Period]()
	metricType    = reflect.TypeFor[revops.Metric]()
)

type (
	encodeFunc = func(*encoder, reflect.Value)
	decodeFunc = func(*decoder, reflect.Value)
)

func (c *compiler) compile(t reflect.Type) (encodeFunc, decodeFunc, error) {
	switch t {
	case timeType:
		site := c.site()
		return func(e *encoder, v reflect.Value) { e.time(site, *addr[time.Time](v)) },
			func(d *decoder, v reflect.Value) { *addr[time.Time](v) = d.time(site) }, nil
	case decimalType:
		return func(e *encoder, v reflect.Value) { e.decimal(*addr[decimal.Decimal](v)) },
			func(d *decoder, v reflect.Value) { *addr[decimal.Decimal](v) = d.decimal() }, nil
	case recurringType:
		return func(e *encoder, v reflect.Value) { e.recurring(*addr[revops.Recurring](v)) },
			func(d *decoder, v reflect.Value) { *addr[revops.Recurring](v) = d.recurring() }, nil
	case periodType:
		site := c.site()
		return func(e *encoder, v reflect.Value) { e.period(site, *addr[revops.Period](v)) },
			func(d *decoder, v reflect.Value) { *addr[revops.Period](v) = d.period(site) }, nil
	case metricType:
		return func(e *encoder, v reflect.Value) { e.metric(*addr[revops.Metric](v)) },
			func(d *decoder, v reflect.Value) { *addr[revops.Metric](v) = d.metric() }, nil
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(e *encoder, v reflect.Value) {
				b := byte(0)
				if v.Bool() {
					b = 1
				}
				e.byte(b)
			}, func(d *decoder, v reflect.Value) {
				switch d.byte() {
				case 0:
				case 1:
					v.SetBool(true)
				default:
					d.fail(errors.New("a bool is neither 0 nor 1"))
				}
			}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(e *encoder, v reflect.Value) { e.varint(v.Int()) },
			func(d *decoder, v reflect.Value) {
				x := d.varint()
				if v.OverflowInt(x) {
					d.fail(fmt.Errorf("%d overflows %v", x, v.Type()))
					return
				}
				v.SetInt(x)
			}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(e *encoder, v reflect.Value) { e.uvarint(v.Uint()) },
			func(d *decoder, v reflect.Value) {
				x := d.uvarint()
				if v.OverflowUint(x) {
					d.fail(fmt.Errorf("%d overflows %v", x, v.Type()))
					return
				}
				v.SetUint(x)
			}, nil
	case reflect.String:
		site := c.site()
		return func(e *encoder, v reflect.Value) { e.string(site, v.String()) },
			func(d *decoder, v reflect.Value) { v.SetString(d.string(site)) }, nil
	case reflect.Slice:
		enc, dec, err := c.compile(t.Elem())
		if err != nil {
			return nil, nil, err
		}
		return func(e *encoder, v reflect.Value) {
				if v.IsNil() {
					e.uvarint(0)
					return
				}
				n := v.Len()
				e.uvarint(uint64(n) + 1)
				for i := range n {
					enc(e, v.Index(i))
				}
			}, func(d *decoder, v reflect.Value) {
				n := d.uvarint()
				if n == 0 {
					return
				}
				if n-1 > uint64(len(d.buf)) { // every element is at least a byte
					d.fail(errShort)
					return
				}
				s := reflect.MakeSlice(v.Type(), int(n-1), int(n-1))
				for i := range int(n - 1) {
					dec(d, s.Index(i))
				}
				v.Set(s)
			}, nil
	case reflect.Pointer:
		enc, dec, err := c.compile(t.Elem())
		if err != nil {
			return nil, nil, err
		}
		return func(e *encoder, v reflect.Value) {
				if v.IsNil() {
					e.byte(0)
					return
				}
				e.byte(1)
				enc(e, v.Elem())
			}, func(d *decoder, v reflect.Value) {
				switch d.byte() {
				case 0:
				case 1:
					p := reflect.New(v.Type().Elem())
					dec(d, p.Elem())
					v.Set(p)
				default:
					d.fail(errors.New("a pointer is neither 0 nor 1"))
				}
			}, nil
	case reflect.Struct:
		if c.open[t] {
			return nil, nil, fmt.Errorf("%v holds itself", t)
		}
		c.open[t] = true
		defer delete(c.open, t)
		var encs []encodeFunc
		var decs []decodeFunc
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				return nil, nil, fmt.Errorf("%v has the unexported field %s", t, f.Name)
			}
			enc, dec, err := c.compile(f.Type)
			if err != nil {
				return nil, nil, err
			}
			encs, decs = append(encs, enc), append(decs, dec)
		}
		if len(encs) == 0 {
			return nil, nil, fmt.Errorf("%v has no field", t) // and would code to no byte
		}
		return func(e *encoder, v reflect.Value) {
				for i, enc := range encs {
					enc(e, v.Field(i))
				}
			}, func(d *decoder, v reflect.Value) {
				for i, dec := range decs {
					dec(d, v.Field(i))
				}
			}, nil
	}
	return nil, nil, fmt.Errorf("%v is a %v", t, t.Kind())
}

// addr returns the T an addressable value holds.
func addr[T any](v reflect.Value) *T { return v.Addr().Interface().(*T) }

// decimal: zigzag(exponent) × 2 + 1 when the coefficient is a big integer, then the
// coefficient, as a varint or as a sign byte and magnitude bytes.
func (e *encoder) decimal(x decimal.Decimal) {
	exp := zigzag(int64(x.Exponent()))
	if x.NumDigits() <= 18 {
		e.uvarint(exp << 1)
		e.varint(x.CoefficientInt64())
		return
	}
	e.uvarint(exp<<1 | 1)
	c := x.Coefficient()
	e.byte(byte(c.Sign() + 1))
	e.bytes(c.Bytes())
}

func (d *decoder) decimal() decimal.Decimal {
	h := d.uvarint()
	exp := unzigzag(h >> 1)
	if int64(int32(exp)) != exp {
		d.fail(fmt.Errorf("the exponent %d is out of range", exp))
		return decimal.Decimal{}
	}
	if h&1 == 0 {
		return decimal.New(d.varint(), int32(exp))
	}
	sign := d.byte()
	c := new(big.Int).SetBytes(d.bytes())
	switch sign {
	case 0:
		c.Neg(c)
	case 1, 2:
	default:
		d.fail(errors.New("a decimal's sign is not 0, 1 or 2"))
	}
	return decimal.NewFromBigInt(c, int32(exp))
}

func zigzag(x int64) uint64   { return uint64(x<<1) ^ uint64(x>>63) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// recurring: the denominator, then the numerator.
func (e *encoder) recurring(r revops.Recurring) {
	num, den := r.Fraction()
	e.uvarint(uint64(den))
	e.decimal(num)
}

func (d *decoder) recurring() revops.Recurring {
	den := d.uvarint()
	num := d.decimal()
	switch {
	case d.err != nil:
		return revops.Recurring{}
	case den == 1:
		return revops.Monthly(num)
	case den == 0 || den > 1<<63-1:
		d.fail(fmt.Errorf("a denominator of %d", den))
		return revops.Recurring{}
	}
	r, err := fraction(num, int64(den))
	if err != nil {
		d.fail(err)
	}
	return r
}

// fraction returns the Recurring num ÷ den, for den > 1: the library makes one from
// outside only from its JSON, which holds the fraction exactly (the numerator written
// with its exponent, so that it comes back as it was) beside the monthly amount it
// rounds to.
func fraction(num decimal.Decimal, den int64) (revops.Recurring, error) {
	d := decimal.NewFromInt(den)
	b := make([]byte, 0, 96)
	b = append(b, `{"mrr":"`...)
	b = append(b, num.DivRound(d, revops.Scale).String()...)
	b = append(b, `","monthly_fraction":"`...)
	b = appendExact(b, num)
	b = append(b, '/')
	b = strconv.AppendInt(b, den, 10)
	b = append(b, `"}`...)
	var r revops.Recurring
	err := r.UnmarshalJSON(b)
	return r, err
}

// appendExact appends x as its coefficient and exponent, "1050e-2", which
// decimal.NewFromString reads back with that exponent.
func appendExact(b []byte, x decimal.Decimal) []byte {
	b = x.Coefficient().Append(b, 10)
	b = append(b, 'e')
	return strconv.AppendInt(b, int64(x.Exponent()), 10)
}

// How a time's location travels.
const (
	zoneNone  = iota // the zero Time
	zoneUTC          // UTC
	zoneNamed        // a zone of the tz database (or Local), by name
	zoneFixed        // a fixed zone, by name and offset
)

func (e *encoder) time(site int, t time.Time) {
	if t == (time.Time{}) {
		e.byte(zoneNone)
		return
	}
	loc := t.Location()
	kind := byte(zoneUTC)
	if loc != time.UTC {
		if loc != e.zone {
			e.zone, e.zoneKind = loc, zoneKindOf(loc)
		}
		kind = e.zoneKind
	}
	e.byte(kind)
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
	switch kind {
	case zoneNamed:
		e.string(site, loc.String())
	case zoneFixed:
		name, offset := t.Zone()
		e.string(site, name)
		e.varint(int64(offset))
	}
}

func (d *decoder) time(site int) time.Time {
	kind := d.byte()
	if kind == zoneNone {
		return time.Time{}
	}
	sec, nsec := d.varint(), d.uvarint()
	if nsec >= 1e9 {
		d.fail(fmt.Errorf("%d nanoseconds", nsec))
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	switch kind {
	case zoneUTC:
		return t.UTC()
	case zoneNamed:
		name := d.string(site)
		loc, err := namedZone(name)
		if err != nil {
			d.fail(err)
			return time.Time{}
		}
		return t.In(loc)
	case zoneFixed:
		name, offset := d.string(site), d.varint()
		if int64(int(offset)) != offset {
			d.fail(fmt.Errorf("an offset of %d s", offset))
			return time.Time{}
		}
		return t.In(fixedZone(name, int(offset)))
	}
	d.fail(fmt.Errorf("a time of kind %d", kind))
	return time.Time{}
}

// zoneKindOf returns how loc travels: by name when the tz database's zone of that name
// is loc (the same name and offset at thirteen instants a month apart, in 1975 and
// 2025, which a fixed zone named like a zone of the database, "CET", is not), else as
// a fixed zone.
func zoneKindOf(loc *time.Location) byte {
	name := loc.String()
	if name == "" { // the zone time.Parse makes of an offset
		return zoneFixed
	}
	named, err := namedZone(name)
	if err != nil {
		return zoneFixed
	}
	for _, year := range []int{1975, 2025} {
		for k := range 13 {
			t := time.Date(year, time.Month(k+1), 1, 12, 0, 0, 0, time.UTC)
			a, x := t.In(loc).Zone()
			b, y := t.In(named).Zone()
			if a != b || x != y {
				return zoneFixed
			}
		}
	}
	return zoneNamed
}

// zones holds the locations decoded times are in, by name (and offset, for fixed
// zones), so that the times of one zone share one *time.Location.
var zones sync.Map // string → *time.Location, or an error

func namedZone(name string) (*time.Location, error) {
	if v, ok := zones.Load(name); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		zones.Store(name, err)
		return nil, err
	}
	v, _ := zones.LoadOrStore(name, loc)
	return v.(*time.Location), nil
}

func fixedZone(name string, offset int) *time.Location {
	key := "\x00" + name + "\x00" + strconv.Itoa(offset) // no zone name holds a NUL
	if v, ok := zones.Load(key); ok {
		return v.(*time.Location)
	}
	v, _ := zones.LoadOrStore(key, time.FixedZone(name, offset))
	return v.(*time.Location)
}

// How a period travels.
const (
	periodZero    = iota // the zero Period
	periodOther          // NewPeriod's: its start and end
	periodMonth          // MonthIn's: its start
	periodQuarter        // QuarterIn's: its start
	periodYear           // YearIn's: its start
)

func (e *encoder) period(site int, p revops.Period) {
	if p.IsZero() {
		e.byte(periodZero)
		return
	}
	kind := calendarKind(p)
	e.byte(kind)
	e.time(site, p.Start())
	if kind == periodOther {
		e.time(site, p.End())
	}
}

func (d *decoder) period(site int) revops.Period {
	kind := d.byte()
	if kind == periodZero {
		return revops.Period{}
	}
	start := d.time(site)
	if d.err != nil {
		return revops.Period{}
	}
	if kind == periodOther {
		p, err := revops.NewPeriod(start, d.time(site))
		if err != nil && d.err == nil {
			d.fail(err)
		}
		return p
	}
	p, ok := calendarPeriod(kind, start)
	if !ok {
		d.fail(fmt.Errorf("a period of kind %d starting %v", kind, start))
	}
	return p
}

// calendarPeriod returns the calendar period of kind that starts at start, in start's
// location, and whether it starts there.
func calendarPeriod(kind byte, start time.Time) (revops.Period, bool) {
	y, m, _ := start.Date()
	loc := start.Location()
	var p revops.Period
	switch kind {
	case periodMonth:
		p = revops.MonthIn(y, m, loc)
	case periodQuarter:
		p, _ = revops.QuarterIn(y, (int(m)-1)/3+1, loc)
	case periodYear:
		p = revops.YearIn(y, loc)
	default:
		return revops.Period{}, false
	}
	return p, p.Start().Equal(start)
}

// calendarKind returns the kind of p: a calendar month, quarter or year when the
// calendar period of that kind starting where p starts has p's bounds and steps as p
// does. A period NewPeriod makes over a calendar month's bounds steps by its duration
// instead: its Next and the month's part within two steps (months and quarters differ
// in length within two), and within eight for a year (seven years of 365 days at most
// follow one another, 2097 to 2103).
func calendarKind(p revops.Period) byte {
	for _, kind := range []byte{periodMonth, periodQuarter, periodYear} {
		c, ok := calendarPeriod(kind, p.Start())
		if !ok || !c.End().Equal(p.End()) {
			continue
		}
		a := p
		for range 8 {
			a, c = a.Next(), c.Next()
			if !a.Start().Equal(c.Start()) || !a.End().Equal(c.End()) {
				return periodOther
			}
		}
		return kind
	}
	return periodOther
}

// metric: 0 and its value, or 1 and the library's JSON of the metric, which names its
// error's sentinel.
func (e *encoder) metric(m revops.Metric) {
	v, err := m.Value()
	if err == nil {
		e.byte(0)
		e.decimal(v)
		return
	}
	b, err := m.MarshalJSON()
	if err != nil && e.err == nil {
		e.err = err
	}
	e.byte(1)
	e.bytes(b)
}

func (d *decoder) metric() revops.Metric {
	var b []byte
	switch d.byte() {
	case 0:
		v := d.decimal()
		b = appendExact([]byte(`{"value":"`), v)
		b = append(b, `"}`...)
	case 1:
		b = d.bytes()
	default:
		d.fail(errors.New("a metric is neither 0 nor 1"))
	}
	var m revops.Metric
	if d.err != nil {
		return m
	}
	if err := m.UnmarshalJSON(b); err != nil {
		d.fail(err)
	}
	return m
}
