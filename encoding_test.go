package revops_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// enumCase checks one enum type: every constant from first to last has a lower-case
// snake_case name, the same in String and MarshalText, unique within the type, that
// decodes back in any letter case; the value after last does not encode, and an
// unknown name does not decode.
func enumCase[T ~uint8](t *testing.T, first, last T, want ...string) {
	t.Helper()
	type enum interface {
		fmt.Stringer
		encoding.TextMarshaler
	}
	seen := map[string]bool{}
	var got []string
	for v := first; v <= last; v++ {
		e := any(v).(enum)
		b, err := e.MarshalText()
		require.NoError(t, err)
		require.Equal(t, e.String(), string(b))
		require.Regexp(t, regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`), string(b))
		require.False(t, seen[string(b)], "%s twice", b)
		seen[string(b)] = true
		got = append(got, string(b))
		var back T
		require.NoError(t, any(&back).(encoding.TextUnmarshaler).UnmarshalText([]byte(strings.ToUpper(string(b)))))
		require.Equal(t, v, back)
	}
	require.Equal(t, want, got, "the names are part of the API: change them only on purpose")
	_, err := any(last + 1).(enum).MarshalText()
	requireRevopsError(t, err)
	require.ErrorIs(t, err, revops.ErrOutOfRange)
	require.Contains(t, any(last+1).(enum).String(), fmt.Sprintf("(%d)", uint8(last+1)))
	var back T
	err = any(&back).(encoding.TextUnmarshaler).UnmarshalText([]byte("no such name"))
	require.ErrorIs(t, err, revops.ErrOutOfRange)
}

func TestEnumNames(t *testing.T) {
	enumCase(t, revops.Weeks, revops.Days, "weeks", "months", "years", "days")
	enumCase(t, revops.DiscountForever, revops.DiscountOnce, "forever", "repeating", "once")
	enumCase(t, revops.StatusActive, revops.StatusIncompleteExpired, "active", "past_due", "trialing", "paused", "canceled", "unpaid", "not_started", "incomplete", "incomplete_expired")
	enumCase(t, revops.MovementNew, revops.MovementLeaving, "new", "expansion", "contraction", "churn", "reactivation", "entering", "leaving")
	enumCase(t, revops.MarginUnstated, revops.MarginNet, "unstated", "ebitda", "free_cash_flow", "operating", "net")
	enumCase(t, revops.DealOpen, revops.DealLost, "open", "won", "lost")
	enumCase(t, revops.ChurnOverStart, revops.ChurnOverAverage, "start", "start_plus_new", "average")
	enumCase(t, revops.JoinedAndLeftExcluded, revops.JoinedAndLeftIgnored, "excluded", "counted", "ignored")
	enumCase(t, revops.LeftAndReturnedExcluded, revops.LeftAndReturnedCounted, "excluded", "counted")
	enumCase(t, revops.NRRExcludesReactivation, revops.NRRIncludesReactivation, "excluded", "included")
	enumCase(t, revops.RenewalValueCapped, revops.RenewalValueUncapped, "capped", "uncapped")
	enumCase(t, revops.DiscountsRecurring, revops.DiscountsAll, "recurring", "forever_only", "none", "all")
	enumCase(t, revops.ExcessDiscountCapped, revops.ExcessDiscountRefused, "capped", "refused")
	enumCase(t, revops.PastDueCounted, revops.PastDueExcluded, "counted", "excluded")
	enumCase(t, revops.LinesExact, revops.LinesToMinorUnits, "exact", "minor_units")
	enumCase(t, revops.OneTimeFeesExcluded, revops.OneTimeFeesIncluded, "excluded", "included")
	enumCase(t, revops.ZeroMRRChurns, revops.ZeroMRRContracts, "churns", "contracts")
	enumCase(t, revops.PausesPayNothing, revops.PausesKeepMRR, "pay_nothing", "keep_mrr")
	enumCase(t, revops.ReactivationSeparate, revops.ReactivationAsNewAfter, "separate", "as_expansion", "as_new_after")
	enumCase(t, revops.QuickRatioCountsReactivation, revops.QuickRatioOmitsReactivation, "counted", "omitted")
	enumCase(t, revops.StepsAreIntervals, revops.StepsArePoints, "intervals", "points")
	enumCase(t, revops.FunnelDecreasing, revops.FunnelIncreasesAllowed, "decreasing", "increases_allowed")
	enumCase(t, revops.WinRateOverClosed, revops.WinRateOverAll, "closed", "all")
	enumCase(t, revops.CycleAllClosed, revops.CycleWonOnly, "all_closed", "won_only")
	enumCase(t, revops.MovementsNet, revops.MovementsEveryChange, "net", "every_change")
	enumCase(t, revops.CohortWeighted, revops.CohortSimpleMean, "weighted", "simple_mean")
	enumCase(t, revops.InvalidRecordsFail, revops.InvalidRecordsSkip, "fail", "skip")
	enumCase(t, revops.CloseTimesExact, revops.CloseTimesDates, "exact", "dates")
	enumCase(t, revops.RateAtTransaction, revops.RateAtPeriodStart, "transaction", "period_start")
	enumCase(t, revops.ChurnAcrossCurrencies, revops.ChurnPerCurrency, "across_currencies", "per_currency")
	enumCase(t, revops.ChurnAtPeriodEnd, revops.ChurnAtCancellation, "period_end", "cancellation")
	enumCase(t, revops.WeeksOfAYear, revops.WeeksLago, "of_a_year", "lago")
	// The zero of a type whose constants start at 1 has no name.
	_, err := revops.IntervalUnit(0).MarshalText()
	require.ErrorIs(t, err, revops.ErrOutOfRange)
}

// TestDecodeInputs decodes inputs as a service receives them: names for enums,
// snake_case keys, decimal strings.
func TestDecodeInputs(t *testing.T) {
	var sub revops.Subscription
	require.NoError(t, json.Unmarshal([]byte(`{"customer":"acme","currency":"usd","status":"active",
		"charges":[{"amount":"1000","quantity":1,"interval":{"count":1,"unit":"years"}}]}`), &sub))
	require.Equal(t, revops.StatusActive, sub.Status)
	require.Equal(t, revops.Years, sub.Charges[0].Interval.Unit)
	mrr, err := revops.MRR([]revops.Subscription{sub})
	require.NoError(t, err)
	requireDecimal(t, "1000", mrr.Annual())
	err = json.Unmarshal([]byte(`{"status":"cancelled"}`), &sub)
	require.ErrorIs(t, err, revops.ErrOutOfRange)

	var p revops.Policy
	require.NoError(t, json.Unmarshal([]byte(`{"churn_denominator":"start_plus_new","reactivation":{"placement":"as_new_after","window_days":90}}`), &p))
	require.Equal(t, revops.Policy{ChurnDenominator: revops.ChurnOverStartPlusNew, Reactivation: revops.ReactivationWindow(90)}, p)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var back revops.Policy
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, p, back)
	// A policy holding a value outside its constants does not encode.
	_, err = json.Marshal(revops.Policy{PastDue: 7})
	require.Error(t, err)
}

func TestPeriodJSON(t *testing.T) {
	q2, err := revops.Quarter(2026, 2)
	require.NoError(t, err)
	custom, err := revops.NewPeriod(time.Date(2026, 1, 15, 12, 30, 0, 5, time.UTC), time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	tokyo := time.FixedZone("JST", 9*3600)
	for _, tt := range []struct {
		p    revops.Period
		want string
	}{
		{revops.Month(2026, time.January), `{"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"}`},
		{q2, `{"start":"2026-04-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}`},
		{revops.Year(2025), `{"start":"2025-01-01T00:00:00Z","end":"2026-01-01T00:00:00Z"}`},
		{custom, `{"start":"2026-01-15T12:30:00.000000005Z","end":"2026-02-15T00:00:00Z"}`},
		{revops.MonthIn(2026, time.March, tokyo), `{"start":"2026-03-01T00:00:00+09:00","end":"2026-04-01T00:00:00+09:00"}`},
		{revops.Period{}, `null`},
	} {
		b, err := json.Marshal(tt.p)
		require.NoError(t, err)
		require.Equal(t, tt.want, string(b))
		var back revops.Period
		require.NoError(t, json.Unmarshal(b, &back))
		require.True(t, back.Start().Equal(tt.p.Start()) && back.End().Equal(tt.p.End()), "%s → %s", tt.p, back)
		if !tt.p.IsZero() {
			// A calendar period stays one: its next is the next calendar period.
			require.True(t, back.Next().Start().Equal(tt.p.Next().Start()) && back.Next().End().Equal(tt.p.Next().End()), "%s next %s, %s", tt.p, back.Next(), tt.p.Next())
		}
	}
	var p revops.Period
	err = json.Unmarshal([]byte(`{"start":"2026-02-01T00:00:00Z","end":"2026-01-01T00:00:00Z"}`), &p)
	requireMetricError(t, err, revops.ErrInvalidPeriod, "NewPeriod", "end")
}

func TestErrorJSON(t *testing.T) {
	_, err := revops.NRR(revops.RevenueMovements{})
	b, jerr := json.Marshal(err)
	require.NoError(t, jerr)
	require.JSONEq(t, `{"metric":"NRR","field":"Start","kind":"zero_denominator","detail":"no revenue at the start"}`, string(b))
	for _, sentinel := range []error{revops.ErrZeroDenominator, revops.ErrNegative, revops.ErrOutOfRange, revops.ErrInconsistent,
		revops.ErrCurrencyMismatch, revops.ErrInvalidPeriod, revops.ErrInvalidOption, revops.ErrMalformed, revops.ErrNoRate} {
		e := &revops.Error{Metric: "M", Field: "f[3].X", Detail: "why", Err: sentinel}
		b, err := json.Marshal(e)
		require.NoError(t, err)
		var back revops.Error
		require.NoError(t, json.Unmarshal(b, &back))
		require.ErrorIs(t, &back, sentinel)
		require.Equal(t, e.Error(), back.Error())
	}
	var e revops.Error
	require.ErrorIs(t, json.Unmarshal([]byte(`{"metric":"M","kind":"bad"}`), &e), revops.ErrOutOfRange)

	// The records at fault survive the round trip: an overlap names both spans.
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	_, err = revops.NewHistory([]revops.Span{
		{Customer: "a", Subscription: "s", Start: day(1), End: day(20), MRR: revops.Monthly(dec("10"))},
		{Customer: "a", Subscription: "s", Start: day(10), MRR: revops.Monthly(dec("10"))},
	})
	var orig *revops.Error
	require.ErrorAs(t, err, &orig)
	require.NotNil(t, orig.Record)
	require.NotNil(t, orig.Related)
	b, err = json.Marshal(orig)
	require.NoError(t, err)
	var back revops.Error
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, orig.Record, back.Record)
	require.Equal(t, orig.Related, back.Related)
	require.Equal(t, orig.Error(), back.Error())
	require.ErrorIs(t, &back, revops.ErrInconsistent)

	// An Error a caller built around an error of its own: kind "other", and back.
	mine := errors.New("quota exceeded")
	b, err = json.Marshal(&revops.Error{Metric: "M", Field: "F", Err: mine, Record: &revops.Position{List: "rows", Index: 2}})
	require.NoError(t, err)
	require.JSONEq(t, `{"metric":"M","field":"F","kind":"other","detail":"quota exceeded","record":{"list":"rows","index":2}}`, string(b))
	back = revops.Error{}
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, "revops: M: rows[2].F: quota exceeded", back.Error())
	require.NotErrorIs(t, &back, revops.ErrMalformed)
}

