package revops

import (
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// instant is a time.Time reduced to what ordering needs, for fast comparisons.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

func (a instant) before(b instant) bool { return a.sec < b.sec || (a.sec == b.sec && a.nsec < b.nsec) }

func (a instant) time() time.Time { return time.Unix(a.sec, int64(a.nsec)).UTC() }

// History is a set of subscription spans, validated and indexed once, from which every
// record-level metric is computed: MRR and per-customer MRR at any instant, a series of
// period metrics, cohort tables and trailing retention.
//
// A History holds each customer's MRR as a step function: the instants at which it
// changes and its value after each, exactly. The spans' amounts are brought onto one
// denominator, the least common multiple of theirs (1 for monthly decimals, 3 for a
// mix of monthly and yearly plans), so every sum is a sum of integers. The steps are
// int64 counts of the spans' finest decimal place over that denominator when that
// place is at most the 18th and twice the sum of all amounts fits an int64 (so no
// total, movement or difference can overflow); otherwise they are exact decimals.
// Both give the same results to the last digit: no amount is ever approximated, and
// a value with no finite decimal form is rounded once, where a decimal is asked of it.
//
// A History is immutable and safe for concurrent use.
type History struct {
	currency string
	spans    int
	ids      []string   // customer identifiers, in order of first appearance
	first    []int32    // customer i's steps are [first[i], first[i+1])
	at       []instant  // the instant of each step
	fixed    []fixed    // MRR after each step at scale, over den, on the integer path
	exact    []exact    // MRR after each step, over den, on the exact path
	flags    []uint8    // stepLive and stepPaid after each step; nil when every span has MRR > 0
	fx       *fxHistory // for a history in several currencies (NewHistoryIn): its steps are raw sums, read only for their signs
	scale    int32      // decimal places of fixed
	den      int64      // the common denominator of every amount, ≥ 1
	paying   int        // customers that ever pay
}

// NewHistory validates spans and indexes them by customer. The slice is not kept.
//
// Errors, each an [*Error] whose Record names the span (Path "spans[41].End"):
// [ErrOutOfRange] for an empty Customer, an MRR beyond [MaxExponent], or amounts whose
// denominators have no common multiple below 2⁶³; [ErrInvalidPeriod] for a zero Start
// or an End not after Start; [ErrCurrencyMismatch] for a currency other than the first
// span's; [ErrInconsistent] for a billing span (MRR ≥ 0) that starts while another of
// the same customer, subscription and item runs, naming the later-starting one and,
// as Related, the other; [ErrNegative] for a credit (a span below zero) that takes its
// customer's MRR below zero at some instant; [ErrInvalidOption] for a nil option or a
// value outside its type's constants. With [InvalidRecordsSkip] every span with one of
// these errors is left out (the first valid span sets the currency; of two overlapping
// spans the later-starting one is left out; of the credits that take a customer below
// zero, the first to do so, until none does), the history is built from the rest, and
// a [*Refused] listing those left out comes with it.
func NewHistory(spans []Span, opts ...RecordsOption) (*History, error) {
	const metric = "NewHistory"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	return buildHistory(spans, p.InvalidRecords == InvalidRecordsSkip, false)
}

// newHistory is NewHistory without options; forceExact takes the exact path even
// where the integer path applies, so tests can compare the two.
func newHistory(spans []Span, forceExact bool) (*History, error) {
	return buildHistory(spans, false, forceExact)
}

// buildHistory validates and indexes spans. With skip, a span with an error is left
// out and listed in the *Refused that comes with the history: each span's own errors,
// currency and denominator first (the first valid span sets the currency); then,
// among the billing spans of one customer's subscription item in order of start, any
// that begins before the one kept before it ends; then, for each customer, the credits
// that take its MRR below zero, the first to do so, until none does. Without skip,
// the first such error fails the call.
func buildHistory(spans []Span, skip, forceExact bool) (*History, error) {
	const metric = "NewHistory"
	h := &History{den: 1}
	refused := refusals{skip: skip}
	var dead []bool // spans left out, under skip
	if skip {
		dead = make([]bool, len(spans))
	}
	// Customers are numbered in the order they first appear. In an export sorted by
	// customer, in byte order or by length and then bytes (numeric identifiers), each
	// new one comes after every one before it, which tells it is new without a map:
	// index is made only once a customer comes out of both orders.
	var index map[string]int32
	inBytes, inLength := true, true // the customers so far are in byte order, in length-then-byte order
	customer := make([]int32, len(spans))
	h.ids = make([]string, 0, len(spans)/2)
	counts := make([]int32, 0, len(spans)/2)
	var credited []int32 // customers with a credit, to check they never go below zero
	withFlags := false   // some span has MRR ≤ 0
	scale, haveCurrency := int32(0), false
	lastCustomer := int32(-1) // the customer of the last span kept
	if !skip && len(spans) > 0 {
		h.currency, haveCurrency = currencyCode(spans[0].Currency), true
	}
	for i := range spans {
		s := &spans[i]
		err := s.validate(metric)
		if err == nil && !haveCurrency {
			h.currency, haveCurrency = currencyCode(s.Currency), true // the first valid span's
		}
		if err == nil && s.Currency != h.currency && currencyCode(s.Currency) != h.currency {
			err = sameCurrency(metric, "Currency", s.Currency, h.currency)
		}
		if err == nil && s.MRR.den > 1 { // a monthly decimal's denominator is 1
			var l int64
			if l, err = commonDenominator(metric, h.den, s.MRR); err == nil {
				h.den = l
			}
		}
		if err != nil {
			if err = atIndex(err, "spans", i); !refused.keep(i, err) {
				return nil, err
			}
			dead[i], customer[i] = true, -1
			continue
		}
		c := lastCustomer
		if c < 0 || s.Customer != h.ids[c] { // an export sorted by customer repeats the last
			if index == nil && len(h.ids) > 0 {
				last := h.ids[len(h.ids)-1] // the greatest so far, in an order that still holds
				inBytes = inBytes && s.Customer > last
				inLength = inLength && (len(s.Customer) > len(last) || len(s.Customer) == len(last) && s.Customer > last)
				if !inBytes && !inLength {
					index = make(map[string]int32, max(len(spans)/2, len(h.ids)))
					for c, id := range h.ids {
						index[id] = int32(c)
					}
				}
			}
			var ok bool
			if index != nil {
				c, ok = index[s.Customer]
			}
			if !ok {
				c = int32(len(h.ids))
				if index != nil {
					index[s.Customer] = c
				}
				h.ids = append(h.ids, s.Customer)
				counts = append(counts, 0)
			}
			lastCustomer = c
		}
		customer[i] = c
		counts[c]++
		if e := -s.MRR.num.Exponent(); e > scale {
			scale = e
		}
		if sign := s.MRR.num.Sign(); sign <= 0 {
			withFlags = true
			if sign < 0 {
				credited = append(credited, c)
			}
		}
	}
	order, first := groupByCustomer(customer, counts)
	if skip {
		changed := refuseOverlaps(metric, spans, order, first, dead, &refused)
		slices.Sort(credited)
		for _, c := range slices.Compact(credited) {
			idx := make([]int, 0, first[c+1]-first[c])
			for _, i := range order[first[c]:first[c+1]] {
				if !dead[i] {
					idx = append(idx, int(i))
				}
			}
			for {
				bad := negativeCredit(spans, idx)
				if bad < 0 {
					break
				}
				dead[bad], changed = true, true
				refused.keep(bad, creditError(metric, spans, bad))
				idx = slices.DeleteFunc(idx, func(i int) bool { return i == bad })
			}
		}
		if changed { // group the spans kept
			for c := range counts {
				counts[c] = 0
			}
			for i, c := range customer {
				if dead[i] {
					customer[i] = -1
				} else if c >= 0 {
					counts[c]++
				}
			}
			order, first = groupByCustomer(customer, counts)
		}
		slices.SortFunc(refused.records, func(a, b RefusedRecord) int { return a.Index - b.Index })
	} else {
		if err := checkOverlaps(metric, spans, order, first); err != nil {
			return nil, err
		}
		if len(credited) > 0 {
			slices.Sort(credited)
			worst := -1
			for _, c := range slices.Compact(credited) {
				idx := make([]int, 0, first[c+1]-first[c])
				for _, i := range order[first[c]:first[c+1]] {
					idx = append(idx, int(i))
				}
				if bad := negativeCredit(spans, idx); bad >= 0 && (worst < 0 || bad < worst) {
					worst = bad
				}
			}
			if worst >= 0 {
				return nil, creditError(metric, spans, worst)
			}
		}
	}
	h.first, h.spans = first, len(order)
	if withFlags && skip { // the spans that had MRR ≤ 0 may all have been left out
		withFlags = false
		for _, i := range order {
			if spans[i].MRR.num.Sign() <= 0 {
				withFlags = true
				break
			}
		}
	}
	amounts, ok := fixedAmounts(spans, order, scale, h.den)
	if ok && !forceExact {
		h.scale = scale
		h.at, h.fixed, h.flags = buildSteps(h, spans, order, amounts, withFlags)
	} else {
		ex := make([]exact, len(spans))
		for _, i := range order {
			ex[i] = exact{times(spans[i].MRR.num, h.den/spans[i].MRR.denominator())}
		}
		h.at, h.exact, h.flags = buildSteps(h, spans, order, ex, withFlags)
	}
	return h, refused.err(metric, len(spans))
}

// groupByCustomer returns the indexes of the spans of customer ≥ 0, grouped by
// customer in input order within each (a counting sort), and each customer's range:
// customer c's spans are order[first[c]:first[c+1]].
func groupByCustomer(customer, counts []int32) (order, first []int32) {
	first = make([]int32, len(counts)+1)
	for c, n := range counts {
		first[c+1] = first[c] + n
	}
	order = make([]int32, first[len(counts)])
	next := slices.Clone(first[:len(counts)])
	for i, c := range customer {
		if c >= 0 {
			order[next[c]] = int32(i)
			next[c]++
		}
	}
	return order, first
}

// refuseOverlaps leaves out, among the billing spans of one customer's subscription
// item in order of start, any that begins before the one kept before it ends, and
// reports whether it left any out.
func refuseOverlaps(metric string, spans []Span, order, first []int32, dead []bool, refused *refusals) bool {
	any := false
	var scratch []int32
	for c := 0; c+1 < len(first); c++ {
		group := order[first[c]:first[c+1]]
		if len(group) < 2 {
			continue
		}
		scratch = scratch[:0]
		for _, i := range group {
			if s := &spans[i]; s.Subscription != "" && s.MRR.num.Sign() >= 0 {
				scratch = append(scratch, i)
			}
		}
		sortByItem(spans, scratch)
		last := -1
		for _, i := range scratch {
			if last >= 0 && sameItem(&spans[last], &spans[i]) {
				if prev := &spans[last]; prev.End.IsZero() || spans[i].Start.Before(prev.End) {
					dead[i], any = true, true
					refused.keep(int(i), overlapError(metric, spans, int(i), last))
					continue
				}
			}
			last = int(i)
		}
	}
	return any
}

// sortByItem sorts span indexes by subscription, item, start and index.
func sortByItem(spans []Span, idx []int32) {
	slices.SortFunc(idx, func(a, b int32) int {
		sa, sb := &spans[a], &spans[b]
		if c := strings.Compare(sa.Subscription, sb.Subscription); c != 0 {
			return c
		}
		if c := strings.Compare(sa.Item, sb.Item); c != 0 {
			return c
		}
		if c := sa.Start.Compare(sb.Start); c != 0 {
			return c
		}
		return int(a - b)
	})
}

// commonDenominator returns the least common multiple of den and the denominator of
// r, or an ErrOutOfRange error naming the MRR when it passes 2⁶³.
func commonDenominator(metric string, den int64, r Recurring) (int64, error) {
	d := r.denominator()
	if den%d == 0 {
		return den, nil
	}
	g := int64(gcd(uint64(den), uint64(d)))
	hi, lo := bits.Mul64(uint64(den/g), uint64(d))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, newError(metric, "MRR", ErrOutOfRange, "its denominator %d and the other spans' %d have no common multiple below 2^63", d, den)
	}
	return int64(lo), nil
}

