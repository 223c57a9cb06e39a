// Package revopsbeam computes the revops metric series and cohort table of
// subscription spans on Apache Beam, so they run where the spans are: on the local
// (prism) runner, Dataflow, Flink or Spark.
//
// The work is the library's, not a copy of it. The spans are shuffled once, by a hash
// of their customer into Shards groups, so every span of a customer meets the others;
// each group becomes a [revops.History] (one for each currency it holds) whose
// [revops.History.TotalsWithCohorts] are its customers' additive contribution to
// every period and cohort; one Combine adds the groups' totals with
// [revops.Totals.Merge]; and the rates are computed after the merge, by
// [revops.Totals.Series] and [revops.Totals.CohortTable], exactly as the in-memory
// history computes them.
//
//	totals := revopsbeam.Totals(s, spans, revopsbeam.Config{Periods: months, Shards: 64})
//	series := revopsbeam.Series(s, totals)   // PCollection<revops.PeriodMetrics>
//	cohorts := revopsbeam.Cohorts(s, totals) // PCollection<revops.CohortRow>
//
// # What travels
//
// The shuffle carries the rows in batches of a shard, up to 1,024 rows each, so that
// the runner keeps a few hundred elements rather than one a row. Every value that
// travels (rows, spans, totals, metrics, refusals) is coded in a compact binary form
// this package registers with Beam, exact as the values are: a decimal with its
// exponent, a [revops.Recurring] with its denominator, a time with its zone, a
// [revops.Period] with its calendar kind, a [revops.Metric] with its error's sentinel.
// A row of a CSV export codes in some 35 bytes in its batch, where its JSON took 210.
//
// # Errors
//
// A span the library refuses is named so that a person can find it: a [Row] carries
// the file and line the span was read from, and an error about it names them
// ("spans.csv: line 12, Start: ..."), taken from the library error's positions, never
// from its text; a bare [revops.Span] is named by its customer, subscription and
// start. [Totals] fails the pipeline on the first such span, in file order;
// [TotalsByCurrency] returns them all as data, a PCollection of [Refusal], for a
// command to report as it chooses.
package revopsbeam

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/window"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/revopskit/revops"
)

func init() {
	// The types that travel between workers are coded in a compact binary form (see
	// coder.go); register.Function1x2 lets Beam call the coders without reflection.
	register.Function1x2(encodeSpan)
	register.Function1x2(decodeSpan)
	register.Function1x2(encodeTotals)
	register.Function1x2(decodeTotals)
	register.Function1x2(encodeMetrics)
	register.Function1x2(decodeMetrics)
	register.Function1x2(encodeCohortRow)
	register.Function1x2(decodeCohortRow)
	register.Function1x2(encodeRow)
	register.Function1x2(decodeRow)
	register.Function1x2(encodeRefusal)
	register.Function1x2(decodeRefusal)
	register.Function1x2(encodeBatch)
	register.Function1x2(decodeBatch)
	beam.RegisterCoder(reflect.TypeFor[revops.Span](), encodeSpan, decodeSpan)
	beam.RegisterCoder(reflect.TypeFor[revops.Totals](), encodeTotals, decodeTotals)
	beam.RegisterCoder(reflect.TypeFor[revops.PeriodMetrics](), encodeMetrics, decodeMetrics)
	beam.RegisterCoder(reflect.TypeFor[revops.CohortRow](), encodeCohortRow, decodeCohortRow)
	beam.RegisterCoder(reflect.TypeFor[Row](), encodeRow, decodeRow)
	beam.RegisterCoder(reflect.TypeFor[Refusal](), encodeRefusal, decodeRefusal)
	beam.RegisterCoder(reflect.TypeFor[batch](), encodeBatch, decodeBatch)
	register.Function1x1(rowOf)
	register.DoFn2x0[Row, func(int, batch)](&shardFn{})
	register.DoFn5x1[context.Context, int, func(*batch) bool, func(string, revops.Totals), func(Refusal), error](&totalsFn{})
	register.DoFn2x1[[]byte, func(revops.Totals), error](&noSpansFn{})
	register.Function2x2(mergeTotals)
	register.Function2x1(firstRefusal)
	register.Function1x1(failOn)
	register.Function2x0(seriesOf)
	register.Function2x1(cohortsOf)
	register.Emitter2[int, batch]()
	register.Emitter2[string, revops.Totals]()
	register.Emitter1[revops.Totals]()
	register.Emitter1[Refusal]()
	register.Emitter1[revops.PeriodMetrics]()
	register.Emitter1[revops.CohortRow]()
	register.Iter1[batch]()
}

