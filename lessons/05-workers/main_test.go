package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/05-workers/checks"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExercises runs the exercise checks against the reference: every one
// must pass here, and fail on the shipped copy in exercise/.
func TestExercises(t *testing.T) {
	exercise.Run(t, checks.Exercises(run, lessonWorld))
}

// virtual runs the lesson in virtual time on the world of its first n names.
func virtual(t *testing.T, n int, cancelAfter time.Duration, args ...string) checks.Result {
	t.Helper()
	return checks.Virtual(t, run, lessonWorld(n), cancelAfter, args...)
}

// The README's runs: 60 names on 4 workers show a free name and two rounds
// of the producer waiting, short enough to read.
var small = []string{"-n", "60", "-workers", "4"}

// TestGolden pins the output of each mode on the small run, and of the
// pool with a queue of 0.
func TestGolden(t *testing.T) {
	for name, args := range map[string][]string{
		"readme":            {"-n", "12", "-workers", "3", "-queue", "2", "-timeline"},
		"pool":              small,
		"pool-timeline":     append(small, "-timeline"),
		"queue0-timeline":   append(small, "-queue", "0", "-timeline"),
		"errgroup":          append(small, "-mode", "errgroup"),
		"errgroup-timeline": append(small, "-mode", "errgroup", "-timeline"),
	} {
		t.Run(name, func(t *testing.T) {
			res := virtual(t, 60, 0, args...)
			require.Equal(t, 0, res.Code, res.Stderr)
			golden.Assert(t, checks.Lesson, name, []byte(res.Stdout))
		})
	}
}

// TestSpawnPrintsWhatPoolPrints: -mode spawn's goroutines take the slots
// in the scheduler's order, not the names', so its lines come in another
// order; but it prints the same lines, and takes as long.
func TestSpawnPrintsWhatPoolPrints(t *testing.T) {
	pool := virtual(t, 60, 0, small...)
	spawn := virtual(t, 60, 0, append(small, "-mode", "spawn")...)
	require.Equal(t, 0, spawn.Code, spawn.Stderr)
	assert.Equal(t, pool.Elapsed, spawn.Elapsed)
	lines := func(s string) []string {
		l := strings.Split(s, "\n")
		return l[:len(l)-3] // the results, without the summary
	}
	assert.ElementsMatch(t, lines(pool.Stdout), lines(spawn.Stdout))
	assert.Contains(t, spawn.Stdout, "60 names in 1.5s on 4 workers (-mode spawn): 59 taken, 1 free, 0 failed\n")
}

// TestExactTimes is the lesson's claim: 1,000 lookups of 100 ms take 100
// rounds on 10 workers (10 s) and 10 rounds on 100 (1 s), in every mode.
func TestExactTimes(t *testing.T) {
	for _, mode := range []string{"pool", "spawn", "errgroup"} {
		for workers, want := range map[int]time.Duration{10: 100 * latency, 100: 10 * latency, 1000: latency} {
			t.Run(fmt.Sprint(mode, workers), func(t *testing.T) {
				res := virtual(t, 1000, 0, "-mode", mode, "-workers", fmt.Sprint(workers))
				require.Equal(t, 0, res.Code, res.Stderr)
				assert.Equal(t, want, res.Elapsed)
				assert.Contains(t, res.Stdout, "1000 names in "+seconds(want)+" on ")
				assert.Contains(t, res.Stdout, ": 990 taken, 10 free, 0 failed\n")
			})
		}
	}
}

// producerWaited runs the pool on 1,000 names and returns how long its
// producer took to hand out the last one, as the run printed it.
func producerWaited(t *testing.T, args ...string) time.Duration {
	t.Helper()
	res := virtual(t, 1000, 0, args...)
	require.Equal(t, 0, res.Code, res.Stderr)
	_, line, ok := strings.Cut(res.Stdout, "the producer waited ")
	require.True(t, ok, res.Stdout)
	d, err := time.ParseDuration(strings.Fields(line)[0])
	require.NoError(t, err)
	return d
}

