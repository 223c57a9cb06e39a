package stripedata_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/revopskit/revops"
	"github.com/stretchr/testify/require"
)

// tb is what the helpers need of a test: *testing.T, *testing.F and *rapid.T have it.
type tb interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// fixture returns testdata/name (see testdata/README.md for where each comes from).
func fixture(t tb, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// patched returns base with each patch merged into it in turn: an object's fields
// merge recursively, and any other value (null, an array) replaces the field. A
// patch names the fields a case changes, so each case reads as what it is.
func patched(t tb, base []byte, patches ...string) []byte {
	t.Helper()
	v, err := decode(base)
	require.NoError(t, err)
	for _, p := range patches {
		q, err := decode([]byte(p))
		require.NoError(t, err, p)
		v = merge(v, q)
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// decode decodes JSON keeping numbers as they are written, so a 64-bit amount is not
// rounded to a float64 on its way through.
func decode(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	return v, dec.Decode(&v)
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
func item(t tb, patch string) string {
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
func line(t tb, base string, patches ...string) string {
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
func revopsError(t tb, err error) *revops.Error {
	t.Helper()
	var e *revops.Error
	require.True(t, errors.As(err, &e), "%v is not an *revops.Error", err)
	return e
}
