// Package report reads the `go test -json` stream of the lessons' exercise
// checks and tells a learner where they stand: one line per exercise, then
// what is wrong with the first unfinished one as one plain paragraph (the
// check's message, a build error, a panic, a deadlock, a data race or a
// leaked goroutine, with the learner's file and line), the detail after it,
// and the hints shown so far. `make check`, `make hint` (internal/cmd/progress)
// and `make watch` (internal/cmd/watch) print it.
package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"goasync.dev/workbook/internal/exercise"
)

// State is what the stream says about one exercise.
type State int

// The states of an exercise. Only Passed counts as done.
const (
	NotRun  State = iota // listed, but the run stopped before it started
	Running              // started, never finished: a panic or a timeout ended the run
	Passed
	Failed
	Skipped // a skipped check proves nothing: never done
)

// Exercise is one exercise of a lesson, as the stream reports it.
type Exercise struct {
	Lesson string // "02-tasks"
	ID     string // "2-tasks-mode"
	Goal   string
	// Hints are the hints the check logged when it failed: the exercise's
	// own, or the one hint a check gives for the mistake it found
	// (exercise.Hint). When it logged none (a panic ends the run before
	// the check's cleanup), they are the hints of the list that
	// exercise.Run logs first.
	Hints  []string
	listed []string // the hints of exercise.Run's list
	State  State
	// Output is everything the check printed: its messages, a race report,
	// a panic; and, for the last one to run, what the lesson printed after
	// it (a panic that ended the run is reported to the parent test).
	Output []string
}

// Number is the exercise's number in its lesson: 2 for "2-tasks-mode".
func (e *Exercise) Number() int {
	n, _ := strconv.Atoi(strings.SplitN(e.ID, "-", 2)[0])
	return n
}

// Key names the exercise across the workbook: "02-tasks/2-tasks-mode".
func (e *Exercise) Key() string { return e.Lesson + "/" + e.ID }

// Lesson is what the stream says about one lesson's exercise package.
type Lesson struct {
	Name      string // "02-tasks"
	Exercises []*Exercise
	Failed    bool     // the package failed: a build error, a panic, a leak
	Build     []string // the compiler's (or vet's) output, when it did not build
	// Output is what the test binary printed outside any exercise: a panic
	// that ended the run, goleak's report, the final FAIL line.
	Output []string
	// Known is how many exercises the lesson has, when the stream lists
	// none (it did not build) but an earlier run did: make watch sets it.
	Known int
}

// Done reports whether every exercise of the lesson passed and the package
// as a whole did not fail (a goroutine leaked after the checks fails it).
func (l *Lesson) Done() bool {
	if l.Failed || len(l.Exercises) == 0 {
		return false
	}
	for _, ex := range l.Exercises {
		if ex.State != Passed {
			return false
		}
	}
	return true
}

// event is one line of `go test -json` (see `go doc cmd/test2json`).
type event struct {
	Action     string
	ImportPath string // build events
	Package    string
	Test       string
	Output     string
}

var (
	// subtestRE matches an exercise's subtest: "TestExercises/2-tasks-mode".
	subtestRE = regexp.MustCompile(`^TestExercises/(\d+-.+)$`)
	// logRE matches a line written by t.Log or t.Error: "    checks.go:128: msg".
	logRE = regexp.MustCompile(`^ {4}(\S+\.go):(\d+): ?(.*)$`)
	// listRE matches the list of exercises that exercise.Run logs first.
	listRE = regexp.MustCompile(`^` + exercise.ListPrefix + `(\d+-\S+) (goal|hint): (.*)$`)
)

// reader folds events into lessons. Output arrives in pieces (test2json
// splits lines longer than its 1 KiB buffer), so each test's output is
// joined and cut at newlines before it is filed.
type reader struct {
	lessons map[string]*Lesson
	byKey   map[string]*Exercise
	last    map[*Lesson]*Exercise // the exercise that started last
	partial map[string]string     // an unfinished line, by package and test
}

// GoTest names the lesson Read returns when go test ran no package at all
// and printed why ("directory not found"): its Build holds those lines.
const GoTest = "go test"

// Read parses a `go test -json` stream into lessons, ordered by name, each
// with its exercises in their numbered order. Lines that are not JSON (go
// test prints its own errors as text) are ignored, unless no package ran.
func Read(r io.Reader) ([]*Lesson, error) {
	rd := &reader{
		lessons: map[string]*Lesson{},
		byKey:   map[string]*Exercise{},
		last:    map[*Lesson]*Exercise{},
		partial: map[string]string{},
	}
	var stray []string // go test's own errors are plain text
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				stray = append(stray, line)
			}
			continue
		}
		rd.add(e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading go test -json output: %w", err)
	}
	for key, rest := range rd.partial {
		if rest != "" {
			pkg, test, _ := strings.Cut(key, "\x00")
			rd.line(rd.lesson(pkg), test, rest)
		}
	}
	if len(rd.lessons) == 0 && len(stray) > 0 {
		// Nothing ran: what go test said instead is the report.
		return []*Lesson{{Name: GoTest, Failed: true, Build: stray}}, nil
	}
	var lessons []*Lesson
	for _, l := range rd.lessons {
		for _, ex := range l.Exercises {
			if len(ex.Hints) == 0 {
				ex.Hints = ex.listed
			}
		}
		slices.SortFunc(l.Exercises, func(a, b *Exercise) int { return compareIDs(a.ID, b.ID) })
		lessons = append(lessons, l)
	}
	slices.SortFunc(lessons, func(a, b *Lesson) int { return strings.Compare(a.Name, b.Name) })
	return lessons, nil
}

