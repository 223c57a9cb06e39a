// Command revops-beam computes the revops metric series and cohort table of a CSV
// export of subscription spans on Apache Beam: on this machine with the local (prism)
// runner, or on Dataflow, Flink or Spark by Beam's --runner flags.
//
//	revops-beam --input spans.csv --output report.csv --from 2024-01 --to 2025-12
//	revops-beam --input 'gs://bucket/spans-*.csv' --output gs://bucket/report.json --format json \
//	    --from 2024-01 --to 2025-12 --runner dataflow --project P --region R --staging_location gs://bucket/staging
//
// The input is read line by line with any file system Beam's textio knows (local
// paths, gs://, s3://), so each row must sit on one line; its first line is the
// header, with the columns of revops report (the dbt mrr-playbook's by default). The
// periods are given, --from to --to, since a cluster job should not first scan its
// input for them. The output is one file: the series (one row per period) and the
// cohort table, as csv or json.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/revopskit/revops"
	revopsbeam "github.com/revopskit/revops/beam"
)

func init() {
	register.DoFn3x1[context.Context, string, func(revops.Span), error](&parseFn{})
	register.DoFn1x2[revops.Totals, string, error](&formatFn{})
	register.Emitter1[revops.Span]()
}

// config is what the flags ask for.
type config struct {
	input, output, format string
	period, from, to      string
	shards                int
	skipInvalid           bool
	cols                  revops.SpanColumns
	policy                revops.Policy
}

func main() {
	var cfg config
	flag.StringVar(&cfg.input, "input", "", "CSV file or glob of spans, with a header line (required)")
	flag.StringVar(&cfg.output, "output", "", "file to write the report to (required)")
	flag.StringVar(&cfg.format, "format", "csv", "output: csv or json")
	flag.StringVar(&cfg.period, "period", "month", "period of each row: month, quarter or year")
	flag.StringVar(&cfg.from, "from", "", "first period, as YYYY-MM (required)")
	flag.StringVar(&cfg.to, "to", "", "last period, as YYYY-MM (required)")
	flag.IntVar(&cfg.shards, "shards", 64, "groups of customers the spans are shuffled into")
	flag.BoolVar(&cfg.skipInvalid, "skip_invalid", false, "skip malformed rows and spans, counting them in the job's counters, instead of failing")
	flag.StringVar(&cfg.cols.Customer, "col_customer", "", "customer id column (default customer_id)")
	flag.StringVar(&cfg.cols.Subscription, "col_subscription", "", "subscription id column (default subscription_id when present)")
	flag.StringVar(&cfg.cols.Start, "col_start", "", "start date column (default start_date)")
	flag.StringVar(&cfg.cols.End, "col_end", "", "end date column (default end_date)")
	flag.StringVar(&cfg.cols.Amount, "col_amount", "", "amount column (default monthly_amount)")
	flag.StringVar(&cfg.cols.Currency, "col_currency", "", "currency column (default currency when present)")
	flag.StringVar(&cfg.cols.Interval, "col_interval", "", "billing interval column: the amount is then a list price, normalized to MRR")
	flag.StringVar(&cfg.cols.DateLayout, "date_layout", "", "Go time layout of the dates (default 2006-01-02 or RFC 3339)")
	flag.Parse()
	beam.Init()
	ctx := context.Background()
	p, err := pipeline(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "revops-beam:", err)
		os.Exit(2)
	}
	if err := beamx.Run(ctx, p); err != nil {
		log.Fatalf("revops-beam: %v", err)
	}
}

// pipeline builds the job cfg asks for: read, parse, totals, report, write.
func pipeline(ctx context.Context, cfg config) (*beam.Pipeline, error) {
	if cfg.input == "" || cfg.output == "" || cfg.from == "" || cfg.to == "" {
		return nil, errors.New("--input, --output, --from and --to are required")
	}
	if cfg.format != "csv" && cfg.format != "json" {
		return nil, fmt.Errorf("--format %q: want csv or json", cfg.format)
	}
	periods, err := periodsOf(cfg.period, cfg.from, cfg.to)
	if err != nil {
		return nil, err
	}
	header, err := readHeader(ctx, cfg.input)
	if err != nil {
		return nil, err
	}
	if _, err := revops.NewSpanReader(strings.NewReader(header), cfg.cols); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.input, err)
	}
	policy := cfg.policy
	if cfg.skipInvalid {
		policy.InvalidRecords = revops.InvalidRecordsSkip
	}
	p, s := beam.NewPipelineWithRoot()
	lines := textio.Read(s, cfg.input)
	spans := beam.ParDo(s, &parseFn{Header: header, Cols: cfg.cols, Skip: cfg.skipInvalid}, lines)
	totals := revopsbeam.Totals(s, spans, revopsbeam.Config{Periods: periods, Policy: policy, Shards: cfg.shards})
	textio.Write(s, cfg.output, beam.ParDo(s, &formatFn{Format: cfg.format, Period: cfg.period}, totals))
	return p, nil
}

