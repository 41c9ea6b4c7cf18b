package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"goasync.dev/workbook/internal/timeline"
)

// stage is what every say_after shares: where to print, the length of one
// lesson second, and what the lesson draws and reports around the concept
// (the -timeline chart, which words were printed or cancelled by Ctrl-C).
type stage struct {
	out  io.Writer
	unit time.Duration
	rec  *timeline.Recorder

	mu      sync.Mutex // goroutines print one whole line at a time
	printed []string
	started []string
}

// println prints what as one whole line and remembers it for the report.
func (s *stage) println(what string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintln(s.out, what)
	s.printed = append(s.printed, what)
}

// track records that the say_after of what has started. The function it
// returns, called when that say_after returns, ends its bar on the timeline:
// "printed" if it printed what, else "cancelled".
func (s *stage) track(what string) (done func()) {
	s.mu.Lock()
	s.started = append(s.started, what)
	s.mu.Unlock()
	end := s.rec.Start(what)
	return func() {
		s.mu.Lock()
		printed := slices.Contains(s.printed, what)
		s.mu.Unlock()
		if printed {
			end("printed")
		} else {
			end("cancelled")
		}
	}
}

// report says what Ctrl-C cancelled (every say_after that started and did
// not print) and what had finished before it.
func (s *stage) report() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var cancelled []string
	for _, what := range s.started {
		if !slices.Contains(s.printed, what) {
			cancelled = append(cancelled, what)
		}
	}
	slices.Sort(cancelled) // goroutines start in any order
	msg := "cancelled " + wordList(cancelled)
	if len(s.printed) > 0 {
		msg += "; printed before that: " + wordList(s.printed)
	}
	return msg
}

// wordList joins words with commas, or says "nothing".
func wordList(words []string) string {
	if len(words) == 0 {
		return "nothing"
	}
	return strings.Join(words, ", ")
}
