//go:build unix

package main

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A fifo, named or behind a link, is refused, not replaced by the output.
func TestWriteFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no fifo here:", err)
	}
	link := filepath.Join(dir, "out.csv")
	if err := os.Symlink("fifo", link); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo: fifo + ": not a regular file",
		link: link + " (a link to " + fifo + "): not a regular file",
	} {
		if err := writeFile(context.Background(), path, path+".token.tmp", []byte("x")); err == nil || err.Error() != want {
			t.Fatalf("%s: %v, want %s", path, err, want)
		}
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("the fifo was replaced: %v", err)
		}
	}
}
