// Command 01-dns-probe asks the DNS about every Go keyword as <keyword>.dev,
// all at once, and prints each answer as it arrives: Python's asyncio
// as_completed over getaddrinfo coroutines, in Go.
//
//	go run ./lessons/01-dns-probe -offline                  # the simulated internet
//	go run ./lessons/01-dns-probe -offline -words python -limit 5 -timeline
//	go run ./lessons/01-dns-probe -offline -style pull
//	go run ./lessons/01-dns-probe go.dev python.org         # your names, online
//
// The idea is in probe.go (fan-out and fan-in), limit.go (the semaphore)
// and generator.go (the iterator); classify.go, validate.go, canary.go,
// report.go and timeline.go say what the answers mean and show them;
// flags.go reads the flags, and this file wires the network.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"time"

	"goasync.dev/workbook/internal/cli"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

func main() {
	// Ctrl-C (SIGINT) or SIGTERM cancels ctx; every lookup still waiting sees it.
	ctx, stop := signal.NotifyContext(context.Background(), cli.Signals...)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// Exit codes of run.
const (
	exitOK          = 0                   // every name probed: found and not found are both answers
	exitFailed      = 1                   // some lookups failed, some names are not valid, or the output was lost
	exitUsage       = 2                   // bad flags
	exitInterrupted = cli.ExitInterrupted // 130, Ctrl-C; 143 for SIGTERM (cli.InterruptCode)
)

// styles maps -style to the loop that prints the results as they complete.
var styles = map[string]func(context.Context, *prober, []string, io.Writer, *listing){
	"channel":   channelResults, // a goroutine per name, one channel (probe.go)
	"generator": rangeResults,   // a for loop over an iter.Seq2 (generator.go)
	"pull":      pullResults,    // the same generator driven by iter.Pull2
}

// run parses args, probes the names and returns the exit code. sim is the
// network to use; nil means the real resolver, or the simulated internet on
// loopback with -offline. Tests pass an in-memory simnet.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	o, code := parse(args, stderr)
	if code >= 0 {
		return code
	}

	// The network: the caller's, the simulated internet, or the real one.
	var res resolver = net.DefaultResolver
	offline := sim != nil || o.offline || o.world != ""
	switch {
	case sim != nil:
		res = sim.Resolver()
	case offline:
		world, err := loadWorld(o.world, o.words)
		if err != nil {
			fmt.Fprintf(stderr, "01-dns-probe: -world %s: %v\n", o.world, err)
			return exitUsage
		}
		n, err := simnet.NewLoopback(world)
		if err != nil {
			fmt.Fprintf(stderr, "01-dns-probe: -offline: %v\n", err)
			return exitFailed
		}
		defer n.Close()
		res = n.Resolver()
	}

	out := cli.NewWriter(stdout)
	code = probeNames(ctx, o, res, offline, out, stderr)
	if err := out.Err(); err != nil {
		fmt.Fprintf(stderr, "01-dns-probe: the results could not be written: %v\n", err)
		return max(code, exitFailed)
	}
	return code
}

// probeNames reports the invalid names, probes the valid ones with the
// canary beside them, and prints the summary and the verdict.
func probeNames(ctx context.Context, o options, res resolver, offline bool, stdout, stderr io.Writer) int {
	// A name that is not a name is reported at once, without a query.
	l := newListing(o.names)
	var valid []string
	for _, name := range o.names {
		if err := validate(name); err != nil {
			l.print(stdout, result{name: name, status: invalid, reason: "not a DNS name: " + err.Error()})
			continue
		}
		valid = append(valid, name)
	}
	if len(valid) == 0 {
		fmt.Fprintln(stderr, "01-dns-probe: nothing to probe: no name given is a valid DNS name (letters, digits and '-', labels joined by '.')")
		return exitFailed
	}

	rec := timeline.New()
	p := &prober{resolver: traced{res, rec, o.timeout}, timeout: o.timeout}
	if o.limit > 0 {
		p.slots = make(chan struct{}, o.limit)
	}
	// The canary is looked up beside the probes and read at the end.
	canaryResult := make(chan result, 1)
	go func() { canaryResult <- checkCanary(ctx, &prober{resolver: res, timeout: o.timeout}, o.canary) }()

	start := time.Now()
	styles[o.style](ctx, p, valid, stdout, l)
	trust := <-canaryResult
	elapsed := time.Since(start).Round(time.Millisecond)

	if ctx.Err() != nil {
		if o.timeline {
			fmt.Fprintln(stdout)
			rec.Render(stdout)
		}
		code, how := cli.Interrupted(ctx)
		fmt.Fprintf(stderr, "%s after %s: %d of %s probed, %d cancelled (exit code %d)\n",
			how, elapsed, l.probed(), plural(len(valid), "name"), len(valid)-l.probed(), code)
		return code
	}
	fmt.Fprintln(stdout, l.summary(len(valid), elapsed))
	if o.timeline {
		fmt.Fprintln(stdout)
		rec.Render(stdout)
	}
	code := l.verdict(stderr, l.probed(), offline, inFlight(len(valid), o.limit))
	if l.counts[failed] < l.probed() {
		code = max(code, canaryVerdict(stderr, o.canary, trust, l.counts, offline))
	}
	return code
}

// loadWorld returns the world of -world, or the default one for -words.
func loadWorld(file, words string) (*simnet.World, error) {
	if file != "" {
		return simnet.LoadWorld(file)
	}
	if words == "python" {
		return simnet.DefaultWorld(simnet.WithPythonKeywords()), nil
	}
	return simnet.DefaultWorld(), nil
}
