// Package revops computes revenue-operations metrics (recurring revenue, retention and
// churn, acquisition cost, pipeline, lifetime value, data quality) exactly, with every
// choice on which the tools on the market disagree made explicit.
//
// # Conventions
//
// Money and rates are [github.com/shopspring/decimal.Decimal] values; no float64
// crosses the API. Counts are ints.
//
// Rates are fractions: 0.05 is 5 %. A result that is a rate says so in its doc comment;
// the one exception is [NPS], a score from −100 to 100 by its own convention.
//
// Sums, differences and products of exact inputs stay exact. Recurring revenue
// normalized from charges is kept as an exact fraction, a [Recurring], so the ARR of
// annual plans is their annual price to the last digit: a [Span] holds its MRR as one,
// a [History] sums them over one common denominator, and its totals are Recurring
// values, rounded once, where a decimal is asked of them; a rate is computed from the
// exact amounts and rounded once by its own function. Every other division rounds its
// quotient to [Scale] (16) decimal places, half away from zero. Money is rounded to a
// currency's minor units only when asked, once, at the boundary:
// [RoundToMinorUnits], [Recurring.RoundMonthly], [MinorUnits] (ISO 4217). The package
// never reads or writes a shopspring package variable such as
// decimal.DivisionPrecision, so a result depends on its inputs alone. Amounts whose
// decimal exponent lies outside −[MaxExponent] to [MaxExponent] are refused.
//
// Inputs with two or more values of one type come in structs with named fields
// ([CustomerCounts], [RevenueMovements]), so that arguments cannot be swapped. Currency
// codes compare without regard to case and are reported upper-case.
//
// Periods are half-open, [Start, End), in UTC unless a location is given: see [Period].
//
// Every result encodes to JSON as it is: snake_case keys, decimals as strings, enums by
// their lower-case names ("past_due"), a [Period] as RFC 3339 start and end, durations
// in seconds or decimal days as their keys say, an undefined [Metric] with its error.
//
// # Errors
//
// No function panics on any input. A function that can meet bad input returns
// (value, error), and every error is an [*Error] that names the metric and the input field
// and wraps one sentinel, matched with [errors.Is]. An error about one record of many
// carries the record's position as data, [Error.Record] (its index in the caller's
// slice; its file line and column when a reader read it) and [Error.Related] (another
// record the fault involves), so a caller names records in its own terms without
// parsing the error's text; every integer option and argument has a documented
// maximum ([MaxWindowDays], [MaxWindowPeriods], [MaxIntervalCount],
// [MaxCohortPeriods]) so that no arithmetic on it wraps:
//
//   - [ErrZeroDenominator]: the metric is undefined (no customers at the start, no
//     answers); never a silent 0, NaN or infinity.
//   - [ErrNegative]: a count or amount below zero where that makes no sense.
//   - [ErrOutOfRange]: a score, rate, exponent or currency code outside its range, or a
//     date the calendar lacks (2025-02-29).
//   - [ErrInconsistent]: inputs that cannot all hold, such as more churned customers
//     than there were.
//   - [ErrCurrencyMismatch]: records in two currencies in one computation.
//   - [ErrInvalidPeriod]: a period that ends before it starts.
//   - [ErrInvalidOption]: an option value outside its constants, or an input that only
//     an option reads passed without it.
//   - [ErrMalformed]: a record that does not parse, such as a CSV row whose date is in
//     another layout.
//   - [ErrNoRate]: an amount in a currency that a table of exchange rates cannot
//     convert at the date it is needed.
//
// # Many records
//
// A function over many records ([MRR], [MRRByCustomer], [NewHistory], [NewHistoryIn],
// [BillingSpans], [InvoiceSpans], [SalesCycleLength], [SalesCycleLengthIn],
// [PipelineValue], [PipelineByPeriod], [SpeedToLead], [LeadsByPeriod], [RenewalRate],
// [PurchaseInputs], [CLVFromTransactions], [HistoricalCLV], [ConvertSpans],
// [ReadOpportunities], [ReadLeads], [ReadSpend]) fails on the first invalid record by
// default. With
// [InvalidRecordsSkip] it computes over the valid ones and returns, beside the result,
// a [*Refused] error that lists every record left out with its index and reason:
// nothing is dropped silently.
//
// # Policies
//
// Where ChartMogul, Stripe Billing, Baremetrics, ProfitWell and Lago count a metric
// differently, the choice is a typed value with a documented default. Each choice is a
// field of [Policy], whose zero value holds every default, and a metric takes the
// choices it reads as trailing options:
//
//	revops.CustomerChurnRate(counts)                               // ChartMogul B2B
//	revops.CustomerChurnRate(counts, revops.ChurnOverStartPlusNew) // Stripe's denominator
//	revops.NRR(movements, revops.NRRIncludesReactivation)
//
// Each metric's options have their own interface type ([ChurnOption], [NRROption],
// ...), so passing one metric's choice to another does not compile. A whole Policy
// satisfies every one of them, so a preset matching one tool is a plain value passed
// to every metric, each reading the fields it uses.
//
// The presets are such values, each field backed by a page of the tool's own
// documentation named in its comment: [ChartMogulPolicy] (standard B2B settings),
// [StripePolicy], [ProfitWellPolicy], [BaremetricsPolicy], [LagoPolicy] and
// [PlaybookPolicy] (dbt's mrr-playbook). What the tools need beyond choices is here
// too: [History.RollingWindow] for rates over the last 30 days (Stripe, Baremetrics),
// [History.DailyChurnRate] for ChartMogul's B2C formula, [ChurnAtCancellation] and
// [ChurnAtPeriodEnd], [JoinedAndLeftIgnored] (ProfitWell), [DiscountsAll], [WeeksLago]
// and [ChurnPerCurrency] (Lago), [NewHistoryIn]'s FX line (Stripe's FX adjustment,
// ChartMogul's Exchange Rate Impact) and [SegmentSeries] (ChartMogul's plan filters).
//
// The choices on the states of a subscription: [ZeroMRR] (a customer still
// subscribed at zero MRR, after a free plan, a full discount, a pause or a free month,
// churns by default; ChartMogul and Lago keep it a customer), [Pauses] (a pause pays
// nothing by default; ChartMogul and Stripe keep its MRR) and [MovementConvention]
// (net movements by default, the dbt playbook's; ChartMogul shows every change, and
// its retention then takes the movements it shows). A discount applies to each billing
// period that starts while it is in effect, for the period's whole length, as an
// invoice carries it; Stripe's preset ignores finite coupons ([DiscountsForeverOnly]).
//
//	series, err := h.Series(months, revops.ChartMogulPolicy())
//
// # Recurring revenue
//
//   - [ChargeMRR]: one charge normalized to a month, exactly, with the [Discounts] and
//     [LineRounding] choices; [MRR] and [MRRByCustomer] over subscriptions, with
//     [PastDue]. Each returns a [Recurring], whose [Recurring.Annual] is the ARR.
//   - [ARR] = 12 × an MRR figure; [ARRFromComponents]: subscription revenue plus
//     expansion minus cancellations.
//   - [ACV] (with [OneTimeFees]), [ARPA], [ARPU], [RevenueGrowth], [RevenueBacklog].
//   - [ASP]: New MRR per new customer; [CMRR]: MRR with signed and scheduled changes;
//     [CustomerConcentration]: the share of MRR of the top customers.
//   - [MRRBridge]: New, Expansion, Contraction, Churn and Reactivation per customer,
//     with the [Reactivation] choice and [ReactivationWindow].
//   - [NetNewMRR] and [QuickRatio] (with [QuickRatioReactivation]).
//
// # Retention and churn
//
//   - [CustomerChurnRate]: logo churn, with [ChurnDenominator], [JoinedAndLeft] and
//     [LeftAndReturned]; [CustomerRetentionRate]: (end − new) ÷ start.
//   - [GrossRevenueChurnRate] and [NetRevenueChurnRate]; [NRR] (with
//     [NRRReactivation]) and [GRR].
//   - [ExpansionRate] and [ContractionRate]: ÷ starting MRR; [ChurnOverPeriods] and
//     [ChurnPerPeriod]: a churn rate to a longer period and back, exactly.
//   - [RenewalRate]: by count and by value, with [RenewalValue].
//   - [NPS], [NPSFromCounts] and [CSAT] (with [CSATScale]); [CustomerRetentionCost].
//
// # From subscription records to series
//
//   - [Span]: one customer's exact MRR from a start to an end ([Monthly] of a monthly
//     amount), made from a dated [Charge] by [SpanFromCharge] or from an invoice line
//     by [SpanFromInvoiceLine] and [InvoiceSpans]: a service period is measured in
//     the billing steps it covers (months from the anchor day, clamped to each
//     month's end; weeks; days; years), lines of one subscription's items add up, a
//     credit note's negative line nets against the lines it overlaps, and a one-time
//     fee is never MRR.
//   - [BillingSubscription]: a subscription as billing systems export it, with its
//     trial (at the start or offered later), pause, cancellation, status and the date
//     it began, items (any interval, quantity 0 included) and dated discounts;
//     [BillingSubscription.StatusAt] and [BillingSubscription.MRRAt] read it at any
//     instant and [BillingSpans] turns many into spans, a stretch that runs but pays
//     nothing a span of zero MRR.
//   - [ReadSpans] and [NewSpanReader] read spans from a CSV export, the dbt
//     mrr-playbook's columns by default or those a [SpanColumns] names, list prices
//     per [ParseInterval] interval normalized to MRR, dates in the business's zone,
//     each bad row named by line; [ScanSpans] reads the same rows on every core,
//     in file order.
//   - [NewHistory] validates and indexes spans once; [History.Snapshot] and
//     [History.MRR] give MRR at any instant, and [History.BridgeInput] feeds
//     [MRRBridge].
//   - [History.Series]: per period the start and end MRR, the five movements, customer
//     counts (new and reactivated apart), ARPA, customer churn, revenue churn, NRR,
//     GRR and quick ratio, each by the function above, with the [MovementConvention]
//     and [ZeroMRR] choices; [History.Changes]: the movement log behind it, each
//     customer's movement with its MRR before and after; [SegmentSeries]: one
//     segment's series, a move between segments Entering or Leaving.
//   - [NewHistoryIn]: a history of spans in several currencies, MRR at each instant's
//     rates, movements at constant rates and the currency effect as its own FX line.
//   - [History.Cohorts]: logo and revenue retention by cohort, with [CohortAverage].
//   - [History.TrailingRetention]: NRR and GRR over a [RetentionWindow], cohort form.
//   - [History.Totals] and [Totals.Merge]: additive totals that merge across disjoint
//     shards of customers, linear in the periods, with [Totals.Series] computing the
//     rates after the merge; [History.TotalsWithCohorts] and [Totals.CohortTable] add
//     the cohorts, at most [MaxCohortPeriods] periods.
//
// # Acquisition and unit economics
//
//   - [CAC] (blended) and [PaidCAC] from [AcquisitionCosts]; [CPA].
//   - [TrialConversionRate].
//   - [LeadConversionRate] (the cohort form: of a period's leads, those converted)
//     and [PeriodLeadConversionRate] (the period form: conversions in a period per
//     new lead, which may pass 1); [LeadContactRate] and [Funnel] (with
//     [FunnelOrder]).
//   - [SpeedToLead], never-contacted leads counted, in wall-clock time or in working
//     hours with a [BusinessCalendar] ([NewBusinessCalendar],
//     [ParseBusinessCalendar], [BusinessCalendar.Between]).
//   - [CACPayback], [LTVToCAC], [MagicNumber], [MagicNumberFromARR], [BurnMultiple],
//     [RuleOf40] (with a stated [MarginKind]) and [ROI].
//   - By period, from records, in one call each: [LeadsByPeriod] (conversion in both
//     forms, contact rate and speed to lead of each period's leads) and
//     [AcquisitionByPeriod] (from a history and each period's costs: the customers
//     acquired, counted whatever they did next, their MRR at acquisition, CAC,
//     payback, ARPA, churn, LTV, LTV:CAC and the magic number).
//   - From files: [ReadLeads] and [NewLeadReader] read a CRM's lead export,
//     [ReadSpend] and [NewSpendReader] a spend file of one column per cost.
//
// # Pipeline and sales
//
//   - [PipelineVelocity] and [ClosedWonVelocity].
//   - [WinRate] (with [WinRateDenominator]) and [ValueWinRate], its form by value;
//     [SalesCycleLength] and [SalesCycleLengthIn] (with [CycleDeals] and
//     [CloseTimes], for CRM close dates).
//   - [PipelineByPeriod]: from opportunity records, in one call, per period the deals
//     in both forms (won and lost in it and open at its close; created in it, by
//     outcome), win rates by count and value in both forms, average deal, the
//     cycle's mean and median, velocity in both forms and coverage. A close date
//     is a calendar day in the reporting zone, the periods' location (see
//     [Opportunity]).
//   - [PipelineValue] (value and weighted), [ByStage] (stage-to-stage conversion) and
//     [PipelineGrowth].
//   - [QuotaAttainment], [TeamQuotaAttainment], [PipelineCoverage] and
//     [RequiredCoverage].
//   - From files: [ReadOpportunities] and [NewOpportunityReader] read a CRM's
//     opportunity export (Salesforce's field labels by default), stopping at its
//     footer ([Trailer]); [OpportunityExport.Quality] checks its hygiene with
//     [Completeness], [DuplicateRate] and [Validity] and lists each fault by line.
//
// # Lifetime value
//
//   - [CLV] in the purchase form, its inputs from transactions by [PurchaseInputs], and
//     [CLVFromTransactions]; [HistoricalCLV]: revenue per customer to date.
//   - [LTV] (subscription form, with [TrailingChurn] or ChartMogul's
//     [TrailingChurnBefore]), [LTVByPeriod] over a series, and [CustomerLifetime].
//
// # Time and growth
//
//   - [Period], [NewPeriod], [Month], [Quarter], [Year] and their In variants;
//     [Period.Next], [Period.Prev], and [Period.Months], [Period.Quarters] and
//     [Period.Years], which tile a span.
//   - [PeriodGrowth] over a series; [CompoundGrowth] and [SeriesCompoundGrowth] (CMGR,
//     CAGR, with [CompoundingSteps]): an exact nth root to [Scale] places.
//   - [Annualize], [Deannualize] and [Prorate] (actual days).
//
// # Currencies
//
//   - [NewExchangeRates]: a caller's table of rates into one reporting currency, by
//     date; [ExchangeRates.Rate] and [ExchangeRates.Convert] convert exactly.
//   - [ConvertSpans]: spans in several currencies into the reporting currency, at the
//     rate of each span's start or of each period's start ([RateDate]), with Lago's
//     per-currency churn as [ChurnPerCurrency].
//
// # Money
//
//   - [Recurring]: an exact monthly amount, rounded once by [Recurring.Monthly],
//     [Recurring.Annual], [Recurring.RoundMonthly] or [Recurring.RoundAnnual].
//   - [MinorUnits], [RoundToMinorUnits] and [FromMinorUnits] (an amount in minor
//     units, as payment systems give it) from the ISO 4217 table; Stripe's own
//     exponents (ISK and MGA differ) are package stripedata's.
//
// # Stripe
//
// Package github.com/revopskit/revops/stripedata reads Stripe's subscriptions,
// invoices and credit notes, as the API, the stripe CLI or stripe-go's JSON gives
// them, into [BillingSubscription] and [InvoiceLine] values.
//
// # Data quality
//
//   - [Completeness], [DuplicateRate] and [Validity] over [Record] values.
//
// # Catalogue IDs
//
// The catalogue behind this package gives each metric an ID; tests and issues use
// them.
//
//   - Recurring revenue: R1 [ChargeMRR], R2 [MRR] and [MRRByCustomer], R3 [ARR] and
//     [ARRFromComponents], R4 [ACV], R5 [ARPA] and [ARPU], R6 [RevenueGrowth], R7
//     [RevenueBacklog], R8 [MRRBridge], R9 [NetNewMRR], R10 [QuickRatio], R11 [ASP],
//     R12 [CMRR], R13 [CustomerConcentration].
//   - Retention: T1 [CustomerChurnRate], T2 [CustomerRetentionRate], T3
//     [GrossRevenueChurnRate], T4 [NetRevenueChurnRate], T5 [NRR], T6 [GRR], T7
//     [RenewalRate], T8 [NPS] and [NPSFromCounts], T9 [CSAT], T10
//     [CustomerRetentionCost], T11 [History.Cohorts], T12 [ExpansionRate], T13
//     [ContractionRate], T14 [ChurnOverPeriods] and [ChurnPerPeriod].
//   - Acquisition: A1 [CAC] and [PaidCAC], A2 [CPA], A3 [LeadConversionRate] and
//     [Funnel], A4 [LeadContactRate], A5 [SpeedToLead], A6 [CACPayback], A7
//     [LTVToCAC], A8 [MagicNumber] and [MagicNumberFromARR], A9 [BurnMultiple], A10
//     [RuleOf40], A11 [ROI], A12 [TrialConversionRate].
//   - Pipeline: P1 [PipelineVelocity] and [ClosedWonVelocity], P2 [WinRate], P3
//     [SalesCycleLength], P4 [PipelineValue], P5 [ByStage], P6 [PipelineGrowth], P7
//     [QuotaAttainment] and [TeamQuotaAttainment], P8 [PipelineCoverage] and
//     [RequiredCoverage].
//   - Lifetime value: L1 [CLV], [PurchaseInputs] and [CLVFromTransactions], L2 [LTV],
//     L3 [CustomerLifetime], L4 [HistoricalCLV].
//   - Time: D1 [Period], D2 [PeriodGrowth], D3 [CompoundGrowth] and
//     [SeriesCompoundGrowth], D4 [Annualize], [Deannualize] and [Prorate].
//   - History: H1 [Span], H2 [NewHistory], H3 [History.Snapshot], H4 [History.Series],
//     H5 [History.Cohorts], H6 [History.TrailingRetention], H7 [Totals.Merge], H8 the
//     integer fast path of [History], H9 [SpanFromInvoiceLine]'s billing calendar, H10
//     exact spans ([Monthly], [Recurring]), H11 subscription states
//     ([BillingSubscription], [ZeroMRR], [Pauses]), H12 credit notes
//     ([InvoiceSpans]).
//   - Data quality: Q1 [Completeness], Q2 [DuplicateRate], Q3 [Validity].
//
// # The command
//
// The command revops (github.com/revopskit/revops/cmd/revops) runs this package on a
// company's exports. revops report reads a CSV of spans or Stripe's subscriptions or
// invoices (JSON as the API gives them, read by package stripedata) and prints per
// period MRR, ARR, the movements, customers, churn, NRR, GRR, quick ratio, ARPA, ASP
// and LTV, the cohort table and trailing retention; with -spend, CAC, payback,
// LTV:CAC and the magic number; with -by, one column's segments. revops compare sets
// the figures under every preset side by side. revops pipeline reads a CRM's
// opportunity export (and, with -leads, its leads) and prints data quality, win rates,
// deal size, cycle, velocity and lead conversion. Each writes a table, csv, json,
// markdown or an html page with charts, in the business's time zone with -tz. Run
// with no arguments, it reports a built-in demo company.
package revops
