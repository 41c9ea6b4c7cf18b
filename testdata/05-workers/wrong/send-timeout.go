// exercise: 2
// want: the run ended at 2.05s with code 130, want at once (1.05s) with 130
//
// A wrong solution of the ctrl-c exercise: the producer no longer waits
// for ever on a full queue, but it gives up after a second instead of when
// ctx is done, so after Ctrl-C the run still waits up to a second for it.
// The run does not hang (no goroutine is blocked for good): the check must
// still see that it ends late.
package main

import "time"

func produce(ctx context.Context, s *stage, names []string, queue chan<- string) {
	defer s.producer()() // -timeline: the producer's row, from the first put to the last
	defer close(queue)
	for _, name := range names {
		select {
		case queue <- name: // waits while the queue is full
		case <-time.After(time.Second): // no worker took a name for a second: give up
			return
		}
	}
}
