package revops

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Scale is the number of decimal places to which every division in this package rounds
// its quotient. Rounding is half away from zero: 2/3 is 0.6666666666666667 and −2/3 is
// −0.6666666666666667. Results that need no division (sums, differences, products of
// exact inputs) are exact and keep the scale of their inputs.
//
// The package never reads or writes shopspring's package variables
// (decimal.DivisionPrecision and the others): a result depends on its inputs alone.
const Scale = 16

// MaxExponent bounds the decimal exponent of every amount a caller passes in: a value
// c × 10^e is refused with [ErrOutOfRange] when e > MaxExponent or e < −MaxExponent.
// Any real amount of money or rate fits many times over; the bound keeps a malformed
// input such as 1e-2000000000 from making a sum allocate gigabytes.
const MaxExponent = 1000

var (
	one     = decimal.NewFromInt(1)
	hundred = decimal.NewFromInt(100)
	twelve  = decimal.NewFromInt(12)
)

// sumOf returns the exact sum of ds, with the exponent chained Adds give it (the least
// of the exponents). When every term, scaled to that exponent, fits an int64 and so does
// the sum, it adds in int64 and allocates only the result.
func sumOf(ds ...decimal.Decimal) decimal.Decimal {
	if len(ds) == 0 {
		return decimal.Zero
	}
	exp := ds[0].Exponent()
	for _, d := range ds[1:] {
		exp = min(exp, d.Exponent())
	}
	var total int64
	for _, d := range ds {
		shift := int64(d.Exponent()) - int64(exp)
		if d.NumDigits() > 18 || shift > 18 {
			return sumSlow(ds)
		}
		c := d.CoefficientInt64()
		hi, lo := bits.Mul64(uint64(max(c, -c)), pow10[shift])
		if hi != 0 || lo > math.MaxInt64/2 {
			return sumSlow(ds)
		}
		v := int64(lo)
		if c < 0 {
			v = -v
		}
		if (v > 0 && total > math.MaxInt64/2) || (v < 0 && total < math.MinInt64/2) {
			return sumSlow(ds)
		}
		total += v
	}
	return decimal.New(total, exp)
}

// aboveOne reports d > 1 without allocating when d has at most 18 digits and places.
func aboveOne(d decimal.Decimal) bool {
	if e := d.Exponent(); e <= 0 && e >= -18 && d.NumDigits() <= 18 {
		return d.CoefficientInt64() > int64(pow10[-e])
	}
	return d.GreaterThan(one)
}

// times returns d × n exactly, in int64 when the product fits.
func times(d decimal.Decimal, n int64) decimal.Decimal {
	if n == 1 {
		return d
	}
	if n >= 0 && d.NumDigits() <= 18 {
		c := d.CoefficientInt64()
		if hi, lo := bits.Mul64(uint64(max(c, -c)), uint64(n)); hi == 0 && lo <= math.MaxInt64 {
			v := int64(lo)
			if c < 0 {
				v = -v
			}
			return decimal.New(v, d.Exponent())
		}
	}
	return d.Mul(decimal.NewFromInt(n))
}

func sumSlow(ds []decimal.Decimal) decimal.Decimal {
	total := ds[0]
	for _, d := range ds[1:] {
		total = total.Add(d)
	}
	return total
}

// div returns num ÷ den rounded to Scale places, half away from zero, or an
// ErrZeroDenominator error naming field when den is zero. It is the one division of
// the package.
func div(metric, field string, num, den decimal.Decimal) (decimal.Decimal, error) {
	if den.IsZero() {
		return decimal.Decimal{}, newError(metric, field, ErrZeroDenominator, "")
	}
	return quotient(num, den), nil
}

// quotient is num.DivRound(den, Scale) for den ≠ 0: truncated to Scale places, then one
// unit away from zero when twice the remainder reaches the divisor. When both
// coefficients fit 64 bits and the scaled numerator 128, it divides with math/bits and
// allocates only the result; otherwise it calls DivRound. Both give the same value with
// the same exponent, −Scale.
func quotient(num, den decimal.Decimal) decimal.Decimal {
	if num.NumDigits() <= 18 && den.NumDigits() <= 18 {
		if k := int64(Scale) + int64(num.Exponent()) - int64(den.Exponent()); k >= 0 && k < int64(len(pow10)) {
			n, d := num.CoefficientInt64(), den.CoefficientInt64()
			un, ud := uint64(n), uint64(d)
			if n < 0 {
				un = -un
			}
			if d < 0 {
				ud = -ud
			}
			if hi, lo := bits.Mul64(un, pow10[k]); hi < ud {
				q, r := bits.Div64(hi, lo, ud)
				if q < math.MaxInt64 && r >= ud-r {
					q++ // below MaxInt64, so it can neither wrap nor pass it
				}
				if q < math.MaxInt64 {
					v := int64(q)
					if (n < 0) != (d < 0) {
						v = -v
					}
					return decimal.New(v, -Scale)
				}
			}
		}
	}
	return num.DivRound(den, Scale)
}

