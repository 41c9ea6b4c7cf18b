package main

import "context"

// fetchAll starts one goroutine per URL and handles each result the moment
// it arrives: Python's version 2,
//
//	tasks = [fetch_url(url, client) for url in urls]
//	for completed_task in asyncio.as_completed(tasks):
//	    response = await completed_task
//	    print(...)
//
// Every goroutine sends into one channel; the loop below receives from it,
// so the lines come in order of completion, whatever the input order. The
// results come back in that order too.
func fetchAll(ctx context.Context, f *fetcher, urls []string, p *printer) []result {
	// One channel for all: whichever fetch finishes first is received first.
	// A slot per URL, so no goroutine ever waits to send.
	completed := make(chan result, len(urls))
	for _, u := range urls {
		go func() {
			completed <- f.fetchURL(ctx, u)
		}()
	}
	// Every fetch is running now. Handle each as it completes.
	results := make([]result, 0, len(urls))
	for range urls {
		r := <-completed
		results = append(results, r)
		p.print("completed", r)
	}
	return results
}
