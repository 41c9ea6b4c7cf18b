// Command mutate puts small concurrency bugs into the workbook's code, one at
// a time, and reports each one that the tests do not catch.
//
// A mutant is one change to one non-test file of a lesson or internal/
// package (exercise/ copies, solutions/ and generated files are left alone):
//
//	drop-go     go f()                  ->  f()         (the call runs inline)
//	drop-wait   wg.Wait()               ->  _ = wg.Wait (any .Wait() statement)
//	drop-close  defer resp.Body.Close() ->  _ = resp.Body.Close
//	            (also x.Close() statements, defer cancel(), defer stop())
//	drop-done   case <-ctx.Done(): ...  ->  removed from its select
//	unbuffer    make(chan T, n)         ->  make(chan T)
//	buffer      make(chan T)            ->  make(chan T, 1)
//	swap-await  two adjacent statements, one of them blocking (a channel
//	            receive, .Wait(), .Await()), swapped
//	invert      a comparison in an if condition: == <-> !=, < <-> >=, > <-> <=
//	off-by-one  n -> n+1 and n-1: the right side of an ordered comparison (or
//	            of == and != against an integer or len()), a slice bound
//
// Each mutant faces the tests of every package of its module that links the
// mutated package and, if it survives them, those of the other modules that
// link it (a lesson's tests for an internal/ package), run with
// `go test -count=1 -failfast` and an overlay (`go test -overlay`) that
// swaps the mutated file in: the tree is never written. A mutant is caught
// when a test (or vet) fails or the tests time out; one that does not compile
// is invalid and not counted. First the tests run once unmutated: they must
// pass. A mutant of a lesson's checks/ that survives the tests then faces
// the lesson's exercise/ as shipped (`go test -tags exercise`, as `make
// shipped`): it is caught if an unfinished exercise passes its check. A
// mutant of code that only checks a lesson's exercises (its checks/,
// internal/fetch/fetchtest, the harness) that survives all that faces the
// lesson's wrong answers (testdata/<lesson>/wrong/, as exgen's
// TestWrongSolutionsAreCaught): caught if one of them passes its check, or
// fails it without the message it must get.
//
// mutate prints one line per surviving mutant, in a fixed order, then the
// score: "caught 188 of 200 (94%)". -json prints every mutant with its
// status instead; -survivors REPORT.json tests again only the mutants that
// survived that run (after adding tests, say).
//
//	go run ./internal/cmd/mutate [flags] [packages]   # default: work
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	jobs      int
	race      bool
	timeout   time.Duration
	importers Importers
	ops       map[string]bool
	list      bool
	json      bool
	nice      int
	verbose   bool
	min       int
	survivors string
	tally     string
	sample    int
	seed      uint64
	noShipped bool
	patterns  []string
}

// parseFlags reads the command line; a bad flag is an error naming it.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("mutate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.jobs, "j", 1, "mutants tested at the same time")
	fs.BoolVar(&c.race, "race", false, "run the tests with the race detector (slower)")
	fs.DurationVar(&c.timeout, "timeout", 0, "per mutant: tests running longer count as caught (\"timeout\"); 0: 20s + 3x the unmutated run")
	imp := fs.String("importers", string(ImportersAuto), "the tests a mutant faces besides its module's: own, only its package's tests (a lower bound, for packages whose module's tests are slow); none, its module's; auto, then other modules' for the mutants its module's tests miss; all, every one at once")
	ops := fs.String("ops", "", "comma-separated operators to apply (default all): "+strings.Join(Operators, ","))
	fs.BoolVar(&c.list, "list", false, "list the mutants and the tests each faces, run nothing")
	fs.BoolVar(&c.json, "json", false, "print every mutant and its status as JSON")
	fs.IntVar(&c.nice, "nice", 15, "run go test under nice -n N (0: not)")
	fs.BoolVar(&c.verbose, "v", false, "report each mutant on stderr as it finishes")
	fs.IntVar(&c.min, "min", 0, "exit 1 when fewer than this percent of the mutants are caught")
	fs.StringVar(&c.survivors, "survivors", "", "a -json report of an earlier run, or a folder of them (their tally): test only the mutants that survived")
	fs.StringVar(&c.tally, "tally", "", "a folder of -json reports: print the score of each package, a later report's verdict replacing an earlier one's (with -json: every verdict), and run nothing")
	fs.IntVar(&c.sample, "sample", 0, "test at most N mutants of each package, chosen at random by -seed (0: all): an estimate, for packages whose tests take minutes")
	fs.Uint64Var(&c.seed, "seed", 1, "the seed of -sample: the same seed picks the same mutants")
	shipped := fs.Bool("shipped", true, "a mutant of a lesson's checks that survives the tests also faces the exercises as shipped (make shipped), caught if one passes; and a mutant of any code that only checks exercises, the wrong answers of testdata/<lesson>/wrong/, caught if one is no longer caught")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	c.noShipped = !*shipped
	c.patterns = fs.Args()
	if len(c.patterns) == 0 {
		c.patterns = []string{"work"}
	}
	switch {
	case c.jobs < 1:
		return nil, fmt.Errorf("-j %d: give at least 1", c.jobs)
	case c.timeout < 0:
		return nil, fmt.Errorf("-timeout %v: give a positive duration, or 0 for automatic", c.timeout)
	case c.sample < 0:
		return nil, fmt.Errorf("-sample %d: give a number of mutants per package, or 0 for all", c.sample)
	case c.min < 0 || c.min > 100:
		return nil, fmt.Errorf("-min %d: give a percentage from 0 to 100", c.min)
	}
	c.importers = Importers(*imp)
	if !slices.Contains([]Importers{ImportersOwn, ImportersNone, ImportersAuto, ImportersAll}, c.importers) {
		return nil, fmt.Errorf("-importers %q: use own, none, auto or all", *imp)
	}
	if *ops != "" {
		c.ops = map[string]bool{}
		for _, op := range strings.Split(*ops, ",") {
			op = strings.TrimSpace(op)
			if !slices.Contains(Operators, op) {
				return nil, fmt.Errorf("-ops: no operator %q; the operators are %s", op, strings.Join(Operators, ", "))
			}
			c.ops[op] = true
		}
	}
	return c, nil
}

