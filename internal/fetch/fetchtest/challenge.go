package fetchtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

// Page is one URL of a challenge's world: how long its server waits before
// answering, and with which status (0: 200). Hang makes it never answer.
type Page struct {
	URL     string
	Latency time.Duration
	Status  int
	Hang    bool
}

// World is a simulated internet that serves pages, each with a short body.
func World(pages ...Page) *simnet.World {
	w := &simnet.World{}
	for _, p := range pages {
		r := simnet.Resource{URL: p.URL, Status: p.Status, Body: "the file at " + p.URL + "\n", Latency: simnet.Duration(p.Latency)}
		if p.Hang {
			r.Fault = simnet.FaultHang
		}
		w.Resources = append(w.Resources, r)
	}
	return w
}

// URLsOf returns the pages' URLs, in order.
func URLsOf(pages []Page) []string {
	urls := make([]string, len(pages))
	for i, p := range pages {
		urls[i] = p.URL
	}
	return urls
}

// Served is what a challenge's function did, seen from outside: how long it
// took, what the server saw, and what it left behind.
type Served struct {
	Elapsed  time.Duration    // virtual time from the call to its return
	Requests []simnet.Request // the server's view, in order of arrival
	Start    time.Time        // when the call began: Requests' times are virtual
	// Leftover counts the goroutines the call started that were still alive
	// once it had returned and everything that could finish had finished.
	Leftover int
	// Stuck is set when synctest found goroutines blocked for good, so
	// the bubble could not end: what it said, with their stacks.
	Stuck *lessontest.Deadlock
	// Returned is true once the call has returned: with Stuck, it tells
	// a call that left goroutines blocked from one that never returned.
	Returned bool
}

// At returns how long after the call t came.
func (s Served) At(t time.Time) time.Duration { return t.Sub(s.Start) }

// Call runs f inside a synctest bubble with a client of world (timeout per
// request, 0: none), so every latency is exact virtual time. f gets the
// client c that fetchURL takes.
func Call(t *testing.T, world *simnet.World, timeout time.Duration, f func(ctx context.Context, c *fetch.Client)) (s Served) {
	t.Helper()
	s.Stuck = lessontest.SynctestTest(t, func(t *testing.T) {
		n, err := simnet.NewMemory(world)
		if err != nil {
			t.Fatalf("the world of this check is invalid: %v", err)
		}
		defer n.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c := &fetch.Client{HTTP: n.Client(timeout), MaxBody: 1 << 20, Timeline: timeline.New()}
		// Count once the network's one goroutine (its server's Serve) waits
		// in Accept: counted while it starts, it was now and then missed
		// (the right answer of 04-timeouts' challenge was told "1 goroutine
		// was still running" in 3 runs of 20, 7 of 20 under -race).
		synctest.Wait()
		before := lessontest.BubbleGoroutinesIn("")
		s.Start = time.Now()
		f(ctx, c)
		s.Elapsed, s.Returned = time.Since(s.Start), true
		// Idle keep-alive connections are the client's, not the call's.
		c.HTTP.CloseIdleConnections()
		synctest.Wait()
		s.Leftover = lessontest.BubbleGoroutinesIn("") - before
		s.Requests = n.Requests()
	})
	return s
}

// StuckMessage says, for a check's message, that the call of fn left
// goroutines blocked for good or never returned, and lists their stacks on
// the lines below, which make check reads to name the learner's goroutine,
// its line and what it waits on. It is "" when synctest found none.
func (s Served) StuckMessage(fn string) string {
	switch {
	case s.Stuck == nil:
		return ""
	case s.Returned:
		return fmt.Sprintf("%s returned after %v but left goroutines blocked for good:\n%v", fn, s.Elapsed, s.Stuck)
	default:
		return fmt.Sprintf("%s never returned: it and every goroutine it started were blocked for good:\n%v", fn, s.Stuck)
	}
}

// Describe lists what the server saw, one request a line, for a message.
func (s Served) Describe() string {
	var b strings.Builder
	for _, r := range s.Requests {
		end, how := "still open", "not answered"
		if !r.End.IsZero() {
			end = s.At(r.End).String()
		}
		if r.Answered {
			how = "answered"
		}
		fmt.Fprintf(&b, "\n  %-28s arrived at %-6v ended at %-10v %s", r.URL, s.At(r.Start), end, how)
	}
	return b.String()
}
