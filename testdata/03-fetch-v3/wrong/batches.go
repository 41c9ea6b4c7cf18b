// exercise: 3
// want: limit 2: took 700ms, want 600ms
//
// A wrong solution of the challenge: the fetches run in batches of limit,
// each batch waiting for its slowest fetch before the next starts. Never
// more than limit run at once and they start in input order, but a slot
// stays idle while its batch finishes: 700ms, not 600ms, with limit 2. Only
// the time can tell it from a pool, so the check must say it.
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	for start := 0; start < len(urls); start += limit {
		var wg sync.WaitGroup
		for i := start; i < min(start+limit, len(urls)); i++ {
			wg.Go(func() { results[i] = fetchURL(ctx, c, urls[i]) })
		}
		wg.Wait() // the whole batch, before the next one starts
	}
	return results
}
