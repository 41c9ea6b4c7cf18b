package fetchtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
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
	lessontest.Measure                  // the call: its start, time, return, leftovers
	Requests           []simnet.Request // the server's view, in order of arrival
	// Stuck is set when synctest found goroutines blocked for good, so
	// the bubble could not end: what it said, with their stacks.
	Stuck *lessontest.Deadlock
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
		// Idle keep-alive connections are the client's, not the call's.
		s.Measure = lessontest.Time(func() int { return lessontest.BubbleGoroutinesIn("") },
			func() { f(ctx, c) }, c.HTTP.CloseIdleConnections)
		s.Requests = n.Requests()
	})
	return s
}

// StuckMessage says, for a check's message, that the call of fn left
// goroutines blocked for good or never returned, and lists their stacks on
// the lines below, which make check reads to name the learner's goroutine,
// its line and what it waits on. It is "" when synctest found none.
func (s Served) StuckMessage(fn string) string {
	return s.Measure.StuckMessage(s.Stuck, fn)
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
