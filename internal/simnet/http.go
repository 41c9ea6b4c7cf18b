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

// handle is the HTTP server's handler: serveHTTP, and when that aborts the
// connection (http.ErrAbortHandler), the same abort again from here, once
// serveHTTP has returned. net/http counts the connection closed, the
// ConnState that Close waits for, while it recovers the abort and before
// the panicking frames unwind: a goroutine preempted there was still inside
// serveHTTP when Close returned (TestCloseWaitsForItsGoroutines, now and
// then under -race).
func (n *Net) handle(w http.ResponseWriter, r *http.Request) {
	if n.serveAborted(w, r) {
		panic(http.ErrAbortHandler)
	}
}

// serveAborted runs serveHTTP and reports whether it aborted the
// connection; any other panic goes on.
func (n *Net) serveAborted(w http.ResponseWriter, r *http.Request) (aborted bool) {
	defer func() {
		if p := recover(); p != nil {
			if p != http.ErrAbortHandler {
				panic(p)
			}
			aborted = true
		}
	}()
	n.serveHTTP(w, r)
	return false
}

// serveHTTP answers a request from the world's resources: after the
// resource's latency, its status, content type, length and body. A URL that
// is not in the world is a 404.
func (n *Net) serveHTTP(w http.ResponseWriter, r *http.Request) {
	seen := n.requests.arrive(r)
	defer n.requests.leave(seen)
	res, ok := n.resource(r)
	if !ok {
		n.requests.answer(seen)
		// A 404 whose reason phrase says why, where a client prints it.
		writeRaw(w, "HTTP/1.1 404 Not Found in the simulated world\r\nContent-Type: text/plain; charset=utf-8\r\n",
			fmt.Sprintf("simnet: %s has no page %s in this world\n", r.Host, r.URL.RequestURI()))
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
	if n.failsNow(res) {
		writeRaw(w, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n",
			"simnet: a flaky server: it fails its first requests (fail_first), then answers\n")
		return
	}
	switch res.Fault {
	case FaultClose:
		writeRaw(w, "", "")
		return
	case FaultNotHTTP:
		writeRaw(w, "\x00\x01\x02\x03"+strings.Repeat("\xff\xfe binary protocol ", 64)+"\r\n", "")
		return
	case FaultBadLength:
		writeRaw(w, "HTTP/1.1 200 OK\r\nContent-Length: lots\r\n", "")
		return
	case FaultBigHeader:
		writeRaw(w, "HTTP/1.1 200 OK\r\nX-Big: "+strings.Repeat("x", 10<<20+1)+"\r\n", "")
		return
	}
	body, size := res.body()
	if res.Location != "" {
		w.Header().Set("Location", res.Location)
	}
	w.Header().Set("Content-Type", res.contentType())
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(res.status())
	if res.Fault == FaultReset {
		copyN(w, body, size/2)
		w.(http.Flusher).Flush()
		// The documented way to drop the connection mid-response: the
		// client's read of the body ends early (unexpected EOF).
		panic(http.ErrAbortHandler)
	}
	copyN(w, body, size) // ends early when the client stops reading
}

// copyN copies n bytes of body to w through a buffer of its own, at most
// 4 KiB: io.CopyN would hand the copy to the server's ReadFrom and its
// 32 KiB buffers, 32 MB for a benchmark's 1,000 bodies in flight at once.
func copyN(w io.Writer, body io.Reader, n int64) {
	io.CopyBuffer(struct{ io.Writer }{w}, io.LimitReader(body, n), make([]byte, max(1, min(n, 4<<10))))
}

// writeRaw takes the connection from the HTTP server and writes head (a
// status line and headers, each ending in CRLF) and body as they are, with
// a Content-Length (unless head has one) when head is a status line, then
// closes it: an answer
// net/http would not send.
func writeRaw(w http.ResponseWriter, head, body string) {
	c, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer c.Close()
	if strings.HasPrefix(head, "HTTP/") {
		if !strings.Contains(head, "Content-Length:") {
			head += fmt.Sprintf("Content-Length: %d\r\n", len(body))
		}
		head += "Connection: close\r\n\r\n"
	}
	buf.WriteString(head + body)
	buf.Flush()
}

// failsNow counts an answer to res and reports whether it is one of the
// first res.FailFirst, which fail.
func (n *Net) failsNow(res Resource) bool {
	if res.FailFirst == 0 {
		return false
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.answered[res.URL]++
	return n.answered[res.URL] <= res.FailFirst
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
