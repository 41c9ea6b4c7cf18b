package report

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/testmain"
)

// The fixtures in testdata/progress are real `go test -json -race` streams
// of lesson 02-tasks's exercise checks, each with one mistake (NAME.diff);
// testdata/progress/capture.sh records them.

func TestMain(m *testing.M) { testmain.Run(m) }

func readFixture(t *testing.T, name string) []*Lesson {
	t.Helper()
	lessons, err := Read(bytes.NewReader(golden.Read(t, "progress", name+".jsonl")))
	require.NoError(t, err)
	return lessons
}

// src is the workbook as it was when race.jsonl was captured: the report
// reads the learner's file to name the racing variable.
func src(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		"lessons/02-tasks/exercise/tasks.go": {Data: golden.Read(t, "progress", "race.tasks.go.txt")},
	}
}

// TestGoldenReports checks make check's report of each fixture: its exit
// code, the golden file, and the plain paragraph that must come first,
// naming the learner's file and line, before any detail.
func TestGoldenReports(t *testing.T) {
	for _, tc := range []struct {
		fixture   string
		code      int
		paragraph []string // in the paragraph, in this order
		detail    string   // after the paragraph
	}{
		{"shipped", 1, []string{"CreateTask took 1s to return, want 0s: does it start fn in a new goroutine instead of calling it?"}, ""},
		{"solved", 0, nil, ""},
		{"message", 1, []string{
			"-mode tasks took 3s, want 2s: are the two say_afters started before either is awaited?",
			"Output differs from testdata/02-tasks/tasks.golden",
		}, "+++ Actual"},
		{"broken", 1, []string{"lessons/02-tasks/exercise/tasks.go:98 does not compile: undefined: undefined."}, "tasks.go:98:2: undefined: undefined"},
		{"import", 1, []string{
			"lessons/02-tasks/exercise/tasks.go:87 does not compile: undefined: fmt.",
			"fmt is the standard library's package \"fmt\", which tasks.go does not import: add `import \"fmt\"` below its package line",
		}, "tasks.go:87:2: undefined: fmt"},
		{"vet", 1, []string{`lessons/02-tasks/exercise/tasks.go:98 fails go vet, which go test runs before the checks: fmt.Printf format %d has arg "two" of wrong type string.`}, "tasks.go:98:14: fmt.Printf"},
		{"panic", 1, []string{
			"panic: send on closed channel, in (*Task).Await at lessons/02-tasks/exercise/tasks.go:89.",
			"Data race on a channel between tasks.go:89 (send) and tasks.go:77 (close)",
		}, "close   CreateTask.func1  lessons/02-tasks/exercise/tasks.go:77"},
		{"blocked", 1, []string{
			"deadlock: every goroutine of the check is blocked",
			"waiting to receive from a channel in (*Task).Await at lessons/02-tasks/exercise/tasks.go:85.",
			"Does anything still send on (or close) that channel?",
		}, " [chan receive (durable), synctest bubble 1]:"}, // goroutine ids change with each capture,
		{"deadlock", 1, []string{
			"deadlock: the check's code returned while 2 goroutines were still sleeping in a func literal in sayAfter at lessons/02-tasks/exercise/tasks.go:39 (started at tasks.go:38).",
		}, "started by sayAfter  lessons/02-tasks/exercise/tasks.go:38"},
		{"race", 1, []string{
			"data race on err1 between lessons/02-tasks/exercise/tasks.go:119 (read) and tasks.go:120 (write)",
		}, "write   runWaitGroup.func2  lessons/02-tasks/exercise/tasks.go:120"},
		{"leak", 1, []string{
			"every exercise passes, but a goroutine is still running after every check has finished: started at lessons/02-tasks/exercise/tasks.go:133 (in startTicker), now waiting in a select at tasks.go:135.",
		}, "startTicker.func1  lessons/02-tasks/exercise/tasks.go:135"},
		// Lesson 05's checks recover synctest's panic and print the stacks
		// in their message (testdata/progress/capture-stuck.sh).
		{"stuck-ctrlc", 1, []string{
			"the run never ended: every goroutine was blocked for good: a goroutine was still waiting to send on a channel in produce at lessons/05-workers/exercise/workers.go:59",
			"Does anything still receive from that channel?",
		}, "produce  lessons/05-workers/exercise/workers.go:59"},
		{"stuck-returned", 1, []string{
			"probeUntilError returned after 400ms but left goroutines blocked for good: a goroutine was still waiting to send on a channel in a func literal in probeUntilError at lessons/05-workers/exercise/untilerror.go:39",
		}, "deadlock: main bubble goroutine has exited but blocked goroutines remain"},
		{"stuck-never", 1, []string{
			"probeUntilError never returned: it and every goroutine it started were blocked for good: a goroutine was still waiting to send on a channel in a func literal in probeUntilError at lessons/05-workers/exercise/untilerror.go:39;",
			"waiting in wg.Wait",
			"waiting to receive from a channel in probeUntilError at untilerror.go:47.",
			"Does anything still receive from that channel?",
		}, "deadlock: all goroutines in bubble are blocked"},
		// Lesson 01's checks, its challenge and 03's (fetchtest.Call) too.
		{"stuck-pull", 1, []string{
			"the run returned after 125ms but left goroutines blocked for good (a pulled generator that was never stopped?): a goroutine was still suspended in a pulled iterator (iter.Pull), never stopped, in a func literal in pullResults.(*prober).completed at lessons/01-dns-probe/exercise/generator.go:40.",
		}, "deadlock: main bubble goroutine has exited but blocked goroutines remain"},
		{"stuck-firstfree", 1, []string{
			"firstFree returned after 60ms but left goroutines blocked for good: 21 goroutines were still waiting to send on a channel in a func literal in firstFree at lessons/01-dns-probe/exercise/firstfree.go:14",
			"Does anything still receive from that channel?",
		}, "and 20 more with the same stack:\n      firstFree.func1  lessons/01-dns-probe/exercise/firstfree.go:14\n"}, // one stack for the 21
		{"stuck-untilerror", 1, []string{
			"fetchUntilError returned after 150ms but left goroutines blocked for good: 2 goroutines were still waiting to send on a channel in a func literal in fetchUntilError at lessons/03-fetch-v1/exercise/untilerror.go:20",
		}, "deadlock: main bubble goroutine has exited but blocked goroutines remain"},
		{"stuck-mirrors", 1, []string{
			"firstMirror returned after 120ms but left goroutines blocked for good: 2 goroutines were still waiting to send on a channel in a func literal in firstMirror at lessons/03-fetch-v2/exercise/mirrors.go:19",
		}, "deadlock: main bubble goroutine has exited but blocked goroutines remain"},
		{"stuck-limit", 1, []string{
			"limit 2: gatherLimit never returned: it and every goroutine it started were blocked for good: a goroutine was still waiting to send on a channel in gatherLimit at lessons/03-fetch-v3/exercise/limit.go:18",
		}, "deadlock: all goroutines in bubble are blocked"},
		{"timeout", 1, []string{
			"the check did not finish: it timed out after 10s",
			"waiting to lock a mutex in a func literal in CreateTask at tasks.go:78",
			"not durably blocked",
		}, " [sync.Mutex.Lock, synctest bubble 1]:"},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			var out bytes.Buffer
			code, err := Write(&out, readFixture(t, tc.fixture), Options{Src: src(t)})
			require.NoError(t, err)
			assert.Equal(t, tc.code, code)
			golden.Assert(t, "progress", "report-"+tc.fixture, out.Bytes())
			text := out.String()
			_, next, _ := strings.Cut(text, "\nNext: ")
			next, _, _ = strings.Cut(next, "\n\n")
			_, paragraph, _ := strings.Cut(next, "\n")
			paragraph = strings.Join(strings.Fields(paragraph), " ")
			at := 0
			for _, want := range tc.paragraph {
				i := strings.Index(paragraph[at:], want)
				if !assert.GreaterOrEqual(t, i, 0, "the paragraph\n%s\nmust say, after what it said before,\n%s", paragraph, want) {
					return
				}
				at += i + len(want)
			}
			if tc.detail != "" {
				assert.Greater(t, strings.Index(text, tc.detail), strings.Index(text, "\nNext: ")+len(next), "the detail comes after the paragraph")
			}
		})
	}
}

