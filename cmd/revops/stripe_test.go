package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Stripe exports of testdata/, written by hand in the shape of Stripe's
// published example objects (see stripedata/testdata/README.md), as of the test's
// clock, December 15, 2025:
//
//	sub_acme      cus_acme      100 a month from January 1
//	sub_globex    cus_globex    1,200 a year from March 15: 100 a month
//	sub_initech   cus_initech   3 seats at 20 a month, 20 % off for ever, from February 1;
//	                            canceled at the end of its period: ended September 1
//	sub_umbrella  cus_umbrella  a trial from April 1 to 15, then 50 a month
//
// and the invoices of acme's first quarter (100 each for January, February and March)
// and globex's year (1,200 from March 15), with a credit note of 25 on acme's March
// line, effective from March 1: its whole service period.
var (
	stripeSubs    = filepath.Join("testdata", "stripe-subscriptions.json")
	stripeInvs    = filepath.Join("testdata", "stripe-invoices.json")
	stripeCredits = filepath.Join("testdata", "stripe-credit-notes.json")
)

// The subscription route, by hand, at the close of each month:
//
//	January   acme 100                                   = 100, new 100
//	February  + initech 3 × 20 = 60, less 20 %: 48        = 148, new 48
//	March     + globex 1,200 ÷ 12 = 100                  = 248, new 100
//	April     + umbrella 50 from the end of its trial     = 298, new 50 (its trial pays nothing)
//	September − initech 48                               = 250, churn 48
//	December                                             = 250: 3 customers
func TestStripeSubscriptions(t *testing.T) {
	want := map[string][3]string{ // new, churn, end MRR
		"2025-01": {"100", "0", "100"}, "2025-02": {"48", "0", "148"}, "2025-03": {"100", "0", "248"}, "2025-04": {"50", "0", "298"},
		"2025-05": {"0", "0", "298"}, "2025-08": {"0", "0", "298"}, "2025-09": {"0", "48", "250"}, "2025-12": {"0", "0", "250"},
	}
	raw, err := os.ReadFile(stripeSubs)
	require.NoError(t, err)
	for _, args := range [][]string{{"report", stripeSubs}, {"report", "-source", "stripe", stripeSubs}, {stripeSubs}} {
		r := reportJSON(t, args...)
		require.Equal(t, "stripe_subscriptions", r.Source.Format, "%v: told from the content", args)
		require.Equal(t, 4, r.Source.Rows, "four subscriptions")
		require.Equal(t, 5, r.Source.Spans, "umbrella's trial is a span of its own, at 0")
		require.Equal(t, 4, r.Source.Customers)
		series := byPeriod(r.Tables["series"])
		require.Len(t, series, 12, "January to today's December")
		for p, w := range want {
			require.Equal(t, w, [3]string{str(series[p]["new_mrr"]), str(series[p]["churn_mrr"]), str(series[p]["end_mrr"])}, "%v %s", args, p)
		}
		require.Equal(t, "3", str(series["2025-12"]["end_customers"]))
	}
	// A pipe is read too, and -source csv reads the same bytes as a CSV, which they
	// are not.
	out, errOut, code := runPipe(t, string(raw), "report", "-format", "json")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, `"format":"stripe_subscriptions"`)
	_, errOut, code = runPipe(t, string(raw), "report", "-source", "csv")
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, "revops report: standard input: header: malformed record")
}

