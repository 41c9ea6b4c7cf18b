package main

import (
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"goasync.dev/workbook/internal/timeline"
)

// stage is what the workers share besides the queue: the resolver, and
// what the lesson draws and counts around the idea (the -timeline rows,
// how long the producer waited).
type stage struct {
	resolver *net.Resolver
	rec      *timeline.Recorder

	mu     sync.Mutex
	waited time.Duration // the producer's row
}

// worker starts a worker's row on the timeline; the function it returns
// ends it. Every row is called "worker": which goroutine is which is the
// scheduler's choice, so a number would change from run to run.
func (s *stage) worker() (done func()) {
	end := s.rec.Start("worker")
	return func() { end("") }
}

// producer starts the producer's row on the timeline; the function it
// returns ends it and keeps its length. The producer only puts names in
// the queue, so on the test clock its row is exactly the time it waited
// for room.
func (s *stage) producer() (done func()) {
	start := time.Now()
	end := s.rec.Start("producer")
	return func() {
		waited := time.Since(start)
		s.mu.Lock()
		s.waited = waited
		s.mu.Unlock()
		end("waited " + seconds(waited) + " for room")
	}
}

// producerWaited is how long the producer took to hand out every name.
func (s *stage) producerWaited() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waited
}

// tally counts the results by status, and prints each as it arrives.
type tally struct {
	counts [cancelled + 1]int
	width  int // of the name column
}

func newTally(names []string) *tally {
	t := &tally{}
	for _, n := range names {
		t.width = max(t.width, len(n))
	}
	return t
}

// print prints one result as a line: "+" taken, " " free, "!" failed.
// A cancelled lookup is counted, not printed.
func (t *tally) print(out io.Writer, r result) {
	t.counts[r.status]++
	switch r.status {
	case taken:
		fmt.Fprintf(out, "+ %-*s  %s\n", t.width, r.name, r.addr)
	case free:
		fmt.Fprintf(out, "  %-*s  free\n", t.width, r.name)
	case failed:
		fmt.Fprintf(out, "! %-*s  failed: %v\n", t.width, r.name, r.err)
	}
}

// probed is how many names got an answer (or a failure), Ctrl-C's aside.
func (t *tally) probed() int { return t.counts[taken] + t.counts[free] + t.counts[failed] }

// summary is the last line of a run: how many of each, in how long.
func (t *tally) summary(took time.Duration, o options) string {
	how := fmt.Sprintf("%s (-mode %s)", plural(o.workers, "worker"), o.mode)
	if o.mode == "pool" {
		how = fmt.Sprintf("%s and a queue of %d (-mode pool)", plural(o.workers, "worker"), o.queue)
	}
	return fmt.Sprintf("%s in %s on %s: %d taken, %d free, %d failed",
		plural(t.probed(), "name"), seconds(took), how, t.counts[taken], t.counts[free], t.counts[failed])
}

// seconds spells d for people: 10s, 9.8s, 1.234s, 0s.
func seconds(d time.Duration) string {
	return d.Round(time.Millisecond).String()
}

// plural spells n things: "1 name", "2 names".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
