// Package fetch is the machinery that lessons 03-fetch-v1, v2 and v3 share:
// the command line, the choice of network, Ctrl-C, the result of one URL
// and how it is explained and printed. What the lessons teach stays in the
// lessons: how one URL is fetched (fetchurl.go, Python's fetch_url) and how
// the fetches are awaited (collect.go, the only file that differs).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"goasync.dev/workbook/internal/timeline"
)

// Client is what every fetch of a run shares: Python's one
// httpx.AsyncClient, the limit on a body's size, and the timeline.
type Client struct {
	HTTP     *http.Client
	MaxBody  int64              // bytes: a larger body is an error; below math.MaxInt64
	Online   bool               // the real network: a failed dial suggests -offline
	Timeline *timeline.Recorder // when each fetch ran, for -timeline
}

// Result is what one fetch learned about one URL: Python's (url,
// response), of which only the status and the length are printed.
type Result struct {
	URL    string
	Status string // "200 OK"; "" when no response came
	Size   int64  // bytes of the body read, at most MaxBody: the bytes are not kept
	Err    error  // nil when the status is below 400 and the whole body was read
}

// CheckURL refuses, before any request, what is not an http or https URL,
// with a message that says how to write it.
func CheckURL(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("not a URL (%v): write it like https://www.example.com", err)
	}
	switch u.Scheme {
	case "http", "https":
	case "":
		return fmt.Errorf("no scheme: write it as https://%s", rawURL)
	default:
		return fmt.Errorf("unsupported scheme %s: this program fetches http:// and https:// URLs", u.Scheme)
	}
	if u.Host == "" {
		return errors.New("no host: write it like https://www.example.com")
	}
	return nil
}

// Cancelled is the error of a fetch that was cancelled before it finished:
// by Ctrl-C, or in 03-fetch-v3's fail-fast mode by another URL's failure
// (the cause).
type Cancelled struct{ Cause error }

func (e Cancelled) Error() string { return "cancelled: " + e.Cause.Error() }

// Explain turns an error of c.HTTP.Do into a sentence that says what
// happened and what to do.
func (c *Client) Explain(ctx context.Context, host string, err error) error {
	if ctx.Err() != nil {
		return Cancelled{context.Cause(ctx)}
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case isTimeout(err):
		return fmt.Errorf("no answer within -timeout %s: the server is slow or down; try a longer -timeout", c.HTTP.Timeout)
	case c.Online && (errors.As(err, &dnsErr) || errors.As(err, &opErr)):
		return fmt.Errorf("cannot reach %s: is the network up? try -offline", host)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return fmt.Errorf("no such host %s: check the spelling (offline, the host must be in the simulated world)", host)
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return fmt.Errorf("request failed (%v): try again", err)
}

// ExplainBody explains an error that came while a body was being read,
// after got of want bytes (want is -1 when the server did not say).
func (c *Client) ExplainBody(ctx context.Context, err error, got, want int64) error {
	switch {
	case ctx.Err() != nil:
		return Cancelled{context.Cause(ctx)}
	case isTimeout(err):
		return fmt.Errorf("body not read within -timeout %s: the server is slow; try a longer -timeout", c.HTTP.Timeout)
	case errors.Is(err, io.ErrUnexpectedEOF) && want > 0:
		return fmt.Errorf("connection broken after %d of %d bytes: try again", got, want)
	}
	return fmt.Errorf("reading the body failed after %d bytes (%v): try again", got, err)
}

// TooLarge is the error of a body larger than c.MaxBody.
func (c *Client) TooLarge() error {
	return fmt.Errorf("body larger than -max-body %d bytes: stopped reading; raise -max-body to accept it", c.MaxBody)
}

// isTimeout reports whether err is a client timeout (http.Client.Timeout).
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// StatusError is an HTTP status of 400 or more.
type StatusError int

func (code StatusError) Error() string {
	if code >= 500 {
		return "the server failed: try again later"
	}
	return "the server refused: check the URL"
}

// Note is the result in a word or two, for the timeline.
func (r Result) Note() string {
	var c Cancelled
	switch {
	case errors.As(r.Err, &c):
		return "cancelled"
	case r.Status != "":
		return r.Status[:3]
	case r.Err != nil:
		return "failed"
	}
	return ""
}

// String is the result for people: status and size, or what went wrong.
func (r Result) String() string {
	s := ""
	if r.Status != "" {
		// A server may send no reason phrase ("HTTP/1.1 418 "): no space
		// before the comma then.
		s = fmt.Sprintf("%s, %d bytes", strings.TrimSpace(r.Status), r.Size)
	}
	switch {
	case r.Err == nil:
		return s
	case s == "":
		return "! " + r.Err.Error()
	}
	return s + " ! " + r.Err.Error()
}

// Printer prints one line per result. Goroutines print through it, one
// whole line at a time, so lines never interleave.
type Printer struct {
	mu         sync.Mutex
	out        io.Writer
	labelWidth int // "main res100", "results[99]": room for len(urls)'s digits
	urlWidth   int // of the widest URL as shown, at most MaxURLWidth
}

// MaxURLWidth is the widest a URL is shown: a longer one is cut, so one
// long URL does not push every line out to its width.
const MaxURLWidth = 60

// NewPrinter returns a Printer to out whose columns fit urls and labels
// that end in a number below len(urls) ("results[9]"), or len(urls) itself
// ("main res10").
func NewPrinter(out io.Writer, urls []string) *Printer {
	p := &Printer{out: out, labelWidth: max(10, len("results[]")+len(strconv.Itoa(len(urls))))}
	for _, u := range urls {
		p.urlWidth = max(p.urlWidth, utf8.RuneCountInString(Display(u)))
	}
	return p
}

// Print writes "label  url  result".
func (p *Printer) Print(label string, r Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.out, "%s %s  %s\n", pad(label, p.labelWidth), pad(Display(r.URL), p.urlWidth), r)
}

// pad adds spaces to s up to width runes.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s)))
}

// Display is a URL as it is safe to show on a terminal: quoted in Go
// syntax (strconv.Quote) if it holds a control character such as ESC, CR
// or LF, or is not UTF-8, so it can not move the cursor or recolour the
// screen; and cut to MaxURLWidth runes, ending in "…", if longer.
func Display(u string) string {
	if !utf8.ValidString(u) || strings.ContainsFunc(u, func(r rune) bool { return !unicode.IsPrint(r) }) {
		u = strconv.Quote(u)
	}
	if utf8.RuneCountInString(u) > MaxURLWidth {
		u = string([]rune(u)[:MaxURLWidth-1]) + "…"
	}
	return u
}

// Tally counts results: fine, failed and cancelled.
func Tally(results []Result) (ok, failed, cancelled int) {
	for _, r := range results {
		var c Cancelled
		switch {
		case r.Err == nil:
			ok++
		case errors.As(r.Err, &c):
			cancelled++
		default:
			failed++
		}
	}
	return ok, failed, cancelled
}
