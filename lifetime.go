package revops

import (
	"errors"
	"time"

	"github.com/shopspring/decimal"
)

// CLVInput is the three inputs of the purchase form of customer lifetime value, in
// one currency.
type CLVInput struct {
	AveragePurchaseValue decimal.Decimal `json:"average_purchase_value"` // revenue per purchase, ≥ 0
	PurchaseFrequency    decimal.Decimal `json:"purchase_frequency"`     // purchases per customer per year, ≥ 0
	Lifespan             decimal.Decimal `json:"lifespan"`               // years a customer keeps buying, ≥ 0
}

// CLV returns customer lifetime value in its purchase form (value of a purchase, times
// purchases a year, times years), exactly:
//
//	CLV = AveragePurchaseValue × PurchaseFrequency × Lifespan
//
// [PurchaseInputs] derives the inputs from a list of transactions.
//
// Errors: [ErrNegative] for a negative input; [ErrOutOfRange] beyond [MaxExponent].
func CLV(in CLVInput) (decimal.Decimal, error) {
	const metric = "CLV"
	if err := firstError(
		nonNegative(metric, "AveragePurchaseValue", in.AveragePurchaseValue),
		nonNegative(metric, "PurchaseFrequency", in.PurchaseFrequency),
		nonNegative(metric, "Lifespan", in.Lifespan),
	); err != nil {
		return decimal.Decimal{}, err
	}
	return in.AveragePurchaseValue.Mul(in.PurchaseFrequency).Mul(in.Lifespan), nil
}

// Transaction is one purchase.
type Transaction struct {
	Customer string          `json:"customer"`
	At       time.Time       `json:"at"`
	Currency string          `json:"currency"` // currency code; the same for every transaction of one call
	Amount   decimal.Decimal `json:"amount"`   // ≥ 0; net any refund into its purchase before passing it
}

func (t Transaction) validate(metric, currency string) error {
	return firstError(nonNegative(metric, "Amount", t.Amount), sameCurrency(metric, "Currency", t.Currency, currency))
}

// secondsPerYear is a Julian year, 365.25 days: the year of PurchaseInputs.
var secondsPerYear = decimal.NewFromInt(31_557_600)

// PurchaseInputs derives the inputs of [CLV] from transactions, over the window from
// the first to the last transaction, with years of 365.25 days:
//
//	AveragePurchaseValue = Σ Amount ÷ purchases
//	PurchaseFrequency    = purchases ÷ customers ÷ window in years
//	Lifespan             = mean over customers of (last − first purchase), in years
//
// A customer who bought once has a lifespan of 0, so Lifespan is what the history
// shows, a lower bound of the true one.
//
// Errors: [ErrNegative] for a negative Amount; [ErrCurrencyMismatch] for two
// currencies; [ErrZeroDenominator] for no transactions, or all at one instant (no
// window to measure frequency over); [ErrOutOfRange] beyond [MaxExponent];
// [ErrInvalidOption] for a nil option or a value outside its type's constants. With
// [InvalidRecordsSkip] a transaction with a record error is left out (the first
// valid one sets the currency) and a [*Refused] listing those left out comes with the
// result.
func PurchaseInputs(txs []Transaction, opts ...RecordsOption) (CLVInput, error) {
	const metric = "PurchaseInputs"
	p, err := policyFor(metric, opts)
	if err != nil {
		return CLVInput{}, err
	}
	return purchaseInputs(metric, txs, p)
}

