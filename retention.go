package revops

import (
	"time"

	"github.com/shopspring/decimal"
)

// CustomerCounts describes the paying customers of one period, for [CustomerChurnRate]
// and [CustomerRetentionRate]. Every field counts distinct customers and is ≥ 0.
//
// The customers who arrive in the period (not paying at its start, paying at some
// instant of it) are New, paying for the first time ever, or Reactivated, former
// customers paying again; the two are kept apart so that a cost per new customer is
// never divided among returning ones. A customer who joined and left is in New (or
// Reactivated), Churned and JoinedAndLeft; one who left and came back is in Churned and
// LeftAndReturned. The counts of a segment ([SegmentSeries]) add Entered and Left, the
// customers who moved in from elsewhere or out to elsewhere, neither new nor churned.
// So the customers at the end of the period are
//
//	End = Start + New + Reactivated + Entered − (Churned − LeftAndReturned) − Left
//
// and the customers of the start who were lost by its end are
//
//	Lost = Churned − JoinedAndLeft − LeftAndReturned.
//
// Counts that cannot all hold (more joined and left than joined, more of the start
// lost than were there, more left for elsewhere than stayed) are [ErrInconsistent].
type CustomerCounts struct {
	Start           int `json:"start"`             // paying customers at the start of the period
	New             int `json:"new"`               // customers who paid for the first time ever during the period
	Reactivated     int `json:"reactivated"`       // former customers who paid again during the period, not paying at its start
	Entered         int `json:"entered,omitempty"` // for a segment only: customers who joined it from elsewhere (a plan switch), neither new nor reactivated
	Left            int `json:"left,omitempty"`    // for a segment only: customers who left it for elsewhere and are not in it at the end, not churned
	Churned         int `json:"churned"`           // customers who stopped paying during the period
	JoinedAndLeft   int `json:"joined_and_left"`   // of New and Reactivated, those not paying at the end of the period (all also in Churned)
	LeftAndReturned int `json:"left_and_returned"` // of Churned, those paying again at the end of the period
}

// plus returns the counts of two disjoint sets of customers, field by field.
func (c CustomerCounts) plus(d CustomerCounts) CustomerCounts {
	return CustomerCounts{
		Start: c.Start + d.Start, New: c.New + d.New, Reactivated: c.Reactivated + d.Reactivated,
		Entered: c.Entered + d.Entered, Left: c.Left + d.Left, Churned: c.Churned + d.Churned,
		JoinedAndLeft: c.JoinedAndLeft + d.JoinedAndLeft, LeftAndReturned: c.LeftAndReturned + d.LeftAndReturned,
	}
}

// validate checks c for metric and returns the customers of the start lost by the end.
func (c CustomerCounts) validate(metric string) (lost int, err error) {
	if err := firstError(
		nonNegativeCount(metric, "Start", c.Start),
		nonNegativeCount(metric, "New", c.New),
		nonNegativeCount(metric, "Reactivated", c.Reactivated),
		nonNegativeCount(metric, "Entered", c.Entered),
		nonNegativeCount(metric, "Left", c.Left),
		nonNegativeCount(metric, "Churned", c.Churned),
		nonNegativeCount(metric, "JoinedAndLeft", c.JoinedAndLeft),
		nonNegativeCount(metric, "LeftAndReturned", c.LeftAndReturned),
	); err != nil {
		return 0, err
	}
	switch {
	case c.JoinedAndLeft > c.New+c.Reactivated+c.Entered:
		return 0, newError(metric, "JoinedAndLeft", ErrInconsistent, "%d joined and left, but only %d joined", c.JoinedAndLeft, c.New+c.Reactivated+c.Entered)
	case c.JoinedAndLeft > c.Churned || c.LeftAndReturned > c.Churned-c.JoinedAndLeft:
		return 0, newError(metric, "Churned", ErrInconsistent, "%d churned, fewer than %d joined and left plus %d left and returned", c.Churned, c.JoinedAndLeft, c.LeftAndReturned)
	}
	lost = c.Churned - c.JoinedAndLeft - c.LeftAndReturned
	if lost > c.Start {
		return 0, newError(metric, "Churned", ErrInconsistent, "%d customers of the start lost, but only %d at the start", lost, c.Start)
	}
	if stayed := c.end() + c.Left; c.Left > stayed {
		return 0, newError(metric, "Left", ErrInconsistent, "%d left for elsewhere, but only %d were there to leave", c.Left, stayed)
	}
	return lost, nil
}

