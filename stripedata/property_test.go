package stripedata_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/revopskit/revops/stripedata"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// exponents are currencies of every exponent Stripe's API uses, with the exponent
// written by hand from Stripe's currency page and ISO 4217: the property below checks
// the code against them, not against itself.
var exponents = []struct {
	code   string
	places int32
}{
	{"usd", 2}, {"eur", 2}, {"jpy", 0}, {"krw", 0}, {"vnd", 0}, {"kwd", 3}, {"bhd", 3}, {"tnd", 3},
	{"clf", 4},
	{"isk", 2}, // ISO 4217 0, Stripe's API 2
	{"mga", 0}, // ISO 4217 2, Stripe's API 0
}

// TestMinorUnitsRoundTrip: for every exponent, an amount in minor units comes back
// exactly from its major units, whether converted alone or read from a subscription's
// unit_amount, a coupon's amount_off or an invoice line's amount.
func TestMinorUnitsRoundTrip(t *testing.T) {
	sub := fixture(t, "subscription.json")
	inv := fixture(t, "invoice.json")
	rapid.Check(t, func(rt *rapid.T) {
		c := rapid.SampledFrom(exponents).Draw(rt, "currency")
		n := rapid.Int64Range(0, 1<<62).Draw(rt, "minor units")
		back := func(what string, major decimal.Decimal) {
			if got := major.Shift(c.places); !got.Equal(decimal.NewFromInt(n)) {
				rt.Fatalf("%s: %d %s became %s, which is %s minor units", what, n, c.code, major, got)
			}
		}
		places, err := stripedata.MinorUnits(c.code)
		if err != nil || places != c.places {
			rt.Fatalf("MinorUnits(%s) = %d, %v; want %d", c.code, places, err, c.places)
		}
		m, err := stripedata.FromMinorUnits(n, strings.ToUpper(c.code))
		if err != nil {
			rt.Fatal(err)
		}
		back("FromMinorUnits", m)

		data := patched(rt, sub, fmt.Sprintf(`{"currency": %q}`, c.code), item(rt, fmt.Sprintf(`{"price": {"currency": %q, "unit_amount": %d, "unit_amount_decimal": "%d"}}`, c.code, n, n)),
			fmt.Sprintf(`{"discounts": [{"id": "di_1", "start": 1735689600, "source": {"type": "coupon", "coupon": {"id": "X", "duration": "forever", "amount_off": %d, "currency": %q}}}]}`, n+1, c.code))
		subs, err := stripedata.Subscriptions(data, stripedata.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		back("unit_amount", subs[0].Items[0].Price)
		if got := subs[0].Discounts[0].Amount.Shift(c.places); !got.Equal(decimal.NewFromInt(n + 1)) {
			rt.Fatalf("amount_off %d became %s", n+1, subs[0].Discounts[0].Amount)
		}

		lines, err := stripedata.InvoiceLines(patched(rt, inv, fmt.Sprintf(`{"currency": %q}`, c.code), line(rt, "invoice.json", fmt.Sprintf(`{"currency": %q, "amount": %d}`, c.code, n))), nil, stripedata.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		back("amount", lines[0].Amount)
	})
}

// TestPercentOff: a coupon's percent_off p becomes the fraction p ÷ 100 exactly, for
// every percent Stripe allows (above 0, at most 100, two decimal places).
func TestPercentOff(t *testing.T) {
	sub := fixture(t, "subscription.json")
	rapid.Check(t, func(rt *rapid.T) {
		scale := rapid.IntRange(0, 2).Draw(rt, "scale")
		coef := rapid.Int64Range(1, 100*pow10(scale)).Draw(rt, "coefficient")
		p := decimal.New(coef, -int32(scale))
		subs, err := stripedata.Subscriptions(patched(rt, sub, coupon("1735689600", "null",
			fmt.Sprintf(`{"id": "X", "duration": "forever", "percent_off": %s}`, p))), stripedata.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		if got := subs[0].Discounts[0].Percent; !got.Shift(2).Equal(p) {
			rt.Fatalf("percent_off %s became the fraction %s", p, got)
		}
	})
}

func pow10(n int) int64 {
	out := int64(1)
	for range n {
		out *= 10
	}
	return out
}

// TestInputForms: the same subscriptions, written as one array, one list, pages of
// any sizes one after another, or JSON Lines, decode to the same values in the same
// order, and Detect tells subscriptions in each form.
func TestInputForms(t *testing.T) {
	base := fixture(t, "subscription.json")
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(rt, "subscriptions")
		objs := make([]string, n)
		cents := make([]int64, n)
		for i := range objs {
			cents[i] = rapid.Int64Range(0, 1_000_000).Draw(rt, "cents")
			objs[i] = string(patched(rt, base, fmt.Sprintf(`{"id": "sub_%d"}`, i), item(rt, fmt.Sprintf(`{"price": {"unit_amount": %d, "unit_amount_decimal": "%d"}}`, cents[i], cents[i]))))
		}
		var input string
		switch form := rapid.SampledFrom([]string{"array", "list", "pages", "lines"}).Draw(rt, "form"); form {
		case "array":
			input = "[" + strings.Join(objs, ",") + "]"
		case "list":
			input = `{"object": "list", "url": "/v1/subscriptions", "has_more": false, "data": [` + strings.Join(objs, ",") + `]}`
		case "pages":
			for start := 0; start < n; {
				size := rapid.IntRange(1, n-start).Draw(rt, "page size")
				more := start+size < n
				input += fmt.Sprintf(`{"object": "list", "has_more": %t, "data": [%s]}`, more, strings.Join(objs[start:start+size], ",")) + "\n"
				start += size
			}
		case "lines":
			input = strings.Join(objs, "\n")
		}
		if k := stripedata.Detect([]byte(input)); k != stripedata.KindSubscriptions {
			rt.Fatalf("Detect: %v", k)
		}
		subs, err := stripedata.Subscriptions([]byte(input), stripedata.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		if len(subs) != n {
			rt.Fatalf("%d subscriptions, want %d", len(subs), n)
		}
		for i, s := range subs {
			if s.ID != fmt.Sprintf("sub_%d", i) || !s.Items[0].Price.Equal(decimal.New(cents[i], -2)) {
				rt.Fatalf("subscription %d: %s at %s, want sub_%d at %d cents", i, s.ID, s.Items[0].Price, i, cents[i])
			}
		}
	})
}

// TestLineAmounts: a line's Amount is its amount less its discounts and inclusive
// taxes, whatever they are, and exclusive taxes never change it.
func TestLineAmounts(t *testing.T) {
	inv := fixture(t, "invoice.json")
	rapid.Check(t, func(rt *rapid.T) {
		amount := rapid.Int64Range(-1_000_000, 1_000_000).Draw(rt, "amount")
		discounts := rapid.SliceOfN(rapid.Int64Range(0, 10_000), 0, 3).Draw(rt, "discounts")
		taxes := rapid.SliceOfN(rapid.Int64Range(0, 10_000), 0, 3).Draw(rt, "taxes")
		inclusive := rapid.SliceOfN(rapid.Bool(), len(taxes), len(taxes)).Draw(rt, "inclusive")
		want := amount
		var ds, ts []string
		for _, d := range discounts {
			ds = append(ds, fmt.Sprintf(`{"amount": %d, "discount": "di_1"}`, d))
			want -= d
		}
		for i, x := range taxes {
			behavior := "exclusive"
			if inclusive[i] {
				behavior = "inclusive"
				want -= x
			}
			ts = append(ts, fmt.Sprintf(`{"amount": %d, "tax_behavior": %q}`, x, behavior))
		}
		lines, err := stripedata.InvoiceLines(patched(rt, inv, line(rt, "invoice.json", fmt.Sprintf(`{"amount": %d, "discount_amounts": [%s], "taxes": [%s]}`,
			amount, strings.Join(ds, ","), strings.Join(ts, ",")))), nil, stripedata.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		if !lines[0].Amount.Equal(decimal.New(want, -2)) {
			rt.Fatalf("Amount %s, want %d cents", lines[0].Amount, want)
		}
	})
}
