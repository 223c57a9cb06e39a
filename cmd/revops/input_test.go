package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

const header = "subscription_id,customer_id,start_date,end_date,monthly_amount,currency\n"

// Each kind of malformed row stops the run with one line: the file, the line and
// column read from the error's fields, and the reason, once; exit status 1.
func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		name, content, want string
	}{
		{"bad date", header + "s1,acme,2025-01-01,,10,USD\ns2,acme,31/01/2025,,10,USD\n", `line 3, column "start_date": malformed record ("31/01/2025" is neither a date (2006-01-02) nor an RFC 3339 timestamp): -date-layout reads another layout (a US-locale export: 1/2/2006)`},
		// A date in the layout that the calendar lacks: no other layout is the fix.
		{"no such day", header + "s1,acme,2025-01-01,,10,USD\ns2,acme,2025-02-30,,10,USD\n", `line 3, column "start_date": value out of range ("2025-02-30" is not a day: 2025-02 has 28 days)` + "\n"},
		{"end before start", header + "s1,acme,2025-03-01,2025-02-01,10,USD\n", `line 2, column "end_date": invalid period (2025-02-01 is not after the start 2025-03-01)`},
		{"no start", header + "s1,acme,,2025-02-01,10,USD\n", `line 2, column "start_date": invalid period (empty start)`},
		{"bad amount", header + "s1,acme,2025-01-01,,10.5.1,USD\n", `line 2, column "monthly_amount": malformed record ("10.5.1" is not a decimal number)`},
		{"negative amount", header + "s1,acme,2025-01-01,,-10,USD\n", `line 2, column "monthly_amount": negative value (-10 < 0)`},
		{"empty customer", header + "s1,,2025-01-01,,10,USD\n", `line 2, column "customer_id": value out of range`},
		{"missing field", header + "s1,acme,2025-01-01,10,USD\n", "line 2: malformed record (5 fields, the header has 6)"},
		{"bad quoting", header + "s1,\"acme,2025-01-01,,10,USD\n", "line 2: malformed record ("},
		{"mixed currencies", header + "s1,acme,2025-01-01,,10,USD\ns2,globex,2025-01-01,,10,EUR\n", `line 3, column "currency": currency "EUR" after "USD" on line 2: choose one with -currency`},
		// A row without a currency is named as the one that has none, first or not.
		{"no currency first", header + "s1,acme,2025-01-01,,10,\ns2,globex,2025-01-01,,10,EUR\n", `line 3, column "currency": currency "EUR", and line 2 has none: give every row its currency, or choose one with -currency`},
		{"no currency after", header + "s1,acme,2025-01-01,,10,usd\ns2,globex,2025-01-01,,10,\n", `line 3, column "currency": no currency, after "USD" on line 2: give every row its currency, or choose one with -currency`},
		// Issue 18, item 3: year 1 is a date, never "still running" nor "empty".
		{"year one end", header + "s1,acme,2020-01-01,0001-01-01,10,USD\n", `line 2, column "end_date": `},
		{"year one start", header + "s1,acme,0001-01-01,2020-01-01,10,USD\n", `line 2, column "start_date": value out of range`},
		{"missing column", "customer_id,start_date,monthly_amount\nacme,2025-01-01,10\n", `header: malformed record (no column "end_date" in header "customer_id,start_date,monthly_amount")`},
		{"empty file", "", "header: malformed record (empty file: no header row)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := writeFile(t, strings.ReplaceAll(c.name, " ", "_")+".csv", c.content)
			out, errOut, code := runCmd(t, "report", file)
			require.Equal(t, exitInput, code, errOut)
			require.Empty(t, out, "nothing is printed from bad input")
			require.True(t, strings.HasPrefix(errOut, "revops report: "+file+": "), "%q", errOut)
			require.Contains(t, errOut, c.want)
			require.Equal(t, 1, strings.Count(errOut, "\n"))
			require.Equal(t, 1, strings.Count(errOut, file), "the file is named once")
			require.NotContains(t, errOut, "revops: ", "no library prefix")
			require.NotContains(t, errOut, "SpanReader")
		})
	}
	t.Run("no such file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "absent.csv")
		_, errOut, code := runCmd(t, "report", file)
		require.Equal(t, exitInput, code)
		require.Equal(t, "revops report: "+file+": no such file or directory\n", errOut)
	})
}

