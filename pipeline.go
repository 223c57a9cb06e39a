package revops

import (
	"time"

	"github.com/shopspring/decimal"
)

// VelocityInput is what [PipelineVelocity] needs.
type VelocityInput struct {
	Opportunities int             `json:"opportunities"` // qualified opportunities in the pipeline, ≥ 0
	WinRate       decimal.Decimal `json:"win_rate"`      // share of opportunities won, a fraction in [0, 1] (see [WinRate])
	AverageDeal   decimal.Decimal `json:"average_deal"`  // average won deal size, ≥ 0
	CycleDays     decimal.Decimal `json:"cycle_days"`    // average sales cycle in days, > 0 (see [SalesCycleLength])
}

// PipelineVelocity returns the revenue the pipeline produces per day:
//
//	velocity = Opportunities × WinRate × AverageDeal ÷ CycleDays
//
// Errors: [ErrNegative] for a negative input; [ErrOutOfRange] for a WinRate outside
// [0, 1] or a value beyond [MaxExponent]; [ErrZeroDenominator] when CycleDays is zero.
func PipelineVelocity(in VelocityInput) (decimal.Decimal, error) {
	const metric = "PipelineVelocity"
	if err := firstError(
		nonNegativeCount(metric, "Opportunities", in.Opportunities),
		fractionIn(metric, "WinRate", in.WinRate, false),
		nonNegative(metric, "AverageDeal", in.AverageDeal),
		nonNegative(metric, "CycleDays", in.CycleDays),
	); err != nil {
		return decimal.Decimal{}, err
	}
	num := decimal.NewFromInt(int64(in.Opportunities)).Mul(in.WinRate).Mul(in.AverageDeal)
	return div(metric, "CycleDays", num, in.CycleDays)
}

// ClosedWonInput is the value won over a span of days, for [ClosedWonVelocity].
type ClosedWonInput struct {
	Value decimal.Decimal `json:"value"` // value of the deals closed won, ≥ 0
	Days  decimal.Decimal `json:"days"`  // days they took to close, > 0
}

// ClosedWonVelocity returns the closed-won form of pipeline velocity, revenue won
// per day: Value ÷ Days.
//
// Errors: [ErrNegative] for a negative input; [ErrZeroDenominator] when Days is zero;
// [ErrOutOfRange] beyond [MaxExponent].
func ClosedWonVelocity(in ClosedWonInput) (decimal.Decimal, error) {
	const metric = "ClosedWonVelocity"
	if err := firstError(nonNegative(metric, "Value", in.Value), nonNegative(metric, "Days", in.Days)); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Days", in.Value, in.Days)
}

// WinLoss counts the opportunities of a period by outcome.
type WinLoss struct {
	Won  int `json:"won"`
	Lost int `json:"lost"`
	Open int `json:"open"` // each ≥ 0
}

// Total returns Won + Lost + Open: every opportunity counted.
func (w WinLoss) Total() int { return w.Won + w.Lost + w.Open }

// WinRate returns the share of deals won, a fraction in [0, 1]:
//
//	win rate = Won ÷ (Won + Lost)
//
// [WinRateOverAll] divides by Won + Lost + Open, every opportunity of the period.
// Which deals the counts hold is the caller's: those closed in a period (the period
// form) or those created in it (the cohort form); [PipelineByPeriod] gives both.
//
// Errors: [ErrNegative] for a negative count; [ErrZeroDenominator] when the
// denominator is zero; [ErrInvalidOption] for a nil option or a value outside its type's constants.
func WinRate(w WinLoss, opts ...WinRateOption) (decimal.Decimal, error) {
	const metric = "WinRate"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := firstError(nonNegativeCount(metric, "Won", w.Won), nonNegativeCount(metric, "Lost", w.Lost), nonNegativeCount(metric, "Open", w.Open)); err != nil {
		return decimal.Decimal{}, err
	}
	return winRate(metric, decimal.NewFromInt(int64(w.Won)), decimal.NewFromInt(int64(w.Lost)), decimal.NewFromInt(int64(w.Open)), p)
}

// winRate is the win rate of won, lost and open, counts or values, under p's
// WinRateDenominator.
func winRate(metric string, won, lost, open decimal.Decimal, p Policy) (decimal.Decimal, error) {
	den := won.Add(lost)
	field := "Won+Lost"
	if p.WinRateDenominator == WinRateOverAll {
		den, field = den.Add(open), "Won+Lost+Open"
	}
	return div(metric, field, won, den)
}

