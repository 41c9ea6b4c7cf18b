package main

import (
	"context"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

// The event stream of TestTimeAfterInALoop: an event every eventEvery,
// until eventsFor has passed.
const (
	eventEvery   = 100 * time.Millisecond
	eventsFor    = time.Second
	eventTimeout = 250 * time.Millisecond
	// When each loop returns: the fix at the timeout, the mistake only
	// once the events have stopped for eventTimeout.
	afterLoopRight = eventTimeout
	afterLoopWrong = eventsFor + eventTimeout
)

// events sends an event every eventEvery until eventsFor has passed or
// ctx is done.
func events(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		tick := time.NewTicker(eventEvery)
		defer tick.Stop()
		for at := eventEvery; at <= eventsFor; at += eventEvery {
			select {
			case <-tick.C:
			case <-ctx.Done():
				return
			}
			if send(ctx, ch, struct{}{}) != nil {
				return
			}
		}
	}()
	return ch
}

// TestTimeAfterInALoop: with events every 100ms, time.After(250ms) in the
// loop never fires while they come; it fires only 250ms after the last
// one, at 1.25s. One timer made before the loop fires at 250ms.
func TestTimeAfterInALoop(t *testing.T) {
	for _, tc := range []struct {
		name  string
		count func(<-chan struct{}, time.Duration) int
		took  time.Duration
		n     int
	}{
		{"mistake", countUntilQuietFor, afterLoopWrong, int(eventsFor / eventEvery)},
		{"fix", countFor, afterLoopRight, int(eventTimeout / eventEvery)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				start := time.Now()
				n := tc.count(events(ctx), eventTimeout)
				assert.Equal(t, tc.took, time.Since(start))
				assert.Equal(t, tc.n, n)
			})
		})
	}
}

// TestSelectWithoutDone: once the receiver has gone and ctx is cancelled,
// send returns at once with ctx's cause; sendBlind stays blocked, and the
// synctest bubble sees it durably blocked, for good.
func TestSelectWithoutDone(t *testing.T) {
	assert.Empty(t, blocked(t, func(ctx context.Context, out chan string) error { return send(ctx, out, "result") }))
	stuck := blocked(t, func(ctx context.Context, out chan string) error { return sendBlind(ctx, out, "result") })
	assert.Contains(t, stuck, "[chan send (durable), synctest bubble")
	assert.Contains(t, stuck, "sendBlind")
}

// blocked runs f in a goroutine of a synctest bubble with an out channel
// that nobody receives from and a ctx that is cancelled at once, and
// returns the goroutine's stack if it is still blocked once everything in
// the bubble that could move has moved (synctest.Wait), "" if f returned.
// Then it receives from out, so the goroutine can end with the test.
func blocked(t *testing.T, f func(ctx context.Context, out chan string) error) (stack string) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		out := make(chan string)
		done := make(chan error, 1)
		go func() { done <- f(ctx, out) }()
		cancel()
		synctest.Wait() // f's goroutine has returned, or is durably blocked
		select {
		case err := <-done:
			assert.ErrorIs(t, err, context.Canceled)
			return
		default:
		}
		stack = goroutineOf(t, "mistakes.go")
		<-out // let it go
		<-done
	})
	return stack
}

// goroutineOf returns the stack of the one goroutine whose stack mentions
// file.
func goroutineOf(t *testing.T, file string) string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, file) {
			found = append(found, g)
		}
	}
	require.Len(t, found, 1, "goroutines in %s", file)
	return found[0]
}

// TestLostCancelVet: go vet's lostcancel analyzer reports the cancel func
// thrown away in testdata/lostcancel, with the README's message.
func TestLostCancelVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	out, err := exec.Command("go", "vet", "./testdata/lostcancel").CombinedOutput()
	require.Error(t, err, "go vet passed testdata/lostcancel:\n%s", out)
	assert.Contains(t, string(out), "lostcancel.go:13:7: the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak")
}

// TestClosedChannelWakesEveryWaiter: closing a channel wakes every
// goroutine waiting on it, at once and for good, as asyncio.Event.set()
// wakes every task in event.wait(). ctx.Done() is such a channel.
func TestClosedChannelWakesEveryWaiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ready := make(chan struct{}) // event = asyncio.Event()
		var wg sync.WaitGroup
		woke := make(chan time.Duration, 3)
		start := time.Now()
		for range 3 {
			wg.Go(func() {
				<-ready // await event.wait()
				woke <- time.Since(start)
			})
		}
		time.Sleep(100 * time.Millisecond)
		close(ready) // event.set()
		wg.Wait()
		close(woke)
		for d := range woke {
			assert.Equal(t, 100*time.Millisecond, d)
		}
		<-ready // a closed channel stays "set": this returns at once
	})
}

// ownDone is a parent context whose Done channel is its own: a context
// derived from it is watched by a goroutine of the context package
// (propagateCancel in context.go) until the parent or the child is done. A
// child whose cancel is never called keeps that goroutine until its
// deadline: the leak go vet's lostcancel warns of, made visible.
type ownDone struct {
	context.Context
	done chan struct{}
}

func (c ownDone) Done() <-chan struct{} { return c.done }

func (c ownDone) Err() error {
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

// TestDeadlineReleased: fetchAllWithin releases its deadline (calls
// cancel) when it returns before the deadline, so nothing the context
// package started for it outlives it.
func TestDeadlineReleased(t *testing.T) {
	const watcher = "context.(*cancelCtx).propagateCancel"
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(lessonWorld())
		require.NoError(t, err)
		defer n.Close()
		c := &fetch.Client{HTTP: n.Client(0), MaxBody: 1 << 20, Timeline: timeline.New()}
		parent := ownDone{Context: context.Background(), done: make(chan struct{})}
		defer close(parent.done)
		results := fetchAllWithin(parent, c, fetch.DefaultURLs, time.Hour, newStage(io.Discard, fetch.DefaultURLs...))
		require.Len(t, results, len(fetch.DefaultURLs))
		c.HTTP.CloseIdleConnections()
		synctest.Wait()
		assert.Zero(t, lessontest.BubbleGoroutinesIn(watcher), "fetchAllWithin returned, and its deadline's context is still watched: is cancel called when it returns?")
	})
}
