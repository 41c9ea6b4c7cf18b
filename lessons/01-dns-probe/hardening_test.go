package main

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/lessons/01-dns-probe/checks"
)

// TestAddressesSorted: the resolver keeps the server's order among
// addresses of one family, so a server that answers out of order must still
// give one fixed line. (The default world answers in order: without this
// world, a probe that did not sort would pass.)
func TestAddressesSorted(t *testing.T) {
	w := simnet.DefaultWorld()
	w.Domains = append(w.Domains, simnet.Domain{Name: "shuffled.test",
		Addrs:   []string{"192.0.2.9", "2001:db8::2", "192.0.2.3", "2001:db8::1"},
		Latency: simnet.Duration(10 * time.Millisecond)})
	res := checks.Virtual(t, run, w, 0, "shuffled.test")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "+ shuffled.test  192.0.2.3 192.0.2.9 2001:db8::1 2001:db8::2\n")
}

// TestCanary: the canary is a name like any other: validated, looked up
// with -timeout, counted in the run's time, and its answer read for what
// it is.
func TestCanary(t *testing.T) {
	// A canary that never answers ends at -timeout, not at the resolver's
	// own give-up (10 s), and the summary's time includes it.
	res := checks.Virtual(t, run, nil, 0, "-timeout", "1s", "-canary", simnet.SilentName, "go.dev")
	assert.Equal(t, 1, res.Code)
	assert.Equal(t, time.Second, res.Elapsed)
	assert.Contains(t, res.Stdout, "probed 1 name in 1s: 1 resolved")
	assert.Contains(t, res.Stderr, `the canary silent.test got no answer (no answer within 1s (timeout)): the "not found" above could not be checked`)

	// A canary that does not exist, when no name was "not found": the
	// canary is wrong, not the answers.
	res = checks.Virtual(t, run, nil, 0, "-canary", "nope.dev", "go.dev")
	assert.Equal(t, 1, res.Code)
	assert.NotContains(t, res.Stderr, "can not be trusted")
	assert.Contains(t, res.Stderr, `the DNS answered "not found" for the canary nope.dev: give -canary a name that exists`)

	// A canary that is not a name is refused before anything is sent.
	res = checks.Virtual(t, run, nil, 0, "-canary", "bad name", "go.dev")
	assert.Equal(t, 2, res.Code)
	assert.Empty(t, res.Stdout)
	assert.Contains(t, res.Stderr, `-canary "bad name": not a DNS name: ' ' is not allowed`)
}

// TestInterruptCounts: a lookup that failed before Ctrl-C was probed, not
// cancelled.
func TestInterruptCounts(t *testing.T) {
	// servfail.test fails within 100ms; silent.test is still waiting.
	res := checks.Virtual(t, run, nil, 100*time.Millisecond, "-timeout", "1s", simnet.ServfailName, simnet.SilentName)
	assert.Equal(t, 130, res.Code)
	assert.Contains(t, res.Stderr, "interrupted after 100ms: 1 of 2 names probed, 1 cancelled (exit code 130)")
}

// TestResolverGaveUp: when the resolver gives up before -timeout (after
// resolv.conf's timeout x attempts, 2 x 5 s by default), the reason says so
// and gives the real wait, not -timeout.
func TestResolverGaveUp(t *testing.T) {
	res := checks.Virtual(t, run, nil, 0, "-timeout", "30s", simnet.SilentName, "go.dev")
	assert.Equal(t, 1, res.Code)
	require.Less(t, res.Elapsed, 30*time.Second)
	assert.Contains(t, res.Stdout, "no answer: the resolver gave up after "+res.Elapsed.String()+", before -timeout 30s")
	assert.NotContains(t, res.Stdout, "within 30s")
}