// WinLossValue is the value of the opportunities of a period by outcome, in one
// currency.
type WinLossValue struct {
	Won  decimal.Decimal `json:"won"`
	Lost decimal.Decimal `json:"lost"`
	Open decimal.Decimal `json:"open"` // each ≥ 0
}

// Total returns Won + Lost + Open: the value of every opportunity counted.
func (v WinLossValue) Total() decimal.Decimal { return sumOf(v.Won, v.Lost, v.Open) }

// ValueWinRate returns the win rate by value, the share of the value at stake that
// was won, a fraction in [0, 1]:
//
//	value win rate = Won ÷ (Won + Lost)
//
// [WinRateOverAll] divides by Won + Lost + Open. A team that wins its small deals and
// loses its large ones has a value win rate below its win rate by count. The default
// is the "win rate based on win and loss amounts" of Deltek's Costpoint Analytics
// (won amount ÷ won and lost amounts); over all is Copper CRM's "Opp Value Win Rate"
// (value won ÷ the value of every opportunity).
//
// Errors: [ErrNegative] for a negative value; [ErrZeroDenominator] when the
// denominator is zero; [ErrOutOfRange] beyond [MaxExponent]; [ErrInvalidOption] for a
// nil option or a value outside its type's constants.
func ValueWinRate(v WinLossValue, opts ...WinRateOption) (decimal.Decimal, error) {
	const metric = "ValueWinRate"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := firstError(nonNegative(metric, "Won", v.Won), nonNegative(metric, "Lost", v.Lost), nonNegative(metric, "Open", v.Open)); err != nil {
		return decimal.Decimal{}, err
	}
	return winRate(metric, v.Won, v.Lost, v.Open, p)
}

// DealOutcomes counts a set of opportunities by outcome and sums their value.
type DealOutcomes struct {
	Count WinLoss      `json:"count"`
	Value WinLossValue `json:"value"`
}

// add counts a deal of status s and value amount.
func (d *DealOutcomes) add(s DealStatus, amount decimal.Decimal) {
	switch s {
	case DealWon:
		d.Count.Won, d.Value.Won = d.Count.Won+1, d.Value.Won.Add(amount)
	case DealLost:
		d.Count.Lost, d.Value.Lost = d.Count.Lost+1, d.Value.Lost.Add(amount)
	default:
		d.Count.Open, d.Value.Open = d.Count.Open+1, d.Value.Open.Add(amount)
	}
}

func zeroOutcomes() DealOutcomes {
	return DealOutcomes{Value: WinLossValue{Won: decimal.Zero, Lost: decimal.Zero, Open: decimal.Zero}}
}

// DealStatus is where an [Opportunity] stands.
type DealStatus uint8

const (
	DealOpen DealStatus = iota // still in the pipeline
	DealWon                    // closed won
	DealLost                   // closed lost
)

// Opportunity is one deal in the pipeline.
//
// Created, Closed and ExpectedClose are each a date or an instant: a Time at midnight
// in its own location, to the nanosecond, is a date, the calendar day it names in the
// reporting zone, as a CRM's close date is (Salesforce's CloseDate, exported as
// 2023-05-01 or 2023-05-01T00:00Z); any other Time is an instant, on the date it has in
// the reporting zone. The reporting zone is the periods' location for
// [PipelineByPeriod] and the loc of [SalesCycleLengthIn].
type Opportunity struct {
	ID          string          `json:"id"`          // the CRM's identifier, for the caller's messages; may be empty
	Owner       string          `json:"owner"`       // the deal's owner, to split figures by rep; may be empty
	LeadSource  string          `json:"lead_source"` // where its lead came from, to split figures by channel; may be empty
	Stage       string          `json:"stage"`       // current stage; for a closed deal, the last stage it reached
	Status      DealStatus      `json:"status"`      // open, won or lost
	Currency    string          `json:"currency"`    // currency code; the same for every opportunity of one call
	Amount      decimal.Decimal `json:"amount"`      // deal value, ≥ 0
	Probability decimal.Decimal `json:"probability"` // chance to close won, in [0, 1], usually the stage's
	Created     time.Time       `json:"created"`     // when the opportunity was created
	Closed      time.Time       `json:"closed"`      // when it was won or lost; zero while open
	// ExpectedClose is when an open deal is expected to close (Salesforce's CloseDate
	// while the deal is open), for [PipelineByPeriod]'s coverage; zero when unknown.
	ExpectedClose time.Time `json:"expected_close"`
}

