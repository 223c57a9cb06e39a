//go:build linux

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkJobVersusCommand runs, once an iteration and one after the other, the
// command revops report -format csv and the job revops-beam on the local runner, each
// its own process built with go build, on the same file, and reports the medians over
// the iterations of each one's CPU (user + system), wall time and peak RSS, and of the
// job-to-command ratio of each pair: ratios of runs made side by side, so that a
// machine shared with other work weighs on both.
func BenchmarkJobVersusCommand(b *testing.B) {
	if _, err := os.Stat(timeCommand); err != nil {
		b.Skipf("no GNU time to measure the programs with: %v", err)
	}
	in, rows, from, to := benchInput(b)
	dir := b.TempDir()
	command, job := filepath.Join(dir, "revops"), filepath.Join(dir, "revops-beam")
	build(b, filepath.Join("..", "..", ".."), command, "./cmd/revops")
	build(b, ".", job, ".")
	out := filepath.Join(dir, "report.csv")
	var cmdRuns, jobRuns []runCost
	b.ResetTimer()
	for k := range b.N {
		cmdRuns = append(cmdRuns, measure(b, command, "report", "-format", "csv", in))
		jobRuns = append(jobRuns, measure(b, job, "--input", in, "--output", out, "--from", from, "--to", to))
		c, j := cmdRuns[k], jobRuns[k]
		b.Logf("pair %d: command %.2f s CPU, %.2f s wall, %d MiB; job %.2f s, %.2f s, %d MiB", k+1,
			c.cpu.Seconds(), c.wall.Seconds(), c.rss>>20, j.cpu.Seconds(), j.wall.Seconds(), j.rss>>20)
	}
	b.StopTimer()
	ratio := func(f func(runCost) float64) float64 {
		var rs []float64
		for k := range jobRuns {
			rs = append(rs, f(jobRuns[k])/f(cmdRuns[k]))
		}
		return median(rs)
	}
	of := func(runs []runCost, f func(runCost) float64) float64 {
		var vs []float64
		for _, u := range runs {
			vs = append(vs, f(u))
		}
		return median(vs)
	}
	cpu := func(u runCost) float64 { return u.cpu.Seconds() }
	wall := func(u runCost) float64 { return u.wall.Seconds() }
	rss := func(u runCost) float64 { return float64(u.rss) / (1 << 20) }
	b.ReportMetric(of(jobRuns, cpu), "job-cpu-s")
	b.ReportMetric(of(cmdRuns, cpu), "cmd-cpu-s")
	b.ReportMetric(ratio(cpu), "cpu-ratio")
	b.ReportMetric(of(jobRuns, wall), "job-wall-s")
	b.ReportMetric(of(cmdRuns, wall), "cmd-wall-s")
	b.ReportMetric(ratio(wall), "wall-ratio")
	b.ReportMetric(of(jobRuns, rss), "job-rss-MiB")
	b.ReportMetric(of(cmdRuns, rss), "cmd-rss-MiB")
	b.ReportMetric(ratio(rss), "rss-ratio")
	b.ReportMetric(float64(rows), "spans")
}

// runCost is what one run of a program cost.
type runCost struct {
	cpu, wall time.Duration
	rss       int64 // peak resident set, bytes
}

// build builds the package pkg of the module in dir into out.
func build(b *testing.B, dir, out, pkg string) {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = dir
	if text, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build %s: %v\n%s", pkg, err, text)
	}
}

// measure runs a program to its end under GNU time, its standard output discarded,
// and returns its CPU, wall time and peak RSS as time reports them. Not the rusage
// os/exec gives: Go starts a program with vfork, and Linux counts in the program's
// peak RSS the memory of the process it was started from (this benchmark's, which
// read the file), whereas time forks the program from its own small process.
func measure(b *testing.B, name string, args ...string) runCost {
	cmd := exec.Command(timeCommand, append([]string{"-f", "%U %S %e %M", name}, args...)...)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", filepath.Base(name), err, stderr.Bytes())
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	var user, sys, wall float64
	var rss int64
	if _, err := fmt.Sscanf(lines[len(lines)-1], "%f %f %f %d", &user, &sys, &wall, &rss); err != nil {
		b.Fatalf("%s: reading time's line: %v\n%s", filepath.Base(name), err, stderr.Bytes())
	}
	seconds := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	return runCost{cpu: seconds(user + sys), wall: seconds(wall), rss: rss << 10}
}

// timeCommand is GNU time, which reports a program's CPU, wall time and peak RSS.
const timeCommand = "/usr/bin/time"

// median returns the middle of vs, or the mean of the two middle ones.
func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
