package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/simnet"
)

// TestCtrlC builds the lesson, fetches python.org (150ms) and a URL that
// never answers from the loopback simulation, and sends a real SIGINT (what
// Ctrl-C sends) after a second: the hanging request must end at once, the
// program print python.org's result and exit 130.
func TestCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the lesson binary")
	}
	bin := filepath.Join(t.TempDir(), "03-fetch")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin, "-offline", simnet.PythonURL, simnet.HangURL)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	time.Sleep(time.Second)
	start := time.Now()
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err = cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "want exit code 130, got %v", err)
	assert.Equal(t, 130, exit.ExitCode())
	assert.Less(t, time.Since(start), 5*time.Second, "Ctrl-C must end the hanging request at once")
	assert.Contains(t, stdout.String(), "200 OK, 51200 bytes")
	assert.Contains(t, stdout.String(), "! cancelled: interrupted")
	assert.Contains(t, stderr.String(), "interrupted after ")
}
