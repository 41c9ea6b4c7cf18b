// Package fetchtest is the test code that lessons 03-fetch-v1, v2 and v3
// share: it runs a lesson's run function against the simulated internet, in
// virtual time (a synctest bubble) or on the real clock, and reads its
// output. Each lesson's checks package holds its own exercises.
package fetchtest

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/url"
	"regexp"
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
	return VirtualIn(t, simnet.DefaultWorld(), run, cancelAfter, args...)
}

// VirtualIn is Virtual against world, such as the default world with its
// latencies edited as an instructor might.
func VirtualIn(t *testing.T, world *simnet.World, run Runner, cancelAfter time.Duration, args ...string) (res Result) {
	t.Helper()
	res, _ = VirtualServed(t, world, run, cancelAfter, args...)
	return res
}

// VirtualServed is VirtualIn, and returns what the simulated server saw
// of every request the run made: which URLs it was asked for, and when.
func VirtualServed(t *testing.T, world *simnet.World, run Runner, cancelAfter time.Duration, args ...string) (res Result, served []simnet.Request) {
	t.Helper()
	lessontest.Virtual(t, cancelAfter, func(t *testing.T, ctx context.Context) {
		n, err := simnet.NewMemory(world)
		require.NoError(t, err)
		defer n.Close()
		m := lessontest.Time(func() int { return lessontest.BubbleGoroutinesIn("") },
			func() { res = call(ctx, run, n, args) }, nil)
		res.Leftover = m.Leftover
		served = n.Requests()
	})
	return res, served
}

// inBubble calls f inside a synctest bubble with the default world served
// in memory, and closes it after.
func inBubble(t *testing.T, f func(n *simnet.Net)) {
	t.Helper()
	inBubbleWorld(t, simnet.DefaultWorld(), f)
}

// inBubbleWorld is inBubble with world served.
func inBubbleWorld(t *testing.T, world *simnet.World, f func(n *simnet.Net)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(world)
		require.NoError(t, err)
		defer n.Close()
		f(n)
	})
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
	return LatencyIn(t, simnet.DefaultWorld(), url)
}

// LatencyIn returns how long world makes url wait.
func LatencyIn(t testing.TB, world *simnet.World, url string) time.Duration {
	t.Helper()
	d, ok := latency(world, url)
	if !ok {
		t.Fatalf("%s is not in the world", url)
	}
	return d
}

func latency(world *simnet.World, url string) (time.Duration, bool) {
	for _, r := range world.Resources {
		if r.URL == url {
			return time.Duration(r.Latency), true
		}
	}
	return 0, false
}

// ByLatency returns urls sorted by their latency in the default world: the
// order they complete in.
func ByLatency(t testing.TB, urls []string) []string {
	return ByLatencyIn(t, simnet.DefaultWorld(), urls)
}

// ByLatencyIn returns urls sorted by their latency in world.
func ByLatencyIn(t testing.TB, world *simnet.World, urls []string) []string {
	sorted := slices.Clone(urls)
	slices.SortStableFunc(sorted, func(a, b string) int { return int(LatencyIn(t, world, a) - LatencyIn(t, world, b)) })
	return sorted
}

// Slowest and Sum are the run of the lesson's three URLs in world: fetched
// at once it takes the slowest latency; one after the other, the sum.
func Slowest(world *simnet.World) time.Duration {
	var d time.Duration
	for _, u := range URLs {
		l, _ := latency(world, u)
		d = max(d, l)
	}
	return d
}

// Sum: see Slowest.
func Sum(world *simnet.World) time.Duration {
	var d time.Duration
	for _, u := range URLs {
		l, _ := latency(world, u)
		d += l
	}
	return d
}

// Between returns a moment strictly between the answers of URLs a and b of
// world (a answers first): their midpoint, rounded down to a multiple of
// 100ms, or of 1ms, where that stays after a's answer. The tests press
// Ctrl-C, or count connections, there: never at the instant of an answer,
// where what is printed would be the scheduler's choice.
func Between(t testing.TB, world *simnet.World, a, b string) time.Duration {
	t.Helper()
	la, lb := LatencyIn(t, world, a), LatencyIn(t, world, b)
	if lb-la < 2 { // not even one nanosecond strictly between them
		t.Fatalf("%s (%v) does not answer before %s (%v): no moment between them", a, la, b, lb)
	}
	mid := (la + lb) / 2
	for _, round := range []time.Duration{100 * time.Millisecond, time.Millisecond} {
		if r := mid.Truncate(round); r > la {
			return r
		}
	}
	return mid
}

// Order spells the lesson's URLs in the order world answers them, with
// their latencies: "python.org (150ms), then example.com (250ms), then
// httpbin.org (400ms)" in the default world.
func Order(world *simnet.World) string {
	urls := slices.Clone(URLs)
	slices.SortStableFunc(urls, func(a, b string) int {
		la, _ := latency(world, a)
		lb, _ := latency(world, b)
		return cmp.Compare(la, lb)
	})
	var parts []string
	for _, u := range urls {
		l, _ := latency(world, u)
		host := u
		if p, err := url.Parse(u); err == nil {
			host = strings.TrimPrefix(p.Hostname(), "www.")
		}
		parts = append(parts, fmt.Sprintf("%s (%v)", host, l))
	}
	return strings.Join(parts, ", then ")
}

// CtrlCAt is when the tests press Ctrl-C: between the last two answers of
// the lesson's URLs in world, so that two are printed and one is
// cancelled: 300ms in the default world, between example.com (250ms) and
// httpbin (400ms).
func CtrlCAt(t testing.TB, world *simnet.World) time.Duration {
	t.Helper()
	order := ByLatencyIn(t, world, URLs)
	return Between(t, world, order[1], order[2])
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
	return ConnsAtIn(t, simnet.DefaultWorld(), run, at, args...)
}

// ConnsAtIn is ConnsAt against world.
func ConnsAtIn(t *testing.T, world *simnet.World, run Runner, at time.Duration, args ...string) (open int) {
	t.Helper()
	// A client connection is a goroutine in readLoop.
	return GoroutinesAtIn(t, world, run, at, "net/http.(*persistConn).readLoop", args...)
}

// GoroutinesAtIn runs the lesson like Virtual against world and returns how
// many goroutines whose stack mentions frame were alive at virtual time at,
// once everything due at that instant had happened.
func GoroutinesAtIn(t *testing.T, world *simnet.World, run Runner, at time.Duration, frame string, args ...string) (alive int) {
	t.Helper()
	inBubbleWorld(t, world, func(n *simnet.Net) {
		probed := make(chan int)
		go func() {
			time.Sleep(at)
			synctest.Wait() // let everything due at `at` happen first
			probed <- lessontest.BubbleGoroutinesIn(frame)
		}()
		call(context.Background(), run, n, args)
		alive = <-probed
	})
	return alive
}