// end returns the customers at the end of the period, as [CustomerCounts] defines
// them, whatever the options of a rate.
func (c CustomerCounts) end() int {
	return c.Start + c.New + c.Reactivated + c.Entered - (c.Churned - c.LeftAndReturned) - c.Left
}

// CustomerChurnRate returns the share of customers lost in a period, as a fraction
// (0.1 is 10 %). By default it is ChartMogul's B2B formula, which is the textbook
// formula (churned ÷ start) with two corrections:
//
//	churn = (Churned − JoinedAndLeft − LeftAndReturned) ÷ Start
//
// Options change each part:
//   - [JoinedAndLeftCounted] adds JoinedAndLeft back to the numerator (Baremetrics);
//     [JoinedAndLeftIgnored] also takes them out of the arrivals in the denominator
//     (ProfitWell);
//   - [LeftAndReturnedCounted] adds LeftAndReturned back to the numerator;
//   - [ChurnOverStartPlusNew] divides by Start + New + Reactivated, every customer
//     who arrived (Stripe Billing);
//   - [ChurnOverAverage] divides by (Start + End) ÷ 2, End as in [CustomerCounts].
//
// With the default options the rate lies in [0, 1]; counting customers who joined
// during the period can push it above 1 when the denominator is Start alone.
//
// Errors: [ErrNegative] for a negative count; [ErrInconsistent] when the counts cannot
// all hold (see [CustomerCounts]); [ErrZeroDenominator] when the chosen denominator is
// zero; [ErrInvalidOption] for a nil option or a value outside its type's constants.
func CustomerChurnRate(c CustomerCounts, opts ...ChurnOption) (decimal.Decimal, error) {
	const metric = "CustomerChurnRate"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	lost, err := c.validate(metric)
	if err != nil {
		return decimal.Decimal{}, err
	}
	num := int64(lost)
	if p.JoinedAndLeft == JoinedAndLeftCounted {
		num += int64(c.JoinedAndLeft)
	}
	if p.LeftAndReturned == LeftAndReturnedCounted {
		num += int64(c.LeftAndReturned)
	}
	start, joined := int64(c.Start), int64(c.New)+int64(c.Reactivated)+int64(c.Entered)
	if p.JoinedAndLeft == JoinedAndLeftIgnored {
		joined -= int64(c.JoinedAndLeft)
	}
	switch p.ChurnDenominator {
	case ChurnOverStartPlusNew:
		return ratio(metric, "Start+New", num, start+joined)
	case ChurnOverAverage:
		// (Start + End) ÷ 2 with End as in CustomerCounts: the customers there at the
		// end, whichever arrivals the numerator counts.
		return ratio(metric, "Start+End", 2*num, start+int64(c.end()))
	default:
		return ratio(metric, "Start", num, start)
	}
}

