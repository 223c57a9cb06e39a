package revops

import (
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
	t := &ExchangeRates{to: strings.ToUpper(to), rates: map[string][]ExchangeRate{}}
	for i, r := range rates {
		code := strings.ToUpper(r.From)
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
	code := strings.ToUpper(currency)
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

// ConvertSpans returns spans in the table's reporting currency. By default
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
	from := strings.ToUpper(s.Currency)
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