func TestSpeedToLeadJSON(t *testing.T) {
	created := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	r, err := revops.SpeedToLead([]revops.Lead{
		{Created: created, FirstResponse: created.Add(60 * time.Second)},
		{Created: created, FirstResponse: created.Add(121 * time.Second)},
		{Created: created},
	})
	require.NoError(t, err)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	// (60 + 121) ÷ 2 = 90.5 s, both the mean and the median of two.
	require.JSONEq(t, `{"mean_seconds":"90.5","median_seconds":"90.5","contacted":2,"never_contacted":1}`, string(b))
	var back revops.SpeedToLeadResult
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, r, back)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"mean_seconds":"0.0000000001"}`), &back), revops.ErrOutOfRange)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"mean_seconds":"1e12"}`), &back), revops.ErrOutOfRange)
}

func TestCycleLengthJSON(t *testing.T) {
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c, err := revops.SalesCycleLength([]revops.Opportunity{
		{Stage: "won", Status: revops.DealWon, Amount: dec("1"), Created: created, Closed: created.Add(36 * time.Hour)},
	})
	require.NoError(t, err)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, `{"mean_days":"1.5","median_days":"1.5","deals":1}`, string(b))
}

func TestMetricJSON(t *testing.T) {
	h, err := revops.NewHistory([]revops.Span{{Customer: "a", Start: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), MRR: revops.Monthly(dec("100"))}})
	require.NoError(t, err)
	series, err := h.Series([]revops.Period{revops.Month(2026, time.January), revops.Month(2026, time.February)})
	require.NoError(t, err)
	// January starts from nothing: NRR is undefined, and says why; February keeps all.
	b, err := json.Marshal(series[0].NRR)
	require.NoError(t, err)
	require.JSONEq(t, `{"value":null,"error":{"metric":"NRR","field":"Start","kind":"zero_denominator","detail":"no revenue at the start"}}`, string(b))
	var back revops.Metric
	require.NoError(t, json.Unmarshal(b, &back))
	_, err = back.Value()
	require.ErrorIs(t, err, revops.ErrZeroDenominator)
	require.Equal(t, "n/a", back.String())
	b, err = json.Marshal(series[1].NRR)
	require.NoError(t, err)
	require.JSONEq(t, `{"value":"1"}`, string(b))
	require.NoError(t, json.Unmarshal(b, &back))
	v, err := back.Value()
	require.NoError(t, err)
	requireDecimal(t, "1", v)
	require.ErrorIs(t, json.Unmarshal([]byte(`{}`), &back), revops.ErrInconsistent)
}

