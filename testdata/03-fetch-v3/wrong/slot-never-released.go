// exercise: 3
// want: gatherLimit never returned: it and every goroutine it started were blocked for good
//
// A wrong solution of the challenge: each fetch takes a slot but never
// gives it back, so once limit fetches have run, gatherLimit waits for
// ever for a free slot.
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	var wg sync.WaitGroup
	slots := make(chan struct{}, limit)
	for i, u := range urls {
		slots <- struct{}{} // take a slot, or wait here until one is free
		wg.Go(func() { results[i] = fetchURL(ctx, c, u) })
	}
	wg.Wait()
	return results
}
