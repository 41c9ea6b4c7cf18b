package main

import (
	"context"
	"errors"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/04-timeouts/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// virtual runs the lesson on its world in virtual time.
func virtual(t *testing.T, cancelAfter time.Duration, args ...string) checks.Result {
	t.Helper()
	return checks.Virtual(t, lessonWorld(), run, cancelAfter, args...)
}

// TestExercises runs the exercise checks against the reference: every one
// must pass here, and fail on the shipped copy in exercise/.
func TestExercises(t *testing.T) {
	exercise.Run(t, checks.Exercises(run, lessonWorld))
}

// TestGolden pins the output of every mode, with and without -timeline.
func TestGolden(t *testing.T) {
	for _, mode := range modes {
		for _, tl := range []bool{false, true} {
			name, args := mode, []string{"-mode", mode}
			if tl {
				name, args = mode+"-timeline", append(args, "-timeline")
			}
			t.Run(name, func(t *testing.T) {
				res := virtual(t, 0, args...)
				assert.Zero(t, res.Leftover, "goroutines left running")
				golden.Assert(t, checks.Lesson, name, []byte(res.Output()))
			})
		}
	}
}

// The world's latencies, which the lesson's story needs in this order:
// python.org, then example.com, answer before the deadline; httpbin.org
// after it.
var (
	pythonOrg  = latency(simnet.PythonURL)
	exampleCom = latency(simnet.ExampleURL)
	httpbinOrg = latency(simnet.HTTPBinURL)
)

// TestWorldTellsTheStory: the deadline falls strictly between two answers,
// never on one (a tie, TestTieAtTheDeadline), and the hedge wins only if
// the fast mirror, asked after the hedge delay, answers before the slow one.
func TestWorldTellsTheStory(t *testing.T) {
	assert.Less(t, pythonOrg, exampleCom)
	assert.Less(t, exampleCom, defaultTimeout, "example.com must answer before the deadline")
	assert.Less(t, defaultTimeout, httpbinOrg, "httpbin.org must answer after the deadline")
	assert.Greater(t, cancelAt, pythonOrg, "-mode cancel-one cancels after python.org answered")
	assert.Less(t, cancelAt, exampleCom, "... and before example.com does")
	assert.Less(t, defaultHedge+fastMirrorLatency, slowMirrorLatency, "the hedge must win")
	assert.Less(t, defaultHedge, slowMirrorLatency, "the slow mirror must not answer before the hedge")
}

// TestVirtualDurations: each mode ends exactly when the story says.
func TestVirtualDurations(t *testing.T) {
	for mode, want := range map[string]struct {
		elapsed time.Duration
		code    int
	}{
		"total":       {defaultTimeout, 1},                          // cut at the deadline
		"per-request": {exampleCom + defaultTimeout + pythonOrg, 1}, // in turn, httpbin cut after its own deadline
		"cancel-one":  {exampleCom, 0},                              // the slowest left, httpbin cancelled
		"shield":      {httpbinOrg, 0},                              // the deadline did not cut the fetch
		"hedge":       {defaultHedge + fastMirrorLatency, 0},        // the fast mirror, asked at the hedge
	} {
		t.Run(mode, func(t *testing.T) {
			res := virtual(t, 0, "-mode", mode)
			assert.Equal(t, want.elapsed, res.Elapsed)
			assert.Equal(t, want.code, res.Code, res.Stderr)
		})
	}
}

// TestShieldGivesUpAtTheDeadline: the wait gives up at the deadline while
// the shielded fetch goes on.
func TestShieldGivesUpAtTheDeadline(t *testing.T) {
	res := virtual(t, 0, "-mode", "shield")
	assert.Contains(t, res.Stdout, "  300ms  gave up    https://httpbin.org/get  waiting: context deadline exceeded; the fetch goes on\n")
}

// TestDeadlineShorterThanAnyAnswer: a deadline before the fastest answer
// cuts everything, and says so.
func TestDeadlineShorterThanAnyAnswer(t *testing.T) {
	for _, mode := range []string{"total", "per-request"} {
		res := virtual(t, 0, "-mode", mode, "-timeout", "100ms")
		assert.Equal(t, 1, res.Code)
		assert.Contains(t, res.Stdout, "0 ok, 0 failed, 3 cut")
		assert.Equal(t, "every URL was cut: -timeout 100ms passed before any answered (the fastest, https://www.python.org, takes 150ms); raise -timeout (exit code 1)\n", res.Stderr)
	}
	golden.Assert(t, checks.Lesson, "per-request-100ms", []byte(virtual(t, 0, "-mode", "per-request", "-timeout", "100ms").Output()))
}

// TestFastest: the URL the world answers first, wherever it stands in the
// list; of two as fast, the first.
func TestFastest(t *testing.T) {
	assert.Equal(t, fastMirror, fastest([]string{slowMirror, fastMirror}))
	assert.Equal(t, fastMirror, fastest([]string{fastMirror, slowMirror}))
	assert.Equal(t, simnet.HTTPBinURL, fastest([]string{simnet.HTTPBinURL, slowMirror}), "both take 400ms")
	assert.Equal(t, slowMirror, fastest([]string{slowMirror, simnet.HTTPBinURL}), "both take 400ms")
}

// TestLongDeadlineCutsNothing: a deadline after the slowest answer cuts
// nothing, and the run takes the slowest URL's latency.
func TestLongDeadlineCutsNothing(t *testing.T) {
	res := virtual(t, 0, "-timeout", "1s")
	assert.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, httpbinOrg, res.Elapsed)
	assert.Contains(t, res.Stdout, "3 ok, 0 failed, 0 cut")
}

