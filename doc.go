// Package revops computes revenue-operations metrics (recurring revenue, retention and
// churn, acquisition cost, pipeline, lifetime value, data quality) exactly, with every choice on which
// the tools on the market disagree made explicit.
//
// # Conventions
//
// Money and rates are [github.com/shopspring/decimal.Decimal] values; no
// float64 crosses the API. Counts are ints.
//
// Rates are fractions: 0.05 is 5 %. A result that is a rate says so in its doc comment;
// the one exception is [NPS], a score from −100 to 100 by its own convention.
//
// Every division rounds its quotient to [Scale] (16) decimal places, half away from zero.
// Sums, differences and products of exact inputs stay exact. The package never reads or
// writes a shopspring package variable such as decimal.DivisionPrecision, so a result
// depends on its inputs alone. Amounts whose decimal exponent lies outside
// −[MaxExponent] to [MaxExponent] are refused.
//
// Inputs with two or more values of one type come in structs with named fields
// ([CustomerCounts], [RevenueMovements]), so that arguments cannot be swapped.
//
// Periods are half-open, [Start, End), in UTC unless a location is given: see [Period].
//
// # Errors
//
// No function panics on any input. A function that can meet bad input returns
// (value, error), and every error is an [*Error] that names the metric and the input field
// and wraps one sentinel, matched with [errors.Is]:
//
//   - [ErrZeroDenominator]: the metric is undefined (no customers at the start, no
//     answers); never a silent 0, NaN or infinity.
//   - [ErrNegative]: a count or amount below zero where that makes no sense.
//   - [ErrOutOfRange]: a score, rate or exponent outside its range.
//   - [ErrInconsistent]: inputs that cannot all hold, such as more churned customers
//     than there were.
//   - [ErrCurrencyMismatch]: records in two currencies in one computation.
//   - [ErrInvalidPeriod]: a period that ends before it starts.
//   - [ErrInvalidOption]: an option value outside its constants, or one the metric does
//     not use.
//
// # Policies
//
// Where ChartMogul, Stripe Billing, Baremetrics, ProfitWell and Lago count a metric
// differently, the choice is a typed value with a documented default. Each choice is a
// field of [Policy], whose zero value holds every default, and each field's type is an
// [Option] that a metric function takes as a trailing argument:
//
//	revops.CustomerChurnRate(counts)                               // ChartMogul B2B
//	revops.CustomerChurnRate(counts, revops.ChurnOverStartPlusNew) // Stripe's denominator
//	revops.NRR(movements, revops.NRRIncludesReactivation)
//
// A whole Policy is an Option too, so a preset matching one tool is a plain value passed
// to every metric, each reading the fields it uses. A single choice passed to a metric
// that does not use it is refused with [ErrInvalidOption] rather than ignored.
//
// # Metrics
//
// Recurring revenue (arr.go):
//   - [ChargeMRR]: one charge normalized to a month, with the [Discounts] choice.
//   - [MRR] and [MRRByCustomer], with the [PastDue] choice; [ARR] = 12 × MRR.
//   - [ARRFromComponents]: the seed's ARR formula.
//   - [ACV] (with [OneTimeFees]), [ARPA], [ARPU], [RevenueGrowth], [RevenueBacklog].
//   - [MRRBridge]: New, Expansion, Contraction, Churn and Reactivation per customer,
//     with the [Reactivation] choice and [ReactivationWindow].
//   - [NetNewMRR] and [QuickRatio] (with [QuickRatioReactivation]).
//
// Retention and churn (retention.go):
//   - [CustomerChurnRate]: logo churn, with [ChurnDenominator], [JoinedAndLeft] and
//     [LeftAndReturned] choices.
//   - [CustomerRetentionRate]: (end − new) ÷ start.
//   - [GrossRevenueChurnRate] and [NetRevenueChurnRate].
//   - [NRR] (with [NRRReactivation]) and [GRR].
//   - [RenewalRate]: by count and by value, with [RenewalValue].
//   - [NPS], [NPSFromCounts] and [CSAT] (with [CSATScale]).
//   - [CustomerRetentionCost].
//
// Acquisition (acquisition.go):
//   - [CAC] (blended) and [PaidCAC] from [AcquisitionCosts]; [CPA].
//   - [LeadConversionRate], [LeadContactRate] and [Funnel] (with [FunnelOrder]).
//   - [SpeedToLead]: mean and median response time, never-contacted leads counted.
//   - [CACPayback], [LTVToCAC], [MagicNumber], [MagicNumberFromARR], [BurnMultiple],
//     [RuleOf40] (with a stated [MarginKind]) and [RevOpsROI].
//
// Pipeline (pipeline.go):
//   - [PipelineVelocity] and [ClosedWonVelocity].
//   - [WinRate] (with [WinRateDenominator]) and [SalesCycleLength] (with [CycleDeals]).
//   - [PipelineValue] (value and weighted), [ByStage] (with stage-to-stage conversion)
//     and [PipelineGrowth].
//   - [QuotaAttainment], [TeamQuotaAttainment], [PipelineCoverage] and
//     [RequiredCoverage].
//
// Lifetime value (lifetime.go):
//   - [CLV] in the purchase form, its inputs from transactions by [PurchaseInputs],
//     and [CLVFromTransactions].
//   - [LTV] (subscription form, with [TrailingChurn]) and [CustomerLifetime].
//   - [HistoricalCLV]: revenue per customer to date.
//
// Data quality (quality.go): [Completeness], [DuplicateRate] and [Validity] over
// [Record] values.
//
// Subscription history (history.go), from records to series:
//   - [Span] (H1), one customer's MRR from a start to an end, made from a dated
//     [Charge] by [SpanFromCharge] or from an invoice line by [SpanFromInvoiceLine].
//   - [NewHistory] (H2) validates and indexes spans once; [History.Snapshot] and
//     [History.MRR] (H3) give MRR at any instant, and [History.BridgeInput] feeds
//     [MRRBridge].
//   - [History.Series] (H4): per period the start and end MRR, the five movements,
//     [CustomerCounts] from the records, ARPA, customer churn, revenue churn, NRR,
//     GRR and quick ratio, each by its catalogue function, with the
//     [MovementConvention] choice.
//   - [History.Cohorts] (H5, T11): logo and revenue retention by cohort, with the
//     [CohortAverage] choice; empty cohorts kept.
//   - [History.TrailingRetention] (H6): NRR and GRR over a [RetentionWindow] in the
//     cohort form.
//   - [History.Totals] and [Totals.Merge] (H7): additive totals that merge across
//     disjoint shards of customers, with [Totals.Series] and [Totals.CohortTable]
//     computing the rates after the merge.
//   - Amounts take an int64 path when they fit and exact decimals otherwise, with the
//     same results (H8).
//
// A monthly series from records:
//
//	h, err := revops.NewHistory(spans)
//	if err != nil { ... }                  // names the record: spans[41].End
//	months := []revops.Period{revops.Month(2025, 1), revops.Month(2025, 2)}
//	series, err := h.Series(months)         // one PeriodMetrics per month
//	cohorts, err := h.Cohorts(months)       // T11 cohort table
//	nrr12, err := h.TrailingRetention(months[1])
//
// Time (period.go):
//   - [Period], [NewPeriod], [Month], [Quarter], [Year] and their In variants;
//     [Period.Next], [Period.Prev], and [Period.Months], [Period.Quarters] and
//     [Period.Years], which tile a span.
//   - [PeriodGrowth] over a series.
//   - [CompoundGrowth] and [SeriesCompoundGrowth] (CMGR, CAGR, with
//     [CompoundingSteps]): an exact nth root to [Scale] places.
//   - [Annualize], [Deannualize] and [Prorate] (actual days).
package revops
