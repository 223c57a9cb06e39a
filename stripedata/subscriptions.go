package stripedata

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// Subscriptions returns Stripe subscription objects as the API returns them (one
// object, a list or search result with its data, a JSON array, or several of these
// one after another) as [revops.BillingSubscription] values, in order, for
// [revops.BillingSpans]. The package documentation gives the mapping of each field.
// Every amount is exact: a price's unit_amount_decimal (else unit_amount) in Stripe's
// minor units of the currency ([MinorUnits]) times 10^−places.
//
// Each subscription is checked as [revops.BillingSubscription.StatusAt] checks it, so
// an error names the JSON field rather than the Go one.
//
// Errors, each an *revops.Error whose Record holds the object's index in List
// "subscriptions" and its id in Key, and whose Field is the JSON path
// ("items.data[0].price.recurring.interval"):
//   - [revops.ErrMalformed] for input that is not JSON or holds no object (Record then
//     names only the Line), a field of the wrong JSON type, an object with no id, a
//     required field missing (customer, currency, start_date, status, items, an
//     item's quantity or price amount, a tiered price's tiers), or a discount or
//     coupon given as an id where the mapping needs the expanded object;
//   - [revops.ErrOutOfRange] for a value the mapping does not know: an "object" other
//     than "subscription", an unknown status, interval, usage type, billing scheme,
//     tiers mode, discount source, coupon duration, pause behavior or trial end
//     behavior, a currency Stripe's minor units do not cover, a count, percent,
//     amount or tier bound out of its range, a timestamp outside 1970–9999, a metered
//     price, and a coupon restricted to products (applies_to) or a customer-level
//     discount, which the mapping does not cover;
//   - [revops.ErrCurrencyMismatch] for a price or an amount-off coupon in another
//     currency with no currency_options entry for the subscription's;
//   - [revops.ErrInconsistent] for a past_due, unpaid or paused status whose start
//     neither [Options.StatusSince] nor the object gives, pause_collection with no
//     [Options.PauseStart], an embedded list with has_more, both unit_amount and
//     unit_amount_decimal with different values, a coupon with both percent_off and
//     amount_off, cancel_at_period_end over items
//     whose periods end apart, the same id twice (Related names the first), and the
//     inconsistencies [revops.BillingSubscription.StatusAt] refuses;
//   - [revops.ErrInvalidPeriod] for the dates StatusAt refuses (a trial_end not after
//     trial_start, an end before start_date);
//   - [revops.ErrInvalidOption] for an Options.InvalidRecords outside its constants.
//
// With [revops.InvalidRecordsSkip] each subscription with an error is left out, and
// a *revops.Refused listing them comes with the others.
func Subscriptions(data []byte, opts Options) ([]revops.BillingSubscription, error) {
	return decodeAll("stripedata.Subscriptions", "subscriptions", data, opts,
		func(r *reader, raw json.RawMessage) (revops.BillingSubscription, string, error) {
			s := &subscription{r: r, opts: opts, src: map[string]string{}}
			return s.decode(raw)
		})
}

// subscription decodes one subscription object.
type subscription struct {
	r        *reader
	opts     Options
	currency string            // the subscription's currency, in Stripe's lower case
	start    time.Time         // its start_date
	src      map[string]string // the JSON path each field of the BillingSubscription came from
	itemObjs []object          // items.data, as read
}

var statuses = map[string]revops.Status{
	"active":             revops.StatusActive,
	"past_due":           revops.StatusPastDue,
	"trialing":           revops.StatusTrialing,
	"paused":             revops.StatusPaused,
	"canceled":           revops.StatusCanceled,
	"unpaid":             revops.StatusUnpaid,
	"incomplete":         revops.StatusIncomplete,
	"incomplete_expired": revops.StatusIncompleteExpired,
}

