// Command laststderr closes its stdout, then writes to stderr 200ms later
// and exits 3: only a reader that waits for it to exit gets those last
// words. With -ready it first prints "ready" and does this on SIGINT.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-ready" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		fmt.Println("ready")
		<-ctx.Done()
		stop()
	}
	os.Stdout.Close()
	time.Sleep(200 * time.Millisecond)
	fmt.Fprintln(os.Stderr, "last words")
	os.Exit(3)
}
