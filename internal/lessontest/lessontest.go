// Package lessontest runs a lesson's run function for its tests and
// exercise checks: stdout and stderr captured, the exit code, and the time
// it took (virtual time inside a testing/synctest bubble, real time
// outside). Each lesson's checks package says how its run is called.
package lessontest

import (
	"bytes"
	"io"
	"time"
)

// Result is one run of a lesson.
type Result struct {
	Stdout, Stderr string
	Code           int
	Elapsed        time.Duration // virtual time inside a bubble, real time outside
	// Leftover counts the goroutines still alive once the run has returned
	// and everything that could finish has, for checks that count them
	// (lesson 03: open connections). Call leaves it zero.
	Leftover int
}

// Output is stdout, then stderr under a marker line: what a golden file of
// a run that complains holds.
func (r Result) Output() string {
	if r.Stderr == "" {
		return r.Stdout
	}
	return r.Stdout + "-- stderr --\n" + r.Stderr
}

// Call runs run with empty stdout and stderr buffers and returns what it
// printed, its exit code and how long it took.
func Call(run func(stdout, stderr io.Writer) int) Result {
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run(&stdout, &stderr)
	return Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: code, Elapsed: time.Since(start)}
}
