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
	// Stuck is set when goroutines were left blocked for good, so the
	// bubble could not end: what synctest said.
	Stuck string
}

// At returns how long after the call t came.
func (s Served) At(t time.Time) time.Duration { return t.Sub(s.Start) }

// Call runs f inside a synctest bubble with a client of world (timeout per
// request, 0: none), so every latency is exact virtual time. f gets the
// client c that fetchURL takes.
func Call(t *testing.T, world *simnet.World, timeout time.Duration, f func(ctx context.Context, c *fetch.Client)) (s Served) {
	t.Helper()
	defer func() {
		// synctest panics when the bubble ends with goroutines blocked for good.
		if r := recover(); r != nil {
			s.Stuck = fmt.Sprint(r)
		}
	}()
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(world)
		if err != nil {
			t.Fatalf("the world of this check is invalid: %v", err)
		}
		defer n.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c := &fetch.Client{HTTP: n.Client(timeout), MaxBody: 1 << 20, Timeline: timeline.New()}
		synctest.Wait()
		before := lessontest.BubbleGoroutinesIn("")
		s.Start = time.Now()
		f(ctx, c)
		s.Elapsed = time.Since(s.Start)
		// Idle keep-alive connections are the client's, not the call's.
		c.HTTP.CloseIdleConnections()
		synctest.Wait()
		s.Leftover = lessontest.BubbleGoroutinesIn("") - before
		s.Requests = n.Requests()
	})
	return s
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
