package simnet

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inMemory runs f in a synctest bubble with the default world on pipes.
func inMemory(t *testing.T, w *World, f func(t *testing.T, n *Net)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		n, err := NewMemory(w)
		require.NoError(t, err)
		defer n.Close()
		f(t, n)
	})
}

func dnsError(t *testing.T, err error) *net.DNSError {
	t.Helper()
	var de *net.DNSError
	require.True(t, errors.As(err, &de), "want a *net.DNSError, got %T: %v", err, err)
	return de
}

func TestLookupAnswersAAndAAAA(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		start := time.Now()
		addrs, err := n.Resolver().LookupNetIP(context.Background(), "ip", "go.dev")
		require.NoError(t, err)
		assert.ElementsMatch(t, []netip.Addr{netip.MustParseAddr("192.0.2.10"), netip.MustParseAddr("2001:db8::10")}, addrs)
		assert.Equal(t, 230*time.Millisecond, time.Since(start), "go.dev's latency; A and AAAA are asked in parallel")

		v4, err := n.Resolver().LookupNetIP(context.Background(), "ip4", "GO.DEV.")
		require.NoError(t, err, "names match in any case, with or without the root dot")
		assert.Equal(t, []netip.Addr{netip.MustParseAddr("192.0.2.10")}, v4)

		v6, err := n.Resolver().LookupNetIP(context.Background(), "ip6", "go.dev")
		require.NoError(t, err)
		assert.Equal(t, []netip.Addr{netip.MustParseAddr("2001:db8::10")}, v6)

		// LookupHost sorts by RFC 6724, which depends on the machine's
		// routes: compare as a set.
		hosts, err := n.Resolver().LookupHost(context.Background(), "www.example.com")
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"192.0.2.80"}, hosts)
	})
}

func TestNamesWithoutAddressesAreNotFound(t *testing.T) {
	w := &World{Domains: []Domain{{Name: "empty.test", Latency: Duration(40 * time.Millisecond)}}}
	inMemory(t, w, func(t *testing.T, n *Net) {
		start := time.Now()
		_, err := n.Resolver().LookupHost(context.Background(), "empty.test")
		assert.True(t, dnsError(t, err).IsNotFound, "%v", err)
		assert.Equal(t, 40*time.Millisecond, time.Since(start))
	})
}

func TestNXDOMAINIsNotFound(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		for _, name := range []string{"for.dev", "not-in-the-world.example"} {
			_, err := n.Resolver().LookupHost(context.Background(), name)
			de := dnsError(t, err)
			assert.True(t, de.IsNotFound, "%s: %v", name, err)
		}
	})
}

func TestServfailIsNotNotFound(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		start := time.Now()
		_, err := n.Resolver().LookupHost(context.Background(), ServfailName)
		de := dnsError(t, err)
		assert.False(t, de.IsNotFound, "a failing server must not look like a free name: %v", err)
		assert.False(t, de.IsTimeout)
		// The resolver asks again (attempts x nameservers in resolv.conf),
		// so only a lower bound holds on every machine.
		assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
	})
}

func TestNXDOMAINTakesItsLatency(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		start := time.Now()
		_, err := n.Resolver().LookupHost(context.Background(), "for.dev")
		assert.True(t, dnsError(t, err).IsNotFound)
		assert.Equal(t, 260*time.Millisecond, time.Since(start), "for.dev's latency, once: search domains cost nothing")
	})
}

func TestCancelEndsALookupAtOnce(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(700*time.Millisecond, cancel)
		start := time.Now()
		_, err := n.Resolver().LookupHost(ctx, SilentName)
		assert.Equal(t, 700*time.Millisecond, time.Since(start))
		assert.ErrorContains(t, err, "operation was canceled")
		// The resolver's own query goroutines end with the cancel too
		// (the query's conn is closed), not after its 5 s timeout.
		synctest.Wait()
		n.mu.Lock()
		defer n.mu.Unlock()
		assert.Empty(t, n.conns, "no DNS conn left open")
	})
}

