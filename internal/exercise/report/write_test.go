package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// read parses a stream built by stream.
func read(t *testing.T, events ...[3]string) []*Lesson {
	t.Helper()
	lessons, err := Read(strings.NewReader(stream(events...)))
	require.NoError(t, err)
	return lessons
}

// report is make check's report of lessons, and its exit code.
func report(t *testing.T, lessons []*Lesson, opt Options) (string, int) {
	t.Helper()
	var out bytes.Buffer
	code, err := Write(&out, lessons, opt)
	require.NoError(t, err)
	return out.String(), code
}

// hint is make hint's output, and its exit code.
func hint(t *testing.T, lessons []*Lesson, opt Options) (string, int) {
	t.Helper()
	var out bytes.Buffer
	code, err := WriteHint(&out, lessons, opt)
	require.NoError(t, err)
	return out.String(), code
}

var (
	list1 = [3]string{"TestExercises", "output", "    main_test.go:22: exercise 1-task goal: start it\n"}
	hint1 = [3]string{"TestExercises", "output", "    main_test.go:22: exercise 1-task hint: use go\n"}
	run1  = [3]string{"TestExercises/1-task", "run", ""}
	pass1 = [3]string{"TestExercises/1-task", "pass", ""}
	fail1 = [3]string{"TestExercises/1-task", "fail", ""}
	said1 = [3]string{"TestExercises/1-task", "output", "    checks.go:12: took 1s, want 0s\n"}
)

// TestOneExercise: a lesson of one exercise is done when it passes, and its
// one hint is shown once, with no "last hint" after it.
func TestOneExercise(t *testing.T) {
	out, code := report(t, read(t, list1, hint1, run1, pass1, [3]string{"", "pass", ""}), Options{})
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "1 of 1 exercises done")
	assert.True(t, read(t, list1, run1, pass1)[0].Done())

	failing := read(t, list1, hint1, run1, said1, fail1)
	out, _ = report(t, failing, Options{})
	assert.Contains(t, out, "  took 1s, want 0s.\n\n  hint 1 of 1: use go\n0 of 1 exercises done\n")
	h, err := LoadHints(filepath.Join(t.TempDir(), "hints.json"))
	require.NoError(t, err)
	for range 2 {
		out, code = hint(t, failing, Options{Hints: h})
		assert.Equal(t, 0, code)
		assert.Contains(t, out, "hint 1 of 1: use go")
		assert.NotContains(t, out, "last hint", "hint 1 of 1 says it")
	}

	var ship bytes.Buffer
	code, err = CheckShipped(&ship, failing)
	require.NoError(t, err)
	assert.Equal(t, 0, code, ship.String())
	assert.Equal(t, "ok   02-tasks 1-task fails as shipped\n1 exercises checked as shipped\n", ship.String())
}

// TestNoHints: an exercise without hints shows none, and make hint says so
// and saves nothing.
func TestNoHints(t *testing.T) {
	lessons := read(t, list1, run1, said1, fail1)
	out, _ := report(t, lessons, Options{})
	assert.Equal(t, "Exercises\n  02-tasks  1-task  not yet  start it\n\nNext: 02-tasks exercise 1 (task), in lessons/02-tasks/exercise\n  took 1s, want 0s.\n0 of 1 exercises done\n", out)

	state := filepath.Join(t.TempDir(), "hints.json")
	h, err := LoadHints(state)
	require.NoError(t, err)
	out, _ = hint(t, lessons, Options{Hints: h})
	assert.Contains(t, out, "this exercise has no hints")
	assert.Equal(t, 0, h.Next("02-tasks/1-task", nil))
	assert.Equal(t, 0, h.Shown("02-tasks/1-task", nil))
	require.NoError(t, h.Save())
	assert.NoFileExists(t, state, "no hints, nothing to remember")
}

// TestHintFileOfAnEarlierRun: the hints seen that an earlier make hint
// saved still count (the file outlives an update of the workbook).
func TestHintFileOfAnEarlierRun(t *testing.T) {
	state := filepath.Join(t.TempDir(), "hints.json")
	require.NoError(t, writeFile(state, `{"02-tasks/2-tasks-mode": {"shown": 2, "digest": "1d4bcb25b2d3"}}`))
	h, err := LoadHints(state)
	require.NoError(t, err)
	out, _ := report(t, readFixture(t, "message"), Options{Hints: h})
	assert.Contains(t, out, "hint 2 of 2: CreateTask must return")
}

// TestReadOrder: exercises in their numbered order, 2 before 10, and a last
// line with no newline still read.
func TestReadOrder(t *testing.T) {
	lessons := read(t,
		[3]string{"TestExercises/10-last", "run", ""},
		[3]string{"TestExercises/10-last", "fail", ""},
		[3]string{"TestExercises/2-tasks", "run", ""},
		[3]string{"TestExercises/2-tasks", "fail", ""},
		[3]string{"TestExercises/2-tasks", "output", "    checks.go:12: took 3s, want 2s"},
	)
	require.Len(t, lessons[0].Exercises, 2)
	assert.Equal(t, "2-tasks", lessons[0].Exercises[0].ID)
	assert.Equal(t, "took 3s, want 2s.", Find(lessons).Diagnose(nil).Paragraph)
}

