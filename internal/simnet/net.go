package simnet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Net is a running simulated internet: a DNS server and an HTTP server that
// serve one World, and the real clients wired to them. Make one with
// NewMemory or NewLoopback and Close it when done.
type Net struct {
	domains   map[string]Domain   // by canonical name
	resources map[string]Resource // by key: host + path
	webHosts  map[string]bool     // the hosts of the resources
	refusing  map[string]bool     // the hosts of FaultRefuse resources

	closed    chan struct{} // closed by Close: wakes every wait
	closeOnce sync.Once
	wg        sync.WaitGroup // every goroutine Net starts, and every HTTP connection

	mu    sync.Mutex
	conns map[net.Conn]struct{} // open DNS conns, closed by Close
	// answered counts the answers to each FailFirst resource, by its URL.
	answered map[string]int

	srv *http.Server
	ln  net.Listener     // the HTTP server's: pipes or TCP
	udp []net.PacketConn // the loopback DNS server's sockets
	// queries counts the DNS queries each of udp received, so a test can
	// see that they are spread over all of them.
	queries [dnsSockets]atomic.Int64

	transport *http.Transport
	resolver  *net.Resolver

	requests requestLog // what the HTTP server saw: Requests
}

// ErrClosed is the error of a dial after Close.
var ErrClosed = errors.New("simnet: the simulated internet is closed")

// newNet validates w (nil: DefaultWorld()) and indexes it. An invalid w
// is an error that names every entry to fix.
func newNet(w *World) (*Net, error) {
	if w == nil {
		w = DefaultWorld()
	}
	if err := w.Validate(); err != nil {
		return nil, fmt.Errorf("simnet: %w", err)
	}
	n := &Net{
		domains:   map[string]Domain{},
		resources: map[string]Resource{},
		webHosts:  map[string]bool{},
		refusing:  map[string]bool{},
		closed:    make(chan struct{}),
		conns:     map[net.Conn]struct{}{},
		answered:  map[string]int{},
	}
	for _, d := range w.Domains {
		n.domains[canonical(d.Name)] = d
	}
	for _, r := range w.Resources {
		k, _ := key(r.URL) // Validate checked it
		n.resources[k] = r
		n.webHosts[hostOf(k)] = true
		if r.Fault == FaultRefuse {
			n.refusing[hostOf(k)] = true
		}
	}
	return n, nil
}

// start wires the real clients and starts the HTTP server on ln.
// dialDNS gives the resolver a conn to the DNS server; dialHTTP a conn to
// the HTTP server.
func (n *Net) start(ln net.Listener, dialDNS func(ctx context.Context) (net.Conn, error), dialHTTP func(ctx context.Context) (net.Conn, error)) {
	n.resolver = &net.Resolver{
		PreferGo: true, // the pure Go resolver: the only one that calls Dial
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			// Whatever nameserver resolv.conf names, ask ours.
			return dialDNS(ctx)
		},
	}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		if err := n.reach(ctx, network, addr); err != nil {
			return nil, err
		}
		return dialHTTP(ctx)
	}
	n.transport = &http.Transport{
		Proxy:       nil, // never a proxy from the environment
		DialContext: dial,
		// https URLs are served as plain HTTP: the "TLS" dial returns the
		// plain connection, which net/http then uses as it is.
		DialTLSContext:      dial,
		ForceAttemptHTTP2:   false, // HTTP/1.1 only
		MaxIdleConnsPerHost: 1024,  // a benchmark's 1,000 parallel GETs reuse their conns
		IdleConnTimeout:     30 * time.Second,
	}

	n.ln = ln
	n.srv = &http.Server{
		Handler: http.HandlerFunc(n.handle),
		// Count every connection, so Close can wait for its goroutine:
		// StateNew comes before the server starts it, StateClosed or
		// StateHijacked when it ends, after the handler returned.
		ConnState: func(_ net.Conn, s http.ConnState) {
			switch s {
			case http.StateNew:
				n.wg.Add(1)
			case http.StateClosed, http.StateHijacked:
				n.wg.Done()
			}
		},
	}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		n.srv.Serve(ln) // returns when Close closes the listener
	}()
}

// reach fails, the way a DNS lookup would, to dial a host the world does
// not serve; the rules are in Transport's documentation.
func (n *Net) reach(ctx context.Context, network, addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if n.refusing[canonical(host)] {
		// What a dial to a port where nothing listens returns.
		return &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return nil
	}
	fail := func(dnsErr *net.DNSError) error {
		dnsErr.Name = host
		return &net.OpError{Op: "dial", Net: network, Err: dnsErr}
	}
	d, known := n.domains[canonical(host)]
	switch {
	case !known && n.webHosts[canonical(host)]:
		return nil
	case d.Rcode == RcodeREFUSED:
		return fail(&net.DNSError{Err: "server misbehaving"})
	case !known || d.Rcode == RcodeNXDOMAIN || (!d.Silent && d.Rcode == "" && len(d.Addrs) == 0):
		return fail(&net.DNSError{Err: "no such host", IsNotFound: true})
	case d.Rcode == RcodeSERVFAIL:
		return fail(&net.DNSError{Err: "server misbehaving", IsTemporary: true})
	case d.Silent:
		select {
		case <-ctx.Done():
		case <-n.closed:
		}
		return fail(&net.DNSError{Err: "i/o timeout", IsTimeout: true, IsTemporary: true})
	}
	return nil
}

