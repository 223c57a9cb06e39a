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
	for _, args := range [][]string{{"build", "-gcflags=-e", "-o", os.DevNull, "./..."}, {"vet", "./..."}} {
		cmd := exec.Command(goCmd, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			return string(out), false
		}
	}
	return "", true
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
