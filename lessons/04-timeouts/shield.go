package main

import (
	"context"
	"time"

	"goasync.dev/workbook/internal/fetch"
)

// fetchShielded fetches url under a deadline d that cuts the wait, not the
// fetch: Python's
//
//	task = asyncio.create_task(fetch_url(url, client))
//	try:
//	    await asyncio.wait_for(asyncio.shield(task), 0.3)
//	except TimeoutError:
//	    print("gave up waiting")
//	await task  # it was never cancelled
//
// context.WithoutCancel(ctx) is a ctx that keeps ctx's values but is never
// cancelled and has no deadline: the fetch under it runs to its end. The
// caller's select gives up at d, as the shielded await raises TimeoutError,
// then waits for the fetch, unless interrupted (Ctrl-C).
func fetchShielded(ctx context.Context, c *fetch.Client, url string, d time.Duration, interrupted <-chan struct{}, s *stage) fetch.Result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	done := make(chan fetch.Result, 1)
	//exercise:2 this fetch shares ctx, so the deadline cuts the fetch
	//exercise:2 itself. Give it a ctx that the deadline (and any cancel) does
	//exercise:2 not reach, so that only the wait gives up.
	shielded := context.WithoutCancel(ctx)
	//exercise:shipped shielded := ctx
	//exercise:end
	go func() { done <- fetchURL(shielded, c, url) }()
	select {
	case r := <-done:
		return r
	case <-ctx.Done():
		s.line("gave up", url, "waiting: "+ctx.Err().Error()+"; the fetch goes on")
	}
	select {
	case r := <-done:
		return r
	case <-interrupted:
		return fetch.Result{URL: url, Err: fetch.Cancelled{Cause: fetch.ErrInterrupted}}
	}
}
