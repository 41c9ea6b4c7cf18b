// Package checks holds the test code of lesson 03-fetch-v1 that the
// reference (lessons/03-fetch-v1) and the learner's copy
// (lessons/03-fetch-v1/exercise) share: each passes its own run function to
// the same checks, which run it against the simulated internet.
package checks

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "03-fetch-v1"

// Runner is the lesson's run function: flags in, exit code out. sim is the
// network to use (nil: the real one, or loopback with -offline).
type Runner func(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int

// Result is one run of the lesson.
type Result struct {
	Stdout, Stderr string
	Code           int
	Elapsed        time.Duration // virtual time inside Virtual, real time in Real
	// Leftover counts the goroutines (in Virtual) still alive once run has
	// returned and everything that could finish has: open connections.
	Leftover int
}

// Output is stdout, then stderr under a marker line.
func (r Result) Output() string {
	if r.Stderr == "" {
		return r.Stdout
	}
	return r.Stdout + "-- stderr --\n" + r.Stderr
}

// Virtual runs the lesson inside a synctest bubble against the default world
// served in memory, so every latency is exact virtual time and costs no real
// time. If cancelAfter > 0 the context is cancelled after that much virtual
// time, as Ctrl-C would.
func Virtual(t *testing.T, run Runner, cancelAfter time.Duration, args ...string) (res Result) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		n := simnet.NewMemory(simnet.DefaultWorld())
		defer n.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if cancelAfter > 0 {
			stop := time.AfterFunc(cancelAfter, cancel)
			defer stop.Stop()
		}
		synctest.Wait()
		before := bubbleGoroutines("")
		res = call(ctx, run, n, args)
		synctest.Wait()
		res.Leftover = bubbleGoroutines("") - before
	})
	return res
}

// bubbleGoroutines counts the goroutines of synctest bubbles (only the
// caller's exists while a test runs) whose stack mentions frame ("": all).
// Goroutines elsewhere in the test binary, such as a real-clock test's
// closing connections, do not count.
func bubbleGoroutines(frame string) int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if strings.Contains(header, "synctest bubble") && strings.Contains(g, frame) {
			count++
		}
	}
	return count
}

// Real runs the lesson on the real clock against sim (nil: the real network,
// or loopback with -offline).
func Real(ctx context.Context, run Runner, sim *simnet.Net, args ...string) Result {
	return call(ctx, run, sim, args)
}

func call(ctx context.Context, run Runner, sim *simnet.Net, args []string) Result {
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run(ctx, args, &stdout, &stderr, sim)
	return Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: code, Elapsed: time.Since(start)}
}

// URLs are the lesson's three URLs, in input order.
var URLs = []string{simnet.ExampleURL, simnet.HTTPBinURL, simnet.PythonURL}

// Latency returns how long the default world makes url wait.
func Latency(t testing.TB, url string) time.Duration {
	t.Helper()
	for _, r := range simnet.DefaultWorld().Resources {
		if r.URL == url {
			return time.Duration(r.Latency)
		}
	}
	t.Fatalf("%s is not in the default world", url)
	return 0
}

// ByLatency returns urls sorted by their latency: the order they complete in.
func ByLatency(t testing.TB, urls []string) []string {
	sorted := slices.Clone(urls)
	slices.SortStableFunc(sorted, func(a, b string) int { return int(Latency(t, a) - Latency(t, b)) })
	return sorted
}

// Line is one result line: "fetch      https://www.python.org  200 OK, ...".
type Line struct{ Label, URL, Rest string }

// Lines returns the result lines of stdout, in printed order.
func Lines(stdout string) []Line {
	var lines []Line
	for l := range strings.Lines(stdout) {
		if len(l) < 11 || l[10] != ' ' {
			continue
		}
		fields := strings.Fields(l[11:])
		if len(fields) < 2 {
			continue
		}
		lines = append(lines, Line{strings.TrimSpace(l[:10]), fields[0], strings.Join(fields[1:], " ")})
	}
	return lines
}

