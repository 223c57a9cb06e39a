package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// The spend example of testdata/: issue 22's CAC case, and a February.
//
//	a  100 from January 5
//	b  100 from January 5, canceled February 15
//	c  100 from January 5, canceled January 20; back at 100 from February 10
//	d  100 from February 10
//
// spend.csv: January sales 4,000 and marketing 2,000; February 2,000 and 1,200; then a
// blank line and a "Grand Totals" footer. Gross margin 80 %.
var (
	spendHistory = filepath.Join("testdata", "spend-history.csv")
	spendFile    = filepath.Join("testdata", "spend.csv")
	demoSpend    = filepath.Join("testdata", "demo-spend.csv")
)

// By hand. January: a, b and c are acquired, c though it left on the 20th: 3 at 100
// each; CAC = 6,000 ÷ 3 = 2,000; payback = 2,000 ÷ (100 × 0.8) = 25 months. No customer
// paid at its start, so its churn, LTV, LTV:CAC are undefined, and it has no month
// before for the magic number.
//
// February: d is acquired (c returns: reactivated, not acquired): CAC = 3,200 ÷ 1;
// payback = 3,200 ÷ (100 × 0.8) = 40 months. Of the 2 paying at its start (a, b), b
// churned: churn 0.5. At its close a, c and d pay 100 each: ARPA 100, LTV = 100 × 0.8
// ÷ 0.5 = 160, LTV:CAC = 160 ÷ 3,200 = 0.05. Net new MRR 300 − 200 = 100: magic number
// = 12 × 100 ÷ January's 6,000 = 0.2.
func TestSpendByHand(t *testing.T) {
	r := reportJSON(t, "report", spendHistory, "-spend", spendFile, "-gross-margin", "0.8", "-to", "2025-02")
	rows := byPeriod(r.Tables["acquisition"])
	require.Len(t, rows, 2)
	get := func(p string, keys ...string) []string {
		var out []string
		for _, k := range keys {
			out = append(out, str(rows[p][k]))
		}
		return out
	}
	keys := []string{"other", "costs", "new_customers", "new_mrr", "cac", "new_mrr_per_customer", "payback_months", "arpa", "customer_churn", "ltv", "ltv_to_cac", "magic_number"}
	require.Equal(t, []string{"6000", "6000", "3", "300", "2000", "100", "25", "100", "", "", "", ""}, get("2025-01", keys...))
	require.Equal(t, []string{"3200", "3200", "1", "100", "3200", "100", "40", "100", "0.5", "160", "0.05", "0.2"}, get("2025-02", keys...))

	// February by a second route: the catalogue's own functions on the figures above.
	costs := revops.AcquisitionCosts{Other: decimal.NewFromInt(3200)}
	cac := must(revops.CAC(revops.CACInput{Costs: costs, NewCustomers: 1}))
	payback := must(revops.CACPayback(revops.CACPaybackInput{CAC: cac, NewMRRPerCustomer: decimal.NewFromInt(100), GrossMargin: dec("0.8")}))
	ltv := must(revops.LTV(revops.LTVInput{ARPA: decimal.NewFromInt(100), GrossMargin: dec("0.8"), Churn: dec("0.5")}))
	ratio := must(revops.LTVToCAC(revops.LTVCACInput{LTV: ltv, CAC: cac}))
	require.True(t, dec(str(rows["2025-02"]["cac"])).Equal(cac))
	require.True(t, dec(str(rows["2025-02"]["payback_months"])).Equal(payback))
	require.True(t, dec(str(rows["2025-02"]["ltv"])).Equal(ltv))
	require.True(t, dec(str(rows["2025-02"]["ltv_to_cac"])).Equal(ratio))

	// The tiles are February's, with their change from January.
	require.Equal(t, "3200", str(r.Tiles.Figures["cac"].Value))
	require.Equal(t, "0.6", str(r.Tiles.Figures["cac"].Change), "3,200 is 60 % above 2,000")
	require.Equal(t, "40", str(r.Tiles.Figures["payback_months"].Value))
	require.Equal(t, "0.05", str(r.Tiles.Figures["ltv_to_cac"].Value))
	require.Equal(t, "0.2", str(r.Tiles.Figures["magic_number"].Value))
	// The footer is where the reading stopped, not a bad row.
	require.Contains(t, string(r.Notes["spend_trailer"]), `the data ends at line 4: 2 lines from there left unread (the export's footer, \"Grand Totals\")`)

	// -spend-ignore leaves marketing out: January costs 4,000, a CAC of 4,000 ÷ 3.
	r = reportJSON(t, "report", spendHistory, "-spend", spendFile, "-spend-ignore", "marketing", "-to", "2025-02")
	require.Equal(t, "4000", str(byPeriod(r.Tables["acquisition"])["2025-01"]["costs"]))
	require.True(t, dec(str(byPeriod(r.Tables["acquisition"])["2025-01"]["cac"])).Equal(must(revops.CAC(revops.CACInput{Costs: revops.AcquisitionCosts{Other: decimal.NewFromInt(4000)}, NewCustomers: 3}))))
}

