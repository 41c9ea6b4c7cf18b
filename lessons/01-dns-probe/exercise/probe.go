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
	switch {
	case err == nil:
		return result{name: name, status: found, addrs: sortAddrs(addrs)}
	case ctx.Err() != nil: // Ctrl-C, not this lookup's own timeout
		return result{name: name, status: cancelled, reason: "cancelled"}
	// TODO(exercise 2): this is Python's `except socket.gaierror: free`:
	// every failure counts as "not found", so a dead network makes every
	// name look free. Only a *net.DNSError (errors.As) with IsNotFound is
	// notFound. A timeout (IsTimeout) is failed with the reason
	// fmt.Sprintf("no answer within %s (timeout)", timeout); a SERVFAIL
	// (IsTemporary, Err "server misbehaving") is failed with the reason
	// "server failure (SERVFAIL)"; any other error is failed with its text.
	default:
		return result{name: name, status: notFound}
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
		for _, name := range names {
			// With -limit, wait here for a free slot: the names start in
			// input order, at most cap(p.slots) at a time.
			if !p.acquire(ctx) {
				results <- result{name: name, status: cancelled, reason: "cancelled"}
				continue
			}
			// TODO(exercise 1): this probes one name, waits for its answer,
			// then probes the next: 25 lookups take the sum of their
			// latencies, and print in input order. Run each probe in a
			// goroutine of its own (a sync.WaitGroup's wg.Go), and close
			// results only after wg.Wait().
			results <- p.probe(ctx, name)
			p.release()
		}
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
	// TODO(exercise 3): -limit is ignored: nothing bounds how many lookups
	// run at once (after exercise 1, all of them). When
	// p.slots is not nil, take a slot by sending into it, in a select that
	// also gives up (returns false) when ctx.Done() is closed.
	return ctx.Err() == nil
}

// release gives the slot back: a receive makes room for one more send.
func (p *prober) release() {
	// TODO(exercise 3): when p.slots is not nil, receive from it.
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