// periodsOf returns the periods of kind from the one holding from to the one holding
// to: at most revops.MaxCohortPeriods of them, since the job writes the cohort table,
// whose cells grow with the square of the periods.
func periodsOf(kind, from, to string) ([]revops.Period, error) {
	first, err := time.Parse("2006-01", from)
	if err != nil {
		return nil, fmt.Errorf("--from %q: want YYYY-MM", from)
	}
	last, err := time.Parse("2006-01", to)
	if err != nil {
		return nil, fmt.Errorf("--to %q: want YYYY-MM", to)
	}
	of := func(t time.Time) revops.Period {
		switch kind {
		case "quarter":
			q, _ := revops.Quarter(t.Year(), (int(t.Month())-1)/3+1)
			return q
		case "year":
			return revops.Year(t.Year())
		}
		return revops.Month(t.Year(), t.Month())
	}
	if kind != "month" && kind != "quarter" && kind != "year" {
		return nil, fmt.Errorf("--period %q: want month, quarter or year", kind)
	}
	if first.After(last) {
		return nil, fmt.Errorf("--from %s is after --to %s", from, to)
	}
	months := map[string]int{"month": 1, "quarter": 3, "year": 12}[kind]
	index := func(t time.Time) int { return (t.Year()*12 + int(t.Month()) - 1) / months } // years from 0000 to 9999
	if n := index(last) - index(first) + 1; n > revops.MaxCohortPeriods {
		return nil, fmt.Errorf("--from %s --to %s: %d %ss, more than the %d periods of a cohort table; narrow the range or choose a longer --period",
			from, to, n, kind, revops.MaxCohortPeriods)
	}
	var out []revops.Period
	for p := of(first); !p.Start().After(of(last).Start()); p = p.Next() {
		out = append(out, p)
	}
	return out, nil
}

// readHeader returns the first line of the first file input names.
func readHeader(ctx context.Context, input string) (string, error) {
	fs, err := filesystem.New(ctx, input)
	if err != nil {
		return "", err
	}
	defer fs.Close()
	files, err := fs.List(ctx, input)
	if err != nil {
		return "", err
	}
	if len(files) == 0 {
		return "", fmt.Errorf("%s: no such file", input)
	}
	f, err := fs.OpenRead(ctx, files[0])
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// malformedRows counts the rows --skip_invalid leaves out.
var malformedRows = beam.NewCounter("revops", "malformed_rows")

// parseFn reads one line of the export as a span, with the library's reader.
type parseFn struct {
	Header string             `json:"header"`
	Cols   revops.SpanColumns `json:"cols"`
	Skip   bool               `json:"skip"`
}

func (f *parseFn) ProcessElement(ctx context.Context, line string, emit func(revops.Span)) error {
	if line == f.Header || strings.TrimSpace(line) == "" {
		return nil
	}
	r, err := revops.NewSpanReader(strings.NewReader(f.Header+"\n"+line), f.Cols)
	if err != nil {
		return err
	}
	s, err := r.Read()
	if err != nil {
		if f.Skip {
			malformedRows.Inc(ctx, 1)
			return nil
		}
		return fmt.Errorf("row %q: %w", line, err)
	}
	emit(s)
	return nil
}

// formatFn writes the report of the merged totals.
type formatFn struct {
	Format string `json:"format"`
	Period string `json:"period"`
}

func (f *formatFn) ProcessElement(t revops.Totals) (string, error) {
	series := t.Series()
	cohorts, err := t.CohortTable()
	if err != nil {
		return "", err
	}
	if f.Format == "json" {
		b, err := json.MarshalIndent(struct {
			Currency string                 `json:"currency"`
			Spans    int                    `json:"spans"`
			Series   []revops.PeriodMetrics `json:"series"`
			Cohorts  revops.CohortTable     `json:"cohorts"`
		}{t.Currency, t.Spans, series, cohorts}, "", "  ")
		return string(b), err
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
	return b.String(), w.Error()
}
