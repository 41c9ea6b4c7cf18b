// exercise: 3
// want: : hint: in acquire, send into p.slots
//
// A wrong solution of exercise 1 that only exercise 3 shows: probeAll is
// rewritten without p.acquire and p.release, so -limit is ignored and every
// lookup starts at once. There is no release to move, so the check must not
// give its hint about where p.release() runs, only the exercise's own hints
// (": hint:" is how the failed check prints them, apart from the list of
// hints every run starts with).
package main

func (p *prober) probeAll(ctx context.Context, names []string) <-chan result {
	results := make(chan result, len(names))
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() { results <- p.probe(ctx, name) })
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	return results
}