// The invoice route, by hand: acme's lines pay 100 for each of January, February and
// March, less the credit note's 25 on March (effective from the start of March's
// service period, so over all of it): 75; globex's 1,200 a year from March 15 is 100
// a month. March: new 100 (globex), contraction 25 (acme); April: acme has no line
// after March, so its 75 churns; 100 remains.
func TestStripeInvoices(t *testing.T) {
	for _, files := range [][]string{{stripeInvs, stripeCredits}, {stripeCredits, stripeInvs}} {
		r := reportJSON(t, append([]string{"report", "-source", "stripe", "-to", "2025-05"}, files...)...)
		require.Equal(t, "stripe_invoices", r.Source.Format)
		require.Equal(t, 5, r.Source.Rows, "five invoice lines: four invoices' and the credit note's")
		series := byPeriod(r.Tables["series"])
		for p, w := range map[string][4]string{ // new, contraction, churn, end
			"2025-01": {"100", "0", "0", "100"}, "2025-02": {"0", "0", "0", "100"}, "2025-03": {"100", "25", "0", "175"},
			"2025-04": {"0", "0", "75", "100"}, "2025-05": {"0", "0", "0", "100"},
		} {
			got := [4]string{str(series[p]["new_mrr"]), str(series[p]["contraction_mrr"]), str(series[p]["churn_mrr"]), str(series[p]["end_mrr"])}
			require.Equal(t, w, got, "%v %s", files, p)
		}
	}
	// The invoices alone: March is 100 for acme.
	r := reportJSON(t, "report", stripeInvs, "-to", "2025-04")
	require.Equal(t, "200", str(byPeriod(r.Tables["series"])["2025-03"]["end_mrr"]))
	// Beside an empty listing of credit notes (an account that has none, listed
	// without its url), and after a byte order mark: the same (attacked: both were
	// refused as not Stripe's).
	raw, err := os.ReadFile(stripeInvs)
	require.NoError(t, err)
	bom := writeFile(t, "invoices.json", "\ufeff"+string(raw))
	none := writeFile(t, "credit_notes.json", `{"object": "list", "has_more": false, "data": []}`)
	r = reportJSON(t, "report", "-source", "stripe", bom, none, "-to", "2025-04")
	require.Equal(t, "200", str(byPeriod(r.Tables["series"])["2025-03"]["end_mrr"]))
	_, errOut, code := runCmd(t, "report", none)
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, "no Stripe objects: an empty listing")
}

// Stripe's timestamps are instants: acme's start, 2025-01-01T00:00Z, is 16:00 on
// December 31, 2024 in Los Angeles, so with -tz it is a December customer there, and
// initech's, 2025-02-01T00:00Z, makes it January's.
func TestStripeTimeZone(t *testing.T) {
	r := reportJSON(t, "report", stripeSubs, "-tz", "America/Los_Angeles", "-to", "2025-02")
	series := byPeriod(r.Tables["series"])
	require.Equal(t, "100", str(series["2024-12"]["new_mrr"]))
	require.Equal(t, "48", str(series["2025-01"]["new_mrr"]))
	require.Equal(t, "0", str(series["2025-02"]["new_mrr"]))
}

// patchSubs returns the subscriptions export with the fields of patch merged into
// the subscription id, written to a new file.
func patchSubs(t *testing.T, patches map[string]string) string {
	t.Helper()
	raw, err := os.ReadFile(stripeSubs)
	require.NoError(t, err)
	var list map[string]any
	require.NoError(t, json.Unmarshal(raw, &list))
	for _, v := range list["data"].([]any) {
		sub := v.(map[string]any)
		if p, ok := patches[sub["id"].(string)]; ok {
			var m map[string]any
			require.NoError(t, json.Unmarshal([]byte(p), &m), p)
			for k, x := range m {
				sub[k] = x
			}
		}
	}
	b, err := json.Marshal(list)
	require.NoError(t, err)
	return writeFile(t, "subs.json", string(b))
}

// A status Stripe's object does not date is an error that names the subscription,
// the field and the flag that supplies the date; -status-since supplies it, read in
// -tz. acme unpaid since November 20 stops paying then: November churns its 100, and
// December closes at 250 − 100 = 150.
func TestStripeStatusSince(t *testing.T) {
	file := patchSubs(t, map[string]string{"sub_acme": `{"status": "unpaid"}`})
	_, errOut, code := runCmd(t, "report", file)
	require.Equal(t, exitInput, code)
	require.True(t, strings.HasPrefix(errOut, "revops report: "+file+`: subscriptions["sub_acme"].latest_invoice: inconsistent inputs (`), errOut)
	require.True(t, strings.HasSuffix(errOut, "; the command takes the date with -status-since sub_acme=DATE\n"), errOut)
	require.Equal(t, 1, strings.Count(errOut, "\n"))

	r := reportJSON(t, "report", file, "-status-since", "sub_acme=2025-11-20")
	series := byPeriod(r.Tables["series"])
	require.Equal(t, "100", str(series["2025-11"]["churn_mrr"]))
	require.Equal(t, "150", str(series["2025-12"]["end_mrr"]))
	// In Los Angeles, November 20 begins 8 hours after it does in UTC: the same month.
	r = reportJSON(t, "report", file, "-status-since", "sub_acme=2025-12-01", "-tz", "America/Los_Angeles")
	require.Equal(t, "100", str(byPeriod(r.Tables["series"])["2025-12"]["churn_mrr"]), "December 1 in Los Angeles is December's")

	_, errOut, code = runCmd(t, "report", file, "-status-since", "sub_acme=2025-11-20", "-status-since", "sub_acme=2025-11-21")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, `-status-since gives "sub_acme" twice`)
	_, errOut, code = runCmd(t, "report", file, "-status-since", "sub_acme:2025-11-20")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, `-status-since "sub_acme:2025-11-20": want ID=DATE`)
}

