package revops

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// IntervalUnit is the unit of a billing [Interval].
type IntervalUnit uint8

const (
	Weeks  IntervalUnit = iota + 1 // a week; a month has 52 ÷ 12 of them
	Months                         // a calendar month
	Years                          // twelve months
	Days                           // a day; a month has 365 ÷ 12 of them
)

// Interval is how often a recurring charge bills: every Count Units. A quarterly charge
// is Interval{Count: 3, Unit: Months}, a three-year contract billed up front
// Interval{Count: 3, Unit: Years}, Stripe's daily price Interval{Count: 1, Unit: Days}.
// The zero Interval is invalid.
type Interval struct {
	Count int          `json:"count"` // 1..MaxIntervalCount
	Unit  IntervalUnit `json:"unit"`  // Days, Weeks, Months or Years
}

// MaxIntervalCount bounds an [Interval]'s Count: 36,600, a century of days. A charge
// billed less often than that is refused with [ErrOutOfRange].
const MaxIntervalCount = 36_600

// months returns how many months one interval lasts, as the fraction num ÷ den: 12 × Count
// ÷ 365 for days, 12 × Count ÷ 52 for weeks, Count for months, 12 × Count for years. An
// amount per interval is an amount per month times den ÷ num.
func (iv Interval) months(metric, field string) (num, den int64, err error) {
	switch {
	case iv.Count < 1:
		return 0, 0, newError(metric, field+".Count", ErrOutOfRange, "%d < 1", iv.Count)
	case iv.Count > MaxIntervalCount:
		return 0, 0, newError(metric, field+".Count", ErrOutOfRange, "%d > MaxIntervalCount %d", iv.Count, MaxIntervalCount)
	}
	switch n := int64(iv.Count); iv.Unit {
	case Weeks:
		return 12 * n, 52, nil
	case Months:
		return n, 1, nil
	case Years:
		return 12 * n, 1, nil
	case Days:
		return 12 * n, 365, nil
	}
	return 0, 0, newError(metric, field+".Unit", ErrOutOfRange, "IntervalUnit(%d) is not Days, Weeks, Months or Years", iv.Unit)
}

// DiscountDuration is how long a [Discount] lasts.
type DiscountDuration uint8

const (
	DiscountForever   DiscountDuration = iota // every invoice, for ever
	DiscountRepeating                         // a limited number of invoices
	DiscountOnce                              // one invoice: never part of MRR
)

// Discount is a reduction of a [Charge]: either a fraction of its price or a fixed
// amount off each invoice, not both.
type Discount struct {
	Percent  decimal.Decimal  `json:"percent"` // fraction off the price × quantity, in [0, 1]: 0.2 is 20 % off
	Amount   decimal.Decimal  `json:"amount"`  // amount off each invoice of the charge, ≥ 0; above the price × quantity it takes the charge to 0 (see [ExcessDiscount])
	Duration DiscountDuration `json:"duration"`
}

// Charge is one priced line of a subscription.
type Charge struct {
	Amount   decimal.Decimal `json:"amount"`   // price per unit per interval, before discount and without tax, ≥ 0
	Quantity int             `json:"quantity"` // units (seats, licences), ≥ 0: 1 for a flat price, 0 for none (no revenue, as Stripe allows)
	Interval Interval        `json:"interval"` // how often the charge bills; ignored when OneTime
	Discount Discount        `json:"discount"` // the discount on this charge, if any
	OneTime  bool            `json:"one_time"` // a one-time fee (setup, onboarding): never part of MRR
}

// ChargeMRR returns the monthly recurring revenue of one charge, in its currency, as
// an exact [Recurring]:
//
//	MRR = (Amount × Quantity − discount) ÷ months in the interval
//
// where a day is 12 ÷ 365 of a month (a year of 365 days), a week 12 ÷ 52 of a month
// and a year 12 months, so a three-year contract counts one thirty-sixth of its price
// each month, never 36 times it, and a plan of 1,000 a year is exactly 1000/12 a
// month, whose [Recurring.Annual] is 1000. One-time fees and a Quantity of 0 are 0.
// With [LinesToMinorUnits] (ChartMogul) the result is rounded to two places, cents,
// half away from zero. By default every recurring discount (forever or repeating) is
// deducted and a one-off discount is not; [DiscountsForeverOnly] deducts forever
// discounts only (Stripe Billing), [DiscountsNone] deducts none and [DiscountsAll]
// deducts once-off discounts too, while they apply (ProfitWell). An Amount
// discount above the price takes the charge to 0, as billing systems take the invoice
// to 0; [ExcessDiscountRefused] refuses it instead. [WeeksLago] counts 4.33 weeks a
// month instead of 52 ÷ 12 (Lago).
//
// Errors: [ErrNegative] for a negative amount or Quantity; [ErrOutOfRange] for an
// invalid Interval, a Percent outside [0, 1] or an unknown Duration;
// [ErrInconsistent] for a discount with both Percent and Amount, or, with
// [ExcessDiscountRefused], an Amount above the price; [ErrInvalidOption] for a nil
// option or a value outside its type's constants.
func ChargeMRR(c Charge, opts ...ChargeOption) (Recurring, error) {
	const metric = "ChargeMRR"
	p, err := policyFor(metric, opts)
	if err != nil {
		return Recurring{}, err
	}
	return chargeMRR(metric, c, p, "")
}

