package revops_test

import (
	"fmt"

	"github.com/revopskit/revops"
)

// Examples of the enum types' String, MarshalText and UnmarshalText methods: the stable
// lower-case names that logs, JSON, CSV and configuration files carry.

func ExampleChurnDenominator_String() {
	fmt.Println(revops.ChurnOverStart, revops.ChurnOverStartPlusNew, revops.ChurnOverAverage)
	// Output: start start_plus_new average
}

func ExampleChurnDenominator_MarshalText() {
	b, err := revops.ChurnOverAverage.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: average
}

func ExampleChurnDenominator_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.ChurnDenominator
	if err := v.UnmarshalText([]byte("AVERAGE")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.ChurnOverAverage)
	err := v.UnmarshalText([]byte("end"))
	fmt.Println(err)
	// Output:
	// true
	// revops: ChurnDenominator: value out of range ("end" is not one of start, start_plus_new, average)
}

func ExampleChurnRecognition_String() {
	fmt.Println(revops.ChurnAtPeriodEnd, revops.ChurnAtCancellation)
	// Output: period_end cancellation
}

func ExampleChurnRecognition_MarshalText() {
	b, err := revops.ChurnAtCancellation.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: cancellation
}

func ExampleChurnRecognition_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.ChurnRecognition
	if err := v.UnmarshalText([]byte("CANCELLATION")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.ChurnAtCancellation)
	err := v.UnmarshalText([]byte("immediately"))
	fmt.Println(err)
	// Output:
	// true
	// revops: ChurnRecognition: value out of range ("immediately" is not one of period_end, cancellation)
}

func ExampleCloseTimes_String() {
	fmt.Println(revops.CloseTimesExact, revops.CloseTimesDates)
	// Output: exact dates
}

func ExampleCloseTimes_MarshalText() {
	b, err := revops.CloseTimesDates.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: dates
}

func ExampleCloseTimes_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.CloseTimes
	if err := v.UnmarshalText([]byte("DATES")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.CloseTimesDates)
	err := v.UnmarshalText([]byte("timestamps"))
	fmt.Println(err)
	// Output:
	// true
	// revops: CloseTimes: value out of range ("timestamps" is not one of exact, dates)
}

func ExampleCohortAverage_String() {
	fmt.Println(revops.CohortWeighted, revops.CohortSimpleMean)
	// Output: weighted simple_mean
}

func ExampleCohortAverage_MarshalText() {
	b, err := revops.CohortSimpleMean.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: simple_mean
}

func ExampleCohortAverage_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.CohortAverage
	if err := v.UnmarshalText([]byte("SIMPLE_MEAN")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.CohortSimpleMean)
	err := v.UnmarshalText([]byte("mean"))
	fmt.Println(err)
	// Output:
	// true
	// revops: CohortAverage: value out of range ("mean" is not one of weighted, simple_mean)
}

func ExampleCompoundingSteps_String() {
	fmt.Println(revops.StepsAreIntervals, revops.StepsArePoints)
	// Output: intervals points
}

func ExampleCompoundingSteps_MarshalText() {
	b, err := revops.StepsArePoints.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: points
}

func ExampleCompoundingSteps_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.CompoundingSteps
	if err := v.UnmarshalText([]byte("POINTS")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.StepsArePoints)
	err := v.UnmarshalText([]byte("periods"))
	fmt.Println(err)
	// Output:
	// true
	// revops: CompoundingSteps: value out of range ("periods" is not one of intervals, points)
}

func ExampleCurrencyChurn_String() {
	fmt.Println(revops.ChurnAcrossCurrencies, revops.ChurnPerCurrency)
	// Output: across_currencies per_currency
}

func ExampleCurrencyChurn_MarshalText() {
	b, err := revops.ChurnPerCurrency.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: per_currency
}

func ExampleCurrencyChurn_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.CurrencyChurn
	if err := v.UnmarshalText([]byte("PER_CURRENCY")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.ChurnPerCurrency)
	err := v.UnmarshalText([]byte("converted"))
	fmt.Println(err)
	// Output:
	// true
	// revops: CurrencyChurn: value out of range ("converted" is not one of across_currencies, per_currency)
}

