package revops

import (
	"errors"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sort"
	"time"

	"github.com/shopspring/decimal"
)

// Span is one stretch of one customer's recurring revenue: MRR a month from Start
// (inclusive) to End (exclusive), in one currency. A customer's MRR at an instant is
// the sum of its spans active then, so a price change is one span ending where the
// next begins, a gap between spans is churn followed by reactivation, two line items
// of one subscription (a plan and an add-on) are two spans that add up, and a credit
// note is a negative span that nets against them.
//
// MRR is exact: a plan of 1,000 a year is the fraction 1000/12 a month ([Monthly]
// makes a span's MRR from a monthly decimal, [ChargeMRR] from a price and its billing
// interval), so the history's sums and its ARR are exact too.
type Span struct {
	Customer     string `json:"customer"`     // customer identifier, not empty
	Subscription string `json:"subscription"` // optional subscription identifier
	// Item is the optional line item of the subscription the span bills (a price, a
	// plan, an add-on). Spans of one customer, subscription and item that bill (MRR
	// ≥ 0) must not overlap; spans of different items of one subscription add up.
	Item     string    `json:"item,omitempty"`
	Start    time.Time `json:"start"`    // first instant of the span; not the zero Time
	End      time.Time `json:"end"`      // first instant after the span, after Start; the zero Time while it still runs
	MRR      Recurring `json:"mrr"`      // monthly recurring revenue during the span; below zero for a credit, which the customer's other spans must cover at every instant
	Currency string    `json:"currency"` // currency code; the same for every span of a History
}

// Monthly returns a monthly amount as the exact [Recurring] a [Span] holds: a span of
// 100 a month has MRR Monthly(decimal.NewFromInt(100)).
func Monthly(mrr decimal.Decimal) Recurring { return Recurring{num: mrr, den: 1} }

// validate checks one span's own fields.
func (s *Span) validate(metric string) error {
	switch {
	case s.Customer == "":
		return newError(metric, "Customer", ErrOutOfRange, "empty customer identifier")
	case s.Start.IsZero():
		return newError(metric, "Start", ErrInvalidPeriod, "zero Start")
	case !s.End.IsZero() && !s.End.After(s.Start):
		return newError(metric, "End", ErrInvalidPeriod, "%s is not after Start %s", s.End.Format(time.RFC3339Nano), s.Start.Format(time.RFC3339Nano))
	case s.MRR.den < 0:
		return newError(metric, "MRR", ErrOutOfRange, "denominator %d < 1", s.MRR.den)
	}
	return finite(metric, "MRR", s.MRR.num)
}

// ChargeSpan is a priced [Charge] with the dates it runs, for [SpanFromCharge].
type ChargeSpan struct {
	Customer     string    `json:"customer"`     // customer identifier, not empty
	Subscription string    `json:"subscription"` // optional subscription identifier
	Item         string    `json:"item"`         // optional line item identifier
	Currency     string    `json:"currency"`     // currency code of the charge
	Start        time.Time `json:"start"`        // first instant the charge runs
	End          time.Time `json:"end"`          // first instant after it; the zero Time while it still runs
	Charge       Charge    `json:"charge"`       // the price, quantity, interval and discount
}

// SpanFromCharge returns the span of a charge that runs from Start to End, its MRR
// normalized by [ChargeMRR], so an annual plan spreads over twelve months and a
// three-year contract over thirty-six:
//
//	Span.MRR = ChargeMRR(Charge)
//
// exactly: a plan of 1,000 a year is 1000/12 a month, and three of them make an ARR of
// 3,000. A one-time charge makes a span of zero MRR. The [Discounts] and
// [LineRounding] choices apply as in ChargeMRR, rounding to the minor units of
// Currency.
//
// Errors: those of [ChargeMRR], naming the field under Charge; [ErrOutOfRange] for an
// empty Customer; [ErrInvalidPeriod] for a zero Start or an End not after Start;
// [ErrInvalidOption] for a nil option or a value outside its type's constants.
func SpanFromCharge(c ChargeSpan, opts ...ChargeOption) (Span, error) {
	const metric = "SpanFromCharge"
	p, err := policyFor(metric, opts)
	if err != nil {
		return Span{}, err
	}
	mrr, err := chargeMRR(metric, c.Charge, p, c.Currency)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Field = "Charge." + e.Field
		}
		return Span{}, err
	}
	s := Span{Customer: c.Customer, Subscription: c.Subscription, Item: c.Item, Start: c.Start, End: c.End, MRR: mrr, Currency: c.Currency}
	return s, s.validate(metric)
}