// The codings of the types that travel, and their coders, one pair a type: Beam
// registers functions by name, so one generic function cannot serve them all.
var (
	spanCoding    = newCoding(reflect.TypeFor[revops.Span]())
	totalsCoding  = newCoding(reflect.TypeFor[revops.Totals]())
	metricsCoding = newCoding(reflect.TypeFor[revops.PeriodMetrics]())
	cohortCoding  = newCoding(reflect.TypeFor[revops.CohortRow]())
	rowCoding     = newCoding(reflect.TypeFor[Row]())
	refusalCoding = newCoding(reflect.TypeFor[Refusal]())
	batchCoding   = newCoding(reflect.TypeFor[batch]())
	codings       = []*coding{spanCoding, totalsCoding, metricsCoding, cohortCoding, rowCoding, refusalCoding, batchCoding}
)

func encodeSpan(v revops.Span) ([]byte, error)             { return encodeAs(spanCoding, v) }
func decodeSpan(b []byte) (revops.Span, error)             { return decodeAs[revops.Span](spanCoding, b) }
func encodeTotals(v revops.Totals) ([]byte, error)         { return encodeAs(totalsCoding, v) }
func decodeTotals(b []byte) (revops.Totals, error)         { return decodeAs[revops.Totals](totalsCoding, b) }
func encodeMetrics(v revops.PeriodMetrics) ([]byte, error) { return encodeAs(metricsCoding, v) }
func decodeMetrics(b []byte) (revops.PeriodMetrics, error) {
	return decodeAs[revops.PeriodMetrics](metricsCoding, b)
}
func encodeCohortRow(v revops.CohortRow) ([]byte, error) { return encodeAs(cohortCoding, v) }
func decodeCohortRow(b []byte) (revops.CohortRow, error) {
	return decodeAs[revops.CohortRow](cohortCoding, b)
}
func encodeRow(v Row) ([]byte, error)         { return encodeAs(rowCoding, v) }
func decodeRow(b []byte) (Row, error)         { return decodeAs[Row](rowCoding, b) }
func encodeRefusal(v Refusal) ([]byte, error) { return encodeAs(refusalCoding, v) }
func decodeRefusal(b []byte) (Refusal, error) { return decodeAs[Refusal](refusalCoding, b) }
func encodeBatch(v batch) ([]byte, error)     { return encodeAs(batchCoding, v) }
func decodeBatch(b []byte) (batch, error)     { return decodeAs[batch](batchCoding, b) }

// refusedSpans counts the spans [revops.NewHistory] refuses, which the totals leave out.
var refusedSpans = beam.NewCounter("revops", "refused_spans")

// Config is what [Totals] computes.
type Config struct {
	Periods []revops.Period // the periods of the series, in time order, not overlapping
	Policy  revops.Policy   // the choices the totals and their rates follow
	Shards  int             // groups of customers the spans are shuffled into, ≥ 1; 0 means 64
}

// Row is a span and where it was read from, so that an error about the span names a
// file and line a person can open rather than its place in a shuffled group.
type Row struct {
	File string      `json:"file,omitempty"` // the file the span was read from; empty when it was not read from one
	Line int         `json:"line,omitempty"` // the line of File the span was read from, the header being line 1; 0 when unknown
	Span revops.Span `json:"span"`
}

// String names the row for people: "spans.csv: line 12", or, for a span read from no
// file, `span of customer "acme" (subscription "s1") starting 2025-03-01T00:00:00Z`.
func (r Row) String() string {
	if r.Line > 0 {
		at := "line " + fmt.Sprint(r.Line)
		if r.File != "" {
			at = r.File + ": " + at
		}
		return at
	}
	s := fmt.Sprintf("span of customer %q", r.Span.Customer)
	if r.Span.Subscription != "" {
		s += fmt.Sprintf(" (subscription %q)", r.Span.Subscription)
	}
	return s + " starting " + r.Span.Start.Format(time.RFC3339)
}

