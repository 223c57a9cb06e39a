package revops

import "fmt"

// Policy holds every choice on which the billing and analytics tools on the market
// disagree. Its zero value is the package default for each choice, named in each
// field's type. A Policy is a plain, comparable value: a preset that reproduces one
// tool's settings is a Policy literal, and it can be passed to any metric function as
// an option (it satisfies every option interface), which then reads only the fields
// it uses. It encodes to JSON with every choice by name.
type Policy struct {
	ChurnDenominator ChurnDenominator `json:"churn_denominator"` // customer churn: what the churned count is divided by
	JoinedAndLeft    JoinedAndLeft    `json:"joined_and_left"`   // customer churn: customers who joined and left in the period
	LeftAndReturned  LeftAndReturned  `json:"left_and_returned"` // customer churn: customers who left and came back in the period
	NRRReactivation  NRRReactivation  `json:"nrr_reactivation"`  // NRR and net revenue churn: whether reactivation counts
	RenewalValue     RenewalValue     `json:"renewal_value"`     // renewal rate by value: whether upsell counts
	CSATScale        CSATScale        `json:"csat_scale"`        // CSAT: the answer scale and the satisfied threshold

	Discounts        Discounts              `json:"discounts"`         // MRR: which discounts are deducted
	ExcessDiscount   ExcessDiscount         `json:"excess_discount"`   // MRR: whether a discount above the price takes it to 0 or is refused
	PastDue          PastDue                `json:"past_due"`          // MRR: whether past-due subscriptions count
	LineRounding     LineRounding           `json:"line_rounding"`     // MRR: whether each charge is rounded to minor units before the sum
	OneTimeFees      OneTimeFees            `json:"one_time_fees"`     // ACV: whether one-time fees count
	Reactivation     ReactivationPolicy     `json:"reactivation"`      // MRR bridge: where returning customers' MRR goes
	QuickRatio       QuickRatioReactivation `json:"quick_ratio"`       // quick ratio: whether reactivation counts as a gain
	CompoundingSteps CompoundingSteps       `json:"compounding_steps"` // compound growth: what the exponent counts

	FunnelOrder        FunnelOrder        `json:"funnel_order"`         // funnel: whether a later stage may hold more than an earlier one
	WinRateDenominator WinRateDenominator `json:"win_rate_denominator"` // win rate: what won deals are divided by
	CycleDeals         CycleDeals         `json:"cycle_deals"`          // sales cycle: which closed deals count
	CloseTimes         CloseTimes         `json:"close_times"`          // sales cycle: whether Closed is an instant or a date
	LTVChurn           LTVChurn           `json:"ltv_churn"`            // LTV: which churn rate divides

	Movements     MovementConvention `json:"movements"`      // history series: net per customer per period, or every change
	CohortAverage CohortAverage      `json:"cohort_average"` // cohort table: how the average row weighs cohorts
	Window        RetentionWindow    `json:"window"`         // trailing retention: how many months back the window starts

	InvalidRecords InvalidRecords `json:"invalid_records"` // functions over many records: whether an invalid one fails the call or is left out and listed

	ChurnRecognition ChurnRecognition `json:"churn_recognition"` // billing records: whether a canceled subscription's MRR stops at the end of its paid period or at cancellation
	WeekLength       WeekLength       `json:"week_length"`       // MRR: how many weeks a month holds

	RateDate      RateDate      `json:"rate_date"`      // currency conversion: the date whose exchange rate converts an amount
	CurrencyChurn CurrencyChurn `json:"currency_churn"` // currency conversion: whether a customer is one customer in every currency

	ZeroMRR  ZeroMRR          `json:"zero_mrr"`                    // history: whether a customer still subscribed at zero MRR (free plan, full discount, pause, a trial after paying) churns or stays a customer
	Pauses   Pauses           `json:"pauses"`                      // billing records: whether a paused subscription pays nothing or keeps its MRR
	Calendar BusinessCalendar `json:"business_calendar,omitempty"` // speed to lead: wall-clock time, or working hours only
}

// Option is one policy choice passed to a metric function: a [Policy] or a value of one
// of its field types, such as [ChurnOverStartPlusNew]. Each metric takes its own option
// interface ([ChurnOption], [NRROption], ...), which only the choices it reads and
// Policy satisfy, so passing one metric's choice to another does not compile. Later
// options override earlier ones. A value that is not one of its type's constants is
// refused with [ErrInvalidOption]; a whole Policy is accepted everywhere, each metric
// reading the fields it uses, so a preset is one value.
type Option interface {
	// applyTo returns p with the choice recorded, the name of the Policy field it
	// sets ("" for a whole Policy) and whether the value is valid. p travels by value,
	// so a metric's Policy stays on its stack.
	applyTo(p Policy) (Policy, string, error)
}