// negativeCredit returns the index, among idx (the spans of one customer), of a credit
// that is active at the first instant where the customer's MRR is below zero: the one
// of lowest index; −1 when the MRR never is.
func negativeCredit(spans []Span, idx []int) int {
	type event struct {
		at    time.Time
		delta *big.Rat
	}
	var events []event
	for _, i := range idx {
		s := &spans[i]
		v := ratOf(s.MRR.num)
		v.Quo(v, new(big.Rat).SetInt64(s.MRR.denominator()))
		events = append(events, event{s.Start, v})
		if !s.End.IsZero() {
			events = append(events, event{s.End, new(big.Rat).Neg(v)})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })
	sum := new(big.Rat)
	for k := 0; k < len(events); {
		t := events[k].at
		for ; k < len(events) && events[k].at.Equal(t); k++ {
			sum.Add(sum, events[k].delta)
		}
		if sum.Sign() < 0 {
			for _, i := range idx { // idx is in input order
				if s := &spans[i]; s.MRR.num.Sign() < 0 && !t.Before(s.Start) && (s.End.IsZero() || t.Before(s.End)) {
					return i
				}
			}
		}
	}
	return -1
}

// creditError is the error of credit i, which takes its customer's MRR below zero.
func creditError(metric string, spans []Span, i int) error {
	return atIndex(newError(metric, "MRR", ErrNegative, "the credit %s takes customer %q's MRR below zero", spans[i].MRR.Monthly(), spans[i].Customer), "spans", i)
}

// checkOverlaps refuses a billing span (MRR ≥ 0) that overlaps another of the same
// customer, subscription and item. Of two overlapping spans the later-starting one is
// at fault (the one with the higher index when both start together), and of several
// faults the one with the lowest index is named, so the error does not depend on the
// order of the walk.
func checkOverlaps(metric string, spans []Span, order, first []int32) error {
	worst, other := -1, -1
	note := func(i, k int32) { // spans i and k overlap
		a, b := int(i), int(k)
		if c := spans[a].Start.Compare(spans[b].Start); c > 0 || (c == 0 && a > b) {
			a, b = b, a
		}
		if worst < 0 || b < worst { // b starts later: at fault
			worst, other = b, a
		}
	}
	var scratch []int32
	for c := 0; c+1 < len(first); c++ {
		group := order[first[c]:first[c+1]]
		if len(group) < 2 {
			continue
		}
		// Small groups compare every pair; larger ones sort by subscription, item and
		// start.
		if len(group) <= 8 {
			for x, i := range group {
				for _, k := range group[x+1:] {
					if overlap(&spans[i], &spans[k]) {
						note(i, k)
					}
				}
			}
			continue
		}
		scratch = append(scratch[:0], group...)
		sortByItem(spans, scratch)
		// Within one subscription and item in order of start, a span overlaps an
		// earlier one when it starts before one of their ends; it is then at fault.
		for k := 1; k < len(scratch); k++ {
			for j := k - 1; j >= 0 && sameItem(&spans[scratch[j]], &spans[scratch[k]]); j-- {
				if overlap(&spans[scratch[j]], &spans[scratch[k]]) {
					note(scratch[j], scratch[k])
					break
				}
			}
		}
	}
	if worst >= 0 {
		return overlapError(metric, spans, worst, other)
	}
	return nil
}

// sameItem reports whether a and b bill the same subscription and item.
func sameItem(a, b *Span) bool { return a.Subscription == b.Subscription && a.Item == b.Item }

// overlap reports whether a and b are billing spans of one subscription and item that
// overlap. Spans without a subscription, and credits, never do.
func overlap(a, b *Span) bool {
	if a.Subscription == "" || !sameItem(a, b) || a.MRR.num.Sign() < 0 || b.MRR.num.Sign() < 0 {
		return false
	}
	if b.Start.Before(a.Start) {
		a, b = b, a
	}
	return a.End.IsZero() || b.Start.Before(a.End)
}

// overlapError is the error of span i, which starts while span earlier of its
// subscription and item runs.
func overlapError(metric string, spans []Span, i, earlier int) error {
	what := "subscription " + strconv.Quote(spans[i].Subscription)
	if spans[i].Item != "" {
		what = "item " + strconv.Quote(spans[i].Item) + " of " + what
	}
	e := newError(metric, "Start", ErrInconsistent, "starts while another span of %s runs", what)
	e.Related = &Position{List: "spans", Index: earlier}
	return atIndex(e, "spans", i)
}

// fixedAmounts returns each span's MRR as an int64 count of 10^−scale over den, and
// whether every amount, and twice the sum of their sizes, fits: every MRR total,
// movement and difference the history computes is then bounded by that sum and cannot
// overflow.
func fixedAmounts(spans []Span, order []int32, scale int32, den int64) ([]fixed, bool) {
	if scale > 18 {
		return nil, false
	}
	out := make([]fixed, len(spans))
	var total uint64
	for _, i := range order {
		d := spans[i].MRR.num
		shift := scale + d.Exponent()
		if shift < 0 || shift > 18 || d.NumDigits() > 18 { // pow10[shift] with shift ≤ 18 fits an int64
			return nil, false
		}
		c := d.CoefficientInt64()
		hi, v := bits.Mul64(uint64(max(c, -c)), pow10[shift])
		if hi != 0 {
			return nil, false
		}
		if den == 1 {
			// v is the amount: every denominator is 1
		} else if k := den / spans[i].MRR.denominator(); k != 1 {
			if hi, v = bits.Mul64(v, uint64(k)); hi != 0 {
				return nil, false
			}
		}
		if v > math.MaxInt64/2 {
			return nil, false
		}
		if total += 2 * v; total > math.MaxInt64 {
			return nil, false
		}
		out[i] = fixed(v)
		if c < 0 {
			out[i] = -out[i]
		}
	}
	return out, true
}

// pow10 holds 10^0 to 10^19, every power of ten an uint64 holds.
var pow10 = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// amount is the arithmetic the history needs, on int64 at a fixed scale (fixed) or on
// exact decimals (exact), both over the history's common denominator, so one
// implementation serves both paths.
type amount[T any] interface {
	add(T) T
	sub(T) T
	cmp(T) int
	sign() int
	decimal(scale int32) decimal.Decimal // the numerator over the common denominator
}

type fixed int64

func (a fixed) add(b fixed) fixed                   { return a + b }
func (a fixed) sub(b fixed) fixed                   { return a - b }
func (a fixed) cmp(b fixed) int                     { return compare(a, b) }
func (a fixed) sign() int                           { return compare(a, 0) }
func (a fixed) decimal(scale int32) decimal.Decimal { return decimal.New(int64(a), -scale) }

func compare(a, b fixed) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

type exact struct{ d decimal.Decimal }

func (a exact) add(b exact) exact             { return exact{a.d.Add(b.d)} }
func (a exact) sub(b exact) exact             { return exact{a.d.Sub(b.d)} }
func (a exact) cmp(b exact) int               { return a.d.Cmp(b.d) }
func (a exact) sign() int                     { return a.d.Sign() }
func (a exact) decimal(int32) decimal.Decimal { return a.d }

// recurring returns an amount of the history as the exact Recurring it stands for.
func recurring[T amount[T]](h *History, v T) Recurring {
	return recurringOf(v.decimal(h.scale), h.den)
}

// Step flags, kept (in History.flags) only when some span has zero MRR or less, so
// that a customer can run a subscription while paying nothing.
const (
	stepLive uint8 = 1 << iota // a span of MRR ≥ 0 runs: the customer is subscribed
	stepPaid                   // the customer has paid at or before this step
)

// buildSteps turns each customer's spans into the step function of its MRR: the
// instants where it changes, and its value after each. Instants where nothing changes
// are dropped. With flags, a step is also kept where the customer starts or stops
// running a subscription, and flags records, per step, stepLive and stepPaid.
func buildSteps[T amount[T]](h *History, spans []Span, order []int32, amounts []T, withFlags bool) ([]instant, []T, []uint8) {
	// Each customer's spans make at most two steps each, so a share of the customers
	// writes its steps from twice the offset of its first span, and the shares are
	// then moved together: the result is the serial walk's.
	n := 2 * len(order)
	at, vals := make([]instant, n), make([]T, n)
	var flags []uint8
	if withFlags {
		flags = make([]uint8, n)
	}
	customers := len(h.first) - 1
	workers := runtime.GOMAXPROCS(0)
	if customers < 4096*workers {
		workers = 1
	}
	// h.first[c] is where customer c's spans begin in order until stepsOf sets it to
	// where its steps begin; a share reads the first entry of the next share, which
	// that share sets, so each share's bounds are read before any starts.
	from := make([]int, workers+1)    // share w has customers [from[w], from[w+1])
	bound := make([]int32, workers+1) // and spans order[bound[w]:bound[w+1]]
	for w := range workers {
		from[w+1] = customers * (w + 1) / workers
		bound[w+1] = h.first[from[w+1]]
	}
	ends := make([]int, workers) // share w's steps end at ends[w]
	paying := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ends[w], paying[w] = stepsOf(h.first, bound[w+1], spans, order, amounts, withFlags, from[w], from[w+1], at, vals, flags)
		}()
	}
	wg.Wait()
	end := ends[0]
	h.paying = paying[0]
	for w := 1; w < workers; w++ {
		start := 2 * int(bound[w])
		copy(at[end:], at[start:ends[w]])
		copy(vals[end:], vals[start:ends[w]])
		if withFlags {
			copy(flags[end:], flags[start:ends[w]])
		}
		for c := from[w]; c < from[w+1]; c++ {
			h.first[c] -= int32(start - end)
		}
		end += ends[w] - start
		h.paying += paying[w]
	}
	h.first[customers] = int32(end)
	clear(vals[end:]) // no exact amount kept alive past the steps
	if withFlags {
		flags = flags[:end]
	}
	return at[:end], vals[:end], flags
}

