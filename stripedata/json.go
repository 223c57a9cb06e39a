package stripedata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// maxUnix bounds a timestamp: 9999-12-31T23:59:59Z, the last second time.Time formats
// with a four-digit year.
const maxUnix = 253402300799

// reader reads one Stripe object's fields, naming each by its JSON path in the errors
// it returns, which carry the object's position.
type reader struct {
	metric string
	pos    revops.Position // List, Index and, once read, the object's id as Key
}

// fail returns an *revops.Error about field path of the object being read.
func (r *reader) fail(path string, sentinel error, format string, args ...any) *revops.Error {
	pos := r.pos
	return &revops.Error{Metric: r.metric, Field: path, Err: sentinel, Detail: detail(format, args...), Record: &pos}
}

// detail formats an error's Detail as package revops does: a string argument cut to
// 60 runes, the whole to 400, each cut marked by "…", so that an object's 1 MB field
// never makes a 1 MB message.
func detail(format string, args ...any) string {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = cutRunes(s, 60)
		}
	}
	return cutRunes(fmt.Sprintf(format, args...), 400)
}

// cutRunes returns s cut to its first n runes followed by "…" when it is longer.
func cutRunes(s string, n int) string {
	k := 0
	for i := range s {
		if k == n {
			return s[:i] + "…"
		}
		k++
	}
	return s
}

// object is a JSON object being read, and its path from the top of the Stripe object.
type object struct {
	r      *reader
	path   string
	fields map[string]json.RawMessage
}

// isNull reports whether raw is absent or null, which Stripe uses alike for "none".
func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// join returns the path of name under path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// index returns the path of element i of the array at path.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// kindOf names the JSON type of raw for an error message.
func kindOf(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// asObject reads raw, the value at path, as a JSON object.
func (r *reader) asObject(raw json.RawMessage, path string) (object, error) {
	if isNull(raw) || raw[0] != '{' {
		what := "null"
		if !isNull(raw) {
			what = kindOf(raw)
		}
		return object{}, r.fail(path, revops.ErrMalformed, "%s where an object is expected", what)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return object{}, r.fail(path, revops.ErrMalformed, "%v", err)
	}
	if keyCount(raw) != len(m) {
		// json.Unmarshal keeps the last of two values of one key: a key twice is
		// refused, since which value is meant is not said. Find it, key by key.
		dec := json.NewDecoder(bytes.NewReader(raw))
		_, _ = dec.Token() // the '{', read above
		seen := map[string]bool{}
		for dec.More() {
			tok, _ := dec.Token()
			key, _ := tok.(string)
			if seen[key] {
				return object{}, r.fail(join(path, key), revops.ErrMalformed, "the key %q twice in one object: which value is meant is not said", key)
			}
			seen[key] = true
			var skip json.RawMessage
			_ = dec.Decode(&skip)
		}
	}
	return object{r: r, path: path, fields: m}, nil
}

// field returns the path of o's field name.
func (o object) field(name string) string { return join(o.path, name) }

// has reports whether o's field name is present and not null.
func (o object) has(name string) bool { return !isNull(o.fields[name]) }

// wrongType returns the error of a field of the wrong JSON type.
func (o object) wrongType(name, want string) error {
	return o.r.fail(o.field(name), revops.ErrMalformed, "%s where %s is expected", kindOf(o.fields[name]), want)
}

// str returns o's string field name; "" when it is absent or null.
func (o object) str(name string) (string, error) {
	raw := o.fields[name]
	if isNull(raw) {
		return "", nil
	}
	if raw[0] != '"' {
		return "", o.wrongType(name, "a string")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", o.r.fail(o.field(name), revops.ErrMalformed, "%v", err)
	}
	return s, nil
}

// enum returns o's string field name, which must be one of values or absent ("").
func (o object) enum(name string, values ...string) (string, error) {
	s, err := o.str(name)
	if err != nil || s == "" {
		return s, err
	}
	for _, v := range values {
		if s == v {
			return s, nil
		}
	}
	return "", o.r.fail(o.field(name), revops.ErrOutOfRange, "%q is not one of "+strings.Join(values, ", "), s) // the valid values are ours: never cut
}

// boolean returns o's boolean field name; false when it is absent or null.
func (o object) boolean(name string) (bool, error) {
	switch raw := o.fields[name]; {
	case isNull(raw):
		return false, nil
	case string(raw) == "true":
		return true, nil
	case string(raw) == "false":
		return false, nil
	}
	return false, o.wrongType(name, "a boolean")
}

// integer returns o's integer field name, and false when it is absent or null.
func (o object) integer(name string) (int64, bool, error) {
	raw := o.fields[name]
	if isNull(raw) {
		return 0, false, nil
	}
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, false, o.wrongType(name, "an integer")
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0, false, o.r.fail(o.field(name), revops.ErrMalformed, "%s is not an integer of 64 bits", raw)
	}
	return n, true, nil
}

// count returns o's integer field name as a count in [lo, hi], and false when it is
// absent or null.
func (o object) count(name string, lo, hi int64) (int, bool, error) {
	n, ok, err := o.integer(name)
	if err != nil || !ok {
		return 0, ok, err
	}
	if n < lo || n > hi {
		return 0, false, o.r.fail(o.field(name), revops.ErrOutOfRange, "%d not in %d..%d", n, lo, hi)
	}
	return int(n), true, nil
}