// InvoiceLine is one line of an invoice or credit note with the service period it pays
// for, for [SpanFromInvoiceLine] and [InvoiceSpans].
type InvoiceLine struct {
	Customer     string    `json:"customer"`      // customer identifier, not empty
	Subscription string    `json:"subscription"`  // optional subscription identifier
	Item         string    `json:"item"`          // optional line item (price, plan, add-on) the line bills
	Currency     string    `json:"currency"`      // currency code of the amount
	ServiceStart time.Time `json:"service_start"` // first instant of the service period
	ServiceEnd   time.Time `json:"service_end"`   // first instant after it; after ServiceStart
	// Amount is the amount billed for the service period, after discounts and without
	// tax; below zero for a credit note's or refund's line, which nets against the
	// lines it overlaps.
	Amount decimal.Decimal `json:"amount"`
	// Interval is the billing interval whose units measure the service period: its
	// Unit (days, weeks, months or years; the zero Interval measures in months). Its
	// Count, 0 (read as 1) to MaxIntervalCount, is the length of a billing step in
	// units (3 months for a quarterly plan): a line's MRR is measured in units, and
	// [InvoiceSpans] measures a credit on the steps of the line it credits.
	Interval Interval `json:"interval"`
	// Anchor is the day of the month the billing cycle renews on, 1 to 31, for monthly
	// and yearly lines (Stripe's billing_cycle_anchor); a month shorter than it renews
	// on its last day. 0 takes the day of ServiceStart, or, when ServiceStart is the
	// last day of its month, the later day that makes ServiceEnd fall on a renewal.
	Anchor int `json:"anchor"`
	// OneTime marks a one-time fee (setup, onboarding): never part of MRR.
	OneTime bool `json:"one_time"`
}

// SpanFromInvoiceLine returns the span of a recurring invoice line over its service
// period, with the amount spread evenly over the billing steps it pays for, as
// invoice-based tools do (ChartMogul divides the amount paid by the number of months
// in the service period: help.chartmogul.com, "Understanding invoice line items in
// ChartMogul"):
//
//	Span.MRR = Amount ÷ (steps of service × months a step)
//
// exactly. A step is a month, a week (12 ÷ 52 of a month), a day (12 ÷ 365) or a year
// (12 months), by the line's Interval. Months and years are counted from the billing
// anchor, clamped to each month's last day, so January 31 to February 28 and February
// 28 to March 31 are one month each and three equal monthly lines give one MRR; a rest
// shorter than a step is its length ÷ the length of the step it lies in: January 1 to
// January 16 is 15/31 of a month. Equal consecutive lines therefore give a constant
// MRR whatever the anchor day.
//
// A rest is measured in time, as Stripe prorates ("down to the second", see
// docs.stripe.com/billing/scripts/prorations): on a yearly line, July 1 to January 1
// is 184/365 of a year. A credit line on its own is measured the same way, so a
// credit of 600 for those six months of a 1,200 year is −99.18… a month; [InvoiceSpans],
// which sees the line it credits, makes it exactly −100.
//
// Errors: [ErrOutOfRange] for an empty Customer, an Anchor outside 0..31, an unknown
// Interval unit, an Interval count outside 0..MaxIntervalCount, or a service period whose exact MRR needs a denominator beyond 2⁶³;
// [ErrInvalidPeriod] for a zero ServiceStart or a ServiceEnd not after it;
// [ErrInconsistent] for a one-time line, which has no MRR ([InvoiceSpans] leaves such
// lines out).
func SpanFromInvoiceLine(l InvoiceLine) (Span, error) {
	return spanFromInvoiceLine("SpanFromInvoiceLine", l)
}