// chargeMRR is ChargeMRR under p, rounding to the minor units of currency (two places
// when it is empty) under LinesToMinorUnits.
func chargeMRR(metric string, c Charge, p Policy, currency string) (Recurring, error) {
	if err := nonNegative(metric, "Amount", c.Amount); err != nil {
		return Recurring{}, err
	}
	if err := nonNegativeCount(metric, "Quantity", c.Quantity); err != nil {
		return Recurring{}, err
	}
	gross := c.Amount
	if c.Quantity != 1 {
		gross = times(gross, int64(c.Quantity))
	}
	off, err := c.Discount.off(metric, "Discount", gross, p)
	if err != nil {
		return Recurring{}, err
	}
	if c.OneTime {
		return Recurring{}, nil
	}
	if p.deducts(c.Discount.Duration) {
		gross = gross.Sub(off)
	}
	return perMonth(metric, "Interval", gross, c.Interval, p, currency)
}

// perMonth returns an amount per interval as an exact amount per month, rounded to the
// minor units of currency (two places when it is empty) under LinesToMinorUnits.
func perMonth(metric, field string, amount decimal.Decimal, iv Interval, p Policy, currency string) (Recurring, error) {
	n, d, err := iv.months(metric, field) // the interval lasts n ÷ d months
	if err != nil {
		return Recurring{}, err
	}
	if iv.Unit == Weeks && p.WeekLength == WeeksLago { // a week is 100 ÷ 433 of a month
		n, d = 100*int64(iv.Count), 433
	}
	r := recurringOf(times(amount, d), n)
	if p.LineRounding == LinesToMinorUnits {
		places := int32(2)
		if currency != "" {
			if places, err = minorUnits(metric, currency); err != nil {
				return Recurring{}, renamed(err, "Currency")
			}
		}
		r = Recurring{num: r.rounded(r.num, places).Round(places), den: 1}
	}
	return r, nil
}

// off validates d, the discount named field, and returns the amount it takes off
// gross: an Amount above gross takes gross, unless p refuses it.
func (d Discount) off(metric, field string, gross decimal.Decimal, p Policy) (decimal.Decimal, error) {
	if err := firstError(
		nonNegative(metric, field+".Percent", d.Percent),
		nonNegative(metric, field+".Amount", d.Amount),
		checkEnumField(metric, field+".Duration", d.Duration, DiscountOnce),
	); err != nil {
		return decimal.Decimal{}, err
	}
	switch {
	case aboveOne(d.Percent):
		return decimal.Decimal{}, newError(metric, field+".Percent", ErrOutOfRange, "%s > 1", d.Percent)
	case !d.Percent.IsZero() && !d.Amount.IsZero():
		return decimal.Decimal{}, newError(metric, field, ErrInconsistent, "both Percent %s and Amount %s", d.Percent, d.Amount)
	case d.Amount.GreaterThan(gross):
		if p.ExcessDiscount == ExcessDiscountRefused {
			return decimal.Decimal{}, newError(metric, field+".Amount", ErrInconsistent, "%s off a price of %s", d.Amount, gross)
		}
		return gross, nil
	}
	switch {
	case !d.Percent.IsZero():
		return gross.Mul(d.Percent), nil
	case !d.Amount.IsZero():
		return d.Amount, nil
	}
	return decimal.Zero, nil
}

// deducts reports whether a discount of duration d comes off MRR under p's [Discounts]
// choice: a one-off discount only under DiscountsAll.
func (p Policy) deducts(d DiscountDuration) bool {
	switch {
	case p.Discounts == DiscountsAll:
		return true
	case d == DiscountOnce || p.Discounts == DiscountsNone:
		return false
	case p.Discounts == DiscountsForeverOnly:
		return d == DiscountForever
	}
	return true
}

// checkEnumField is checkEnum as an *Error naming metric and field, with ErrOutOfRange.
func checkEnumField[T ~uint8](metric, field string, v, last T) error {
	if err := checkEnum(v, last); err != nil {
		return newError(metric, field, ErrOutOfRange, "%v", err)
	}
	return nil
}

// Status is the state of a [Subscription].
type Status uint8

const (
	StatusActive            Status = iota // paid and current
	StatusPastDue                         // an invoice is overdue; counted in MRR by default
	StatusTrialing                        // in a free trial: never part of MRR
	StatusPaused                          // paused: not part of MRR (see [Pauses] for billing records)
	StatusCanceled                        // ended: not part of MRR
	StatusUnpaid                          // dunning gave up, the subscription stays open unpaid (Stripe): not part of MRR
	StatusNotStarted                      // starts later: not part of MRR
	StatusIncomplete                      // its first payment has not succeeded yet (Stripe): never paid, not part of MRR
	StatusIncompleteExpired               // its first payment never succeeded and it expired (Stripe): never paid, never a customer
)

