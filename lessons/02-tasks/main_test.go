package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/02-tasks/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the exercise checks against the reference: every one
// must pass here, and fail on the shipped copy in exercise/.
func TestExercises(t *testing.T) {
	exercise.Run(t, checks.Exercises(run, func(fn func() string) func() string { return CreateTask(fn).Await }))
}

// TestGolden pins the output of every mode, with and without -timeline.
func TestGolden(t *testing.T) {
	for _, mode := range []string{"sequential", "tasks", "waitgroup"} {
		for _, tl := range []bool{false, true} {
			name, args := mode, []string{"-mode", mode}
			if tl {
				name, args = mode+"-timeline", append(args, "-timeline")
			}
			t.Run(name, func(t *testing.T) {
				res := checks.Virtual(t, run, 0, args...)
				require.Equal(t, 0, res.Code, res.Stderr)
				golden.Assert(t, checks.Lesson, name, []byte(res.Stdout))
			})
		}
	}
}

// TestDefaultModeIsTasks: without -mode, the lesson runs -mode tasks.
func TestDefaultModeIsTasks(t *testing.T) {
	res := checks.Virtual(t, run, 0)
	require.Equal(t, 0, res.Code, res.Stderr)
	golden.Assert(t, checks.Lesson, "tasks", []byte(res.Stdout))
}

// TestWaitGroupPrintsWhatTasksPrints: the two concurrent modes differ in code
// only, with and without -timeline.
func TestWaitGroupPrintsWhatTasksPrints(t *testing.T) {
	for _, extra := range [][]string{nil, {"-timeline"}} {
		tasks := checks.Virtual(t, run, 0, append([]string{"-mode", "tasks"}, extra...)...)
		wg := checks.Virtual(t, run, 0, append([]string{"-mode", "waitgroup"}, extra...)...)
		assert.Equal(t, tasks, wg, "%v", extra)
	}
}

// Lesson seconds of the delays, at the default -unit.
const (
	short = shortDelay * time.Second
	long  = longDelay * time.Second
)

// ctrlCAt is when the cancel tests press Ctrl-C: halfway through the
// shorter say_after, when neither has printed.
const ctrlCAt = short / 2

// TestDelaysTellTheStory: the README's story needs world's delay in -mode
// tasks to be the shorter, so that world prints first although its Task was
// created second.
func TestDelaysTellTheStory(t *testing.T) {
	assert.Positive(t, shortDelay)
	assert.Less(t, shortDelay, longDelay, "shortDelay must be shorter than longDelay: world prints first in -mode tasks")
}

// TestPythonDelays: python/say_after.py, which the README shows beside the
// Go, waits what tasks.go waits: say_after(shortDelay, "hello") then
// say_after(longDelay, "world") in turn, longDelay for hello and shortDelay
// for world as Tasks.
func TestPythonDelays(t *testing.T) {
	src, err := os.ReadFile("python/say_after.py")
	require.NoError(t, err)
	calls := regexp.MustCompile(`say_after\((\d+), "(\w+)"\)`).FindAllStringSubmatch(string(src), -1)
	var got []string
	for _, c := range calls {
		got = append(got, c[2]+" "+c[1])
	}
	want := []string{
		fmt.Sprint("hello ", shortDelay), fmt.Sprint("world ", longDelay), // in_turn
		fmt.Sprint("hello ", longDelay), fmt.Sprint("world ", shortDelay), // as_tasks
	}
	assert.Equal(t, want, got, "python/say_after.py's delays are not tasks.go's shortDelay and longDelay: change them together")
}

// TestVirtualDurations is the lesson's claim: awaited in turn the two
// say_afters take the sum of their delays (1 s + 2 s = 3 s); as Tasks or
// goroutines they overlap and take the longer delay (2 s), and world (the
// shorter delay in -mode tasks) prints before hello. In -mode sequential,
// hello waits the shorter delay and world the longer.
func TestVirtualDurations(t *testing.T) {
	for mode, want := range map[string]struct {
		elapsed time.Duration
		words   string
	}{
		"sequential": {short + long, "hello\nworld\n"},
		"tasks":      {long, "world\nhello\n"},
		"waitgroup":  {long, "world\nhello\n"},
	} {
		t.Run(mode, func(t *testing.T) {
			res := checks.Virtual(t, run, 0, "-mode", mode)
			assert.Equal(t, want.elapsed, res.Elapsed)
			assert.Contains(t, res.Stdout, want.words)
		})
	}
}

