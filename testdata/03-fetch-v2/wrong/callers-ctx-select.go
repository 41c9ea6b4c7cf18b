// exercise: 3
// want: the server was still busy with
//
// A wrong solution of the challenge: each fetch gives up its send once ctx
// is done, and firstMirror returns the first good answer; but ctx is the
// caller's, not one of its own that it cancels, so the requests to the
// slower mirrors go on after it has returned.
package main

func firstMirror(ctx context.Context, c *fetch.Client, mirrors []string) fetch.Result {
	answers := make(chan fetch.Result)
	for _, m := range mirrors {
		go func() {
			select {
			case answers <- fetchURL(ctx, c, m):
			case <-ctx.Done(): // the caller's ctx: nothing here cancels it
			}
		}()
	}
	var r fetch.Result
	for range mirrors {
		if r = <-answers; r.Err == nil {
			return r
		}
	}
	return r
}