// TestSeriesJSONRoundTrip checks on random histories that a series, its totals and a
// cohort table survive JSON: decoding and encoding again gives the same bytes, and
// the decoded figures equal the computed ones.
func TestSeriesJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h, err := revops.NewHistory(drawSpans(t))
		require.NoError(t, err)
		periods := drawPeriods(t)
		series, err := h.Series(periods, drawConvention(t), drawPlacement(t))
		require.NoError(t, err)
		back := jsonRoundTrip(t, series)
		require.Len(t, back, len(series))
		for i, r := range series {
			require.True(t, back[i].Period.Start().Equal(r.Period.Start()) && back[i].Period.End().Equal(r.Period.End()))
			require.True(t, back[i].End.Equal(r.End) && back[i].Churn.Equal(r.Churn) && back[i].New.Equal(r.New))
			require.Equal(t, r.Customers, back[i].Customers)
			want, werr := r.NRR.Value()
			got, gerr := back[i].NRR.Value()
			require.Equal(t, werr == nil, gerr == nil)
			require.True(t, want.Equal(got))
			if werr != nil {
				require.Equal(t, werr.Error(), gerr.Error())
			}
		}
		totals, err := h.Totals(periods)
		require.NoError(t, err)
		jsonRoundTrip(t, totals)
		cohorts, err := h.Cohorts(periods)
		require.NoError(t, err)
		jsonRoundTrip(t, cohorts)
	})
}

