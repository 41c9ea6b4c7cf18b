package main

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"time"
)

// status is what a lookup found out about a name.
type status int

const (
	taken     status = iota // the name has addresses: someone uses it
	free                    // NXDOMAIN: nobody has it
	failed                  // the server failed, or the lookup was cut short
	cancelled               // Ctrl-C came before or during the lookup
)

// result is one name's lookup.
type result struct {
	name   string
	status status
	addr   netip.Addr    // the first address, when taken
	err    error         // why, when failed or cancelled
	took   time.Duration // how long the lookup took
}

// probe looks name up with r, the real *net.Resolver (pointed at the
// simulated DNS server), as lesson 01 does: Python's
// loop.getaddrinfo(name, None).
func probe(ctx context.Context, r *net.Resolver, name string) result {
	start := time.Now()
	addrs, err := r.LookupNetIP(ctx, "ip", name)
	res := result{name: name, took: time.Since(start), err: err}
	var dnsErr *net.DNSError
	switch {
	case err == nil && len(addrs) > 0:
		res.status, res.addr = taken, addrs[0]
	case ctx.Err() != nil:
		res.status = cancelled
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		res.status = free
	default:
		res.status = failed
	}
	return res
}
