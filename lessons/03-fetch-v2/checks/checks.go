// Package checks holds the test code of lesson 03-fetch-v2 that the
// reference (lessons/03-fetch-v2) and the learner's copy
// (lessons/03-fetch-v2/exercise) share: each passes its own run function to
// the same checks, which run it against the simulated internet.
package checks

import (
	"slices"
	"testing"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "03-fetch-v2"

// Exercises returns the lesson's exercises, checked against run of the copy
// under test.
func Exercises(run fetchtest.Runner) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name:  "as-completed",
			Goal:  "each result is printed the moment it arrives: " + fetchtest.Order(simnet.DefaultWorld()),
			Hints: []string{"in fetchAll, let every goroutine send into one channel, and receive from that channel once per URL"},
			Check: func(t *testing.T) { checkAsCompleted(t, run) },
		},
		{
			Name:  "cancel",
			Goal:  "Ctrl-C ends the requests in flight at once, prints what finished, and exits with code 130",
			Hints: []string{"in fetchURL, build the request with http.NewRequestWithContext(ctx, ...), so cancelling ctx ends it"},
			Check: func(t *testing.T) { checkCancel(t, run) },
		},
	}
}

// checkAsCompleted: the default run prints in order of latency, and its
// output is the reference's.
func checkAsCompleted(t *testing.T, run fetchtest.Runner) {
	res := fetchtest.Virtual(t, run, 0)
	lines := fetchtest.Lines(res.Stdout)
	if got, want := fetchtest.Labelled(lines, "completed"), fetchtest.ByLatency(t, fetchtest.URLs); !slices.Equal(got, want) {
		t.Errorf("printed %v, want the order of completion %v: is each result printed as it arrives, from one channel?", got, want)
	}
	golden.Compare(t, Lesson, "fetch", []byte(res.Output()))
}

// checkCancel: Ctrl-C between the last two answers (fetchtest.CtrlCAt:
// python.org and example.com are done, httpbin is not; only one fetch is in
// flight, so the output is the same on every run) ends the run then, with
// code 130.
func checkCancel(t *testing.T, run fetchtest.Runner) {
	after := fetchtest.CtrlCAt(t, simnet.DefaultWorld())
	res := fetchtest.Virtual(t, run, after)
	if res.Elapsed != after {
		t.Errorf("after Ctrl-C at %v the run went on until %v: is the request built with the ctx, so that cancelling ctx ends it?", after, res.Elapsed)
	}
	if res.Code != 130 {
		t.Errorf("exit code %d after Ctrl-C, want 130", res.Code)
	}
	golden.Compare(t, Lesson, "cancelled", []byte(res.Output()))
}
