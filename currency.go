package revops

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ExchangeRate is one rate of a caller's table: from its Date on, until the next rate
// of the same currency, one unit of From is worth Rate units of the table's reporting
// currency.
type ExchangeRate struct {
	From string          `json:"from"` // currency code converted from
	Date time.Time       `json:"date"` // first instant the rate applies
	Rate decimal.Decimal `json:"rate"` // units of the reporting currency per unit of From, > 0
}

// ExchangeRates is a validated table of exchange rates into one reporting currency,
// made by [NewExchangeRates]. The rate of a currency at an instant is the latest one
// dated at or before it; amounts in the reporting currency itself convert at 1.
type ExchangeRates struct {
	to    string
	rates map[string][]ExchangeRate // by upper-case code, in date order
}

// NewExchangeRates validates rates into the reporting currency to and indexes them.
// Currency codes are matched in upper case without surrounding spaces (" eur" is
// EUR), here and wherever the table is used.
//
// Errors, naming the rate as "rates[3].Rate": [ErrOutOfRange] for an empty currency
// code (to or From) or a Rate beyond [MaxExponent]; [ErrNegative] or
// [ErrZeroDenominator] for a Rate below or at zero; [ErrInvalidPeriod] for a zero
// Date; [ErrInconsistent] for a rate from the reporting currency itself or two rates
// of one currency on one date.
func NewExchangeRates(to string, rates []ExchangeRate) (*ExchangeRates, error) {
	const metric = "NewExchangeRates"
	if strings.TrimSpace(to) == "" {
		return nil, newError(metric, "to", ErrOutOfRange, "empty reporting currency")
	}
	t := &ExchangeRates{to: currencyCode(to), rates: map[string][]ExchangeRate{}}
	for i, r := range rates {
		code := currencyCode(r.From)
		var err error
		switch {
		case strings.TrimSpace(code) == "":
			err = newError(metric, "From", ErrOutOfRange, "empty currency code")
		case code == t.to:
			err = newError(metric, "From", ErrInconsistent, "a rate from %s into itself", code)
		case r.Date.IsZero():
			err = newError(metric, "Date", ErrInvalidPeriod, "zero Date")
		case r.Rate.IsZero():
			err = newError(metric, "Rate", ErrZeroDenominator, "a rate of 0")
		default:
			err = nonNegative(metric, "Rate", r.Rate)
		}
		if err != nil {
			return nil, atIndex(err, "rates", i)
		}
		r.From = code
		t.rates[code] = append(t.rates[code], r)
	}
	for code, rs := range t.rates {
		slices.SortStableFunc(rs, func(a, b ExchangeRate) int { return a.Date.Compare(b.Date) })
		for k := 1; k < len(rs); k++ {
			if rs[k].Date.Equal(rs[k-1].Date) {
				return nil, newError(metric, "rates", ErrInconsistent, "two rates of %s on %s", code, rs[k].Date.Format(time.RFC3339))
			}
		}
	}
	return t, nil
}

// To returns the reporting currency, upper-case.
func (t *ExchangeRates) To() string { return t.to }

// Rate returns the rate of currency at instant at: the latest rate dated at or before
// it, or 1 for the reporting currency.
//
// Errors: [ErrNoRate] when the table has no rate of currency at or before at, naming
// both.
func (t *ExchangeRates) Rate(currency string, at time.Time) (decimal.Decimal, error) {
	return t.rate("ExchangeRates.Rate", currency, at)
}

func (t *ExchangeRates) rate(metric, currency string, at time.Time) (decimal.Decimal, error) {
	code := currencyCode(currency)
	if code == t.to {
		return decimal.NewFromInt(1), nil
	}
	rs := t.rates[code]
	k, _ := slices.BinarySearchFunc(rs, at, func(r ExchangeRate, at time.Time) int {
		if r.Date.After(at) {
			return 1
		}
		return -1
	})
	if k == 0 {
		return decimal.Decimal{}, newError(metric, "currency", ErrNoRate, "no rate of %q into %s at or before %s", currency, t.to, at.Format(time.RFC3339))
	}
	return rs[k-1].Rate, nil
}

// Convert returns amount, in currency, in the reporting currency at the rate of
// instant at: amount × rate, exactly. Nothing is rounded, so a total of converted
// amounts is exact; round it for display with [RoundToMinorUnits] in the reporting
// currency, which knows that JPY and KRW have no minor unit.
//
// Errors: those of [ExchangeRates.Rate]; [ErrOutOfRange] for an amount beyond
// [MaxExponent].
func (t *ExchangeRates) Convert(amount decimal.Decimal, currency string, at time.Time) (decimal.Decimal, error) {
	const metric = "ExchangeRates.Convert"
	if err := finite(metric, "amount", amount); err != nil {
		return decimal.Decimal{}, err
	}
	r, err := t.rate(metric, currency, at)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return amount.Mul(r), nil
}

