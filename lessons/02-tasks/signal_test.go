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

// TestCtrlC builds the lesson, starts it with 10-second lesson seconds, and
// sends it a real SIGINT (what Ctrl-C sends) once it has started: main's
// signal.NotifyContext must cancel both say_afters at once and exit 130.
func TestCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the lesson binary")
	}
	bin := filepath.Join(t.TempDir(), "02-tasks")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin, "-unit", "10s")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "the lesson printed nothing")
	require.True(t, strings.HasPrefix(lines.Text(), "started at "), lines.Text())

	start := time.Now()
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	for lines.Scan() {
		t.Errorf("printed after Ctrl-C: %q", lines.Text())
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "want exit code 130, got %v", err)
	assert.Equal(t, 130, exit.ExitCode())
	assert.Less(t, time.Since(start), 5*time.Second, "Ctrl-C must end the run at once, not after the 10 s sleeps")
	assert.Contains(t, stderr.String(), "interrupted at ")
	assert.Contains(t, stderr.String(), "cancelled hello, world")
}