// TestBackpressure: with 10 workers and a queue of 10, the producer can
// put only as fast as the workers take: the last name goes in when the
// 98th round starts (9.8 s), two rounds before the end. With a queue of
// 0 each put waits for a worker (9.9 s); with room for every name the
// producer never waits. errgroup's g.Go waits as a queue of 0 does.
func TestBackpressure(t *testing.T) {
	assert.Equal(t, 98*latency, producerWaited(t, "-queue", "10"))
	assert.Equal(t, 99*latency, producerWaited(t, "-queue", "0"))
	assert.Equal(t, time.Duration(0), producerWaited(t, "-queue", "1000"))
	assert.Equal(t, 99*latency, producerWaited(t, "-mode", "errgroup"))
	assert.Equal(t, time.Duration(0), producerWaited(t, "-mode", "spawn"))
}

// ctrlCAt is when the tests press Ctrl-C: halfway through the 11th round,
// when 100 names have answered and 10 are in flight.
const ctrlCAt = 10*latency + latency/2

// TestGoldenCancel: Ctrl-C while the producer waits on a full queue ends
// the run at once with 130, and the 100 answers before it stay printed.
// It cuts short the 10 lookups in flight and starts no other, except in
// -mode errgroup: there the producer waits in g.Go, which ctx can not
// interrupt, so once a slot is free it starts one more function, whose
// lookup ends at once.
func TestGoldenCancel(t *testing.T) {
	cutShort := map[string]int{"pool": 10, "spawn": 10, "errgroup": 11}
	for _, mode := range []string{"pool", "spawn", "errgroup"} {
		t.Run(mode, func(t *testing.T) {
			res := virtual(t, 1000, ctrlCAt, "-mode", mode)
			assert.Equal(t, ctrlCAt, res.Elapsed, "Ctrl-C must end the run at once")
			assert.Equal(t, 130, res.Code)
			assert.Contains(t, res.Stderr, fmt.Sprintf("interrupted after 1.05s: 100 of 1000 names probed, %d lookups cut short (exit code 130)\n", cutShort[mode]))
			if mode == "pool" {
				golden.Assert(t, checks.Lesson, "pool-cancelled", []byte(res.Output()))
			}
		})
	}
	res := virtual(t, 12, latency+latency/2, "-n", "12", "-workers", "3", "-queue", "2")
	assert.Equal(t, 130, res.Code)
	golden.Assert(t, checks.Lesson, "readme-cancelled", []byte(res.Output()))
}

// TestBadInput: every bad flag names itself, says what to do, exits 2.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-mode", "threads"}, `05-workers: unknown -mode "threads": use pool, spawn or errgroup` + "\n"},
		{[]string{"-workers", "0"}, "05-workers: -workers 0: need at least 1 worker\n"},
		{[]string{"-workers", "-3"}, "05-workers: -workers -3: need at least 1 worker\n"},
		{[]string{"-workers", "1001"}, "05-workers: -workers 1001: too many; use at most 1000\n"},
		{[]string{"-workers", "99999999999999999999"}, `05-workers: -workers "99999999999999999999": too large a number`},
		{[]string{"-queue", "-1"}, "05-workers: -queue -1: must be 0 (each put waits for a worker) or more\n"},
		{[]string{"-queue", "100001"}, "05-workers: -queue 100001: too large; use at most 100000\n"},
		{[]string{"-mode", "spawn", "-queue", "5"}, "05-workers: -queue is for -mode pool: -mode spawn has no queue\n"},
		{[]string{"-n", "0"}, "05-workers: -n 0: probe at least 1 name\n"},
		{[]string{"-n", "20001"}, "05-workers: -n 20001: too many; use at most 20000\n"},
		{[]string{"-n", "5", "-names", "-"}, "05-workers: -n and -names: give one of them\n"},
		{[]string{"-names", "/nonexistent"}, `05-workers: -names "/nonexistent": open /nonexistent: no such file or directory` + "\n"},
		{[]string{"-names", "-"}, `05-workers: -names "-": no names in it: write one name a line` + "\n"}, // stdin, empty here
		{[]string{"-names", "/dev/null"}, `05-workers: -names "/dev/null": no names in it: write one name a line` + "\n"},
		{[]string{"go.dev"}, `05-workers: unexpected argument "go.dev": give names with -names FILE (see -h)` + "\n"},
		{[]string{"-nope"}, "05-workers: flag provided but not defined: -nope (-h lists the flags)\n"},
	} {
		res := virtual(t, 10, 0, tc.args...)
		assert.Equal(t, 2, res.Code, "%v", tc.args)
		assert.True(t, strings.HasPrefix(res.Stderr, tc.want) && strings.Count(res.Stderr, "\n") == 1, "%v: stderr %q, want %q", tc.args, res.Stderr, tc.want)
		assert.Empty(t, res.Stdout, "%v", tc.args)
	}
	res := checks.Real(context.Background(), run, nil, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "-workers int")
}

