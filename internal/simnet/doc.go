// Package simnet is a small simulated internet that the lessons' real
// clients, a *net.Resolver and an *http.Client, talk to over real protocols,
// so a lesson runs the same code online, offline and under test.
//
// A World (data: see DefaultWorld, and testdata/simnet/default-world.json)
// says which names resolve and which URLs answer what, after which latency.
// A Net serves it with a DNS server (the wire protocol, built with
// golang.org/x/net/dns/dnsmessage) and an HTTP/1.1 server (net/http), in one
// of two transports:
//
//   - NewMemory, on in-memory pipes (net.Pipe), opens no socket. Inside a
//     testing/synctest bubble every latency is virtual time, so results are
//     exact and repeatable and cost no real time.
//   - NewLoopback, on 127.0.0.1 with ports the system picks, runs on the real
//     clock: for real-clock tests, benchmarks and a lesson's -offline flag.
//
// https URLs are served as plain HTTP: the simulation has no certificates.
// Transport's TLS dial hands net/http the plain connection, which it then
// uses as it is (a response's TLS field is nil).
//
// The first DNS lookup of a process must not happen inside a synctest
// bubble: the pure Go resolver creates its configuration's channel on first
// use, and a channel made inside a bubble belongs to it, so the next lookup
// from any other bubble, or from outside, kills the test binary ("fatal
// error: send on synctest channel from outside bubble"). This package's init
// makes that first lookup, so a lesson's tests never need to know.
package simnet