// Subscription is one customer's subscription at an instant.
type Subscription struct {
	Customer string   `json:"customer"` // customer identifier; several subscriptions may share one
	Currency string   `json:"currency"` // currency code; every subscription of one call has the same (empty is allowed, for all)
	Status   Status   `json:"status"`   // whether the subscription counts
	Charges  []Charge `json:"charges"`  // its priced lines
}

// MRRByCustomer returns the monthly recurring revenue of each paying customer at an
// instant, exactly: the sum of [ChargeMRR] over the charges of its active and (by
// default) past-due subscriptions. Trialing, paused, canceled, unpaid and not started
// subscriptions count nothing, and customers whose MRR is zero are left out, so the map's length is the
// number of paying customers. [PastDueExcluded] leaves past-due subscriptions out; the
// [Discounts] choice applies to every charge; [LinesToMinorUnits] rounds each charge
// to the minor units of the subscription's currency before the sum (ChartMogul).
//
// Errors: those of [ChargeMRR], naming the subscription and charge;
// [ErrCurrencyMismatch] for two currencies; [ErrOutOfRange] for an unknown Status, an
// unknown currency under LinesToMinorUnits, or intervals whose month counts have no
// common multiple below 2⁶³ (the exact sum's denominator); [ErrInvalidOption] for a
// nil option or a value outside its type's constants. With [InvalidRecordsSkip] a
// subscription with any of the record errors is left out, the others counted (the
// first counted one sets the currency), and a [*Refused] listing those left out
// comes with the result.
func MRRByCustomer(subs []Subscription, opts ...MRROption) (map[string]Recurring, error) {
	const metric = "MRRByCustomer"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	return mrrByCustomer(metric, subs, p)
}

func mrrByCustomer(metric string, subs []Subscription, p Policy) (map[string]Recurring, error) {
	out := make(map[string]Recurring)
	refused := refusing(p)
	currency, first := "", true
	for i, s := range subs {
		if first {
			currency = s.Currency // the first valid subscription's, which the others must share
		}
		if err := subscriptionMRR(metric, s, p, currency, out); err != nil {
			if !refused.keep(i, atIndex(err, "subs", i)) {
				return nil, err
			}
			continue
		}
		first = false
	}
	return out, refused.err(metric, len(subs))
}

// subscriptionMRR adds s's MRR to its customer's in out, when it counts; on an error
// out is left as it was.
func subscriptionMRR(metric string, s Subscription, p Policy, currency string, out map[string]Recurring) error {
	if err := checkEnumField(metric, "Status", s.Status, StatusIncompleteExpired); err != nil {
		return err
	}
	if err := sameCurrency(metric, "Currency", s.Currency, currency); err != nil {
		return err
	}
	var total Recurring
	for j, c := range s.Charges {
		m, err := chargeMRR(metric, c, p, s.Currency)
		if err != nil {
			return atIndex(err, "Charges", j)
		}
		var ok bool
		if total, ok = total.add(m); !ok {
			return atIndex(tooFine(metric, "Interval"), "Charges", j)
		}
	}
	counts := s.Status == StatusActive || (s.Status == StatusPastDue && p.PastDue == PastDueCounted)
	if counts && total.num.IsPositive() {
		sum, ok := out[s.Customer].add(total)
		if !ok {
			return tooFine(metric, "Charges")
		}
		out[s.Customer] = sum
	}
	return nil
}

// tooFine is the error of an exact sum whose denominator would pass int64.
func tooFine(metric, field string) error {
	return newError(metric, field, ErrOutOfRange, "the intervals' month counts have no common multiple below 2^63")
}

