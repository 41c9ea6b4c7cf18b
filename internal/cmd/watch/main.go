// Command watch is `make watch`: rustlings' loop for the workbook. It runs
// the exercise checks, then runs them again each time a .go file under
// lessons/*/exercise/ is saved, clears the screen and shows the report of
// `make check` (internal/exercise/report): what is wrong with the exercise
// you are on, in one plain paragraph, and your progress; "done:" and the
// next exercise when one passes. Ctrl-C ends it with exit code 0 and no
// go test left running.
//
//	watch [-lesson 02-tasks] [-state .workbook/hints.json] -- go test -tags exercise -json ... (packages are added)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command: flags in, exit code out.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("watch", flag.ContinueOnError)
	fl.SetOutput(stderr)
	lesson := fl.String("lesson", "", "watch one lesson only (02-tasks); empty: every lesson with an exercise folder")
	state := fl.String("state", "", "the file that remembers the hints seen (make uses .workbook/hints.json)")
	root := fl.String("root", ".", "the workbook's root")
	debounce := fl.Duration("debounce", 150*time.Millisecond, "wait this long after a save for the editor's other writes")
	fl.DurationVar(&stopWait, "stop-wait", stopWait, "on Ctrl-C, how long the running check may take to stop before it is killed")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	command := fl.Args()
	if len(command) == 0 {
		fmt.Fprintln(stderr, "watch: say which command runs the checks, after --: watch -- go test -tags exercise -json -run '^TestExercises$'")
		return 2
	}
	lessons, err := findLessons(*root, *lesson)
	if err != nil {
		fmt.Fprintln(stderr, "watch:", err)
		return 2
	}
	w := &Watcher{
		Root:     *root,
		Lessons:  lessons,
		Check:    CommandCheck(*root, command),
		Out:      stdout,
		Clear:    clearFor(stdout),
		Debounce: *debounce,
		State:    *state,
	}
	if err := w.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "watch:", err)
		return 1
	}
	return 0
}

// findLessons lists the lessons that have an exercise folder, or checks
// that the one asked for has.
func findLessons(root, only string) ([]string, error) {
	if only != "" {
		if _, err := os.Stat(filepath.Join(root, "lessons", only, "exercise")); err != nil {
			return nil, fmt.Errorf("no lesson %s with an exercise folder in %s/lessons", only, root)
		}
		return []string{only}, nil
	}
	dirs, err := filepath.Glob(filepath.Join(root, "lessons", "*", "exercise"))
	if err != nil {
		return nil, err
	}
	if len(dirs) == 0 {
		return nil, errors.New("no lessons/*/exercise folder here: run make watch from the workbook's root")
	}
	var lessons []string
	for _, d := range dirs {
		lessons = append(lessons, filepath.Base(filepath.Dir(d)))
	}
	return lessons, nil
}

// clearFor returns the escape sequence that clears a terminal (cursor home,
// clear screen, clear scrollback), or a separator line when out is not one.
func clearFor(out io.Writer) string {
	if f, ok := out.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			return "\x1b[H\x1b[2J\x1b[3J"
		}
	}
	return "\n----\n"
}
