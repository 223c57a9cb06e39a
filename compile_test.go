package revops_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// buildProgram writes files into a fresh module that requires this one (replaced by
// the working tree, with this module's go.sum), builds it with every compile error
// reported and then vets it, as a user's program would be. It returns the output of
// the step that failed, and whether both succeeded. The module cache must already hold the dependencies, as
// it does once this package's tests have been built; nothing is downloaded.
func buildProgram(t *testing.T, files map[string]string) (string, bool) {
	out, _, ok := buildBinary(t, files)
	return out, ok
}

// buildBinary is buildProgram that also returns the path of the built program.
func buildBinary(t *testing.T, files map[string]string) (out, binary string, ok bool) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program with the go command; skipped with -short")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root, err := filepath.Abs(".")
	require.NoError(t, err)
	mod, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	sum, err := os.ReadFile("go.sum")
	require.NoError(t, err)
	dir := t.TempDir()
	requires := string(mod[strings.Index(string(mod), "\nrequire"):])
	gomod := "module example.com/program\n\ngo 1.23\n" + requires +
		"\nrequire github.com/revopskit/revops v0.0.0\n\nreplace github.com/revopskit/revops => " + strconv.Quote(root) + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	for name, src := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	binary = filepath.Join(dir, "program")
	for _, args := range [][]string{{"build", "-gcflags=-e", "-o", binary, "."}, {"vet", "."}} {
		cmd := exec.Command(goCmd, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			return string(out), "", false
		}
	}
	return "", binary, true
}

// TestOptionMisuseDoesNotCompile checks that a metric refuses, at compile time, a
// choice that belongs to another metric: each line of the program below must be a
// compile error, and the one line that passes a whole Policy must not.
func TestOptionMisuseDoesNotCompile(t *testing.T) {
	misuse := []string{
		`revops.WinRate(revops.WinLoss{Won: 1, Lost: 1}, revops.CycleWonOnly)`,
		`revops.ChargeMRR(revops.Charge{}, revops.PastDueExcluded)`,
		`revops.NRR(revops.RevenueMovements{}, revops.ChurnOverAverage)`,
		`revops.CustomerChurnRate(revops.CustomerCounts{}, revops.NRRIncludesReactivation)`,
		`revops.LTV(revops.LTVInput{}, revops.WinRateOverAll)`,
		`revops.MRRBridge(revops.BridgeInput{}, revops.MovementsEveryChange)`,
		`h.Series(nil, revops.DiscountsNone)`,
		`h.Cohorts(nil, revops.TrailingMonths(6))`,
		`h.TrailingRetention(revops.Period{}, revops.CohortSimpleMean)`,
		`revops.SpeedToLead(nil, revops.CycleWonOnly)`,
		`revops.NewHistory(nil, revops.BusinessCalendar(""))`,
		`revops.ValueWinRate(revops.WinLossValue{}, revops.CloseTimesDates)`,
		`revops.AcquisitionByPeriod(revops.AcquisitionInput{}, revops.WinRateOverAll)`,
		`revops.ReadOpportunities(nil, revops.OpportunityColumns{}, revops.BusinessCalendar(""))`,
	}
	var b strings.Builder
	b.WriteString("package main\n\nimport \"github.com/revopskit/revops\"\n\nfunc main() {\n\tvar h *revops.History\n\t_ = h\n")
	const firstLine = 8 // the line of misuse[0] in the file
	for _, call := range misuse {
		b.WriteString("\t_, _ = " + call + "\n")
	}
	b.WriteString("\t_, _ = revops.WinRate(revops.WinLoss{Won: 1}, revops.Policy{})\n}\n")
	out, ok := buildProgram(t, map[string]string{"main.go": b.String()})
	require.False(t, ok, "misused options compiled:\n%s", out)
	failed := map[int]bool{}
	for _, m := range regexp.MustCompile(`main\.go:(\d+):\d+: `).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		failed[n] = true
	}
	for i, call := range misuse {
		require.Truef(t, failed[firstLine+i], "%s compiled; go vet said:\n%s", call, out)
	}
	require.Falsef(t, failed[firstLine+len(misuse)], "a whole Policy was refused:\n%s", out)
}

// TestREADMECompiles extracts every Go block of README.md, which must each be a
// complete program, builds and vets it as a user's own module would, runs it, and
// checks that each "// want" comment after a Println is what it printed, so the
// README's code can neither rot nor lie.
func TestREADMECompiles(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, blocks)
	printed := regexp.MustCompile(`(?m)^\s*fmt\.Println\(.*\) // (.+)$`)
	for i, b := range blocks {
		src := b[1]
		require.Truef(t, strings.HasPrefix(src, "package main\n"), "README Go block %d is not a complete program:\n%s", i+1, src)
		out, binary, ok := buildBinary(t, map[string]string{"main.go": src})
		require.Truef(t, ok, "README Go block %d does not build:\n%s\n%s", i+1, out, src)
		got, err := exec.Command(binary).CombinedOutput()
		require.NoErrorf(t, err, "README Go block %d failed:\n%s", i+1, got)
		for _, want := range printed.FindAllStringSubmatch(src, -1) {
			require.Containsf(t, strings.Split(string(got), "\n"), want[1], "README Go block %d: the comment says %q; it printed:\n%s", i+1, want[1], got)
		}
	}
}
