// exercise: 1
// want: Await never returned: it and every goroutine of the Task were blocked for good
//
// A wrong solution of exercise 1: the Task's slot has no room. The
// goroutine's send waits until Await receives, and then Await's own send,
// which puts the result back for a second Await, waits for a receiver that
// never comes. synctest sees every goroutine blocked for good; the check
// must name it, not end the test binary.
package main

func CreateTask[T any](fn func() T) *Task[T] {
	t := &Task[T]{result: make(chan T)}
	go func() { t.result <- fn() }()
	return t
}
