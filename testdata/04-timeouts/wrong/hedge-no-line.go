// exercise: 3
// want: -mode hedge asked the backup mirror (us.mirror.example/go.tar.gz) but printed no hedge line
//
// A wrong hedge: right, but the s.line("hedge", ...) call of the gap was
// deleted with the code it stood in, so the output shows no hedge. The
// check must say that the backup was asked (the simulated server saw it),
// not that it never was.
package main

func hedged(ctx context.Context, c *fetch.Client, primary, backup string, delay time.Duration, s *stage) fetch.Result {
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	answers := make(chan fetch.Result, 2)
	s.line("ask", primary, "")
	wg.Go(func() { answers <- fetchURL(ctx, c, primary) })
	select {
	case r := <-answers:
		return r
	case <-time.After(delay):
	}
	wg.Go(func() { answers <- fetchURL(ctx, c, backup) })
	return <-answers
}
