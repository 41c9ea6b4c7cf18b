package checks

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/lessontest"
)

// FirstMirror is the challenge's function: fetch one file from every
// mirror at once and return the first whole answer.
type FirstMirror func(ctx context.Context, c *fetch.Client, mirrors []string) fetch.Result

// Mirrors serve one file: a slow mirror, one that fails fast (a 500 after
// 50ms), the fastest good one (120ms) and one that never answers.
var Mirrors = []fetchtest.Page{
	{URL: "https://mirror-a.example/go.tar.gz", Latency: 300 * time.Millisecond},
	{URL: "https://mirror-b.example/go.tar.gz", Latency: 50 * time.Millisecond, Status: 500},
	{URL: "https://mirror-c.example/go.tar.gz", Latency: 120 * time.Millisecond},
	{URL: "https://mirror-d.example/go.tar.gz", Hang: true},
}

// FailingMirrors all fail: the last one after 80ms.
var FailingMirrors = []fetchtest.Page{
	{URL: "https://mirror-b.example/go.tar.gz", Latency: 50 * time.Millisecond, Status: 500},
	{URL: "https://mirror-e.example/go.tar.gz", Latency: 80 * time.Millisecond, Status: 503},
}

// Challenges returns the lesson's challenges, checked against firstMirror
// of the copy under test. They come after the exercises.
func Challenges(firstMirror FirstMirror) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "challenge-mirrors",
			Goal: "challenge: firstMirror asks every mirror at once, returns the first good answer (mirror-c, after exactly 120ms) and cancels the requests still running",
			Hints: []string{
				"how long would Python take with asyncio.as_completed over the mirrors, if it stopped at the first good one? And what must happen to the other tasks?",
				"this lesson's fetchAll already hands you the results in order of completion; stop at the first good one. A request ends early only when its ctx is cancelled: give the fetches a ctx of their own",
				"`ctx, cancel := context.WithCancel(ctx); defer cancel()`, one goroutine per mirror sending fetchURL's result into a channel with room for all, then receive until r.Err == nil; if none is good, return the last failure",
			},
			Check: func(t *testing.T) {
				checkMirrors(t, firstMirror)
				checkFailingMirrors(t, firstMirror)
			},
		},
	}
}

// checkMirrors: mirror-c's file after exactly 120ms; the server saw the
// requests to mirror-a and mirror-d end at 120ms, unanswered.
func checkMirrors(t *testing.T, firstMirror FirstMirror) {
	const want, winner = 120 * time.Millisecond, "https://mirror-c.example/go.tar.gz"
	var r fetch.Result
	s := fetchtest.Call(t, fetchtest.World(Mirrors...), 10*time.Second, func(ctx context.Context, c *fetch.Client) {
		r = firstMirror(ctx, c, fetchtest.URLsOf(Mirrors))
	})
	switch {
	case s.Stuck != nil:
		t.Fatal(s.StuckMessage("firstMirror"))
	case r.Err != nil:
		t.Errorf("returned %s's failure (%v) after %v: a mirror that fails has not got the file; wait for one that answers with it", r.URL, r.Err, s.Elapsed)
	case r.URL != winner:
		t.Errorf("returned %s after %v, want %s, the fastest good mirror, after %v: are all mirrors asked at once?", r.URL, s.Elapsed, winner, want)
	case s.Elapsed != want:
		t.Errorf("returned %s after %v, want %v: return as soon as the first good answer is in", r.URL, s.Elapsed, want)
	}
	if body := int64(len("the file at " + r.URL + "\n")); r.Err == nil && r.Size != body {
		t.Errorf("returned %s with %d bytes of body, want its %d: return fetchURL's whole result", r.URL, r.Size, body)
	}
	if len(s.Requests) != len(Mirrors) {
		t.Errorf("the server got %d requests, want one per mirror (%d):%s", len(s.Requests), len(Mirrors), s.Describe())
	}
	var open []string
	for _, req := range s.Requests {
		switch {
		case req.End.IsZero():
			open = append(open, req.URL)
		case !req.Answered && s.At(req.End) != s.Elapsed:
			t.Errorf("the request to %s ended at %v, want %v, when firstMirror returned:%s", req.URL, s.At(req.End), s.Elapsed, s.Describe())
		}
	}
	slices.Sort(open) // requests that start together arrive in either order
	if len(open) > 0 {
		t.Errorf("when firstMirror returned at %v, the server was still busy with %s: cancel the requests you no longer need (a ctx of their own, cancelled; and fetchURL must build its request with that ctx: exercise 2)", s.Elapsed, strings.Join(open, ", "))
	} else if s.Leftover > 0 {
		t.Errorf("%s still running after firstMirror returned: does every fetch end when it is cancelled?", lessontest.GoroutinesWere(s.Leftover))
	}
}

// checkFailingMirrors: when every mirror fails, firstMirror returns a
// failure once the last one has failed.
func checkFailingMirrors(t *testing.T, firstMirror FirstMirror) {
	const want = 80 * time.Millisecond
	var r fetch.Result
	s := fetchtest.Call(t, fetchtest.World(FailingMirrors...), 10*time.Second, func(ctx context.Context, c *fetch.Client) {
		r = firstMirror(ctx, c, fetchtest.URLsOf(FailingMirrors))
	})
	switch {
	case s.Stuck != nil:
		t.Fatal("with every mirror failing, " + s.StuckMessage("firstMirror"))
	case r.Err == nil:
		t.Errorf("with every mirror failing (a 500 after 50ms, a 503 after 80ms), returned %s with no error, want a failure", r.URL)
	case s.Elapsed != want:
		t.Errorf("with every mirror failing, returned after %v, want %v, when the last one has failed", s.Elapsed, want)
	}
}