// TestABuildErrorIsNotZeroOfZero: a lesson that does not build lists no
// exercises; the count says so, with their number when an earlier run
// (make watch's) gave it, and never "0 of 0".
func TestABuildErrorIsNotZeroOfZero(t *testing.T) {
	var out bytes.Buffer
	lessons := readFixture(t, "import")
	_, err := Write(&out, lessons, Options{})
	require.NoError(t, err)
	assert.NotContains(t, out.String(), "0 of 0")
	assert.True(t, strings.HasSuffix(out.String(), "\n02-tasks does not build, so none of its exercises could be checked\n"), out.String())

	out.Reset()
	lessons[0].Known = 5
	more := readFixture(t, "message")
	more[0].Name = "03-fetch-v1" // a second lesson, which does build
	_, err = Write(&out, append(lessons, more...), Options{})
	require.NoError(t, err)
	assert.Contains(t, out.String(), "\n4 of 5 exercises done; 02-tasks does not build, so none of its 5 exercises could be checked\n")
}

// TestNotRunIsExplained: after a crash (a panic, a synctest deadlock, a
// timeout) the exercise it happened in is marked crashed, or not yet when
// its check failed first, and the exercises after it not run; a line under
// the list says why, as the root README says. A report without them says
// nothing of it.
func TestNotRunIsExplained(t *testing.T) {
	const why = "not run: the checks stopped at exercise %d (a deadlock or a panic ends the test binary); fix it and they run again\n"
	for fixture, n := range map[string]int{"panic": 1, "deadlock": 4, "timeout": 1} {
		var out bytes.Buffer
		_, err := Write(&out, readFixture(t, fixture), Options{})
		require.NoError(t, err)
		list, _, _ := strings.Cut(out.String(), "\nNext: ")
		assert.Contains(t, list, fmt.Sprintf(why, n), fixture)
		assert.Contains(t, list, "  not run  ", fixture)
	}
	var panicked bytes.Buffer
	_, err := Write(&panicked, readFixture(t, "panic"), Options{})
	require.NoError(t, err)
	assert.Contains(t, panicked.String(), "  1-task             crashed  ")
	var out bytes.Buffer
	_, err = Write(&out, readFixture(t, "message"), Options{})
	require.NoError(t, err)
	assert.NotContains(t, out.String(), "not run")
}

