package revops

import (
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// BillingSubscription is a subscription as a billing system exports it (Stripe's
// subscription object, or Chargebee's and Recurly's alike): its dates, its status at
// the export and when that status began, its priced items and its discounts.
// [BillingSubscription.StatusAt] and [BillingSubscription.MRRAt] read it at any
// instant, and [BillingSpans] turns many of them into the spans of a [History].
//
// Each state applies from the date it began, which the record carries: nothing before
// Start; trialing from TrialStart (Start when zero) to TrialEnd, so a trial offered to
// a subscription that already paid erases none of its paid months; paused from
// PauseStart to PauseEnd (Stripe's pause_collection); ended from its end (EndedAt,
// else the earlier of CancelAt and, with CancelAtPeriodEnd, CurrentPeriodEnd);
// active otherwise. The exported Status adds what the dates cannot say: past_due,
// unpaid or paused hold from StatusSince, the instant the status began, to the end;
// incomplete and incomplete_expired mean the first payment never succeeded, so it
// never paid. A record with such a status and no StatusSince is refused rather than
// dated by the export.
type BillingSubscription struct {
	ID                 string          `json:"id"`                   // subscription identifier; the spans' Subscription
	Customer           string          `json:"customer"`             // customer identifier, not empty
	Currency           string          `json:"currency"`             // currency code of every price
	Start              time.Time       `json:"start"`                // when it began, its trial included (Stripe's start_date); not zero
	TrialStart         time.Time       `json:"trial_start"`          // start of a free trial (Stripe's trial_start), not before Start; zero for Start
	TrialEnd           time.Time       `json:"trial_end"`            // end of the free trial, after TrialStart; zero for none
	BillingAnchor      time.Time       `json:"billing_anchor"`       // the instant its billing periods count from (Stripe's billing_cycle_anchor); zero for its first paid instant
	CurrentPeriodStart time.Time       `json:"current_period_start"` // start of the billing period of the export; informative
	CurrentPeriodEnd   time.Time       `json:"current_period_end"`   // its end, where CancelAtPeriodEnd ends it
	CancelAtPeriodEnd  bool            `json:"cancel_at_period_end"` // it ends at CurrentPeriodEnd, which must then be set
	CancelAt           time.Time       `json:"cancel_at"`            // an end scheduled at a date; zero for none
	CanceledAt         time.Time       `json:"canceled_at"`          // when the cancellation was asked for: informative, revenue runs to the end
	EndedAt            time.Time       `json:"ended_at"`             // when it ended; zero while it runs
	PauseStart         time.Time       `json:"pause_start"`          // start of a pause of collection; zero for none
	PauseEnd           time.Time       `json:"pause_end"`            // when the pause ends (Stripe's resumes_at), after PauseStart; zero while it lasts
	Status             Status          `json:"status"`               // the status at the export
	StatusSince        time.Time       `json:"status_since"`         // when a past_due, unpaid or paused Status began (a status transition's time, an invoice's marked_uncollectible_at); required for them
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

// DatedDiscount is a [Discount] with the dates it is in effect between: a Stripe coupon
// applied as a discount, whose end is set for a repeating coupon. It applies to each
// billing period that starts while it is in effect, for that period's whole length, as
// an invoice carries it: a 3-month coupon on a yearly plan discounts the whole year
// that starts while it runs.
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
	before := func(field string, t time.Time, what string, than time.Time) error {
		return newError(metric, field, ErrInvalidPeriod, "%s is before %s %s", t.Format(time.RFC3339), what, than.Format(time.RFC3339))
	}
	switch {
	case b.Customer == "":
		return newError(metric, "Customer", ErrOutOfRange, "empty customer identifier")
	case b.Start.IsZero():
		return newError(metric, "Start", ErrInvalidPeriod, "zero Start")
	case !b.TrialStart.IsZero() && b.TrialStart.Before(b.Start):
		return before("TrialStart", b.TrialStart, "Start", b.Start)
	case !b.TrialEnd.IsZero() && !b.TrialEnd.After(b.trialStart()):
		return newError(metric, "TrialEnd", ErrInvalidPeriod, "%s is not after the trial's start %s", b.TrialEnd.Format(time.RFC3339), b.trialStart().Format(time.RFC3339))
	case !b.TrialStart.IsZero() && b.TrialEnd.IsZero():
		return newError(metric, "TrialEnd", ErrInconsistent, "a TrialStart with no TrialEnd")
	case !b.PauseEnd.IsZero() && !b.PauseEnd.After(b.PauseStart):
		return newError(metric, "PauseEnd", ErrInvalidPeriod, "%s is not after PauseStart %s", b.PauseEnd.Format(time.RFC3339), b.PauseStart.Format(time.RFC3339))
	case !b.PauseStart.IsZero() && b.PauseStart.Before(b.Start):
		return before("PauseStart", b.PauseStart, "Start", b.Start)
	case b.CancelAtPeriodEnd && b.EndedAt.IsZero() && b.CurrentPeriodEnd.IsZero():
		return newError(metric, "CurrentPeriodEnd", ErrInconsistent, "CancelAtPeriodEnd with no CurrentPeriodEnd")
	case !end.IsZero() && end.Before(b.Start):
		return newError(metric, endField, ErrInvalidPeriod, "ends %s, before Start %s", end.Format(time.RFC3339), b.Start.Format(time.RFC3339))
	case b.Status == StatusCanceled && end.IsZero():
		return newError(metric, "Status", ErrInconsistent, "canceled with no EndedAt, CancelAt or CurrentPeriodEnd")
	case b.Status == StatusTrialing && b.TrialEnd.IsZero():
		return newError(metric, "Status", ErrInconsistent, "trialing with no TrialEnd")
	case b.dated() && b.StatusSince.IsZero():
		return newError(metric, "StatusSince", ErrInconsistent, "status %s with no StatusSince: when it began is unknown, and the export's date is not it", b.Status)
	case b.dated() && b.StatusSince.Before(b.Start):
		return before("StatusSince", b.StatusSince, "Start", b.Start)
	}
	if err := checkEnumField(metric, "Status", b.Status, StatusIncompleteExpired); err != nil {
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

// dated reports whether the exported Status holds from StatusSince.
func (b BillingSubscription) dated() bool {
	return b.Status == StatusPastDue || b.Status == StatusUnpaid || b.Status == StatusPaused
}

// trialStart returns the start of the trial: TrialStart, else Start.
func (b BillingSubscription) trialStart() time.Time {
	if b.TrialStart.IsZero() {
		return b.Start
	}
	return b.TrialStart
}

// anchor returns the instant the billing periods count from: BillingAnchor, else the
// end of a trial the subscription began with, else Start.
func (b BillingSubscription) anchor() time.Time {
	switch {
	case !b.BillingAnchor.IsZero():
		return b.BillingAnchor
	case !b.TrialEnd.IsZero() && !b.trialStart().After(b.Start):
		return b.TrialEnd
	}
	return b.Start
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
// Start, [StatusCanceled] from its end, [StatusIncomplete] or
// [StatusIncompleteExpired] throughout when exported so, [StatusTrialing] from
// TrialStart to TrialEnd, [StatusPaused] from PauseStart to PauseEnd, the exported
// Status past_due, unpaid or paused from StatusSince, and [StatusActive] otherwise.
//
// Errors: [ErrOutOfRange] for an empty Customer or an unknown Status;
// [ErrInvalidPeriod] for a zero Start, a TrialStart, PauseStart, StatusSince or end
// before Start, or a TrialEnd or PauseEnd not after its start; [ErrInconsistent] for
// a canceled subscription with no end date, a trialing one with no TrialEnd, a
// TrialStart without TrialEnd, a past_due, unpaid or paused one with no StatusSince,
// or CancelAtPeriodEnd without CurrentPeriodEnd; the errors of the items and
// discounts as [BillingSubscription.MRRAt] lists them.
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
	case b.Status == StatusIncomplete || b.Status == StatusIncompleteExpired:
		return b.Status
	case !b.TrialEnd.IsZero() && !t.Before(b.trialStart()) && t.Before(b.TrialEnd):
		return StatusTrialing
	case b.dated() && !t.Before(b.StatusSince):
		return b.Status
	case !b.PauseStart.IsZero() && !t.Before(b.PauseStart) && (b.PauseEnd.IsZero() || t.Before(b.PauseEnd)):
		return StatusPaused
	}
	return StatusActive
}

// MRRAt returns the subscription's monthly recurring revenue at instant t, exactly:
// when [BillingSubscription.StatusAt] is active, past_due under [PastDueCounted] (the
// default), or paused under [PausesKeepMRR],
//
//	MRR = Σ over items of (Price × Quantity − item discount) × (1 − subscription percent) ÷ months in the interval
//
// less a subscription-level amount discount (taken off the items' sum per interval,
// which needs one interval for all the items); 0 at any other status. A discount
// applies to each billing period of an item (counted from the billing anchor, in the
// item's interval) that starts while the discount is in effect, for the period's
// whole length, as the invoice of that period carries it, and when the [Discounts]
// choice deducts its duration (a once-off discount never does by default); an amount
// above what it comes off takes it to 0 ([ExcessDiscount]). [LineRounding] rounds
// each item, or the whole after an amount off the subscription.
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
	r, _, err := b.mrrAt(metric, t, p)
	return r, err
}

// mrrAt is MRRAt of a validated subscription, and whether the subscription runs at t
// (active, past due, paused or trialing: a customer who may pay nothing then, as
// opposed to one unpaid, ended or never paid).
func (b BillingSubscription) mrrAt(metric string, t time.Time, p Policy) (Recurring, bool, error) {
	switch b.statusAt(t, b.endUnder(p)) {
	case StatusActive:
	case StatusPastDue:
		if p.PastDue != PastDueCounted {
			return Recurring{}, false, nil
		}
	case StatusPaused:
		if p.Pauses != PausesKeepMRR {
			return Recurring{}, true, nil
		}
	case StatusTrialing:
		return Recurring{}, true, nil
	default:
		return Recurring{}, false, nil
	}
	anchor := b.anchor()
	var subOff *Discount
	var subField string
	if len(b.Items) > 0 {
		subOff, subField = activeDiscount(b.Discounts, billingPeriodStart(anchor, b.Items[0].Interval, t), p, "Discounts")
	}
	var total Recurring
	var sum decimal.Decimal // Σ items net per interval, for an amount off the subscription
	for j, it := range b.Items {
		field := "Items[" + strconv.Itoa(j) + "]"
		period := billingPeriodStart(anchor, it.Interval, t)
		net := it.Price
		if it.Quantity != 1 {
			net = times(net, int64(it.Quantity))
		}
		if d, f := activeDiscount(it.Discounts, period, p, field+".Discounts"); d != nil {
			off, err := d.off(metric, f, net, p)
			if err != nil {
				return Recurring{}, false, err
			}
			net = net.Sub(off)
		}
		if d, _ := activeDiscount(b.Discounts, period, p, "Discounts"); d != nil && !d.Percent.IsZero() {
			net = net.Sub(net.Mul(d.Percent))
		}
		sum = sum.Add(net)
		m, err := perMonth(metric, field+".Interval", net, it.Interval, p, b.Currency)
		if err != nil {
			return Recurring{}, false, err
		}
		var ok bool
		if total, ok = total.add(m); !ok {
			return Recurring{}, false, tooFine(metric, field+".Interval")
		}
	}
	if subOff == nil || subOff.Amount.IsZero() || len(b.Items) == 0 {
		return total, true, nil
	}
	off, err := subOff.off(metric, subField, sum, p)
	if err != nil {
		return Recurring{}, false, err
	}
	r, err := perMonth(metric, "Items[0].Interval", sum.Sub(off), b.Items[0].Interval, p, b.Currency)
	return r, true, err
}

// activeDiscount returns the discount of ds in effect at the start of a billing period
// that p deducts, with its field name, or nil.
func activeDiscount(ds []DatedDiscount, periodStart time.Time, p Policy, field string) (*Discount, string) {
	for k := range ds {
		if ds[k].active(periodStart) && p.deducts(ds[k].Duration) {
			return &ds[k].Discount, field + "[" + strconv.Itoa(k) + "]"
		}
	}
	return nil, ""
}

// billingPeriodStart returns the start of the billing period, of interval iv counted
// from anchor, that holds t: anchor plus a whole number of intervals, months and years
// on the anchor's day clamped to each month's last day. Before the anchor the periods
// count backwards alike.
func billingPeriodStart(anchor time.Time, iv Interval, t time.Time) time.Time {
	count := max(iv.Count, 1)
	switch iv.Unit {
	case Days, Weeks:
		days := count
		if iv.Unit == Weeks {
			days *= 7
		}
		// The steps between the two instants, from their seconds (which, unlike a
		// Duration, cannot saturate), then the boundary at or before t.
		k := int((t.Unix() - anchor.Unix()) / (int64(days) * 86400))
		p := anchor.AddDate(0, 0, k*days)
		for p.After(t) {
			k--
			p = anchor.AddDate(0, 0, k*days)
		}
		for q := anchor.AddDate(0, 0, (k+1)*days); !q.After(t); q = anchor.AddDate(0, 0, (k+1)*days) {
			k, p = k+1, q
		}
		return p
	default:
		months := count
		if iv.Unit == Years {
			months *= 12
		}
		y, m, _ := anchor.Date()
		base := y*12 + int(m) - 1
		ty, tm, _ := t.Date()
		k := ((ty*12 + int(tm) - 1) - base) / months
		if ((ty*12+int(tm)-1)-base)%months < 0 {
			k--
		}
		p := onAnchor(anchor, base+k*months, anchor.Day())
		for p.After(t) {
			k--
			p = onAnchor(anchor, base+k*months, anchor.Day())
		}
		for q := onAnchor(anchor, base+(k+1)*months, anchor.Day()); !q.After(t); q = onAnchor(anchor, base+(k+1)*months, anchor.Day()) {
			k, p = k+1, q
		}
		return p
	}
}

// nextBillingPeriod returns the start of the first billing period, of interval iv
// counted from anchor, that begins at or after t.
func nextBillingPeriod(anchor time.Time, iv Interval, t time.Time) time.Time {
	p := billingPeriodStart(anchor, iv, t)
	if p.Equal(t) {
		return p
	}
	return billingPeriodStart(anchor, iv, billingPeriodEnd(anchor, iv, t))
}

// billingPeriodEnd returns the end of the billing period that holds t.
func billingPeriodEnd(anchor time.Time, iv Interval, t time.Time) time.Time {
	p := billingPeriodStart(anchor, iv, t)
	// The next boundary: step a day at a time past p is too slow for long intervals;
	// ask for the period holding an instant one interval on instead.
	switch iv.Unit {
	case Days, Weeks:
		days := max(iv.Count, 1)
		if iv.Unit == Weeks {
			days *= 7
		}
		return billingPeriodStart(anchor, iv, p.AddDate(0, 0, days))
	default:
		months := max(iv.Count, 1)
		if iv.Unit == Years {
			months *= 12
		}
		// p plus months on the anchor's day: from the month count of p.
		y, m, _ := p.Date()
		return onAnchor(anchor, y*12+int(m)-1+months, anchor.Day())
	}
}

// BillingSpans returns the spans of subscriptions, for [NewHistory]: for each, a span
// per stretch of constant MRR from its start to its end (open while it runs), its MRR
// that of [BillingSubscription.MRRAt], exact, and its Subscription the ID. A stretch
// in which the subscription runs but pays nothing (a trial, a pause that pays nothing,
// a free plan, a 100 % discount, items of quantity 0) is a span of zero MRR, which the
// history's [ZeroMRR] choice counts as churn or as a contraction (and which, before
// the first payment, makes no customer); a stretch unpaid, ended, incomplete or past
// due under [PastDueExcluded] makes no span. MRR changes where a trial or a pause
// starts or ends, where a dated status begins, and at the first billing period of
// each item that starts where a discount comes into or out of effect.
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
	cuts := []time.Time{b.Start, b.TrialStart, b.TrialEnd, b.StatusSince, b.PauseStart, b.PauseEnd}
	anchor := b.anchor()
	for _, it := range b.Items {
		for _, ds := range [][]DatedDiscount{b.Discounts, it.Discounts} {
			for _, d := range ds {
				for _, at := range []time.Time{d.Start, d.End} {
					if !at.IsZero() {
						cuts = append(cuts, nextBillingPeriod(anchor, it.Interval, maxTime(at, b.Start)))
					}
				}
			}
		}
	}
	slices.SortFunc(cuts, func(a, c time.Time) int { return a.Compare(c) })
	var out []Span
	var last Recurring
	lastRuns := false
	for k, at := range cuts {
		if at.Before(b.Start) || (k > 0 && at.Equal(cuts[k-1])) || (!end.IsZero() && !at.Before(end)) {
			continue
		}
		r, runs, err := b.mrrAt(metric, at, p)
		if err != nil {
			return nil, err
		}
		if len(out) > 0 && out[len(out)-1].End.IsZero() {
			if r.Equal(last) && runs == lastRuns {
				continue
			}
			out[len(out)-1].End = at
		}
		last, lastRuns = r, runs
		if runs && r.num.Sign() >= 0 {
			out = append(out, Span{Customer: b.Customer, Subscription: b.ID, Start: at, MRR: r, Currency: b.Currency})
		}
	}
	if len(out) > 0 && out[len(out)-1].End.IsZero() {
		out[len(out)-1].End = end
	}
	return out, nil
}
