package report

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The lines of these tests are what `go test -v -race` prints, cut where a
// run can be cut: the binary killed in the middle of a report, a stack the
// race detector could not restore, a check's message with no words.

const (
	sep       = "=================="
	warning   = "WARNING: DATA RACE"
	readAt    = "Read at 0x00c00002a5f0 by goroutine 24:"
	writeAt   = "Previous write at 0x00c00002a5f0 by goroutine 25:"
	func1     = "  goasync.dev/workbook/lessons/02-tasks/exercise.runWaitGroup.func1()"
	at119     = "      /workbook/lessons/02-tasks/exercise/tasks.go:119 +0xc4"
	func2     = "  goasync.dev/workbook/lessons/02-tasks/exercise.runWaitGroup.func2()"
	at120     = "      /workbook/lessons/02-tasks/exercise/tasks.go:120 +0x258"
	between   = ": two goroutines use it at the same time and nothing (a channel, a mutex, wg.Wait) orders the two."
	notInMine = "data race (not in your files: see go test -race)"
)

// TestDiagnoseRace: the paragraph and the one-line finding of a race report,
// whole or cut short.
func TestDiagnoseRace(t *testing.T) {
	for _, tc := range []struct {
		name              string
		lines             []string
		paragraph, finder string
		detail            []string // the whole detail, when given
	}{
		{"whole", []string{sep, warning, readAt, func1, at119, "", writeAt, func2, at120, "", sep},
			"data race between lessons/02-tasks/exercise/tasks.go:119 (read) and tasks.go:120 (write)" + between,
			"data race tasks.go:119", []string{"read    runWaitGroup.func1  lessons/02-tasks/exercise/tasks.go:119", "write   runWaitGroup.func2  lessons/02-tasks/exercise/tasks.go:120"}},
		// The binary was killed before the closing line: the last line, the
		// learner's, still counts.
		{"cut before the end", []string{sep, warning, readAt, func1, at119, "", writeAt, func2, at120},
			"data race between lessons/02-tasks/exercise/tasks.go:119 (read) and tasks.go:120 (write)" + between,
			"data race tasks.go:119", nil},
		// The last access ends at the closing line, with no blank line.
		{"no blank line before the end", []string{sep, warning, readAt, func1, at119, "", writeAt, func2, at120, sep},
			"data race between lessons/02-tasks/exercise/tasks.go:119 (read) and tasks.go:120 (write)" + between,
			"data race tasks.go:119", nil},
		{"history lost", []string{sep, warning, readAt, func1, at119, "", writeAt, "  [failed to restore the stack]", "", sep},
			"data race between lessons/02-tasks/exercise/tasks.go:119 (read) and code outside the exercise (write)" + between,
			"data race tasks.go:119", nil},
		// A stack cut to its runtime frame still says it was a close.
		{"a channel, one frame", []string{sep, warning,
			"Write at 0x00c0000a2070 by goroutine 8:", "  runtime.closechan()", "      /usr/local/go/src/runtime/chan.go:414 +0x0", "",
			"Previous read at 0x00c0000a2070 by goroutine 7:", "  runtime.chansend1()", "      /usr/local/go/src/runtime/chan.go:161 +0x0",
			"  goasync.dev/workbook/lessons/02-tasks/exercise.(*Task[...]).Await()", "      /workbook/lessons/02-tasks/exercise/tasks.go:89 +0x44", "", sep},
			"data race on a channel between code outside the exercise (close) and lessons/02-tasks/exercise/tasks.go:89 (send)" + between,
			"data race tasks.go:89", nil},
		{"one access", []string{sep, warning, readAt, func1, at119, sep},
			"data race (the report is below).", "data race tasks.go:119", []string{readAt, func1, at119}},
		{"the header only", []string{sep, warning},
			"data race (the report is below).", notInMine, nil},
		{"not the learner's", []string{sep, warning,
			readAt, "  goasync.dev/workbook/internal/lessontest.Call()", "      /workbook/internal/lessontest/lessontest.go:41 +0x12c", "",
			writeAt, "  goasync.dev/workbook/internal/lessontest.Call()", "      /workbook/internal/lessontest/lessontest.go:44 +0x12c", "", sep},
			"data race between code outside the exercise (read) and code outside the exercise (write)" + between, notInMine, nil},
		// A separator at the very end starts no report.
		{"a separator last", []string{"took 3s", sep}, "", "failed: took 3s", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Diagnose(tc.lines, nil)
			assert.Equal(t, tc.paragraph, d.Paragraph)
			assert.Equal(t, tc.finder, d.Finding)
			if tc.detail != nil {
				assert.Equal(t, tc.detail, d.Detail)
			}
		})
	}
	assert.Equal(t, "data race tasks.go:119", Find(readFixture(t, "race")).Diagnose(nil).Finding)
}

