// exercise: 4
// want: after 50ms, want the file after 900ms (attempts at [0s 150ms 400ms 850ms]): the server saw one attempt; a failed attempt is a reason to wait and try again
//
// A wrong solution of the challenge: the test that ends the loop is
// inverted (r.Err != nil where r.Err == nil was meant), so it returns the
// first failure, a 503 after 50ms, without a single retry (and fetches a
// good URL again and again until the budget is spent). The server sees one
// attempt of the flaky URL: the check must say what came back and when, and
// not trip over the second attempt it looks for.
package main

func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	backoff := firstBackoff
	for {
		r := fetchURL(ctx, c, url)
		if r.Err != nil || ctx.Err() != nil {
			return r
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return r
		}
		backoff *= 2
	}
}