// MRR returns the monthly recurring revenue of subscriptions at an instant, exactly:
// the sum of [MRRByCustomer], with the same rules and options, [InvalidRecordsSkip]
// included. Three plans of 100 a
// year give a [Recurring] whose Annual is 300 and whose Monthly is 25.
//
// Errors: as [MRRByCustomer].
func MRR(subs []Subscription, opts ...MRROption) (Recurring, error) {
	const metric = "MRR"
	p, err := policyFor(metric, opts)
	if err != nil {
		return Recurring{}, err
	}
	byCustomer, err := mrrByCustomer(metric, subs, p)
	var refused *Refused
	if err != nil && !errors.As(err, &refused) {
		return Recurring{}, err
	}
	var total Recurring
	for _, k := range sortedKeys(byCustomer) {
		var ok bool
		if total, ok = total.add(byCustomer[k]); !ok {
			return Recurring{}, newError(metric, "subs", ErrOutOfRange, "the intervals' month counts have no common multiple below 2^63")
		}
	}
	return total, err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ARR returns annual recurring revenue from a monthly recurring revenue figure,
// exactly:
//
//	ARR = 12 × MRR
//
// It is exact for the figure it is given; an MRR already rounded (83.3333333333333333
// for a plan of 1,000 a year) gives an ARR off by as much times 12. For subscriptions,
// take [Recurring.Annual] of [MRR]'s result instead, which is computed from the exact
// fraction: 1000.
//
// Errors: [ErrNegative] for negative MRR; [ErrOutOfRange] beyond [MaxExponent].
func ARR(mrr decimal.Decimal) (decimal.Decimal, error) {
	if err := nonNegative("ARR", "mrr", mrr); err != nil {
		return decimal.Decimal{}, err
	}
	return mrr.Mul(twelve), nil
}

// ARRComponents are the parts of the ARR formula of subscription revenue plus expansion
// minus cancellations: amounts per year in one currency, each ≥ 0.
type ARRComponents struct {
	Subscriptions decimal.Decimal `json:"subscriptions"` // annual revenue of the subscriptions in force at the start
	Expansion     decimal.Decimal `json:"expansion"`     // annual revenue added by upgrades and add-ons
	Lost          decimal.Decimal `json:"lost"`          // annual revenue lost to cancellations and downgrades
}

// ARRFromComponents returns ARR as subscription revenue plus expansion minus
// cancellations, the components form for a company that books annual amounts:
//
//	ARR = annual subscription revenue + expansion − revenue lost to cancellations
//
// Errors: [ErrNegative] for a negative component; [ErrInconsistent] when more was lost
// than there was; [ErrOutOfRange] beyond [MaxExponent].
func ARRFromComponents(c ARRComponents) (decimal.Decimal, error) {
	const metric = "ARRFromComponents"
	if err := firstError(
		nonNegative(metric, "Subscriptions", c.Subscriptions),
		nonNegative(metric, "Expansion", c.Expansion),
		nonNegative(metric, "Lost", c.Lost),
	); err != nil {
		return decimal.Decimal{}, err
	}
	arr := c.Subscriptions.Add(c.Expansion).Sub(c.Lost)
	if arr.IsNegative() {
		return decimal.Decimal{}, newError(metric, "Lost", ErrInconsistent, "%s lost of %s", c.Lost, c.Subscriptions.Add(c.Expansion))
	}
	return arr, nil
}

// ContractValue is a contract's value for [ACV].
type ContractValue struct {
	Recurring decimal.Decimal `json:"recurring"` // total recurring value over the whole contract, ≥ 0
	OneTime   decimal.Decimal `json:"one_time"`  // one-time fees (setup, onboarding), ≥ 0
	Years     decimal.Decimal `json:"years"`     // contract length in years, > 0; fractions allowed: 1.5
}

// ACV returns the annual contract value, in the contract's currency:
//
//	ACV = Recurring ÷ Years
//
// One-time fees are left out by default; [OneTimeFeesIncluded] adds them to the
// numerator.
//
// Errors: [ErrNegative] for a negative value or length; [ErrZeroDenominator] for a zero
// length; [ErrOutOfRange] beyond [MaxExponent]; [ErrInvalidOption] for a nil option or a value
// outside its type's constants.
func ACV(c ContractValue, opts ...ACVOption) (decimal.Decimal, error) {
	const metric = "ACV"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := firstError(
		nonNegative(metric, "Recurring", c.Recurring),
		nonNegative(metric, "OneTime", c.OneTime),
		nonNegative(metric, "Years", c.Years),
	); err != nil {
		return decimal.Decimal{}, err
	}
	v := c.Recurring
	if p.OneTimeFees == OneTimeFeesIncluded {
		v = v.Add(c.OneTime)
	}
	return div(metric, "Years", v, c.Years)
}

// ARPA returns the average revenue per account: MRR ÷ paying customers.
//
// Errors: [ErrNegative] for negative MRR or count; [ErrZeroDenominator] for no
// customers; [ErrOutOfRange] beyond [MaxExponent].
func ARPA(mrr decimal.Decimal, customers int) (decimal.Decimal, error) {
	return perHead("ARPA", "customers", Monthly(mrr), customers)
}

// ARPU returns the average revenue per user: MRR ÷ active paid users or seats; free
// users belong in neither.
//
// Errors: [ErrNegative] for negative MRR or count; [ErrZeroDenominator] for no users;
// [ErrOutOfRange] beyond [MaxExponent].
func ARPU(mrr decimal.Decimal, users int) (decimal.Decimal, error) {
	return perHead("ARPU", "users", Monthly(mrr), users)
}

// perHead returns an exact amount ÷ n, in one division: num ÷ (den × n).
func perHead(metric, field string, mrr Recurring, n int) (decimal.Decimal, error) {
	if err := firstError(nonNegative(metric, "mrr", mrr.num), nonNegativeCount(metric, field, n)); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, field, mrr.num, times(decimal.NewFromInt(int64(n)), mrr.denominator()))
}