func (s *subscription) decode(raw json.RawMessage) (revops.BillingSubscription, string, error) {
	o, id, err := header(s.r, raw, "subscription")
	if err != nil {
		return revops.BillingSubscription{}, "", err
	}
	b := revops.BillingSubscription{ID: id}
	if b.Customer, err = s.customer(o); err != nil {
		return b, id, err
	}
	if b.Currency, err = s.readCurrency(o); err != nil {
		return b, id, err
	}
	status, err := o.enum("status", "active", "past_due", "trialing", "paused", "canceled", "unpaid", "incomplete", "incomplete_expired")
	if err != nil {
		return b, id, err
	}
	if status == "" {
		return b, id, s.r.fail("status", revops.ErrMalformed, "no status")
	}
	b.Status = statuses[status]
	s.src["Status"] = "status"
	for _, f := range []struct {
		name, goName string
		to           *time.Time
	}{
		{"start_date", "Start", &b.Start},
		{"trial_start", "TrialStart", &b.TrialStart},
		{"trial_end", "TrialEnd", &b.TrialEnd},
		{"billing_cycle_anchor", "BillingAnchor", &b.BillingAnchor},
		{"cancel_at", "CancelAt", &b.CancelAt},
		{"canceled_at", "CanceledAt", &b.CanceledAt},
		{"ended_at", "EndedAt", &b.EndedAt},
	} {
		if *f.to, err = o.time(f.name); err != nil {
			return b, id, err
		}
		s.src[f.goName] = f.name
	}
	if b.Start.IsZero() {
		return b, id, s.r.fail("start_date", revops.ErrMalformed, "no start_date")
	}
	s.start = b.Start
	if b.CancelAtPeriodEnd, err = o.boolean("cancel_at_period_end"); err != nil {
		return b, id, err
	}
	if err := s.items(o, &b); err != nil {
		return b, id, err
	}
	if err := s.periods(o, &b); err != nil {
		return b, id, err
	}
	if b.Discounts, err = s.subscriptionDiscounts(o, b.Items); err != nil {
		return b, id, err
	}
	if err := s.pause(o, &b); err != nil {
		return b, id, err
	}
	if err := s.statusSince(o, &b); err != nil {
		return b, id, err
	}
	if _, err := b.StatusAt(b.Start); err != nil {
		return b, id, s.renamed(err)
	}
	return b, id, nil
}

// customer returns the id of the customer, a string or an expanded customer.
func (s *subscription) customer(o object) (string, error) {
	id, c, expanded, err := o.ref("customer")
	if err != nil {
		return "", err
	}
	if id == "" {
		if expanded {
			return "", s.r.fail("customer.id", revops.ErrMalformed, "an expanded customer with no id")
		}
		return "", s.r.fail("customer", revops.ErrMalformed, "no customer")
	}
	s.src["Customer"] = "customer"
	if expanded && c.has("discount") {
		// A discount of the customer applies to all its invoices, and the mapping does
		// not decide how it meets the subscription's own.
		return "", s.r.fail("customer.discount", revops.ErrOutOfRange,
			"a discount on the customer applies to all its invoices; the mapping reads only the subscription's discounts (read the invoices for what was billed)")
	}
	return id, nil
}

// readCurrency returns the subscription's currency in upper case, which must have
// minor units in Stripe's API.
func (s *subscription) readCurrency(o object) (string, error) {
	c, err := o.str("currency")
	if err != nil {
		return "", err
	}
	if c == "" {
		return "", s.r.fail("currency", revops.ErrMalformed, "no currency")
	}
	if _, err := MinorUnits(c); err != nil {
		return "", s.r.fail("currency", revops.ErrOutOfRange, "%q is not a currency with minor units", c)
	}
	s.currency = strings.ToLower(c)
	s.src["Currency"] = "currency"
	return strings.ToUpper(c), nil
}

// items reads items.data into b.Items.
func (s *subscription) items(o object, b *revops.BillingSubscription) error {
	if !o.has("items") {
		return s.r.fail("items", revops.ErrMalformed, "no items")
	}
	data, path, err := o.list("items")
	if err != nil {
		return err
	}
	for j, raw := range data {
		ipath := index(path, j)
		goName := "Items[" + strconv.Itoa(j) + "]"
		s.src[goName] = ipath
		it, err := s.r.asObject(raw, ipath)
		if err != nil {
			return err
		}
		s.itemObjs = append(s.itemObjs, it)
		item, err := s.item(it, goName)
		if err != nil {
			return err
		}
		b.Items = append(b.Items, item)
	}
	return nil
}

// item reads one subscription item.
func (s *subscription) item(it object, goName string) (revops.BillingItem, error) {
	var item revops.BillingItem
	p, err := s.priceOf(it)
	if err != nil {
		return item, err
	}
	quantity, ok, err := it.count("quantity", 0, 1<<31-1)
	if err != nil {
		return item, err
	}
	if !ok {
		return item, s.r.fail(it.field("quantity"), revops.ErrMalformed, "no quantity")
	}
	s.src[goName+".Quantity"] = it.field("quantity")
	if item, err = p.billed(quantity); err != nil {
		return item, err
	}
	s.src[goName+".Price"] = p.amountPath
	s.src[goName+".Interval"] = p.intervalPath
	ds, err := it.array("discounts")
	if err != nil {
		return item, err
	}
	for k, raw := range ds {
		path := index(it.field("discounts"), k)
		d, err := s.discount(raw, path, goName+".Discounts["+strconv.Itoa(k)+"]", item.Interval)
		if err != nil {
			return item, err
		}
		item.Discounts = append(item.Discounts, d)
	}
	return item, nil
}

