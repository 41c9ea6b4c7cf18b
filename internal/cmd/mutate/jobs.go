package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// A Job is one mutant, the tests it faces, and once run, their verdict.
type Job struct {
	Mutant
	Tests []string `json:"tests"`                // the packages whose tests it faces
	More  []string `json:"more_tests,omitempty"` // and if it survives those, these
	// Shipped is the lesson's exercise package, for a mutant of its checks:
	// if it survives the tests, the exercises as shipped face the mutated
	// checks, and one that passes catches it (make shipped).
	Shipped string `json:"shipped,omitempty"`
	// WrongOf names the lessons whose checks the mutated package is part of
	// (not their programs): if the mutant survives the rest, each wrong
	// answer of testdata/<lesson>/wrong/ faces it, and one the mutated check
	// passes, or fails without its message, catches it.
	WrongOf []string `json:"wrong_of,omitempty"`
	Result
	path string // the mutated file, absolute
	src  []byte // its source when the mutants were found
}

// runJobs tests every job, n at a time. The tests of each distinct set
// (first, more and shipped) run once unmutated before the first mutant
// that faces them, not before: a set that no survivor reaches costs
// nothing. They must pass, and their time sets the automatic timeout
// (reported as a job with Status "baseline" and the timeout as its
// Duration). Jobs whose package no test reaches survive without a run.
//
// wrong, if not nil, runs the wrong answers against the survivors of a
// package that checks exercises (Job.WrongOf).
func runJobs(ctx context.Context, r *Runner, jobs []*Job, n int, wrong *wrongStage, report func(done, total int, j *Job)) error {
	var (
		mu   sync.Mutex
		done int
	)
	reportBaseline := func(tests string, timeout time.Duration) {
		if report == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		report(done, len(jobs), &Job{Tests: []string{tests}, Result: Result{Status: "baseline", Duration: timeout}})
	}
	type lazy[T any] struct {
		once sync.Once
		v    T
		err  error
	}
	runners := map[string]*lazy[*Runner]{}      // by test set
	shipped := map[string]*lazy[*shippedBase]{} // by exercise package
	for _, j := range jobs {
		for _, tests := range [][]string{j.Tests, j.More} {
			if key := strings.Join(tests, " "); len(tests) > 0 && runners[key] == nil {
				runners[key] = &lazy[*Runner]{}
			}
		}
		if j.Shipped != "" && shipped[j.Shipped] == nil {
			shipped[j.Shipped] = &lazy[*shippedBase]{}
		}
	}
	test := func(slot int, j *Job, tests []string) (Result, error) {
		key := strings.Join(tests, " ")
		l := runners[key]
		l.once.Do(func() {
			if l.v, l.err = baseline(ctx, r, tests); l.err == nil {
				reportBaseline(key, l.v.Timeout)
			}
		})
		if l.err != nil {
			return Result{}, l.err
		}
		return l.v.Run(ctx, slot, j.path, j.Apply(j.src), tests)
	}
	testShipped := func(slot int, j *Job) (Result, error) {
		l := shipped[j.Shipped]
		l.once.Do(func() {
			if l.v, l.err = shippedBaseline(ctx, r, j.Shipped); l.err == nil {
				reportBaseline(j.Shipped+" (shipped)", l.v.r.Timeout)
			}
		})
		if l.err != nil {
			return Result{}, l.err
		}
		sb := l.v
		passed, res, err := sb.r.RunShipped(ctx, slot, j.path, j.Apply(j.src), j.Shipped)
		if err != nil || res.Status == Timeout {
			return res, err
		}
		res.Status = Survived
		for _, ex := range passed {
			if !slices.Contains(sb.passed, ex) {
				res.Status, res.Why = Caught, "make shipped: exercise "+ex+" passes its check unfinished"
				break
			}
		}
		return res, nil
	}
	var (
		next = make(chan *Job)
		errs = make(chan error, n)
	)
	finish := func(j *Job) {
		mu.Lock()
		defer mu.Unlock()
		done++
		if report != nil {
			report(done, len(jobs), j)
		}
	}
	var wg sync.WaitGroup
	for slot := range n {
		wg.Go(func() {
			for j := range next {
				if len(j.Tests) == 0 {
					j.Result = Result{Status: Survived, Why: "no test links this package"}
					finish(j)
					continue
				}
				var err error
				j.Result, err = test(slot, j, j.Tests)
				if err == nil && j.Status == Survived && len(j.More) > 0 {
					first := j.Duration
					j.Result, err = test(slot, j, j.More)
					j.Duration += first
				}
				if err == nil && j.Status == Survived && j.Shipped != "" {
					first := j.Duration
					j.Result, err = testShipped(slot, j)
					j.Duration += first
				}
				if err == nil && j.Status == Survived && len(j.WrongOf) > 0 && wrong != nil {
					first := j.Duration
					j.Result, err = wrong.Test(ctx, slot, j, j.WrongOf)
					j.Duration += first
				}
				if err != nil {
					errs <- fmt.Errorf("%s: %w", j.Position(), err)
					return
				}
				finish(j)
			}
		})
	}
	var err error
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}

