package report

import (
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Options are what a report needs besides the lessons.
type Options struct {
	// Src is the workbook's root, read to name the variable of a data race.
	// It may be nil.
	Src fs.FS
	// Hints remembers the hints seen; nil shows the first hint only.
	Hints *Hints
}

// Next is what a learner should work on: the first exercise not done, or a
// lesson that does not build, crashes outside its exercises or leaks.
type Next struct {
	Lesson   *Lesson
	Exercise *Exercise // nil when the problem is the lesson's as a whole
}

// Find returns what to work on next, or a zero Next when all is done. A
// lesson that does not build comes first, since its exercises can not even
// be counted.
func Find(lessons []*Lesson) Next {
	for _, l := range lessons {
		if len(l.Exercises) == 0 {
			return Next{Lesson: l}
		}
	}
	for _, l := range lessons {
		for _, ex := range l.Exercises {
			if ex.State != Passed {
				return Next{Lesson: l, Exercise: ex}
			}
		}
		if !l.Done() {
			return Next{Lesson: l}
		}
	}
	return Next{}
}

// Diagnose says what is wrong with n.
func (n Next) Diagnose(src fs.FS) Diagnosis {
	l, ex := n.Lesson, n.Exercise
	switch {
	case ex == nil && len(l.Build) > 0 && len(l.Exercises) == 0:
		return DiagnoseBuild(l.Build)
	case ex == nil:
		d := Diagnose(l.Output, src)
		if d.Paragraph == "" {
			d.Paragraph = "the checks did not run to the end (the output is below)."
		}
		return d
	}
	d := Diagnose(ex.Output, src)
	switch ex.State {
	case Skipped:
		why := ""
		if d.Paragraph != "" {
			why = " (" + strings.TrimSuffix(d.Paragraph, ".") + ")"
		}
		d.Paragraph = "the check was skipped" + why + ": a skipped check proves nothing, so it does not count as done."
	case NotRun:
		d.Paragraph = "the run stopped before this check started; an earlier check crashed it."
	case Running:
		if d.Paragraph == "" {
			d.Paragraph = "the check did not finish: the run stopped during it (a panic or a timeout; the output is below)."
		}
	default:
		if d.Paragraph == "" {
			d.Paragraph = "the check failed without saying why (its output is below)."
		}
	}
	return d
}

// errWriter keeps the first write error, so a report that can not be
// written is an error and not a silent success.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// marks are the words of the exercise list.
var marks = map[State]string{
	NotRun:  "not run",
	Running: "crashed",
	Passed:  "done",
	Failed:  "not yet",
	Skipped: "skipped",
}

// Write prints the learner's report: the exercise list, what is wrong with
// the next one (a plain paragraph, then the detail), the hints seen so far,
// and "N of M exercises done". It returns the exit code: 0 only when there
// are exercises and every one is done.
func Write(w io.Writer, lessons []*Lesson, opt Options) (int, error) {
	ew := &errWriter{w: w}
	done, total := 0, 0
	var uncounted, leaking []*Lesson
	nameWidth, idWidth := columns(lessons)
	ew.printf("Exercises\n")
	for _, l := range lessons {
		if len(l.Exercises) == 0 {
			ew.printf("  %-*s  %s: see below\n", nameWidth, l.Name, l.why())
			uncounted = append(uncounted, l)
			continue
		}
		for _, ex := range l.Exercises {
			total++
			if ex.State == Passed {
				done++
				opt.Hints.Passed(ex.Key())
			}
			ew.printf("  %-*s  %-*s  %-7s  %s\n", nameWidth, ex.Lesson, idWidth, ex.ID, marks[ex.State], ex.Goal)
		}
		if !l.Done() && l.Failed && allPassed(l) {
			leaking = append(leaking, l)
		}
	}
	for _, l := range lessons {
		if line := notRunLine(l, len(lessons) > 1); line != "" {
			ew.printf("%s\n", line)
		}
	}
	ew.printf("\n")
	next := Find(lessons)
	if next.Lesson != nil {
		writeNext(ew, next, opt)
	}
	ew.printf("%s\n", countLine(done, total, uncounted, leaking))
	if ew.err != nil {
		return 2, fmt.Errorf("writing the report: %w", ew.err)
	}
	if next.Lesson != nil || total == 0 { // else every exercise passed
		return 1, nil
	}
	return 0, nil
}

func allPassed(l *Lesson) bool {
	for _, ex := range l.Exercises {
		if ex.State != Passed {
			return false
		}
	}
	return true
}

// columns returns the widths of the lesson and exercise columns: the
// longest name and id of the report, so the status column lines up.
func columns(lessons []*Lesson) (nameWidth, idWidth int) {
	for _, l := range lessons {
		nameWidth = max(nameWidth, len(l.Name))
		for _, ex := range l.Exercises {
			idWidth = max(idWidth, len(ex.ID))
		}
	}
	return nameWidth, idWidth
}

// notRunLine explains the exercises of l marked "not run", if there are
// any: the checks stopped at the one before the first of them, which
// crashed the test binary.
func notRunLine(l *Lesson, named bool) string {
	i := slices.IndexFunc(l.Exercises, func(ex *Exercise) bool { return ex.State == NotRun })
	if i < 0 {
		return ""
	}
	where := "stopped before them"
	if i > 0 {
		where = fmt.Sprintf("stopped at exercise %d", l.Exercises[i-1].Number())
	}
	if named {
		where = "of " + l.Name + " " + where
	}
	return "not run: the checks " + where + " (a deadlock or a panic ends the test binary); fix it and they run again"
}

// why says why the stream lists none of l's exercises.
func (l *Lesson) why() string {
	switch {
	case l.Name == GoTest:
		return "did not run the checks"
	case len(l.Build) > 0:
		return "does not build"
	}
	return "did not run its checks"
}

// notChecked says why none of l's exercises could be checked, and how many
// there are when an earlier run said so: "02-tasks does not build, so none
// of its 5 exercises could be checked".
func (l *Lesson) notChecked() string {
	if l.Name == GoTest {
		return "go test did not run the checks"
	}
	switch l.Known {
	case 0:
		return l.Name + " " + l.why() + ", so none of its exercises could be checked"
	case 1:
		return l.Name + " " + l.why() + ", so its one exercise could not be checked"
	}
	return fmt.Sprintf("%s %s, so none of its %d exercises could be checked", l.Name, l.why(), l.Known)
}

// Title names what to work on: "02-tasks exercise 2 (tasks-mode), in
// lessons/02-tasks/exercise".
func (n Next) Title() string {
	if n.Lesson.Name == GoTest {
		return "go test did not run the checks"
	}
	if n.Exercise == nil {
		return "lessons/" + n.Lesson.Name + "/exercise"
	}
	id, name, _ := strings.Cut(n.Exercise.ID, "-")
	return fmt.Sprintf("%s exercise %s (%s), in lessons/%s/exercise", n.Lesson.Name, id, name, n.Lesson.Name)
}

// writeNext prints the paragraph, the detail and the hints seen.
func writeNext(ew *errWriter, n Next, opt Options) {
	d := n.Diagnose(opt.Src)
	ew.printf("Next: %s\n", n.Title())
	if n.Exercise == nil && allPassed(n.Lesson) && len(n.Lesson.Exercises) > 0 {
		d.Paragraph = "every exercise passes, but " + d.Paragraph
	}
	for _, line := range Wrap(d.Paragraph, 76) {
		ew.printf("  %s\n", line)
	}
	if len(d.Detail) > 0 {
		ew.printf("\n")
		for _, line := range d.Detail {
			ew.printf("%s\n", strings.TrimRight("    "+line, " "))
		}
	}
	if n.Exercise != nil {
		writeHints(ew, n.Exercise, opt.Hints.Shown(n.Exercise.Key(), n.Exercise.Hints))
	}
}

// writeHints prints the first shown hints of ex, and how to see the next.
func writeHints(ew *errWriter, ex *Exercise, shown int) {
	if len(ex.Hints) == 0 {
		return
	}
	ew.printf("\n")
	for i := range shown {
		ew.printf("  hint %d of %d: %s\n", i+1, len(ex.Hints), ex.Hints[i])
	}
	if shown < len(ex.Hints) {
		ew.printf("  (make hint shows hint %d of %d)\n", shown+1, len(ex.Hints))
	}
}

// countLine is "N of M exercises done", with what it could not count.
// A lesson that does not build has no exercises in the stream: the line
// says so rather than "0 of 0".
func countLine(done, total int, uncounted, leaking []*Lesson) string {
	if total == 0 && len(uncounted) == 0 {
		return "no exercises found: did go test run the exercise folders (go test -tags exercise ./lessons/*/exercise)?"
	}
	var parts []string
	if total > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d exercises done", done, total))
	}
	for _, l := range uncounted {
		parts = append(parts, l.notChecked())
	}
	s := strings.Join(parts, "; ")
	if len(leaking) > 0 {
		var names []string
		for _, l := range leaking {
			names = append(names, l.Name)
		}
		s += ", but " + strings.Join(names, ", ") + " still fails after its checks (see above)"
	}
	return s
}

