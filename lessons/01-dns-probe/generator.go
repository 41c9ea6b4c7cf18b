package main

import (
	"context"
	"io"
	"iter"
)

// The iterator version. Go's generators are iterators: a function that
// calls yield for each value (iter.Seq2), which a for loop ranges over, or
// which iter.Pull2 turns into a next function. Values flow out of the
// generator to the loop that consumes them, as in a Python async generator
// under `async for`. A classic coroutine (`yield from`, python/classic.py)
// is the other direction: it yields Futures up to the event loop and is
// resumed by send(None) when they are done; Go has no event loop to yield
// to.

// completed is a generator of results in completion order. In Python it
// is an async generator:
//
//	async def completed(domains):
//	    for next_done in asyncio.as_completed([probe(d) for d in domains]):
//	        yield await next_done
//
// It yields each result as its lookup completes; the lookups themselves
// still run in probeAll's goroutines, concurrently. When the loop that
// ranges over it stops early (break, return, a pull's stop), yield returns
// false: completed then cancels the lookups still running and waits for
// their goroutines, so none outlives the loop.
func (p *prober) completed(ctx context.Context, names []string) iter.Seq2[string, result] {
	return func(yield func(string, result) bool) {
		ctx, cancel := context.WithCancel(ctx)
		results := p.probeAll(ctx, names)
		defer func() {
			cancel()
			for range results { // wait until every probe goroutine is done
			}
		}()
		for r := range results {
			if !yield(r.name, r) {
				return
			}
		}
	}
}

// rangeResults is -style generator: a plain for loop over the generator,
// as Python's `async for x in completed(domains)`.
func rangeResults(ctx context.Context, p *prober, names []string, out io.Writer, l *listing) {
	for _, r := range p.completed(ctx, names) {
		l.print(out, r)
	}
}

// pullResults is -style pull: it drives the generator by hand, one value at
// a time, as `await anext(gen)` does (next(gen) for a plain generator).
// iter.Pull2 runs the generator as a coroutine of the runtime: next
// switches to it until it yields, then switches back.
//
// A pulled generator is suspended inside yield until it is pulled again or
// stopped. On Ctrl-C this loop stops pulling, so it must call stop: stop
// makes that yield return false, and completed cancels and cleans up. Without
// stop the generator would stay suspended for ever, with its lookups.
func pullResults(ctx context.Context, p *prober, names []string, out io.Writer, l *listing) {
	next, stop := iter.Pull2(p.completed(ctx, names))
	//exercise:4 on Ctrl-C this loop returns while the generator is
	//exercise:4 suspended in its yield, and it stays there for ever: call stop when
	//exercise:4 pullResults returns (defer), so completed can clean up.
	defer stop()
	//exercise:shipped _ = stop
	//exercise:end
	for {
		_, r, ok := next() // await anext(gen): run the generator to its next yield
		if !ok {
			return // StopAsyncIteration: every name has been probed
		}
		l.print(out, r)
		if r.status == cancelled {
			return // Ctrl-C: stop pulling; the deferred stop ends the generator
		}
	}
}
