package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lines splits a file into its lines, without the final newline.
func lines(b []byte) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
}

// learnerRegions finds, in a learner's file, the lines of each gap of the
// reference file f: what lies between the lines around the gap in the
// shipped copy. The learner may have rewritten, grown or deleted the TODO.
func learnerRegions(f File, shipped []byte, learner []string) []region {
	sh := lines(shipped)
	regions := shippedRegions(f.Src, sh)
	pairs := align(sh, learner)
	for i, r := range regions {
		regions[i].start, regions[i].end = mapRegion(pairs, r.start, r.end, len(learner))
	}
	return regions
}

func cmdReset(args []string, stdout io.Writer) error {
	fs := flags("reset")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: say what to reset: EXERCISE=02-tasks/2 (one exercise) or LESSON=02-tasks (all of its exercises)", errUsage)
	}
	lessonName, num, one := strings.Cut(fs.Arg(0), "/")
	l, err := LoadLesson(".", lessonName)
	if err != nil {
		return fmt.Errorf("%w: %v (lessons: lessons/*)", errUsage, err)
	}
	n := 0
	if one {
		if n, err = strconv.Atoi(num); err != nil || n < 1 || n > l.Exercises() {
			return fmt.Errorf("%w: no exercise %q in %s: it has exercises 1 to %d", errUsage, num, l.Name, l.Exercises())
		}
	}
	return l.Reset(n, stdout)
}

// Reset puts the gaps of exercise n (every exercise if n is 0) back as
// shipped in the learner's exercise/, leaving the rest of their work as it
// is. A file the learner deleted is written afresh.
func (l *Lesson) Reset(n int, stdout io.Writer) error {
	derived, err := l.Derive(Shipped)
	if err != nil {
		return err
	}
	count := 0
	for _, f := range l.Files {
		path := filepath.Join(l.Dir(), f.Name)
		cur, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && n == 0) {
			if err := os.WriteFile(path, derived[f.Name], 0o644); err != nil {
				return err
			}
			count += len(f.Src.Gaps)
			continue
		}
		if err != nil {
			return err
		}
		out, reset, err := resetFile(f, derived[f.Name], cur, n)
		if err != nil || reset == 0 {
			if err != nil {
				return err
			}
			continue
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			return err
		}
		count += reset
	}
	what := "every exercise of " + l.Name
	if n > 0 {
		what = "exercise " + exerciseLabel(l.Name, n)
	}
	gaps := fmt.Sprintf("%d gaps", count)
	if count == 1 {
		gaps = "1 gap"
	}
	fmt.Fprintf(stdout, "reset %s: %s back as shipped in %s\n", what, gaps, l.ExerciseDir())
	return nil
}

// resetFile puts the gaps of exercise n back in the learner's file cur. It
// returns how many gaps it put back.
func resetFile(f File, shipped, cur []byte, n int) ([]byte, int, error) {
	learner := lines(cur)
	sh := lines(shipped)
	shRegions := shippedRegions(f.Src, sh)
	regions := learnerRegions(f, shipped, learner)
	count := 0
	// From the last gap to the first, so earlier line numbers stay right.
	for i := len(regions) - 1; i >= 0; i-- {
		if regions[i].gap.N != n {
			continue
		}
		learner = splice(learner, regions[i].start, regions[i].end, sh[shRegions[i].start:shRegions[i].end])
		count++
	}
	if count == 0 {
		return nil, 0, nil
	}
	src := strings.Join(learner, "\n") + "\n"
	// The gap may need an import the learner dropped, or leave one unused.
	out, err := tidy(f.Name, src, imports(string(shipped), string(cur)))
	if err != nil {
		// The learner's code does not parse: put the gap back all the same.
		return []byte(src), count, nil
	}
	return []byte(out), count, nil
}
