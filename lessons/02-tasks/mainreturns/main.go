// Command mainreturns is the Go side of python/run_cancels.py: when main
// returns, the program ends. A goroutine still running is stopped where it
// is, and its deferred calls never run.
//
//	go run ./lessons/02-tasks/mainreturns
package main

import (
	"fmt"
	"time"
)

func main() {
	started := make(chan struct{})
	go func() {
		defer fmt.Println("forever: cleaning up") // never printed
		close(started)
		time.Sleep(time.Hour)
	}()
	<-started // let it start
	fmt.Println("main returns")
}