// stepsOf writes the steps of customers [from, to) into at, vals and flags from
// twice the offset of the first one's spans, and returns where they end and how many
// of the customers ever pay. first[c] holds where customer c's spans begin in order,
// last where those of customer to−1 end; stepsOf sets first[c] to where customer c's
// steps begin.
func stepsOf[T amount[T]](first []int32, last int32, spans []Span, order []int32, amounts []T, withFlags bool, from, to int, at []instant, vals []T, flags []uint8) (int, int) {
	type event struct {
		at    instant
		delta T
		live  int32 // +1 where a subscription (a span of MRR ≥ 0) starts, −1 where it ends
	}
	var events []event
	pos, paying := 2*int(first[from]), 0
	for c := from; c < to; c++ {
		events = events[:0]
		hi := last
		if c+1 < to {
			hi = first[c+1]
		}
		for _, i := range order[first[c]:hi] {
			s := &spans[i]
			var live int32
			if withFlags && s.MRR.num.Sign() >= 0 {
				live = 1
			}
			events = append(events, event{instantOf(s.Start), amounts[i], live})
			if !s.End.IsZero() {
				var zero T
				events = append(events, event{instantOf(s.End), zero.sub(amounts[i]), -live})
			}
		}
		byTime := func(a, b event) int {
			switch {
			case a.at.before(b.at):
				return -1
			case b.at.before(a.at):
				return 1
			}
			return 0
		}
		if !slices.IsSortedFunc(events, byTime) {
			slices.SortStableFunc(events, byTime)
		}
		first[c] = int32(pos)
		var value T
		if !withFlags { // the common case: a step is a change of MRR
			for k := 0; k < len(events); {
				t := events[k].at
				next := value
				for ; k < len(events) && events[k].at == t; k++ {
					next = next.add(events[k].delta)
				}
				if next.cmp(value) != 0 {
					at[pos], vals[pos] = t, next
					pos++
					value = next
				}
			}
			if int(first[c]) < pos { // every span pays: a customer with a step has paid
				paying++
			}
			continue
		}
		var live int32
		var flag uint8
		for k := 0; k < len(events); {
			t := events[k].at
			next, nextLive := value, live
			for ; k < len(events) && events[k].at == t; k++ {
				next = next.add(events[k].delta)
				nextLive += events[k].live
			}
			nextFlag := flag
			if nextLive > 0 {
				nextFlag |= stepLive
			} else {
				nextFlag &^= stepLive
			}
			if next.sign() > 0 {
				nextFlag |= stepPaid
			}
			if next.cmp(value) != 0 || nextFlag != flag {
				at[pos], vals[pos], flags[pos] = t, next, nextFlag
				pos++
			}
			value, live, flag = next, nextLive, nextFlag
		}
		if flag&stepPaid != 0 {
			paying++
		}
	}
	return pos, paying
}

// Currency returns the currency code shared by every span, in upper case and without
// surrounding spaces: the spans may spell it in any case, padded or not ("usd" and
// " USD" are one currency).
func (h *History) Currency() string { return h.currency }

// Customers returns the number of customers that pay at some instant of the history.
func (h *History) Customers() int { return h.paying }

// valueAt returns customer c's MRR at instant t: the value of its last step at or
// before t, and the index just past that step.
func valueAt[T amount[T]](h *History, vals []T, c int, t instant) (T, int) {
	lo, hi := int(h.first[c]), int(h.first[c+1])
	j := lo + sort.Search(hi-lo, func(k int) bool { return t.before(h.at[lo+k]) })
	if j == lo {
		var zero T
		return zero, j
	}
	return vals[j-1], j
}

// Snapshot returns every paying customer's MRR at the instant at, a span counting
// when Start ≤ at < End, in the history's currency: each [Recurring.Monthly], exact
// unless it has no finite decimal form (a single plan of 1,000 a year). Customers
// paying nothing are left out, so len(Snapshot(at).MRR) is the number of paying
// customers.
func (h *History) Snapshot(at time.Time) Snapshot {
	s := Snapshot{At: at, Currency: h.currency, MRR: map[string]decimal.Decimal{}}
	if h.fx != nil {
		mrr, _ := h.fx.mrrAt("Snapshot", at) // every span has its rates (NewHistoryIn)
		for id, v := range mrr {
			if v.num.IsPositive() {
				s.MRR[id] = v.Monthly()
			}
		}
		return s
	}
	t := instantOf(at)
	for c, id := range h.ids {
		if v, _ := h.valueAt(c, t); v.num.IsPositive() {
			s.MRR[id] = v.Monthly()
		}
	}
	return s
}

// MRR returns the total MRR at the instant at, exactly: the sum of every customer's,
// which [History.Snapshot] lists. Its [Recurring.Annual] is the exact ARR.
func (h *History) MRR(at time.Time) Recurring {
	if h.fx != nil {
		mrr, _ := h.fx.mrrAt("MRR", at) // every span has its rates (NewHistoryIn)
		var total Recurring
		for _, v := range mrr {
			total, _ = total.add(v)
		}
		return total
	}
	t := instantOf(at)
	if h.exact != nil {
		return recurring(h, mrrAt(h, h.exact, t))
	}
	return recurring(h, mrrAt(h, h.fixed, t))
}

func mrrAt[T amount[T]](h *History, vals []T, t instant) T {
	var total T
	for c := range h.ids {
		v, _ := valueAt(h, vals, c, t)
		total = total.add(v)
	}
	return total
}

// closing returns the last instant of the period that ends at end: end − 1 ns. A
// period's closing MRR is the MRR at that instant, so a span that starts exactly at a
// period's end counts in the next period, and one that ends there counts in this one.
func closing(end time.Time) time.Time { return end.Add(-time.Nanosecond) }

// BridgeInput returns the input of [MRRBridge] for period p, from the history: the
// snapshot at the last instant before p, the snapshot at p's last instant, and every
// former customer (one who paid before p but not at its opening) with the instant it
// last stopped paying. MRRBridge of it gives the movements of [History.Series] for p
// under the default [MovementsNet] convention.
//
// MRRBridge measures a [ReactivationWindow] from the end snapshot, where the series
// measures it to the instant the customer paid again, so the two can differ under
// that choice alone.
//
// Errors: [ErrInvalidPeriod] for the zero Period.
func (h *History) BridgeInput(p Period) (BridgeInput, error) {
	if err := p.valid("BridgeInput"); err != nil {
		return BridgeInput{}, err
	}
	in := BridgeInput{Start: h.Snapshot(closing(p.Start())), End: h.Snapshot(closing(p.End())), Former: map[string]time.Time{}}
	t := instantOf(in.Start.At)
	for c, id := range h.ids {
		if _, paying := in.Start.MRR[id]; paying {
			continue
		}
		_, j := h.valueAt(c, t)
		// The last step before t at which it paid; it stopped at the step after.
		for q := j - 1; q >= int(h.first[c]); q-- {
			if h.paysAt(q) {
				in.Former[id] = h.at[q+1].time()
				break
			}
		}
	}
	return in, nil
}

// presentAt reports whether customer c is a customer at instant t: it pays, or, when
// stay, it runs a subscription and has paid before.
func (h *History) presentAt(c int, t instant, stay bool) bool {
	lo := int(h.first[c])
	var j int
	if h.exact != nil {
		_, j = valueAt(h, h.exact, c, t)
	} else {
		_, j = valueAt(h, h.fixed, c, t)
	}
	if j == lo {
		return false
	}
	return h.paysAt(j-1) || (stay && h.flags != nil && h.flags[j-1]&(stepLive|stepPaid) == stepLive|stepPaid)
}

// paysAt reports whether the MRR after step i is above zero.
func (h *History) paysAt(i int) bool {
	if h.exact != nil {
		return h.exact[i].sign() > 0
	}
	return h.fixed[i].sign() > 0
}

// valueAt returns customer c's MRR at instant t, and the index just past its last step
// at or before t.
func (h *History) valueAt(c int, t instant) (Recurring, int) {
	if h.exact != nil {
		v, j := valueAt(h, h.exact, c, t)
		return recurring(h, v), j
	}
	v, j := valueAt(h, h.fixed, c, t)
	return recurring(h, v), j
}

// Metric is one figure of a period computed by a catalogue function: its value, or the
// reason it is undefined for the period (no customers at the start, nothing lost for a
// quick ratio), never a silent 0.
type Metric struct {
	value decimal.Decimal
	err   error
}

func metricOf(v decimal.Decimal, err error) Metric { return Metric{value: v, err: err} }

// Value returns the figure, or the error of the function that computed it: an
// [*Error] wrapping [ErrZeroDenominator] when the metric is undefined for the period.
func (m Metric) Value() (decimal.Decimal, error) { return m.value, m.err }

// String returns the value in full, or "n/a" when it is undefined.
func (m Metric) String() string {
	if m.err != nil {
		return "n/a"
	}
	return m.value.String()
}

// Percent returns a rate as a percentage for people to read: the value × 100 rounded
// to places decimal places, half away from zero, and " %", so 0.6666666666666667
// with one place is "66.7 %"; "n/a" when the metric is undefined. The value itself
// stays a fraction; this is display only.
func (m Metric) Percent(places int32) string {
	if m.err != nil {
		return "n/a"
	}
	return m.value.Shift(2).StringFixed(places) + " %"
}

// PeriodTotals are the additive facts of one period of a [History]: amounts of MRR and
// counts of customers. The totals of disjoint sets of customers add up to the totals of
// their union, so rates are computed after adding (see [Totals.Merge]).
type PeriodTotals struct {
	Period Period `json:"period"`
	// Start is the MRR at the last instant before the period, End at its last instant
	// (End of the Period − 1 ns), so that a span starting on the first of a month counts
	// in that month and one ending on the first of a month counts in the month before.
	// Both are exact: End.Annual() is the exact ARR.
	Start Recurring `json:"start_mrr"`
	End   Recurring `json:"end_mrr"`
	// The movements take MRR from Start to End under the policy's [MovementConvention]
	// and [Reactivation] choice: End = Start + New + Expansion + Reactivation −
	// Contraction − Churn + FX.
	MRRMovements
	// Retained holds, for the customers paying at the start, their Expansion,
	// Contraction and Churn over the period (their net change under [MovementsNet],
	// every change under [MovementsEveryChange]), and in Reactivation the MRR of former
	// customers who pay again at the end (before any [ReactivationAsExpansion]
	// folding; those a [ReactivationWindow] makes new are left out). New and FX are
	// zero. [PeriodTotals.Retention] turns it into the input of [NRR] and [GRR].
	Retained MRRMovements `json:"retained"`
	// GrossLost is, for the customers paying at the start, their contraction and
	// churn with each customer's losses capped at its starting MRR: the losses of
	// [GRR], which stays in [0, 1] and at most NRR under either convention. Under
	// [MovementsNet] it equals Retained.Contraction + Retained.Churn.
	GrossLost Recurring `json:"gross_lost"`
	// Customers counts paying customers as [CustomerCounts] defines them, from the
	// history: Start at the opening, New and Reactivated arrivals, Churned departures,
	// JoinedAndLeft and LeftAndReturned within the period.
	Customers CustomerCounts `json:"customers"`
	// EndCustomers is the number of customers paying at the period's last instant.
	EndCustomers int `json:"end_customers"`
	// MovementCounts counts the movements behind each amount of Movements: customers
	// under [MovementsNet], changes under [MovementsEveryChange].
	MovementCounts MovementCounts `json:"movement_counts"`
}

// MovementCounts counts MRR movements by kind.
type MovementCounts struct {
	New          int `json:"new"`
	Expansion    int `json:"expansion"`
	Contraction  int `json:"contraction"`
	Churn        int `json:"churn"`
	Reactivation int `json:"reactivation"`
	Entering     int `json:"entering,omitempty"` // of a segment's series only
	Leaving      int `json:"leaving,omitempty"`  // of a segment's series only
}

func (m MovementCounts) plus(n MovementCounts) MovementCounts {
	return MovementCounts{m.New + n.New, m.Expansion + n.Expansion, m.Contraction + n.Contraction, m.Churn + n.Churn, m.Reactivation + n.Reactivation,
		m.Entering + n.Entering, m.Leaving + n.Leaving}
}

// MRRMovements are the movements of MRR over one period of a [History], exact: New,
// Expansion, Contraction, Churn and Reactivation each ≥ 0; FX, the part of the change
// that exchange rates made, of either sign (zero for a history in one currency); and,
// for a segment's series ([SegmentSeries]) only, Entering and Leaving, the MRR of
// customers who moved into the segment from elsewhere or out of it to elsewhere
// (ChartMogul's "MRR entering/leaving segment" rows), each ≥ 0:
//
//	End = Start + New + Expansion + Reactivation − Contraction − Churn + FX + Entering − Leaving
type MRRMovements struct {
	New          Recurring `json:"new"`
	Expansion    Recurring `json:"expansion"`
	Contraction  Recurring `json:"contraction"`
	Churn        Recurring `json:"churn"`
	Reactivation Recurring `json:"reactivation"`
	FX           Recurring `json:"fx"`
	Entering     Recurring `json:"entering"`
	Leaving      Recurring `json:"leaving"`
}

