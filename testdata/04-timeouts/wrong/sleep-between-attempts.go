// exercise: 4
// want: a wait between attempts must end when the budget does (select on ctx.Done(), not time.Sleep)
//
// A wrong solution of the challenge: the budget is one deadline, but the
// wait between attempts is a time.Sleep, which the deadline can not cut:
// with a budget of 500ms it sleeps from 450ms to 850ms and returns then.
package main

func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	backoff := firstBackoff
	for {
		r := fetchURL(ctx, c, url)
		if r.Err == nil || ctx.Err() != nil {
			return r
		}
		time.Sleep(backoff)
		backoff *= 2
	}
}
