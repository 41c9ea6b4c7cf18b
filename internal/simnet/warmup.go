package simnet

import (
	"context"
	"errors"
	"net"
)

// init runs the pure Go resolver once, outside any synctest bubble, so that
// it creates its lazily made state (the resolv.conf and nsswitch.conf
// channels) here and not in the first bubble that looks a name up; see the
// package documentation. The name is looked up in /etc/hosts and then the
// dial fails at once: no packet leaves the machine.
//
// Checked by removing this function: TestFirstLookupInsideABubble then dies
// in its second bubble with "fatal error: send on synctest channel from
// outside bubble" in net.(*resolverConfig).tryAcquireSema.
func init() {
	r := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("simnet: warm-up lookup, never sent")
	}}
	r.LookupHost(context.Background(), "warm-up.simnet.invalid")
}