// Movements returns the five movements as decimals, each [Recurring.Monthly], for
// [NetNewMRR], [QuickRatio] and [MRRBridge]'s shape. FX is not among them.
func (m MRRMovements) Movements() Movements {
	return Movements{New: m.New.Monthly(), Expansion: m.Expansion.Monthly(), Contraction: m.Contraction.Monthly(), Churn: m.Churn.Monthly(), Reactivation: m.Reactivation.Monthly()}
}

// plus returns m + n, or false when a sum's denominator would pass 2⁶³.
func (m MRRMovements) plus(n MRRMovements) (MRRMovements, bool) {
	var out MRRMovements
	ok := true
	for _, f := range []struct{ a, b, to *Recurring }{
		{&m.New, &n.New, &out.New}, {&m.Expansion, &n.Expansion, &out.Expansion}, {&m.Contraction, &n.Contraction, &out.Contraction},
		{&m.Churn, &n.Churn, &out.Churn}, {&m.Reactivation, &n.Reactivation, &out.Reactivation}, {&m.FX, &n.FX, &out.FX},
		{&m.Entering, &n.Entering, &out.Entering}, {&m.Leaving, &n.Leaving, &out.Leaving},
	} {
		var sum Recurring
		sum, fits := f.a.add(*f.b)
		*f.to, ok = sum, ok && fits
	}
	return out, ok
}

// Retention returns the movements of the customers paying at the start, the input of
// [NRR], [GRR], [GrossRevenueChurnRate] and [NetRevenueChurnRate], each amount
// [Recurring.Monthly]. The series' own rates are computed from the exact amounts.
func (t PeriodTotals) Retention() RevenueMovements {
	r := t.Retained
	return RevenueMovements{Start: t.Start.Monthly(), Expansion: r.Expansion.Monthly(), Contraction: r.Contraction.Monthly(), Churn: r.Churn.Monthly(), Reactivation: r.Reactivation.Monthly()}
}

// CohortTotals are the additive facts of one cohort: the customers whose first payment
// falls in Period, and, for Period and each period after it, how many of them pay and
// their MRR at that period's last instant.
type CohortTotals struct {
	Period    Period      `json:"period"`
	Size      int         `json:"size"`      // customers whose first payment ever falls in Period; 0 for an empty cohort
	Customers []int       `json:"customers"` // [k]: of them, those paying at the close of the k-th period from Period (0 is Period)
	MRR       []Recurring `json:"mrr"`       // [k]: their MRR then, exactly
}

// Totals are the additive results of a [History] over a list of periods: what a shard
// of customers contributes to a series and a cohort table. Totals of histories built
// from disjoint sets of customers (every span of a customer in the same shard), over
// the same periods and policy, merge by addition into exactly the totals of the
// history of all their spans; [Totals.Series] and [Totals.CohortTable] then compute every
// rate after the merge ([Totals.CohortTable] for cohorts). This is the contract a distributed runner relies on.
type Totals struct {
	Policy   Policy         `json:"policy"`   // the policy the totals were classified under
	Currency string         `json:"currency"` // the spans' currency
	Spans    int            `json:"spans"`    // how many spans the totals come from
	Periods  []PeriodTotals `json:"periods"`  // one per period, in order
	// Cohorts holds one cohort per period, in order: the customers who first paid in
	// it. Only [History.TotalsWithCohorts] computes them; it is nil otherwise.
	Cohorts []CohortTotals `json:"cohorts,omitempty"`
}

// MaxCohortPeriods bounds the periods of a cohort table ([History.Cohorts],
// [History.TotalsWithCohorts]): 1,200, a century of months. A table over n periods
// holds n × (n + 1) ÷ 2 cells, so its memory grows with the square of n; past the
// bound it is refused with [ErrOutOfRange]. Series and totals without cohorts are
// linear in the periods and have no such bound.
const MaxCohortPeriods = 1_200

// Totals classifies every customer's MRR over periods and returns the additive totals
// of each period, in time and memory linear in the periods and the history's steps.
// periods must be in time order without overlapping (gaps are allowed): months from
// [Period.Months], quarters, years or any custom spans. Its Cohorts are nil: ask
// [History.TotalsWithCohorts] for them.
//
// Options: [MovementConvention] and [Reactivation] shape the movements; the rate
// choices of [History.Series] and [History.Cohorts] ([ChurnDenominator],
// [JoinedAndLeft], [LeftAndReturned], [NRRReactivation], [QuickRatioReactivation],
// [CohortAverage]) are recorded in the totals for the rates computed from them.
//
// Errors: [ErrInvalidPeriod] for no periods, a zero Period, or a period that starts
// before the previous one ends, naming it as "periods[3]"; [ErrInvalidOption] for a nil option
// or a value outside its type's constants.
func (h *History) Totals(periods []Period, opts ...TotalsOption) (Totals, error) {
	return totals(h, "Totals", periods, opts, false)
}

// TotalsWithCohorts is [History.Totals] with the Cohorts too: for each period, the
// customers whose first payment falls in it and, for it and each later period, how
// many of them pay and their MRR at its close. Its memory grows with the square of
// the periods.
//
// Errors: those of [History.Totals]; [ErrOutOfRange] for more than [MaxCohortPeriods]
// periods.
func (h *History) TotalsWithCohorts(periods []Period, opts ...TotalsOption) (Totals, error) {
	return totals(h, "TotalsWithCohorts", periods, opts, true)
}

// totals folds opts into a Policy and classifies periods under it, with the cohorts
// when cohorts is true.
func totals[O Option](h *History, metric string, periods []Period, opts []O, cohorts bool) (Totals, error) {
	p, err := policyFor(metric, opts)
	if err != nil {
		return Totals{}, err
	}
	if err := checkPeriods(metric, periods); err != nil {
		return Totals{}, err
	}
	if cohorts && len(periods) > MaxCohortPeriods {
		return Totals{}, newError(metric, "periods", ErrOutOfRange, "%d periods: a cohort table holds at most MaxCohortPeriods %d", len(periods), MaxCohortPeriods)
	}
	return h.sweep(metric, periods, p, sweepOptions{cohorts: cohorts})
}

// sweep is the sweep of the history on its own path: integer, exact, or, for a history
// in several currencies, at each period's rates.
func (h *History) sweep(metric string, periods []Period, p Policy, opt sweepOptions) (Totals, error) {
	if h.fx != nil {
		return h.fx.totals(h, metric, periods, p, opt)
	}
	// Large histories are swept on every core, each a share of the customers, and
	// the shares' totals merged: the merge adds exact amounts, so the result is the
	// one a single sweep gives. The movement log, written by one goroutine, takes one.
	workers := runtime.GOMAXPROCS(0)
	if opt.log != nil || len(h.ids) < 4096*workers {
		workers = 1
	}
	if h.exact != nil {
		return sweepOn(h, h.exact, periods, p, opt, workers), nil
	}
	return sweepOn(h, h.fixed, periods, p, opt, workers), nil
}

// sweepOn sweeps the history on workers goroutines, each a share of the customers,
// merges what they added up and turns it into totals once.
func sweepOn[T amount[T]](h *History, vals []T, periods []Period, p Policy, opt sweepOptions, workers int) Totals {
	// Every share holds a customer: a share [0, 0) would read as all of them.
	workers = max(min(workers, len(h.ids)), 1)
	parts := make([]*sweepAcc[T], workers)
	var wg sync.WaitGroup
	for w := range workers {
		o := opt
		o.from, o.to = len(h.ids)*w/workers, len(h.ids)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = accumulate(h, vals, periods, p, o)
		}()
	}
	wg.Wait()
	for _, part := range parts[1:] {
		parts[0].merge(part)
	}
	return parts[0].totals(h, periods, p, opt)
}

// checkPeriods refuses no periods, a zero Period, or a period that starts before the
// previous one ends, naming it as "periods[3]".
func checkPeriods(metric string, periods []Period) error {
	if len(periods) == 0 {
		return newError(metric, "periods", ErrInvalidPeriod, "no periods")
	}
	for i, per := range periods {
		if err := per.valid(metric); err != nil {
			return atIndex(err, "periods", i)
		}
		if i > 0 && per.Start().Before(periods[i-1].End()) {
			e := newError(metric, "", ErrInvalidPeriod, "starts %s, before the period before it ends %s", per.Start().Format(time.RFC3339), periods[i-1].End().Format(time.RFC3339))
			e.Related = &Position{List: "periods", Index: i - 1}
			return atIndex(e, "periods", i)
		}
	}
	return nil
}

// periodOf returns the index of the period of periods (in order, not overlapping) that
// holds t, or −1.
func periodOf(periods []Period, t time.Time) int {
	k := sort.Search(len(periods), func(k int) bool { return t.Before(periods[k].End()) })
	if k < len(periods) && periods[k].Contains(t) {
		return k
	}
	return -1
}

// periodAcc accumulates one period's totals on T.
type periodAcc[T any] struct {
	start, end, new, exp, con, churn, react, enter, leave T
	rExp, rCon, rChurn, rReact, lost                      T // retained, and the losses capped per customer for GRR
	counts                                                CustomerCounts
	endCustomers                                          int
	moved                                                 MovementCounts
}

// sweepOptions are the parts of a sweep its callers ask for beside the totals.
type sweepOptions struct {
	cohorts bool // compute the cohort cells
	// log, when set, receives every movement the totals count: customer c, period
	// k, the movement, the instant it took effect, and the MRR before and after.
	log func(customer string, k int, mv Movement, at instant, before, after Recurring)
	// outside, when set, makes the sweep a segment's: it reports whether customer c
	// is a customer outside the segment at instant at, so an arrival in the segment
	// of a customer already paying elsewhere is Entering, not New, and a departure to
	// elsewhere is Leaving, not Churn.
	outside func(c int, at instant) bool
	// from and to bound the customers swept, [from, to); 0 and 0 sweep them all.
	from, to int
}

// sweep walks each customer's steps once against the periods and returns its
// movements, counts and cohort cells as totals.
func sweep[T amount[T]](h *History, vals []T, periods []Period, p Policy, opt sweepOptions) Totals {
	return accumulate(h, vals, periods, p, opt).totals(h, periods, p, opt)
}

// sweepAcc is what a sweep adds up, in the history's own amounts: per period, and per
// cohort cell when the cohorts are asked for. Cohort c's cell at offset o (its period
// c + o) is cells[base[c]+o]: a triangle of n × (n + 1) ÷ 2 cells.
type sweepAcc[T amount[T]] struct {
	acc                []periodAcc[T]
	sizes, base, cells []int
	cellMRR            []T
}

