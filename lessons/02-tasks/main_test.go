package main

import (
	"context"
	"sync"
	"testing"
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

// TestVirtualDurations is the lesson's claim: awaited in turn the two
// say_afters take 1 s + 2 s = 3 s; as Tasks or goroutines they overlap and
// take 2 s, the longer of the two, and world (1 s) prints before hello (2 s).
func TestVirtualDurations(t *testing.T) {
	for mode, want := range map[string]struct {
		elapsed time.Duration
		words   string
	}{
		"sequential": {3 * time.Second, "hello\nworld\n"},
		"tasks":      {2 * time.Second, "world\nhello\n"},
		"waitgroup":  {2 * time.Second, "world\nhello\n"},
	} {
		t.Run(mode, func(t *testing.T) {
			res := checks.Virtual(t, run, 0, "-mode", mode)
			assert.Equal(t, want.elapsed, res.Elapsed)
			assert.Contains(t, res.Stdout, want.words)
		})
	}
}

// TestUnitScalesTime checks -unit: with 250ms lesson seconds, tasks take 500ms.
func TestUnitScalesTime(t *testing.T) {
	res := checks.Virtual(t, run, 0, "-mode", "tasks", "-unit", "250ms")
	assert.Equal(t, 500*time.Millisecond, res.Elapsed)
	res = checks.Virtual(t, run, 0, "-mode", "sequential", "-unit", "250ms")
	assert.Equal(t, 750*time.Millisecond, res.Elapsed)
}

// TestRealClock runs on the real clock with 200 ms lesson seconds: the
// concurrent modes must end before the sequential sum (600 ms), so the
// overlap is real and not an artefact of virtual time. The lower bounds hold
// on any machine; the upper bound leaves 200 ms for a slow, loaded CI runner
// (the race detector on two cores next to other test binaries).
func TestRealClock(t *testing.T) {
	const unit = 200 * time.Millisecond
	seq := checks.Real(context.Background(), run, "-mode", "sequential", "-unit", unit.String())
	require.Equal(t, 0, seq.Code, seq.Stderr)
	assert.GreaterOrEqual(t, seq.Elapsed, 3*unit, "sequential can not beat 1+2 units")
	for _, mode := range []string{"tasks", "waitgroup"} {
		res := checks.Real(context.Background(), run, "-mode", mode, "-unit", unit.String())
		require.Equal(t, 0, res.Code, res.Stderr)
		assert.GreaterOrEqual(t, res.Elapsed, 2*unit, "%s can not beat its longer say_after", mode)
		assert.Less(t, res.Elapsed, 3*unit, "%s took %v, not less than the sequential sum %v: no real overlap", mode, res.Elapsed, 3*unit)
	}
}

// TestGoldenCancelSequential: Ctrl-C during the first say_after of the sequential
// mode cancels it; the second one never starts.
func TestGoldenCancelSequential(t *testing.T) {
	res := checks.Virtual(t, run, 1500*time.Millisecond, "-mode", "sequential")
	assert.Equal(t, 1500*time.Millisecond, res.Elapsed)
	assert.Equal(t, 130, res.Code)
	golden.Assert(t, checks.Lesson, "sequential-cancelled", []byte(res.Stdout+"-- stderr --\n"+res.Stderr))
}

// TestGoldenCancelTasks pins what Ctrl-C prints in tasks mode (the exercise
// checks compare against this file).
func TestGoldenCancelTasks(t *testing.T) {
	res := checks.Virtual(t, run, 500*time.Millisecond, "-mode", "tasks", "-timeline")
	assert.Equal(t, 130, res.Code)
	golden.Assert(t, checks.Lesson, "tasks-cancelled-timeline", []byte(res.Stdout+"-- stderr --\n"+res.Stderr))
	res = checks.Virtual(t, run, 500*time.Millisecond, "-mode", "tasks")
	golden.Assert(t, checks.Lesson, "tasks-cancelled", []byte(res.Stdout+"-- stderr --\n"+res.Stderr))
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
		{[]string{"-unit", "fast"}, `invalid value "fast" for flag -unit`},
		{[]string{"hello"}, `unexpected argument "hello"`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	} {
		res := checks.Real(context.Background(), run, tc.args...)
		assert.Equal(t, 2, res.Code, "%v", tc.args)
		assert.Contains(t, res.Stderr, tc.want, "%v", tc.args)
		assert.Empty(t, res.Stdout, "%v", tc.args)
	}
	res := checks.Real(context.Background(), run, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "-mode string")
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