func (o Opportunity) validate(metric, currency string) error {
	if err := firstError(
		checkEnumField(metric, "Status", o.Status, DealLost),
		nonNegative(metric, "Amount", o.Amount),
		fractionIn(metric, "Probability", o.Probability, false),
	); err != nil {
		return err
	}
	return sameCurrency(metric, "Currency", o.Currency, currency)
}

// CycleLength is the result of [SalesCycleLength], in days.
type CycleLength struct {
	Mean   decimal.Decimal `json:"mean_days"`
	Median decimal.Decimal `json:"median_days"` // days from created to closed, fractions of a day included
	Deals  int             `json:"deals"`       // closed deals measured
	total  decimal.Decimal // the days summed: Mean is total ÷ Deals, rounded
}

// SalesCycleLength returns the mean and median days from creation to close over the
// closed deals, won and lost; open deals are skipped. [CycleWonOnly] measures won
// deals only. It is [SalesCycleLengthIn] with UTC as the reporting zone.
func SalesCycleLength(opps []Opportunity, opts ...CycleOption) (CycleLength, error) {
	return salesCycleLength("SalesCycleLength", opps, time.UTC, opts)
}

// SalesCycleLengthIn returns the mean and median days from creation to close over the
// closed deals, won and lost, reading dates in the reporting zone loc (nil is UTC);
// open deals are skipped. [CycleWonOnly] measures won deals only. Days are exact: 36
// hours is 1.5 days.
//
// A Created or Closed at midnight in its own location is a date (see [Opportunity]):
// the day it names, starting at midnight in loc. By default the cycle runs from the
// instant of Created to the instant of Closed, a date standing for its first instant
// in loc; from one date to another it is the whole days between them, whatever the
// daylight saving in loc; and a close date on the date of creation, which falls
// before the creation instant, is 0 days rather than negative. [CloseTimesDates] reads
// every Closed as a date and counts the whole days from the date of Created to the
// date of Closed, each an instant's date in loc: created 2023-03-20T16:00Z and closed
// 2023-04-01T01:09:44Z is March 20 to March 31 in America/Phoenix, 11 days.
//
// Errors: [ErrInvalidPeriod] for a deal closed before it was created (on an earlier
// date, for a date); [ErrInconsistent] for a closed deal with no Closed time;
// [ErrZeroDenominator] when no deal is measured; [ErrOutOfRange] for an unknown
// Status; [ErrInvalidOption] for a nil option or a value outside its type's
// constants. With [InvalidRecordsSkip] a deal with a record error is left out and a
// [*Refused] listing those left out comes with the result.
func SalesCycleLengthIn(opps []Opportunity, loc *time.Location, opts ...CycleOption) (CycleLength, error) {
	return salesCycleLength("SalesCycleLengthIn", opps, orUTC(loc), opts)
}

func salesCycleLength[O Option](metric string, opps []Opportunity, loc *time.Location, opts []O) (CycleLength, error) {
	p, err := policyFor(metric, opts)
	if err != nil {
		return CycleLength{}, err
	}
	days := make([]decimal.Decimal, 0, len(opps))
	refused := refusing(p)
	for i, o := range opps {
		if err := checkEnumField(metric, "Status", o.Status, DealLost); err != nil {
			if err = atIndex(err, "opps", i); !refused.keep(i, err) {
				return CycleLength{}, err
			}
			continue
		}
		if o.Status == DealOpen || (p.CycleDeals == CycleWonOnly && o.Status != DealWon) {
			continue
		}
		d, err := o.cycleDays(metric, p, loc)
		if err != nil {
			if err = atIndex(err, "opps", i); !refused.keep(i, err) {
				return CycleLength{}, err
			}
			continue
		}
		days = append(days, d)
	}
	if len(days) == 0 {
		return CycleLength{}, refused.with(metric, len(opps), newError(metric, "opps", ErrZeroDenominator, "no closed deal to measure"))
	}
	mean, median := meanMedian(metric, days)
	return CycleLength{Mean: mean, Median: median, Deals: len(days), total: sumOf(days...)}, refused.err(metric, len(opps))
}

