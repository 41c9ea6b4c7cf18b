package simnet

import (
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

// TestDNSAddrAnswersRawQueries: a plain UDP query, as another language
// would send it, to DNSAddr gets the world's answer after its latency; a
// Net in memory has no address.
func TestDNSAddrAnswersRawQueries(t *testing.T) {
	w := &World{Domains: []Domain{{Name: "raw.test", Addrs: []string{"10.1.2.3"}, Latency: Duration(50 * time.Millisecond)}}}
	n, err := NewLoopback(w)
	require.NoError(t, err)
	defer n.Close()
	c, err := net.Dial("udp", n.DNSAddr())
	require.NoError(t, err)
	defer c.Close()
	q := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: 7, RecursionDesired: true})
	require.NoError(t, q.StartQuestions())
	require.NoError(t, q.Question(dnsmessage.Question{Name: dnsmessage.MustNewName("raw.test."), Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET}))
	msg, err := q.Finish()
	require.NoError(t, err)
	start := time.Now()
	_, err = c.Write(msg)
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 512)
	size, err := c.Read(buf)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
	var p dnsmessage.Message
	require.NoError(t, p.Unpack(buf[:size]))
	assert.Equal(t, uint16(7), p.Header.ID)
	require.Len(t, p.Answers, 1)
	assert.Equal(t, [4]byte{10, 1, 2, 3}, p.Answers[0].Body.(*dnsmessage.AResource).A)

	mem, err := NewMemory(w)
	require.NoError(t, err)
	defer mem.Close()
	assert.Empty(t, mem.DNSAddr())
}