// ConvertSpans returns spans in the table's reporting currency. A history of its
// result sees a change of rate as expansion or contraction; [NewHistoryIn] reports it
// as its own FX line instead, and keeps NRR and GRR free of it. By default
// ([RateAtTransaction]) each span's MRR converts at the rate of its Start, the date
// its price took effect, so exchange rates moving later do not move MRR. With
// [RateAtPeriodStart] each span is cut at the boundaries of periods and each piece
// converts at the rate of the start of its period, so MRR follows the rates from
// period to period. Amounts are exact products, never rounded. With
// [ChurnPerCurrency] (Lago's rule) each currency of a customer counts as a customer of
// its own, named "customer/CUR", so a customer churns in a currency when its MRR in
// that currency reaches zero; by default a customer is one customer in every
// currency.
//
// Errors, naming the span as "spans[4].Currency": [ErrNoRate] when a span's currency
// has no rate at the instant it needs; [ErrInvalidPeriod] for periods out of order
// with RateAtPeriodStart, or none; the span's own errors, as [NewHistory] gives them;
// [ErrInvalidOption] for a nil option or a value outside its type's constants. With
// [InvalidRecordsSkip] a span with an error is left out and a [*Refused] listing those
// left out comes with the others.
func ConvertSpans(spans []Span, rates *ExchangeRates, periods []Period, opts ...ConversionOption) ([]Span, error) {
	const metric = "ConvertSpans"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if rates == nil {
		return nil, newError(metric, "rates", ErrNoRate, "no exchange rates")
	}
	if p.RateDate == RateAtPeriodStart {
		if err := checkPeriods(metric, periods); err != nil {
			return nil, err
		}
	}
	out := make([]Span, 0, len(spans))
	refused := refusing(p)
	for i, s := range spans {
		got, err := convertSpan(metric, s, rates, periods, p)
		if err != nil {
			if err = atIndex(err, "spans", i); !refused.keep(i, err) {
				return nil, err
			}
			continue
		}
		out = append(out, got...)
	}
	return out, refused.err(metric, len(spans))
}

// convertSpan converts one span (see ConvertSpans).
func convertSpan(metric string, s Span, rates *ExchangeRates, periods []Period, p Policy) ([]Span, error) {
	if err := s.validate(metric); err != nil {
		return nil, err
	}
	from := currencyCode(s.Currency)
	if p.CurrencyChurn == ChurnPerCurrency {
		s.Customer += "/" + from
	}
	s.Currency = rates.to
	if p.RateDate == RateAtTransaction {
		r, err := rates.rate(metric, from, s.Start)
		if err != nil {
			return nil, renamed(err, "Currency")
		}
		s.MRR = s.MRR.times(r)
		return []Span{s}, nil
	}
	// Piece k runs from the start of period k (from the span's start, for the first)
	// to the start of period k + 1 (to the span's end, for the last), at the rate of
	// the start of period k: a gap between periods takes the earlier period's rate.
	var out []Span
	for k, per := range periods {
		start, end := s.Start, s.End
		if k > 0 && start.Before(per.Start()) {
			start = per.Start()
		}
		if k+1 < len(periods) && (end.IsZero() || periods[k+1].Start().Before(end)) {
			end = periods[k+1].Start()
		}
		if !end.IsZero() && !start.Before(end) {
			continue
		}
		r, err := rates.rate(metric, from, per.Start())
		if err != nil {
			return nil, renamed(err, "Currency")
		}
		piece := s
		piece.Start, piece.End, piece.MRR = start, end, s.MRR.times(r)
		out = append(out, piece)
	}
	return out, nil
}

// fxHistory is what a [History] in several currencies keeps beside its raw steps: the
// table of rates and the validated spans in their own currencies, which it converts
// at the rates each figure needs.
type fxHistory struct {
	rates *ExchangeRates
	spans []Span // valid, each in its own (upper-case) currency
}