// jsonRoundTrip encodes v, decodes it into a new T, requires that encoding the decoded
// value gives the same bytes, and returns it.
func jsonRoundTrip[T any](t require.TestingT, v T) T {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(back)
	require.NoError(t, err)
	require.Equal(t, string(b), string(again))
	return back
}

func TestBridgeJSON(t *testing.T) {
	jan, feb := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	b, err := revops.MRRBridge(revops.BridgeInput{
		Start: revops.Snapshot{At: jan, MRR: map[string]decimal.Decimal{"acme": dec("500"), "globex": dec("300")}},
		End:   revops.Snapshot{At: feb, MRR: map[string]decimal.Decimal{"acme": dec("650")}},
	})
	require.NoError(t, err)
	out, err := json.Marshal(b)
	require.NoError(t, err)
	require.JSONEq(t, `{"start":"800","end":"650","new":"0","expansion":"150","contraction":"0","churn":"300","reactivation":"0",
		"customers":[{"customer":"acme","movement":"expansion","start":"500","end":"650","amount":"150"},
		             {"customer":"globex","movement":"churn","start":"300","end":"0","amount":"300"}]}`, string(out))
	back := jsonRoundTrip(t, b)
	require.Equal(t, revops.MovementChurn, back.Customers[1].Movement)
}