// cycleDays returns the days from o's creation to its close under p's [CloseTimes]
// choice, dates read in the reporting zone loc (see SalesCycleLengthIn).
func (o Opportunity) cycleDays(metric string, p Policy, loc *time.Location) (decimal.Decimal, error) {
	if o.Closed.IsZero() {
		return decimal.Decimal{}, newError(metric, "Closed", ErrInconsistent, "closed deal with no close time")
	}
	created, closed := dayOf(o.Created, loc), dayOf(o.Closed, loc)
	if closed.Before(created) {
		return decimal.Decimal{}, o.closedBeforeCreated(metric)
	}
	if p.CloseTimes == CloseTimesDates || (isDate(o.Created) && isDate(o.Closed)) {
		return decimal.NewFromInt(wholeDays(created, closed)), nil
	}
	from, to := startIn(o.Created, loc), startIn(o.Closed, loc)
	switch {
	case !to.Before(from):
		return div(metric, "", elapsed(from, to), decimal.NewFromInt(int64(24*time.Hour)))
	case isDate(o.Closed) && closed.Equal(created):
		return decimal.Zero, nil // a close date on the day of creation
	}
	return decimal.Decimal{}, o.closedBeforeCreated(metric)
}

func (o Opportunity) closedBeforeCreated(metric string) error {
	return newError(metric, "Closed", ErrInvalidPeriod, "closed %s, before it was created %s",
		o.Closed.Format(time.RFC3339), o.Created.Format(time.RFC3339))
}

// PipelineTotals is the result of [PipelineValue].
type PipelineTotals struct {
	Open     int             `json:"open"`     // open opportunities
	Value    decimal.Decimal `json:"value"`    // Σ Amount over open opportunities
	Weighted decimal.Decimal `json:"weighted"` // Σ Amount × Probability over open opportunities
}

// PipelineValue returns the value of the open pipeline and its weighted value:
//
//	value = Σ Amount;  weighted = Σ Amount × Probability   (open opportunities)
//
// Won and lost opportunities are checked but not counted.
//
// Errors: [ErrNegative] for a negative Amount; [ErrOutOfRange] for a Probability
// outside [0, 1], an amount beyond [MaxExponent] or an unknown Status;
// [ErrCurrencyMismatch] for two currencies; [ErrInvalidOption] for a nil option or a
// value outside its type's constants. With [InvalidRecordsSkip] an opportunity with
// a record error is left out (the first valid one sets the currency) and a
// [*Refused] listing those left out comes with the result.
func PipelineValue(opps []Opportunity, opts ...RecordsOption) (PipelineTotals, error) {
	const metric = "PipelineValue"
	p, err := policyFor(metric, opts)
	if err != nil {
		return PipelineTotals{}, err
	}
	t := PipelineTotals{Value: decimal.Zero, Weighted: decimal.Zero}
	refused := refusing(p)
	currency, first := "", true
	for i, o := range opps {
		if first {
			currency = o.Currency
		}
		if err := o.validate(metric, currency); err != nil {
			if err = atIndex(err, "opps", i); !refused.keep(i, err) {
				return PipelineTotals{}, err
			}
			continue
		}
		first = false
		if o.Status == DealOpen {
			t.Open++
			t.Value = t.Value.Add(o.Amount)
			t.Weighted = t.Weighted.Add(o.Amount.Mul(o.Probability))
		}
	}
	return t, refused.err(metric, len(opps))
}

// StageSummary is one stage's line of [ByStage].
type StageSummary struct {
	Stage   string          `json:"stage"`
	Open    int             `json:"open"`    // open opportunities now at this stage
	Value   decimal.Decimal `json:"value"`   // their Σ Amount
	Reached int             `json:"reached"` // opportunities that reached this stage: open, won or lost at it or a later one, and every won deal
	// ToNext is the share of those that reached the next stage (for the last stage:
	// that were won), a fraction; nil when no opportunity reached this stage.
	ToNext *decimal.Decimal `json:"to_next"`
}

