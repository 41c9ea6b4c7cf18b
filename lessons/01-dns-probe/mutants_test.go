package main

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md): each bound tried exactly at it and one
// past it, and the release of a lookup's context.

import (
	"context"
	"io"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/cli"
	"goasync.dev/workbook/internal/simnet"
)

func TestValidateBounds(t *testing.T) {
	label := strings.Repeat("a", 63)
	long := label + "." + label + "." + label + "." + strings.Repeat("b", 61) // 253 bytes
	assert.NoError(t, validate(long))
	assert.Error(t, validate(long+"b"), "254 bytes")
	for _, c := range "azAZ09" {
		assert.NoError(t, validate("x"+string(c)+".dev"), "%q", c)
	}
	for _, c := range "`{@[/:" {
		assert.Error(t, validate("x"+string(c)+".dev"), "%q is not allowed in a name", c)
	}
	// '~' (0x7e) is the last ASCII character: not a Unicode name to
	// punycode, just a character a DNS name may not hold.
	err := validate("a~b.dev")
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), `'~' is not allowed`)
	}
}

// TestDisplayBounds: a name of 253 bytes (the longest DNS name) prints as
// it is, one of 254 is cut; '!' and '~', the first and last printable ASCII
// characters after the space, print as they are; a space and DEL (0x7f) are
// quoted.
func TestDisplayBounds(t *testing.T) {
	name := strings.Repeat("a", 253)
	assert.Equal(t, name, display(name))
	assert.Equal(t, cli.Quote(name+"a"), display(name+"a"))
	for _, s := range []string{"a!b", "a~b"} {
		assert.Equal(t, s, display(s))
	}
	assert.Equal(t, `"a b"`, display("a b"))
	assert.Equal(t, `"a\x7fb"`, display("a\x7fb"))
}

// TestSummaryBounds: exactly one name not valid is said in the summary and
// in the verdict; none is not.
func TestSummaryBounds(t *testing.T) {
	l := newListing(nil)
	l.counts[found] = 1
	var stderr strings.Builder
	assert.NotContains(t, l.summary(1, time.Second), "not valid")
	assert.Equal(t, exitOK, l.verdict(&stderr, 1, true, 1))
	assert.Empty(t, stderr.String())

	l.counts[invalid] = 1
	assert.Equal(t, "probed 1 name in 1s: 1 resolved, 0 not found, 0 errors; 1 not valid, not queried", l.summary(1, time.Second))
	assert.Equal(t, exitFailed, l.verdict(&stderr, 1, true, 1))
	assert.Equal(t, "1 name not valid (marked x): use letters, digits and '-', labels joined by '.'\n", stderr.String())
}

// TestVerdictTimeoutBounds: the advice to lower -limit comes with one
// timeout or more, and only with more than manyInFlight lookups at once.
func TestVerdictTimeoutBounds(t *testing.T) {
	advice := func(timeouts, inFlight int) string {
		l := newListing(nil)
		l.counts[found], l.counts[failed], l.timeouts = 1, 1, timeouts
		var stderr strings.Builder
		assert.Equal(t, exitFailed, l.verdict(&stderr, 2, false, inFlight))
		_, after, _ := strings.Cut(stderr.String(), "free or taken; ")
		return after
	}
	assert.Equal(t, "1 got no answer in time: a DNS server asked 101 at once may drop queries; try a lower -limit, such as -limit 100\n",
		advice(1, manyInFlight+1))
	assert.Equal(t, "try again\n", advice(1, manyInFlight), "100 at once lost no answer")
	assert.Equal(t, "try again\n", advice(0, manyInFlight+1), "no timeout: nothing was dropped")
}

func TestInFlight(t *testing.T) {
	assert.Equal(t, 5, inFlight(5, 0), "-limit 0: every name at once")
	assert.Equal(t, 1, inFlight(5, 1))
	assert.Equal(t, 5, inFlight(5, 10))
}

// TestTimeoutBound: -timeout 0 is refused (TestBadInput), the shortest
// positive one is not.
func TestTimeoutBound(t *testing.T) {
	o, code := parse([]string{"-timeout", "1ns", "go.dev"}, io.Discard)
	assert.Equal(t, -1, code)
	assert.Equal(t, time.Nanosecond, o.timeout)
}

// releaseCounter wraps a resolver and counts the lookups whose context is
// done (context.AfterFunc runs when it is).
type releaseCounter struct {
	resolver
	mu       sync.Mutex
	released int
}

func (r *releaseCounter) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	context.AfterFunc(ctx, func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.released++
	})
	return r.resolver.LookupNetIP(ctx, network, host)
}

// TestProbeReleasesItsContext: probe's timeout context is cancelled when
// the lookup returns, so its timer and its place among its parent's
// children go at once, not when -timeout runs out (go vet's lostcancel).
// The canary is probed the same way.
func TestProbeReleasesItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rc := &releaseCounter{resolver: n.Resolver()}
		p := &prober{resolver: rc, timeout: time.Hour}
		assert.Equal(t, found, p.probe(ctx, "go.dev").status)
		assert.Equal(t, found, checkCanary(ctx, p, "www.example.com").status)
		synctest.Wait()
		rc.mu.Lock()
		defer rc.mu.Unlock()
		assert.Equal(t, 2, rc.released, "each lookup's context is done when probe returns, not an hour later")
	})
}
