package simnet

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md): every bound of a world's validation is
// tried on both sides.

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

// validResource reports whether a world of one resource r (and its domain) passes
// Validate.
func validResource(r Resource) bool {
	w := World{Domains: []Domain{{Name: "a.test", Addrs: []string{"192.0.2.1"}}}, Resources: []Resource{r}}
	return w.Validate() == nil
}

func TestValidateStatusBounds(t *testing.T) {
	for status, ok := range map[int]bool{0: true, 199: false, 200: true, 599: true, 600: false} {
		assert.Equal(t, ok, validResource(Resource{URL: "http://a.test/", Status: status}), "status %d", status)
	}
}

func TestValidateSizeAndLatencyBounds(t *testing.T) {
	assert.True(t, validResource(Resource{URL: "http://a.test/", BodySize: 0}))
	assert.False(t, validResource(Resource{URL: "http://a.test/", BodySize: -1}))
	assert.True(t, validResource(Resource{URL: "http://a.test/", Latency: 0}))
	assert.False(t, validResource(Resource{URL: "http://a.test/", Latency: Duration(-time.Nanosecond)}))
	domain := func(latency Duration) error {
		return (&World{Domains: []Domain{{Name: "a.test", Latency: latency}}}).Validate()
	}
	assert.NoError(t, domain(0))
	assert.Error(t, domain(Duration(-time.Nanosecond)))
}

func TestValidateNameBounds(t *testing.T) {
	name := func(n string) error { return (&World{Domains: []Domain{{Name: n}}}).Validate() }
	label63, label64 := strings.Repeat("a", 63), strings.Repeat("a", 64)
	assert.NoError(t, name(label63+".test"))
	assert.Error(t, name(label64+".test"))
	// 253 characters in all: three labels of 63, one of 61, and the dots.
	long := label63 + "." + label63 + "." + label63 + "." + strings.Repeat("b", 61)
	assert.Len(t, long, 253)
	assert.NoError(t, name(long))
	assert.Error(t, name(long+"b"))
	for _, c := range "azAZ09-_" {
		assert.NoError(t, name("x"+string(c)+".test"), "%q", c)
	}
	for _, c := range "`{/:@[" {
		assert.Error(t, name("x"+string(c)+".test"), "%q is not a DNS name character", c)
	}
}

func TestHTTPHostWithoutAddresses(t *testing.T) {
	w := &World{
		Domains:   []Domain{{Name: "empty.test"}}, // no address, no rcode
		Resources: []Resource{{URL: "http://empty.test/", Body: "unreachable"}},
	}
	inMemory(t, w, func(t *testing.T, n *Net) {
		_, _, err := get(n.Client(0), "http://empty.test/", 1<<20)
		var de *net.DNSError
		require.True(t, errors.As(err, &de), "a name without addresses is not reached: %v", err)
		assert.True(t, de.IsNotFound, "%v", err)
	})
}

// TestCloseWaitsForHandlers: when Close returns, no handler of the Net is
// still running, though one was waiting out its latency when Close began.
func TestCloseWaitsForHandlers(t *testing.T) {
	// One P: the woken handler cannot finish on another CPU while Close
	// runs, so a Close that does not wait returns before it is done. It is
	// not certain: Close may yield (a pipe or a lock) and let the handler
	// end first. With the n.wg.Wait() of Close dropped, this test failed
	// 25 of 30 runs; with it, 0 of 200 under -race.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	w := &World{Resources: []Resource{{URL: "http://slow.test/", Body: "late", Latency: Duration(time.Second)}}}
	synctest.Test(t, func(t *testing.T) {
		n, err := NewMemory(w)
		require.NoError(t, err)
		done := make(chan error)
		go func() {
			_, _, err := get(n.Client(0), "http://slow.test/", 1<<20)
			done <- err
		}()
		synctest.Wait() // the handler waits out its 1 s latency
		require.Equal(t, 1, goroutinesIn("serveHTTP"), "the handler is running")
		n.Close()
		assert.Zero(t, goroutinesIn("serveHTTP"), "a handler still running after Close returned")
		assert.Error(t, <-done, "Close ends the request in flight")
	})
}

// goroutinesIn counts the goroutines whose stack mentions frame.
func goroutinesIn(frame string) int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, frame) {
			count++
		}
	}
	return count
}

// The tests below tell apart mutants once marked equivalent, with inputs
// other than the lessons'.

