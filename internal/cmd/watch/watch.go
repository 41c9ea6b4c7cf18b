package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"goasync.dev/workbook/internal/exercise/report"
)

// CheckFunc runs the checks of the given lessons and returns their
// `go test -json` stream. It must return soon after ctx is cancelled.
type CheckFunc func(ctx context.Context, lessons []string) ([]byte, error)

// Watcher is the watch loop. Its Check is injected, so the loop can be
// tested with a real file watcher and without go test.
type Watcher struct {
	Root     string   // the workbook's root
	Lessons  []string // the lessons to watch: "02-tasks"
	Check    CheckFunc
	Out      io.Writer
	Clear    string        // written before each report
	Debounce time.Duration // a save is checked this long after the last write
	State    string        // the hint file; empty: first hints only

	results map[string]*report.Lesson // the last report of each lesson
}

// Run checks every lesson, then each lesson again when one of its exercise
// files is saved, until ctx is cancelled (Ctrl-C), which is not an error.
func (w *Watcher) Run(ctx context.Context) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching files: %w", err)
	}
	defer fw.Close()
	for _, l := range w.Lessons {
		dir := filepath.Join(w.Root, "lessons", l, "exercise")
		if err := fw.Add(dir); err != nil {
			return fmt.Errorf("watching %s: %w", dir, err)
		}
	}
	w.results = map[string]*report.Lesson{}
	if err := w.check(ctx, w.Lessons); err != nil {
		return ignoreCancel(err)
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if l := w.lessonOf(ev); l != "" {
				pending[l] = true
				// Editors save in bursts (write, chmod, rename): check once,
				// after the last.
				timer.Reset(w.Debounce)
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			w.printf("watch: %v (still watching)\n", err)
		case <-timer.C:
			lessons := slices.Sorted(maps.Keys(pending))
			clear(pending)
			if err := w.check(ctx, lessons); err != nil {
				return ignoreCancel(err)
			}
		}
	}
}

func ignoreCancel(err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// lessonOf returns the lesson of a saved .go file, or "" for an event of
// another file (an editor's swap file). A save is any event: a write; a
// create or rename (editors that write a temporary file, then rename it
// over the old one); a remove; and a chmod, which is how fsnotify reports
// inotify's IN_ATTRIB, all that a save without changes (touch) makes.
func (w *Watcher) lessonOf(ev fsnotify.Event) string {
	if !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Rename) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Chmod) {
		return ""
	}
	if filepath.Ext(ev.Name) != ".go" {
		return ""
	}
	return filepath.Base(filepath.Dir(filepath.Dir(ev.Name)))
}

// check runs the checks of lessons and shows the report of every lesson.
func (w *Watcher) check(ctx context.Context, lessons []string) error {
	before := report.Find(w.sorted())
	w.printf("%schecking %s ...\n", w.Clear, strings.Join(lessons, ", "))
	out, err := w.Check(ctx, lessons)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		w.printf("watch: running the checks: %v\n", err)
		return nil
	}
	got, err := report.Read(bytes.NewReader(out))
	if err != nil {
		w.printf("watch: %v\n", err)
		return nil
	}
	for _, l := range got {
		// A lesson that does not build lists no exercises: say how many
		// it had on the last run.
		if old := w.results[l.Name]; old != nil && len(l.Exercises) == 0 {
			l.Known = max(len(old.Exercises), old.Known)
		}
	}
	delete(w.results, report.GoTest)
	for _, l := range lessons {
		delete(w.results, l)
	}
	for _, l := range got {
		w.results[l.Name] = l
	}
	return w.show(before)
}

// sorted returns the last reports in lesson order.
func (w *Watcher) sorted() []*report.Lesson {
	var ls []*report.Lesson
	for _, name := range slices.Sorted(maps.Keys(w.results)) {
		ls = append(ls, w.results[name])
	}
	return ls
}

// show clears the screen and prints the report, and "done:" when the
// exercise that was next before the run passes now.
func (w *Watcher) show(before report.Next) error {
	opt := report.Options{Src: os.DirFS(w.Root)}
	if w.State != "" {
		h, err := report.LoadHints(w.State)
		if err != nil {
			return err
		}
		opt.Hints = h
	}
	lessons := w.sorted()
	var buf bytes.Buffer
	buf.WriteString(w.Clear)
	if _, err := report.Write(&buf, lessons, opt); err != nil {
		return err
	}
	after := report.Find(lessons)
	if ex := before.Exercise; ex != nil && (after.Exercise == nil || after.Exercise.Key() != ex.Key()) && passed(lessons, ex.Key()) {
		next := "every exercise is done"
		if len(w.Lessons) == 1 {
			// make watch LESSON=02-tasks knows nothing of the other lessons.
			next = "every exercise of " + w.Lessons[0] + " is done"
		}
		if after.Lesson != nil {
			next = "next: " + after.Title()
		}
		fmt.Fprintf(&buf, "\ndone: %s exercise %d; %s\n", ex.Lesson, ex.Number(), next)
	}
	fmt.Fprintf(&buf, "\nwatching lessons/*/exercise/*.go: save a file to check again, Ctrl-C to stop\n")
	if _, err := w.Out.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return opt.Hints.Save()
}

// passed reports whether the exercise with key passes in lessons.
func passed(lessons []*report.Lesson, key string) bool {
	for _, l := range lessons {
		for _, ex := range l.Exercises {
			if ex.Key() == key {
				return ex.State == report.Passed
			}
		}
	}
	return false
}

func (w *Watcher) printf(format string, args ...any) {
	fmt.Fprintf(w.Out, format, args...)
}
