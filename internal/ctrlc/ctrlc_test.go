package ctrlc

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestSignals: a program that handles both signals prints its summary
// after each, and exits 130 after SIGINT, 143 after SIGTERM.
func TestSignals(t *testing.T) {
	for sig, code := range map[os.Signal]int{os.Interrupt: 130, syscall.SIGTERM: 143} {
		exit := signalPackage(t, "./testdata/graceful", sig, "ready")
		assert.Equal(t, code, exit.Code, "%v", sig)
		assert.Equal(t, "ready\n", exit.Before)
		assert.Contains(t, exit.After, "summary:", "%v", sig)
		assert.False(t, exit.Killed)
	}
}

// recorder is a testing.TB that keeps what Errorf reports, so the test can
// check that Run fails its test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// Fatalf keeps the report and ends the goroutine, as testing's does: call
// the helper that may call it in a goroutine of its own.
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

// TestEndedBeforeReadyShowsAllItsStderr: a program that ends before it is
// ready fails the test with all it wrote to stderr, even what it wrote
// after closing its stdout.
func TestEndedBeforeReadyShowsAllItsStderr(t *testing.T) {
	bin := build(t, "./testdata/laststderr")
	rec := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		SignalBinary(rec, bin, os.Interrupt, "ready")
	}()
	<-done
	require.Len(t, rec.errors, 1, "the test must fail")
	assert.Contains(t, rec.errors[0], "the program ended before printing \"ready\"")
	assert.Contains(t, rec.errors[0], "stderr:\nlast words\n")
}

// TestExitWaitsForTheProgram: Exit holds all the program wrote to stderr,
// even after closing its stdout, and Took runs until it exits.
func TestExitWaitsForTheProgram(t *testing.T) {
	exit := signalPackage(t, "./testdata/laststderr", os.Interrupt, "ready", "-ready")
	assert.Equal(t, 3, exit.Code)
	assert.Equal(t, "last words\n", exit.Stderr)
	assert.GreaterOrEqual(t, exit.Took, 200*time.Millisecond)
}

// TestKillsAProgramThatIgnoresTheSignal: a program deaf to SIGINT is killed
// KillAfter after it, and the test that ran it fails.
func TestKillsAProgramThatIgnoresTheSignal(t *testing.T) {
	defer func(d time.Duration) { KillAfter = d }(KillAfter)
	KillAfter = 300 * time.Millisecond
	rec := &recorder{TB: t}
	exit := signalPackage(rec, "./testdata/stubborn", os.Interrupt, "ready")
	assert.True(t, exit.Killed)
	assert.Equal(t, -1, exit.Code)
	assert.GreaterOrEqual(t, exit.Took, KillAfter)
	assert.Less(t, exit.Took, 30*time.Second, "killed long after KillAfter")
	require.Len(t, rec.errors, 1, "the test must fail")
	assert.Contains(t, rec.errors[0], "did not end within 300ms of interrupt; it was killed")
}