// failingWriter fails every write, as /dev/full or a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestOutputLost: results that could not be written are an error.
func TestOutputLost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		var stderr strings.Builder
		code := run(context.Background(), []string{"go.dev"}, failingWriter{}, &stderr, n)
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr.String(), "01-dns-probe: the results could not be written: no space left on device")
	})
}

// TestControlCharacters: a name never reaches the terminal raw: control
// characters and non-ASCII are quoted in ASCII, so the columns stay in
// line, and a Unicode name is told its xn-- form.
func TestControlCharacters(t *testing.T) {
	names := []string{"esc\x1b[2J.dev", "cr\rlf\n.dev", "bücher.example", "go.dev"}
	res := checks.Virtual(t, run, nil, 0, append([]string{"-timeline"}, names...)...)
	assert.Equal(t, 1, res.Code)
	assert.NotContains(t, res.Stdout, "\x1b")
	assert.NotContains(t, res.Stdout, "\r")
	assert.Contains(t, res.Stdout, `x "esc\x1b[2J.dev"       not a DNS name: '\x1b' is not allowed`)
	assert.Contains(t, res.Stdout, `x "b\u00fccher.example"  not a DNS name: not ASCII: the DNS knows it as xn--bcher-kva.example`)
	lines := strings.Split(res.Stdout, "\n")[:len(names)]
	for _, line := range lines {
		// mark, space, the widest name, two spaces, the detail
		w := len(`"b\u00fccher.example"`)
		assert.Equal(t, "  ", line[2+w:4+w], "%q", line)
		assert.NotEqual(t, byte(' '), line[4+w], "the detail column starts at the same place: %q", line)
	}
}

// TestManyNames: 1,000 names run 500 at a time by default, as Go's cgo
// resolver limits itself, so the run takes 2 rounds of one latency; -limit
// 0 is the Python original, every name at once: one round. Every answer is
// true: none is marked "!". (1,000, not 10,000: the same proof, in a
// second rather than a minute under -race.)
func TestManyNames(t *testing.T) {
	world, names := sameLatencyWorld(1000, manyLatency)
	for _, tc := range []struct {
		limit string
		want  time.Duration
	}{
		{"500", 2 * manyLatency}, // the default, as -limit 500
		{"0", manyLatency},
	} {
		args := []string{"-canary", ""}
		if tc.limit != "500" {
			args = append(args, "-limit", tc.limit) // else the default
		}
		res := checks.Virtual(t, run, world, 0, append(args, names...)...)
		require.Equal(t, 0, res.Code, res.Stderr)
		assert.Equal(t, tc.want, res.Elapsed, "-limit %s", tc.limit)
		assert.Contains(t, res.Stdout, "probed 1000 names in "+tc.want.String()+": 1000 resolved, 0 not found, 0 errors\n")
	}
}

// TestLimitAdvice: timeouts among many lookups at once look like a server
// dropping queries, and the advice is a lower -limit; among a few, a longer
// -timeout would not help either, and the advice is only to try again.
func TestLimitAdvice(t *testing.T) {
	w := simnet.DefaultWorld()
	names := []string{"go.dev"}
	for i := range 150 {
		name := "dropped" + strconv.Itoa(i) + ".test"
		w.Domains = append(w.Domains, simnet.Domain{Name: name, Silent: true})
		names = append(names, name)
	}
	res := checks.Virtual(t, run, w, 0, append([]string{"-timeout", "1s"}, names...)...)
	assert.Equal(t, 1, res.Code)
	assert.Contains(t, res.Stderr, "150 of 151 lookups failed (marked !): those names may be free or taken; 150 got no answer in time: a DNS server asked 151 at once may drop queries; try a lower -limit, such as -limit 100\n")
	assert.NotContains(t, res.Stderr, "-timeout")

	res = checks.Virtual(t, run, w, 0, append([]string{"-timeout", "1s", "-limit", "100"}, names...)...)
	assert.Contains(t, res.Stderr, "150 of 151 lookups failed (marked !): those names may be free or taken; try again\n")
}
