// exercise: 5
// want: DNS queries were still waiting for an answer
//
// A wrong solution of the challenge: it returns at the nth free name, at
// the right instant, but never cancels the lookups still running. Its
// senders give up on ctx.Done(), so none is blocked for good once the
// caller cancels ctx; until then the DNS server still has the queries,
// which the check must report.
package main

func firstFree(ctx context.Context, p *prober, names []string, n int) []string {
	results := make(chan result)
	for _, name := range names {
		go func() {
			select {
			case results <- p.probe(ctx, name):
			case <-ctx.Done():
			}
		}()
	}
	var free []string
	for range names {
		if r := <-results; r.status == notFound {
			if free = append(free, r.name); len(free) == n {
				break
			}
		}
	}
	return free
}
