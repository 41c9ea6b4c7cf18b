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

	"goasync.dev/workbook/internal/simnet"
)

// TestCtrlC builds the lesson, fetches python.org and a URL that never
// answers from the loopback simulation, and sends a real SIGINT (what Ctrl-C
// sends) once python.org is printed: the hanging request must end at once,
// and the program exit 130.
func TestCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the lesson binary")
	}
	bin := filepath.Join(t.TempDir(), "03-fetch")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin, "-offline", simnet.PythonURL, simnet.HangURL)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "the lesson printed nothing")
	require.Contains(t, lines.Text(), simnet.PythonURL)

	start := time.Now()
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	var rest strings.Builder
	for lines.Scan() {
		rest.WriteString(lines.Text() + "\n")
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "want exit code 130, got %v", err)
	assert.Equal(t, 130, exit.ExitCode())
	assert.Less(t, time.Since(start), 5*time.Second, "Ctrl-C must end the hanging request at once")
	assert.Contains(t, rest.String(), "! cancelled: interrupted")
	assert.Contains(t, stderr.String(), "interrupted after ")
}