// merge adds o, a sweep of other customers over the same periods, into a. The sums
// stay within the history's bound (twice the sum of every amount), so the int64 path
// cannot overflow, and the result is the one a single sweep gives.
func (a *sweepAcc[T]) merge(o *sweepAcc[T]) {
	for k := range a.acc {
		x, y := &a.acc[k], &o.acc[k]
		for _, f := range [...]struct{ x, y *T }{
			{&x.start, &y.start}, {&x.end, &y.end}, {&x.new, &y.new}, {&x.exp, &y.exp}, {&x.con, &y.con},
			{&x.churn, &y.churn}, {&x.react, &y.react}, {&x.enter, &y.enter}, {&x.leave, &y.leave},
			{&x.rExp, &y.rExp}, {&x.rCon, &y.rCon}, {&x.rChurn, &y.rChurn}, {&x.rReact, &y.rReact}, {&x.lost, &y.lost},
		} {
			*f.x = (*f.x).add(*f.y)
		}
		x.counts = x.counts.plus(y.counts)
		x.endCustomers += y.endCustomers
		x.moved = x.moved.plus(y.moved)
	}
	for c := range a.sizes {
		a.sizes[c] += o.sizes[c]
	}
	for i := range a.cells {
		a.cells[i] += o.cells[i]
		a.cellMRR[i] = a.cellMRR[i].add(o.cellMRR[i])
	}
}

// accumulate walks each customer's steps once against the periods and adds its
// movements, counts and cohort cells up.
func accumulate[T amount[T]](h *History, vals []T, periods []Period, p Policy, opt sweepOptions) *sweepAcc[T] {
	n := len(periods)
	starts, ends := make([]instant, n), make([]instant, n)
	for k, per := range periods {
		starts[k], ends[k] = instantOf(per.Start()), instantOf(per.End())
	}
	acc := make([]periodAcc[T], n)
	// Cohort c's cell at offset o (its period c + o) is cells[base[c]+o]: a triangle
	// of n × (n + 1) ÷ 2 cells, allocated only when the cohorts are asked for.
	var sizes, base, cells []int
	var cellMRR []T
	if opt.cohorts {
		sizes, base = make([]int, n), make([]int, n+1)
		for c := range n {
			base[c+1] = base[c] + n - c
		}
		cells, cellMRR = make([]int, base[n]), make([]T, base[n])
	}
	every := p.Movements == MovementsEveryChange
	window := int64(p.Reactivation.WindowDays) * 86400
	at, flags := h.at, h.flags
	stay := p.ZeroMRR == ZeroMRRContracts && flags != nil
	from, to := opt.from, opt.to
	if to == 0 {
		to = len(h.first) - 1
	}
	// in[i − off] holds whether the customer is a customer after step i: it pays, or,
	// when customers at zero MRR stay, it runs a subscription and has paid before.
	// Worked out once per step, it is read about twice per customer and period.
	off := int(h.first[from])
	in := make([]bool, int(h.first[to])-off)
	for i := range in {
		in[i] = vals[off+i].sign() > 0 || (stay && flags[off+i]&(stepLive|stepPaid) == stepLive|stepPaid)
	}
	present := func(i int) bool { return in[i-off] }
	// arrival classifies the arrival at step i of a customer whose steps start at lo:
	// the movement it makes, and whether it is a former customer's return.
	arrival := func(c, lo, i int) (Movement, bool) {
		if opt.outside != nil && opt.outside(c, instant{at[i].sec, at[i].nsec - 1}.normal()) {
			return MovementEntering, false // a customer elsewhere joins the segment
		}
		left := -1 // the step at which it last stopped being a customer
		for q := i - 1; q >= lo; q-- {
			if present(q) {
				left = q + 1
				break
			}
		}
		if left < 0 {
			return MovementNew, false // its first arrival ever
		}
		switch p.Reactivation.Placement {
		case ReactivationAsExpansion:
			return MovementExpansion, true
		case ReactivationAsNewAfter:
			if at[i].sec-at[left].sec >= window {
				return MovementNew, false
			}
		}
		return MovementReactivation, true
	}
	// departure classifies the departure at step i: Churn, or Leaving for a segment's
	// customer still a customer elsewhere.
	departure := func(c, i int) Movement {
		if opt.outside != nil && opt.outside(c, at[i]) {
			return MovementLeaving
		}
		return MovementChurn
	}
	add := func(a *periodAcc[T], m Movement, v T) {
		switch m {
		case MovementNew:
			a.new, a.moved.New = a.new.add(v), a.moved.New+1
		case MovementExpansion:
			a.exp, a.moved.Expansion = a.exp.add(v), a.moved.Expansion+1
		case MovementContraction:
			a.con, a.moved.Contraction = a.con.add(v), a.moved.Contraction+1
		case MovementChurn:
			a.churn, a.moved.Churn = a.churn.add(v), a.moved.Churn+1
		case MovementReactivation:
			a.react, a.moved.Reactivation = a.react.add(v), a.moved.Reactivation+1
		case MovementEntering:
			a.enter, a.moved.Entering = a.enter.add(v), a.moved.Entering+1
		case MovementLeaving:
			a.leave, a.moved.Leaving = a.leave.add(v), a.moved.Leaving+1
		}
	}
	logging := opt.log != nil
	logged := func(c, k int, m Movement, t instant, before, after T) {
		opt.log(h.ids[c], k, m, t, recurring(h, before), recurring(h, after))
	}
	closings := make([]instant, n) // each period's last instant, for the log
	for k := range closings {
		closings[k] = instant{ends[k].sec, ends[k].nsec - 1}.normal()
	}
	for c := from; c < to; c++ {
		lo, hi := int(h.first[c]), int(h.first[c+1])
		first := lo // the customer's first step as a customer
		for first < hi && !present(first) {
			first++
		}
		if first == hi {
			continue // never a customer
		}
		// The first period that ends after the customer's first arrival; earlier ones
		// see nothing.
		k0 := sort.Search(n, func(k int) bool { return at[first].before(ends[k]) })
		cohort := -1
		if opt.cohorts && k0 < n && !at[first].before(starts[k0]) {
			cohort = k0
			sizes[k0]++
		}
		j := lo
		for k := k0; k < n; k++ {
			for j < hi && at[j].before(starts[k]) {
				j++
			}
			m := j
			for m < hi && at[m].before(ends[k]) {
				m++
			}
			var open, close T
			o, cl := false, false
			if j > lo {
				open, o = vals[j-1], present(j-1)
			}
			if m > lo {
				close, cl = vals[m-1], present(m-1)
			}
			if m == hi && j == m && !cl {
				break // gone for good: every later period sees nothing
			}
			a := &acc[k]
			if j == m { // no step in the period: the customer is as it was, no movement
				if o {
					a.start, a.end = a.start.add(open), a.end.add(open)
					a.counts.Start++
					a.endCustomers++
					if cohort >= 0 {
						cell := base[cohort] + k - cohort
						cells[cell]++
						cellMRR[cell] = cellMRR[cell].add(open)
					}
				}
				continue
			}
			arrivedAt, churned, left := -1, false, false
			// A customer of the start's own movements, every change counted: its
			// gains, contractions and churn.
			var gain, shrink, gone T
			prev, wasIn := open, o
			for i := j; i < m; i++ {
				cur, isIn := vals[i], present(i)
				switch {
				case !wasIn && isIn:
					if arrivedAt < 0 {
						arrivedAt = i
					}
					if every {
						mv, returning := arrival(c, lo, i)
						add(a, mv, cur)
						if logging {
							logged(c, k, mv, at[i], prev, cur)
						}
						if returning {
							a.rReact = a.rReact.add(cur)
						}
					}
				case wasIn && !isIn:
					mv := departure(c, i)
					churned, left = churned || mv == MovementChurn, left || mv == MovementLeaving
					if every {
						add(a, mv, prev)
						if logging {
							logged(c, k, mv, at[i], prev, cur)
						}
						gone = gone.add(prev)
					}
				case every && isIn && cur.cmp(prev) > 0:
					add(a, MovementExpansion, cur.sub(prev))
					if logging {
						logged(c, k, MovementExpansion, at[i], prev, cur)
					}
					gain = gain.add(cur.sub(prev))
				case every && isIn && cur.cmp(prev) < 0:
					add(a, MovementContraction, prev.sub(cur))
					if logging {
						logged(c, k, MovementContraction, at[i], prev, cur)
					}
					shrink = shrink.add(prev.sub(cur))
				}
				prev, wasIn = cur, isIn
			}
			// The first arrival in the period of a customer not there at its start.
			var arrived Movement
			var returning bool
			if !o && arrivedAt >= 0 {
				arrived, returning = arrival(c, lo, arrivedAt)
			}
			if o {
				a.start = a.start.add(open)
			}
			if cl {
				a.end = a.end.add(close)
			}
			// The net movement, for the net convention and its retention.
			closing := closings[k]
			switch {
			case o && cl:
				if d := close.cmp(open); d > 0 && !every {
					gain = close.sub(open)
					add(a, MovementExpansion, gain)
					if logging {
						logged(c, k, MovementExpansion, closing, open, close)
					}
					a.rExp = a.rExp.add(gain) // retention of a customer of the start
				} else if d < 0 && !every {
					shrink = open.sub(close)
					add(a, MovementContraction, shrink)
					if logging {
						logged(c, k, MovementContraction, closing, open, close)
					}
					a.rCon, a.lost = a.rCon.add(shrink), a.lost.add(shrink)
				}
			case o:
				if !every {
					mv := MovementChurn
					if left && !churned {
						mv = MovementLeaving
					}
					add(a, mv, open)
					if logging {
						logged(c, k, mv, closing, open, close)
					}
					a.rChurn, a.lost = a.rChurn.add(open), a.lost.add(open)
				}
			case cl:
				if !every {
					add(a, arrived, close)
					if logging {
						logged(c, k, arrived, closing, open, close)
					}
					if returning {
						a.rReact = a.rReact.add(close)
					}
				}
			}
			if o && every {
				// Retention of a customer of the start, every change counted: its
				// gains and losses, the losses capped at what it had (its start and
				// gains), so that its retained MRR never goes below zero when it
				// churned again after a return; GRR caps its losses at its start
				// alone. (Its single net movement, above, is within its start.)
				lost := shrink.add(gone)
				if over := lost.sub(open.add(gain)); over.sign() > 0 {
					cut := over
					if cut.cmp(gone) > 0 {
						cut = gone
					}
					gone, shrink = gone.sub(cut), shrink.sub(over.sub(cut))
				}
				a.rExp, a.rCon, a.rChurn = a.rExp.add(gain), a.rCon.add(shrink), a.rChurn.add(gone)
				if lost.cmp(open) > 0 {
					lost = open
				}
				a.lost = a.lost.add(lost)
			}
			cnt := &a.counts
			switch {
			case o:
				cnt.Start++
			case arrivedAt >= 0:
				switch {
				case arrived == MovementEntering:
					cnt.Entered++
				case returning:
					cnt.Reactivated++
				default:
					cnt.New++
				}
				if !cl && churned {
					cnt.JoinedAndLeft++
				}
			}
			if churned {
				cnt.Churned++
				if cl {
					cnt.LeftAndReturned++
				}
			} else if left && !cl {
				cnt.Left++
			}
			if cl {
				a.endCustomers++
			}
			if cohort >= 0 {
				cell := base[cohort] + k - cohort
				if cl {
					cells[cell]++
					cellMRR[cell] = cellMRR[cell].add(close)
				}
			}
		}
	}
	return &sweepAcc[T]{acc: acc, sizes: sizes, base: base, cells: cells, cellMRR: cellMRR}
}

