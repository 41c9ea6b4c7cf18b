package main

import (
	"context"
	"time"
)

// The classic mistakes with deadlines and cancellation, each beside its
// fix. mistakes_test.go shows each one in virtual time, and the README
// shows both. None of them is used by the lesson's modes.

// countUntilQuietFor counts events until none has come for d: the
// timeout of a select in a loop starts again with every iteration.
//
// The mistake: meant as "give up after d in all", time.After in the loop
// makes a new timer each time round, so while events keep coming faster
// than d, the timeout never fires.
func countUntilQuietFor(events <-chan struct{}, d time.Duration) int {
	n := 0
	for {
		select {
		case <-events:
			n++
		case <-time.After(d): // a new timer every iteration
			return n
		}
	}
}

// countFor counts events for d in all: the fix. The timer is made once,
// before the loop, so every iteration waits for the same deadline.
func countFor(events <-chan struct{}, d time.Duration) int {
	n := 0
	timeout := time.After(d) // one timer for the whole loop
	for {
		select {
		case <-events:
			n++
		case <-timeout:
			return n
		}
	}
}

// sendBlind sends v to out, however long that takes. The mistake: a
// select without a ctx.Done() case. Once the receiver has given up (its
// ctx cancelled, so it stopped receiving), the sender is blocked for good:
// a goroutine leaked.
func sendBlind[T any](ctx context.Context, out chan<- T, v T) error {
	select {
	case out <- v:
		return nil
	}
}

// send sends v to out, or gives up when ctx is done: the fix.
func send[T any](ctx context.Context, out chan<- T, v T) error {
	select {
	case out <- v:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