// TestTieAtTheDeadline: with -timeout 250ms, example.com's answer and the
// deadline come at the same virtual instant. Which wins is a race that
// neither Go nor the lesson decides: each run ends at 250ms with
// example.com either completed or cut, and never anything else.
func TestTieAtTheDeadline(t *testing.T) {
	seen := map[string]int{}
	for range 20 {
		res := virtual(t, 0, "-timeout", exampleCom.String())
		assert.Equal(t, exampleCom, res.Elapsed)
		line := ""
		for l := range strings.Lines(res.Stdout) {
			if strings.Contains(l, simnet.ExampleURL) {
				line = strings.Fields(l)[1]
			}
		}
		require.Contains(t, []string{"completed", "cut"}, line, res.Stdout)
		seen[line]++
	}
	t.Logf("example.com at the 250ms deadline, 20 runs: %v", seen)
}

// TestHedgeNotNeeded: with a hedge delay longer than the slow mirror's
// latency, the first mirror answers and the second is never asked.
func TestHedgeNotNeeded(t *testing.T) {
	res := virtual(t, 0, "-mode", "hedge", "-hedge", "1s")
	assert.Equal(t, slowMirrorLatency, res.Elapsed)
	assert.NotContains(t, res.Stdout, fastMirror)
}

// TestCtrlCVirtual: Ctrl-C during -mode total ends the fetches at once
// with their cause "interrupted", and exits 130; in -mode shield it ends
// the wait too, although the fetch itself is shielded.
func TestCtrlCVirtual(t *testing.T) {
	for _, mode := range modes {
		res := virtual(t, 50*time.Millisecond, "-mode", mode)
		assert.Equal(t, 130, res.Code, "%s: %s", mode, res.Stderr)
		assert.Equal(t, 50*time.Millisecond, res.Elapsed, mode)
		assert.Contains(t, res.Stderr, "interrupted after 50ms", mode)
	}
	// Between example.com's answer and the deadline only httpbin.org is in
	// flight, so the output is the same on every run.
	at := (exampleCom + defaultTimeout) / 2
	golden.Assert(t, checks.Lesson, "total-cancelled", []byte(virtual(t, at).Output()))
}

// TestOneURLIsSingular: a run of one URL says "of 1 URL", not "of 1 URLs",
// in each line that counts them: Ctrl-C, a cut.
func TestOneURLIsSingular(t *testing.T) {
	res := virtual(t, 50*time.Millisecond, "-mode", "hedge")
	assert.Equal(t, "interrupted after 50ms: 0 of 1 URL finished (exit code 130)\n", res.Stderr)
	for _, line := range []string{report2(t, 0, 1), report2(t, 1, 0)} {
		assert.NotContains(t, line, "1 URLs")
		assert.Contains(t, line, "of 1 URL ")
	}
}

// report2 is report's stderr line for one URL, cut or failed.
func report2(t *testing.T, cut, failed int) string {
	t.Helper()
	r := fetch.Result{URL: slowMirror}
	switch {
	case cut > 0:
		r.Err = fetch.Cancelled{Cause: context.DeadlineExceeded}
	case failed > 0:
		r.Err = errors.New("refused")
	}
	_, line := report(context.Background(), io.Discard, "shield", time.Second, []string{slowMirror}, []fetch.Result{r}, time.Second)
	return line
}