// TestStatusColumnLinesUp: the status column starts at the same place on
// every line, however long an exercise's id (03's challenges are long).
func TestStatusColumnLinesUp(t *testing.T) {
	lessons := readFixture(t, "message")
	lessons[0].Exercises[4].ID = "5-challenge-until-first-error-or-all"
	var out bytes.Buffer
	_, err := Write(&out, lessons, Options{})
	require.NoError(t, err)
	list, _, _ := strings.Cut(out.String(), "\n\n")
	lines := strings.Split(list, "\n")[1:]
	require.Len(t, lines, 5)
	col := strings.Index(lines[0], "done")
	for _, line := range lines {
		status := strings.Index(line, "done")
		if status < 0 {
			status = strings.Index(line, "not yet")
		}
		assert.Equal(t, col, status, "the status column of\n%s", list)
	}
}

func TestTheMessageIsNotCutOff(t *testing.T) {
	// make check once kept the last 12 lines of the detail and dropped
	// the check's own message, and every line starting with "--- ".
	var out bytes.Buffer
	_, err := Write(&out, readFixture(t, "message"), Options{})
	require.NoError(t, err)
	for _, want := range []string{"took 3s, want 2s", "--- Expected", "+++ Actual", "-finished at 00:00:02", "+finished at 00:00:03"} {
		assert.Contains(t, out.String(), want)
	}
	assert.NotContains(t, out.String(), "Error Trace", "the trace names the workbook's checks, not the learner's code")
}

func TestExercisesAfterAPanicAreListed(t *testing.T) {
	lessons := readFixture(t, "panic")
	require.Len(t, lessons, 1)
	require.Len(t, lessons[0].Exercises, 5, "exercise.Run lists every exercise first")
	assert.Equal(t, Running, lessons[0].Exercises[0].State)
	assert.Equal(t, NotRun, lessons[0].Exercises[4].State)
	var out bytes.Buffer
	code, err := Write(&out, lessons, Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "0 of 5 exercises done")
}

