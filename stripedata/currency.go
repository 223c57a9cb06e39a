package stripedata

import (
	"strings"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// stripeExponents are the currencies whose minor unit in Stripe's API differs from
// ISO 4217's:
//
//   - ISK: ISO 4217 gives 0 places, and Stripe's API keeps two: "ISK will remain a
//     two-decimal currency in the Stripe API, and an ISK amount of `100` will continue
//     to represent 1 króna" (support.stripe.com, "Deprecation of fractional ISK charges
//     and refunds").
//   - MGA: ISO 4217 gives 2 places, and Stripe lists MGA among its zero-decimal
//     currencies (docs.stripe.com/currencies, "Zero-decimal currencies": BIF, CLP, DJF,
//     GNF, JPY, KMF, KRW, MGA, PYG, RWF, UGX, VND, VUV, XAF, XOF, XPF; every other one
//     of them is zero-decimal in ISO 4217 too).
var stripeExponents = map[string]int32{"ISK": 2, "MGA": 0}

// MinorUnits returns the number of decimal places of a currency's minor unit in
// Stripe's API, the unit of every amount it gives (unit_amount, amount, amount_off):
// ISO 4217's ([revops.MinorUnits]: 2 for USD, 0 for JPY, 3 for KWD and the other
// three-decimal currencies), except ISK, which Stripe's API keeps at 2 places where
// ISO 4217 has 0, and MGA, which Stripe counts in whole ariary (0 places) where ISO
// 4217 has 2. The code is matched without regard to letter case, as Stripe writes it
// in lower case ("usd").
//
// Errors: those of [revops.MinorUnits]: [revops.ErrOutOfRange] for a code not in ISO
// 4217 or one with no minor unit.
func MinorUnits(currency string) (int32, error) {
	if n, ok := stripeExponents[strings.ToUpper(currency)]; ok {
		return n, nil
	}
	return revops.MinorUnits(currency)
}

// FromMinorUnits returns an amount given in Stripe's minor units of its currency
// ([MinorUnits]) in major units, exactly:
//
//	amount × 10^−places
//
// so 1999 USD is 19.99, 500 JPY is 500, 5120 KWD is 5.12 and 500 ISK is 5.
//
// Errors: those of [MinorUnits].
func FromMinorUnits(amount int64, currency string) (decimal.Decimal, error) {
	places, err := MinorUnits(currency)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return decimal.New(amount, -places), nil
}

// major returns minor, an exact amount in Stripe's minor units of currency (an integer
// or a unit_amount_decimal with a fraction), in major units.
func major(minor decimal.Decimal, currency string) (decimal.Decimal, error) {
	places, err := MinorUnits(currency)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return minor.Shift(-places), nil
}
