// Command instructor is the instructor's side of the workbook: it hands a
// lesson out to a class and grades what the class hands back.
//
//	go run ./internal/cmd/instructor handout -lesson 02-tasks [-solution] [-out dir] [-tar]
//	go run ./internal/cmd/instructor grade -lesson 02-tasks [-csv file] [-j 2] subs/alice subs/bob ...
//
// handout writes a self-contained folder (one Go module, GOWORK=off) with the
// lesson's exercise, its checks, the internal packages they import, the
// golden files and a Makefile; without -solution nothing of the reference is
// in it. grade runs the instructor's checks, with -race and the leak check,
// on each student's copy of the exercise folder and writes one row per
// student and exercise. `make handout` and `make grade` call it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  instructor handout -lesson 02-tasks [-solution] [-out dir] [-tar]
  instructor grade -lesson 02-tasks [-csv file] [-j N] student-folder...`

// usageError is an error in the command line (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usageErr returns a usageError.
func usageErr(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// run dispatches to a subcommand and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "handout":
		err = runHandout(args[1:], stdout, stderr)
	case "grade":
		err = runGrade(ctx, args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "instructor: unknown command %q\n%s\n", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(*usageError)):
		fmt.Fprintln(stderr, "instructor:", err)
		return 2
	default:
		fmt.Fprintln(stderr, "instructor:", err)
		return 1
	}
}

func runHandout(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("handout", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var opts HandoutOptions
	flags.StringVar(&opts.Lesson, "lesson", "", "the lesson to hand out, e.g. 02-tasks")
	flags.BoolVar(&opts.Solution, "solution", false, "include the reference solution (for instructors)")
	flags.StringVar(&opts.Out, "out", "", "the folder to write (default: <tmp>/workbook-handouts/<lesson>)")
	flags.BoolVar(&opts.Tar, "tar", false, "also write <out>.tar.gz")
	flags.StringVar(&opts.Root, "root", "", "the workbook's root (default: found from the working directory)")
	if err := parse(flags, args); err != nil {
		return err
	}
	start := time.Now()
	res, err := BuildHandout(opts)
	if err != nil {
		return err
	}
	what := "without the solution"
	if opts.Solution {
		what = "with the solution"
	}
	fmt.Fprintf(stdout, "handout of %s %s: %d files, %d KB, in %v\n", opts.Lesson, what, res.Files, (res.Bytes+1023)/1024, time.Since(start).Round(time.Millisecond))
	fmt.Fprintln(stdout, "  in it: cd <folder> && make check (your progress), make hint, make watch, make test")
	if res.Archive != "" {
		fmt.Fprintln(stdout, res.Archive)
	}
	fmt.Fprintln(stdout, res.Dir)
	return nil
}

func runGrade(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("grade", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var opts GradeOptions
	flags.StringVar(&opts.Lesson, "lesson", "", "the lesson the submissions are for, e.g. 02-tasks")
	flags.StringVar(&opts.CSV, "csv", "", "the CSV file to write (default: <tmp>/workbook-grades/<lesson>.csv)")
	flags.IntVar(&opts.Jobs, "j", runtime.NumCPU(), "students graded at the same time")
	flags.DurationVar(&opts.Timeout, "timeout", time.Minute, "longest run of one exercise check")
	flags.StringVar(&opts.Root, "root", "", "the workbook's root (default: found from the working directory)")
	verbose := flags.Bool("v", false, "print each student's build and run times (to stderr)")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *verbose {
		opts.Verbose = stderr
	}
	opts.Submissions = flags.Args()
	return Grade(ctx, opts, stdout)
}

// parse parses flags and turns a parse error into a usageError (the flag
// package has already printed what was wrong).
func parse(flags *flag.FlagSet, args []string) error {
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageErr("%v", err)
	}
	return nil
}