func spanFromInvoiceLine(metric string, l InvoiceLine) (Span, error) {
	switch {
	case l.Customer == "":
		return Span{}, newError(metric, "Customer", ErrOutOfRange, "empty customer identifier")
	case l.ServiceStart.IsZero():
		return Span{}, newError(metric, "ServiceStart", ErrInvalidPeriod, "zero ServiceStart")
	case !l.ServiceEnd.After(l.ServiceStart):
		return Span{}, newError(metric, "ServiceEnd", ErrInvalidPeriod, "%s is not after ServiceStart %s", l.ServiceEnd.Format(time.RFC3339Nano), l.ServiceStart.Format(time.RFC3339Nano))
	case l.Anchor < 0 || l.Anchor > 31:
		return Span{}, newError(metric, "Anchor", ErrOutOfRange, "%d not in 0..31", l.Anchor)
	case l.Interval.Count < 0 || l.Interval.Count > MaxIntervalCount:
		return Span{}, newError(metric, "Interval.Count", ErrOutOfRange, "%d not in 0..%d", l.Interval.Count, MaxIntervalCount)
	case l.OneTime:
		return Span{}, newError(metric, "OneTime", ErrInconsistent, "a one-time line is never part of MRR")
	}
	if err := finite(metric, "Amount", l.Amount); err != nil {
		return Span{}, err
	}
	unit := l.Interval.Unit
	if unit == 0 {
		unit = Months
	}
	mNum, mDen, ok := monthsPerUnit(unit) // months a step
	if !ok {
		return Span{}, newError(metric, "Interval.Unit", ErrOutOfRange, "IntervalUnit(%d) is not Days, Weeks, Months or Years", unit)
	}
	first, last, whole := serviceSteps(l.ServiceStart, l.ServiceEnd, unit, 1, l.Anchor)
	// MRR = Amount ÷ (steps × mNum ÷ mDen) = Amount × mDen ÷ (steps × mNum), where
	// steps = first + last + whole: in int64 where every product fits, else in big.
	num, den, ok := monthsPerStep(first, last, whole, mNum, mDen)
	if !ok {
		steps := new(big.Rat).Add(big.NewRat(first.num, first.den), big.NewRat(last.num, last.den))
		steps.Add(steps, new(big.Rat).SetInt64(whole))
		perMonth := new(big.Rat).Quo(big.NewRat(mDen, mNum), steps)
		if !perMonth.Num().IsInt64() || !perMonth.Denom().IsInt64() {
			return Span{}, newError(metric, "ServiceEnd", ErrOutOfRange, "the service period's share of a step needs a denominator beyond 2^63")
		}
		num, den = perMonth.Num().Int64(), perMonth.Denom().Int64()
	}
	mrr := recurringOf(times(l.Amount, num), den)
	return Span{Customer: l.Customer, Subscription: l.Subscription, Item: l.Item, Start: l.ServiceStart, End: l.ServiceEnd, MRR: mrr, Currency: l.Currency}, nil
}

// InvoiceSpans returns the spans of invoice lines, for [NewHistory]: one per recurring
// line, by [SpanFromInvoiceLine]; one-time lines (setup fees) are left out, since they
// are never part of MRR. Lines of one subscription for one service period (a plan and
// an add-on) add up in the history; a credit note's negative line nets against the
// lines it overlaps, which NewHistory checks never leaves a customer's MRR below zero.
//
// A credit is a rounded amount, and a residue of its rounding would keep a customer
// paying a fraction of a cent for ever. So a credit whose amount is, to within half a
// minor unit of its currency (exactly, for a code not in ISO 4217), the share of a
// line it credits for its service period, prorated by time (as Stripe prorates: 1,200
// × 184/365 = 604.93 for July to December of a 1,200 year) or by calendar months
// (1,200 × 6/12 = 600), gets exactly that line's MRR, negated: the customer is at
// zero over the credit's period and churns when it begins. The credited line is the
// one of the same customer, subscription, item and currency whose service period
// holds the credit's (the latest to start, when several do), and the credit's period
// is measured on that line's own steps: from its start, on its anchor day and clock
// time, in steps of its Interval's Count units (a quarter for a quarterly line).
// Any other credit keeps its own MRR.
//
// Errors: those of SpanFromInvoiceLine, naming the line as "lines[3].ServiceEnd";
// [ErrInvalidOption] for a nil option or a value outside its type's constants. With
// [InvalidRecordsSkip] a line with an error is left out, and a [*Refused] listing
// those left out comes with the spans of the others.
func InvoiceSpans(lines []InvoiceLine, opts ...RecordsOption) ([]Span, error) {
	const metric = "InvoiceSpans"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	out := make([]Span, 0, len(lines))
	from := make([]int, 0, len(lines)) // the line of each span
	refused := refusing(p)
	credits := false
	for i, l := range lines {
		if l.OneTime {
			continue
		}
		s, err := spanFromInvoiceLine(metric, l)
		if err != nil {
			if err = atIndex(err, "lines", i); !refused.keep(i, err) {
				return nil, err
			}
			continue
		}
		out = append(out, s)
		from = append(from, i)
		credits = credits || l.Amount.IsNegative()
	}
	if credits {
		netCredits(lines, out, from)
	}
	return out, refused.err(metric, len(lines))
}

