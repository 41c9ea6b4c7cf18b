// exercise: 3
// want: firstMirror returned after 120ms but left goroutines blocked for good
//
// A wrong solution of the challenge: the answers channel has no room, so
// once firstMirror has returned the first good answer, the other fetches
// (cancelled) wait for ever to send theirs.
package main

func firstMirror(ctx context.Context, c *fetch.Client, mirrors []string) fetch.Result {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	answers := make(chan fetch.Result) // no room: each sender waits for a reader
	for _, m := range mirrors {
		go func() { answers <- fetchURL(ctx, c, m) }()
	}
	var r fetch.Result
	for range mirrors {
		if r = <-answers; r.Err == nil {
			return r
		}
	}
	return r
}