// The people's formats show the table, the tiles, and the page a chart of CAC and
// LTV.
func TestSpendFormats(t *testing.T) {
	out, errOut, code := runCmd(t, "report", spendHistory, "-spend", spendFile, "-gross-margin", "0.8", "-to", "2025-02")
	require.Equal(t, exitOK, code, errOut)
	for _, want := range []string{"Acquisition by month", "CAC payback           40.0  +60.0 %  months, 2025-02", "Spend: testdata/spend.csv: 2 rows read, 2025-01 to 2025-02"} {
		require.Contains(t, out, want)
	}
	out, _, _ = runCmd(t, "report", spendHistory, "-spend", spendFile, "-to", "2025-02", "-format", "html")
	require.Contains(t, out, `<svg id="chart-acquisition"`)
	require.Contains(t, out, `<div class="k">LTV:CAC</div>`)
	out, _, _ = runCmd(t, "report", spendHistory, "-spend", spendFile, "-to", "2025-02", "-format", "csv", "-table", "acquisition")
	require.True(t, strings.HasPrefix(out, "period,start,end,paid_media,personnel,tools,lead_generation,other,costs,new_customers,new_mrr,cac,new_mrr_per_customer,payback_months,arpa,customer_churn,ltv,ltv_to_cac,magic_number\n"), out)
	// Stripe's subscriptions are a history too.
	r := reportJSON(t, "report", stripeSubs, "-spend", spendFile, "-to", "2025-02")
	require.Equal(t, float64(1), byPeriod(r.Tables["acquisition"])["2025-02"]["new_customers"], "initech in February, a json number")
}

// A bad spend row is named by its file, line and column, once; -skip-invalid lists it
// beside the report's own rows. A spend file by month does not fit a report by
// quarter.
func TestSpendBadInput(t *testing.T) {
	bad := writeFile(t, "spend.csv", "period,sales\n2025-01,100\n2025-02,-5\n2025-03,x\n")
	_, errOut, code := runCmd(t, "report", spendHistory, "-spend", bad)
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops report: "+bad+`: line 3, column "sales": negative value (-5 < 0)`+"\n", errOut)
	r := reportJSON(t, "report", spendHistory, "-spend", bad, "-skip-invalid", "-to", "2025-03")
	require.Len(t, r.Tables["acquisition"], 1)
	var notes []string
	for _, n := range r.Tables["notes"] {
		notes = append(notes, str(n["kind"])+" "+str(n["line"])+" "+str(n["column"]))
	}
	require.Equal(t, []string{"spend_skipped 3 sales", "spend_skipped 4 sales"}, notes)
	require.Contains(t, string(r.Notes["spend_skipped"]), `"rows":2`)

	_, errOut, code = runCmd(t, "report", spendHistory, "-spend", spendFile, "-period", "quarter")
	require.Equal(t, exitInput, code)
	require.Equal(t, "revops report: testdata/spend.csv: line 2, column \"period\": 2025-01 is a month, and the report's periods are quarters: -period month, or a spend file by quarter\n", errOut)

	unordered := writeFile(t, "spend.csv", "period,sales\n2025-02,100\n2025-01,100\n")
	_, errOut, code = runCmd(t, "report", spendHistory, "-spend", unordered)
	require.Equal(t, exitInput, code)
	require.True(t, strings.HasPrefix(errOut, "revops report: "+unordered+": line 3: invalid period"), errOut)

	_, errOut, code = runCmd(t, "report", spendHistory, "-spend", filepath.Join(t.TempDir(), "absent.csv"))
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, "absent.csv: no such file or directory\n")
	for _, args := range [][]string{{"-table", "acquisition"}, {"-spend-ignore", "x"}, {"-spend-period", "month"}} {
		_, errOut, code = runCmd(t, append([]string{"report"}, args...)...)
		require.Equal(t, exitUsage, code)
		require.Contains(t, errOut, "read a spend file: give -spend FILE; see revops report -h")
	}
}
