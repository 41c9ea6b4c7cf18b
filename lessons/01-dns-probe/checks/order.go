package checks

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// The lesson prints each answer as it arrives. On the test clock two
// answers can arrive at the very same instant (a world where two names have
// one latency), and then which of the two goroutines sends its result first
// is the scheduler's choice, not the lesson's: run after run, the two lines
// swap. So a virtual run keeps the instant of every line it prints, and
// sorts the answer lines printed at one instant by name. Lines printed at
// different instants keep their order, which is the lesson's point; a
// program that gathered every answer and printed them together at the end
// would see all its lines sorted by name, and fail the golden files.

// isAnswer reports whether text is one result line of a name that was
// looked up ("+", " " or "!"): not an invalid name ("x", printed in input
// order before any lookup), the summary or the timeline.
func isAnswer(text string) bool {
	mark, _, ok := parse(text)
	return ok && mark != "x" && strings.Count(text, "\n") == 1
}

// callInOrder runs the lesson like call, with its answer lines in the
// order above: answers of one instant sorted by name.
func callInOrder(ctx context.Context, run Runner, sim *simnet.Net, args []string) Result {
	out := lessontest.Stamped{Tied: isAnswer, Key: func(line string) string { return Names(line)[0] }}
	res := lessontest.Call(func(_, stderr io.Writer) int { return run(ctx, args, &out, stderr, sim) })
	res.Stdout = out.String()
	return res
}

// CtrlCAt returns the moment the tests press Ctrl-C when probing names in
// world: about halfway through the run, between two answers, never at the
// instant of one (then whether that name is printed or cancelled would be
// the scheduler's choice). It is halfway between the last answer before
// half the slowest latency and the first one from there on: 125ms in the
// default world, between func.dev (120ms) and case.dev (130ms).
func CtrlCAt(t testing.TB, world *simnet.World, names []string) time.Duration {
	t.Helper()
	lat := Latencies(t, world, names)
	half := slices.Max(lat) / 2
	var before time.Duration // the last answer before half, or the start
	after := slices.Max(lat) // the first answer from half on
	for _, l := range lat {
		if l < half {
			before = max(before, l)
		} else {
			after = min(after, l)
		}
	}
	moment := (before + after) / 2
	if ms := moment.Truncate(time.Millisecond); ms > before {
		moment = ms // a whole millisecond, as the summary prints it
	}
	return moment
}
