package main

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
)

// TestCtrlC builds the lesson and sends it a real SIGINT once the first
// answer is printed: with one worker and a queue of 10, the producer is
// then blocked on a full queue, and must still stop. The run ends at once,
// with 130, instead of after 20,000 lookups.
func TestCtrlC(t *testing.T) {
	exit := ctrlc.Run(t, "+ probe0001.dev", "-n", "20000", "-workers", "1")
	require.Equal(t, 130, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "Ctrl-C must end the run at once")
	assert.Regexp(t, `^interrupted after [0-9.]+m?s: [0-9]+ of 20000 names probed, [01] lookups? cut short \(exit code 130\)\n$`, exit.Stderr)
}

// TestSIGTERM: SIGTERM is handled as Ctrl-C, with 143.
func TestSIGTERM(t *testing.T) {
	exit := ctrlc.Signal(t, syscall.SIGTERM, "+ probe0001.dev", "-n", "20000", "-workers", "1")
	require.Equal(t, 143, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "SIGTERM must end the run at once")
	assert.Contains(t, exit.Stderr, "terminated (SIGTERM) after ")
	assert.Contains(t, exit.Stderr, "(exit code 143)")
}
