// Command exgen derives each lesson's exercise/ from its reference: the
// lesson's files (and solutions/<lesson>/), in which each gap a learner
// fills is marked //exercise:N ... //exercise:end around the answer.
//
//	exgen [-force] [lesson...]           write exercise/ (make exercises)
//	exgen check                          fail if an exercise/ is stale
//	exgen tree -o DIR [-answers] [-flip 02-tasks/2] [lesson...]
//	                                     the workbook in DIR, exercises derived afresh
//	                                     (as shipped, or with the answers) (make shipped, solvable)
//	exgen reset 02-tasks/2 | 02-tasks    put gaps back as shipped (make reset)
//	exgen answer-key [-dir DIR] LESSON   the learner's code in each gap beside the answer
//
// Run it from the workbook's root.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// errUsage is a command line that exgen can not use; its message is printed.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	cmd := "write"
	if len(args) > 0 && (args[0] == "check" || args[0] == "tree" || args[0] == "reset" || args[0] == "answer-key" || args[0] == "write") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "write":
		err = cmdWrite(args, stdout)
	case "check":
		err = cmdCheck(args, stdout)
	case "tree":
		err = cmdTree(args, stdout)
	case "reset":
		err = cmdReset(args, stdout)
	case "answer-key":
		err = cmdAnswerKey(args, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "exgen %s: %v\n", cmd, err)
		if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
			return 2
		}
		return 1
	}
	return 0
}

// flags makes a flag set that reports errors as values.
func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// lessonsOr are the lessons named, or every lesson with an exercise/.
func lessonsOr(root string, names []string) ([]*Lesson, error) {
	if len(names) == 0 {
		var err error
		if names, err = Lessons(root); err != nil {
			return nil, err
		}
	}
	var out []*Lesson
	for _, n := range names {
		l, err := LoadLesson(root, n)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

func cmdWrite(args []string, stdout io.Writer) error {
	fs := flags("write")
	force := fs.Bool("force", false, "overwrite files changed since make exercises wrote them")
	if err := parse(fs, args); err != nil {
		return err
	}
	lessons, err := lessonsOr(".", fs.Args())
	if err != nil {
		return err
	}
	n := 0
	for _, l := range lessons {
		changed, err := l.Write(*force)
		if err != nil {
			return err
		}
		for _, c := range changed {
			fmt.Fprintf(stdout, "wrote %s\n", c)
		}
		n += len(changed)
	}
	if n == 0 {
		fmt.Fprintln(stdout, "exercises: every exercise/ is up to date with its reference")
	}
	return nil
}

func cmdCheck(args []string, stdout io.Writer) error {
	fs := flags("check")
	if err := parse(fs, args); err != nil {
		return err
	}
	lessons, err := lessonsOr(".", fs.Args())
	if err != nil {
		return err
	}
	var stale []string
	for _, l := range lessons {
		s, err := l.Stale()
		if err != nil {
			return err
		}
		stale = append(stale, s...)
	}
	for _, s := range stale {
		fmt.Fprintln(stdout, s)
	}
	if len(stale) > 0 {
		return fmt.Errorf("%d files of exercise/ are stale", len(stale))
	}
	fmt.Fprintln(stdout, "exercises: every exercise/ is up to date with its reference")
	return nil
}
