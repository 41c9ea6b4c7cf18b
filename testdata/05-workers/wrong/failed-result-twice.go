// exercise: 4
// want: returned 41 results, want 40: each name once
//
// A wrong solution of the challenge: the first worker whose lookup fails
// keeps its result to return it with the error, but sends it on results
// too, so the failed name is returned twice. No name was probed late:
// the check must still count exactly one result too many.
package main

func probeUntilError(ctx context.Context, r *net.Resolver, names []string, workers int) ([]result, error) {
	// stop is closed, once, by the first worker whose lookup failed: the
	// producer stops handing out names, and the workers stop taking them.
	stop := make(chan struct{})
	var once sync.Once
	var firstErr error
	var failure result // the failed result, to return it with the error
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
						failure = res
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
	if firstErr != nil {
		finished = append(finished, failure)
	}
	return finished, firstErr
}
