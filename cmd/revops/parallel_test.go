package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// reportOn runs revops with args on the file at path with GOMAXPROCS procs, and
// returns its exit code, standard output and standard error.
func reportOn(t require.TestingT, procs int, path string, args ...string) (int, string, string) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	var out, errOut bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }}
	code := run(append(args, path), e)
	return code, out.String(), errOut.String()
}

// TestParallelReportEqualsSerial: the report read and computed on one core equals
// the report read in chunks on several, on random exports with bad rows, quoted
// cells that hold newlines and commas, and duplicated rows: the same figures, the
// same rows skipped with the same line numbers, the same first error. The files are
// small, so the scan cuts them into many chunks.
func TestParallelReportEqualsSerial(t *testing.T) {
	dir := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		b.WriteString("customer_id,start_date,end_date,monthly_amount,plan\n")
		rows := rapid.IntRange(1, 400).Draw(t, "rows")
		for i := range rows {
			c := fmt.Sprintf("c%d", rapid.IntRange(0, 60).Draw(t, "customer"))
			if rapid.IntRange(0, 30).Draw(t, "quoted") == 0 {
				c = fmt.Sprintf("%q", c+",\n"+c) // a quoted cell across lines
			}
			start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rapid.IntRange(0, 700).Draw(t, "start"))
			end := ""
			if rapid.Bool().Draw(t, "ends") {
				end = start.AddDate(0, 0, rapid.IntRange(1, 400).Draw(t, "days")).Format("2006-01-02")
			}
			amount := fmt.Sprintf("%d.%02d", rapid.IntRange(0, 900).Draw(t, "units"), rapid.IntRange(0, 99).Draw(t, "cents"))
			switch rapid.IntRange(0, 40).Draw(t, "fault") {
			case 0:
				amount = "-" + amount
			case 1:
				end = "2024-13-01"
			case 2:
				amount = "ten"
			}
			plan := rapid.SampledFrom([]string{"basic", "pro", ""}).Draw(t, "plan")
			line := fmt.Sprintf("%s,%s,%s,%s,%s\n", c, start.Format("2006-01-02"), end, amount, plan)
			b.WriteString(line)
			if i%50 == 7 && rapid.Bool().Draw(t, "repeat") {
				b.WriteString(line) // a duplicated row
			}
		}
		path := filepath.Join(dir, "export.csv")
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
		args := rapid.SampledFrom([][]string{
			{"report", "-format", "json"},
			{"report", "-format", "json", "-skip-invalid"},
			{"report", "-format", "csv", "-skip-invalid", "-by", "plan"},
			{"report", "-format", "markdown", "-skip-invalid", "-preset", "chartmogul"},
		}).Draw(t, "args")
		code1, out1, err1 := reportOn(t, 1, path, args...)
		code4, out4, err4 := reportOn(t, 4, path, args...)
		require.Equal(t, code1, code4, "exit codes")
		require.Equal(t, err1, err4, "standard error")
		require.Equal(t, out1, out4, "reports")
	})
}

// TestParallelSweepReportEqualsSerial: on an export large enough for the history to
// sweep its customers on several cores and merge their totals, the report equals the
// one computed on one core.
func TestParallelSweepReportEqualsSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("a 40,000-customer export")
	}
	path := exportFile(t, 40_000)
	for _, format := range []string{"json", "csv"} {
		code1, out1, err1 := reportOn(t, 1, path, "report", "-format", format)
		code4, out4, err4 := reportOn(t, 4, path, "report", "-format", format)
		require.Equal(t, exitOK, code1, err1)
		require.Equal(t, code1, code4)
		require.Equal(t, err1, err4)
		require.Equal(t, out1, out4, format)
	}
}
