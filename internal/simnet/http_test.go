package simnet

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// get fetches url and reads at most limit bytes of the body.
func get(c *http.Client, url string, limit int64) (status int, body []byte, err error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, limit))
	return resp.StatusCode, body, err
}

func TestHTTPServesTheWorld(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		c := n.Client(10 * time.Second)
		for _, tc := range []struct {
			url     string
			status  int
			size    int
			latency time.Duration
		}{
			{ExampleURL, 200, len(examplePage), 250 * time.Millisecond},
			{HTTPBinURL, 200, len(httpbinJSON), 400 * time.Millisecond},
			{PythonURL, 200, 51_200, 150 * time.Millisecond},
			{ErrorURL, 500, len("simulated server error\n"), 80 * time.Millisecond},
		} {
			start := time.Now()
			status, body, err := get(c, tc.url, 1<<20)
			require.NoError(t, err, tc.url)
			assert.Equal(t, tc.status, status, tc.url)
			assert.Len(t, body, tc.size, tc.url)
			assert.Equal(t, tc.latency, time.Since(start), "%s: exact latency in virtual time", tc.url)
		}
	})
}

func TestHTTPHeadersAndBody(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		resp, err := n.Client(0).Get(HTTPBinURL)
		require.NoError(t, err)
		defer resp.Body.Close()
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, httpbinJSON, string(body))
		assert.Nil(t, resp.TLS, "https URLs are served as plain HTTP")
	})
}

func TestHTTPClientTimeoutFiresAtItsDeadline(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		start := time.Now()
		_, _, err := get(n.Client(3*time.Second), HangURL, 1<<20)
		assert.Equal(t, 3*time.Second, time.Since(start))
		var ne net.Error
		require.True(t, errors.As(err, &ne), "%v", err)
		assert.True(t, ne.Timeout(), "%v", err)
	})
}

func TestHTTPResetSurfacesAsAnError(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		status, body, err := get(n.Client(0), ResetURL, 1<<20)
		assert.Equal(t, 200, status, "the headers arrive")
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "then the body breaks off")
		assert.Len(t, body, 5_000, "half the body arrived")
	})
}

func TestHTTPHugeBodyThroughALimit(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		resp, err := n.Client(0).Get(HugeURL)
		require.NoError(t, err)
		defer resp.Body.Close()
		assert.Equal(t, int64(HugeSize), resp.ContentLength, "it announces 1 GiB")
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		require.NoError(t, err)
		assert.Len(t, body, 1<<20, "a limited read stops at the limit")
	})
}

func TestHTTPUnknownURLAndHost(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		status, body, err := get(n.Client(0), "https://www.example.com/missing", 1<<20)
		require.NoError(t, err)
		assert.Equal(t, 404, status)
		assert.Contains(t, string(body), "no page /missing")

		_, _, err = get(n.Client(0), "https://unreachable.test/", 1<<20)
		var de *net.DNSError
		require.True(t, errors.As(err, &de), "%v", err)
		assert.True(t, de.IsNotFound)
	})
}

func TestLoopbackHTTP(t *testing.T) {
	n, err := NewLoopback(DefaultWorld())
	require.NoError(t, err)
	defer n.Close()
	start := time.Now()
	status, body, err := get(n.Client(time.Second), PythonURL, 1<<20)
	require.NoError(t, err)
	assert.Equal(t, 200, status)
	assert.Len(t, body, 51_200)
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)
	_, _, err = get(n.Client(50*time.Millisecond), HangURL, 1<<20)
	assert.Error(t, err)
}

func TestCloseEndsRequestsInFlight(t *testing.T) {
	for _, memory := range []bool{true, false} {
		var n *Net
		if memory {
			n = NewMemory(DefaultWorld())
		} else {
			var err error
			n, err = NewLoopback(DefaultWorld())
			require.NoError(t, err)
		}
		errs := make(chan error, 2)
		go func() { _, _, err := get(n.Client(0), HangURL, 1<<20); errs <- err }()
		go func() {
			// Over UDP only the resolver's own deadline ends a silent
			// lookup; over pipes, Close does.
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err := n.Resolver().LookupHost(ctx, SilentName)
			errs <- err
		}()
		time.Sleep(20 * time.Millisecond)
		require.NoError(t, n.Close())
		require.NoError(t, n.Close(), "Close twice is fine")
		select {
		case err := <-errs:
			assert.Error(t, err, "memory=%v: the first request to end ends with an error", memory)
		case <-time.After(5 * time.Second):
			t.Fatal("Close did not end the hanging request")
		}
		assert.Error(t, <-errs, "memory=%v: the other request ends with an error", memory)
		n.Transport().CloseIdleConnections()
		goleak.VerifyNone(t) // nothing of the closed world is left running
	}
}
