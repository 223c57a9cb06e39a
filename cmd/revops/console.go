package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// console writes the command's messages to standard error: one line each, named by
// the command, and on a terminal a progress line that each message first ends, so
// that nothing is ever glued to it.
type console struct {
	w       io.Writer
	name    string // "revops report"
	now     func() time.Time
	on      bool          // progress is shown: standard error is a terminal
	delay   time.Duration // nothing is shown before the run has taken this long
	every   time.Duration // between two updates
	start   time.Time     // of the run
	shown   time.Time     // of the last update
	open    int           // the width of the progress line on screen, 0 when none is
	phase   string        // what is being done: "reading subs.csv", "computing"
	started time.Time     // of the phase
}

func newConsole(e env, command string) *console {
	return &console{w: e.stderr, name: "revops " + command, now: e.now, on: e.stderrTerminal,
		delay: 300 * time.Millisecond, every: 100 * time.Millisecond, start: e.now()}
}

// line ends any progress line and writes msg as one line, after the command's name:
// a control character from the input (a line break in a quoted cell, an escape
// sequence) is shown as U+FFFD, so the message stays one line and the terminal
// obeys nothing in it.
func (c *console) line(msg string) {
	c.end()
	fmt.Fprintf(c.w, "%s: %s\n", c.name, controls(msg))
}

// fail writes err: a usage error with where to read more, any other as it is (its
// source and position already in it).
func (c *console) fail(err error) {
	var u usageError
	if errors.As(err, &u) {
		c.line(u.msg + "; see " + c.name + " -h")
		return
	}
	c.line(err.Error())
}

// step starts a phase of the run: its name shows on the progress line.
func (c *console) step(phase string) {
	c.phase, c.started = phase, c.now()
	c.show("", true)
}

// bytes shows the share of the input read, with the time left at the rate so far;
// total ≤ 0 when the size is unknown (a pipe), when the rows read are shown instead.
func (c *console) bytes(done, total int64, rows int) {
	if !c.on {
		return
	}
	now := c.now()
	if now.Sub(c.shown) < c.every {
		return
	}
	if total <= 0 {
		c.show(fmt.Sprintf("%s rows, %s", group(fmt.Sprint(rows)), size(done)), false)
		return
	}
	share := float64(done) / float64(total)
	s := fmt.Sprintf("%d %% (%s of %s)", int(share*100), size(done), size(total))
	if elapsed := now.Sub(c.started); share >= 0.02 && elapsed >= time.Second/2 {
		left := time.Duration(float64(elapsed) * (1 - share) / share)
		s += ", about " + roundLeft(left) + " left"
	}
	c.show(s, false)
}

// show writes the progress line: the phase and detail, once the run has taken long
// enough for progress to help.
func (c *console) show(detail string, force bool) {
	if !c.on {
		return
	}
	now := c.now()
	if now.Sub(c.start) < c.delay || (!force && now.Sub(c.shown) < c.every) {
		return
	}
	c.shown = now
	s := c.name + ": " + c.phase
	if detail != "" {
		s += ": " + detail
	} else {
		s += "..."
	}
	n := len([]rune(s))
	fmt.Fprintf(c.w, "\r%s%s", s, strings.Repeat(" ", max(0, c.open-n)))
	c.open = n
}

// end ends the progress line with a newline, if one is on screen.
func (c *console) end() {
	if c.open > 0 {
		fmt.Fprint(c.w, "\n")
		c.open = 0
	}
}

// size formats a byte count: "812 B", "12.3 MB".
func size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// roundLeft formats a time left: "3 s", "2 min".
func roundLeft(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second)+0)
	}
	return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
}