// Issue 18, item 1: a subscription id that looks like a position ("spans[99]") is
// data; overlapping spans are named by their lines, read from the error's Record and
// Related positions, never from its text.
func TestOverlapNamesLines(t *testing.T) {
	for _, id := range []string{"spans[99]", "spans[0]", "line 2", `"quoted"`} {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Write([]string{"subscription_id", "customer_id", "start_date", "end_date", "monthly_amount"})
		w.Write([]string{id, "a", "2020-01-01", "2020-06-01", "10"})
		w.Write([]string{id, "a", "2020-03-01", "2020-09-01", "20"})
		w.Flush()
		for _, skip := range []bool{false, true} {
			args := []string{"report", "-format", "json"}
			if skip {
				args = append(args, "-skip-invalid")
			}
			out, errOut, code := runPipe(t, b.String(), args...)
			if !skip {
				require.Equal(t, exitInput, code, errOut)
				require.Equal(t, "revops report: standard input: line 3, column \"start_date\": inconsistent inputs (", errOut[:strings.Index(errOut, "(")+1], "%s", errOut)
				require.Contains(t, errOut, "see line 2)", "the related span by its line")
				continue
			}
			require.Equal(t, exitOK, code, errOut)
			var rep struct {
				Tables struct {
					Notes []map[string]any `json:"notes"`
				} `json:"tables"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &rep))
			require.Len(t, rep.Tables.Notes, 1)
			require.Equal(t, "skipped", rep.Tables.Notes[0]["kind"])
			require.EqualValues(t, 3, rep.Tables.Notes[0]["line"])
			require.Contains(t, rep.Tables.Notes[0]["reason"], "see line 2)")
		}
	}
}

// Issue 18, item 9: a UTF-8 byte order mark before a quoted header is read.
func TestBOMQuotedHeader(t *testing.T) {
	in := "\ufeff\"subscription_id\",\"customer_id\",\"start_date\",\"end_date\",\"monthly_amount\"\n\"1\",\"a\",\"2025-01-01\",,\"10\"\n"
	out, errOut, code := runPipe(t, in, "report", "-format", "csv")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "\n2025-01,2025-01-01,2025-02-01,0,10,")
}

// reportIn runs revops report on in in every format, returning each output and the
// standard error of the table run.
func reportIn(t *testing.T, in string, args ...string) (map[string]string, string) {
	t.Helper()
	outs := map[string]string{}
	var stderr string
	for _, f := range formatNames {
		out, errOut, code := runPipe(t, in, append(append([]string{"report", "-format", f}, args...), "-")...)
		require.Equal(t, exitOK, code, "%s: %s", f, errOut)
		outs[f] = out
		if f == "table" {
			stderr = errOut
		}
	}
	out, _, code := runPipe(t, in, append(append([]string{"report", "-format", "csv", "-table", "notes"}, args...), "-")...)
	require.Equal(t, exitOK, code)
	outs["csv notes"] = out
	return outs, stderr
}

// Issue 18, item 6: with -skip-invalid and -currency, every format carries the rows
// skipped and left out, with their count and lines, and standard error says so in
// one line each.
func TestSkippedAndLeftOutInEveryFormat(t *testing.T) {
	in := header +
		"s1,acme,2025-01-01,,100,USD\n" + // line 2
		"s2,globex,2025-13-01,,10,USD\n" + // line 3: no month 13
		"s3,initech,2025-01-01,,-5,USD\n" + // line 4: negative
		"s1,acme,2025-03-01,,20,USD\n" + // line 5: overlaps line 2
		"s4,umbrella,2025-02-01,,50,USD\n" + // line 6
		"s5,hooli,2025-02-01,,70,EUR\n" // line 7: another currency
	outs, stderr := reportIn(t, in, "-skip-invalid", "-currency", "usd")
	require.Equal(t, "revops report: note: 3 rows skipped (-skip-invalid); the report lists them\n"+
		"revops report: note: 1 row left out (-currency USD): 1 in EUR; the report lists them\n", stderr)
	for _, f := range []string{"table", "markdown", "html"} {
		out := outs[f]
		require.Contains(t, out, "3 rows skipped (-skip-invalid)", f)
		require.Contains(t, out, "1 row left out (-currency USD): 1 in EUR", f)
		for _, line := range []string{"line 3, column ", "line 4, column ", "line 5, column ", "line 7: EUR"} {
			require.Contains(t, strings.ReplaceAll(out, "&#34;", `"`), line, "%s lists %s", f, line)
		}
	}
	require.Contains(t, strings.Join(strings.Fields(outs["table"]), " "), `line 5, column "start_date": inconsistent inputs (starts while another span of subscription "s1" runs; see line 2)`)
	var rep struct {
		Source struct{ Rows, Spans, Skipped, LeftOut int } `json:"source"`
		Policy struct {
			InvalidRecords string `json:"invalid_records"`
		} `json:"policy"`
		Notes  map[string]struct{ Rows int } `json:"notes"`
		Tables struct {
			Notes []struct {
				Kind, Reason, Currency string
				Line                   int
			} `json:"notes"`
		} `json:"tables"`
	}
	require.NoError(t, json.Unmarshal([]byte(outs["json"]), &rep))
	require.Equal(t, 6, rep.Source.Rows)
	require.Equal(t, 2, rep.Source.Spans)
	require.Equal(t, "skip", rep.Policy.InvalidRecords, "the policy says rows were skipped")
	require.Equal(t, 3, rep.Notes["skipped"].Rows)
	require.Equal(t, 1, rep.Notes["left_out"].Rows)
	var lines []string
	for _, n := range rep.Tables.Notes {
		lines = append(lines, fmt.Sprint(n.Kind, " ", n.Line, " ", n.Currency))
	}
	require.Equal(t, []string{"skipped 3 ", "skipped 4 ", "skipped 5 ", "left_out 7 EUR"}, lines)
	require.Equal(t, "kind,line,column,object,field,currency,same_as_line,reason\n"+
		`skipped,3,start_date,,,,,"value out of range (""2025-13-01"" is not a day: there is no month 13)"`+"\n"+
		"skipped,4,monthly_amount,,,,,negative value (-5 < 0)\n"+
		`skipped,5,start_date,,,,,"inconsistent inputs (starts while another span of subscription ""s1"" runs; see line 2)"`+"\n"+
		"left_out,7,,,,EUR,,\n", outs["csv notes"])
	// The csv series says where the notes are, on standard error.
	_, errOut, _ := runPipe(t, in, "report", "-format", "csv", "-skip-invalid", "-currency", "USD")
	require.Contains(t, errOut, "3 rows skipped (-skip-invalid); -table notes lists them")
	// Without -skip-invalid the policy says fail.
	out, _, code := runPipe(t, header+"s1,acme,2025-01-01,,100,USD\n", "report", "-format", "json")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, `"invalid_records":"fail"`)
	// A failing header is not a row to skip.
	_, errOut, code = runPipe(t, "a,b\n1,2\n", "report", "-skip-invalid")
	require.Equal(t, exitInput, code)
	require.Contains(t, errOut, "standard input: header: ")
}

