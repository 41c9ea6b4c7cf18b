// Command progress reads `go test -json` output of the lessons' exercise
// folders and prints a learner's progress: one line per exercise, done or not
// yet, then what is wrong with the first unfinished one and its first hint,
// ending with "N of M exercises done".
//
// It exits 0 when every exercise is done, 1 otherwise. With -shipped it checks
// the workbook as shipped instead, for maintainers and CI: it exits 0 only
// when every exercise fails, so no exercise is already solved by its TODO
// copy and every check is proven able to fail.
//
//	go test -tags exercise -json -run '^TestExercises$' ./lessons/*/exercise | go run ./internal/cmd/progress
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	"goasync.dev/workbook/internal/exercise"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action     string
	ImportPath string // build events
	Package    string
	Test       string
	Output     string
}

// result is what the stream says about one exercise.
type result struct {
	lesson, id, goal string
	state            string // "pass", "fail" or "" (did not finish)
	detail           []string
	hints            []string
}

// lessonState is what the stream says about one lesson's exercise package.
type lessonState struct {
	name      string
	exercises []*result
	failed    bool     // the package failed (build error, panic, timeout)
	output    []string // package-level output, shown when nothing ran
}

func main() {
	shipped := flag.Bool("shipped", false, "check the workbook as shipped: every exercise must fail")
	flag.Parse()
	lessons, err := read(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "progress:", err)
		os.Exit(2)
	}
	if *shipped {
		os.Exit(checkShipped(os.Stdout, lessons))
	}
	os.Exit(report(os.Stdout, lessons))
}

var (
	subtestRE = regexp.MustCompile(`^TestExercises/(\d+)-(.+)$`)
	logRE     = regexp.MustCompile(`^\s+\S+\.go:\d+: (.*)$`)
)

// read parses the event stream into lessons, ordered by name, each with its
// exercises in their numbered order.
func read(r io.Reader) ([]*lessonState, error) {
	byPkg := map[string]*lessonState{}
	byTest := map[string]*result{}
	get := func(pkg string) *lessonState {
		if byPkg[pkg] == nil {
			byPkg[pkg] = &lessonState{name: lessonName(pkg)}
		}
		return byPkg[pkg]
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// Not JSON: go test printed it itself (e.g. "no Go files").
			continue
		}
		pkg := e.Package
		if pkg == "" {
			pkg = e.ImportPath
		}
		if pkg == "" {
			continue
		}
		// Build events name "pkg [pkg.test]" or "pkg.test".
		pkg, _, _ = strings.Cut(pkg, " ")
		pkg = strings.TrimSuffix(pkg, ".test")
		l := get(pkg)
		m := subtestRE.FindStringSubmatch(e.Test)
		switch {
		case m != nil:
			key := pkg + "\x00" + e.Test
			ex := byTest[key]
			if ex == nil {
				ex = &result{lesson: l.name, id: m[1] + "-" + m[2]}
				byTest[key] = ex
				l.exercises = append(l.exercises, ex)
			}
			ex.add(e)
		case e.Test == "" && (e.Action == "fail" || e.Action == "build-fail"):
			l.failed = true
		case e.Test == "" && (e.Action == "output" || e.Action == "build-output"):
			l.output = append(l.output, strings.TrimRight(e.Output, "\n"))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading go test -json output: %w", err)
	}
	var lessons []*lessonState
	for _, l := range byPkg {
		slices.SortFunc(l.exercises, func(a, b *result) int { return compareIDs(a.id, b.id) })
		lessons = append(lessons, l)
	}
	slices.SortFunc(lessons, func(a, b *lessonState) int { return strings.Compare(a.name, b.name) })
	return lessons, nil
}

// add folds one event of an exercise's subtest into r.
func (r *result) add(e event) {
	switch e.Action {
	case "pass", "fail":
		r.state = e.Action
	case "output":
		r.addLine(strings.TrimRight(e.Output, "\n"))
	}
}

// addLine files one line of an exercise's output as its goal, a hint, or a
// line of detail (what the check says is wrong).
func (r *result) addLine(line string) {
	if m := logRE.FindStringSubmatch(line); m != nil {
		line = m[1] // drop the "checks.go:110: " prefix
		if goal, ok := strings.CutPrefix(line, exercise.GoalPrefix); ok {
			r.goal = goal
			return
		}
		if hint, ok := strings.CutPrefix(line, exercise.HintPrefix); ok {
			r.hints = append(r.hints, hint)
			return
		}
	}
	trimmed := strings.TrimSpace(line)
	if trimmed != "" && !strings.HasPrefix(trimmed, "=== ") && !strings.HasPrefix(trimmed, "--- ") {
		r.detail = append(r.detail, line)
	}
}

