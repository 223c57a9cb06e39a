package stripedata_test

import (
	"strings"
	"testing"

	"github.com/revopskit/revops/stripedata"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetect(t *testing.T) {
	sub, inv, cn := string(fixture(t, "subscription.json")), string(fixture(t, "invoice.json")), string(fixture(t, "credit_note.json"))
	for _, c := range []struct {
		name, input string
		want        stripedata.Kind
	}{
		{"a subscription", sub, stripedata.KindSubscriptions},
		{"an invoice", inv, stripedata.KindInvoices},
		{"a credit note", cn, stripedata.KindCreditNotes},
		{"a list of subscriptions", `{"object": "list", "url": "/v1/subscriptions", "has_more": false, "data": [` + sub + `]}`, stripedata.KindSubscriptions},
		{"a list whose data comes first", `{"data": [` + inv + `], "has_more": false, "object": "list"}`, stripedata.KindInvoices},
		{"an empty list of invoices", `{"object": "list", "data": [], "has_more": false, "url": "/v1/invoices"}`, stripedata.KindInvoices},
		{"an empty list of credit notes, url first", `{"url": "/v1/credit_notes", "object": "list", "data": []}`, stripedata.KindCreditNotes},
		{"an empty search result", `{"object": "search_result", "data": [], "url": "/v1/subscriptions/search"}`, stripedata.KindSubscriptions},
		{"an array", `[` + cn + `,` + cn + `]`, stripedata.KindCreditNotes},
		{"JSON Lines", strings.ReplaceAll(sub, "\n", "") + "\n" + strings.ReplaceAll(sub, "\n", ""), stripedata.KindSubscriptions},
		{"an invoice's lines", `{"object": "list", "url": "/v1/invoices/in_1/lines", "data": []}`, stripedata.KindNone},
		{"an empty list of nothing known", `{"object": "list", "data": []}`, stripedata.KindEmpty},
		{"an empty array", `[]`, stripedata.KindEmpty},
		{"an empty page, then a page of subscriptions", `{"object": "list", "data": []}` + "\n" + `{"object": "list", "data": [` + sub + `]}`, stripedata.KindSubscriptions},
		{"two empty pages", `{"object": "list", "data": []}[]`, stripedata.KindEmpty},
		{"an empty array, then not JSON", `[]0`, stripedata.KindNone},
		{"an empty page with more after it", `{"object": "list", "has_more": true, "data": []}`, stripedata.KindNone},
		{"an empty list after a byte order mark", "\ufeff" + `{"object": "list", "has_more": false, "data": []}`, stripedata.KindEmpty},
		{"a subscription after a byte order mark", "\ufeff" + sub, stripedata.KindSubscriptions},
		{"a customer", `{"id": "cus_1", "object": "customer"}`, stripedata.KindNone},
		{"an event about a subscription", `{"id": "evt_1", "object": "event", "data": {"object": ` + sub + `}}`, stripedata.KindNone},
		{"a CSV file", "customer,start,end,mrr\nacme,2025-01-01,,100\n", stripedata.KindNone},
		{"nothing", "", stripedata.KindNone},
		{"broken JSON", `{"object": "subscr`, stripedata.KindNone},
		{"an array of numbers", `[1, 2]`, stripedata.KindNone},
		{"deep nesting", strings.Repeat("[", 100000), stripedata.KindNone},
		{"a deep object before object", `{"a": ` + strings.Repeat(`{"b": `, 5000) + `1` + strings.Repeat("}", 5000) + `, "object": "invoice"}`, stripedata.KindInvoices},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, stripedata.Detect([]byte(c.input)))
		})
	}
}

func TestKindText(t *testing.T) {
	for _, k := range []stripedata.Kind{stripedata.KindNone, stripedata.KindSubscriptions, stripedata.KindInvoices, stripedata.KindCreditNotes} {
		b, err := k.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, k.String(), string(b))
		var back stripedata.Kind
		require.NoError(t, back.UnmarshalText([]byte(strings.ToUpper(string(b)))))
		assert.Equal(t, k, back)
	}
	assert.Equal(t, "Kind(9)", stripedata.Kind(9).String())
	_, err := stripedata.Kind(9).MarshalText()
	require.Error(t, err)
	var k stripedata.Kind
	require.Error(t, k.UnmarshalText([]byte("charges")))
}