func purchaseInputs(metric string, txs []Transaction, p Policy) (CLVInput, error) {
	h, refused, err := customerSpans(metric, txs, p)
	if err != nil {
		return CLVInput{}, err
	}
	if h.purchases == 0 {
		return CLVInput{}, refused.with(metric, len(txs), newError(metric, "txs", ErrZeroDenominator, "no transactions"))
	}
	window := elapsed(h.first, h.last)
	if window.IsZero() {
		return CLVInput{}, refused.with(metric, len(txs), newError(metric, "txs", ErrZeroDenominator, "every transaction at %s: no window", h.first.Format(time.RFC3339)))
	}
	purchases, customers := decimal.NewFromInt(int64(h.purchases)), decimal.NewFromInt(int64(len(h.spans)))
	totalSpan := decimal.Zero
	for _, s := range h.spans {
		totalSpan = totalSpan.Add(elapsed(s.first, s.last))
	}
	nsPerYear := secondsPerYear.Mul(decimal.NewFromInt(1e9))
	var in CLVInput
	in.AveragePurchaseValue, _ = div(metric, "txs", h.revenue, purchases)
	in.PurchaseFrequency, _ = div(metric, "txs", purchases.Mul(nsPerYear), customers.Mul(window))
	in.Lifespan, _ = div(metric, "txs", totalSpan, customers.Mul(nsPerYear))
	return in, refused.err(metric, len(txs))
}

type span struct{ first, last time.Time }

// purchaseHistory is what customerSpans reads off valid transactions.
type purchaseHistory struct {
	spans       map[string]span // each customer's first and last purchase
	revenue     decimal.Decimal // Σ Amount
	purchases   int             // valid transactions
	first, last time.Time       // the first and last of them
}

// customerSpans validates txs and returns what the valid ones show, and the
// refusals of the others under InvalidRecordsSkip.
func customerSpans(metric string, txs []Transaction, p Policy) (purchaseHistory, refusals, error) {
	h := purchaseHistory{spans: make(map[string]span), revenue: decimal.Zero}
	refused := refusing(p)
	currency := ""
	for i, t := range txs {
		if h.purchases == 0 {
			currency = t.Currency
		}
		if err := t.validate(metric, currency); err != nil {
			if err = atIndex(err, "txs", i); !refused.keep(i, err) {
				return purchaseHistory{}, refused, err
			}
			continue
		}
		if h.purchases == 0 || t.At.Before(h.first) {
			h.first = t.At
		}
		if h.purchases == 0 || t.At.After(h.last) {
			h.last = t.At
		}
		h.purchases++
		h.revenue = h.revenue.Add(t.Amount)
		s, ok := h.spans[t.Customer]
		if !ok {
			s = span{t.At, t.At}
		}
		if t.At.Before(s.first) {
			s.first = t.At
		}
		if t.At.After(s.last) {
			s.last = t.At
		}
		h.spans[t.Customer] = s
	}
	return h, refused, nil
}

// CLVFromTransactions returns [CLV] of the inputs [PurchaseInputs] derives from txs.
//
// Errors: as [PurchaseInputs], [InvalidRecordsSkip] included.
func CLVFromTransactions(txs []Transaction, opts ...RecordsOption) (decimal.Decimal, error) {
	const metric = "CLVFromTransactions"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	in, err := purchaseInputs(metric, txs, p)
	if _, refusedOnly := err.(*Refused); err != nil && !refusedOnly {
		return decimal.Decimal{}, err
	}
	clv, clvErr := CLV(in)
	if clvErr != nil {
		return decimal.Decimal{}, errors.Join(clvErr, err)
	}
	return clv, err // nil, or the *Refused of the transactions left out
}

// HistoricalCLV returns each customer's revenue to date: the sum of its transactions.
//
// Errors: [ErrNegative] for a negative Amount; [ErrCurrencyMismatch] for two
// currencies; [ErrOutOfRange] beyond [MaxExponent]; [ErrInvalidOption] for a nil
// option or a value outside its type's constants. With [InvalidRecordsSkip] a
// transaction with a record error is left out and a [*Refused] listing those left out
// comes with the result.
func HistoricalCLV(txs []Transaction, opts ...RecordsOption) (map[string]decimal.Decimal, error) {
	const metric = "HistoricalCLV"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	out := make(map[string]decimal.Decimal)
	refused := refusing(p)
	currency, first := "", true
	for i, t := range txs {
		if first {
			currency = t.Currency
		}
		if err := t.validate(metric, currency); err != nil {
			if err = atIndex(err, "txs", i); !refused.keep(i, err) {
				return nil, err
			}
			continue
		}
		first = false
		out[t.Customer] = out[t.Customer].Add(t.Amount)
	}
	return out, refused.err(metric, len(txs))
}

