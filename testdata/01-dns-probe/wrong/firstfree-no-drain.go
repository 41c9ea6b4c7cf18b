// exercise: 5
// want: firstFree returned after 60ms but left goroutines blocked for good
//
// A wrong solution of the challenge: the results channel has no room, and
// firstFree stops reading once it has n free names, so every lookup that
// ends after that (cancelled or not) waits for ever to send its result.
package main

func firstFree(ctx context.Context, p *prober, names []string, n int) []string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan result) // no room: each sender waits for a reader
	for _, name := range names {
		go func() { results <- p.probe(ctx, name) }()
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