// The lists are capped, the counts are not: 1,205 bad rows list 20 for people and
// listCap in json, and count every one.
func TestNotesCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("customer_id,start_date,end_date,monthly_amount\nok,2025-01-01,,1\n")
	for i := range listCap + 205 {
		fmt.Fprintf(&b, "c%d,2025-01-01,,x\n", i)
	}
	out, errOut, code := runPipe(t, b.String(), "report", "-skip-invalid")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "1,205 rows skipped")
	require.Contains(t, out, "… and 1,185 more (-format json or -table notes lists up to 1,000)")
	require.Equal(t, peopleList, strings.Count(out, `column "monthly_amount": malformed record`))
	out, _, _ = runPipe(t, b.String(), "report", "-skip-invalid", "-format", "csv", "-table", "notes")
	require.Equal(t, listCap+1, strings.Count(out, "\n"), "a header and listCap rows")
}

// Issue 18, item 7: rows that repeat an earlier row byte for byte are kept (two
// identical seats can be real) and reported with their lines in every format and
// on standard error.
func TestDuplicateRows(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount,plan\n" +
		"a,2025-01-01,,10,basic\n" + // line 2
		"a,2025-01-01,,10,basic\n" + // line 3: repeats line 2
		"b,2025-01-01,,10,basic\n" + // line 4
		"b,2025-01-01,,10,pro\n" + // line 5: another plan: not the same row
		"b,2025-01-01,,10.0,basic\n" + // line 6: the same span written otherwise: not the same row
		"a,2025-01-01,,10,basic" // line 7: repeats line 2, without a line ending
	outs, stderr := reportIn(t, in)
	require.Equal(t, "revops report: note: 2 rows repeat an earlier row exactly; kept, each counting again; the report lists them\n", stderr)
	for _, f := range []string{"table", "markdown", "html"} {
		require.Contains(t, outs[f], "line 3 repeats line 2", f)
		require.Contains(t, outs[f], "line 7 repeats line 2", f)
		require.NotContains(t, outs[f], "line 5 repeats", f)
		require.NotContains(t, outs[f], "line 6 repeats", f)
	}
	require.Equal(t, "kind,line,column,object,field,currency,same_as_line,reason\nduplicates,3,,,,,2,\nduplicates,7,,,,,2,\n", outs["csv notes"])
	require.Contains(t, outs["json"], `"duplicates": {"summary":"2 rows repeat an earlier row exactly; kept, each counting again","rows":2}`)
	// Kept: a pays 3 × 10 and b 3 × 10 in January.
	require.Contains(t, outs["csv"], "\n2025-01,2025-01-01,2025-02-01,0,60,")

	// CRLF line endings and quoting that spells the same bytes are the same rows.
	crlf := "customer_id,start_date,end_date,monthly_amount\r\na,2025-01-01,,10\r\na,2025-01-01,,10\r\n\"a,b\",2025-01-01,,10\r\n\"a,b\",2025-01-01,,10"
	_, errOut, code := runPipe(t, crlf, "report")
	require.Equal(t, exitOK, code)
	require.Contains(t, errOut, "2 rows repeat an earlier row exactly")
}

