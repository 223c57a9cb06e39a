package main

// The whole command's speed beside a plain reference, as issue 23 states the target:
// CSV bytes in, a CSV report out, at 10k, 250k and 1M customers of the deterministic
// generator below, the reference being ../shared/bench/floor's program (encoding/csv
// into int64 cents, a dense customer × month array, one core) with its own parsing.
//
//	go test -run '^$' -bench 'CommandVsReference' -benchtime 3x ./cmd/revops
//
// reports per size the command's and the reference's wall and CPU time per run and
// their ratios (wall-x, cpu-x), and the library path's CPU ratio (lib-cpu-x), the
// three run in turn in one benchmark so that the machine's noise falls on all.

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// subscriptionsCSV returns an export in the shape of ../shared/bench/gen_subscriptions.py
// (the dbt mrr-playbook schema): each customer gets 1 to 4 spans from a random month,
// 1 to 12 months long, with gaps of 0 to 3 months (churn and reactivation) and a new
// price each time (expansion and contraction), amounts with cents, dates first-of-month
// from 2020-01, ends exclusive and capped at months. 250,000 customers make about
// 491,000 rows.
func subscriptionsCSV(customers, months int, seed uint64) []byte {
	rnd := rand.New(rand.NewPCG(seed, seed))
	prices := []int{9, 19, 29, 49, 99, 199, 499}
	cents := []int{0, 50, 99}
	month := func(i int) string { return fmt.Sprintf("%04d-%02d-01", 2020+i/12, i%12+1) }
	var b bytes.Buffer
	b.Grow(customers * 2 * 48)
	b.WriteString("subscription_id,customer_id,start_date,end_date,monthly_amount\n")
	sid := 0
	for c := 1; c <= customers; c++ {
		t := rnd.IntN(months - 1)
		for range 1 + rnd.IntN(4) {
			if t >= months-1 {
				break
			}
			end := min(t+1+rnd.IntN(12), months)
			sid++
			amount := prices[rnd.IntN(len(prices))] * (1 + rnd.IntN(5))
			fmt.Fprintf(&b, "%d,%d,%s,%s,%d.%02d\n", sid, c, month(t), month(end), amount, cents[rnd.IntN(len(cents))])
			t = end + []int{0, 0, 0, 1, 2, 3}[rnd.IntN(6)]
		}
	}
	return b.Bytes()
}

