// exercise: 4
// want: still running after probeUntilError returned
//
// A wrong solution of the challenge: it returns as soon as a lookup fails,
// with the results it has, and leaves the workers of the lookups still
// running behind (their results are lost too).
package main

func probeUntilError(ctx context.Context, r *net.Resolver, names []string, workers int) ([]result, error) {
	queue := make(chan string)
	results := make(chan result, len(names))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for name := range queue {
				results <- probe(ctx, r, name)
			}
		})
	}
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
	var finished []result
	for range names {
		res := <-results
		finished = append(finished, res)
		if res.status == failed {
			close(stop)
			return finished, fmt.Errorf("probing %s: %w", res.name, res.err)
		}
	}
	close(stop)
	wg.Wait()
	return finished, nil
}
