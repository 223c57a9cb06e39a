package stripedata

import (
	"encoding/json"
	"time"

	"github.com/revopskit/revops"
)

// Options are the choices of a decoding and the dates a caller knows that Stripe's
// objects do not carry. The zero value fails on the first object that cannot be
// mapped and supplies no dates.
type Options struct {
	// InvalidRecords is revops.InvalidRecordsFail (the zero value), which fails the
	// call with the first object's error, or revops.InvalidRecordsSkip, which leaves
	// out every object with an error and returns, with the others, a *revops.Refused
	// listing each one left out with its index and error.
	InvalidRecords revops.InvalidRecords
	// StatusSince gives, by subscription id, the instant a past_due, unpaid or paused
	// status began, as the customer.subscription.updated event that changed it tells
	// (its created time). It takes precedence over the dates the objects give (see
	// the package documentation, "Statuses").
	StatusSince map[string]time.Time
	// PauseStart gives, by subscription id, the instant payment collection was paused
	// (pause_collection set), as the customer.subscription.updated event that set it
	// tells. Stripe's subscription object does not record it, so a subscription with
	// pause_collection and no entry here is refused.
	PauseStart map[string]time.Time
}

// Errors of a date a subscription object does not record. Each is an
// [revops.ErrInconsistent] as errors.Is sees it, and reads as one, so that a caller
// who matches the package's sentinels keeps working; a caller who can supply the date
// (a command's flag, a lookup of Stripe's events) matches these instead of reading the
// error's field or text.
var (
	// ErrStatusUndated reports a past_due, unpaid or paused subscription whose status
	// the object does not date: give it in Options.StatusSince.
	ErrStatusUndated error = undated{"status"}
	// ErrPauseUndated reports a subscription whose collection is paused
	// (pause_collection) with no Options.PauseStart: give it there.
	ErrPauseUndated error = undated{"pause"}
)

// undated is ErrStatusUndated or ErrPauseUndated.
type undated struct{ what string }

func (undated) Error() string { return revops.ErrInconsistent.Error() }
func (undated) Unwrap() error { return revops.ErrInconsistent }

// check returns an ErrInvalidOption error for an InvalidRecords value outside its
// constants.
func (o Options) check(metric string) error {
	if o.InvalidRecords != revops.InvalidRecordsFail && o.InvalidRecords != revops.InvalidRecordsSkip {
		return &revops.Error{Metric: metric, Field: "InvalidRecords", Err: revops.ErrInvalidOption,
			Detail: "InvalidRecords(" + o.InvalidRecords.String() + ") is neither InvalidRecordsFail nor InvalidRecordsSkip"}
	}
	return nil
}

// decodeAll decodes each object of data with one, which returns its value and id, in
// list (the position's List), and refuses an id seen before, naming the first as
// Related: the same object twice (two overlapping pages) would count twice.
func decodeAll[T any](metric, list string, data []byte, opts Options, one func(r *reader, raw json.RawMessage) (T, string, error)) ([]T, error) {
	if err := opts.check(metric); err != nil {
		return nil, err
	}
	raws, err := topObjects(metric, data)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(raws))
	seen := make(map[string]int, len(raws))
	var refused []revops.RefusedRecord
	for i, raw := range raws {
		r := &reader{metric: metric, pos: revops.Position{List: list, Index: i}}
		v, id, err := one(r, raw)
		if err == nil {
			if first, dup := seen[id]; dup {
				e := r.fail("id", revops.ErrInconsistent, "%s appears twice", id)
				e.Related = &revops.Position{List: list, Index: first, Key: id}
				err = e
			} else {
				seen[id] = i
			}
		}
		if err != nil {
			if opts.InvalidRecords != revops.InvalidRecordsSkip {
				return nil, err
			}
			refused = append(refused, revops.RefusedRecord{Index: i, Err: err})
			continue
		}
		out = append(out, v)
	}
	if len(refused) > 0 {
		return out, &revops.Refused{Metric: metric, Total: len(raws), Records: refused}
	}
	return out, nil
}

// header reads the id and the object type of a Stripe object, which must be want (or
// absent, as in a stripe-go value built by hand), and records the id as the position's
// Key.
func header(r *reader, raw json.RawMessage, want string) (object, string, error) {
	o, err := r.asObject(raw, "")
	if err != nil {
		return object{}, "", err
	}
	id, err := o.str("id")
	if err != nil {
		return object{}, "", err
	}
	if id == "" {
		return object{}, "", r.fail("id", revops.ErrMalformed, "no id")
	}
	r.pos.Key = id
	kind, err := o.str("object")
	if err != nil {
		return object{}, "", err
	}
	if kind != "" && kind != want {
		return object{}, "", r.fail("object", revops.ErrOutOfRange, "%q where %q is expected", kind, want)
	}
	return o, id, nil
}
