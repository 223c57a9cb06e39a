package revops

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// AcquisitionCosts are the sales and marketing costs of a period attributed to winning
// new customers, by component, in one currency, each ≥ 0.
type AcquisitionCosts struct {
	PaidMedia      decimal.Decimal `json:"paid_media"`      // paid advertising and sponsored placements
	Personnel      decimal.Decimal `json:"personnel"`       // salaries, commissions and benefits of sales and marketing staff
	Tools          decimal.Decimal `json:"tools"`           // software and data for sales and marketing
	LeadGeneration decimal.Decimal `json:"lead_generation"` // bought lists, events, agencies, content production
	Other          decimal.Decimal `json:"other"`           // anything else attributed to acquisition
}

// Total returns the sum of the components.
func (c AcquisitionCosts) Total() decimal.Decimal {
	return sumOf(c.PaidMedia, c.Personnel, c.Tools, c.LeadGeneration, c.Other)
}

func (c AcquisitionCosts) validate(metric string) error {
	return firstError(
		nonNegative(metric, "Costs.PaidMedia", c.PaidMedia),
		nonNegative(metric, "Costs.Personnel", c.Personnel),
		nonNegative(metric, "Costs.Tools", c.Tools),
		nonNegative(metric, "Costs.LeadGeneration", c.LeadGeneration),
		nonNegative(metric, "Costs.Other", c.Other),
	)
}

// CACInput is what [CAC] and [PaidCAC] need for one period.
type CACInput struct {
	Costs         AcquisitionCosts `json:"costs"`
	NewCustomers  int              `json:"new_customers"`  // customers won in the period, all channels
	PaidCustomers int              `json:"paid_customers"` // of those, customers won through paid channels; ≤ NewCustomers
}

// CAC returns the blended customer acquisition cost, in the costs' currency:
//
//	CAC = (PaidMedia + Personnel + Tools + LeadGeneration + Other) ÷ NewCustomers
//
// Errors: [ErrNegative] for a negative cost or count; [ErrInconsistent] when
// PaidCustomers exceeds NewCustomers; [ErrZeroDenominator] when no customer was won;
// [ErrOutOfRange] beyond [MaxExponent].
func CAC(in CACInput) (decimal.Decimal, error) {
	const metric = "CAC"
	if err := in.validate(metric); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "NewCustomers", in.Costs.Total(), decimal.NewFromInt(int64(in.NewCustomers)))
}

// PaidCAC returns the paid customer acquisition cost: paid media spend per customer won
// through paid channels.
//
//	paid CAC = PaidMedia ÷ PaidCustomers
//
// Errors: as [CAC], with [ErrZeroDenominator] when PaidCustomers is zero.
func PaidCAC(in CACInput) (decimal.Decimal, error) {
	const metric = "PaidCAC"
	if err := in.validate(metric); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "PaidCustomers", in.Costs.PaidMedia, decimal.NewFromInt(int64(in.PaidCustomers)))
}

func (in CACInput) validate(metric string) error {
	if err := firstError(
		in.Costs.validate(metric),
		nonNegativeCount(metric, "NewCustomers", in.NewCustomers),
		nonNegativeCount(metric, "PaidCustomers", in.PaidCustomers),
	); err != nil {
		return err
	}
	if in.PaidCustomers > in.NewCustomers {
		return newError(metric, "PaidCustomers", ErrInconsistent, "%d paid of %d new", in.PaidCustomers, in.NewCustomers)
	}
	return nil
}

// CPA returns the cost per acquisition, the standard formula: sales and marketing spend
// of the period ÷ the customers (or, in its per-conversion form, the conversions) it
// acquired, in the spend's currency.
//
// Errors: [ErrNegative] for negative spend or count; [ErrZeroDenominator] for no
// acquisitions; [ErrOutOfRange] beyond [MaxExponent].
func CPA(spend decimal.Decimal, acquisitions int) (decimal.Decimal, error) {
	return perHead("CPA", "acquisitions", Monthly(spend), acquisitions)
}

// LeadConversion counts the leads of a period and those that became opportunities.
type LeadConversion struct {
	Leads         int `json:"leads"`         // leads created in the period, ≥ 0
	Opportunities int `json:"opportunities"` // of those, leads that became opportunities; ≤ Leads
}

// LeadConversionRate returns the share of leads that became opportunities, a fraction
// in [0, 1]: Opportunities ÷ Leads: 40 of 100 is 0.4. This is the cohort form, the
// "cohort-based lead conversion rate" (Rekener, later Brainshark: of the leads
// created in a period, those converted to opportunities): the opportunities are
// counted among the leads, whenever they converted. The period form, conversions in
// a period per lead created in it, is [PeriodLeadConversionRate].
//
// Errors: [ErrNegative] for a negative count; [ErrInconsistent] for more opportunities
// than leads; [ErrZeroDenominator] for no leads.
func LeadConversionRate(c LeadConversion) (decimal.Decimal, error) {
	return share("LeadConversionRate", "Opportunities", "Leads", c.Opportunities, c.Leads)
}

// PeriodLeadConversion counts a period's new leads and the conversions that happened
// in it, of leads created in it or before.
type PeriodLeadConversion struct {
	NewLeads    int `json:"new_leads"`   // leads created in the period, ≥ 0
	Conversions int `json:"conversions"` // leads that became opportunities in the period, whenever they were created, ≥ 0
}

