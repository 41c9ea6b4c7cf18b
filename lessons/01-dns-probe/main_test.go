package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/keywords"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/internal/timeline"
	"goasync.dev/workbook/lessons/01-dns-probe/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the exercise checks against the reference: every one
// must pass here, and fail on the shipped copy in exercise/.
func TestExercises(t *testing.T) {
	exercise.Run(t, checks.Exercises(run))
}

var pythonWorld = simnet.DefaultWorld(simnet.WithPythonKeywords())

// TestGolden pins the output of every style, with and without -timeline,
// for Go's keywords and for Python's. The three styles print the same.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		world *simnet.World
		args  []string
	}{
		{"channel", nil, nil},
		{"channel-timeline", nil, []string{"-timeline"}},
		{"generator", nil, []string{"-style", "generator"}},
		{"generator-timeline", nil, []string{"-style", "generator", "-timeline"}},
		{"pull", nil, []string{"-style", "pull"}},
		{"pull-timeline", nil, []string{"-style", "pull", "-timeline"}},
		{"python", pythonWorld, []string{"-words", "python"}},
		{"python-timeline", pythonWorld, []string{"-words", "python", "-style", "generator", "-timeline"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := checks.Virtual(t, run, tc.world, 0, tc.args...)
			require.Equal(t, 0, res.Code, res.Stderr)
			assert.Empty(t, res.Stderr)
			golden.Assert(t, checks.Lesson, tc.name, []byte(res.Output()))
		})
	}
	channel := checks.Virtual(t, run, nil, 0).Stdout
	for _, style := range []string{"generator", "pull"} {
		assert.Equal(t, channel, checks.Virtual(t, run, nil, 0, "-style", style).Stdout, "-style %s", style)
	}
}

// TestCompletionOrder: results are printed as they complete, in order of
// latency, which is not the order the names were given in.
func TestCompletionOrder(t *testing.T) {
	for _, tc := range []struct {
		world *simnet.World
		words []string
		args  []string
	}{
		{simnet.DefaultWorld(), keywords.Go(), nil},
		{pythonWorld, keywords.Python(), []string{"-words", "python"}},
	} {
		for _, style := range []string{"channel", "generator", "pull"} {
			res := checks.Virtual(t, run, tc.world, 0, append(tc.args, "-style", style)...)
			printed := checks.Names(res.Stdout)
			input := keywords.Domains(tc.words)
			require.ElementsMatch(t, input, printed, "every name once")
			assert.NotEqual(t, input, printed, "not in input order")
			assert.True(t, slices.IsSorted(checks.Latencies(t, tc.world, printed)), "%s: printed in order of latency: %v", style, printed)
		}
	}
}

// TestVirtualDuration: all lookups overlap, so the probe takes exactly the
// slowest lookup's latency, not the sum of them all. The numbers come from
// the world, so a world with other latencies passes too.
func TestVirtualDuration(t *testing.T) {
	for _, tc := range []struct {
		world *simnet.World
		words []string
		args  []string
	}{
		{simnet.DefaultWorld(), keywords.Go(), nil},
		{pythonWorld, keywords.Python(), []string{"-words", "python"}},
	} {
		names := keywords.Domains(tc.words)
		lat := checks.Latencies(t, tc.world, names)
		require.Less(t, slices.Max(lat), sum(lat), "the slowest lookup takes less than all of them")
		taken := resolving(tc.world, names)
		summary := fmt.Sprintf("probed %d names in %s: %d resolved, %d not found, 0 errors\n", len(names), slices.Max(lat), taken, len(names)-taken)
		for _, style := range []string{"channel", "generator", "pull"} {
			res := checks.Virtual(t, run, tc.world, 0, append(tc.args, "-style", style)...)
			assert.Equal(t, slices.Max(lat), res.Elapsed, style)
			assert.Contains(t, res.Stdout, summary, style)
		}
	}
}

// sum adds durations up: how long lookups of these latencies take one after
// the other.
func sum(ds []time.Duration) time.Duration {
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	return total
}

// resolving counts the names that resolve in world.
func resolving(world *simnet.World, names []string) int {
	n := 0
	for _, d := range world.Domains {
		if slices.Contains(names, d.Name) && len(d.Addrs) > 0 {
			n++
		}
	}
	return n
}