// CustomerRetentionRate returns the share of the period's starting customers still
// paying at its end, as a fraction:
//
//	retention = (End − New − Reactivated) ÷ Start
//	          = (Start − Lost − JoinedAndLeft) ÷ Start
//
// with End and Lost as in [CustomerCounts]. Because the arrivals include customers who
// joined and left, they count against retention in this formula: it equals
// 1 − [CustomerChurnRate] (default options) exactly when JoinedAndLeft is zero.
//
// Errors: as [CustomerChurnRate] with the default denominator, and [ErrOutOfRange]
// when more customers joined and left than starting customers stayed, which would make
// the formula negative.
func CustomerRetentionRate(c CustomerCounts) (decimal.Decimal, error) {
	const metric = "CustomerRetentionRate"
	lost, err := c.validate(metric)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if c.Start == 0 {
		return decimal.Decimal{}, newError(metric, "Start", ErrZeroDenominator, "no customers at the start")
	}
	kept := c.Start - lost
	if c.JoinedAndLeft > kept {
		return decimal.Decimal{}, newError(metric, "JoinedAndLeft", ErrOutOfRange,
			"%d joined and left but only %d starting customers stayed: (End − New) ÷ Start would be negative", c.JoinedAndLeft, kept)
	}
	return ratio(metric, "Start", int64(kept-c.JoinedAndLeft), int64(c.Start))
}

// RevenueMovements is how the recurring revenue of the customers paying at the start
// of a period moved during it: the input of [NRR], [GRR], [GrossRevenueChurnRate] and
// [NetRevenueChurnRate]. Every field is an amount of MRR (or of ARR: the same basis for
// all) in one currency, ≥ 0. Revenue from new customers belongs in none of them.
type RevenueMovements struct {
	Start        decimal.Decimal `json:"start"`        // MRR of the customers paying at the start; > 0
	Expansion    decimal.Decimal `json:"expansion"`    // MRR those customers added (upgrades, seats, add-ons)
	Contraction  decimal.Decimal `json:"contraction"`  // MRR those customers gave up while still paying
	Churn        decimal.Decimal `json:"churn"`        // MRR of those customers who stopped paying entirely
	Reactivation decimal.Decimal `json:"reactivation"` // MRR from returning former customers, counted only on request
}

// validate checks m for metric: every amount ≥ 0, Start > 0, and no more revenue lost
// than there was at the start, which keeps GRR in [0, 1]. It returns the revenue lost,
// Churn + Contraction.
func (m RevenueMovements) validate(metric string) (lost decimal.Decimal, err error) {
	if err := firstError(
		nonNegative(metric, "Start", m.Start),
		nonNegative(metric, "Expansion", m.Expansion),
		nonNegative(metric, "Contraction", m.Contraction),
		nonNegative(metric, "Churn", m.Churn),
		nonNegative(metric, "Reactivation", m.Reactivation),
	); err != nil {
		return lost, err
	}
	if m.Start.IsZero() {
		return lost, newError(metric, "Start", ErrZeroDenominator, "no revenue at the start")
	}
	if lost = sumOf(m.Churn, m.Contraction); lost.GreaterThan(m.Start) {
		return lost, newError(metric, "Churn", ErrInconsistent, "churn %s + contraction %s exceed the starting %s", m.Churn, m.Contraction, m.Start)
	}
	return lost, nil
}

// validateNet is validate for the net rates, whose movements may count every change
// within the period ([MovementsEveryChange]): a customer who grew and then shrank
// lost more than it started with, but never more than it started with and gained.
func (m RevenueMovements) validateNet(metric string) (lost decimal.Decimal, err error) {
	// The errors in the order they have always come: the gains and the start, then
	// the losses.
	if err := firstError(
		nonNegative(metric, "Start", m.Start),
		nonNegative(metric, "Expansion", m.Expansion),
		nonNegative(metric, "Reactivation", m.Reactivation),
	); err != nil {
		return lost, err
	}
	if m.Start.IsZero() {
		return lost, newError(metric, "Start", ErrZeroDenominator, "no revenue at the start")
	}
	if err := firstError(nonNegative(metric, "Contraction", m.Contraction), nonNegative(metric, "Churn", m.Churn)); err != nil {
		return lost, err
	}
	// Within Start, the losses are within Start + Expansion: the second sum is only
	// needed when they pass Start.
	if lost = sumOf(m.Churn, m.Contraction); lost.GreaterThan(m.Start) && lost.GreaterThan(sumOf(m.Start, m.Expansion)) {
		return lost, newError(metric, "Churn", ErrInconsistent, "churn %s + contraction %s exceed the starting %s and the expansion %s", m.Churn, m.Contraction, m.Start, m.Expansion)
	}
	return lost, nil
}

