package stripedata

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Property: keyCount counts the members of an object written with any keys (some
// repeated) and values of any shape, strings with quotes, backslashes, braces and
// commas in them included: the count of members written, whatever json.Unmarshal
// keeps of them.
func TestKeyCount(t *testing.T) {
	text := rapid.StringOf(rapid.SampledFrom([]rune{'a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'é', '\n'}))
	var value func(depth int) *rapid.Generator[string]
	value = func(depth int) *rapid.Generator[string] {
		return rapid.Custom(func(t *rapid.T) string {
			kind := rapid.IntRange(0, 3).Draw(t, "kind")
			if depth > 2 {
				kind = 0
			}
			switch kind {
			case 0:
				b, _ := json.Marshal(text.Draw(t, "s"))
				return string(b)
			case 1:
				return "12.5"
			case 2:
				items := rapid.SliceOfN(value(depth+1), 0, 3).Draw(t, "items")
				return "[" + strings.Join(items, ",") + "]"
			default:
				var members []string
				for range rapid.IntRange(0, 3).Draw(t, "members") {
					k, _ := json.Marshal(text.Draw(t, "k"))
					members = append(members, string(k)+":"+value(depth+1).Draw(t, "v"))
				}
				return "{" + strings.Join(members, ",") + "}"
			}
		})
	}
	rapid.Check(t, func(t *rapid.T) {
		keys := rapid.SliceOfN(rapid.SampledFrom([]string{"id", "customer", `a"b`, `c\d`, "{", ","}), 0, 8).Draw(t, "keys")
		var members []string
		for _, k := range keys {
			kb, _ := json.Marshal(k)
			members = append(members, " "+string(kb)+" : "+value(0).Draw(t, "value"))
		}
		raw := []byte("{" + strings.Join(members, ",") + "}")
		require.True(t, json.Valid(raw), "%s", raw)
		require.Equal(t, len(keys), keyCount(raw), "%s", raw)
	})
}

// duplicateKey finds a key written twice at the outermost level, escapes decoded,
// and none in nested objects or in values.
func TestDuplicateKey(t *testing.T) {
	for raw, want := range map[string]string{
		`{"data": [], "has_more": false, "data": [1]}`:          "data",
		`{"object": "list", "\u006fbject": "list"}`:             "object",
		`{"a": {"b": 1, "b": 2}, "c": "a"}`:                     "",
		`{"a": "\"a\": 1", "b": ["a", "a"]}`:                    "",
		`{"url": "/v1/x", "has_more": true, "has_more": false}`: "has_more",
	} {
		key, twice := duplicateKey([]byte(raw))
		require.Equal(t, want != "", twice, raw)
		require.Equal(t, want, key, raw)
	}
}
