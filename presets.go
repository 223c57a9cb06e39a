package revops

// The presets: Policy values that reproduce a tool's documented conventions, so that
// a figure reconciles with the dashboard a team already reads. Each field that a
// preset sets names the public page that backs it; a choice no page read for this
// package states is left at the package default, and the preset's doc comment says
// so. A preset is a plain value: pass it as an option to any metric, or change a field
// of it first.

// ChartMogulPolicy returns ChartMogul's standard (B2B) settings. The fields it does
// not set (NRR and reactivation, past-due subscriptions, the quick ratio, cohort
// averages, the week's length) keep the package default: no ChartMogul page read for
// this package states them. Its B2C ("Shopify") churn formula is
// [History.DailyChurnRate]; its "Exchange Rate Impact" row is the FX line of
// [NewHistoryIn]; its plan filters are [SegmentSeries]. A discount counts on the
// invoices it is on, for their whole service period (the package default: "Discounts
// /coupons are deducted prior to calculation", help.chartmogul.com/hc/en-us/articles/
// 203299812, "Metric: MRR").
//
// Beside the package default (the zero [Policy]) it changes five fields, each from
// the page help.chartmogul.com/hc/en-us/articles/N whose number N is given:
//   - Movements: [MovementsEveryChange] (the MRR movements chart totals every
//     movement of the period, 6245832909852);
//   - ZeroMRR: [ZeroMRRContracts] (a switch to a free plan or a 100 % discount keeps
//     the customer active, 15384089786524);
//   - Pauses: [PausesKeepMRR] (a paused subscription keeps generating MRR,
//     360015688860);
//   - LineRounding: [LinesToMinorUnits] (a $2,000 yearly plan is $166.67, 201244842);
//   - LTVChurn: [TrailingChurnBefore](6) (the six months before, 203359061).
//
// It also sets, to the values the package default has, the churn formula (over
// customers at the start, joined-and-left and left-and-returned left out:
// 207340419 and 203359321), Reactivation a movement of its own (203299912),
// recurring discounts and churn at the end of the paid period (201244842).
func ChartMogulPolicy() Policy {
	return Policy{
		// Customer churn (B2B): customers who churned in the period, less those who
		// joined and churned in it and those who churned and reactivated in it, ÷
		// customers at its start (help.chartmogul.com/hc/en-us/articles/207340419,
		// "Churn rate formulas"; /203359321, "Metric: Customer Churn rate").
		ChurnDenominator: ChurnOverStart,
		JoinedAndLeft:    JoinedAndLeftExcluded,
		LeftAndReturned:  LeftAndReturnedExcluded,
		// Reactivation is a movement of its own, beside New business, Expansion,
		// Contraction and Churn (help.chartmogul.com/hc/en-us/articles/203299912,
		// "Data Table and MRR Movements").
		Reactivation: ReactivationPolicy{Placement: ReactivationSeparate},
		// The MRR movements chart shows every movement of the period: "ChartMogul
		// totals the value of all MRR movements contributing to each movement type in
		// the period" (help.chartmogul.com/hc/en-us/articles/6245832909852, "Chart: MRR
		// Movements"), so a churn and a reactivation in one month are both shown (only
		// changes within its smart-classification window, 60 minutes by default, are
		// grouped, which this preset does not model).
		Movements: MovementsEveryChange,
		// A discount lowers MRR while it applies: "a discount being added" is
		// contraction, "a discount expiring" expansion (the same page).
		Discounts: DiscountsRecurring,
		// MRR in cents: four yearly plans billed $2,000 are New Business of $166.67,
		// "$2,000 / 12" (help.chartmogul.com/hc/en-us/articles/201244842, MRR
		// movements, the Syncalytics example).
		LineRounding: LinesToMinorUnits,
		// A cancellation is churn "at the end of the current billing period (since
		// they've already paid for the entire year)" (the same example).
		ChurnRecognition: ChurnAtPeriodEnd,
		// "Classify paying customers who switch to a free plan (or are given a 100%
		// discount) as Active (default)" (help.chartmogul.com/hc/en-us/articles/
		// 15384089786524, "Configuring Subscription Analytics settings"): a drop to
		// zero MRR is a contraction and the customer is kept.
		ZeroMRR: ZeroMRRContracts,
		// Pauses from Stripe, Chargebee and GoCardless: "The subscription continues to
		// generate MRR during this time" (help.chartmogul.com/hc/en-us/articles/
		// 360015688860, "Handling paused subscriptions in ChartMogul").
		Pauses: PausesKeepMRR,
		// LTV divides ARPA "by a six-month trailing average of Customer Churn Rate for
		// that interval (the average of the churn rates from the previous six months,
		// excluding the current month)" (help.chartmogul.com/hc/en-us/articles/
		// 203359061, "Chart: Customer Lifetime Value (LTV)"). It applies no margin:
		// pass GrossMargin 1 to reproduce the chart.
		LTVChurn: TrailingChurnBefore(6),
	}
}