// NRR returns net revenue retention, as a fraction (1.1 is 110 %):
//
//	NRR = (Start + Expansion − Contraction − Churn) ÷ Start
//
// It counts only customers paying at the start: revenue from new customers never
// counts. For the cohort form, MRR now from the customers of 12 months ago ÷ their MRR
// then, pass [Bridge.Retention] of an [MRRBridge] between snapshots 12 months apart.
// Reactivation is left out by default, as in ChartMogul's aggregate net MRR
// retention; [NRRIncludesReactivation] adds it to the numerator. NRR ≥ [GRR], with
// equality when Expansion (and any counted Reactivation) is zero.
//
// Contraction and Churn may count every change within the period
// ([MovementsEveryChange]), so together they may exceed Start, but not Start +
// Expansion.
//
// Errors: [ErrNegative] for a negative amount; [ErrZeroDenominator] when Start is zero;
// [ErrInconsistent] when Churn + Contraction exceed Start + Expansion; [ErrOutOfRange]
// for an amount beyond [MaxExponent]; [ErrInvalidOption] for a nil option or a value
// outside its type's constants.
func NRR(m RevenueMovements, opts ...NRROption) (decimal.Decimal, error) {
	const metric = "NRR"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	lost, err := m.validateNet(metric)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Start", sumOf(m.Start, m.Expansion, gained(m, p)).Sub(lost), m.Start)
}

// NetRevenueChurnRate returns net revenue churn, as a fraction, negative when
// expansion outgrows losses (net negative churn):
//
//	net revenue churn = (Churn + Contraction − Expansion) ÷ Start = 1 − NRR
//
// Reactivation is left out by default; [NRRIncludesReactivation] subtracts it too.
//
// Errors: as [NRR].
func NetRevenueChurnRate(m RevenueMovements, opts ...NRROption) (decimal.Decimal, error) {
	const metric = "NetRevenueChurnRate"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	lost, err := m.validateNet(metric)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Start", lost.Sub(sumOf(m.Expansion, gained(m, p))), m.Start)
}

// gained is the Reactivation that NRR counts under p: all of it with
// NRRIncludesReactivation, none by default.
func gained(m RevenueMovements, p Policy) decimal.Decimal {
	if p.NRRReactivation == NRRIncludesReactivation {
		return m.Reactivation
	}
	return decimal.Zero
}

// GRR returns gross revenue retention, as a fraction in [0, 1]:
//
//	GRR = (Start − Contraction − Churn) ÷ Start
//
// Expansion and reactivation never count, so each customer is capped at its starting
// revenue. GRR ≤ [NRR] always.
//
// Errors: [ErrNegative] for a negative amount; [ErrZeroDenominator] when Start is zero;
// [ErrInconsistent] when Churn + Contraction exceed Start; [ErrOutOfRange] for an
// amount beyond [MaxExponent].
func GRR(m RevenueMovements) (decimal.Decimal, error) {
	const metric = "GRR"
	lost, err := m.validate(metric)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Start", m.Start.Sub(lost), m.Start)
}

// GrossRevenueChurnRate returns gross revenue churn, as a fraction in [0, 1]:
//
//	gross revenue churn = (Churn + Contraction) ÷ Start = 1 − GRR
//
// Errors: as [GRR].
func GrossRevenueChurnRate(m RevenueMovements) (decimal.Decimal, error) {
	const metric = "GrossRevenueChurnRate"
	lost, err := m.validate(metric)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Start", lost, m.Start)
}

// ExpansionRate returns the expansion of the customers of the start as a fraction of
// their starting MRR:
//
//	expansion rate = Expansion ÷ Start
//
// Errors: as [GRR].
func ExpansionRate(m RevenueMovements) (decimal.Decimal, error) {
	const metric = "ExpansionRate"
	if _, err := m.validate(metric); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Start", m.Expansion, m.Start)
}

