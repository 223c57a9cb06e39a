package revops

import (
	"encoding/json"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Recurring is an exact recurring amount per month, as [ChargeMRR], [MRR] and
// [MRRByCustomer] return it. Normalizing a charge to a month divides by the months of
// its interval, so a plan of 1,000 a year is 1000/12 a month, which no decimal holds;
// Recurring keeps it as that fraction, so that its [Recurring.Annual] is 1,000 exactly
// and the sum of three 100-a-year plans is 300 a year, not 299.9999999999999988.
//
// A decimal is taken from it once, at the boundary, by one documented rounding:
// [Recurring.Monthly] and [Recurring.Annual] to [Scale] places, [Recurring.RoundMonthly]
// and [Recurring.RoundAnnual] to a currency's minor units, both half away from zero
// from the exact value, never from an already rounded one. The zero value is 0.
type Recurring struct {
	// The amount is num ÷ den, with den ≥ 1 coprime with 10 (factors 2 and 5 are
	// moved into num, where they divide exactly) and with the coefficient of num
	// (the fraction is in lowest terms). den is 0 in the zero value, read as 1.
	num decimal.Decimal
	den int64
}

// recurringOf returns num ÷ den in lowest terms; den ≥ 1.
func recurringOf(num decimal.Decimal, den int64) Recurring {
	for den%2 == 0 { // num ÷ 2 = num × 5 ÷ 10, exactly
		num, den = num.Mul(five).Shift(-1), den/2
	}
	for den%5 == 0 {
		num, den = num.Mul(two).Shift(-1), den/5
	}
	if den > 1 && num.NumDigits() <= 18 { // the coefficient is an int64: no big.Int
		c := num.CoefficientInt64()
		if g := gcd(uint64(max(c, -c))%uint64(den), uint64(den)); g > 1 {
			num = decimal.New(c/int64(g), num.Exponent())
			den /= int64(g)
		}
	} else if den > 1 {
		c := num.Coefficient()
		if g := gcd(new(big.Int).Mod(c, big.NewInt(den)).Uint64(), uint64(den)); g > 1 {
			num = decimal.NewFromBigInt(c.Quo(c, new(big.Int).SetUint64(g)), num.Exponent())
			den /= int64(g)
		}
	}
	return Recurring{num: num, den: den}
}

var (
	two  = decimal.NewFromInt(2)
	five = decimal.NewFromInt(5)
)

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (r Recurring) denominator() int64 { return max(r.den, 1) }

// numerators writes into out (len(rs) long) rs over their least common denominator:
// each one's numerator, and returns that denominator, so that a ratio of sums of them,
// computed on the numerators, is the exact ratio of the amounts. Over a denominator of
// 1 (every monthly decimal) each numerator is the amount itself, without allocating.
// It reports false, and writes nothing, when the denominator would pass 2⁶³.
func numerators(out []decimal.Decimal, rs ...Recurring) (int64, bool) {
	den := int64(1)
	for _, r := range rs {
		d := r.denominator()
		if den%d == 0 {
			continue
		}
		g := int64(gcd(uint64(den), uint64(d)))
		hi, lo := bits.Mul64(uint64(den/g), uint64(d))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		den = int64(lo)
	}
	for i, r := range rs {
		out[i] = times(r.num, den/r.denominator())
	}
	return den, true
}

// neg returns −r.
func (r Recurring) neg() Recurring { return Recurring{num: r.num.Neg(), den: r.den} }

// times returns r × d exactly.
func (r Recurring) times(d decimal.Decimal) Recurring {
	return recurringOf(r.num.Mul(d), r.denominator())
}

// add returns r + s exactly, or false when the common denominator would pass the
// int64 range (intervals whose month counts share no factor and multiply past 9.2e18).
func (r Recurring) add(s Recurring) (Recurring, bool) {
	a, b := r.denominator(), s.denominator()
	if a == b {
		return recurringOf(r.num.Add(s.num), a), true
	}
	g := int64(gcd(uint64(a), uint64(b)))
	hi, lo := bits.Mul64(uint64(a/g), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return Recurring{}, false
	}
	l := int64(lo)
	return recurringOf(times(r.num, l/a).Add(times(s.num, l/b)), l), true
}

// Add returns r + s exactly.
//
// Errors: [ErrOutOfRange] when the sum's denominator would pass 2⁶³ (intervals whose
// month counts share no factor and multiply past 9.2 × 10¹⁸).
func (r Recurring) Add(s Recurring) (Recurring, error) {
	sum, ok := r.add(s)
	if !ok {
		return Recurring{}, tooFine("Recurring.Add", "s")
	}
	return sum, nil
}

// Sub returns r − s exactly, which may be below zero: the change between two
// customers' or two instants' MRR.
//
// Errors: [ErrOutOfRange] when the difference's denominator would pass 2⁶³, as for
// [Recurring.Add].
func (r Recurring) Sub(s Recurring) (Recurring, error) {
	d, ok := r.add(s.neg())
	if !ok {
		return Recurring{}, tooFine("Recurring.Sub", "s")
	}
	return d, nil
}

// Cmp returns −1, 0 or +1 as r is below, equal to or above s, exactly.
func (r Recurring) Cmp(s Recurring) int {
	a := r.num.Mul(decimal.NewFromInt(s.denominator()))
	return a.Cmp(s.num.Mul(decimal.NewFromInt(r.denominator())))
}

// Sign returns −1, 0 or +1 as the amount is below, at or above zero.
func (r Recurring) Sign() int { return r.num.Sign() }

// Monthly returns the amount per month: exact when it is a terminating decimal (every
// monthly plan, and every plan whose price divides evenly), and otherwise num ÷ den
// rounded to [Scale] places, half away from zero: 1,000 a year is 83.3333333333333333.
func (r Recurring) Monthly() decimal.Decimal { return r.rounded(r.num, Scale) }

// Annual returns the amount per year, 12 × the monthly amount, from the exact
// fraction: 1,000 a year is 1000, and it is exact whenever the yearly amount is a
// terminating decimal (every plan billed monthly, quarterly, half-yearly, yearly or
// weekly), and otherwise rounded to [Scale] places, half away from zero (a
// three-year plan of 1,000 is 333.3333333333333333 a year).
func (r Recurring) Annual() decimal.Decimal {
	a := recurringOf(times(r.num, 12), r.denominator())
	return a.rounded(a.num, Scale)
}

// rounded returns num ÷ r's denominator: exact when the denominator is 1, else rounded
// to places, half away from zero.
func (r Recurring) rounded(num decimal.Decimal, places int32) decimal.Decimal {
	if r.den <= 1 {
		return num
	}
	return num.DivRound(decimal.NewFromInt(r.den), places)
}

// RoundMonthly returns the amount per month rounded to the minor units of currency
// (see [MinorUnits]), half away from zero, from the exact value: 1,000 USD a year is
// 83.33 a month, 1,000 JPY a year is 83.
//
// Errors: [ErrOutOfRange] for a code that is not in the ISO 4217 table or has no minor
// unit.
func (r Recurring) RoundMonthly(currency string) (decimal.Decimal, error) {
	return r.roundTo("RoundMonthly", r.num, currency)
}

// RoundAnnual returns the amount per year, 12 × the monthly amount, rounded to the
// minor units of currency, half away from zero, from the exact value: a three-year
// plan of 1,000 USD is 333.33 a year.
//
// Errors: as [Recurring.RoundMonthly].
func (r Recurring) RoundAnnual(currency string) (decimal.Decimal, error) {
	a := recurringOf(times(r.num, 12), r.denominator())
	return a.roundTo("RoundAnnual", a.num, currency)
}

func (r Recurring) roundTo(metric string, num decimal.Decimal, currency string) (decimal.Decimal, error) {
	places, err := minorUnits(metric, currency)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if r.den <= 1 {
		return num.Round(places), nil
	}
	return num.DivRound(decimal.NewFromInt(r.den), places), nil
}

// Fraction returns the exact amount per month as num ÷ den in lowest terms, den ≥ 1
// and coprime with 10, for a caller that keeps exact values itself: 1,000 a year is
// 250 ÷ 3.
func (r Recurring) Fraction() (num decimal.Decimal, den int64) { return r.num, r.denominator() }

// IsZero reports whether the amount is 0.
func (r Recurring) IsZero() bool { return r.num.IsZero() }

// Equal reports whether r and s are the same amount.
func (r Recurring) Equal(s Recurring) bool {
	return r.denominator() == s.denominator() && r.num.Equal(s.num)
}

// String returns [Recurring.Monthly] as a decimal string.
func (r Recurring) String() string { return r.Monthly().String() }

// recurringJSON is the JSON form of a Recurring.
type recurringJSON struct {
	MRR      decimal.Decimal `json:"mrr"`
	ARR      decimal.Decimal `json:"arr"`
	Fraction string          `json:"monthly_fraction,omitempty"`
}

// MarshalJSON encodes the amount as {"mrr": "83.3333333333333333", "arr": "1000"}:
// [Recurring.Monthly] and [Recurring.Annual] as decimal strings. When the ARR does not
// terminate either (a three-year plan), "monthly_fraction" adds the exact monthly
// amount as "num/den" ("250/9"), so that decoding loses nothing.
func (r Recurring) MarshalJSON() ([]byte, error) {
	v := recurringJSON{MRR: r.Monthly(), ARR: r.Annual()}
	if recurringOf(times(r.num, 12), r.denominator()).den > 1 {
		v.Fraction = r.num.String() + "/" + strconv.FormatInt(r.den, 10)
	}
	return json.Marshal(v)
}

// UnmarshalJSON decodes what MarshalJSON encodes, exactly: from "monthly_fraction"
// when it is there, else as "arr" ÷ 12.
//
// Errors: [ErrOutOfRange] for a fraction that is not "decimal/positive integer" or an
// amount beyond [MaxExponent]; [ErrInconsistent] when "mrr" is not what the exact
// amount rounds to.
func (r *Recurring) UnmarshalJSON(b []byte) error {
	const metric = "Recurring"
	var v recurringJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	var got Recurring
	field := "arr"
	if v.Fraction != "" {
		field = "monthly_fraction"
		n, d, ok := strings.Cut(v.Fraction, "/")
		num, err := decimal.NewFromString(n)
		den, err2 := strconv.ParseInt(d, 10, 64)
		if !ok || err != nil || err2 != nil || den < 1 {
			return newError(metric, field, ErrOutOfRange, "%q is not decimal/positive integer", v.Fraction)
		}
		if err := finite(metric, field, num); err != nil {
			return err
		}
		got = recurringOf(num, den)
	} else {
		if err := finite(metric, field, v.ARR); err != nil {
			return err
		}
		got = recurringOf(v.ARR, 12)
	}
	if m := got.Monthly(); !m.Equal(v.MRR) {
		return newError(metric, "mrr", ErrInconsistent, "%s, but %s gives %s", v.MRR, field, m)
	}
	*r = got
	return nil
}

// MinorUnits returns the number of decimal places of a currency's minor unit in
// ISO 4217 (List One, as maintained by SIX for ISO): 2 for USD and EUR (cents), 0 for
// JPY and KRW, 3 for KWD, BHD and the other dinars, 4 for CLF. The code is matched
// without regard to letter case or surrounding spaces. Currencies withdrawn since 2019 (HRK, SLL, ZWL, ANG,
// CUC, VEF, MRO, STD, BYR) are kept, for historical records.
//
// Errors: [ErrOutOfRange] for a code not in the table, and for the codes ISO lists
// with no minor unit (gold XAU, special drawing rights XDR, XXX).
func MinorUnits(currency string) (int32, error) {
	return minorUnits("MinorUnits", currency)
}

func minorUnits(metric, currency string) (int32, error) {
	code := currencyCode(currency)
	if n, ok := iso4217[code]; ok {
		if n < 0 {
			return 0, newError(metric, "currency", ErrOutOfRange, "%s has no minor unit in ISO 4217", code)
		}
		return n, nil
	}
	return 0, newError(metric, "currency", ErrOutOfRange, "%q is not an ISO 4217 currency code", currency)
}

// FromMinorUnits returns an amount given in its currency's minor units, as most
// payment systems give amounts, in major units: the integer × 10^−exponent, the
// currency's ISO 4217 exponent ([MinorUnits]): 1999 USD is 19.99, 500 JPY is 500, 5125
// KWD is 5.125. Exact. Stripe's API departs from ISO 4217 for two currencies (ISK
// keeps two places, MGA has none): package stripedata's FromMinorUnits follows it.
//
// Errors: as [MinorUnits].
func FromMinorUnits(amount int64, currency string) (decimal.Decimal, error) {
	places, err := minorUnits("FromMinorUnits", currency)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return decimal.New(amount, -places), nil
}

// RoundToMinorUnits rounds amount to the minor units of currency, half away from
// zero: 2.345 USD is 2.35, −2.345 USD is −2.35, 1,234.5 JPY is 1235, 1.2345 KWD is
// 1.235. It is the one rounding to money of this package; round a total once, at the
// boundary, not each term.
//
// Errors: as [MinorUnits]; [ErrOutOfRange] for an amount beyond [MaxExponent].
func RoundToMinorUnits(amount decimal.Decimal, currency string) (decimal.Decimal, error) {
	const metric = "RoundToMinorUnits"
	if err := finite(metric, "amount", amount); err != nil {
		return decimal.Decimal{}, err
	}
	places, err := minorUnits(metric, currency)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return amount.Round(places), nil
}

// iso4217 maps each ISO 4217 alphabetic code to its minor unit; −1 marks the codes
// listed with none (N.A.).
var iso4217 = func() map[string]int32 {
	m := map[string]int32{}
	for units, codes := range map[int32]string{
		0: "BIF BYR CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
		2: "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL " +
			"BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK " +
			"DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG " +
			"HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL " +
			"MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR " +
			"NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE " +
			"SLL SOS SRD SSP STD STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD " +
			"USN UYU UZS VED VEF VES WST XCD XCG YER ZAR ZMW ZWG ZWL",
		3:  "BHD IQD JOD KWD LYD OMR TND",
		4:  "CLF UYW",
		-1: "XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX",
	} {
		for _, code := range strings.Fields(codes) {
			m[code] = units
		}
	}
	return m
}()
