// Package cli is what the lessons' command lines share: an output that
// remembers its first write error, so a program whose output is lost
// (a full disk, a closed stdout) can say so and exit non-zero, and the
// exit code of a program ended by a signal.
package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
)

// Writer is an io.Writer that remembers the first error of the writer it
// wraps: print freely, then check Err once at the end. After an error it
// writes nothing more. It is safe for concurrent use.
type Writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes p, unless an earlier write failed: then it returns that
// error and writes nothing.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	w.err = err
	return n, err
}

// Err is the first write error, or nil.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Signals are the signals a lesson handles as Ctrl-C: SIGINT (Ctrl-C) and
// SIGTERM (kill's default, and what a container runtime or CI sends to
// stop a program). Pass them to signal.NotifyContext.
var Signals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// Exit codes of a program ended by a signal: 128 plus the signal's number,
// the shell's convention, which scripts and CI runners read.
const (
	ExitInterrupted = 130 // SIGINT, Ctrl-C
	ExitTerminated  = 143 // SIGTERM
)

// InterruptCode returns the exit code for a context cancelled by
// signal.NotifyContext: ExitTerminated if SIGTERM cancelled it, else
// ExitInterrupted. Since Go 1.26 the context's cause names the signal
// ("terminated signal received"); with an older Go, or a context cancelled
// otherwise (a test), it is ExitInterrupted.
func InterruptCode(ctx context.Context) int {
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) &&
		strings.HasPrefix(cause.Error(), syscall.SIGTERM.String()+" signal") {
		return ExitTerminated
	}
	return ExitInterrupted
}
