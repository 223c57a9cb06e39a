package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// laFile is laExport, committed for the README's example.
var laFile = filepath.Join("testdata", "los-angeles.csv")

// laExport is issue 20's case 7: a business on Los Angeles time, whose customer a
// starts at 17:30 local on August 31 (00:30 UTC on September 1) and b at 23:30 UTC on
// August 31 (16:30 local).
const laExport = "customer_id,start_date,end_date,monthly_amount\n" +
	"a,2025-08-31T17:30:00-07:00,,30\n" +
	"b,2025-08-31T23:30:00Z,,20\n"

// Issue 20, case 7, through the command: with -tz America/Los_Angeles both start on
// August 31 in Los Angeles, so August's new MRR is 30 + 20 = 50 and September's 0;
// read in UTC, a starts on September 1 and August has b's 20 alone.
func TestTimeZoneIssue20Case7(t *testing.T) {
	raw, err := os.ReadFile(laFile)
	require.NoError(t, err)
	require.Equal(t, laExport, string(raw), "the README's file is the case")
	la := reportJSON(t, "report", laFile, "-tz", "America/Los_Angeles", "-to", "2025-09")
	series := byPeriod(la.Tables["series"])
	require.Equal(t, "50", str(series["2025-08"]["new_mrr"]), "both are August customers")
	require.Equal(t, "2", str(series["2025-08"]["new_customers"]))
	require.Equal(t, "0", str(series["2025-09"]["new_mrr"]))
	require.Equal(t, "2025-08-01", str(series["2025-08"]["start"]), "the period's first day in Los Angeles")
	// The movement log: $30 and $20, each at the close of August in Los Angeles (net
	// movements are read at the period's close).
	var moves []string
	for _, m := range la.Tables["movements"] {
		moves = append(moves, str(m["period"])+" "+str(m["customer"])+" "+str(m["movement"])+" "+str(m["change_mrr"])+" "+str(m["at"]))
	}
	require.Equal(t, []string{"2025-08 a new 30 2025-08-31T23:59:59.999999999-07:00", "2025-08 b new 20 2025-08-31T23:59:59.999999999-07:00"}, moves)

	utc := reportJSON(t, "report", laFile, "-to", "2025-09")
	series = byPeriod(utc.Tables["series"])
	require.Equal(t, "20", str(series["2025-08"]["new_mrr"]), "in UTC b alone starts in August")
	require.Equal(t, "30", str(series["2025-09"]["new_mrr"]), "and a on September 1")
}

// A date without a time of day is that day in the business's zone, and so are -from
// and -to: the customer starting on the date 2025-09-01 is September's in Los Angeles,
// though midnight UTC of that date is still August 31 there.
func TestTimeZoneDates(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\nc,2025-09-01,2025-11-01,10\n"
	for _, tz := range []string{"America/Los_Angeles", "Asia/Tokyo", "UTC"} {
		r := reportJSON(t, "report", writeFile(t, "d.csv", in), "-tz", tz, "-from", "2025-08", "-to", "2025-11")
		series := byPeriod(r.Tables["series"])
		require.Equal(t, "0", str(series["2025-08"]["new_mrr"]), tz)
		require.Equal(t, "10", str(series["2025-09"]["new_mrr"]), tz)
		require.Equal(t, "10", str(series["2025-11"]["churn_mrr"]), "%s: the end date 2025-11-01 is November's first day there", tz)
		require.Len(t, series, 4, "%s: -from 2025-08 to -to 2025-11 are four months of that zone", tz)
		require.Equal(t, "2025-08", r.Tables["series"][0]["period"])
	}
}

// The zone is in the header of every format, and in json's time_zone, for report and
// compare.
func TestTimeZoneInHeader(t *testing.T) {
	file := laFile
	for _, cmd := range []string{"report", "compare"} {
		out, errOut, code := runCmd(t, cmd, file, "-tz", "America/Los_Angeles", "-to", "2025-09")
		require.Equal(t, exitOK, code, errOut)
		require.Contains(t, out, "Time zone: America/Los_Angeles: the periods start at its midnights", cmd)
		out, _, _ = runCmd(t, cmd, file, "-tz", "America/Los_Angeles", "-to", "2025-09", "-format", "json")
		require.Contains(t, out, `"time_zone": "America/Los_Angeles",`, cmd)
		out, _, _ = runCmd(t, cmd, file, "-to", "2025-09", "-format", "json")
		require.Contains(t, out, `"time_zone": "UTC",`, cmd)
	}
}

// -tz takes IANA names only, from the zone database the command carries.
func TestTimeZoneFlag(t *testing.T) {
	for _, bad := range []string{"Mars/Olympus", "Local", "local", "", " UTC", "../../etc/passwd", "PST8PDT/x"} {
		_, errOut, code := runCmd(t, "report", "-tz", bad)
		require.Equal(t, exitUsage, code, bad)
		require.Equal(t, "revops report: -tz "+strconv.Quote(bad)+": want an IANA time zone name such as America/Los_Angeles, Europe/Berlin or UTC; see revops report -h\n", errOut)
	}
	// The command links the zone database, so -tz works on a machine without zone
	// files (a scratch container): main.go imports time/tzdata.
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ImportsOnly)
	require.NoError(t, err)
	var imports []string
	for _, im := range f.Imports {
		imports = append(imports, strings.Trim(im.Path.Value, `"`))
	}
	require.Contains(t, imports, "time/tzdata")
}
