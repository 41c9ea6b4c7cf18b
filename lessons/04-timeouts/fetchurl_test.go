package main

import (
	"context"
	"io"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

// withClient runs body in a bubble, with a client of the simulated world w.
func withClient(t *testing.T, w *simnet.World, body func(c *fetch.Client)) {
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(w)
		require.NoError(t, err)
		defer n.Close()
		c := &fetch.Client{HTTP: n.Client(0), MaxBody: 1 << 20, Timeline: timeline.New()}
		defer c.HTTP.CloseIdleConnections()
		body(c)
	})
}

// TestFetchURLBounds: 399 is an answer and 400 a failure; a body of
// exactly MaxBody bytes is whole, one byte more is too large.
func TestFetchURLBounds(t *testing.T) {
	pages := []fetchtest.Page{
		{URL: "https://s399.example/", Status: 399},
		{URL: "https://s400.example/", Status: 400},
		{URL: "https://ok.example/", Status: 200},
	}
	w := fetchtest.World(pages...)
	w.Resources[0].Location = "https://elsewhere.example/" // a 3xx needs one
	withClient(t, w, func(c *fetch.Client) {
		assert.NoError(t, fetchURL(context.Background(), c, pages[0].URL).Err, "399 is not an error")
		assert.Error(t, fetchURL(context.Background(), c, pages[1].URL).Err, "400 is an error")
		body := int64(len("the file at " + pages[2].URL + "\n"))
		c.MaxBody = body
		r := fetchURL(context.Background(), c, pages[2].URL)
		assert.NoError(t, r.Err, "a body of exactly MaxBody bytes is whole")
		assert.Equal(t, body, r.Size)
		c.MaxBody = body - 1
		r = fetchURL(context.Background(), c, pages[2].URL)
		assert.Error(t, r.Err, "a body one byte over MaxBody is too large")
		assert.Equal(t, body-1, r.Size)
	})
}

// TestShieldReleasesItsDeadline: fetchShielded calls its deadline's cancel
// when the fetch answers first, so nothing the context package started for
// it outlives it (as TestDeadlineReleased for fetchAllWithin).
func TestShieldReleasesItsDeadline(t *testing.T) {
	const watcher = "context.(*cancelCtx).propagateCancel"
	withClient(t, lessonWorld(), func(c *fetch.Client) {
		parent := ownDone{Context: context.Background(), done: make(chan struct{})}
		defer close(parent.done)
		r := fetchShielded(parent, c, simnet.PythonURL, time.Hour, nil, newStage(io.Discard, simnet.PythonURL))
		require.NoError(t, r.Err)
		c.HTTP.CloseIdleConnections()
		synctest.Wait()
		assert.Zero(t, lessontest.BubbleGoroutinesIn(watcher), "fetchShielded returned, and its deadline's context is still watched: is cancel called when it returns?")
	})
}

// TestCancelOneReleasesEveryContext: each fetch's own context is released
// when its goroutine ends (the deferred cancel), not only the victim's.
func TestCancelOneReleasesEveryContext(t *testing.T) {
	const watcher = "context.(*cancelCtx).propagateCancel"
	withClient(t, lessonWorld(), func(c *fetch.Client) {
		parent := ownDone{Context: context.Background(), done: make(chan struct{})}
		defer close(parent.done)
		results := fetchCancelOne(parent, c, fetch.DefaultURLs, simnet.HTTPBinURL, cancelAt, newStage(io.Discard, fetch.DefaultURLs...))
		require.Len(t, results, len(fetch.DefaultURLs))
		c.HTTP.CloseIdleConnections()
		synctest.Wait()
		assert.Zero(t, lessontest.BubbleGoroutinesIn(watcher), "fetchCancelOne returned, and a fetch's context is still watched: does each goroutine call its cancel when it ends?")
	})
}
