package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// listing prints results as people read them: a mark, the name padded to
// the longest name, then the addresses or the reason. Goroutines never call
// it: one loop prints, so lines never interleave.
type listing struct {
	width    int
	counts   [cancelled + 1]int
	timeouts int // failed lookups that got no answer in time
}

func newListing(names []string) *listing {
	l := &listing{}
	for _, n := range names {
		l.width = max(l.width, len(display(n)))
	}
	l.width = min(l.width, maxWidth)
	return l
}

// maxWidth keeps one very long name from pushing every other line's
// addresses off the screen.
const maxWidth = 24

func (l *listing) print(out io.Writer, r result) {
	l.counts[r.status]++
	if r.timedOut {
		l.timeouts++
	}
	if r.status == cancelled {
		return
	}
	detail := r.reason
	if r.status == found {
		detail = strings.Join(r.addrs, " ")
	}
	line := fmt.Sprintf("%s %-*s  %s", r.status.mark(), l.width, display(r.name), detail)
	fmt.Fprintln(out, strings.TrimRight(line, " "))
}

// probed is how many names got an answer or a failure: every name looked
// up, less those Ctrl-C cancelled.
func (l *listing) probed() int {
	return l.counts[found] + l.counts[notFound] + l.counts[failed]
}

// summary is the last line of a run that was not interrupted.
func (l *listing) summary(names int, elapsed time.Duration) string {
	c := l.counts
	s := fmt.Sprintf("probed %s in %s: %d resolved, %d not found, %s",
		plural(names, "name"), elapsed, c[found], c[notFound], plural(c[failed], "error"))
	if c[invalid] > 0 {
		s += fmt.Sprintf("; %d not valid, not queried", c[invalid])
	}
	return s
}

// verdict explains on stderr what the counts mean when they are not a clean
// answer, and returns the exit code. A network that is down must never look
// like "every name is free". offline says the names went to the simulated
// internet, so "try -offline" would be no advice; inFlight is how many
// lookups ran at once at most.
func (l *listing) verdict(stderr io.Writer, probed int, offline bool, inFlight int) int {
	c := l.counts
	code := exitOK
	switch {
	case c[failed] == probed && offline:
		fmt.Fprintf(stderr, "%s: every lookup failed; the simulated internet did not answer\n", plural(c[failed], "error"))
		code = exitFailed
	case c[failed] == probed:
		fmt.Fprintf(stderr, "%s: every lookup failed; is the network up? try -offline\n", plural(c[failed], "error"))
		code = exitFailed
	case c[failed] > 0:
		advice := "try again"
		if l.timeouts > 0 && inFlight > manyInFlight {
			// A longer -timeout does not bring back a dropped query.
			advice = fmt.Sprintf("%d got no answer in time: a DNS server asked %d at once may drop queries; try a lower -limit, such as -limit %d",
				l.timeouts, inFlight, manyInFlight)
		}
		fmt.Fprintf(stderr, "%d of %s failed (marked !): those names may be free or taken; %s\n",
			c[failed], plural(probed, "lookup"), advice)
		code = exitFailed
	}
	if c[invalid] > 0 {
		fmt.Fprintf(stderr, "%s not valid (marked x): use letters, digits and '-', labels joined by '.'\n", plural(c[invalid], "name"))
		code = exitFailed
	}
	return code
}

// manyInFlight is where timeouts start to look like dropped queries rather
// than a server that is down: 1,000 names at once through dnsmasq lost
// answers, 100 at a time lost none (issue 9, measured against BIND).
const manyInFlight = 100

// inFlight is how many of names lookups run at once under limit.
func inFlight(names, limit int) int {
	if limit == 0 {
		return names
	}
	return min(names, limit)
}

// plural writes "1 name", "2 names".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