// TestPatternReadFillsB: a Read fills all of b, even when b is one byte
// longer than the pattern's line.
func TestPatternReadFillsB(t *testing.T) {
	p := newPattern("http://a.test/")
	b := make([]byte, len(p.line)+1)
	n, err := p.Read(b)
	require.NoError(t, err)
	assert.Equal(t, len(b), n)
	assert.Equal(t, string(p.line)+string(p.line[:1]), string(b))
}

// TestPipeDialEndsWithItsContext: a dial that no Accept takes fails when
// its context ends.
func TestPipeDialEndsWithItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := newPipeListener()
		defer l.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := l.dial(ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

// TestSilentHostDialEndsWithItsContext: the dial to a silent host lasts
// until its context ends, not until Close.
func TestSilentHostDialEndsWithItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, err := NewMemory(DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		assert.Error(t, n.reach(ctx, "tcp", SilentName+":443"))
		assert.Equal(t, time.Second, time.Since(start))
	})
}

// TestCloseEndsAQueryAtOnce: Close does not wait for a query in flight to
// time out: it closes the query's conn, and the lookup fails.
func TestCloseEndsAQueryAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, err := NewMemory(DefaultWorld())
		require.NoError(t, err)
		failed := make(chan error, 1)
		go func() {
			_, err := n.Resolver().LookupHost(context.Background(), SilentName)
			failed <- err
		}()
		time.Sleep(time.Second)
		start := time.Now()
		require.NoError(t, n.Close())
		assert.Zero(t, time.Since(start), "Close waited for the query")
		assert.Error(t, <-failed)
	})
}

// TestStreamAnswersQueriesUntilHangUp: a DNS stream (TCP framing) carries
// one query after another, each answered, until the client hangs up. Go's
// resolver sends one a conn; another client may send more.
func TestStreamAnswersQueriesUntilHangUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, err := NewMemory(DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		c, err := n.dialMemoryDNS(context.Background())
		require.NoError(t, err)
		defer c.Close()
		for id := range uint16(2) {
			q := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: id, RecursionDesired: true})
			require.NoError(t, q.StartQuestions())
			require.NoError(t, q.Question(dnsmessage.Question{Name: dnsmessage.MustNewName("go.dev."), Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET}))
			msg, err := q.Finish()
			require.NoError(t, err)
			_, err = c.Write(append(binary.BigEndian.AppendUint16(nil, uint16(len(msg))), msg...))
			require.NoError(t, err, "query %d", id)
			var size [2]byte
			_, err = io.ReadFull(c, size[:])
			require.NoError(t, err, "answer %d", id)
			reply := make([]byte, binary.BigEndian.Uint16(size[:]))
			_, err = io.ReadFull(c, reply)
			require.NoError(t, err, "answer %d", id)
			var m dnsmessage.Message
			require.NoError(t, m.Unpack(reply))
			assert.Equal(t, id, m.Header.ID)
			assert.NotEmpty(t, m.Answers, "answer %d", id)
		}
	})
}

// TestStreamClosedOnGarbage: a stream that sends what is not a DNS query
// is hung up on at once; the client does not wait for an answer that
// will not come.
func TestStreamClosedOnGarbage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, err := NewMemory(DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		c, err := n.dialMemoryDNS(context.Background())
		require.NoError(t, err)
		defer c.Close()
		_, err = c.Write([]byte{0, 3, 'b', 'a', 'd'})
		require.NoError(t, err)
		_, err = c.Read(make([]byte, 2))
		assert.ErrorIs(t, err, io.EOF)
	})
}

// TestLookupAfterCloseLeaksNoSocket: on loopback, a DNS query's UDP socket
// dialed after Close is closed, not left open (Linux only: it counts the
// process's open files in /proc/self/fd).
func TestLookupAfterCloseLeaksNoSocket(t *testing.T) {
	openFiles := func() int {
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skipf("no /proc/self/fd to count open files: %v", err)
		}
		return len(fds)
	}
	n, err := NewLoopback(DefaultWorld())
	require.NoError(t, err)
	require.NoError(t, n.Close())
	before := openFiles()
	_, err = n.Resolver().LookupHost(context.Background(), "go.dev")
	assert.ErrorContains(t, err, ErrClosed.Error())
	assert.Equal(t, before, openFiles(), "a socket left open")
}