// ASP returns the average sale price: the New MRR of a period per customer who paid
// for the first time in it, in the MRR's currency, as ChartMogul defines it
// (help.chartmogul.com, "Chart: Average Sale Price"):
//
//	ASP = New MRR ÷ new customers
//
// Later expansion or contraction of those customers does not count. [History.Series]
// gives both inputs: New and MovementCounts.New.
//
// Errors: [ErrNegative] for a negative input; [ErrZeroDenominator] for no new
// customers; [ErrOutOfRange] beyond [MaxExponent].
func ASP(newMRR decimal.Decimal, newCustomers int) (decimal.Decimal, error) {
	return perHead("ASP", "newCustomers", Monthly(newMRR), newCustomers)
}

// CMRRInput is what [CMRR] needs, amounts a month in one currency, each ≥ 0.
type CMRRInput struct {
	LiveMRR        decimal.Decimal `json:"live_mrr"`        // MRR billing now
	Signed         decimal.Decimal `json:"signed"`          // MRR of signed contracts and expansions not yet live
	ScheduledChurn decimal.Decimal `json:"scheduled_churn"` // MRR of cancellations and downgrades given notice, not yet effective
}

// CMRR returns committed monthly recurring revenue: MRR adjusted for the contractual
// changes already known,
//
//	CMRR = LiveMRR + Signed − ScheduledChurn
//
// Pipeline and unconfirmed renewals belong in a forecast, not here.
//
// Errors: [ErrNegative] for a negative input; [ErrInconsistent] when ScheduledChurn
// exceeds LiveMRR + Signed, more to lose than there is; [ErrOutOfRange] beyond
// [MaxExponent].
func CMRR(in CMRRInput) (decimal.Decimal, error) {
	const metric = "CMRR"
	if err := firstError(
		nonNegative(metric, "LiveMRR", in.LiveMRR),
		nonNegative(metric, "Signed", in.Signed),
		nonNegative(metric, "ScheduledChurn", in.ScheduledChurn),
	); err != nil {
		return decimal.Decimal{}, err
	}
	committed := in.LiveMRR.Add(in.Signed)
	if in.ScheduledChurn.GreaterThan(committed) {
		return decimal.Decimal{}, newError(metric, "ScheduledChurn", ErrInconsistent, "%s scheduled to go of %s", in.ScheduledChurn, committed)
	}
	return committed.Sub(in.ScheduledChurn), nil
}

// CustomerConcentration returns the share of MRR held by the n customers who pay the
// most, a fraction in [0, 1]:
//
//	concentration = Σ MRR of the top n ÷ Σ MRR
//
// It takes each customer's MRR as [History.Snapshot] or [MRRByCustomer] give it; with
// fewer than n customers it is 1.
//
// Errors: [ErrOutOfRange] for n < 1 or an amount beyond [MaxExponent]; [ErrNegative]
// for a negative MRR, naming the customer; [ErrZeroDenominator] when the MRR sums to 0.
func CustomerConcentration(mrr map[string]decimal.Decimal, n int) (decimal.Decimal, error) {
	const metric = "CustomerConcentration"
	if n < 1 {
		return decimal.Decimal{}, newError(metric, "n", ErrOutOfRange, "%d < 1", n)
	}
	amounts := make([]decimal.Decimal, 0, len(mrr))
	total := decimal.Zero
	for _, c := range sortedKeys(mrr) {
		if err := nonNegative(metric, "", mrr[c]); err != nil {
			return decimal.Decimal{}, atKey(err, "mrr", c)
		}
		amounts = append(amounts, mrr[c])
		total = total.Add(mrr[c])
	}
	slices.SortFunc(amounts, func(a, b decimal.Decimal) int { return b.Cmp(a) })
	top := decimal.Zero
	for _, a := range amounts[:min(n, len(amounts))] {
		top = top.Add(a)
	}
	return div(metric, "mrr", top, total)
}

// Growth is a value in two consecutive periods, for [RevenueGrowth].
type Growth struct {
	Previous decimal.Decimal `json:"previous"` // the earlier period's value, > 0
	Current  decimal.Decimal `json:"current"`  // the later period's value, ≥ 0
}

// RevenueGrowth returns the growth from one period to the next, as a fraction:
//
//	growth = (Current − Previous) ÷ Previous
//
// Errors: [ErrZeroDenominator] when Previous is zero; [ErrNegative] when either value
// is negative, since growth over a negative base has no agreed meaning;
// [ErrOutOfRange] beyond [MaxExponent].
func RevenueGrowth(g Growth) (decimal.Decimal, error) {
	return growth("RevenueGrowth", "Previous", "Current", g)
}

func growth(metric, prevField, curField string, g Growth) (decimal.Decimal, error) {
	if err := firstError(nonNegative(metric, prevField, g.Previous), nonNegative(metric, curField, g.Current)); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, prevField, g.Current.Sub(g.Previous), g.Previous)
}

