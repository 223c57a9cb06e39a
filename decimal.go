package revops

import "github.com/shopspring/decimal"

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

var hundred = decimal.NewFromInt(100)

// div returns num ÷ den rounded to Scale places, half away from zero, or an
// ErrZeroDenominator error naming field when den is zero. It is the one division of
// the package.
func div(metric, field string, num, den decimal.Decimal) (decimal.Decimal, error) {
	if den.IsZero() {
		return decimal.Decimal{}, newError(metric, field, ErrZeroDenominator, "")
	}
	return num.DivRound(den, Scale), nil
}

// ratio is div for counts.
func ratio(metric, field string, num, den int64) (decimal.Decimal, error) {
	return div(metric, field, decimal.NewFromInt(num), decimal.NewFromInt(den))
}