func ExampleCycleDeals_String() {
	fmt.Println(revops.CycleAllClosed, revops.CycleWonOnly)
	// Output: all_closed won_only
}

func ExampleCycleDeals_MarshalText() {
	b, err := revops.CycleWonOnly.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: won_only
}

func ExampleCycleDeals_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.CycleDeals
	if err := v.UnmarshalText([]byte("WON_ONLY")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.CycleWonOnly)
	err := v.UnmarshalText([]byte("lost_only"))
	fmt.Println(err)
	// Output:
	// true
	// revops: CycleDeals: value out of range ("lost_only" is not one of all_closed, won_only)
}

func ExampleDealStatus_String() {
	fmt.Println(revops.DealOpen, revops.DealWon, revops.DealLost)
	// Output: open won lost
}

func ExampleDealStatus_MarshalText() {
	b, err := revops.DealLost.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: lost
}

func ExampleDealStatus_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.DealStatus
	if err := v.UnmarshalText([]byte("LOST")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.DealLost)
	err := v.UnmarshalText([]byte("closed"))
	fmt.Println(err)
	// Output:
	// true
	// revops: DealStatus: value out of range ("closed" is not one of open, won, lost)
}

func ExampleDiscountDuration_String() {
	fmt.Println(revops.DiscountForever, revops.DiscountRepeating, revops.DiscountOnce)
	// Output: forever repeating once
}

func ExampleDiscountDuration_MarshalText() {
	b, err := revops.DiscountOnce.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: once
}

func ExampleDiscountDuration_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.DiscountDuration
	if err := v.UnmarshalText([]byte("ONCE")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.DiscountOnce)
	err := v.UnmarshalText([]byte("monthly"))
	fmt.Println(err)
	// Output:
	// true
	// revops: DiscountDuration: value out of range ("monthly" is not one of forever, repeating, once)
}

func ExampleDiscounts_String() {
	fmt.Println(revops.DiscountsRecurring, revops.DiscountsForeverOnly, revops.DiscountsNone, revops.DiscountsAll)
	// Output: recurring forever_only none all
}

func ExampleDiscounts_MarshalText() {
	b, err := revops.DiscountsAll.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: all
}

func ExampleDiscounts_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.Discounts
	if err := v.UnmarshalText([]byte("ALL")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.DiscountsAll)
	err := v.UnmarshalText([]byte("forever"))
	fmt.Println(err)
	// Output:
	// true
	// revops: Discounts: value out of range ("forever" is not one of recurring, forever_only, none, all)
}

func ExampleExcessDiscount_String() {
	fmt.Println(revops.ExcessDiscountCapped, revops.ExcessDiscountRefused)
	// Output: capped refused
}

func ExampleExcessDiscount_MarshalText() {
	b, err := revops.ExcessDiscountRefused.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: refused
}