// PeriodLeadConversionRate returns the period form of lead conversion, the
// conversions of a period per lead created in it, a fraction that may exceed 1:
//
//	period conversion rate = Conversions ÷ NewLeads
//
// 14 conversions of older leads in a month with 10 new leads is 1.4. It is the ratio
// a period's two counts give, as lead conversion calculators take them (Mailmodo's:
// number of conversions ÷ number of leads, over a period); since the conversions need
// not be of the period's leads, it may pass 1, and it measures the funnel's
// throughput in the period, where [LeadConversionRate], the cohort form, measures
// what became of the period's leads.
//
// Errors: [ErrNegative] for a negative count; [ErrZeroDenominator] for no new leads.
func PeriodLeadConversionRate(c PeriodLeadConversion) (decimal.Decimal, error) {
	const metric = "PeriodLeadConversionRate"
	if err := firstError(nonNegativeCount(metric, "NewLeads", c.NewLeads), nonNegativeCount(metric, "Conversions", c.Conversions)); err != nil {
		return decimal.Decimal{}, err
	}
	return ratio(metric, "NewLeads", int64(c.Conversions), int64(c.NewLeads))
}

// LeadContact counts the qualified leads of a period and those contacted.
type LeadContact struct {
	QualifiedLeads int `json:"qualified_leads"` // ≥ 0
	Contacted      int `json:"contacted"`       // of those, leads someone reached out to; ≤ QualifiedLeads
}

// LeadContactRate returns the share of qualified leads contacted, a fraction in [0, 1]:
// Contacted ÷ QualifiedLeads: 90 of 100 is 0.9.
//
// Errors: [ErrNegative] for a negative count; [ErrInconsistent] for more contacted than
// qualified; [ErrZeroDenominator] for no qualified leads.
func LeadContactRate(c LeadContact) (decimal.Decimal, error) {
	return share("LeadContactRate", "Contacted", "QualifiedLeads", c.Contacted, c.QualifiedLeads)
}

// TrialConversion counts the free trials of a period and those that became paying.
type TrialConversion struct {
	Trials    int `json:"trials"`    // trials that ended in the period, ≥ 0
	Converted int `json:"converted"` // of those, trials that became paying subscriptions; ≤ Trials
}

// TrialConversionRate returns the share of trials that became paying, a fraction in
// [0, 1]: Converted ÷ Trials. Count trials by the period their trial ends in, so each
// has had its chance to convert.
//
// Errors: [ErrNegative] for a negative count; [ErrInconsistent] for more conversions
// than trials; [ErrZeroDenominator] for no trials.
func TrialConversionRate(c TrialConversion) (decimal.Decimal, error) {
	return share("TrialConversionRate", "Converted", "Trials", c.Converted, c.Trials)
}

// FunnelStage is one stage of a funnel and how many reached it.
type FunnelStage struct {
	Name  string `json:"name"`
	Count int    `json:"count"` // ≥ 0
}

// FunnelStep is the conversion from one stage to the next.
type FunnelStep struct {
	From string          `json:"from"`
	To   string          `json:"to"`
	Rate decimal.Decimal `json:"rate"` // To's count ÷ From's count, a fraction
}

// FunnelRates is the result of [Funnel].
type FunnelRates struct {
	Steps   []FunnelStep    `json:"steps"`   // one per pair of consecutive stages
	Overall decimal.Decimal `json:"overall"` // last stage's count ÷ first stage's count
}

// Funnel returns the conversion rate of each step of a funnel and the overall rate:
//
//	step i = count[i+1] ÷ count[i]
//	overall = count[last] ÷ count[0] = Π step i
//
// each rounded to [Scale] places. By default a stage may not hold more than the one
// before it; [FunnelIncreasesAllowed] lifts that.
//
// Errors: [ErrOutOfRange] for fewer than two stages; [ErrNegative] for a negative count;
// [ErrInconsistent] for a stage larger than the one before (by default);
// [ErrZeroDenominator] for an empty stage followed by another; [ErrInvalidOption] for
// a nil option or a value outside its type's constants.
func Funnel(stages []FunnelStage, opts ...FunnelOption) (FunnelRates, error) {
	const metric = "Funnel"
	p, err := policyFor(metric, opts)
	if err != nil {
		return FunnelRates{}, err
	}
	if len(stages) < 2 {
		return FunnelRates{}, newError(metric, "stages", ErrOutOfRange, "%d stages: a funnel needs two", len(stages))
	}
	for i, s := range stages {
		if err := nonNegativeCount(metric, "Count", s.Count); err != nil {
			return FunnelRates{}, atIndex(err, "stages", i)
		}
		if i > 0 && s.Count > stages[i-1].Count && p.FunnelOrder == FunnelDecreasing {
			return FunnelRates{}, atIndex(newError(metric, "Count", ErrInconsistent, "%s holds %d, more than %s's %d", s.Name, s.Count, stages[i-1].Name, stages[i-1].Count), "stages", i)
		}
	}
	r := FunnelRates{Steps: make([]FunnelStep, len(stages)-1)}
	for i := range r.Steps {
		rate, err := ratio(metric, "Count", int64(stages[i+1].Count), int64(stages[i].Count))
		if err != nil {
			return FunnelRates{}, atIndex(err, "stages", i)
		}
		r.Steps[i] = FunnelStep{From: stages[i].Name, To: stages[i+1].Name, Rate: rate}
	}
	if r.Overall, err = ratio(metric, "Count", int64(stages[len(stages)-1].Count), int64(stages[0].Count)); err != nil {
		return FunnelRates{}, atIndex(err, "stages", 0)
	}
	return r, nil
}