// TestNamesFile: -names reads one name a line; a name the world does not
// know is free (NXDOMAIN at once); too many names are refused, not read
// into memory.
func TestNamesFile(t *testing.T) {
	file := t.TempDir() + "/names"
	require.NoError(t, os.WriteFile(file, []byte("# three names\nprobe0001.dev\n\nnobody.example\nprobe0050.dev\n"), 0o644))
	res := virtual(t, 60, 0, "-names", file)
	require.Equal(t, 0, res.Code, res.Stderr)
	golden.Assert(t, checks.Lesson, "names-file", []byte(res.Stdout))

	_, err := readNames(strings.NewReader(strings.Repeat("a.dev\n", 11)), 10)
	assert.EqualError(t, err, "more than 10 names: split the list")
	_, err = readNames(strings.NewReader("a b\n"), 10)
	assert.EqualError(t, err, `line 1: "a b" is not a DNS name`)
	_, err = readNames(strings.NewReader(strings.Repeat("a", 70_000)), 10)
	assert.EqualError(t, err, "a line is longer than 64 KB: one name a line")
}

// TestNamesFileClosed: parse closes the -names file once it is read (Linux
// only: it counts the process's open files in /proc/self/fd).
func TestNamesFileClosed(t *testing.T) {
	openFiles := func() int {
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skipf("no /proc/self/fd to count open files: %v", err)
		}
		return len(fds)
	}
	file := t.TempDir() + "/names"
	require.NoError(t, os.WriteFile(file, []byte("probe0001.dev\n"), 0o644))
	before := openFiles()
	o, code := parse([]string{"-names", file}, nil, io.Discard)
	require.Equal(t, -1, code)
	assert.Equal(t, []string{"probe0001.dev"}, o.names)
	assert.Equal(t, before, openFiles(), "a file left open")
}

// TestLessonWorldHoldsTheNames: the world of n names holds those generate
// gives, no more.
func TestLessonWorldHoldsTheNames(t *testing.T) {
	var names []string
	for _, d := range lessonWorld(3).Domains {
		names = append(names, d.Name)
	}
	assert.Equal(t, generate(3), names)
}

// TestFailedLookup: a name whose server fails (SERVFAIL) is a failure, not
// a free name: it is printed with "!", and the run exits 1. (The error
// names this machine's nameserver, so no golden file.)
func TestFailedLookup(t *testing.T) {
	file := t.TempDir() + "/names"
	require.NoError(t, os.WriteFile(file, []byte("probe0001.dev\nfail.test\nprobe0050.dev\n"), 0o644))
	world := lessonWorld(60)
	world.Domains = append(world.Domains, simnet.Domain{Name: "fail.test", Rcode: simnet.RcodeSERVFAIL, Latency: simnet.Duration(latency)})
	res := checks.Virtual(t, run, world, 0, "-names", file)
	assert.Equal(t, exitFailed, res.Code)
	assert.Regexp(t, `(?m)^! fail\.test      failed: lookup fail\.test\b.*server misbehaving$`, res.Stdout)
	assert.Contains(t, res.Stdout, "3 names in ")
	assert.Contains(t, res.Stdout, ": 1 taken, 1 free, 1 failed\n")
	assert.Equal(t, "05-workers: 1 lookup failed (exit code 1)\n", res.Stderr)
}