// Labelled returns the URLs of the lines whose label starts with prefix.
func Labelled(lines []Line, prefix string) []string {
	var urls []string
	for _, l := range lines {
		if strings.HasPrefix(l.Label, prefix) {
			urls = append(urls, l.URL)
		}
	}
	return urls
}

// Exercises returns the lesson's exercises, checked against run of the copy
// under test.
func Exercises(run Runner) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name:  "start-all",
			Goal:  "all three fetches run at once: the run takes 400ms, the slowest URL's latency, not the 800ms sum",
			Hints: []string{"in fetchAll, start every goroutine in a first loop, and await the tasks in a second loop"},
			Check: func(t *testing.T) { checkStartAll(t, run) },
		},
		{
			Name:  "max-body",
			Goal:  "a body larger than -max-body is an error for its URL, read no further than one byte past the limit",
			Hints: []string{"in fetchURL, read through io.LimitReader(resp.Body, f.maxBody+1) and fail if you got more than f.maxBody bytes"},
			Check: func(t *testing.T) { checkMaxBody(t, run) },
		},
		{
			Name: "close",
			Goal: "no connection is left open when run returns: every body is closed, and the client's idle connections too",
			Hints: []string{
				"in fetchURL, `defer resp.Body.Close()` right after client.Do succeeds",
				"in run, `defer f.client.CloseIdleConnections()`: Python's `async with httpx.AsyncClient() as client`",
				"finish exercise 2 first: a body read to its end goes back to the client's pool, still open",
			},
			Check: func(t *testing.T) { checkClose(t, run) },
		},
	}
}

// checkStartAll: the default run takes the slowest latency, and its output
// is the reference's.
func checkStartAll(t *testing.T, run Runner) {
	res := Virtual(t, run, 0)
	want := Latency(t, simnet.HTTPBinURL)
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
func checkMaxBody(t *testing.T, run Runner) {
	res := Virtual(t, run, 0, MaxBodyArgs...)
	if !strings.Contains(res.Stdout, "-max-body 1000") {
		t.Errorf("with -max-body 1000, no line names -max-body: was python.org's 51200-byte body read whole?")
	}
	if res.Code != 1 {
		t.Errorf("exit code %d, want 1: a body over -max-body is an error", res.Code)
	}
	golden.Compare(t, Lesson, "max-body", []byte(res.Output()))
}

// ConnsAt runs the lesson like Virtual and returns how many client
// connections were open at virtual time at.
func ConnsAt(t *testing.T, run Runner, at time.Duration, args ...string) (open int) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		n := simnet.NewMemory(simnet.DefaultWorld())
		defer n.Close()
		probed := make(chan int)
		go func() {
			time.Sleep(at)
			synctest.Wait() // let everything due at `at` happen first
			// A client connection is a goroutine in readLoop.
			probed <- bubbleGoroutines("net/http.(*persistConn).readLoop")
		}()
		call(context.Background(), run, n, args)
		open = <-probed
	})
	return open
}

// CloseArgs fetch python.org (150ms) with a limit it exceeds, and httpbin
// (400ms).
var CloseArgs = []string{"-max-body", "1000", simnet.PythonURL, simnet.HTTPBinURL}

// checkClose: at 200ms python.org is done with, its body read in part; only
// httpbin's connection may be open. And after a run, none is.
func checkClose(t *testing.T, run Runner) {
	if open := ConnsAt(t, run, 200*time.Millisecond, CloseArgs...); open != 1 {
		t.Errorf("%d connections open at 200ms, want 1 (httpbin's): python.org's fetch ended at 150ms; is its resp.Body closed when fetchURL returns?", open)
	}
	if res := Virtual(t, run, 0); res.Leftover > 0 {
		t.Errorf("after the default run, %d goroutines of idle connections were still running: does run close the client's idle connections when it is done?", res.Leftover)
	}
}
