// exercise: 5
// want: returned after 1s, want 60ms
//
// A wrong solution of the challenge: it picks the right names, but never
// cancels the lookups it no longer needs, so it returns only when the last
// one has ended: the silent server's, at its 1s timeout. The check must
// say when it should have returned.
package main

func firstFree(ctx context.Context, p *prober, names []string, n int) []string {
	var free []string
	for r := range p.probeAll(ctx, names) {
		if r.status == notFound && len(free) < n {
			free = append(free, r.name)
		}
	}
	return free
}
