package revops_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/revopskit/revops"
)

// ExampleReadSpans reads a CSV export in the dbt mrr-playbook's layout, which the zero
// SpanColumns names, and reports its monthly series.
func ExampleReadSpans() {
	export := `subscription_id,customer_id,start_date,end_date,monthly_amount
1,acme,2025-01-01,2025-03-01,100
2,acme,2025-03-01,,150
3,globex,2025-02-01,2025-03-01,100
`
	spans, err := revops.ReadSpans(strings.NewReader(export), revops.SpanColumns{})
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := revops.NewHistory(spans)
	if err != nil {
		fmt.Println(err)
		return
	}
	series, err := h.Series([]revops.Period{revops.Month(2025, 1), revops.Month(2025, 2), revops.Month(2025, 3)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range series {
		fmt.Println(r.Period.Start().Format("2006-01"), "MRR", r.End, "new", r.New, "expansion", r.Expansion, "churn", r.Churn)
	}
	// Output:
	// 2025-01 MRR 100 new 100 expansion 0 churn 0
	// 2025-02 MRR 200 new 100 expansion 0 churn 0
	// 2025-03 MRR 150 new 0 expansion 50 churn 100
}

// ExampleNewSpanReader streams an export with its own column names, annual and
// quarterly list prices normalized to MRR, and goes on past a bad row, naming its line.
func ExampleNewSpanReader() {
	export := `account,from,to,price,billing,currency
acme,2025-01-01,,1200,annual,usd
globex,2025-01-01,2025-07-01,-30,monthly,usd
initech,2025-02-01,,300,quarterly,usd
`
	r, err := revops.NewSpanReader(strings.NewReader(export), revops.SpanColumns{
		Customer: "account", Start: "from", End: "to", Amount: "price", Interval: "billing",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		s, err := r.Read()
		if err == io.EOF {
			break
		}
		if errors.Is(err, revops.ErrNegative) {
			fmt.Println("skipped:", err)
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.Line(), s.Customer, s.MRR, s.Currency)
	}
	// Output:
	// 2 acme 100 USD
	// skipped: revops: SpanReader: line 3, column "price": negative value (-30 < 0)
	// 4 initech 100 USD
}

// ExampleParseInterval reads billing intervals as exports write them.
func ExampleParseInterval() {
	for _, s := range []string{"monthly", "quarterly", "annual", "3 years", "2 weeks", "fortnightly"} {
		iv, err := revops.ParseInterval(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(s, "=", iv.Count, iv.Unit)
	}
	// Output:
	// monthly = 1 months
	// quarterly = 3 months
	// annual = 1 years
	// 3 years = 3 years
	// 2 weeks = 2 weeks
	// revops: ParseInterval: malformed record ("fortnightly" is not an interval)
}

func ExampleScanSpans() {
	in := "customer_id,start_date,end_date,monthly_amount,plan\n" +
		"acme,2025-01-01,,100,pro\n" +
		"globex,2025-13-01,,30,basic\n" + // a bad date: the row's error, and the scan goes on
		"initech,2025-02-01,,50,pro\n"
	var spans []revops.Span
	err := revops.ScanSpans(strings.NewReader(in), revops.SpanColumns{}, revops.ScanOptions{Values: []string{"plan"}}, func(r *revops.SpanRow) error {
		if r.Err != nil {
			fmt.Println("line", r.Line, "refused")
			return nil
		}
		fmt.Println("line", r.Line, r.Span.Customer, r.Values[0])
		spans = append(spans, r.Span)
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(spans), "spans")
	// Output:
	// line 2 acme pro
	// line 3 refused
	// line 4 initech pro
	// 2 spans
}

func ExampleSpanReader_Read() {
	// The second row ends before it starts: Read reports it, naming its line and
	// column, and reads on.
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"acme,2025-01-01,,100\n" +
		"globex,2025-03-01,2025-02-01,50\n" +
		"initech,2025-02-01,2025-05-01,75\n"
	r, err := revops.NewSpanReader(strings.NewReader(in), revops.SpanColumns{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		s, err := r.Read()
		if err == io.EOF {
			break
		}
		if errors.Is(err, revops.ErrInvalidPeriod) {
			fmt.Println(err)
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.Customer, s.Start.Format("2006-01-02"), s.MRR)
	}
	// Output:
	// acme 2025-01-01 100
	// revops: SpanReader: line 3, column "end_date": invalid period (2025-02-01 is not after the start 2025-03-01)
	// initech 2025-02-01 75
}

func ExampleSpanReader_Line() {
	// A quoted note runs over two lines, so the row after it starts on line 4, not 3.
	in := "customer_id,start_date,end_date,monthly_amount,note\n" +
		"acme,2025-01-01,,100,\"annual plan,\nbilled monthly\"\n" +
		"globex,2025-02-01,,50,\n"
	r, err := revops.NewSpanReader(strings.NewReader(in), revops.SpanColumns{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		s, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.Line(), s.Customer)
	}
	// Output:
	// 2 acme
	// 4 globex
}