// The option interfaces, one per metric or family of metrics. Each is satisfied by
// Policy and by the choice types its metrics read, listed in its doc comment.
type (
	// ChargeOption is an option of [ChargeMRR] and [SpanFromCharge]: [Discounts],
	// [ExcessDiscount], [WeekLength], [LineRounding] or a [Policy].
	ChargeOption interface {
		Option
		chargeOption()
	}
	// MRROption is an option of [MRR], [MRRByCustomer] and the billing records'
	// functions ([BillingSpans], [BillingSubscription.MRRAt]): [Discounts],
	// [ExcessDiscount], [WeekLength], [PastDue], [LineRounding], [ChurnRecognition],
	// [Pauses], [InvalidRecords] or a [Policy].
	MRROption interface {
		Option
		mrrOption()
	}
	// ACVOption is an option of [ACV]: [OneTimeFees] or a [Policy].
	ACVOption interface {
		Option
		acvOption()
	}
	// BridgeOption is an option of [MRRBridge]: [Reactivation], [ReactivationPolicy]
	// or a [Policy].
	BridgeOption interface {
		Option
		bridgeOption()
	}
	// QuickRatioOption is an option of [QuickRatio]: [QuickRatioReactivation] or a
	// [Policy].
	QuickRatioOption interface {
		Option
		quickRatioOption()
	}
	// ChurnOption is an option of [CustomerChurnRate]: [ChurnDenominator],
	// [JoinedAndLeft], [LeftAndReturned] or a [Policy].
	ChurnOption interface {
		Option
		churnOption()
	}
	// NRROption is an option of [NRR] and [NetRevenueChurnRate]: [NRRReactivation] or
	// a [Policy].
	NRROption interface {
		Option
		nrrOption()
	}
	// RenewalOption is an option of [RenewalRate]: [RenewalValue], [InvalidRecords] or
	// a [Policy].
	RenewalOption interface {
		Option
		renewalOption()
	}
	// CSATOption is an option of [CSAT]: [CSATScale] or a [Policy].
	CSATOption interface {
		Option
		csatOption()
	}
	// GrowthOption is an option of [SeriesCompoundGrowth]: [CompoundingSteps] or a
	// [Policy].
	GrowthOption interface {
		Option
		growthOption()
	}
	// FunnelOption is an option of [Funnel]: [FunnelOrder] or a [Policy].
	FunnelOption interface {
		Option
		funnelOption()
	}
	// WinRateOption is an option of [WinRate] and [ValueWinRate]: [WinRateDenominator]
	// or a [Policy].
	WinRateOption interface {
		Option
		winRateOption()
	}
	// CycleOption is an option of [SalesCycleLength] and [SalesCycleLengthIn]:
	// [CycleDeals], [CloseTimes], [InvalidRecords] or a [Policy].
	CycleOption interface {
		Option
		cycleOption()
	}
	// LTVOption is an option of [LTV]: [LTVChurn] or a [Policy].
	LTVOption interface {
		Option
		ltvOption()
	}
	// SeriesOption is an option of [History.Series], [History.Changes] and
	// [SegmentSeries]: [MovementConvention], [Reactivation], [ReactivationPolicy],
	// [ZeroMRR], [ChurnDenominator], [JoinedAndLeft], [LeftAndReturned],
	// [NRRReactivation], [QuickRatioReactivation] or a [Policy].
	SeriesOption interface {
		Option
		seriesOption()
	}
	// CohortOption is an option of [History.Cohorts]: [CohortAverage], [ZeroMRR] or a
	// [Policy].
	CohortOption interface {
		Option
		cohortOption()
	}
	// TotalsOption is an option of [History.Totals], which keeps what both
	// [Totals.Series] and [Totals.CohortTable] need: any [SeriesOption] or
	// [CohortOption].
	TotalsOption interface {
		Option
		totalsOption()
	}
	// WindowOption is an option of [History.TrailingRetention]: [RetentionWindow],
	// [NRRReactivation], [ZeroMRR] or a [Policy].
	WindowOption interface {
		Option
		windowOption()
	}
	// PipelinePeriodOption is an option of [PipelineByPeriod]: [WinRateDenominator],
	// [CycleDeals], [CloseTimes], [InvalidRecords] or a [Policy].
	PipelinePeriodOption interface {
		Option
		pipelinePeriodOption()
	}
	// ConversionOption is an option of [ConvertSpans] and [NewHistoryIn]: [RateDate]
	// (ConvertSpans only), [CurrencyChurn], [InvalidRecords] or a [Policy].
	ConversionOption interface {
		Option
		conversionOption()
	}
	// RecordsOption is an option of the functions over many records whose only
	// choice is what to do with an invalid one ([NewHistory], [PipelineValue],
	// [PurchaseInputs], [CLVFromTransactions], [HistoricalCLV]): [InvalidRecords] or
	// a [Policy].
	RecordsOption interface {
		Option
		recordsOption()
	}
	// AcquisitionOption is an option of [AcquisitionByPeriod]: the customer churn
	// choices ([ChurnDenominator], [JoinedAndLeft], [LeftAndReturned]), the
	// [Reactivation] choice and its [ReactivationWindow] ([ReactivationPolicy]),
	// [LTVChurn] or a [Policy].
	AcquisitionOption interface {
		Option
		acquisitionOption()
	}
	// LeadOption is an option of [SpeedToLead] and [LeadsByPeriod]:
	// [BusinessCalendar], [InvalidRecords] or a [Policy].
	LeadOption interface {
		Option
		leadOption()
	}
)

// policyFor folds opts into a Policy for metric, refusing nil options and values
// outside their type's constants. Which choices a metric reads is settled by the type
// of opts at compile time.
func policyFor[O Option](metric string, opts []O) (Policy, error) {
	var p Policy
	for _, o := range opts {
		if any(o) == nil {
			return Policy{}, newError(metric, "", ErrInvalidOption, "nil option")
		}
		q, field, err := o.applyTo(p)
		if err != nil {
			return Policy{}, newError(metric, field, ErrInvalidOption, "%v", err)
		}
		p = q
	}
	return p, nil
}

