package simnet

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"
)

// dnsSockets is how many UDP sockets the loopback DNS server listens on.
// A burst of 2,000 queries (1,000 lookups, A and AAAA) overflows one
// socket's receive buffer (208 KiB unless net.core.rmem_max allows more),
// and every lost query waits out the resolver's 5 s timeout. The resolver's
// dials are spread over the sockets, each with a buffer of its own.
const dnsSockets = 16

// NewLoopback starts the world w (nil: DefaultWorld()) on 127.0.0.1, on
// ports the system picks, on the real clock: DNS over UDP, a goroutine per
// query; HTTP/1.1 over TCP. It fails if w is invalid or a port can not be
// opened.
func NewLoopback(w *World) (*Net, error) {
	n, err := newNet(w)
	if err != nil {
		return nil, err
	}
	for range dnsSockets {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			n.closeSockets()
			return nil, fmt.Errorf("simnet: DNS server: %w", err)
		}
		if u, ok := pc.(*net.UDPConn); ok {
			u.SetReadBuffer(1 << 20) // more room if rmem_max allows it
		}
		n.udp = append(n.udp, pc)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		n.closeSockets()
		return nil, fmt.Errorf("simnet: HTTP server: %w", err)
	}
	for i, pc := range n.udp {
		n.wg.Go(func() { n.servePackets(pc, &n.queries[i]) })
	}
	var d net.Dialer
	var next atomic.Uint32
	n.start(ln,
		func(ctx context.Context) (net.Conn, error) {
			// A UDP dial sends nothing: no need for ctx.
			pc := n.udp[next.Add(1)%dnsSockets]
			c, err := net.DialUDP("udp", nil, pc.LocalAddr().(*net.UDPAddr))
			if err != nil {
				return nil, err
			}
			if !n.track(ctx, c, nil) {
				return nil, &net.OpError{Op: "dial", Net: "udp", Err: ErrClosed}
			}
			return queryPacketConn{c, ctx}, nil
		},
		func(ctx context.Context) (net.Conn, error) {
			return d.DialContext(ctx, "tcp", ln.Addr().String())
		})
	return n, nil
}

// closeSockets closes the DNS server's sockets, which ends servePackets.
func (n *Net) closeSockets() {
	for _, pc := range n.udp {
		pc.Close()
	}
}

// DNSAddr returns the address ("127.0.0.1:port") of the loopback DNS
// server, for a program that is not Go to send its UDP queries to (lesson
// 05's Python pipeline); "" for a Net in memory, which has no socket.
func (n *Net) DNSAddr() string {
	if len(n.udp) == 0 {
		return ""
	}
	return n.udp[0].LocalAddr().String()
}
