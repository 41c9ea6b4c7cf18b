package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"goasync.dev/workbook/internal/timeline"
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
	name   string
	status status
	addrs  []string // when found, sorted (IPv4 first)
	reason string   // when failed, invalid or cancelled
}

// prober holds what every probe shares: the resolver, the per-lookup
// timeout, the slots of -limit and the timeline recorder.
type prober struct {
	resolver *net.Resolver
	timeout  time.Duration
	slots    chan struct{} // nil: no limit; else one token per running lookup
	rec      *timeline.Recorder
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
// DNS server, every other goroutine runs, as other coroutines run while one
// awaits getaddrinfo. ctx carries Ctrl-C; the timeout bounds one lookup.
// LookupNetIP returns as soon as ctx is cancelled: it waits for the
// resolver in a select on ctx.Done().
func (p *prober) probe(ctx context.Context, name string) result {
	done := p.rec.Start(name)
	lookupCtx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	addrs, err := p.resolver.LookupNetIP(lookupCtx, "ip", name)
	r := classify(ctx, name, addrs, err, p.timeout)
	done(r.note())
	return r
}

// classify turns a lookup's answer into a result. Only "no such host"
// (NXDOMAIN) means the name is free. Python's except socket.gaierror catches
// every failure, so a dead network makes every name look free; here a
// timeout or a failing server is its own kind of answer.
func classify(ctx context.Context, name string, addrs []netip.Addr, err error, timeout time.Duration) result {
	//exercise:2
	var dnsErr *net.DNSError
	//exercise:end
	switch {
	case err == nil:
		return result{name: name, status: found, addrs: sortAddrs(addrs)}
	case ctx.Err() != nil: // Ctrl-C, not this lookup's own timeout
		return result{name: name, status: cancelled, reason: "cancelled"}
	//exercise:2 this is Python's `except socket.gaierror: free`:
	//exercise:2 every failure counts as "not found", so a dead network makes every
	//exercise:2 name look free. Only a *net.DNSError (errors.As) with IsNotFound is
	//exercise:2 notFound. A timeout (IsTimeout) is failed with the reason
	//exercise:2 fmt.Sprintf("no answer within %s (timeout)", timeout); a SERVFAIL
	//exercise:2 (IsTemporary, Err "server misbehaving") is failed with the reason
	//exercise:2 "server failure (SERVFAIL)"; any other error is failed with its text.
	case !errors.As(err, &dnsErr):
		return result{name: name, status: failed, reason: err.Error()}
	case dnsErr.IsNotFound:
		return result{name: name, status: notFound}
	case dnsErr.IsTimeout:
		return result{name: name, status: failed, reason: fmt.Sprintf("no answer within %s (timeout)", timeout)}
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
// machines.
func sortAddrs(addrs []netip.Addr) []string {
	slices.SortFunc(addrs, netip.Addr.Compare)
	out := make([]string, len(addrs))
	for i, a := range addrs {
		out[i] = a.String()
	}
	return out
}

// probeAll starts one goroutine per name and returns the channel their
// results arrive on, in the order they complete. Reading it is
//
//	for coro in asyncio.as_completed([probe(d) for d in domains]):
//	    domain, found = await coro
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
			// With -limit, wait here for a free slot: the names start in
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

// acquire takes a slot of -limit, the Go shape of `async with semaphore:`.
// The buffered channel is the semaphore: a send takes a slot and blocks
// while all cap(slots) are taken. It gives up when ctx is cancelled.
func (p *prober) acquire(ctx context.Context) bool {
	//exercise:3 -limit is ignored: nothing bounds how many lookups
	//exercise:3 run at once (after exercise 1, all of them). When
	//exercise:3 p.slots is not nil, take a slot by sending into it, in a select that
	//exercise:3 also gives up (returns false) when ctx.Done() is closed.
	if p.slots == nil {
		return ctx.Err() == nil
	}
	select {
	case p.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
	//exercise:shipped return ctx.Err() == nil
	//exercise:end
}

// release gives the slot back: a receive makes room for one more send.
func (p *prober) release() {
	//exercise:3 when p.slots is not nil, receive from it.
	if p.slots != nil {
		<-p.slots
	}
	//exercise:end
}

// validate says why name is not a DNS host name, or returns nil. A bad name
// is reported without a query: the resolver would refuse some of them, and
// others it would send as they are and get a confusing answer back.
func validate(name string) error {
	host := strings.TrimSuffix(name, ".") // "go.dev." is the same name
	switch {
	case host == "":
		return errors.New("empty name")
	case len(host) > 253:
		return fmt.Errorf("%d bytes long, more than 253", len(host))
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return errors.New("an IP address, not a name")
	}
	for label := range strings.SplitSeq(host, ".") {
		switch {
		case label == "":
			return errors.New("empty label (two dots in a row, or a dot first)")
		case len(label) > 63:
			return fmt.Errorf("label %.10q... is %d bytes long, more than 63", label, len(label))
		case label[0] == '-' || label[len(label)-1] == '-':
			return fmt.Errorf("label %q starts or ends with '-'", label)
		}
		for _, c := range label {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return fmt.Errorf("%q is not allowed: use letters, digits, '-' and '.'", c)
			}
		}
	}
	return nil
}

// listing prints results as people read them: a mark, the name padded to
// the longest name, then the addresses or the reason. Goroutines never call
// it: one loop prints, so lines never interleave.
type listing struct {
	width  int
	counts [cancelled + 1]int
}

func newListing(names []string) *listing {
	l := &listing{}
	for _, n := range names {
		l.width = max(l.width, len(display(n)))
	}
	l.width = min(l.width, maxWidth)
	return l
}

// maxWidth keeps one very long name from pushing every other line's
// addresses off the screen.
const maxWidth = 24

// display quotes a name that would not show as one word: "" or "bad name".
func display(name string) string {
	if name == "" || strings.ContainsFunc(name, unicode.IsSpace) {
		return strconv.Quote(name)
	}
	return name
}

func (l *listing) print(out io.Writer, r result) {
	l.counts[r.status]++
	if r.status == cancelled {
		return
	}
	detail := r.reason
	if r.status == found {
		detail = strings.Join(r.addrs, " ")
	}
	line := fmt.Sprintf("%s %-*s  %s", r.status.mark(), l.width, display(r.name), detail)
	fmt.Fprintln(out, strings.TrimRight(line, " "))
}