// TestDiagnoseMessages: a check's words, as t.Error prints them.
func TestDiagnoseMessages(t *testing.T) {
	d := Diagnose([]string{
		"    checks.go:12: took 3s, want 2s",
		"    checks.go:13: a second Task was never awaited",
		"    checks.go:14: zero lookups ran",
	}, nil)
	assert.Equal(t, "took 3s, want 2s. A second Task was never awaited. Zero lookups ran.", d.Paragraph, "each sentence starts with a capital")
	assert.Equal(t, "took 3s, want 2s", d.Finding)
	assert.Empty(t, d.Detail, "a one-line message needs no detail")

	d = Diagnose([]string{"    checks.go:12: took 3s, want 2s:", "        world printed at 00:00:03"}, nil)
	assert.Equal(t, "took 3s, want 2s:.", d.Paragraph)
	assert.Equal(t, []string{"took 3s, want 2s:", "  world printed at 00:00:03"}, d.Detail, "the message's last line, the output's last too")

	d = Diagnose([]string{"=== RUN   TestExercises/1-task", "    checks.go:12: ", "--- FAIL: TestExercises/1-task (0.00s)"}, nil)
	assert.Equal(t, Diagnosis{}, d, "an empty message says nothing")

	d = Diagnose([]string{"    checks.go:12: ", "        the output was empty"}, nil)
	assert.Equal(t, []string{"  the output was empty"}, d.Detail, "a message that starts on its second line")
}

// TestStuckOutsideTheLearnersCode: a check's message with the stacks of
// goroutines blocked for good, none of them in the learner's files.
func TestStuckOutsideTheLearnersCode(t *testing.T) {
	d := Diagnose([]string{
		"    checks.go:181: the run never ended: every goroutine was blocked for good:",
		"        goroutine 16567 [chan receive (durable), synctest bubble 4]:",
		"        goasync.dev/workbook/internal/lessontest.Call(0xc00010bd40)",
		"        \t/workbook/internal/lessontest/lessontest.go:41 +0x12d",
	}, nil)
	assert.Equal(t, "the run never ended: every goroutine was blocked for good: goroutines were blocked outside your code (see the stacks below).", d.Paragraph)
	assert.Equal(t, "goroutines blocked for good (none of your files on their stacks)", d.Finding)
	assert.Equal(t, []string{"goroutine 16567 [chan receive (durable), synctest bubble 4]:", "  Call  internal/lessontest/lessontest.go:41"}, d.Detail,
		"the stacks the paragraph points to")
}