// NewHistoryIn returns the [History] of spans in any currencies, reported in the
// table's currency (rates.To()). MRR at an instant is every span converted at the rate
// of that instant, so a period's closing MRR is at the closing's rates, and the
// series' movements measure the change at constant rates: each period's movements
// are valued at the rates of its opening, and the rest of the change, what the rates
// did to the MRR held at the close, is the FX line of [MRRMovements],
//
//	End = Start + New + Expansion + Reactivation − Contraction − Churn + FX
//
// so NRR, GRR and churn are unaffected by rates, as Stripe Billing's "FX adjustment"
// (docs.stripe.com/billing/subscriptions/analytics: "MRR growth is the net change …
// adjusting for any foreign currency (FX) impact"), ChartMogul's "Exchange Rate
// Impact" row ("ChartMogul doesn't generate MRR movements for expansion or contraction
// resulting from currency fluctuations") and Chargebee's period-end variance report
// it apart. A currency first rated within a period converts that period's movements at
// its first rate. Cohort tables and trailing retention are at constant rates: those
// of the last period's close, and of the window's opening. By default a customer is
// one customer in every currency; with [ChurnPerCurrency] (Lago) each currency of a
// customer is a customer "customer/CUR" of its own.
//
// Each period is classified on the spans converted at its own rates, so computing a
// series takes time proportional to the periods × the spans.
//
// Errors: those of [NewHistory] but [ErrCurrencyMismatch], each naming the span;
// [ErrNoRate] for no table, or for a span whose currency has no rate at or before its
// start, so that every figure of the history has its rates; [ErrInvalidOption] for a
// nil option or a value outside its type's constants. With [InvalidRecordsSkip] a
// span with any of these errors is left out, and a [*Refused] listing those left out
// comes with the history.
func NewHistoryIn(rates *ExchangeRates, spans []Span, opts ...ConversionOption) (*History, error) {
	const metric = "NewHistoryIn"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if rates == nil {
		return nil, newError(metric, "rates", ErrNoRate, "no exchange rates")
	}
	// Validate the spans of each currency as NewHistory does, naming them by their
	// index in spans.
	byCurrency := map[string][]int{}
	for i := range spans {
		code := currencyCode(spans[i].Currency)
		byCurrency[code] = append(byCurrency[code], i)
	}
	ok := make([]bool, len(spans))
	refused := refusing(p)
	// Every span needs a rate from its start on.
	for code, idx := range byCurrency {
		kept := idx[:0]
		for _, i := range idx {
			if _, err := rates.rate(metric, code, spans[i].Start); err != nil && spans[i].validate(metric) == nil {
				e := newError(metric, "Currency", ErrNoRate, "no rate of %s into %s at or before its start %s", code, rates.to, spans[i].Start.Format(time.RFC3339))
				if !refused.keep(i, atIndex(e, "spans", i)) {
					return nil, atIndex(e, "spans", i)
				}
				continue
			}
			kept = append(kept, i)
		}
		byCurrency[code] = kept
	}
	for _, idx := range byCurrency {
		group := make([]Span, len(idx))
		for k, i := range idx {
			group[k] = spans[i]
		}
		if p.InvalidRecords != InvalidRecordsSkip {
			if _, err := newHistory(group, false); err != nil {
				return nil, reindexed(err, idx)
			}
			for _, i := range idx {
				ok[i] = true
			}
			continue
		}
		_, err := buildHistory(group, true, false)
		var r *Refused
		errors.As(err, &r)
		out := map[int]bool{}
		if r != nil {
			for _, rec := range r.Records {
				refused.keep(idx[rec.Index], reindexed(rec.Err, idx))
				out[rec.Index] = true
			}
		}
		for k, i := range idx {
			ok[i] = !out[k]
		}
	}
	f := &fxHistory{rates: rates}
	for i, s := range spans {
		if !ok[i] {
			continue
		}
		s.Currency = currencyCode(s.Currency)
		if p.CurrencyChurn == ChurnPerCurrency {
			s.Customer += "/" + s.Currency
		}
		f.spans = append(f.spans, s)
	}
	// The raw history: every amount as it is, which no figure reads but the signs,
	// the instants and the customers; its currency is the reporting one.
	raw := make([]Span, len(f.spans))
	for i, s := range f.spans {
		s.Currency = rates.to
		raw[i] = s
	}
	h, err := newHistory(raw, false)
	if err != nil { // unreachable: each currency's spans were checked
		return nil, err
	}
	h.fx = f
	slices.SortFunc(refused.records, func(a, b RefusedRecord) int { return a.Index - b.Index })
	return h, refused.err(metric, len(spans))
}