// compare orders rows by file and line, then by their spans' fields, so that a group
// of rows is read in one order on every runner and the span [revops.NewHistory]
// refuses among overlapping ones does not depend on the shuffle.
//
// The rows of a file differ in their line, so their spans are not compared, and an
// exact amount, which costs a multiplication, is compared only between spans equal
// in every field before it (cmp.Or would compute it for every pair).
func (r Row) compare(o Row) int {
	if c := cmp.Or(strings.Compare(r.File, o.File), cmp.Compare(r.Line, o.Line)); c != 0 {
		return c
	}
	a, b := r.Span, o.Span
	if c := cmp.Or(strings.Compare(a.Customer, b.Customer), strings.Compare(a.Subscription, b.Subscription), strings.Compare(a.Item, b.Item),
		a.Start.Compare(b.Start), a.End.Compare(b.End)); c != 0 {
		return c
	}
	return cmp.Or(a.MRR.Cmp(b.MRR), strings.Compare(a.Currency, b.Currency))
}

// Refusal is a span [revops.NewHistory] refused, and why: the fields of the library's
// [*revops.Error], with the records it names turned from indexes in a shuffled group
// into the caller's rows.
type Refusal struct {
	Row     Row    `json:"row"`               // the span refused
	Field   string `json:"field,omitempty"`   // the field of the Span at fault, "Start"; empty when no single field is
	Reason  string `json:"reason"`            // the error's sentinel, "inconsistent inputs"
	Detail  string `json:"detail,omitempty"`  // what was wrong, for people
	Related *Row   `json:"related,omitempty"` // another span the fault involves, such as the earlier-starting span an overlapping one overlaps; nil when none
}

// String returns the refusal for people, once: "spans.csv: line 12, Start:
// inconsistent inputs (starts while another span of subscription "s" runs; see line 3)".
func (r Refusal) String() string {
	s := r.Row.String()
	if r.Field != "" {
		s += ", " + r.Field
	}
	s += ": " + r.Reason
	detail := r.Detail
	if rel := r.Related; rel != nil {
		if detail != "" {
			detail += "; "
		}
		if rel.Line > 0 && rel.File == r.Row.File {
			detail += "see line " + fmt.Sprint(rel.Line)
		} else {
			detail += "see " + rel.String()
		}
	}
	if detail != "" {
		s += " (" + detail + ")"
	}
	return s
}

// Totals returns a PCollection of one [revops.Totals]: the additive totals of every
// span of spans, a PCollection of [revops.Span] or of [Row], over cfg's periods under
// its policy, equal to [revops.History.TotalsWithCohorts] of all the spans in one
// history. An empty input gives the totals of no spans: every period at zero.
//
// The pipeline fails on a span [revops.NewHistory] refuses (one overlapping another of
// its subscription), naming the first such span in file order, unless the policy holds
// [revops.InvalidRecordsSkip], when such spans are left out and counted in the counter
// revops/refused_spans; on spans in more than one currency, with the
// [revops.ErrCurrencyMismatch] of [revops.Totals.Merge]; and on periods
// [revops.History.TotalsWithCohorts] refuses, more than [revops.MaxCohortPeriods]
// among them.
func Totals(s beam.Scope, spans beam.PCollection, cfg Config) beam.PCollection {
	s = s.Scope("revops.Totals")
	rows := spans
	if spans.Type().Type() != reflect.TypeOf(Row{}) {
		rows = beam.ParDo(s, rowOf, spans)
	}
	byCurrency, refused := TotalsByCurrency(s, rows, cfg)
	if cfg.Policy.InvalidRecords != revops.InvalidRecordsSkip {
		beam.ParDo0(s, failOn, beam.Combine(s, firstRefusal, refused))
	}
	none := beam.ParDo(s, &noSpansFn{Periods: cfg.Periods, Policy: cfg.Policy}, beam.Impulse(s))
	return beam.Combine(s, mergeTotals, beam.Flatten(s, byCurrency, none))
}