func ExampleExcessDiscount_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.ExcessDiscount
	if err := v.UnmarshalText([]byte("REFUSED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.ExcessDiscountRefused)
	err := v.UnmarshalText([]byte("negative"))
	fmt.Println(err)
	// Output:
	// true
	// revops: ExcessDiscount: value out of range ("negative" is not one of capped, refused)
}

func ExampleFunnelOrder_String() {
	fmt.Println(revops.FunnelDecreasing, revops.FunnelIncreasesAllowed)
	// Output: decreasing increases_allowed
}

func ExampleFunnelOrder_MarshalText() {
	b, err := revops.FunnelIncreasesAllowed.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: increases_allowed
}

func ExampleFunnelOrder_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.FunnelOrder
	if err := v.UnmarshalText([]byte("INCREASES_ALLOWED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.FunnelIncreasesAllowed)
	err := v.UnmarshalText([]byte("increasing"))
	fmt.Println(err)
	// Output:
	// true
	// revops: FunnelOrder: value out of range ("increasing" is not one of decreasing, increases_allowed)
}

func ExampleIntervalUnit_String() {
	fmt.Println(revops.Weeks, revops.Months, revops.Years, revops.Days)
	// Output: weeks months years days
}

func ExampleIntervalUnit_MarshalText() {
	b, err := revops.Months.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	_, err = revops.IntervalUnit(0).MarshalText() // the zero value is no unit
	fmt.Println(err)
	// Output:
	// months
	// revops: IntervalUnit: value out of range (0 is not one of its constants)
}

func ExampleIntervalUnit_UnmarshalText() {
	// Names match in any letter case, and in the singular as Stripe writes them; an
	// unknown name is refused with the list of known ones.
	var v revops.IntervalUnit
	if err := v.UnmarshalText([]byte("Month")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.Months)
	err := v.UnmarshalText([]byte("fortnight"))
	fmt.Println(err)
	// Output:
	// true
	// revops: IntervalUnit: value out of range ("fortnight" is not one of weeks, months, years, days)
}

func ExampleInvalidRecords_String() {
	fmt.Println(revops.InvalidRecordsFail, revops.InvalidRecordsSkip)
	// Output: fail skip
}

func ExampleInvalidRecords_MarshalText() {
	b, err := revops.InvalidRecordsSkip.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: skip
}

func ExampleInvalidRecords_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.InvalidRecords
	if err := v.UnmarshalText([]byte("SKIP")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.InvalidRecordsSkip)
	err := v.UnmarshalText([]byte("ignore"))
	fmt.Println(err)
	// Output:
	// true
	// revops: InvalidRecords: value out of range ("ignore" is not one of fail, skip)
}

func ExampleJoinedAndLeft_String() {
	fmt.Println(revops.JoinedAndLeftExcluded, revops.JoinedAndLeftCounted, revops.JoinedAndLeftIgnored)
	// Output: excluded counted ignored
}

func ExampleJoinedAndLeft_MarshalText() {
	b, err := revops.JoinedAndLeftIgnored.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: ignored
}

func ExampleJoinedAndLeft_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.JoinedAndLeft
	if err := v.UnmarshalText([]byte("IGNORED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.JoinedAndLeftIgnored)
	err := v.UnmarshalText([]byte("included"))
	fmt.Println(err)
	// Output:
	// true
	// revops: JoinedAndLeft: value out of range ("included" is not one of excluded, counted, ignored)
}

func ExampleLeftAndReturned_String() {
	fmt.Println(revops.LeftAndReturnedExcluded, revops.LeftAndReturnedCounted)
	// Output: excluded counted
}

func ExampleLeftAndReturned_MarshalText() {
	b, err := revops.LeftAndReturnedCounted.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: counted
}

func ExampleLeftAndReturned_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.LeftAndReturned
	if err := v.UnmarshalText([]byte("COUNTED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.LeftAndReturnedCounted)
	err := v.UnmarshalText([]byte("ignored"))
	fmt.Println(err)
	// Output:
	// true
	// revops: LeftAndReturned: value out of range ("ignored" is not one of excluded, counted)
}

func ExampleLineRounding_String() {
	fmt.Println(revops.LinesExact, revops.LinesToMinorUnits)
	// Output: exact minor_units
}

func ExampleLineRounding_MarshalText() {
	b, err := revops.LinesToMinorUnits.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: minor_units
}

func ExampleLineRounding_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.LineRounding
	if err := v.UnmarshalText([]byte("MINOR_UNITS")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.LinesToMinorUnits)
	err := v.UnmarshalText([]byte("cents"))
	fmt.Println(err)
	// Output:
	// true
	// revops: LineRounding: value out of range ("cents" is not one of exact, minor_units)
}

func ExampleMovementConvention_String() {
	fmt.Println(revops.MovementsNet, revops.MovementsEveryChange)
	// Output: net every_change
}

func ExampleMovementConvention_MarshalText() {
	b, err := revops.MovementsEveryChange.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: every_change
}

func ExampleMovementConvention_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.MovementConvention
	if err := v.UnmarshalText([]byte("EVERY_CHANGE")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.MovementsEveryChange)
	err := v.UnmarshalText([]byte("daily"))
	fmt.Println(err)
	// Output:
	// true
	// revops: MovementConvention: value out of range ("daily" is not one of net, every_change)
}

func ExampleNRRReactivation_String() {
	fmt.Println(revops.NRRExcludesReactivation, revops.NRRIncludesReactivation)
	// Output: excluded included
}

func ExampleNRRReactivation_MarshalText() {
	b, err := revops.NRRIncludesReactivation.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: included
}

func ExampleNRRReactivation_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.NRRReactivation
	if err := v.UnmarshalText([]byte("INCLUDED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.NRRIncludesReactivation)
	err := v.UnmarshalText([]byte("counted"))
	fmt.Println(err)
	// Output:
	// true
	// revops: NRRReactivation: value out of range ("counted" is not one of excluded, included)
}

func ExampleOneTimeFees_String() {
	fmt.Println(revops.OneTimeFeesExcluded, revops.OneTimeFeesIncluded)
	// Output: excluded included
}

func ExampleOneTimeFees_MarshalText() {
	b, err := revops.OneTimeFeesIncluded.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: included
}

func ExampleOneTimeFees_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.OneTimeFees
	if err := v.UnmarshalText([]byte("INCLUDED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.OneTimeFeesIncluded)
	err := v.UnmarshalText([]byte("amortized"))
	fmt.Println(err)
	// Output:
	// true
	// revops: OneTimeFees: value out of range ("amortized" is not one of excluded, included)
}

func ExamplePastDue_String() {
	fmt.Println(revops.PastDueCounted, revops.PastDueExcluded)
	// Output: counted excluded
}

func ExamplePastDue_MarshalText() {
	b, err := revops.PastDueExcluded.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: excluded
}

func ExamplePastDue_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.PastDue
	if err := v.UnmarshalText([]byte("EXCLUDED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.PastDueExcluded)
	err := v.UnmarshalText([]byte("grace"))
	fmt.Println(err)
	// Output:
	// true
	// revops: PastDue: value out of range ("grace" is not one of counted, excluded)
}

func ExamplePauses_String() {
	fmt.Println(revops.PausesPayNothing, revops.PausesKeepMRR)
	// Output: pay_nothing keep_mrr
}

func ExamplePauses_MarshalText() {
	b, err := revops.PausesKeepMRR.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: keep_mrr
}

func ExamplePauses_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.Pauses
	if err := v.UnmarshalText([]byte("KEEP_MRR")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.PausesKeepMRR)
	err := v.UnmarshalText([]byte("churn"))
	fmt.Println(err)
	// Output:
	// true
	// revops: Pauses: value out of range ("churn" is not one of pay_nothing, keep_mrr)
}

func ExampleQuickRatioReactivation_String() {
	fmt.Println(revops.QuickRatioCountsReactivation, revops.QuickRatioOmitsReactivation)
	// Output: counted omitted
}

func ExampleQuickRatioReactivation_MarshalText() {
	b, err := revops.QuickRatioOmitsReactivation.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: omitted
}

func ExampleQuickRatioReactivation_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.QuickRatioReactivation
	if err := v.UnmarshalText([]byte("OMITTED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.QuickRatioOmitsReactivation)
	err := v.UnmarshalText([]byte("excluded"))
	fmt.Println(err)
	// Output:
	// true
	// revops: QuickRatioReactivation: value out of range ("excluded" is not one of counted, omitted)
}

func ExampleRateDate_String() {
	fmt.Println(revops.RateAtTransaction, revops.RateAtPeriodStart)
	// Output: transaction period_start
}

func ExampleRateDate_MarshalText() {
	b, err := revops.RateAtPeriodStart.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: period_start
}

func ExampleRateDate_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.RateDate
	if err := v.UnmarshalText([]byte("PERIOD_START")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.RateAtPeriodStart)
	err := v.UnmarshalText([]byte("period_end"))
	fmt.Println(err)
	// Output:
	// true
	// revops: RateDate: value out of range ("period_end" is not one of transaction, period_start)
}

func ExampleReactivation_String() {
	fmt.Println(revops.ReactivationSeparate, revops.ReactivationAsExpansion, revops.ReactivationAsNewAfter)
	// Output: separate as_expansion as_new_after
}

func ExampleReactivation_MarshalText() {
	b, err := revops.ReactivationAsNewAfter.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: as_new_after
}

func ExampleReactivation_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.Reactivation
	if err := v.UnmarshalText([]byte("AS_NEW_AFTER")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.ReactivationAsNewAfter)
	err := v.UnmarshalText([]byte("as_new"))
	fmt.Println(err)
	// Output:
	// true
	// revops: Reactivation: value out of range ("as_new" is not one of separate, as_expansion, as_new_after)
}

func ExampleRenewalValue_String() {
	fmt.Println(revops.RenewalValueCapped, revops.RenewalValueUncapped)
	// Output: capped uncapped
}

func ExampleRenewalValue_MarshalText() {
	b, err := revops.RenewalValueUncapped.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: uncapped
}

func ExampleRenewalValue_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.RenewalValue
	if err := v.UnmarshalText([]byte("UNCAPPED")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.RenewalValueUncapped)
	err := v.UnmarshalText([]byte("expanded"))
	fmt.Println(err)
	// Output:
	// true
	// revops: RenewalValue: value out of range ("expanded" is not one of capped, uncapped)
}

func ExampleWeekLength_String() {
	fmt.Println(revops.WeeksOfAYear, revops.WeeksLago)
	// Output: of_a_year lago
}

func ExampleWeekLength_MarshalText() {
	b, err := revops.WeeksLago.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: lago
}

func ExampleWeekLength_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.WeekLength
	if err := v.UnmarshalText([]byte("LAGO")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.WeeksLago)
	err := v.UnmarshalText([]byte("seven_days"))
	fmt.Println(err)
	// Output:
	// true
	// revops: WeekLength: value out of range ("seven_days" is not one of of_a_year, lago)
}