// LTVInput is what [LTV] needs.
type LTVInput struct {
	ARPA        decimal.Decimal   `json:"arpa"`         // average revenue per account per period (usually MRR ÷ customers), ≥ 0
	GrossMargin decimal.Decimal   `json:"gross_margin"` // gross margin, a fraction in (0, 1]; 1 for a revenue LTV such as ChartMogul's
	Churn       decimal.Decimal   `json:"churn"`        // customer churn rate of the period, a fraction in [0, 1]
	ChurnBefore []decimal.Decimal `json:"churn_before"` // churn rates of earlier periods, oldest first; only with TrailingChurn or TrailingChurnBefore, refused without them
}

// LTV returns subscription lifetime value, in ARPA's currency:
//
//	LTV = ARPA × GrossMargin ÷ churn
//
// where churn is the period's Churn by default; with [TrailingChurn](n) the mean of
// the last n − 1 rates of ChurnBefore and Churn; with [TrailingChurnBefore](n) the
// mean of the last n rates of ChurnBefore, Churn left out (ChartMogul: n = 6, and no
// margin: GrossMargin 1; its example, ARPA $100 over a 5 % trailing churn, is $2,000).
// Churn is checked under every option.
//
// Errors: [ErrNegative] for a negative input; [ErrOutOfRange] for a margin outside
// (0, 1], a churn rate outside [0, 1], or fewer rates than the trailing window;
// [ErrZeroDenominator] when the churn used is zero (no churn: no finite lifetime);
// [ErrInvalidOption] for ChurnBefore without a trailing window, which alone reads it
// (so the rates are never silently ignored), and for a nil option or a window outside
// its range.
func LTV(in LTVInput, opts ...LTVOption) (decimal.Decimal, error) {
	const metric = "LTV"
	p, err := policyFor(metric, opts)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := firstError(
		nonNegative(metric, "ARPA", in.ARPA),
		fractionIn(metric, "GrossMargin", in.GrossMargin, true),
		fractionIn(metric, "Churn", in.Churn, false),
	); err != nil {
		return decimal.Decimal{}, err
	}
	n := p.LTVChurn.Periods
	if n == 0 {
		if len(in.ChurnBefore) > 0 {
			return decimal.Decimal{}, newError(metric, "ChurnBefore", ErrInvalidOption, "%d earlier rates, read only with TrailingChurn(n) or TrailingChurnBefore(n)", len(in.ChurnBefore))
		}
		return div(metric, "Churn", in.ARPA.Mul(in.GrossMargin), in.Churn)
	}
	earlier := n - 1 // rates of ChurnBefore in the mean
	if p.LTVChurn.ExcludeCurrent {
		earlier = n
	}
	if earlier > len(in.ChurnBefore) {
		return decimal.Decimal{}, newError(metric, "ChurnBefore", ErrOutOfRange, "a %d-period average needs %d earlier rates, have %d", n, earlier, len(in.ChurnBefore))
	}
	for i, c := range in.ChurnBefore {
		if err := fractionIn(metric, "ChurnBefore", c, false); err != nil {
			return decimal.Decimal{}, atIndex(renamed(err, ""), "ChurnBefore", i)
		}
	}
	rates, field := in.ChurnBefore[len(in.ChurnBefore)-earlier:], "ChurnBefore"
	if !p.LTVChurn.ExcludeCurrent {
		// A copy with the current rate, never a write into the caller's array, on the
		// stack for the usual windows (a year of months or less); one sum.
		var buf [12]decimal.Decimal
		rates, field = append(append(buf[:0], rates...), in.Churn), "Churn"
	}
	total := sumOf(rates...)
	// LTV = ARPA × margin ÷ (total ÷ n) = ARPA × margin × n ÷ total, one division.
	return div(metric, field, times(in.ARPA.Mul(in.GrossMargin), int64(n)), total)
}

