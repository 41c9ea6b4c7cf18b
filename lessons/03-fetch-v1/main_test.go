package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
	"goasync.dev/workbook/lessons/03-fetch-v1/checks"
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
func TestVirtualDuration(t *testing.T) {
	var slowest, sum time.Duration
	for _, u := range fetchtest.URLs {
		slowest = max(slowest, fetchtest.Latency(t, u))
		sum += fetchtest.Latency(t, u)
	}
	res := fetchtest.Virtual(t, run, 0)
	assert.Equal(t, slowest, res.Elapsed)
	assert.Less(t, res.Elapsed, sum)
}

// TestOrder: each fetch prints when it finishes (latency order), main prints
// in creation order, and a URL given last (python.org) finishes before main
// has printed anything.
func TestOrder(t *testing.T) {
	lines := fetchtest.Lines(fetchtest.Virtual(t, run, 0).Stdout)
	assert.Equal(t, fetchtest.ByLatency(t, fetchtest.URLs), fetchtest.Labelled(lines, "fetch"))
	assert.Equal(t, fetchtest.URLs, fetchtest.Labelled(lines, "main"))
	assert.Equal(t, []string{"main res1", "main res2", "main res3"}, labels(lines, "main"))
	assert.Equal(t, fetchtest.Line{Label: "fetch", URL: simnet.PythonURL, Rest: "200 OK, 51200 bytes"}, lines[0],
		"python.org, the last URL, finishes first")
}

func labels(lines []fetchtest.Line, prefix string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l.Label, prefix) {
			out = append(out, l.Label)
		}
	}
	return out
}

// TestFaults: every kind of bad URL gets a line that names it and says what
// to do, the good URL beside it is still fetched, and the exit code is 1.
func TestFaults(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		url  string
		want string
	}{
		{"malformed", nil, "http://[::1", "! not a URL (missing ']' in host): write it like https://www.example.com"},
		{"no scheme", nil, "www.example.com", "! no scheme: write it as https://www.example.com"},
		{"scheme", nil, "ftp://ftp.example.com/file", "! unsupported scheme ftp: this program fetches http:// and https:// URLs"},
		{"unreachable", nil, "https://nowhere.test/", "! no such host nowhere.test: check the spelling"},
		{"500", nil, simnet.ErrorURL, "500 Internal Server Error, 23 bytes ! the server failed: try again later"},
		{"timeout", []string{"-timeout", "1s"}, simnet.HangURL, "! no answer within -timeout 1s: the server is slow or down; try a longer -timeout"},
		{"reset", nil, simnet.ResetURL, "200 OK, 5000 bytes ! connection broken after 5000 of 10000 bytes: try again"},
		{"oversized", nil, simnet.HugeURL, "200 OK, 1048576 bytes ! body larger than -max-body 1048576 bytes: stopped reading"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := fetchtest.Virtual(t, run, 0, append(tc.args, tc.url, simnet.ExampleURL)...)
			assert.Equal(t, 1, res.Code)
			assert.Contains(t, res.Stderr, "1 of 2 URLs failed")
			lines := fetchtest.Lines(res.Stdout)
			require.Len(t, lines, 4, res.Stdout)
			for _, l := range lines {
				if l.URL == tc.url {
					assert.Contains(t, l.Rest, tc.want)
				} else {
					assert.Equal(t, "200 OK, 263 bytes", l.Rest)
				}
			}
			if tc.name == "timeout" {
				assert.Equal(t, time.Second, res.Elapsed, "the hang ends at exactly -timeout")
			}
			assert.Zero(t, res.Leftover, "connections left open")
		})
	}
}

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

// TestGoldenMaxBody: -max-body 1000 makes python.org's 51,200 bytes an
// error, and leaves no connection open.
func TestGoldenMaxBody(t *testing.T) {
	res := fetchtest.Virtual(t, run, 0, checks.MaxBodyArgs...)
	assert.Equal(t, 1, res.Code)
	assert.Zero(t, res.Leftover)
	golden.Assert(t, checks.Lesson, "max-body", []byte(res.Output()))
}

