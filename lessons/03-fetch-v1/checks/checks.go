// Package checks holds the test code of lesson 03-fetch-v1 that the
// reference (lessons/03-fetch-v1) and the learner's copy
// (lessons/03-fetch-v1/exercise) share: each passes its own run function to
// the same checks, which run it against the simulated internet.
package checks

import (
	"fmt"
	"strings"
	"testing"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "03-fetch-v1"

// Exercises returns the lesson's exercises, checked against run of the copy
// under test.
func Exercises(run fetchtest.Runner) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name:  "start-all",
			Goal:  fmt.Sprintf("all three fetches run at once: the run takes %v, the slowest URL's latency, not the %v sum", fetchtest.Slowest(simnet.DefaultWorld()), fetchtest.Sum(simnet.DefaultWorld())),
			Hints: []string{"in fetchAll, start every goroutine in a first loop, and await the tasks in a second loop"},
			Check: func(t *testing.T) { checkStartAll(t, run) },
		},
		{
			Name:  "max-body",
			Goal:  "a body larger than -max-body is an error for its URL, read no further than one byte past the limit",
			Hints: []string{"in fetchURL, read through io.LimitReader(resp.Body, c.MaxBody+1) and, if you got more than c.MaxBody bytes, set r.Err = c.TooLarge()"},
			Check: func(t *testing.T) { checkMaxBody(t, run) },
		},
		{
			Name: "close",
			Goal: "no connection is left open when run returns: every body is closed, and the client's idle connections too",
			Hints: []string{
				"two things hold a connection open: a response body that nobody closes, and the client's pool of idle connections; in Python, the `async with` around the client closes both when its block ends",
				"finish exercise 2 first: a body read to its end goes back to the client's pool, still open. Then look where fetchURL gets resp, and where fetchAll is done with the client",
				"in fetchURL, `defer resp.Body.Close()` right after client.Do succeeds; in fetchAll, `defer c.HTTP.CloseIdleConnections()`",
			},
			Check: func(t *testing.T) { checkClose(t, run) },
		},
	}
}

// checkStartAll: the default run takes the slowest latency, and its output
// is the reference's.
func checkStartAll(t *testing.T, run fetchtest.Runner) {
	res := fetchtest.Virtual(t, run, 0)
	want := fetchtest.Latency(t, simnet.HTTPBinURL)
	if res.Elapsed != want {
		t.Errorf("took %v, want %v: are all three goroutines started before the first one is awaited?", res.Elapsed, want)
	}
	if res.Code != 0 {
		t.Errorf("exit code %d, want 0; output:\n%s", res.Code, res.Output())
	}
	golden.Compare(t, Lesson, "fetch", []byte(res.Output()))
}

// MaxBodyArgs fetch python.org (51,200 bytes) with a 1,000-byte limit.
var MaxBodyArgs = []string{"-max-body", "1000", simnet.PythonURL, simnet.ExampleURL}

// checkMaxBody: with -max-body 1000, python.org is an error that names the
// flag, and the example page (263 bytes) is still fine.
func checkMaxBody(t *testing.T, run fetchtest.Runner) {
	res := fetchtest.Virtual(t, run, 0, MaxBodyArgs...)
	if !strings.Contains(res.Stdout, "-max-body 1000") {
		t.Errorf("with -max-body 1000, no line names -max-body: was python.org's 51200-byte body read whole?")
	}
	if res.Code != 1 {
		t.Errorf("exit code %d, want 1: a body over -max-body is an error", res.Code)
	}
	golden.Compare(t, Lesson, "max-body", []byte(res.Output()))
	if t.Failed() {
		return
	}
	// The output alone can not show how much was read; a body that breaks
	// after half of it can. A copy that stops one byte past the limit never
	// reaches the break.
	res = fetchtest.Virtual(t, run, 0, "-max-body", "1000", simnet.ResetURL)
	if !strings.Contains(res.Stdout, "-max-body 1000") {
		t.Errorf("%s sends half of its %d-byte body, then drops the connection. With -max-body 1000 your fetchURL read on past byte 1001 "+
			"and met the drop, so it reads the whole body before it cuts it: a 1 GiB body would still take 1 GiB. "+
			"Read through io.LimitReader(resp.Body, c.MaxBody+1). It printed:\n%s", simnet.ResetURL, bodySize(simnet.ResetURL), res.Stdout)
	}
}

// CloseArgs fetch python.org (150ms) with a limit it exceeds, and httpbin
// (400ms).
var CloseArgs = []string{"-max-body", "1000", simnet.PythonURL, simnet.HTTPBinURL}

// checkClose: between python.org's answer and httpbin's (200ms) python.org
// is done with, its body read in part; only httpbin's connection may be
// open. And after a run, none is.
func checkClose(t *testing.T, run fetchtest.Runner) {
	world := simnet.DefaultWorld()
	at := fetchtest.Between(t, world, simnet.PythonURL, simnet.HTTPBinURL)
	if open := fetchtest.ConnsAt(t, run, at, CloseArgs...); open != 1 {
		t.Errorf("%d connections open at %v, want 1 (httpbin's): python.org's fetch ended at %v; is its resp.Body closed when fetchURL returns?", open, at, fetchtest.LatencyIn(t, world, simnet.PythonURL))
	}
	if res := fetchtest.Virtual(t, run, 0); res.Leftover > 0 {
		t.Errorf("after the default run, %d goroutines of idle connections were still running: does fetchAll close the client's idle connections when it is done?", res.Leftover)
	}
}

// bodySize is the size of the body the default world gives url.
func bodySize(url string) int64 {
	for _, r := range simnet.DefaultWorld().Resources {
		if r.URL == url {
			return r.BodySize
		}
	}
	return 0
}
