package fetchtest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/golden"
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
		{"empty", nil, "", "! empty URL: write it like https://www.example.com"},
		{"no host", nil, "http:///x", "! no host: write it like https://www.example.com"},
		{"no host, port", nil, "http://:8080/", "! no host: write it like https://www.example.com"},
		{"port", nil, "http://www.example.com:99999/", "! no such port 99999: a port is a number from 1 to 65535"},
		{"host:port", nil, "127.0.0.1:8080", "! no scheme: write http://127.0.0.1:8080"},
		{"localhost:port/x", nil, "localhost:8080/x", "! no scheme: write http://localhost:8080/x"},
		{"//host", nil, "//www.example.com/x", "! no scheme: write it as https://www.example.com/x"},
		{"control", nil, "http://a\x1b[31m.test/\r\n", "! not a URL (net/url: invalid control character in URL)"},
		{"not in world", nil, "https://www.example.com/nope", "404 Not Found in the simulated world, 56 bytes ! the server refused: check the URL"},
		{"refused", nil, simnet.RefuseURL, "! connection refused by refuse.example.net: no server listens on that port; check the port in the URL"},
		{"closed", nil, simnet.CloseURL, "! close.example.net closed the connection without answering: try again"},
		{"not HTTP", nil, simnet.NotHTTPURL, "! binary.example.net did not answer in HTTP: is the port that of a web server? (a retry will not help)"},
		{"bad length", nil, simnet.BadLengthURL, `! length.example.net sent a broken header (bad Content-Length "lots"): a retry will not help`},
		{"big header", nil, simnet.BigHeaderURL, "! header.example.net sent a response header larger than the client accepts (10 MB): a retry will not help"},
		{"servfail", nil, "https://" + simnet.ServfailName + "/", "! the DNS server failed to look up servfail.test (SERVFAIL): try again later"},
		{"dns refused", nil, "https://" + simnet.RefusedName + "/", "! the DNS server refused to look up refused.test (REFUSED): check which DNS server"},
		{"dns timeout", []string{"-timeout", "1s"}, "https://" + simnet.SilentName + "/", "! no answer within -timeout 1s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Virtual(t, run, 0, append(tc.args, tc.url, simnet.ExampleURL)...)
			assert.Equal(t, 1, res.Code)
			assert.Contains(t, res.Stderr, "1 of 2 URLs failed")
			lines := Lines(res.Stdout)
			require.Len(t, lines, 2*linesPerURL, res.Stdout)
			for _, l := range lines {
				if l.URL == fetch.Display(tc.url) {
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

// NoOpenConnections asserts that no connection outlives its use. After a
// run is too late to look: the run's own cancel, as it returns, closes
// every connection a fetch forgot, so only a count while the run goes on
// sees a body that was never closed. python.org (150ms) is read in part
// (-max-body 1000), so its connection can not go back to the pool: between
// its answer and httpbin's (200ms, between 150ms and 400ms) only httpbin's
// may be open.
func NoOpenConnections(t *testing.T, run Runner) {
	at := Between(t, simnet.DefaultWorld(), simnet.PythonURL, simnet.HTTPBinURL)
	open := ConnsAt(t, run, at, "-max-body", "1000", simnet.PythonURL, simnet.HTTPBinURL)
	assert.Equal(t, 1, open, "connections open at %v, want httpbin's only: is every resp.Body closed when fetchURL returns?", at)
	assert.Zero(t, Virtual(t, run, 0).Leftover, "goroutines left after the run: are the idle connections closed?")
}

// RealClockLoopback runs the lesson on the loopback simulation, on the real
// clock, given a network and with -offline (which starts one of its own): a
// run can not beat the slowest URL (400ms), and it must end before the sum
// of the three (800ms), so the overlap is real. The time between the two
// bounds (400ms) is for a slow, loaded machine.
func RealClockLoopback(t *testing.T, run Runner) {
	slowest, sum := Slowest(simnet.DefaultWorld()), Sum(simnet.DefaultWorld())
	n, err := simnet.NewLoopback(simnet.DefaultWorld())
	require.NoError(t, err)
	defer n.Close()
	for _, res := range []Result{
		Real(context.Background(), run, n),
		Real(context.Background(), run, nil, "-offline"),
	} {
		require.Equal(t, 0, res.Code, res.Output())
		assert.GreaterOrEqual(t, res.Elapsed, slowest)
		assert.Less(t, res.Elapsed, sum, "no real overlap")
	}
}

// WorldFile asserts that -world loads a world of your own, served on
// loopback with the client's -timeout (a URL that hangs ends at it).
func WorldFile(t *testing.T, run Runner) {
	path := filepath.Join(t.TempDir(), "world.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"resources": [{"url": "http://my.test/", "body": "hello\n", "latency": "10ms"},
		{"url": "http://my.test/hang", "fault": "hang"}]}`), 0o644))
	res := Real(context.Background(), run, nil, "-world", path, "http://my.test/")
	require.Equal(t, 0, res.Code, res.Output())
	assert.Contains(t, res.Stdout, "200 OK, 6 bytes")

	// A run with no client timeout would hang: give up after 10s.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res = Real(ctx, run, nil, "-world", path, "-timeout", "300ms", "http://my.test/hang")
	assert.Contains(t, res.Stdout, "! no answer within -timeout 300ms", "has the -offline client a Timeout?")
	// The bounds of a real clock: not before the timeout, and well before
	// the test's own.
	assert.GreaterOrEqual(t, res.Elapsed, 300*time.Millisecond)
	assert.Less(t, res.Elapsed, 10*time.Second)
}

// Online asserts that on the real network (loopback only) each failure is
// named for what it is, with no -offline advice where the network is
// plainly up: a refused connection (port 1 of this machine refuses), HTTP
// spoken to an https:// URL, a certificate no one trusts, and a server
// that never answers (it ends at -timeout).
func Online(t *testing.T, run Runner) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer plain.Close()
	untrusted := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	untrusted.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is the point
	untrusted.StartTLS()
	defer untrusted.Close()
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hang.Close()
	https := "https://" + plain.Listener.Addr().String() + "/"
	// A TLS handshake under -race on a loaded machine can take a second:
	// -timeout here is far above it. A run with no client timeout would
	// hang on hang.URL: the context gives up after 20s.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res := Real(ctx, run, nil, "-timeout", "10s", "http://127.0.0.1:1/", https, untrusted.URL)
	assert.Equal(t, 1, res.Code)
	assert.Contains(t, res.Stdout, "! connection refused by 127.0.0.1: no server listens on that port; check the port in the URL")
	assert.Contains(t, res.Stdout, "! 127.0.0.1 answered an https:// URL in plain HTTP: write http:// (a retry will not help)")
	assert.Contains(t, res.Stdout, "! 127.0.0.1 has a certificate this machine does not trust (x509: certificate signed by unknown authority): a retry will not help")
	assert.NotContains(t, res.Stdout, "-offline")
	assert.NotContains(t, res.Stdout, "try again")

	res = Real(ctx, run, nil, "-timeout", "300ms", hang.URL)
	assert.Contains(t, res.Stdout, "! no answer within -timeout 300ms", "has the online client a Timeout?")
	assert.GreaterOrEqual(t, res.Elapsed, 300*time.Millisecond)
}

// BadArgs are flags a run must refuse, and what its message must say.
type BadArgs struct {
	Args []string
	Want string
}

// BadInput asserts that every bad flag of the common ones, and of more (the
// lesson's own), is one line that names it, says what to do, and exits 2;
// so is every bad world file; and that -h prints the flags and exits 0.
func BadInput(t *testing.T, run Runner, more ...BadArgs) {
	dir := t.TempDir()
	world := func(name, content string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
		return path
	}
	cases := append([]BadArgs{
		{[]string{"-timeout", "0"}, "-timeout 0s: must be a positive duration"},
		{[]string{"-timeout", "5"}, "-timeout 5: a duration needs a unit, e.g. 5s"},
		{[]string{"-timeout", "soon"}, `-timeout "soon": not a duration; write it like 10s`},
		{[]string{"-max-body", "-1"}, "-max-body -1: must be a positive number of bytes"},
		{[]string{"-max-body", "0"}, "-max-body 0: must be a positive number of bytes"},
		{[]string{"-max-body", "1e9"}, `-max-body "1e9": not a whole number`},
		{[]string{"https://go.dev", "-offline"}, `"-offline" after the URLs: put every flag before the first URL`},
		{[]string{"-world", "no-such-world.json"}, "-world: simnet: reading world"},
		{[]string{"-world", world("empty.json", "")}, "is not a world file: it is empty"},
		{[]string{"-world", world("null.json", "null")}, "it has no domains and no resources"},
		{[]string{"-world", world("object.json", "{}")}, "it has no domains and no resources"},
		{[]string{"-world", world("junk.json", `{"resources":[{"url":"http://my.test/"}]}x`)}, "line 1, column 42: more after the world's closing }"},
		{[]string{"-world", world("bom.json", "\ufeff{}")}, "byte order mark (BOM)"},
		{[]string{"-world", world("type.json", `{"resources":[{"url":"http://my.test/","status":"200"}]}`)}, "field resources.status: string where a int belongs"},
		{[]string{"-world", world("status.json", `{"resources":[{"url":"http://my.test/","status":101}]}`)}, `resources[0] ("http://my.test/"): status 101: use 200 to 599`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	}, more...)
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases, BadArgs{[]string{"-world", "/dev/zero"}, "larger than 16 MiB"})
	}
	for _, tc := range cases {
		res := Real(context.Background(), run, nil, tc.Args...)
		assert.Equal(t, 2, res.Code, "%v", tc.Args)
		assert.Contains(t, res.Stderr, tc.Want, "%v", tc.Args)
		assert.Equal(t, 1, strings.Count(res.Stderr, "\n"), "%v: one line: %s", tc.Args, res.Stderr)
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
// 130. A real SIGTERM must do the same, with exit code 143.
func CtrlC(t *testing.T) {
	bin := ctrlc.Build(t)
	for _, tc := range []struct {
		sig  os.Signal
		code int
		says string
	}{
		{os.Interrupt, 130, "interrupted after "},
		{syscall.SIGTERM, 143, "terminated (SIGTERM) after "},
	} {
		exit := ctrlc.SignalBinary(t, bin, tc.sig, "", "-offline", simnet.PythonURL, simnet.HangURL)
		require.Equal(t, tc.code, exit.Code, "%v: %s", tc.sig, exit.Stderr)
		assert.Less(t, exit.Took, 5*time.Second, "%v must end the hanging request at once", tc.sig)
		stdout := exit.Before + exit.After
		assert.Contains(t, stdout, "200 OK, 51200 bytes")
		assert.Contains(t, stdout, "! cancelled: interrupted")
		assert.Contains(t, stdout, "fetched 2 URLs in ", "%v: the summary", tc.sig)
		assert.Contains(t, exit.Stderr, tc.says)
	}
}

// Redirect asserts that a redirect is not followed, as httpx does not by
// default: the 301 is the result, and the run exits 0.
func Redirect(t *testing.T, run Runner) Result {
	t.Helper()
	res := Virtual(t, run, 0, simnet.RedirectURL)
	assert.Equal(t, 0, res.Code, res.Output())
	assert.Contains(t, res.Stdout, "301 Moved Permanently, 32 bytes")
	assert.NotContains(t, res.Stdout, "51200 bytes", "the redirect to python.org was followed")

	// What Go's default client, which follows redirects, would have shown.
	inBubble(t, func(n *simnet.Net) {
		resp, err := n.Client(time.Second).Get(simnet.RedirectURL)
		require.NoError(t, err)
		defer resp.Body.Close()
		size, err := io.Copy(io.Discard, resp.Body)
		require.NoError(t, err)
		assert.Equal(t, "200 OK, 51200", fmt.Sprintf("%s, %d", resp.Status, size))
		n.Transport().CloseIdleConnections()
	})
	return res
}

// Gzip asserts that a gzip-compressed body is counted, and limited by
// -max-body, in decoded bytes, as httpx's response.content is: 10,000
// bytes sent as a few dozen.
func Gzip(t *testing.T, run Runner) {
	page := strings.Repeat("0123456789", 1000)
	var sent int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(page))
		zw.Close()
		sent = b.Len()
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	}))
	defer srv.Close()
	res := Real(context.Background(), run, nil, srv.URL)
	assert.Equal(t, 0, res.Code, res.Output())
	assert.Contains(t, res.Stdout, "200 OK, 10000 bytes")
	assert.Less(t, sent, 1000, "the body went compressed")
	res = Real(context.Background(), run, nil, "-max-body", "5000", srv.URL)
	assert.Contains(t, res.Stdout, "200 OK, 5000 bytes ! body larger than -max-body 5000 bytes")
}

// Hardening asserts what a run must do with extreme input: a -max-body of
// math.MaxInt64 reads bodies whole (MaxBody+1 must not wrap around), output
// that can not be written fails the run, eleven URLs keep their columns
// aligned, a 100 KB URL does not widen every line, and control characters
// in a URL never reach the terminal.
func Hardening(t *testing.T, run Runner) {
	t.Run("max-body MaxInt64", func(t *testing.T) {
		res := Virtual(t, run, 0, "-max-body", strconv.FormatInt(math.MaxInt64, 10), simnet.PythonURL)
		assert.Equal(t, 0, res.Code, res.Output())
		assert.Contains(t, res.Stdout, "200 OK, 51200 bytes")
	})
	t.Run("bodies counted, not kept", func(t *testing.T) {
		// Ten bodies of 1 MiB (read up to -max-body): kept, they would
		// allocate 10 MiB and more (20 MiB as a slice grows); counted,
		// a few buffers.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res := Virtual(t, run, 0, slices.Repeat([]string{simnet.HugeURL}, 10)...)
		runtime.ReadMemStats(&after)
		assert.GreaterOrEqual(t, strings.Count(res.Stdout, "1048576 bytes ! body larger than -max-body"), 10, res.Stdout)
		allocated := after.TotalAlloc - before.TotalAlloc
		t.Logf("allocated %d KiB for 10 bodies of 1 MiB", allocated>>10)
		assert.Less(t, allocated, uint64(5<<20), "allocated %d bytes for 10 bodies of 1 MiB: are the bodies kept?", allocated)
	})
	t.Run("output lost", func(t *testing.T) {
		var stderr strings.Builder
		var code int
		inBubble(t, func(n *simnet.Net) {
			code = run(context.Background(), nil, failingWriter{}, &stderr, n)
		})
		assert.Equal(t, 1, code, "a run whose output is lost must not exit 0")
		assert.Contains(t, stderr.String(), "output lost (write /dev/stdout: no space left on device)")
	})
	t.Run("eleven URLs", func(t *testing.T) {
		urls := slices.Repeat([]string{simnet.ExampleURL}, 11)
		res := Virtual(t, run, 0, urls...)
		require.Equal(t, 0, res.Code, res.Output())
		for l := range strings.Lines(res.Stdout) {
			if !strings.HasPrefix(l, "fetched ") {
				assert.Equal(t, 12, strings.Index(l, "https://"), "the URL column starts after the widest label: %q", l)
			}
		}
	})
	t.Run("long and hostile URLs", func(t *testing.T) {
		long := "https://www.example.com/" + strings.Repeat("a", 100_000)
		res := Virtual(t, run, 0, long, "http://evil.test/\x1b[2J\r\n", simnet.ExampleURL)
		for l := range strings.Lines(res.Stdout) {
			assert.Less(t, len(l), 300, "a line as long as the longest URL: %.80q", l)
		}
		assert.NotContains(t, res.Stdout, "\x1b", "an ESC reached the terminal")
		assert.NotContains(t, res.Stdout, "\r", "a CR reached the terminal")
		assert.Contains(t, res.Stdout, `"http://evil.test/\x1b[2J\r\n"`)
	})
}

// failingWriter fails every write as a full disk (/dev/full) does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// AdaptedWorld is the default world with the latencies of the lesson's URLs
// set as an instructor might edit them (a URL not in latencies keeps its
// own).
func AdaptedWorld(latencies map[string]time.Duration) *simnet.World {
	world := simnet.DefaultWorld()
	for i, r := range world.Resources {
		if l, ok := latencies[r.URL]; ok {
			world.Resources[i].Latency = simnet.Duration(l)
		}
	}
	return world
}

// AdaptedWorlds asserts that the durations the tests derive from the world
// (Slowest, CtrlCAt, Between) hold on worlds whose latencies an instructor
// edited: doubled, reordered, two of them equal. Every run takes the slowest
// latency; Ctrl-C at CtrlCAt ends the run then, with two URLs fetched and
// one cancelled, the same output run after run (where no two latencies are
// equal); and between python.org's
// answer and httpbin's only httpbin's connection is open.
func AdaptedWorlds(t *testing.T, run Runner) {
	const ms = time.Millisecond
	ex, hb, py := simnet.ExampleURL, simnet.HTTPBinURL, simnet.PythonURL
	for name, world := range map[string]*simnet.World{
		"default":   simnet.DefaultWorld(),
		"doubled":   AdaptedWorld(map[string]time.Duration{ex: 500 * ms, hb: 800 * ms, py: 300 * ms}),
		"reordered": AdaptedWorld(map[string]time.Duration{ex: 420 * ms, hb: 260 * ms, py: 90 * ms}),
		"tied":      AdaptedWorld(map[string]time.Duration{ex: 150 * ms, hb: 400 * ms, py: 150 * ms}),
	} {
		t.Run(name, func(t *testing.T) {
			res := VirtualIn(t, world, run, 0)
			require.Equal(t, 0, res.Code, res.Output())
			assert.Equal(t, Slowest(world), res.Elapsed)
			assert.Less(t, res.Elapsed, Sum(world))

			at := CtrlCAt(t, world)
			first := VirtualIn(t, world, run, at)
			assert.Equal(t, 130, first.Code)
			assert.Equal(t, at, first.Elapsed)
			assert.Contains(t, first.Stdout, fmt.Sprintf("fetched 3 URLs in %v: 2 ok, 0 failed, 1 cancelled", at))
			// Two URLs that answer at one instant are printed in the
			// scheduler's order (03-fetch-v1's fetch lines, 03-fetch-v2's
			// completed lines): not yet sorted, so a tied world is not
			// compared run to run.
			for i := range 5 {
				if name == "tied" {
					break
				}
				again := VirtualIn(t, world, run, at)
				if !assert.Equal(t, first.Output(), again.Output(), "Ctrl-C at %v: run %d differs from run 1", at, i+2) {
					break
				}
			}

			between := Between(t, world, py, hb)
			assert.Equal(t, 1, ConnsAtIn(t, world, run, between, "-max-body", "1000", py, hb), "connections open at %v", between)
		})
	}
}

// READMEClaims checks the durations the README at path claims in bold
// against the world and runs of the lesson (golden.READMEClaims): the
// latencies of the three pages, the run (the slowest), the sum, and the run
// that Ctrl-C ends at CtrlCAt, plus more of the lesson's own. After an
// instructor edits the world, `make golden` rewrites them.
func READMEClaims(t *testing.T, run Runner, path, lesson string, more map[string]time.Duration) {
	t.Helper()
	world := simnet.DefaultWorld()
	proven := map[string]time.Duration{
		"example.com": LatencyIn(t, world, simnet.ExampleURL),
		"httpbin.org": LatencyIn(t, world, simnet.HTTPBinURL),
		"python.org":  LatencyIn(t, world, simnet.PythonURL),
		"run":         Virtual(t, run, 0).Elapsed,
		"sum":         Sum(world),
		"ctrl-c":      Virtual(t, run, CtrlCAt(t, world)).Elapsed,
	}
	maps.Copy(proven, more)
	golden.READMEClaims(t, path, lesson, proven)
}

// StatusBoundaries asserts where a status becomes a failure: 399 is an
// answer, shown as it came; 400, 499 and 500 are failures, marked "!", and
// the run exits 1.
func StatusBoundaries(t *testing.T, run Runner) {
	pages := []Page{
		{URL: "https://s399.example/", Status: 399, Latency: 10 * time.Millisecond},
		{URL: "https://s400.example/", Status: 400, Latency: 20 * time.Millisecond},
		{URL: "https://s499.example/", Status: 499, Latency: 30 * time.Millisecond},
		{URL: "https://s500.example/", Status: 500, Latency: 40 * time.Millisecond},
	}
	world := World(pages...)
	world.Resources[0].Location = "https://elsewhere.example/" // a 3xx needs one
	res := VirtualIn(t, world, run, 0, URLsOf(pages)...)
	assert.Equal(t, 1, res.Code, res.Output())
	lines := strings.Split(res.Stdout, "\n")
	for _, p := range pages {
		i := slices.IndexFunc(lines, func(line string) bool { return strings.Contains(line, p.URL) })
		if !assert.GreaterOrEqual(t, i, 0, "%s is not in the output:\n%s", p.URL, res.Stdout) {
			continue
		}
		assert.Equal(t, p.Status >= 400, strings.Contains(lines[i], " ! "), "status %d: %q", p.Status, lines[i])
	}
}

// MaxBodyBoundary asserts that a body of exactly -max-body bytes is whole,
// and one byte more is too large.
func MaxBodyBoundary(t *testing.T, run Runner) {
	res := Virtual(t, run, 0, "-max-body", "51200", simnet.PythonURL)
	assert.Equal(t, 0, res.Code, res.Output())
	assert.Contains(t, res.Stdout, "200 OK, 51200 bytes\n", "python.org's 51,200 bytes with -max-body 51200")
	res = Virtual(t, run, 0, "-max-body", "51199", simnet.PythonURL)
	assert.Equal(t, 1, res.Code, res.Output())
	assert.Contains(t, res.Stdout, "200 OK, 51199 bytes ! body larger than -max-body 51199 bytes")
}