// TestLimitSchedule: with -limit N the names start in input order as slots
// free up; the run takes exactly what a pool of N slots takes on paper.
func TestLimitSchedule(t *testing.T) {
	world := simnet.DefaultWorld()
	lat := checks.Latencies(t, world, keywords.Domains(keywords.Go()))
	assert.Equal(t, sum(lat), checks.Schedule(lat, 1), "one at a time: the sum")
	assert.Equal(t, slices.Max(lat), checks.Schedule(lat, 0), "no limit: the slowest")
	for _, limit := range []int{1, 2, 5, 10, 25, 100} {
		for _, style := range []string{"channel", "pull"} {
			res := checks.Virtual(t, run, world, 0, "-limit", strconv.Itoa(limit), "-style", style)
			require.Equal(t, 0, res.Code, res.Stderr)
			assert.Equal(t, checks.Schedule(lat, limit), res.Elapsed, "-limit %d -style %s", limit, style)
			if limit == 1 {
				assert.Equal(t, keywords.Domains(keywords.Go()), checks.Names(res.Stdout), "-limit 1 -style %s: one after the other, in input order", style)
			}
		}
	}
}

// TestGoldenLimit pins -limit 5 with its timeline: five bars at a time.
func TestGoldenLimit(t *testing.T) {
	res := checks.Virtual(t, run, nil, 0, "-limit", "5", "-timeline")
	require.Equal(t, 0, res.Code, res.Stderr)
	lat := checks.Latencies(t, simnet.DefaultWorld(), keywords.Domains(keywords.Go()))
	assert.Equal(t, checks.Schedule(lat, 5), res.Elapsed)
	golden.Assert(t, checks.Lesson, "limit5-timeline", []byte(res.Output()))
}

// TestGoldenFaults: NXDOMAIN, SERVFAIL and a server that never answers each
// get their own mark; only NXDOMAIN is "free". The silent one ends at the
// -timeout, which is then the run's duration. Exit code 1.
func TestGoldenFaults(t *testing.T) {
	res := checks.Virtual(t, run, nil, 0, checks.FaultArgs...)
	assert.Equal(t, 1, res.Code)
	assert.Equal(t, time.Second, res.Elapsed)
	assert.Equal(t, map[string]string{"servfail.test": "!", "silent.test": "!", "for.dev": " ", "go.dev": "+"}, checks.Marks(res.Stdout))
	assert.Contains(t, res.Stdout, "server failure (SERVFAIL)")
	assert.Contains(t, res.Stdout, "no answer within 1s (timeout)")
	golden.Assert(t, checks.Lesson, "faults", []byte(res.Output()))
}

// TestGoldenInvalid: a name that is not a DNS name is reported without a
// query: it has no bar on the timeline, and on a network that is down it is
// still marked x, not "!".
func TestGoldenInvalid(t *testing.T) {
	long := fmt.Sprintf("a%063d.dev", 0) // a 64-byte label
	args := []string{"-timeline", "go.dev", "bad name.dev", "a..dev", "x-.dev", long, "under_score.dev", "192.0.2.1", ""}
	res := checks.Virtual(t, run, nil, 0, args...)
	assert.Equal(t, 1, res.Code)
	assert.Equal(t, checks.Latencies(t, simnet.DefaultWorld(), []string{"go.dev"})[0], res.Elapsed, "only go.dev is looked up")
	marks := checks.Marks(res.Stdout)
	for _, name := range []string{"bad name.dev", "a..dev", "x-.dev", long, "under_score.dev", "192.0.2.1", ""} {
		assert.Equal(t, "x", marks[name], name)
	}
	golden.Assert(t, checks.Lesson, "invalid", []byte(res.Output()))

	// On a network that is down, the invalid names are still not queried.
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		n.Close()
		res := checks.Real(context.Background(), run, n, "bad name.dev", "a..dev")
		assert.Equal(t, 1, res.Code)
		assert.Equal(t, map[string]string{"bad name.dev": "x", "a..dev": "x"}, checks.Marks(res.Stdout))
		assert.Contains(t, res.Stderr, "nothing to probe")
	})
}

