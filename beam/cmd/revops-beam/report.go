package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/revopskit/revops"
	revopsbeam "github.com/revopskit/revops/beam"
)

func init() {
	beam.RegisterType(reflect.TypeOf(problem{}))
	beam.RegisterType(reflect.TypeOf(summary{}))
	beam.RegisterType(reflect.TypeOf(origin{}))
	register.DoFn1x1[revopsbeam.Refusal, problem](&refusalFn{})
	register.Function1x1(summaryOf)
	register.Function2x1(mergeSummaries)
	register.Function2x1(earlier)
	register.DoFn5x1[context.Context, []byte, func(*revops.Totals) bool, func(*summary) bool, func(*origin) bool, error](&finishFn{})
	register.Iter1[revops.Totals]()
	register.Iter1[summary]()
	register.Iter1[origin]()
}

// problem is a fault of the input the job found: a row the reader refused, a span the
// library refused, a file's header, a second currency.
type problem struct {
	File  string `json:"file"`
	Line  int    `json:"line"`  // the line at fault; 0 for a file with none
	Msg   string `json:"msg"`   // for people, once: `spans.csv: line 12, column "end_date": malformed record (...)`
	Fatal bool   `json:"fatal"` // --skip_invalid does not skip it: a file's header, a second currency
}

// before orders problems: those --skip_invalid cannot skip first, then in file order,
// so the one reported is the same on every run.
func before(a, b problem) bool {
	if a.Fatal != b.Fatal {
		return a.Fatal
	}
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line)) < 0
}

// summary is what the job tells the command about the faults of its input: how many,
// and the first, which the command prints.
type summary struct {
	Count   int     `json:"count"`
	First   problem `json:"first"`
	Skipped bool    `json:"skipped"` // left out of a report written under --skip_invalid
}

func summaryOf(p problem) summary { return summary{Count: 1, First: p} }

// mergeSummaries adds two summaries, keeping the first problem of both.
func mergeSummaries(a, b summary) summary {
	switch {
	case a.Count == 0:
		return b
	case b.Count == 0:
		return a
	}
	out := summary{Count: a.Count + b.Count, First: a.First}
	if before(b.First, a.First) {
		out.First = b.First
	}
	return out
}

// origin is the first row of a currency, in file order.
type origin struct {
	Currency string `json:"currency"`
	File     string `json:"file"`
	Line     int    `json:"line"`
}

func (o origin) compare(p origin) int {
	return cmp.Or(strings.Compare(o.File, p.File), cmp.Compare(o.Line, p.Line))
}

func earlier(a, b origin) origin {
	if b.compare(a) < 0 {
		return b
	}
	return a
}

// refusalFn names a span the library refused by its file, line and column, from the
// refusal's fields: `spans.csv: line 12, column "start_date": inconsistent inputs
// (starts while another span of subscription "s1" runs; see line 3)`.
type refusalFn struct {
	Cols revops.SpanColumns `json:"cols"`
}

func (f *refusalFn) ProcessElement(r revopsbeam.Refusal) problem {
	at := revops.Position{Line: r.Row.Line, Column: column(f.Cols, r.Field)}
	msg := r.Row.File + ": " + at.String() + ": " + r.Reason
	detail := r.Detail
	if rel := r.Related; rel != nil {
		if detail != "" {
			detail += "; "
		}
		detail += "see " + lineOf(origin{File: rel.File, Line: rel.Line}, r.Row.File)
	}
	if detail != "" {
		msg += " (" + detail + ")"
	}
	return problem{File: r.Row.File, Line: r.Row.Line, Msg: msg}
}

// lineOf names the line of o for a message about a row of file: "line 3", or
// "other.csv: line 3" when o is in another file.
func lineOf(o origin, file string) string {
	if o.File == file {
		return fmt.Sprintf("line %d", o.Line)
	}
	return fmt.Sprintf("%s: line %d", o.File, o.Line)
}

// column returns the header of the column that holds a Span field, as cols names it.
func column(cols revops.SpanColumns, field string) string {
	names := map[string][2]string{
		"Customer":     {cols.Customer, "customer_id"},
		"Subscription": {cols.Subscription, "subscription_id"},
		"Start":        {cols.Start, "start_date"},
		"End":          {cols.End, "end_date"},
		"MRR":          {cols.Amount, "monthly_amount"},
		"Currency":     {cols.Currency, "currency"},
	}[field]
	return cmp.Or(names[0], names[1])
}

