package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"

	"goasync.dev/workbook/internal/timeline"
)

// traced is an http.RoundTripper that draws every request on a timeline:
// from the moment it is sent until its body is closed, noted with the
// status code, "cancelled" (by a cancel or a deadline) or "failed". It wraps the client's transport, so
// the lesson's fetchURL carries no timeline code: the instrumentation sits
// around the idea, not inside it.
type traced struct {
	next http.RoundTripper
	rec  *timeline.Recorder
}

// Trace makes c.HTTP draw each request on c.Timeline.
func (c *Client) Trace() {
	next := c.HTTP.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.HTTP.Transport = traced{next: next, rec: c.Timeline}
}

// RoundTrip sends req and starts its span; the span ends when the body is
// closed, or at once when no response came.
func (t traced) RoundTrip(req *http.Request) (*http.Response, error) {
	done := t.rec.Start(req.URL.String())
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		// Cancelled, or cut by a deadline: the error may be the
		// context's cause, which need not wrap context.Canceled.
		if errors.Is(err, context.Canceled) || req.Context().Err() != nil {
			done("cancelled")
		} else {
			done("failed")
		}
		return nil, err
	}
	resp.Body = &tracedBody{ReadCloser: resp.Body, done: func() { done(strconv.Itoa(resp.StatusCode)) }}
	return resp, nil
}

// CloseIdleConnections passes http.Client.CloseIdleConnections on to the
// transport it wraps.
func (t traced) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// tracedBody ends its request's span when it is closed, once.
type tracedBody struct {
	io.ReadCloser
	once sync.Once
	done func()
}

func (b *tracedBody) Close() error {
	b.once.Do(b.done)
	return b.ReadCloser.Close()
}
