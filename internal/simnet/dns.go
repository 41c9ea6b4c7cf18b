package simnet

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/netip"
	"sync/atomic"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// dnsAnswer is what the DNS server does with one query.
type dnsAnswer struct {
	reply   []byte        // the packed response; nil when the server stays silent
	latency time.Duration // how long to wait before replying
}

// answerDNS parses a query and builds the world's answer to it. Unknown names
// get NXDOMAIN at once: the search domains a resolver appends from
// resolv.conf (go.dev.corp.example.) then cost no time, whether it tries them
// before the name as given (ndots:5) or after it. A silent name gets no
// reply.
func (n *Net) answerDNS(query []byte) (dnsAnswer, error) {
	var p dnsmessage.Parser
	h, err := p.Start(query)
	if err != nil {
		return dnsAnswer{}, fmt.Errorf("simnet: bad DNS query: %w", err)
	}
	q, err := p.Question()
	if err != nil {
		return dnsAnswer{}, fmt.Errorf("simnet: DNS query without a question: %w", err)
	}
	d, known := n.domains[canonical(q.Name.String())]
	if known && d.Silent {
		return dnsAnswer{}, nil
	}
	rcode := dnsmessage.RCodeNameError
	if known {
		rcode = rcodes[d.Rcode]
	}
	b := dnsmessage.NewBuilder(nil, dnsmessage.Header{
		ID:                 h.ID,
		Response:           true,
		Authoritative:      true,
		RecursionDesired:   h.RecursionDesired,
		RecursionAvailable: true, // else Go's resolver takes an empty answer for a lame referral and retries
		RCode:              rcode,
	})
	b.EnableCompression()
	if err := b.StartQuestions(); err != nil {
		return dnsAnswer{}, err
	}
	if err := b.Question(q); err != nil {
		return dnsAnswer{}, err
	}
	if known && rcode == dnsmessage.RCodeSuccess {
		if err := addRecords(&b, q, d.Addrs); err != nil {
			return dnsAnswer{}, err
		}
	}
	reply, err := b.Finish()
	if err != nil {
		return dnsAnswer{}, err
	}
	var latency time.Duration
	if known {
		latency = time.Duration(d.Latency)
	}
	return dnsAnswer{reply: reply, latency: latency}, nil
}

var rcodes = map[string]dnsmessage.RCode{
	"":            dnsmessage.RCodeSuccess,
	RcodeNXDOMAIN: dnsmessage.RCodeNameError,
	RcodeSERVFAIL: dnsmessage.RCodeServerFailure,
	RcodeREFUSED:  dnsmessage.RCodeRefused,
}

// addRecords answers an A question with the IPv4 addresses and an AAAA
// question with the IPv6 ones.
func addRecords(b *dnsmessage.Builder, q dnsmessage.Question, addrs []string) error {
	if err := b.StartAnswers(); err != nil {
		return err
	}
	rh := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}
	for _, s := range addrs {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return fmt.Errorf("simnet: %s: %w", q.Name, err)
		}
		switch {
		case q.Type == dnsmessage.TypeA && a.Is4():
			err = b.AResource(rh, dnsmessage.AResource{A: a.As4()})
		case q.Type == dnsmessage.TypeAAAA && a.Is6() && !a.Is4In6():
			err = b.AAAAResource(rh, dnsmessage.AAAAResource{AAAA: a.As16()})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// serveStream answers length-prefixed queries (DNS over TCP framing, RFC
// 1035 4.2.2) on c until the client hangs up or the Net closes. The Go
// resolver speaks it on any conn that is not a net.PacketConn, a net.Pipe
// end included.
func (n *Net) serveStream(c net.Conn) {
	defer c.Close()
	for {
		var size [2]byte
		if _, err := io.ReadFull(c, size[:]); err != nil {
			return
		}
		query := make([]byte, binary.BigEndian.Uint16(size[:]))
		if _, err := io.ReadFull(c, query); err != nil {
			return
		}
		ans, err := n.answerDNS(query)
		if err != nil {
			return
		}
		if ans.reply == nil {
			continue // silent: read on until the client gives up and hangs up
		}
		if !n.wait(context.Background(), ans.latency) {
			return
		}
		msg := binary.BigEndian.AppendUint16(nil, uint16(len(ans.reply)))
		if _, err := c.Write(append(msg, ans.reply...)); err != nil {
			return
		}
	}
}

// servePackets answers the queries that arrive on pc (DNS over UDP), each in
// a goroutine of its own, so a thousand queries wait their latencies
// together. It returns when Close closes pc.
func (n *Net) servePackets(pc net.PacketConn, queries *atomic.Int64) {
	buf := make([]byte, 64<<10)
	for {
		size, from, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		queries.Add(1)
		query := append([]byte(nil), buf[:size]...)
		n.wg.Go(func() {
			ans, err := n.answerDNS(query)
			if err != nil || ans.reply == nil {
				return // garbage, or silent
			}
			if n.wait(context.Background(), ans.latency) {
				pc.WriteTo(ans.reply, from)
			}
		})
	}
}
