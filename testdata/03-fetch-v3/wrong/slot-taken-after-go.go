// exercise: 3
// want: limit 2: the server had 3 requests in flight at once, want at most 2
//
// A wrong solution of the challenge: the slot is taken after the fetch has
// started, not before. The send that waits for a free slot then holds back
// only the next fetch, so limit+1 fetches run at once (400ms, not 600ms,
// with limit 2). A too-short time says little; the check must name the
// broken limit, from the server's count of requests in flight.
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	var wg sync.WaitGroup
	slots := make(chan struct{}, limit)
	for i, u := range urls {
		wg.Go(func() {
			defer func() { <-slots }()
			results[i] = fetchURL(ctx, c, u)
		})
		slots <- struct{}{} // too late: the fetch above is already running
	}
	wg.Wait()
	return results
}
