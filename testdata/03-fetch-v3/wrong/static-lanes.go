// exercise: 3
// want: limit 2: https://files.example/4 reached the server at 0s, before https://files.example/3 (at 400ms), listed ahead of it
//
// A wrong solution of the challenge: the URLs are cut into limit lanes of
// consecutive URLs up front, each fetched one after the other by a
// goroutine of its own. Never more than limit at once, and with these
// pages even the time is right (600ms, 400ms), but file 4 starts before
// files 2 and 3, listed ahead of it: a lane does not take the next URL as
// a slot frees up.
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	var wg sync.WaitGroup
	size := (len(urls) + limit - 1) / limit // URLs per lane
	for lane := range limit {
		first, last := min(lane*size, len(urls)), min((lane+1)*size, len(urls))
		wg.Go(func() {
			for i := first; i < last; i++ {
				results[i] = fetchURL(ctx, c, urls[i])
			}
		})
	}
	wg.Wait()
	return results
}