// Policy is every metric's option.
func (Policy) chargeOption()         {}
func (Policy) mrrOption()            {}
func (Policy) acvOption()            {}
func (Policy) bridgeOption()         {}
func (Policy) quickRatioOption()     {}
func (Policy) churnOption()          {}
func (Policy) nrrOption()            {}
func (Policy) renewalOption()        {}
func (Policy) csatOption()           {}
func (Policy) growthOption()         {}
func (Policy) funnelOption()         {}
func (Policy) winRateOption()        {}
func (Policy) cycleOption()          {}
func (Policy) ltvOption()            {}
func (Policy) seriesOption()         {}
func (Policy) cohortOption()         {}
func (Policy) totalsOption()         {}
func (Policy) windowOption()         {}
func (Policy) recordsOption()        {}
func (Policy) pipelinePeriodOption() {}
func (Policy) conversionOption()     {}
func (Policy) acquisitionOption()    {}
func (Policy) leadOption()           {}

// Each choice is an option of the metrics that read it.
func (ChurnDenominator) churnOption()            {}
func (ChurnDenominator) seriesOption()           {}
func (ChurnDenominator) totalsOption()           {}
func (JoinedAndLeft) churnOption()               {}
func (JoinedAndLeft) seriesOption()              {}
func (JoinedAndLeft) totalsOption()              {}
func (LeftAndReturned) churnOption()             {}
func (LeftAndReturned) seriesOption()            {}
func (LeftAndReturned) totalsOption()            {}
func (NRRReactivation) nrrOption()               {}
func (NRRReactivation) seriesOption()            {}
func (NRRReactivation) totalsOption()            {}
func (NRRReactivation) windowOption()            {}
func (RenewalValue) renewalOption()              {}
func (CSATScale) csatOption()                    {}
func (Discounts) chargeOption()                  {}
func (Discounts) mrrOption()                     {}
func (ExcessDiscount) chargeOption()             {}
func (ExcessDiscount) mrrOption()                {}
func (ChurnRecognition) mrrOption()              {}
func (WeekLength) chargeOption()                 {}
func (WeekLength) mrrOption()                    {}
func (LineRounding) chargeOption()               {}
func (LineRounding) mrrOption()                  {}
func (PastDue) mrrOption()                       {}
func (OneTimeFees) acvOption()                   {}
func (Reactivation) bridgeOption()               {}
func (Reactivation) seriesOption()               {}
func (Reactivation) totalsOption()               {}
func (ReactivationPolicy) bridgeOption()         {}
func (ReactivationPolicy) seriesOption()         {}
func (ReactivationPolicy) totalsOption()         {}
func (QuickRatioReactivation) quickRatioOption() {}
func (QuickRatioReactivation) seriesOption()     {}
func (QuickRatioReactivation) totalsOption()     {}
func (CompoundingSteps) growthOption()           {}
func (FunnelOrder) funnelOption()                {}
func (WinRateDenominator) winRateOption()        {}
func (CycleDeals) cycleOption()                  {}
func (LTVChurn) ltvOption()                      {}
func (MovementConvention) seriesOption()         {}
func (MovementConvention) totalsOption()         {}
func (CohortAverage) cohortOption()              {}
func (CohortAverage) totalsOption()              {}
func (RetentionWindow) windowOption()            {}
func (InvalidRecords) recordsOption()            {}
func (InvalidRecords) mrrOption()                {}
func (InvalidRecords) cycleOption()              {}
func (InvalidRecords) renewalOption()            {}
func (InvalidRecords) conversionOption()         {}
func (RateDate) conversionOption()               {}
func (CurrencyChurn) conversionOption()          {}
func (CloseTimes) cycleOption()                  {}
func (ZeroMRR) seriesOption()                    {}
func (ZeroMRR) totalsOption()                    {}
func (ZeroMRR) cohortOption()                    {}
func (ZeroMRR) windowOption()                    {}
func (Pauses) mrrOption()                        {}
func (CloseTimes) pipelinePeriodOption()         {}
func (InvalidRecords) pipelinePeriodOption()     {}
func (WinRateDenominator) pipelinePeriodOption() {}
func (CycleDeals) pipelinePeriodOption()         {}
func (ChurnDenominator) acquisitionOption()      {}
func (JoinedAndLeft) acquisitionOption()         {}
func (LeftAndReturned) acquisitionOption()       {}
func (Reactivation) acquisitionOption()          {}
func (ReactivationPolicy) acquisitionOption()    {}
func (LTVChurn) acquisitionOption()              {}
func (BusinessCalendar) leadOption()             {}
func (InvalidRecords) leadOption()               {}

func (p Policy) applyTo(Policy) (Policy, string, error) {
	return p, "", p.validate()
}

// validate reports the first field that holds a value outside its type's constants.
func (p Policy) validate() error {
	return firstError(
		checkEnum(p.ChurnDenominator, ChurnOverAverage),
		checkEnum(p.JoinedAndLeft, JoinedAndLeftIgnored),
		checkEnum(p.LeftAndReturned, LeftAndReturnedCounted),
		checkEnum(p.NRRReactivation, NRRIncludesReactivation),
		checkEnum(p.RenewalValue, RenewalValueUncapped),
		p.CSATScale.validate(),
		checkEnum(p.Discounts, DiscountsAll),
		checkEnum(p.ExcessDiscount, ExcessDiscountRefused),
		checkEnum(p.PastDue, PastDueExcluded),
		checkEnum(p.LineRounding, LinesToMinorUnits),
		checkEnum(p.OneTimeFees, OneTimeFeesIncluded),
		p.Reactivation.validate(),
		checkEnum(p.QuickRatio, QuickRatioOmitsReactivation),
		checkEnum(p.CompoundingSteps, StepsArePoints),
		checkEnum(p.FunnelOrder, FunnelIncreasesAllowed),
		checkEnum(p.WinRateDenominator, WinRateOverAll),
		checkEnum(p.CycleDeals, CycleWonOnly),
		checkEnum(p.CloseTimes, CloseTimesDates),
		p.LTVChurn.validate(),
		checkEnum(p.Movements, MovementsEveryChange),
		checkEnum(p.CohortAverage, CohortSimpleMean),
		p.Window.validate(),
		checkEnum(p.InvalidRecords, InvalidRecordsSkip),
		checkEnum(p.RateDate, RateAtPeriodStart),
		checkEnum(p.ChurnRecognition, ChurnAtCancellation),
		checkEnum(p.WeekLength, WeeksLago),
		checkEnum(p.CurrencyChurn, ChurnPerCurrency),
		checkEnum(p.ZeroMRR, ZeroMRRContracts),
		checkEnum(p.Pauses, PausesKeepMRR),
		p.Calendar.validate(),
	)
}