// baseline runs the tests unmutated; they must pass, at the first try or
// the second. It returns the runner
// for mutants facing these tests, its timeout set if r's is automatic.
func baseline(ctx context.Context, r *Runner, tests []string) (*Runner, error) {
	rr := unmutated(r)
	res, err := rr.Run(ctx, 0, "", nil, tests)
	if err == nil && res.Status != Survived {
		// Once more: a real-clock test may fail on a loaded machine, and
		// the run would end here, however long it has been going.
		res, err = rr.Run(ctx, 0, "", nil, tests)
	}
	if err != nil {
		return nil, err
	}
	if res.Status != Survived {
		return nil, fmt.Errorf("the tests fail before any mutation (%s: %s): go test %s; fix them first", res.Status, res.Why, strings.Join(tests, " "))
	}
	return forMutants(r, res.Duration), nil
}

// unmutated is r for an unmutated run: its -timeout, or when that is
// automatic, 10 minutes.
func unmutated(r *Runner) *Runner {
	rr := *r
	if rr.Timeout == 0 {
		rr.Timeout = 10 * time.Minute
	}
	return &rr
}

// forMutants is r for the mutants that face tests whose unmutated run took
// took: its -timeout, or when that is automatic, 20 s and three times took.
func forMutants(r *Runner, took time.Duration) *Runner {
	rr := *r
	if rr.Timeout == 0 {
		rr.Timeout = 20*time.Second + 3*took
	}
	return &rr
}

// shippedBase is the unmutated run of a lesson's exercises as shipped: the
// runner for its mutants, and the exercises that pass already (none, when
// make shipped passes).
type shippedBase struct {
	r      *Runner
	passed []string
}

// shippedBaseline runs the exercise checks of pkg unmutated, as baseline
// does the tests.
func shippedBaseline(ctx context.Context, r *Runner, pkg string) (*shippedBase, error) {
	passed, res, err := unmutated(r).RunShipped(ctx, 0, "", nil, pkg)
	if err != nil {
		return nil, err
	}
	if res.Status == Timeout {
		return nil, fmt.Errorf("the shipped exercises of %s hang before any mutation: go test -tags exercise %s", pkg, pkg)
	}
	return &shippedBase{r: forMutants(r, res.Duration), passed: passed}, nil
}

// Score is the tally of a run.
type Score struct {
	Caught   int           `json:"caught"`   // Caught and Timeout
	Total    int           `json:"total"`    // Caught, Timeout and Survived
	Invalid  int           `json:"invalid"`  // did not compile: not counted
	Timeouts int           `json:"timeouts"` // of Caught
	Elapsed  time.Duration `json:"elapsed_ns"`
}

// Tally counts the verdicts of jobs.
func Tally(jobs []*Job) Score {
	var s Score
	for _, j := range jobs {
		switch j.Status {
		case Caught, Timeout:
			s.Caught++
			s.Total++
			if j.Status == Timeout {
				s.Timeouts++
			}
		case Survived:
			s.Total++
		case Invalid:
			s.Invalid++
		}
	}
	return s
}

// Percent is the share caught, rounded down (94.9% is not 95%); 100 when
// there is nothing to catch.
func (s Score) Percent() int {
	if s.Total == 0 {
		return 100
	}
	return 100 * s.Caught / s.Total
}

// String is the score line: "caught 188 of 200 (94%)", with the mutants that
// did not compile and the time taken when there are any.
func (s Score) String() string {
	line := fmt.Sprintf("caught %d of %d (%d%%)", s.Caught, s.Total, s.Percent())
	if s.Timeouts > 0 {
		line += fmt.Sprintf(", %d by timeout", s.Timeouts)
	}
	if s.Invalid > 0 {
		line += fmt.Sprintf("; %d more did not compile (not counted)", s.Invalid)
	}
	if s.Elapsed > 0 {
		line += fmt.Sprintf(" in %s", s.Elapsed.Round(time.Second))
	}
	return line
}