// ContractionRate returns the contraction of the customers of the start as a fraction
// of their starting MRR, in [0, 1]:
//
//	contraction rate = Contraction ÷ Start
//
// Errors: as [GRR].
func ContractionRate(m RevenueMovements) (decimal.Decimal, error) {
	const metric = "ContractionRate"
	if _, err := m.validate(metric); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Start", m.Contraction, m.Start)
}

// MaxPeriods bounds the periods of [ChurnOverPeriods] and [ChurnPerPeriod]: a century
// of months.
const MaxPeriods = 1200

// ChurnOverPeriods returns the churn over n periods of a constant churn rate per
// period, a fraction in [0, 1]: the customers lost when each period keeps 1 − rate of
// the customers it began with,
//
//	churn over n periods = 1 − (1 − rate)^n
//
// so a monthly churn of 2 % is an annual churn of 1 − 0.98^12 = 21.53 %, not 24 %. The
// power is exact and rounded once to [Scale] places, half away from zero.
//
// Errors: [ErrNegative] for a negative rate; [ErrOutOfRange] for a rate above 1 or with
// more than 2 × [Scale] decimal places, or n outside 1..[MaxPeriods].
func ChurnOverPeriods(rate decimal.Decimal, n int) (decimal.Decimal, error) {
	const metric = "ChurnOverPeriods"
	if err := checkChurnConversion(metric, rate, n); err != nil {
		return decimal.Decimal{}, err
	}
	one := decimal.NewFromInt(1)
	kept, base := one, one.Sub(rate)
	for e := n; e > 0; e >>= 1 { // exact: each product keeps every digit
		if e&1 == 1 {
			kept = kept.Mul(base)
		}
		if e > 1 {
			base = base.Mul(base)
		}
	}
	return one.Sub(kept).Round(Scale), nil
}

// ChurnPerPeriod returns the constant churn rate per period that gives a churn over n
// periods, the inverse of [ChurnOverPeriods], a fraction in [0, 1]:
//
//	churn per period = 1 − (1 − rate)^(1/n)
//
// so an annual churn of 20 % is a monthly churn of 1 − 0.8^(1/12) = 1.842 %. The root is
// exact, rounded once to [Scale] places, half away from zero.
//
// Errors: as [ChurnOverPeriods].
func ChurnPerPeriod(rate decimal.Decimal, n int) (decimal.Decimal, error) {
	const metric = "ChurnPerPeriod"
	if err := checkChurnConversion(metric, rate, n); err != nil {
		return decimal.Decimal{}, err
	}
	one := decimal.NewFromInt(1)
	return one.Sub(root(one.Sub(rate), one, n)), nil
}

// checkChurnConversion checks the inputs of ChurnOverPeriods and ChurnPerPeriod.
func checkChurnConversion(metric string, rate decimal.Decimal, n int) error {
	if err := fractionIn(metric, "rate", rate, false); err != nil {
		return err
	}
	switch {
	case rate.Exponent() < -2*Scale:
		return newError(metric, "rate", ErrOutOfRange, "%d decimal places, more than %d", -rate.Exponent(), 2*Scale)
	case n < 1 || n > MaxPeriods:
		return newError(metric, "n", ErrOutOfRange, "%d not in 1..%d", n, MaxPeriods)
	}
	return nil
}

// Renewal is one contract whose term ends, for [RenewalRate].
type Renewal struct {
	TermEnd      time.Time       `json:"term_end"`      // when the current term ends; the contract is up for renewal in the period containing it
	Currency     string          `json:"currency"`      // currency code of the values; every Renewal of one call has the same (empty is allowed, for all)
	Value        decimal.Decimal `json:"value"`         // recurring value up for renewal (the renewal target), ≥ 0
	Renewed      bool            `json:"renewed"`       // whether the customer renewed
	RenewedValue decimal.Decimal `json:"renewed_value"` // recurring value of the renewed term, ≥ 0; zero unless Renewed
}

