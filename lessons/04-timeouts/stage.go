package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"goasync.dev/workbook/internal/fetch"
)

// stage prints what happens during a run, one line per event, each with
// the time since the run started: the instrumentation, kept out of the
// idea's functions except for one call where something happens.
type stage struct {
	out      io.Writer
	start    time.Time
	urlWidth int

	mu sync.Mutex // goroutines print one whole line at a time
}

// newStage returns a stage printing to out, its clock starting now, with
// a URL column as wide as the widest of urls.
func newStage(out io.Writer, urls ...string) *stage {
	s := &stage{out: out, start: time.Now()}
	for _, u := range urls {
		s.urlWidth = max(s.urlWidth, utf8.RuneCountInString(fetch.Display(u)))
	}
	return s
}

// since is the time since the run started, to the millisecond.
func (s *stage) since() time.Duration { return time.Since(s.start).Round(time.Millisecond) }

// line prints "  150ms  label      url  text".
func (s *stage) line(label, url, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	shown := fetch.Display(url)
	line := fmt.Sprintf("%7s  %-9s  %s%s  %s", s.since(), label, shown, strings.Repeat(" ", max(0, s.urlWidth-utf8.RuneCountInString(shown))), text)
	fmt.Fprintln(s.out, strings.TrimRight(line, " "))
}

// result prints r: "completed" with its status and size, "cut" with the
// cause of the cancellation, or "failed".
func (s *stage) result(r fetch.Result) { s.line(label(r), r.URL, r.String()) }

// label is the word a result is printed with.
func label(r fetch.Result) string {
	var c fetch.Cancelled
	switch {
	case r.Err == nil:
		return "completed"
	case errors.As(r.Err, &c):
		return "cut"
	}
	return "failed"
}