// TestGoTestSaidNothing: no package ran and go test said one line, or
// nothing at all.
func TestGoTestSaidNothing(t *testing.T) {
	lessons, err := Read(strings.NewReader("pattern ./lessons/9/exercise: directory not found\n"))
	require.NoError(t, err)
	out, code := report(t, lessons, Options{})
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "Next: go test did not run the checks\n  pattern ./lessons/9/exercise: directory not found.\n")

	lessons, err = Read(strings.NewReader(""))
	require.NoError(t, err)
	out, _ = report(t, lessons, Options{})
	assert.Equal(t, "Exercises\n\nno exercises found: did go test run the exercise folders (go test -tags exercise ./lessons/*/exercise)?\n", out)
}

// panicked is a lesson whose test binary panicked before it listed its
// exercises: no exercise, no build output.
func panicked() *Lesson {
	return &Lesson{Name: "02-tasks", Failed: true, Output: []string{"panic: boom", "", "goroutine 1 [running]:"}}
}

// notBuilt is a lesson that does not build, in one line.
func notBuilt() *Lesson {
	return &Lesson{Name: "03-fetch-v1", Failed: true, Build: []string{"lessons/03-fetch-v1/exercise/fetch.go:9:2: undefined: x"}}
}

// TestLessonWithoutExercises: a lesson that lists none comes first, says
// why (it does not build, or it stopped before its checks), and is counted
// by the number an earlier run gave.
func TestLessonWithoutExercises(t *testing.T) {
	out, _ := report(t, []*Lesson{panicked()}, Options{})
	assert.Contains(t, out, "  02-tasks  did not run its checks: see below\n")
	assert.Contains(t, out, "\n  panic: boom.\n")
	assert.False(t, panicked().Done())
	assert.False(t, (&Lesson{Name: "02-tasks"}).Done(), "a lesson that ran no exercise is not done")

	failing := read(t, list1, run1, said1, fail1)
	out, _ = report(t, append(failing, notBuilt()), Options{})
	assert.Contains(t, out, "  03-fetch-v1  does not build: see below\n")
	assert.Contains(t, out, "Next: lessons/03-fetch-v1/exercise\n  lessons/03-fetch-v1/exercise/fetch.go:9 does not compile: undefined: x.\n", "a lesson that does not build comes first")

	l := notBuilt()
	l.Known = 1
	out, _ = report(t, []*Lesson{l}, Options{})
	assert.True(t, strings.HasSuffix(out, "\n03-fetch-v1 does not build, so its one exercise could not be checked\n"), out)

	var ship bytes.Buffer
	code, err := CheckShipped(&ship, []*Lesson{panicked(), notBuilt()})
	require.NoError(t, err)
	assert.Equal(t, 1, code)
	assert.Contains(t, ship.String(), "FAIL 02-tasks: the shipped exercise does not build or run: panic: boom.\n")
	assert.Contains(t, ship.String(), "FAIL 03-fetch-v1: the shipped exercise does not build or run: lessons/03-fetch-v1/exercise/fetch.go:9 does not compile: undefined: x.\n")
}

// TestNotRunBeforeAny: a crash before the first exercise started leaves
// them all not run; with two lessons the line names its lesson.
func TestNotRunBeforeAny(t *testing.T) {
	lessons := read(t, list1,
		[3]string{"TestExercises", "output", "panic: boom\n"},
		[3]string{"TestExercises", "fail", ""},
	)
	out, _ := report(t, lessons, Options{})
	assert.Contains(t, out, "\nnot run: the checks stopped before them (a deadlock or a panic ends the test binary); fix it and they run again\n")

	other := read(t, list1, run1, pass1)
	other[0].Name = "01-dns-probe"
	out, _ = report(t, append(other, lessons...), Options{})
	assert.Contains(t, out, "\nnot run: the checks of 02-tasks stopped before them")
}

// TestOneExercisePassesButLeaks: "every exercise passes" holds for a
// lesson of one exercise too.
func TestOneExercisePassesButLeaks(t *testing.T) {
	lessons := readFixture(t, "leak")
	lessons[0].Exercises = lessons[0].Exercises[:1]
	out, _ := report(t, lessons, Options{})
	assert.Contains(t, out, "\n  every exercise passes, but a goroutine is still running")
}

func TestUnclosedCodeSpanGivesCode(t *testing.T) {
	assert.True(t, givesCode("then call `wg.Wait()"), "a hint cut after its backtick still quotes code")
}
