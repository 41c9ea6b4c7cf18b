package main

import (
	"context"
	"fmt"
	"time"

	"goasync.dev/workbook/internal/fetch"
)

// fetchAllWithin fetches every URL at once under one deadline for them all:
// Python's
//
//	async with asyncio.timeout(0.3):
//	    await asyncio.gather(*tasks)
//
// context.WithTimeoutCause gives ctx a deadline d from now, and every fetch
// shares that ctx: at d the fetches still running are cut, and those that
// finished before stay finished. The cause is what context.Cause(ctx), and
// so each cut result, says passed; ctx.Err() is context.DeadlineExceeded.
func fetchAllWithin(ctx context.Context, c *fetch.Client, urls []string, d time.Duration, s *stage) []fetch.Result {
	// TODO(exercise 1): nothing bounds these fetches, so the run waits for the
	// slowest URL. Give ctx a deadline d from now, for all of them
	// together, whose cause says which deadline passed.
	completed := make(chan fetch.Result, len(urls))
	for _, u := range urls {
		go func() { completed <- fetchURL(ctx, c, u) }()
	}
	results := make([]fetch.Result, 0, len(urls))
	for range urls {
		r := <-completed
		results = append(results, r)
		s.result(r)
	}
	return results
}

// fetchEachWithin fetches the URLs one after the other, each under a
// deadline of its own: Python's
//
//	for url in urls:
//	    await asyncio.wait_for(fetch_url(url, client), 0.3)
//
// The deadline is made inside the loop, from the caller's ctx, for one
// request, and cancel releases it as soon as that request is done: a defer
// would keep every request's timer until the function returns. Each
// request gets d; the run as a whole is not bounded.
func fetchEachWithin(ctx context.Context, c *fetch.Client, urls []string, d time.Duration, s *stage) []fetch.Result {
	results := make([]fetch.Result, 0, len(urls))
	for _, u := range urls {
		reqCtx, cancel := context.WithTimeoutCause(ctx, d, fmt.Errorf("its own %v deadline passed", d))
		r := fetchURL(reqCtx, c, u)
		cancel()
		results = append(results, r)
		s.result(r)
	}
	return results
}
