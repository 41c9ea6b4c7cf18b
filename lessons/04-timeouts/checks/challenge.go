package checks

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// FetchWithRetry is the challenge's function: fetch url, retrying with
// backoff after each failure, within budget in all.
type FetchWithRetry func(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result

// The challenge's flaky server: it answers after FlakyLatency, with a 503
// to its first FlakyFailures requests and with the file after them.
const (
	FlakyURL      = "https://flaky.example.net/file"
	FlakyLatency  = 50 * time.Millisecond
	FlakyFailures = 3
	// FirstBackoff is the wait after the first failure; each next wait is
	// twice the one before.
	FirstBackoff = 100 * time.Millisecond
	// SteadyURL answers at once, the first time.
	SteadyURL = "https://steady.example.net/file"
)

// FlakyWorld serves FlakyURL and SteadyURL.
func FlakyWorld() *simnet.World {
	return &simnet.World{Resources: []simnet.Resource{
		{URL: FlakyURL, Body: "the file, at last\n", Latency: simnet.Duration(FlakyLatency), FailFirst: FlakyFailures},
		{URL: SteadyURL, Body: "the file\n", Latency: simnet.Duration(FlakyLatency)},
	}}
}

// Attempts returns when each attempt of a right fetchWithRetry starts, and
// when it returns, if it retries FlakyURL within budget: attempts start
// after each failure and backoff; the budget cuts an attempt or a backoff.
func Attempts(budget time.Duration) (starts []time.Duration, end time.Duration, ok bool) {
	at, wait := time.Duration(0), FirstBackoff
	for i := 0; ; i++ {
		if at >= budget {
			return starts, budget, false
		}
		starts = append(starts, at)
		if at+FlakyLatency > budget {
			return starts, budget, false
		}
		at += FlakyLatency
		if i >= FlakyFailures {
			return starts, at, true
		}
		at += wait
		wait += wait
	}
}

// Challenges returns the lesson's challenge, checked against
// fetchWithRetry of the copy under test. It comes after the exercises.
func Challenges(fetchWithRetry FetchWithRetry) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "challenge-retry",
			Goal: "challenge: fetchWithRetry retries a flaky URL, waiting 100ms, 200ms, 400ms... between attempts, and returns when an answer is good or its budget is spent, whichever comes first",
			Hints: []string{
				"which of this lesson's deadlines is the budget: one for all the attempts together (-mode total), or one for each (-mode per-request)? And which of your waits must end when it passes?",
				"derive one ctx with the budget as its deadline before the first attempt; between attempts, wait in a select on a timer and ctx.Done(), never with time.Sleep",
				"`ctx, cancel := context.WithTimeout(ctx, budget); defer cancel()`, then loop: `r := fetchURL(ctx, c, url)`; return it if `r.Err == nil || ctx.Err() != nil`; else `select { case <-time.After(backoff): case <-ctx.Done(): return r }`, then double backoff",
			},
			Check: func(t *testing.T) {
				checkRetry(t, fetchWithRetry, 2*time.Second)
				checkRetry(t, fetchWithRetry, 500*time.Millisecond) // the budget ends during a backoff
				checkRetry(t, fetchWithRetry, 420*time.Millisecond) // ... during an attempt
				checkSteady(t, fetchWithRetry)
			},
		},
	}
}

// checkRetry calls fetchWithRetry on FlakyURL with budget and compares
// what the server saw, and when it returned, with Attempts.
func checkRetry(t *testing.T, fetchWithRetry FetchWithRetry, budget time.Duration) {
	t.Helper()
	starts, end, ok := Attempts(budget)
	var r fetch.Result
	s := fetchtest.Call(t, FlakyWorld(), 0, func(ctx context.Context, c *fetch.Client) {
		r = fetchWithRetry(ctx, c, FlakyURL, budget)
	})
	if m := s.StuckMessage("fetchWithRetry"); m != "" {
		t.Fatalf("with a budget of %v, %s", budget, m)
	}
	var seen []time.Duration
	for _, req := range s.Requests {
		seen = append(seen, s.At(req.Start))
	}
	switch {
	case len(seen) > 1 && seen[1]-seen[0] < FirstBackoff+FlakyLatency:
		t.Errorf("with a budget of %v, the server saw attempts at %v, want %v: wait %v after the first failure, then twice as long after each next one", budget, seen, starts, FirstBackoff)
	case ok && r.Err != nil && len(seen) == 1:
		t.Errorf("with a budget of %v, returned %v after %v, want the file after %v (attempts at %v): the server saw one attempt; a failed attempt is a reason to wait and try again: return only a good answer, or when the budget is spent", budget, r.Err, s.Elapsed, end, starts)
	case ok && r.Err != nil:
		t.Errorf("with a budget of %v, returned %v after %v, want the file after %v (attempts at %v): is the budget one deadline for all the attempts, made once before the first?", budget, r.Err, s.Elapsed, end, starts)
	case !ok && r.Err == nil:
		t.Errorf("with a budget of %v, returned the file after %v: the budget should have run out at %v, before the attempt that got it; is the budget one deadline for all the attempts and waits together, made once before the first?", budget, s.Elapsed, end)
	case !ok && s.Elapsed > end:
		t.Errorf("with a budget of %v, returned after %v, want %v, when the budget ran out: a wait between attempts must end when the budget does (select on ctx.Done(), not time.Sleep)", budget, s.Elapsed, end)
	case s.Elapsed != end:
		t.Errorf("with a budget of %v, returned after %v, want %v", budget, s.Elapsed, end)
	case fmt.Sprint(seen) != fmt.Sprint(starts):
		t.Errorf("with a budget of %v, the server saw attempts at %v, want %v", budget, seen, starts)
	}
	if s.Leftover > 0 {
		t.Errorf("with a budget of %v, %s still running after fetchWithRetry returned", budget, lessontest.GoroutinesWere(s.Leftover))
	}
	var open []string
	for _, req := range s.Requests {
		if req.End.IsZero() {
			open = append(open, req.URL)
		}
	}
	if len(open) > 0 {
		t.Errorf("with a budget of %v, when fetchWithRetry returned the server was still busy with %s: the budget must cut the attempt in flight:%s", budget, strings.Join(open, ", "), s.Describe())
	}
}

// checkSteady: a URL that answers the first time is fetched once.
func checkSteady(t *testing.T, fetchWithRetry FetchWithRetry) {
	var r fetch.Result
	s := fetchtest.Call(t, FlakyWorld(), 0, func(ctx context.Context, c *fetch.Client) {
		r = fetchWithRetry(ctx, c, SteadyURL, time.Second)
	})
	if r.Err != nil || len(s.Requests) != 1 || s.Elapsed != FlakyLatency {
		t.Errorf("a URL that answers the first time: got %v after %v and %d requests, want the file after %v and 1 request", r, s.Elapsed, len(s.Requests), FlakyLatency)
	}
}
