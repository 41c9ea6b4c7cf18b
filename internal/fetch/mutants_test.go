package fetch

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md): each bound tried exactly at it and one
// past it.

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestValidateBounds: -timeout and -max-body must be positive: 0 is
// refused, the smallest positive value is not.
func TestValidateBounds(t *testing.T) {
	cmd := Command{Name: "fetch"}
	ok := options{timeout: time.Second, maxBody: 1}
	assert.NoError(t, cmd.validate(ok, nil))
	o := ok
	o.timeout = time.Nanosecond
	assert.NoError(t, cmd.validate(o, nil), "-timeout 1ns")
	o.timeout = 0
	assert.ErrorContains(t, cmd.validate(o, nil), "-timeout 0s: must be a positive duration")
	o = ok
	o.maxBody = 0
	assert.ErrorContains(t, cmd.validate(o, nil), "-max-body 0: must be a positive number of bytes")
}

// TestExitCodeCancelled: the failure line counts the cancelled URLs when
// there is one, and says nothing of them when there is none.
func TestExitCodeCancelled(t *testing.T) {
	line := func(failed, cancelled int) string {
		var stderr strings.Builder
		code := Command{Name: "fetch"}.exitCode(context.Background(), &stderr, time.Second, 3, 3-failed-cancelled, failed, cancelled)
		assert.Equal(t, ExitFailed, code)
		return stderr.String()
	}
	assert.Equal(t, "1 of 3 URLs failed, 1 cancelled; each is marked ! with what to do (exit code 1)\n", line(1, 1))
	assert.Equal(t, "1 of 3 URLs failed; each is marked ! with what to do (exit code 1)\n", line(1, 0))
	assert.Equal(t, "0 of 3 URLs failed, 1 cancelled; each is marked ! with what to do (exit code 1)\n", line(0, 1))
	assert.Equal(t, ExitOK, Command{}.exitCode(context.Background(), io.Discard, time.Second, 3, 3, 0, 0))
}

// TestStatusErrorBound: 499 is the server refusing, 500 the server failing.
func TestStatusErrorBound(t *testing.T) {
	assert.Equal(t, "the server refused: check the URL", StatusError(499).Error())
	assert.Equal(t, "the server failed: try again later", StatusError(500).Error())
}

// TestExplainBodyBound: a body of one byte broken off before its byte is a
// broken connection, with both counts; a body of unknown length, or an
// empty one, is not.
func TestExplainBodyBound(t *testing.T) {
	c := &Client{}
	assert.EqualError(t, c.ExplainBody(context.Background(), io.ErrUnexpectedEOF, 0, 1), "connection broken after 0 of 1 bytes: try again")
	assert.EqualError(t, c.ExplainBody(context.Background(), io.ErrUnexpectedEOF, 0, -1), "reading the body failed after 0 bytes (unexpected EOF): try again")
	assert.EqualError(t, c.ExplainBody(context.Background(), io.ErrUnexpectedEOF, 0, 0), "reading the body failed after 0 bytes (unexpected EOF): try again")
}

// TestCutBound: a text of n bytes is kept whole, one of n+1 is cut to n
// bytes and an ellipsis.
func TestCutBound(t *testing.T) {
	assert.Equal(t, "abcde", cut("abcde", 5))
	assert.Equal(t, "abcde…", cut("abcdef", 5))
}

// TestDisplayWidthBound: a URL of MaxURLWidth runes is shown whole, one of
// MaxURLWidth+1 is cut to MaxURLWidth runes, its last an ellipsis.
func TestDisplayWidthBound(t *testing.T) {
	u := "https://example.com/" + strings.Repeat("é", MaxURLWidth-len("https://example.com/"))
	assert.Equal(t, u, Display(u))
	cutURL := Display(u + "é")
	assert.Equal(t, MaxURLWidth, utf8.RuneCountInString(cutURL))
	assert.True(t, strings.HasSuffix(cutURL, "é…"), cutURL)
}
