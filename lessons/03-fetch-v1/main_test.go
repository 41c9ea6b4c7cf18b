package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/03-fetch-v1/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the exercise checks against the reference: every one
// must pass here, and fail on the shipped copy in exercise/.
func TestExercises(t *testing.T) {
	exercise.Run(t, checks.Exercises(run))
}

// TestGolden pins the output of the default run, with and without -timeline.
func TestGolden(t *testing.T) {
	for name, args := range map[string][]string{"fetch": nil, "fetch-timeline": {"-timeline"}} {
		t.Run(name, func(t *testing.T) {
			res := fetchtest.Virtual(t, run, 0, args...)
			require.Equal(t, 0, res.Code, res.Stderr)
			golden.Assert(t, checks.Lesson, name, []byte(res.Output()))
		})
	}
}

// TestVirtualDuration: the three fetches overlap, so the run takes exactly
// the slowest URL's latency, not the sum.
func TestVirtualDuration(t *testing.T) { fetchtest.VirtualDuration(t, run) }

// TestOrder: each fetch prints when it finishes (latency order), main prints
// in creation order, and a URL given last (python.org) finishes before main
// has printed anything.
func TestOrder(t *testing.T) {
	lines := fetchtest.Lines(fetchtest.Virtual(t, run, 0).Stdout)
	assert.Equal(t, fetchtest.ByLatency(t, fetchtest.URLs), fetchtest.Labelled(lines, "fetch"))
	assert.Equal(t, fetchtest.URLs, fetchtest.Labelled(lines, "main"))
	assert.Equal(t, []string{"main res1", "main res2", "main res3"}, fetchtest.Labels(lines, "main"))
	assert.Equal(t, fetchtest.Line{Label: "fetch", URL: simnet.PythonURL, Rest: "200 OK, 51200 bytes"}, lines[0],
		"python.org, the last URL, finishes first")
}

// TestTasksNeverWaitToSend: a task's goroutine ends the moment its fetch is
// done, before fetchAll awaits it (its channel has a slot): between
// python.org's answer (150ms, awaited last) and example.com's (250ms), only
// the goroutines of example.com and httpbin.org are alive.
func TestTasksNeverWaitToSend(t *testing.T) {
	world := simnet.DefaultWorld()
	at := fetchtest.Between(t, world, simnet.PythonURL, simnet.ExampleURL)
	assert.Equal(t, 2, fetchtest.GoroutinesAtIn(t, world, run, at, ".fetchAll.func"),
		"goroutines of fetchAll alive at %v: python.org's must have ended", at)
}

// TestFaults: every kind of bad URL gets a line that names it and says what
// to do, the good URL beside it is still fetched, and the exit code is 1.
func TestFaults(t *testing.T) { fetchtest.Faults(t, run, 2) }

// TestGoldenFaults pins all the faults in one run (shown in the README).
func TestGoldenFaults(t *testing.T) {
	// No two of these end at the same instant, so the order of the lines
	// is fixed.
	res := fetchtest.Virtual(t, run, 0, "-timeout", "1s", simnet.ErrorURL, simnet.HangURL, simnet.ResetURL,
		"ftp://ftp.example.com/file", simnet.PythonURL)
	assert.Equal(t, 1, res.Code)
	assert.Equal(t, time.Second, res.Elapsed)
	golden.Assert(t, checks.Lesson, "faults", []byte(res.Output()))
}

// TestGoldenMaxBody: -max-body 1000 makes python.org's 51,200 bytes an
// error, and leaves no connection open.
func TestGoldenMaxBody(t *testing.T) {
	res := fetchtest.Virtual(t, run, 0, checks.MaxBodyArgs...)
	assert.Equal(t, 1, res.Code)
	assert.Zero(t, res.Leftover)
	golden.Assert(t, checks.Lesson, "max-body", []byte(res.Output()))
}

