package simnet

import (
	"net/http"
	"sync"
	"time"
)

// Request is what the simulated HTTP server saw of one request: the
// server's view, which a test reads to prove what a client did on the wire
// (that it cancelled a request, or never had more than two in flight).
type Request struct {
	URL      string    // host and path (and query) as the server found them: "httpbin.org/get"
	Start    time.Time // when the request reached the server
	End      time.Time // when the server was done with it
	Answered bool      // the latency passed and the server sent its answer; false: the client went away first, or the Net closed
	// InFlight counts the requests the server was busy with when this one
	// arrived, this one included.
	InFlight int
}

// maxLogged bounds the log of a long-running Net (a benchmark's, a
// lesson's -offline server): past it, the older half is forgotten.
const maxLogged = 1 << 16

// requestLog records the requests the HTTP server sees: all of them up to
// maxLogged; past that, the latest (the older half goes each time it fills).
type requestLog struct {
	mu       sync.Mutex
	list     []*Request
	inFlight int
}

// arrive records r's arrival and returns its record.
func (l *requestLog) arrive(r *http.Request) *Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inFlight++
	rec := &Request{URL: r.Host + r.URL.RequestURI(), Start: time.Now(), InFlight: l.inFlight}
	if len(l.list) >= maxLogged {
		l.list = append(l.list[:0], l.list[maxLogged/2:]...)
	}
	l.list = append(l.list, rec)
	return rec
}

// answer marks rec as answered.
func (l *requestLog) answer(rec *Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rec.Answered = true
}

// leave records that the server is done with rec.
func (l *requestLog) leave(rec *Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inFlight--
	rec.End = time.Now()
}

// Requests returns what the HTTP server saw of every request so far (the
// latest 65,536 at most), in order of arrival. A request still being
// served has a zero End.
func (n *Net) Requests() []Request {
	n.requests.mu.Lock()
	defer n.requests.mu.Unlock()
	out := make([]Request, len(n.requests.list))
	for i, r := range n.requests.list {
		out[i] = *r
	}
	return out
}

// MaxInFlight is the most requests the server was ever busy with at once.
func MaxInFlight(requests []Request) int {
	most := 0
	for _, r := range requests {
		most = max(most, r.InFlight)
	}
	return most
}
