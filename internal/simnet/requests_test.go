package simnet

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestsIsTheServersView: two requests at once, one answered after its
// latency, one cancelled by its client at 100ms; then a page that is not in
// the world. The server saw each arrive, end, and whether it answered.
func TestRequestsIsTheServersView(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		c := n.Client(0)
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() {
			status, _, err := get(c, PythonURL, 1<<20)
			assert.NoError(t, err)
			assert.Equal(t, 200, status)
		})
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, HangURL, nil)
			require.NoError(t, err)
			_, err = c.Do(req)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
		})
		wg.Wait()
		status, _, err := get(c, "https://www.python.org/nowhere", 1<<20)
		require.NoError(t, err)
		assert.Equal(t, 404, status)
		c.CloseIdleConnections()
		synctest.Wait() // the 404's handler closes its connection after the client has read it

		byURL := map[string]Request{}
		for _, r := range n.Requests() {
			r.Start, r.End = time.Time{}.Add(r.Start.Sub(start)), time.Time{}.Add(r.End.Sub(start))
			byURL[r.URL] = r
		}
		at := func(d time.Duration) time.Time { return time.Time{}.Add(d) }
		assert.Equal(t, map[string]Request{
			"www.python.org/":        {URL: "www.python.org/", Start: at(0), End: at(150 * time.Millisecond), Answered: true, InFlight: byURL["www.python.org/"].InFlight},
			"slow.example.net/":      {URL: "slow.example.net/", Start: at(0), End: at(100 * time.Millisecond), Answered: false, InFlight: byURL["slow.example.net/"].InFlight},
			"www.python.org/nowhere": {URL: "www.python.org/nowhere", Start: at(150 * time.Millisecond), End: at(150 * time.Millisecond), Answered: true, InFlight: 1},
		}, byURL)
		assert.Equal(t, 2, MaxInFlight(n.Requests()), "the two first requests were in flight together")
	})
}

// TestRequestsIsBounded: a Net keeps its first maxLogged requests; the
// next one drops the older half, so a long run keeps only the latest.
func TestRequestsIsBounded(t *testing.T) {
	var l requestLog
	req, err := http.NewRequest(http.MethodGet, "https://www.example.com/", nil)
	require.NoError(t, err)
	for range maxLogged {
		l.leave(l.arrive(req))
	}
	assert.Len(t, l.list, maxLogged, "all of the first maxLogged are kept")
	first := l.list[maxLogged/2]
	l.leave(l.arrive(req))
	assert.Len(t, l.list, maxLogged/2+1, "the next drops the older half")
	assert.Same(t, first, l.list[0])
	for range maxLogged + 10 {
		l.leave(l.arrive(req))
	}
	assert.LessOrEqual(t, len(l.list), maxLogged)
	assert.Greater(t, len(l.list), maxLogged/2)
	assert.Equal(t, 0, l.inFlight)
}
