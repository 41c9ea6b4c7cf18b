// exercise: 3
// want: the server was still busy with mirror-d.example/go.tar.gz: cancel
//
// A wrong solution of the challenge: it asks every mirror at once but
// awaits them in list order, as version 1 awaited its tasks, so it returns
// mirror-a (300ms), the first good one listed, not the first good one to
// answer; and it cancels nothing, so the request to mirror-d, which never
// answers, is still running when it returns.
package main

func firstMirror(ctx context.Context, c *fetch.Client, mirrors []string) fetch.Result {
	answers := make([]chan fetch.Result, len(mirrors))
	for i, m := range mirrors {
		answers[i] = make(chan fetch.Result, 1)
		go func() { answers[i] <- fetchURL(ctx, c, m) }()
	}
	var r fetch.Result
	for _, answer := range answers {
		if r = <-answer; r.Err == nil {
			return r
		}
	}
	return r
}
