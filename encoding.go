package revops

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Every enum type has a stable lower-case name for each constant, the same in String,
// MarshalText and UnmarshalText, so that JSON, CSV and logs read "past_due", never 1.
// The tables are indexed by value; "" marks a value that is no constant (the zero of a
// type whose constants start at 1).
var (
	intervalUnitNames           = []string{"", "weeks", "months", "years", "days"}
	discountDurationNames       = []string{"forever", "repeating", "once"}
	statusNames                 = []string{"active", "past_due", "trialing", "paused", "canceled", "unpaid", "not_started", "incomplete", "incomplete_expired"}
	movementNames               = []string{"", "new", "expansion", "contraction", "churn", "reactivation", "entering", "leaving"}
	marginKindNames             = []string{"unstated", "ebitda", "free_cash_flow", "operating", "net"}
	dealStatusNames             = []string{"open", "won", "lost"}
	churnDenominatorNames       = []string{"start", "start_plus_new", "average"}
	joinedAndLeftNames          = []string{"excluded", "counted", "ignored"}
	leftAndReturnedNames        = []string{"excluded", "counted"}
	nrrReactivationNames        = []string{"excluded", "included"}
	renewalValueNames           = []string{"capped", "uncapped"}
	discountsNames              = []string{"recurring", "forever_only", "none", "all"}
	excessDiscountNames         = []string{"capped", "refused"}
	pastDueNames                = []string{"counted", "excluded"}
	lineRoundingNames           = []string{"exact", "minor_units"}
	oneTimeFeesNames            = []string{"excluded", "included"}
	reactivationNames           = []string{"separate", "as_expansion", "as_new_after"}
	quickRatioReactivationNames = []string{"counted", "omitted"}
	compoundingStepsNames       = []string{"intervals", "points"}
	funnelOrderNames            = []string{"decreasing", "increases_allowed"}
	winRateDenominatorNames     = []string{"closed", "all"}
	cycleDealsNames             = []string{"all_closed", "won_only"}
	movementConventionNames     = []string{"net", "every_change"}
	cohortAverageNames          = []string{"weighted", "simple_mean"}
	invalidRecordsNames         = []string{"fail", "skip"}
	closeTimesNames             = []string{"exact", "dates"}
	rateDateNames               = []string{"transaction", "period_start"}
	currencyChurnNames          = []string{"across_currencies", "per_currency"}
	churnRecognitionNames       = []string{"period_end", "cancellation"}
	weekLengthNames             = []string{"of_a_year", "lago"}
	zeroMRRNames                = []string{"churns", "contracts"}
	pausesNames                 = []string{"pay_nothing", "keep_mrr"}
)

// enumString returns v's name, or "Type(n)" for a value that is no constant.
func enumString[T ~uint8](v T, names []string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typeName(v), uint8(v))
}

// enumMarshal returns v's name, or an ErrOutOfRange error for a value that is no
// constant, which has no name to decode back from.
func enumMarshal[T ~uint8](v T, names []string) ([]byte, error) {
	if int(v) < len(names) && names[v] != "" {
		return []byte(names[v]), nil
	}
	return nil, newError(typeName(v), "", ErrOutOfRange, "%d is not one of its constants", uint8(v))
}

// enumUnmarshal sets *v to the constant named text, in any letter case, or returns an
// ErrOutOfRange error listing the names.
func enumUnmarshal[T ~uint8](v *T, text []byte, names []string) error {
	for i, n := range names {
		if n != "" && strings.EqualFold(n, string(text)) {
			*v = T(i)
			return nil
		}
	}
	var valid []string
	for _, n := range names {
		if n != "" {
			valid = append(valid, n)
		}
	}
	return newError(typeName(*v), "", ErrOutOfRange, "%q is not one of "+strings.Join(valid, ", "), text) // the valid values are ours: never cut
}

func typeName(v any) string { return strings.TrimPrefix(fmt.Sprintf("%T", v), "revops.") }

