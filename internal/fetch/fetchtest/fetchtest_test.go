package fetchtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// twoURLs is a world of two resources, a answering after la and b after lb.
func twoURLs(la, lb time.Duration) (w *simnet.World, a, b string) {
	a, b = "https://a.test", "https://b.test"
	w = &simnet.World{Resources: []simnet.Resource{
		{URL: a, Latency: simnet.Duration(la)},
		{URL: b, Latency: simnet.Duration(lb)},
	}}
	return w, a, b
}

// fatalTB records a Fatalf and ends its goroutine, as testing.T does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// between calls Between in a goroutine of its own, so that a Fatalf ends
// only that goroutine, and returns its moment or its message.
func between(t *testing.T, la, lb time.Duration) (at time.Duration, msg string) {
	w, a, b := twoURLs(la, lb)
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		at = Between(tb, w, a, b)
	}()
	<-done
	return at, tb.msg
}

// TestBetweenRounds: the midpoint of the two answers, cut to 100ms, or to
// 1ms, where that stays strictly after the first answer.
func TestBetweenRounds(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct{ la, lb, want time.Duration }{
		{150 * ms, 400 * ms, 200 * ms},      // 275ms, cut to 200ms
		{100*ms - 1, 150 * ms, 100 * ms},    // 100ms is just after the first answer
		{100 * ms, 150 * ms, 125 * ms},      // 100ms is the first answer: 125ms
		{100 * ms, 101 * ms, 100*ms + ms/2}, // no whole ms after 100ms: the midpoint
		{100 * ms, 100*ms + 2, 100*ms + 1},  // the one nanosecond between them
	} {
		at, msg := between(t, tc.la, tc.lb)
		assert.Empty(t, msg, "%v, %v", tc.la, tc.lb)
		assert.Equal(t, tc.want, at, "%v, %v", tc.la, tc.lb)
		assert.Greater(t, at, tc.la, "%v, %v", tc.la, tc.lb)
		assert.Less(t, at, tc.lb, "%v, %v", tc.la, tc.lb)
	}
}

// TestBetweenNoMoment: two answers at once, in the wrong order, or a
// nanosecond apart leave no moment strictly between them: the test is
// stopped with a message naming both.
func TestBetweenNoMoment(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct{ la, lb time.Duration }{
		{100 * ms, 100 * ms},
		{100 * ms, 100*ms - 1},
		{100 * ms, 100*ms + 1},
	} {
		_, msg := between(t, tc.la, tc.lb)
		assert.Contains(t, msg, "no moment between them", "%v, %v", tc.la, tc.lb)
		assert.Contains(t, msg, "https://a.test", "%v, %v", tc.la, tc.lb)
	}
}

// TestOrder: the default world's URLs by answer, hosts without "www.".
func TestOrder(t *testing.T) {
	assert.Equal(t, "python.org (150ms), then example.com (250ms), then httpbin.org (400ms)", Order(simnet.DefaultWorld()))
}

// getEach fetches every URL of args at once, each on a connection of its
// own that is closed when its answer is read: a Runner whose open
// connections fall by one at each answer.
func getEach(ctx context.Context, args []string, _, _ io.Writer, sim *simnet.Net) int {
	var wg sync.WaitGroup
	for _, u := range args {
		wg.Go(func() { get(ctx, sim.Client(0), u) })
	}
	wg.Wait()
	return 0
}

// getInTurn fetches the URLs of args one after the other, each on a
// connection of its own that is closed when its answer is read.
func getInTurn(ctx context.Context, args []string, _, _ io.Writer, sim *simnet.Net) int {
	for _, u := range args {
		get(ctx, sim.Client(0), u)
	}
	return 0
}

// get fetches u on a connection that is closed when the answer is read.
func get(ctx context.Context, client *http.Client, u string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return
	}
	req.Close = true
	resp, err := client.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
}

// rounds is how many times the ConnsAt tests ask at an answer's instant. A
// probe that waits before its sleep instead of after it counts before the
// answer only when the scheduler runs it first: each of these tests, asking
// once, missed that mutant in up to 5 of 20 runs (measured, with and without
// -race); asking 5 times, each caught it in 30 of 30. ConnsAt itself waits,
// and counts the same every time.
const rounds = 5

// TestConnsAtAnAnswer: asked at the very instant an answer is due, ConnsAt
// counts after that answer has closed its connection, not before (150ms,
// 250ms and 400ms in the default world: 2, 1, then 0 open).
func TestConnsAtAnAnswer(t *testing.T) {
	for i, u := range slices.Repeat(ByLatency(t, URLs), rounds) {
		i %= len(URLs)
		at := Latency(t, u)
		assert.Equal(t, len(URLs)-i, ConnsAt(t, getEach, at-1, URLs...), "just before %s answers (%v)", u, at)
		assert.Equal(t, len(URLs)-i-1, ConnsAt(t, getEach, at, URLs...), "as %s answers (%v)", u, at)
	}
}

// TestConnsAtTheLastAnswer: fetched one after the other, the last answer
// comes at the sum of the latencies (800ms in the default world), on a
// connection opened after ConnsAt began to sleep: asked then, ConnsAt still
// waits for the answer and counts none open.
func TestConnsAtTheLastAnswer(t *testing.T) {
	end := Sum(simnet.DefaultWorld())
	assert.Equal(t, 1, ConnsAt(t, getInTurn, end-1, URLs...), "just before the last answer (%v)", end)
	for range rounds {
		assert.Equal(t, 0, ConnsAt(t, getInTurn, end, URLs...), "at the last answer (%v)", end)
	}
}

// TestConnsAtManyAnswers: 20 answers due at the same instant (250ms), all
// counted as closed.
func TestConnsAtManyAnswers(t *testing.T) {
	urls := slices.Repeat([]string{simnet.ExampleURL}, 20)
	at := Latency(t, simnet.ExampleURL)
	assert.Equal(t, len(urls), ConnsAt(t, getEach, at-1, urls...), "just before the answers (%v)", at)
	for range rounds {
		assert.Equal(t, 0, ConnsAt(t, getEach, at, urls...), "as they answer (%v)", at)
	}
}