// FuzzDecodeJSON decodes arbitrary bytes into every type with a JSON form of its own:
// none may panic, and whatever decodes encodes again.
func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`{"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"}`))
	f.Add([]byte(`{"value":"1.5"}`))
	f.Add([]byte(`{"metric":"NRR","kind":"negative"}`))
	f.Add([]byte(`{"mean_seconds":"1e-9","median_seconds":"3"}`))
	f.Add([]byte(`{"mrr":"1","arr":"12","monthly_fraction":"12/7"}`))
	f.Add([]byte(`"past_due"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, v := range []any{new(revops.Period), new(revops.Metric), new(revops.Error), new(revops.SpeedToLeadResult),
			new(revops.Recurring), new(revops.Status), new(revops.Policy), new(revops.PeriodMetrics)} {
			if err := json.Unmarshal(b, v); err != nil {
				var e *revops.Error
				var syntax *json.SyntaxError
				var typ *json.UnmarshalTypeError
				require.True(t, errors.As(err, &e) || errors.As(err, &syntax) || errors.As(err, &typ) || strings.HasPrefix(err.Error(), "json: ") ||
					strings.Contains(err.Error(), "parsing time") || strings.Contains(err.Error(), "decimal") || strings.Contains(err.Error(), "Time.UnmarshalJSON"),
					"%T: %v", v, err)
				continue
			}
			_, _ = json.Marshal(v)
		}
	})
}

func BenchmarkSeriesMarshalJSON(b *testing.B) {
	h, err := revops.NewHistory(syntheticSpans(1_000, 24, 1))
	require.NoError(b, err)
	series, err := h.Series(syntheticMonths(24))
	require.NoError(b, err)
	bench(b, func() { _, _ = json.Marshal(series) })
}

func BenchmarkStatusMarshalText(b *testing.B) {
	bench(b, func() { _, _ = revops.StatusPastDue.MarshalText() })
}

func BenchmarkStatusUnmarshalText(b *testing.B) {
	var s revops.Status
	text := []byte("canceled")
	bench(b, func() { _ = s.UnmarshalText(text) })
}

func BenchmarkPeriodMarshalJSON(b *testing.B) {
	p := revops.Month(2026, time.January)
	bench(b, func() { _, _ = p.MarshalJSON() })
}

func BenchmarkErrorMarshalJSON(b *testing.B) {
	_, err := revops.NRR(revops.RevenueMovements{})
	var e *revops.Error
	require.True(b, errors.As(err, &e))
	bench(b, func() { _, _ = e.MarshalJSON() })
}

func BenchmarkMetricPercent(b *testing.B) {
	h, err := revops.NewHistory([]revops.Span{{Customer: "a", Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), MRR: revops.Monthly(dec("100"))}})
	require.NoError(b, err)
	series, err := h.Series([]revops.Period{revops.Month(2026, time.February)})
	require.NoError(b, err)
	bench(b, func() { _ = series[0].NRR.Percent(1) })
}
