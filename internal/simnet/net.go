package simnet

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Net is a running simulated internet: a DNS server and an HTTP server that
// serve one World, and the real clients wired to them.
type Net struct {
	domains   map[string]Domain
	resources map[string]Resource
	hosts     map[string]bool // hosts the HTTP side accepts connections for

	closed    chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup // DNS goroutines

	mu    sync.Mutex
	conns map[net.Conn]struct{} // open in-memory DNS conns, closed by Close

	// In memory: HTTP over a listener of net.Pipe conns.
	pipes *pipeListener
	srv   *http.Server
	// On loopback: DNS and HTTP over TCP.
	dnsLn net.Listener
	hts   *httptest.Server

	transport *http.Transport
	resolver  *net.Resolver
}

// ErrClosed is returned by dials after Close.
var ErrClosed = errors.New("simnet: the simulated internet is closed")

func newNet(w *World) *Net {
	n := &Net{
		domains:   map[string]Domain{},
		resources: map[string]Resource{},
		hosts:     map[string]bool{},
		closed:    make(chan struct{}),
		conns:     map[net.Conn]struct{}{},
	}
	for _, d := range w.Domains {
		name := canonical(d.Name)
		n.domains[name] = d
		if d.Rcode == "" && !d.Silent && len(d.Addrs) > 0 {
			n.hosts[name] = true
		}
	}
	for _, r := range w.Resources {
		k, err := key(r.URL)
		if err != nil {
			continue // Validate reports it; an unusable URL is simply not served
		}
		n.resources[k] = r
		n.hosts[hostOf(k)] = true
	}
	return n
}

// NewMemory starts the world on in-memory pipes (net.Pipe): no socket is
// opened. Inside a testing/synctest bubble every latency is virtual time, so
// results are exact and repeatable; call Close before the bubble ends.
func NewMemory(w *World) *Net {
	n := newNet(w)
	n.pipes = newPipeListener()
	n.srv = &http.Server{Handler: http.HandlerFunc(n.serveHTTP)}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		n.srv.Serve(n.pipes) // returns when Close closes the listener
	}()
	n.wire(n.dialMemoryDNS, func(ctx context.Context) (net.Conn, error) { return n.pipes.dial(ctx) })
	return n
}

// NewLoopback starts the world on 127.0.0.1, on ports the system picks, on
// the real clock. DNS is served over TCP (RFC 7766), as on pipes: over UDP a
// burst of a thousand queries overflows the socket buffer and some are lost.
func NewLoopback(w *World) (*Net, error) {
	n := newNet(w)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("simnet: DNS server: %w", err)
	}
	n.dnsLn = ln
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return // closed
			}
			n.serveDNS(c)
		}
	}()
	n.hts = httptest.NewServer(http.HandlerFunc(n.serveHTTP))
	var d net.Dialer
	n.wire(
		func(ctx context.Context, _, _ string) (net.Conn, error) {
			return d.DialContext(ctx, "tcp", ln.Addr().String())
		},
		func(ctx context.Context) (net.Conn, error) {
			return d.DialContext(ctx, "tcp", n.hts.Listener.Addr().String())
		})
	return n, nil
}

// wire builds the real clients: a resolver whose every query goes to our DNS
// server, and a transport whose every connection goes to our HTTP server.
func (n *Net) wire(dialDNS func(ctx context.Context, network, address string) (net.Conn, error), dialHTTP func(ctx context.Context) (net.Conn, error)) {
	n.resolver = &net.Resolver{PreferGo: true, Dial: dialDNS}
	dial := func(ctx context.Context, _, addr string) (net.Conn, error) {
		if err := n.checkHost(addr); err != nil {
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
		ForceAttemptHTTP2:   false,
		MaxIdleConnsPerHost: 1024,
		IdleConnTimeout:     30 * time.Second,
	}
}

// checkHost fails like a DNS lookup for hosts the world does not serve, so a
// lesson can show an unreachable host.
func (n *Net) checkHost(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if n.hosts[canonical(host)] {
		return nil
	}
	return &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
}

// Resolver returns a real *net.Resolver (the pure Go one) whose queries all
// go to the simulated DNS server.
func (n *Net) Resolver() *net.Resolver { return n.resolver }

// Transport returns a real *http.Transport that connects to the simulated
// HTTP server for every host of the world. https URLs work, served as plain
// HTTP.
func (n *Net) Transport() *http.Transport { return n.transport }

// Client returns an *http.Client on Transport with the given timeout (0: none).
func (n *Net) Client(timeout time.Duration) *http.Client {
	return &http.Client{Transport: n.transport, Timeout: timeout}
}

// Close stops the servers, ends every request and query in flight, and waits
// for every goroutine Net started. It is safe to call more than once.
func (n *Net) Close() error {
	n.closeOnce.Do(func() {
		close(n.closed) // wakes every wait in a handler or a DNS reply
		n.transport.CloseIdleConnections()
		if n.srv != nil {
			n.srv.Close()
		}
		if n.hts != nil {
			n.hts.CloseClientConnections()
			n.hts.Close()
		}
		if n.dnsLn != nil {
			n.dnsLn.Close()
		}
		n.mu.Lock()
		for c := range n.conns {
			c.Close()
		}
		n.mu.Unlock()
		n.wg.Wait()
	})
	return nil
}

// wait sleeps d, or less if ctx ends or the Net closes; it reports whether
// the whole d passed.
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

// dialMemoryDNS gives the resolver one end of a pipe and serves the other.
// A net.Pipe is not a net.PacketConn, so the resolver speaks DNS over TCP
// framing on it: a 2-byte length before each message.
func (n *Net) dialMemoryDNS(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	if !n.serveDNS(server) {
		client.Close()
		return nil, ErrClosed
	}
	return client, nil
}

// serveDNS serves one DNS connection in a goroutine of its own, tracked so
// that Close can end it. It reports false if the Net is already closed.
func (n *Net) serveDNS(c net.Conn) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	select {
	case <-n.closed:
		c.Close()
		return false
	default:
	}
	n.conns[c] = struct{}{}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		n.serveStream(c)
		n.mu.Lock()
		delete(n.conns, c)
		n.mu.Unlock()
	}()
	return true
}

// serveStream answers length-prefixed queries (DNS over TCP framing) until
// the client hangs up.
func (n *Net) serveStream(c net.Conn) {
	defer c.Close()
	for {
		var size [2]byte
		if _, err := io.ReadFull(c, size[:]); err != nil {
			return
		}
		query := make([]byte, binary.BigEndian.Uint16(size[:]))
		if _, err := io.ReadFull(c, query); err != nil {
			return
		}
		ans, err := n.answerDNS(query)
		if err != nil {
			return
		}
		if ans.reply == nil {
			continue // silent: the client times out and hangs up
		}
		if !n.wait(context.Background(), ans.latency) {
			return
		}
		msg := binary.BigEndian.AppendUint16(nil, uint16(len(ans.reply)))
		if _, err := c.Write(append(msg, ans.reply...)); err != nil {
			return
		}
	}
}

// pipeListener is a net.Listener whose connections are net.Pipe ends handed
// over by dial.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

func (l *pipeListener) dial(ctx context.Context) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "simnet" }
