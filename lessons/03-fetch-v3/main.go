// Command 03-fetch-v3 fetches three URLs at once with one shared HTTP
// client, waits for all of them and prints the results in input order, as
// Python's version 3 does with asyncio.gather.
//
//	go run ./lessons/03-fetch-v3 -offline             # the simulated internet
//	go run ./lessons/03-fetch-v3 -offline -mode failfast https://status.example.net/500 https://www.example.com
//	go run ./lessons/03-fetch-v3 https://go.dev       # your URLs, online
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"goasync.dev/workbook/internal/cli"
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
// internal/fetch has them. This version adds -mode. sim is nil outside
// tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	var mode string
	return fetch.Command{
		Name: "03-fetch-v3",
		Flags: func(flags *flag.FlagSet) {
			flags.StringVar(&mode, "mode", "all", "all: collect every result and error (return_exceptions=True); failfast: the first error cancels the rest")
		},
		Validate: func() error {
			if mode != "all" && mode != "failfast" {
				return fmt.Errorf("unknown -mode %s: use all or failfast", cli.Quote(mode))
			}
			return nil
		},
		FetchAll: func(ctx context.Context, c *fetch.Client, urls []string, p *fetch.Printer) []fetch.Result {
			return fetchAll(ctx, c, urls, p, mode == "failfast")
		},
	}.Run(ctx, args, stdout, stderr, sim)
}
