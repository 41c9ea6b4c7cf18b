// exercise: 4
// want: is the budget one deadline for all the attempts and waits together
//
// A wrong solution of the challenge: the budget is a deadline for each
// attempt (asyncio.wait_for around each fetch_url), so the attempts and
// waits together run past it, and the file comes after 900ms even with a
// budget of 500ms.
package main

func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	backoff := firstBackoff
	for {
		attemptCtx, cancel := context.WithTimeout(ctx, budget)
		r := fetchURL(attemptCtx, c, url)
		cancel()
		if r.Err == nil || ctx.Err() != nil {
			return r
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return r
		}
		backoff *= 2
	}
}