// TestValidate lists what makes a name invalid, and what does not.
func TestValidate(t *testing.T) {
	for name, want := range map[string]string{
		"go.dev": "", "GO.DEV.": "", "a-b.c0.dev": "", "xn--bcher-kva.example": "",
		"":                              "empty name",
		".":                             "empty name",
		"a..dev":                        "empty label",
		".dev":                          "empty label",
		"bad name.dev":                  "' ' is not allowed",
		"é.dev":                         "not ASCII: the DNS knows it as xn--9ca.dev",
		"bücher.example":                "not ASCII: the DNS knows it as xn--bcher-kva.example",
		"esc\x1b[2J.dev":                "'\\x1b' is not allowed",
		"under_score.dev":               "'_' is not allowed",
		"-x.dev":                        "starts or ends with '-'",
		"192.0.2.1":                     "an IP address",
		"2001:db8::1":                   "an IP address",
		fmt.Sprintf("%064d.dev", 0):     "is 64 bytes long, more than 63",
		fmt.Sprintf("%0253d", 0):        "label", // 253 bytes: fine as a name, but one label is too long
		labels(50) + "dev":              "",      // 203 bytes
		labels(63) + "dev":              "255 bytes long, more than 253",
		fmt.Sprintf("%063d.dev", 0):     "",
		fmt.Sprintf("%063d.dev.", 0):    "",
		"a.b.c.d.e.f.g.h.i.j.k.l.m.dev": "",
	} {
		err := validate(name)
		if want == "" {
			assert.NoError(t, err, "%q", name)
		} else if assert.Error(t, err, "%q", name) {
			assert.Contains(t, err.Error(), want, "%q", name)
		}
	}
}

// labels returns n labels "abc." (4 bytes each).
func labels(n int) string {
	s := ""
	for range n {
		s += "abc."
	}
	return s
}

// TestGoldenCancel: Ctrl-C in the middle of the probe prints what finished,
// cancels the rest at once, exits 130 and leaves no goroutine behind, in
// every style. Ctrl-C comes between two answers (checks.CtrlCAt), so which
// lookups finished is the world's doing, never the scheduler's.
func TestGoldenCancel(t *testing.T) {
	testGoldenCancel(t, simnet.DefaultWorld())
}

func testGoldenCancel(t *testing.T, world *simnet.World) {
	names := keywords.Domains(keywords.Go())
	after := checks.CtrlCAt(t, world, names)
	var finished []string // the names that answer before Ctrl-C
	for i, l := range checks.Latencies(t, world, names) {
		if l < after {
			finished = append(finished, names[i])
		}
	}
	for _, style := range []string{"channel", "generator", "pull"} {
		res := checks.Virtual(t, run, world, after, "-style", style)
		assert.Equal(t, 130, res.Code, style)
		assert.Equal(t, after, res.Elapsed, style)
		assert.ElementsMatch(t, finished, checks.Names(res.Stdout), "%s: the lookups that answer before %v finished", style, after)
		golden.Assert(t, checks.Lesson, "cancelled", []byte(res.Output()))
		goleak.VerifyNone(t)
	}
	res := checks.Virtual(t, run, world, after, "-timeline")
	golden.Assert(t, checks.Lesson, "cancelled-timeline", []byte(res.Output()))
}

// TestGoldenNetworkDown: when every lookup fails the probe says so; it never
// says that every name is free.
func TestGoldenNetworkDown(t *testing.T) {
	var res checks.Result
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		n.Close() // the network is down: every dial fails
		// -limit 1: they all fail at once, so one at a time prints them in
		// a fixed order.
		res = checks.Real(context.Background(), run, n, "-limit", "1")
	})
	assert.Equal(t, 1, res.Code)
	assert.Len(t, checks.Marks(res.Stdout), 25)
	for name, mark := range checks.Marks(res.Stdout) {
		assert.Equal(t, "!", mark, name)
	}
	assert.Contains(t, res.Stderr, "25 errors: every lookup failed; the simulated internet did not answer")
	golden.Assert(t, checks.Lesson, "network-down", []byte(res.Output()))
}

// TestGoldenUntrusted: a DNS that denies every name (as a sandbox or a
// captive portal may) also denies the canary, www.example.com, and the probe
// says its "not found" can not be trusted.
func TestGoldenUntrusted(t *testing.T) {
	denyAll := simnet.DefaultWorld()
	for i, d := range denyAll.Domains {
		if !d.Silent {
			denyAll.Domains[i].Rcode, denyAll.Domains[i].Addrs = "NXDOMAIN", nil
		}
	}
	res := checks.Virtual(t, run, denyAll, 0)
	assert.Equal(t, 1, res.Code)
	assert.Contains(t, res.Stdout, "0 resolved, 25 not found, 0 errors")
	assert.Contains(t, res.Stderr, `the DNS answered "not found" for www.example.com, a name that exists`)
	golden.Assert(t, checks.Lesson, "untrusted", []byte(res.Output()))

	res = checks.Virtual(t, run, denyAll, 0, "-canary", "")
	assert.Equal(t, 0, res.Code, "-canary '' skips the check")
}

