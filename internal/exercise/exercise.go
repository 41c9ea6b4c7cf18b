// Package exercise runs a lesson's exercises: small checks that the same test
// code applies to the learner's copy in lessons/<lesson>/exercise and to the
// reference solution in lessons/<lesson>.
//
// Each exercise runs as a subtest named "<n>-<name>" of the calling test
// (TestExercises by convention). Run first logs the list of all exercises
// with their goals and hints, so the report knows them even when a panic
// ends the run early; each subtest then logs its goal, and its hints when it
// fails. `make check` (internal/cmd/progress, internal/exercise/report) reads
// those lines from `go test -json` and shows a learner where they stand.
package exercise

import (
	"fmt"
	"sync"
	"testing"
)

// Exercise is one step of a lesson's exercise folder.
type Exercise struct {
	// Name is a short id, unique within the lesson: "task", "tasks-mode".
	Name string
	// Goal says in one line what a finished exercise does.
	Goal string
	// Hints are one line each, gentlest first: make check shows the first,
	// make hint one more each time. Only the last may give code.
	Hints []string
	// Check fails, in the learner's terms, until the exercise is done.
	Check func(t *testing.T)
}

// Log prefixes that internal/cmd/progress looks for.
const (
	GoalPrefix = "goal: "
	HintPrefix = "hint: "
	// ListPrefix starts each line of the list that Run logs first:
	// "exercise 2-tasks-mode goal: ..." and "exercise 2-tasks-mode hint: ...".
	ListPrefix = "exercise "
)

// Run runs the exercises in order, each as its own subtest.
func Run(t *testing.T, exercises []Exercise) {
	t.Helper()
	if len(exercises) == 0 {
		t.Fatal("exercise: no exercises to run")
	}
	for i, ex := range exercises {
		id := ID(i, ex)
		t.Log(ListPrefix + id + " " + GoalPrefix + ex.Goal)
		for _, h := range ex.Hints {
			t.Log(ListPrefix + id + " " + HintPrefix + h)
		}
	}
	for i, ex := range exercises {
		t.Run(ID(i, ex), func(t *testing.T) {
			t.Log(GoalPrefix + ex.Goal)
			// A cleanup still runs after t.Fatal, so the hints always show.
			t.Cleanup(func() {
				if _, given := hinted.LoadAndDelete(t); t.Failed() && !given {
					for _, h := range ex.Hints {
						t.Log(HintPrefix + h)
					}
				}
			})
			ex.Check(t)
		})
	}
}

// ID is the name of the i-th (from 0) exercise's subtest: "2-tasks-mode".
func ID(i int, ex Exercise) string { return fmt.Sprintf("%d-%s", i+1, ex.Name) }

// hinted holds the *testing.T of each exercise whose check gave its own hint.
var hinted sync.Map

// Hint gives the hint for the mistake the check found, in place of the
// exercise's Hints: a check that can tell which code is wrong says so, and
// the learner is not pointed at code that is right.
func Hint(t *testing.T, hint string) {
	// Not t.Helper: the line must come from exercise.go, where make check
	// (internal/exercise/report) looks for hints.
	hinted.Store(t, true)
	t.Log(HintPrefix + hint)
}