// lessonName turns ".../lessons/02-tasks/exercise" into "02-tasks".
func lessonName(pkg string) string {
	if path.Base(pkg) == "exercise" {
		return path.Base(path.Dir(pkg))
	}
	return path.Base(pkg)
}

// compareIDs orders "2-x" before "10-y".
func compareIDs(a, b string) int {
	var na, nb int
	fmt.Sscanf(a, "%d", &na)
	fmt.Sscanf(b, "%d", &nb)
	if na != nb {
		return na - nb
	}
	return strings.Compare(a, b)
}

// report prints the learner's view and returns the exit code.
func report(w io.Writer, lessons []*lessonState) int {
	done, total := 0, 0
	var next *result
	var broken *lessonState
	var uncounted []string // lessons whose exercises could not be listed
	fmt.Fprintln(w, "Exercises")
	for _, l := range lessons {
		if len(l.exercises) == 0 {
			fmt.Fprintf(w, "  %-14s does not build or run yet: see below\n", l.name)
			if broken == nil {
				broken = l
			}
			uncounted = append(uncounted, l.name)
			continue
		}
		for _, ex := range l.exercises {
			total++
			mark := "not yet"
			if ex.state == "pass" {
				mark, done = "done", done+1
			} else if next == nil {
				next = ex
			}
			fmt.Fprintf(w, "  %-14s %-22s %-8s %s\n", ex.lesson, ex.id, mark, ex.goal)
		}
	}
	fmt.Fprintln(w)
	switch {
	case broken != nil:
		fmt.Fprintf(w, "lessons/%s/exercise does not build or its tests crashed:\n", broken.name)
		for _, line := range tail(broken.output, 15) {
			fmt.Fprintln(w, "  "+line)
		}
	case next != nil:
		fmt.Fprintf(w, "Next: %s exercise %s (lessons/%s/exercise)\n", next.lesson, next.id, next.lesson)
		if next.state == "" {
			fmt.Fprintln(w, "  it did not finish: an earlier panic or a timeout stopped the tests")
		}
		for _, line := range tail(next.detail, 12) {
			fmt.Fprintln(w, "  "+strings.TrimSpace(line))
		}
		if len(next.hints) > 0 {
			fmt.Fprintln(w, "  hint: "+next.hints[0])
		}
	}
	fmt.Fprintf(w, "%d of %d exercises done", done, total)
	if len(uncounted) > 0 {
		they := "it does"
		if len(uncounted) > 1 {
			they = "they do"
		}
		fmt.Fprintf(w, ", not counting the exercises of %s (%s not build or run yet)", strings.Join(uncounted, ", "), they)
	}
	fmt.Fprintln(w)
	if broken != nil || done < total || total == 0 {
		return 1
	}
	return 0
}

// checkShipped returns 0 only when every exercise ran and failed.
func checkShipped(w io.Writer, lessons []*lessonState) int {
	code, total := 0, 0
	for _, l := range lessons {
		if len(l.exercises) == 0 {
			fmt.Fprintf(w, "FAIL %s: the shipped exercise does not build or run:\n", l.name)
			for _, line := range tail(l.output, 15) {
				fmt.Fprintln(w, "  "+line)
			}
			code = 1
		}
		for _, ex := range l.exercises {
			total++
			switch ex.state {
			case "fail":
				fmt.Fprintf(w, "ok   %s %s fails as shipped\n", ex.lesson, ex.id)
				if len(ex.hints) == 0 {
					fmt.Fprintf(w, "FAIL %s %s has no hint\n", ex.lesson, ex.id)
					code = 1
				}
			case "pass":
				fmt.Fprintf(w, "FAIL %s %s passes as shipped: its check can not fail, or the TODO is already done\n", ex.lesson, ex.id)
				code = 1
			default:
				fmt.Fprintf(w, "FAIL %s %s did not finish (panic or timeout)\n", ex.lesson, ex.id)
				code = 1
			}
		}
	}
	if total == 0 {
		fmt.Fprintln(w, "FAIL no exercises found")
		return 1
	}
	fmt.Fprintf(w, "%d exercises checked as shipped\n", total)
	return code
}

func tail(lines []string, n int) []string {
	if len(lines) > n {
		return lines[len(lines)-n:]
	}
	return lines
}
