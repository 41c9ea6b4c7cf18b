package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExplainOffline is what a lesson README promises for a machine
// without a network ("With none, each URL says ! cannot reach ...: try
// -offline"): online, a failed DNS lookup is explained like a refused
// connection. Offline, an unknown name is a spelling mistake.
func TestExplainOffline(t *testing.T) {
	noSuchHost := &url.Error{Op: "Get", URL: "https://go.dev", Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: "go.dev", IsNotFound: true}}}
	online := &Client{HTTP: &http.Client{Timeout: time.Second}, Online: true}
	offline := &Client{HTTP: &http.Client{Timeout: time.Second}}
	ctx := context.Background()

	assert.EqualError(t, online.Explain(ctx, "go.dev", noSuchHost),
		"no such host go.dev (NXDOMAIN): check the spelling; if it is right, your DNS server can not see it (a sandbox?): try -offline")
	assert.EqualError(t, offline.Explain(ctx, "go.dev", noSuchHost),
		"no such host go.dev: check the spelling (offline, the host must be in the simulated world)")
}

// TestExplainCancelled: a cancelled fetch says why, whatever error the
// client returned; Result.Note and Tally count it apart from failures.
func TestExplainCancelled(t *testing.T) {
	c := &Client{HTTP: &http.Client{}}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(ErrInterrupted)
	err := c.Explain(ctx, "go.dev", context.Canceled)
	assert.EqualError(t, err, "cancelled: interrupted")
	assert.EqualError(t, c.ExplainBody(ctx, errors.New("read"), 10, 20), "cancelled: interrupted")

	results := []Result{{Status: "200 OK"}, {Err: err}, {Status: "500 Internal Server Error", Err: StatusError(500)}}
	assert.Equal(t, []string{"200", "cancelled", "500"}, []string{results[0].Note(), results[1].Note(), results[2].Note()})
	ok, failed, cancelled := Tally(results)
	assert.Equal(t, []int{1, 1, 1}, []int{ok, failed, cancelled})
}

// lessons are the three versions of lesson 03, in lessons/.
var lessons = []string{"03-fetch-v1", "03-fetch-v2", "03-fetch-v3"}

// readLesson returns the file name of lesson, or skips the test when the
// lessons are not beside internal/ (a lesson handed out alone).
func readLesson(t *testing.T, lesson, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "lessons", lesson, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("lesson %s is not beside internal/: %v", lesson, err)
	}
	require.NoError(t, err)
	return string(b)
}

// TestLessonsDifferInCollectOnly holds the READMEs' promise that the three
// versions differ in collect.go: fetchurl.go (Python's fetch_url) is the
// same code in all three (each marks its own exercise gaps, //exercise:
// comments that the comparison leaves out), and main.go differs only in its doc comment and
// the program's name (and, in v3, the -mode flag).
func TestLessonsDifferInCollectOnly(t *testing.T) {
	for _, lesson := range lessons[1:] {
		assert.Equal(t, withoutMarkers(readLesson(t, lessons[0], "fetchurl.go")), withoutMarkers(readLesson(t, lesson, "fetchurl.go")),
			"lessons/%s/fetchurl.go must be lessons/%s/fetchurl.go", lesson, lessons[0])
	}
	code := func(lesson string) string {
		_, after, _ := strings.Cut(readLesson(t, lesson, "main.go"), "\npackage main\n")
		return strings.ReplaceAll(after, lesson, "03-fetch-vN")
	}
	assert.Equal(t, code(lessons[0]), code(lessons[1]), "main.go of v1 and v2: only the name and the doc comment differ")
}

// TestExplainResolverGaveUp: when the system resolver gives up on a silent
// DNS server before -timeout (its own limit, from resolv.conf), the
// message says so and does not blame -timeout. The error is the real
// resolver's, against a DNS server that never answers, wrapped as
// net/http wraps a failed dial.
func TestExplainResolverGaveUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		require.NoError(t, err)
		defer n.Close()
		_, lookupErr := n.Resolver().LookupHost(context.Background(), simnet.SilentName)
		require.Error(t, lookupErr)
		err = &url.Error{Op: "Get", URL: "https://silent.test/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: lookupErr}}
		c := &Client{HTTP: &http.Client{Timeout: time.Hour}, Online: true}
		assert.EqualError(t, c.Explain(context.Background(), "silent.test", err),
			"the DNS server did not answer for silent.test: the system resolver gave up before -timeout 1h0m0s (its limit is resolv.conf's timeout and attempts); try again later")
	})
}

