package main

import (
	"context"
	"errors"
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
	// TODO(exercise 4): time.Sleep can not be interrupted, so Ctrl-C waits
	// until every say_after has slept. Wait instead for whichever comes
	// first: the delay (time.After) or ctx.Done(). When ctx wins, print
	// nothing and return an error that wraps context.Cause(ctx).
	time.Sleep(delay)
	s.println(what)
	return nil
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
	// TODO(exercise 1): this runs fn right here, so CreateTask returns only
	// when the work is done. Run it in a new goroutine instead.
	t.result <- fn()
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
	// TODO(exercise 2): this awaits task1 before task2 even exists, so the
	// two never sleep at the same time. Create both Tasks, then await them.
	task1 := CreateTask(func() error { return sayAfter(ctx, s, longDelay*s.unit, "hello") })
	err1 := task1.Await()
	task2 := CreateTask(func() error { return sayAfter(ctx, s, shortDelay*s.unit, "world") })
	err2 := task2.Await()
	return errors.Join(err1, err2)
}

// runWaitGroup is the same program as Go people write it: no Task type, a
// sync.WaitGroup counts the goroutines and Wait blocks until all are done.
func runWaitGroup(ctx context.Context, s *stage) error {
	var wg sync.WaitGroup
	var err1, err2 error
	// TODO(exercise 3): these calls run one after the other in this
	// goroutine, and wg has nothing to wait for. Run each in wg.Go(func() {...}).
	err1 = sayAfter(ctx, s, longDelay*s.unit, "hello")
	err2 = sayAfter(ctx, s, shortDelay*s.unit, "world")
	wg.Wait()
	return errors.Join(err1, err2)
}
