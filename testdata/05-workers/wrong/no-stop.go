// exercise: 4
// want: 60 names were sent to the DNS server after probe0035.dev failed, the first probe0041.dev
//
// A wrong solution of the challenge: it remembers the first failure but
// never stops handing out names, so every name is looked up.
package main

func probeUntilError(ctx context.Context, r *net.Resolver, names []string, workers int) ([]result, error) {
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
					once.Do(func() { firstErr = fmt.Errorf("probing %s: %w", name, res.err) })
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
