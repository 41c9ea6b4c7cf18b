// exercise: 4
// want: want one that wraps the lookup's *net.DNSError (fmt.Errorf with %w)
//
// A wrong solution of the challenge: it stops right, but formats the
// lookup's error with %v, so the caller can no longer errors.As it to a
// *net.DNSError (to tell a SERVFAIL from a timeout, say).
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
						firstErr = fmt.Errorf("probing %s: %v", name, res.err)
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
