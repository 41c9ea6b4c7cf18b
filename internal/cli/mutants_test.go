package cli

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md): each bound tried exactly at it and one
// past it.

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// oneShort writes all but the last byte of what it is given, and no error.
type oneShort struct{}

func (oneShort) Write(p []byte) (int, error) { return len(p) - 1, nil }

// TestWriterOneByteShort: one byte missing is a short write too.
func TestWriterOneByteShort(t *testing.T) {
	w := NewWriter(oneShort{})
	w.Write([]byte("hello"))
	assert.ErrorIs(t, w.Err(), io.ErrShortWrite)
}

// TestBadValueBound: a bad value of showMax bytes is quoted whole, one of
// showMax+1 is cut.
func TestBadValueBound(t *testing.T) {
	msg := func(value string) string {
		var stderr strings.Builder
		Parse(newFlags(), []string{"-n", value}, &stderr, "")
		return stderr.String()
	}
	whole := strings.Repeat("x", showMax)
	assert.Equal(t, `prog: -n "`+whole+`": not a whole number (-h lists the flags)`+"\n", msg(whole))
	assert.Equal(t, `prog: -n "`+whole+`"... (41 bytes): not a whole number (-h lists the flags)`+"\n", msg(whole+"x"))
}

// TestShowBounds: '!' and '~', the first and last printable ASCII after the
// space, print as they are, the space and DEL do not; an argument of
// showMax bytes prints whole, one of showMax+1 is cut; Quote cuts the same.
func TestShowBounds(t *testing.T) {
	assert.Equal(t, "a!b", Show("a!b"))
	assert.Equal(t, "a~b", Show("a~b"))
	assert.Equal(t, `"a b"`, Show("a b"))
	assert.Equal(t, `"a\x7fb"`, Show("a\x7fb"))
	long := strings.Repeat("y", showMax)
	assert.Equal(t, long, Show(long))
	assert.Equal(t, `"`+long+`"... (41 bytes)`, Show(long+"y"))
	assert.Equal(t, `"`+long+`"`, Quote(long))
	assert.Equal(t, `"`+long+`"... (41 bytes)`, Quote(long+"y"))
}