// A row whose field holds a line break spans two lines; its duplicate is found by
// the whole row, and a different second line is a different row.
func TestDuplicateMultilineRows(t *testing.T) {
	in := "customer_id,start_date,end_date,monthly_amount\n" +
		"\"a\nx\",2025-01-01,,10\n" + // lines 2-3
		"\"a\nx\",2025-01-01,,10\n" + // lines 4-5: repeats line 2
		"\"a\ny\",2025-01-01,,10\n" // lines 6-7: another customer
	out, _, code := runPipe(t, in, "report", "-format", "csv", "-table", "notes")
	require.Equal(t, exitOK, code)
	require.Equal(t, "kind,line,column,object,field,currency,same_as_line,reason\nduplicates,4,,,,,2,\n", out)
}

// Rows left out by -currency are left out of the history, and those with no
// currency take it.
func TestCurrencyFlag(t *testing.T) {
	in := header + "s1,a,2025-01-01,,10,usd\ns2,b,2025-01-01,,20,\ns3,c,2025-01-01,,40,EUR\n"
	out, errOut, code := runPipe(t, in, "report", "-currency", "USD", "-format", "csv")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "\n2025-01,2025-01-01,2025-02-01,0,30,", "a's 10 and b's 20, not c's 40")
}

// A file that is not there, or a folder, is bad input named once.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	_, errOut, code := runCmd(t, "report", dir)
	require.Equal(t, exitInput, code)
	require.True(t, strings.HasPrefix(errOut, "revops report: "+dir+": "), errOut)
	require.Equal(t, 1, strings.Count(errOut, dir))
	_ = os.Remove
}

