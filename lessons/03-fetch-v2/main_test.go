package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/03-fetch-v2/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the exercise checks against the reference: every one
// must pass here, and fail on the shipped copy in exercise/.
func TestExercises(t *testing.T) {
	exercise.Run(t, checks.Exercises(run))
}

// TestGolden pins the output of the default run, with and without -timeline.
func TestGolden(t *testing.T) {
	for name, args := range map[string][]string{"fetch": nil, "fetch-timeline": {"-timeline"}} {
		t.Run(name, func(t *testing.T) {
			res := fetchtest.Virtual(t, run, 0, args...)
			require.Equal(t, 0, res.Code, res.Stderr)
			golden.Assert(t, checks.Lesson, name, []byte(res.Output()))
		})
	}
}

// TestVirtualDuration: the three fetches overlap, so the run takes exactly
// the slowest URL's latency, not the sum.
func TestVirtualDuration(t *testing.T) { fetchtest.VirtualDuration(t, run) }

// TestOrder: each result is printed as it completes, in order of latency:
// python.org, the last URL given, first.
func TestOrder(t *testing.T) {
	lines := fetchtest.Lines(fetchtest.Virtual(t, run, 0).Stdout)
	assert.Equal(t, fetchtest.ByLatency(t, fetchtest.URLs), fetchtest.Labelled(lines, "completed"))
	assert.NotEqual(t, fetchtest.URLs, fetchtest.Labelled(lines, "completed"))
}

// TestFaults: every kind of bad URL gets a line that names it and says what
// to do, the good URL beside it is still fetched, and the exit code is 1.
func TestFaults(t *testing.T) { fetchtest.Faults(t, run, 1) }

// TestGoldenFaults pins all the faults in one run (shown in the README).
func TestGoldenFaults(t *testing.T) {
	// No two of these end at the same instant, so the order of the lines
	// is fixed.
	res := fetchtest.Virtual(t, run, 0, "-timeout", "1s", simnet.ErrorURL, simnet.HangURL, simnet.ResetURL,
		"ftp://ftp.example.com/file", simnet.PythonURL)
	assert.Equal(t, 1, res.Code)
	assert.Equal(t, time.Second, res.Elapsed)
	golden.Assert(t, checks.Lesson, "faults", []byte(res.Output()))
}

// TestGoldenCancel: Ctrl-C at 300ms (fetchtest.CtrlCAt) cancels the fetch still in flight
// (httpbin, 400ms) at once, keeps what finished, and exits 130.
func TestGoldenCancel(t *testing.T) {
	at := fetchtest.CtrlCAt(t, simnet.DefaultWorld())
	res := fetchtest.Virtual(t, run, at)
	assert.Equal(t, 130, res.Code)
	assert.Equal(t, at, res.Elapsed)
	assert.Zero(t, res.Leftover)
	golden.Assert(t, checks.Lesson, "cancelled", []byte(res.Output()))
}

// TestNoOpenConnections: the default run leaves no connection open, and a
// body read in part is closed at once, while the run goes on.
func TestNoOpenConnections(t *testing.T) { fetchtest.NoOpenConnections(t, run) }

// TestRealClockLoopback runs the lesson on the loopback simulation, on the
// real clock: it can not beat the slowest URL (400ms), and it must end
// before the sum of the three (800ms), so the overlap is real.
func TestRealClockLoopback(t *testing.T) { fetchtest.RealClockLoopback(t, run) }

// TestWorldFile: -world loads a world of your own.
func TestWorldFile(t *testing.T) { fetchtest.WorldFile(t, run) }

// TestOnline: on the real network, a URL that can not be reached says so
// and suggests -offline.
func TestOnline(t *testing.T) { fetchtest.Online(t, run) }

// TestBadInput: every bad flag names itself, says what to do, exits 2.
func TestBadInput(t *testing.T) { fetchtest.BadInput(t, run) }

// TestREADMECode keeps the README's Go excerpts equal to the lesson's code.
func TestREADMECode(t *testing.T) {
	golden.READMECode(t, "README.md", "collect.go", "fetchurl.go", "main.go")
}

// TestREADME keeps every output block of the README equal to its golden file.
func TestREADME(t *testing.T) {
	golden.README(t, "README.md", checks.Lesson)
}

// BenchmarkLoopback1000 fetches 1,000 URLs of 100 ms latency from the
// loopback simulation, all at once: goroutines are cheap enough for one per
// request. It fails over 0.5 s per run (one after the other: 100 s; at
// once, about 0.28 s on two cores) or 64 MB of peak heap, and reports
// both: s/run, and peak-MB (the largest heap in use seen while it ran,
// sampled every millisecond).
func BenchmarkLoopback1000(b *testing.B) {
	const count = 1000
	world := &simnet.World{}
	var urls []string
	for i := range count {
		u := fmt.Sprintf("http://bench.test/%d", i)
		urls = append(urls, u)
		world.Resources = append(world.Resources, simnet.Resource{URL: u, Body: "ok\n", Latency: simnet.Duration(100 * time.Millisecond)})
	}
	n, err := simnet.NewLoopback(world)
	require.NoError(b, err)
	defer n.Close()

	peak := sampleHeap(b)
	b.ReportAllocs()
	for b.Loop() {
		if code := run(context.Background(), urls, io.Discard, io.Discard, n); code != 0 {
			b.Fatalf("exit code %d", code)
		}
	}
	perRun := b.Elapsed() / time.Duration(b.N)
	peakMB := float64(peak()) / (1 << 20)
	b.ReportMetric(perRun.Seconds(), "s/run")
	b.ReportMetric(peakMB, "peak-MB")
	if perRun > 500*time.Millisecond {
		b.Errorf("%d URLs took %v per run, want under 500ms", count, perRun)
	}
	if peakMB > 64 {
		b.Errorf("peak heap %.1f MB, want under 64 MB", peakMB)
	}
}