// realClockBound is how long -offline may take on the real clock: the 25
// lookups must overlap, so far less than their sum (3.5 s). It leaves room
// for a slow, loaded CI runner above the slowest lookup (260 ms).
const realClockBound = time.Second

// TestRealClockLoopback runs -offline: the simulated internet on 127.0.0.1,
// real sockets, the real clock. It gives the same answers as the test
// clock's run, and the 25 lookups must overlap: the run takes at least the
// slowest, as long as the test clock's run, and less than realClockBound.
func TestRealClockLoopback(t *testing.T) {
	virtual := checks.Virtual(t, run, nil, 0)
	goAnswers, goCounts := answers(virtual.Stdout), counts(virtual.Stdout)
	for _, args := range [][]string{
		{"-offline"},
		{"-world", "../../testdata/simnet/default-world.json"},
	} {
		res := checks.Real(context.Background(), run, nil, args...)
		require.Equal(t, 0, res.Code, res.Stderr)
		assert.GreaterOrEqual(t, res.Elapsed, virtual.Elapsed, "%v can not beat the slowest lookup", args)
		assert.Less(t, res.Elapsed, realClockBound, "%v: no real overlap", args)
		assert.Equal(t, goCounts, counts(res.Stdout), "%v: as many found and not found as on the test clock", args)
		assert.ElementsMatch(t, keywords.Domains(keywords.Go()), checks.Names(res.Stdout), args)
		assert.ElementsMatch(t, goAnswers, answers(res.Stdout), "%v: the same answers as on the test clock", args)
	}
	res := checks.Real(context.Background(), run, nil, "-offline", "-words", "python", "-limit", "10", "-style", "pull")
	require.Equal(t, 0, res.Code, res.Stderr)
	pyVirtual := checks.Virtual(t, run, pythonWorld, 0, "-words", "python")
	assert.Equal(t, counts(pyVirtual.Stdout), counts(res.Stdout), "-words python: as many found and not found as on the test clock")
	pythonAnswers := answers(pyVirtual.Stdout)
	assert.ElementsMatch(t, pythonAnswers, answers(res.Stdout), "-words python: the same answers as on the test clock")
}

// counts returns the summary line's counts: "6 resolved, 19 not found, 0
// errors".
func counts(stdout string) string {
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	_, counts, _ := strings.Cut(lines[len(lines)-1], ": ")
	return counts
}

// answers returns the result lines of a listing, without its summary line.
func answers(stdout string) []string {
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	return lines[:len(lines)-1]
}

// TestBadInput: every bad flag or name list names itself, says what to do,
// and exits 2; -h exits 0.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-style", "async"}, `unknown -style "async": use channel, generator or pull`},
		{[]string{"-words", "rust"}, `unknown -words "rust": use go or python, or give the names as arguments`},
		{[]string{"-timeout", "0"}, "-timeout 0s: must be a positive duration"},
		{[]string{"-timeout", "soon"}, `01-dns-probe: -timeout "soon": not a duration; write it like 10s, 500ms or 1m30s (-h lists the flags)`},
		{[]string{"-timeout", "5"}, `01-dns-probe: -timeout 5: a duration needs a unit, e.g. 5s or 5ms (-h lists the flags)`},
		{[]string{"-canary", "bad name"}, `-canary "bad name": not a DNS name`},
		{[]string{"-limit", "-1"}, "-limit -1: use 0 for no limit"},
		{[]string{"-limit", "many"}, `01-dns-probe: -limit "many": not a whole number (-h lists the flags)`},
		{[]string{"-world", "no-such-world.json"}, "-world no-such-world.json: simnet: reading world"},
		{[]string{"go.dev", "-offline"}, `"-offline" after the names: put every flag before the first name`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	} {
		res := checks.Real(context.Background(), run, nil, tc.args...)
		assert.Equal(t, 2, res.Code, "%v", tc.args)
		assert.Contains(t, res.Stderr, tc.want, "%v", tc.args)
		assert.Empty(t, res.Stdout, "%v", tc.args)
	}
	// Names that are all invalid: each gets its line, nothing is queried, exit 1.
	res := checks.Real(context.Background(), run, nil, "bad name", "")
	assert.Equal(t, 1, res.Code)
	assert.Contains(t, res.Stderr, "nothing to probe: no name given is a valid DNS name")
	res = checks.Real(context.Background(), run, nil, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "usage: 01-dns-probe [flags] [name ...]")
}

