package main

import "context"

// defaultLimit is how many lookups run at once unless -limit says
// otherwise. Go's own cgo resolver caps itself the same way: at most 500
// getaddrinfo calls at once (acquireThread in src/net/net.go), because each
// one holds an operating system thread. The pure-Go resolver used here holds
// no thread, but every lookup in flight still holds two sockets, buffers and
// a timer, and a DNS server flooded with queries drops some: with 10,000
// names at once the answers that come late are marked "!" although nothing
// failed. -limit 0 is the Python original: every name at once.
const defaultLimit = 500

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
