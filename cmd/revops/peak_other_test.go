//go:build !linux

package main

// resetPeak and peakResident are unknown on this system: the benchmark reports no
// memory.
func resetPeak() int64    { return -1 }
func peakResident() int64 { return -1 }