// TotalsByCurrency returns the totals of rows, a PCollection of [Row], as [Totals]
// computes them but never failing on a span: totals is a PCollection of one
// [revops.Totals] for each currency the spans are in (none for an empty input), and
// refused a PCollection of [Refusal], every span [revops.NewHistory] refuses, left out
// of the totals whatever cfg's policy says, for the caller to fail on, skip or list.
// Each currency's totals are computed apart, so a customer billed in two currencies
// is in both.
//
// The pipeline fails on periods [revops.History.TotalsWithCohorts] refuses, more than
// [revops.MaxCohortPeriods] among them.
func TotalsByCurrency(s beam.Scope, rows beam.PCollection, cfg Config) (totals, refused beam.PCollection) {
	s = s.Scope("revops.TotalsByCurrency")
	shards := cfg.Shards
	if shards <= 0 {
		shards = 64
	}
	size := batchRows(shards)
	if ws := rows.WindowingStrategy(); ws != nil && ws.Fn.Kind != window.GlobalWindows {
		size = 1 // a batch a row, in the row's window: a batch never mixes windows
	}
	keyed := beam.ParDo(s, &shardFn{Shards: shards, Rows: size}, rows)
	groups := beam.GroupByKey(s, keyed)
	parts, refused := beam.ParDo2(s, &totalsFn{Periods: cfg.Periods, Policy: cfg.Policy}, groups)
	return beam.DropKey(s, beam.CombinePerKey(s, mergeTotals, parts)), refused
}

// Series returns the metrics of every period of totals, a PCollection from [Totals]:
// a PCollection of [revops.PeriodMetrics], rates computed after the merge by
// [revops.Totals.Series]. Its elements carry their Period; their order is not kept.
func Series(s beam.Scope, totals beam.PCollection) beam.PCollection {
	return beam.ParDo(s.Scope("revops.Series"), seriesOf, totals)
}

// Cohorts returns the rows of the cohort table of totals, a PCollection from
// [Totals]: a PCollection of [revops.CohortRow] by [revops.Totals.CohortTable], one
// per cohort period.
func Cohorts(s beam.Scope, totals beam.PCollection) beam.PCollection {
	return beam.ParDo(s.Scope("revops.Cohorts"), cohortsOf, totals)
}

// rowOf is a span read from no file.
func rowOf(span revops.Span) Row { return Row{Span: span} }

// batchRows returns the most rows a batch holds: enough that the shuffle carries a
// few hundred elements rather than one a row, and few enough that the rows a worker
// holds while it reads, at most a batch a shard, stay under 65,536 (some 10 MiB).
func batchRows(shards int) int { return min(1024, max(64, 1<<16/shards)) }

// batch is rows of one shard, which the shuffle carries as one element: it costs the
// runner one element's bookkeeping instead of one a row, and rows that repeat their
// neighbour's file and currency code them in a byte.
type batch struct {
	Rows []Row
}

// shardFn keys rows by their customer's shard, so a customer's spans meet, in
// batches of Rows rows of one shard, and of the rest of a bundle's rows when it ends.
// A batch emitted when the bundle ends is in the global window, so rows in other
// windows go a row a batch, each emitted in its own.
type shardFn struct {
	Shards  int     `json:"shards"`
	Rows    int     `json:"rows"` // batchRows(Shards), or 1 for rows in windows
	pending [][]Row // by shard, the rows of this bundle not yet emitted
}

func (f *shardFn) StartBundle(_ func(int, batch)) {
	f.pending = make([][]Row, f.Shards)
}

func (f *shardFn) ProcessElement(row Row, emit func(int, batch)) {
	k := shardOf(row.Span.Customer, f.Shards)
	if f.pending[k] == nil {
		f.pending[k] = make([]Row, 0, f.Rows) // filled, not grown
	}
	f.pending[k] = append(f.pending[k], row)
	if len(f.pending[k]) == cap(f.pending[k]) {
		emit(k, batch{Rows: f.pending[k]})
		f.pending[k] = nil
	}
}

func (f *shardFn) FinishBundle(emit func(int, batch)) {
	for k, rows := range f.pending {
		if len(rows) > 0 {
			emit(k, batch{Rows: rows})
		}
	}
	f.pending = nil
}

// shardOf returns the shard of a customer: the FNV-1a hash of its id modulo shards.
func shardOf(customer string, shards int) int {
	h := uint32(2166136261)
	for i := 0; i < len(customer); i++ {
		h ^= uint32(customer[i])
		h *= 16777619
	}
	return int(h % uint32(shards))
}

// totalsFn makes one group's spans a History for each currency and emits its totals,
// keyed by the currency, and the spans NewHistory refuses.
type totalsFn struct {
	Periods []revops.Period `json:"periods"`
	Policy  revops.Policy   `json:"policy"`
}

