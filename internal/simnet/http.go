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

// serveHTTP answers a request from the world's resources.
func (n *Net) serveHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	k := canonical(host) + r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		k += "?" + r.URL.RawQuery
	}
	res, ok := n.resources[k]
	if !ok {
		http.Error(w, fmt.Sprintf("simnet: %s has no page %s in this world", host, r.URL.RequestURI()), http.StatusNotFound)
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
	body, size := res.body()
	status := res.Status
	if status == 0 {
		status = http.StatusOK
	}
	ct := res.ContentType
	if ct == "" {
		ct = "text/plain; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(status)
	if res.Fault == FaultReset {
		io.CopyN(w, body, size/2)
		w.(http.Flusher).Flush()
		// The documented way to drop the connection mid-response: the
		// client sees the body end early (unexpected EOF).
		panic(http.ErrAbortHandler)
	}
	io.CopyN(w, body, size) // fails early when the client stops reading
}

// body returns the resource's body as a reader and its length.
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

func (p *pattern) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = p.line[p.off]
		p.off = (p.off + 1) % len(p.line)
	}
	return len(b), nil
}