// checkEnum refuses a value above last, the highest constant of its type.
func checkEnum[T ~uint8](v, last T) error {
	if v > last {
		return fmt.Errorf("%T(%d) is not one of its constants", v, uint8(v))
	}
	return nil
}

// ChurnDenominator chooses what [CustomerChurnRate] divides the churned count by.
type ChurnDenominator uint8

const (
	// ChurnOverStart divides by the customers at the start of the period: the default,
	// the textbook formula and ChartMogul's B2B formula.
	ChurnOverStart ChurnDenominator = iota
	// ChurnOverStartPlusNew divides by the customers at the start plus those who
	// joined during the period, as Stripe Billing analytics does.
	ChurnOverStartPlusNew
	// ChurnOverAverage divides by the mean of the customers at the start and at the end.
	ChurnOverAverage
)

func (c ChurnDenominator) applyTo(p Policy) (Policy, string, error) {
	p.ChurnDenominator = c
	return p, "ChurnDenominator", checkEnum(c, ChurnOverAverage)
}

// JoinedAndLeft chooses whether [CustomerChurnRate] counts customers who joined and left
// within the same period.
type JoinedAndLeft uint8

const (
	// JoinedAndLeftExcluded leaves them out of the churned count: the default,
	// ChartMogul's standard setting.
	JoinedAndLeftExcluded JoinedAndLeft = iota
	// JoinedAndLeftCounted counts them as churned, as Baremetrics does.
	JoinedAndLeftCounted
	// JoinedAndLeftIgnored leaves them out of every count, the churned and the new
	// alike, so a denominator of Start + New does not hold them either, as
	// ProfitWell does.
	JoinedAndLeftIgnored
)

func (j JoinedAndLeft) applyTo(p Policy) (Policy, string, error) {
	p.JoinedAndLeft = j
	return p, "JoinedAndLeft", checkEnum(j, JoinedAndLeftIgnored)
}

// LeftAndReturned chooses whether [CustomerChurnRate] counts customers who left and came
// back within the same period.
type LeftAndReturned uint8

const (
	// LeftAndReturnedExcluded leaves them out of the churned count: the default, since
	// they pay at the end of the period as they did at its start.
	LeftAndReturnedExcluded LeftAndReturned = iota
	// LeftAndReturnedCounted counts their departure as churn.
	LeftAndReturnedCounted
)

func (l LeftAndReturned) applyTo(p Policy) (Policy, string, error) {
	p.LeftAndReturned = l
	return p, "LeftAndReturned", checkEnum(l, LeftAndReturnedCounted)
}

// NRRReactivation chooses whether [NRR] and [NetRevenueChurnRate] count MRR that
// returning former customers brought back.
type NRRReactivation uint8

const (
	// NRRExcludesReactivation leaves reactivation out: the default, as in ChartMogul's
	// aggregate net MRR retention, since a returning customer is not part of the base
	// whose retention is measured.
	NRRExcludesReactivation NRRReactivation = iota
	// NRRIncludesReactivation adds reactivation to the retained revenue.
	NRRIncludesReactivation
)

func (n NRRReactivation) applyTo(p Policy) (Policy, string, error) {
	p.NRRReactivation = n
	return p, "NRRReactivation", checkEnum(n, NRRIncludesReactivation)
}

// RenewalValue chooses how [RenewalRate] counts a renewal worth more than the contract
// it renews.
type RenewalValue uint8

const (
	// RenewalValueCapped counts each renewal at no more than the value that was up for
	// renewal, so upsell at renewal cannot hide lost renewals and the rate is at most 1:
	// the default.
	RenewalValueCapped RenewalValue = iota
	// RenewalValueUncapped counts each renewal at its full new value, upsell included.
	RenewalValueUncapped
)

func (r RenewalValue) applyTo(p Policy) (Policy, string, error) {
	p.RenewalValue = r
	return p, "RenewalValue", checkEnum(r, RenewalValueUncapped)
}

// CSATScale is the answer scale of a satisfaction survey for [CSAT]: answers run from
// Min to Max, and an answer of Satisfied or more counts as satisfied. The zero value
// means the default, a 1–5 scale on which 4 and 5 are satisfied.
type CSATScale struct {
	Min       int `json:"min"`
	Max       int `json:"max"`       // lowest and highest possible answer; Min < Max
	Satisfied int `json:"satisfied"` // lowest answer that counts as satisfied; Min < Satisfied ≤ Max
}

// DefaultCSATScale returns the scale a zero CSATScale stands for: 1 to 5, satisfied
// from 4.
func DefaultCSATScale() CSATScale { return CSATScale{Min: 1, Max: 5, Satisfied: 4} }

func (s CSATScale) orDefault() CSATScale {
	if s == (CSATScale{}) {
		return DefaultCSATScale()
	}
	return s
}

