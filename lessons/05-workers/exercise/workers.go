package main

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// This file is the lesson's idea: three ways to run a thousand lookups, at
// most N at a time. pool is N workers reading a bounded queue (Python's
// asyncio.Queue and N consumer tasks); spawn is a goroutine per name that
// waits for one of N slots (Python's asyncio.Semaphore); limited is
// errgroup's SetLimit, where starting the next goroutine waits for a slot.
// Each sends every result to results as it completes, and returns when
// every lookup it started has ended. What a lookup is, is in probe.go; the
// timeline and the counts around it are in stage.go.

// pool starts workers goroutines that take names from a queue with room
// for queueSize, and puts the names in it, in order. It is Python's
//
//	queue = asyncio.Queue(maxsize=queue_size)
//	workers = [asyncio.create_task(worker(queue)) for _ in range(n)]
//	for name in names:
//	    await queue.put(name)      # waits while the queue is full
//	await queue.join()             # every name taken and task_done
//	for w in workers:
//	    w.cancel()
//
// A buffered channel is the bounded queue. close(queue) is how the
// producer says "no more names": each worker's range loop takes what is
// left, then ends, so there is nothing to cancel. wg.Wait() is
// queue.join() and the gather of the workers in one.
func pool(ctx context.Context, s *stage, names []string, workers, queueSize int, results chan<- result) {
	queue := make(chan string, queueSize) // queueSize 0: a rendezvous, each send waits for a worker
	var wg sync.WaitGroup
	// TODO(exercise 1): one worker takes every name in turn, so 1,000 lookups of
	// 100 ms take 100 s. Start `workers` of them, each in wg.Go.
	wg.Go(func() {
		defer s.worker()() // -timeline: this worker's row
		for name := range queue {
			if ctx.Err() != nil {
				return // Ctrl-C: take no more names
			}
			results <- probe(ctx, s.resolver, name)
		}
	})
	produce(ctx, s, names, queue)
	wg.Wait()
}

// produce puts the names in the queue, in order, then closes it. A send on
// a full channel waits until a worker takes a name: that wait is the
// backpressure, and the -timeline's producer row.
func produce(ctx context.Context, s *stage, names []string, queue chan<- string) {
	defer s.producer()() // -timeline: the producer's row, from the first put to the last
	defer close(queue)
	for _, name := range names {
		// TODO(exercise 2): after Ctrl-C the workers stop taking names, and this
		// send then waits for ever on a full queue. Wait for whichever
		// comes first: room in the queue or ctx.Done(); on ctx.Done(), return.
		queue <- name // waits while the queue is full
	}
}

// spawn starts a goroutine for every name at once; each waits for one of
// workers slots before its lookup. It is Python's
//
//	sem = asyncio.Semaphore(n)
//	async def limited(name):
//	    async with sem:
//	        return await probe(name)
//	tasks = [asyncio.create_task(limited(name)) for name in names]
//
// A buffered channel of workers tokens is the semaphore: a send takes a
// slot, a receive gives it back. Every goroutine is alive from the start,
// most of them waiting for a slot: 1,000 names, 1,000 goroutines.
func spawn(ctx context.Context, s *stage, names []string, workers int, results chan<- result) {
	slots := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() {
			select {
			case slots <- struct{}{}: // async with sem: take a slot
			case <-ctx.Done():
				return
			}
			defer func() { <-slots }() // give it back
			results <- probe(ctx, s.resolver, name)
		})
	}
	s.producer()() // -timeline: the producer never waits
	wg.Wait()
}

// limited runs the names through an errgroup.Group limited to workers
// goroutines at a time: g.Go waits, in this goroutine, until one of them
// has returned. So at most workers goroutines exist, and the names start in
// input order, as with a pool whose queue has no room (-queue 0).
func limited(ctx context.Context, s *stage, names []string, workers int, results chan<- result) {
	var g errgroup.Group
	// TODO(exercise 3): without a limit g.Go never waits: every name starts at
	// once, as in Python's gather. Limit the group to `workers` goroutines.
	done := s.producer() // -timeline: the producer waits in g.Go
	for _, name := range names {
		if ctx.Err() != nil {
			break // Ctrl-C: start no more
		}
		g.Go(func() error {
			results <- probe(ctx, s.resolver, name)
			return nil // a failed lookup is a result, not an error that ends the group
		})
	}
	done()
	g.Wait()
}
