package main

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
)

// TestCtrlC builds the lesson, probes go.dev and a server that never answers
// (with a 10 s timeout) on the loopback simulation, and sends a real SIGINT
// (what Ctrl-C sends) once go.dev is printed: main's signal.NotifyContext
// must cancel the waiting lookup at once and exit 130.
func TestCtrlC(t *testing.T) {
	exit := ctrlc.Run(t, "+ go.dev", "-offline", "-timeout", "10s", "go.dev", "silent.test")
	require.Equal(t, 130, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "Ctrl-C must end the run at once, not at the 10 s timeout")
	assert.Empty(t, exit.After, "printed after Ctrl-C")
	assert.Contains(t, exit.Stderr, "interrupted after ")
	assert.Contains(t, exit.Stderr, "1 of 2 names probed, 1 cancelled (exit code 130)")
}

// TestSIGTERM: SIGTERM (kill's default) is handled as Ctrl-C, with the
// shell's code for it, 143.
func TestSIGTERM(t *testing.T) {
	exit := ctrlc.Signal(t, syscall.SIGTERM, "+ go.dev", "-offline", "-timeout", "10s", "go.dev", "silent.test")
	require.Equal(t, 143, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "SIGTERM must end the run at once, not at the 10 s timeout")
	assert.Contains(t, exit.Stderr, "terminated (SIGTERM) after ")
	assert.Contains(t, exit.Stderr, "1 of 2 names probed, 1 cancelled (exit code 143)")
}
