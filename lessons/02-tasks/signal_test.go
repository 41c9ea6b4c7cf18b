package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// TestUnbufferedCtrlCTwice is the README's "More to try" with an unbuffered
// Task: built with tasks.go changed to make(chan T) (a go build -overlay),
// the program still runs a second after Ctrl-C, stuck in Await, and a
// second Ctrl-C ends it at once, killed by SIGINT as the README says.
func TestUnbufferedCtrlCTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the lesson binary")
	}
	dir := t.TempDir()
	src, err := os.ReadFile("tasks.go")
	require.NoError(t, err)
	unbuffered := strings.Replace(string(src), "make(chan T, 1)", "make(chan T)", 1)
	require.NotEqual(t, string(src), unbuffered, "tasks.go makes the Task's channel with make(chan T, 1)")
	tasks := filepath.Join(dir, "tasks.go")
	require.NoError(t, os.WriteFile(tasks, []byte(unbuffered), 0o644))
	abs, err := filepath.Abs("tasks.go")
	require.NoError(t, err)
	overlay, err := json.Marshal(map[string]any{"Replace": map[string]string{abs: tasks}})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644))
	bin := filepath.Join(dir, "lesson")
	out, err := exec.Command("go", "build", "-overlay", filepath.Join(dir, "overlay.json"), "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin, "-unit", "10s")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	kill := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer kill.Stop()
	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "the program printed nothing")
	require.Contains(t, lines.Text(), "started at ")
	go func() {
		for lines.Scan() {
		}
	}()
	ended := make(chan error, 1)
	go func() { ended <- cmd.Wait() }()

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	select {
	case err := <-ended:
		t.Fatalf("the first Ctrl-C ended the unbuffered program (%v): the README says it hangs", err)
	case <-time.After(time.Second):
	}
	start := time.Now()
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err = <-ended
	assert.Less(t, time.Since(start), 5*time.Second, "the second Ctrl-C must end it at once")
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr)
	status, ok := exitErr.Sys().(syscall.WaitStatus)
	require.True(t, ok)
	assert.True(t, status.Signaled() && status.Signal() == syscall.SIGINT, "killed by SIGINT, as by default: %v", err)
}