func (rd *reader) lesson(pkg string) *Lesson {
	l := rd.lessons[pkg]
	if l == nil {
		l = &Lesson{Name: LessonName(pkg)}
		rd.lessons[pkg] = l
	}
	return l
}

func (rd *reader) exercise(l *Lesson, id string) *Exercise {
	key := l.Name + "\x00" + id
	ex := rd.byKey[key]
	if ex == nil {
		ex = &Exercise{Lesson: l.Name, ID: id}
		rd.byKey[key] = ex
		l.Exercises = append(l.Exercises, ex)
	}
	return ex
}

func (rd *reader) add(e event) {
	pkg := e.Package
	if pkg == "" {
		pkg = e.ImportPath
	}
	if pkg == "" {
		return
	}
	// Build events name "pkg [pkg.test]" or "pkg.test".
	pkg, _, _ = strings.Cut(pkg, " ")
	pkg = strings.TrimSuffix(pkg, ".test")
	l := rd.lesson(pkg)
	switch e.Action {
	case "build-output":
		l.Build = append(l.Build, strings.TrimRight(e.Output, "\n"))
	case "build-fail":
		l.Failed = true
	case "output":
		key := pkg + "\x00" + e.Test
		text := rd.partial[key] + e.Output
		lines := strings.Split(text, "\n")
		rd.partial[key] = lines[len(lines)-1]
		for _, line := range lines[:len(lines)-1] {
			rd.line(l, e.Test, line)
		}
	case "run", "pass", "fail", "skip":
		if m := subtestRE.FindStringSubmatch(e.Test); m != nil {
			ex := rd.exercise(l, m[1])
			switch e.Action {
			case "run":
				ex.State = Running
				rd.last[l] = ex
			case "pass":
				ex.State = Passed
			case "fail":
				ex.State = Failed
			case "skip":
				ex.State = Skipped
			}
		} else if e.Test == "" && e.Action == "fail" {
			l.Failed = true
		}
	}
}

// line files one whole line of output.
func (rd *reader) line(l *Lesson, test, line string) {
	if m := subtestRE.FindStringSubmatch(test); m != nil {
		ex := rd.exercise(l, m[1])
		if lm := logRE.FindStringSubmatch(line); lm != nil && lm[1] == "exercise.go" {
			if goal, ok := strings.CutPrefix(lm[3], exercise.GoalPrefix); ok {
				ex.Goal = goal
				return
			}
			if hint, ok := strings.CutPrefix(lm[3], exercise.HintPrefix); ok {
				ex.Hints = append(ex.Hints, hint)
				return
			}
		}
		ex.Output = append(ex.Output, line)
		return
	}
	if lm := logRE.FindStringSubmatch(line); lm != nil {
		if m := listRE.FindStringSubmatch(lm[3]); m != nil {
			ex := rd.exercise(l, m[1])
			if m[2] == "goal" {
				ex.Goal = m[3]
			} else {
				ex.listed = append(ex.listed, m[3])
			}
			return
		}
	}
	// Output of the parent test or the package: after an exercise has
	// started, a panic there is that exercise's.
	if last := rd.last[l]; last != nil && last.State != Passed && isCrashLine(line) {
		last.Output = append(last.Output, line)
		return
	}
	if last := rd.last[l]; last != nil && last.State != Passed && crashed(last.Output) {
		last.Output = append(last.Output, line)
		return
	}
	l.Output = append(l.Output, line)
}

// isCrashLine reports whether line starts a panic or a timeout report.
func isCrashLine(line string) bool {
	return strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ")
}

// crashed reports whether an exercise's output already holds a panic, so
// the lines that follow (the goroutine dump) belong to it too.
func crashed(lines []string) bool {
	return slices.ContainsFunc(lines, isCrashLine)
}

// LessonName turns ".../lessons/02-tasks/exercise" into "02-tasks".
func LessonName(pkg string) string {
	if path.Base(pkg) == "exercise" {
		return path.Base(path.Dir(pkg))
	}
	return path.Base(pkg)
}

// compareIDs orders "2-x" before "10-y".
func compareIDs(a, b string) int {
	na, _ := strconv.Atoi(strings.SplitN(a, "-", 2)[0])
	nb, _ := strconv.Atoi(strings.SplitN(b, "-", 2)[0])
	if na != nb {
		return na - nb
	}
	return strings.Compare(a, b)
}
