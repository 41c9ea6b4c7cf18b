// Package timeline records when pieces of concurrent work ran and draws them
// as an ASCII chart, one row per piece on a shared time axis, so a learner can
// see which ones overlapped.
//
// A Recorder reads time.Now, so inside a testing/synctest bubble it records
// exact virtual durations and its chart is repeatable byte for byte.
package timeline

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Span is one piece of work: its row label, when it started and ended
// (measured from the Recorder's start), and a short note such as a result.
type Span struct {
	Name       string
	Start, End time.Duration
	Note       string
}

// Recorder collects spans from many goroutines. The zero value is not usable;
// call New.
type Recorder struct {
	origin time.Time
	mu     sync.Mutex
	spans  []Span
}

// New returns a Recorder whose time axis starts now.
func New() *Recorder { return &Recorder{origin: time.Now()} }

// Start marks the beginning of a span named name and returns the function
// that ends it with a note. It is safe to call from any goroutine:
//
//	done := rec.Start("hello")
//	... work ...
//	done("ok")
func (r *Recorder) Start(name string) (done func(note string)) {
	start := time.Since(r.origin)
	return func(note string) {
		end := time.Since(r.origin)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.spans = append(r.spans, Span{Name: name, Start: start, End: end, Note: note})
	}
}

// Spans returns the finished spans, ordered as Render draws them.
func (r *Recorder) Spans() []Span {
	r.mu.Lock()
	spans := slices.Clone(r.spans)
	r.mu.Unlock()
	sortSpans(spans)
	return spans
}

// Render draws the recorder's finished spans (see Render).
func (r *Recorder) Render(w io.Writer) error { return Render(w, r.Spans()) }

// Width is the number of columns the longest span's bar may take.
const Width = 40

// sortSpans orders spans by start, then end, then name: a fixed order even when
// the spans were recorded by racing goroutines.
func sortSpans(spans []Span) {
	slices.SortStableFunc(spans, func(a, b Span) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Name, b.Name))
	})
}

// Render draws spans as rows of '#' on a shared axis, for example
//
//	timeline: 1 column = 50ms
//	world  ####################                       0s .. 1s
//	hello  ########################################   0s .. 2s
//	       |         |         |         |         |
//	       0s        500ms     1s        1.5s      2s
//
// Rows are ordered by start, then end, then name. A span shorter than one
// column still gets one '#'.
func Render(w io.Writer, spans []Span) error {
	if len(spans) == 0 {
		_, err := fmt.Fprintln(w, "timeline: nothing finished")
		return err
	}
	spans = slices.Clone(spans)
	sortSpans(spans)
	var total time.Duration
	label, from, to := 0, 0, 0
	for _, s := range spans {
		total = max(total, s.End)
		label = max(label, len(s.Name))
		from = max(from, utf8.RuneCountInString(format(s.Start))) // µs is one column
		to = max(to, utf8.RuneCountInString(format(s.End)))
	}
	step := columnStep(total)
	cols := int((total + step - 1) / step)
	var b strings.Builder
	fmt.Fprintf(&b, "timeline: 1 column = %s\n", format(step))
	for _, s := range spans {
		first := int(s.Start / step)
		last := max(int((s.End+step-1)/step), first+1)
		bar := strings.Repeat(" ", first) + strings.Repeat("#", last-first)
		line := fmt.Sprintf("%-*s  %-*s  %*s .. %-*s", label, s.Name, cols+1, bar, from, format(s.Start), to, format(s.End))
		if s.Note != "" {
			line += "  " + s.Note
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	ticks, labels := axis(cols, step)
	pad := strings.Repeat(" ", label+2)
	b.WriteString(strings.TrimRight(pad+ticks, " ") + "\n")
	b.WriteString(strings.TrimRight(pad+labels, " ") + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// columnStep picks a round duration per column (1, 2 or 5 times a power of
// ten) so that total fits in Width columns.
func columnStep(total time.Duration) time.Duration {
	if total <= 0 {
		return time.Millisecond
	}
	for unit := time.Microsecond; ; unit *= 10 {
		for _, m := range []time.Duration{1, 2, 5} {
			if step := m * unit; total <= step*Width {
				return step
			}
		}
	}
}

// axis returns a tick row and a label row, a tick every ten columns.
func axis(cols int, step time.Duration) (ticks, labels string) {
	var t []byte
	var l []rune // labels may hold µ
	for c := 0; c <= cols; c += 10 {
		for len(t) < c {
			t = append(t, ' ')
		}
		t = append(t, '|')
		text := format(time.Duration(c) * step)
		if len(l) > c { // the previous label is too long: skip this one
			continue
		}
		for len(l) < c {
			l = append(l, ' ')
		}
		l = append(l, []rune(text)...)
	}
	return string(t), string(l)
}

// format prints a duration briefly: 0s, 150ms, 1s, 2.5s, 12.35s, and below
// a millisecond 40µs or 2ns, so a tiny run is not drawn as "0s". Each case
// rounds to a coarser unit; at its bound both roundings print the same.
func format(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return d.String() // 0 prints as "0s"
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < 10*time.Second:
		return d.Round(time.Millisecond).String()
	default:
		return d.Round(10 * time.Millisecond).String()
	}
}
