package main

import (
	"context"
	"sync"
	"time"

	"goasync.dev/workbook/internal/fetch"
)

// hedged fetches one file from primary; if no answer has come within
// delay, it asks backup too, takes whichever answer comes first and
// cancels the other request: a hedged request (Dean and Barroso, "The Tail
// at Scale", 2013). Python's
//
//	first = asyncio.create_task(fetch_url(primary, client))
//	done, _ = await asyncio.wait({first}, timeout=0.1)
//	if not done:
//	    second = asyncio.create_task(fetch_url(backup, client))
//	    done, pending = await asyncio.wait({first, second}, return_when=asyncio.FIRST_COMPLETED)
//	    for task in pending:
//	        task.cancel()
//
// The select waits for the first of two things, as asyncio.wait with
// FIRST_COMPLETED does: an answer, or the hedge timer.
func hedged(ctx context.Context, c *fetch.Client, primary, backup string, delay time.Duration, s *stage) fetch.Result {
	var wg sync.WaitGroup
	defer wg.Wait() // ... and waits until it has ended: no goroutine outlives hedged
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()                        // returning cancels the request that lost ...
	answers := make(chan fetch.Result, 2) // room for both: the loser never blocks
	s.line("ask", primary, "")
	wg.Go(func() { answers <- fetchURL(ctx, c, primary) })
	// TODO(exercise 3): this waits for the primary however long it takes, so a
	// slow primary makes the whole fetch slow. Wait for the first
	// of two things: its answer, or delay (then ask backup too).
	return <-answers // the first of the two
}