func TestTheHintIsTheNextExercises(t *testing.T) {
	// In message.jsonl exercise 2 fails and 1, 3, 4, 5 pass: the hint shown is
	// exercise 2's first, and no other exercise's.
	var out bytes.Buffer
	_, err := Write(&out, readFixture(t, "message"), Options{})
	require.NoError(t, err)
	assert.Contains(t, out.String(), "hint 1 of 2: in runTasks, create both Tasks first, then await them\n")
	assert.Contains(t, out.String(), "(make hint shows hint 2 of 2)")
	assert.Equal(t, 1, strings.Count(out.String(), "hint 1 of"), "one exercise's hints only")
	assert.NotContains(t, out.String(), "CreateTask must return before the work is done", "the second hint waits for make hint")
}

// stream builds a go test -json stream of one lesson from (test, action,
// output) triples.
func stream(events ...[3]string) string {
	var b strings.Builder
	for _, e := range events {
		b.WriteString(`{"Action":"` + e[1] + `","Package":"goasync.dev/workbook/lessons/02-tasks/exercise"`)
		if e[0] != "" {
			b.WriteString(`,"Test":"` + e[0] + `"`)
		}
		if e[2] != "" {
			b.WriteString(`,"Output":` + strings.ReplaceAll(strings.ReplaceAll(`"`+e[2]+`"`, "\n", `\n`), "\t", `\t`))
		}
		b.WriteString("}\n")
	}
	return b.String()
}

func TestSkippedIsNeverDone(t *testing.T) {
	in := stream(
		[3]string{"TestExercises", "output", "    main_test.go:22: exercise 1-task goal: start it\n"},
		[3]string{"TestExercises", "output", "    main_test.go:22: exercise 1-task hint: use go\n"},
		[3]string{"TestExercises/1-task", "run", ""},
		[3]string{"TestExercises/1-task", "output", "    checks.go:12: needs the network\n"},
		[3]string{"TestExercises/1-task", "skip", ""},
		[3]string{"TestExercises", "pass", ""},
		[3]string{"", "pass", ""},
	)
	lessons, err := Read(strings.NewReader(in))
	require.NoError(t, err)
	var out bytes.Buffer
	code, err := Write(&out, lessons, Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, code, "a skipped check is not a passed one")
	assert.Contains(t, out.String(), "0 of 1 exercises done")
	assert.Contains(t, out.String(), "skipped")
	assert.Contains(t, out.String(), "the check was skipped (needs the network): a skipped check proves nothing")
	out.Reset()
	code, err = CheckShipped(&out, lessons)
	require.NoError(t, err)
	assert.Equal(t, 1, code, "a check skipped as shipped proves nothing")
}

func TestNoExercisesIsNotSuccess(t *testing.T) {
	for _, in := range []string{"", "no Go files in /x\n", stream([3]string{"", "pass", ""}), "pattern ./lessons/x/exercise: directory not found\n"} {
		lessons, err := Read(strings.NewReader(in))
		require.NoError(t, err)
		var out bytes.Buffer
		code, err := Write(&out, lessons, Options{})
		require.NoError(t, err)
		assert.Equal(t, 1, code, "total == 0 must not exit 0: %q", in)
		code, err = WriteHint(&out, lessons, Options{})
		require.NoError(t, err)
		assert.Equal(t, 1, code)
		code, err = CheckShipped(&out, lessons)
		require.NoError(t, err)
		assert.Equal(t, 1, code)
	}
}

func TestLinesSplitByTest2jsonAreJoined(t *testing.T) {
	// test2json cuts output lines longer than 1 KiB into several events.
	long := strings.Repeat("x", 1500)
	in := stream(
		[3]string{"TestExercises/1-task", "run", ""},
		[3]string{"TestExercises/1-task", "output", "    checks.go:12: took 3s, " + long[:700]},
		[3]string{"TestExercises/1-task", "output", long[700:] + " want 2s\n"},
		[3]string{"TestExercises/1-task", "fail", ""},
	)
	lessons, err := Read(strings.NewReader(in))
	require.NoError(t, err)
	d := Find(lessons).Diagnose(nil)
	assert.Equal(t, "took 3s, "+long+" want 2s.", d.Paragraph)
}

func TestShipped(t *testing.T) {
	var out bytes.Buffer
	code, err := CheckShipped(&out, readFixture(t, "shipped"))
	require.NoError(t, err)
	assert.Equal(t, 0, code, out.String())
	for _, fixture := range []string{"solved", "broken", "panic", "message"} {
		out.Reset()
		code, err := CheckShipped(&out, readFixture(t, fixture))
		require.NoError(t, err)
		assert.Equal(t, 1, code, "%s as shipped must fail make shipped:\n%s", fixture, out.String())
	}
	out.Reset()
	code, err = CheckShipped(&out, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, code, "no exercises at all is a failure")
}

