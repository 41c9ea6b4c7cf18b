package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// The two say_afters' delays, in lesson seconds (-unit): Python's
// say_after(1, ...) and say_after(2, ...). Every duration the tests, the
// exercise checks and the README state is derived from them: change one
// (and python/say_after.py), then run `make exercises` and `make golden`.
// The shorter must stay shorter: that is why world prints first.
const (
	shortDelay = 1
	longDelay  = 2
)

// sayAfter waits delay, then prints what. It is Python's
//
//	async def say_after(delay, what):
//	    await asyncio.sleep(delay)
//	    print(what)
//
// The select is the Go spelling of "await asyncio.sleep(delay)" in a Task that
// can be cancelled: whichever happens first, the timer firing or ctx being
// cancelled (Ctrl-C), ends the wait. A cancelled sayAfter prints nothing and
// returns ctx's error, as a cancelled Task raises CancelledError at its await.
func sayAfter(ctx context.Context, s *stage, delay time.Duration, what string) error {
	defer s.track(what)() // for -timeline and the Ctrl-C report
	//exercise:4 time.Sleep can not be interrupted, so Ctrl-C waits
	//exercise:4 until every say_after has slept. Wait instead for whichever comes
	//exercise:4 first: the delay (time.After) or ctx.Done(). When ctx wins, print
	//exercise:4 nothing and return an error that wraps context.Cause(ctx).
	select {
	case <-time.After(delay): // the sleep is over
		s.println(what)
		return nil
	case <-ctx.Done(): // Ctrl-C: a cancelled Task raises CancelledError
		return fmt.Errorf("say_after(%s): %w", what, context.Cause(ctx))
	}
	//exercise:shipped time.Sleep(delay)
	//exercise:shipped s.println(what)
	//exercise:shipped return nil
	//exercise:end
}

// runSequential awaits one say_after, then the other: the run takes the
// sum of the two delays.
//
//	await say_after(1, 'hello')
//	await say_after(2, 'world')
func runSequential(ctx context.Context, s *stage) error {
	if err := sayAfter(ctx, s, shortDelay*s.unit, "hello"); err != nil {
		return err
	}
	return sayAfter(ctx, s, longDelay*s.unit, "world")
}

// Task is a value that a goroutine of its own is computing: the Go shape of
// an asyncio.Task. Its one-slot channel holds the result once it is ready.
type Task[T any] struct {
	result chan T
}

// CreateTask starts fn in a new goroutine and returns at once, like
// asyncio.create_task. (In Python the Task starts at the caller's next
// await that suspends; a goroutine may start right away, on another CPU.)
func CreateTask[T any](fn func() T) *Task[T] {
	t := &Task[T]{result: make(chan T, 1)}
	//exercise:1 this runs fn right here, so CreateTask returns only
	//exercise:1 when the work is done. Run it in a new goroutine instead.
	go func() { t.result <- fn() }() // start the work, do not wait for it
	//exercise:shipped t.result <- fn()
	//exercise:end
	return t
}

// Await blocks until the Task's result is ready and returns it. It puts the
// result back in the slot, so a second Await returns the same value at once,
// as awaiting a finished asyncio.Task again does.
func (t *Task[T]) Await() T {
	v := <-t.result // wait until the goroutine has sent the result
	t.result <- v   // put it back: a second Await gets it too
	return v
}

// runTasks starts both say_afters as Tasks, then awaits each: they sleep at
// the same time, so the run takes as long as the longer one.
//
//	task1 = asyncio.create_task(say_after(2, 'hello'))
//	task2 = asyncio.create_task(say_after(1, 'world'))
//	await task1
//	await task2
func runTasks(ctx context.Context, s *stage) error {
	//exercise:2 this awaits task1 before task2 even exists, so the
	//exercise:2 two never sleep at the same time. Create both Tasks, then await them.
	task1 := CreateTask(func() error { return sayAfter(ctx, s, longDelay*s.unit, "hello") })
	task2 := CreateTask(func() error { return sayAfter(ctx, s, shortDelay*s.unit, "world") })
	err1 := task1.Await() // both Tasks sleep while we wait here
	err2 := task2.Await() // already done: returns at once
	//exercise:shipped task1 := CreateTask(func() error { return sayAfter(ctx, s, longDelay*s.unit, "hello") })
	//exercise:shipped err1 := task1.Await()
	//exercise:shipped task2 := CreateTask(func() error { return sayAfter(ctx, s, shortDelay*s.unit, "world") })
	//exercise:shipped err2 := task2.Await()
	//exercise:end
	return errors.Join(err1, err2)
}

// runWaitGroup is the same program as Go people write it: no Task type, a
// sync.WaitGroup counts the goroutines and Wait blocks until all are done.
func runWaitGroup(ctx context.Context, s *stage) error {
	var wg sync.WaitGroup
	var err1, err2 error
	//exercise:3 these calls run one after the other in this
	//exercise:3 goroutine, and wg has nothing to wait for. Run each in wg.Go(func() {...}).
	wg.Go(func() { err1 = sayAfter(ctx, s, longDelay*s.unit, "hello") })
	wg.Go(func() { err2 = sayAfter(ctx, s, shortDelay*s.unit, "world") })
	//exercise:shipped err1 = sayAfter(ctx, s, longDelay*s.unit, "hello")
	//exercise:shipped err2 = sayAfter(ctx, s, shortDelay*s.unit, "world")
	//exercise:end
	wg.Wait()
	return errors.Join(err1, err2)
}
