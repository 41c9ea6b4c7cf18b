// Package ctrlc tests a lesson's real Ctrl-C path: it builds the lesson's
// binary, starts it, sends it SIGINT (what Ctrl-C sends) or SIGTERM at a
// chosen moment and reports how the program ended. The virtual-time tests cancel a
// context; this proves that main wires the signal to that context.
package ctrlc

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Exit is how an interrupted program ended.
type Exit struct {
	Code   int
	Before string        // stdout up to the signal
	After  string        // stdout after the signal
	Stderr string        // all of stderr
	Took   time.Duration // from the signal to the end of the program
	Killed bool          // it did not end within KillAfter of the signal
}

// KillAfter is how long Run waits, after the signal, for the program to
// end before it kills it and fails the test.
var KillAfter = time.Minute

// Run builds the package in the current directory (a test's own lesson),
// starts it with args, and sends it SIGINT (Ctrl-C) once a line of its
// stdout contains ready, or, when ready is "", after a second. It fails the
// test if the program can not be built or started, ends before the signal,
// or does not end within KillAfter of it (then it kills it).
func Run(t testing.TB, ready string, args ...string) Exit {
	t.Helper()
	return Signal(t, os.Interrupt, ready, args...)
}

// Signal is Run with another signal, such as syscall.SIGTERM.
func Signal(t testing.TB, sig os.Signal, ready string, args ...string) Exit {
	t.Helper()
	return signalPackage(t, ".", sig, ready, args...)
}

// signalPackage is Signal for the package in dir.
func signalPackage(t testing.TB, dir string, sig os.Signal, ready string, args ...string) Exit {
	t.Helper()
	return SignalBinary(t, build(t, dir), sig, ready, args...)
}

// Build builds the package in the current directory (a test's own lesson)
// for SignalBinary, which can then run it more than once. It skips the
// test with -short.
func Build(t testing.TB) string {
	t.Helper()
	return build(t, ".")
}

func build(t testing.TB, dir string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the lesson binary")
	}
	bin := filepath.Join(t.TempDir(), "lesson")
	out, err := exec.Command("go", "build", "-o", bin, dir).CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// SignalBinary is Signal for a binary made by Build.
func SignalBinary(t testing.TB, bin string, sig os.Signal, ready string, args ...string) Exit {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	var before, after strings.Builder
	if ready == "" {
		time.Sleep(time.Second)
	} else {
		for !strings.Contains(before.String(), ready) {
			if !lines.Scan() {
				cmd.Wait()
				t.Fatalf("the program ended before printing %q; stdout:\n%s\nstderr:\n%s", ready, before.String(), stderr.String())
			}
			before.WriteString(lines.Text() + "\n")
		}
	}

	start := time.Now()
	require.NoError(t, cmd.Process.Signal(sig))
	var killed atomic.Bool
	ended := time.AfterFunc(KillAfter, func() { killed.Store(true); cmd.Process.Kill() })
	defer ended.Stop()
	for lines.Scan() {
		after.WriteString(lines.Text() + "\n")
	}
	err = cmd.Wait()
	exit := Exit{Before: before.String(), After: after.String(), Stderr: stderr.String(), Took: time.Since(start), Killed: killed.Load()}
	var exitErr *exec.ExitError
	switch {
	case exit.Killed:
		t.Errorf("the program did not end within %v of %v; it was killed. stdout after the signal:\n%s", KillAfter, sig, exit.After)
		exit.Code = -1
	case errors.As(err, &exitErr):
		exit.Code = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("waiting for the program: %v", err)
	}
	return exit
}
