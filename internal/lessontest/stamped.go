package lessontest

import (
	"slices"
	"strings"
	"time"
)

// Stamped is a writer that keeps each write with the instant it was made
// (virtual time inside a synctest bubble), for lessons whose result lines
// come in the order of completion. On the test clock several results can
// complete at the very same instant, and which goroutine sends first is the
// scheduler's choice: String sorts each run of tied lines written at one
// instant by Key. Lines of different instants keep their order, so a
// program that printed everything at the end would have all its lines
// sorted, and fail its golden files. One goroutine writes, a line a write.
type Stamped struct {
	Tied   func(line string) bool   // whether a line is a result that may tie
	Key    func(line string) string // what tied lines are sorted by
	writes []stampedWrite
}

type stampedWrite struct {
	at   time.Time
	text string
}

// Write records b with the current instant.
func (s *Stamped) Write(b []byte) (int, error) {
	s.writes = append(s.writes, stampedWrite{time.Now(), string(b)})
	return len(b), nil
}

// String returns what was written, each run of tied lines written at one
// instant sorted by Key.
func (s *Stamped) String() string {
	var out strings.Builder
	for i := 0; i < len(s.writes); {
		j := i + 1
		if s.Tied(s.writes[i].text) {
			for j < len(s.writes) && s.writes[j].at.Equal(s.writes[i].at) && s.Tied(s.writes[j].text) {
				j++
			}
		}
		tied := slices.Clone(s.writes[i:j])
		slices.SortStableFunc(tied, func(a, b stampedWrite) int { return strings.Compare(s.Key(a.text), s.Key(b.text)) })
		for _, w := range tied {
			out.WriteString(w.text)
		}
		i = j
	}
	return out.String()
}
