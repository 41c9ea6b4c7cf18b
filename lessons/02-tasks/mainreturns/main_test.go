package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/02-tasks/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestMainReturns builds and runs this program, the README's Go side of
// python/run_cancels.py: main returns while a goroutine sleeps for an hour,
// the program ends at once, and the goroutine's deferred print never runs.
// (The test is here, in the program's own package, so that make mutate's
// changes to main.go face it.)
func TestMainReturns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), "mainreturns")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	// It ends in a few ms; 10 s of real time allows for a loaded machine,
	// and is far from the hour a program that waits for its goroutine takes.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	out, err = exec.CommandContext(ctx, bin).CombinedOutput()
	require.NoError(t, ctx.Err(), "mainreturns did not end: main must return while the goroutine sleeps; it printed %q", out)
	require.NoError(t, err, "%s", out)
	golden.Assert(t, checks.Lesson, "go-mainreturns", out)
}