// netCredits makes a credit's MRR exactly the negative of the line it credits when
// its amount is that line's share of the credit's period, prorated by time (as
// Stripe prorates, to the second) or by calendar months, on the line's own grid of
// steps, to within half a minor unit of the currency (the credit is a rounded amount;
// exactly, for a currency that is not in ISO 4217); see InvoiceSpans. Without this, a
// credit of 604.93 for the last 184 days of a 1,200 year leaves 0.00025 a month
// behind, and the customer never churns. Lines are grouped by what they bill and
// sorted by start, so a credit finds its line by a binary search.
func netCredits(lines []InvoiceLine, spans []Span, from []int) {
	type key struct{ customer, subscription, item string }
	type lineGroup struct {
		spans []int       // the spans of positive lines billing one item, by start
		reach []time.Time // reach[x]: the latest end among spans[:x+1]
	}
	billed := map[key]*lineGroup{}
	for k, i := range from {
		if l := &lines[i]; l.Amount.IsPositive() {
			kk := key{l.Customer, l.Subscription, l.Item}
			if billed[kk] == nil {
				billed[kk] = &lineGroup{}
			}
			billed[kk].spans = append(billed[kk].spans, k)
		}
	}
	for _, g := range billed {
		slices.SortStableFunc(g.spans, func(a, b int) int { return lines[from[a]].ServiceStart.Compare(lines[from[b]].ServiceStart) })
		g.reach = make([]time.Time, len(g.spans))
		for x, k := range g.spans {
			g.reach[x] = lines[from[k]].ServiceEnd
			if x > 0 && g.reach[x-1].After(g.reach[x]) {
				g.reach[x] = g.reach[x-1]
			}
		}
	}
	for k, i := range from {
		c := &lines[i]
		if !c.Amount.IsNegative() {
			continue
		}
		tol := new(big.Rat)
		if exp, err := minorUnits("InvoiceSpans", c.Currency); err == nil {
			tol.SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(2), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
		}
		credit := ratOf(c.Amount)
		group := billed[key{c.Customer, c.Subscription, c.Item}]
		if group == nil {
			continue
		}
		// The lines that start by the credit's start, latest first, until none earlier
		// reaches its end: the first that holds the credit is the credited line.
		n := sort.Search(len(group.spans), func(x int) bool { return lines[from[group.spans[x]]].ServiceStart.After(c.ServiceStart) })
		for x := n - 1; x >= 0 && !group.reach[x].Before(c.ServiceEnd); x-- {
			kk := group.spans[x]
			l := &lines[from[kk]]
			if currencyCode(l.Currency) != currencyCode(c.Currency) || l.ServiceEnd.Before(c.ServiceEnd) {
				continue // it does not hold the credit
			}
			// The line's own grid: its steps from its start, its anchor day and clock.
			unit, count := l.Interval.Unit, max(l.Interval.Count, 1)
			anchor := l.Anchor
			if anchor == 0 && unit != Days && unit != Weeks {
				months := count
				if unit == Years {
					months = 12 * count
				}
				anchor = inferAnchor(l.ServiceStart, l.ServiceEnd, months)
			}
			if anchor == 0 {
				anchor = l.ServiceStart.Day()
			}
			amount := ratOf(l.Amount)
			for _, step := range []struct {
				unit  IntervalUnit
				count int
			}{{unit, count}, {Months, 1}} {
				// Months of the line's grid from its start to the credit's end, less
				// those to the credit's start.
				upTo := func(t time.Time) (*big.Rat, bool) {
					if !t.After(l.ServiceStart) {
						return new(big.Rat), true
					}
					return periodMonths(l.ServiceStart, t, step.unit, step.count, anchor)
				}
				toEnd, ok1 := upTo(c.ServiceEnd)
				toStart, ok2 := upTo(c.ServiceStart)
				whole, ok3 := upTo(l.ServiceEnd)
				if !ok1 || !ok2 || !ok3 || whole.Sign() == 0 {
					continue
				}
				// What the line bills for the credit's period: its amount × the
				// credit's share of its months on that grid.
				share := new(big.Rat).Mul(amount, toEnd.Sub(toEnd, toStart))
				share.Quo(share, whole)
				if diff := share.Add(share, credit); diff.Abs(diff).Cmp(tol) <= 0 {
					spans[k].MRR = spans[kk].MRR.neg()
					break
				}
			}
			break // the credited line: the credit nets against it or keeps its own MRR
		}
	}
}

