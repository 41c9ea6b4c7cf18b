// exercise: 3
// want: limit 2: results[5] (https://files.example/6) has error
//
// A wrong solution of the challenge: gatherFailFast's group, with
// errgroup.WithContext, given a limit with SetLimit. The limit is kept, but
// the 500 of file 4 cancels the ctx of every other fetch, so file 6 (and
// any still running) ends cancelled instead of with its page.
// gatherLimit is gather with return_exceptions=True: a failure is one more
// result and every other fetch runs to its end, so the check must name the
// result that has an error it should not have.
package main

import "golang.org/x/sync/errgroup"

func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for i, u := range urls {
		g.Go(func() error {
			results[i] = fetchURL(ctx, c, u)
			return results[i].Err
		})
	}
	g.Wait()
	return results
}