// TestDiagnoseTestify: an assert without a message says testify's Error,
// and shows its diff, or the whole Error when there is none.
func TestDiagnoseTestify(t *testing.T) {
	d := Diagnose([]string{
		"    checks.go:30: ",
		"        \tError Trace:\tchecks.go:30",
		"        \tError:      \tShould be true",
		"        \tTest:       \tTestExercises/1-task",
	}, nil)
	assert.Equal(t, "Should be true.", d.Paragraph)
	assert.Equal(t, "Should be true", d.Finding)
	assert.Equal(t, []string{"Should be true"}, d.Detail)

	d = Diagnose([]string{
		"    golden.go:90: ",
		"        \tError Trace:\tgolden.go:90",
		"        \tError:      \tNot equal: ",
		"        \t            \texpected: \"a\"",
		"        \t            \tactual  : \"b\"",
	}, nil)
	assert.Equal(t, "Not equal.", d.Paragraph)
	assert.Equal(t, []string{"Not equal:", `expected: "a"`, `actual  : "b"`}, d.Detail)

	// assert.Fail(t, "", "output differs from channel.golden")
	d = Diagnose([]string{
		"    checks.go:30: ",
		"        \tError Trace:\tchecks.go:30",
		"        \tError:      \t",
		"        \tTest:       \tTestExercises/1-fan-out",
		"        \tMessages:   \toutput differs from channel.golden",
	}, nil)
	assert.Equal(t, "output differs from channel.golden.", d.Paragraph)
	assert.Empty(t, d.Detail, "no detail, not even a blank line")
}

// TestDiagnoseCrash: a panic without a dump, and a deadlock outside the
// learner's code.
func TestDiagnoseCrash(t *testing.T) {
	d := Diagnose([]string{"panic: boom"}, nil)
	assert.Equal(t, "panic: boom.", d.Paragraph)
	assert.Equal(t, "panic: boom", d.Finding)

	d = Diagnose([]string{
		"fatal error: all goroutines are asleep - deadlock!",
		"",
		"goroutine 1 [chan receive]:",
		"goasync.dev/workbook/internal/lessontest.Call()",
		"\t/w/internal/lessontest/lessontest.go:41 +0x1d",
	}, nil)
	assert.Equal(t, "deadlock: every goroutine is blocked, so none can ever wake another: goroutines were blocked outside your code (see the stacks below).", d.Paragraph)
	assert.Equal(t, "deadlock: every goroutine is blocked", d.Finding)
	assert.Equal(t, []string{"fatal error: all goroutines are asleep - deadlock!", "goroutine 1 [chan receive]:", "  Call  internal/lessontest/lessontest.go:41"}, d.Detail,
		"the stacks the paragraph points to")
}

// goleak's report, as leak.jsonl has it.
var (
	leakStart = "goleak: Errors on successful test run: found unexpected goroutines:"
	ticker    = []string{
		"[Goroutine 21 in state select, with goasync.dev/workbook/lessons/02-tasks/exercise.startTicker.func1 on top of the stack:",
		"goasync.dev/workbook/lessons/02-tasks/exercise.startTicker.func1()",
		"\t/workbook/lessons/02-tasks/exercise/tasks.go:135 +0xa9",
		"created by goasync.dev/workbook/lessons/02-tasks/exercise.startTicker in goroutine 1",
		"\t/workbook/lessons/02-tasks/exercise/tasks.go:133 +0x9a",
	}
	checks = []string{
		" Goroutine 22 in state chan receive, with goasync.dev/workbook/internal/lessontest.Call on top of the stack:",
		"goasync.dev/workbook/internal/lessontest.Call()",
		"\t/workbook/internal/lessontest/lessontest.go:41 +0x12c",
	}
	tickerSays = "a goroutine is still running after every check has finished: started at lessons/02-tasks/exercise/tasks.go:133 (in startTicker), now waiting in a select at tasks.go:135. Give it a way to stop (close a channel, cancel a context) and wait for it to end."
)

