package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmeCommands returns the commands of the README's shell blocks that run the
// command: each `go run ./cmd/revops ...` line, continuation lines joined, as
// arguments, quotes removed and comments dropped. Lines that pipe or redirect are
// left out.
func readmeCommands(t *testing.T) [][]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	var out [][]string
	block := regexp.MustCompile("(?s)```sh\n(.*?)```")
	for _, m := range block.FindAllStringSubmatch(string(raw), -1) {
		text := strings.ReplaceAll(m[1], "\\\n", " ")
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if line != "go run ./cmd/revops" && !strings.HasPrefix(line, "go run ./cmd/revops ") || strings.ContainsAny(line, "|<>") {
				continue
			}
			out = append(out, shellWords(strings.TrimPrefix(line, "go run ./cmd/revops")))
		}
	}
	return out
}

// shellWords splits a command line as a shell does for the README's commands: at
// blanks, double quotes keeping their words together, a # starting a comment.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	quoted, in := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, in = !quoted, true
		case !quoted && r == '#' && !in:
			return words
		case !quoted && (r == ' ' || r == '\t'):
			if in {
				words, in = append(words, w.String()), false
				w.Reset()
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// Every command of the README runs as written, on the files committed beside it
// (issue 22: each new command and flag with a runnable example): exit 0, and
// nothing on standard error but the notes it means to give.
func TestREADMEExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the README's commands report the demo company several times")
	}
	cmds := readmeCommands(t)
	require.Greater(t, len(cmds), 15)
	seen := map[string]bool{}
	for _, args := range cmds {
		for i, a := range args {
			switch {
			case strings.HasPrefix(a, "cmd/revops/"):
				args[i] = strings.TrimPrefix(a, "cmd/revops/")
			case strings.HasPrefix(a, "testdata/"):
				args[i] = filepath.Join("..", "..", a)
			case i > 0 && args[i-1] == "-o":
				args[i] = filepath.Join(t.TempDir(), a)
				if strings.HasSuffix(a, "/") {
					args[i] += string(filepath.Separator)
				}
			}
			if strings.HasPrefix(a, "-") {
				seen[a] = true
			}
		}
		out, errOut, code := runCmd(t, args...)
		require.Equal(t, exitOK, code, "%v: %s", args, errOut)
		for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
			require.True(t, l == "" || strings.Contains(l, ": note: "), "%v: %s", args, l)
		}
		if !slices.Contains(args, "-o") {
			require.NotEmpty(t, out, "%v", args)
		}
	}
	// The new flags of issues 20 and 22 each have an example.
	for _, flag := range []string{"-tz", "-source", "-spend", "-gross-margin", "-as-of", "-quota", "-by", "-leads", "-business-hours", "-table"} {
		require.True(t, seen[flag], "the README runs %s", flag)
	}
}