// monthsPerUnit returns the months in one unit as num ÷ den: a day is 12/365 of a
// month, a week 12/52, a year 12; false, and a month, for a unit that is none of
// Days, Weeks, Months or Years.
func monthsPerUnit(unit IntervalUnit) (num, den int64, ok bool) {
	switch unit {
	case Days:
		return 12, 365, true
	case Weeks:
		return 12, 52, true
	case Months:
		return 1, 1, true
	case Years:
		return 12, 1, true
	}
	return 1, 1, false
}

// periodMonths returns the months from start to end measured in steps of count units
// from start and the anchor day (see serviceSteps), exactly, or false past 2⁶³.
func periodMonths(start, end time.Time, unit IntervalUnit, count, anchor int) (*big.Rat, bool) {
	mNum, mDen, _ := monthsPerUnit(unit) // an unknown unit steps in months, as serviceSteps does
	mNum *= int64(count)                 // months a step of count units
	first, last, whole := serviceSteps(start, end, unit, count, anchor)
	num, den, ok := monthsPerStep(first, last, whole, mNum, mDen) // = 1 ÷ months
	if !ok {
		return nil, false
	}
	return big.NewRat(den, num), true
}

// ratOf returns d as an exact fraction.
func ratOf(d decimal.Decimal) *big.Rat {
	r := new(big.Rat).SetInt(d.Coefficient())
	if e := d.Exponent(); e != 0 {
		p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil))
		if e > 0 {
			r.Mul(r, p)
		} else {
			r.Quo(r, p)
		}
	}
	return r
}

// serviceSteps returns the billing steps from start to end, exactly: first + last +
// whole, where first and last are the shares of the steps start and end fall in (a
// part's length ÷ its step's length, in seconds; last is 0 when both fall in one
// step) and whole counts the steps between. A step is count units. Days and weeks
// step from start; months and years step on the anchor day of the month (see
// InvoiceLine.Anchor), clamped to each month's last day.
func serviceSteps(start, end time.Time, unit IntervalUnit, count, anchor int) (first, last fraction, whole int64) {
	var at func(k int) time.Time // the k-th step boundary; at(0) ≤ start < at(1)
	var mean float64             // a step's mean length in seconds, to estimate the last boundary
	switch unit {
	case Days, Weeks:
		days := count
		if unit == Weeks {
			days = 7 * count
		}
		at = func(k int) time.Time { return start.AddDate(0, 0, k*days) }
		mean = float64(days) * 86400
	default:
		months := count
		if unit == Years {
			months = 12 * count
		}
		if anchor == 0 {
			anchor = inferAnchor(start, end, months)
		}
		y, m, _ := start.Date()
		base := y*12 + int(m) - 1 // the month of start, as a month count
		if start.Before(onAnchor(start, base, anchor)) {
			base -= months // start lies before this month's renewal: its step began a step earlier
		}
		at = func(k int) time.Time { return onAnchor(start, base+k*months, anchor) }
		mean = float64(months) * 146097 / 4800 * 86400 // the Gregorian calendar's mean month
	}
	// K is the last boundary before end: at(K) < end ≤ at(K + 1), with at increasing
	// and at(0) ≤ start < end. The estimate from the seconds between start and end
	// and the mean step is within a step or two of it; a search galloping from there
	// and then bisecting finds it in two calls when the estimate is right, and in
	// about 2 log₂ of its error otherwise, however long the line.
	est := (float64(end.Unix()) - float64(start.Unix())) / mean // in float64: no overflow
	k := int(min(max(est, 0), 1<<50))
	lo, hi := 0, 0      // at(lo) < end ≤ at(hi)
	var next time.Time  // at(hi)
	const far = 1 << 50 // more steps than time.Time has days: the search stops there
	if t := at(k); t.Before(end) {
		lo = k
		for step := 1; ; step *= 2 {
			if next = at(lo + step); !next.Before(end) || step >= far {
				hi = lo + step
				break
			}
			lo += step
		}
	} else {
		hi, next = k, t
		for step := 1; ; step *= 2 {
			c := max(hi-step, 0)
			if t := at(c); t.Before(end) || c == 0 {
				lo = c
				break
			}
			hi, next = c, t
		}
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if t := at(mid); t.Before(end) {
			lo = mid
		} else {
			hi, next = mid, t
		}
	}
	k = lo
	share := func(from, to, lo, hi time.Time) fraction {
		part, step := to.Unix()-from.Unix(), hi.Unix()-lo.Unix()
		if part <= 0 {
			part = 1 // a sliver under a second counts as one
		}
		return fraction{part, step}
	}
	if k == 0 {
		return share(start, end, at(0), next), fraction{0, 1}, 0
	}
	one := at(1)
	return share(start, one, at(0), one), share(at(k), end, at(k), next), int64(k - 1)
}

