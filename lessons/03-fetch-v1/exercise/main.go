// Command exercise is your copy of lesson 03-fetch-v1, with four exercises to do,
// each marked TODO(exercise N). `make check LESSON=03-fetch-v1` tells you which
// are done; the lesson's README explains them.
//
//	go run ./lessons/03-fetch-v1/exercise -offline    # the simulated internet
//	go run ./lessons/03-fetch-v1/exercise -offline -timeline
//	go run ./lessons/03-fetch-v1/exercise https://go.dev # your URLs, online
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/simnet"
)

func main() {
	// Ctrl-C (SIGINT) or SIGTERM cancels ctx; every request still in flight sees it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// run parses args, fetches the URLs with fetchAll and returns the exit code.
// The flags, the network (sim, or the real one, or -offline's loopback
// simulation), Ctrl-C and the summary are the same in all three versions:
// internal/fetch has them. sim is nil outside tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	return fetch.Command{Name: "03-fetch-v1", FetchAll: fetchAll}.Run(ctx, args, stdout, stderr, sim)
}
