package main

import (
	"context"

	"goasync.dev/workbook/internal/fetch"
)

// firstMirror fetches one file from several mirrors at once and returns the
// first whole answer: the file from whichever good mirror is fastest. The
// requests still running then are cancelled, so no mirror goes on sending
// a file nobody will read. If every mirror fails, it returns the last
// failure.
func firstMirror(ctx context.Context, c *fetch.Client, mirrors []string) fetch.Result {
	// The fetches get a ctx of their own: returning cancels the rest.
	// Python's (with a fetch_url that returns None for a failure)
	//
	//	tasks = [asyncio.create_task(fetch_url(m, client)) for m in mirrors]
	//	try:
	//	    for next_done in asyncio.as_completed(tasks):
	//	        answer = await next_done
	//	        if answer is not None:
	//	            return answer
	//	finally:
	//	    for task in tasks:
	//	        task.cancel()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	answers := make(chan fetch.Result, len(mirrors)) // room for all: no sender waits
	for _, m := range mirrors {
		go func() { answers <- fetchURL(ctx, c, m) }()
	}
	var r fetch.Result
	for range mirrors {
		if r = <-answers; r.Err == nil {
			return r // the deferred cancel ends the others' requests
		}
	}
	return r
}
