// exercise: 4
// want: the server did not see these requests end when page 2's failure was met: pages.example/3 (still open)
//
// A wrong solution of the challenge: each fetch gives up its send once ctx
// is done, and fetchUntilError returns at the first failure; but ctx is the
// caller's, not one of its own that it cancels, so the requests to pages 3
// and 4 go on after it has returned.
package main

func fetchUntilError(ctx context.Context, c *fetch.Client, urls []string) []fetch.Result {
	tasks := make([]chan fetch.Result, len(urls))
	for i, u := range urls {
		tasks[i] = make(chan fetch.Result)
		go func() {
			select {
			case tasks[i] <- fetchURL(ctx, c, u):
			case <-ctx.Done(): // the caller's ctx: nothing here cancels it
			}
		}()
	}
	results := make([]fetch.Result, len(urls))
	for i, task := range tasks {
		if results[i] = <-task; results[i].Err != nil {
			break
		}
	}
	return results
}
