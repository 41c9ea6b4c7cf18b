// exercise: 3
// want: hint: in probeAll, p.release()
//
// A wrong solution of exercise 1 that only exercise 3 shows: p.release()
// runs right after wg.Go, not when the lookup ends. acquire is right, so
// the hint must not send the learner to acquire.
package main

func (p *prober) probeAll(ctx context.Context, names []string) <-chan result {
	results := make(chan result, len(names))
	go func() {
		var wg sync.WaitGroup
		for _, name := range names {
			if !p.acquire(ctx) {
				results <- result{name: name, status: cancelled, reason: "cancelled"}
				continue
			}
			wg.Go(func() {
				results <- p.probe(ctx, name)
			})
			p.release()
		}
		wg.Wait()
		close(results)
	}()
	return results
}