// String returns the unit's name: "days", "weeks", "months" or "years".
func (u IntervalUnit) String() string { return enumString(u, intervalUnitNames) }

// MarshalText encodes the unit by its name; the zero value and any other value outside
// the constants are an [ErrOutOfRange] error.
func (u IntervalUnit) MarshalText() ([]byte, error) { return enumMarshal(u, intervalUnitNames) }

// UnmarshalText decodes a name MarshalText writes, or its singular as Stripe's
// price.recurring.interval writes it ("day", "week", "month", "year"), in any letter
// case.
func (u *IntervalUnit) UnmarshalText(b []byte) error {
	if len(b) > 0 && !strings.HasSuffix(strings.ToLower(string(b)), "s") {
		if err := enumUnmarshal(u, append(b[:len(b):len(b)], 's'), intervalUnitNames); err == nil {
			return nil
		}
	}
	return enumUnmarshal(u, b, intervalUnitNames)
}

// intervalJSON is the JSON form of an Interval, and Stripe's recurring object.
type intervalJSON struct {
	Count         *int          `json:"count"`
	Unit          *IntervalUnit `json:"unit"`
	Interval      *IntervalUnit `json:"interval"`       // Stripe's price.recurring.interval
	IntervalCount *int          `json:"interval_count"` // and interval_count
}

// UnmarshalJSON decodes {"count": 3, "unit": "months"}, the form encoding/json gives
// an Interval, and Stripe's price.recurring object, {"interval": "month",
// "interval_count": 3}, whose other fields (usage_type, meter, ...) it ignores; a
// Stripe interval without interval_count counts 1.
//
// Errors: [ErrInconsistent] for both forms at once; [ErrOutOfRange] for an unknown
// unit.
func (iv *Interval) UnmarshalJSON(b []byte) error {
	var v intervalJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	stripe, ours := v.Interval != nil || v.IntervalCount != nil, v.Count != nil || v.Unit != nil
	if stripe && ours {
		return newError("Interval", "", ErrInconsistent, "both count/unit and Stripe's interval/interval_count")
	}
	out := Interval{}
	if stripe {
		out.Count = 1
		if v.IntervalCount != nil {
			out.Count = *v.IntervalCount
		}
		if v.Interval != nil {
			out.Unit = *v.Interval
		}
	} else {
		if v.Count != nil {
			out.Count = *v.Count
		}
		if v.Unit != nil {
			out.Unit = *v.Unit
		}
	}
	*iv = out
	return nil
}

// String returns the duration's name: "forever", "repeating" or "once".
func (d DiscountDuration) String() string { return enumString(d, discountDurationNames) }

