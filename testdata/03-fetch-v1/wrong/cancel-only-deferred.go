// exercise: 4
// want: results[2] is https://pages.example/3 ok (<nil>), want https://pages.example/3 cancelled
//
// A wrong solution of the challenge: the fetches get a ctx of their own,
// but it is cancelled only by the deferred cancel, once every fetch has
// been awaited, not at the first failure: page 3 is fetched to the end and
// page 4 runs into the -timeout.
package main

func fetchUntilError(ctx context.Context, c *fetch.Client, urls []string) []fetch.Result {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tasks := make([]chan fetch.Result, len(urls))
	for i, u := range urls {
		tasks[i] = make(chan fetch.Result, 1)
		go func() { tasks[i] <- fetchURL(ctx, c, u) }()
	}
	results := make([]fetch.Result, len(urls))
	for i, task := range tasks {
		results[i] = <-task // a failure here cancels nothing
	}
	return results
}
