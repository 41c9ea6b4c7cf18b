package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

func cmdAnswerKey(args []string, stdout io.Writer) error {
	fs := flags("answer-key")
	dir := fs.String("dir", "", "the learner's copy of exercise/ (default lessons/LESSON/exercise)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: say which lesson: LESSON=02-tasks (and DIR=path/to/their/exercise)", errUsage)
	}
	l, err := LoadLesson(".", fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *dir == "" {
		*dir = l.Dir()
	}
	if st, err := os.Stat(*dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%w: DIR=%s is not a folder: point it at a copy of %s", errUsage, *dir, l.ExerciseDir())
	}
	return l.AnswerKey(*dir, stdout)
}

// AnswerKey prints, exercise by exercise, the learner's code in each gap
// against the answer: "-" lines are the answer's, "+" the learner's, TODO
// comments left out. Everything outside the gaps is not shown.
func (l *Lesson) AnswerKey(dir string, w io.Writer) error {
	derived, err := l.Derive(Shipped)
	if err != nil {
		return err
	}
	type part struct {
		where  string
		answer []string
		theirs []string
	}
	byEx := map[int][]part{}
	for _, f := range l.Files {
		if len(f.Src.Gaps) == 0 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, f.Name))
		if errors.Is(err, fs.ErrNotExist) {
			for _, g := range f.Src.Gaps {
				byEx[g.N] = append(byEx[g.N], part{where: f.Name + " (missing)", answer: g.Answer})
			}
			continue
		}
		if err != nil {
			return err
		}
		learner := lines(b)
		for _, r := range learnerRegions(f, derived[f.Name], learner) {
			theirs := withoutTodo(learner[r.start:r.end], r.gap)
			byEx[r.gap.N] = append(byEx[r.gap.N], part{
				where:  fmt.Sprintf("%s:%d", f.Name, r.start+1),
				answer: r.gap.Answer, theirs: theirs,
			})
		}
	}
	fmt.Fprintf(w, "answer key of %s: %s against the answers (- answer, + theirs)\n", l.Name, dir)
	same := 0
	for n := 1; n <= l.Exercises(); n++ {
		var out []string
		equal := true
		for _, p := range byEx[n] {
			d := diffLines(trimAll(p.answer), trimAll(p.theirs))
			if slices.ContainsFunc(d, func(s string) bool { return !strings.HasPrefix(s, "  ") }) {
				equal = false
			}
			out = append(out, "  "+p.where)
			for _, line := range d {
				out = append(out, "    "+line)
			}
		}
		if equal {
			same++
			fmt.Fprintf(w, "\nexercise %s: same as the answer\n", exerciseLabel(l.Name, n))
			continue
		}
		fmt.Fprintf(w, "\nexercise %s:\n%s\n", exerciseLabel(l.Name, n), strings.Join(out, "\n"))
	}
	fmt.Fprintf(w, "\n%d of %d exercises of %s are the same as the answer (indentation and comments aside)\n", same, l.Exercises(), l.Name)
	return nil
}

// withoutTodo drops the gap's TODO comment lines, and blank lines, from the
// learner's lines.
// lineComment is a // comment, but not the // of "https://".
var lineComment = regexp.MustCompile(`(^|\s)//.*`)

func withoutTodo(theirs []string, g Gap) []string {
	todo := map[string]bool{}
	for _, t := range g.todoLines() {
		todo[strings.TrimSpace(t)] = true
	}
	var out []string
	for _, l := range theirs {
		if t := strings.TrimSpace(l); t != "" && !todo[t] {
			out = append(out, l)
		}
	}
	return out
}

// trimAll drops indentation, comments and blank lines, so only code is
// compared.
func trimAll(in []string) []string {
	var out []string
	for _, l := range in {
		t := strings.TrimSpace(lineComment.ReplaceAllString(l, ""))
		if t == "" {
			continue
		}
		out = append(out, t)
	}
	return out
}
