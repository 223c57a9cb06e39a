package main

import (
	"bytes"
	"os"
	"strconv"
)

// resetPeak starts a new measure of the process's peak resident memory, and
// returns what is resident now in bytes, or −1 when Linux does not say.
func resetPeak() int64 {
	// Writing 5 to clear_refs resets the peak (VmHWM) to what is resident now.
	if os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) != nil {
		return -1
	}
	return procStatus("VmRSS:")
}

// peakResident returns the process's peak resident memory in bytes since the last
// resetPeak, or −1 when Linux does not say.
func peakResident() int64 { return procStatus("VmHWM:") }

// procStatus reads the field of /proc/self/status, given in kB, in bytes.
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	_, rest, ok := bytes.Cut(b, []byte("\n"+field))
	if !ok {
		return -1
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(line), []byte("kB")))), 10, 64)
	if err != nil {
		return -1
	}
	return kb << 10
}