// referenceReport is ../shared/bench/floor's program as a function: it reads the
// export whole with encoding/csv, parses customers as integers, months with
// time.Parse and amounts into int64 cents, computes each month's new, expansion,
// contraction, churn, reactivation and ending MRR on a dense customer × month array,
// and writes them as CSV. It handles only what the floor handles: numeric customer
// ids, first-of-month dates, amounts in whole cents.
func referenceReport(r io.Reader, w io.Writer) error {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return err
	}
	monthIndex := func(s string) (int, error) {
		t, err := time.Parse("2006-01-02", s)
		return t.Year()*12 + int(t.Month()) - 1, err
	}
	centsOf := func(s string) (int64, error) {
		whole, frac, _ := strings.Cut(s, ".")
		w, err := strconv.ParseInt(whole, 10, 64)
		if err != nil {
			return 0, err
		}
		f := int64(0)
		if frac != "" {
			if f, err = strconv.ParseInt((frac + "00")[:2], 10, 64); err != nil {
				return 0, err
			}
		}
		return w*100 + f, nil
	}
	type period struct {
		customer   int
		start, end int
		cents      int64
	}
	var ps []period
	lo, hi, maxc := 1<<30, 0, 0
	for _, r := range rows[1:] {
		c, err := strconv.Atoi(r[1])
		if err != nil {
			return err
		}
		start, err := monthIndex(r[2])
		if err != nil {
			return err
		}
		end, err := monthIndex(r[3])
		if err != nil {
			return err
		}
		cents, err := centsOf(r[4])
		if err != nil {
			return err
		}
		ps = append(ps, period{c, start, end, cents})
		lo, hi, maxc = min(lo, start), max(hi, end), max(maxc, c)
	}
	n := hi - lo + 1
	mrr := make([]int64, (maxc+1)*n)
	first := make([]int, maxc+1)
	for i := range first {
		first[i] = -1
	}
	for _, p := range ps {
		for m := p.start; m < p.end; m++ {
			mrr[p.customer*n+m-lo] += p.cents
		}
		if first[p.customer] < 0 || p.start-lo < first[p.customer] {
			first[p.customer] = p.start - lo
		}
	}
	out := make([][6]int64, n) // new, expansion, contraction, churn, reactivation, end
	for c := 0; c <= maxc; c++ {
		if first[c] < 0 {
			continue
		}
		row := mrr[c*n : (c+1)*n]
		var prev int64
		for m := first[c]; m < n; m++ {
			cur := row[m]
			b := &out[m]
			switch {
			case m == first[c]:
				b[0] += cur
			case prev > 0 && cur == 0:
				b[3] += prev
			case prev == 0 && cur > 0:
				b[4] += cur
			case cur > prev:
				b[1] += cur - prev
			case cur < prev:
				b[2] += prev - cur
			}
			b[5] += cur
			prev = cur
		}
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"month", "new", "expansion", "contraction", "churn", "reactivation", "end"})
	for m, b := range out {
		rec := []string{fmt.Sprintf("%04d-%02d", (lo+m)/12, (lo+m)%12+1)}
		for _, v := range b {
			rec = append(rec, fmt.Sprintf("%d.%02d", v/100, v%100))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

var exports sync.Map // customers → path of a generated export

// exportFile returns the path of a generated export of the given customers × 36
// months, written once per test binary.
func exportFile(tb testing.TB, customers int) string {
	tb.Helper()
	if p, ok := exports.Load(customers); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp("", "revops-speed")
	require.NoError(tb, err)
	p := filepath.Join(dir, fmt.Sprintf("subs%d.csv", customers))
	require.NoError(tb, os.WriteFile(p, subscriptionsCSV(customers, 36, 1), 0o600))
	exports.Store(customers, p)
	return p
}

// runCommand runs revops report -format csv on the file, its output discarded.
func runCommand(tb testing.TB, path string, out io.Writer) {
	e := env{stdin: strings.NewReader(""), stdout: out, stderr: io.Discard, now: time.Now}
	if code := run([]string{"report", "-format", "csv", path}, e); code != exitOK {
		tb.Fatal("revops report: exit", code)
	}
}

// runLibrary is the library's path as a user writes it, issue 23's "ReadSpans +
// NewHistory + Series": it reads the file with ReadSpans (one core), indexes the
// spans and writes each month's bridge from 2020-01 to 2023-01 as CSV.
func runLibrary(tb testing.TB, path string, out io.Writer) {
	f, err := os.Open(path)
	require.NoError(tb, err)
	defer f.Close()
	spans, err := revops.ReadSpans(f, revops.SpanColumns{})
	require.NoError(tb, err)
	h, err := revops.NewHistory(spans)
	require.NoError(tb, err)
	var months []revops.Period
	for p := range must(revops.NewPeriod(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC))).Months() {
		months = append(months, p)
	}
	series, err := h.Series(months)
	require.NoError(tb, err)
	cw := csv.NewWriter(out)
	cw.Write([]string{"month", "new", "expansion", "contraction", "churn", "reactivation", "end"})
	for _, m := range series {
		d := func(r revops.Recurring) string { return r.Monthly().StringFixed(2) }
		cw.Write([]string{m.Period.Start().Format("2006-01"), d(m.New), d(m.Expansion), d(m.Contraction), d(m.Churn), d(m.Reactivation), d(m.End)})
	}
	cw.Flush()
	require.NoError(tb, cw.Error())
}

// runReference runs the reference on the file, its output discarded.
func runReference(tb testing.TB, path string, out io.Writer) {
	f, err := os.Open(path)
	require.NoError(tb, err)
	defer f.Close()
	require.NoError(tb, referenceReport(f, out))
}

var speedSizes = []int{10_000, 250_000, 1_000_000}

// BenchmarkCommand runs revops report -format csv on an export of each size, alone,
// with its allocations.
func BenchmarkCommand(b *testing.B) {
	for _, n := range speedSizes {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			path := exportFile(b, n)
			b.ResetTimer()
			b.ReportAllocs()
			for range b.N {
				runCommand(b, path, io.Discard)
			}
		})
	}
}

// BenchmarkReference runs the reference on the same exports.
func BenchmarkReference(b *testing.B) {
	for _, n := range speedSizes {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			path := exportFile(b, n)
			b.ResetTimer()
			b.ReportAllocs()
			for range b.N {
				runReference(b, path, io.Discard)
			}
		})
	}
}