// TestGoldenCancel: Ctrl-C at 300ms (fetchtest.CtrlCAt) cancels the one fetch still in flight
// (httpbin, 400ms) at once, keeps what finished, and exits 130.
func TestGoldenCancel(t *testing.T) {
	at := fetchtest.CtrlCAt(t, simnet.DefaultWorld())
	res := fetchtest.Virtual(t, run, at)
	assert.Equal(t, 130, res.Code)
	assert.Equal(t, at, res.Elapsed)
	assert.Zero(t, res.Leftover)
	golden.Assert(t, checks.Lesson, "cancelled", []byte(res.Output()))
}

// TestNoOpenConnections: the default run leaves no goroutine (and so no
// connection) behind; a body read in part (python.org, over -max-body) is
// closed at once, so at 200ms only httpbin's connection is open.
func TestNoOpenConnections(t *testing.T) {
	assert.Zero(t, fetchtest.Virtual(t, run, 0).Leftover)
	at := fetchtest.Between(t, simnet.DefaultWorld(), simnet.PythonURL, simnet.HTTPBinURL)
	assert.Equal(t, 1, fetchtest.ConnsAt(t, run, at, checks.CloseArgs...))
}

// TestRealClockLoopback runs the lesson on the loopback simulation, on the
// real clock: it can not beat the slowest URL (400ms), and it must end
// before the sum of the three (800ms), so the overlap is real.
func TestRealClockLoopback(t *testing.T) { fetchtest.RealClockLoopback(t, run) }

// TestWorldFile: -world loads a world of your own.
func TestWorldFile(t *testing.T) { fetchtest.WorldFile(t, run) }

// TestOnline: on the real network, a URL that can not be reached says so
// and suggests -offline.
func TestOnline(t *testing.T) { fetchtest.Online(t, run) }

// TestBadInput: every bad flag names itself, says what to do, exits 2.
func TestBadInput(t *testing.T) { fetchtest.BadInput(t, run) }

// TestREADMECode keeps the README's Go excerpts equal to the lesson's code.
func TestREADMECode(t *testing.T) {
	golden.READMECode(t, "README.md", "collect.go", "fetchurl.go", "main.go")
}

// TestREADME keeps every output block of the README equal to its golden file.
func TestREADME(t *testing.T) {
	golden.README(t, "README.md", checks.Lesson)
}

// TestCtrlC builds the lesson and sends it a real SIGINT (what Ctrl-C
// sends) while a request hangs: it must end at once, print what finished
// and exit 130.
func TestCtrlC(t *testing.T) { fetchtest.CtrlC(t) }

// TestREADMEPython keeps every Python listing of the README equal to the
// file under python/ that it names.
func TestREADMEPython(t *testing.T) { golden.READMEPython(t, "README.md") }

// TestREADMEDurations: every duration the README claims in bold is one a
// run here measures, or a latency of the world (fetchtest.READMEClaims).
func TestREADMEDurations(t *testing.T) {
	fetchtest.READMEClaims(t, run, "README.md", checks.Lesson, map[string]time.Duration{
		"timeout": fetchtest.Virtual(t, run, 0, "-timeout", "1s", simnet.HangURL, simnet.PythonURL).Elapsed,
	})
}

// TestHardening: -max-body math.MaxInt64, lost output, eleven URLs, a
// 100 KB URL and control characters in a URL.
func TestHardening(t *testing.T) { fetchtest.Hardening(t, run) }

// TestGzip: a compressed body is counted in decoded bytes.
func TestGzip(t *testing.T) { fetchtest.Gzip(t, run) }

// TestRedirect: a 301 is shown, not followed (as httpx does by default).
func TestRedirect(t *testing.T) {
	res := fetchtest.Redirect(t, run)
	golden.Assert(t, checks.Lesson, "redirect", []byte(res.Output()))
}

// TestAdaptedWorlds: an instructor who edits the world's latencies gets a
// lesson whose runs still agree with what the tests derive from the world.
func TestAdaptedWorlds(t *testing.T) { fetchtest.AdaptedWorlds(t, run) }

// TestStatusBoundaries: 399 is an answer, 400 and above are failures.
func TestStatusBoundaries(t *testing.T) { fetchtest.StatusBoundaries(t, run) }

// TestMaxBodyBoundary: a body of exactly -max-body bytes is whole.
func TestMaxBodyBoundary(t *testing.T) { fetchtest.MaxBodyBoundary(t, run) }
