package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/03-fetch-v3/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the exercise checks against the reference: every one
// must pass here, and fail on the shipped copy in exercise/.
func TestExercises(t *testing.T) {
	exercise.Run(t, checks.Exercises(run))
}

// TestGolden pins the output of the default run, with and without -timeline,
// in both modes.
func TestGolden(t *testing.T) {
	for name, args := range map[string][]string{
		"fetch": nil, "fetch-timeline": {"-timeline"},
		"fetch-failfast": {"-mode", "failfast"}, "fetch-failfast-timeline": {"-mode", "failfast", "-timeline"},
	} {
		t.Run(name, func(t *testing.T) {
			res := fetchtest.Virtual(t, run, 0, args...)
			require.Equal(t, 0, res.Code, res.Stderr)
			golden.Assert(t, checks.Lesson, name, []byte(res.Output()))
		})
	}
}

// TestVirtualDuration: the three fetches overlap, so the run takes exactly
// the slowest URL's latency, not the sum.
func TestVirtualDuration(t *testing.T) {
	fetchtest.VirtualDuration(t, run, "-mode", "all")
	fetchtest.VirtualDuration(t, run, "-mode", "failfast")
}

// TestOrder: in both modes the results are printed in input order, though
// python.org, the last URL, completes first.
func TestOrder(t *testing.T) {
	for _, mode := range []string{"all", "failfast"} {
		lines := fetchtest.Lines(fetchtest.Virtual(t, run, 0, "-mode", mode).Stdout)
		assert.Equal(t, fetchtest.URLs, fetchtest.Labelled(lines, "results"), mode)
		assert.Equal(t, []string{"results[0]", "results[1]", "results[2]"}, fetchtest.Labels(lines, "results"), mode)
	}
}

// TestGoldenOrders sets the three lessons' default outputs side by side:
// the order of v1's main lines (creation order), of v2's lines (completion
// order) and of this lesson's (input order), from their golden files. It
// needs the whole workbook, and skips when this lesson is handed out alone.
func TestGoldenOrders(t *testing.T) {
	dir := golden.Dir(t, checks.Lesson)
	var columns [][]string
	for _, c := range []struct{ lesson, label string }{{"03-fetch-v1", "main"}, {"03-fetch-v2", "completed"}, {checks.Lesson, "results"}} {
		b, err := os.ReadFile(filepath.Join(dir, "..", c.lesson, "fetch"+golden.Suffix))
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("no golden output of %s: %v", c.lesson, err)
		}
		require.NoError(t, err)
		column := fetchtest.Labelled(fetchtest.Lines(string(b)), c.label)
		require.Len(t, column, len(fetchtest.URLs), c.lesson)
		columns = append(columns, column)
	}
	var out strings.Builder
	row := func(a, b, c, d string) { fmt.Fprintf(&out, "%-4s %-24s %-24s %s\n", a, b, c, d) }
	row("", "v1: await in turn", "v2: as completed", "v3: gather")
	for i := range columns[0] {
		row(fmt.Sprintf("%d.", i+1), columns[0][i], columns[1][i], columns[2][i])
	}
	golden.Assert(t, checks.Lesson, "orders", []byte(out.String()))
}

// TestGoldenFailFast: in fail-fast mode the 500 (80ms) cancels the URL that
// never answers and example.com (250ms): the run ends at 80ms, each
// cancelled line names the URL that failed first, and no request or
// goroutine outlives the run.
func TestGoldenFailFast(t *testing.T) {
	res := fetchtest.Virtual(t, run, 0, checks.FailFastArgs...)
	assert.Equal(t, 1, res.Code)
	assert.Equal(t, fetchtest.Latency(t, simnet.ErrorURL), res.Elapsed)
	assert.Zero(t, res.Leftover)
	lines := fetchtest.Lines(res.Stdout)
	require.Len(t, lines, 3)
	for _, l := range lines[1:] {
		assert.Equal(t, "! cancelled: "+simnet.ErrorURL+" failed first", l.Rest, l.URL)
	}
	golden.Assert(t, checks.Lesson, "failfast", []byte(res.Output()))

	// -mode all waits for every URL: the hang ends at -timeout (10s).
	res = fetchtest.Virtual(t, run, 0, checks.FailFastArgs[2:]...)
	assert.Equal(t, 10*time.Second, res.Elapsed)
	assert.Contains(t, res.Stdout, "263 bytes")
}

// TestFaults: every kind of bad URL gets a line that names it and says what
// to do, the good URL beside it is still fetched, and the exit code is 1.
func TestFaults(t *testing.T) { fetchtest.Faults(t, run, 1) }

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

// TestNoOpenConnections: the default run leaves no connection open, and a
// body read in part is closed at once, while the run goes on.
func TestNoOpenConnections(t *testing.T) { fetchtest.NoOpenConnections(t, run) }

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
func TestBadInput(t *testing.T) {
	fetchtest.BadInput(t, run, fetchtest.BadArgs{Args: []string{"-mode", "first"}, Want: `unknown -mode "first": use all or failfast`})
}

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
		"failfast": fetchtest.Virtual(t, run, 0, checks.FailFastArgs...).Elapsed,
		"all":      fetchtest.Virtual(t, run, 0, checks.FailFastArgs[2:]...).Elapsed, // -mode all: the hang ends at -timeout
	})
}

// TestPythonOutput runs python/gather_or_taskgroup.py, whose output the
// README shows: gather lets the others run on, TaskGroup cancels them and
// raises an ExceptionGroup of every error.
func TestPythonOutput(t *testing.T) { golden.PythonOutput(t, checks.Lesson, "gather_or_taskgroup") }

// TestHardening: -max-body math.MaxInt64, lost output, eleven URLs, a
// 100 KB URL and control characters in a URL.
func TestHardening(t *testing.T) { fetchtest.Hardening(t, run) }

// TestGzip: a compressed body is counted in decoded bytes.
func TestGzip(t *testing.T) { fetchtest.Gzip(t, run) }

// TestRedirect: a 301 is shown, not followed (as httpx does by default).
func TestRedirect(t *testing.T) { fetchtest.Redirect(t, run) }

// TestAdaptedWorlds: an instructor who edits the world's latencies gets a
// lesson whose runs still agree with what the tests derive from the world.
func TestAdaptedWorlds(t *testing.T) { fetchtest.AdaptedWorlds(t, run) }

// TestStatusBoundaries: 399 is an answer, 400 and above are failures.
func TestStatusBoundaries(t *testing.T) { fetchtest.StatusBoundaries(t, run) }

// TestMaxBodyBoundary: a body of exactly -max-body bytes is whole.
func TestMaxBodyBoundary(t *testing.T) { fetchtest.MaxBodyBoundary(t, run) }
