// Package lessontest runs a lesson's run function for its tests and
// exercise checks: stdout and stderr captured, the exit code, and the time
// it took (virtual time inside a testing/synctest bubble, real time
// outside). Each lesson's checks package says how its run is called.
package lessontest

import (
	"bytes"
	"context"
	"io"
	"testing"
	"testing/synctest"
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

// Virtual calls body inside a testing/synctest bubble, where every sleep and
// timer takes exact virtual time and no real time. ctx is cancelled after
// cancelAfter of virtual time, as Ctrl-C would be (never if cancelAfter <= 0),
// and when body returns.
// body sets up what the lesson needs inside the bubble (a simulated network)
// and runs it, usually with Call.
func Virtual(t *testing.T, cancelAfter time.Duration, body func(t *testing.T, ctx context.Context)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) { cancelled(t, cancelAfter, body) })
}

// VirtualDeadlock is Virtual, except that when synctest finds goroutines
// blocked for good it returns a *Deadlock that names them (SynctestTest)
// instead of panicking.
func VirtualDeadlock(t *testing.T, cancelAfter time.Duration, body func(t *testing.T, ctx context.Context)) *Deadlock {
	t.Helper()
	return SynctestTest(t, func(t *testing.T) { cancelled(t, cancelAfter, body) })
}

// cancelled calls body with a context cancelled after cancelAfter (never if
// cancelAfter <= 0) and when body returns.
func cancelled(t *testing.T, cancelAfter time.Duration, body func(t *testing.T, ctx context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if cancelAfter > 0 {
		stop := time.AfterFunc(cancelAfter, cancel)
		defer stop.Stop()
	}
	body(t, ctx)
}
