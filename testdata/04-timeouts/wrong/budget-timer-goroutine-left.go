// exercise: 4
// want: with a budget of 2s, 1 goroutine was still running after fetchWithRetry returned
//
// A wrong solution of the challenge: a hand-made context.WithTimeout, a
// goroutine that cancels the attempts' ctx when the budget has passed. Its
// timing is right, but the goroutine waits on the caller's ctx instead of
// the one it cancels, so when the file comes at 900ms with a budget of 2s
// it is still waiting for the 2s when fetchWithRetry returns: one
// goroutine outlives the call (context.WithTimeout needs none).
package main

func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	attempts, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-time.After(budget):
			cancel()
		case <-ctx.Done():
		}
	}()
	backoff := firstBackoff
	for {
		r := fetchURL(attempts, c, url)
		if r.Err == nil || attempts.Err() != nil {
			return r
		}
		select {
		case <-time.After(backoff):
		case <-attempts.Done():
			return r
		}
		backoff *= 2
	}
}
