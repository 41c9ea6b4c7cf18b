package simnet

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md): every bound of a world's validation is
// tried on both sides.

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