func TestShippedWithoutHintFails(t *testing.T) {
	lessons := readFixture(t, "shipped")
	lessons[0].Exercises[2].Hints = nil
	var out bytes.Buffer
	code, err := CheckShipped(&out, lessons)
	require.NoError(t, err)
	assert.Equal(t, 1, code, "a missing hint must not be accepted")
	assert.Contains(t, out.String(), "FAIL 02-tasks 3-waitgroup-mode has no hint")
}

func TestOnlyTheLastHintGivesCode(t *testing.T) {
	lessons := readFixture(t, "shipped")
	ex := lessons[0].Exercises[1]
	ex.Hints = []string{"run it in `go func() { ... }()`", "the last may: `wg.Wait()`"}
	var out bytes.Buffer
	code, err := CheckShipped(&out, lessons)
	require.NoError(t, err)
	assert.Equal(t, 1, code, "a hint before the last that gives code must fail")
	assert.Contains(t, out.String(), "FAIL 02-tasks 2-tasks-mode hint 1 of 2 gives code")
	assert.NotContains(t, out.String(), "hint 2 of 2 gives code")
	assert.False(t, givesCode("wrap it in `wg.Go`"), "a name is not code")
}

// TestHintsEscalate follows a learner: make check shows the first hint,
// each make hint one more, up to the last; a pass resets the count, and so
// does a change of the hints.
func TestHintsEscalate(t *testing.T) {
	state := filepath.Join(t.TempDir(), ".workbook", "hints.json")
	load := func() *Hints {
		h, err := LoadHints(state)
		require.NoError(t, err)
		return h
	}
	run := func(write func(*bytes.Buffer, []*Lesson, Options) (int, error), fixture string) string {
		h := load()
		var out bytes.Buffer
		_, err := write(&out, readFixture(t, fixture), Options{Hints: h})
		require.NoError(t, err)
		require.NoError(t, h.Save())
		return out.String()
	}
	check := func(b *bytes.Buffer, l []*Lesson, o Options) (int, error) { return Write(b, l, o) }
	hint := func(b *bytes.Buffer, l []*Lesson, o Options) (int, error) { return WriteHint(b, l, o) }
	const first, second = "hint 1 of 2: in runTasks", "hint 2 of 2: CreateTask must return"

	out := run(check, "message")
	assert.Contains(t, out, first)
	assert.NotContains(t, out, second)
	assert.NoFileExists(t, state, "make check alone reveals nothing new")

	out = run(hint, "message")
	assert.Contains(t, out, first)
	assert.Contains(t, out, second)
	assert.Contains(t, out, "-mode tasks took 3s, want 2s", "make hint repeats what is wrong")
	assert.Contains(t, run(check, "message"), second, "make check now shows both")

	out = run(hint, "message")
	assert.Contains(t, out, "that was the last hint")

	run(check, "solved") // exercise 2 passes: its count is forgotten
	out = run(check, "message")
	assert.Contains(t, out, first)
	assert.NotContains(t, out, second)

	run(hint, "message")
	lessons := readFixture(t, "message")
	lessons[0].Exercises[1].Hints[1] = "a rewritten second hint"
	h := load()
	assert.Equal(t, 1, h.Shown("02-tasks/2-tasks-mode", lessons[0].Exercises[1].Hints), "new hints start again from the first")
}

func TestBadHintFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hints.json")
	require.NoError(t, writeFile(path, "{not json"))
	_, err := LoadHints(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)
	assert.Contains(t, err.Error(), "delete it")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorIsAnError(t *testing.T) {
	code, err := Write(failWriter{}, readFixture(t, "solved"), Options{})
	assert.Equal(t, 2, code)
	assert.ErrorContains(t, err, "disk full")
	code, err = WriteHint(failWriter{}, readFixture(t, "message"), Options{})
	assert.Equal(t, 2, code)
	assert.Error(t, err)
}

func TestWrap(t *testing.T) {
	assert.Equal(t, []string{"aa bb", "cc", "a/very/long/path.go:12", "dd"}, Wrap("aa bb cc a/very/long/path.go:12 dd", 6))
	assert.Empty(t, Wrap("  ", 10))
}