// BenchmarkLargeBodies1000 fetches 1,000 URLs whose bodies are 2 GB each
// from the loopback simulation, with the default -max-body (1 MiB): every
// URL is an error, and only its status and byte count are printed. The
// bodies are counted, never kept, so the peak heap stays small; it fails
// over 100 MB and reports peak-MB (heap in use, sampled every millisecond)
// and rss-MB (the process's peak resident set over the runs, VmHWM).
func BenchmarkLargeBodies1000(b *testing.B) {
	const count = 1000
	world := &simnet.World{}
	var urls []string
	for i := range count {
		u := fmt.Sprintf("http://large.test/%d", i)
		urls = append(urls, u)
		world.Resources = append(world.Resources, simnet.Resource{URL: u, BodySize: 2_000_000_000})
	}
	n, err := simnet.NewLoopback(world)
	require.NoError(b, err)
	defer n.Close()

	resetPeakRSS()
	peak := sampleHeap(b)
	for b.Loop() {
		var stdout bytes.Buffer
		if code := run(context.Background(), append([]string{"-timeout", "2m"}, urls...), &stdout, io.Discard, n); code != 1 {
			b.Fatalf("exit code %d, want 1 (every body is over -max-body)", code)
		}
		if got := strings.Count(stdout.String(), "1048576 bytes ! body larger than -max-body"); got != count {
			b.Fatalf("%d of %d lines say the body is over -max-body", got, count)
		}
	}
	peakMB := float64(peak()) / (1 << 20)
	b.ReportMetric(peakMB, "peak-MB")
	b.ReportMetric(float64(peakRSS())/(1<<20), "rss-MB")
	if peakMB > 100 {
		b.Errorf("peak heap %.1f MB, want under 100 MB: are bodies kept?", peakMB)
	}
}

// resetPeakRSS resets the process's peak resident set (VmHWM) on Linux;
// elsewhere it does nothing.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns VmHWM from /proc/self/status in bytes, 0 if unknown.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for l := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// sampleHeap samples the heap in use (runtime/metrics: live and dead
// objects, plus the free space in their spans, what MemStats calls
// HeapInuse) every millisecond until the benchmark ends, without stopping
// the world; the function it returns stops sampling and returns the peak.
func sampleHeap(b *testing.B) (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		for {
			metrics.Read(samples)
			if inuse := samples[0].Value.Uint64() + samples[1].Value.Uint64(); inuse > peak.Load() {
				peak.Store(inuse)
			}
			select {
			case <-tick.C:
			case <-done:
				return
			}
		}
	})
	var once sync.Once
	stop = func() uint64 {
		once.Do(func() { close(done); wg.Wait() })
		return peak.Load()
	}
	b.Cleanup(func() { stop() })
	return stop
}

// TestCtrlC builds the lesson and sends it a real SIGINT (what Ctrl-C
// sends) while a request hangs: it must end at once, print what finished
// and exit 130.
func TestCtrlC(t *testing.T) { fetchtest.CtrlC(t) }

// TestREADMEPython keeps every Python listing of the README equal to the
// file under python/ that it names.
func TestREADMEPython(t *testing.T) { golden.READMEPython(t, "README.md") }

// TestREADMEDurations: every duration the README claims in bold is one a
// run here measures, or a latency of the world (fetchtest.READMEClaims).
func TestREADMEDurations(t *testing.T) {
	fetchtest.READMEClaims(t, run, "README.md", checks.Lesson, nil)
}

// TestPythonOutput runs python/httpx_limits.py, whose output the README
// shows: httpx's client opens at most 100 connections, and times out
// after 5 s. Skipped without httpx (apt-get install python3-httpx; set
// PYTHON=/usr/bin/python3 if another python3 comes first in PATH).
func TestPythonOutput(t *testing.T) { golden.PythonOutput(t, checks.Lesson, "httpx_limits") }

// TestHardening: -max-body math.MaxInt64, lost output, eleven URLs, a
// 100 KB URL and control characters in a URL.
func TestHardening(t *testing.T) { fetchtest.Hardening(t, run) }

// TestGzip: a compressed body is counted in decoded bytes.
func TestGzip(t *testing.T) { fetchtest.Gzip(t, run) }

// TestRedirect: a 301 is shown, not followed (as httpx does by default).
func TestRedirect(t *testing.T) { fetchtest.Redirect(t, run) }

// TestAdaptedWorlds: an instructor who edits the world's latencies gets a
// lesson whose runs still agree with what the tests derive from the world.
func TestAdaptedWorlds(t *testing.T) { fetchtest.AdaptedWorlds(t, run) }

// TestStatusBoundaries: 399 is an answer, 400 and above are failures.
func TestStatusBoundaries(t *testing.T) { fetchtest.StatusBoundaries(t, run) }

// TestMaxBodyBoundary: a body of exactly -max-body bytes is whole.
func TestMaxBodyBoundary(t *testing.T) { fetchtest.MaxBodyBoundary(t, run) }
