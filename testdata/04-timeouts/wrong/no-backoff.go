// exercise: 4
// want: wait 100ms after the first failure, then twice as long after each next one
//
// A wrong solution of the challenge: it retries at once after a failure,
// hammering the flaky server (attempts at 0s, 50ms, 100ms, 150ms).
package main

func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	for {
		if r := fetchURL(ctx, c, url); r.Err == nil || ctx.Err() != nil {
			return r
		}
	}
}