func TestShortName(t *testing.T) {
	for in, want := range map[string]string{
		"goasync.dev/workbook/lessons/02-tasks/exercise.(*Task[...]).Await(...)":             "(*Task).Await",
		"goasync.dev/workbook/lessons/02-tasks/exercise.CreateTask[go.shape.string].func1()": "CreateTask.func1",
		"created by goasync.dev/workbook/lessons/02-tasks/exercise.sayAfter in goroutine 42": "sayAfter",
		"goasync.dev/workbook/lessons/02-tasks/exercise.(*Task[string]).Await-fm()":          "(*Task).Await",
		"main.main()": "main",
		"created by goasync.dev/workbook/lessons/02-tasks/exercise.(*Task[...]).start-fm in goroutine 7": "(*Task).start",
		"goasync.dev/workbook/lessons/02-tasks/exercise.sayAfter(0xc000012345, {0x5c1b2e, 0x5})":         "sayAfter",
		// A race report names a generic function by its shape, which may
		// hold a package's path: go run -race of a gather[T] with T =
		// struct{ URL url.URL } printed this.
		"goasync.dev/workbook/lessons/03-fetch-v1/exercise.gather[go.shape.struct { URL net/url.URL }].func1()": "gather.func1",
	} {
		assert.Equal(t, want, shortName(in), in)
	}
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }

// TestGoldenHint is make hint's output on message.jsonl, the first time
// it is asked: the paragraph, then hints 1 and 2 of 2.
func TestGoldenHint(t *testing.T) {
	h, err := LoadHints(filepath.Join(t.TempDir(), "hints.json"))
	require.NoError(t, err)
	var out bytes.Buffer
	code, err := WriteHint(&out, readFixture(t, "message"), Options{Hints: h})
	require.NoError(t, err)
	assert.Equal(t, 0, code)
	golden.Assert(t, "progress", "hint-message", out.Bytes())
}

// TestCheckWordsBeforeDiff: a check that compares the output first and the
// time second (01's fan-out does) still leads with its own words.
func TestCheckWordsBeforeDiff(t *testing.T) {
	in := stream(
		[3]string{"TestExercises/1-fan-out", "run", ""},
		[3]string{"TestExercises/1-fan-out", "output", "    golden.go:90: \n"},
		[3]string{"TestExercises/1-fan-out", "output", "        \tError Trace:\tgolden.go:90\n"},
		[3]string{"TestExercises/1-fan-out", "output", "        \tError:      \tNot equal: \n"},
		[3]string{"TestExercises/1-fan-out", "output", "        \t            \tDiff:\n"},
		[3]string{"TestExercises/1-fan-out", "output", "        \t            \t-probed 25 names in 260ms\n"},
		[3]string{"TestExercises/1-fan-out", "output", "        \t            \t+probed 25 names in 3.5s\n"},
		[3]string{"TestExercises/1-fan-out", "output", "        \tMessages:   \toutput differs from channel.golden\n"},
		[3]string{"TestExercises/1-fan-out", "output", "    checks.go:190: took 3.5s, want 260ms: are the lookups started at once?\n"},
		[3]string{"TestExercises/1-fan-out", "fail", ""},
	)
	lessons, err := Read(strings.NewReader(in))
	require.NoError(t, err)
	d := Find(lessons).Diagnose(nil)
	assert.Equal(t, "took 3.5s, want 260ms: are the lookups started at once? Output differs from channel.golden.", d.Paragraph)
	assert.Equal(t, []string{"-probed 25 names in 260ms", "+probed 25 names in 3.5s"}, d.Detail)
}

func TestGoTestsOwnErrorIsShown(t *testing.T) {
	lessons, err := Read(strings.NewReader("go: warning: something\npattern ./lessons/9/exercise: directory not found\n"))
	require.NoError(t, err)
	var out bytes.Buffer
	code, err := Write(&out, lessons, Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "Next: go test did not run the checks\n  go: warning: something.\n")
	assert.Contains(t, out.String(), "directory not found")
}