// ratio is div for counts.
func ratio(metric, field string, num, den int64) (decimal.Decimal, error) {
	return div(metric, field, decimal.NewFromInt(num), decimal.NewFromInt(den))
}

// root returns (num ÷ den)^(1/n) rounded to Scale places, half away from zero, exactly:
// no float64 and no iteration on decimals, only integer arithmetic. It needs num ≥ 0,
// den > 0 and n ≥ 1, with exponents bounded by MaxExponent and n by MaxSteps.
//
// With T = (num ÷ den) × 10^(Scale·n) = P ÷ Q in integers, the result is y × 10^−Scale
// where y = ⌊T^(1/n)⌋, plus one when (y + ½)^n ≤ T, that is (2y + 1)^n × Q ≤ 2^n × P.
func root(num, den decimal.Decimal, n int) decimal.Decimal {
	if num.Sign() == 0 {
		return decimal.Zero
	}
	p := new(big.Int).Set(num.Coefficient())
	q := new(big.Int).Set(den.Coefficient())
	e := int64(num.Exponent()) - int64(den.Exponent()) + int64(Scale)*int64(n)
	ten := big.NewInt(10)
	if e >= 0 {
		p.Mul(p, new(big.Int).Exp(ten, big.NewInt(e), nil))
	} else {
		q.Mul(q, new(big.Int).Exp(ten, big.NewInt(-e), nil))
	}
	bn := big.NewInt(int64(n))
	y := iroot(new(big.Int).Quo(p, q), n)
	// Round half away from zero: compare (2y + 1)^n × Q with 2^n × P.
	lhs := new(big.Int).Lsh(y, 1)
	lhs.Add(lhs, big.NewInt(1)).Exp(lhs, bn, nil).Mul(lhs, q)
	rhs := new(big.Int).Lsh(p, uint(n))
	if lhs.Cmp(rhs) <= 0 {
		y.Add(y, big.NewInt(1))
	}
	return decimal.NewFromBigInt(y, -Scale)
}

// iroot returns ⌊x^(1/n)⌋ for x ≥ 0 and n ≥ 1 by Newton's method on integers. The step
// r → ⌊((n − 1) r + ⌊x ÷ r^(n−1)⌋) ÷ n⌋ never lands below the root's floor from any
// r > 0 and decreases strictly above it, so one step from a float64 estimate and then
// steps while r decreases end on the floor, in a handful of steps.
func iroot(x *big.Int, n int) *big.Int {
	if x.Sign() == 0 || n == 1 {
		return x
	}
	bn, bn1 := big.NewInt(int64(n)), big.NewInt(int64(n-1))
	pow := new(big.Int)
	step := func(r *big.Int) *big.Int {
		pow.Exp(r, bn1, nil)
		next := new(big.Int).Quo(x, pow)
		next.Add(next, pow.Mul(r, bn1))
		return next.Quo(next, bn)
	}
	r := step(estimateRoot(x, n))
	for {
		next := step(r)
		if next.Cmp(r) >= 0 {
			return r
		}
		r = next
	}
}

// estimateRoot returns a positive integer near x^(1/n), from the top 64 bits of x.
func estimateRoot(x *big.Int, n int) *big.Int {
	shift := x.BitLen() - 64
	top := new(big.Int)
	if shift > 0 {
		top.Rsh(x, uint(shift))
	} else {
		top.Set(x)
		shift = 0
	}
	top64, _ := new(big.Float).SetInt(top).Float64()
	lg := (math.Log2(top64) + float64(shift)) / float64(n)
	k := math.Floor(lg)
	est, _ := new(big.Float).SetMantExp(big.NewFloat(math.Exp2(lg-k)), int(k)).Int(nil)
	return est.Add(est, big.NewInt(1))
}

// share returns part ÷ whole for two counts, a fraction in [0, 1]: both ≥ 0, part ≤
// whole, whole > 0, each failure an *Error naming its field.
func share(metric, partField, wholeField string, part, whole int) (decimal.Decimal, error) {
	if err := firstError(nonNegativeCount(metric, partField, part), nonNegativeCount(metric, wholeField, whole)); err != nil {
		return decimal.Decimal{}, err
	}
	if part > whole {
		return decimal.Decimal{}, newError(metric, partField, ErrInconsistent, "%d of only %d", part, whole)
	}
	return ratio(metric, wholeField, int64(part), int64(whole))
}

// fractionIn checks that d lies in (0, 1] (positive) or [0, 1], naming field.
func fractionIn(metric, field string, d decimal.Decimal, positive bool) error {
	if err := nonNegative(metric, field, d); err != nil {
		return err
	}
	if aboveOne(d) || (positive && d.IsZero()) {
		interval := "[0, 1]"
		if positive {
			interval = "(0, 1]"
		}
		return newError(metric, field, ErrOutOfRange, "%s not in %s", d, interval)
	}
	return nil
}
