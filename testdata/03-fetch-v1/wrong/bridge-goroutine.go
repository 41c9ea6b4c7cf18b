// exercise: 4
// want: still running after fetchUntilError returned: receive every result before returning, and start no goroutine that waits on the caller's ctx
//
// A wrong solution of the challenge: the fetches' ctx is made from
// context.Background(), not from the caller's ctx, and a goroutine of its
// own passes the caller's cancellation on. Everything else is right, but
// that goroutine waits for the caller's ctx, which nothing here ends: it
// outlives fetchUntilError (context.WithCancel(ctx) needs no goroutine).
package main

func fetchUntilError(ctx context.Context, c *fetch.Client, urls []string) []fetch.Result {
	own, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-ctx.Done() // the caller's ctx: this waits as long as it lives
		cancel()
	}()
	tasks := make([]chan fetch.Result, len(urls))
	for i, u := range urls {
		tasks[i] = make(chan fetch.Result, 1)
		go func() { tasks[i] <- fetchURL(own, c, u) }()
	}
	results := make([]fetch.Result, len(urls))
	for i, task := range tasks {
		if results[i] = <-task; results[i].Err != nil {
			cancel()
		}
	}
	return results
}
