package main

import (
	"context"
	"sync"
	"time"

	"goasync.dev/workbook/internal/fetch"
)

// fetchCancelOne fetches every URL at once, each in a goroutine with a ctx
// of its own, and at cancelAt cancels the fetch of victim, and only it:
// Python's
//
//	tasks = {url: asyncio.create_task(fetch_url(url, client)) for url in urls}
//	await asyncio.sleep(0.2)
//	tasks[victim].cancel()
//
// context.WithCancel gives each fetch its own cancel func: calling one ends
// that fetch, and the others go on. The deferred line is Python's finally:
// it runs however the fetch ended.
func fetchCancelOne(ctx context.Context, c *fetch.Client, urls []string, victim string, cancelAt time.Duration, s *stage) []fetch.Result {
	results := make([]fetch.Result, len(urls))
	cancels := make(map[string]context.CancelFunc, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		taskCtx, cancel := context.WithCancel(ctx)
		cancels[u] = cancel
		wg.Go(func() {
			defer cancel() // a context is released once its work is done
			defer s.line("finally", u, "cleanup runs however the fetch ended")
			results[i] = fetchURL(taskCtx, c, u)
			s.result(results[i])
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-time.After(cancelAt):
		s.line("cancel", victim, "its own cancel func: the other fetches go on")
		cancels[victim]()
	case <-done: // every fetch ended before cancelAt
	}
	<-done
	return results
}