// totals turns what a sweep added up into exact amounts.
func (s *sweepAcc[T]) totals(h *History, periods []Period, p Policy, opt sweepOptions) Totals {
	n := len(periods)
	acc, sizes, base, cells, cellMRR := s.acc, s.sizes, s.base, s.cells, s.cellMRR
	t := Totals{Policy: p, Currency: h.currency, Spans: h.spans, Periods: make([]PeriodTotals, n)}
	if opt.cohorts {
		t.Cohorts = make([]CohortTotals, n)
	}
	dec := func(v T) Recurring { return recurring(h, v) }
	for k := range acc {
		a := &acc[k]
		t.Periods[k] = PeriodTotals{
			Period: periods[k], Start: dec(a.start), End: dec(a.end),
			MRRMovements: MRRMovements{New: dec(a.new), Expansion: dec(a.exp), Contraction: dec(a.con), Churn: dec(a.churn), Reactivation: dec(a.react),
				Entering: dec(a.enter), Leaving: dec(a.leave)},
			Retained:  MRRMovements{Expansion: dec(a.rExp), Contraction: dec(a.rCon), Churn: dec(a.rChurn), Reactivation: dec(a.rReact)},
			GrossLost: dec(a.lost),
			Customers: a.counts, EndCustomers: a.endCustomers, MovementCounts: a.moved,
		}
		if !opt.cohorts {
			continue
		}
		co := CohortTotals{Period: periods[k], Size: sizes[k], Customers: cells[base[k]:base[k+1]:base[k+1]], MRR: make([]Recurring, n-k)}
		for o := range co.MRR {
			co.MRR[o] = dec(cellMRR[base[k]+o])
		}
		t.Cohorts[k] = co
	}
	return t
}

// normal returns i with its nanoseconds in [0, 1e9), after a subtraction.
func (a instant) normal() instant {
	if a.nsec < 0 {
		return instant{a.sec - 1, a.nsec + 1e9}
	}
	return a
}

// Merge returns the totals of the union of two disjoint sets of customers: every amount
// and count added, period by period and cohort cell by cohort cell. Totals with no
// spans take the other's currency.
//
// Errors: [ErrInconsistent] when the two were computed over different periods or under
// different policies; [ErrCurrencyMismatch] when both have spans in different currencies.
func (t Totals) Merge(u Totals) (Totals, error) {
	const metric = "Totals.Merge"
	switch {
	case t.Policy != u.Policy:
		return Totals{}, newError(metric, "Policy", ErrInconsistent, "the totals were computed under different policies")
	case len(t.Periods) != len(u.Periods):
		return Totals{}, newError(metric, "Periods", ErrInconsistent, "%d periods and %d", len(t.Periods), len(u.Periods))
	case (t.Cohorts == nil) != (u.Cohorts == nil) || len(t.Cohorts) != len(u.Cohorts):
		return Totals{}, newError(metric, "Cohorts", ErrInconsistent, "%d cohorts and %d: merge totals both with cohorts or both without", len(t.Cohorts), len(u.Cohorts))
	}
	out := Totals{Policy: t.Policy, Currency: t.Currency, Spans: t.Spans + u.Spans, Periods: make([]PeriodTotals, len(t.Periods))}
	if t.Cohorts != nil {
		out.Cohorts = make([]CohortTotals, len(t.Cohorts))
	}
	switch {
	case t.Spans == 0:
		out.Currency = u.Currency
	case u.Spans != 0 && currencyCode(t.Currency) != currencyCode(u.Currency):
		return Totals{}, sameCurrency(metric, "Currency", u.Currency, t.Currency)
	}
	for k, a := range t.Periods {
		b := u.Periods[k]
		if !a.Period.Start().Equal(b.Period.Start()) || !a.Period.End().Equal(b.Period.End()) {
			return Totals{}, atIndex(newError(metric, "Period", ErrInconsistent, "%s and %s", a.Period, b.Period), "Periods", k)
		}
		start, ok1 := a.Start.add(b.Start)
		end, ok2 := a.End.add(b.End)
		moved, ok3 := a.MRRMovements.plus(b.MRRMovements)
		retained, ok4 := a.Retained.plus(b.Retained)
		lost, ok5 := a.GrossLost.add(b.GrossLost)
		if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
			return Totals{}, atIndex(tooFine(metric, "Period"), "Periods", k)
		}
		out.Periods[k] = PeriodTotals{
			Period: a.Period, Start: start, End: end, MRRMovements: moved, Retained: retained, GrossLost: lost,
			Customers:    a.Customers.plus(b.Customers),
			EndCustomers: a.EndCustomers + b.EndCustomers, MovementCounts: a.MovementCounts.plus(b.MovementCounts),
		}
	}
	for k, a := range t.Cohorts {
		b := u.Cohorts[k]
		if len(a.Customers) != len(b.Customers) || len(a.MRR) != len(b.MRR) || len(a.MRR) != len(a.Customers) {
			return Totals{}, atIndex(newError(metric, "", ErrInconsistent, "cohort rows of different lengths"), "Cohorts", k)
		}
		c := CohortTotals{Period: a.Period, Size: a.Size + b.Size, Customers: make([]int, len(a.Customers)), MRR: make([]Recurring, len(a.MRR))}
		for o := range c.Customers {
			c.Customers[o] = a.Customers[o] + b.Customers[o]
			var ok bool
			if c.MRR[o], ok = a.MRR[o].add(b.MRR[o]); !ok {
				return Totals{}, atIndex(tooFine(metric, "MRR"), "Cohorts", k)
			}
		}
		out.Cohorts[k] = c
	}
	return out, nil
}

// PeriodMetrics is one row of a series: a period's totals and the metrics computed
// from them by the catalogue's own functions under the totals' policy.
type PeriodMetrics struct {
	PeriodTotals
	NetNewMRR         Metric `json:"net_new_mrr"`         // [NetNewMRR] of the movements
	ARPA              Metric `json:"arpa"`                // [ARPA]: End ÷ EndCustomers
	CustomerChurn     Metric `json:"customer_churn"`      // [CustomerChurnRate] of Customers
	GrossRevenueChurn Metric `json:"gross_revenue_churn"` // [GrossRevenueChurnRate] of Retention()
	NetRevenueChurn   Metric `json:"net_revenue_churn"`   // [NetRevenueChurnRate] of Retention()
	NRR               Metric `json:"nrr"`                 // [NRR] of Retention()
	GRR               Metric `json:"grr"`                 // [GRR] of Retention()
	QuickRatio        Metric `json:"quick_ratio"`         // [QuickRatio] of the movements
}

// Series returns one row of metrics per period, each computed after any merge. The
// amounts are exact, so each rate is computed from them exactly (on their numerators
// over one denominator, which no ratio sees) and rounded once, by its function.
func (t Totals) Series() []PeriodMetrics {
	out := make([]PeriodMetrics, len(t.Periods))
	for k, pt := range t.Periods {
		m, rt := pt.MRRMovements, pt.Retained
		all := [...]Recurring{pt.Start, m.New, m.Expansion, m.Contraction, m.Churn, m.Reactivation, rt.Expansion, rt.Contraction, rt.Churn, rt.Reactivation, pt.GrossLost}
		var n [len(all)]decimal.Decimal
		den, ok := numerators(n[:], all[:]...)
		if !ok { // unreachable: every amount of a period shares the totals' denominator
			for i, v := range all {
				n[i] = v.Monthly()
			}
			den = 1
		}
		r := RevenueMovements{Start: n[0], Expansion: n[6], Contraction: n[7], Churn: n[8], Reactivation: n[9]}
		gross := RevenueMovements{Start: n[0], Contraction: n[10], Churn: decimal.Zero, Expansion: decimal.Zero, Reactivation: decimal.Zero}
		mv := Movements{New: n[1], Expansion: n[2], Contraction: n[3], Churn: n[4], Reactivation: n[5]}
		net, err := NetNewMRR(mv)
		if err == nil {
			net = recurringOf(net, den).Monthly()
		}
		out[k] = PeriodMetrics{
			PeriodTotals:      pt,
			NetNewMRR:         metricOf(net, err),
			ARPA:              metricOf(perHead("ARPA", "customers", pt.End, pt.EndCustomers)),
			CustomerChurn:     metricOf(CustomerChurnRate(pt.Customers, t.Policy)),
			GrossRevenueChurn: metricOf(GrossRevenueChurnRate(gross)),
			NetRevenueChurn:   metricOf(NetRevenueChurnRate(r, t.Policy)),
			NRR:               metricOf(NRR(r, t.Policy)),
			GRR:               metricOf(GRR(gross)),
			QuickRatio:        metricOf(QuickRatio(mv, t.Policy)),
		}
	}
	return out
}

// Series returns the metrics of every period: start and end MRR, the five movements,
// customer counts, and net new MRR, ARPA, customer churn, gross and net revenue churn,
// NRR, GRR and quick ratio, each computed by its catalogue function under opts. It is
// [History.Totals] followed by [Totals.Series]; see Totals for the periods and options
// it takes. The months of a year, say, are slices.Collect(revops.Year(2025).Months()).
//
// By default a customer makes one movement a period, from its MRR at the last instant
// before the period to its MRR at the period's last instant (the dbt mrr-playbook's
// monthly classification); [MovementsEveryChange] reports every change within the
// period, as ChartMogul's MRR movements chart does ([ChartMogulPolicy]). A customer who stops paying churns in the period
// that contains the first instant it pays nothing; one whose first payment ever
// falls in the period is new; a returning former customer is a reactivation, placed
// by the [Reactivation] choice, with a [ReactivationWindow] measured from the instant
// it stopped paying to the instant it pays again. NRR, GRR and revenue churn measure
// the customers paying at the start ([PeriodTotals].Retained): on their net change
// under [MovementsNet], on every change under [MovementsEveryChange], where GRR's
// losses are each customer's capped at its starting MRR ([PeriodTotals].GrossLost),
// so GRR stays in [0, 1] and at most NRR either way: a customer who goes from 100 to
// 50 and back within the period is no change under the first and a 50 loss to GRR
// under the second. Customer churn follows the [CustomerChurnRate] choices.
//
// Errors: those of [History.Totals].
func (h *History) Series(periods []Period, opts ...SeriesOption) ([]PeriodMetrics, error) {
	t, err := totals(h, "Series", periods, opts, false)
	if err != nil {
		return nil, err
	}
	return t.Series(), nil
}

// CustomerChange is one customer's movement in one period of a [History]: a row of the
// movement log that ChartMogul, Stripe and Baremetrics show behind each figure of a
// period, naming the customers who made its churn or its expansion.
type CustomerChange struct {
	Period   Period   `json:"period"`
	Customer string   `json:"customer"`
	Movement Movement `json:"movement"`
	// At is when it took effect: the instant of the change under
	// [MovementsEveryChange], the period's last instant under [MovementsNet].
	At     time.Time `json:"at"`
	Before Recurring `json:"before"` // the customer's MRR before the movement
	After  Recurring `json:"after"`  // and after it; for a churn, 0 (or the MRR it kept at zero)
}

// Amount returns the movement's amount as the series adds it: |After − Before|, or,
// for a churn or a leaving, Before.
func (c CustomerChange) Amount() Recurring {
	if c.Movement == MovementChurn || c.Movement == MovementLeaving {
		return c.Before
	}
	d, _ := c.After.add(c.Before.neg()) // both share the history's denominator
	if d.num.Sign() < 0 {
		d = d.neg()
	}
	return d
}

// Changes returns the movement log of the history over periods: every customer's
// movement that [History.Series] counts under the same options, in order of period,
// then customer, then instant. Under the default [MovementsNet] a customer has at most
// one a period, from its MRR at the period's opening to its MRR at its close; under
// [MovementsEveryChange] one per change. For each period the amounts of each kind add
// up to the series' movement of that kind.
//
// Errors: those of [History.Series].
func (h *History) Changes(periods []Period, opts ...SeriesOption) ([]CustomerChange, error) {
	const metric = "Changes"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if err := checkPeriods(metric, periods); err != nil {
		return nil, err
	}
	var out []CustomerChange
	log := func(customer string, k int, mv Movement, at instant, before, after Recurring) {
		out = append(out, CustomerChange{Period: periods[k], Customer: customer, Movement: mv, At: at.time(), Before: before, After: after})
	}
	if _, err := h.sweep(metric, periods, p, sweepOptions{log: log}); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b CustomerChange) int {
		if c := a.Period.Start().Compare(b.Period.Start()); c != 0 {
			return c
		}
		if c := strings.Compare(a.Customer, b.Customer); c != 0 {
			return c
		}
		return a.At.Compare(b.At)
	})
	return out, nil
}