// BacklogContract is one contract for [RevenueBacklog].
type BacklogContract struct {
	Start      time.Time       `json:"start"`
	End        time.Time       `json:"end"`        // the service term [Start, End), over which revenue is recognized
	Currency   string          `json:"currency"`   // currency code; the same for every contract of one call
	Value      decimal.Decimal `json:"value"`      // total contracted recurring value, ≥ 0
	Recognized decimal.Decimal `json:"recognized"` // revenue recognized to date, 0 ≤ Recognized ≤ Value
}

// Backlog is the result of [RevenueBacklog], in the contracts' currency.
type Backlog struct {
	Total      decimal.Decimal `json:"total"`       // contracted revenue not yet recognized (remaining performance obligations)
	Current    decimal.Decimal `json:"current"`     // the part to be recognized within 12 months
	NonCurrent decimal.Decimal `json:"non_current"` // the rest: Total − Current
}

// RevenueBacklog returns the revenue backlog (RPO) at asOf:
//
//	backlog = Σ (Value − Recognized)
//
// and its current part, the revenue to be recognized in the 12 months after asOf. The
// unrecognized value of each contract is spread straight-line in time over what is
// left of its term, [max(asOf, Start), End); a contract whose term has ended counts
// entirely as current.
//
// Errors: [ErrNegative] for a negative amount; [ErrInconsistent] when Recognized
// exceeds Value; [ErrInvalidPeriod] when End is not after Start;
// [ErrCurrencyMismatch] for two currencies; [ErrOutOfRange] beyond [MaxExponent].
func RevenueBacklog(asOf time.Time, contracts []BacklogContract) (Backlog, error) {
	const metric = "RevenueBacklog"
	horizon := asOf.AddDate(1, 0, 0)
	b := Backlog{Total: decimal.Zero, Current: decimal.Zero}
	for i, c := range contracts {
		current, left, err := c.backlog(metric, asOf, horizon, contracts[0].Currency)
		if err != nil {
			return Backlog{}, atIndex(err, "contracts", i)
		}
		b.Total = b.Total.Add(left)
		b.Current = b.Current.Add(current)
	}
	b.NonCurrent = b.Total.Sub(b.Current)
	return b, nil
}

// backlog returns the current part and the whole of one contract's backlog.
func (c BacklogContract) backlog(metric string, asOf, horizon time.Time, currency string) (current, left decimal.Decimal, err error) {
	if err := firstError(nonNegative(metric, "Value", c.Value), nonNegative(metric, "Recognized", c.Recognized)); err != nil {
		return current, left, err
	}
	switch {
	case c.Recognized.GreaterThan(c.Value):
		return current, left, newError(metric, "Recognized", ErrInconsistent, "%s recognized of %s", c.Recognized, c.Value)
	case !c.End.After(c.Start):
		return current, left, newError(metric, "End", ErrInvalidPeriod, "term ends %s, not after its start %s", c.End.Format(time.RFC3339), c.Start.Format(time.RFC3339))
	}
	if err := sameCurrency(metric, "Currency", c.Currency, currency); err != nil {
		return current, left, err
	}
	left = c.Value.Sub(c.Recognized)
	from := c.Start
	if asOf.After(from) {
		from = asOf
	}
	if !c.End.After(from) || !c.End.After(horizon) {
		return left, left, nil // the term is over, or ends within 12 months
	}
	if !horizon.After(from) {
		return decimal.Zero, left, nil // starts 12 months or more after asOf
	}
	seconds := func(a, b time.Time) decimal.Decimal { return decimal.NewFromInt(b.Unix() - a.Unix()) }
	current, err = div(metric, "End", left.Mul(seconds(from, horizon)), seconds(from, c.End))
	return current, left, err
}

// Movement is the kind of change in one customer's MRR between two snapshots.
type Movement uint8

const (
	MovementNew          Movement = iota + 1 // first payment ever
	MovementExpansion                        // pays more than at the start
	MovementContraction                      // pays less, but still pays
	MovementChurn                            // stopped paying entirely
	MovementReactivation                     // a former customer pays again
	MovementEntering                         // within a segment: a customer paying elsewhere joins it (a plan switch into it)
	MovementLeaving                          // within a segment: a customer leaves it for elsewhere, still paying
)

// Snapshot is every customer's MRR at an instant, in one currency.
type Snapshot struct {
	At       time.Time                  `json:"at"`
	Currency string                     `json:"currency"`
	MRR      map[string]decimal.Decimal `json:"mrr"` // by customer, ≥ 0; a missing customer pays 0
}

// BridgeInput is what [MRRBridge] needs: two snapshots, and who paid before the first.
type BridgeInput struct {
	Start Snapshot `json:"start"`
	End   Snapshot `json:"end"`
	// Former holds every customer who paid at some time before Start.At but pays
	// nothing at Start.At, with the instant it stopped paying. A customer paying at
	// End.At who is neither paying at Start.At nor in Former is new.
	Former map[string]time.Time `json:"former"`
}

