// Command exercise is your copy of lesson 02-tasks, with five exercises to do,
// each marked TODO(exercise N). `make check LESSON=02-tasks` tells you which
// are done; the lesson's README explains them.
//
//	go run ./lessons/02-tasks/exercise                  # -mode tasks
//	go run ./lessons/02-tasks/exercise -mode sequential
//	go run ./lessons/02-tasks/exercise -mode waitgroup -timeline -unit 200ms
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
	"goasync.dev/workbook/internal/timeline"
)

func main() {
	// Ctrl-C (SIGINT) or SIGTERM cancels ctx; every say_after that is still sleeping sees it.
	ctx, stop := signal.NotifyContext(context.Background(), cli.Signals...)
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
	exitOutputLost  = 1 // stdout could not be written: the run's output is lost
	exitUsage       = 2
	exitInterrupted = 130 // the shell's code for a program ended by Ctrl-C; 143 for SIGTERM (cli.Interrupted)
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
	mode := flags.String("mode", "tasks", "how to run the two say_afters: sequential, tasks or waitgroup")
	var unit time.Duration
	flags.DurationVar(&unit, "unit", time.Second, "length of one lesson second, a `duration` such as 100ms for a quick demo")
	showTimeline := flags.Bool("timeline", false, "draw when each say_after ran, after the run")
	if code, ok := cli.Parse(flags, args, stderr, "usage: 02-tasks [flags]"); !ok {
		return code
	}
	runMode, ok := modes[*mode]
	switch {
	case !ok:
		fmt.Fprintf(stderr, "02-tasks: unknown -mode %s: use sequential, tasks or waitgroup\n", cli.Quote(*mode))
		return exitUsage
	case unit <= 0:
		fmt.Fprintf(stderr, "02-tasks: -unit %s: must be a positive duration such as 1s or 100ms\n", unit)
		return exitUsage
	case unit > maxUnit:
		fmt.Fprintf(stderr, "02-tasks: -unit %s: too long; use at most %s\n", unit, maxUnit)
		return exitUsage
	case flags.NArg() > 0:
		fmt.Fprintf(stderr, "02-tasks: unexpected argument %q: this lesson takes only flags (see -h)\n", flags.Arg(0))
		return exitUsage
	}

	out := cli.NewWriter(stdout)
	s := &stage{out: out, unit: unit, rec: timeline.New()}
	fmt.Fprintf(out, "started at %s\n", clock())
	err := runMode(ctx, s)
	if err == nil {
		fmt.Fprintf(out, "finished at %s\n", clock())
	}
	if *showTimeline {
		fmt.Fprintln(out)
		s.rec.Render(out)
	}
	if err := out.Err(); err != nil {
		fmt.Fprintf(stderr, "02-tasks: the output was lost: %v (exit code %d)\n", err, exitOutputLost)
		return exitOutputLost
	}
	if err != nil {
		code, how := cli.Interrupted(ctx)
		fmt.Fprintf(stderr, "%s at %s: %s (exit code %d)\n", how, clock(), s.report(), code)
		return code
	}
	return exitOK
}

// clock is Python's time.strftime('%X'): the wall clock as HH:MM:SS.
func clock() string { return time.Now().Format(time.TimeOnly) }

// maxUnit is the longest -unit: the lesson's few lesson seconds of it stay
// far below the largest time.Duration (about 292 years), where longDelay*unit
// would wrap around to a negative wait and print hello first.
const maxUnit = 24 * time.Hour
