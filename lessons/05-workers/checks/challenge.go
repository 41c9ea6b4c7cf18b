package checks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// UntilErrorFunc is the challenge's function, as the check calls it: probe
// names on workers workers with r, stop at the first failed lookup, and
// return the names of every result that finished, those of the results
// whose lookup was cancelled, and the failure's error.
type UntilErrorFunc func(ctx context.Context, r *net.Resolver, names []string, workers int) (finished, cancelled []string, err error)

// The challenge's run: challengeNames names of challengeLatency on
// challengeWorkers workers, where the failIndex-th (from 1) fails at once
// (SERVFAIL after 1ms per attempt: the resolver asks again, as
// resolv.conf says, but well within one round).
const (
	challengeNames   = 100
	challengeWorkers = 10
	challengeLatency = 100 * time.Millisecond
	failIndex        = 35
	failLatency      = time.Millisecond
)

// UntilErrorTook is how long the challenge's run takes: the failing name's
// round (the 4th, from 300 ms) ends, and no other starts.
const UntilErrorTook = ((failIndex-1)/challengeWorkers + 1) * challengeLatency

// challengeWorld returns the challenge's names and world.
func challengeWorld() ([]string, *simnet.World) {
	w := &simnet.World{}
	var names []string
	for i := 1; i <= challengeNames; i++ {
		d := simnet.Domain{Name: fmt.Sprintf("probe%04d.dev", i), Latency: simnet.Duration(challengeLatency), Addrs: []string{"198.18.0.1"}}
		if i == failIndex {
			d.Addrs, d.Rcode, d.Latency = nil, simnet.RcodeSERVFAIL, simnet.Duration(failLatency)
		}
		names = append(names, d.Name)
		w.Domains = append(w.Domains, d)
	}
	return names, w
}

// Challenges returns the lesson's challenge, checked against fn of the
// copy under test. It comes after the exercises.
func Challenges(fn UntilErrorFunc) []exercise.Exercise {
	names, _ := challengeWorld()
	return []exercise.Exercise{
		{
			Name: "challenge-until-error",
			Goal: fmt.Sprintf("challenge: probeUntilError stops handing out names at the first failed lookup, lets the running ones finish, and returns all %d finished results after exactly %s", finished(), Seconds(UntilErrorTook)),
			Hints: []string{
				"the workers must be able to tell the producer to stop, and the producer must be able to stop while it waits to hand out a name",
				fmt.Sprintf("a channel that the first failing worker closes (once: sync.Once) is a signal every goroutine can select on; a name already handed out but not yet probed must not be probed either (%s fails while other workers are busy)", names[failIndex-1]),
				"the producer: `select { case queue <- name: case <-stop: return }` and `defer close(queue)`; each worker: `for name := range queue { if stopped() { continue }; r := probe(...); if r.status == failed { once.Do(func() { err = ...; close(stop) }) }; results <- r }`; close results after wg.Wait(), and read them all",
			},
			Check: func(t *testing.T) { checkUntilError(t, fn) },
		},
	}
}

// finished is how many results the challenge's run returns: every name up
// to the end of the failing one's round.
func finished() int { return int(UntilErrorTook / challengeLatency * challengeWorkers) }

// askLog records which of the challenge's names the DNS server was asked
// about, by looking for each name's wire form in the queries the resolver
// writes.
type askLog struct {
	mu    sync.Mutex
	names []string
	asked map[string]bool
}

func (l *askLog) resolver(n *simnet.Net) *net.Resolver {
	dial := n.Resolver().Dial
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &askConn{Conn: c, log: l}, nil
	}}
}

type askConn struct {
	net.Conn
	log *askLog
}

func (c *askConn) Write(b []byte) (int, error) {
	c.log.mu.Lock()
	for _, name := range c.log.names {
		if bytes.Contains(b, wire(name)) {
			c.log.asked[name] = true
		}
	}
	c.log.mu.Unlock()
	return c.Conn.Write(b)
}

// wire is a name as a DNS message spells it: each label after its length.
func wire(name string) []byte {
	var b []byte
	for label := range strings.SplitSeq(name, ".") {
		b = append(append(b, byte(len(label))), label...)
	}
	return b
}

