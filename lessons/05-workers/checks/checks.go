// Package checks holds the test code of lesson 05-workers that the
// reference (lessons/05-workers) and the learner's copy
// (lessons/05-workers/exercise) share: each passes its own run function
// and world to the same checks, which run it against the simulated
// internet in virtual time.
package checks

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "05-workers"

// Runner is the lesson's run function: flags in, exit code out. sim is the
// network to use (nil: the lesson's world on 127.0.0.1).
type Runner func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, sim *simnet.Net) int

// Result is one run of the lesson.
type Result = lessontest.Result

// World returns the lesson's world with its first n names.
type World func(n int) *simnet.World

// Virtual runs the lesson inside a synctest bubble against world served in
// memory, so every latency is exact virtual time and costs no real time.
// If cancelAfter > 0 the context is cancelled after that much virtual
// time, as Ctrl-C would. A run that leaves a goroutine blocked for good is
// an error of the test, named in the message. Result lines printed at one
// instant are sorted by name: their order is the scheduler's (stamped).
func Virtual(t *testing.T, run Runner, world *simnet.World, cancelAfter time.Duration, args ...string) (res Result) {
	t.Helper()
	dl := lessontest.VirtualDeadlock(t, cancelAfter, func(t *testing.T, ctx context.Context) {
		n, err := simnet.NewMemory(world)
		if err != nil {
			t.Fatalf("the world of this check is invalid: %v", err)
		}
		defer n.Close()
		out := lessontest.Stamped{Tied: isResult, Key: func(line string) string { return line[2:] }}
		res = lessontest.Call(func(_, stderr io.Writer) int { return run(ctx, args, strings.NewReader(""), &out, stderr, n) })
		res.Stdout = out.String()
	})
	if dl != nil {
		t.Error(dl.RunMessage())
		res.Code = -1
	}
	return res
}

// Real runs the lesson on the real clock against sim (nil: loopback).
func Real(ctx context.Context, run Runner, sim *simnet.Net, args ...string) Result {
	return lessontest.Call(func(stdout, stderr io.Writer) int { return run(ctx, args, strings.NewReader(""), stdout, stderr, sim) })
}

// isResult reports whether text is one result line: "+ ", "  " or "! ".
func isResult(text string) bool {
	tagged := strings.HasPrefix(text, "+ ") || strings.HasPrefix(text, "  ") || strings.HasPrefix(text, "! ")
	return tagged && strings.Count(text, "\n") == 1 && text[2] != ' ' // a tag and a newline: text[2] exists
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// The names of the durations the reference's TestREADMEDurations records
// in testdata/05-workers/durations.golden: the checks expect what the
// reference measured.
const (
	Latency      = "latency"       // one lookup: every name of the world answers after it
	Pool10       = "pool-10"       // 1,000 names on 10 workers, a queue of 10
	Pool100      = "pool-100"      // 1,000 names on 100 workers
	Producer10   = "producer-10"   // how long the producer of Pool10 waited
	Producer1000 = "producer-1000" // ... with a queue of 1,000
	Producer0    = "producer-0"    // ... with a queue of 0
	UntilError   = "until-error"   // the challenge's run (challenge.go)
	CtrlCAt      = "ctrl-c"        // when the tests press Ctrl-C: halfway through a round
)

// Seconds spells d as the README does: "10 s", "100 ms".
func Seconds(d time.Duration) string { return golden.Spell(d, true) }

// duration is the duration recorded as name, for a goal or a message: 0
// if the file is missing or broken (ReadDurations then returns a nil map),
// as the check's golden.Duration then says.
func duration(name string) time.Duration {
	ds, _ := golden.ReadDurations(Lesson)
	return ds[name]
}

// Exercises returns the lesson's exercises, checked against run with the
// lesson's world.
func Exercises(run Runner, world World) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "pool",
			Goal: "-mode pool probes 1,000 names on 10 workers in " + Seconds(duration(Pool10)) + ", and on 100 in " + Seconds(duration(Pool100)),
			Hints: []string{
				"in pool, start as many workers as the workers parameter says, not one: each runs the same range loop over the queue",
				"`for range workers { wg.Go(func() { ... }) }` around the worker's loop",
			},
			Check: func(t *testing.T) {
				for _, c := range []struct {
					workers int
					name    string
				}{{10, Pool10}, {100, Pool100}} {
					workers, name := c.workers, c.name
					want := golden.Duration(t, Lesson, name)
					res := Virtual(t, run, world(1000), 0, "-workers", fmt.Sprint(workers))
					if res.Elapsed != want {
						t.Errorf("-workers %d: 1,000 lookups of %v took %v, want %v: do %d workers take names from the queue at the same time?", workers, duration(Latency), res.Elapsed, want, workers)
					}
				}
				res := Virtual(t, run, world(60), 0, "-n", "60", "-workers", "4", "-timeline")
				golden.Compare(t, Lesson, "pool-timeline", []byte(res.Stdout))
			},
		},
		{
			Name: "ctrl-c",
			Goal: "Ctrl-C stops the producer even while it waits on a full queue: the run ends at once with code 130",
			Hints: []string{
				"after Ctrl-C the workers take no more names; what becomes of a producer that is blocked sending on a full queue?",
				"in produce, a select waits for whichever comes first: room in the queue, or ctx.Done()",
				"`select { case queue <- name: case <-ctx.Done(): return }`",
			},
			Check: func(t *testing.T) {
				at := golden.Duration(t, Lesson, CtrlCAt)
				res := Virtual(t, run, world(1000), at)
				if res.Code == -1 {
					return // Virtual said why
				}
				if res.Elapsed != at || res.Code != 130 {
					t.Errorf("Ctrl-C at %v: the run ended at %v with code %d, want at once (%v) with 130", at, res.Elapsed, res.Code, at)
				}
				golden.Compare(t, Lesson, "pool-cancelled", []byte(res.Output()))
			},
		},
		{
			Name: "errgroup",
			Goal: "-mode errgroup runs at most 10 lookups at a time: 1,000 names in " + Seconds(duration(Pool10)),
			Hints: []string{
				"an errgroup.Group starts every function at once unless it is told a limit",
				"g.SetLimit(workers), before the first g.Go",
			},
			Check: func(t *testing.T) {
				want := golden.Duration(t, Lesson, Pool10)
				res := Virtual(t, run, world(1000), 0, "-mode", "errgroup")
				if res.Elapsed != want {
					t.Errorf("-mode errgroup -workers 10: 1,000 lookups took %v, want %v: is the group limited to 10 goroutines (g.SetLimit)?", res.Elapsed, want)
				}
				res = Virtual(t, run, world(60), 0, "-mode", "errgroup", "-n", "60", "-workers", "4")
				golden.Compare(t, Lesson, "errgroup", []byte(res.Stdout))
			},
		},
	}
}
