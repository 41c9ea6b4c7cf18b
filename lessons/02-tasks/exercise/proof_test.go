//go:build exercise

package main

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// TestTasksTakeTwoSeconds proves the lesson's claim: -mode tasks runs the
// two say_afters at the same time, so the run takes the longer delay, not
// the sum of the two. It runs inside a synctest bubble, where sleeps use a virtual clock: the
// duration is exact, and the test takes no real time. (The exercise
// package's TestMain, testmain.Run, also fails the tests if a goroutine
// outlives them.)
func TestTasksTakeTwoSeconds(t *testing.T) {
	// TODO(exercise 5): challenge: this test runs -mode tasks and logs what it saw,
	// but it asserts nothing, so it passes on any version of the
	// lesson. Make it prove that the run takes the longer delay
	// (longDelay in tasks.go), not the sum: it must pass on the
	// lesson and fail on every wrong version of it. `make check` runs
	// it against broken versions and names one it let through; run it
	// yourself with
	// `go test -tags exercise -run TestTasksTakeTwoSeconds -v ./lessons/02-tasks/exercise`.
	synctest.Test(t, func(t *testing.T) {
		var stdout, stderr strings.Builder
		start := time.Now()
		code := run(t.Context(), []string{"-mode", "tasks"}, &stdout, &stderr)
		t.Logf("exit code %d after %v; stdout:\n%s", code, time.Since(start), stdout.String())
	})
}