// simnetServer is in the stack of the simulated DNS server's goroutines:
// they are not the learner's.
const simnetServer = "internal/simnet.(*Net).serve"

// checkUntilError runs fn on the challenge's names and checks what it
// returned, when, which names the DNS server saw, and what was left
// running.
func checkUntilError(t *testing.T, fn UntilErrorFunc) {
	names, world := challengeWorld()
	want := names[:finished()]
	log := &askLog{names: names, asked: map[string]bool{}}
	var got, cut []string
	var err error
	var failTook time.Duration
	var m lessontest.Measure
	dl := lessontest.SynctestTest(t, func(t *testing.T) {
		sim, simErr := simnet.NewMemory(world)
		if simErr != nil {
			t.Fatalf("the world of this check is invalid: %v", simErr)
		}
		defer sim.Close()
		// How long the failing lookup takes alone: its attempts
		// depend on this machine's resolv.conf.
		start := time.Now()
		sim.Resolver().LookupNetIP(context.Background(), "ip", names[failIndex-1])
		failTook = time.Since(start)

		r := log.resolver(sim)
		m = lessontest.Time(func() int { return lessontest.BubbleGoroutines(simnetServer) },
			func() { got, cut, err = fn(t.Context(), r, names, challengeWorkers) }, nil)
	})
	if failTook >= challengeLatency {
		t.Fatalf("this machine's resolver takes %v to give up on a SERVFAIL name (resolv.conf's attempts times its nameservers), not less than one round (%v): the check can not tell the rounds apart here", failTook, challengeLatency)
	}
	var asked []string
	for _, name := range names {
		if log.asked[name] {
			asked = append(asked, name)
		}
	}
	late := slices.DeleteFunc(slices.Clone(asked), func(n string) bool { return slices.Contains(want, n) })
	missing := slices.DeleteFunc(slices.Clone(want), func(n string) bool { return slices.Contains(got, n) })
	var dnsErr *net.DNSError
	switch {
	case dl != nil:
		t.Error(m.StuckMessage(dl, "probeUntilError"))
	case m.Leftover > 0:
		t.Errorf("%s still running after probeUntilError returned: wait for every worker (and the producer) before returning", lessontest.GoroutinesWere(m.Leftover))
	}
	if len(late) > 0 {
		t.Errorf("%d names were sent to the DNS server after %s failed, the first %s: once a lookup fails, hand out no more names, and probe none already handed out", len(late), names[failIndex-1], late[0])
	}
	cancelled := slices.DeleteFunc(slices.Clone(missing), func(n string) bool { return !slices.Contains(cut, n) })
	dropped := slices.DeleteFunc(slices.Clone(missing), func(n string) bool { return slices.Contains(cut, n) })
	for _, lost := range []struct {
		names      []string
		what, must string
	}{
		{cancelled, "lookups were cancelled before their answers came", "finish (do not cancel them) and be returned"},
		{dropped, "results are missing", "finish and every result be returned"},
	} {
		if len(lost.names) > 0 && dl == nil {
			t.Errorf("returned %d finished results, want %d: %d %s, the first %s; the lookups running when %s failed must %s", len(got), len(want), len(lost.names), lost.what, lost.names[0], names[failIndex-1], lost.must)
		}
	}
	if extra := len(got) - len(want) + len(missing); extra > 0 && len(late) == 0 {
		t.Errorf("returned %d results, want %d: each name once", len(got), len(want))
	}
	if err == nil && dl == nil {
		t.Errorf("returned no error, though %s failed (SERVFAIL): return the first failure's error", names[failIndex-1])
	} else if err != nil && !errors.As(err, &dnsErr) {
		t.Errorf("returned the error %q, want one that wraps the lookup's *net.DNSError (fmt.Errorf with %%w)", err)
	}
	if m.Elapsed != UntilErrorTook && dl == nil {
		t.Errorf("returned after %v, want %v: when the round of %s ends, and not before (the running lookups finish) nor after (no new name starts)", m.Elapsed, UntilErrorTook, names[failIndex-1])
	}
}
