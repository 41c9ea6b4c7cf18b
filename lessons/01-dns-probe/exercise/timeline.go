package main

import (
	"context"
	"net/netip"
	"time"

	"goasync.dev/workbook/internal/timeline"
)

// traced is a resolver that draws each lookup as a bar on the -timeline,
// around the lookup rather than inside probe: the idea's code stays free of
// the instrument.
type traced struct {
	resolver
	rec     *timeline.Recorder
	timeout time.Duration // for the bar's note, as classify words it
}

func (t traced) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	done := t.rec.Start(display(host))
	start := time.Now()
	addrs, err := t.resolver.LookupNetIP(ctx, network, host)
	done(classify(ctx, host, addrs, err, time.Since(start), t.timeout).note())
	return addrs, err
}