// TestTheCheckHintWins: a check that found the mistake logs its own hint
// (exercise.Hint) in place of the exercise's hints; the report shows it,
// not the first hint of the list that exercise.Run logged first.
func TestTheCheckHintWins(t *testing.T) {
	in := stream(
		[3]string{"TestExercises", "output", "    main_test.go:22: exercise 1-limit goal: at most 3 at once\n"},
		[3]string{"TestExercises", "output", "    main_test.go:22: exercise 1-limit hint: in acquire, send into p.slots\n"},
		[3]string{"TestExercises", "output", "    main_test.go:22: exercise 1-limit hint: release when the lookup is done\n"},
		[3]string{"TestExercises/1-limit", "run", ""},
		[3]string{"TestExercises/1-limit", "output", "    checks.go:12: 25 lookups at once, want at most 3\n"},
		[3]string{"TestExercises/1-limit", "output", "    exercise.go:66: hint: p.release() runs outside the goroutine\n"},
		[3]string{"TestExercises/1-limit", "fail", ""},
	)
	lessons, err := Read(strings.NewReader(in))
	require.NoError(t, err)
	var out bytes.Buffer
	_, err = Write(&out, lessons, Options{})
	require.NoError(t, err)
	assert.Contains(t, out.String(), "hint 1 of 1: p.release() runs outside the goroutine")
	assert.NotContains(t, out.String(), "in acquire", "acquire is right: its hint would mislead")
}

// TestFatalErrors reads the runtime's fatal errors, hand-written in the
// format the runtime prints them (no lesson's exercise makes them yet).
func TestFatalErrors(t *testing.T) {
	d := Diagnose([]string{
		"fatal error: concurrent map writes",
		"",
		"goroutine 23 [running]:",
		"internal/runtime/maps.fatal({0x5c1b2e?, 0x0?})",
		"\t/usr/local/go/src/runtime/panic.go:1058 +0x18",
		"goasync.dev/workbook/lessons/03-fetch-v3/exercise.collect.func1()",
		"\t/home/me/workbook/lessons/03-fetch-v3/exercise/collect.go:41 +0x85",
	}, nil)
	assert.Equal(t, "fatal error: concurrent map writes, in a func literal in collect at lessons/03-fetch-v3/exercise/collect.go:41.", d.Paragraph)
	d = Diagnose([]string{
		"fatal error: all goroutines are asleep - deadlock!",
		"",
		"goroutine 1 [chan receive]:",
		"main.main()",
		"\t/w/lessons/02-tasks/exercise/main.go:12 +0x1d",
	}, nil)
	assert.Equal(t, "deadlock: every goroutine is blocked, so none can ever wake another: a goroutine was still waiting to receive from a channel in main at lessons/02-tasks/exercise/main.go:12. Does anything still send on (or close) that channel?", d.Paragraph)
}

func TestRacingVarNamesFieldsAndElements(t *testing.T) {
	src := fstest.MapFS{"lessons/x/exercise/a.go": {Data: []byte(`package main

func f(s *stage, results []int, i int) int {
	go func() {
		s.count++
		results[i] = 1
	}()
	return s.count + results[0]
}
`)}}
	at := func(line int, op string) access {
		return access{op: op, found: true, at: frame{file: "/w/lessons/x/exercise/a.go", line: line}}
	}
	assert.Equal(t, "s.count", racingVar(src, at(8, "read"), at(5, "write")))
	assert.Equal(t, "results", racingVar(src, at(6, "write"), at(8, "read")))
	assert.Equal(t, "", racingVar(src, at(4, "read"), at(5, "write")), "no variable the two lines share")
	assert.Equal(t, "", racingVar(nil, at(8, "read"), at(5, "write")))
}

// TestStuckFinding: make grade's one line for goroutines that a check found
// blocked for good names the wait and the learner's line, the sender first.
func TestStuckFinding(t *testing.T) {
	for fixture, want := range map[string]string{
		"stuck-ctrlc":      "blocked for good (chan send) at workers.go:59",
		"stuck-returned":   "blocked for good (chan send) at untilerror.go:39",
		"stuck-never":      "blocked for good (chan send) at untilerror.go:39",
		"stuck-pull":       "blocked for good (coroutine) at generator.go:40",
		"stuck-firstfree":  "blocked for good (chan send) at firstfree.go:14",
		"stuck-untilerror": "blocked for good (chan send) at untilerror.go:20",
		"stuck-mirrors":    "blocked for good (chan send) at mirrors.go:19",
		"stuck-limit":      "blocked for good (chan send) at limit.go:18",
	} {
		assert.Equal(t, want, Find(readFixture(t, fixture)).Diagnose(nil).Finding, fixture)
	}
}
