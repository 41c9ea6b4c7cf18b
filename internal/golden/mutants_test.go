package golden

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md).

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestFirstLines(t *testing.T) {
	assert.Equal(t, "a\nb\nc\n", firstLines("a\nb\nc\nd\n", 3))
	assert.Equal(t, "a\nb\nc\n", firstLines("a\nb\nc\nd", 3), "a last line without its newline counts")
	assert.Equal(t, "a\nb", firstLines("a\nb", 3), "fewer lines than n: all of them")
}

// TestSpellBounds: each unit starts exactly at one of it; one nanosecond
// less is spelt in the unit below.
func TestSpellBounds(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Minute: "1 min", time.Minute - time.Second: "59 s",
		time.Second: "1 s", time.Second - time.Millisecond: "999 ms",
		time.Millisecond: "1 ms", time.Millisecond - time.Microsecond: "999 µs",
		time.Microsecond: "1 µs", time.Microsecond - 1: "999 ns",
		time.Second - 1: "999.999999 ms", time.Millisecond - 1: "999.999 µs",
	} {
		assert.Equal(t, want, Spell(d, true), "%d ns", int64(d))
	}
}