// fraction is num ÷ den, with 0 ≤ num ≤ den: a share of a billing step.
type fraction struct{ num, den int64 }

// monthsPerStep returns mDen ÷ ((first + last + whole) × mNum) in lowest terms, the
// months a step of the interval is worth over the steps, or false when a product
// would pass 2^63.
func monthsPerStep(first, last fraction, whole, mNum, mDen int64) (num, den int64, ok bool) {
	mul := func(a, b int64) int64 {
		hi, lo := bits.Mul64(uint64(a), uint64(b))
		if hi != 0 || lo > math.MaxInt64 {
			ok = false
		}
		return int64(lo)
	}
	add := func(a, b int64) int64 {
		if a > math.MaxInt64-b {
			ok = false
		}
		return a + b
	}
	ok = first.num >= 0 && first.den > 0 && last.num >= 0 && last.den > 0 && whole >= 0
	if !ok {
		return 0, 0, false
	}
	// steps = (first.num × last.den + last.num × first.den + whole × first.den × last.den) ÷ (first.den × last.den)
	d := mul(first.den, last.den)
	n := add(add(mul(first.num, last.den), mul(last.num, first.den)), mul(whole, d))
	num, den = mul(mDen, d), mul(n, mNum)
	if !ok || den == 0 {
		return 0, 0, false
	}
	g := int64(gcd(uint64(num), uint64(den)))
	return num / g, den / g, true
}

// onAnchor returns the renewal in month count m (year × 12 + month − 1) on the anchor
// day, clamped to the month's last day, at start's clock time and location.
func onAnchor(start time.Time, m, anchor int) time.Time {
	y, mo := m/12, m%12 // floored: month counts before year 0 are negative
	if mo < 0 {
		y, mo = y-1, mo+12
	}
	month := time.Month(mo + 1)
	h, mi, s := start.Clock()
	return time.Date(y, month, min(anchor, daysIn(y, month)), h, mi, s, start.Nanosecond(), start.Location())
}

// inferAnchor returns the anchor day of a line of monthly (or yearly) steps that
// starts at start: start's day, or, when start is the last day of its month, the
// later day (up to 31) whose renewals put end on a renewal, when one does.
func inferAnchor(start, end time.Time, months int) int {
	d := start.Day()
	y, m, _ := start.Date()
	if start.AddDate(0, 0, 1).Month() == m { // not the month's last day
		return d
	}
	// A renewal on anchor a in month count n falls in that month, so only the month of
	// end can hold one equal to end: it must be a whole number of steps after start's.
	base := y*12 + int(m) - 1
	ye, me, _ := end.In(start.Location()).Date()
	n := ye*12 + int(me) - 1
	if n <= base || (n-base)%months != 0 {
		return d
	}
	for a := d; a <= 31; a++ {
		if onAnchor(start, n, a).Equal(end) {
			return a
		}
	}
	return d
}
