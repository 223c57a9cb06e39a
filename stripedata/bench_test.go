package stripedata_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/revopskit/revops/stripedata"
)

// BenchmarkSubscriptions decodes a list of 1,000 subscriptions of the fixture's shape.
func BenchmarkSubscriptions(b *testing.B) {
	base := fixture(b, "subscription.json")
	objs := make([]string, 1000)
	for i := range objs {
		objs[i] = string(patched(b, base, fmt.Sprintf(`{"id": "sub_%d", "customer": "cus_%d"}`, i, i)))
	}
	data := []byte(`{"object": "list", "has_more": false, "data": [` + strings.Join(objs, ",") + `]}`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := stripedata.Subscriptions(data, stripedata.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInvoiceLines decodes 1,000 invoices of the fixture's shape.
func BenchmarkInvoiceLines(b *testing.B) {
	base := fixture(b, "invoice.json")
	objs := make([]string, 1000)
	for i := range objs {
		objs[i] = string(patched(b, base, fmt.Sprintf(`{"id": "in_%d"}`, i), line(b, "invoice.json", fmt.Sprintf(`{"id": "il_%d"}`, i))))
	}
	data := []byte(`[` + strings.Join(objs, ",") + `]`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := stripedata.InvoiceLines(data, nil, stripedata.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
