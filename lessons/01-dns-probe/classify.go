package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"time"
)

// status is what a probe learned about one name. Python's version has two
// answers, found or not; a lookup can also fail, and a failure is not "free".
type status int

const (
	found     status = iota // "+": the name resolves, somebody has it
	notFound                // " ": NXDOMAIN, the DNS says nobody has it
	failed                  // "!": no answer to trust (timeout, server failure, network down)
	invalid                 // "x": not a DNS name at all, so never queried
	cancelled               // Ctrl-C came first: not printed, only counted
)

// mark is the one-character column of the listing.
func (s status) mark() string { return [...]string{"+", " ", "!", "x", "-"}[s] }

// result is what one probe returns: Python's (domain, found) tuple, plus
// the addresses or the reason it failed.
type result struct {
	name     string
	status   status
	addrs    []string // when found, sorted (IPv4 first)
	reason   string   // when failed, invalid or cancelled
	timedOut bool     // failed because no answer came in time
}

// classify turns a lookup's answer into a result. ctx is the lookup's own
// context (with its timeout), waited how long the lookup took. Only "no
// such host" (NXDOMAIN) means the name is free. Python's except
// socket.gaierror catches every failure, so a dead network makes every name
// look free; here a timeout or a failing server is its own kind of answer.
func classify(ctx context.Context, name string, addrs []netip.Addr, err error, waited, timeout time.Duration) result {
	//exercise:2
	var dnsErr *net.DNSError
	//exercise:end
	switch {
	case err == nil:
		return result{name: name, status: found, addrs: sortAddrs(addrs)}
	case errors.Is(ctx.Err(), context.Canceled): // Ctrl-C, not this lookup's own timeout
		return result{name: name, status: cancelled, reason: "cancelled"}
	//exercise:2 this is Python's `except socket.gaierror: free`:
	//exercise:2 every failure counts as "not found", so a dead network makes every
	//exercise:2 name look free. Only a *net.DNSError (errors.As) with IsNotFound is
	//exercise:2 notFound. A timeout (IsTimeout) is failed, with timedOut set and the
	//exercise:2 reason timeoutReason(ctx, waited, timeout); a SERVFAIL (IsTemporary,
	//exercise:2 Err "server misbehaving") is failed with the reason
	//exercise:2 "server failure (SERVFAIL)"; any other error is failed with its text.
	case !errors.As(err, &dnsErr):
		return result{name: name, status: failed, reason: err.Error()}
	case dnsErr.IsNotFound:
		return result{name: name, status: notFound}
	case dnsErr.IsTimeout:
		return result{name: name, status: failed, timedOut: true, reason: timeoutReason(ctx, waited, timeout)}
	case dnsErr.IsTemporary && dnsErr.Err == "server misbehaving":
		return result{name: name, status: failed, reason: "server failure (SERVFAIL)"}
	default:
		// dnsErr.Err, not err.Error(): the latter names this machine's
		// nameserver, which is not the point and differs between machines.
		return result{name: name, status: failed, reason: dnsErr.Err}
		//exercise:shipped default:
		//exercise:shipped 	return result{name: name, status: notFound}
		//exercise:end
	}
}

// timeoutReason says who gave up: this program at -timeout, or the
// resolver before it, after its own timeouts and attempts (timeout: and
// attempts: in /etc/resolv.conf, 5 s and 2 by default).
func timeoutReason(ctx context.Context, waited, timeout time.Duration) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Sprintf("no answer within %s (timeout)", timeout)
	}
	return fmt.Sprintf("no answer: the resolver gave up after %s, before -timeout %s", waited.Round(time.Millisecond), timeout)
}

// note is the result as the timeline shows it.
func (r result) note() string {
	switch r.status {
	case found:
		return "found"
	case notFound:
		return "not found"
	default:
		return r.reason
	}
}

// sortAddrs puts addresses in a fixed order, IPv4 first: the resolver
// orders them by this machine's routes (RFC 6724), which differ between
// machines, and keeps the server's order among equals.
func sortAddrs(addrs []netip.Addr) []string {
	slices.SortFunc(addrs, netip.Addr.Compare)
	out := make([]string, len(addrs))
	for i, a := range addrs {
		out[i] = a.String()
	}
	return out
}
