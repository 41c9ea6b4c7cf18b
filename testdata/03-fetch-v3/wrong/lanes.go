// exercise: 3
// want: limit 2: https://files.example/4 reached the server at 100ms, before https://files.example/3 (at 300ms)
//
// A wrong solution of the challenge: the URLs are dealt out to limit lanes
// like cards, lane w fetching urls[w], urls[w+limit], ... one after the
// other. Never more than limit run at once, and with these six files it
// even takes the right time (600ms with limit 2, 400ms with 3), but a lane
// of fast files runs ahead: with limit 2, file 3 waits behind the slow file
// 1 in its lane while the other lane starts file 4 at 100ms. Only the order
// the requests reach the server shows it, so the check must read it.
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	var wg sync.WaitGroup
	for w := range limit {
		wg.Go(func() {
			for i := w; i < len(urls); i += limit {
				results[i] = fetchURL(ctx, c, urls[i])
			}
		})
	}
	wg.Wait()
	return results
}