// ByStage returns, for each stage in order, the open opportunities at it with their
// value, and the stage-to-stage conversion: of the opportunities that reached a stage,
// the share that reached the next one. An opportunity is taken to have passed through
// every stage before its current one, and a won deal through all of them.
//
//	ToNext[i] = Reached[i+1] ÷ Reached[i];  ToNext[last] = won ÷ Reached[last]
//
// Errors: [ErrOutOfRange] for an opportunity at a stage not in stages, or no stages;
// [ErrInconsistent] for a stage named twice; those of [PipelineValue].
func ByStage(opps []Opportunity, stages []string) ([]StageSummary, error) {
	const metric = "ByStage"
	if len(stages) == 0 {
		return nil, newError(metric, "stages", ErrOutOfRange, "no stages")
	}
	index := make(map[string]int, len(stages))
	out := make([]StageSummary, len(stages))
	for i, s := range stages {
		if _, dup := index[s]; dup {
			return nil, atIndex(newError(metric, "", ErrInconsistent, "stage %q named twice", s), "stages", i)
		}
		index[s] = i
		out[i] = StageSummary{Stage: s, Value: decimal.Zero}
	}
	furthest := make([]int, len(stages)+1) // opportunities whose furthest stage is i; won at len(stages)
	for i, o := range opps {
		if err := o.validate(metric, opps[0].Currency); err != nil {
			return nil, atIndex(err, "opps", i)
		}
		at, ok := index[o.Stage]
		if !ok {
			return nil, atIndex(newError(metric, "Stage", ErrOutOfRange, "%q is not one of the stages", o.Stage), "opps", i)
		}
		switch o.Status {
		case DealWon:
			furthest[len(stages)]++
		case DealOpen:
			out[at].Open++
			out[at].Value = out[at].Value.Add(o.Amount)
			furthest[at]++
		default:
			furthest[at]++
		}
	}
	reached := furthest[len(stages)]
	for i := len(stages) - 1; i >= 0; i-- {
		next := reached
		reached += furthest[i]
		out[i].Reached = reached
		if reached > 0 {
			r, _ := ratio(metric, "", int64(next), int64(reached))
			out[i].ToNext = &r
		}
	}
	return out, nil
}

// PipelineGrowth returns the growth of pipeline value from one period to the next, a
// fraction: (Current − Previous) ÷ Previous, as [RevenueGrowth].
//
// Errors: as [RevenueGrowth].
func PipelineGrowth(g Growth) (decimal.Decimal, error) {
	return growth("PipelineGrowth", "Previous", "Current", g)
}

// QuotaInput is one rep's (or one team's) won amount and quota for a period.
type QuotaInput struct {
	Won   decimal.Decimal `json:"won"`   // value won in the period, ≥ 0
	Quota decimal.Decimal `json:"quota"` // quota for the period, > 0
}

// QuotaAttainment returns won ÷ quota, a fraction: 1 is 100 % of quota.
//
// Errors: [ErrNegative] for a negative amount; [ErrZeroDenominator] for a zero quota;
// [ErrOutOfRange] beyond [MaxExponent].
func QuotaAttainment(q QuotaInput) (decimal.Decimal, error) {
	const metric = "QuotaAttainment"
	if err := q.validate(metric); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "Quota", q.Won, q.Quota)
}

func (q QuotaInput) validate(metric string) error {
	if err := firstError(nonNegative(metric, "Won", q.Won), nonNegative(metric, "Quota", q.Quota)); err != nil {
		return err
	}
	if q.Quota.IsZero() {
		return newError(metric, "Quota", ErrZeroDenominator, "zero quota")
	}
	return nil
}

// TeamAttainment is the result of [TeamQuotaAttainment].
type TeamAttainment struct {
	Won            decimal.Decimal `json:"won"`
	Quota          decimal.Decimal `json:"quota"`             // Σ won and Σ quota over the reps
	Attainment     decimal.Decimal `json:"attainment"`        // Won ÷ Quota, a fraction
	Reps           int             `json:"reps"`              // reps counted
	AtOrAboveQuota int             `json:"at_or_above_quota"` // reps whose own attainment is ≥ 1
	Share          decimal.Decimal `json:"share"`             // AtOrAboveQuota ÷ Reps, a fraction in [0, 1]
}

