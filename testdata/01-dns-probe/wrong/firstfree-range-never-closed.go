// exercise: 5
// want: firstFree never returned: it and every goroutine it started were blocked for good
//
// A wrong solution of the challenge: firstFree ranges over a channel that
// nobody closes. Once the last lookup has sent its result, the range waits
// for a next one that never comes, and firstFree never returns. The check
// must say that it never returned, not that it returned and left
// goroutines behind.
package main

func firstFree(ctx context.Context, p *prober, names []string, n int) []string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan result, len(names))
	for _, name := range names {
		go func() { results <- p.probe(ctx, name) }()
	}
	var free []string
	for r := range results { // nobody closes results: this never ends
		if r.status == notFound && len(free) < n {
			free = append(free, r.name)
		}
	}
	return free
}