// WriteHint shows one more hint of the exercise to work on (all hints seen
// so far, the new one last) after its plain paragraph, and saves the count.
func WriteHint(w io.Writer, lessons []*Lesson, opt Options) (int, error) {
	ew := &errWriter{w: w}
	next := Find(lessons)
	total := 0
	for _, l := range lessons {
		total += len(l.Exercises)
		for _, ex := range l.Exercises {
			if ex.State == Passed {
				opt.Hints.Passed(ex.Key())
			}
		}
	}
	code := 0
	switch {
	case total == 0 && next.Lesson == nil:
		ew.printf("no exercises found: did go test run the exercise folders?\n")
		code = 1
	case next.Lesson == nil:
		ew.printf("Every exercise is done: no hint needed.\n")
	case next.Exercise == nil:
		ew.printf("%s: no hint for this; fix it first:\n", next.Title())
		for _, line := range Wrap(next.Diagnose(opt.Src).Paragraph, 76) {
			ew.printf("  %s\n", line)
		}
		code = 1
	default:
		ex := next.Exercise
		ew.printf("%s\n", next.Title())
		for _, line := range Wrap(next.Diagnose(opt.Src).Paragraph, 76) {
			ew.printf("  %s\n", line)
		}
		if len(ex.Hints) == 0 {
			ew.printf("\n  this exercise has no hints\n")
			break
		}
		was := opt.Hints.Shown(ex.Key(), ex.Hints)
		shown := 1
		if opt.Hints != nil {
			shown = opt.Hints.Next(ex.Key(), ex.Hints)
		}
		writeHints(ew, ex, shown)
		if shown == was && shown == len(ex.Hints) && shown > 1 {
			ew.printf("  (that was the last hint)\n")
		}
	}
	if ew.err != nil {
		return 2, fmt.Errorf("writing the hint: %w", ew.err)
	}
	return code, nil
}