// TeamQuotaAttainment returns a team's attainment, Σ won ÷ Σ quota (not the mean of
// the reps' attainments, which would weigh a small quota like a large one), and the
// share of reps at or above their own quota.
//
// Errors: [ErrNegative] for a negative amount; [ErrZeroDenominator] for a rep with a
// zero quota or no reps; [ErrOutOfRange] beyond [MaxExponent].
func TeamQuotaAttainment(reps []QuotaInput) (TeamAttainment, error) {
	const metric = "TeamQuotaAttainment"
	t := TeamAttainment{Won: decimal.Zero, Quota: decimal.Zero, Reps: len(reps)}
	for i, r := range reps {
		if err := r.validate(metric); err != nil {
			return TeamAttainment{}, atIndex(err, "reps", i)
		}
		t.Won, t.Quota = t.Won.Add(r.Won), t.Quota.Add(r.Quota)
		if r.Won.GreaterThanOrEqual(r.Quota) {
			t.AtOrAboveQuota++
		}
	}
	if len(reps) == 0 {
		return TeamAttainment{}, newError(metric, "reps", ErrZeroDenominator, "no reps")
	}
	t.Attainment, _ = div(metric, "Quota", t.Won, t.Quota)
	t.Share, _ = ratio(metric, "reps", int64(t.AtOrAboveQuota), int64(t.Reps))
	return t, nil
}

// CoverageInput is what [PipelineCoverage] needs, in one currency.
type CoverageInput struct {
	OpenPipeline   decimal.Decimal `json:"open_pipeline"`   // open pipeline expected to close in the period, ≥ 0
	RemainingQuota decimal.Decimal `json:"remaining_quota"` // quota not yet won in the period, > 0
}

// PipelineCoverage returns how many times the open pipeline covers the quota left:
//
//	coverage = OpenPipeline ÷ RemainingQuota
//
// Compare it with [RequiredCoverage].
//
// Errors: [ErrNegative] for a negative amount; [ErrZeroDenominator] when no quota
// remains; [ErrOutOfRange] beyond [MaxExponent].
func PipelineCoverage(in CoverageInput) (decimal.Decimal, error) {
	const metric = "PipelineCoverage"
	if err := firstError(nonNegative(metric, "OpenPipeline", in.OpenPipeline), nonNegative(metric, "RemainingQuota", in.RemainingQuota)); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "RemainingQuota", in.OpenPipeline, in.RemainingQuota)
}

// RequiredCoverage returns the pipeline coverage a win rate needs to make quota:
// 1 ÷ winRate (a 25 % win rate needs 4× coverage).
//
// Errors: [ErrZeroDenominator] for a zero win rate; [ErrNegative] or [ErrOutOfRange]
// for one outside (0, 1].
func RequiredCoverage(winRate decimal.Decimal) (decimal.Decimal, error) {
	const metric = "RequiredCoverage"
	if err := fractionIn(metric, "winRate", winRate, false); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "winRate", decimal.NewFromInt(1), winRate)
}

// PipelineRecords are the opportunities and the periods [PipelineByPeriod] reports on.
type PipelineRecords struct {
	Opportunities []Opportunity     `json:"opportunities"`
	Periods       []Period          `json:"periods"` // in time order, not overlapping
	Quotas        []decimal.Decimal `json:"quotas"`  // each period's quota, ≥ 0, for coverage; nil for none
}

// PipelinePeriod is one period of [PipelineByPeriod]: its deals in both forms and the
// pipeline metrics computed from them by the catalogue's functions. An undefined
// metric (no closed deal, no quota) is a Metric holding the function's error.
//
// The period form counts events: the deals won or lost in the period, by the date
// they closed, and the deals open at its close, whenever they were created. The
// cohort form follows the deals created in the period to their outcome as the
// records stand, whenever they close: of 100 deals created in January, 3 won, 7 lost
// and 90 still open, the cohort's win rate over all opportunities is 3 %, while
// January's period form also counts the older deals open at its close.
type PipelinePeriod struct {
	Period Period `json:"period"`
	// InPeriod is the period form: Won and Lost are the deals closed won and lost in
	// the period, Open those open at its close (created before its end, not closed by
	// then), with their values.
	InPeriod DealOutcomes `json:"in_period"`
	// Created is the cohort form: the deals created in the period, each counted by
	// its Status (won, lost or still open), with their values: the pipeline created
	// in the period and what became of it.
	Created DealOutcomes `json:"created"`
	// PeriodWinRate and PeriodValueWinRate are [WinRate] and [ValueWinRate] of
	// InPeriod.
	PeriodWinRate      Metric `json:"period_win_rate"`
	PeriodValueWinRate Metric `json:"period_value_win_rate"`
	// CohortWinRate and CohortValueWinRate are [WinRate] and [ValueWinRate] of
	// Created.
	CohortWinRate      Metric `json:"cohort_win_rate"`
	CohortValueWinRate Metric `json:"cohort_value_win_rate"`
	// AverageDeal is the value won in the period ÷ the deals won in it.
	AverageDeal Metric `json:"average_deal"`
	// CycleMean and CycleMedian are the days from creation to close of the deals
	// closed in the period, by [SalesCycleLengthIn] in the periods' zone.
	CycleMean   Metric `json:"cycle_mean_days"`
	CycleMedian Metric `json:"cycle_median_days"`
	// Velocity is [PipelineVelocity] of the deals open at the close, at the period's
	// win rate, average deal and mean cycle: the revenue per day the pipeline promises.
	Velocity Metric `json:"velocity"`
	// ClosedWonVelocity is [ClosedWonVelocity]: the value won ÷ the period's days.
	ClosedWonVelocity Metric `json:"closed_won_velocity"`
	// CoveragePipeline is Σ Amount of the deals open at the period's start that were
	// expected to close in it (ExpectedClose, or Closed when that is unset).
	CoveragePipeline decimal.Decimal `json:"coverage_pipeline"`
	// Coverage is [PipelineCoverage] of CoveragePipeline and the period's quota.
	Coverage Metric `json:"coverage"`
}