// StripePolicy returns Stripe Billing analytics' conventions. Its subscriber churn is
// a rolling 30-day rate: use it with [History.RollingWindow] and 30 days. The fields
// it does not set (NRR and reactivation, the quick ratio, cohort averages, the week's
// length, line rounding) keep the package default: no Stripe page read for this
// package states them.
//
// Beside the package default it changes six fields:
//   - Discounts: [DiscountsForeverOnly] (only a forever coupon lowers MRR);
//   - ChurnDenominator: [ChurnOverStartPlusNew], JoinedAndLeft:
//     [JoinedAndLeftCounted], LeftAndReturned: [LeftAndReturnedCounted] (subscriber
//     churn over the subscribers at the start plus the new ones, everyone who left
//     counted);
//   - ChurnRecognition: [ChurnAtCancellation] (churn when the subscription is
//     canceled, not at the end of its paid period);
//   - Pauses: [PausesKeepMRR].
//
// It also sets, to their default values, PastDue [PastDueCounted], Reactivation a
// movement of its own and ZeroMRR [ZeroMRRChurns] (a free or 100 %-discounted
// subscription counts nothing and its customer churns).
func StripePolicy() Policy {
	return Policy{
		// MRR sums active and past_due subscriptions; trials and free plans count
		// nothing (docs.stripe.com/billing/subscriptions/analytics/glossary).
		PastDue: PastDueCounted,
		// "If you apply a coupon with a forever duration, the discount will apply to
		// your MRR. If you apply a coupon with a finite duration (i.e. once or
		// repeating) to a subscription, your MRR is unaffected"
		// (support.stripe.com/questions/billing-analytics).
		Discounts: DiscountsForeverOnly,
		// Subscriber churn rate: "the sum of churned subscribers in the past 30 days
		// divided by the number of active subscribers as of 30 days ago, plus any new
		// subscribers in those 30 days", Stripe's definition as a Stripe user's help
		// centre quotes it (help.uscreen.tv/en/articles/8700446-stripe-billing-analytics):
		// every subscriber who churned in the window counts, those who joined in it too.
		ChurnDenominator: ChurnOverStartPlusNew,
		JoinedAndLeft:    JoinedAndLeftCounted,
		LeftAndReturned:  LeftAndReturnedCounted,
		// MRR growth = (New + Reactivation + Expansion) − (Churned + Contraction): a
		// reactivation is its own movement (the glossary).
		Reactivation: ReactivationPolicy{Placement: ReactivationSeparate},
		// "The MRR of a subscription is removed at the time of cancellation", as
		// ProfitWell's comparison describes Stripe
		// (learn.profitwell.com/article/gf9qqkyplu-profitwell-vs-stripe).
		ChurnRecognition: ChurnAtCancellation,
		// "If a subscriber drops to 0 USD in MRR, we consider them churned in the
		// period … we consider a subscriber churned if they have a 100% coupon applied
		// and they become active again if you remove the coupon"
		// (docs.stripe.com/billing/subscriptions/analytics).
		ZeroMRR: ZeroMRRChurns,
		// Pausing collection leaves the subscription active ("the subscription remains
		// active and invoices continue to generate", docs.stripe.com/billing/
		// subscriptions/pause-payment), and MRR is "the sum of the monthly-normalized
		// value of all your active and past_due subscriptions" (the analytics page);
		// Stripe's newer pipeline "correctly counts these subscriptions as paused"
		// rather than churned (support.stripe.com/questions/fresher-billing-analytics-data).
		// That MRR is kept is read from those pages together; no page states it.
		Pauses: PausesKeepMRR,
	}
}