// TestExplainSaysWhatHappened: each failure is named, a retry is advised
// only where one can help, and -offline only on the real network.
func TestExplainSaysWhatHappened(t *testing.T) {
	dial := func(err error) error {
		return &url.Error{Op: "Get", URL: "http://h.test/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: err}}
	}
	online := &Client{HTTP: &http.Client{Timeout: time.Second}, Online: true}
	offline := &Client{HTTP: &http.Client{Timeout: time.Second}}
	ctx := context.Background()
	for _, tc := range []struct {
		c    *Client
		err  error
		want string
	}{
		{online, dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), "connection refused by h.test: no server listens on that port; check the port in the URL"},
		{online, dial(os.NewSyscallError("read", syscall.ECONNRESET)), "connection reset by h.test before it answered: try again"},
		{online, dial(os.NewSyscallError("connect", syscall.ENETUNREACH)), "cannot reach h.test (no route to it): is the network up? try -offline"},
		{offline, dial(os.NewSyscallError("connect", syscall.ENETUNREACH)), "cannot reach h.test (no route to it)"},
		{online, dial(&net.AddrError{Err: "invalid port", Addr: "99999"}), "no such port (invalid port 99999): a port is a number from 1 to 65535"},
		{online, dial(&net.DNSError{Err: "server misbehaving", Name: "h.test", IsTemporary: true}), "the DNS server failed to look up h.test (SERVFAIL): try again later"},
		{online, dial(&net.DNSError{Err: "server misbehaving", Name: "h.test"}), "the DNS server refused to look up h.test (REFUSED): check which DNS server this machine uses (resolv.conf)"},
		{online, dial(&net.DNSError{Err: "dial udp 10.0.0.53:53: connect: network is unreachable", Name: "h.test"}), "cannot look up h.test (dial udp 10.0.0.53:53: connect: network is unreachable): is the network up? try -offline"},
		{online, &url.Error{Op: "Get", URL: "http://h.test/", Err: errors.New("net/http: HTTP/1.x transport connection broken: malformed HTTP response \"\\x00\\x01\\x02\"")},
			"h.test did not answer in HTTP: is the port that of a web server? (a retry will not help)"},
	} {
		got := tc.c.Explain(ctx, "h.test", tc.err).Error()
		assert.Equal(t, tc.want, got)
		if !strings.Contains(tc.want, "try -offline") {
			assert.NotContains(t, got, "-offline")
		}
	}
}

// TestExplainQuotesAndCuts: an error text with control characters (a
// server's binary answer) is quoted, and cut to 200 bytes.
func TestExplainQuotesAndCuts(t *testing.T) {
	c := &Client{HTTP: &http.Client{Timeout: time.Second}}
	err := &url.Error{Op: "Get", URL: "http://h.test/", Err: errors.New(strings.Repeat("\x1b[2J", 100))}
	got := c.Explain(context.Background(), "h.test", err).Error()
	assert.NotContains(t, got, "\x1b")
	assert.True(t, strings.HasPrefix(got, `request failed ("\x1b[2J`), got)
	assert.True(t, strings.HasSuffix(got, "…)"), got)
	assert.LessOrEqual(t, len(got), len("request failed ()")+200+len("…"))
}

// TestCheckURL: what is refused before any request, and the advice.
func TestCheckURL(t *testing.T) {
	for raw, want := range map[string]string{
		"":                      "empty URL: write it like https://www.example.com",
		"  ":                    "empty URL: write it like https://www.example.com",
		"127.0.0.1:8080":        "no scheme: write http://127.0.0.1:8080",
		"localhost:8080/x":      "no scheme: write http://localhost:8080/x",
		"[::1]:8080":            "no scheme: write http://[::1]:8080",
		"//example.com/x":       "no scheme: write it as https://example.com/x",
		"example.com/x":         "no scheme: write it as https://example.com/x",
		"http://":               "no host: write it like https://www.example.com",
		"http://:80/":           "no host: write it like https://www.example.com",
		"http://h.test:0/":      "no such port 0: a port is a number from 1 to 65535",
		"http://h.test:65536/":  "no such port 65536: a port is a number from 1 to 65535",
		"mailto:me@h.test":      "unsupported scheme mailto: this program fetches http:// and https:// URLs",
		"http://h.test/\x1b[2J": "not a URL (net/url: invalid control character in URL): write it like https://www.example.com",
	} {
		assert.EqualError(t, CheckURL(raw), want, "%q", raw)
	}
	for _, ok := range []string{"https://www.example.com", "http://127.0.0.1:8080/x", "http://[::1]:65535/"} {
		assert.NoError(t, CheckURL(ok), ok)
	}
}

// TestDisplay: a URL is shown quoted if it holds a control character or is
// empty, and cut to MaxURLWidth runes.
func TestDisplay(t *testing.T) {
	assert.Equal(t, "https://go.dev/", Display("https://go.dev/"))
	assert.Equal(t, `""`, Display(""))
	assert.Equal(t, `"http://h.test/\x1b[2J\r\n"`, Display("http://h.test/\x1b[2J\r\n"))
	long := Display("https://h.test/" + strings.Repeat("é", 1000))
	assert.Equal(t, MaxURLWidth, utf8.RuneCountInString(long))
	assert.True(t, strings.HasSuffix(long, "é…"), long)
}

// TestResultString: a status line without a reason phrase ("418 ") has no
// space before the comma.
func TestResultString(t *testing.T) {
	assert.Equal(t, "418, 0 bytes", Result{Status: "418 "}.String())
	assert.Equal(t, "200 OK, 5 bytes", Result{Status: "200 OK", Size: 5}.String())
	assert.Equal(t, "! boom", Result{Err: errors.New("boom")}.String())
}

// TestPrinterColumns: labels up to "main res100" and "results[99]" fit the
// label column of 100 URLs, so every URL starts in the same column.
func TestPrinterColumns(t *testing.T) {
	urls := make([]string, 100)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://h.test/%d", i)
	}
	var out strings.Builder
	p := NewPrinter(&out, urls)
	for _, label := range []string{"fetch", "main res100", "results[99]", "completed"} {
		p.Print(label, Result{URL: urls[0], Status: "200 OK"})
	}
	for l := range strings.Lines(out.String()) {
		assert.Equal(t, len("results[100] "), strings.Index(l, "https://"), "%q", l)
	}
}

// withoutMarkers drops the exercise gap markers (//exercise:... lines) of a
// lesson's file: each version marks the gaps of its own exercises.
func withoutMarkers(src string) string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		if !strings.HasPrefix(strings.TrimSpace(line), "//exercise:") {
			b.WriteString(line)
		}
	}
	return b.String()
}