// time returns o's timestamp field name, seconds since the Unix epoch, as a UTC
// instant; the zero Time when it is absent, null or 0 (how stripe-go writes an unset
// timestamp).
func (o object) time(name string) (time.Time, error) {
	n, ok, err := o.integer(name)
	if err != nil || !ok || n == 0 {
		return time.Time{}, err
	}
	if n < 0 || n > maxUnix {
		return time.Time{}, o.r.fail(o.field(name), revops.ErrOutOfRange, "%d is not a Unix time in seconds from 1970 to 9999", n)
	}
	return time.Unix(n, 0).UTC(), nil
}

// number returns o's number field name exactly, and false when it is absent or null.
func (o object) number(name string) (decimal.Decimal, bool, error) {
	raw := o.fields[name]
	if isNull(raw) {
		return decimal.Decimal{}, false, nil
	}
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return decimal.Decimal{}, false, o.wrongType(name, "a number")
	}
	d, err := parseDecimal(string(raw))
	if err != nil {
		return decimal.Decimal{}, false, o.r.fail(o.field(name), revops.ErrMalformed, "%v", err)
	}
	return d, true, nil
}

// decimalString returns o's field name, a decimal in a string as Stripe writes
// unit_amount_decimal ("1999", "0.5"), exactly, and false when it is absent or null.
func (o object) decimalString(name string) (decimal.Decimal, bool, error) {
	s, err := o.str(name)
	if err != nil || !o.has(name) {
		return decimal.Decimal{}, false, err
	}
	d, err := parseDecimal(s)
	if err != nil {
		return decimal.Decimal{}, false, o.r.fail(o.field(name), revops.ErrMalformed, "%v", err)
	}
	return d, true, nil
}