func (s CSATScale) validate() error {
	s = s.orDefault()
	if s.Min >= s.Max || s.Satisfied <= s.Min || s.Satisfied > s.Max {
		return fmt.Errorf("CSATScale{Min: %d, Max: %d, Satisfied: %d} needs Min < Satisfied ≤ Max", s.Min, s.Max, s.Satisfied)
	}
	return nil
}

func (s CSATScale) applyTo(p Policy) (Policy, string, error) {
	p.CSATScale = s
	return p, "CSATScale", s.validate()
}

// Discounts chooses which recurring discounts [ChargeMRR] deducts.
type Discounts uint8

const (
	// DiscountsRecurring deducts every discount that recurs, for ever or for a limited
	// number of invoices; a one-off discount is never deducted. The default.
	DiscountsRecurring Discounts = iota
	// DiscountsForeverOnly deducts only discounts that last for ever, as Stripe
	// Billing's MRR does.
	DiscountsForeverOnly
	// DiscountsNone deducts no discount.
	DiscountsNone
	// DiscountsAll deducts every discount while it applies, a once-off one included
	// (for the invoice period it covers, where its dates say so), as ProfitWell
	// subtracts discounts "regardless of frequency".
	DiscountsAll
)

func (d Discounts) applyTo(p Policy) (Policy, string, error) {
	p.Discounts = d
	return p, "Discounts", checkEnum(d, DiscountsAll)
}

// ExcessDiscount chooses what [ChargeMRR] does with an amount discount larger than the
// price it comes off (50 off a price of 29).
type ExcessDiscount uint8

const (
	// ExcessDiscountCapped takes the charge to 0 and no further, as Stripe takes the
	// invoice to 0: the default.
	ExcessDiscountCapped ExcessDiscount = iota
	// ExcessDiscountRefused refuses the charge with [ErrInconsistent], for data where
	// such a discount can only be a mistake.
	ExcessDiscountRefused
)

func (e ExcessDiscount) applyTo(p Policy) (Policy, string, error) {
	p.ExcessDiscount = e
	return p, "ExcessDiscount", checkEnum(e, ExcessDiscountRefused)
}

// PastDue chooses whether [MRR] counts subscriptions whose payment is overdue.
type PastDue uint8

const (
	// PastDueCounted counts them until they are canceled: the default, since the
	// customer still owes the revenue.
	PastDueCounted PastDue = iota
	// PastDueExcluded leaves them out.
	PastDueExcluded
)

func (d PastDue) applyTo(p Policy) (Policy, string, error) {
	p.PastDue = d
	return p, "PastDue", checkEnum(d, PastDueExcluded)
}

// LineRounding chooses whether [ChargeMRR], [MRR] and [MRRByCustomer] round each
// charge's MRR before adding them up.
type LineRounding uint8

const (
	// LinesExact keeps each charge's MRR exact, so that a total is rounded once, when
	// a decimal is asked of it: the default.
	LinesExact LineRounding = iota
	// LinesToMinorUnits rounds each charge's MRR to its currency's minor units (cents
	// for USD, whole yen for JPY, see [MinorUnits]), half away from zero, before the
	// sum, as ChartMogul does, which holds every line item's amount in cents. A charge
	// without a currency ([ChargeMRR], or a subscription whose Currency is empty) is
	// rounded to two places.
	LinesToMinorUnits
)

func (r LineRounding) applyTo(p Policy) (Policy, string, error) {
	p.LineRounding = r
	return p, "LineRounding", checkEnum(r, LinesToMinorUnits)
}

// OneTimeFees chooses whether [ACV] counts one-time fees (setup, onboarding).
type OneTimeFees uint8

const (
	// OneTimeFeesExcluded counts the recurring part of a contract only: the default.
	OneTimeFeesExcluded OneTimeFees = iota
	// OneTimeFeesIncluded spreads one-time fees over the contract's years too.
	OneTimeFeesIncluded
)

func (f OneTimeFees) applyTo(p Policy) (Policy, string, error) {
	p.OneTimeFees = f
	return p, "OneTimeFees", checkEnum(f, OneTimeFeesIncluded)
}

// Reactivation chooses where [MRRBridge] puts the MRR of a former customer who pays
// again.
type Reactivation uint8

const (
	// ReactivationSeparate reports it as Reactivation: the default.
	ReactivationSeparate Reactivation = iota
	// ReactivationAsExpansion folds it into Expansion, as Lago does.
	ReactivationAsExpansion
	// ReactivationAsNewAfter reports it as New when the customer was gone for at least
	// a window of days, as Reactivation below it. Use [ReactivationWindow] to set the
	// window; Maxio uses 90 days.
	ReactivationAsNewAfter
)

// MaxWindowDays bounds every option and argument counted in days
// ([ReactivationWindow], [History.RollingWindow]): 36,600 days, a century. A larger
// value is refused ([ErrInvalidOption] for an option, [ErrOutOfRange] for an
// argument), so that no arithmetic on it can wrap.
const MaxWindowDays = 36_600

// MaxWindowPeriods bounds every option counted in periods ([TrailingMonths],
// [TrailingChurn]): 1,200, a century of months. A larger value is refused with
// [ErrInvalidOption].
const MaxWindowPeriods = 1_200

// ReactivationPolicy is the [Reactivation] choice with its window: a customer gone for
// WindowDays days or more returns as New under [ReactivationAsNewAfter].
type ReactivationPolicy struct {
	Placement  Reactivation `json:"placement"`
	WindowDays int          `json:"window_days"` // 1..MaxWindowDays with ReactivationAsNewAfter, 0 otherwise
}

