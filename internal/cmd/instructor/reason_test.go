package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestReasons: each kind of failure becomes its one line, naming the
// student's file:line and never a file of the checks or the runtime.
func TestReasons(t *testing.T) {
	const ex = "goasync.dev/workbook/lessons/02-tasks/exercise/"
	for _, tc := range []struct{ name, out, want string }{
		{"race", "=== RUN   TestExercises/3-waitgroup-mode\n==================\nWARNING: DATA RACE\nWrite at 0x00c by goroutine 9:\n  main.runWaitGroup.func1()\n      " + ex + "tasks.go:97 +0x64\n  sync.(*WaitGroup).Go.func1()\n      sync/waitgroup.go:239 +0x5d\n",
			"data race tasks.go:97"},
		{"goleak", "PASS\ngoleak: Errors on successful test run: found unexpected goroutines:\n[Goroutine 8 in state chan send, with main.runTasks.func2 on top of the stack:\nmain.runTasks.func2()\n\t" + ex + "tasks.go:91 +0x4a\ncreated by main.runTasks in goroutine 7\n\t" + ex + "tasks.go:91 +0x10d\n]\n",
			"leaked goroutine started at tasks.go:91"},
		{"bubble leak", "panic: deadlock: main bubble goroutine has exited but blocked goroutines remain [recovered]\n\ngoroutine 9 [chan send (durable), synctest bubble 1]:\nmain.fetchAll.func1()\n\t" + "goasync.dev/workbook/lessons/03-fetch-v2/exercise/collect.go:31 +0x8a\ncreated by main.fetchAll in goroutine 8\n\tgoasync.dev/workbook/lessons/03-fetch-v2/exercise/collect.go:30 +0x12\n",
			"leaked goroutine started at collect.go:30"},
		{"timeout", "panic: test timed out after 1m0s\n\trunning tests:\n\t\tTestExercises/4-cancel (1m0s)\n", "timed out after 1m0s: does something wait forever?"},
		{"panic", "--- FAIL: TestExercises/1-task (0.00s)\npanic: runtime error: index out of range [3] with length 3 [recovered]\n\ngoroutine 7 [running]:\nmain.CreateTask[...]()\n\t" + ex + "tasks.go:63 +0x1d\n",
			"panic: runtime error: index out of range [3] with length 3 at tasks.go:63"},
		{"deadlock", "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.(*Task[...]).Await(...)\n\t" + ex + "tasks.go:71\n",
			"deadlock: blocked at tasks.go:71"},
		{"unknown", "=== RUN   TestExercises/1-task\n    exercise.go:42: goal: CreateTask returns at once\nsomething odd\n--- FAIL: TestExercises/1-task (0.00s)\nFAIL\n",
			"failed: something odd"},
		{"parent logs", "=== RUN   TestExercises\n    main_test.go:22: exercise 1-task goal: CreateTask returns at once\n    main_test.go:22: exercise 1-task hint: use go\n=== RUN   TestExercises/2-tasks-mode\n    exercise.go:55: goal: -mode tasks\n    checks.go:126: -mode tasks took 3s, want 2s: are they?\n    exercise.go:60: hint 1 of 2: create both\n",
			"-mode tasks took 3s, want 2s"},
		{"errorf", "=== RUN   TestExercises/2-tasks-mode\n    exercise.go:42: goal: -mode tasks prints world, then hello\n    checks.go:126: -mode tasks took 3s, want 2s: are the two say_afters started before either is awaited?\n",
			"-mode tasks took 3s, want 2s"},
		{"testify", "    checks.go:130: \n        \tError Trace:\tgolden.go:90\n        \tError:      \tNot equal: \n        \t            \t--- Expected\n        \tMessages:   \toutput differs from testdata/02-tasks/tasks.golden (expected = reference, actual = this run)\n",
			"output differs from testdata/02-tasks/tasks.golden"},
	} {
		assert.Equal(t, tc.want, failReason(tc.out), tc.name)
	}
	assert.Equal(t, "tasks.go:89: undefined: errTimeout", buildReason("# goasync.dev/workbook/lessons/02-tasks/exercise [goasync.dev/workbook/lessons/02-tasks/exercise.test]\n./tasks.go:89:27: undefined: errTimeout\n"))
}

// TestScores: an exercise the reference fails is not graded, so it counts
// neither for nor against a student.
func TestScores(t *testing.T) {
	g := &grader{broken: map[string]string{"2-proof": "not graded: the reference fails this check in a handout: x"}}
	rows := g.markBroken([]Row{
		{Student: "ada", Exercise: "1-task", Status: Pass},
		{Student: "ada", Exercise: "2-proof", Status: Fail, Reason: "hint"},
		{Student: "bob", Exercise: "1-task", Status: Fail, Reason: "took 3s, want 2s"},
		{Student: "bob", Exercise: "2-proof", Status: Fail},
	})
	assert.Equal(t, NotGraded, rows[1].Status)
	var b strings.Builder
	assert.NoError(t, writeTable(&b, rows))
	assert.Regexp(t, `(?m)^ada\s+1 of 1\s*$`, b.String())
	assert.Regexp(t, `(?m)^bob\s+0 of 1\s*$`, b.String())
}
