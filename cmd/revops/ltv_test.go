package main

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// LTV in the report, worked by hand. Five customers pay 100 a month from December
// 2024; b leaves on February 1, 2025 and d on March 10.
//   - Quarters: the first quarter of 2025 loses 2 of 5 (churn 0.4) and closes with
//     three at 100 a month, 300 a quarter: LTV 300 ÷ 0.4 = 750 (the quarter's revenue
//     per account over the quarter's churn, not a month's).
//   - ChartMogul's preset divides by the mean churn of the six months before: in
//     September 2025 that is March to August, (0.25 + 0 × 5) ÷ 6, so LTV is
//     100 × 6 ÷ 0.25 = 2,400; March itself has no six months before it in the report.
func TestReportLTV(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"a,2024-12-01,,100\nb,2024-12-01,2025-02-01,100\nc,2024-12-01,,100\nd,2024-12-01,2025-03-10,100\ne,2024-12-01,,100\n"
	ltvOf := func(args ...string) map[string]string {
		out, errOut, code := runPipe(t, in, append([]string{"report", "-format", "csv"}, args...)...)
		require.Equal(t, exitOK, code, errOut)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		got := map[string]string{}
		for _, r := range rows[1:] {
			got[r[col["period"]]] = r[col["ltv"]]
		}
		return got
	}
	require.Equal(t, "750", ltvOf("-period", "quarter", "-from", "2025-Q1", "-to", "2025-Q1")["2025-Q1"])
	cm := ltvOf("-preset", "chartmogul", "-from", "2025-03", "-to", "2025-09")
	require.Equal(t, "2400", cm["2025-09"])
	require.Equal(t, "", cm["2025-03"], "no six months before March in the report")
}