// ReactivationWindow returns the option that treats a customer who returns after at
// least days days without paying as New, and one who returns sooner as Reactivation.
// A function given it refuses days outside 1..[MaxWindowDays] with
// [ErrInvalidOption].
func ReactivationWindow(days int) ReactivationPolicy {
	return ReactivationPolicy{Placement: ReactivationAsNewAfter, WindowDays: days}
}

func (r Reactivation) applyTo(p Policy) (Policy, string, error) {
	p.Reactivation = ReactivationPolicy{Placement: r}
	return p, "Reactivation", p.Reactivation.validate()
}

func (r ReactivationPolicy) applyTo(p Policy) (Policy, string, error) {
	p.Reactivation = r
	return p, "Reactivation", r.validate()
}

func (r ReactivationPolicy) validate() error {
	if err := checkEnum(r.Placement, ReactivationAsNewAfter); err != nil {
		return err
	}
	if (r.Placement == ReactivationAsNewAfter) != (r.WindowDays > 0) {
		return fmt.Errorf("WindowDays %d: ReactivationAsNewAfter needs a window > 0 (use ReactivationWindow), the others none", r.WindowDays)
	}
	if r.WindowDays > MaxWindowDays {
		return fmt.Errorf("WindowDays %d > MaxWindowDays %d", r.WindowDays, MaxWindowDays)
	}
	return nil
}

// QuickRatioReactivation chooses whether [QuickRatio] counts reactivation among the gains.
type QuickRatioReactivation uint8

const (
	// QuickRatioCountsReactivation adds reactivation to the numerator: the default.
	QuickRatioCountsReactivation QuickRatioReactivation = iota
	// QuickRatioOmitsReactivation leaves it out of the ratio.
	QuickRatioOmitsReactivation
)

func (q QuickRatioReactivation) applyTo(p Policy) (Policy, string, error) {
	p.QuickRatio = q
	return p, "QuickRatio", checkEnum(q, QuickRatioOmitsReactivation)
}

// CompoundingSteps chooses what the exponent of [SeriesCompoundGrowth] counts.
type CompoundingSteps uint8

const (
	// StepsAreIntervals counts the intervals between the first and last value, n − 1 for
	// n values: the default, and the only reading under which growing the first value
	// by the rate once per interval reaches the last.
	StepsAreIntervals CompoundingSteps = iota
	// StepsArePoints counts the values, n, as some spreadsheets do.
	StepsArePoints
)

func (c CompoundingSteps) applyTo(p Policy) (Policy, string, error) {
	p.CompoundingSteps = c
	return p, "CompoundingSteps", checkEnum(c, StepsArePoints)
}

// FunnelOrder chooses whether [Funnel] accepts a stage holding more than the stage
// before it.
type FunnelOrder uint8

const (
	// FunnelDecreasing refuses it with ErrInconsistent: the default, since in a funnel
	// each stage is a subset of the one before.
	FunnelDecreasing FunnelOrder = iota
	// FunnelIncreasesAllowed accepts it, for stages counted independently (leads
	// from several sources entering mid-funnel); step rates may then exceed 1.
	FunnelIncreasesAllowed
)

func (f FunnelOrder) applyTo(p Policy) (Policy, string, error) {
	p.FunnelOrder = f
	return p, "FunnelOrder", checkEnum(f, FunnelIncreasesAllowed)
}

// WinRateDenominator chooses what [WinRate] divides won deals by.
type WinRateDenominator uint8

const (
	// WinRateOverClosed divides by deals won plus deals lost: the default.
	WinRateOverClosed WinRateDenominator = iota
	// WinRateOverAll divides by every opportunity of the period, open ones included.
	WinRateOverAll
)

func (w WinRateDenominator) applyTo(p Policy) (Policy, string, error) {
	p.WinRateDenominator = w
	return p, "WinRateDenominator", checkEnum(w, WinRateOverAll)
}

// CycleDeals chooses which closed deals [SalesCycleLength] measures.
type CycleDeals uint8

const (
	// CycleAllClosed measures every closed deal, won or lost: the default.
	CycleAllClosed CycleDeals = iota
	// CycleWonOnly measures won deals only.
	CycleWonOnly
)

func (c CycleDeals) applyTo(p Policy) (Policy, string, error) {
	p.CycleDeals = c
	return p, "CycleDeals", checkEnum(c, CycleWonOnly)
}

// LTVChurn chooses the churn rate [LTV] divides by: the period's own (Periods 0, the
// default), the mean of the last Periods rates, the period's own included
// ([TrailingChurn]), or the mean of the Periods rates before the period's, its own
// left out ([TrailingChurnBefore]; ChartMogul: 6).
type LTVChurn struct {
	Periods int `json:"periods"` // 0 for the period's churn; 1..MaxWindowPeriods for the mean of n rates
	// ExcludeCurrent averages the Periods rates before the period's instead of the
	// last Periods rates up to it; it needs Periods ≥ 1.
	ExcludeCurrent bool `json:"exclude_current,omitempty"`
}

// TrailingChurn returns the option that makes [LTV] divide by the mean churn rate of the
// last n periods, the current one included. A function given it refuses n outside
// 0..[MaxWindowPeriods] with [ErrInvalidOption].
func TrailingChurn(n int) LTVChurn { return LTVChurn{Periods: n} }

// TrailingChurnBefore returns the option that makes [LTV] divide by the mean churn
// rate of the n periods before the current one, the current one left out, as
// ChartMogul's LTV chart does with n = 6: "a six-month trailing average of Customer
// Churn Rate for that interval (the average of the churn rates from the previous six
// months, excluding the current month)" (help.chartmogul.com/hc/en-us/articles/
// 203359061, "Chart: Customer Lifetime Value (LTV)"). A function given it refuses n
// outside 1..[MaxWindowPeriods] with [ErrInvalidOption].
func TrailingChurnBefore(n int) LTVChurn { return LTVChurn{Periods: n, ExcludeCurrent: true} }

