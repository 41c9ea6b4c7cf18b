// exercise: 4
// want: 1 names were sent to the DNS server after probe0035.dev failed, the first probe0041.dev
//
// A wrong solution of the challenge: the producer looks at stop before
// each send, not while it waits to send, and the workers probe every name
// they take. When probe0035.dev fails the producer is already waiting to
// hand out probe0041.dev: the failing worker takes it and probes it. The
// check must see that one late name.
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
			if stopped() || ctx.Err() != nil {
				return
			}
			queue <- name
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