func TestDiagnoseLeak(t *testing.T) {
	lines := append(append([]string{leakStart}, ticker...), "]")
	assert.Equal(t, tickerSays, Diagnose(lines, nil).Paragraph)
	cut := slices.Clip(lines[:len(lines)-1]) // no room after its end
	assert.Equal(t, tickerSays, Diagnose(cut, nil).Paragraph, "a report cut before its ]")
	assert.Equal(t, "leaked goroutine started at tasks.go:133", Diagnose(lines, nil).Finding)

	d := Diagnose(append(append(append([]string{leakStart}, ticker...), checks...), "]"), nil)
	assert.Equal(t, "2 goroutines are still running after every check has finished: started at lessons/02-tasks/exercise/tasks.go:133 (in startTicker), now waiting in a select at tasks.go:135. Give it a way to stop (close a channel, cancel a context) and wait for it to end.", d.Paragraph)
	assert.Contains(t, d.Detail, "  Call  internal/lessontest/lessontest.go:41", "a path from the workbook's root")

	d = Diagnose(append(append([]string{leakStart}, checks...), "]"), nil)
	assert.Equal(t, "a goroutine is still running after every check has finished (its stack is below, outside your code).", d.Paragraph)
	assert.Equal(t, "leaked goroutine (none of your files on its stack)", d.Finding)
}

// TestDiagnoseLeftovers: what no check explained is shown, its last 20
// lines, and the first is the finding.
func TestDiagnoseLeftovers(t *testing.T) {
	d := Diagnose([]string{"=== RUN   TestExercises/1-task", "signal: killed", "--- FAIL: TestExercises/1-task (0.00s)"}, nil)
	assert.Equal(t, "", d.Paragraph)
	assert.Equal(t, "failed: signal: killed", d.Finding)
	assert.Equal(t, []string{"it also printed:", "signal: killed"}, d.Detail)

	var lines, last []string
	for i := range 25 {
		lines = append(lines, fmt.Sprintf("line %d", i))
	}
	last = lines[5:]
	d = Diagnose(lines, nil)
	assert.Equal(t, append([]string{"it also printed:"}, last...), d.Detail, "the last 20")
	d = Diagnose(lines[:20], nil)
	assert.Equal(t, append([]string{"it also printed:"}, lines[:20]...), d.Detail, "20 lines, all of them")
}

// TestDiagnoseBuildCounts: the paragraph names the first error and counts
// the others; a failure without a file:line is said once.
func TestDiagnoseBuildCounts(t *testing.T) {
	errs := []string{
		"lessons/02-tasks/exercise/tasks.go:98:2: undefined: x",
		"lessons/02-tasks/exercise/tasks.go:99:2: undefined: y",
		"lessons/02-tasks/exercise/tasks.go:100:2: undefined: z",
	}
	for n, want := range map[int]string{1: "undefined: x.", 2: "undefined: x. (1 more error below)", 3: "undefined: x. (2 more errors below)"} {
		d := DiagnoseBuild(append([]string{"# goasync.dev/workbook/lessons/02-tasks/exercise"}, errs[:n]...))
		assert.Equal(t, "lessons/02-tasks/exercise/tasks.go:98 does not compile: "+want, d.Paragraph)
	}
	d := DiagnoseBuild([]string{"go: updates to go.mod needed; to update it:", "\tgo mod tidy"})
	assert.Equal(t, "go: updates to go.mod needed; to update it:.", d.Paragraph)
	assert.Equal(t, []string{"\tgo mod tidy"}, d.Detail)
}

// TestWhere: a frame's file is named from the workbook's root, wherever the
// workbook is (at / in a container too).
func TestWhere(t *testing.T) {
	for file, want := range map[string]string{
		"/lessons/02-tasks/exercise/tasks.go":            "lessons/02-tasks/exercise/tasks.go:7",
		"/home/me/wb/lessons/02-tasks/exercise/tasks.go": "lessons/02-tasks/exercise/tasks.go:7",
		"/home/me/wb/internal/lessontest/lessontest.go":  "internal/lessontest/lessontest.go:7",
		"/home/me/wb/solutions/02-tasks/tasks.go":        "solutions/02-tasks/tasks.go:7",
		"/usr/local/go/src/runtime/chan.go":              "/usr/local/go/src/runtime/chan.go:7",
		"lessons/02-tasks/exercise/tasks.go":             "lessons/02-tasks/exercise/tasks.go:7",
	} {
		assert.Equal(t, want, frame{file: file, line: 7}.where(), file)
	}
}