// Movements are MRR movements over a period, each an amount ≥ 0 in one currency.
type Movements struct {
	New          decimal.Decimal `json:"new"`
	Expansion    decimal.Decimal `json:"expansion"`
	Contraction  decimal.Decimal `json:"contraction"`
	Churn        decimal.Decimal `json:"churn"`
	Reactivation decimal.Decimal `json:"reactivation"`
}

// CustomerMovement is one customer's change in an [MRRBridge].
type CustomerMovement struct {
	Customer string          `json:"customer"`
	Movement Movement        `json:"movement"`
	Start    decimal.Decimal `json:"start"`
	End      decimal.Decimal `json:"end"`    // the customer's MRR in the two snapshots
	Amount   decimal.Decimal `json:"amount"` // |End − Start|, ≥ 0
}

// Bridge is an MRR bridge: how MRR went from Start to End. It always satisfies
//
//	End = Start + New + Expansion + Reactivation − Contraction − Churn
type Bridge struct {
	Start decimal.Decimal `json:"start"`
	End   decimal.Decimal `json:"end"`
	Movements
	Customers []CustomerMovement `json:"customers"` // each customer whose MRR changed, by Customer
}

// Retention returns the bridge's movements as [RevenueMovements] for [NRR] and [GRR]:
// Start, Expansion, Contraction and Churn of the customers paying at the start, and
// Reactivation.
func (b Bridge) Retention() RevenueMovements {
	return RevenueMovements{Start: b.Start, Expansion: b.Expansion, Contraction: b.Contraction, Churn: b.Churn, Reactivation: b.Reactivation}
}

// MRRBridge classifies the change in each customer's MRR between two snapshots and
// totals the movements:
//
//   - New: the customer pays at the end, did not at the start, and never paid before;
//   - Expansion or Contraction: the customer pays at both, more or less at the end;
//   - Churn: the customer paid at the start and pays nothing at the end (dropping one
//     of several subscriptions is contraction, not churn);
//   - Reactivation: a former customer (in Former) pays again.
//
// By default reactivation is its own category; [ReactivationAsExpansion]
// folds it into expansion (Lago), and [ReactivationWindow](n) reports a customer gone
// for n days or more as new (Maxio: 90). Whatever the choice, the bridge identity
// holds exactly, and the per-customer detail sums to the totals.
//
// Errors: [ErrInvalidPeriod] when End.At is not after Start.At, or a Former customer
// stopped paying after Start.At; [ErrCurrencyMismatch] when the snapshots' currencies
// differ; [ErrNegative] for a negative MRR; [ErrInconsistent] for a Former customer who
// pays at the start; [ErrOutOfRange] beyond [MaxExponent]; [ErrInvalidOption] for a nil option
// or a value outside its type's constants.
func MRRBridge(in BridgeInput, opts ...BridgeOption) (Bridge, error) {
	const metric = "MRRBridge"
	p, err := policyFor(metric, opts)
	if err != nil {
		return Bridge{}, err
	}
	if err := in.validate(metric); err != nil {
		return Bridge{}, err
	}
	// Exact sums have the same value and exponent in any order, so the maps are walked
	// as they come; only the per-customer detail is sorted, for a stable result.
	b := Bridge{
		Start: total(in.Start.MRR), End: total(in.End.MRR),
		Movements: Movements{New: decimal.Zero, Expansion: decimal.Zero, Contraction: decimal.Zero, Churn: decimal.Zero, Reactivation: decimal.Zero},
	}
	classify := func(id string, start, end decimal.Decimal) {
		m := CustomerMovement{Customer: id, Start: start, End: end}
		switch start.Cmp(end) {
		case 0:
			return
		case 1:
			m.Amount = start.Sub(end)
		default:
			m.Amount = end.Sub(start)
		}
		switch {
		case start.IsZero():
			m.Movement = in.arrival(id, p.Reactivation)
		case end.IsZero():
			m.Movement = MovementChurn
		case end.GreaterThan(start):
			m.Movement = MovementExpansion
		default:
			m.Movement = MovementContraction
		}
		b.add(m)
	}
	for id, start := range in.Start.MRR {
		classify(id, start, in.End.MRR[id])
	}
	for id, end := range in.End.MRR {
		if _, ok := in.Start.MRR[id]; !ok {
			classify(id, decimal.Zero, end)
		}
	}
	slices.SortFunc(b.Customers, func(x, y CustomerMovement) int { return strings.Compare(x.Customer, y.Customer) })
	return b, nil
}

// total adds the values of m exactly; the result does not depend on the order.
func total(m map[string]decimal.Decimal) decimal.Decimal {
	t := decimal.Zero
	for _, v := range m {
		t = t.Add(v)
	}
	return t
}

