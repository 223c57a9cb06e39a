package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// ticking is a clock that moves a second each time it is read.
func ticking() func() time.Time {
	t := testNow
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// rowsFile writes an export of n good rows, and a bad one after them when bad.
func rowsFile(t *testing.T, n int, bad bool) string {
	var b strings.Builder
	b.WriteString("customer_id,start_date,end_date,monthly_amount\n")
	for i := range n {
		fmt.Fprintf(&b, "c%d,2025-01-01,,1\n", i)
	}
	if bad {
		b.WriteString("z,2025-01-01,,x\n")
	}
	return writeFile(t, "big.csv", b.String())
}

// On a terminal the progress line shows the share of the file read and the time
// left, then the later phases; it ends with a newline before anything else is
// written, so an error is never glued to it (issue 18, item 12; issue 21).
func TestProgress(t *testing.T) {
	file := rowsFile(t, 20_000, false)
	var stderr bytes.Buffer
	e := env{stdinTerminal: true, stdout: &bytes.Buffer{}, stderr: &stderr, stderrTerminal: true, now: ticking()}
	code := run([]string{"report", file, "-format", "csv", "-to", "2025-02"}, e)
	require.Equal(t, exitOK, code, stderr.String())
	out := stderr.String()
	require.Regexp(t, `\rrevops report: reading `+regexp.QuoteMeta(file)+`: [0-9]+ % \([0-9.]+ kB of [0-9.]+ kB\), about [0-9]+ s left`, out)
	for _, phase := range []string{"indexing 20,000 spans...", "computing...", "writing csv..."} {
		require.Contains(t, out, "\rrevops report: "+phase)
	}
	require.True(t, strings.HasSuffix(out, "\n"), "the line is ended")
	require.NotContains(t, strings.TrimSuffix(out, "\n"), "\n", "one line, rewritten in place")

	// An error after progress starts on a line of its own.
	stderr.Reset()
	e.now = ticking()
	code = run([]string{"report", rowsFile(t, 20_000, true)}, e)
	require.Equal(t, exitInput, code)
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	require.Len(t, lines, 2, "%q", stderr.String())
	require.True(t, strings.HasPrefix(lines[0], "\rrevops report: reading "))
	require.Regexp(t, `^revops report: .*big.csv: line 20002, column "monthly_amount": malformed record`, lines[1])

	// A pipe's size is unknown: rows read instead of a share.
	stderr.Reset()
	e = env{stdin: strings.NewReader(mustRead(t, file)), stdout: &bytes.Buffer{}, stderr: &stderr, stderrTerminal: true, now: ticking()}
	require.Equal(t, exitOK, run([]string{"report", "-format", "csv"}, e))
	require.Regexp(t, `\rrevops report: reading standard input: [0-9,]+ rows, [0-9.]+ kB`, stderr.String())

	// Off a terminal, nothing but messages.
	stderr.Reset()
	e = env{stdinTerminal: true, stdout: &bytes.Buffer{}, stderr: &stderr, now: ticking()}
	require.Equal(t, exitOK, run([]string{"report", file, "-format", "csv"}, e))
	require.Empty(t, stderr.String())

	// A quick run shows nothing, even on a terminal.
	stderr.Reset()
	e = env{stdinTerminal: true, stdout: &bytes.Buffer{}, stderr: &stderr, stderrTerminal: true, now: func() time.Time { return testNow }}
	require.Equal(t, exitOK, run([]string{"report", file, "-format", "csv"}, e))
	require.Empty(t, stderr.String())
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(raw)
}