// TestUnitScalesTime checks -unit: with 250ms lesson seconds, tasks take
// a quarter of their seconds (500ms for 2 s).
func TestUnitScalesTime(t *testing.T) {
	const unit = 250 * time.Millisecond
	res := checks.Virtual(t, run, 0, "-mode", "tasks", "-unit", unit.String())
	assert.Equal(t, longDelay*unit, res.Elapsed)
	res = checks.Virtual(t, run, 0, "-mode", "sequential", "-unit", unit.String())
	assert.Equal(t, (shortDelay+longDelay)*unit, res.Elapsed)
}

// realUnit is TestRealClock's lesson second.
const realUnit = 200 * time.Millisecond

// The real-clock bounds of TestRealClock: a run of the two in turn, and of
// the longer one alone, with realUnit lesson seconds.
const (
	realSequential = (shortDelay + longDelay) * realUnit
	realTasks      = longDelay * realUnit
)

// TestRealClock runs on the real clock with 200 ms lesson seconds: the
// concurrent modes must end before the sequential sum (600 ms), so the
// overlap is real and not an artefact of virtual time. The lower bounds hold
// on any machine; the upper bound leaves the shorter delay (200 ms) for a
// slow, loaded CI runner (the race detector on two cores next to other test
// binaries).
func TestRealClock(t *testing.T) {
	const unit = realUnit
	seq := checks.Real(context.Background(), run, "-mode", "sequential", "-unit", unit.String())
	require.Equal(t, 0, seq.Code, seq.Stderr)
	assert.GreaterOrEqual(t, seq.Elapsed, realSequential, "sequential can not beat the sum of the delays")
	for _, mode := range []string{"tasks", "waitgroup"} {
		res := checks.Real(context.Background(), run, "-mode", mode, "-unit", unit.String())
		require.Equal(t, 0, res.Code, res.Stderr)
		assert.GreaterOrEqual(t, res.Elapsed, realTasks, "%s can not beat its longer say_after", mode)
		assert.Less(t, res.Elapsed, realSequential, "%s took %v, not less than the sequential sum %v: no real overlap", mode, res.Elapsed, realSequential)
	}
}

// TestGoldenCancelSequential: Ctrl-C during the second say_after of the
// sequential mode (ctrlCAt after hello printed) cancels world; hello stays
// printed.
func TestGoldenCancelSequential(t *testing.T) {
	const at = short + ctrlCAt
	res := checks.Virtual(t, run, at, "-mode", "sequential")
	assert.Equal(t, at, res.Elapsed)
	assert.Equal(t, 130, res.Code)
	golden.Assert(t, checks.Lesson, "sequential-cancelled", []byte(res.Output()))
}

// TestGoldenCancelTasks pins what Ctrl-C prints in tasks mode (the exercise
// checks compare against this file).
func TestGoldenCancelTasks(t *testing.T) {
	res := checks.Virtual(t, run, ctrlCAt, "-mode", "tasks", "-timeline")
	assert.Equal(t, ctrlCAt, res.Elapsed, "Ctrl-C must end the run at once")
	assert.Equal(t, 130, res.Code)
	golden.Assert(t, checks.Lesson, "tasks-cancelled-timeline", []byte(res.Output()))
	res = checks.Virtual(t, run, ctrlCAt, "-mode", "tasks")
	assert.Equal(t, ctrlCAt, res.Elapsed, "Ctrl-C must end the run at once")
	assert.Equal(t, 130, res.Code)
	golden.Assert(t, checks.Lesson, "tasks-cancelled", []byte(res.Output()))
}

