package main

// This file is the same in 03-fetch-v1, v2 and v3: how one URL is fetched
// does not change between the versions, only how the results are awaited
// (collect.go).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"goasync.dev/workbook/internal/timeline"
)

// fetcher is what every fetch shares: Python's one httpx.AsyncClient, the
// limit on a body's size, and the timeline.
type fetcher struct {
	client  *http.Client
	maxBody int64
	online  bool // the real network: a failed dial suggests -offline
	rec     *timeline.Recorder
}

// result is what fetchURL learned about one URL: Python's (url, text).
type result struct {
	url    string
	status string // "200 OK"; "" when no response came
	body   []byte
	err    error // nil when the status is 2xx and the whole body was read
}

// fetchURL GETs rawURL and reads its body. It is Python's
//
//	async def fetch_url(url, client):
//	    response = await client.get(url)
//	    return url, response.text
//
// Every wait in it (dial, headers, body) ends when ctx is cancelled or the
// client's timeout passes. It never panics and never returns early: every
// failure is in the result, explained.
func (f *fetcher) fetchURL(ctx context.Context, rawURL string) (r result) {
	r.url = rawURL
	done := f.rec.Start(rawURL)
	defer func() { done(r.note()) }()

	if err := checkURL(rawURL); err != nil {
		r.err = err
		return r
	}
	// TODO(exercise 2): a request made without ctx does not hear Ctrl-C: it
	// runs until the server answers. Build it with
	// http.NewRequestWithContext(ctx, ...).
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		r.err = err
		return r
	}
	resp, err := f.client.Do(req)
	if err != nil {
		r.err = f.explain(ctx, req.URL.Hostname(), err)
		return r
	}
	// Closing the body hands the connection back to the client (or closes
	// it if the body was not read to the end): without it, every fetch
	// would keep a connection and two goroutines busy.
	defer resp.Body.Close()
	r.status = resp.Status

	// Read at most maxBody+1 bytes: one byte more than allowed proves the
	// body is too large, without ever holding more than that in memory.
	r.body, err = io.ReadAll(io.LimitReader(resp.Body, f.maxBody+1))
	switch {
	case err != nil:
		r.err = f.explainBody(ctx, err, len(r.body), resp.ContentLength)
	case int64(len(r.body)) > f.maxBody:
		r.body = r.body[:f.maxBody]
		r.err = fmt.Errorf("body larger than -max-body %d bytes: stopped reading; raise -max-body to accept it", f.maxBody)
	case resp.StatusCode >= 400:
		r.err = statusError(resp.StatusCode)
	}
	return r
}

// checkURL refuses, before any request, what is not an http or https URL.
func checkURL(rawURL string) error {
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

// cancelledError is the error of a fetch that was cancelled before it
// finished: by Ctrl-C, or in 03-fetch-v3's fail-fast mode by another URL's
// failure (the cause).
type cancelledError struct{ cause error }

func (e cancelledError) Error() string { return "cancelled: " + e.cause.Error() }

// explain turns an error of client.Do into a sentence that says what
// happened and what to do.
func (f *fetcher) explain(ctx context.Context, host string, err error) error {
	if ctx.Err() != nil {
		return cancelledError{context.Cause(ctx)}
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case isTimeout(err):
		return fmt.Errorf("no answer within -timeout %s: the server is slow or down; try a longer -timeout", f.client.Timeout)
	case f.online && (errors.As(err, &dnsErr) || errors.As(err, &opErr)):
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

// explainBody explains an error that came while the body was being read.
func (f *fetcher) explainBody(ctx context.Context, err error, got int, want int64) error {
	switch {
	case ctx.Err() != nil:
		return cancelledError{context.Cause(ctx)}
	case isTimeout(err):
		return fmt.Errorf("body not read within -timeout %s: the server is slow; try a longer -timeout", f.client.Timeout)
	case errors.Is(err, io.ErrUnexpectedEOF) && want > 0:
		return fmt.Errorf("connection broken after %d of %d bytes: try again", got, want)
	}
	return fmt.Errorf("reading the body failed after %d bytes (%v): try again", got, err)
}

// isTimeout reports whether err is a client timeout (http.Client.Timeout).
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// statusError is an HTTP status of 400 or more.
type statusError int

func (code statusError) Error() string {
	if code >= 500 {
		return "the server failed: try again later"
	}
	return "the server refused: check the URL"
}

// note is the result in a word or two, for the timeline.
func (r result) note() string {
	var c cancelledError
	switch {
	case errors.As(r.err, &c):
		return "cancelled"
	case r.status != "":
		return r.status[:3]
	case r.err != nil:
		return "failed"
	}
	return ""
}

// String is the result for people: status and size, or what went wrong.
func (r result) String() string {
	s := ""
	if r.status != "" {
		s = fmt.Sprintf("%s, %d bytes", r.status, len(r.body))
	}
	switch {
	case r.err == nil:
		return s
	case s == "":
		return "! " + r.err.Error()
	}
	return s + " ! " + r.err.Error()
}

// printer prints one line per result. Goroutines print through it, one whole
// line at a time, so lines never interleave.
type printer struct {
	mu    sync.Mutex
	out   io.Writer
	width int // of the widest URL, to align the columns
}

func newPrinter(out io.Writer, urls []string) *printer {
	p := &printer{out: out}
	for _, u := range urls {
		p.width = max(p.width, len(u))
	}
	return p
}

// print writes "label  url  result".
func (p *printer) print(label string, r result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.out, "%-10s %-*s  %s\n", label, p.width, r.url, r)
}

// tally counts results: fine, failed and cancelled.
func tally(results []result) (ok, failed, cancelled int) {
	for _, r := range results {
		var c cancelledError
		switch {
		case r.err == nil:
			ok++
		case errors.As(r.err, &c):
			cancelled++
		default:
			failed++
		}
	}
	return ok, failed, cancelled
}

// since is the time since start, rounded for people.
func since(start time.Time) time.Duration { return time.Since(start).Round(time.Millisecond) }
