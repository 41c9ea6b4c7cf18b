package main

import (
	"fmt"
	"math"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/lessons/01-dns-probe/checks"
)

// TestPython runs the Python demos of python/ (no network: slowdns.py makes
// getaddrinfo sleep instead). Demos that print no clock readings must print
// exactly their golden file, which the README shows. The two that measure
// the real clock (executor.py, cancel.py) are checked with tolerances that
// hold on a loaded machine, and their golden files, taken on a quiet one,
// must pass the same checks: so every number the README shows is one a run
// of the script can print.
func TestPython(t *testing.T) {
	py := golden.Python(t)
	measured := map[string]func(t *testing.T, out string){"executor": checkExecutor, "cancel": checkCancel}
	for _, demo := range []string{"executor", "cancel", "as_completed", "classic", "asyncgen"} {
		t.Run(demo, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(py, demo+".py")
			cmd.Dir = "python"
			out, err := cmd.Output()
			require.NoError(t, err, "python3 %s.py", demo)
			check, ok := measured[demo]
			if !ok {
				golden.Assert(t, checks.Lesson, "py-"+demo, out)
				return
			}
			check(t, string(out))
			// The golden file is what the README shows. make golden leaves it
			// alone while it still passes the check, so that a rerun changes
			// nothing; it writes this run's output only in place of one that
			// fails.
			if golden.Updating() && !t.Failed() && !passes(check, golden.Read(t, checks.Lesson, "py-"+demo+golden.Suffix)) {
				golden.Assert(t, checks.Lesson, "py-"+demo, out)
			}
			check(t, string(golden.Read(t, checks.Lesson, "py-"+demo+golden.Suffix)))
		})
	}
}

// checkExecutor checks executor.py's output: at most as many lookups at once
// as the default executor has threads, min(32, CPUs+4), and at least as many
// rounds of 0.2 s as that takes. The lower bound is the claim (no load makes
// the pool bigger); the upper bound is loose, because a loaded machine
// (a CI box running other tests) wakes the threads late, but still catches
// a pool of half the size.
func checkExecutor(t *testing.T, out string) {
	t.Helper()
	var cpus, threads, most, rounds int
	var latency, took float64
	_, err := fmt.Sscanf(out, "%d CPUs: the default executor has %d threads\n35 lookups of %g s, at most %d at once\ntook %d rounds of 0.2 s (%g s), not one\n",
		&cpus, &threads, &latency, &most, &rounds, &took)
	require.NoError(t, err, out)
	assert.Equal(t, min(32, cpus+4), threads, out)
	assert.Equal(t, min(threads, 35), most, out)
	want := int(math.Ceil(35 / float64(threads)))
	assert.True(t, rounds >= want && rounds < 2*want, "took %d rounds, want %d (up to %d on a loaded machine)\n%s", rounds, want, 2*want-1, out)
}

// checkCancel checks cancel.py's output: the cancel comes at 0.2 s while the
// lookup's thread still runs, and asyncio.run returns only when that thread
// has slept its 1 s.
func checkCancel(t *testing.T, out string) {
	t.Helper()
	var cancelled, returned float64
	var running int
	_, err := fmt.Sscanf(out, "%g s lookup cancelled; getaddrinfo calls still running: %d\n%g s asyncio.run returned: it waited for the thread\n",
		&cancelled, &running, &returned)
	require.NoError(t, err, out)
	assert.Equal(t, 1, running, "the cancelled lookup's thread must still run\n%s", out)
	assert.InDelta(t, 0.25, cancelled, 0.051, "the cancel comes after asyncio.sleep(0.2)\n%s", out)
	assert.True(t, returned >= 1.0 && returned < 1.6, "asyncio.run must return once the 1 s lookup is over, at 1.0 s (up to 1.5 s on a loaded machine)\n%s", out)
}

// passes reports whether out passes check, without failing the test.
func passes(check func(t *testing.T, out string), out []byte) bool {
	inner := &testing.T{}
	done := make(chan struct{})
	go func() { defer close(done); check(inner, string(out)) }() // t.FailNow ends the goroutine
	<-done
	return !inner.Failed()
}
