package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// execute runs a report or compare command: read, compute, render, write.
func execute(cfg config, e env, con *console) error {
	d, err := build(cfg, e, con)
	if err != nil {
		return err
	}
	con.step("writing " + cfg.format)
	switch {
	case cfg.outDir:
		err = writeDir(cfg.out, d)
	case cfg.out != "":
		err = writeFileAtomic(cfg.out, func(w io.Writer) error { return render(w, d, cfg.format, cfg.table) })
	default:
		err = render(e.stdout, d, cfg.format, cfg.table)
	}
	if err != nil {
		return err
	}
	con.end()
	// Whatever the format, standard error says in one line what was left out or
	// repeated, and where the rows are listed.
	for _, n := range d.notes {
		if n.count == 0 {
			continue // a note about the periods, in the report's header
		}
		where := "the report lists them"
		if cfg.format == "csv" && !cfg.outDir {
			where = "-table notes lists them"
		}
		con.line(fmt.Sprintf("note: %s; %s", n.summary, where))
	}
	return nil
}

// build reads the input and computes the document of cfg's command.
func build(cfg config, e env, con *console) (*document, error) {
	if cfg.command == "pipeline" {
		return pipeline(cfg, e, con)
	}
	in, err := load(cfg, e, con)
	if err != nil {
		return nil, err
	}
	con.step("computing")
	if cfg.command == "compare" {
		return buildCompare(cfg, in)
	}
	return buildReport(cfg, in)
}

// isDir reports whether path is an existing folder.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// writeDir writes every data table of d as a csv file in dir, creating dir if need
// be; each file is written atomically.
func writeDir(dir string, d *document) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return pathError(err)
	}
	for _, t := range d.tables {
		if !t.data {
			continue
		}
		t := t
		if err := writeFileAtomic(filepath.Join(dir, t.name+".csv"), func(w io.Writer) error { return writeCSV(w, t) }); err != nil {
			return err
		}
	}
	return nil
}

// writeFileAtomic writes path through write: into a temporary file beside it, synced
// to disk and renamed over path once whole, so that path holds either its old
// content or the new one, never part of it. On any failure the temporary file is
// removed and path is left as it was. A symbolic link is followed: the file it names
// is written (made if need be), and the link stays.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	file, err := linkTarget(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	name := path // as errors name the file
	if file != path {
		name = fmt.Sprintf("%s (a link to %s)", path, file)
	}
	dir, base := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(file); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", name)
		}
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if err := os.Rename(tmp, file); err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	return nil
}

// linkTarget returns the file path names once its symbolic links are followed; the
// last may name a file not made yet.
func linkTarget(path string) (string, error) {
	for hops := 0; hops <= 40; hops++ { // as many links as Linux follows
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			if hops > 0 {
				// The folder of the file, its links resolved, so that the path is
				// the same read as text (cleaned) as read by the system; left as it
				// is when that folder does not exist.
				at := strings.LastIndexAny(path, `/`+string(filepath.Separator)) + 1
				if dir, err := filepath.EvalSymlinks(path[:at] + "."); err == nil {
					path = filepath.Join(dir, path[at:])
				}
			}
			return path, nil
		}
		to, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			// Beside the link, as the system reads it: the text is not cleaned, since
			// a ".." after a linked folder leads out of the folder it links to.
			to = path[:strings.LastIndexAny(path, `/`+string(filepath.Separator))+1] + to
		}
		path = to
	}
	return "", errors.New("too many levels of symbolic links")
}

// unwrapPath drops the operation and path of an *fs.PathError, which the message
// names once itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// pathError formats an *fs.PathError as "path: reason".
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}
