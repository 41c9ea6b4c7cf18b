// exercise: 4
// want: with a budget of 420ms, when fetchWithRetry returned the server was still busy with flaky.example.net/file: the budget must cut the attempt in flight
//
// A wrong solution of the challenge, asyncio.wait(timeout=...) translated:
// the budget is a timer that the waits select on, not a ctx deadline, and
// each attempt runs in a goroutine under the caller's ctx. It returns on
// time, but with a budget of 420ms the attempt started at 400ms is not
// cut: the server is still busy with it when fetchWithRetry returns, as
// asyncio.wait leaves its pending tasks running.
package main

func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	spent := time.After(budget)
	backoff := firstBackoff
	for {
		answer := make(chan fetch.Result, 1)
		go func() { answer <- fetchURL(ctx, c, url) }()
		var r fetch.Result
		select {
		case r = <-answer:
		case <-spent:
			return fetch.Result{URL: url, Err: context.DeadlineExceeded}
		}
		if r.Err == nil {
			return r
		}
		select {
		case <-time.After(backoff):
		case <-spent:
			return r
		}
		backoff *= 2
	}
}