// ProfitWellPolicy returns ProfitWell Metrics' (Paddle) conventions. The fields it
// does not set (the churn denominator, NRR and reactivation, past-due subscriptions,
// the quick ratio, cohort averages, the week's length) keep the package default: no
// ProfitWell page read for this package states them.
//
// Beside the package default it changes two fields: JoinedAndLeft
// [JoinedAndLeftIgnored] and Discounts [DiscountsAll] (every coupon lowers MRR, a
// once coupon included). It also sets, to their default values, churn at the end of
// the paid period, Reactivation a movement of its own, zero MRR as churn and pauses
// that pay nothing.
func ProfitWellPolicy() Policy {
	return Policy{
		// "When a customer signs up and churns in the same calendar month, we ignore
		// them from your metrics entirely to not inflate new + churn"
		// (learn.profitwell.com/article/gf9qqkyplu-profitwell-vs-stripe).
		JoinedAndLeft: JoinedAndLeftIgnored,
		// "We always subtract discounts and credits before calculating MRR, regardless
		// of frequency" (the same page).
		Discounts: DiscountsAll,
		// A cancellation is recognized when the paid period ends: Sarah cancels on
		// June 8 and churns on June 15 (paddle.com/help/profitwell-metrics/measure/
		// subscription-retention/churn).
		ChurnRecognition: ChurnAtPeriodEnd,
		// "If a customer churns and comes back within any period in time, they will be
		// marked as a re[activation]" (paddle.com/help/profitwell-metrics/measure/
		// compare/profitwell-vs-recharge).
		Reactivation: ReactivationPolicy{Placement: ReactivationSeparate},
		// "Someone who is fully discounted or credited for their subscription is not a
		// customer", nor "someone who is on a $0 subscription"
		// (learn.profitwell.com/article/zian8vusn6-customers).
		ZeroMRR: ZeroMRRChurns,
		// "When a customer has a subscription that is on hold, we downgrade them to $0
		// in MRR" (learn.profitwell.com/article/3xteyrvof6, ProfitWell vs Chargify).
		Pauses: PausesPayNothing,
	}
}

// BaremetricsPolicy returns Baremetrics' conventions. Its revenue rates are over the
// "starting MRR 30 days ago": use it with [History.RollingWindow] and 30 days. The
// fields it does not set (the churn denominator, discounts, past-due subscriptions,
// reactivation, cohort averages, the week's length) keep the package default: no
// Baremetrics page read for this package states them.
//
// Beside the package default it changes two fields: QuickRatio
// [QuickRatioOmitsReactivation] and JoinedAndLeft [JoinedAndLeftCounted]. It also
// sets, to their default values, NRR without reactivation and zero MRR as churn.
func BaremetricsPolicy() Policy {
	return Policy{
		// "Customers who sign up and cancel within the same 30 day window are now
		// included in your churn rate" (changelog.baremetrics.com/churn-update-4pqo9O).
		JoinedAndLeft: JoinedAndLeftCounted,
		// Quick ratio = (New MRR + Expansion MRR) ÷ (Contraction MRR + Churned MRR):
		// no reactivation (changelog.baremetrics.com, "New Quick Ratio Metric").
		QuickRatio: QuickRatioOmitsReactivation,
		// NRR = 100 % − (Churned MRR − Expansion MRR) ÷ Starting MRR 30 days ago, with
		// downgrades in Churned MRR: no reactivation term
		// (changelog.baremetrics.com/new-metric-net-revenue-retention-2BOJIA;
		// updates.baremetrics.com, "Net MRR Churn").
		NRRReactivation: NRRExcludesReactivation,
		// "If you add a 100% off coupon to an existing paying customer, this is
		// considered to be user and revenue churn"; "a downgrade to a free plan is
		// actually a cancellation" (help.baremetrics.com/en/articles/5380330,
		// "Monthly Recurring Revenue"; /5380343, "Cancellations and downgrades"). No
		// Baremetrics page read states pauses: Pauses keeps the default.
		ZeroMRR: ZeroMRRChurns,
	}
}

