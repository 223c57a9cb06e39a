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
// [History.DailyChurnRate].
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
	}
}

// StripePolicy returns Stripe Billing analytics' conventions. Its subscriber churn is
// a rolling 30-day rate: use it with [History.RollingWindow] and 30 days. The fields
// it does not set (NRR and reactivation, the quick ratio, cohort averages, the week's
// length, line rounding) keep the package default: no Stripe page read for this
// package states them.
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
	}
}

// ProfitWellPolicy returns ProfitWell Metrics' (Paddle) conventions. The fields it
// does not set (the churn denominator, NRR and reactivation, past-due subscriptions,
// the quick ratio, cohort averages, the week's length) keep the package default: no
// ProfitWell page read for this package states them.
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
	}
}

// BaremetricsPolicy returns Baremetrics' conventions. Its revenue rates are over the
// "starting MRR 30 days ago": use it with [History.RollingWindow] and 30 days. The
// fields it does not set (the churn denominator, discounts, past-due subscriptions,
// reactivation, cohort averages, the week's length) keep the package default: no
// Baremetrics page read for this package states them.
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
	}
}

// LagoPolicy returns Lago's analytics conventions. The fields it does not set (the
// churn formula, NRR, past-due subscriptions, the quick ratio, cohort averages) keep
// the package default: no Lago page read for this package states them. Lago computes
// MRR after tax where this package's amounts exclude it; convert a Lago export's
// amounts before comparing.
func LagoPolicy() Policy {
	return Policy{
		// MRR is "calculated post-application of applicable taxes and deduction of any
		// applicable discounts" (docs.getlago.com/api-reference/analytics/mrr): every
		// discount on an invoice counts for the period it applies to.
		Discounts: DiscountsAll,
		// Weekly invoices are multiplied by "4.33, representing the average number of
		// weeks in a month" (the same page).
		WeekLength: WeeksLago,
		// The MRR dashboard has four movements, New, Expansion, Contraction and Churn
		// (getlago.com/docs/guide/analytics/revenue/mrr): no Reactivation. That page
		// does not say where a returning customer's MRR goes; this preset folds it into
		// Expansion, the placement this package's catalogue gives Lago.
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