func (f *totalsFn) ProcessElement(ctx context.Context, shard int, batches func(*batch) bool, emit func(string, revops.Totals), refuse func(Refusal)) error {
	var parts [][]Row
	n := 0
	var b batch
	for batches(&b) {
		parts, n = append(parts, b.Rows), n+len(b.Rows)
	}
	all := make([]Row, 0, n) // copied once, not grown
	for _, rows := range parts {
		all = append(all, rows...)
	}
	slices.SortFunc(all, Row.compare)
	byCurrency := map[string][]Row{}
	if c, one := currencyOf(all); one {
		byCurrency[c] = all // the usual case: no copy
	} else {
		for _, r := range all {
			c := strings.ToUpper(r.Span.Currency)
			byCurrency[c] = append(byCurrency[c], r)
		}
	}
	keep := f.Policy
	keep.InvalidRecords = revops.InvalidRecordsSkip // refusals are returned, not failed on, here
	for currency, group := range byCurrency {
		spans := make([]revops.Span, len(group))
		for i, r := range group {
			spans[i] = r.Span
		}
		h, err := revops.NewHistory(spans, keep)
		var refused *revops.Refused
		if errors.As(err, &refused) {
			refusedSpans.Inc(ctx, int64(len(refused.Records)))
			for _, rec := range refused.Records {
				refuse(refusalOf(group, rec))
			}
		} else if err != nil {
			return fmt.Errorf("revopsbeam: %w", err)
		}
		t, err := h.TotalsWithCohorts(f.Periods, f.Policy)
		if err != nil {
			return fmt.Errorf("revopsbeam: %w", err)
		}
		emit(currency, t)
	}
	return nil
}

// currencyOf returns the currency of rows, as the library keys its totals (in upper
// case), and whether they are all in it: false for none, or rows in more than one.
func currencyOf(rows []Row) (string, bool) {
	if len(rows) == 0 {
		return "", false
	}
	c := rows[0].Span.Currency
	up := strings.ToUpper(c)
	for _, r := range rows[1:] {
		if r.Span.Currency != c && strings.ToUpper(r.Span.Currency) != up {
			return "", false
		}
	}
	return up, true
}

// refusalOf turns a span NewHistory refused among group into a Refusal, reading the
// positions of the span and of any span it involves from the error's fields.
func refusalOf(group []Row, rec revops.RefusedRecord) Refusal {
	out := Refusal{Row: group[rec.Index], Reason: rec.Err.Error()}
	var e *revops.Error
	if !errors.As(rec.Err, &e) {
		return out
	}
	out.Field, out.Detail = e.Field, e.Detail
	if e.Err != nil {
		out.Reason = e.Err.Error()
	}
	if rel := e.Related; rel != nil && rel.List == "spans" && rel.Index >= 0 && rel.Index < len(group) {
		related := group[rel.Index]
		out.Related = &related
	}
	return out
}

// noSpansFn emits the totals of no spans, which the merge adds to the groups' so that
// an empty input still gives every period.
type noSpansFn struct {
	Periods []revops.Period `json:"periods"`
	Policy  revops.Policy   `json:"policy"`
}

func (f *noSpansFn) ProcessElement(_ []byte, emit func(revops.Totals)) error {
	h, err := revops.NewHistory(nil, f.Policy)
	if err != nil {
		return fmt.Errorf("revopsbeam: %w", err)
	}
	t, err := h.TotalsWithCohorts(f.Periods, f.Policy)
	if err != nil {
		return fmt.Errorf("revopsbeam: %w", err)
	}
	emit(t)
	return nil
}

// mergeTotals is the combine: the library's merge of two groups' totals.
func mergeTotals(a, b revops.Totals) (revops.Totals, error) {
	return a.Merge(b)
}

// firstRefusal keeps the refusal of the first row, in file order, so that the error a
// pipeline fails with does not depend on which worker finds its refusal first.
func firstRefusal(a, b Refusal) Refusal {
	if b.Row.compare(a.Row) < 0 {
		return b
	}
	return a
}

// failOn fails the pipeline on a refused span.
func failOn(r Refusal) error {
	return errors.New("revopsbeam: " + r.String())
}

func seriesOf(t revops.Totals, emit func(revops.PeriodMetrics)) {
	for _, m := range t.Series() {
		emit(m)
	}
}

func cohortsOf(t revops.Totals, emit func(revops.CohortRow)) error {
	table, err := t.CohortTable()
	if err != nil {
		return err
	}
	for _, r := range table.Rows {
		emit(r)
	}
	return nil
}