func ExampleWinRateDenominator_String() {
	fmt.Println(revops.WinRateOverClosed, revops.WinRateOverAll)
	// Output: closed all
}

func ExampleWinRateDenominator_MarshalText() {
	b, err := revops.WinRateOverAll.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: all
}

func ExampleWinRateDenominator_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.WinRateDenominator
	if err := v.UnmarshalText([]byte("ALL")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.WinRateOverAll)
	err := v.UnmarshalText([]byte("open"))
	fmt.Println(err)
	// Output:
	// true
	// revops: WinRateDenominator: value out of range ("open" is not one of closed, all)
}

func ExampleZeroMRR_String() {
	fmt.Println(revops.ZeroMRRChurns, revops.ZeroMRRContracts)
	// Output: churns contracts
}

func ExampleZeroMRR_MarshalText() {
	b, err := revops.ZeroMRRContracts.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: contracts
}

func ExampleZeroMRR_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.ZeroMRR
	if err := v.UnmarshalText([]byte("CONTRACTS")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.ZeroMRRContracts)
	err := v.UnmarshalText([]byte("free"))
	fmt.Println(err)
	// Output:
	// true
	// revops: ZeroMRR: value out of range ("free" is not one of churns, contracts)
}

func ExampleMarginKind_MarshalText() {
	b, err := revops.MarginFreeCashFlow.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: free_cash_flow
}

