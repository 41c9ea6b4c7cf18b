package lessontest

import (
	"context"
	"fmt"
	"io"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

func TestCallCapturesOutputCodeAndTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res := Call(func(stdout, stderr io.Writer) int {
			fmt.Fprintln(stdout, "out")
			time.Sleep(2 * time.Second)
			fmt.Fprintln(stderr, "err")
			return 3
		})
		assert.Equal(t, Result{Stdout: "out\n", Stderr: "err\n", Code: 3, Elapsed: 2 * time.Second}, res)
		assert.Equal(t, "out\n-- stderr --\nerr\n", res.Output())
	})
}

func TestOutputWithoutStderrIsStdout(t *testing.T) {
	assert.Equal(t, "out\n", Result{Stdout: "out\n"}.Output())
}

// TestVirtualCancelsAfter: ctx is cancelled after exactly cancelAfter of
// virtual time, and a run that ends first is not cancelled.
func TestVirtualCancelsAfter(t *testing.T) {
	var waited time.Duration
	Virtual(t, 1500*time.Millisecond, func(t *testing.T, ctx context.Context) {
		start := time.Now()
		<-ctx.Done()
		waited = time.Since(start)
	})
	assert.Equal(t, 1500*time.Millisecond, waited)

	var err error
	Virtual(t, time.Second, func(t *testing.T, ctx context.Context) {
		time.Sleep(999 * time.Millisecond)
		err = ctx.Err()
	})
	assert.NoError(t, err, "cancelled before cancelAfter")
}

// TestVirtualNeverCancelsWithoutCancelAfter: cancelAfter 0 means no Ctrl-C.
func TestVirtualNeverCancelsWithoutCancelAfter(t *testing.T) {
	var err error
	Virtual(t, 0, func(t *testing.T, ctx context.Context) {
		time.Sleep(time.Hour)
		err = ctx.Err()
	})
	assert.NoError(t, err)
}

// TestVirtualCancelsAfterOneNanosecond: the shortest cancelAfter, 1 ns,
// cancels too.
func TestVirtualCancelsAfterOneNanosecond(t *testing.T) {
	Virtual(t, time.Nanosecond, func(t *testing.T, ctx context.Context) {
		start := time.Now()
		<-ctx.Done()
		assert.Equal(t, time.Nanosecond, time.Since(start))
	})
}

// TestVirtualCancelsWhenBodyReturns: a goroutine that body leaves waiting on
// ctx is released when body returns, not left blocked in the bubble.
func TestVirtualCancelsWhenBodyReturns(t *testing.T) {
	dl := VirtualDeadlock(t, 0, func(t *testing.T, ctx context.Context) {
		go func() { <-ctx.Done() }()
	})
	assert.Nil(t, dl)
}