// CheckShipped checks the workbook as shipped, for maintainers and CI: it
// returns 0 only when every exercise ran and failed, so no exercise is
// already solved and every check is proven able to fail, and every
// exercise has hints, of which only the last gives code.
func CheckShipped(w io.Writer, lessons []*Lesson) (int, error) {
	ew := &errWriter{w: w}
	code, total := 0, 0
	fail := func(format string, args ...any) {
		ew.printf("FAIL "+format+"\n", args...)
		code = 1
	}
	for _, l := range lessons {
		if len(l.Exercises) == 0 {
			d := DiagnoseBuild(l.Build)
			if len(l.Build) == 0 {
				d = Diagnose(l.Output, nil)
			}
			fail("%s: the shipped exercise does not build or run: %s", l.Name, d.Paragraph)
			continue
		}
		for _, ex := range l.Exercises {
			total++
			switch ex.State {
			case Failed:
				ew.printf("ok   %s %s fails as shipped\n", ex.Lesson, ex.ID)
			case Passed:
				fail("%s %s passes as shipped: its check can not fail, or the TODO is already done", ex.Lesson, ex.ID)
			case Skipped:
				fail("%s %s is skipped as shipped: a skipped check proves nothing", ex.Lesson, ex.ID)
			default:
				fail("%s %s did not finish (panic or timeout)", ex.Lesson, ex.ID)
			}
			if len(ex.Hints) == 0 {
				fail("%s %s has no hint", ex.Lesson, ex.ID)
			}
			for i, h := range ex.Hints[:max(len(ex.Hints)-1, 0)] {
				if givesCode(h) {
					fail("%s %s hint %d of %d gives code (%s): only the last hint may", ex.Lesson, ex.ID, i+1, len(ex.Hints), h)
				}
			}
		}
	}
	if total == 0 {
		fail("no exercises found")
	} else {
		ew.printf("%d exercises checked as shipped\n", total)
	}
	if ew.err != nil {
		return 2, fmt.Errorf("writing the report: %w", ew.err)
	}
	return code, nil
}

// givesCode reports whether a hint quotes Go code: a `...` span with a
// statement in it (a call, a block, an assignment, a channel operation).
func givesCode(hint string) bool {
	parts := strings.Split(hint, "`")
	for i := 1; i < len(parts); i += 2 {
		if strings.ContainsAny(parts[i], "({=") || strings.Contains(parts[i], "<-") {
			return true
		}
	}
	return false
}

// Wrap cuts a paragraph into lines of at most width columns, at spaces.
// A word longer than width (a path) gets a line of its own.
func Wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
