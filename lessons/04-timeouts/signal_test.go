package main

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
)

// TestCtrlC builds the lesson and sends it a real SIGINT (what Ctrl-C
// sends) while -mode per-request with a long deadline waits for
// httpbin.org: main's signal.NotifyContext must cut it at once and exit 130.
func TestCtrlC(t *testing.T) {
	exit := ctrlc.Run(t, "example.com", "-mode", "per-request", "-timeout", "1m")
	require.Equal(t, 130, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "Ctrl-C must end the run at once")
	assert.Contains(t, exit.After, "https://httpbin.org/get  ! cancelled: interrupted")
	assert.Contains(t, exit.Stderr, "interrupted after ")
}

// TestSIGTERM: SIGTERM is handled as Ctrl-C, with the shell's code for it,
// 143, even in -mode shield, whose fetch no deadline cuts.
func TestSIGTERM(t *testing.T) {
	exit := ctrlc.Signal(t, syscall.SIGTERM, "deadline", "-mode", "shield", "-timeout", "1m")
	require.Equal(t, 143, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "SIGTERM must end the run at once")
	assert.Contains(t, exit.Stderr, "terminated (SIGTERM) after ")
}