func (c Renewal) validate(metric, currency string) error {
	if err := firstError(
		nonNegative(metric, "Value", c.Value),
		nonNegative(metric, "RenewedValue", c.RenewedValue),
	); err != nil {
		return err
	}
	if err := sameCurrency(metric, "Currency", c.Currency, currency); err != nil {
		return err
	}
	if !c.Renewed && !c.RenewedValue.IsZero() {
		return newError(metric, "RenewedValue", ErrInconsistent, "%s renewed on a contract not renewed", c.RenewedValue)
	}
	return nil
}

// RenewalRates is the result of [RenewalRate].
type RenewalRates struct {
	Due          int             `json:"due"`           // contracts whose term ended in the period
	Renewed      int             `json:"renewed"`       // of those, contracts renewed
	DueValue     decimal.Decimal `json:"due_value"`     // Σ Value over due contracts
	RenewedValue decimal.Decimal `json:"renewed_value"` // Σ renewed value over due contracts, each capped at its Value by default
	ByCount      decimal.Decimal `json:"by_count"`      // Renewed ÷ Due, a fraction
	ByValue      decimal.Decimal `json:"by_value"`      // RenewedValue ÷ DueValue, a fraction
}

// RenewalRate returns the renewal rate of the contracts up for renewal in period p, by
// count and by value, as fractions:
//
//	by count = renewed ÷ due
//	by value = Σ min(RenewedValue, Value) ÷ Σ Value
//
// A contract is due when its TermEnd lies in p, so a customer in the middle of a
// multi-year term is not up for renewal and counts in neither part. By default each
// renewal counts at no more than its renewal target, so upsell cannot hide lost
// renewals and the value rate is at most 1; [RenewalValueUncapped] counts upsell too.
// Contracts outside p are checked but not counted.
//
// Errors: [ErrInvalidPeriod] for a zero Period; [ErrNegative] for a negative value;
// [ErrInconsistent] for a RenewedValue above zero on a contract not renewed;
// [ErrCurrencyMismatch] when two renewals carry different currencies;
// [ErrZeroDenominator] when no contract is due, or the due contracts are worth zero;
// [ErrInvalidOption] for a nil option or a value outside its type's constants. With
// [InvalidRecordsSkip] a renewal with a record error is left out (the first valid one
// sets the currency) and a [*Refused] listing those left out comes with the result.
func RenewalRate(p Period, renewals []Renewal, opts ...RenewalOption) (RenewalRates, error) {
	const metric = "RenewalRate"
	pol, err := policyFor(metric, opts)
	if err != nil {
		return RenewalRates{}, err
	}
	if err := p.valid(metric); err != nil {
		return RenewalRates{}, err
	}
	var r RenewalRates
	refused := refusing(pol)
	currency, first := "", true
	for i, c := range renewals {
		if first {
			currency = c.Currency
		}
		if err := c.validate(metric, currency); err != nil {
			if err = atIndex(err, "renewals", i); !refused.keep(i, err) {
				return RenewalRates{}, err
			}
			continue
		}
		first = false
		if !p.Contains(c.TermEnd) {
			continue
		}
		r.Due++
		r.DueValue = r.DueValue.Add(c.Value)
		if !c.Renewed {
			continue
		}
		r.Renewed++
		v := c.RenewedValue
		if pol.RenewalValue == RenewalValueCapped {
			v = decimal.Min(v, c.Value)
		}
		r.RenewedValue = r.RenewedValue.Add(v)
	}
	if r.Due == 0 {
		return RenewalRates{}, refused.with(metric, len(renewals), newError(metric, "Due", ErrZeroDenominator, "no contract's term ends in the period"))
	}
	r.ByCount, _ = ratio(metric, "Due", int64(r.Renewed), int64(r.Due))
	if r.ByValue, err = div(metric, "DueValue", r.RenewedValue, r.DueValue); err != nil {
		return RenewalRates{}, refused.with(metric, len(renewals), err)
	}
	return r, refused.err(metric, len(renewals))
}

