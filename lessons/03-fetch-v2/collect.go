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

	//exercise:1 one channel per URL, read in input order, is
	//exercise:1 version 1 again: python.org, done first, is printed last. Make every
	//exercise:1 goroutine send into one channel, and receive from it once per URL.
	// One channel for all: whichever fetch finishes first is received first.
	// A slot per URL, so no goroutine ever waits to send.
	completed := make(chan fetch.Result, len(urls))
	for _, u := range urls {
		go func() { completed <- fetchURL(ctx, c, u) }()
		//exercise:shipped tasks := make([]chan fetch.Result, len(urls))
		//exercise:shipped for i, u := range urls {
		//exercise:shipped 	tasks[i] = make(chan fetch.Result, 1)
		//exercise:shipped 	go func() { tasks[i] <- fetchURL(ctx, c, u) }()
		//exercise:end
	}
	// Every fetch is running now. Handle each as it completes.
	results := make([]fetch.Result, 0, len(urls))
	//exercise:1
	for range urls {
		r := <-completed
		//exercise:shipped for _, task := range tasks {
		//exercise:shipped 	r := <-task
		//exercise:end
		results = append(results, r)
		p.Print("completed", r)
	}
	return results
}
