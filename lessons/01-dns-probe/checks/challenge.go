package checks

import (
	"cmp"
	"context"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/keywords"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// FirstFree is the challenge's function: probe names at once and return the
// first n free ones (NXDOMAIN), in the order their answers came, with r as
// the resolver.
type FirstFree func(ctx context.Context, r *net.Resolver, names []string, n int) []string

// FirstFreeNames are the names the challenge probes: a failing server and a
// silent one (neither is free: their answers say nothing), then every Go
// keyword as <keyword>.dev.
func FirstFreeNames() []string {
	return append([]string{simnet.ServfailName, simnet.SilentName}, keywords.Domains(keywords.Go())...)
}

// FirstFreeWorld is the default world with a server failure that comes
// fast, after 10ms: sooner than any free name's answer, so that taking a
// failure for "free" shows.
func FirstFreeWorld() *simnet.World {
	w := simnet.DefaultWorld()
	for i, d := range w.Domains {
		if d.Name == simnet.ServfailName {
			w.Domains[i].Latency = simnet.Duration(10 * time.Millisecond)
		}
	}
	return w
}

// FreeByLatency returns the free (NXDOMAIN) names of world among names, in
// the order their answers come, with the latency of each.
func FreeByLatency(world *simnet.World, names []string) ([]string, []time.Duration) {
	free := slices.DeleteFunc(slices.Clone(world.Domains), func(d simnet.Domain) bool {
		return d.Rcode != simnet.RcodeNXDOMAIN || !slices.Contains(names, d.Name)
	})
	slices.SortStableFunc(free, func(a, b simnet.Domain) int { return cmp.Compare(a.Latency, b.Latency) })
	var out []string
	var latencies []time.Duration
	for _, d := range free {
		out = append(out, d.Name)
		latencies = append(latencies, time.Duration(d.Latency))
	}
	return out, latencies
}

// Challenges returns the lesson's challenges, checked against firstFree of
// the copy under test. They come after the exercises.
func Challenges(firstFree FirstFree) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "challenge-first-free",
			Goal: "challenge: firstFree probes every name at once, returns the first 3 free names as their answers come, and then cancels the lookups still running: break.dev, else.dev, import.dev after exactly 60ms",
			Hints: []string{
				"the answers come in their own order (break.dev after 20ms, else.dev after 40ms, import.dev after 60ms); which of this lesson's functions already hands them to you as they come? And once you have 3, what becomes of the lookups still running?",
				"a lookup ends early only when its ctx is cancelled: give the lookups a ctx of their own, cancel it once you have n, and keep reading until the channel closes, so no goroutine is left behind (finish exercise 1 first)",
				"`ctx, cancel := context.WithCancel(ctx); defer cancel()`, then `for r := range p.probeAll(ctx, names)`: append r.name when r.status == notFound and you have fewer than n, and call cancel() when you reach n",
			},
			Check: func(t *testing.T) { checkFirstFree(t, firstFree, 3) },
		},
	}
}

// queryLog is the DNS server's view of the lookups: how many queries (one
// dial per question, A and AAAA apart) are still waiting for an answer.
type queryLog struct {
	mu   sync.Mutex
	open int
}

// resolver returns a resolver whose every query goes to n's DNS server
// through the log.
func (l *queryLog) resolver(n *simnet.Net) *net.Resolver {
	dial := n.Resolver().Dial
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		l.open++
		return &loggedConn{Conn: c, log: l}, nil
	}}
}

// loggedConn counts its Close in the log, once.
type loggedConn struct {
	net.Conn
	log    *queryLog
	closed sync.Once
}

func (c *loggedConn) Close() error {
	c.closed.Do(func() {
		c.log.mu.Lock()
		c.log.open--
		c.log.mu.Unlock()
	})
	return c.Conn.Close()
}

// simnetServer is in the stack of the simulated DNS server's goroutines,
// which wait out a query's latency even when its client has hung up, as a
// real server would: they are not the learner's.
const simnetServer = "internal/simnet.(*Net).serve"

// checkFirstFree: firstFree returns the first n free names, in order of
// answer, at the instant the nth answer comes; no query is left waiting,
// and no goroutine is left behind (one that could send a query later).
func checkFirstFree(t *testing.T, firstFree FirstFree, n int) {
	names := FirstFreeNames()
	world := FirstFreeWorld()
	free, latencies := FreeByLatency(world, names)
	want, at := free[:n], latencies[n-1]

	var got []string
	var m lessontest.Measure
	var open int
	dl := lessontest.SynctestTest(t, func(t *testing.T) {
		sim, err := simnet.NewMemory(world)
		if err != nil {
			t.Fatalf("the world of this check is invalid: %v", err)
		}
		defer sim.Close()
		var log queryLog
		r := log.resolver(sim)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		m = lessontest.Time(func() int { return lessontest.BubbleGoroutines(simnetServer) },
			func() { got = firstFree(ctx, r, names, n) }, nil)
		log.mu.Lock()
		defer log.mu.Unlock()
		open = log.open
	})

	if dl != nil && !m.Returned {
		t.Fatal(m.StuckMessage(dl, "firstFree"))
	}
	if !slices.Equal(got, want) {
		t.Errorf("returned %q, want %q: the first %d free names, in the order their answers came (a failed lookup is not free: classify says so once exercise 2 is done)", got, want, n)
	}
	if m.Elapsed != at {
		t.Errorf("returned after %v, want %v, when the answer for %s, the last of the first %d free names, came: are all lookups started at once (probeAll does so once exercise 1 is done), and do you return as soon as you have %d?",
			m.Elapsed, at, want[n-1], n, n)
	}
	switch {
	case dl != nil:
		t.Error(m.StuckMessage(dl, "firstFree"))
	case open > 0:
		t.Errorf("when firstFree returned at %v, %d DNS queries were still waiting for an answer: cancel the lookups you no longer need", m.Elapsed, open)
	case m.Leftover > 0:
		t.Errorf("%s still running after firstFree returned: wait until the cancelled lookups have ended", lessontest.GoroutinesWere(m.Leftover))
	}
}
