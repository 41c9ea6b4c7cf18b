package fetchtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
	"goasync.dev/workbook/internal/simnet"
)

// The tests below hold for every version of lesson 03: each lesson's
// main_test.go calls them with its own run function, so a version handed
// out alone is tested as fully as the three together.

// VirtualDuration asserts that the three fetches overlap: a run with args
// takes exactly the slowest URL's latency, less than the sum.
func VirtualDuration(t *testing.T, run Runner, args ...string) {
	t.Helper()
	var slowest, sum time.Duration
	for _, u := range URLs {
		slowest = max(slowest, Latency(t, u))
		sum += Latency(t, u)
	}
	res := Virtual(t, run, 0, args...)
	assert.Equal(t, slowest, res.Elapsed, "%v", args)
	assert.Less(t, res.Elapsed, sum, "%v", args)
}

// Faults asserts that every kind of bad URL gets a line that names it and
// says what to do, the good URL beside it is still fetched, the exit code
// is 1 and no connection is left open. linesPerURL is how many lines the
// lesson prints for one URL.
func Faults(t *testing.T, run Runner, linesPerURL int) {
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
			res := Virtual(t, run, 0, append(tc.args, tc.url, simnet.ExampleURL)...)
			assert.Equal(t, 1, res.Code)
			assert.Contains(t, res.Stderr, "1 of 2 URLs failed")
			lines := Lines(res.Stdout)
			require.Len(t, lines, 2*linesPerURL, res.Stdout)
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

// RealClockLoopback runs the lesson on the loopback simulation, on the real
// clock, given a network and with -offline (which starts one of its own): a
// run can not beat the slowest URL (400ms), and it must end before the sum
// of the three (800ms), so the overlap is real. The 400ms between the two
// bounds are for a slow, loaded machine.
func RealClockLoopback(t *testing.T, run Runner) {
	n, err := simnet.NewLoopback(simnet.DefaultWorld())
	require.NoError(t, err)
	defer n.Close()
	for _, res := range []Result{
		Real(context.Background(), run, n),
		Real(context.Background(), run, nil, "-offline"),
	} {
		require.Equal(t, 0, res.Code, res.Output())
		assert.GreaterOrEqual(t, res.Elapsed, 400*time.Millisecond)
		assert.Less(t, res.Elapsed, 800*time.Millisecond, "no real overlap")
	}
}

// WorldFile asserts that -world loads a world of your own.
func WorldFile(t *testing.T, run Runner) {
	path := filepath.Join(t.TempDir(), "world.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"resources": [{"url": "http://my.test/", "body": "hello\n", "latency": "10ms"}]}`), 0o644))
	res := Real(context.Background(), run, nil, "-world", path, "http://my.test/")
	require.Equal(t, 0, res.Code, res.Output())
	assert.Contains(t, res.Stdout, "200 OK, 6 bytes")
}

// Online asserts that on the real network a URL that can not be reached
// says so and suggests -offline. (Port 1 of this machine refuses
// connections.)
func Online(t *testing.T, run Runner) {
	res := Real(context.Background(), run, nil, "-timeout", "5s", "http://127.0.0.1:1/")
	assert.Equal(t, 1, res.Code)
	assert.Contains(t, res.Stdout, "! cannot reach 127.0.0.1: is the network up? try -offline")
}

// BadArgs are flags a run must refuse, and what its message must say.
type BadArgs struct {
	Args []string
	Want string
}

// BadInput asserts that every bad flag of the common ones, and of more (the
// lesson's own), names itself, says what to do and exits 2; and that -h
// prints the flags and exits 0.
func BadInput(t *testing.T, run Runner, more ...BadArgs) {
	cases := append([]BadArgs{
		{[]string{"-timeout", "0"}, "-timeout 0s: must be a positive duration"},
		{[]string{"-max-body", "-1"}, "-max-body -1: must be a positive number of bytes"},
		{[]string{"-timeout", "soon"}, `invalid value "soon" for flag -timeout`},
		{[]string{"https://go.dev", "-offline"}, `"-offline" after the URLs: put every flag before the first URL`},
		{[]string{"-world", "no-such-world.json"}, "-world: simnet: reading world"},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	}, more...)
	for _, tc := range cases {
		res := Real(context.Background(), run, nil, tc.Args...)
		assert.Equal(t, 2, res.Code, "%v", tc.Args)
		assert.Contains(t, res.Stderr, tc.Want, "%v", tc.Args)
		assert.Empty(t, res.Stdout, "%v", tc.Args)
	}
	res := Real(context.Background(), run, nil, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "-max-body int")
}

// CtrlC builds the lesson in the current directory, fetches python.org
// (150ms) and a URL that never answers from the loopback simulation, and
// sends a real SIGINT (what Ctrl-C sends) after a second: the hanging
// request must end at once, the program print python.org's result and exit
// 130.
func CtrlC(t *testing.T) {
	exit := ctrlc.Run(t, "", "-offline", simnet.PythonURL, simnet.HangURL)
	require.Equal(t, 130, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "Ctrl-C must end the hanging request at once")
	stdout := exit.Before + exit.After
	assert.Contains(t, stdout, "200 OK, 51200 bytes")
	assert.Contains(t, stdout, "! cancelled: interrupted")
	assert.Contains(t, exit.Stderr, "interrupted after ")
}
