package main

import (
	"context"
	"sync"

	"goasync.dev/workbook/internal/fetch"
)

// fetchAll starts one goroutine per URL and handles each result the moment
// it arrives: Python's version 2,
//
//	async with httpx.AsyncClient() as client:
//	    tasks = [fetch_url(url, client) for url in urls]
//	    for completed_task in asyncio.as_completed(tasks):
//	        response = await completed_task
//	        print(...)
//
// Every goroutine sends into one channel; the loop below receives from it,
// so the lines come in order of completion, whatever the input order. The
// results come back in that order too.
func fetchAll(ctx context.Context, c *fetch.Client, urls []string, p *fetch.Printer) []fetch.Result {
	// Python's `async with httpx.AsyncClient() as client:` closes the
	// client's connections at the end of the block; this is Go's spelling.
	defer c.HTTP.CloseIdleConnections()

	// Each goroutine counts itself and appends its own result: without a
	// lock. (The count races at the start, when every goroutine runs at
	// once, so the race detector sees it on every run; the appends come at
	// different times and are seen on most.)
	var wg sync.WaitGroup
	results := make([]fetch.Result, 0, len(urls))
	started := 0
	for _, u := range urls {
		wg.Go(func() {
			started++
			r := fetchURL(ctx, c, u)
			results = append(results, r)
			p.Print("completed", r)
		})
	}
	wg.Wait()
	_ = started
	return results
}
