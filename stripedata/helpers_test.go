package stripedata_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/stretchr/testify/require"
)

// fixture returns testdata/name (see testdata/README.md for where each comes from).
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// patched returns base with each patch merged into it in turn: an object's fields
// merge recursively, and any other value (null, an array) replaces the field. A
// patch names the fields a case changes, so each case reads as what it is.
func patched(t testing.TB, base []byte, patches ...string) []byte {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(base, &v))
	for _, p := range patches {
		var q any
		require.NoError(t, json.Unmarshal([]byte(p), &q), p)
		v = merge(v, q)
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func merge(v, p any) any {
	pm, ok := p.(map[string]any)
	if !ok {
		return p
	}
	vm, ok := v.(map[string]any)
	if !ok {
		vm = map[string]any{}
	}
	for k, pv := range pm {
		vm[k] = merge(vm[k], pv)
	}
	return vm
}

// item returns the subscription fixture's item with the fields of patch changed, as
// the JSON of an items list holding it alone: items.data is an array, which a patch
// replaces whole.
func item(t testing.TB, patch string) string {
	t.Helper()
	var s struct {
		Items struct {
			Data []json.RawMessage `json:"data"`
		} `json:"items"`
	}
	require.NoError(t, json.Unmarshal(fixture(t, "subscription.json"), &s))
	return `{"items": {"data": [` + string(patched(t, s.Items.Data[0], patch)) + `]}}`
}

// line returns the line of the invoice fixture base with the fields of each patch
// changed, as the JSON of a lines list holding it alone.
func line(t testing.TB, base string, patches ...string) string {
	t.Helper()
	var s struct {
		Lines struct {
			Data []json.RawMessage `json:"data"`
		} `json:"lines"`
	}
	require.NoError(t, json.Unmarshal(fixture(t, base), &s))
	return `{"lines": {"data": [` + string(patched(t, s.Lines.Data[0], patches...)) + `]}}`
}

// day returns midnight UTC of a date in 2025.
func day(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }

// unix returns t as the Unix seconds Stripe writes.
func unix(t time.Time) int64 { return t.Unix() }

// revopsError returns err as an *revops.Error, failing the test if it is not one.
func revopsError(t testing.TB, err error) *revops.Error {
	t.Helper()
	var e *revops.Error
	require.True(t, errors.As(err, &e), "%v is not an *revops.Error", err)
	return e
}