// TestREADME keeps every output block of the README equal to its golden file.
func TestREADME(t *testing.T) {
	golden.README(t, "README.md", checks.Lesson)
}

// TestREADMEPython keeps every Python listing of the README equal to its
// file under python/, which TestPython runs.
func TestREADMEPython(t *testing.T) {
	golden.READMEPython(t, "README.md")
}

// TestREADMECode keeps the README's Go excerpts equal to the lesson's code,
// so the lesson still reads as the README explains it.
func TestREADMECode(t *testing.T) {
	golden.READMECode(t, "README.md", "main.go", "probe.go", "limit.go", "classify.go", "generator.go", "report.go", "canary.go")
}

// TestStopEarly: a reader may stop early. probeAll's channel has room for
// every result, so its goroutines finish even when nobody reads them. A loop
// over completed that stops early cancels the lookups still running, and
// ends only once every probe has returned.
func TestStopEarly(t *testing.T) {
	names := keywords.Domains(keywords.Go())
	defer func() {
		// synctest panics when goroutines are still blocked at the end.
		if r := recover(); r != nil {
			t.Errorf("%v: a probe goroutine is stranded, waiting to send its result", r)
		}
	}()
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		ctx := context.Background()

		p := &prober{resolver: n.Resolver(), timeout: time.Second}
		results := p.probeAll(ctx, names)
		<-results // read the first result, then stop reading
		time.Sleep(time.Second)
		synctest.Wait()
		if assert.Len(t, results, len(names)-1, "the unread results wait in the channel, not in blocked goroutines") {
			for range results { // ends: every probe has returned and results is closed
			}
		}

		rec := timeline.New()
		p = &prober{resolver: traced{n.Resolver(), rec, time.Second}, timeout: time.Second}
		lat := checks.Latencies(t, simnet.DefaultWorld(), names)
		start := time.Now()
		for range p.completed(ctx, names) {
			break // after the first result: break.dev at 20ms
		}
		assert.Equal(t, slices.Min(lat), time.Since(start), "the other lookups are cancelled, not awaited")
		notes := map[string]string{}
		for _, s := range rec.Spans() {
			notes[s.Name] = s.Note
		}
		require.Len(t, notes, len(names), "every probe has returned when the loop ends")
		for i, name := range names {
			if lat[i] > slices.Min(lat) { // not the first answer
				assert.Equal(t, "cancelled", notes[name], name)
			}
		}
	})
}

// manyLatency is the latency of every name when the tests and benchmarks
// probe many names: the README's "100 ms each".
const manyLatency = 100 * time.Millisecond

// sameLatencyWorld has count names that resolve after latency.
func sameLatencyWorld(count int, latency time.Duration) (*simnet.World, []string) {
	w := &simnet.World{}
	var names []string
	for i := range count {
		name := "host" + strconv.Itoa(i) + ".test"
		names = append(names, name)
		w.Domains = append(w.Domains, simnet.Domain{Name: name, Addrs: []string{"192.0.2.1"}, Latency: simnet.Duration(latency)})
	}
	return w, names
}

// benchProbe runs the lesson on count names of 100 ms latency on loopback,
// limit at a time, and fails if one run takes longer than budget. One op is
// one run of all count names; lookups/s is count over that time.
func benchProbe(b *testing.B, count, limit int, budget time.Duration) {
	world, names := sameLatencyWorld(count, manyLatency)
	n, err := simnet.NewLoopback(world)
	require.NoError(b, err)
	defer n.Close()
	args := append([]string{"-canary", "", "-limit", strconv.Itoa(limit)}, names...)
	b.ReportAllocs()
	for b.Loop() {
		if code := run(context.Background(), args, io.Discard, io.Discard, n); code != 0 {
			b.Fatalf("exit code %d", code)
		}
	}
	perRun := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(count)/perRun.Seconds(), "lookups/s")
	if perRun > budget {
		b.Errorf("%d names took %v per run, want under %v", count, perRun, budget)
	}
}

