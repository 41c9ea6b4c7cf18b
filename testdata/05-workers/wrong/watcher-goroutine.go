// exercise: 4
// want: 1 goroutine was still running after probeUntilError returned
//
// A wrong solution of the challenge: a goroutine turns the caller's
// ctx.Done() into stop, so that Ctrl-C stops the producer as a failure
// does. Everything else is right, but that goroutine outlives the call: it
// waits for the caller's ctx, which may never end (a select on ctx.Done()
// in the producer needs no goroutine). The check must count the one left.
package main

func probeUntilError(ctx context.Context, r *net.Resolver, names []string, workers int) ([]result, error) {
	// stop is closed, once, by the first worker whose lookup failed: the
	// producer stops handing out names, and the workers stop taking them.
	stop := make(chan struct{})
	var once sync.Once
	var firstErr error
	stopped := func() bool {
		select {
		case <-stop:
			return true
		default:
			return false
		}
	}

	go func() { // Ctrl-C stops the producer too
		<-ctx.Done()
		once.Do(func() { close(stop) })
	}()
	queue := make(chan string) // no room: no name waits in a queue once stop is closed
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for name := range queue {
				if stopped() {
					continue // handed out, but after the failure: not probed
				}
				res := probe(ctx, r, name)
				if res.status == failed {
					once.Do(func() {
						firstErr = fmt.Errorf("probing %s: %w", name, res.err)
						close(stop)
					})
				}
				results <- res
			}
		})
	}
	// The producer: it stops while it waits, when stop is closed or on Ctrl-C.
	go func() {
		defer close(queue)
		for _, name := range names {
			select {
			case queue <- name:
			case <-stop:
				return
			}
		}
	}()
	// Close results once every worker has returned, so the range below ends.
	go func() {
		wg.Wait()
		close(results)
	}()
	var finished []result
	for res := range results {
		finished = append(finished, res)
	}
	return finished, firstErr // firstErr is written before close(stop), read after wg.Wait
}
