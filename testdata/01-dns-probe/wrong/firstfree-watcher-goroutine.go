// exercise: 5
// want: 1 goroutine was still running after firstFree returned
//
// A wrong solution of the challenge: the lookups get a context of their
// own, and a goroutine of firstFree's cancels it when the caller's ctx
// ends. Everything else is right, but that goroutine outlives the call: it
// waits for the caller's ctx, which may never end. context.WithCancel(ctx)
// links the two without a goroutine. The check must count the one left.
package main

func firstFree(ctx context.Context, p *prober, names []string, n int) []string {
	lookups, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // cancel the lookups when the caller cancels
		<-ctx.Done()
		cancel()
	}()
	var free []string
	for r := range p.probeAll(lookups, names) {
		if r.status == notFound && len(free) < n {
			if free = append(free, r.name); len(free) == n {
				cancel()
			}
		}
	}
	return free
}
