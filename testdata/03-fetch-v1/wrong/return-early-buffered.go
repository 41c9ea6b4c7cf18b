// exercise: 4
// want: results[2] is empty, want https://pages.example/3 cancelled
//
// A wrong solution of the challenge: at the first failure it cancels the
// rest and returns at once, without receiving their results. The channels
// have room, so no goroutine is left blocked, but pages 3 and 4 get no
// result at all.
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
		if results[i] = <-task; results[i].Err != nil {
			return results // the deferred cancel ends the rest, but who receives them?
		}
	}
	return results
}
