//go:build exercise

// The exercise checks build only with -tags exercise (make check, make diff),
// so a plain `go test ./...` of the lesson stays green while the exercises
// are unfinished.

package main

import (
	"context"
	"net"
	"testing"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/05-workers/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the same checks as the reference's TestExercises, on
// your copy. Run it with `make check`.
func TestExercises(t *testing.T) {
	exercise.Run(t, append(checks.Exercises(run, lessonWorld), checks.Challenges(untilErrorNames)...))
}

// untilErrorNames calls the challenge's probeUntilError and returns the
// names of the results that finished, and of those whose lookup was
// cancelled, for the check.
func untilErrorNames(ctx context.Context, r *net.Resolver, names []string, workers int) (finished, cut []string, err error) {
	results, err := probeUntilError(ctx, r, names, workers)
	for _, res := range results {
		if res.status == cancelled {
			cut = append(cut, res.name)
		} else {
			finished = append(finished, res.name)
		}
	}
	return finished, cut, err
}