// price is an item's price as the mapping reads it.
type price struct {
	r            *reader
	path         string          // of the price (or plan) object
	unit         decimal.Decimal // per unit, in major units, for a per-unit price
	amountPath   string          // where the amount came from
	interval     revops.Interval // its recurring interval
	intervalPath string
	divideBy     int64  // transform_quantity.divide_by, 0 for none
	roundUp      bool   // transform_quantity.round is "up"
	tiers        []tier // for a tiered price
	volume       bool   // tiers_mode volume rather than graduated
	tierPath     string // of the tiers
	currency     string // the subscription's currency, lower case
	amounts      object // what holds the amounts: the price, or its currency_options entry
}

// tier is one tier of a tiered price, in major units; upTo is 0 for the last.
type tier struct {
	upTo       int64
	unit, flat decimal.Decimal
}

// priceOf reads the item's price, or its plan in API versions before prices
// (2020-08-27).
func (s *subscription) priceOf(it object) (price, error) {
	name := "price"
	if !it.has("price") && it.has("plan") {
		name = "plan"
	}
	if !it.has(name) {
		return price{}, s.r.fail(it.field("price"), revops.ErrMalformed, "no price")
	}
	if it.fields[name][0] == '"' {
		return price{}, s.r.fail(it.field(name), revops.ErrMalformed, "the price is not expanded: list subscriptions as the API returns them (items.data.price is expanded by default)")
	}
	p, _, err := it.sub(name)
	if err != nil {
		return price{}, err
	}
	out := price{r: s.r, path: p.path, amounts: p, currency: s.currency}
	// The interval: price.recurring, or the plan's own fields.
	rec := p
	if name == "price" {
		var ok bool
		if rec, ok, err = p.sub("recurring"); err != nil {
			return price{}, err
		}
		if !ok {
			return price{}, s.r.fail(p.field("recurring"), revops.ErrMalformed, "a subscription item with no recurring price")
		}
	}
	if out.interval, err = readInterval(rec); err != nil {
		return price{}, err
	}
	out.intervalPath = rec.field("interval")
	usage, err := rec.enum("usage_type", "licensed", "metered")
	if err != nil {
		return price{}, err
	}
	if usage == "metered" {
		return price{}, s.r.fail(rec.field("usage_type"), revops.ErrOutOfRange,
			"a metered price bills the usage of each period, which the subscription does not hold: read the invoices (InvoiceLines) for it")
	}
	// The currency: the price's own, or its currency_options entry for the subscription's.
	cur, err := p.str("currency")
	if err != nil {
		return price{}, err
	}
	if cur != "" && !strings.EqualFold(cur, s.currency) {
		opts, ok, err := p.sub("currency_options")
		if err != nil {
			return price{}, err
		}
		var entry object
		if ok {
			entry, ok, err = opts.sub(s.currency)
			if err != nil {
				return price{}, err
			}
		}
		if !ok {
			return price{}, s.r.fail(p.field("currency"), revops.ErrCurrencyMismatch,
				"a price in %q on a subscription in %q, with no currency_options.%s (expand it)", cur, s.currency, s.currency)
		}
		out.amounts = entry
	}
	scheme, err := p.enum("billing_scheme", "per_unit", "tiered")
	if err != nil {
		return price{}, err
	}
	if scheme == "tiered" {
		return out, out.readTiers(p)
	}
	amount, decimalName := "unit_amount", "unit_amount_decimal"
	if name == "plan" {
		amount, decimalName = "amount", "amount_decimal"
	}
	if out.unit, out.amountPath, err = minorAmount(out.amounts, amount, decimalName, s.currency); err != nil {
		return price{}, err
	}
	transform := "transform_quantity"
	if name == "plan" {
		transform = "transform_usage"
	}
	tq, ok, err := p.sub(transform)
	if err != nil {
		return price{}, err
	}
	if ok {
		n, ok, err := tq.integer("divide_by")
		if err != nil {
			return price{}, err
		}
		if !ok || n < 1 {
			return price{}, s.r.fail(tq.field("divide_by"), revops.ErrOutOfRange, "divide_by must be a positive integer")
		}
		round, err := tq.enum("round", "up", "down")
		if err != nil {
			return price{}, err
		}
		out.divideBy, out.roundUp = n, round == "up"
	}
	return out, nil
}