// TestBadInput: every bad flag names itself, says what to do, exits 2.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-mode", "fastest"}, `04-timeouts: unknown -mode "fastest": use total, per-request, cancel-one, shield, hedge` + "\n"},
		{[]string{"-timeout", "0"}, "04-timeouts: -timeout 0s: must be a positive duration such as 300ms (a deadline of 0 or less would cut everything before it starts)\n"},
		{[]string{"-timeout", "-1s"}, "04-timeouts: -timeout -1s: must be a positive duration"},
		{[]string{"-hedge", "0s"}, "04-timeouts: -hedge 0s: must be a positive duration such as 100ms"},
		{[]string{"-timeout", "soon"}, `04-timeouts: -timeout "soon": not a duration`},
		{[]string{"https://go.dev"}, `04-timeouts: unexpected argument "https://go.dev": this lesson fetches its own URLs and takes only flags (see -h)` + "\n"},
		{[]string{"-nope"}, "04-timeouts: flag provided but not defined: -nope (-h lists the flags)\n"},
		{[]string{"-mode", "hedge", "-timeout", "1s"}, "04-timeouts: -timeout does nothing in -mode hedge: it is read only by -mode total, per-request, shield\n"},
		{[]string{"-mode", "cancel-one", "-timeout", "1s"}, "04-timeouts: -timeout does nothing in -mode cancel-one: it is read only by -mode total, per-request, shield\n"},
		{[]string{"-hedge", "50ms"}, "04-timeouts: -hedge does nothing in -mode total: it is read only by -mode hedge\n"},
	} {
		res := virtual(t, 0, tc.args...)
		assert.Equal(t, 2, res.Code, "%v", tc.args)
		assert.Contains(t, res.Stderr, tc.want, "%v", tc.args)
		assert.Equal(t, 1, strings.Count(res.Stderr, "\n"), "one line: %v", tc.args)
		assert.Empty(t, res.Stdout, "%v", tc.args)
	}
	res := fetchtest.Real(context.Background(), run, nil, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "-mode string")
}

// TestOutputLost: output that can not be written is an error with exit
// code 1, not a silent 0.
func TestOutputLost(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full on this system: %v", err)
	}
	defer full.Close()
	var stderr strings.Builder
	code := run(context.Background(), []string{"-mode", "hedge", "-hedge", "1ms"}, full, &stderr, nil)
	assert.Equal(t, exitCut, code)
	assert.Equal(t, "04-timeouts: the output was lost: write /dev/full: no space left on device (exit code 1)\n", stderr.String())
	// A run that also fails says only that the output was lost: one line.
	stderr.Reset()
	code = run(context.Background(), []string{"-mode", "per-request", "-timeout", "1ms"}, full, &stderr, nil)
	assert.Equal(t, exitCut, code)
	assert.Equal(t, "04-timeouts: the output was lost: write /dev/full: no space left on device (exit code 1)\n", stderr.String())
}

// realTimeout is TestRealClock's deadline; the run on the loopback
// simulation can not end before it.
const realTimeout = 300 * time.Millisecond

// TestRealClock runs -mode total on the loopback simulation, on the real
// clock: the run ends at the deadline, not before (a deadline never fires
// early), with httpbin.org (400ms) cut and python.org (150ms) fetched.
func TestRealClock(t *testing.T) {
	res := fetchtest.Real(context.Background(), run, nil, "-timeout", realTimeout.String())
	assert.Equal(t, 1, res.Code, res.Stderr)
	assert.GreaterOrEqual(t, res.Elapsed, realTimeout)
	// The claim is what was cut: httpbin.org (400ms) always, python.org
	// (150ms) never. example.com answers 50ms before the deadline, which a
	// loaded machine can eat: either is honest. The run ends with the
	// deadline: the bound leaves a loaded machine 200ms, and a run that
	// waited for httpbin.org is caught by its line, not by the clock.
	assert.Less(t, res.Elapsed, realTimeout+200*time.Millisecond)
	assert.Regexp(t, `(?m)^ +[0-9]+ms +cut +https://httpbin\.org/get +! cancelled: the 300ms deadline`, res.Stdout, "the run waited for httpbin.org instead of cutting it")
	assert.Regexp(t, `(?m)^ +[0-9]+ms +completed +https://www\.python\.org +200 OK`, res.Stdout)
	assert.Regexp(t, `3 URLs in [0-9]+ms: (2 ok, 0 failed, 1 cut|1 ok, 0 failed, 2 cut)`, res.Stdout)
}

// TestREADME keeps every output block of the README equal to its golden file.
func TestREADME(t *testing.T) { golden.README(t, "README.md", checks.Lesson) }

// TestREADMECode keeps the README's Go excerpts equal to the lesson's code.
func TestREADMECode(t *testing.T) {
	golden.READMECode(t, "README.md", "timeouts.go", "cancel.go", "shield.go", "hedge.go", "mistakes.go", "mistakes_test.go", "testdata/lostcancel/lostcancel.go")
}

