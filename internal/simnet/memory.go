package simnet

import (
	"context"
	"net"
	"sync"
)

// NewMemory starts the world w (nil: DefaultWorld()) on in-memory pipes
// (net.Pipe): no socket is opened. Inside a testing/synctest bubble every
// latency is virtual time, so results are exact and repeatable. Call it
// inside the bubble that uses it, and Close it before the bubble ends. An
// invalid w is an error that says what to fix, as in NewLoopback.
func NewMemory(w *World) (*Net, error) {
	n, err := newNet(w)
	if err != nil {
		return nil, err
	}
	pipes := newPipeListener()
	n.start(pipes, n.dialMemoryDNS, pipes.dial)
	return n, nil
}

// dialMemoryDNS gives the resolver one end of a pipe and serves the other
// in a goroutine. A net.Pipe is not a net.PacketConn, so the resolver
// speaks DNS over TCP framing on it: a 2-byte length before each message.
// The resolver dials once per question (A and AAAA in parallel).
func (n *Net) dialMemoryDNS(ctx context.Context) (net.Conn, error) {
	client, server := net.Pipe()
	if !n.track(ctx, server, n.serveStream) {
		client.Close()
		return nil, &net.OpError{Op: "dial", Net: "pipe", Err: ErrClosed}
	}
	return queryConn{client, ctx}, nil
}

// pipeListener is a net.Listener whose connections are the server ends of
// net.Pipes made by dial.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

// Accept waits for a dial.
func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

// Close makes Accept and dial fail from now on.
func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

// Addr is a placeholder: pipes have no address.
func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

// dial makes a pipe, hands one end to Accept and returns the other.
func (l *pipeListener) dial(ctx context.Context) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		client.Close()
		server.Close()
		return nil, &net.OpError{Op: "dial", Net: "pipe", Err: ErrClosed}
	case <-ctx.Done():
		client.Close()
		server.Close()
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "simnet" }