// LagoPolicy returns Lago's analytics conventions. The fields it does not set (the
// churn formula, NRR, past-due subscriptions, the quick ratio, cohort averages,
// pauses, which Lago does not offer) keep the package default: no Lago page read for
// this package states them. Lago's pages disagree on discounts: its analytics guide
// (getlago.com/docs/guide/analytics/revenue/mrr) builds MRR "from plan prices, not
// from invoices", "gross of coupons and discounts" and "excluding tax", while its API
// reference (docs.getlago.com/api-reference/analytics/mrr) says MRR is "calculated
// post-application of applicable taxes and deduction of any applicable discounts".
// This preset follows the guide, the newer and the more specific of the two; for the
// API's figure, set Discounts to [DiscountsAll] and add tax to the amounts.
//
// Beside the package default it changes five fields: Discounts [DiscountsNone],
// ZeroMRR [ZeroMRRContracts], WeekLength [WeeksLago] (4.33 weeks a month),
// Reactivation [ReactivationAsExpansion] (a returning customer's MRR is in
// Expansion) and CurrencyChurn [ChurnPerCurrency]. With reactivation folded into
// Expansion, NRR and GRR still leave it out ([PeriodTotals.Retained]): a period's
// Expansion then includes MRR that its NRR does not count.
func LagoPolicy() Policy {
	return Policy{
		// "MRR is gross of discounts, so a discounted customer shows the full plan
		// value"; "Does a coupon reduce MRR? No." (the analytics guide).
		Discounts: DiscountsNone,
		// Churn is "A termination with no successor subscription and no other active
		// subscription for that customer in that currency" (the guide): a
		// subscription that runs at zero MRR is not terminated, so the customer stays
		// one, its drop a contraction.
		ZeroMRR: ZeroMRRContracts,
		// Weekly invoices are multiplied by "4.33, representing the average number of
		// weeks in a month" (the same page).
		WeekLength: WeeksLago,
		// The MRR dashboard has four movements, New, Expansion, Contraction and Churn
		// (getlago.com/docs/guide/analytics/revenue/mrr): no Reactivation; its
		// definitions count "A reactivation: a returning customer with no currently
		// active subscription, who is not new" inside Expansion (the guide's
		// metric definitions, github.com/getlago/lago-doc, guide/analytics).
		Reactivation: ReactivationPolicy{Placement: ReactivationAsExpansion},
		// Analytics are asked for one currency at a time (the currency parameter of
		// docs.getlago.com/api-reference/analytics/mrr), so a customer's MRR in each
		// currency stands alone: it churns there when that MRR reaches zero.
		CurrencyChurn: ChurnPerCurrency,
	}
}

// PlaybookPolicy returns the conventions of dbt-labs' mrr-playbook
// (github.com/dbt-labs/mrr-playbook, models/mrr.sql): each customer's MRR classified
// once a month as new, upgrade, downgrade, churn or reactivation, which are the
// package defaults ([MovementsNet], [ReactivationSeparate]). The playbook computes
// no rates, so every other field keeps the package default too.
func PlaybookPolicy() Policy {
	return Policy{
		// models/mrr.sql compares each month's MRR with the previous month's, one
		// change category per customer and month.
		Movements: MovementsNet,
		// A customer active again after an inactive month is a 'reactivation'.
		Reactivation: ReactivationPolicy{Placement: ReactivationSeparate},
	}
}
