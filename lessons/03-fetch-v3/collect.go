package main

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"

	"goasync.dev/workbook/internal/fetch"
)

// fetchAll fetches every URL at once, waits for all of them, and prints
// the results in input order: Python's version 3,
//
//	async with httpx.AsyncClient() as client:
//	    tasks = [fetch_url(url, client) for url in urls]
//	    results = await asyncio.gather(*tasks)
//	    print(results)
//
// Each goroutine writes only its own results[i], so no two goroutines touch
// the same element and the order is the input order, however the fetches
// finish. failFast picks what happens when one fetch fails.
func fetchAll(ctx context.Context, c *fetch.Client, urls []string, p *fetch.Printer, failFast bool) []fetch.Result {
	// Python's `async with httpx.AsyncClient() as client:` closes the
	// client's connections at the end of the block; this is Go's spelling.
	defer c.HTTP.CloseIdleConnections()

	results := make([]fetch.Result, len(urls))
	if failFast {
		gatherFailFast(ctx, c, urls, results)
	} else {
		gatherAll(ctx, c, urls, results)
	}
	// Every goroutine is done: results is complete, in input order.
	for i, r := range results {
		p.Print(fmt.Sprintf("results[%d]", i), r)
	}
	return results
}

// gatherAll is gather(*tasks, return_exceptions=True): a failure is one
// more result, and every fetch runs to its end. A plain sync.WaitGroup.
func gatherAll(ctx context.Context, c *fetch.Client, urls []string, results []fetch.Result) {
	//exercise:1 appending puts the results in the order the fetches
	//exercise:1 finish, not in input order. Let goroutine i write results[i]: then no
	//exercise:1 two goroutines touch the same element, and the mutex can go.
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Go(func() { results[i] = fetchURL(ctx, c, u) })
	}
	wg.Wait()
	//exercise:shipped var wg sync.WaitGroup
	//exercise:shipped var mu sync.Mutex
	//exercise:shipped var done []fetch.Result
	//exercise:shipped for _, u := range urls {
	//exercise:shipped 	wg.Go(func() {
	//exercise:shipped 		r := fetchURL(ctx, c, u)
	//exercise:shipped 		mu.Lock()
	//exercise:shipped 		done = append(done, r)
	//exercise:shipped 		mu.Unlock()
	//exercise:shipped 	})
	//exercise:shipped }
	//exercise:shipped wg.Wait()
	//exercise:shipped copy(results, done)
	//exercise:end
}

// gatherFailFast stops at the first failure: errgroup.WithContext cancels
// its ctx as soon as one goroutine returns an error, with that error as the
// cause, so every other fetch ends at once and says why. Wait returns when
// all of them have ended: none outlives fetchAll.
func gatherFailFast(ctx context.Context, c *fetch.Client, urls []string, results []fetch.Result) {
	//exercise:2 a plain errgroup.Group waits for every fetch, even
	//exercise:2 after one failed: a URL that never answers holds the run until
	//exercise:2 -timeout. Make the group with errgroup.WithContext(ctx), and let its
	//exercise:2 ctx be the one the fetches use.
	g, ctx := errgroup.WithContext(ctx)
	//exercise:shipped var g errgroup.Group
	//exercise:end
	for i, u := range urls {
		g.Go(func() error {
			results[i] = fetchURL(ctx, c, u)
			if results[i].Err != nil {
				return fmt.Errorf("%s failed first", u)
			}
			return nil
		})
	}
	g.Wait() // the first error; every result, cancelled or not, is in results
}
