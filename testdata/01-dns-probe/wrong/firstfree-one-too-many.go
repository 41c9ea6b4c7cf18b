// exercise: 5
// want: want ["break.dev" "else.dev" "import.dev"]
//
// A wrong solution of the challenge, off by one: it keeps a free name while
// len(free) <= n, so it returns n+1 names, and cancels one answer too late.
// The check must name the names it wanted, all n and no more.
package main

func firstFree(ctx context.Context, p *prober, names []string, n int) []string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var free []string
	for r := range p.probeAll(ctx, names) {
		if r.status == notFound && len(free) <= n {
			if free = append(free, r.name); len(free) > n {
				cancel()
			}
		}
	}
	return free
}