// PipelineByPeriod returns the pipeline metrics of every period from opportunity
// records, in one call: the deals of the period in both forms (won and lost in it,
// open at its close; created in it, by outcome), and from them the win rate by count
// and by value in both forms, the average deal, the sales cycle's mean and median,
// velocity in both forms, and coverage against the period's quota. Every figure is
// computed by its catalogue function under the options: [WinRateDenominator] for the
// win rates, [CycleDeals] and [CloseTimes] for the cycle (so a Salesforce close date
// on the day of creation is a cycle of 0 days).
//
// Dates are read in the reporting zone, the location of the periods (see
// [Opportunity]): in months of America/Phoenix a deal closed on the date May 1 is
// May's, and one closed at the instant 2023-04-01T01:09:44Z is March's, on March 31.
//
// Errors: [ErrInvalidPeriod] for no periods, a zero Period or periods out of order;
// [ErrInconsistent] for Quotas of another length than Periods; [ErrNegative] for a
// negative quota; and for an opportunity, naming it as "opps[3].Closed": those of
// [PipelineValue] and [SalesCycleLengthIn], [ErrInvalidPeriod] for a zero Created,
// and [ErrInconsistent] for an open deal with a Closed time; [ErrInvalidOption] for a
// nil option or a value outside its type's constants. With [InvalidRecordsSkip] an
// opportunity with an error is left out and a [*Refused] listing those left out
// comes with the result.
func PipelineByPeriod(in PipelineRecords, opts ...PipelinePeriodOption) ([]PipelinePeriod, error) {
	const metric = "PipelineByPeriod"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if err := checkPeriods(metric, in.Periods); err != nil {
		return nil, err
	}
	if in.Quotas != nil && len(in.Quotas) != len(in.Periods) {
		return nil, newError(metric, "Quotas", ErrInconsistent, "%d quotas for %d periods", len(in.Quotas), len(in.Periods))
	}
	for k, q := range in.Quotas {
		if err := atIndex(nonNegative(metric, "", q), "Quotas", k); err != nil {
			return nil, err
		}
	}
	out := make([]PipelinePeriod, len(in.Periods))
	closed := make([][]Opportunity, len(in.Periods))
	for k, per := range in.Periods {
		out[k] = PipelinePeriod{Period: per, InPeriod: zeroOutcomes(), Created: zeroOutcomes(), CoveragePipeline: decimal.Zero}
	}
	loc := in.Periods[0].Start().Location()
	refused := refusing(p)
	currency, first := "", true
	for i, o := range in.Opportunities {
		if first {
			currency = o.Currency
		}
		if err := o.validateRecord(metric, currency, p, loc); err != nil {
			if err = atIndex(err, "opps", i); !refused.keep(i, err) {
				return nil, err
			}
			continue
		}
		first = false
		t := o.timesIn(loc)
		if k := periodOf(in.Periods, t.closed); o.Status != DealOpen && k >= 0 {
			closed[k] = append(closed[k], o)
			out[k].InPeriod.add(o.Status, o.Amount)
		}
		if k := periodOf(in.Periods, t.created); k >= 0 {
			out[k].Created.add(o.Status, o.Amount)
		}
		for k, per := range in.Periods {
			if t.openAt(per.End()) {
				out[k].InPeriod.add(DealOpen, o.Amount)
			}
			if t.openAt(per.Start()) && per.Contains(t.expected) {
				out[k].CoveragePipeline = out[k].CoveragePipeline.Add(o.Amount)
			}
		}
	}
	for k := range out {
		r := &out[k]
		now, cohort := r.InPeriod, r.Created
		win, winErr := WinRate(now.Count, p)
		r.PeriodWinRate = metricOf(win, winErr)
		r.PeriodValueWinRate = metricOf(ValueWinRate(now.Value, p))
		r.CohortWinRate = metricOf(WinRate(cohort.Count, p))
		r.CohortValueWinRate = metricOf(ValueWinRate(cohort.Value, p))
		avg, avgErr := perHead(metric, "Won", Monthly(now.Value.Won), now.Count.Won)
		r.AverageDeal = metricOf(avg, avgErr)
		cycle, cycleErr := salesCycleLength("SalesCycleLengthIn", closed[k], loc, []Policy{p})
		r.CycleMean, r.CycleMedian = metricOf(cycle.Mean, cycleErr), metricOf(cycle.Median, cycleErr)
		switch err := firstError(winErr, avgErr, cycleErr); err {
		case nil:
			// PipelineVelocity of the period's rounded win rate, average deal and mean
			// cycle, computed from their exact parts in one division, so that only the
			// result is rounded: open × (won ÷ decided) × (won value ÷ won) ÷ (days ÷
			// deals) = open × won value × deals ÷ (decided × days).
			decided := now.Count.Won + now.Count.Lost
			if p.WinRateDenominator == WinRateOverAll {
				decided += now.Count.Open
			}
			num := decimal.NewFromInt(int64(now.Count.Open)).Mul(now.Value.Won).Mul(decimal.NewFromInt(int64(cycle.Deals)))
			r.Velocity = metricOf(div("PipelineVelocity", "CycleDays", num, decimal.NewFromInt(int64(decided)).Mul(cycle.total)))
		default:
			r.Velocity = metricOf(decimal.Decimal{}, err)
		}
		r.ClosedWonVelocity = metricOf(ClosedWonVelocity(ClosedWonInput{Value: now.Value.Won, Days: decimal.NewFromInt(int64(r.Period.Days()))}))
		if in.Quotas == nil {
			r.Coverage = metricOf(decimal.Decimal{}, newError(metric, "Quotas", ErrZeroDenominator, "no quota given"))
		} else {
			r.Coverage = metricOf(PipelineCoverage(CoverageInput{OpenPipeline: r.CoveragePipeline, RemainingQuota: in.Quotas[k]}))
		}
	}
	return out, refused.err(metric, len(in.Opportunities))
}