// Lead is a lead's creation and first response, for [SpeedToLead], and whether it was
// qualified and became an opportunity, and when, for [LeadsByPeriod].
//
// ConvertedAt, like an [Opportunity]'s dates, is a date when it is midnight in its own
// location (Salesforce's ConvertedDate has no time of day), read in the reporting
// zone, and an instant otherwise.
type Lead struct {
	ID            string    `json:"id"` // the CRM's identifier, for the caller's messages; may be empty
	Created       time.Time `json:"created"`
	FirstResponse time.Time `json:"first_response"` // zero when nobody has responded yet
	Qualified     bool      `json:"qualified"`      // the lead was qualified (marketing- or sales-qualified)
	Converted     bool      `json:"converted"`      // the lead became an opportunity
	// ConvertedAt is when it became one, not before Created; zero while it has not,
	// or when the date is unknown.
	ConvertedAt time.Time `json:"converted_at"`
}

// SpeedToLeadResult is the result of [SpeedToLead].
type SpeedToLeadResult struct {
	Mean           time.Duration `json:"mean_seconds"`
	Median         time.Duration `json:"median_seconds"`  // over contacted leads, rounded to the nanosecond
	Contacted      int           `json:"contacted"`       // leads with a response
	NeverContacted int           `json:"never_contacted"` // leads without one: reported, never dropped silently
}

// SpeedToLead returns the mean and median time from a lead's creation to its first
// response, over the leads that had one, and counts those that did not:
//
//	mean = Σ (FirstResponse − Created) ÷ contacted
//
// The median of an even count is the mean of the two middle times. By default the
// time is wall-clock time; with a [BusinessCalendar] it is working time only
// ([BusinessCalendar.Between]): on weekdays from 06:00 to 17:00 in Los Angeles, leads
// answered Tuesday 10:00 → 12:30, Friday 16:30 → Monday 06:30 and Saturday 11:00 →
// Monday 07:00 waited 2 h 30, 1 h and 1 h, a mean of 1 h 30 and a median of 1 h
// (wall-clock: 36 h 10 and 44 h).
//
// Errors: [ErrInvalidPeriod] for a response before its lead was created;
// [ErrOutOfRange] under a BusinessCalendar for a response more than [MaxWindowDays]
// days after its lead; [ErrZeroDenominator] when no lead was contacted (the error
// says how many were not); [ErrInvalidOption] for a nil option, a value outside its
// type's constants, or a calendar whose zone does not load. With
// [InvalidRecordsSkip] a lead with a record error is left out and a [*Refused]
// listing those left out comes with the result.
func SpeedToLead(leads []Lead, opts ...LeadOption) (SpeedToLeadResult, error) {
	const metric = "SpeedToLead"
	p, err := policyFor(metric, opts)
	if err != nil {
		return SpeedToLeadResult{}, err
	}
	cal, loc, err := p.Calendar.calendarFor(metric)
	if err != nil {
		return SpeedToLeadResult{}, err
	}
	return speedToLead(metric, leads, p, cal, loc)
}

// speedToLead is SpeedToLead with the calendar read: its spec, and its zone loc (nil
// for the empty calendar, wall-clock time).
func speedToLead(metric string, leads []Lead, p Policy, cal calendarSpec, loc *time.Location) (SpeedToLeadResult, error) {
	var r SpeedToLeadResult
	times := make([]decimal.Decimal, 0, len(leads))
	refused := refusing(p)
	for i, l := range leads {
		if l.FirstResponse.IsZero() {
			r.NeverContacted++
			continue
		}
		d, err := l.responseTime(metric, cal, loc)
		if err != nil {
			if err = atIndex(err, "leads", i); !refused.keep(i, err) {
				return SpeedToLeadResult{}, err
			}
			continue
		}
		times = append(times, d)
	}
	r.Contacted = len(times)
	if r.Contacted == 0 {
		return SpeedToLeadResult{}, refused.with(metric, len(leads), newError(metric, "leads", ErrZeroDenominator, "no lead of %d was contacted", r.NeverContacted))
	}
	mean, median := meanMedian(metric, times)
	r.Mean, r.Median = nanoseconds(mean), nanoseconds(median)
	return r, refused.err(metric, len(leads))
}

// responseTime returns the time from l's creation to its first response, in
// nanoseconds: wall-clock time under the empty calendar, working time in loc under
// another.
func (l Lead) responseTime(metric string, cal calendarSpec, loc *time.Location) (decimal.Decimal, error) {
	if err := l.validateFor(metric, cal); err != nil {
		return decimal.Decimal{}, err
	}
	if cal.days == 0 {
		return elapsed(l.Created, l.FirstResponse), nil
	}
	return decimal.NewFromInt(int64(cal.work(loc, l.Created, l.FirstResponse))), nil
}

// validate refuses a response before the lead was created.
func (l Lead) validate(metric string) error {
	if !l.FirstResponse.IsZero() && l.FirstResponse.Before(l.Created) {
		return newError(metric, "FirstResponse", ErrInvalidPeriod, "%s is before the lead was created at %s",
			l.FirstResponse.Format(time.RFC3339), l.Created.Format(time.RFC3339))
	}
	return nil
}

// validateConversion refuses a ConvertedAt on a lead not converted, and one before the
// lead was created, dates read in the reporting zone loc.
func (l Lead) validateConversion(metric string, loc *time.Location) error {
	switch {
	case l.ConvertedAt.IsZero():
		return nil
	case !l.Converted:
		return newError(metric, "ConvertedAt", ErrInconsistent, "a conversion date on a lead not Converted")
	case dayOf(l.ConvertedAt, loc).Before(dayOf(l.Created, loc)) || (!isDate(l.ConvertedAt) && l.ConvertedAt.Before(l.Created)):
		return newError(metric, "ConvertedAt", ErrInvalidPeriod, "converted %s, before the lead was created at %s",
			l.ConvertedAt.Format(time.RFC3339), l.Created.Format(time.RFC3339))
	}
	return nil
}

