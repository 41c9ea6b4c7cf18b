package main

import (
	"context"
	"fmt"

	"goasync.dev/workbook/internal/fetch"
)

// fetchAll starts one goroutine per URL, then awaits them in the order they
// were started: Python's version 1,
//
//	async with httpx.AsyncClient() as client:
//	    task1 = asyncio.create_task(fetch_url(urls[0], client))
//	    task2 = asyncio.create_task(fetch_url(urls[1], client))
//	    task3 = asyncio.create_task(fetch_url(urls[2], client))
//	    response1 = await task1
//	    print('Main res1:', len(response1[1]))
//	    ...
//
// Each goroutine prints its "fetch" line the moment its URL is done, so
// those lines come in order of completion. The "main res" lines come in
// creation order: awaiting task1 waits for it even when task3 is long done.
// The results come back in input order, as they were printed.
func fetchAll(ctx context.Context, c *fetch.Client, urls []string, p *fetch.Printer) []fetch.Result {
	//exercise:3 Python's `async with httpx.AsyncClient() as client:`
	//exercise:3 closes the client's connections at the end of the block. Close
	//exercise:3 c.HTTP's idle connections when fetchAll returns.
	// Python's `async with httpx.AsyncClient() as client:` closes the
	// client's connections at the end of the block; this is Go's spelling.
	defer c.HTTP.CloseIdleConnections()
	//exercise:end

	// One one-slot channel per URL: the Go shape of an asyncio.Task. The
	// goroutine never waits to send, whether or not anyone awaits it yet.
	tasks := make([]chan fetch.Result, len(urls))
	//exercise:1 this awaits each task right after starting it, so
	//exercise:1 the fetches run one after the other (800ms, not 400ms). Start every
	//exercise:1 goroutine in this loop, and await the tasks in a second loop.
	//exercise:shipped results := make([]fetch.Result, len(urls))
	//exercise:end
	for i, u := range urls {
		tasks[i] = make(chan fetch.Result, 1)
		go func() {
			r := fetchURL(ctx, c, u)
			p.Print("fetch", r) // Python: print(url, len(response.text))
			tasks[i] <- r
		}()
		//exercise:1
	}
	// Every fetch is running now. Await them in creation order.
	results := make([]fetch.Result, len(urls))
	for i, task := range tasks {
		results[i] = <-task
		//exercise:shipped results[i] = <-tasks[i]
		//exercise:end
		// Python's version printed res2 where res3 was meant; each
		// result here is printed under its own number.
		p.Print(fmt.Sprintf("main res%d", i+1), results[i])
	}
	return results
}