// Resolver returns a real *net.Resolver (the pure Go one) whose queries all
// go to the simulated DNS server, whatever nameserver resolv.conf names.
// Names are still looked up in /etc/hosts first, and resolv.conf's search
// domains still apply; the world answers names it does not know (such as
// go.dev.corp.example.) with NXDOMAIN at once, so they cost no time.
func (n *Net) Resolver() *net.Resolver { return n.resolver }

// Transport returns a real *http.Transport (HTTP/1.1, no proxy) whose
// every connection goes to the simulated HTTP server. https URLs work,
// served as plain HTTP. Before connecting, it checks the host against the
// world, without DNS traffic or latency (a Resource's latency is the whole
// wait), so a lesson can show an unreachable host:
//
//   - a host with a Domain entry is reached if that Domain resolves (has
//     addresses and no rcode). NXDOMAIN, or no address: the dial fails with
//     a *net.DNSError "no such host" (IsNotFound); SERVFAIL: "server
//     misbehaving" (IsTemporary); Silent: the dial hangs until the request's
//     context ends;
//   - a host without a Domain entry is reached if some Resource is on it,
//     else "no such host";
//   - an IP literal is always reached (its pages are 404s).
//
// On a reached host, a URL that is not in the world is a 404 with a short
// text body.
func (n *Net) Transport() *http.Transport { return n.transport }

// Client returns an *http.Client on Transport with the given timeout (0:
// none).
func (n *Net) Client(timeout time.Duration) *http.Client {
	return &http.Client{Transport: n.transport, Timeout: timeout}
}

// Close stops the servers, ends every request and query in flight (they
// fail), closes the Transport's idle connections, and waits for every
// goroutine Net started. It is safe to call more than once.
func (n *Net) Close() error {
	n.closeOnce.Do(func() {
		n.mu.Lock()
		close(n.closed) // wakes every wait in a handler or a DNS reply; no new DNS conn
		for c := range n.conns {
			c.Close()
		}
		n.mu.Unlock()
		n.transport.CloseIdleConnections()
		n.srv.Close() // closes the listener and every connection: a client conn idle after this reads EOF and ends
		n.closeSockets()
		n.wg.Wait()
	})
	return nil
}

// wait sleeps d, or less if ctx ends or the Net closes; it reports whether
// the whole d passed. Inside a synctest bubble d is virtual time.
func (n *Net) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-n.closed:
		return false
	}
}

// track registers c, a DNS conn, so that Close closes it, and closes it as
// soon as ctx ends: the resolver's query context ends when the query is
// over or when the caller of the lookup gives up. If serve is not nil it
// serves c in a goroutine. track reports false (and closes c) if the Net is
// already closed.
func (n *Net) track(ctx context.Context, c net.Conn, serve func(net.Conn)) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	select {
	case <-n.closed:
		c.Close()
		return false
	default:
	}
	n.conns[c] = struct{}{}
	context.AfterFunc(ctx, func() { n.untrack(c) })
	if serve != nil {
		// Under n.mu, so never after Close started waiting.
		n.wg.Go(func() { serve(c) })
	}
	return true
}

// untrack closes c and forgets it.
func (n *Net) untrack(c net.Conn) {
	c.Close()
	n.mu.Lock()
	delete(n.conns, c)
	n.mu.Unlock()
}

// queryConn is the resolver's end of a DNS conn. Once the query's context
// ends, track closes the conn, and queryConn turns the resulting read error
// into the context's: a timeout stays a timeout (IsTimeout), a cancelled
// lookup says "operation was canceled", not "read on closed pipe".
type queryConn struct {
	net.Conn
	ctx context.Context
}

func (c queryConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	return n, ctxErr(c.ctx, err)
}

func (c queryConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	return n, ctxErr(c.ctx, err)
}

// queryPacketConn is queryConn for UDP. It stays a net.PacketConn, which
// tells the resolver to speak DNS over UDP and not with TCP framing.
type queryPacketConn struct {
	*net.UDPConn
	ctx context.Context
}

func (c queryPacketConn) Read(b []byte) (int, error) {
	n, err := c.UDPConn.Read(b)
	return n, ctxErr(c.ctx, err)
}

func (c queryPacketConn) Write(b []byte) (int, error) {
	n, err := c.UDPConn.Write(b)
	return n, ctxErr(c.ctx, err)
}

// ctxErr returns err, or the error the resolver maps to ctx's end if ctx has
// ended: os.ErrDeadlineExceeded (what a conn's deadline gives) or
// context.Canceled.
func ctxErr(ctx context.Context, err error) error {
	switch {
	case err == nil || ctx.Err() == nil:
		return err
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return os.ErrDeadlineExceeded
	default:
		return context.Canceled
	}
}