// validateFor is validate, and under a calendar the bound on the response time.
func (l Lead) validateFor(metric string, cal calendarSpec) error {
	if err := l.validate(metric); err != nil {
		return err
	}
	if cal.days != 0 && !l.FirstResponse.IsZero() && l.FirstResponse.Sub(l.Created) > maxCalendarSpan {
		return newError(metric, "FirstResponse", ErrOutOfRange, "%s is more than %d days after the lead was created at %s",
			l.FirstResponse.Format(time.RFC3339), MaxWindowDays, l.Created.Format(time.RFC3339))
	}
	return nil
}

// elapsed returns b − a in nanoseconds, exactly, however far apart they are.
func elapsed(a, b time.Time) decimal.Decimal {
	secs := decimal.NewFromInt(b.Unix()).Sub(decimal.NewFromInt(a.Unix())).Mul(decimal.NewFromInt(1e9))
	return secs.Add(decimal.NewFromInt(int64(b.Nanosecond() - a.Nanosecond())))
}

// nanoseconds converts a non-negative count of nanoseconds to a Duration, rounded, and
// saturated at the largest Duration.
func nanoseconds(d decimal.Decimal) time.Duration {
	d = d.Round(0)
	if d.GreaterThan(decimal.NewFromInt(int64(1<<63 - 1))) {
		return time.Duration(1<<63 - 1)
	}
	return time.Duration(d.IntPart())
}

// meanMedian returns the mean and the median of xs (len ≥ 1), each rounded to Scale;
// the median of an even count is the mean of the two middle values. It sorts xs.
func meanMedian(metric string, xs []decimal.Decimal) (mean, median decimal.Decimal) {
	total := decimal.Zero
	for _, x := range xs {
		total = total.Add(x)
	}
	mean, _ = div(metric, "", total, decimal.NewFromInt(int64(len(xs)))) // len ≥ 1
	slices.SortFunc(xs, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	median = xs[len(xs)/2]
	if len(xs)%2 == 0 {
		median, _ = div(metric, "", xs[len(xs)/2-1].Add(median), decimal.NewFromInt(2))
	}
	return mean, median
}

// CACPaybackInput is what [CACPayback] needs.
type CACPaybackInput struct {
	CAC               decimal.Decimal `json:"cac"`                  // acquisition cost per new customer, ≥ 0
	NewMRRPerCustomer decimal.Decimal `json:"new_mrr_per_customer"` // monthly recurring revenue a new customer brings, > 0 (monthly, not annual)
	GrossMargin       decimal.Decimal `json:"gross_margin"`         // gross margin as a fraction in (0, 1]
}

// CACPayback returns the months of gross profit a new customer takes to repay its
// acquisition cost:
//
//	payback = CAC ÷ (NewMRRPerCustomer × GrossMargin)
//
// Errors: [ErrNegative] for a negative amount; [ErrOutOfRange] for a GrossMargin
// outside (0, 1] or an amount beyond [MaxExponent]; [ErrZeroDenominator] when
// NewMRRPerCustomer is zero.
func CACPayback(in CACPaybackInput) (decimal.Decimal, error) {
	const metric = "CACPayback"
	if err := firstError(
		nonNegative(metric, "CAC", in.CAC),
		nonNegative(metric, "NewMRRPerCustomer", in.NewMRRPerCustomer),
		fractionIn(metric, "GrossMargin", in.GrossMargin, true),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "NewMRRPerCustomer", in.CAC, in.NewMRRPerCustomer.Mul(in.GrossMargin))
}

// LTVCACInput is a lifetime value and an acquisition cost in one currency.
type LTVCACInput struct {
	LTV decimal.Decimal `json:"ltv"` // customer lifetime value, ≥ 0, from [LTV] or [CLV]
	CAC decimal.Decimal `json:"cac"` // customer acquisition cost, > 0, from [CAC]
}

// LTVToCAC returns the ratio of lifetime value to acquisition cost: LTV ÷ CAC.
// A zero churn rate (no LTV) is caught by [LTV] before it gets here.
//
// Errors: [ErrNegative] for a negative amount; [ErrZeroDenominator] when CAC is zero;
// [ErrOutOfRange] beyond [MaxExponent].
func LTVToCAC(in LTVCACInput) (decimal.Decimal, error) {
	const metric = "LTVToCAC"
	if err := firstError(nonNegative(metric, "LTV", in.LTV), nonNegative(metric, "CAC", in.CAC)); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "CAC", in.LTV, in.CAC)
}

// MagicNumberInput is what [MagicNumber] needs, in one currency.
type MagicNumberInput struct {
	RevenueThisQuarter decimal.Decimal `json:"revenue_this_quarter"` // recurring revenue of this quarter, ≥ 0
	RevenueLastQuarter decimal.Decimal `json:"revenue_last_quarter"` // recurring revenue of last quarter, ≥ 0
	SpendLastQuarter   decimal.Decimal `json:"spend_last_quarter"`   // sales and marketing spend of last quarter, > 0
}

// MagicNumber returns the SaaS magic number, the annualized new revenue bought by a
// quarter's sales and marketing spend:
//
//	magic number = (RevenueThisQuarter − RevenueLastQuarter) × 4 ÷ SpendLastQuarter
//
// Errors: [ErrNegative] for a negative amount; [ErrZeroDenominator] when the spend is
// zero; [ErrOutOfRange] beyond [MaxExponent].
func MagicNumber(in MagicNumberInput) (decimal.Decimal, error) {
	const metric = "MagicNumber"
	if err := firstError(
		nonNegative(metric, "RevenueThisQuarter", in.RevenueThisQuarter),
		nonNegative(metric, "RevenueLastQuarter", in.RevenueLastQuarter),
		nonNegative(metric, "SpendLastQuarter", in.SpendLastQuarter),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "SpendLastQuarter", in.RevenueThisQuarter.Sub(in.RevenueLastQuarter).Mul(decimal.NewFromInt(4)), in.SpendLastQuarter)
}

