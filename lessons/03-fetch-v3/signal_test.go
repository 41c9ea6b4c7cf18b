package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
	"goasync.dev/workbook/internal/simnet"
)

// TestCtrlC builds the lesson, fetches python.org (150ms) and a URL that
// never answers from the loopback simulation, and sends a real SIGINT (what
// Ctrl-C sends) after a second: the hanging request must end at once, the
// program print python.org's result and exit 130.
func TestCtrlC(t *testing.T) {
	exit := ctrlc.Run(t, "", "-offline", simnet.PythonURL, simnet.HangURL)
	require.Equal(t, 130, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "Ctrl-C must end the hanging request at once")
	stdout := exit.Before + exit.After
	assert.Contains(t, stdout, "200 OK, 51200 bytes")
	assert.Contains(t, stdout, "! cancelled: interrupted")
	assert.Contains(t, exit.Stderr, "interrupted after ")
}
