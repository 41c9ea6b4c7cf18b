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
	//exercise:5 challenge: this test runs -mode tasks and logs what it saw,
	//exercise:5 but it asserts nothing, so it passes on any version of the
	//exercise:5 lesson. Make it prove that the run takes the longer delay
	//exercise:5 (longDelay in tasks.go), not the sum: it must pass on the
	//exercise:5 lesson and fail on every wrong version of it. `make check` runs
	//exercise:5 it against broken versions and names one it let through; run it
	//exercise:5 yourself with
	//exercise:5 `go test -tags exercise -run TestTasksTakeTwoSeconds -v ./lessons/02-tasks/exercise`.
	synctest.Test(t, func(t *testing.T) {
		var stdout, stderr strings.Builder
		start := time.Now()
		code := run(t.Context(), []string{"-mode", "tasks"}, &stdout, &stderr)
		took := time.Since(start) // virtual time: exact

		if code != 0 {
			t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr.String())
		}
		// Exactly the longer delay: not the sum (one after the other), and
		// not less either, which would mean run returned before the work
		// was done.
		if want := longDelay * time.Second; took != want {
			t.Errorf("-mode tasks took %v, want exactly %v", took, want)
		}
		// Both words, by the time run returned, world (the shorter) first.
		if !strings.Contains(stdout.String(), "world\nhello\n") {
			t.Errorf("-mode tasks printed %q, want world, then hello", stdout.String())
		}
	})
	//exercise:shipped synctest.Test(t, func(t *testing.T) {
	//exercise:shipped 	var stdout, stderr strings.Builder
	//exercise:shipped 	start := time.Now()
	//exercise:shipped 	code := run(t.Context(), []string{"-mode", "tasks"}, &stdout, &stderr)
	//exercise:shipped 	t.Logf("exit code %d after %v; stdout:\n%s", code, time.Since(start), stdout.String())
	//exercise:shipped })
	//exercise:end
}
