package simnet

import (
	"fmt"
	"net/netip"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// dnsAnswer is what the DNS server does with one query.
type dnsAnswer struct {
	reply   []byte        // the packed response; nil when the server stays silent
	latency time.Duration // how long to wait before replying
}

// answerDNS parses a query and builds the world's answer to it. Unknown names
// get NXDOMAIN at once: a resolver that appends search domains from
// resolv.conf (name.corp.example.) then costs no extra time.
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
		return dnsAnswer{latency: time.Duration(d.Latency)}, nil
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
	"":         dnsmessage.RCodeSuccess,
	"NXDOMAIN": dnsmessage.RCodeNameError,
	"SERVFAIL": dnsmessage.RCodeServerFailure,
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
