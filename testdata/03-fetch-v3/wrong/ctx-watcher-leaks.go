// exercise: 3
// want: limit 2: 1 goroutine was still running after gatherLimit returned
//
// A wrong solution of the challenge: to stop taking slots once ctx is
// cancelled, it starts a goroutine that waits for ctx.Done() and closes a
// channel the loop selects on. The fetches are right, but when ctx is
// never cancelled that goroutine outlives gatherLimit, one leaked
// goroutine a call: the check must count what is still running after the
// call returns. (Selecting on ctx.Done() in the loop needs no goroutine.)
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	var wg sync.WaitGroup
	slots := make(chan struct{}, limit)
	stop := make(chan struct{})
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	for i, u := range urls {
		select {
		case slots <- struct{}{}:
		case <-stop:
			results[i] = fetch.Result{URL: u, Err: ctx.Err()}
			continue
		}
		wg.Go(func() {
			defer func() { <-slots }()
			results[i] = fetchURL(ctx, c, u)
		})
	}
	wg.Wait()
	return results
}
