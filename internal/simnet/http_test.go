package simnet

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
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
		assert.Equal(t, "HTTP/1.1", resp.Proto)

		for _, url := range []string{"https://www.example.com", "http://www.example.com/", "https://WWW.example.com:8443/"} {
			resp, err := n.Client(0).Get(url)
			require.NoError(t, err, url)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err, url)
			assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"), url)
			assert.Equal(t, examplePage, string(body), "%s: scheme, port and host case do not matter", url)
		}
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
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		resp, err := n.Client(0).Get(HugeURL)
		require.NoError(t, err)
		assert.Equal(t, int64(HugeSize), resp.ContentLength, "it announces 1 GiB")
		assert.Equal(t, "application/octet-stream", resp.Header.Get("Content-Type"))
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		require.NoError(t, err)
		assert.Len(t, body, 1<<20, "a limited read stops at the limit")
		require.NoError(t, resp.Body.Close(), "closing early drops the connection; the server stops")
		runtime.ReadMemStats(&after)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(32<<20), "the 1 GiB body is never allocated")
	})
}

func TestHTTPUnknownURLAndHost(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		status, body, err := get(n.Client(0), "https://www.example.com/missing", 1<<20)
		require.NoError(t, err)
		assert.Equal(t, 404, status)
		assert.Contains(t, string(body), "no page /missing")

		status, _, err = get(n.Client(0), "https://go.dev/", 1<<20)
		require.NoError(t, err)
		assert.Equal(t, 404, status, "a host whose Domain resolves, without resources")
	})
}

func TestHTTPUnreachableHosts(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		for _, tc := range []struct {
			url            string
			notFound, temp bool
		}{
			{"https://unreachable.test/", true, false}, // in no Domain, no Resource
			{"https://for.dev/", true, false},          // NXDOMAIN
			{"https://" + ServfailName + "/", false, true},
		} {
			start := time.Now()
			_, _, err := get(n.Client(0), tc.url, 1<<20)
			var de *net.DNSError
			require.True(t, errors.As(err, &de), "%s: %v", tc.url, err)
			assert.Equal(t, tc.notFound, de.IsNotFound, "%s: %v", tc.url, err)
			assert.Equal(t, tc.temp, de.IsTemporary, "%s: %v", tc.url, err)
			assert.Zero(t, time.Since(start), "%s: the dial fails at once", tc.url)
		}

		start := time.Now()
		_, _, err := get(n.Client(2*time.Second), "https://"+SilentName+"/", 1<<20)
		assert.Equal(t, 2*time.Second, time.Since(start), "a silent host's dial lasts until the client's timeout")
		var ne net.Error
		require.True(t, errors.As(err, &ne), "%v", err)
		assert.True(t, ne.Timeout(), "%v", err)

		status, _, err := get(n.Client(0), "http://192.0.2.99/", 1<<20)
		require.NoError(t, err, "an IP literal is always reached")
		assert.Equal(t, 404, status)
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
		newNet := NewLoopback
		if memory {
			newNet = NewMemory
		}
		n, err := newNet(DefaultWorld())
		require.NoError(t, err)
		errs := make(chan error, 2)
		go func() { _, _, err := get(n.Client(0), HangURL, 1<<20); errs <- err }()
		go func() {
			// No deadline: only Close can end it (before the resolver's
			// own 5 s timeout).
			_, err := n.Resolver().LookupHost(context.Background(), SilentName)
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

// TestCloseWaitsForItsGoroutines: when Close returns, every goroutine of
// the servers has ended, at that instant. (goleak, above, retries for a
// while, so a Close that returned before its goroutines ended would pass
// it.)
func TestCloseWaitsForItsGoroutines(t *testing.T) {
	for _, memory := range []bool{true, false} {
		newNet := NewLoopback
		if memory {
			newNet = NewMemory
		}
		n, err := newNet(DefaultWorld())
		require.NoError(t, err)
		done := make(chan struct{}, 3)
		go func() { get(n.Client(0), HangURL, 1<<20); done <- struct{}{} }()
		go func() { get(n.Client(0), ResetURL, 1<<20); done <- struct{}{} }()
		go func() { n.Resolver().LookupHost(context.Background(), SilentName); done <- struct{}{} }()
		time.Sleep(100 * time.Millisecond) // every request and query is being served
		require.Positive(t, serverGoroutines(), "memory=%v: nothing is being served", memory)
		require.NoError(t, n.Close())
		left := serverStacks()
		assert.Empty(t, left, "memory=%v: Close returned before its goroutines ended", memory)
		for range 3 {
			<-done
		}
		n.Transport().CloseIdleConnections()
	}
}

// serverGoroutines counts the goroutines serving in a Net, now.
func serverGoroutines() int { return len(serverStacks()) }

// serverStacks are the stacks of the goroutines that serve a Net.
func serverStacks() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var stacks []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		for _, frame := range []string{"simnet.(*Net).serveHTTP", "simnet.(*Net).servePackets", "simnet.(*Net).serveStream", "net/http.(*Server).Serve("} {
			if strings.Contains(g, frame) {
				stacks = append(stacks, g)
				break
			}
		}
	}
	return stacks
}

// TestFailFirst: a resource with FailFirst 2 answers its first two
// requests with a 503, after its latency, and the third with its page; a
// request cut before its answer does not count.
func TestFailFirst(t *testing.T) {
	const url = "http://flaky.test/"
	w := &World{Resources: []Resource{{URL: url, Body: "at last\n", Latency: Duration(50 * time.Millisecond), FailFirst: 2}}}
	inMemory(t, w, func(t *testing.T, n *Net) {
		c := n.Client(0)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		require.NoError(t, err)
		_, err = c.Do(req)
		require.ErrorIs(t, err, context.DeadlineExceeded, "cut before the answer")
		for i, want := range []int{503, 503, 200, 200} {
			start := time.Now()
			status, body, err := get(c, url, 1<<10)
			require.NoError(t, err)
			assert.Equal(t, want, status, "request %d", i+1)
			assert.Equal(t, 50*time.Millisecond, time.Since(start), "request %d", i+1)
			if want == 200 {
				assert.Equal(t, "at last\n", string(body))
			}
		}
		c.CloseIdleConnections()
	})
	bad := &World{Resources: []Resource{{URL: url, FailFirst: -1}}}
	assert.ErrorContains(t, bad.Validate(), "fail_first -1: must not be negative")
}
