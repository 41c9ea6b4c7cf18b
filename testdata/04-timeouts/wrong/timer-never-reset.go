// exercise: 4
// want: with a budget of 2s, the server saw attempts at [0s 100ms], want [0s 150ms 400ms 850ms]: wait 100ms after the first failure
//
// A wrong solution of the challenge: it makes one timer, before the loop,
// and waits on its channel between attempts without ever resetting it. The
// timer runs during the first attempt, so the second starts 100ms after the
// first did (50ms after it failed), and, a timer firing only once, the
// second wait lasts until the budget runs out: the server sees exactly two
// attempts, too close together, which the check of the first wait must
// still call too soon.
package main

func fetchWithRetry(ctx context.Context, c *fetch.Client, url string, budget time.Duration) fetch.Result {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	backoff := firstBackoff
	wait := time.NewTimer(backoff)
	defer wait.Stop()
	for {
		r := fetchURL(ctx, c, url)
		if r.Err == nil || ctx.Err() != nil {
			return r
		}
		select {
		case <-wait.C:
		case <-ctx.Done():
			return r
		}
		backoff *= 2 // but the timer is never Reset to it
	}
}