func (l LTVChurn) applyTo(p Policy) (Policy, string, error) {
	p.LTVChurn = l
	return p, "LTVChurn", l.validate()
}

func (l LTVChurn) validate() error {
	if l.Periods < 0 || l.Periods > MaxWindowPeriods {
		return fmt.Errorf("LTVChurn{Periods: %d} needs 0 ≤ Periods ≤ MaxWindowPeriods %d", l.Periods, MaxWindowPeriods)
	}
	if l.ExcludeCurrent && l.Periods == 0 {
		return fmt.Errorf("LTVChurn{ExcludeCurrent: true} needs Periods ≥ 1: the mean of no earlier rates is undefined")
	}
	return nil
}

// MovementConvention chooses how a [History] series reports the MRR movements of a
// customer whose MRR changed more than once within one period.
type MovementConvention uint8

const (
	// MovementsNet compares each customer's MRR at the period's opening and closing
	// only, so one customer makes at most one movement a period: the default and the
	// dbt mrr-playbook's monthly classification. (ChartMogul's MRR movements chart
	// shows every change: [ChartMogulPolicy] sets [MovementsEveryChange].)
	MovementsNet MovementConvention = iota
	// MovementsEveryChange reports every change inside the period: a customer who
	// upgrades and then downgrades in one month shows an expansion and a contraction.
	MovementsEveryChange
)

func (m MovementConvention) applyTo(p Policy) (Policy, string, error) {
	p.Movements = m
	return p, "Movements", checkEnum(m, MovementsEveryChange)
}

// CohortAverage chooses how the average row of a [CohortTable] combines cohorts.
type CohortAverage uint8

const (
	// CohortWeighted pools the cohorts, so each weighs by its size: Σ customers still
	// paying ÷ Σ cohort sizes, and Σ MRR now ÷ Σ starting MRR. The default.
	CohortWeighted CohortAverage = iota
	// CohortSimpleMean takes the arithmetic mean of the cohorts' rates, each cohort
	// counting once whatever its size.
	CohortSimpleMean
)

func (c CohortAverage) applyTo(p Policy) (Policy, string, error) {
	p.CohortAverage = c
	return p, "CohortAverage", checkEnum(c, CohortSimpleMean)
}

// RetentionWindow is how far back [History.TrailingRetention] looks: Months months, or
// 12 when Months is 0. Build it with [TrailingMonths].
type RetentionWindow struct {
	Months int `json:"months"` // 0 for the default of 12; 1..MaxWindowPeriods otherwise
}

// TrailingMonths returns the option that makes [History.TrailingRetention] compare
// with the customers paying n months earlier. n = 0 is the default of 12, as in a
// zero RetentionWindow. A function given it refuses n below 0 or above
// [MaxWindowPeriods] with [ErrInvalidOption].
func TrailingMonths(n int) RetentionWindow { return RetentionWindow{Months: n} }

func (w RetentionWindow) months() int {
	if w.Months == 0 {
		return 12
	}
	return w.Months
}

func (w RetentionWindow) applyTo(p Policy) (Policy, string, error) {
	p.Window = w
	return p, "Window", w.validate()
}

func (w RetentionWindow) validate() error {
	if w.Months < 0 || w.Months > MaxWindowPeriods {
		return fmt.Errorf("RetentionWindow{Months: %d} needs 0 ≤ Months ≤ MaxWindowPeriods %d", w.Months, MaxWindowPeriods)
	}
	return nil
}

// InvalidRecords chooses what a function over many records ([MRR], [NewHistory],
// [SalesCycleLength], ...) does with a record it cannot use.
type InvalidRecords uint8

const (
	// InvalidRecordsFail fails the call with the first invalid record's error: the
	// default, so that no figure is ever computed from part of the data unasked.
	InvalidRecordsFail InvalidRecords = iota
	// InvalidRecordsSkip computes over the valid records and returns, with the
	// result, a [*Refused] error listing every record left out with its index and
	// reason, so that nothing is dropped silently.
	InvalidRecordsSkip
)

func (r InvalidRecords) applyTo(p Policy) (Policy, string, error) {
	p.InvalidRecords = r
	return p, "InvalidRecords", checkEnum(r, InvalidRecordsSkip)
}

// CloseTimes chooses how [SalesCycleLength] reads an opportunity's Closed time.
type CloseTimes uint8

const (
	// CloseTimesExact reads Closed as an instant and measures the cycle to it
	// exactly, except that a Closed at midnight on the date of Created is a close date
	// with a cycle of 0 days: the default.
	CloseTimesExact CloseTimes = iota
	// CloseTimesDates reads every Closed as a date, as a CRM's close date field
	// (Salesforce's CloseDate) is: the cycle is the whole days from the date of
	// Created to it.
	CloseTimesDates
)

func (c CloseTimes) applyTo(p Policy) (Policy, string, error) {
	p.CloseTimes = c
	return p, "CloseTimes", checkEnum(c, CloseTimesDates)
}

// RateDate chooses which date's exchange rate [ConvertSpans] converts a span at.
type RateDate uint8

const (
	// RateAtTransaction converts a span at the rate of its start, the date its price
	// took effect, so later moves of the rate do not move MRR: the default.
	RateAtTransaction RateDate = iota
	// RateAtPeriodStart converts each period's part of a span at the rate of the
	// period's start, so MRR follows the rates from period to period.
	RateAtPeriodStart
)

