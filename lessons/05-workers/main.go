// Command 05-workers probes a thousand names with a few workers: Python's
// asyncio.Queue and its consumer tasks, asyncio.Semaphore, and their Go
// counterparts (a buffered channel and N goroutines, a goroutine per name
// with a semaphore channel, errgroup's SetLimit).
//
//	go run ./lessons/05-workers                          # 1,000 names, 10 workers, a queue of 10
//	go run ./lessons/05-workers -workers 100 -timeline
//	go run ./lessons/05-workers -mode spawn -n 200
//	printf 'go.dev\nprobe0001.dev\n' | go run ./lessons/05-workers -names -
//
// It always talks to the simulated internet (internal/simnet) on 127.0.0.1,
// with the real *net.Resolver: a thousand lookups at once are not for a
// real DNS server. The idea is in workers.go; probe.go is one lookup,
// names.go the lesson's names and world, stage.go the timeline and the
// counts, and this file the flags and the wiring.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"goasync.dev/workbook/internal/cli"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

func main() {
	// Ctrl-C (SIGINT) or SIGTERM cancels ctx: the producer stops putting,
	// the workers stop taking, and the lookups in flight end.
	ctx, stop := signal.NotifyContext(context.Background(), cli.Signals...)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, nil))
}

// Exit codes of run.
const (
	exitOK         = 0 // every name probed: taken and free are both answers
	exitFailed     = 1 // some lookups failed, or the output was lost
	exitUsage      = 2 // bad flags or names
	exitOutputLost = 1
)

// Bounds of the flags: the memory a run may take stays small (each worker
// or name is a goroutine, each queued name a slot), and the loopback DNS
// server keeps up (10,000 lookups at once overflow its sockets' buffers,
// and the lost queries time out).
const (
	maxNames   = 20_000
	maxWorkers = 1_000
	maxQueue   = 100_000
)

// runner is one -mode: run names on workers (and a queue of queueSize, for
// pool), sending every result to results.
type runner func(ctx context.Context, s *stage, names []string, workers, queueSize int, results chan<- result)

// modes maps -mode to its runner (workers.go).
var modes = map[string]runner{
	"pool": pool,
	"spawn": func(ctx context.Context, s *stage, names []string, workers, _ int, results chan<- result) {
		spawn(ctx, s, names, workers, results)
	},
	"errgroup": func(ctx context.Context, s *stage, names []string, workers, _ int, results chan<- result) {
		limited(ctx, s, names, workers, results)
	},
}

// options are the parsed flags.
type options struct {
	mode      string
	workers   int
	queue     int
	n         int
	namesFile string
	timeline  bool
	names     []string
}

// run parses args, probes the names and returns the exit code. sim is the
// network to use: nil means the lesson's world on 127.0.0.1 (tests pass
// one in memory). stdin is read with -names -.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, sim *simnet.Net) int {
	o, code := parse(args, stdin, stderr)
	if code >= 0 {
		return code
	}
	if sim == nil {
		n, err := simnet.NewLoopback(lessonWorld(max(o.n, 1000)))
		if err != nil {
			fmt.Fprintf(stderr, "05-workers: the simulated internet: %v\n", err)
			return exitFailed
		}
		defer n.Close()
		sim = n
	}

	out := cli.NewWriter(stdout)
	s := &stage{resolver: sim.Resolver(), rec: timeline.New()}
	t := newTally(o.names)
	results := make(chan result, o.workers)
	start := time.Now()
	go func() {
		done := s.rec.Start("lookups")
		modes[o.mode](ctx, s, o.names, o.workers, o.queue, results)
		done(plural(len(o.names), "name"))
		close(results)
	}()
	for r := range results { // as they complete
		t.print(out, r)
	}
	took := time.Since(start)

	if ctx.Err() == nil {
		fmt.Fprintln(out, t.summary(took, o))
		fmt.Fprintf(out, "the producer waited %s to hand out the last name\n", seconds(s.producerWaited()))
	}
	if o.timeline {
		fmt.Fprintln(out)
		s.rec.Render(out)
	}
	if err := out.Err(); err != nil {
		fmt.Fprintf(stderr, "05-workers: the output was lost: %v (exit code %d)\n", err, exitOutputLost)
		return exitOutputLost
	}
	if ctx.Err() != nil {
		code, how := cli.Interrupted(ctx)
		fmt.Fprintf(stderr, "%s after %s: %d of %s probed, %s cut short (exit code %d)\n",
			how, seconds(took), t.probed(), plural(len(o.names), "name"), plural(t.counts[cancelled], "lookup"), code)
		return code
	}
	if t.counts[failed] > 0 {
		fmt.Fprintf(stderr, "05-workers: %s failed (exit code %d)\n", plural(t.counts[failed], "lookup"), exitFailed)
		return exitFailed
	}
	return exitOK
}

