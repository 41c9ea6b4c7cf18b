// exercise: 2
// want: labelled "server failure (SERVFAIL)"
//
// A wrong solution of exercise 2: every error that is neither NXDOMAIN nor
// a timeout is called SERVFAIL, also when the network is down.
package main

func classify(ctx context.Context, name string, addrs []netip.Addr, err error, waited, timeout time.Duration) result {
	var dnsErr *net.DNSError
	switch {
	case err == nil:
		return result{name: name, status: found, addrs: sortAddrs(addrs)}
	case errors.Is(ctx.Err(), context.Canceled):
		return result{name: name, status: cancelled, reason: "cancelled"}
	case !errors.As(err, &dnsErr):
		return result{name: name, status: failed, reason: err.Error()}
	case dnsErr.IsNotFound:
		return result{name: name, status: notFound}
	case dnsErr.IsTimeout:
		return result{name: name, status: failed, timedOut: true, reason: timeoutReason(ctx, waited, timeout)}
	default:
		return result{name: name, status: failed, reason: "server failure (SERVFAIL)"}
	}
}
