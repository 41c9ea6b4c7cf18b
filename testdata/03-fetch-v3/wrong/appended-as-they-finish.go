// exercise: 3
// want: limit 2: results[0] is https://files.example/2, want https://files.example/1
//
// A wrong solution of the challenge: the slots are right, but each fetch
// appends its result under a mutex, exercise 1's mistake again, so the
// results come in the order the fetches finish: file 2 (100ms) first.
// The server sees nothing wrong; only the results show it.
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	var results []fetch.Result
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, limit)
	for _, u := range urls {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			r := fetchURL(ctx, c, u)
			mu.Lock()
			results = append(results, r)
			mu.Unlock()
		})
	}
	wg.Wait()
	return results
}
