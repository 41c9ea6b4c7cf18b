//go:build exercise

// The exercise checks build only with -tags exercise (make check, make diff),
// so a plain `go test ./...` of the lesson stays green while the exercises
// are unfinished.

package main

import (
	"testing"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/04-timeouts/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the same checks as the reference's TestExercises, on
// your copy. Run it with `make check`.
func TestExercises(t *testing.T) {
	exercise.Run(t, append(checks.Exercises(run, lessonWorld), checks.Challenges(fetchWithRetry)...))
}