// MagicNumberARRInput is what [MagicNumberFromARR] needs, in one currency.
type MagicNumberARRInput struct {
	NetNewARR        decimal.Decimal `json:"net_new_arr"`        // ARR added this quarter, net of churn and contraction; may be negative
	SpendLastQuarter decimal.Decimal `json:"spend_last_quarter"` // sales and marketing spend of last quarter, > 0
}

// MagicNumberFromARR returns the magic number in its net-new-ARR form; ARR is already
// annual, so there is no × 4:
//
//	magic number = NetNewARR ÷ SpendLastQuarter
//
// Errors: [ErrNegative] for negative spend; [ErrZeroDenominator] when the spend is
// zero; [ErrOutOfRange] beyond [MaxExponent].
func MagicNumberFromARR(in MagicNumberARRInput) (decimal.Decimal, error) {
	const metric = "MagicNumberFromARR"
	if err := firstError(finite(metric, "NetNewARR", in.NetNewARR), nonNegative(metric, "SpendLastQuarter", in.SpendLastQuarter)); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "SpendLastQuarter", in.NetNewARR, in.SpendLastQuarter)
}

// BurnMultipleInput is a period's net burn and net new ARR, in one currency.
type BurnMultipleInput struct {
	NetBurn   decimal.Decimal `json:"net_burn"`    // cash burned in the period, net of cash in, ≥ 0
	NetNewARR decimal.Decimal `json:"net_new_arr"` // ARR added in the period, net of churn and contraction, > 0
}

// BurnMultiple returns how much cash a period burned per unit of ARR it added:
//
//	burn multiple = NetBurn ÷ NetNewARR
//
// Errors: [ErrNegative] for negative burn (a business generating cash has no burn
// multiple); [ErrZeroDenominator] when NetNewARR is zero and [ErrOutOfRange] when it is
// negative, since the multiple is then meaningless; [ErrOutOfRange] beyond [MaxExponent].
func BurnMultiple(in BurnMultipleInput) (decimal.Decimal, error) {
	const metric = "BurnMultiple"
	if err := firstError(nonNegative(metric, "NetBurn", in.NetBurn), finite(metric, "NetNewARR", in.NetNewARR)); err != nil {
		return decimal.Decimal{}, err
	}
	if in.NetNewARR.IsNegative() {
		return decimal.Decimal{}, newError(metric, "NetNewARR", ErrOutOfRange, "%s ≤ 0: ARR shrank", in.NetNewARR)
	}
	return div(metric, "NetNewARR", in.NetBurn, in.NetNewARR)
}

// MarginKind names the profit margin used in [RuleOf40].
type MarginKind uint8

const (
	MarginUnstated     MarginKind = iota // not said: refused, so a score never hides its margin
	MarginEBITDA                         // EBITDA margin
	MarginFreeCashFlow                   // free-cash-flow margin
	MarginOperating                      // operating margin
	MarginNet                            // net income margin
)

// RuleOf40Input is a growth rate and a profit margin, both fractions.
type RuleOf40Input struct {
	Growth decimal.Decimal `json:"growth"` // revenue growth rate, a fraction; may be negative
	Margin decimal.Decimal `json:"margin"` // profit margin, a fraction; may be negative
	Kind   MarginKind      `json:"kind"`   // which margin Margin is; required
}

// RuleOf40Result is the result of [RuleOf40].
type RuleOf40Result struct {
	Score  decimal.Decimal `json:"score"`  // Growth + Margin, a fraction
	Passes bool            `json:"passes"` // Score ≥ 0.40
	Kind   MarginKind      `json:"kind"`   // the margin the score used
}

// RuleOf40 returns growth plus margin and whether it reaches 40 %:
//
//	score = Growth + Margin;  passes = score ≥ 0.40
//
// The margin kind must be stated, since EBITDA and free-cash-flow margins give
// different scores for one company.
//
// Errors: [ErrOutOfRange] for an unstated or unknown Kind, or a value beyond
// [MaxExponent].
func RuleOf40(in RuleOf40Input) (RuleOf40Result, error) {
	const metric = "RuleOf40"
	if err := firstError(finite(metric, "Growth", in.Growth), finite(metric, "Margin", in.Margin)); err != nil {
		return RuleOf40Result{}, err
	}
	if in.Kind == MarginUnstated || int(in.Kind) >= len(marginKindNames) {
		return RuleOf40Result{}, newError(metric, "Kind", ErrOutOfRange, "%v: say which margin (MarginEBITDA, MarginFreeCashFlow, ...)", in.Kind)
	}
	score := in.Growth.Add(in.Margin)
	return RuleOf40Result{Score: score, Passes: score.GreaterThanOrEqual(decimal.New(4, -1)), Kind: in.Kind}, nil
}

// ROICosts are the costs of a revenue-operations programme, by component, each ≥ 0.
type ROICosts struct {
	Personnel  decimal.Decimal `json:"personnel"`
	Technology decimal.Decimal `json:"technology"`
	Training   decimal.Decimal `json:"training"`
	Other      decimal.Decimal `json:"other"`
}

// ROIGains are the gains attributed to a revenue-operations programme over the same
// span as its costs, by source, each ≥ 0. Supply those you can measure; the others stay
// zero.
type ROIGains struct {
	MoreCustomers      decimal.Decimal `json:"more_customers"`       // gross profit from customers won beyond the baseline
	BetterRetention    decimal.Decimal `json:"better_retention"`     // revenue kept that would have churned
	ShorterCycles      decimal.Decimal `json:"shorter_cycles"`       // value of revenue closed sooner (cost of capital, capacity)
	RevenuePerCustomer decimal.Decimal `json:"revenue_per_customer"` // extra revenue from higher revenue per customer
}

