// Package checks holds the test code of lesson 04-timeouts that the
// reference (lessons/04-timeouts) and the learner's copy
// (lessons/04-timeouts/exercise) share: each passes its own run function
// and world to the same checks, which run it on the simulated internet in
// virtual time.
package checks

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "04-timeouts"

// Runner is the lesson's run function: flags in, exit code out, on sim.
type Runner = fetchtest.Runner

// Result is one run of the lesson.
type Result = fetchtest.Result

// Virtual runs the lesson in a synctest bubble on world, served in
// memory: every latency and deadline is exact virtual time. If cancelAfter
// > 0 the context is cancelled then, as Ctrl-C would be.
func Virtual(t *testing.T, world *simnet.World, run Runner, cancelAfter time.Duration, args ...string) Result {
	t.Helper()
	return fetchtest.VirtualIn(t, world, run, cancelAfter, args...)
}

// The names of the durations the reference's TestREADMEDurations records in
// testdata/04-timeouts/durations.golden: the checks expect what the
// reference measured.
const (
	Total      = "total"       // -mode total: the deadline
	PerRequest = "per-request" // -mode per-request: each URL in turn, the slow one cut
	CancelOne  = "cancel-one"  // -mode cancel-one: the slowest URL left
	Shield     = "shield"      // -mode shield: the shielded fetch's own latency
	Hedge      = "hedge"       // -mode hedge: the hedge delay plus the fast mirror's latency
)

// Exercises returns the lesson's warm-up exercises, checked against run
// and world of the copy under test.
func Exercises(run Runner, world func() *simnet.World) []exercise.Exercise {
	// The goals name the durations the reference measured, so that they
	// follow an instructor's edit of the world or the constants.
	ds, _ := golden.ReadDurations(Lesson) // missing: the checks say so
	ms := func(name string) string { return golden.Spell(ds[name], false) }
	return []exercise.Exercise{
		{
			Name: "total-deadline",
			Goal: "-mode total cuts httpbin.org at the " + ms("deadline") + " deadline, keeps what finished before, and ends then",
			Hints: []string{
				"in fetchAllWithin, derive a ctx with a deadline d from now, before the fetches start, and pass it to every fetch",
				"context.WithTimeoutCause takes the error that context.Cause, and so the cut line, will report; call its cancel func when fetchAllWithin returns",
				"`ctx, cancel := context.WithTimeoutCause(ctx, d, fmt.Errorf(\"the %v deadline for all %d URLs passed\", d, len(urls)))` then `defer cancel()`",
			},
			Check: func(t *testing.T) {
				checkMode(t, run, world(), "total", Total, "is every fetch given one ctx with a deadline d from the start (context.WithTimeoutCause)?")
			},
		},
		{
			Name: "shield",
			Goal: "-mode shield gives up waiting at " + ms("deadline") + ", and the fetch goes on to finish at " + ms(Shield),
			Hints: []string{
				"in fetchShielded, the fetch's ctx must be one that the deadline does not reach; ctx's values may stay",
				"context.WithoutCancel(ctx) is never cancelled and has no deadline: Go's asyncio.shield",
			},
			Check: func(t *testing.T) {
				checkMode(t, run, world(), "shield", Shield, "does the fetch run under context.WithoutCancel(ctx), so that only the wait gives up?")
			},
		},
		{
			Name: "hedge",
			Goal: "-mode hedge asks the second mirror after " + ms("hedge-delay") + ", takes its answer at " + ms(Hedge) + " and cancels the slow mirror's request",
			Hints: []string{
				"in hedged, wait for whichever comes first: the primary's answer, or a timer of delay",
				"a select with two cases, `<-answers` and the timer's channel; when the timer wins, start the backup's fetch and then take the first answer of the two",
			},
			Check: func(t *testing.T) { checkHedge(t, run, world()) },
		},
	}
}

// checkMode runs -mode mode with -timeline and compares its output with
// the golden file mode-timeline and its duration with the recorded one.
func checkMode(t *testing.T, run Runner, world *simnet.World, mode, name, question string) {
	want := golden.Duration(t, Lesson, name)
	res := Virtual(t, world, run, 0, "-mode", mode, "-timeline")
	if res.Elapsed != want {
		t.Errorf("-mode %s took %v, want %v: %s", mode, res.Elapsed, want, question)
	}
	if res.Leftover > 0 {
		t.Errorf("-mode %s left %d goroutines running after it returned: does every fetch end?", mode, res.Leftover)
	}
	golden.Compare(t, Lesson, mode+"-timeline", []byte(res.Output()))
}

// checkHedge: the hedge's answer comes from the fast mirror at the
// recorded time, and the slow mirror's request is cancelled then. Whether
// the second mirror was asked is what the simulated server saw, not the
// run's output: a hedge that asks it but prints no hedge line is told so.
func checkHedge(t *testing.T, run Runner, world *simnet.World) {
	want := golden.Duration(t, Lesson, Hedge)
	res, served := fetchtest.VirtualServed(t, world, run, 0, "-mode", "hedge", "-timeline")
	backup := ""
	for _, r := range served {
		if r.URL != served[0].URL {
			backup = r.URL
			break
		}
	}
	switch {
	case res.Elapsed < want:
		t.Errorf("-mode hedge took %v, less than %v: is the second mirror asked at once? A hedge asks it only when the delay has passed without an answer (asking every mirror at once is lesson 03-fetch-v2's firstMirror)", res.Elapsed, want)
	case backup == "":
		t.Errorf("-mode hedge never asked the second mirror%s: wait for the primary's answer or the hedge timer, whichever comes first", tookWant(res.Elapsed, want))
	case !strings.Contains(res.Stdout, "hedge "):
		t.Errorf("-mode hedge asked the backup mirror (%s) but printed no hedge line: keep the s.line(\"hedge\", ...) call before the backup's fetch", backup)
	case res.Elapsed != want:
		t.Errorf("-mode hedge took %v, want %v: take the first answer of the two, and cancel the other", res.Elapsed, want)
	}
	golden.Compare(t, Lesson, "hedge-timeline", []byte(res.Output()))
}

// tookWant is " (took 1s, want 220ms)" for a sentence, or "" when the two
// are equal: a message never shows two equal numbers as a mismatch.
func tookWant(took, want time.Duration) string {
	if took == want {
		return ""
	}
	return fmt.Sprintf(" (took %v, want %v)", took, want)
}
