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
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

func main() {
	// Ctrl-C cancels ctx; every request still in flight sees it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// Exit codes of run.
const (
	exitOK          = 0   // every URL fetched, with a 2xx status
	exitFailed      = 1   // some URL failed
	exitUsage       = 2   // bad flags
	exitInterrupted = 130 // the shell's code for a program ended by Ctrl-C
)

// defaultURLs are the Python lesson's three URLs.
var defaultURLs = []string{simnet.ExampleURL, simnet.HTTPBinURL, simnet.PythonURL}

// prog names the program in its messages.
const prog = "03-fetch-v3"

// errInterrupted is the cause of a cancellation by Ctrl-C.
var errInterrupted = errors.New("interrupted")

// run parses args, fetches the URLs and returns the exit code. sim is the
// network to use; nil means the real network, or the simulated internet on
// loopback with -offline. Tests pass an in-memory simnet.
func run(parent context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	flags := flag.NewFlagSet(prog, flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: "+prog+" [flags] [url ...]\n\nWithout URLs it fetches "+strings.Join(defaultURLs, ", ")+".")
		flags.PrintDefaults()
	}
	offline := flags.Bool("offline", false, "fetch from the simulated internet on 127.0.0.1 instead of the real one")
	worldFile := flags.String("world", "", "a simulated world in JSON (implies -offline), e.g. testdata/simnet/default-world.json")
	timeout := flags.Duration("timeout", 10*time.Second, "give up on one URL after this long")
	maxBody := flags.Int64("max-body", 1<<20, "largest body to read, in bytes: a larger one is an error")
	showTimeline := flags.Bool("timeline", false, "draw when each fetch ran, after the run")
	mode := flags.String("mode", "all", "all: collect every result and error (return_exceptions=True); failfast: the first error cancels the rest")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	switch {
	case *mode != "all" && *mode != "failfast":
		fmt.Fprintf(stderr, "%s: unknown -mode %q: use all or failfast\n", prog, *mode)
		return exitUsage
	case *timeout <= 0:
		fmt.Fprintf(stderr, "%s: -timeout %s: must be a positive duration such as 10s or 500ms\n", prog, *timeout)
		return exitUsage
	case *maxBody <= 0:
		fmt.Fprintf(stderr, "%s: -max-body %d: must be a positive number of bytes such as 1048576\n", prog, *maxBody)
		return exitUsage
	}
	urls := flags.Args()
	for _, u := range urls {
		if strings.HasPrefix(u, "-") {
			fmt.Fprintf(stderr, "%s: %q after the URLs: put every flag before the first URL\n", prog, u)
			return exitUsage
		}
	}
	if len(urls) == 0 {
		urls = defaultURLs
	}

	// The network: the caller's, the simulated internet, or the real one.
	f := &fetcher{maxBody: *maxBody, rec: timeline.New()}
	switch {
	case sim != nil:
		f.client = sim.Client(*timeout)
	case *offline || *worldFile != "":
		world := simnet.DefaultWorld()
		if *worldFile != "" {
			w, err := simnet.LoadWorld(*worldFile)
			if err != nil {
				fmt.Fprintf(stderr, "%s: -world: %v\n", prog, err)
				return exitUsage
			}
			world = w
		}
		n, err := simnet.NewLoopback(world)
		if err != nil {
			fmt.Fprintf(stderr, "%s: -offline: %v\n", prog, err)
			return exitFailed
		}
		defer n.Close()
		f.client = n.Client(*timeout)
	default:
		f.online = true
		transport := http.DefaultTransport.(*http.Transport).Clone()
		f.client = &http.Client{Transport: transport, Timeout: *timeout}
	}
	// Python's `async with httpx.AsyncClient() as client:` closes the
	// client's connections at the end of the block; this is Go's spelling.
	defer f.client.CloseIdleConnections()

	// Ctrl-C cancels every fetch with the cause "interrupted".
	ctx, cancel := context.WithCancelCause(context.WithoutCancel(parent))
	defer cancel(nil)
	stop := context.AfterFunc(parent, func() { cancel(errInterrupted) })
	defer stop()

	start := time.Now()
	results := fetchAll(ctx, f, urls, newPrinter(stdout, urls), *mode == "failfast")
	elapsed := since(start)

	ok, failed, cancelled := tally(results)
	fmt.Fprintf(stdout, "fetched %d URLs in %s: %d ok, %d failed, %d cancelled\n", len(urls), elapsed, ok, failed, cancelled)
	if *showTimeline {
		fmt.Fprintln(stdout)
		f.rec.Render(stdout)
	}
	switch {
	case parent.Err() != nil:
		fmt.Fprintf(stderr, "interrupted after %s: %d of %d URLs finished, %d cancelled (exit code %d)\n",
			elapsed, ok+failed, len(urls), cancelled, exitInterrupted)
		return exitInterrupted
	case failed+cancelled > 0:
		msg := fmt.Sprintf("%d of %d URLs failed", failed, len(urls))
		if cancelled > 0 {
			msg += fmt.Sprintf(", %d cancelled", cancelled)
		}
		fmt.Fprintf(stderr, "%s; each is marked ! with what to do (exit code %d)\n", msg, exitFailed)
		return exitFailed
	}
	return exitOK
}
