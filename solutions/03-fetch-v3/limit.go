package main

import (
	"context"
	"sync"

	"goasync.dev/workbook/internal/fetch"
)

// gatherLimit is gather with at most limit fetches running at once. It
// starts the fetches in input order, each as soon as one of the limit slots
// is free, and returns the results in input order.
func gatherLimit(ctx context.Context, c *fetch.Client, urls []string, limit int) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	var wg sync.WaitGroup
	//exercise:3 challenge: this starts every fetch at once. Let at most
	//exercise:3 limit run at the same time, each starting as soon as a slot
	//exercise:3 is free, in input order. `make check` says how long it took and
	//exercise:3 what the server saw; the README has hints.
	// A semaphore: one value in the channel per running fetch. Python's
	//
	//	sem = asyncio.Semaphore(limit)
	//	async def limited(url):
	//	    async with sem:
	//	        return await fetch_url(url, client)
	slots := make(chan struct{}, limit)
	for i, u := range urls {
		slots <- struct{}{} // take a slot, or wait here until one is free
		wg.Go(func() {
			defer func() { <-slots }() // give the slot back
			results[i] = fetchURL(ctx, c, u)
		})
	}
	//exercise:shipped for i, u := range urls {
	//exercise:shipped 	wg.Go(func() { results[i] = fetchURL(ctx, c, u) })
	//exercise:shipped }
	//exercise:end
	wg.Wait()
	return results
}