// ROIInput is what [ROI] needs, in one currency.
type ROIInput struct {
	Costs ROICosts `json:"costs"`
	Gains ROIGains `json:"gains"`
}

// ROIResult is the result of [ROI].
type ROIResult struct {
	Cost decimal.Decimal `json:"cost"`
	Gain decimal.Decimal `json:"gain"` // the component sums
	ROI  decimal.Decimal `json:"roi"`  // (Gain − Cost) ÷ Cost, a fraction; negative for a loss
}

// ROI returns the return on a revenue-operations programme:
//
//	ROI = (Σ gains − Σ costs) ÷ Σ costs
//
// Errors: [ErrNegative] for a negative component; [ErrZeroDenominator] when the costs
// sum to zero; [ErrOutOfRange] beyond [MaxExponent].
func ROI(in ROIInput) (ROIResult, error) {
	const metric = "ROI"
	c, g := in.Costs, in.Gains
	if err := firstError(
		nonNegative(metric, "Costs.Personnel", c.Personnel),
		nonNegative(metric, "Costs.Technology", c.Technology),
		nonNegative(metric, "Costs.Training", c.Training),
		nonNegative(metric, "Costs.Other", c.Other),
		nonNegative(metric, "Gains.MoreCustomers", g.MoreCustomers),
		nonNegative(metric, "Gains.BetterRetention", g.BetterRetention),
		nonNegative(metric, "Gains.ShorterCycles", g.ShorterCycles),
		nonNegative(metric, "Gains.RevenuePerCustomer", g.RevenuePerCustomer),
	); err != nil {
		return ROIResult{}, err
	}
	r := ROIResult{
		Cost: sumOf(c.Personnel, c.Technology, c.Training, c.Other),
		Gain: sumOf(g.MoreCustomers, g.BetterRetention, g.ShorterCycles, g.RevenuePerCustomer),
	}
	roi, err := div(metric, "Costs", r.Gain.Sub(r.Cost), r.Cost)
	if err != nil {
		return ROIResult{}, err
	}
	r.ROI = roi
	return r, nil
}

// LeadPeriod is one period of [LeadsByPeriod]: the leads created in it and the rates
// computed from them by the catalogue's functions.
//
// Conversion comes in two forms. The cohort form follows the period's leads:
// Converted counts those that became opportunities, whenever they did. The period
// form counts events: Conversions counts the leads converted in the period, by their
// ConvertedAt, whenever they were created, so a month of few new leads and many
// conversions of older ones has a rate above 1.
type LeadPeriod struct {
	Period    Period `json:"period"`
	Leads     int    `json:"leads"`     // leads created in the period
	Qualified int    `json:"qualified"` // of them, those qualified
	Contacted int    `json:"contacted"` // of the qualified, those someone responded to
	Converted int    `json:"converted"` // of the leads, those that became opportunities, whenever they did
	// ConvertedUndated counts, of Converted, those with no ConvertedAt, which the
	// period form cannot place in any period.
	ConvertedUndated int `json:"converted_undated"`
	// Conversions counts the leads converted in the period, by ConvertedAt, whenever
	// they were created (those created outside every period included).
	Conversions int `json:"conversions"`
	// CohortConversionRate is [LeadConversionRate]: Converted ÷ Leads.
	CohortConversionRate Metric `json:"cohort_conversion_rate"`
	// PeriodConversionRate is [PeriodLeadConversionRate]: Conversions ÷ Leads.
	PeriodConversionRate Metric `json:"period_conversion_rate"`
	// ContactRate is [LeadContactRate]: Contacted ÷ Qualified.
	ContactRate Metric `json:"contact_rate"`
	// ResponseMean and ResponseMedian are [SpeedToLead] over the period's leads, in
	// seconds; NeverContacted counts its leads with no response.
	ResponseMean   Metric `json:"response_mean_seconds"`
	ResponseMedian Metric `json:"response_median_seconds"`
	NeverContacted int    `json:"never_contacted"`
}

