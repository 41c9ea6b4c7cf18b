// exercise: 3
// want: with 0 bytes of body, want its
//
// A wrong solution of the challenge: it returns a Result of its own with
// the winning mirror's URL and status, not fetchURL's whole result, so the
// size of the file it fetched is lost.
package main

func firstMirror(ctx context.Context, c *fetch.Client, mirrors []string) fetch.Result {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	answers := make(chan fetch.Result, len(mirrors))
	for _, m := range mirrors {
		go func() { answers <- fetchURL(ctx, c, m) }()
	}
	var last fetch.Result
	for range mirrors {
		r := <-answers
		if r.Err == nil {
			return fetch.Result{URL: r.URL, Status: r.Status} // not r: its Size is lost
		}
		last = r
	}
	return last
}