// LTVByPeriod returns [LTV] of every period of a series from [History.Series] (or
// [Totals.Series]), as [AcquisitionByPeriod] computes it: the period's revenue per
// account (its ARPA, which is monthly, × the months of the period, so that it covers
// the time its churn does), grossMargin, and its CustomerChurn; with [TrailingChurn]
// or [TrailingChurnBefore], the mean of the CustomerChurn of the periods of the series
// the window covers, read from the series itself. For monthly periods and
// ChartMogulPolicy (TrailingChurnBefore(6)) with grossMargin 1 it is ChartMogul's LTV
// chart. The rates are the series' as it reports them, rounded at [Scale] places, so
// an LTV over a rate that does not terminate (1 of 3 customers lost) is exact to
// about 16 significant digits, not to the last: round it for display.
//
// A period's LTV holds its error when its ARPA, or a churn rate its window reads, is
// undefined; when the window reaches before the series' first period
// ([ErrOutOfRange]: pass earlier periods to fill it); when the churn it divides by is
// zero ([ErrZeroDenominator]); and when the period is no calendar month, quarter or
// year ([ErrInvalidPeriod]: its ARPA and churn need not cover the same time).
//
// Errors: [ErrOutOfRange] for a grossMargin outside (0, 1]; [ErrInvalidOption] for a
// nil option or a window outside its range.
func LTVByPeriod(series []PeriodMetrics, grossMargin decimal.Decimal, opts ...LTVOption) ([]Metric, error) {
	const metric = "LTVByPeriod"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if err := fractionIn(metric, "grossMargin", grossMargin, true); err != nil {
		return nil, err
	}
	return periodLTVs(metric, "series", series, grossMargin, p), nil
}

// periodLTVs returns [LTV] of every period of series under p, its margin checked; a
// period that is no calendar month, quarter or year is named as metric's field.
func periodLTVs(metric, field string, series []PeriodMetrics, margin decimal.Decimal, p Policy) []Metric {
	out := make([]Metric, len(series))
	n := p.LTVChurn.Periods
	earlier := 0 // rates before the period's that its window reads
	switch {
	case n > 0 && p.LTVChurn.ExcludeCurrent:
		earlier = n
	case n > 0:
		earlier = n - 1
	}
	for k, s := range series {
		if s.Period.months == 0 {
			out[k] = metricOf(decimal.Decimal{}, newError(metric, field, ErrInvalidPeriod, "%s is no calendar month, quarter or year: its revenue per account and churn need not cover the same time", s.Period))
			continue
		}
		arpa, err := s.ARPA.Value()
		if err != nil {
			out[k] = metricOf(decimal.Decimal{}, err)
			continue
		}
		in := LTVInput{ARPA: times(arpa, int64(s.Period.months)), GrossMargin: margin}
		if c, err := s.CustomerChurn.Value(); err == nil {
			in.Churn = c
		} else if !p.LTVChurn.ExcludeCurrent {
			out[k] = metricOf(decimal.Decimal{}, err)
			continue
		}
		for j := max(0, k-earlier); j < k && err == nil; j++ {
			var c decimal.Decimal
			if c, err = series[j].CustomerChurn.Value(); err == nil {
				in.ChurnBefore = append(in.ChurnBefore, c)
			}
		}
		if err != nil {
			out[k] = metricOf(decimal.Decimal{}, err)
			continue
		}
		out[k] = metricOf(LTV(in, p.LTVChurn))
	}
	return out
}

// CustomerLifetime returns the average customer lifetime in periods from a churn rate
// per period: 1 ÷ churn (2 % monthly churn is 50 months).
//
// Errors: [ErrZeroDenominator] for zero churn; [ErrNegative] or [ErrOutOfRange] for a
// rate outside [0, 1].
func CustomerLifetime(churn decimal.Decimal) (decimal.Decimal, error) {
	const metric = "CustomerLifetime"
	if err := fractionIn(metric, "churn", churn, false); err != nil {
		return decimal.Decimal{}, err
	}
	return div(metric, "churn", one, churn)
}