// BenchmarkCommandVsReference runs the reference, the command and the library path
// (runLibrary) in turn on each size and reports their wall and CPU milliseconds per
// run and the ratios to the reference: wall-x and cpu-x for the command, lib-cpu-x
// for the library path. Between runs, outside the clocks, the heap is collected and
// its free memory given back to the system, so that each run starts as a process
// does: it neither collects, nor gives back, nor reuses the memory of the run before.
// On Linux it also reports the memory each of the reference and the command made
// resident at its peak, above what the process held before (the peak is reset
// through /proc/self/clear_refs), in MiB, and their ratio, peak-x: a run's own
// memory, without the program's code, which a whole process also counts.
func BenchmarkCommandVsReference(b *testing.B) {
	for _, n := range speedSizes {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			path := exportFile(b, n)
			b.ResetTimer()
			var wall, cpu [3]time.Duration // reference, command, library path
			var peak [3]int64              // the resident memory each run added at its peak, in bytes
			for range b.N {
				for i, f := range []func(testing.TB, string, io.Writer){runReference, runCommand, runLibrary} {
					b.StopTimer()
					debug.FreeOSMemory()
					before := resetPeak()
					b.StartTimer()
					c0, t0 := processCPU(), time.Now()
					f(b, path, io.Discard)
					wall[i] += time.Since(t0)
					cpu[i] += processCPU() - c0
					if p := peakResident(); before >= 0 && p >= 0 && peak[i] >= 0 {
						peak[i] += p - before
					} else {
						peak[i] = -1
					}
				}
			}
			per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
			b.ReportMetric(per(wall[0]), "ref-wall-ms")
			b.ReportMetric(per(wall[1]), "cmd-wall-ms")
			b.ReportMetric(float64(wall[1])/float64(wall[0]), "wall-x")
			if cpu[0] > 0 {
				b.ReportMetric(per(cpu[0]), "ref-cpu-ms")
				b.ReportMetric(per(cpu[1]), "cmd-cpu-ms")
				b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "cpu-x")
				b.ReportMetric(per(cpu[2]), "lib-cpu-ms")
				b.ReportMetric(float64(cpu[2])/float64(cpu[0]), "lib-cpu-x")
			}
			if peak[0] > 0 && peak[1] >= 0 {
				b.ReportMetric(float64(peak[0])/float64(b.N)/(1<<20), "ref-peak-MiB")
				b.ReportMetric(float64(peak[1])/float64(b.N)/(1<<20), "cmd-peak-MiB")
				b.ReportMetric(float64(peak[1])/float64(peak[0]), "peak-x")
			}
		})
	}
}

// TestCommandMatchesReference: on a generated export, the command's CSV report
// equals the reference's bridge to the cent on every month and movement, so the
// benchmark compares two programs that compute the same figures.
func TestCommandMatchesReference(t *testing.T) {
	path := exportFile(t, 3000)
	var cmd, ref bytes.Buffer
	runCommand(t, path, &cmd)
	runReference(t, path, &ref)
	refRows, err := csv.NewReader(&ref).ReadAll()
	require.NoError(t, err)
	cmdRows, err := csv.NewReader(&cmd).ReadAll()
	require.NoError(t, err)
	col := map[string]int{}
	for i, h := range cmdRows[0] {
		col[h] = i
	}
	byMonth := map[string][]string{}
	for _, r := range cmdRows[1:] {
		byMonth[r[col["period"]]] = r
	}
	names := []string{"new_mrr", "expansion_mrr", "contraction_mrr", "churn_mrr", "reactivation_mrr", "end_mrr"}
	checked := 0
	for _, r := range refRows[1:] {
		got, ok := byMonth[r[0]]
		if !ok {
			continue // a month the report leaves out (the reference counts one past the last end)
		}
		for i, name := range names {
			want, err := decimal.NewFromString(r[1+i])
			require.NoError(t, err)
			have, err := decimal.NewFromString(got[col[name]])
			require.NoError(t, err, "%s %s", r[0], name)
			require.True(t, want.Equal(have), "%s %s: reference %s, command %s", r[0], name, want, have)
		}
		checked++
	}
	require.Greater(t, checked, 30, "months compared")

	// The library path writes the reference's own columns: every month it writes
	// equals the reference's, to the cent.
	var lib bytes.Buffer
	runLibrary(t, path, &lib)
	libRows, err := csv.NewReader(&lib).ReadAll()
	require.NoError(t, err)
	byMonth = map[string][]string{}
	for _, r := range libRows[1:] {
		byMonth[r[0]] = r
	}
	checked = 0
	for _, r := range refRows[1:] {
		if got, ok := byMonth[r[0]]; ok {
			require.Equal(t, r, got, "library path, %s", r[0])
			checked++
		}
	}
	require.Greater(t, checked, 30, "months compared with the library path")
}