// readInterval reads interval and interval_count from o (a price's recurring object,
// or a plan).
func readInterval(o object) (revops.Interval, error) {
	unit, err := o.enum("interval", "day", "week", "month", "year")
	if err != nil {
		return revops.Interval{}, err
	}
	if unit == "" {
		return revops.Interval{}, o.r.fail(o.field("interval"), revops.ErrMalformed, "no interval")
	}
	n, ok, err := o.count("interval_count", 1, revops.MaxIntervalCount)
	if err != nil {
		return revops.Interval{}, err
	}
	if !ok {
		n = 1
	}
	units := map[string]revops.IntervalUnit{"day": revops.Days, "week": revops.Weeks, "month": revops.Months, "year": revops.Years}
	return revops.Interval{Count: n, Unit: units[unit]}, nil
}

// minorAmount reads an amount in minor units from o's decimal field (a string with up
// to 12 decimal places, which Stripe gives beside the integer) or, without it, its
// integer field, in major units of currency, and the path it came from. Both present
// must agree.
func minorAmount(o object, integer, decimalName, currency string) (decimal.Decimal, string, error) {
	d, hasDecimal, err := o.decimalString(decimalName)
	if err != nil {
		return decimal.Decimal{}, "", err
	}
	n, hasInteger, err := o.integer(integer)
	if err != nil {
		return decimal.Decimal{}, "", err
	}
	path := o.field(decimalName)
	switch {
	case hasDecimal && hasInteger && !d.Equal(decimal.NewFromInt(n)):
		return decimal.Decimal{}, "", o.r.fail(o.field(integer), revops.ErrInconsistent, "%d, while %s is %s", n, decimalName, d)
	case !hasDecimal && hasInteger:
		d, path = decimal.NewFromInt(n), o.field(integer)
	case !hasDecimal:
		return decimal.Decimal{}, "", o.r.fail(o.field(integer), revops.ErrMalformed, "no %s or %s", integer, decimalName)
	}
	if d.IsNegative() {
		return decimal.Decimal{}, "", o.r.fail(path, revops.ErrOutOfRange, "%s < 0", d)
	}
	m, err := major(d, currency)
	return m, path, err
}

// readTiers reads a tiered price's tiers_mode and tiers (which Stripe includes only
// when asked: expand[]=data.items.data.price.tiers).
func (p *price) readTiers(o object) error {
	mode, err := o.enum("tiers_mode", "graduated", "volume")
	if err != nil {
		return err
	}
	if mode == "" {
		return p.r.fail(o.field("tiers_mode"), revops.ErrMalformed, "a tiered price with no tiers_mode")
	}
	p.volume = mode == "volume"
	src := p.amounts
	if !src.has("tiers") {
		return p.r.fail(src.field("tiers"), revops.ErrMalformed, "a tiered price without its tiers: list with expand[]=data.items.data.price.tiers")
	}
	raws, err := src.array("tiers")
	if err != nil {
		return err
	}
	p.tierPath, p.amountPath = src.field("tiers"), src.field("tiers")
	var last int64
	for k, raw := range raws {
		t, err := p.r.asObject(raw, index(src.field("tiers"), k))
		if err != nil {
			return err
		}
		upTo, ok, err := t.integer("up_to")
		if err != nil {
			return err
		}
		if ok && (upTo <= last || k == len(raws)-1) || !ok && k != len(raws)-1 {
			return p.r.fail(t.field("up_to"), revops.ErrOutOfRange, "tiers must rise, the last one open (up_to null)")
		}
		var unit, flat decimal.Decimal
		if t.has("unit_amount") || t.has("unit_amount_decimal") {
			if unit, _, err = minorAmount(t, "unit_amount", "unit_amount_decimal", p.currency); err != nil {
				return err
			}
		}
		if t.has("flat_amount") || t.has("flat_amount_decimal") {
			if flat, _, err = minorAmount(t, "flat_amount", "flat_amount_decimal", p.currency); err != nil {
				return err
			}
		}
		p.tiers = append(p.tiers, tier{upTo: upTo, unit: unit, flat: flat})
		last = upTo
	}
	if len(p.tiers) == 0 {
		return p.r.fail(src.field("tiers"), revops.ErrMalformed, "no tiers")
	}
	return nil
}

