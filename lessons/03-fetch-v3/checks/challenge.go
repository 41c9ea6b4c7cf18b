package checks

import (
	"context"
	"net/http"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// GatherLimit is the challenge's function: gather urls with at most limit
// fetches at once, results in input order.
type GatherLimit func(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result

// LimitPages are the challenge's six files. Their latencies make every way
// of limiting take a different time: all at once 300ms, one at a time
// 1000ms; 2 at a time in input order, each starting as a slot frees up,
// 600ms (in batches of 2: 700ms); 3 at a time 400ms (batches: 500ms).
var LimitPages = []fetchtest.Page{
	{URL: "https://files.example/1", Latency: 300 * time.Millisecond},
	{URL: "https://files.example/2", Latency: 100 * time.Millisecond},
	{URL: "https://files.example/3", Latency: 200 * time.Millisecond},
	{URL: "https://files.example/4", Latency: 100 * time.Millisecond, Status: http.StatusInternalServerError},
	{URL: "https://files.example/5", Latency: 100 * time.Millisecond},
	{URL: "https://files.example/6", Latency: 200 * time.Millisecond},
}

// LimitWant is how long LimitPages take with each limit: a pool of limit
// slots filled in input order.
var LimitWant = map[int]time.Duration{2: 600 * time.Millisecond, 3: 400 * time.Millisecond}

// Challenges returns the lesson's challenges, checked against gatherLimit
// of the copy under test. They come after the exercises.
func Challenges(gatherLimit GatherLimit) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "challenge-limit",
			Goal: "challenge: gatherLimit fetches the URLs with at most limit requests at once, starting each as soon as a slot is free, in input order; 6 files in 600ms with limit 2",
			Hints: []string{
				"draw it: six fetches of 300, 100, 200, 100, 100 and 200ms, two lanes; when does each start? Which Go value can count what is running, and make the next one wait?",
				"a channel with room for limit values is a semaphore: a send takes a slot (and waits while all are taken), a receive gives one back",
				"take the slot in the loop, before `go`, so the fetches start in input order; give it back when the fetch is done: `sem <- struct{}{}; wg.Go(func() { defer func() { <-sem }(); results[i] = fetchURL(ctx, c, u) })`. errgroup.Group's SetLimit does the same",
			},
			Check: func(t *testing.T) {
				for _, limit := range []int{2, 3} {
					checkLimit(t, gatherLimit, limit)
				}
			},
		},
	}
}

// checkLimit: with limit, LimitPages take exactly LimitWant[limit], the
// server never sees more than limit requests at once, they reach it in
// input order, and the results are in input order.
func checkLimit(t *testing.T, gatherLimit GatherLimit, limit int) {
	urls := fetchtest.URLsOf(LimitPages)
	var results []fetch.Result
	s := fetchtest.Call(t, fetchtest.World(LimitPages...), 0, func(ctx context.Context, c *fetch.Client) {
		results = gatherLimit(ctx, c, urls, limit)
	})
	want := LimitWant[limit]
	if m := s.StuckMessage("gatherLimit"); m != "" {
		t.Fatalf("limit %d: %s", limit, m)
	}
	// Over the limit, the time and the order are noise: say only that.
	if most := simnet.MaxInFlight(s.Requests); most > limit {
		t.Errorf("limit %d: the server had %d requests in flight at once, want at most %d (it took %v):%s",
			limit, most, limit, s.Elapsed, s.Describe())
	} else {
		if s.Elapsed != want {
			var sum, slowest time.Duration
			for _, p := range LimitPages {
				sum, slowest = sum+p.Latency, max(slowest, p.Latency)
			}
			t.Errorf("limit %d: took %v, want %v (%d lanes; one at a time takes %v, all at once %v): does each fetch start as soon as a slot frees up, in input order, and not in batches?%s",
				limit, s.Elapsed, want, limit, sum, slowest, s.Describe())
		}
		checkStartOrder(t, s, urls, limit)
	}
	if len(results) != len(urls) {
		t.Fatalf("limit %d: %d results for %d URLs, want one per URL", limit, len(results), len(urls))
	}
	for i, r := range results {
		if r.URL != urls[i] {
			t.Errorf("limit %d: results[%d] is %s, want %s: results come in input order", limit, i, r.URL, urls[i])
		}
		if failed := r.Err != nil; failed != (LimitPages[i].Status == http.StatusInternalServerError) {
			t.Errorf("limit %d: results[%d] (%s) has error %v, want it only for the 500", limit, i, r.URL, r.Err)
		}
	}
	if s.Leftover > 0 {
		t.Errorf("limit %d: %s still running after gatherLimit returned: wait for every fetch", limit, lessontest.GoroutinesWere(s.Leftover))
	}
}

// checkStartOrder: no URL reached the server before one listed ahead of it.
// (Two that start at the same instant arrive in either order.) A URL that
// never reached the server, a fetch cancelled before it was sent, has no
// start to compare: the results say what became of it.
func checkStartOrder(t *testing.T, s fetchtest.Served, urls []string, limit int) {
	start := map[string]time.Duration{}
	for _, r := range s.Requests {
		start["https://"+r.URL] = s.At(r.Start)
	}
	prev := "" // the last URL before u that reached the server
	for _, u := range urls {
		at, reached := start[u]
		if !reached {
			continue
		}
		if prev != "" && at < start[prev] {
			t.Errorf("limit %d: %s reached the server at %v, before %s (at %v), listed ahead of it: start the fetches in input order (take the slot before `go`, not inside the goroutine)",
				limit, u, at, prev, start[prev])
			return
		}
		prev = u
	}
}
