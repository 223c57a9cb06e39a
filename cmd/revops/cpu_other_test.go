//go:build !unix

package main

import "time"

// processCPU is unknown on this system: the benchmark reports wall time only.
func processCPU() time.Duration { return 0 }
