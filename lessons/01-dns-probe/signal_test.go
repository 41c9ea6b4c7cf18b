package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCtrlC builds the lesson, probes go.dev and a server that never answers
// (with a 10 s timeout) on the loopback simulation, and sends a real SIGINT
// (what Ctrl-C sends) once go.dev is printed: main's signal.NotifyContext
// must cancel the waiting lookup at once and exit 130.
func TestCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the lesson binary")
	}
	bin := filepath.Join(t.TempDir(), "01-dns-probe")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin, "-offline", "-timeout", "10s", "go.dev", "silent.test")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "the lesson printed nothing")
	require.True(t, strings.HasPrefix(lines.Text(), "+ go.dev"), lines.Text())

	start := time.Now()
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	for lines.Scan() {
		t.Errorf("printed after Ctrl-C: %q", lines.Text())
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "want exit code 130, got %v", err)
	assert.Equal(t, 130, exit.ExitCode())
	assert.Less(t, time.Since(start), 5*time.Second, "Ctrl-C must end the run at once, not at the 10 s timeout")
	assert.Contains(t, stderr.String(), "interrupted after ")
	assert.Contains(t, stderr.String(), "1 of 2 names probed, 1 cancelled (exit code 130)")
}
