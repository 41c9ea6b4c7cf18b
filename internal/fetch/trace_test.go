package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/timeline"
)

// roundTrip answers after d with resp or err.
type roundTrip struct {
	d    time.Duration
	resp *http.Response
	err  error
}

func (rt roundTrip) RoundTrip(*http.Request) (*http.Response, error) {
	time.Sleep(rt.d)
	return rt.resp, rt.err
}

// TestTraceDrawsEachRequest: a request's span runs from RoundTrip until its
// body is closed (once, however often it is closed), noted with the status
// code; a request that got no response ends at once, "cancelled" (also by
// a deadline) or "failed".
func TestTraceDrawsEachRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := timeline.New()
		get := func(name string, rt roundTrip) *http.Response {
			c := &Client{HTTP: &http.Client{Transport: rt}, Timeline: rec}
			c.Trace()
			resp, _ := c.HTTP.Get("http://" + name + "/")
			return resp
		}
		ok := get("ok.test", roundTrip{d: 100 * time.Millisecond, resp: &http.Response{StatusCode: 201, Body: io.NopCloser(strings.NewReader("body"))}})
		require.NotNil(t, ok)
		time.Sleep(50 * time.Millisecond) // reading the body
		require.NoError(t, ok.Body.Close())
		require.NoError(t, ok.Body.Close())
		get("cancel.test", roundTrip{d: 20 * time.Millisecond, err: context.Canceled})
		get("fail.test", roundTrip{d: 30 * time.Millisecond, err: errors.New("refused")})
		// Cut by a deadline whose cause is an error of its own (lesson 04):
		// the request's ctx is done, so it is "cancelled" too.
		ctx, cancel := context.WithTimeoutCause(context.Background(), 10*time.Millisecond, errors.New("the deadline passed"))
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://deadline.test/", nil)
		require.NoError(t, err)
		// The transport answers after the deadline (never on it: a tie).
		c := &Client{HTTP: &http.Client{Transport: roundTrip{d: 20 * time.Millisecond, err: errors.New("the deadline passed")}}, Timeline: rec}
		c.Trace()
		_, err = c.HTTP.Do(req)
		require.Error(t, err)

		var got []string
		for _, s := range rec.Spans() {
			got = append(got, s.Name+" "+(s.End-s.Start).String()+" "+s.Note)
		}
		assert.ElementsMatch(t, []string{
			"http://ok.test/ 150ms 201",
			"http://cancel.test/ 20ms cancelled",
			"http://fail.test/ 30ms failed",
			"http://deadline.test/ 20ms cancelled",
		}, got)
	})
}