// NPSCounts is a survey's answers grouped for [NPSFromCounts]: promoters answered 9 or
// 10, passives 7 or 8, detractors 0 to 6. Every count is ≥ 0.
type NPSCounts struct {
	Promoters  int `json:"promoters"`
	Passives   int `json:"passives"`
	Detractors int `json:"detractors"`
}

// NPS returns the Net Promoter Score of answers on the 0–10 scale, a number from −100
// to 100 (not a fraction, by the score's own convention):
//
//	NPS = 100 × (promoters − detractors) ÷ answers
//
// where promoters answered 9 or 10 and detractors 0 to 6.
//
// Errors: [ErrOutOfRange] for an answer outside 0..10; [ErrZeroDenominator] for no answers.
func NPS(scores []int) (decimal.Decimal, error) {
	const metric = "NPS"
	var c NPSCounts
	for i, s := range scores {
		switch {
		case s < 0 || s > 10:
			return decimal.Decimal{}, atIndex(newError(metric, "", ErrOutOfRange, "%d not in 0..10", s), "scores", i)
		case s >= 9:
			c.Promoters++
		case s >= 7:
			c.Passives++
		default:
			c.Detractors++
		}
	}
	return npsOf(metric, c)
}

// NPSFromCounts is [NPS] from answers already grouped.
//
// Errors: [ErrNegative] for a negative count; [ErrZeroDenominator] when all are zero.
func NPSFromCounts(c NPSCounts) (decimal.Decimal, error) {
	const metric = "NPSFromCounts"
	if err := firstError(
		nonNegativeCount(metric, "Promoters", c.Promoters),
		nonNegativeCount(metric, "Passives", c.Passives),
		nonNegativeCount(metric, "Detractors", c.Detractors),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return npsOf(metric, c)
}

func npsOf(metric string, c NPSCounts) (decimal.Decimal, error) {
	total := decimal.NewFromInt(int64(c.Promoters)).Add(decimal.NewFromInt(int64(c.Passives))).Add(decimal.NewFromInt(int64(c.Detractors)))
	net := decimal.NewFromInt(int64(c.Promoters)).Sub(decimal.NewFromInt(int64(c.Detractors)))
	return div(metric, "answers", net.Mul(hundred), total)
}

// CSAT returns the customer satisfaction score of survey answers, as a fraction:
//
//	CSAT = satisfied answers ÷ answers
//
// By default answers run from 1 to 5 and 4 or 5 is satisfied; a [CSATScale] option sets
// another scale and threshold.
//
// Errors: [ErrOutOfRange] for an answer outside the scale; [ErrZeroDenominator] for no
// answers; [ErrInvalidOption] for a scale whose threshold is not within it.
func CSAT(scores []int, opts ...CSATOption) (decimal.Decimal, error) {
	const metric = "CSAT"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	scale := p.CSATScale.orDefault()
	satisfied := 0
	for i, s := range scores {
		if s < scale.Min || s > scale.Max {
			return decimal.Decimal{}, atIndex(newError(metric, "", ErrOutOfRange, "%d not in %d..%d", s, scale.Min, scale.Max), "scores", i)
		}
		if s >= scale.Satisfied {
			satisfied++
		}
	}
	return ratio(metric, "answers", int64(satisfied), int64(len(scores)))
}

// CustomerRetentionCost returns what keeping one customer cost in a period, in the
// currency of spend:
//
//	retention cost = spend on retention ÷ customers retained
//
// Errors: [ErrNegative] for negative spend or count; [ErrZeroDenominator] when no
// customer was retained; [ErrOutOfRange] for spend beyond [MaxExponent].
func CustomerRetentionCost(spend decimal.Decimal, retained int) (decimal.Decimal, error) {
	const metric = "CustomerRetentionCost"
	if err := firstError(
		nonNegative(metric, "spend", spend),
		nonNegativeCount(metric, "retained", retained),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "retained", spend, decimal.NewFromInt(int64(retained)))
}
