// exercise: 3
// want: goroutines of idle connections were still running
//
// A wrong solution of exercise 3: every body is closed, but fetchAll never
// closes the client's idle connections, so each keep-alive connection (and
// its goroutines) outlives the run: Python's `async with` would have closed
// them.
package main

func fetchAll(ctx context.Context, c *fetch.Client, urls []string, p *fetch.Printer) []fetch.Result {
	tasks := make([]chan fetch.Result, len(urls))
	for i, u := range urls {
		tasks[i] = make(chan fetch.Result, 1)
		go func() {
			r := fetchURL(ctx, c, u)
			p.Print("fetch", r)
			tasks[i] <- r
		}()
	}
	results := make([]fetch.Result, len(urls))
	for i, task := range tasks {
		results[i] = <-task
		p.Print(fmt.Sprintf("main res%d", i+1), results[i])
	}
	return results
}
