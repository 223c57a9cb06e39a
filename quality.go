package revops

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Record is one CRM record: field name to value.
type Record map[string]string

// Completeness returns the share of required fields that are filled over a set of
// records, a fraction in [0, 1]:
//
//	completeness = filled required fields ÷ (records × required fields)
//
// A field is filled when its value holds something other than white space.
//
// Errors: [ErrZeroDenominator] for no records or no required fields;
// [ErrInconsistent] for a required field named twice.
func Completeness(records []Record, required []string) (decimal.Decimal, error) {
	const metric = "Completeness"
	seen := make(map[string]bool, len(required))
	for i, f := range required {
		if seen[f] {
			return decimal.Decimal{}, atIndex(newError(metric, "", ErrInconsistent, "field %q named twice", f), "required", i)
		}
		seen[f] = true
	}
	filled := 0
	for _, r := range records {
		for _, f := range required {
			if strings.TrimSpace(r[f]) != "" {
				filled++
			}
		}
	}
	return ratio(metric, "records×required", int64(filled), int64(len(records))*int64(len(required)))
}

// DuplicateRate returns the share of records that duplicate an earlier record, a
// fraction in [0, 1]. Two records are duplicates when every key field matches after
// trimming white space and ignoring case: key fields {"email"} make
// " Ann@Example.com" a duplicate of "ann@example.com". A record whose key fields are
// all empty duplicates nothing.
//
// Errors: [ErrZeroDenominator] for no records; [ErrOutOfRange] for no key fields.
func DuplicateRate(records []Record, keys []string) (decimal.Decimal, error) {
	const metric = "DuplicateRate"
	if len(keys) == 0 {
		return decimal.Decimal{}, newError(metric, "keys", ErrOutOfRange, "no key fields")
	}
	seen := make(map[string]bool, len(records))
	dups := 0
	var b strings.Builder
	for _, r := range records {
		b.Reset()
		empty := true
		for _, k := range keys {
			v := strings.ToLower(strings.TrimSpace(r[k]))
			empty = empty && v == ""
			fmt.Fprintf(&b, "%d:%s|", len(v), v) // length-prefixed, so no two keys collide
		}
		if empty {
			continue
		}
		if seen[b.String()] {
			dups++
		}
		seen[b.String()] = true
	}
	return ratio(metric, "records", int64(dups), int64(len(records)))
}

// Validity returns the share of records that pass a caller-supplied rule, a fraction
// in [0, 1]: passing ÷ records.
//
// Errors: [ErrZeroDenominator] for no records; [ErrInvalidOption] for a nil rule.
func Validity(records []Record, valid func(Record) bool) (decimal.Decimal, error) {
	const metric = "Validity"
	if valid == nil {
		return decimal.Decimal{}, newError(metric, "valid", ErrInvalidOption, "nil rule")
	}
	passing := 0
	for _, r := range records {
		if valid(r) {
			passing++
		}
	}
	return ratio(metric, "records", int64(passing), int64(len(records)))
}