// parse reads the flags, and the names of -names. code is -1 when the run
// should go on, else the exit code.
func parse(args []string, stdin io.Reader, stderr io.Writer) (o options, code int) {
	flags := flag.NewFlagSet("05-workers", flag.ContinueOnError)
	flags.StringVar(&o.mode, "mode", "pool", "pool (N workers and a queue), spawn (a goroutine per name, N slots) or errgroup (errgroup.SetLimit(N))")
	flags.IntVar(&o.workers, "workers", 10, "how many lookups at a time: workers, slots or the errgroup's limit")
	flags.IntVar(&o.queue, "queue", 10, "room in the queue of -mode pool, in names; 0 makes each put wait for a worker")
	flags.IntVar(&o.n, "n", 1000, "how many of the lesson's names to probe: probe0001.dev, probe0002.dev, ...")
	flags.StringVar(&o.namesFile, "names", "", "probe the names in this `file` instead, one a line (- reads stdin)")
	flags.BoolVar(&o.timeline, "timeline", false, "draw the producer, the workers and the lookups, after the run")
	if code, ok := cli.Parse(flags, args, stderr, "usage: 05-workers [flags]"); !ok {
		return o, code
	}
	fail := func(format string, a ...any) (options, int) {
		fmt.Fprintf(stderr, "05-workers: "+format+"\n", a...)
		return o, exitUsage
	}
	set := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { set[f.Name] = true })
	_, known := modes[o.mode]
	switch {
	case !known:
		return fail("unknown -mode %s: use pool, spawn or errgroup", cli.Quote(o.mode))
	case o.workers < 1:
		return fail("-workers %d: need at least 1 worker", o.workers)
	case o.workers > maxWorkers:
		return fail("-workers %d: too many; use at most %d", o.workers, maxWorkers)
	case o.queue < 0:
		return fail("-queue %d: must be 0 (each put waits for a worker) or more", o.queue)
	case o.queue > maxQueue:
		return fail("-queue %d: too large; use at most %d", o.queue, maxQueue)
	case set["queue"] && o.mode != "pool":
		return fail("-queue is for -mode pool: -mode %s has no queue", o.mode)
	case o.n < 1:
		return fail("-n %d: probe at least 1 name", o.n)
	case o.n > maxNames:
		return fail("-n %d: too many; use at most %d", o.n, maxNames)
	case set["n"] && o.namesFile != "":
		return fail("-n and -names: give one of them")
	case flags.NArg() > 0:
		return fail("unexpected argument %s: give names with -names FILE (see -h)", cli.Quote(flags.Arg(0)))
	}
	if o.namesFile == "" {
		o.names = generate(o.n)
		return o, -1
	}
	in := stdin
	if o.namesFile != "-" {
		f, err := os.Open(o.namesFile)
		if err != nil {
			return fail("-names %s: %v", cli.Quote(o.namesFile), err)
		}
		defer f.Close()
		in = f
	}
	names, err := readNames(in, maxNames)
	if err != nil {
		return fail("-names %s: %v", cli.Quote(o.namesFile), err)
	}
	o.names = names
	return o, -1
}