// TestBadInput: every bad flag names itself, says what to do, exits 2.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-mode", "parallel"}, `unknown -mode "parallel": use sequential, tasks or waitgroup`},
		{[]string{"-unit", "0"}, "-unit 0s: must be a positive duration"},
		{[]string{"-unit", "-1s"}, "-unit -1s: must be a positive duration"},
		{[]string{"-unit", "fast"}, `02-tasks: -unit "fast": not a duration; write it like 10s, 500ms or 1m30s (-h lists the flags)`},
		{[]string{"-unit", "100"}, `02-tasks: -unit 100: a duration needs a unit, e.g. 100s or 100ms (-h lists the flags)`},
		{[]string{"-unit", "24h0m0.000000001s"}, "-unit 24h0m0.000000001s: too long; use at most 24h0m0s"},
		{[]string{"-unit", "1281024h"}, "-unit 1281024h0m0s: too long; use at most 24h0m0s"}, // 2*unit wraps around
		{[]string{"-unit", "2562047h47m16.854775807s"}, "too long"},                          // the largest time.Duration
		{[]string{"hello"}, `unexpected argument "hello"`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	} {
		res := checks.Virtual(t, run, 0, tc.args...) // virtual: a bad -unit that slipped through would sleep for real
		assert.Equal(t, 2, res.Code, "%v", tc.args)
		assert.Contains(t, res.Stderr, tc.want, "%v", tc.args)
		assert.Empty(t, res.Stdout, "%v", tc.args)
	}
	res := checks.Real(context.Background(), run, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "-mode string")
}

// TestLongestUnit: the longest -unit is accepted and orders the words as
// any other (hello's 2 units do not wrap around).
func TestLongestUnit(t *testing.T) {
	res := checks.Virtual(t, run, 0, "-unit", maxUnit.String())
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "world\nhello\n")
	assert.Equal(t, longDelay*maxUnit, res.Elapsed)
	// The longest run, in turn, fits in a time.Duration too (the compiler
	// refuses the constant if longer delays make it overflow).
	res = checks.Virtual(t, run, 0, "-mode", "sequential", "-unit", maxUnit.String())
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, (shortDelay+longDelay)*maxUnit, res.Elapsed)
}

// TestTinyUnitTimeline: with 1 ns lesson seconds the timeline shows the
// nanoseconds, not "1 column = 0s".
func TestTinyUnitTimeline(t *testing.T) {
	res := checks.Virtual(t, run, 0, "-unit", "1ns", "-timeline")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "timeline: 1 column = 1µs\n")
	assert.Contains(t, res.Stdout, fmt.Sprintf("0s .. %v  printed", longDelay*time.Nanosecond))
}

// TestOutputLost: output that can not be written (a full disk, here
// /dev/full, or a closed pipe) is an error with exit code 1, not a silent 0.
func TestOutputLost(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full on this system: %v", err)
	}
	defer full.Close()
	var stderr strings.Builder
	code := run(context.Background(), []string{"-unit", "1ms", "-timeline"}, full, &stderr)
	assert.Equal(t, exitOutputLost, code)
	assert.Equal(t, "02-tasks: the output was lost: write /dev/full: no space left on device (exit code 1)\n", stderr.String())

	r, w, err := os.Pipe()
	require.NoError(t, err)
	r.Close() // nobody reads: a write gets EPIPE (Go ignores SIGPIPE on fds other than 1 and 2)
	defer w.Close()
	stderr.Reset()
	code = run(context.Background(), []string{"-unit", "1ms"}, w, &stderr)
	assert.Equal(t, exitOutputLost, code)
	assert.Contains(t, stderr.String(), "the output was lost: write |1: broken pipe")
}

// TestAwaitTwice: a finished Task can be awaited again, as in Python.
func TestAwaitTwice(t *testing.T) {
	task := CreateTask(func() int { return 42 })
	assert.Equal(t, 42, task.Await())
	assert.Equal(t, 42, task.Await())
}

// TestREADME keeps every output block of the README equal to its golden file.
func TestREADME(t *testing.T) {
	golden.README(t, "README.md", checks.Lesson)
}

// TestREADMECode keeps the README's Go excerpts equal to the lesson's code
// (the Future excerpt is in TestFuture, main's fate in mainreturns), so the
// code reads top to bottom as the README explains it.
func TestREADMECode(t *testing.T) {
	golden.READMECode(t, "README.md", "tasks.go", "main_test.go", "mainreturns/main.go")
}

