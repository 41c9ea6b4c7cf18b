package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// TestGoroutinesAlive counts, halfway through the first round of 1,000
// names on 10 workers, the goroutines each mode has started: the pool its
// 10 workers, errgroup its 10 running functions, spawn one per name (990
// of them waiting for a slot). asyncio.Semaphore has the same cost: a Task
// per name (python/semaphore.py).
func TestGoroutinesAlive(t *testing.T) {
	for mode, want := range map[string]struct {
		frame string
		n     int
	}{
		"pool":     {".pool.func1(", 10},
		"errgroup": {".limited.func1(", 10},
		"spawn":    {".spawn.func1(", 1000},
	} {
		t.Run(mode, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				sim, err := simnet.NewMemory(lessonWorld(1000))
				require.NoError(t, err)
				defer sim.Close()
				done := make(chan int)
				go func() { done <- run(t.Context(), []string{"-mode", mode}, nil, io.Discard, io.Discard, sim) }()
				time.Sleep(latency / 2)
				synctest.Wait()
				assert.Equal(t, want.n, lessontest.BubbleGoroutinesIn(want.frame))
				assert.Equal(t, 0, <-done)
			})
		})
	}
}

// peaks samples, while a benchmark runs, the most goroutines alive and the
// most stack memory in use, above what there was before it started.
type peaks struct {
	stop       chan struct{}
	done       sync.WaitGroup
	goroutines int
	stack      uint64
}

func samplePeaks() *peaks {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	p := &peaks{stop: make(chan struct{})}
	baseG, baseStack := runtime.NumGoroutine(), m.StackInuse
	p.done.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
			runtime.ReadMemStats(&m)
			p.goroutines = max(p.goroutines, runtime.NumGoroutine()-baseG)
			p.stack = max(p.stack, m.StackInuse-min(m.StackInuse, baseStack))
		}
	})
	return p
}

func (p *peaks) report(b *testing.B) {
	close(p.stop)
	p.done.Wait()
	b.ReportMetric(float64(p.goroutines), "peak-goroutines")
	b.ReportMetric(float64(p.stack)/1024, "peak-stack-KiB")
}

// BenchmarkPipeline runs the lesson's pipeline as `-offline` lessons do:
// 1,000 names of 100 ms on 100 workers, real sockets on loopback, the real
// clock (10 rounds: at least 1 s per op). It reports the peak of
// goroutines and of stack memory during the runs.
//
//	make bench BENCH=Pipeline
func BenchmarkPipeline(b *testing.B) {
	for _, mode := range []string{"pool", "spawn", "errgroup"} {
		b.Run(mode, func(b *testing.B) {
			sim, err := simnet.NewLoopback(lessonWorld(1000))
			require.NoError(b, err)
			defer sim.Close()
			p := samplePeaks()
			for b.Loop() {
				var stderr strings.Builder
				if code := run(context.Background(), []string{"-mode", mode, "-workers", "100"}, nil, io.Discard, &stderr, sim); code != 0 {
					b.Fatalf("exit code %d: %s", code, stderr.String())
				}
			}
			p.report(b)
		})
	}
}

// BenchmarkPythonPipeline runs python/pipeline.py, the same pipeline in
// asyncio (a bounded Queue, 100 workers, a queue of 100), against the same
// loopback DNS server. It reports the seconds the script measured itself,
// without the interpreter's start.
//
//	make bench BENCH=PythonPipeline
func BenchmarkPythonPipeline(b *testing.B) {
	python := os.Getenv("PYTHON")
	if python == "" {
		var err error
		if python, err = exec.LookPath("python3"); err != nil {
			b.Skip("no python3")
		}
	}
	sim, err := simnet.NewLoopback(lessonWorld(1000))
	require.NoError(b, err)
	defer sim.Close()
	var total float64
	for b.Loop() {
		out, err := exec.Command(python, "python/pipeline.py", sim.DNSAddr(), "1000", "100", "100").CombinedOutput()
		require.NoError(b, err, "%s", out)
		require.Contains(b, string(out), ": 990 taken, 10 free, 0 failed", "%s", out)
		_, after, _ := strings.Cut(string(out), " names in ")
		secs, err := strconv.ParseFloat(strings.TrimSuffix(strings.Fields(after)[0], "s"), 64)
		require.NoError(b, err)
		total += secs
	}
	b.ReportMetric(total/float64(b.N), "s/run")
}
