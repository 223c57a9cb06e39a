package revops

import (
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// BillingSubscription is a subscription as a billing system exports it (Stripe's
// subscription object, or Chargebee's and Recurly's alike): its dates, its status at
// the export, its priced items and its discounts. [BillingSubscription.StatusAt] and
// [BillingSubscription.MRRAt] read it at any instant, and [BillingSpans] turns many of
// them into the spans of a [History].
//
// The dates decide what it was at an instant: nothing before Start, trialing before
// TrialEnd, ended from its end (EndedAt, else the earlier of CancelAt and, with
// CancelAtPeriodEnd, CurrentPeriodEnd), active in between. The exported Status adds
// what dates cannot say: past_due, unpaid or paused holds from CurrentPeriodStart (the
// period the export is in; Start when zero) to the end.
type BillingSubscription struct {
	ID                 string          `json:"id"`                   // subscription identifier; the spans' Subscription
	Customer           string          `json:"customer"`             // customer identifier, not empty
	Currency           string          `json:"currency"`             // currency code of every price
	Start              time.Time       `json:"start"`                // when it began, its trial included (Stripe's start_date); not zero
	TrialEnd           time.Time       `json:"trial_end"`            // end of the free trial, not before Start; zero for none
	CurrentPeriodStart time.Time       `json:"current_period_start"` // start of the billing period of the export; zero when unknown
	CurrentPeriodEnd   time.Time       `json:"current_period_end"`   // its end, where CancelAtPeriodEnd ends it
	CancelAtPeriodEnd  bool            `json:"cancel_at_period_end"` // it ends at CurrentPeriodEnd, which must then be set
	CancelAt           time.Time       `json:"cancel_at"`            // an end scheduled at a date; zero for none
	CanceledAt         time.Time       `json:"canceled_at"`          // when the cancellation was asked for: informative, revenue runs to the end
	EndedAt            time.Time       `json:"ended_at"`             // when it ended; zero while it runs
	Status             Status          `json:"status"`               // the status at the export
	Items              []BillingItem   `json:"items"`                // its priced lines
	Discounts          []DatedDiscount `json:"discounts"`            // discounts on the whole subscription
}

// BillingItem is one priced line of a [BillingSubscription].
type BillingItem struct {
	Price     decimal.Decimal `json:"price"`     // price per unit per interval, before discounts and without tax, ≥ 0
	Quantity  int             `json:"quantity"`  // units, ≥ 0; 0 bills nothing
	Interval  Interval        `json:"interval"`  // how often it bills
	Discounts []DatedDiscount `json:"discounts"` // discounts on this item; at most one that recurs applies at any instant
}

// DatedDiscount is a [Discount] with the dates it applies between: a Stripe coupon
// applied as a discount, whose end is set for a repeating coupon.
type DatedDiscount struct {
	Discount
	Start time.Time `json:"start"` // first instant it applies; zero for the subscription's start
	End   time.Time `json:"end"`   // first instant it no longer applies, after Start; zero while it lasts
}

// active reports whether d applies at t.
func (d DatedDiscount) active(t time.Time) bool {
	return !t.Before(d.Start) && (d.End.IsZero() || t.Before(d.End))
}

// end returns the instant the subscription stops paying, zero while it runs.
func (b BillingSubscription) end() time.Time {
	end, _ := b.endField()
	return end
}

// endField returns the instant the subscription stops paying, zero while it runs,
// and the field that sets it: EndedAt, else the earlier of CancelAt and, with
// CancelAtPeriodEnd, CurrentPeriodEnd.
func (b BillingSubscription) endField() (time.Time, string) {
	if !b.EndedAt.IsZero() {
		return b.EndedAt, "EndedAt"
	}
	end, field := b.CancelAt, "CancelAt"
	if b.CancelAtPeriodEnd && (end.IsZero() || b.CurrentPeriodEnd.Before(end)) {
		end, field = b.CurrentPeriodEnd, "CurrentPeriodEnd"
	}
	return end, field
}

// endUnder returns the instant its MRR stops under p's [ChurnRecognition]: at the
// cancellation request, when it is recognized there and comes before the end.
func (b BillingSubscription) endUnder(p Policy) time.Time {
	end := b.end()
	if p.ChurnRecognition == ChurnAtCancellation && !b.CanceledAt.IsZero() && !end.IsZero() && b.CanceledAt.Before(end) {
		return maxTime(b.CanceledAt, b.Start)
	}
	return end
}

// maxTime returns the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// validate checks the record once, so that StatusAt and MRRAt fail on nothing but
// what an instant adds (an excess discount refused by the policy).
func (b BillingSubscription) validate(metric string) error {
	end, endField := b.endField()
	switch {
	case b.Customer == "":
		return newError(metric, "Customer", ErrOutOfRange, "empty customer identifier")
	case b.Start.IsZero():
		return newError(metric, "Start", ErrInvalidPeriod, "zero Start")
	case !b.TrialEnd.IsZero() && b.TrialEnd.Before(b.Start):
		return newError(metric, "TrialEnd", ErrInvalidPeriod, "%s is before Start %s", b.TrialEnd.Format(time.RFC3339), b.Start.Format(time.RFC3339))
	case b.CancelAtPeriodEnd && b.EndedAt.IsZero() && b.CurrentPeriodEnd.IsZero():
		return newError(metric, "CurrentPeriodEnd", ErrInconsistent, "CancelAtPeriodEnd with no CurrentPeriodEnd")
	case !end.IsZero() && end.Before(b.Start):
		return newError(metric, endField, ErrInvalidPeriod, "ends %s, before Start %s", end.Format(time.RFC3339), b.Start.Format(time.RFC3339))
	case b.Status == StatusCanceled && end.IsZero():
		return newError(metric, "Status", ErrInconsistent, "canceled with no EndedAt, CancelAt or CurrentPeriodEnd")
	case b.Status == StatusTrialing && b.TrialEnd.IsZero():
		return newError(metric, "Status", ErrInconsistent, "trialing with no TrialEnd")
	}
	if err := checkEnumField(metric, "Status", b.Status, StatusNotStarted); err != nil {
		return err
	}
	var interval Interval
	for j, it := range b.Items {
		field := "Items[" + strconv.Itoa(j) + "]"
		if err := firstError(
			nonNegative(metric, field+".Price", it.Price),
			nonNegativeCount(metric, field+".Quantity", it.Quantity),
		); err != nil {
			return err
		}
		if _, _, err := it.Interval.months(metric, field+".Interval"); err != nil {
			return err
		}
		if err := checkDiscounts(metric, field+".Discounts", it.Discounts); err != nil {
			return err
		}
		if j > 0 && it.Interval != interval {
			for k, d := range b.Discounts {
				if !d.Amount.IsZero() {
					return newError(metric, "Discounts["+strconv.Itoa(k)+"].Amount", ErrInconsistent,
						"an amount off the subscription needs one billing interval, and it has %d %s and %d %s", interval.Count, interval.Unit, it.Interval.Count, it.Interval.Unit)
				}
			}
		}
		interval = it.Interval
	}
	return checkDiscounts(metric, "Discounts", b.Discounts)
}

// checkDiscounts validates each discount and refuses two that apply at once.
func checkDiscounts(metric, field string, ds []DatedDiscount) error {
	for k, d := range ds {
		f := field + "[" + strconv.Itoa(k) + "]"
		if _, err := d.off(metric, f, decimal.Zero, Policy{}); err != nil {
			return err
		}
		if !d.End.IsZero() && !d.End.After(d.Start) {
			return newError(metric, f+".End", ErrInvalidPeriod, "%s is not after Start %s", d.End.Format(time.RFC3339), d.Start.Format(time.RFC3339))
		}
		for l, e := range ds[:k] { // a once-off discount never counts, so it may overlap
			if d.Duration != DiscountOnce && e.Duration != DiscountOnce &&
				(e.End.IsZero() || d.Start.Before(e.End)) && (d.End.IsZero() || e.Start.Before(d.End)) {
				return newError(metric, f, ErrInconsistent, "applies at the same time as %s[%d]", field, l)
			}
		}
	}
	return nil
}

// StatusAt returns the subscription's status at instant t: [StatusNotStarted] before
// Start, [StatusCanceled] from its end, [StatusTrialing] before TrialEnd, the
// exported Status past_due, unpaid or paused from CurrentPeriodStart, and
// [StatusActive] otherwise.
//
// Errors: [ErrOutOfRange] for an empty Customer or an unknown Status;
// [ErrInvalidPeriod] for a zero Start, a TrialEnd or end before Start;
// [ErrInconsistent] for a canceled subscription with no end date, a trialing one with
// no TrialEnd, or CancelAtPeriodEnd without CurrentPeriodEnd; the errors of the items
// and discounts as [BillingSubscription.MRRAt] lists them.
func (b BillingSubscription) StatusAt(t time.Time) (Status, error) {
	const metric = "BillingSubscription.StatusAt"
	if err := b.validate(metric); err != nil {
		return 0, err
	}
	return b.statusAt(t, b.end()), nil
}

// statusAt is StatusAt of a validated subscription that stops paying at end.
func (b BillingSubscription) statusAt(t, end time.Time) Status {
	switch {
	case t.Before(b.Start):
		return StatusNotStarted
	case !end.IsZero() && !t.Before(end):
		return StatusCanceled
	case t.Before(b.TrialEnd):
		return StatusTrialing
	}
	switch b.Status {
	case StatusPastDue, StatusUnpaid, StatusPaused:
		from := b.CurrentPeriodStart
		if from.IsZero() {
			from = b.Start
		}
		if !t.Before(from) {
			return b.Status
		}
	}
	return StatusActive
}

// MRRAt returns the subscription's monthly recurring revenue at instant t, exactly:
// when [BillingSubscription.StatusAt] is active, or past_due under [PastDueCounted]
// (the default),
//
//	MRR = Σ over items of (Price × Quantity − item discount) × (1 − subscription percent) ÷ months in the interval
//
// less a subscription-level amount discount (taken off the items' sum per interval,
// which needs one interval for all the items); 0 at any other status. A discount
// counts while t is in [Start, End) and the [Discounts] choice deducts its duration
// (a once-off discount never does); an amount above what it comes off takes it to 0
// ([ExcessDiscount]). [LineRounding] rounds each item, or the whole after an amount
// off the subscription.
//
// Errors: those of [BillingSubscription.StatusAt]; for an item or a discount, those of
// [ChargeMRR], naming it ("Items[1].Discounts[0].Percent"); [ErrInconsistent] for two
// discounts of one item or of the subscription that apply at once, an amount off a
// subscription whose items bill at different intervals, or, with
// [ExcessDiscountRefused], a discount above its price at t; [ErrInvalidPeriod] for a
// discount whose End is not after its Start; [ErrInvalidOption] for a nil option or a
// value outside its type's constants.
func (b BillingSubscription) MRRAt(t time.Time, opts ...MRROption) (Recurring, error) {
	const metric = "BillingSubscription.MRRAt"
	p, err := policyFor(metric, opts)
	if err != nil {
		return Recurring{}, err
	}
	if err := b.validate(metric); err != nil {
		return Recurring{}, err
	}
	return b.mrrAt(metric, t, p)
}

// mrrAt is MRRAt of a validated subscription.
func (b BillingSubscription) mrrAt(metric string, t time.Time, p Policy) (Recurring, error) {
	switch b.statusAt(t, b.endUnder(p)) {
	case StatusActive:
	case StatusPastDue:
		if p.PastDue != PastDueCounted {
			return Recurring{}, nil
		}
	default:
		return Recurring{}, nil
	}
	subOff, subField := activeDiscount(b.Discounts, t, p, "Discounts")
	var total Recurring
	var sum decimal.Decimal // Σ items net per interval, for an amount off the subscription
	for j, it := range b.Items {
		field := "Items[" + strconv.Itoa(j) + "]"
		net := it.Price
		if it.Quantity != 1 {
			net = times(net, int64(it.Quantity))
		}
		if d, f := activeDiscount(it.Discounts, t, p, field+".Discounts"); d != nil {
			off, err := d.off(metric, f, net, p)
			if err != nil {
				return Recurring{}, err
			}
			net = net.Sub(off)
		}
		if subOff != nil && !subOff.Percent.IsZero() {
			net = net.Sub(net.Mul(subOff.Percent))
		}
		sum = sum.Add(net)
		m, err := perMonth(metric, field+".Interval", net, it.Interval, p, b.Currency)
		if err != nil {
			return Recurring{}, err
		}
		var ok bool
		if total, ok = total.add(m); !ok {
			return Recurring{}, tooFine(metric, field+".Interval")
		}
	}
	if subOff == nil || subOff.Amount.IsZero() || len(b.Items) == 0 {
		return total, nil
	}
	off, err := subOff.off(metric, subField, sum, p)
	if err != nil {
		return Recurring{}, err
	}
	return perMonth(metric, "Items[0].Interval", sum.Sub(off), b.Items[0].Interval, p, b.Currency)
}

// activeDiscount returns the discount of ds that applies at t and that p deducts, with
// its field name, or nil.
func activeDiscount(ds []DatedDiscount, t time.Time, p Policy, field string) (*Discount, string) {
	for k := range ds {
		if ds[k].active(t) && p.deducts(ds[k].Duration) {
			return &ds[k].Discount, field + "[" + strconv.Itoa(k) + "]"
		}
	}
	return nil, ""
}

// BillingSpans returns the spans of subscriptions, for [NewHistory]: for each, a span
// per stretch of constant MRR from its start to its end (open while it runs), its MRR
// that of [BillingSubscription.MRRAt], rounded to [Scale] places when it does not
// terminate, and its Subscription the ID. Stretches of zero MRR (a trial, an unpaid
// stretch, items of quantity 0) make no span, so a customer is churned while they
// last. MRR changes where the trial ends, where a discount starts or ends, and at
// CurrentPeriodStart for an exported past_due, unpaid or paused status.
//
// Errors: those of [BillingSubscription.MRRAt], naming the subscription, as
// "subs[3].Items[0].Price". With [InvalidRecordsSkip] a subscription with an error
// is left out, and a [*Refused] listing those left out comes with the spans of the
// others.
func BillingSpans(subs []BillingSubscription, opts ...MRROption) ([]Span, error) {
	const metric = "BillingSpans"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	var spans []Span
	refused := refusing(p)
	for i, b := range subs {
		got, err := b.spans(metric, p)
		if err != nil {
			if err = atIndex(err, "subs", i); !refused.keep(i, err) {
				return nil, err
			}
			continue
		}
		spans = append(spans, got...)
	}
	return spans, refused.err(metric, len(subs))
}

// spans returns b's spans (see BillingSpans).
func (b BillingSubscription) spans(metric string, p Policy) ([]Span, error) {
	if err := b.validate(metric); err != nil {
		return nil, err
	}
	end := b.endUnder(p)
	cuts := []time.Time{b.Start, b.TrialEnd, b.CurrentPeriodStart}
	for _, ds := range append([][]DatedDiscount{b.Discounts}, itemDiscounts(b.Items)...) {
		for _, d := range ds {
			cuts = append(cuts, d.Start, d.End)
		}
	}
	slices.SortFunc(cuts, func(a, c time.Time) int { return a.Compare(c) })
	var out []Span
	var last Recurring
	for k, at := range cuts {
		if at.Before(b.Start) || (k > 0 && at.Equal(cuts[k-1])) || (!end.IsZero() && !at.Before(end)) {
			continue
		}
		r, err := b.mrrAt(metric, at, p)
		if err != nil {
			return nil, err
		}
		if len(out) > 0 && out[len(out)-1].End.IsZero() {
			if r.Equal(last) {
				continue
			}
			out[len(out)-1].End = at
		}
		last = r
		if r.num.IsPositive() {
			out = append(out, Span{Customer: b.Customer, Subscription: b.ID, Start: at, MRR: r, Currency: b.Currency})
		}
	}
	if len(out) > 0 && out[len(out)-1].End.IsZero() {
		out[len(out)-1].End = end
	}
	return out, nil
}

// itemDiscounts returns each item's discounts.
func itemDiscounts(items []BillingItem) [][]DatedDiscount {
	out := make([][]DatedDiscount, len(items))
	for j, it := range items {
		out[j] = it.Discounts
	}
	return out
}
