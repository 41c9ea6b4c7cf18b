//go:build exercise

// The exercise checks build only with -tags exercise (make check, make diff),
// so a plain `go test ./...` of the lesson stays green while the exercises
// are unfinished.

package main

import (
	"context"
	"net"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/01-dns-probe/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the same checks as the reference's TestExercises, on
// your copy. Run it with `make check`.
func TestExercises(t *testing.T) {
	exercise.Run(t, append(checks.Exercises(run), checks.Challenges(firstFreeWith)...))
}

// firstFreeWith calls the challenge's firstFree with a prober on r, as run
// makes one: no -limit, a 1 s timeout per lookup.
func firstFreeWith(ctx context.Context, r *net.Resolver, names []string, n int) []string {
	return firstFree(ctx, &prober{resolver: r, timeout: time.Second}, names, n)
}