// parseDecimal parses a JSON number's text, or a decimal in a string, exactly: digits
// with an optional fraction and exponent ("1e-07", which encoding/json writes for a
// small float64), the exponent within ±revops.MaxExponent so that no later step
// works on an unbounded number.
func parseDecimal(s string) (decimal.Decimal, error) {
	if len(s) == 0 || len(s) > 64 {
		return decimal.Decimal{}, errors.New(detail("%q is not a decimal of at most 64 characters", s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return decimal.Decimal{}, errors.New(detail("%q is not a decimal", s))
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, errors.New(detail("%q is not a decimal", s))
	}
	if e := d.Exponent(); e > revops.MaxExponent || e < -revops.MaxExponent {
		return decimal.Decimal{}, errors.New(detail("%q has an exponent outside ±%d", s, revops.MaxExponent))
	}
	return d, nil
}

// sub returns o's object field name, and false when it is absent or null.
func (o object) sub(name string) (object, bool, error) {
	raw := o.fields[name]
	if isNull(raw) {
		return object{}, false, nil
	}
	if raw[0] != '{' {
		return object{}, false, o.wrongType(name, "an object")
	}
	sub, err := o.r.asObject(raw, o.field(name))
	return sub, err == nil, err
}

// array returns the elements of o's array field name; none when it is absent or null.
func (o object) array(name string) ([]json.RawMessage, error) {
	raw := o.fields[name]
	if isNull(raw) {
		return nil, nil
	}
	if raw[0] != '[' {
		return nil, o.wrongType(name, "an array")
	}
	var out []json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, o.r.fail(o.field(name), revops.ErrMalformed, "%v", err)
	}
	return out, nil
}

// list returns the elements of o's field name, a Stripe list object ({"object":
// "list", "data": [...], "has_more": false}) embedded in the object, and the path of
// its data. A list that says it has more elements than it holds is an error: the
// elements left out would be missed silently.
func (o object) list(name string) ([]json.RawMessage, string, error) {
	l, ok, err := o.sub(name)
	if err != nil || !ok {
		return nil, "", err
	}
	if _, err := l.enum("object", "list"); err != nil {
		return nil, "", err
	}
	more, err := l.boolean("has_more")
	if err != nil {
		return nil, "", err
	}
	if more {
		return nil, "", o.r.fail(l.field("has_more"), revops.ErrInconsistent,
			"the embedded list holds only its first elements; list the rest and put them all in %s", l.field("data"))
	}
	data, err := l.array("data")
	return data, l.field("data"), err
}

// ref returns o's field name, which Stripe gives as an id or, expanded, as the object
// with that id: the id, and the object when it is expanded. Both are empty when the
// field is absent or null.
func (o object) ref(name string) (string, object, bool, error) {
	raw := o.fields[name]
	switch {
	case isNull(raw):
		return "", object{}, false, nil
	case raw[0] == '"':
		id, err := o.str(name)
		return id, object{}, false, err
	case raw[0] != '{':
		return "", object{}, false, o.wrongType(name, "an id or an expanded object")
	}
	sub, err := o.r.asObject(raw, o.field(name))
	if err != nil {
		return "", object{}, false, err
	}
	id, err := sub.str("id")
	return id, sub, true, err
}

// inputError returns the error of input that is no Stripe JSON at all, naming the line
// of the byte at offset as the position.
func inputError(metric string, data []byte, offset int64, format string, args ...any) error {
	var pos *revops.Position
	if offset >= 0 && offset <= int64(len(data)) {
		pos = &revops.Position{Line: 1 + bytes.Count(data[:offset], []byte{'\n'})}
	}
	return &revops.Error{Metric: metric, Err: revops.ErrMalformed, Detail: detail(format, args...), Record: pos}
}

// topObjects returns the Stripe objects of data, in order: the JSON values it holds
// one after another (one value, or several, as pages written one after the other or
// JSON Lines), each a single object, a list or search result object whose data holds
// the objects, or an array of objects. The last list must not have more to come
// (has_more); the lists before it may, as the pages of one listing do. An element
// that is not an object is returned as it is, for the caller to refuse as a record.
func topObjects(metric string, data []byte) ([]json.RawMessage, error) {
	data = trimBOM(data) // three bytes on line 1: no line moves
	dec := json.NewDecoder(bytes.NewReader(data))
	var out []json.RawMessage
	values, lastMore := 0, int64(-1)
	for {
		start := dec.InputOffset()
		var v json.RawMessage
		err := dec.Decode(&v)
		if err == io.EOF {
			break
		}
		if err != nil {
			offset := dec.InputOffset()
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				offset = syn.Offset
			}
			return nil, inputError(metric, data, offset, "not JSON: %v", err)
		}
		values++
		start += int64(len(data[start:]) - len(bytes.TrimLeft(data[start:], " \t\r\n")))
		switch v[0] {
		case '[':
			var elems []json.RawMessage
			if err := json.Unmarshal(v, &elems); err != nil {
				return nil, inputError(metric, data, start, "%v", err)
			}
			out = append(out, elems...)
			lastMore = -1
		case '{':
			var head struct {
				Object  json.RawMessage   `json:"object"`
				Data    []json.RawMessage `json:"data"`
				HasMore json.RawMessage   `json:"has_more"`
				Error   *struct {
					Message string `json:"message"`
				} `json:"error"`
			}
			if err := json.Unmarshal(v, &head); err != nil {
				// A field of a type the head does not expect: a single object of
				// some shape, which the caller reads and refuses field by field.
				out = append(out, v)
				lastMore = -1
				continue
			}
			switch string(head.Object) {
			case `"list"`, `"search_result"`:
				// json.Unmarshal keeps the last of two values of a key: a second
				// "data" or "has_more" would replace the first unseen.
				if key, twice := duplicateKey(v); twice {
					return nil, inputError(metric, data, start, "the key %q twice in one list object: which value is meant is not said", key)
				}
				out = append(out, head.Data...)
				lastMore = -1
				if string(head.HasMore) == "true" {
					lastMore = start
				}
				continue
			}
			if head.Error != nil && head.Object == nil {
				return nil, inputError(metric, data, start, "a Stripe API error, not objects: %q", head.Error.Message)
			}
			out = append(out, v)
			lastMore = -1
		default:
			return nil, inputError(metric, data, start, "%s where a Stripe object, a list or an array is expected", kindOf(v))
		}
	}
	if values == 0 {
		return nil, inputError(metric, data, int64(len(data)), "no JSON value")
	}
	if lastMore >= 0 {
		return nil, inputError(metric, data, lastMore, "the list has more objects than it holds (has_more is true): write every page, one after the other or merged into one array")
	}
	return out, nil
}

// keyCount returns the number of keys of the JSON object raw, valid JSON that opens
// with '{', counted in one pass over its bytes without decoding them: each string
// that opens a member of the outermost object.
func keyCount(raw []byte) int {
	n := 0
	eachKey(raw, func([]byte) bool { n++; return true })
	return n
}

// duplicateKey returns a key that the JSON object raw (valid JSON opening with '{')
// holds twice at its outermost level, compared as decoded strings, and whether there
// is one.
func duplicateKey(raw []byte) (string, bool) {
	seen := map[string]bool{}
	dup, twice := "", false
	eachKey(raw, func(quoted []byte) bool {
		var key string
		if json.Unmarshal(quoted, &key) != nil {
			return true
		}
		if seen[key] {
			dup, twice = key, true
			return false
		}
		seen[key] = true
		return true
	})
	return dup, twice
}

// eachKey calls fn with each key of the outermost level of the JSON object raw
// (valid JSON opening with '{'), quotes included and escapes undecoded, in one pass
// over its bytes, until fn returns false.
func eachKey(raw []byte, fn func(quoted []byte) bool) {
	depth, from := 0, -1
	inString, escaped, expectKey := false, false, false
	for i, c := range raw {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if from >= 0 {
					if !fn(raw[from : i+1]) {
						return
					}
					from = -1
				}
			}
			continue
		}
		switch c {
		case '"':
			inString = true
			if depth == 1 && expectKey {
				from, expectKey = i, false
			}
		case '{', '[':
			depth++
			expectKey = depth == 1
		case '}', ']':
			depth--
		case ',':
			expectKey = depth == 1
		}
	}
}