// TestOutputLost: output that can not be written is an error, exit 1.
func TestOutputLost(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full on this system: %v", err)
	}
	defer full.Close()
	var stderr strings.Builder
	code := run(context.Background(), []string{"-n", "20", "-workers", "20"}, nil, full, &stderr, nil)
	assert.Equal(t, exitOutputLost, code)
	assert.Equal(t, "05-workers: the output was lost: write /dev/full: no space left on device (exit code 1)\n", stderr.String())
}

// TestRealClock runs 100 names of 100 ms on 10 workers on loopback, on
// the real clock: 10 rounds, so the run can not beat 1 s. The upper bound,
// 1.9 s, fails a pool that ran on 5 workers or fewer (20 rounds or more)
// and leaves 0.9 s for a loaded CI runner with the race detector.
func TestRealClock(t *testing.T) {
	res := checks.Real(context.Background(), run, nil, "-n", "100", "-workers", "10")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.GreaterOrEqual(t, res.Elapsed, 10*latency)
	assert.Less(t, res.Elapsed, 19*latency)
}

// TestREADME keeps every output block of the README equal to its golden file.
func TestREADME(t *testing.T) {
	golden.README(t, "README.md", checks.Lesson)
}

// TestREADMECode keeps the README's Go excerpts equal to the lesson's code.
func TestREADMECode(t *testing.T) {
	golden.READMECode(t, "README.md", "workers.go", "probe.go", "main_test.go")
}

// TestREADMEPython keeps every Python listing of the README equal to the
// file under python/ that it names.
func TestREADMEPython(t *testing.T) {
	golden.READMEPython(t, "README.md")
}

// TestREADMEDurations: every duration the README claims in bold is one a
// run here measured.
func TestREADMEDurations(t *testing.T) {
	pool10 := virtual(t, 1000, 0)
	pool100 := virtual(t, 1000, 0, "-workers", "100")
	cancelled := virtual(t, 1000, ctrlCAt)
	golden.READMEClaims(t, "README.md", checks.Lesson, map[string]time.Duration{
		checks.Latency:      latency,
		checks.Pool10:       pool10.Elapsed,
		checks.Pool100:      pool100.Elapsed,
		checks.Producer10:   producerWaited(t, "-queue", "10"),
		checks.Producer1000: producerWaited(t, "-queue", "1000"),
		checks.Producer0:    producerWaited(t, "-queue", "0"),
		checks.UntilError:   checks.UntilErrorTook,
		checks.CtrlCAt:      cancelled.Elapsed,
		"real-clock-min":    10 * latency,
		"real-clock-max":    19 * latency,
	})
}

// TestUnbufferedChannelIsARendezvous: a channel made without a capacity
// has no room at all, so a send waits until a receiver takes the value:
// Go's 0 is the opposite of asyncio.Queue(maxsize=0), which has no limit
// (python/maxsize_zero.py).
func TestUnbufferedChannelIsARendezvous(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		queue := make(chan string) // no room: a rendezvous
		sent := make(chan bool, 1)
		go func() {
			queue <- "probe0001.dev" // waits for a receiver
			sent <- true
		}()
		synctest.Wait() // the sender is blocked for good, until...
		assert.Empty(t, sent, "the send returned though nobody received")
		assert.Equal(t, "probe0001.dev", <-queue) // ...a receiver comes
		synctest.Wait()
		assert.Len(t, sent, 1, "the send returned once the value was received")
	})
}

// TestPythonOutput runs the Python scripts whose output the README shows.
func TestPythonOutput(t *testing.T) {
	for _, name := range []string{"maxsize_zero", "semaphore"} {
		t.Run(name, func(t *testing.T) { golden.PythonOutput(t, checks.Lesson, name) })
	}
}