func TestSilenceEndsAtTheDeadline(t *testing.T) {
	inMemory(t, DefaultWorld(), func(t *testing.T, n *Net) {
		lookups := map[string]func(ctx context.Context) error{
			"LookupHost": func(ctx context.Context) error {
				_, err := n.Resolver().LookupHost(ctx, SilentName)
				return err
			},
			"LookupNetIP": func(ctx context.Context) error {
				_, err := n.Resolver().LookupNetIP(ctx, "ip", SilentName)
				return err
			},
		}
		for name, lookup := range lookups {
			ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
			start := time.Now()
			err := lookup(ctx)
			cancel()
			assert.Equal(t, 1500*time.Millisecond, time.Since(start), "%s: exactly the deadline, in virtual time", name)
			de := dnsError(t, err)
			assert.False(t, de.IsNotFound, "%s: silence must not look like a free name: %v", name, err)
			assert.True(t, de.IsTimeout, "%s: %v", name, err)
		}
	})
}

// lookupAll resolves names concurrently and returns how long it took.
func lookupAll(t *testing.T, r *net.Resolver, names []string) time.Duration {
	t.Helper()
	start := time.Now()
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() {
			_, err := r.LookupHost(context.Background(), name)
			assert.NoError(t, err, name)
		})
	}
	wg.Wait()
	return time.Since(start)
}

// sameLatencyWorld has count names that resolve after latency.
func sameLatencyWorld(count int, latency time.Duration) (*World, []string) {
	w := &World{}
	var names []string
	for i := range count {
		name := "host" + strconv.Itoa(i) + ".test"
		names = append(names, name)
		w.Domains = append(w.Domains, Domain{Name: name, Addrs: []string{"192.0.2.1"}, Latency: Duration(latency)})
	}
	return w, names
}

func Test35ConcurrentLookupsTakeOneLatency(t *testing.T) {
	w, names := sameLatencyWorld(35, 100*time.Millisecond)
	inMemory(t, w, func(t *testing.T, n *Net) {
		assert.Equal(t, 100*time.Millisecond, lookupAll(t, n.Resolver(), names), "concurrent: 100ms, not 35 x 100ms")
	})
}

func Test35ConcurrentLookupsOnLoopback(t *testing.T) {
	w, names := sameLatencyWorld(35, 100*time.Millisecond)
	n, err := NewLoopback(w)
	require.NoError(t, err)
	defer n.Close()
	took := lookupAll(t, n.Resolver(), names)
	// One after the other the 35 lookups take 3.5s. The bound leaves a busy
	// machine (race detector, two cores, other test binaries) 900ms of
	// slack and still fails unless at least four lookups overlap.
	assert.GreaterOrEqual(t, took, 100*time.Millisecond)
	assert.Less(t, took, time.Second, "real clock: 35 lookups of 100ms must overlap (one after the other: 3.5s)")
}

func TestLoopbackClassifiesErrors(t *testing.T) {
	n, err := NewLoopback(DefaultWorld())
	require.NoError(t, err)
	defer n.Close()
	_, err = n.Resolver().LookupHost(context.Background(), "for.dev")
	assert.True(t, dnsError(t, err).IsNotFound)
	_, err = n.Resolver().LookupHost(context.Background(), ServfailName)
	assert.False(t, dnsError(t, err).IsNotFound)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = n.Resolver().LookupHost(ctx, SilentName)
	assert.True(t, dnsError(t, err).IsTimeout)
}

// TestLoopbackSpreadsQueriesOverItsSockets: the resolver's queries reach
// every one of the loopback server's UDP sockets, so a burst of 2,000
// does not overflow one socket's receive buffer.
func TestLoopbackSpreadsQueriesOverItsSockets(t *testing.T) {
	n, err := NewLoopback(&World{Domains: []Domain{{Name: "at-once.test", Addrs: []string{"192.0.2.1"}}}})
	require.NoError(t, err)
	defer n.Close()
	for range 2 * dnsSockets {
		_, err := n.Resolver().LookupHost(context.Background(), "at-once.test")
		require.NoError(t, err)
	}
	for i := range dnsSockets {
		assert.Positive(t, n.queries[i].Load(), "socket %d of %d received no query", i, dnsSockets)
	}
}