// rowOrder sorts as a full sort does, whatever the keys' spread: random, all in one
// bucket (equal top bits), or repeated; and findDuplicates, which uses it, lists
// each row that repeats an earlier one with the first it repeats, as comparing every
// pair of rows does, hash collisions included. The rows' index takes from 12 low
// bits of the sort key to 24 (more rows than 1<<24 take more, and fewer of the hash).
func TestRowOrderIsASort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(12, 24).Draw(t, "bits")
		n := rapid.IntRange(0, 3000).Draw(t, "n")
		spread := rapid.IntRange(0, 64).Draw(t, "spread") // how many low bits vary
		pool := rapid.IntRange(1, 50).Draw(t, "pool")     // few distinct keys repeat
		base := rapid.Uint64().Draw(t, "base")
		distinct := make([]uint64, pool)
		for k := range distinct {
			v := rapid.Uint64().Draw(t, "key")
			if spread < 64 {
				v = base&^(1<<spread-1) | v&(1<<spread-1)
			}
			distinct[k] = v
		}
		keys := make([]uint64, n)
		for i := range keys {
			keys[i] = distinct[rapid.IntRange(0, pool-1).Draw(t, "pick")]
		}
		want := make([]uint64, n)
		for i, k := range keys {
			want[i] = k&^(1<<bits-1) | uint64(i)
		}
		slices.Sort(want)
		require.Equal(t, want, rowOrder(keys, bits))

		// Spans to match: rows with equal keys read equal spans, except where the
		// draw says a hash collided.
		in := &input{spans: make([]revops.Span, n), lines: make([]int, n)}
		for i, k := range keys {
			amount := int64(k % 7)
			if rapid.IntRange(0, 9).Draw(t, "collide") == 0 {
				amount = 100 + int64(i)
			}
			in.spans[i] = revops.Span{Customer: "c", Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), MRR: revops.Monthly(decimal.NewFromInt(amount))}
			in.lines[i] = i + 2
		}
		in.findDuplicatesKeyed(keys, bits)
		var repeats rowNotes // each row that repeats an earlier one, and the first such
		for i := range keys {
			for j := 0; j < i; j++ {
				if keys[j] == keys[i] && sameSpan(in.spans[j], in.spans[i]) {
					repeats.add(rowNote{line: in.lines[i], same: in.lines[j]})
					break
				}
			}
		}
		require.Equal(t, repeats, in.dups)
	})
}

// The loader holds the collector off while it reads the spans, from its second
// chunk, and sets it back as it was whatever happens: a file read (in several
// chunks), a file refused at a bad row, a file of which -currency leaves out most
// rows (where it resumes), and GOGC=off, which it leaves off.
func TestLoadRestoresTheCollector(t *testing.T) {
	var kept, leftOut strings.Builder
	kept.WriteString(header)
	leftOut.WriteString(header)
	for i := range 17_000 {
		fmt.Fprintf(&kept, "s%d,c%d,2025-01-01,,10,USD\n", i, i)
		currency := "EUR"
		if i%10 == 0 {
			currency = "USD"
		}
		fmt.Fprintf(&leftOut, "s%d,c%d,2025-01-01,,10,%s\n", i, i, currency)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name, in string
		args     []string
		code     int
	}{
		{"read", kept.String(), nil, exitOK},
		{"refused", header + "s1,a,2025-01-01,,10,USD\ns2,a,2025-02-30,,10,USD\n", nil, exitInput},
		{"most left out", leftOut.String(), []string{"-currency", "USD"}, exitOK},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".csv")
		require.NoError(t, os.WriteFile(path, []byte(c.in), 0o600))
		for _, percent := range []int{100, 250, -1} {
			old, oldLimit := debug.SetGCPercent(percent), debug.SetMemoryLimit(1<<40)
			_, errOut, code := runCmd(t, append(append([]string{"report", "-format", "csv"}, c.args...), path)...)
			require.Equal(t, int64(1<<40), debug.SetMemoryLimit(oldLimit), "%s, GOGC %d: the memory limit", c.name, percent)
			require.Equal(t, percent, debug.SetGCPercent(old), "%s, GOGC %d", c.name, percent)
			require.Equal(t, c.code, code, "%s: %s", c.name, errOut)
		}
	}
	const mib = 1 << 20
	require.False(t, keepsMost(0, 0, mib))                     // nothing kept yet
	require.False(t, keepsMost(25_000, 25_000, 40*mib))        // then a record of 40 MiB
	require.True(t, keepsMost(25_000, 25_000, 2*mib))          // 42-byte rows
	require.True(t, keepsMost(8, 7, 7*256))                    // 1 row in 8 left out
	require.True(t, keepsMost(16384, 16384-2048, mib))         // 1 in 8
	require.False(t, keepsMost(16384, 16384-2049, mib))        // more
	require.False(t, keepsMost(8, 0, 0))                       // all left out
	require.True(t, keepsMost(100_000, 100_000, 100_000*256))  // 256 bytes a row
	require.False(t, keepsMost(100_000, 100_000, 100_000*257)) // more: a notes column
}

