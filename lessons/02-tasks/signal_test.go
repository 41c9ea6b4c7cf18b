package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
)

// TestCtrlC builds the lesson, starts it with 10-second lesson seconds, and
// sends it a real SIGINT (what Ctrl-C sends) once it has started: main's
// signal.NotifyContext must cancel both say_afters at once and exit 130.
func TestCtrlC(t *testing.T) {
	exit := ctrlc.Run(t, "started at ", "-unit", "10s")
	require.Equal(t, 130, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "Ctrl-C must end the run at once, not after the 10 s sleeps")
	assert.Empty(t, exit.After, "printed after Ctrl-C")
	assert.Contains(t, exit.Stderr, "interrupted at ")
	assert.Contains(t, exit.Stderr, "cancelled hello, world")
}
