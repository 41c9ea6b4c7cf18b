// Package fetchtest is the test code that lessons 03-fetch-v1, v2 and v3
// share: it runs a lesson's run function against the simulated internet, in
// virtual time (a synctest bubble) or on the real clock, and reads its
// output. Each lesson's checks package holds its own exercises.
package fetchtest

import (
	"context"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// Runner is the lesson's run function: flags in, exit code out. sim is the
// network to use (nil: the real one, or loopback with -offline).
type Runner func(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int

// Result is one run of the lesson; Virtual sets Leftover to the goroutines
// (open connections) the run left behind.
type Result = lessontest.Result

// Virtual runs the lesson inside a synctest bubble against the default world
// served in memory, so every latency is exact virtual time and costs no real
// time. If cancelAfter > 0 the context is cancelled after that much virtual
// time, as Ctrl-C would.
func Virtual(t *testing.T, run Runner, cancelAfter time.Duration, args ...string) (res Result) {
	t.Helper()
	lessontest.Virtual(t, cancelAfter, func(t *testing.T, ctx context.Context) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		synctest.Wait()
		before := bubbleGoroutines("")
		res = call(ctx, run, n, args)
		synctest.Wait()
		res.Leftover = bubbleGoroutines("") - before
	})
	return res
}

// inBubble calls f inside a synctest bubble with the default world served
// in memory, and closes it after.
func inBubble(t *testing.T, f func(n *simnet.Net)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		f(n)
	})
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
	return lessontest.Call(func(stdout, stderr io.Writer) int { return run(ctx, args, stdout, stderr, sim) })
}

// URLs are the lesson's three URLs, in input order.
var URLs = slices.Clone(fetch.DefaultURLs)

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

// lineRE matches a result line: a label (one word, or "main res" and a
// number), the URL, and at least two spaces before the rest.
var lineRE = regexp.MustCompile(`^(main res\d+|\S+) +(\S+) {2,}(.*)$`)

// Lines returns the result lines of stdout, in printed order.
func Lines(stdout string) []Line {
	var lines []Line
	for l := range strings.Lines(stdout) {
		m := lineRE.FindStringSubmatch(strings.TrimRight(l, "\n"))
		if m == nil || strings.HasPrefix(l, "fetched ") {
			continue
		}
		lines = append(lines, Line{m[1], m[2], m[3]})
	}
	return lines
}

// Labels returns the labels of the lines whose label starts with prefix.
func Labels(lines []Line, prefix string) []string {
	var labels []string
	for _, l := range lines {
		if strings.HasPrefix(l.Label, prefix) {
			labels = append(labels, l.Label)
		}
	}
	return labels
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

// ConnsAt runs the lesson like Virtual and returns how many client
// connections were open at virtual time at.
func ConnsAt(t *testing.T, run Runner, at time.Duration, args ...string) (open int) {
	t.Helper()
	inBubble(t, func(n *simnet.Net) {
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
