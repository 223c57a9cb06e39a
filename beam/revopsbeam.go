// Package revopsbeam computes the revops metric series and cohort table of
// subscription spans on Apache Beam, so they run where the spans are: on the local
// (prism) runner, Dataflow, Flink or Spark.
//
// The work is the library's, not a copy of it. The spans are shuffled once, by a hash
// of their customer into Shards groups, so every span of a customer meets the others;
// each group becomes a [revops.History] whose [revops.History.Totals] are its
// customers' additive contribution to every period and cohort; one Combine adds the
// groups' totals with [revops.Totals.Merge]; and the rates are computed after the
// merge, by [revops.Totals.Series] and [revops.Totals.CohortTable], exactly as the
// in-memory history computes them.
//
//	totals := revopsbeam.Totals(s, spans, revopsbeam.Config{Periods: months, Shards: 64})
//	series := revopsbeam.Series(s, totals)   // PCollection<revops.PeriodMetrics>
//	cohorts := revopsbeam.Cohorts(s, totals) // PCollection<revops.CohortRow>
package revopsbeam

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/revopskit/revops"
)

func init() {
	// The library's types travel between workers in their own JSON form, which
	// round-trips exactly: decimals as strings, periods as RFC 3339, undefined
	// metrics with their error.
	beam.RegisterCoder(reflect.TypeOf(revops.Span{}), encodeSpan, decodeSpan)
	beam.RegisterCoder(reflect.TypeOf(revops.Totals{}), encodeTotals, decodeTotals)
	beam.RegisterCoder(reflect.TypeOf(revops.PeriodMetrics{}), encodeMetrics, decodeMetrics)
	beam.RegisterCoder(reflect.TypeOf(revops.CohortRow{}), encodeCohortRow, decodeCohortRow)
	register.DoFn2x1[revops.Span, func(int, revops.Span), error](&shardFn{})
	register.DoFn3x2[context.Context, int, func(*revops.Span) bool, revops.Totals, error](&totalsFn{})
	register.Function2x2(mergeTotals)
	register.Function2x0(seriesOf)
	register.Function2x1(cohortsOf)
	register.Emitter2[int, revops.Span]()
	register.Emitter1[revops.PeriodMetrics]()
	register.Emitter1[revops.CohortRow]()
	register.Iter1[*revops.Span]()
}

// The coders of the library's types, one pair a type: Beam registers functions by
// name, so one generic function cannot serve them all.
func encodeSpan(v revops.Span) ([]byte, error)             { return json.Marshal(v) }
func decodeSpan(b []byte) (revops.Span, error)             { return decodeJSON[revops.Span](b) }
func encodeTotals(v revops.Totals) ([]byte, error)         { return json.Marshal(v) }
func decodeTotals(b []byte) (revops.Totals, error)         { return decodeJSON[revops.Totals](b) }
func encodeMetrics(v revops.PeriodMetrics) ([]byte, error) { return json.Marshal(v) }
func decodeMetrics(b []byte) (revops.PeriodMetrics, error) {
	return decodeJSON[revops.PeriodMetrics](b)
}
func encodeCohortRow(v revops.CohortRow) ([]byte, error) { return json.Marshal(v) }
func decodeCohortRow(b []byte) (revops.CohortRow, error) { return decodeJSON[revops.CohortRow](b) }

func decodeJSON[T any](b []byte) (T, error) {
	var v T
	err := json.Unmarshal(b, &v)
	return v, err
}

// refusedSpans counts the spans a policy with revops.InvalidRecordsSkip leaves out.
var refusedSpans = beam.NewCounter("revops", "refused_spans")

// Config is what [Totals] computes.
type Config struct {
	Periods []revops.Period // the periods of the series, in time order, not overlapping
	Policy  revops.Policy   // the choices the totals and their rates follow
	Shards  int             // groups of customers the spans are shuffled into, ≥ 1; 0 means 64
}

// Totals returns a PCollection of one [revops.Totals]: the additive totals of every
// span of spans, a PCollection of [revops.Span], over cfg's periods under its policy,
// equal to [revops.History.Totals] of all the spans in one history. An empty input
// gives an empty output.
//
// The pipeline fails, with the library's error, on a span [revops.NewHistory]
// refuses (spans of a customer in two currencies included) unless the policy holds
// [revops.InvalidRecordsSkip], and on periods [revops.History.Totals] refuses.
func Totals(s beam.Scope, spans beam.PCollection, cfg Config) beam.PCollection {
	s = s.Scope("revops.Totals")
	shards := cfg.Shards
	if shards <= 0 {
		shards = 64
	}
	keyed := beam.ParDo(s, &shardFn{Shards: shards}, spans)
	groups := beam.GroupByKey(s, keyed)
	parts := beam.ParDo(s, &totalsFn{Periods: cfg.Periods, Policy: cfg.Policy}, groups)
	return beam.Combine(s, mergeTotals, parts)
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

// shardFn keys a span by its customer's group, so a customer's spans meet.
type shardFn struct {
	Shards int `json:"shards"`
}

func (f *shardFn) ProcessElement(span revops.Span, emit func(int, revops.Span)) error {
	h := fnv.New32a()
	h.Write([]byte(span.Customer))
	emit(int(h.Sum32()%uint32(f.Shards)), span)
	return nil
}

// totalsFn makes one group's spans a History and returns its totals.
type totalsFn struct {
	Periods []revops.Period `json:"periods"`
	Policy  revops.Policy   `json:"policy"`
}

func (f *totalsFn) ProcessElement(ctx context.Context, shard int, spans func(*revops.Span) bool) (revops.Totals, error) {
	var all []revops.Span
	var s revops.Span
	for spans(&s) {
		all = append(all, s)
	}
	h, err := revops.NewHistory(all, f.Policy)
	if refused, ok := err.(*revops.Refused); ok {
		refusedSpans.Inc(ctx, int64(len(refused.Records))) // listed in the counter, never silent
	} else if err != nil {
		return revops.Totals{}, fmt.Errorf("revopsbeam: customer group %d: %w", shard, err)
	}
	t, err := h.TotalsWithCohorts(f.Periods, f.Policy)
	if err != nil {
		return revops.Totals{}, fmt.Errorf("revopsbeam: %w", err)
	}
	return t, nil
}

// mergeTotals is the combine: the library's merge of two groups' totals.
func mergeTotals(a, b revops.Totals) (revops.Totals, error) {
	return a.Merge(b)
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