// SegmentSeries returns the series of one segment of a business (a plan, a region)
// with [History.Series]' metrics, where segment is the history of the segment's spans
// and whole that of every span of the business. A customer who moves between segments
// is counted as ChartMogul counts plan filters (help.chartmogul.com, "Chart data":
// "if you filter by Plan A and a customer switches from Plan A to Plan B, you would
// not see this activity in Contraction MRR", but in the "MRR Entering Segment and MRR
// Leaving Segment rows"): its arrival in the segment while a customer elsewhere is
// Entering, not New or Reactivation, and its departure while still a customer
// elsewhere is Leaving, not Churn, with their customer counts Entered and Left. The
// segment's retention (NRR, GRR) counts a departure to elsewhere as lost to the
// segment.
//
// Errors: those of [History.Series]; [ErrCurrencyMismatch] when the two histories are
// in different currencies.
func SegmentSeries(whole, segment *History, periods []Period, opts ...SeriesOption) ([]PeriodMetrics, error) {
	const metric = "SegmentSeries"
	p, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if err := checkPeriods(metric, periods); err != nil {
		return nil, err
	}
	if segment.spans > 0 && whole.spans > 0 && segment.currency != whole.currency {
		return nil, sameCurrency(metric, "segment", segment.currency, whole.currency)
	}
	if whole.fx != nil || segment.fx != nil {
		return nil, newError(metric, "segment", ErrCurrencyMismatch, "a segment of a history in several currencies: convert its spans into one with ConvertSpans first")
	}
	index := make(map[string]int, len(whole.ids))
	for c, id := range whole.ids {
		index[id] = c
	}
	stay := p.ZeroMRR == ZeroMRRContracts
	outside := func(c int, t instant) bool {
		w, ok := index[segment.ids[c]]
		return ok && whole.presentAt(w, t, stay)
	}
	var t Totals
	if segment.exact != nil {
		t = sweep(segment, segment.exact, periods, p, sweepOptions{outside: outside})
	} else {
		t = sweep(segment, segment.fixed, periods, p, sweepOptions{outside: outside})
	}
	return t.Series(), nil
}

// CohortRow is one cohort of a [CohortTable] with its retention in each period from
// its first: Logo[k] = Customers[k] ÷ Size and Revenue[k] = MRR[k] ÷ MRR[0], fractions.
// An empty cohort (Size 0) is kept, its rates undefined.
type CohortRow struct {
	CohortTotals
	Logo    []Metric `json:"logo"`
	Revenue []Metric `json:"revenue"`
}

// CohortAverageCell is the average retention k periods after the cohorts' first, over
// the cohorts that have reached it and have a base to retain: Cohorts of them for
// logos (a Size above 0) and RevenueCohorts for revenue (an MRR above 0 at the close
// of their first period). A cohort without a base weighs nothing, in the numerator or
// the denominator.
type CohortAverageCell struct {
	Cohorts        int    `json:"cohorts"`
	RevenueCohorts int    `json:"revenue_cohorts"`
	Logo           Metric `json:"logo"`
	Revenue        Metric `json:"revenue"`
}

// CohortTable is a cohort retention table (T11): a row per cohort and the average row.
type CohortTable struct {
	Rows    []CohortRow         `json:"rows"`
	Average []CohortAverageCell `json:"average"` // [k]: k periods after each cohort's first
}

// CohortTable returns the cohort table of the totals, every rate computed after any
// merge. The average row follows the [CohortAverage] choice of the totals' policy;
// either way a cohort with no base (no customers, or no MRR at the close of its first
// period for revenue) weighs nothing, so an average lies between the smallest and the
// largest defined cell of its column.
//
// Errors: [ErrInconsistent] for totals computed without cohorts (by [History.Totals]
// rather than [History.TotalsWithCohorts]).
func (t Totals) CohortTable() (CohortTable, error) {
	const metric = "Cohorts"
	if t.Cohorts == nil && len(t.Periods) > 0 {
		return CohortTable{}, newError(metric, "Cohorts", ErrInconsistent, "the totals hold no cohorts: compute them with History.TotalsWithCohorts")
	}
	n := len(t.Cohorts)
	table := CohortTable{Rows: make([]CohortRow, n), Average: make([]CohortAverageCell, n)}
	// The cells' numerators over one denominator: the revenue rates and their pooled
	// averages are then exact ratios, rounded once.
	cells := 0
	for c, ct := range t.Cohorts {
		if len(ct.MRR) != len(ct.Customers) {
			return CohortTable{}, atIndex(newError(metric, "MRR", ErrInconsistent, "%d amounts for %d counts", len(ct.MRR), len(ct.Customers)), "Cohorts", c)
		}
		cells += len(ct.MRR)
	}
	all := make([]Recurring, 0, cells)
	for _, ct := range t.Cohorts {
		all = append(all, ct.MRR...)
	}
	nums := make([]decimal.Decimal, cells)
	if _, ok := numerators(nums, all...); !ok { // unreachable: every cell shares the totals' denominator
		for i, r := range all {
			nums[i] = r.Monthly()
		}
	}
	type pool struct {
		paying, size        int
		mrr, start          decimal.Decimal
		logoSum, revSum     decimal.Decimal
		logoCount, revCount int
	}
	pools := make([]pool, n)
	for c, ct := range t.Cohorts {
		row := CohortRow{CohortTotals: ct, Logo: make([]Metric, len(ct.Customers)), Revenue: make([]Metric, len(ct.MRR))}
		mrr := nums[:len(ct.MRR)]
		nums = nums[len(ct.MRR):]
		for k := range ct.Customers {
			row.Logo[k] = metricOf(share(metric, "Customers", "Size", ct.Customers[k], ct.Size))
			row.Revenue[k] = metricOf(div(metric, "MRR[0]", mrr[k], mrr[0]))
			pl := &pools[k]
			if v, err := row.Logo[k].Value(); err == nil { // Size > 0
				pl.paying += ct.Customers[k]
				pl.size += ct.Size
				pl.logoSum, pl.logoCount = pl.logoSum.Add(v), pl.logoCount+1
			}
			if v, err := row.Revenue[k].Value(); err == nil { // MRR[0] > 0
				pl.mrr, pl.start = pl.mrr.Add(mrr[k]), pl.start.Add(mrr[0])
				pl.revSum, pl.revCount = pl.revSum.Add(v), pl.revCount+1
			}
		}
		table.Rows[c] = row
	}
	for k, pl := range pools {
		cell := CohortAverageCell{Cohorts: pl.logoCount, RevenueCohorts: pl.revCount}
		if t.Policy.CohortAverage == CohortSimpleMean {
			cell.Logo = metricOf(div(metric, "Cohorts", pl.logoSum, decimal.NewFromInt(int64(pl.logoCount))))
			cell.Revenue = metricOf(div(metric, "Cohorts", pl.revSum, decimal.NewFromInt(int64(pl.revCount))))
		} else {
			cell.Logo = metricOf(share(metric, "Customers", "Size", pl.paying, pl.size))
			cell.Revenue = metricOf(div(metric, "MRR[0]", pl.mrr, pl.start))
		}
		table.Average[k] = cell
	}
	return table, nil
}

// Cohorts returns the cohort retention table of the history over periods (T11): a
// cohort per period, holding the customers whose first payment ever falls in it, and
// for that period and each later one the share of them paying at its last instant
// (logo retention, in [0, 1]) and their MRR then ÷ their MRR at the close of the
// cohort's first period (revenue retention). Customers who first paid outside every
// period belong to no cohort. Empty cohorts are kept with undefined rates. The average
// row pools the cohorts by default, so each weighs by its size (customers for logos,
// starting MRR for revenue); [CohortSimpleMean] takes the plain mean of the rates.
// A cohort without a base weighs nothing in either.
//
// Errors: those of [History.TotalsWithCohorts], [ErrOutOfRange] past
// [MaxCohortPeriods] periods among them.
func (h *History) Cohorts(periods []Period, opts ...CohortOption) (CohortTable, error) {
	t, err := totals(h, "Cohorts", periods, opts, true)
	if err != nil {
		return CohortTable{}, err
	}
	return t.CohortTable()
}

// WindowRetention is the result of [History.TrailingRetention].
type WindowRetention struct {
	From      time.Time        `json:"from"`
	To        time.Time        `json:"to"`        // the instants compared: the window's opening and closing
	Movements RevenueMovements `json:"movements"` // of the customers paying at From, between From and To
	NRR       Metric           `json:"nrr"`
	GRR       Metric           `json:"grr"`
}

// TrailingRetention returns NRR and GRR over the window of [RetentionWindow] months (12
// by default) that ends with period p, in the cohort form: the customers paying at the
// window's opening, their MRR at its closing ÷ their MRR at its opening.
//
//	NRR = Σ MRR now ÷ Σ MRR then
//	GRR = Σ min(MRR now, MRR then) ÷ Σ MRR then
//
// The closing is p's last instant (End − 1 ns) and the opening the same instant the
// window's months before, so for the month of December 2025 the customers paying at
// the close of December 2024 are compared with themselves a year later. The customers'
// changes become a [RevenueMovements] (Expansion, Contraction, Churn) passed to [NRR]
// and [GRR]; customers who left and came back within the window count at their MRR at
// the closing. Undefined rates (no customers at the opening) are reported in the
// Metric, not as an error.
//
// Errors: [ErrInvalidPeriod] for the zero Period; [ErrInvalidOption] for a nil option or a value
// outside its type's constants.
func (h *History) TrailingRetention(p Period, opts ...WindowOption) (WindowRetention, error) {
	const metric = "TrailingRetention"
	pol, err := policyFor(metric, opts)
	if err != nil {
		return WindowRetention{}, err
	}
	if err := p.valid(metric); err != nil {
		return WindowRetention{}, err
	}
	w := WindowRetention{From: closing(p.End().AddDate(0, -pol.Window.months(), 0)), To: closing(p.End())}
	if h.fx != nil { // at constant rates: the window opening's
		c, err := h.fx.at(metric, h.fx.ratesAt(w.From), w.To)
		if err != nil {
			return WindowRetention{}, err
		}
		h = c
	}
	var m RevenueMovements // numerators over h.den
	if h.exact != nil {
		m = trailing(h, h.exact, instantOf(w.From), instantOf(w.To), pol.ZeroMRR == ZeroMRRContracts)
	} else {
		m = trailing(h, h.fixed, instantOf(w.From), instantOf(w.To), pol.ZeroMRR == ZeroMRRContracts)
	}
	w.NRR = metricOf(NRR(m, pol))
	w.GRR = metricOf(GRR(m))
	monthly := func(d decimal.Decimal) decimal.Decimal { return recurringOf(d, h.den).Monthly() }
	w.Movements = RevenueMovements{Start: monthly(m.Start), Expansion: monthly(m.Expansion), Contraction: monthly(m.Contraction), Churn: monthly(m.Churn), Reactivation: decimal.Zero}
	return w, nil
}