// The duplicate check runs beside the indexing and lists the repeats among the spans
// the report keeps: with -skip-invalid, a repeated row that overlaps the row it
// repeats is left out as an overlap, and is then no duplicate; a repeated row
// without a subscription id is kept, and is one.
func TestDuplicatesOfTheSpansKept(t *testing.T) {
	in := header +
		"s1,a,2025-01-01,,10,USD\n" + // line 2
		"s1,a,2025-01-01,,10,USD\n" + // line 3: repeats line 2, and overlaps it: left out
		",b,2025-01-01,,10,USD\n" + // line 4
		",b,2025-01-01,,10,USD\n" // line 5: repeats line 4: kept, a duplicate
	out, errOut, code := runPipe(t, in, "report", "-skip-invalid", "-format", "csv", "-table", "notes")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "\nduplicates,5,,,,,4,\n")
	require.NotContains(t, out, "duplicates,3,")
	require.Contains(t, out, "\nskipped,3,")
}

// A row that starts the day after the row before, of the same subscription, ends is
// noted, as the mark of end dates written as the last day paid (a newcomer's export
// read as a churn and a reactivation every renewal); the same rows with end dates as
// the report reads them, rows of other subscriptions, and ends within a day are not.
func TestDayGapsNoted(t *testing.T) {
	const header = "subscription_id,customer_id,start_date,end_date,monthly_amount\n"
	inclusive := header +
		"s1,acme,2025-01-01,2025-02-28,100\n" + // line 2
		"s1,acme,2025-03-01,2025-05-31,200\n" + // line 3: the day after line 2 ends
		"s1,acme,2025-06-01,,200\n" + // line 4: the day after line 3 ends
		"s2,acme,2025-07-01,2025-07-31,10\n" + // line 5: another subscription
		"s3,beta,2025-08-01,2025-08-01T12:00:00Z,10\n" + // line 6: ends at noon
		"s3,beta,2025-08-02,,10\n" // line 7: the day after a noon is no gap
	outs, stderr := reportIn(t, inclusive, "-to", "2025-08")
	require.Equal(t, "kind,line,column,object,field,currency,same_as_line,reason\n"+
		"day_gaps,3,,,,,2,\n"+
		"day_gaps,4,,,,,3,\n", outs["csv notes"])
	require.Contains(t, stderr, "note: 2 rows start the day after the row before, of the same subscription, ends: if end_date is the last day paid")
	require.Contains(t, outs["json"], `"day_gaps": {"summary":"2 rows start the day after`)
	require.Contains(t, outs["markdown"], "line 4 starts the day after line 3 ends")

	// Midnight and the next day are the business's (-tz): an end at New York's
	// midnight, written with its offset or in UTC, before the change to summer time,
	// is a gap; an end at 19:00 there is not.
	zoned := "customer_id,subscription_id,start_date,end_date,monthly_amount\n" +
		"b,s2,2025-01-01,2025-03-09T00:00:00-05:00,50\n" + // line 2
		"b,s2,2025-03-10,,50\n" + // line 3: the day after, in New York
		"c,s3,2025-01-01,2025-03-09T05:00:00Z,50\n" + // line 4: the same instant
		"c,s3,2025-03-10,,50\n" + // line 5
		"d,s4,2025-01-01T00:00:00Z,2025-01-31T00:00:00Z,50\n" + // line 6: 19:00 in New York
		"d,s4,2025-02-01T00:00:00Z,,50\n" // line 7
	out, errOut, code := runPipe(t, zoned, "report", "-tz", "America/New_York", "-to", "2025-04", "-format", "csv", "-table", "notes", "-")
	require.Equal(t, exitOK, code, errOut)
	require.Equal(t, "kind,line,column,object,field,currency,same_as_line,reason\n"+
		"day_gaps,3,,,,,2,\n"+
		"day_gaps,5,,,,,4,\n", out)

	exclusive := header +
		"s1,acme,2025-01-01,2025-03-01,100\n" +
		"s1,acme,2025-03-01,2025-06-01,200\n" +
		"s1,acme,2025-06-01,,200\n"
	outs, stderr = reportIn(t, exclusive, "-to", "2025-08")
	require.NotContains(t, outs["csv notes"], "day_gaps")
	require.NotContains(t, stderr, "the day after")
}