func ExampleMarginKind_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.MarginKind
	if err := v.UnmarshalText([]byte("FREE_CASH_FLOW")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.MarginFreeCashFlow)
	err := v.UnmarshalText([]byte("gross"))
	fmt.Println(err)
	// Output:
	// true
	// revops: MarginKind: value out of range ("gross" is not one of unstated, ebitda, free_cash_flow, operating, net)
}

func ExampleMovement_MarshalText() {
	b, err := revops.MovementReactivation.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output: reactivation
}

func ExampleMovement_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.Movement
	if err := v.UnmarshalText([]byte("REACTIVATION")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.MovementReactivation)
	err := v.UnmarshalText([]byte("downgrade"))
	fmt.Println(err)
	// Output:
	// true
	// revops: Movement: value out of range ("downgrade" is not one of new, expansion, contraction, churn, reactivation, entering, leaving)
}

func ExampleStatus_UnmarshalText() {
	// Names match in any letter case; an unknown name is refused with the list of
	// known ones.
	var v revops.Status
	if err := v.UnmarshalText([]byte("PAST_DUE")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v == revops.StatusPastDue)
	err := v.UnmarshalText([]byte("cancelled"))
	fmt.Println(err)
	// Output:
	// true
	// revops: Status: value out of range ("cancelled" is not one of active, past_due, trialing, paused, canceled, unpaid, not_started, incomplete, incomplete_expired)
}