func (r RateDate) applyTo(p Policy) (Policy, string, error) {
	p.RateDate = r
	return p, "RateDate", checkEnum(r, RateAtPeriodStart)
}

// CurrencyChurn chooses whether [ConvertSpans] keeps a customer who pays in several
// currencies one customer.
type CurrencyChurn uint8

const (
	// ChurnAcrossCurrencies keeps one customer across currencies: it churns when its
	// MRR in every currency has reached zero, and a move from one currency to another
	// is an expansion or contraction: the default.
	ChurnAcrossCurrencies CurrencyChurn = iota
	// ChurnPerCurrency makes each currency of a customer a customer of its own, so it
	// churns in a currency when its MRR in that currency reaches zero, as Lago counts.
	ChurnPerCurrency
)

func (c CurrencyChurn) applyTo(p Policy) (Policy, string, error) {
	p.CurrencyChurn = c
	return p, "CurrencyChurn", checkEnum(c, ChurnPerCurrency)
}

// ChurnRecognition chooses when a canceled [BillingSubscription] stops counting.
type ChurnRecognition uint8

const (
	// ChurnAtPeriodEnd keeps its MRR until the end of the period it paid for, its
	// EndedAt (or CancelAt, or CurrentPeriodEnd with CancelAtPeriodEnd): the default,
	// as ProfitWell and ChartMogul recognize churn.
	ChurnAtPeriodEnd ChurnRecognition = iota
	// ChurnAtCancellation stops its MRR at CanceledAt, when the customer asked to
	// cancel, as Stripe Billing removes it.
	ChurnAtCancellation
)

func (c ChurnRecognition) applyTo(p Policy) (Policy, string, error) {
	p.ChurnRecognition = c
	return p, "ChurnRecognition", checkEnum(c, ChurnAtCancellation)
}

// WeekLength chooses how [ChargeMRR] turns a weekly price into a monthly one.
type WeekLength uint8

const (
	// WeeksOfAYear counts 52 ÷ 12 weeks a month, exactly: the default.
	WeeksOfAYear WeekLength = iota
	// WeeksLago counts 4.33 weeks a month, as Lago's MRR does.
	WeeksLago
)

func (w WeekLength) applyTo(p Policy) (Policy, string, error) {
	p.WeekLength = w
	return p, "WeekLength", checkEnum(w, WeeksLago)
}

// ZeroMRR chooses how a [History] counts a customer whose subscriptions still run but
// pay nothing: a free plan, a 100 % discount, a pause that pays nothing, a free month
// offered after it paid. Such stretches are spans of zero MRR; a span of zero MRR
// before a customer's first payment (a trial) never makes it a customer.
type ZeroMRR uint8

const (
	// ZeroMRRChurns counts it as churned when its MRR reaches zero and as
	// reactivated when it pays again: the default, the SPEC's churn "when the
	// customer's total MRR reaches zero", as Stripe Billing (when it subtracts
	// discounts), Baremetrics and ProfitWell count.
	ZeroMRRChurns ZeroMRR = iota
	// ZeroMRRContracts counts the drop to zero as a contraction and keeps it a
	// customer while a span of it runs, so there is no logo churn and no
	// reactivation when it pays again, as ChartMogul classifies customers on a free
	// plan or a full discount (Active, its default).
	ZeroMRRContracts
)

func (z ZeroMRR) applyTo(p Policy) (Policy, string, error) {
	p.ZeroMRR = z
	return p, "ZeroMRR", checkEnum(z, ZeroMRRContracts)
}

// Pauses chooses what a paused [BillingSubscription] (its PauseStart to PauseEnd, or
// the paused status) is worth while the pause lasts.
type Pauses uint8

const (
	// PausesPayNothing makes the pause a stretch of zero MRR, which the [ZeroMRR]
	// choice then counts as churn or as a contraction: the default, as ProfitWell
	// takes a subscription on hold "to $0 in MRR".
	PausesPayNothing Pauses = iota
	// PausesKeepMRR keeps the subscription's MRR through the pause, as ChartMogul
	// does for pauses from Stripe, Chargebee and GoCardless ("The subscription
	// continues to generate MRR during this time").
	PausesKeepMRR
)

func (z Pauses) applyTo(p Policy) (Policy, string, error) {
	p.Pauses = z
	return p, "Pauses", checkEnum(z, PausesKeepMRR)
}

// BusinessCalendar is the working time [SpeedToLead] and [LeadsByPeriod] measure
// response times in: working days and hours in one time zone, and days off. The
// empty BusinessCalendar is the default: every instant counts, wall-clock time, as
// most CRMs report a first response. Support tools that keep service levels measure
// in working hours instead (HubSpot's help desk SLAs "only during working hours",
// Salesforce's business hours on entitlements), and so do lead-response targets such
// as "within an hour of creation during business hours".
//
// A calendar is its text: the working days, the hours as wall-clock times, the IANA
// zone they are kept in, and any holidays, as [NewBusinessCalendar] and
// [ParseBusinessCalendar] write it:
//
//	mon,tue,wed,thu,fri 06:00-17:00 America/Los_Angeles 2026-12-25
//
// so it is a plain, comparable value that encodes to JSON as that string.
type BusinessCalendar string

func (c BusinessCalendar) applyTo(p Policy) (Policy, string, error) {
	p.Calendar = c
	return p, "Calendar", c.validate()
}

// validate refuses a calendar whose text does not parse; its zone is loaded only
// when a function measures time with it.
func (c BusinessCalendar) validate() error {
	_, err := c.spec()
	return err
}
