package main

import (
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/lessons/01-dns-probe/checks"
)

// TestPython runs the Python demos of python/ (no network: slowdns.py
// makes getaddrinfo sleep instead) and keeps their output equal to the
// golden files the README shows. They run on the real clock; their output
// rounds times to a tenth of a second, or counts rounds of 0.2 s, so a
// loaded machine still prints the same.
func TestPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	for _, demo := range []string{"executor", "cancel", "as_completed", "classic", "asyncgen"} {
		t.Run(demo, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(py, demo+".py")
			cmd.Dir = "python"
			out, err := cmd.Output()
			require.NoError(t, err, "python3 %s.py", demo)
			if demo == "executor" && !strings.HasPrefix(string(out), "2 CPUs:") {
				checkExecutor(t, string(out)) // the golden file is from 2 CPUs
				return
			}
			golden.Assert(t, checks.Lesson, "py-"+demo, out)
		})
	}
}

// checkExecutor checks executor.py's output on a machine that has not 2
// CPUs: at most as many lookups at once as the pool has threads, and as
// many rounds as that takes.
func checkExecutor(t *testing.T, out string) {
	var cpus, threads, most, rounds int
	_, err := fmt.Sscanf(out, "%d CPUs: the default executor has %d threads\n35 lookups of 0.2 s, at most %d at once\ntook %d rounds",
		&cpus, &threads, &most, &rounds)
	require.NoError(t, err, out)
	assert.Equal(t, min(32, cpus+4), threads)
	assert.Equal(t, min(threads, 35), most)
	assert.Equal(t, int(math.Ceil(35/float64(threads))), rounds)
}