// validateRecord checks an opportunity as a dated record: its fields, its dates, and
// for a closed deal its cycle under p, dates read in the reporting zone loc.
func (o Opportunity) validateRecord(metric, currency string, p Policy, loc *time.Location) error {
	if err := o.validate(metric, currency); err != nil {
		return err
	}
	switch {
	case o.Created.IsZero():
		return newError(metric, "Created", ErrInvalidPeriod, "zero Created")
	case o.Status == DealOpen && !o.Closed.IsZero():
		return newError(metric, "Closed", ErrInconsistent, "an open deal with a Closed time; an expected close goes in ExpectedClose")
	case o.Status != DealOpen:
		_, err := o.cycleDays(metric, p, loc)
		return err
	}
	return nil
}

// dealTimes are the instants an opportunity's dates stand for in a reporting zone.
type dealTimes struct {
	created, closed time.Time // zero closed while open
	// expected is when the deal was expected to close: ExpectedClose, or Closed when
	// that is unset; zero when both are.
	expected time.Time
}

// timesIn returns the instants o's dates stand for in loc: a date is its first
// instant there, an instant stays as it is (see [Opportunity]).
func (o Opportunity) timesIn(loc *time.Location) dealTimes {
	t := dealTimes{created: startIn(o.Created, loc), closed: startIn(o.Closed, loc), expected: startIn(o.ExpectedClose, loc)}
	if t.expected.IsZero() {
		t.expected = t.closed
	}
	return t
}

// openAt reports whether the deal was open at instant at: created by then, not closed.
func (t dealTimes) openAt(at time.Time) bool {
	return t.created.Before(at) && (t.closed.IsZero() || !t.closed.Before(at))
}
