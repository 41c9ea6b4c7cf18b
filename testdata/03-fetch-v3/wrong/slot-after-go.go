// exercise: 3
// want: limit 2: the server had 3 requests in flight at once, want at most 2
//
// A wrong solution of the challenge: each fetch is started first and its
// slot taken after, so the loop waits for a free slot only once one fetch
// too many is already running: limit+1 at once.
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
		slots <- struct{}{} // too late: the fetch above is running already
	}
	wg.Wait()
	return results
}