// TestPythonQueueWorkers runs python/queue_workers.py, the asyncio side of
// the README's small pool (60 names of 100 ms, 4 workers, a queue of 10),
// on the real clock: it can not beat the Go pool's 15 rounds (1.5 s) and
// the producer's 12 (1.2 s). The upper bounds leave 0.4 s, four rounds,
// for a loaded machine (each asyncio.sleep wakes a little late).
func TestPythonQueueWorkers(t *testing.T) {
	out, err := exec.Command(golden.Python(t), "python/queue_workers.py").CombinedOutput()
	require.NoError(t, err, "%s", out)
	m := regexp.MustCompile(`^60 names in ([0-9.]+)s on 4 workers and a queue of 10\nthe producer waited ([0-9.]+)s to hand out the last name\n$`).FindStringSubmatch(string(out))
	require.NotNil(t, m, "%s", out)
	took, err := time.ParseDuration(m[1] + "s")
	require.NoError(t, err)
	waited, err := time.ParseDuration(m[2] + "s")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, took, 15*latency)
	assert.Less(t, took, 19*latency)
	assert.GreaterOrEqual(t, waited, 12*latency)
	assert.Less(t, waited, 16*latency)
}

// firstWrite is a writer that keeps when (since start) it was first
// written to.
type firstWrite struct {
	start time.Time
	at    time.Duration
	n     int
}

func (w *firstWrite) Write(b []byte) (int, error) {
	if w.n == 0 {
		w.at = time.Since(w.start)
	}
	w.n++
	return len(b), nil
}

// TestPrintsAsTheyComplete: the first answer is printed when it comes,
// after one lookup, not at the end of the run.
func TestPrintsAsTheyComplete(t *testing.T) {
	for _, mode := range []string{"pool", "spawn", "errgroup"} {
		synctest.Test(t, func(t *testing.T) {
			sim, err := simnet.NewMemory(lessonWorld(100))
			require.NoError(t, err)
			defer sim.Close()
			out := &firstWrite{start: time.Now()}
			require.Equal(t, 0, run(t.Context(), []string{"-n", "100", "-mode", mode}, nil, out, io.Discard, sim))
			assert.Equal(t, latency, out.at, "-mode %s printed its first line after %v", mode, out.at)
		})
	}
}

// TestBoundsAccepted: each flag's last good value runs (exit 0), one past
// it is refused (TestBadInput), and a name of 253 bytes, DNS's longest, is
// read while 254 is not.
func TestBoundsAccepted(t *testing.T) {
	for _, args := range [][]string{{"-n", "1"}, {"-n", "10", "-queue", strconv.Itoa(maxQueue)}, {"-n", "10", "-workers", strconv.Itoa(maxWorkers)}} {
		res := virtual(t, 10, 0, args...)
		assert.Equal(t, 0, res.Code, "%v: %s", args, res.Stderr)
	}
	longest := strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 61)
	require.Len(t, longest, 253)
	names, err := readNames(strings.NewReader(longest+"\n"), 10)
	require.NoError(t, err)
	assert.Equal(t, []string{longest}, names)
	_, err = readNames(strings.NewReader(longest+"e\n"), 10)
	assert.ErrorContains(t, err, "is not a DNS name")
}

// TestSpawnProducerNeverWaits: -mode spawn starts a goroutine per name and
// hands out every name at once, so its producer waits 0s (the names then
// wait for slots, in an order the scheduler picks: no golden file). And
// -h prints the flags and probes nothing.
func TestSpawnProducerNeverWaits(t *testing.T) {
	res := virtual(t, 60, 0, append(small, "-mode", "spawn", "-timeline")...)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "\nthe producer waited 0s to hand out the last name\n")
	assert.Regexp(t, `\nproducer +#+ +0s \.\. 0s +waited 0s for room\n`, res.Stdout)
	res = virtual(t, 10, 0, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Empty(t, res.Stdout, "-h must probe nothing")
	assert.Contains(t, res.Stderr, "-workers")
}
