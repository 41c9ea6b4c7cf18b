package main

import (
	"context"
	"time"

	"goasync.dev/workbook/internal/fetch"
)

// firstBackoff is how long fetchWithRetry waits after the first failure;
// each next wait is twice the one before.
const firstBackoff = 100 * time.Millisecond

// fetchWithRetry fetches url, and again after each failure, waiting
// firstBackoff after the first and twice as long after each next one, until
// an answer is good or budget has passed since the call: then it returns
// the last attempt's result at once, cut if the budget ran out during it.
func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	//exercise:4 challenge: this tries once. Retry after each failure,
	//exercise:4 waiting 100ms, then 200ms, 400ms..., and stop when an answer is
	//exercise:4 good or the budget is spent, whichever comes first. `make check`
	//exercise:4 shows what the server saw; the README has hints.
	// One deadline for the attempts and the waits together: Python's
	//
	//	async with asyncio.timeout(budget):
	//	    while (answer := await fetch_url(url, client)) is None:
	//	        await asyncio.sleep(backoff)
	//	        backoff *= 2
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	backoff := firstBackoff
	for {
		r := fetchURL(ctx, c, url)
		if r.Err == nil || ctx.Err() != nil {
			return r
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done(): // the budget is spent: no more attempts
			return r
		}
		backoff *= 2
	}
	//exercise:shipped return fetchURL(ctx, c, url)
	//exercise:end
}