// finishFn writes the report, or, when the input has faults the job does not skip,
// the summary of its faults for the command to print; under --skip_invalid it writes
// both.
type finishFn struct {
	Output  string             `json:"output"`
	Format  string             `json:"format"`
	Token   string             `json:"token"` // names this run's files beside Output
	Periods []revops.Period    `json:"periods"`
	Policy  revops.Policy      `json:"policy"`
	Skip    bool               `json:"skip"`
	Cols    revops.SpanColumns `json:"cols"`
}

func (f *finishFn) ProcessElement(ctx context.Context, _ []byte, totals func(*revops.Totals) bool, summaries func(*summary) bool, origins func(*origin) bool) error {
	byCurrency := map[string]revops.Totals{}
	var t revops.Totals
	for totals(&t) {
		byCurrency[t.Currency] = t
	}
	var sum, s summary
	for summaries(&s) {
		sum = mergeSummaries(sum, s)
	}
	var firsts []origin
	var o origin
	for origins(&o) {
		firsts = append(firsts, o)
	}
	slices.SortFunc(firsts, origin.compare)
	report, ok := revops.Totals{}, false
	if len(firsts) > 0 {
		// The report is of the currency of the first row; a row in another is a fault,
		// as in revops report, named by the first row of that currency.
		report, ok = byCurrency[firsts[0].Currency]
		for _, o := range firsts[1:] {
			at := revops.Position{Line: o.Line, Column: column(f.Cols, "Currency")}
			msg := fmt.Sprintf("%s: %s: currency %q after %q on %s: mixed currencies; give the job the rows of one currency",
				o.File, at, o.Currency, firsts[0].Currency, lineOf(firsts[0], o.File))
			sum = mergeSummaries(sum, summary{Count: max(1, byCurrency[o.Currency].Spans), First: problem{File: o.File, Line: o.Line, Msg: msg, Fatal: true}})
		}
	}
	if !ok { // no span: the report of none, every period at zero
		h, err := revops.NewHistory(nil, f.Policy)
		if err != nil {
			return err
		}
		if report, err = h.TotalsWithCohorts(f.Periods, f.Policy); err != nil {
			return err
		}
	}
	if sum.Count > 0 && (!f.Skip || sum.First.Fatal) {
		return f.writeSummary(ctx, sum)
	}
	data, err := format(report, f.Format)
	if err != nil {
		return err
	}
	if err := writeFile(ctx, f.Output, f.Output+"."+f.Token+".tmp", data); err != nil {
		return err
	}
	if sum.Count > 0 {
		sum.Skipped = true
		return f.writeSummary(ctx, sum)
	}
	return nil
}

func (f *finishFn) writeSummary(ctx context.Context, sum summary) error {
	data, err := json.Marshal(sum)
	if err != nil {
		return err
	}
	path := summaryPath(f.Output, f.Token)
	return writeFile(ctx, path, path+".tmp", data)
}

// summaryPath is where the job leaves the summary of its input's faults for the
// command, beside the output, which the command removes once read.
func summaryPath(output, token string) string { return output + "." + token + ".faults.json" }

// writeFile writes data to path: to tmp beside it first, renamed into place, where
// the file system can rename, so that a failed write leaves no half file and an
// earlier file as it was. A local path that is a symbolic link is followed: the file
// it names is written, beside which tmp then goes, and the link stays; a local path
// that names no regular file (a folder, a device, a fifo) is refused.
func writeFile(ctx context.Context, path, tmp string, data []byte) error {
	if !strings.Contains(path, "://") {
		file, err := linkTarget(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		name := path
		if file != path {
			name = fmt.Sprintf("%s (a link to %s)", path, file)
			// The file system would make a missing folder from the path's text, which
			// after a linked folder is not where the link leads: refuse instead.
			if _, err := os.Stat(file[:strings.LastIndexAny(file, `/`+string(filepath.Separator))+1] + "."); err != nil {
				return fmt.Errorf("%s: %w", name, errors.Unwrap(err))
			}
			path, tmp = file, file+strings.TrimPrefix(tmp, path)
		}
		if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", name) // a device or a fifo is not replaced
		}
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	rename, atomic := fs.(filesystem.Renamer)
	target := path
	if atomic {
		target = tmp
	}
	w, err := fs.OpenWrite(ctx, target)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil && atomic {
		err = rename.Rename(ctx, tmp, path)
	}
	if err != nil && atomic {
		if rm, ok := fs.(filesystem.Remover); ok {
			rm.Remove(ctx, tmp)
		}
	}
	return err
}

// outcome reads the summary the job left, prints it and returns the exit status: 0
// for a report with no fault or with faults --skip_invalid left out, 1 otherwise.
func outcome(ctx context.Context, cfg config, stderr io.Writer) int {
	path := summaryPath(cfg.output, cfg.token)
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		fmt.Fprintln(stderr, "revops-beam:", err)
		return exitInput
	}
	defer fs.Close()
	if found, err := fs.List(ctx, path); err == nil && len(found) == 0 {
		return exitOK
	}
	var sum summary
	rc, err := fs.OpenRead(ctx, path)
	if err == nil {
		err = json.NewDecoder(rc).Decode(&sum)
		rc.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "revops-beam: reading the job's summary of faults: %v\n", err)
		return exitInput
	}
	if rm, ok := fs.(filesystem.Remover); ok {
		rm.Remove(ctx, path)
	}
	if sum.Skipped {
		fmt.Fprintf(stderr, "revops-beam: left out %s (--skip_invalid), the first: %s\n", rows(sum.Count), sum.First.Msg)
		return exitOK
	}
	fmt.Fprintln(stderr, "revops-beam:", sum.First.Msg)
	if sum.Count > 1 {
		fmt.Fprintf(stderr, "revops-beam: %s refused in all, the first above\n", rows(sum.Count))
	}
	return exitInput
}

