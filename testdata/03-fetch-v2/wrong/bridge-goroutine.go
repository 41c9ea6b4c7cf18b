// exercise: 3
// want: still running after firstMirror returned
//
// A wrong solution of the challenge: the fetches' ctx is made from
// context.Background(), not from the caller's ctx, and a goroutine of its
// own passes the caller's cancellation on. Everything else is right, but
// that goroutine waits for the caller's ctx, which nothing here ends: it
// outlives firstMirror (context.WithCancel(ctx) needs no goroutine).
package main

func firstMirror(ctx context.Context, c *fetch.Client, mirrors []string) fetch.Result {
	own, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-ctx.Done() // the caller's ctx: this waits as long as it lives
		cancel()
	}()
	answers := make(chan fetch.Result, len(mirrors))
	for _, m := range mirrors {
		go func() { answers <- fetchURL(own, c, m) }()
	}
	var r fetch.Result
	for range mirrors {
		if r = <-answers; r.Err == nil {
			return r
		}
	}
	return r
}
