// exercise: 4
// want: probeUntilError returned after 400ms but left goroutines blocked for good
//
// A wrong solution of the challenge: the workers stop at the first
// failure, but the producer does not: it waits for ever to hand the next
// name to a worker that is gone.
package main

func probeUntilError(ctx context.Context, r *net.Resolver, names []string, workers int) ([]result, error) {
	stop := make(chan struct{})
	var once sync.Once
	var firstErr error
	queue := make(chan string)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for name := range queue {
				select {
				case <-stop:
					return
				default:
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
	go func() {
		defer close(queue)
		for _, name := range names {
			queue <- name
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var finished []result
	for res := range results {
		finished = append(finished, res)
	}
	return finished, firstErr
}