// arrival classifies a customer who pays at the end and not at the start.
func (in BridgeInput) arrival(id string, r ReactivationPolicy) Movement {
	stopped, former := in.Former[id]
	switch {
	case !former:
		return MovementNew
	case r.Placement == ReactivationAsExpansion:
		return MovementExpansion
	case r.Placement == ReactivationAsNewAfter && (in.End.At.Unix()-stopped.Unix())/86400 >= int64(r.WindowDays):
		return MovementNew
	}
	return MovementReactivation
}

func (b *Bridge) add(m CustomerMovement) {
	switch m.Movement {
	case MovementNew:
		b.New = b.New.Add(m.Amount)
	case MovementExpansion:
		b.Expansion = b.Expansion.Add(m.Amount)
	case MovementContraction:
		b.Contraction = b.Contraction.Add(m.Amount)
	case MovementChurn:
		b.Churn = b.Churn.Add(m.Amount)
	case MovementReactivation:
		b.Reactivation = b.Reactivation.Add(m.Amount)
	}
	b.Customers = append(b.Customers, m)
}

func (in BridgeInput) validate(metric string) error {
	if !in.End.At.After(in.Start.At) {
		return newError(metric, "End.At", ErrInvalidPeriod, "%s is not after %s", in.End.At.Format(time.RFC3339), in.Start.At.Format(time.RFC3339))
	}
	if err := sameCurrency(metric, "End.Currency", in.End.Currency, in.Start.Currency); err != nil {
		return err
	}
	// A first pass checks without formatting anything; only when it finds a fault does
	// a second, in key order, name the first faulty customer, so errors stay stable.
	valid := func(v decimal.Decimal) bool {
		e := v.Exponent()
		return v.Sign() >= 0 && e <= MaxExponent && e >= -MaxExponent
	}
	fault := false
	for _, v := range in.Start.MRR {
		fault = fault || !valid(v)
	}
	for _, v := range in.End.MRR {
		fault = fault || !valid(v)
	}
	for id, stopped := range in.Former {
		fault = fault || stopped.After(in.Start.At) || in.Start.MRR[id].IsPositive()
	}
	if !fault {
		return nil
	}
	for _, s := range []struct {
		name string
		mrr  map[string]decimal.Decimal
	}{{"Start.MRR", in.Start.MRR}, {"End.MRR", in.End.MRR}} {
		for _, id := range sortedKeys(s.mrr) {
			if err := nonNegative(metric, "", s.mrr[id]); err != nil {
				return atKey(err, s.name, id)
			}
		}
	}
	for _, id := range sortedKeys(in.Former) {
		if in.Former[id].After(in.Start.At) {
			return atKey(newError(metric, "", ErrInvalidPeriod, "stopped paying at %s, after the start", in.Former[id].Format(time.RFC3339)), "Former", id)
		}
		if in.Start.MRR[id].IsPositive() {
			return atKey(newError(metric, "", ErrInconsistent, "a former customer pays %s at the start", in.Start.MRR[id]), "Former", id)
		}
	}
	return nil
}

// NetNewMRR returns the net change in MRR over a period:
//
//	net new MRR = New + Expansion + Reactivation − Contraction − Churn
//
// Errors: [ErrNegative] for a negative movement; [ErrOutOfRange] beyond [MaxExponent].
func NetNewMRR(m Movements) (decimal.Decimal, error) {
	if err := m.validate("NetNewMRR"); err != nil {
		return decimal.Decimal{}, err
	}
	return m.New.Add(m.Expansion).Add(m.Reactivation).Sub(m.Contraction).Sub(m.Churn), nil
}

// QuickRatio returns the SaaS quick ratio, MRR gained per unit of MRR lost:
//
//	quick ratio = (New + Expansion + Reactivation) ÷ (Churn + Contraction)
//
// [QuickRatioOmitsReactivation] leaves Reactivation out of the numerator.
//
// Errors: [ErrNegative] for a negative movement; [ErrZeroDenominator] when nothing was
// lost; [ErrOutOfRange] beyond [MaxExponent]; [ErrInvalidOption] for a nil option or a value
// outside its type's constants.
func QuickRatio(m Movements, opts ...QuickRatioOption) (decimal.Decimal, error) {
	const metric = "QuickRatio"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := m.validate(metric); err != nil {
		return decimal.Decimal{}, err
	}
	gained := m.New.Add(m.Expansion)
	if p.QuickRatio == QuickRatioCountsReactivation {
		gained = gained.Add(m.Reactivation)
	}
	return div(metric, "Churn+Contraction", gained, m.Churn.Add(m.Contraction))
}

func (m Movements) validate(metric string) error {
	return firstError(
		nonNegative(metric, "New", m.New),
		nonNegative(metric, "Expansion", m.Expansion),
		nonNegative(metric, "Contraction", m.Contraction),
		nonNegative(metric, "Churn", m.Churn),
		nonNegative(metric, "Reactivation", m.Reactivation),
	)
}