// TestGoldenCancel: Ctrl-C at 300ms cancels the one fetch still in flight
// (httpbin, 400ms) at once, keeps what finished, and exits 130.
func TestGoldenCancel(t *testing.T) {
	res := fetchtest.Virtual(t, run, 300*time.Millisecond)
	assert.Equal(t, 130, res.Code)
	assert.Equal(t, 300*time.Millisecond, res.Elapsed)
	assert.Zero(t, res.Leftover)
	golden.Assert(t, checks.Lesson, "cancelled", []byte(res.Output()))
}

// TestNoOpenConnections: the default run leaves no goroutine (and so no
// connection) behind; a body read in part (python.org, over -max-body) is
// closed at once, so at 200ms only httpbin's connection is open.
func TestNoOpenConnections(t *testing.T) {
	assert.Zero(t, fetchtest.Virtual(t, run, 0).Leftover)
	assert.Equal(t, 1, fetchtest.ConnsAt(t, run, 200*time.Millisecond, checks.CloseArgs...))
}

// TestRealClockLoopback runs the lesson on the loopback simulation, on the
// real clock: it can not beat the slowest URL (400ms), and it must end well
// before the sum of the three (800ms), so the overlap is real. -offline
// starts a loopback simulation of its own.
func TestRealClockLoopback(t *testing.T) {
	n, err := simnet.NewLoopback(simnet.DefaultWorld())
	require.NoError(t, err)
	defer n.Close()
	for _, res := range []fetchtest.Result{
		fetchtest.Real(context.Background(), run, n),
		fetchtest.Real(context.Background(), run, nil, "-offline"),
	} {
		require.Equal(t, 0, res.Code, res.Output())
		assert.GreaterOrEqual(t, res.Elapsed, 400*time.Millisecond)
		assert.Less(t, res.Elapsed, 800*time.Millisecond, "no real overlap")
	}
}

// TestWorldFile: -world loads a world of your own.
func TestWorldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "world.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"resources": [{"url": "http://my.test/", "body": "hello\n", "latency": "10ms"}]}`), 0o644))
	res := fetchtest.Real(context.Background(), run, nil, "-world", path, "http://my.test/")
	require.Equal(t, 0, res.Code, res.Output())
	assert.Contains(t, res.Stdout, "200 OK, 6 bytes")
}

// TestOnline: on the real network, a URL that can not be reached says so
// and suggests -offline. (Port 1 of this machine refuses connections.)
func TestOnline(t *testing.T) {
	res := fetchtest.Real(context.Background(), run, nil, "-timeout", "5s", "http://127.0.0.1:1/")
	assert.Equal(t, 1, res.Code)
	assert.Contains(t, res.Stdout, "! cannot reach 127.0.0.1: is the network up? try -offline")
}

// TestBadInput: every bad flag names itself, says what to do, exits 2.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-timeout", "0"}, "-timeout 0s: must be a positive duration"},
		{[]string{"-max-body", "-1"}, "-max-body -1: must be a positive number of bytes"},
		{[]string{"-timeout", "soon"}, `invalid value "soon" for flag -timeout`},
		{[]string{"https://go.dev", "-offline"}, `"-offline" after the URLs: put every flag before the first URL`},
		{[]string{"-world", "no-such-world.json"}, "-world: simnet: reading world"},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	} {
		res := fetchtest.Real(context.Background(), run, nil, tc.args...)
		assert.Equal(t, 2, res.Code, "%v", tc.args)
		assert.Contains(t, res.Stderr, tc.want, "%v", tc.args)
		assert.Empty(t, res.Stdout, "%v", tc.args)
	}
	res := fetchtest.Real(context.Background(), run, nil, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "-max-body int")
}

// TestREADME keeps every output block of the README equal to its golden file.
func TestREADME(t *testing.T) {
	golden.README(t, "README.md", checks.Lesson)
}
