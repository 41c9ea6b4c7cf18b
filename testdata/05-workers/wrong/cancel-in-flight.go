// exercise: 4
// want: lookups were cancelled before their answers came
//
// A wrong solution of the challenge: the first failure cancels the lookups
// still running (errgroup.WithContext would do the same), so the answers
// they were about to get are lost.
package main

func probeUntilError(ctx context.Context, r *net.Resolver, names []string, workers int) ([]result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var once sync.Once
	var firstErr error
	queue := make(chan string)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for name := range queue {
				res := probe(ctx, r, name)
				if res.status == failed {
					once.Do(func() {
						firstErr = fmt.Errorf("probing %s: %w", name, res.err)
						cancel()
					})
				}
				results <- res
			}
		})
	}
	go func() {
		defer close(queue)
		for _, name := range names {
			select {
			case queue <- name:
			case <-ctx.Done():
				return
			}
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
