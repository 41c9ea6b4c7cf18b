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
	// TODO(exercise 1): one channel per URL, read in input order, is
	// version 1 again: python.org, done first, is printed last. Make every
	// goroutine send into one channel, and receive from it once per URL.
	tasks := make([]chan result, len(urls))
	for i, u := range urls {
		tasks[i] = make(chan result, 1)
		go func() {
			tasks[i] <- f.fetchURL(ctx, u)
		}()
	}
	// Every fetch is running now. Handle each as it completes.
	results := make([]result, 0, len(urls))
	for _, task := range tasks {
		r := <-task
		results = append(results, r)
		p.print("completed", r)
	}
	return results
}
