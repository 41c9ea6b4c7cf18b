// exercise: 4
// want: returned 39 finished results, want 40: 1 results are missing, the first probe0035.dev
//
// A wrong solution of the challenge: everything is right but the failed
// lookup's own result, which the worker does not send since the error
// already tells of it. The challenge returns every result that finished,
// the failed one too; the check must see that exactly one is missing.
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
					continue // the error says it failed: its result is not sent
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
			case <-ctx.Done():
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
