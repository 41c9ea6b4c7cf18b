package simnet

import (
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveHTTP answers a request from the world's resources: after the
// resource's latency, its status, content type, length and body. A URL that
// is not in the world is a 404.
func (n *Net) serveHTTP(w http.ResponseWriter, r *http.Request) {
	seen := n.requests.arrive(r)
	defer n.requests.leave(seen)
	res, ok := n.resource(r)
	if !ok {
		n.requests.answer(seen)
		http.Error(w, fmt.Sprintf("simnet: %s has no page %s in this world", r.Host, r.URL.RequestURI()), http.StatusNotFound)
		return
	}
	wait := time.Duration(res.Latency)
	if res.Fault == FaultHang {
		wait = math.MaxInt64 // until the client gives up or the Net closes
	}
	if !n.wait(r.Context(), wait) {
		// Drop the connection: returning would send an empty 200.
		panic(http.ErrAbortHandler)
	}
	n.requests.answer(seen)
	body, size := res.body()
	w.Header().Set("Content-Type", res.contentType())
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(res.status())
	if res.Fault == FaultReset {
		io.CopyN(w, body, size/2)
		w.(http.Flusher).Flush()
		// The documented way to drop the connection mid-response: the
		// client's read of the body ends early (unexpected EOF).
		panic(http.ErrAbortHandler)
	}
	io.CopyN(w, body, size) // ends early when the client stops reading
}

// resource finds the resource a request is for, by host (r.Host: the URL's
// scheme and port never reach the server) and path.
func (n *Net) resource(r *http.Request) (Resource, bool) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	k := canonical(host) + r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		k += "?" + r.URL.RawQuery
	}
	res, ok := n.resources[k]
	return res, ok
}

func (r Resource) status() int {
	if r.Status == 0 {
		return http.StatusOK
	}
	return r.Status
}

func (r Resource) contentType() string {
	switch {
	case r.ContentType != "":
		return r.ContentType
	case r.Fault == FaultHuge:
		return "application/octet-stream"
	default:
		return "text/plain; charset=utf-8"
	}
}

// body returns the resource's body as a reader and its length. Generated
// bodies are produced as they are read, never held whole.
func (r Resource) body() (io.Reader, int64) {
	switch {
	case r.Fault == FaultHuge:
		return newPattern(r.URL), HugeSize
	case r.Body != "":
		return strings.NewReader(r.Body), int64(len(r.Body))
	default:
		return newPattern(r.URL), r.BodySize
	}
}

// pattern is an endless, deterministic text: the same line again and again.
type pattern struct {
	line []byte
	off  int
}

func newPattern(url string) *pattern {
	return &pattern{line: []byte(fmt.Sprintf("simulated page of %s: generated text, the same line again and again.\n", url))}
}

// Read fills b with the pattern, carrying on where the last Read stopped.
func (p *pattern) Read(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		c := copy(b[n:], p.line[p.off:])
		n += c
		p.off = (p.off + c) % len(p.line)
	}
	return n, nil
}
