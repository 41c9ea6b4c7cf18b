// exercise: 2
// want: labelled "server failure (SERVFAIL)"
//
// A wrong solution of exercise 2: every error that is neither NXDOMAIN nor
// a timeout is called SERVFAIL, also when the network is down.
package main

func classify(ctx context.Context, name string, addrs []netip.Addr, err error, timeout time.Duration) result {
	var dnsErr *net.DNSError
	switch {
	case err == nil:
		return result{name: name, status: found, addrs: sortAddrs(addrs)}
	case ctx.Err() != nil:
		return result{name: name, status: cancelled, reason: "cancelled"}
	case !errors.As(err, &dnsErr):
		return result{name: name, status: failed, reason: err.Error()}
	case dnsErr.IsNotFound:
		return result{name: name, status: notFound}
	case dnsErr.IsTimeout:
		return result{name: name, status: failed, reason: fmt.Sprintf("no answer within %s (timeout)", timeout)}
	default:
		return result{name: name, status: failed, reason: "server failure (SERVFAIL)"}
	}
}