// A pause of collection: Stripe records when it resumes, not when it began, which
// -pause-start gives. umbrella paused from November 1 pays nothing under the default
// (a pause pays nothing, and a customer at zero MRR churns): November churns its 50;
// ChartMogul keeps a paused subscription's MRR: no churn.
func TestStripePauseStart(t *testing.T) {
	file := patchSubs(t, map[string]string{"sub_umbrella": `{"pause_collection": {"behavior": "void", "resumes_at": 1768435200}}`}) // 2026-01-15
	_, errOut, code := runCmd(t, "report", file)
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, `subscriptions["sub_umbrella"].pause_collection: inconsistent inputs (`)
	require.True(t, strings.HasSuffix(errOut, "; the command takes the date with -pause-start sub_umbrella=DATE\n"), errOut)
	r := reportJSON(t, "report", file, "-pause-start", "sub_umbrella=2025-11-01")
	require.Equal(t, "50", str(byPeriod(r.Tables["series"])["2025-11"]["churn_mrr"]))
	r = reportJSON(t, "report", file, "-pause-start", "sub_umbrella=2025-11-01", "-preset", "chartmogul")
	require.Equal(t, "0", str(byPeriod(r.Tables["series"])["2025-11"]["churn_mrr"]))
	require.Equal(t, "250", str(byPeriod(r.Tables["series"])["2025-12"]["end_mrr"]))
}

// Every error names the file, the object by its id and the field, from the error's
// Record and Field, once, in one line; exit 1.
func TestStripeBadInput(t *testing.T) {
	for _, c := range []struct {
		name  string
		files func(t *testing.T) []string
		want  string
	}{
		{"an unknown interval", func(t *testing.T) []string {
			return []string{patchSubs(t, map[string]string{"sub_globex": `{"items": {"object": "list", "has_more": false, "data": [{"id": "si_g", "object": "subscription_item", "quantity": 1,
				"price": {"id": "p", "object": "price", "currency": "usd", "unit_amount": 100, "recurring": {"interval": "fortnight", "interval_count": 1}}}]}}`})}
		}, `subscriptions["sub_globex"].items.data[0].price.recurring.interval: value out of range (`},
		{"no customer", func(t *testing.T) []string {
			return []string{patchSubs(t, map[string]string{"sub_initech": `{"customer": null}`})}
		},
			`subscriptions["sub_initech"].customer: malformed record`},
		{"not JSON", func(t *testing.T) []string {
			return []string{writeFile(t, "cut.json", "{\"object\": \"list\", \"data\": [\n{\"object\": \"subscription\",\n}]}\n")}
		},
			`line 3: malformed record (not JSON`},
		{"a broken credit notes file", func(t *testing.T) []string {
			raw, _ := os.ReadFile(stripeCredits)
			return []string{stripeInvs, writeFile(t, "cn.json", string(raw)[:600])}
		}, `cn.json: line `},
		{"no Stripe objects", func(t *testing.T) []string {
			return []string{writeFile(t, "customers.json", `{"object": "list", "url": "/v1/customers", "data": [{"object": "customer", "id": "cus_1"}]}`)}
		}, `customers.json: no Stripe subscriptions, invoices or credit notes: the "object" of its first object is none of them (a CSV of spans is read with -source csv)`},
		{"two currencies", func(t *testing.T) []string {
			return []string{patchSubs(t, map[string]string{"sub_globex": globexInEuros})}
		},
			`subscriptions["sub_globex"].currency: "EUR" after "USD" of subscriptions["sub_acme"]: choose one with -currency`},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := c.files(t)
			out, errOut, code := runCmd(t, append([]string{"report", "-source", "stripe"}, files...)...)
			require.Equal(t, exitInput, code, errOut)
			require.Empty(t, out)
			require.True(t, strings.HasPrefix(errOut, "revops report: "), errOut)
			require.Contains(t, errOut, c.want)
			require.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
			require.NotContains(t, errOut, "revops: ", "no library prefix")
			require.NotContains(t, errOut, "stripedata.", "no Go function named")
		})
	}
	// Bad usage: two files of one kind, both routes at once, CSV flags.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-source", "stripe", stripeSubs, stripeSubs}, "both hold Stripe subscriptions: give one file of each"},
		{[]string{"-source", "stripe", stripeSubs, stripeInvs}, "holds subscriptions and " + stripeInvs + " invoices: give the subscriptions, or the invoices and credit notes, not both"},
		{[]string{stripeSubs, "-by", "plan"}, "-by reads a column of a CSV, and " + stripeSubs + " holds Stripe's objects: drop -by"},
		{[]string{stripeSubs, "-col-amount", "x"}, "drop -col-amount"},
		{[]string{stripeInvs, stripeCredits}, "one FILE at most, got 2"},
		{[]string{spendHistory, "-status-since", "sub_1=2025-01-01"}, "-status-since and -pause-start date Stripe's subscriptions, and " + spendHistory + " is read as a CSV: drop them"},
	} {
		_, errOut, code := runCmd(t, append([]string{"report"}, c.args...)...)
		require.Equal(t, exitUsage, code, errOut)
		require.Contains(t, errOut, c.want)
		require.Equal(t, 1, strings.Count(errOut, "\n"))
	}
}

