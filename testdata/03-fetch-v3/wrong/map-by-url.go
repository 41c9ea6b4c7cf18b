// exercise: 1
// want: keyed by URL
//
// A wrong solution of exercise 1: a mutex and a map keyed by URL. The
// output is in input order, but the same URL given twice is one entry.
package main

func gatherAll(ctx context.Context, c *fetch.Client, urls []string, results []fetch.Result) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	byURL := map[string]fetch.Result{}
	for _, u := range urls {
		wg.Go(func() {
			r := fetchURL(ctx, c, u)
			mu.Lock()
			byURL[u] = r
			mu.Unlock()
		})
	}
	wg.Wait()
	for i, u := range urls {
		results[i] = byURL[u]
	}
}