// rows returns "1 row" or "n rows".
func rows(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// format returns the report of the merged totals: csv, the series then the cohort
// table, or json.
func format(t revops.Totals, kind string) ([]byte, error) {
	series := t.Series()
	cohorts, err := t.CohortTable()
	if err != nil {
		return nil, err
	}
	if kind == "json" {
		b, err := json.MarshalIndent(struct {
			Currency string                 `json:"currency"`
			Spans    int                    `json:"spans"`
			Series   []revops.PeriodMetrics `json:"series"`
			Cohorts  revops.CohortTable     `json:"cohorts"`
		}{t.Currency, t.Spans, series, cohorts}, "", "  ")
		return append(b, '\n'), err
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"period", "start_mrr", "new", "expansion", "contraction", "churn", "reactivation", "end_mrr",
		"start_customers", "new_customers", "churned_customers", "end_customers", "customer_churn", "nrr", "grr", "quick_ratio", "arpa"})
	for _, r := range series {
		c := r.Customers
		w.Write([]string{r.Period.Start().Format("2006-01-02"), r.Start.String(), r.New.String(), r.Expansion.String(), r.Contraction.String(),
			r.Churn.String(), r.Reactivation.String(), r.End.String(), fmt.Sprint(c.Start), fmt.Sprint(c.New), fmt.Sprint(c.Churned),
			fmt.Sprint(r.EndCustomers), r.CustomerChurn.String(), r.NRR.String(), r.GRR.String(), r.QuickRatio.String(), r.ARPA.String()})
	}
	w.Flush()
	b.WriteString("\n")
	w.Write([]string{"cohort", "size", "offset", "customers", "mrr", "logo_retention", "revenue_retention"})
	for _, row := range cohorts.Rows {
		for k := range row.Logo {
			w.Write([]string{row.Period.Start().Format("2006-01-02"), fmt.Sprint(row.Size), fmt.Sprint(k), fmt.Sprint(row.Customers[k]),
				row.MRR[k].String(), row.Logo[k].String(), row.Revenue[k].String()})
		}
	}
	w.Flush()
	return []byte(b.String()), w.Error()
}

// linkTarget returns the local file path names once its symbolic links are
// followed, as the command's own does; the last may name a file not made yet.
func linkTarget(path string) (string, error) {
	for hops := 0; hops <= 40; hops++ { // as many links as Linux follows
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&os.ModeSymlink == 0 {
			if hops > 0 {
				// The folder of the file, its links resolved, so that the path is
				// the same read as text (cleaned) as read by the system; left as it
				// is when that folder does not exist.
				at := strings.LastIndexAny(path, `/`+string(filepath.Separator)) + 1
				if dir, err := filepath.EvalSymlinks(path[:at] + "."); err == nil {
					path = filepath.Join(dir, path[at:])
				}
			}
			return path, nil
		}
		to, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			// Beside the link, as the system reads it: the text is not cleaned, since
			// a ".." after a linked folder leads out of the folder it links to.
			to = path[:strings.LastIndexAny(path, `/`+string(filepath.Separator))+1] + to
		}
		path = to
	}
	return "", errors.New("too many levels of symbolic links")
}
