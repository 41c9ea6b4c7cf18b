package main

import (
	"fmt"
	"strconv"
	"strings"
)

// The markers of a gap, as comments that gofmt and the compiler ignore:
//
//	//exercise:2 the TODO text, one or more lines (none: a gap without a TODO)
//	answer lines, as the reference runs them
//	//exercise:shipped a line the learner's copy has instead
//	//exercise:end
const (
	markerPrefix  = "//exercise:"
	shippedMarker = "//exercise:shipped"
	endMarker     = "//exercise:end"
)

// Gap is one region of a reference file that the learner's copy leaves to
// the learner.
type Gap struct {
	N       int      // the exercise it belongs to, from 1
	Line    int      // line of its first marker, from 1
	Indent  string   // the first marker's indentation
	Todo    []string // the TODO text, one entry a line; empty: no TODO comment
	Answer  []string // the reference's lines, as they are
	Shipped []string // the learner's lines, indentation included
	start   int      // index of the first marker line
	end     int      // index of the //exercise:end line
}

// Source is a reference file split into its lines and gaps.
type Source struct {
	Name  string // for messages: lessons/02-tasks/tasks.go
	Lines []string
	Gaps  []Gap
}

// MarkerError is a malformed marker: the file, the line and what is wrong.
type MarkerError struct {
	File string
	Line int
	Msg  string
}

func (e *MarkerError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Parse finds the gaps of a reference file.
func Parse(name string, src []byte) (*Source, error) {
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	s := &Source{Name: name, Lines: lines}
	fail := func(i int, format string, args ...any) error {
		return &MarkerError{File: name, Line: i + 1, Msg: fmt.Sprintf(format, args...)}
	}
	var g *Gap
	inHeader := false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if strings.HasPrefix(trimmed, "// exercise:") || strings.HasPrefix(trimmed, "//exercise ") {
			return nil, fail(i, "%q looks like a gap marker: write //exercise: with no space after //", trimmed)
		}
		if !strings.HasPrefix(trimmed, markerPrefix) {
			if g != nil {
				g.Answer = append(g.Answer, line)
				inHeader = false
			}
			continue
		}
		word, rest, _ := strings.Cut(strings.TrimPrefix(trimmed, markerPrefix), " ")
		switch {
		case word == "end":
			if g == nil {
				return nil, fail(i, "//exercise:end without a gap to end (open one with //exercise:N)")
			}
			if rest != "" {
				return nil, fail(i, "//exercise:end takes no text, found %q", rest)
			}
			g.end = i
			s.Gaps = append(s.Gaps, *g)
			g = nil
		case word == "shipped":
			if g == nil {
				return nil, fail(i, "//exercise:shipped outside a gap (open one with //exercise:N)")
			}
			// One space separates the marker from the line; what follows
			// (tabs for a deeper block) is kept.
			g.Shipped = append(g.Shipped, g.Indent+rest)
			inHeader = false
		default:
			n, err := strconv.Atoi(word)
			if err != nil || n < 1 {
				return nil, fail(i, "unknown marker %q: use //exercise:N (N = 1, 2, ...), //exercise:shipped or //exercise:end", markerPrefix+word)
			}
			switch {
			case g == nil:
				g = &Gap{N: n, Line: i + 1, Indent: indent, start: i}
				inHeader = true
			case !inHeader:
				return nil, fail(i, "//exercise:%d inside the gap of exercise %d opened at line %d: end that gap first (//exercise:end)", n, g.N, g.Line)
			case n != g.N:
				return nil, fail(i, "//exercise:%d continues the TODO text of exercise %d (line %d): use one number per gap", n, g.N, g.Line)
			}
			if rest = strings.TrimSpace(rest); rest != "" {
				g.Todo = append(g.Todo, rest)
			} else if len(g.Todo) > 0 {
				return nil, fail(i, "empty TODO line in the text of exercise %d: leave the line out", n)
			}
		}
	}
	if g != nil {
		return nil, fail(g.start, "the gap of exercise %d is never ended: add //exercise:end after its lines", g.N)
	}
	return s, nil
}

// Fill says, for each gap, whether it gets its answer (true) or the
// learner's shipped lines (false).
type Fill func(g Gap) bool

// Shipped fills no gap: the learner's copy.
func Shipped(Gap) bool { return false }

// Answered fills every gap: the reference without its markers.
func Answered(Gap) bool { return true }

// Render writes the file with each gap filled as fill says: the answer
// lines, or the TODO comment and the shipped lines.
func (s *Source) Render(fill Fill) string {
	var b strings.Builder
	next := 0
	for _, g := range s.Gaps {
		for _, l := range s.Lines[next:g.start] {
			b.WriteString(l + "\n")
		}
		for _, l := range g.lines(fill(g)) {
			b.WriteString(l + "\n")
		}
		next = g.end + 1
	}
	for _, l := range s.Lines[next:] {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// lines are what the gap becomes: its answer, or its TODO and shipped lines.
func (g Gap) lines(answer bool) []string {
	if answer {
		return g.Answer
	}
	return append(g.todoLines(), g.Shipped...)
}

// todoLines are the TODO comment the learner reads.
func (g Gap) todoLines() []string {
	var out []string
	for i, t := range g.Todo {
		if i == 0 {
			t = fmt.Sprintf("TODO(exercise %d): %s", g.N, t)
		}
		out = append(out, g.Indent+"// "+t)
	}
	return out
}