// billed returns the item billed for quantity units at the price: the unit price and
// the (transformed) quantity, or for a tiered price the whole amount of the quantity
// as one unit.
//
//	volume:    quantity × unit of the tier it falls in + that tier's flat amount
//	graduated: Σ over the tiers it reaches of (units in the tier × unit + flat amount)
func (p price) billed(quantity int) (revops.BillingItem, error) {
	item := revops.BillingItem{Interval: p.interval, Price: p.unit, Quantity: quantity}
	if p.divideBy > 0 {
		q := int64(quantity) / p.divideBy
		if p.roundUp && int64(quantity)%p.divideBy != 0 {
			q++
		}
		item.Quantity = int(q)
	}
	if p.tiers == nil {
		return item, nil
	}
	q := int64(quantity)
	if q == 0 {
		if !p.tiers[0].flat.IsZero() {
			return item, p.r.fail(p.tierPath, revops.ErrOutOfRange, "a quantity of 0 on tiers with a flat amount, which the mapping does not price")
		}
		item.Price, item.Quantity = decimal.Zero, 0
		return item, nil
	}
	total := decimal.Zero
	var below int64
	for _, t := range p.tiers {
		in := q - below // units in this tier and beyond
		if t.upTo > 0 && q > t.upTo {
			in = t.upTo - below
		}
		if p.volume {
			if t.upTo == 0 || q <= t.upTo {
				total = t.unit.Mul(decimal.NewFromInt(q)).Add(t.flat)
				break
			}
		} else {
			total = total.Add(t.unit.Mul(decimal.NewFromInt(in))).Add(t.flat)
			if t.upTo == 0 || q <= t.upTo {
				break
			}
		}
		below = t.upTo
	}
	item.Price, item.Quantity = total, 1
	return item, nil
}

// periods sets the current period: the subscription's own (before API version
// 2025-03-31.basil), else its items' (that version and later), which must agree for
// cancel_at_period_end to say when it ends.
func (s *subscription) periods(o object, b *revops.BillingSubscription) error {
	var err error
	if o.has("current_period_start") || o.has("current_period_end") {
		if b.CurrentPeriodStart, err = o.time("current_period_start"); err != nil {
			return err
		}
		b.CurrentPeriodEnd, err = o.time("current_period_end")
		s.src["CurrentPeriodEnd"] = "current_period_end"
		return err
	}
	apart := false
	for _, it := range s.itemObjs {
		start, err := it.time("current_period_start")
		if err != nil {
			return err
		}
		end, err := it.time("current_period_end")
		if err != nil {
			return err
		}
		if end.IsZero() {
			continue
		}
		if !b.CurrentPeriodEnd.IsZero() && !end.Equal(b.CurrentPeriodEnd) {
			apart = true
		}
		if b.CurrentPeriodEnd.IsZero() || end.Before(b.CurrentPeriodEnd) {
			b.CurrentPeriodStart, b.CurrentPeriodEnd = start, end
			s.src["CurrentPeriodEnd"] = it.field("current_period_end")
		}
	}
	if apart && b.CancelAtPeriodEnd && b.CancelAt.IsZero() && b.EndedAt.IsZero() {
		return s.r.fail("cancel_at_period_end", revops.ErrInconsistent,
			"its items' current periods end at different times and no cancel_at says which end it cancels at")
	}
	return nil
}