// TestFuture runs the README's Future: the lesson's Task without a
// goroutine, an empty slot that a timer fills after 1 s. Await must wait
// for it, and return what was put in.
func TestFuture(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		fut := &Task[string]{result: make(chan string, 1)} // an empty slot
		time.AfterFunc(time.Second, func() { fut.result <- "ready" })
		got := fut.Await() // "ready", after 1 s
		assert.Equal(t, "ready", got)
		assert.Equal(t, time.Second, time.Since(start))
	})
}

// TestREADMEPython keeps every Python listing of the README equal to the
// file under python/ that it names.
func TestREADMEPython(t *testing.T) {
	golden.READMEPython(t, "README.md")
}

// TestPythonOutput runs the Python scripts whose output the README shows:
// a Task starts at the first await that suspends, and asyncio.run cancels
// and waits for the Tasks main left running.
func TestPythonOutput(t *testing.T) {
	for _, name := range []string{"task_start", "run_cancels"} {
		t.Run(name, func(t *testing.T) { golden.PythonOutput(t, checks.Lesson, name) })
	}
}

// TestMainReturns builds and runs mainreturns, the README's Go side of
// python/run_cancels.py: main returns while a goroutine sleeps for an hour,
// the program ends at once, and the goroutine's deferred print never runs.
func TestMainReturns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), "mainreturns")
	out, err := exec.Command("go", "build", "-o", bin, "./mainreturns").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	// It ends in a few ms; 10 s of real time allows for a loaded machine,
	// and is far from the hour a program that waits for its goroutine takes.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	out, err = exec.CommandContext(ctx, bin).CombinedOutput()
	require.NoError(t, ctx.Err(), "mainreturns did not end: main must return while the goroutine sleeps; it printed %q", out)
	require.NoError(t, err, "%s", out)
	golden.Assert(t, checks.Lesson, "go-mainreturns", out)
}

// TestREADMEDurations: every duration the README claims in bold is one that
// a run here measured, a delay of the lesson, or a bound TestRealClock
// asserts. It records them, by name, in testdata/02-tasks/durations.golden,
// where the exercise checks read what to expect; `make golden` rewrites the
// README's bold numbers from it after a delay changed.
func TestREADMEDurations(t *testing.T) {
	seq := checks.Virtual(t, run, 0, "-mode", "sequential")
	tasks := checks.Virtual(t, run, 0, "-mode", "tasks")
	cancelled := checks.Virtual(t, run, ctrlCAt, "-mode", "tasks")
	golden.READMEClaims(t, "README.md", checks.Lesson, map[string]time.Duration{
		checks.ShortDelay: short,
		checks.LongDelay:  long,
		checks.Sequential: seq.Elapsed,
		checks.Tasks:      tasks.Elapsed,
		checks.CtrlCAt:    cancelled.Elapsed,
		"real-unit":       realUnit,
		"real-sequential": realSequential,
		"real-tasks":      realTasks,
	})
}

// TestUnbufferedTaskHangs answers the README's last question: with an
// unbuffered channel, Await takes the result but then blocks for ever
// putting it back, as nobody else will ever receive it.
func TestUnbufferedTaskHangs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		task := &Task[int]{result: make(chan int)} // no slot
		go func() { task.result <- 42 }()          // what CreateTask's goroutine does
		awaited := make(chan int, 1)
		go func() { awaited <- task.Await() }()
		synctest.Wait() // every goroutine is now blocked for good
		require.Empty(t, awaited, "Await returned, but it should hang")
		assert.Equal(t, 42, <-task.result, "Await hangs putting the result back") // unblock it, so the test can end
		assert.Equal(t, 42, <-awaited)
	})
}

// BenchmarkCreateTask measures the cost of one Task: a goroutine, a one-slot
// channel and an Await.
func BenchmarkCreateTask(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		CreateTask(func() int { return 1 }).Await()
	}
}

// BenchmarkWaitGroupGo measures the same work with wg.Go, for comparison.
func BenchmarkWaitGroupGo(b *testing.B) {
	b.ReportAllocs()
	var sink int
	for b.Loop() {
		var wg sync.WaitGroup
		wg.Go(func() { sink = 1 })
		wg.Wait()
	}
	_ = sink
}