// -skip-invalid leaves out the objects with an error, and every format lists them by
// object and field; standard error says how many.
func TestStripeSkipInvalid(t *testing.T) {
	file := patchSubs(t, map[string]string{"sub_acme": `{"status": "unpaid"}`, "sub_initech": `{"customer": null}`})
	outs := map[string]string{}
	for _, f := range formatNames {
		out, errOut, code := runCmd(t, "report", file, "-skip-invalid", "-format", f)
		require.Equal(t, exitOK, code, errOut)
		where := "the report lists them"
		if f == "csv" {
			where = "-table notes lists them"
		}
		require.Equal(t, "revops report: note: 2 subscriptions skipped (-skip-invalid); "+where+"\n", errOut)
		outs[f] = out
	}
	for _, f := range []string{"table", "markdown", "html"} {
		out := strings.NewReplacer("&#34;", `"`, `\_`, "_", `\[`, "[", `\]`, "]").Replace(outs[f])
		require.Contains(t, out, "2 subscriptions skipped (-skip-invalid)", f)
		require.Contains(t, out, `subscriptions["sub_acme"].latest_invoice: inconsistent inputs`, f)
		require.Contains(t, out, `subscriptions["sub_initech"].customer: malformed record`, f)
	}
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(outs["json"]), &rep))
	require.Equal(t, 2, rep.Source.Skipped)
	require.Equal(t, 4, rep.Source.Rows, "four read")
	require.Equal(t, 3, rep.Source.Spans, "globex's, and umbrella's trial and paid spans")
	var got []string
	for _, n := range rep.Tables["notes"] {
		got = append(got, str(n["kind"])+" "+str(n["object"])+" "+str(n["field"])+" "+str(n["line"]))
	}
	require.Equal(t, []string{`skipped subscriptions["sub_acme"] latest_invoice `, `skipped subscriptions["sub_initech"] customer `}, got)
	out, _, _ := runCmd(t, "report", file, "-skip-invalid", "-format", "csv", "-table", "notes")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"kind", "line", "column", "object", "field", "currency", "same_as_line", "reason"}, rows[0])
	require.Equal(t, []string{"skipped", "", "", `subscriptions["sub_initech"]`, "customer"}, rows[2][:5])
	// What remains: globex and umbrella, 100 + 50 at December's close.
	require.Equal(t, "150", str(byPeriod(rep.Tables["series"])["2025-12"]["end_mrr"]))
}

// globexInEuros is globex's subscription in euros, its price too.
const globexInEuros = `{"currency": "eur", "items": {"object": "list", "has_more": false, "data": [{"id": "si_globex", "object": "subscription_item", "quantity": 1,
	"price": {"id": "price_annual_eur", "object": "price", "currency": "eur", "unit_amount": 110000, "recurring": {"interval": "year", "interval_count": 1}}}]}}`

