// exercise: 3
// want: is the second mirror asked at once? A hedge asks it only when the delay has passed
//
// A wrong solution of exercise 3: it asks both mirrors at once and takes
// the first answer, as lesson 03-fetch-v2's firstMirror does. That is
// faster here (120ms) but doubles the load on every request; a hedge
// sends the second request only for the slow ones.
package main

func hedged(ctx context.Context, c *fetch.Client, primary, backup string, delay time.Duration, s *stage) fetch.Result {
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	answers := make(chan fetch.Result, 2)
	s.line("ask", primary, "")
	wg.Go(func() { answers <- fetchURL(ctx, c, primary) })
	s.line("hedge", backup, "asked at once")
	wg.Go(func() { answers <- fetchURL(ctx, c, backup) })
	return <-answers
}
