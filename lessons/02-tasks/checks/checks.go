// Package checks holds the test code of lesson 02-tasks that the reference
// (lessons/02-tasks) and the learner's copy (lessons/02-tasks/exercise) share:
// each passes its own run function and Task type to the same checks.
package checks

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/lessontest"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "02-tasks"

// Result is one run of the lesson: its output, exit code and duration
// (virtual time inside Virtual, real time in Real).
type Result = lessontest.Result

// Virtual runs the lesson inside a synctest bubble, so every sleep takes
// exact virtual time and zero real time. If cancelAfter > 0 the context is
// cancelled after that much virtual time, as Ctrl-C would. A run that
// leaves a goroutine blocked for good ends the test with a message that
// names it (the next check still runs: synctest's panic is recovered).
func Virtual(t *testing.T, run Runner, cancelAfter time.Duration, args ...string) Result {
	t.Helper()
	var res Result
	dl := lessontest.VirtualDeadlock(t, cancelAfter, func(t *testing.T, ctx context.Context) { res = call(ctx, run, args) })
	if dl != nil {
		t.Fatal(dl.RunMessage())
	}
	return res
}

// Real runs the lesson on the real clock.
func Real(ctx context.Context, run Runner, args ...string) Result {
	return call(ctx, run, args)
}

// Runner is the lesson's run function: flags in, exit code out.
type Runner func(ctx context.Context, args []string, stdout, stderr io.Writer) int

func call(ctx context.Context, run Runner, args []string) Result {
	return lessontest.Call(func(stdout, stderr io.Writer) int { return run(ctx, args, stdout, stderr) })
}

// CreateTask starts fn as a Task and returns its Await method.
type CreateTask func(fn func() string) (await func() string)

// The names of the durations the reference's TestREADMEDurations records in
// testdata/02-tasks/durations.golden (golden.READMEClaims), from the
// lesson's delays: the checks expect what the reference measured, so an
// instructor who changes a delay and runs `make golden` changes them too.
const (
	ShortDelay = "short-delay" // the shorter say_after's delay: world's in -mode tasks
	LongDelay  = "long-delay"  // the longer one's: hello's in -mode tasks
	Sequential = "sequential"  // -mode sequential's run: the sum of the two
	Tasks      = "tasks"       // -mode tasks' run: the longer delay
	CtrlCAt    = "ctrl-c"      // when the tests press Ctrl-C: half the shorter delay
)

// duration returns the reference's duration recorded as name, or 0 when
// testdata/02-tasks/durations.golden can not be read (the check then fails
// saying so).
func duration(name string) time.Duration {
	ds, err := golden.ReadDurations(Lesson)
	if err != nil {
		return 0
	}
	return ds[name]
}

// Seconds spells d as the README does: "2 s", "500 ms".
func Seconds(d time.Duration) string { return golden.Spell(d, true) }

// Exercises returns the lesson's exercises, checked against run and
// createTask of the copy under test.
func Exercises(run Runner, createTask CreateTask) []exercise.Exercise {
	tasks := duration(Tasks)
	return []exercise.Exercise{
		{
			Name:  "task",
			Goal:  "CreateTask starts the work in its own goroutine and returns at once",
			Hints: []string{"in CreateTask, run fn inside `go func() { ... }()` and send its result into t.result"},
			Check: func(t *testing.T) { checkTask(t, createTask) },
		},
		{
			Name: "tasks-mode",
			Goal: "-mode tasks prints world, then hello, and finishes in " + Seconds(tasks),
			Hints: []string{
				"in runTasks, create both Tasks first, then await them",
				"await every Task you create: a Task never awaited leaves its goroutine sleeping after runTasks returns",
				"CreateTask must return before the work is done (exercise 1)",
			},
			Check: func(t *testing.T) {
				checkMode(t, run, "tasks", golden.Duration(t, Lesson, Tasks), "are the two say_afters started before either is awaited?")
			},
		},
		{
			Name: "waitgroup-mode",
			Goal: "-mode waitgroup prints world, then hello, and finishes in " + Seconds(tasks),
			Hints: []string{
				"in runWaitGroup, wrap each sayAfter call in wg.Go(func() { ... })",
				"each goroutine writes a variable of its own (err1, err2), and runWaitGroup reads them only after wg.Wait(): two goroutines writing one variable is a data race",
			},
			Check: func(t *testing.T) {
				checkMode(t, run, "waitgroup", golden.Duration(t, Lesson, Tasks), "does each say_after run in its own goroutine (wg.Go) before wg.Wait?")
			},
		},
		{
			Name: "cancel",
			Goal: "Ctrl-C stops the sleeping say_afters at once and exits with code 130",
			Hints: []string{
				"in sayAfter, wait with a select on a timer (time.After(delay)) and ctx.Done(), not with time.Sleep",
				"only the timer's case prints; the ctx.Done() case prints nothing and returns an error that wraps context.Cause(ctx)",
			},
			Check: func(t *testing.T) { checkCancel(t, run) },
		},
	}
}

// checkTask proves that CreateTask returns before fn is done and that Await
// waits for it, in exact virtual time.
func checkTask(t *testing.T, createTask CreateTask) {
	dl := lessontest.SynctestTest(t, func(t *testing.T) {
		start := time.Now()
		await := createTask(func() string {
			time.Sleep(time.Second)
			return "done"
		})
		if took := time.Since(start); took != 0 {
			t.Errorf("CreateTask took %v to return, want 0s: does it start fn in a new goroutine instead of calling it?", took)
		}
		if got := await(); got != "done" {
			t.Errorf("Await returned %q, want %q", got, "done")
		}
		if took := time.Since(start); took != time.Second {
			t.Errorf("Await returned after %v, want 1s: it must wait until the task is done", took)
		}
		if got := await(); got != "done" {
			t.Errorf("a second Await returned %q, want %q again", got, "done")
		}
	})
	switch {
	case dl == nil:
	case dl.Exited:
		t.Errorf("CreateTask and Await returned but left goroutines blocked for good:\n%v", dl)
	default:
		t.Errorf("Await never returned: it and every goroutine of the Task were blocked for good:\n%v", dl)
	}
}

// checkMode runs -mode mode and compares its output with the golden file and
// its duration with want.
func checkMode(t *testing.T, run Runner, mode string, want time.Duration, question string) {
	res := Virtual(t, run, 0, "-mode", mode)
	if res.Code != 0 {
		t.Errorf("-mode %s exited with code %d, want 0; stderr:\n%s", mode, res.Code, res.Stderr)
	}
	if res.Elapsed != want {
		t.Errorf("-mode %s took %v, want %v: %s", mode, res.Elapsed, want, question)
	}
	golden.Compare(t, Lesson, mode, []byte(res.Stdout))
}

// checkCancel cancels a tasks run halfway through the shorter say_after.
func checkCancel(t *testing.T, run Runner) {
	after := golden.Duration(t, Lesson, CtrlCAt)
	res := Virtual(t, run, after, "-mode", "tasks")
	if strings.Contains(res.Stdout, "hello") || strings.Contains(res.Stdout, "world") {
		t.Errorf("a say_after printed though Ctrl-C came at %v, before either delay was over: when ctx.Done() wins the select, print nothing and return", after)
	}
	if res.Elapsed != after {
		t.Errorf("after Ctrl-C at %v the run went on until %v: does sayAfter select on ctx.Done() as well as on the timer?", after, res.Elapsed)
	}
	if res.Code != 130 {
		t.Errorf("exit code %d after Ctrl-C, want 130", res.Code)
	}
	golden.Compare(t, Lesson, "tasks-cancelled", []byte(res.Output()))
}