// LeadsByPeriod returns the lead metrics of every period from lead records, each lead
// in the period its Created falls in: lead conversion in its cohort and its period
// form, contact rate and speed to lead, each by its catalogue function, response
// times in working hours under a [BusinessCalendar]. Leads created outside every
// period are not counted among any period's leads; their conversions in a period
// count in its period form. Dates are read in the periods' location: a ConvertedAt
// of 2026-02-01T00:00Z is February 1 in any zone.
//
// Errors: [ErrInvalidPeriod] for no periods, a zero Period or periods out of order,
// for a lead answered before it was created, naming it as "leads[3].FirstResponse",
// and for one converted before it was created (on an earlier date, for a date);
// [ErrInconsistent] for a ConvertedAt on a lead not Converted; [ErrOutOfRange] under
// a BusinessCalendar for a response more than [MaxWindowDays] days after its lead;
// [ErrInvalidOption] for a nil option, a value outside its type's constants, or a
// calendar whose zone does not load. With [InvalidRecordsSkip] a lead with a record
// error is left out and a [*Refused] listing those left out comes with the result.
func LeadsByPeriod(leads []Lead, periods []Period, opts ...LeadOption) ([]LeadPeriod, error) {
	const metric = "LeadsByPeriod"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if err := checkPeriods(metric, periods); err != nil {
		return nil, err
	}
	cal, loc, err := p.Calendar.calendarFor(metric)
	if err != nil {
		return nil, err
	}
	out := make([]LeadPeriod, len(periods))
	byPeriod := make([][]Lead, len(periods))
	zone := periods[0].Start().Location()
	refused := refusing(p)
	for i, l := range leads {
		if err := firstError(l.validateFor(metric, cal), l.validateConversion(metric, zone)); err != nil {
			if err = atIndex(err, "leads", i); !refused.keep(i, err) {
				return nil, err
			}
			continue
		}
		if k := periodOf(periods, startIn(l.ConvertedAt, zone)); !l.ConvertedAt.IsZero() && k >= 0 {
			out[k].Conversions++
		}
		k := periodOf(periods, l.Created)
		if k < 0 {
			continue
		}
		byPeriod[k] = append(byPeriod[k], l)
		r := &out[k]
		r.Leads++
		if l.Qualified {
			r.Qualified++
			if !l.FirstResponse.IsZero() {
				r.Contacted++
			}
		}
		if l.Converted {
			r.Converted++
			if l.ConvertedAt.IsZero() {
				r.ConvertedUndated++
			}
		}
	}
	for k := range out {
		r := &out[k]
		r.Period = periods[k]
		r.CohortConversionRate = metricOf(LeadConversionRate(LeadConversion{Leads: r.Leads, Opportunities: r.Converted}))
		r.PeriodConversionRate = metricOf(PeriodLeadConversionRate(PeriodLeadConversion{NewLeads: r.Leads, Conversions: r.Conversions}))
		r.ContactRate = metricOf(LeadContactRate(LeadContact{QualifiedLeads: r.Qualified, Contacted: r.Contacted}))
		speed, err := speedToLead("SpeedToLead", byPeriod[k], Policy{}, cal, loc)
		r.NeverContacted = r.Leads - speed.Contacted
		r.ResponseMean = metricOf(seconds(speed.Mean), err)
		r.ResponseMedian = metricOf(seconds(speed.Median), err)
	}
	return out, refused.err(metric, len(leads))
}

// seconds returns d in seconds, exactly.
func seconds(d time.Duration) decimal.Decimal { return decimal.New(int64(d), -9) }

// AcquisitionInput is what [AcquisitionByPeriod] needs: the customers' history, the
// periods, and each period's acquisition costs, in the history's currency.
type AcquisitionInput struct {
	History     *History           `json:"-"`            // the customers' subscription spans, from [NewHistory]; not nil
	Periods     []Period           `json:"periods"`      // in time order, not overlapping, as [History.Series] takes them
	Costs       []AcquisitionCosts `json:"costs"`        // Costs[k]: the acquisition costs of Periods[k]
	GrossMargin decimal.Decimal    `json:"gross_margin"` // for the payback and LTV, a fraction in (0, 1]
}

// AcquisitionPeriod is one period of [AcquisitionByPeriod]. An undefined figure (no
// customer acquired, no churn, no period before) is a Metric holding the error of the
// function that computes it.
type AcquisitionPeriod struct {
	Period Period           `json:"period"`
	Costs  AcquisitionCosts `json:"costs"`
	// NewCustomers counts the customers acquired in the period: those whose first
	// payment ever falls in it, whatever they did next (one who joined and left in
	// the period counts), as [CustomerCounts].New; a returning former customer is
	// not acquired, unless a [ReactivationWindow] makes it new.
	NewCustomers int `json:"new_customers"`
	// NewMRR is their MRR at acquisition: the MRR of each from the instant it first
	// paid (the New MRR of [MovementsEveryChange]), exact. A later expansion,
	// contraction or churn in the period does not change it.
	NewMRR Recurring `json:"new_mrr"`
	// CAC is [CAC] of the costs and the new customers.
	CAC Metric `json:"cac"`
	// NewMRRPerCustomer is [ASP], NewMRR ÷ NewCustomers.
	NewMRRPerCustomer Metric `json:"new_mrr_per_customer"`
	// Payback is [CACPayback] of CAC, NewMRRPerCustomer and the gross margin, in
	// months, computed on the period's totals, Σ costs ÷ (NewMRR × gross margin),
	// which is the same ratio rounded once.
	Payback Metric `json:"payback_months"`
	// ARPA and CustomerChurn are the history's series for the period
	// ([PeriodMetrics]): MRR per paying customer at its close, and [CustomerChurnRate]
	// under the options.
	ARPA          Metric `json:"arpa"`
	CustomerChurn Metric `json:"customer_churn"`
	// LTV is [LTV] of the period's revenue per account (ARPA × the months of the
	// period), the gross margin and CustomerChurn, or with [TrailingChurn] or
	// [TrailingChurnBefore] the mean churn of the series' periods its window covers:
	// a period with fewer periods before it in the series than the window needs has
	// no LTV ([ErrOutOfRange]), so pass earlier periods to fill the window.
	LTV Metric `json:"ltv"`
	// LTVToCAC is [LTVToCAC] of LTV and CAC.
	LTVToCAC Metric `json:"ltv_to_cac"`
	// MagicNumber is [MagicNumberFromARR] of the period's net new ARR (12 × its net
	// new MRR) and the costs of the period before it: with quarters, the magic number
	// in its ARR form. Undefined for the first period, or one that does not follow
	// the period before it without a gap.
	MagicNumber Metric `json:"magic_number"`
}

