package main

import (
	"context"
	"io"
	"net/netip"
	"sync"
	"time"
)

// This file is the lesson's idea: fan-out and fan-in. probe is one lookup,
// probeAll starts one goroutine per name and gathers their results on one
// channel, and channelResults prints them in the order they complete. The
// semaphore of -limit is in limit.go, the iterator version in
// generator.go; what a result means is in classify.go.

// resolver is what a probe needs from a DNS resolver: *net.Resolver, or
// the same resolver wrapped to draw the -timeline (timeline.go).
type resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// prober holds what every probe shares: the resolver, the per-lookup
// timeout and the slots of -limit.
type prober struct {
	resolver resolver
	timeout  time.Duration
	slots    chan struct{} // nil: no limit; else one token per running lookup
}

// probe looks one name up. It is Python's
//
//	async def probe(domain):
//	    loop = asyncio.get_running_loop()
//	    try:
//	        await loop.getaddrinfo(domain, None)
//	    except socket.gaierror:
//	        return domain, False
//	    return domain, True
//
// The lookup blocks this goroutine, not the program: while it waits for the
// DNS server, every other goroutine runs. ctx carries Ctrl-C; the timeout
// bounds this one lookup. LookupNetIP returns as soon as ctx is done.
func (p *prober) probe(ctx context.Context, name string) result {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	start := time.Now()
	addrs, err := p.resolver.LookupNetIP(ctx, "ip", name)
	return classify(ctx, name, addrs, err, time.Since(start), p.timeout)
}

// probeAll starts one goroutine per name and returns the channel their
// results arrive on, in the order they complete. Reading it is
//
//	for next_done in asyncio.as_completed([probe(d) for d in domains]):
//	    domain, found = await next_done
//
// The channel has room for every result, so a goroutine never waits for the
// reader; it is closed once every probe has returned, so `for r := range`
// ends by itself. Go has no event loop to hand the coroutines to: `go`
// starts each one, and the runtime runs them on its threads.
func (p *prober) probeAll(ctx context.Context, names []string) <-chan result {
	results := make(chan result, len(names))
	go func() {
		//exercise:1
		var wg sync.WaitGroup
		//exercise:end
		for _, name := range names {
			// Wait here for a free slot (limit.go): the names start in
			// input order, at most cap(p.slots) at a time.
			if !p.acquire(ctx) {
				results <- result{name: name, status: cancelled, reason: "cancelled"}
				continue
			}
			//exercise:1 this probes one name, waits for its answer,
			//exercise:1 then probes the next: 25 lookups take the sum of their
			//exercise:1 latencies, and print in input order. Run each probe in a
			//exercise:1 goroutine of its own (a sync.WaitGroup's wg.Go), and close
			//exercise:1 results only after wg.Wait().
			wg.Go(func() {
				defer p.release()
				results <- p.probe(ctx, name)
			})
			//exercise:shipped results <- p.probe(ctx, name)
			//exercise:shipped p.release()
			//exercise:end
		}
		//exercise:1
		wg.Wait()
		//exercise:end
		close(results)
	}()
	return results
}

// channelResults is -style channel: print each result as it arrives on
// probeAll's channel. The range is the `for ... in as_completed(...)` loop.
func channelResults(ctx context.Context, p *prober, names []string, out io.Writer, l *listing) {
	for r := range p.probeAll(ctx, names) {
		l.print(out, r)
	}
}
