// exercise: 2
// want: -mode shield took 300ms, want 400ms
//
// A wrong solution of exercise 2: the fetch runs under a ctx derived from
// the caller's with context.WithCancel, which a deadline above it still
// reaches: the "shield" is cut with the wait, at 300ms.
package main

func fetchShielded(ctx context.Context, c *fetch.Client, url string, d time.Duration, interrupted <-chan struct{}, s *stage) fetch.Result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	done := make(chan fetch.Result, 1)
	shielded, stop := context.WithCancel(ctx)
	defer stop()
	go func() { done <- fetchURL(shielded, c, url) }()
	select {
	case r := <-done:
		return r
	case <-ctx.Done():
		s.line("gave up", url, "waiting: "+ctx.Err().Error()+"; the fetch goes on")
	}
	select {
	case r := <-done:
		return r
	case <-interrupted:
		return fetch.Result{URL: url, Err: fetch.Cancelled{Cause: fetch.ErrInterrupted}}
	}
}