// TestREADMEPython keeps every Python listing of the README equal to the
// file under python/ that it names.
func TestREADMEPython(t *testing.T) { golden.READMEPython(t, "README.md") }

// TestPythonOutput runs the Python scripts whose output the README shows.
func TestPythonOutput(t *testing.T) {
	for _, name := range []string{"total", "per_request", "cancel_one", "shield", "hedge", "event"} {
		t.Run(name, func(t *testing.T) { golden.PythonOutput(t, checks.Lesson, name) })
	}
}

// TestREADMEDurations: every duration the README claims in bold is one a
// run here measured, or a latency or constant of the lesson.
func TestREADMEDurations(t *testing.T) {
	golden.READMEClaims(t, "README.md", checks.Lesson, map[string]time.Duration{
		"python.org":       pythonOrg,
		"example.com":      exampleCom,
		"httpbin.org":      httpbinOrg,
		"deadline":         defaultTimeout,
		"cancel-at":        cancelAt,
		"hedge-delay":      defaultHedge,
		"slow-mirror":      slowMirrorLatency,
		"fast-mirror":      fastMirrorLatency,
		checks.Total:       virtual(t, 0, "-mode", "total").Elapsed,
		checks.PerRequest:  virtual(t, 0, "-mode", "per-request").Elapsed,
		checks.CancelOne:   virtual(t, 0, "-mode", "cancel-one").Elapsed,
		checks.Shield:      virtual(t, 0, "-mode", "shield").Elapsed,
		checks.Hedge:       virtual(t, 0, "-mode", "hedge").Elapsed,
		"first-backoff":    checks.FirstBackoff,
		"retry-success":    retryEnd(2 * time.Second),
		"retry-budget":     500 * time.Millisecond,
		"flaky-latency":    checks.FlakyLatency,
		"real-timeout":     realTimeout,
		"after-loop-right": afterLoopRight,
		"after-loop-wrong": afterLoopWrong,
	})
}

// retryEnd is when a right fetchWithRetry returns with budget.
func retryEnd(budget time.Duration) time.Duration {
	_, end, _ := checks.Attempts(budget)
	return end
}

// TestPythonLatencies: the Python scripts sleep the latencies of the
// lesson's world, and use its deadline, cancel time and hedge delay, so
// that the README's Python and Go tell one story.
func TestPythonLatencies(t *testing.T) {
	seconds := func(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) }
	pair := regexp.MustCompile(`"(https://[^"]+)": ([0-9.]+)`)
	for _, name := range []string{"total", "per_request", "cancel_one", "hedge"} {
		src, err := os.ReadFile("python/" + name + ".py")
		require.NoError(t, err)
		pairs := pair.FindAllStringSubmatch(string(src), -1)
		require.NotEmpty(t, pairs, name)
		for _, m := range pairs {
			want, ok := latencyOf(m[1])
			require.True(t, ok, "%s.py: %s is not in the lesson's world", name, m[1])
			assert.Equal(t, seconds(want), m[2], "%s.py: the latency of %s", name, m[1])
		}
	}
	for file, want := range map[string]string{
		"total.py":       "asyncio.timeout(" + seconds(defaultTimeout) + ")",
		"per_request.py": "fetch_url(url), " + seconds(defaultTimeout) + ")",
		"shield.py":      "asyncio.shield(task), " + seconds(defaultTimeout) + ")",
		"cancel_one.py":  "asyncio.sleep(" + seconds(cancelAt) + ")",
		"hedge.py":       "delay=" + seconds(defaultHedge) + ")",
	} {
		src, err := os.ReadFile("python/" + file)
		require.NoError(t, err)
		assert.Contains(t, string(src), want, file)
	}
	src, err := os.ReadFile("python/shield.py")
	require.NoError(t, err)
	assert.Contains(t, string(src), "asyncio.sleep("+seconds(httpbinOrg)+")", "shield.py sleeps httpbin.org's latency")
}

// TestSmallestDurationsAccepted: 1ns is a positive duration, so -timeout
// 1ns runs (and cuts every URL) and -hedge 1ns runs (and asks both mirrors
// at once); 0 is refused (TestBadInput).
func TestSmallestDurationsAccepted(t *testing.T) {
	res := virtual(t, 0, "-timeout", "1ns")
	assert.Equal(t, exitCut, res.Code, res.Stderr)
	assert.Contains(t, res.Stderr, "every URL was cut")
	res = virtual(t, 0, "-mode", "hedge", "-hedge", "1ns")
	assert.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "hedge")
}
