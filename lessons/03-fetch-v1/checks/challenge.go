package checks

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/lessontest"
)

// FetchUntilError is the challenge's function: fetch every URL at once,
// await them in creation order, and stop at the first failure.
type FetchUntilError func(ctx context.Context, c *fetch.Client, urls []string) []fetch.Result

// UntilErrorPages: page 2 fails first in time (a 500 after 80ms), but page 1
// (150ms) comes before it in creation order; page 3 is slow and page 4
// never answers.
var UntilErrorPages = []fetchtest.Page{
	{URL: "https://pages.example/1", Latency: 150 * time.Millisecond},
	{URL: "https://pages.example/2", Latency: 80 * time.Millisecond, Status: 500},
	{URL: "https://pages.example/3", Latency: 400 * time.Millisecond},
	{URL: "https://pages.example/4", Hang: true},
}

// GoodPages all answer: nothing to stop, 400ms.
var GoodPages = []fetchtest.Page{
	{URL: "https://pages.example/1", Latency: 150 * time.Millisecond},
	{URL: "https://pages.example/2", Latency: 80 * time.Millisecond},
	{URL: "https://pages.example/3", Latency: 400 * time.Millisecond},
}

// UntilErrorTimeout is the client's -timeout in the checks: a page that
// never answers fails after it.
const UntilErrorTimeout = time.Second

// Challenges returns the lesson's challenges, checked against
// fetchUntilError of the copy under test. They come after the exercises.
func Challenges(fetchUntilError FetchUntilError) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "challenge-until-error",
			Goal: "challenge: fetchUntilError awaits in creation order and, at the first failure it meets, cancels every fetch still running: 4 pages, done in exactly 150ms",
			Hints: []string{
				"page 2 fails after 80ms, but you await page 1 first: when do you learn of page 2's failure? What can end page 3's and page 4's requests then?",
				"a request ends early only when its ctx is cancelled: give the fetches a ctx of their own, and keep receiving after you cancel it, so every result is in and no goroutine is left",
				"`ctx, cancel := context.WithCancel(ctx); defer cancel()` before the goroutines start; in the await loop, `if results[i].Err != nil { cancel() }`",
			},
			Check: func(t *testing.T) {
				checkUntilError(t, fetchUntilError)
				checkNoError(t, fetchUntilError)
			},
		},
	}
}

// checkUntilError: the run ends at 150ms, when page 1 is in and page 2's
// failure is met; pages 3 and 4 are cancelled, as the server sees it.
func checkUntilError(t *testing.T, fetchUntilError FetchUntilError) {
	const want = 150 * time.Millisecond
	urls := fetchtest.URLsOf(UntilErrorPages)
	var results []fetch.Result
	s := fetchtest.Call(t, fetchtest.World(UntilErrorPages...), UntilErrorTimeout, func(ctx context.Context, c *fetch.Client) {
		results = fetchUntilError(ctx, c, urls)
	})
	if m := s.StuckMessage("fetchUntilError"); m != "" {
		t.Fatal(m)
	}
	switch {
	case s.Elapsed == 80*time.Millisecond:
		t.Errorf("returned after 80ms, when page 2 failed, want %v: await in creation order; page 2's failure is met once page 1 is in", want)
	case s.Elapsed != want:
		t.Errorf("returned after %v, want %v: page 1 is in at 150ms, and page 2's failure (at 80ms) is met right after it; are pages 3 and 4 cancelled then?%s", s.Elapsed, want, s.Describe())
	}
	if len(results) != len(urls) {
		t.Fatalf("%d results for %d URLs, want one per URL, in input order", len(results), len(urls))
	}
	for i, want := range []string{"ok", "failed", "cancelled", "cancelled"} {
		if results[i].URL == "" {
			t.Errorf("results[%d] is empty, want %s %s: receive every result before returning (once cancelled, the fetches end at once)", i, urls[i], want)
		} else if got := outcome(results[i]); results[i].URL != urls[i] || got != want {
			t.Errorf("results[%d] is %s %s (%v), want %s %s", i, results[i].URL, got, results[i].Err, urls[i], want)
		}
	}
	var open []string
	for _, r := range s.Requests {
		switch {
		case r.End.IsZero():
			open = append(open, r.URL+" (still open)")
		case !r.Answered && s.At(r.End) != want:
			open = append(open, fmt.Sprintf("%s (ended at %v)", r.URL, s.At(r.End)))
		}
	}
	slices.Sort(open) // requests that start together arrive in either order
	if len(open) > 0 && s.Elapsed == want {
		t.Errorf("the server did not see these requests end when page 2's failure was met: %s: cancel them (and fetchURL builds its request with ctx)", strings.Join(open, ", "))
	}
	if s.Leftover > 0 {
		t.Errorf("%s still running after fetchUntilError returned: receive every result before returning, and start no goroutine that waits on the caller's ctx (context.WithCancel(ctx) passes its cancellation on without one)", lessontest.GoroutinesWere(s.Leftover))
	}
}

// checkNoError: when nothing fails, nothing is cancelled: 400ms, all ok.
func checkNoError(t *testing.T, fetchUntilError FetchUntilError) {
	const want = 400 * time.Millisecond
	var results []fetch.Result
	s := fetchtest.Call(t, fetchtest.World(GoodPages...), UntilErrorTimeout, func(ctx context.Context, c *fetch.Client) {
		results = fetchUntilError(ctx, c, fetchtest.URLsOf(GoodPages))
	})
	if m := s.StuckMessage("fetchUntilError"); m != "" {
		t.Fatal("with no failure, " + m)
	}
	if s.Elapsed != want {
		t.Errorf("with no failure (pages of 150, 80 and 400ms), returned after %v, want %v", s.Elapsed, want)
	}
	for i, r := range results {
		if r.Err != nil {
			t.Errorf("with no failure, results[%d] (%s) has error %v, want none", i, r.URL, r.Err)
		}
	}
}

// outcome is a result in a word: ok, failed or cancelled.
func outcome(r fetch.Result) string {
	var c fetch.Cancelled
	switch {
	case r.Err == nil:
		return "ok"
	case errors.As(r.Err, &c):
		return "cancelled"
	}
	return "failed"
}