// -currency leaves out the subscriptions in another currency, by object.
func TestStripeCurrency(t *testing.T) {
	file := patchSubs(t, map[string]string{"sub_globex": globexInEuros})
	r := reportJSON(t, "report", file, "-currency", "usd")
	require.Equal(t, 1, r.Source.LeftOut)
	require.Equal(t, `subscriptions["sub_globex"]`, str(r.Tables["notes"][0]["object"]))
	require.Equal(t, "EUR", str(r.Tables["notes"][0]["currency"]))
	require.Equal(t, "150", str(byPeriod(r.Tables["series"])["2025-12"]["end_mrr"]), "acme and umbrella")
}

// compare turns Stripe's subscriptions into MRR under each policy, whose billing
// choices then apply: with umbrella paused from November 1, ChartMogul keeps its MRR
// (no churn in November) where the default churns it.
func TestStripeCompare(t *testing.T) {
	file := patchSubs(t, map[string]string{"sub_umbrella": `{"pause_collection": {"behavior": "void", "resumes_at": 1768435200}}`})
	out, errOut, code := runCmd(t, "compare", file, "-pause-start", "sub_umbrella=2025-11-01", "-format", "csv")
	require.Equal(t, exitOK, code, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	churn := map[string]string{}
	for _, r := range rows[1:] {
		if r[0] == "2025-11" {
			churn[r[3]] = r[6]
		}
	}
	require.Equal(t, "50", churn["default"])
	require.Equal(t, "0", churn["chartmogul"], "ChartMogul keeps a paused subscription's MRR")
	out, _, _ = runCmd(t, "compare", file, "-pause-start", "sub_umbrella=2025-11-01")
	require.Contains(t, strings.Join(strings.Fields(out), " "), "which apply here, to Stripe's subscriptions")
}

// An invoice with an error is left out under -skip-invalid and named by its id; the
// invoices read count their lines. Without acme's February invoice, its February
// pays nothing: churn 100 in February, reactivation 75 in March (100 less the credit).
func TestStripeInvoicesSkipInvalid(t *testing.T) {
	raw, err := os.ReadFile(stripeInvs)
	require.NoError(t, err)
	var list map[string]any
	require.NoError(t, json.Unmarshal(raw, &list))
	list["data"].([]any)[1].(map[string]any)["customer"] = nil
	b, err := json.Marshal(list)
	require.NoError(t, err)
	file := writeFile(t, "invoices.json", string(b))
	_, errOut, code := runCmd(t, "report", "-source", "stripe", file, stripeCredits)
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops report: "+file+`: invoices["in_acme_feb"].customer: malformed record (no customer)`+"\n", errOut)
	r := reportJSON(t, "report", "-source", "stripe", file, stripeCredits, "-skip-invalid", "-to", "2025-04")
	require.Equal(t, 4, r.Source.Rows, "the four lines of the others")
	require.Equal(t, []string{`invoices["in_acme_feb"]`, "customer"}, []string{str(r.Tables["notes"][0]["object"]), str(r.Tables["notes"][0]["field"])})
	require.Contains(t, string(r.Notes["skipped"]), "1 Stripe object skipped (-skip-invalid)")
	series := byPeriod(r.Tables["series"])
	require.Equal(t, "100", str(series["2025-02"]["churn_mrr"]))
	require.Equal(t, "75", str(series["2025-03"]["reactivation_mrr"]))
}

// A fault in the spans made from invoice lines names the invoice and the line, as a
// fault in an object does (attacked: "span of customer "cus_a", subscription ...",
// with no object id): January's invoice billed twice under another id overlaps the
// first, and the error names both.
func TestStripeInvoiceSpansNamedByObject(t *testing.T) {
	raw, err := os.ReadFile(stripeInvs)
	require.NoError(t, err)
	var list map[string]any
	require.NoError(t, json.Unmarshal(raw, &list))
	data := list["data"].([]any)
	again, err := json.Marshal(data[0])
	require.NoError(t, err)
	again = bytes.ReplaceAll(again, []byte(`"in_acme_jan"`), []byte(`"in_acme_jan_again"`))
	again = bytes.ReplaceAll(again, []byte(`"il_acme_jan"`), []byte(`"il_acme_jan_again"`))
	file := writeFile(t, "invoices.json", string(raw)+"\n"+string(again))
	_, errOut, code := runCmd(t, "report", "-source", "stripe", file)
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, `invoices["in_acme_jan_again"].lines.data[0]: inconsistent inputs`)
	require.Contains(t, errOut, `see invoices["in_acme_jan"].lines.data[0]`)
	require.NotContains(t, errOut, "span of customer")
}