// run is main without the exit: 0 done, 1 score below -min, 2 error, 130
// interrupted.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "mutate:", err)
		return 2
	}
	code, err := mutate(ctx, c, stdout, stderr)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "mutate: interrupted")
		return 130
	}
	if err != nil {
		fmt.Fprintln(stderr, "mutate:", err)
		return 2
	}
	return code
}

// mutate finds the mutants, tests them and reports.
func mutate(ctx context.Context, c *config, stdout, stderr io.Writer) (int, error) {
	if c.tally != "" {
		t, err := TallyReports(c.tally)
		if err != nil {
			return 0, err
		}
		if c.json {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			return 0, enc.Encode(t)
		}
		return 0, writeTally(stdout, t)
	}
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	w, err := LoadWorkspace(ctx, wd)
	if err != nil {
		return 0, err
	}
	pkgs, err := w.Select(ctx, wd, c.patterns)
	if err != nil {
		return 0, err
	}
	if len(pkgs) == 0 {
		return 0, fmt.Errorf("no package to mutate in %s (exercise/ and solutions/ are skipped)", strings.Join(c.patterns, " "))
	}
	var (
		answers  map[string][]*WrongAnswer
		checkers map[string][]string
	)
	if !c.noShipped {
		if answers, err = LoadWrongAnswers(w.Root); err != nil {
			return 0, err
		}
		if checkers, err = w.CheckersOf(ctx, slices.Sorted(maps.Keys(answers))); err != nil {
			return 0, err
		}
	}
	var jobs []*Job
	for _, p := range pkgs {
		tests, more := w.TestsFor(p, c.importers)
		js, err := w.Jobs(p, c.ops, tests, more)
		if err != nil {
			return 0, err
		}
		for _, j := range js {
			if !c.noShipped {
				j.Shipped = w.ShippedFor(p)
			}
			j.WrongOf = checkers[p.ImportPath]
		}
		jobs = append(jobs, js...)
	}
	var sampled map[string]int
	if c.sample > 0 {
		jobs, sampled = Sample(jobs, c.sample, c.seed)
	}
	var gone []*Job
	if c.survivors != "" {
		if jobs, gone, err = onlySurvivors(c.survivors, jobs); err != nil {
			return 0, err
		}
	}
	if c.list {
		return 0, listJobs(stdout, jobs)
	}
	tmp, err := os.MkdirTemp("", "mutate-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	r := &Runner{Root: w.Root, Race: c.race, Timeout: c.timeout, Nice: c.nice, TempDir: tmp}
	start := time.Now()
	wrong := &wrongStage{r: r, answers: answers, tree: exgenTree}
	if c.verbose {
		wrong.onBase = func(a *WrongAnswer, timeout time.Duration) {
			if a.Right {
				fmt.Fprintf(stderr, "%s pass their checks unmutated, timeout %s\n", a.Name(), timeout.Round(time.Second))
				return
			}
			fmt.Fprintf(stderr, "the wrong answer %s fails exercise %s's check unmutated, timeout %s\n", a.Name(), a.Exercise, timeout.Round(time.Second))
		}
	}
	if err := runJobs(ctx, r, jobs, c.jobs, wrong, progress(c.verbose, stderr)); err != nil {
		return 0, err
	}
	jobs = append(jobs, gone...)
	s := Tally(jobs)
	s.Elapsed = time.Since(start)
	if c.json {
		err = writeJSON(stdout, jobs, s, c.survivors != "", sampled)
	} else {
		err = writeText(stdout, jobs, s, sampled)
	}
	if err != nil {
		return 0, fmt.Errorf("writing the report: %v", err)
	}
	if s.Percent() < c.min {
		return 1, nil
	}
	return 0, nil
}

// progress returns the function that reports a finished mutant on stderr
// with -v, or nil.
func progress(verbose bool, stderr io.Writer) func(done, total int, j *Job) {
	if !verbose {
		return nil
	}
	return func(done, total int, j *Job) {
		if j.Status == "baseline" {
			fmt.Fprintf(stderr, "tests pass unmutated, timeout %s: %s\n", j.Duration.Round(time.Second), strings.Join(j.Tests, " "))
			return
		}
		fmt.Fprintf(stderr, "[%d/%d] %-8s %s: %s: %s (%.1fs)\n", done, total, j.Status, j.Position(), j.Op, j.Desc, j.Duration.Seconds())
	}
}