// reindexed names the spans of err, an error about spans[k] of a group, by idx[k].
func reindexed(err error, idx []int) error {
	var e *Error
	if errors.As(err, &e) {
		for _, p := range []*Position{e.Record, e.Related} {
			if p != nil && p.List == "spans" {
				p.Index = idx[p.Index]
			}
		}
	}
	return err
}

// ratesAt returns each currency's rate at instant at, for the currencies of the
// spans; a currency with none then is left out.
func (f *fxHistory) ratesAt(at time.Time) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for _, s := range f.spans {
		if _, done := out[s.Currency]; done {
			continue
		}
		if r, err := f.rates.rate("", s.Currency, at); err == nil {
			out[s.Currency] = r
		}
	}
	return out
}

// at returns the single-currency history of the spans that start at or before until,
// converted at rates, or, for a currency rates lacks (first rated later), at the rate
// of each span's start.
func (f *fxHistory) at(metric string, rates map[string]decimal.Decimal, until time.Time) (*History, error) {
	spans := make([]Span, 0, len(f.spans))
	for _, s := range f.spans {
		if s.Start.After(until) {
			continue
		}
		r, ok := rates[s.Currency]
		if !ok { // a currency first rated after the instant of rates: its first rate, the one at the span's start
			var err error
			if r, err = f.rates.rate(metric, s.Currency, s.Start); err != nil {
				return nil, err // unreachable: NewHistoryIn keeps only spans with a rate from their start
			}
		}
		s.MRR, s.Currency = s.MRR.times(r), f.rates.to
		spans = append(spans, s)
	}
	return newHistory(spans, false)
}

// mrrAt returns the MRR at instant at of every customer paying then, converted at
// the rates of at.
func (f *fxHistory) mrrAt(metric string, at time.Time) (map[string]Recurring, error) {
	rates := f.ratesAt(at)
	out := map[string]Recurring{}
	for _, s := range f.spans {
		if at.Before(s.Start) || (!s.End.IsZero() && !at.Before(s.End)) {
			continue
		}
		r, ok := rates[s.Currency]
		if !ok {
			return nil, newError(metric, "rates", ErrNoRate, "no rate of %s into %s at %s", s.Currency, f.rates.to, at.Format(time.RFC3339))
		}
		sum, fits := out[s.Customer].add(s.MRR.times(r))
		if !fits {
			return nil, tooFine(metric, "spans")
		}
		out[s.Customer] = sum
	}
	return out, nil
}

// totals is History.Totals of a history in several currencies: each period classified
// on the spans converted at its opening's rates, its End at its closing's rates, and
// the difference the FX line; the cohorts at the last closing's rates.
func (f *fxHistory) totals(h *History, metric string, periods []Period, p Policy, opt sweepOptions) (Totals, error) {
	out := Totals{Policy: p, Currency: h.currency, Spans: h.spans, Periods: make([]PeriodTotals, len(periods))}
	for k, per := range periods {
		opening, close := closing(per.Start()), closing(per.End())
		hk, err := f.at(metric, f.ratesAt(opening), close)
		if err != nil {
			return Totals{}, err
		}
		var t Totals
		var log func(customer string, k int, mv Movement, at instant, before, after Recurring)
		if opt.log != nil {
			log = func(customer string, _ int, mv Movement, at instant, before, after Recurring) {
				opt.log(customer, k, mv, at, before, after)
			}
		}
		o := sweepOptions{log: log}
		if hk.exact != nil {
			t = sweep(hk, hk.exact, []Period{per}, p, o)
		} else {
			t = sweep(hk, hk.fixed, []Period{per}, p, o)
		}
		pt := t.Periods[0]
		ends, err := f.mrrAt(metric, close)
		if err != nil {
			return Totals{}, err
		}
		var end Recurring
		for _, v := range ends {
			if end, err = end.Add(v); err != nil {
				return Totals{}, renamed(err, "spans")
			}
		}
		if pt.FX, err = end.Add(pt.End.neg()); err != nil {
			return Totals{}, renamed(err, "spans")
		}
		pt.End = end
		out.Periods[k] = pt
	}
	if opt.cohorts {
		last := closing(periods[len(periods)-1].End())
		hc, err := f.at(metric, f.ratesAt(last), last)
		if err != nil {
			return Totals{}, err
		}
		var t Totals
		if hc.exact != nil {
			t = sweep(hc, hc.exact, periods, p, sweepOptions{cohorts: true})
		} else {
			t = sweep(hc, hc.fixed, periods, p, sweepOptions{cohorts: true})
		}
		out.Cohorts = t.Cohorts
	}
	return out, nil
}
