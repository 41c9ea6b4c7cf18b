// exercise: 3
// want: goroutines were still running after gatherLimit returned
//
// A wrong solution of the challenge: a goroutine of its own gives the
// slots back, one for each fetch done, and stops only when ctx is
// cancelled. The fetches run as they should, but ctx is the caller's:
// nothing here cancels it, so that goroutine outlives gatherLimit.
package main

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	var wg sync.WaitGroup
	slots := make(chan struct{}, limit)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				<-slots // a fetch is done: give its slot back
			case <-ctx.Done(): // the caller's ctx: this waits as long as it lives
				return
			}
		}
	}()
	for i, u := range urls {
		slots <- struct{}{}
		wg.Go(func() {
			results[i] = fetchURL(ctx, c, u)
			done <- struct{}{}
		})
	}
	wg.Wait()
	return results
}
