//go:build linux

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
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
	in, rows, from, to := benchInput(b)
	dir := b.TempDir()
	command, job := filepath.Join(dir, "revops"), filepath.Join(dir, "revops-beam")
	build(b, filepath.Join("..", "..", ".."), command, "./cmd/revops")
	build(b, ".", job, ".")
	out := filepath.Join(dir, "report.csv")
	var cmdRuns, jobRuns []runCost
	b.ResetTimer()
	for range b.N {
		cmdRuns = append(cmdRuns, measure(b, command, "report", "-format", "csv", in))
		jobRuns = append(jobRuns, measure(b, job, "--input", in, "--output", out, "--from", from, "--to", to))
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

// measure runs a program to its end, its standard output discarded, and returns its
// CPU, wall time and peak RSS.
func measure(b *testing.B, name string, args ...string) runCost {
	cmd := exec.Command(name, args...)
	cmd.Stdout = io.Discard
	stderr, err := os.CreateTemp(b.TempDir(), "stderr")
	if err != nil {
		b.Fatal(err)
	}
	defer stderr.Close()
	cmd.Stderr = stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		text, _ := os.ReadFile(stderr.Name())
		b.Fatalf("%s: %v\n%s", filepath.Base(name), err, text)
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return runCost{cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), wall: wall, rss: ru.Maxrss << 10}
}

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
