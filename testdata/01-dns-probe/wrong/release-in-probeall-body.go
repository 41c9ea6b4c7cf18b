// exercise: 3
// want: hint: in probeAll, p.release()
//
// A wrong solution of exercise 1 that only exercise 3 shows, written with
// the loop in probeAll's own body rather than in a goroutine: p.release()
// runs right after wg.Go, not when the lookup ends. The check must find the
// release outside the lookup's goroutine here too, and give its hint, not
// send the learner to acquire, which is right.
package main

func (p *prober) probeAll(ctx context.Context, names []string) <-chan result {
	results := make(chan result, len(names))
	var wg sync.WaitGroup
	for _, name := range names {
		if !p.acquire(ctx) {
			results <- result{name: name, status: cancelled, reason: "cancelled"}
			continue
		}
		wg.Go(func() { results <- p.probe(ctx, name) })
		p.release()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	return results
}
