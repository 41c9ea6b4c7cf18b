// Package simnet is a small simulated internet that the lessons' real
// clients, a *net.Resolver and an *http.Client, talk to over real protocols,
// so a lesson runs the same code online, offline and under test.
//
// A World (data, see testdata/simnet/default-world.json) says which names
// resolve and which URLs answer what, after which latency. A Net serves it:
// NewMemory on in-memory pipes, for testing/synctest bubbles where latency is
// virtual time and results are exact; NewLoopback on 127.0.0.1, on the real
// clock, for real-clock tests and a lesson's -offline flag.
//
// The DNS server speaks the DNS wire protocol (golang.org/x/net/dns/dnsmessage):
// over TCP framing, on pipes and on loopback alike. The HTTP server is net/http.
// https URLs are served as plain HTTP: the simulation has no certificates,
// and Transport hands the plain connection to net/http for https too.
//
// Facts handled here so lessons need not know them: the pure Go resolver
// initialises its configuration once per process, and if that first time is
// inside a synctest bubble a later lookup from outside it crashes the test
// binary; this package's init does one harmless lookup first. Every reply
// sets RecursionAvailable, or the resolver takes an empty answer for a lame
// referral and asks again.
package simnet

import (
	"context"
	"errors"
	"net"
)

func init() {
	// Initialise the pure Go resolver's configuration (resolv.conf, hosts)
	// outside any synctest bubble. The dial fails at once: no packet leaves.
	r := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("simnet warm-up")
	}}
	r.LookupHost(context.Background(), "warm-up.simnet.invalid")
}