// AcquisitionByPeriod returns the unit economics of every period from the customers'
// history and the period's acquisition costs, in one call, each by its catalogue
// function, so no caller divides by hand:
//
//	CAC          = Σ costs ÷ customers acquired
//	payback      = CAC ÷ (MRR at acquisition ÷ customers acquired × gross margin)
//	LTV          = ARPA × months of the period × gross margin ÷ customer churn
//	LTV:CAC      = LTV ÷ CAC
//	magic number = 12 × net new MRR ÷ costs of the period before
//
// A customer is acquired in the period of its first payment ever, and counts there
// whatever happens next, at its MRR from that payment, as [ASP] (ChartMogul's average
// sale price) counts new customers and their New MRR: customers a, b and c first paying 100 on January 5, c
// canceling on January 20, are three acquired at 100 each, and January's 6,000 of
// costs is a CAC of 2,000 and, at 80 % margin, a payback of 25 months. Former
// customers who return are not acquired (they are [CustomerCounts].Reactivated),
// unless a [ReactivationWindow] makes them new. The customers and their MRR are the
// same under every [MovementConvention]; the options shape the series the history
// computes ([Reactivation], the customer churn choices) and [LTV]'s churn
// ([TrailingChurn]). LTV is defined for calendar months, quarters and years, whose
// revenue per account and churn cover the same time; for other periods it holds
// [ErrInvalidPeriod].
//
// Errors: [ErrOutOfRange] for a nil History; [ErrInvalidPeriod] for no periods, a
// zero Period or periods out of order, naming it as "periods[3]"; [ErrInconsistent]
// for Costs of another length than Periods; [ErrNegative] for a negative cost,
// naming it as "Costs[2].PaidMedia"; [ErrOutOfRange] for a GrossMargin outside
// (0, 1] or an amount beyond [MaxExponent]; [ErrInvalidOption] for a nil option or a
// value outside its type's constants.
func AcquisitionByPeriod(in AcquisitionInput, opts ...AcquisitionOption) ([]AcquisitionPeriod, error) {
	const metric = "AcquisitionByPeriod"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if in.History == nil {
		return nil, newError(metric, "History", ErrOutOfRange, "nil History")
	}
	if err := checkPeriods(metric, in.Periods); err != nil {
		return nil, err
	}
	if len(in.Costs) != len(in.Periods) {
		return nil, newError(metric, "Costs", ErrInconsistent, "%d costs for %d periods", len(in.Costs), len(in.Periods))
	}
	if err := fractionIn(metric, "GrossMargin", in.GrossMargin, true); err != nil {
		return nil, err
	}
	for k, c := range in.Costs {
		if err := c.validate(metric); err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.Field = "Costs[" + strconv.Itoa(k) + "]" + strings.TrimPrefix(e.Field, "Costs")
			}
			return nil, err
		}
	}
	// Every change, so that New is each customer's MRR at its first payment.
	p.Movements = MovementsEveryChange
	t, err := in.History.Totals(in.Periods, p)
	if err != nil {
		return nil, err
	}
	series := t.Series()
	ltvs := periodLTVs(metric, "Periods", series, in.GrossMargin, p)
	out := make([]AcquisitionPeriod, len(in.Periods))
	for k, pt := range t.Periods {
		c := in.Costs[k]
		r := AcquisitionPeriod{Period: pt.Period, Costs: c, NewCustomers: pt.Customers.New, NewMRR: pt.New,
			ARPA: series[k].ARPA, CustomerChurn: series[k].CustomerChurn}
		cac, cacErr := CAC(CACInput{Costs: c, NewCustomers: r.NewCustomers})
		r.CAC = metricOf(cac, cacErr)
		r.NewMRRPerCustomer = metricOf(ASP(pt.New.Monthly(), r.NewCustomers))
		num, den := pt.New.Fraction()
		// CAC ÷ (NewMRR ÷ n × margin) = costs ÷ (NewMRR × margin) = costs × den ÷ (num × margin).
		if cacErr != nil {
			r.Payback = r.CAC
		} else {
			r.Payback = metricOf(CACPayback(CACPaybackInput{CAC: times(c.Total(), den), NewMRRPerCustomer: num, GrossMargin: in.GrossMargin}))
		}
		r.LTV = ltvs[k]
		ltv, ltvErr := r.LTV.Value()
		if err := firstError(ltvErr, cacErr); err != nil {
			r.LTVToCAC = metricOf(decimal.Decimal{}, err)
		} else {
			r.LTVToCAC = metricOf(LTVToCAC(LTVCACInput{LTV: ltv, CAC: cac}))
		}
		r.MagicNumber = metricOf(magicNumber(metric, in, k, pt))
		out[k] = r
	}
	return out, nil
}

// magicNumber returns [MagicNumberFromARR] of period k: 12 × its net new MRR, exactly
// on the movements' common denominator, ÷ the costs of period k − 1.
func magicNumber(metric string, in AcquisitionInput, k int, pt PeriodTotals) (decimal.Decimal, error) {
	if k == 0 || !in.Periods[k-1].End().Equal(in.Periods[k].Start()) {
		return decimal.Decimal{}, newError(metric, "Costs", ErrZeroDenominator, "no costs of the period before %s", pt.Period)
	}
	m := pt.MRRMovements
	var n [5]decimal.Decimal
	den, ok := numerators(n[:], m.New, m.Expansion, m.Reactivation, m.Contraction, m.Churn)
	if !ok { // unreachable: every amount of a period shares the totals' denominator
		n, den = [5]decimal.Decimal{m.New.Monthly(), m.Expansion.Monthly(), m.Reactivation.Monthly(), m.Contraction.Monthly(), m.Churn.Monthly()}, 1
	}
	net := sumOf(n[0], n[1], n[2]).Sub(n[3]).Sub(n[4])
	// 12 × net ÷ den ÷ spend = 12 × net ÷ (spend × den): one rounding.
	return MagicNumberFromARR(MagicNumberARRInput{NetNewARR: times(net, 12), SpendLastQuarter: times(in.Costs[k-1].Total(), den)})
}
