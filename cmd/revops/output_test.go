package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// failingWriter fails once n bytes have passed, as a full disk does.
type failingWriter struct {
	w io.Writer
	n int
}

var errDiskFull = errors.New("no space left on device")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, errDiskFull
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// leftovers lists the files in dir other than keep.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if !contains(keep, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// A write that fails midway leaves the file as it was and no temporary file
// (issue 18, item 8); one that succeeds replaces it whole, keeping its mode.
func TestAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.html")
	require.NoError(t, os.WriteFile(path, []byte("the old report"), 0o640))
	e := env{stdin: strings.NewReader(""), stdinTerminal: true, stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return testNow }}
	cfg, err := parseConfig("report", []string{"-format", "html"}, e)
	require.NoError(t, err)
	in, err := load(cfg, e, newConsole(e, "report"))
	require.NoError(t, err)
	d, err := buildReport(cfg, in)
	require.NoError(t, err)

	err = writeFileAtomic(path, func(w io.Writer) error { return render(&failingWriter{w: w, n: 8192}, d, "html", "") })
	require.ErrorIs(t, err, errDiskFull)
	require.Equal(t, path+": no space left on device", err.Error(), "the file is named once")
	raw, _ := os.ReadFile(path)
	require.Equal(t, "the old report", string(raw), "the old content is untouched")
	require.Empty(t, leftovers(t, dir, "out.html"), "the temporary file is removed")

	require.NoError(t, writeFileAtomic(path, func(w io.Writer) error { return render(w, d, "html", "") }))
	raw, _ = os.ReadFile(path)
	require.True(t, strings.HasPrefix(string(raw), "<!DOCTYPE html>"))
	require.True(t, strings.HasSuffix(string(raw), "</html>\n"), "whole")
	st, _ := os.Stat(path)
	require.Equal(t, os.FileMode(0o640), st.Mode().Perm(), "the file keeps its mode")
	require.Empty(t, leftovers(t, dir, "out.html"))

	// A folder where the file should be is a folder of csv tables, not a page.
	require.NoError(t, os.Mkdir(filepath.Join(dir, "taken.html"), 0o755))
	_, errOut, code := runCmd(t, "-o", filepath.Join(dir, "taken.html"), "-format", "html")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "taken.html is a folder, which takes one csv file per table")
	// An output folder that does not exist is no place for a file.
	_, errOut, code = runCmd(t, "-o", filepath.Join(dir, "no", "such", "r.json"))
	require.Equal(t, exitInput, code)
	require.Equal(t, 1, strings.Count(errOut, "r.json"), errOut)
}

// -o through a symbolic link writes the file it names, made if need be, and leaves
// the link a link; a loop of links is an error that writes nothing.
func TestAtomicWriteFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "www", "report.csv")
	require.NoError(t, os.Mkdir(filepath.Dir(target), 0o755))
	link := filepath.Join(dir, "report.csv")
	if err := os.Symlink(filepath.Join("www", "report.csv"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, old := range []string{"", "the old report"} { // dangling, then to a file
		if old != "" {
			require.NoError(t, os.WriteFile(target, []byte(old), 0o600))
			require.NoError(t, os.Chmod(target, 0o600))
		}
		require.NoError(t, writeFileAtomic(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }))
		raw, err := os.ReadFile(target)
		require.NoError(t, err)
		require.Equal(t, "new", string(raw), "the link's file is written")
		st, err := os.Lstat(link)
		require.NoError(t, err)
		require.NotZero(t, st.Mode()&os.ModeSymlink, "the link stays a link")
		require.Empty(t, leftovers(t, filepath.Dir(target), "report.csv"))
		require.Empty(t, leftovers(t, dir, "report.csv", "www"))
	}
	st, err := os.Stat(target)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the file keeps its mode")

	loop := filepath.Join(dir, "loop.csv")
	require.NoError(t, os.Symlink("loop.csv", loop))
	err = writeFileAtomic(loop, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	require.EqualError(t, err, loop+": too many levels of symbolic links")
	require.Empty(t, leftovers(t, dir, "report.csv", "www", "loop.csv"))

	// A ".." in a link's target leads out of the folder the path really reaches:
	// d is a link to real/sub, so d/link.csv -> ../target.csv names real/target.csv,
	// not the target.csv beside d.
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "real", "sub"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join("real", "sub"), filepath.Join(dir, "d")))
	require.NoError(t, os.Symlink(filepath.Join("..", "target.csv"), filepath.Join(dir, "real", "sub", "link.csv")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "real", "target.csv"), []byte("old"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "target.csv"), []byte("unrelated"), 0o644))
	require.NoError(t, writeFileAtomic(filepath.Join(dir, "d", "link.csv"), func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }))
	raw, err := os.ReadFile(filepath.Join(dir, "real", "target.csv"))
	require.NoError(t, err)
	require.Equal(t, "new", string(raw), "the file the system reads through the link")
	raw, err = os.ReadFile(filepath.Join(dir, "target.csv"))
	require.NoError(t, err)
	require.Equal(t, "unrelated", string(raw))

	// A link into a folder that does not exist is named with what it links to.
	dangling := filepath.Join(dir, "dangling.csv")
	require.NoError(t, os.Symlink(filepath.Join("missing", "x.csv"), dangling))
	err = writeFileAtomic(dangling, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	require.EqualError(t, err, dangling+" (a link to "+filepath.Join(dir, "missing", "x.csv")+"): no such file or directory")
}

// The same with the command and a real limit: ulimit -f makes the write fail with
// "file too large" after 8 KiB, and the old page survives.
func TestAtomicWriteFileSizeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the command")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash for ulimit")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "revops")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())
	out := filepath.Join(dir, "out.html")
	require.NoError(t, os.WriteFile(out, []byte("the old report"), 0o644))
	cmd := exec.Command("bash", "-c", `ulimit -f 8; exec "$0" -o "$1" </dev/null`, bin, out)
	stderr, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", stderr)
	require.Equal(t, exitInput, exit.ExitCode(), "%s", stderr)
	require.Equal(t, "revops report: "+out+": file too large\n", string(stderr))
	raw, _ := os.ReadFile(out)
	require.Equal(t, "the old report", string(raw))
	require.Empty(t, leftovers(t, dir, "out.html", "revops"))
}