// TrailingSeries returns [History.TrailingRetention] of every period of periods, in
// one pass over each customer's MRR instead of one search of every customer per
// period: the same values, in time linear in the customers × the periods.
//
// Errors: [ErrInvalidPeriod] for no periods, a zero Period or periods out of order,
// naming it as "periods[3]"; [ErrInvalidOption] for a nil option or a value outside
// its type's constants.
func (h *History) TrailingSeries(periods []Period, opts ...WindowOption) ([]WindowRetention, error) {
	const metric = "TrailingSeries"
	pol, err := policyFor(metric, opts)
	if err != nil {
		return nil, err
	}
	if err := checkPeriods(metric, periods); err != nil {
		return nil, err
	}
	out := make([]WindowRetention, len(periods))
	if h.fx != nil { // each window at its own constant rates
		for k, p := range periods {
			if out[k], err = h.TrailingRetention(p, pol); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	for k, p := range periods {
		out[k] = WindowRetention{From: closing(p.End().AddDate(0, -pol.Window.months(), 0)), To: closing(p.End())}
	}
	var m []RevenueMovements
	if h.exact != nil {
		m = trailingAll(h, h.exact, out, pol.ZeroMRR == ZeroMRRContracts)
	} else {
		m = trailingAll(h, h.fixed, out, pol.ZeroMRR == ZeroMRRContracts)
	}
	monthly := func(d decimal.Decimal) decimal.Decimal { return recurringOf(d, h.den).Monthly() }
	for k := range out {
		out[k].NRR = metricOf(NRR(m[k], pol))
		out[k].GRR = metricOf(GRR(m[k]))
		out[k].Movements = RevenueMovements{Start: monthly(m[k].Start), Expansion: monthly(m[k].Expansion), Contraction: monthly(m[k].Contraction), Churn: monthly(m[k].Churn), Reactivation: decimal.Zero}
	}
	return out, nil
}

// trailingAll is trailing for every window of ws at once: the instants of all windows
// in order, and each customer's steps walked once against them.
func trailingAll[T amount[T]](h *History, vals []T, ws []WindowRetention, stay bool) []RevenueMovements {
	type point = trailingPoint
	points := make([]point, 0, 2*len(ws))
	for k, w := range ws {
		points = append(points, point{instantOf(w.From), k, true}, point{instantOf(w.To), k, false})
	}
	slices.SortStableFunc(points, func(a, b point) int {
		switch {
		case a.at.before(b.at):
			return -1
		case b.at.before(a.at):
			return 1
		}
		return 0
	})
	// The customers are shared among the cores, each part's sums added after: exact
	// sums, so the result is a single pass's.
	workers := runtime.GOMAXPROCS(0)
	if len(h.ids) < 4096*workers {
		workers = 1
	}
	parts := make([][]trailingAcc[T], workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = trailingPart(h, vals, points, len(ws), stay, len(h.ids)*w/workers, len(h.ids)*(w+1)/workers)
		}()
	}
	wg.Wait()
	sums := parts[0]
	for _, part := range parts[1:] {
		for k := range sums {
			a, b := &sums[k], part[k]
			a.start, a.exp, a.con, a.churn = a.start.add(b.start), a.exp.add(b.exp), a.con.add(b.con), a.churn.add(b.churn)
		}
	}
	out := make([]RevenueMovements, len(ws))
	d := func(v T) decimal.Decimal { return v.decimal(h.scale) }
	for k, a := range sums {
		out[k] = RevenueMovements{Start: d(a.start), Expansion: d(a.exp), Contraction: d(a.con), Churn: d(a.churn), Reactivation: decimal.Zero}
	}
	return out
}

// trailingAcc sums a window's movements: the MRR at its opening of the customers
// paying then, and their expansion, contraction and churn by its closing.
type trailingAcc[T amount[T]] struct{ start, exp, con, churn T }

// trailingPart walks customers [from, to) against the windows' points, in time order,
// and adds each customer's MRR at a window's opening (when above zero) and its
// movement by the window's closing to the window's sums.
func trailingPart[T amount[T]](h *History, vals []T, points []trailingPoint, windows int, stay bool, from, to int) []trailingAcc[T] {
	sums := make([]trailingAcc[T], windows)
	opened := make([]int, windows) // the customer's step at each window's opening
	// by[w] is the customer whose walk set opened[w]: a window opened before a
	// customer's first step, a point the walk skips, opened at its first step.
	by := make([]int, windows)
	for w := range by {
		by[w] = -1
	}
	// closing[k] is one past the last point that closes a window opened before point
	// k: once a customer has stopped paying for good, only those points can move.
	closing := make([]int, len(points)+1)
	closeAt := make([]int, windows)
	for k, p := range points {
		if !p.open {
			closeAt[p.window] = k
		}
	}
	for k, p := range points {
		closing[k+1] = closing[k]
		if p.open {
			closing[k+1] = max(closing[k+1], closeAt[p.window]+1)
		}
	}
	// pays[i − off] holds whether MRR after step i is above zero, worked out once.
	off := int(h.first[from])
	pays := make([]bool, int(h.first[to])-off)
	for i := range pays {
		pays[i] = vals[off+i].sign() > 0
	}
	for c := from; c < to; c++ {
		lo, hi := int(h.first[c]), int(h.first[c+1])
		if lo == hi || (h.at[hi-1].before(points[0].at) && !pays[hi-1-off]) || points[len(points)-1].at.before(h.at[lo]) {
			continue // never pays, gone before the first point, or starts after the last
		}
		// The points before the first step open windows where the customer does not
		// pay yet, and close only such windows: the walk starts after them.
		k := sort.Search(len(points), func(k int) bool { return !points[k].at.before(h.at[lo]) })
		j, end := lo, len(points)
		for ; k < end; k++ {
			p := &points[k]
			for j < hi && !p.at.before(h.at[j]) {
				j++
			}
			if j == hi && end == len(points) && !pays[hi-1-off] {
				// Past its last step and not paying: no later opening counts, and
				// the windows opened before close by closing[k].
				end = max(closing[k], k+1)
			}
			if p.open {
				opened[p.window], by[p.window] = j, c
				continue
			}
			jo := lo
			if by[p.window] == c {
				jo = opened[p.window]
			}
			if jo == lo || !pays[jo-1-off] {
				continue // not paying at the opening
			}
			t := vals[jo-1]
			a := &sums[p.window]
			a.start = a.start.add(t)
			if jo == j {
				continue // no step in the window: no movement
			}
			switch v := vals[j-1]; {
			case v.cmp(t) > 0:
				a.exp = a.exp.add(v.sub(t))
			case v.sign() == 0 && !(stay && h.flags != nil && h.flags[j-1]&(stepLive|stepPaid) == stepLive|stepPaid):
				a.churn = a.churn.add(t)
			case v.cmp(t) < 0:
				a.con = a.con.add(t.sub(v))
			}
		}
	}
	return sums
}

// trailingPoint is a window's opening or closing, for trailingAll.
type trailingPoint struct {
	at     instant
	window int  // the window it opens or closes
	open   bool // it opens it
}

// trailing returns the movements, from instant from to instant to, of the customers
// paying at from, as numerators over the history's denominator. With stay, a customer
// still subscribed at zero MRR at to contracted rather than churned.
func trailing[T amount[T]](h *History, vals []T, from, to instant, stay bool) RevenueMovements {
	var start, exp, con, churn T
	for c := range h.ids {
		then, _ := valueAt(h, vals, c, from)
		if then.sign() <= 0 {
			continue
		}
		now, _ := valueAt(h, vals, c, to)
		start = start.add(then)
		switch {
		case now.cmp(then) > 0:
			exp = exp.add(now.sub(then))
		case now.sign() == 0 && !(stay && h.presentAt(c, to, true)):
			churn = churn.add(then)
		case now.cmp(then) < 0:
			con = con.add(then.sub(now))
		}
	}
	d := func(v T) decimal.Decimal { return v.decimal(h.scale) }
	return RevenueMovements{Start: d(start), Expansion: d(exp), Contraction: d(con), Churn: d(churn), Reactivation: decimal.Zero}
}

// RollingWindow returns the metrics of the days days that end at end, the window
// [end − days, end), as [History.Series] computes them for one period: its start
// MRR is the MRR just before the window opens, "30 days ago". Stripe Billing's
// subscriber churn (churned in the past 30 days ÷ subscribers 30 days ago plus new
// ones) is its CustomerChurn under [ChurnOverStartPlusNew] and [JoinedAndLeftCounted];
// Baremetrics' revenue rates over "starting MRR 30 days ago" are its
// NetRevenueChurn and NRR. Call it once per day for a rolling series.
//
// Errors: [ErrOutOfRange] for days outside 1..[MaxWindowDays]; [ErrInvalidPeriod] for a zero end; those of
// [History.Series].
func (h *History) RollingWindow(end time.Time, days int, opts ...SeriesOption) (PeriodMetrics, error) {
	const metric = "RollingWindow"
	switch {
	case days < 1 || days > MaxWindowDays:
		return PeriodMetrics{}, newError(metric, "days", ErrOutOfRange, "%d not in 1..MaxWindowDays %d", days, MaxWindowDays)
	case end.IsZero():
		return PeriodMetrics{}, newError(metric, "end", ErrInvalidPeriod, "zero end")
	}
	w, err := NewPeriod(end.AddDate(0, 0, -days), end)
	if err != nil {
		return PeriodMetrics{}, renamed(err, "end")
	}
	t, err := totals(h, metric, []Period{w}, opts, false)
	if err != nil {
		return PeriodMetrics{}, err
	}
	return t.Series()[0], nil
}

// DailyChurnRate returns ChartMogul's B2C ("Shopify") customer churn rate of period
// p, a fraction: for each day, the share of the customers paying at its first instant
// who no longer pay at its last, summed over the days,
//
//	daily churn = Σ over days of (1 − kept at the end of the day ÷ paying at its start)
//
// (help.chartmogul.com, "Metric: Customer Churn rate"). Days run from midnight to
// midnight in p's location; a last day cut short by p's end counts for what it holds.
// Each day's share is [CustomerChurnRate] of its counts, rounded to [Scale] places, so
// the sum is within half a unit of the last place per day; a day that begins with no
// paying customer adds nothing.
//
// Errors: [ErrInvalidPeriod] for the zero Period; [ErrZeroDenominator] when no day of
// p begins with a paying customer.
func (h *History) DailyChurnRate(p Period) (decimal.Decimal, error) {
	const metric = "DailyChurnRate"
	if err := p.valid(metric); err != nil {
		return decimal.Decimal{}, err
	}
	sum, days := decimal.Zero, 0
	for day := p.Start(); day.Before(p.End()); day = day.AddDate(0, 0, 1) {
		next := day.AddDate(0, 0, 1)
		if next.After(p.End()) {
			next = p.End()
		}
		from, to := instantOf(day), instantOf(next.Add(-time.Nanosecond))
		var active, kept int
		if h.exact != nil {
			active, kept = stillPaying(h, h.exact, from, to)
		} else {
			active, kept = stillPaying(h, h.fixed, from, to)
		}
		rate, err := CustomerChurnRate(CustomerCounts{Start: active, Churned: active - kept})
		if err != nil {
			continue // no customer at the start of the day
		}
		sum, days = sum.Add(rate), days+1
	}
	if days == 0 {
		return decimal.Decimal{}, newError(metric, "p", ErrZeroDenominator, "no day of %s begins with a paying customer", p)
	}
	return sum, nil
}

// stillPaying returns how many customers pay at instant from, and how many of them
// still pay at instant to.
func stillPaying[T amount[T]](h *History, vals []T, from, to instant) (active, kept int) {
	for c := range h.ids {
		if then, _ := valueAt(h, vals, c, from); then.sign() <= 0 {
			continue
		}
		active++
		if now, _ := valueAt(h, vals, c, to); now.sign() > 0 {
			kept++
		}
	}
	return active, kept
}