// The benchmarks' budgets: a run of 35 or 1,000 names of 100 ms at once,
// and one of 10,000 at the default -limit (2 s on paper).
const (
	loopbackBudget      = 300 * time.Millisecond
	loopback10000Budget = 5 * time.Second
)

// BenchmarkLoopback35: 35 lookups at once, 100 ms each, as many as
// Python's keywords: one round, where Python's 6 threads take 6.
func BenchmarkLoopback35(b *testing.B) { benchProbe(b, 35, 0, loopbackBudget) }

// BenchmarkLoopback1000: 1,000 lookups at once (-limit 0), 100 ms each, in
// well under 0.3 s: goroutines are cheap enough for one per lookup.
func BenchmarkLoopback1000(b *testing.B) { benchProbe(b, 1000, 0, loopbackBudget) }

// BenchmarkLoopback10000: 10,000 lookups, 500 at a time (the default
// -limit): twenty rounds of 100 ms, 2 s on paper; 2.9 s measured on two
// CPUs shared with other work, so the budget is 5 s. It also reports the
// process's peak resident memory (the simulated internet runs in it too,
// as with -offline) and fails above 64 MB; run it alone for a true peak:
// make bench BENCH=Loopback10000.
func BenchmarkLoopback10000(b *testing.B) {
	benchProbe(b, 10000, defaultLimit, loopback10000Budget)
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil && runtime.GOOS == "linux" {
		peak := float64(ru.Maxrss) / 1024 // kilobytes on Linux
		b.ReportMetric(peak, "MB-peak")
		if peak > 64 {
			b.Errorf("peak resident memory %.0f MB, want under 64 MB", peak)
		}
	}
}

// pythonThreads is the size of asyncio's default executor on the 2 CPUs the
// README speaks of: min(32, os.cpu_count() + 4) (TestPython checks it).
const pythonThreads = min(32, 2+4)

// pythonTakes is how long asyncio's loop.getaddrinfo takes for names
// lookups of latency: rounds of pythonThreads at a time, on paper.
func pythonTakes(names int, latency time.Duration) time.Duration {
	return time.Duration((names+pythonThreads-1)/pythonThreads) * latency
}

// TestREADMEDurations: every duration the README states in bold is one a
// run here measures on the test clock, a bound that TestRealClockLoopback
// or a benchmark asserts, or Python's rounds on paper; and each of these is
// stated. Break a number in the README, or a latency in the world, and it
// fails.
func TestREADMEDurations(t *testing.T) {
	goNames := keywords.Domains(keywords.Go())
	world := simnet.DefaultWorld()
	lat := checks.Latencies(t, world, goNames)
	virtual := func(world *simnet.World, cancelAfter time.Duration, args ...string) time.Duration {
		return checks.Virtual(t, run, world, cancelAfter, args...).Elapsed
	}
	names := func(count int) (*simnet.World, []string) {
		world, names := sameLatencyWorld(count, manyLatency)
		return world, append([]string{"-canary", ""}, names...)
	}
	w35, args35 := names(35)
	w1000, args1000 := names(1000)
	many := slices.Repeat([]time.Duration{manyLatency}, 10000)
	golden.READMEDurations(t, "README.md",
		slices.Min(lat),                // the fastest name
		virtual(nil, 0),                // every name at once: the slowest
		virtual(nil, 0, "-limit", "1"), // one at a time: the sum
		virtual(pythonWorld, 0, "-words", "python"),
		virtual(pythonWorld, 0, "-words", "python", "-limit", "1"),
		virtual(nil, 0, "-limit", "5"),
		virtual(nil, 0, checks.FaultArgs...), // ends at -timeout 1s
		virtual(nil, checks.CtrlCAt(t, world, goNames)),
		virtual(w1000, 0, args1000...),                                     // the default -limit: 2 rounds
		virtual(w1000, 0, append([]string{"-limit", "0"}, args1000...)...), // one round
		virtual(w35, 0, append([]string{"-limit", "0"}, args35...)...),
		pythonTakes(35, manyLatency), pythonTakes(1000, manyLatency),
		realClockBound, loopbackBudget, loopback10000Budget,
		checks.Schedule(many, defaultLimit), // BenchmarkLoopback10000 on paper
	)
}
