package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// full fails every write after the first n bytes, as /dev/full or a closed
// stdout does.
type full struct {
	n       int
	written strings.Builder
}

func (f *full) Write(p []byte) (int, error) {
	if f.written.Len()+len(p) > f.n {
		return 0, syscall.ENOSPC
	}
	return f.written.Write(p)
}

// TestWriterRemembersTheFirstError: writes go through until one fails;
// that error is kept, and nothing is written after it.
func TestWriterRemembersTheFirstError(t *testing.T) {
	out := &full{n: 6}
	w := NewWriter(out)
	_, err := w.Write([]byte("hello\n"))
	require.NoError(t, err)
	assert.NoError(t, w.Err())
	_, err = w.Write([]byte("world\n"))
	assert.ErrorIs(t, err, syscall.ENOSPC)
	out.n = 100 // room again: the Writer must not write past its error
	_, err = w.Write([]byte("again\n"))
	assert.ErrorIs(t, err, syscall.ENOSPC)
	assert.ErrorIs(t, w.Err(), syscall.ENOSPC)
	assert.Equal(t, "hello\n", out.written.String())
}

// short writes less than it is given and no error, which io.Writer
// forbids; the Writer calls it a short write.
type short struct{}

func (short) Write(p []byte) (int, error) { return len(p) / 2, nil }

func TestWriterShortWrite(t *testing.T) {
	w := NewWriter(short{})
	w.Write([]byte("hello"))
	assert.ErrorIs(t, w.Err(), io.ErrShortWrite)
}

// TestParse: every bad flag is one line that names it and says what to
// write; -h prints the usage, then the flags.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-timeout", "5"}, "prog: -timeout 5: a duration needs a unit, e.g. 5s or 5ms (-h lists the flags)\n"},
		{[]string{"-timeout", "soon"}, `prog: -timeout "soon": not a duration; write it like 10s, 500ms or 1m30s (-h lists the flags)` + "\n"},
		{[]string{"-n", "1e9"}, `prog: -n "1e9": not a whole number (-h lists the flags)` + "\n"},
		{[]string{"-n", "99999999999999999999"}, `prog: -n "99999999999999999999": too large a number (-h lists the flags)` + "\n"},
		{[]string{"-v=maybe"}, "prog: -v=maybe: write -v alone, or -v=true or -v=false (-h lists the flags)\n"},
		{[]string{"-nope"}, "prog: flag provided but not defined: -nope (-h lists the flags)\n"},
		{[]string{"-s"}, "prog: flag needs an argument: -s (-h lists the flags)\n"},
	} {
		var stderr strings.Builder
		code, ok := Parse(newFlags(), tc.args, &stderr, "usage: prog [flags]")
		assert.False(t, ok, "%v", tc.args)
		assert.Equal(t, ExitUsage, code, "%v", tc.args)
		assert.Equal(t, tc.want, stderr.String(), "%v", tc.args)
	}

	var stderr strings.Builder
	code, ok := Parse(newFlags(), []string{"-h"}, &stderr, "usage: prog [flags]\n\nIt does things.\n")
	assert.False(t, ok)
	assert.Equal(t, ExitOK, code)
	assert.True(t, strings.HasPrefix(stderr.String(), "usage: prog [flags]\n\nIt does things.\n  -n int\n"), stderr.String())

	code, ok = Parse(newFlags(), []string{"-n", "3", "x"}, &stderr, "")
	assert.True(t, ok)
	assert.Zero(t, code)
}

func newFlags() *flag.FlagSet {
	flags := flag.NewFlagSet("prog", flag.ContinueOnError)
	flags.Int64("n", 1, "a number")
	flags.Duration("timeout", time.Second, "a duration")
	flags.Bool("v", false, "a switch")
	flags.String("s", "", "a string")
	return flags
}

// TestInterruptCode: a real SIGTERM caught by signal.NotifyContext gives
// 143; SIGINT, or a context cancelled by hand, 130.
func TestInterruptCode(t *testing.T) {
	ctx, stop := signal.NotifyContext(context.Background(), Signals...)
	defer stop()
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context: is it in Signals?")
	}
	assert.Equal(t, ExitTerminated, InterruptCode(ctx))

	ctx, stop2 := signal.NotifyContext(context.Background(), Signals...)
	defer stop2()
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	<-ctx.Done()
	assert.Equal(t, ExitInterrupted, InterruptCode(ctx))

	cancelled, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("by hand"))
	assert.Equal(t, ExitInterrupted, InterruptCode(cancelled))
}
