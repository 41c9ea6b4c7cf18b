// exercise: 4
// want: fetchUntilError returned after 150ms but left goroutines blocked for good
//
// A wrong solution of the challenge: each fetch sends its result on a
// channel with no room, and fetchUntilError returns at the first failure
// without receiving the rest, so the cancelled fetches wait for ever to
// send theirs.
package main

func fetchUntilError(ctx context.Context, c *fetch.Client, urls []string) []fetch.Result {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tasks := make([]chan fetch.Result, len(urls))
	for i, u := range urls {
		tasks[i] = make(chan fetch.Result) // no room: the sender waits for a reader
		go func() { tasks[i] <- fetchURL(ctx, c, u) }()
	}
	results := make([]fetch.Result, len(urls))
	for i, task := range tasks {
		if results[i] = <-task; results[i].Err != nil {
			break
		}
	}
	return results
}