// writeText prints one line per surviving mutant, one per earlier survivor
// that is gone (-survivors), the packages that were sampled, then the score.
func writeText(w io.Writer, jobs []*Job, s Score, sampled map[string]int) error {
	for _, j := range jobs {
		if j.Status == Survived {
			if _, err := fmt.Fprintf(w, "%s: %s: %s\n", j.Position(), j.Op, j.Desc); err != nil {
				return err
			}
		}
	}
	for _, j := range jobs {
		if j.Status == Gone {
			if _, err := fmt.Fprintf(w, "%s: %s: %s: gone, %s\n", j.Position(), j.Op, j.Desc, j.Why); err != nil {
				return err
			}
		}
	}
	tested := map[string]int{}
	for _, j := range jobs {
		tested[path.Dir(j.File)]++
	}
	for _, pkg := range slices.Sorted(maps.Keys(sampled)) {
		if _, err := fmt.Fprintf(w, "a sample: %d of the %d mutants of %s\n", tested[pkg], sampled[pkg], pkg); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, s)
	return err
}

// writeJSON prints every mutant with its verdict, and the score.
//
// partial says the run tested only some of the mutants of its packages
// (-survivors): -tally then takes its verdicts over an earlier whole run's.
// sampled gives, for each package that -sample cut, how many mutants it
// has: -tally scales its score to them.
func writeJSON(w io.Writer, jobs []*Job, s Score, partial bool, sampled map[string]int) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Partial bool           `json:"partial,omitempty"`
		Sampled map[string]int `json:"sampled,omitempty"`
		Mutants []*Job         `json:"mutants"`
		Score
		Percent int `json:"percent"`
	}{partial, sampled, jobs, s, s.Percent()})
}

// listJobs prints each mutant and the packages whose tests it would face.
func listJobs(w io.Writer, jobs []*Job) error {
	for _, j := range jobs {
		tests := strings.Join(j.Tests, " ")
		if tests == "" {
			tests = "(no test links this package)"
		}
		if j.Shipped != "" {
			tests += "\n\tshipped: " + j.Shipped
		}
		if len(j.WrongOf) > 0 {
			tests += "\n\twrong answers of: " + strings.Join(j.WrongOf, " ")
		}
		if _, err := fmt.Fprintf(w, "%s: %s: %s\n\ttests: %s\n", j.Position(), j.Op, j.Desc, tests); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d mutants\n", len(jobs))
	return err
}

// onlySurvivors keeps the jobs whose mutant survived the run reported in
// the -json file at reportPath, or in the tally of the reports in that
// folder (-tally). A mutant is known by file, operator and
// description, at the nearest line (code above it may have moved it). A
// survivor of a package among jobs' that is no longer among its mutants
// (its code changed or went) is returned in gone, with the status Gone.
func onlySurvivors(reportPath string, jobs []*Job) (kept, gone []*Job, err error) {
	report, err := readVerdicts(reportPath)
	if err != nil {
		return nil, nil, err
	}
	pkgs := map[string]bool{}
	for _, j := range jobs {
		pkgs[path.Dir(j.File)] = true
	}
	taken := map[*Job]bool{}
	for _, s := range report {
		if s.Status != Survived {
			continue
		}
		var best *Job
		for _, j := range jobs {
			if taken[j] || j.File != s.File || j.Op != s.Op || j.Desc != s.Desc {
				continue
			}
			if best == nil || abs(j.Line-s.Line) < abs(best.Line-s.Line) {
				best = j
			}
		}
		switch {
		case best != nil:
			taken[best] = true
		case pkgs[path.Dir(s.File)]:
			gone = append(gone, &Job{Mutant: Mutant{File: s.File, Line: s.Line, Op: s.Op, Desc: s.Desc}, Result: Result{Status: Gone, Why: "no longer a mutant of the code: it changed or went"}})
		}
	}
	for _, j := range jobs {
		if taken[j] {
			kept = append(kept, j)
		}
	}
	return kept, gone, nil
}

// readVerdicts reads the verdicts of a -json report, or the tally of a
// folder of them.
func readVerdicts(reportPath string) ([]Verdict, error) {
	if fi, err := os.Stat(reportPath); err == nil && fi.IsDir() {
		t, err := TallyReports(reportPath)
		return t.Verdicts, err
	}
	b, err := os.ReadFile(reportPath)
	if err != nil {
		return nil, fmt.Errorf("-survivors: %v", err)
	}
	var report struct{ Mutants []Verdict }
	if err := json.Unmarshal(b, &report); err != nil {
		return nil, fmt.Errorf("-survivors %s: not a report of mutate -json: %v", reportPath, err)
	}
	return report.Mutants, nil
}