// subscriptionDiscounts reads the subscription's discounts: discounts (an array, API
// 2024-04 and later) and the singular discount (before 2025-03-31.basil), which
// discounts also lists by id when both are present.
func (s *subscription) subscriptionDiscounts(o object, items []revops.BillingItem) ([]revops.DatedDiscount, error) {
	iv := shortest(items)
	raws, err := o.array("discounts")
	if err != nil {
		return nil, err
	}
	var legacy json.RawMessage
	legacyID := ""
	if o.has("discount") {
		d, ok, err := o.sub("discount")
		if err != nil {
			return nil, err
		}
		if ok {
			legacy = o.fields["discount"]
			if legacyID, err = d.str("id"); err != nil {
				return nil, err
			}
		}
	}
	var out []revops.DatedDiscount
	usedLegacy := false
	for k, raw := range raws {
		path := index("discounts", k)
		if legacy != nil && raw[0] == '"' {
			var id string
			if json.Unmarshal(raw, &id) == nil && id == legacyID {
				raw, path, usedLegacy = legacy, "discount", true
			}
		}
		d, err := s.discount(raw, path, "Discounts["+strconv.Itoa(len(out))+"]", iv)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	if legacy != nil && !usedLegacy {
		d, err := s.discount(legacy, "discount", "Discounts["+strconv.Itoa(len(out))+"]", iv)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// shortest returns the shortest interval of items, the one whose next invoice comes
// first; a month when there are none.
func shortest(items []revops.BillingItem) revops.Interval {
	best := revops.Interval{Count: 1, Unit: revops.Months}
	days := func(iv revops.Interval) int {
		per := map[revops.IntervalUnit]int{revops.Days: 1, revops.Weeks: 7, revops.Months: 30, revops.Years: 365}[iv.Unit]
		return per * iv.Count
	}
	for j, it := range items {
		if j == 0 || days(it.Interval) < days(best) {
			best = it.Interval
		}
	}
	return best
}

// discount reads a discount object (raw; an id alone is refused, as the coupon is
// needed), at path, as the BillingSubscription's field goName. iv is the interval of
// what it discounts, which bounds a once-off coupon.
func (s *subscription) discount(raw json.RawMessage, path, goName string, iv revops.Interval) (revops.DatedDiscount, error) {
	var out revops.DatedDiscount
	if len(raw) > 0 && raw[0] == '"' {
		return out, s.r.fail(path, revops.ErrMalformed, "the discount is an id: list with expand[]=data.discounts (and data.items.data.discounts) to read its coupon")
	}
	d, err := s.r.asObject(raw, path)
	if err != nil {
		return out, err
	}
	s.src[goName] = path
	c, cpath, err := couponOf(d)
	if err != nil {
		return out, err
	}
	if out.Discount, err = s.coupon(c); err != nil {
		return out, err
	}
	s.src[goName+".Percent"] = join(cpath, "percent_off")
	s.src[goName+".Amount"] = join(cpath, "amount_off")
	s.src[goName+".Duration"] = join(cpath, "duration")
	if out.Start, err = d.time("start"); err != nil {
		return out, err
	}
	if out.End, err = d.time("end"); err != nil {
		return out, err
	}
	s.src[goName+".End"] = d.field("end")
	from := out.Start // a discount with no start applies from the subscription's
	if from.IsZero() {
		from = s.start
	}
	switch out.Duration {
	case revops.DiscountRepeating:
		if out.End.IsZero() {
			months, ok, err := c.count("duration_in_months", 1, 1200)
			if err != nil {
				return out, err
			}
			if !ok {
				return out, s.r.fail(d.field("end"), revops.ErrMalformed, "a repeating coupon with no end, and no duration_in_months to count it from its start")
			}
			out.End = addMonths(from, months)
		}
	case revops.DiscountOnce:
		if out.End.IsZero() {
			// One invoice: the billing period that starts first from its start.
			out.End = add(from, iv)
		}
	}
	return out, nil
}

// couponOf returns the discount's coupon, expanded, and its path: source.coupon (API
// 2025-09-30.clover and later) or coupon (before it).
func couponOf(d object) (object, string, error) {
	holder := d
	if d.has("source") {
		src, _, err := d.sub("source")
		if err != nil {
			return object{}, "", err
		}
		if _, err := src.enum("type", "coupon"); err != nil {
			return object{}, "", err
		}
		holder = src
	}
	name := "coupon"
	if !holder.has(name) {
		return object{}, "", d.r.fail(holder.field(name), revops.ErrMalformed, "a discount with no coupon: list with expand[]=data.discounts")
	}
	id, c, expanded, err := holder.ref(name)
	if err != nil {
		return object{}, "", err
	}
	if !expanded {
		return object{}, "", d.r.fail(holder.field(name), revops.ErrMalformed, "coupon %s is not expanded: list with expand[]=data.discounts.source.coupon (coupon before 2025-09-30.clover)", id)
	}
	return c, holder.field(name), nil
}

// coupon reads a coupon's duration and its percent_off (a percent: 50 is half) or
// amount_off (minor units of its currency, or of its currency_options entry for the
// subscription's currency).
func (s *subscription) coupon(c object) (revops.Discount, error) {
	var out revops.Discount
	duration, err := c.enum("duration", "forever", "repeating", "once")
	if err != nil {
		return out, err
	}
	switch duration {
	case "forever":
		out.Duration = revops.DiscountForever
	case "repeating":
		out.Duration = revops.DiscountRepeating
	case "once":
		out.Duration = revops.DiscountOnce
	default:
		return out, s.r.fail(c.field("duration"), revops.ErrMalformed, "no duration")
	}
	if at, ok, err := c.sub("applies_to"); err != nil {
		return out, err
	} else if ok {
		products, err := at.array("products")
		if err != nil {
			return out, err
		}
		if len(products) > 0 {
			return out, s.r.fail(at.field("products"), revops.ErrOutOfRange, "a coupon restricted to products, which the mapping does not apply item by item")
		}
	}
	pct, hasPct, err := c.number("percent_off")
	if err != nil {
		return out, err
	}
	amount, hasAmount, err := c.integer("amount_off")
	if err != nil {
		return out, err
	}
	switch {
	case hasPct && hasAmount:
		return out, s.r.fail(c.field("amount_off"), revops.ErrInconsistent, "both percent_off and amount_off")
	case hasPct:
		if !pct.IsPositive() || pct.GreaterThan(decimal.NewFromInt(100)) {
			return out, s.r.fail(c.field("percent_off"), revops.ErrOutOfRange, "%s not in (0, 100]", pct)
		}
		out.Percent = pct.Shift(-2)
	case hasAmount:
		cur, err := c.str("currency")
		if err != nil {
			return out, err
		}
		path := c.field("amount_off")
		if !strings.EqualFold(cur, s.currency) {
			entry, ok, err := c.sub("currency_options")
			if err == nil && ok {
				entry, ok, err = entry.sub(s.currency)
			}
			if err != nil {
				return out, err
			}
			if !ok {
				return out, s.r.fail(c.field("currency"), revops.ErrCurrencyMismatch,
					"an amount off in %q on a subscription in %q, with no currency_options.%s (expand it)", cur, s.currency, s.currency)
			}
			if amount, ok, err = entry.integer("amount_off"); err != nil {
				return out, err
			} else if !ok {
				return out, s.r.fail(entry.field("amount_off"), revops.ErrMalformed, "no amount_off")
			}
			path = entry.field("amount_off")
		}
		if amount <= 0 {
			return out, s.r.fail(path, revops.ErrOutOfRange, "%d is not above 0", amount)
		}
		if out.Amount, err = FromMinorUnits(amount, s.currency); err != nil {
			return out, err
		}
	default:
		return out, s.r.fail(c.field("percent_off"), revops.ErrMalformed, "a coupon with neither percent_off nor amount_off")
	}
	return out, nil
}

// pause reads pause_collection: its start from Options.PauseStart, its end from
// resumes_at.
func (s *subscription) pause(o object, b *revops.BillingSubscription) error {
	p, ok, err := o.sub("pause_collection")
	if err != nil || !ok {
		return err
	}
	behavior, err := p.enum("behavior", "keep_as_draft", "mark_uncollectible", "void")
	if err != nil {
		return err
	}
	if behavior == "" {
		return s.r.fail(p.field("behavior"), revops.ErrMalformed, "no behavior")
	}
	start, ok := s.opts.PauseStart[b.ID]
	if !ok || start.IsZero() {
		return s.r.fail("pause_collection", ErrPauseUndated,
			"collection is paused, and a subscription does not record since when: give it in Options.PauseStart (the customer.subscription.updated event that set pause_collection)")
	}
	b.PauseStart = start.UTC()
	s.src["PauseStart"] = "pause_collection"
	if b.PauseEnd, err = p.time("resumes_at"); err != nil {
		return err
	}
	s.src["PauseEnd"] = p.field("resumes_at")
	return nil
}

// statusSince dates a past_due, unpaid or paused status: from Options.StatusSince,
// else from what the object records (see the package documentation, "Statuses").
func (s *subscription) statusSince(o object, b *revops.BillingSubscription) error {
	if t, ok := s.opts.StatusSince[b.ID]; ok && !t.IsZero() {
		b.StatusSince = t.UTC()
		s.src["StatusSince"] = "status"
		return nil
	}
	switch b.Status {
	case revops.StatusPastDue, revops.StatusUnpaid:
		return s.fromLatestInvoice(o, b)
	case revops.StatusPaused:
		return s.fromTrialEnd(o, b)
	}
	return nil
}

// fromLatestInvoice dates past_due or unpaid from the expanded latest_invoice:
// past_due since its payment failed (charge_automatically: Stripe attempts payment
// when it finalizes the invoice, status_transitions.finalized_at) or since its due
// date passed (send_invoice: due_date); unpaid since it was marked uncollectible
// (status_transitions.marked_uncollectible_at), which Stripe's retry settings do when
// they mark the subscription unpaid.
func (s *subscription) fromLatestInvoice(o object, b *revops.BillingSubscription) error {
	status := map[revops.Status]string{revops.StatusPastDue: "past_due", revops.StatusUnpaid: "unpaid"}[b.Status]
	refuse := func(field, why string) error {
		return s.r.fail(field, ErrStatusUndated,
			"status %s, and %s: give when it began in Options.StatusSince (the customer.subscription.updated event that changed it)", status, why)
	}
	id, inv, expanded, err := o.ref("latest_invoice")
	if err != nil {
		return err
	}
	if !expanded || !inv.has("status") || string(inv.fields["status"]) == `""` {
		// An id, or stripe-go's object holding only the id.
		what := "latest_invoice"
		if id != "" {
			what += " " + id
		}
		return refuse("latest_invoice", what+" is not expanded (expand[]=data.latest_invoice dates it)")
	}
	invStatus, err := inv.enum("status", "draft", "open", "paid", "uncollectible", "void")
	if err != nil {
		return err
	}
	st, ok, err := inv.sub("status_transitions")
	if err != nil {
		return err
	}
	if !ok {
		return refuse(inv.field("status_transitions"), "the latest invoice has no status_transitions")
	}
	var field string
	switch {
	case b.Status == revops.StatusUnpaid && invStatus == "uncollectible":
		field = st.field("marked_uncollectible_at")
		b.StatusSince, err = st.time("marked_uncollectible_at")
	case b.Status == revops.StatusPastDue && invStatus == "open":
		method, err := o.enum("collection_method", "charge_automatically", "send_invoice")
		if err != nil {
			return err
		}
		if method == "send_invoice" {
			field = inv.field("due_date")
			b.StatusSince, err = inv.time("due_date")
		} else {
			field = st.field("finalized_at")
			b.StatusSince, err = st.time("finalized_at")
		}
		if err != nil {
			return err
		}
	default:
		return refuse(inv.field("status"), "its latest invoice is "+strconv.Quote(invStatus)+", which does not date it")
	}
	if err != nil {
		return err
	}
	if b.StatusSince.IsZero() {
		return refuse(field, field+" is not set")
	}
	s.src["StatusSince"] = field
	return nil
}

// fromTrialEnd dates paused from trial_end: in the generally available API versions
// (up to 2026-07-29.dahlia) a subscription is paused only "when a trial ends without a
// payment method" and trial_settings.end_behavior.missing_payment_method is "pause".
// The pause endpoint (2026-05-27.preview) pauses at any time and adds status_details,
// which the mapping does not read: with it, the date must come from
// Options.StatusSince.
func (s *subscription) fromTrialEnd(o object, b *revops.BillingSubscription) error {
	refuse := func(field, why string) error {
		return s.r.fail(field, ErrStatusUndated,
			"status paused, and %s: give when it began in Options.StatusSince (the customer.subscription.paused event)", why)
	}
	if o.has("status_details") {
		return refuse("status_details", "status_details (the pause endpoint's, a preview) is not read")
	}
	ts, ok, err := o.sub("trial_settings")
	if err != nil {
		return err
	}
	behavior := ""
	if ok {
		if eb, ok, err := ts.sub("end_behavior"); err != nil {
			return err
		} else if ok {
			if behavior, err = eb.enum("missing_payment_method", "cancel", "create_invoice", "pause"); err != nil {
				return err
			}
		}
	}
	if behavior != "pause" || b.TrialEnd.IsZero() {
		return refuse("trial_end", "no trial ended with trial_settings.end_behavior.missing_payment_method \"pause\"")
	}
	b.StatusSince = b.TrialEnd
	s.src["StatusSince"] = "trial_end"
	return nil
}

// renamed returns err, an error of revops.BillingSubscription.StatusAt, as an error
// of the decoder naming the JSON field the Go field came from.
func (s *subscription) renamed(err error) error {
	var e *revops.Error
	if !errors.As(err, &e) {
		return err
	}
	return s.r.fail(s.jsonPath(e.Field), e.Err, "%s: %s", e.Field, e.Detail)
}

// jsonPath returns the JSON path of a BillingSubscription field ("Items[0].Price"):
// that of the longest leading part of it the decoding recorded, and the rest as it is.
func (s *subscription) jsonPath(goField string) string {
	for rest, head := "", goField; head != ""; {
		if p, ok := s.src[head]; ok {
			return p + rest
		}
		i := strings.LastIndexByte(head, '.')
		if i < 0 {
			break
		}
		head, rest = head[:i], head[i:]+rest
	}
	return goField
}

// addMonths returns t plus n calendar months, on t's day clamped to the last day of
// the month it lands in, as Stripe counts billing months and coupon months.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	h, mi, sec := t.Clock()
	return time.Date(first.Year(), first.Month(), min(d, last), h, mi, sec, t.Nanosecond(), t.Location())
}

// add returns t plus one interval iv.
func add(t time.Time, iv revops.Interval) time.Time {
	switch iv.Unit {
	case revops.Days:
		return t.AddDate(0, 0, iv.Count)
	case revops.Weeks:
		return t.AddDate(0, 0, 7*iv.Count)
	case revops.Years:
		return addMonths(t, 12*iv.Count)
	}
	return addMonths(t, iv.Count)
}
