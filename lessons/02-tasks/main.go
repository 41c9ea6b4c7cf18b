// Command 02-tasks runs Python's say_after example three ways: awaited in turn
// (3 s), as Tasks (2 s) and with a sync.WaitGroup (2 s).
//
//	go run ./lessons/02-tasks                   # -mode tasks
//	go run ./lessons/02-tasks -mode sequential
//	go run ./lessons/02-tasks -mode waitgroup -timeline -unit 200ms
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"goasync.dev/workbook/internal/timeline"
)

func main() {
	// Ctrl-C cancels ctx; every say_after that is still sleeping sees it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// After the first Ctrl-C, the next one ends the program at once, as it
	// does by default: a program that hangs (try an unbuffered Task) can
	// still be stopped.
	context.AfterFunc(ctx, stop)
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes of run.
const (
	exitOK          = 0
	exitUsage       = 2
	exitInterrupted = 130 // the shell's code for a program ended by Ctrl-C
)

// modes maps -mode to the function that runs it.
var modes = map[string]func(context.Context, *stage) error{
	"sequential": runSequential,
	"tasks":      runTasks,
	"waitgroup":  runWaitGroup,
}

// run parses args, runs the chosen mode and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("02-tasks", flag.ContinueOnError)
	flags.SetOutput(stderr)
	mode := flags.String("mode", "tasks", "how to run the two say_afters: sequential, tasks or waitgroup")
	unit := flags.Duration("unit", time.Second, "length of one lesson second, e.g. 100ms for a quick demo")
	showTimeline := flags.Bool("timeline", false, "draw when each say_after ran, after the run")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	runMode, ok := modes[*mode]
	switch {
	case !ok:
		fmt.Fprintf(stderr, "02-tasks: unknown -mode %q: use sequential, tasks or waitgroup\n", *mode)
		return exitUsage
	case *unit <= 0:
		fmt.Fprintf(stderr, "02-tasks: -unit %s: must be a positive duration such as 1s or 100ms\n", *unit)
		return exitUsage
	case flags.NArg() > 0:
		fmt.Fprintf(stderr, "02-tasks: unexpected argument %q: this lesson takes only flags (see -h)\n", flags.Arg(0))
		return exitUsage
	}

	s := &stage{out: stdout, unit: *unit, rec: timeline.New()}
	fmt.Fprintf(stdout, "started at %s\n", clock())
	err := runMode(ctx, s)
	if err == nil {
		fmt.Fprintf(stdout, "finished at %s\n", clock())
	}
	if *showTimeline {
		fmt.Fprintln(stdout)
		s.rec.Render(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "interrupted at %s: %s (exit code %d)\n", clock(), s.report(), exitInterrupted)
		return exitInterrupted
	}
	return exitOK
}

// clock is Python's time.strftime('%X'): the wall clock as HH:MM:SS.
func clock() string { return time.Now().Format(time.TimeOnly) }