// MarshalText encodes the duration by its name.
func (d DiscountDuration) MarshalText() ([]byte, error) {
	return enumMarshal(d, discountDurationNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (d *DiscountDuration) UnmarshalText(b []byte) error {
	return enumUnmarshal(d, b, discountDurationNames)
}

// String returns the status's name: "active", "past_due", "trialing", "paused" or
// "canceled".
func (s Status) String() string { return enumString(s, statusNames) }

// MarshalText encodes the status by its name.
func (s Status) MarshalText() ([]byte, error) { return enumMarshal(s, statusNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case:
// {"status": "active"} decodes.
func (s *Status) UnmarshalText(b []byte) error { return enumUnmarshal(s, b, statusNames) }

// String returns the movement's name: "new", "expansion", "contraction", "churn" or
// "reactivation".
func (m Movement) String() string { return enumString(m, movementNames) }

// MarshalText encodes the movement by its name.
func (m Movement) MarshalText() ([]byte, error) { return enumMarshal(m, movementNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (m *Movement) UnmarshalText(b []byte) error { return enumUnmarshal(m, b, movementNames) }

// String returns the margin's name: "ebitda", "free_cash_flow", "operating", "net" or
// "unstated".
func (m MarginKind) String() string { return enumString(m, marginKindNames) }

// MarshalText encodes the margin kind by its name.
func (m MarginKind) MarshalText() ([]byte, error) { return enumMarshal(m, marginKindNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (m *MarginKind) UnmarshalText(b []byte) error {
	return enumUnmarshal(m, b, marginKindNames)
}

// String returns the status's name: "open", "won" or "lost".
func (s DealStatus) String() string { return enumString(s, dealStatusNames) }

// MarshalText encodes the deal status by its name.
func (s DealStatus) MarshalText() ([]byte, error) { return enumMarshal(s, dealStatusNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (s *DealStatus) UnmarshalText(b []byte) error {
	return enumUnmarshal(s, b, dealStatusNames)
}

// String returns the choice's name: "start", "start_plus_new" or "average".
func (c ChurnDenominator) String() string { return enumString(c, churnDenominatorNames) }

// MarshalText encodes the choice by its name.
func (c ChurnDenominator) MarshalText() ([]byte, error) {
	return enumMarshal(c, churnDenominatorNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (c *ChurnDenominator) UnmarshalText(b []byte) error {
	return enumUnmarshal(c, b, churnDenominatorNames)
}

// String returns the choice's name: "excluded" or "counted".
func (j JoinedAndLeft) String() string { return enumString(j, joinedAndLeftNames) }

// MarshalText encodes the choice by its name.
func (j JoinedAndLeft) MarshalText() ([]byte, error) { return enumMarshal(j, joinedAndLeftNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (j *JoinedAndLeft) UnmarshalText(b []byte) error {
	return enumUnmarshal(j, b, joinedAndLeftNames)
}

// String returns the choice's name: "excluded" or "counted".
func (l LeftAndReturned) String() string { return enumString(l, leftAndReturnedNames) }

// MarshalText encodes the choice by its name.
func (l LeftAndReturned) MarshalText() ([]byte, error) {
	return enumMarshal(l, leftAndReturnedNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (l *LeftAndReturned) UnmarshalText(b []byte) error {
	return enumUnmarshal(l, b, leftAndReturnedNames)
}

// String returns the choice's name: "excluded" or "included".
func (n NRRReactivation) String() string { return enumString(n, nrrReactivationNames) }

// MarshalText encodes the choice by its name.
func (n NRRReactivation) MarshalText() ([]byte, error) {
	return enumMarshal(n, nrrReactivationNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (n *NRRReactivation) UnmarshalText(b []byte) error {
	return enumUnmarshal(n, b, nrrReactivationNames)
}

// String returns the choice's name: "capped" or "uncapped".
func (r RenewalValue) String() string { return enumString(r, renewalValueNames) }

// MarshalText encodes the choice by its name.
func (r RenewalValue) MarshalText() ([]byte, error) { return enumMarshal(r, renewalValueNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (r *RenewalValue) UnmarshalText(b []byte) error {
	return enumUnmarshal(r, b, renewalValueNames)
}

// String returns the choice's name: "recurring", "forever_only", "none" or "all".
func (d Discounts) String() string { return enumString(d, discountsNames) }

// MarshalText encodes the choice by its name.
func (d Discounts) MarshalText() ([]byte, error) { return enumMarshal(d, discountsNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (d *Discounts) UnmarshalText(b []byte) error { return enumUnmarshal(d, b, discountsNames) }

// String returns the choice's name: "capped" or "refused".
func (e ExcessDiscount) String() string { return enumString(e, excessDiscountNames) }

// MarshalText encodes the choice by its name.
func (e ExcessDiscount) MarshalText() ([]byte, error) { return enumMarshal(e, excessDiscountNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (e *ExcessDiscount) UnmarshalText(b []byte) error {
	return enumUnmarshal(e, b, excessDiscountNames)
}

// String returns the choice's name: "counted" or "excluded".
func (d PastDue) String() string { return enumString(d, pastDueNames) }

// MarshalText encodes the choice by its name.
func (d PastDue) MarshalText() ([]byte, error) { return enumMarshal(d, pastDueNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (d *PastDue) UnmarshalText(b []byte) error { return enumUnmarshal(d, b, pastDueNames) }

// String returns the choice's name: "exact" or "minor_units".
func (r LineRounding) String() string { return enumString(r, lineRoundingNames) }

// MarshalText encodes the choice by its name.
func (r LineRounding) MarshalText() ([]byte, error) { return enumMarshal(r, lineRoundingNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (r *LineRounding) UnmarshalText(b []byte) error {
	return enumUnmarshal(r, b, lineRoundingNames)
}

// String returns the choice's name: "excluded" or "included".
func (f OneTimeFees) String() string { return enumString(f, oneTimeFeesNames) }

// MarshalText encodes the choice by its name.
func (f OneTimeFees) MarshalText() ([]byte, error) { return enumMarshal(f, oneTimeFeesNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (f *OneTimeFees) UnmarshalText(b []byte) error {
	return enumUnmarshal(f, b, oneTimeFeesNames)
}

// String returns the choice's name: "separate", "as_expansion" or "as_new_after".
func (r Reactivation) String() string { return enumString(r, reactivationNames) }

// MarshalText encodes the choice by its name.
func (r Reactivation) MarshalText() ([]byte, error) { return enumMarshal(r, reactivationNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (r *Reactivation) UnmarshalText(b []byte) error {
	return enumUnmarshal(r, b, reactivationNames)
}

// String returns the choice's name: "counted" or "omitted".
func (q QuickRatioReactivation) String() string {
	return enumString(q, quickRatioReactivationNames)
}

// MarshalText encodes the choice by its name.
func (q QuickRatioReactivation) MarshalText() ([]byte, error) {
	return enumMarshal(q, quickRatioReactivationNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (q *QuickRatioReactivation) UnmarshalText(b []byte) error {
	return enumUnmarshal(q, b, quickRatioReactivationNames)
}

// String returns the choice's name: "intervals" or "points".
func (c CompoundingSteps) String() string { return enumString(c, compoundingStepsNames) }

// MarshalText encodes the choice by its name.
func (c CompoundingSteps) MarshalText() ([]byte, error) {
	return enumMarshal(c, compoundingStepsNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (c *CompoundingSteps) UnmarshalText(b []byte) error {
	return enumUnmarshal(c, b, compoundingStepsNames)
}

// String returns the choice's name: "decreasing" or "increases_allowed".
func (f FunnelOrder) String() string { return enumString(f, funnelOrderNames) }

// MarshalText encodes the choice by its name.
func (f FunnelOrder) MarshalText() ([]byte, error) { return enumMarshal(f, funnelOrderNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (f *FunnelOrder) UnmarshalText(b []byte) error {
	return enumUnmarshal(f, b, funnelOrderNames)
}

// String returns the choice's name: "closed" or "all".
func (w WinRateDenominator) String() string { return enumString(w, winRateDenominatorNames) }

// MarshalText encodes the choice by its name.
func (w WinRateDenominator) MarshalText() ([]byte, error) {
	return enumMarshal(w, winRateDenominatorNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (w *WinRateDenominator) UnmarshalText(b []byte) error {
	return enumUnmarshal(w, b, winRateDenominatorNames)
}

// String returns the choice's name: "all_closed" or "won_only".
func (c CycleDeals) String() string { return enumString(c, cycleDealsNames) }

// MarshalText encodes the choice by its name.
func (c CycleDeals) MarshalText() ([]byte, error) { return enumMarshal(c, cycleDealsNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (c *CycleDeals) UnmarshalText(b []byte) error {
	return enumUnmarshal(c, b, cycleDealsNames)
}

// String returns the choice's name: "net" or "every_change".
func (m MovementConvention) String() string { return enumString(m, movementConventionNames) }

// MarshalText encodes the choice by its name.
func (m MovementConvention) MarshalText() ([]byte, error) {
	return enumMarshal(m, movementConventionNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (m *MovementConvention) UnmarshalText(b []byte) error {
	return enumUnmarshal(m, b, movementConventionNames)
}

// String returns the choice's name: "weighted" or "simple_mean".
func (c CohortAverage) String() string { return enumString(c, cohortAverageNames) }

// MarshalText encodes the choice by its name.
func (c CohortAverage) MarshalText() ([]byte, error) {
	return enumMarshal(c, cohortAverageNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (c *CohortAverage) UnmarshalText(b []byte) error {
	return enumUnmarshal(c, b, cohortAverageNames)
}

// String returns the choice's name: "fail" or "skip".
func (r InvalidRecords) String() string { return enumString(r, invalidRecordsNames) }

// MarshalText encodes the choice by its name.
func (r InvalidRecords) MarshalText() ([]byte, error) { return enumMarshal(r, invalidRecordsNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (r *InvalidRecords) UnmarshalText(b []byte) error {
	return enumUnmarshal(r, b, invalidRecordsNames)
}

// String returns the choice's name: "exact" or "dates".
func (c CloseTimes) String() string { return enumString(c, closeTimesNames) }

// MarshalText encodes the choice by its name.
func (c CloseTimes) MarshalText() ([]byte, error) { return enumMarshal(c, closeTimesNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (c *CloseTimes) UnmarshalText(b []byte) error { return enumUnmarshal(c, b, closeTimesNames) }

// String returns the choice's name: "transaction" or "period_start".
func (r RateDate) String() string { return enumString(r, rateDateNames) }

// MarshalText encodes the choice by its name.
func (r RateDate) MarshalText() ([]byte, error) { return enumMarshal(r, rateDateNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (r *RateDate) UnmarshalText(b []byte) error { return enumUnmarshal(r, b, rateDateNames) }

// String returns the choice's name: "across_currencies" or "per_currency".
func (c CurrencyChurn) String() string { return enumString(c, currencyChurnNames) }

// MarshalText encodes the choice by its name.
func (c CurrencyChurn) MarshalText() ([]byte, error) { return enumMarshal(c, currencyChurnNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (c *CurrencyChurn) UnmarshalText(b []byte) error {
	return enumUnmarshal(c, b, currencyChurnNames)
}

// String returns the choice's name: "period_end" or "cancellation".
func (c ChurnRecognition) String() string { return enumString(c, churnRecognitionNames) }

// MarshalText encodes the choice by its name.
func (c ChurnRecognition) MarshalText() ([]byte, error) {
	return enumMarshal(c, churnRecognitionNames)
}

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (c *ChurnRecognition) UnmarshalText(b []byte) error {
	return enumUnmarshal(c, b, churnRecognitionNames)
}

// String returns the choice's name: "of_a_year" or "lago".
func (w WeekLength) String() string { return enumString(w, weekLengthNames) }

// MarshalText encodes the choice by its name.
func (w WeekLength) MarshalText() ([]byte, error) { return enumMarshal(w, weekLengthNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (w *WeekLength) UnmarshalText(b []byte) error { return enumUnmarshal(w, b, weekLengthNames) }

// String returns the choice's name: "churns" or "contracts".
func (z ZeroMRR) String() string { return enumString(z, zeroMRRNames) }

// MarshalText encodes the choice by its name.
func (z ZeroMRR) MarshalText() ([]byte, error) { return enumMarshal(z, zeroMRRNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (z *ZeroMRR) UnmarshalText(b []byte) error { return enumUnmarshal(z, b, zeroMRRNames) }

// String returns the choice's name: "pay_nothing" or "keep_mrr".
func (z Pauses) String() string { return enumString(z, pausesNames) }

// MarshalText encodes the choice by its name.
func (z Pauses) MarshalText() ([]byte, error) { return enumMarshal(z, pausesNames) }

// UnmarshalText decodes a name MarshalText writes, in any letter case.
func (z *Pauses) UnmarshalText(b []byte) error { return enumUnmarshal(z, b, pausesNames) }

// periodJSON is the JSON form of a Period.
type periodJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// MarshalJSON encodes the period as {"start": …, "end": …}, both instants in RFC 3339
// with their offset (nanoseconds kept when there are any): January 2026 in UTC is
// {"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"}. The zero Period is
// null.
func (p Period) MarshalJSON() ([]byte, error) {
	if p.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(periodJSON{Start: p.start, End: p.end})
}

// UnmarshalJSON decodes what MarshalJSON encodes. A period that runs from midnight on
// the first of a month, a quarter or a year to the same boundary one month, quarter or
// year later is that calendar period, so [Period.Next] steps by calendar months; null
// is the zero Period. The instants keep their offset as a fixed zone (RFC 3339 carries
// no time-zone name).
//
// Errors: [ErrInvalidPeriod] when end is not after start.
func (p *Period) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*p = Period{}
		return nil
	}
	var v periodJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	q, err := NewPeriod(v.Start, v.End)
	if err != nil {
		return renamed(err, "end")
	}
	s := v.Start
	if s.Day() == 1 && s.Hour() == 0 && s.Minute() == 0 && s.Second() == 0 && s.Nanosecond() == 0 {
		for _, months := range []int{1, 3, 12} {
			if (int(s.Month())-1)%months == 0 && s.AddDate(0, months, 0).Equal(v.End) {
				q = calendar(s, months)
				break
			}
		}
	}
	*p = q
	return nil
}

// errorJSON is the JSON form of an *Error.
type errorJSON struct {
	Metric  string    `json:"metric"`
	Field   string    `json:"field,omitempty"`
	Kind    string    `json:"kind"`
	Detail  string    `json:"detail,omitempty"`
	Record  *Position `json:"record,omitempty"`
	Related *Position `json:"related,omitempty"`
}

var sentinels = []struct {
	kind string
	err  error
}{
	{"zero_denominator", ErrZeroDenominator},
	{"negative", ErrNegative},
	{"out_of_range", ErrOutOfRange},
	{"inconsistent", ErrInconsistent},
	{"currency_mismatch", ErrCurrencyMismatch},
	{"invalid_period", ErrInvalidPeriod},
	{"invalid_option", ErrInvalidOption},
	{"malformed", ErrMalformed},
	{"no_rate", ErrNoRate},
}

// MarshalJSON encodes the error as {"metric", "field", "kind", "detail", "record",
// "related"}, kind being the sentinel's name in snake case: {"metric":"NRR",
// "field":"Start","kind":"zero_denominator"}; record and related are the positions
// of the records at fault ({"list":"spans","index":41} or {"index":3,"line":5,
// "column":"end_date"}). Empty fields are left out. An Error that wraps none of the
// package's sentinels (one a caller built) has kind "other" and its wrapped error's
// text at the head of detail.
func (e *Error) MarshalJSON() ([]byte, error) {
	v := errorJSON{Metric: e.Metric, Field: e.Field, Detail: e.Detail, Record: e.Record, Related: e.Related}
	for _, s := range sentinels {
		if errors.Is(e.Err, s.err) {
			v.Kind = s.kind
		}
	}
	if v.Kind == "" {
		v.Kind = "other"
		if e.Err != nil {
			v.Detail = strings.TrimSpace(e.Err.Error() + " " + e.Detail)
		}
	}
	return json.Marshal(v)
}

// UnmarshalJSON decodes what MarshalJSON encodes, so that errors.Is matches the
// decoded error with its sentinel again, and Record and Related name the same
// records. Kind "other" decodes to an Error whose Err is an error of detail's text,
// which matches no sentinel, as the encoded error did not.
//
// Errors: an [ErrOutOfRange] *Error for a kind that is neither a sentinel's nor
// "other".
func (e *Error) UnmarshalJSON(b []byte) error {
	var v errorJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Kind == "other" {
		*e = Error{Metric: v.Metric, Field: v.Field, Err: errors.New(v.Detail), Record: v.Record, Related: v.Related}
		return nil
	}
	for _, s := range sentinels {
		if s.kind == v.Kind {
			*e = Error{Metric: v.Metric, Field: v.Field, Detail: v.Detail, Err: s.err, Record: v.Record, Related: v.Related}
			return nil
		}
	}
	return newError("Error", "kind", ErrOutOfRange, "%q names no sentinel", v.Kind)
}

// metricJSON is the JSON form of a Metric.
type metricJSON struct {
	Value *decimal.Decimal `json:"value"`
	Error *Error           `json:"error,omitempty"`
}

// MarshalJSON encodes a defined metric as {"value": "1.05"} and an undefined one as
// {"value": null, "error": {…}}, the error as [Error.MarshalJSON] writes it, so a
// reader sees why the figure is missing and never mistakes it for 0.
func (m Metric) MarshalJSON() ([]byte, error) {
	if m.err == nil {
		return json.Marshal(metricJSON{Value: &m.value})
	}
	var e *Error
	if !errors.As(m.err, &e) {
		e = &Error{Detail: m.err.Error()}
	}
	return json.Marshal(metricJSON{Error: e})
}

// UnmarshalJSON decodes what MarshalJSON encodes.
//
// Errors: an [ErrInconsistent] *Error for both a value and an error, or neither.
func (m *Metric) UnmarshalJSON(b []byte) error {
	var v metricJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch {
	case (v.Value == nil) == (v.Error == nil):
		return newError("Metric", "value", ErrInconsistent, "want a value or an error, exactly one")
	case v.Error != nil:
		*m = Metric{err: v.Error}
	default:
		*m = Metric{value: *v.Value}
	}
	return nil
}

// speedToLeadJSON is the JSON form of a SpeedToLeadResult.
type speedToLeadJSON struct {
	Mean           decimal.Decimal `json:"mean_seconds"`
	Median         decimal.Decimal `json:"median_seconds"`
	Contacted      int             `json:"contacted"`
	NeverContacted int             `json:"never_contacted"`
}

// MarshalJSON encodes the durations in seconds, as decimals exact to the nanosecond
// ("mean_seconds": "90.5"), and the counts as numbers.
func (r SpeedToLeadResult) MarshalJSON() ([]byte, error) {
	return json.Marshal(speedToLeadJSON{
		Mean: decimal.New(int64(r.Mean), -9), Median: decimal.New(int64(r.Median), -9),
		Contacted: r.Contacted, NeverContacted: r.NeverContacted,
	})
}

// UnmarshalJSON decodes what MarshalJSON encodes.
//
// Errors: an [ErrOutOfRange] *Error for seconds that are not a whole number of
// nanoseconds or do not fit a [time.Duration].
func (r *SpeedToLeadResult) UnmarshalJSON(b []byte) error {
	var v speedToLeadJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	mean, err := durationOf("mean_seconds", v.Mean)
	if err != nil {
		return err
	}
	median, err := durationOf("median_seconds", v.Median)
	if err != nil {
		return err
	}
	*r = SpeedToLeadResult{Mean: mean, Median: median, Contacted: v.Contacted, NeverContacted: v.NeverContacted}
	return nil
}

var maxSeconds = decimal.New(int64(time.Duration(1<<63-1)), -9)

func durationOf(field string, seconds decimal.Decimal) (time.Duration, error) {
	if err := finite("SpeedToLeadResult", field, seconds); err != nil {
		return 0, err
	}
	ns := seconds.Shift(9)
	if !ns.IsInteger() || seconds.Abs().GreaterThan(maxSeconds) {
		return 0, newError("SpeedToLeadResult", field, ErrOutOfRange, "%s s is not a whole number of nanoseconds within a time.Duration", seconds)
	}
	return time.Duration(ns.IntPart()), nil
}
