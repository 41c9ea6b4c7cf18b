package timeline

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md).

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestColumnStepBounds(t *testing.T) {
	assert.Equal(t, time.Millisecond, columnStep(0), "nothing to draw: 1 ms columns")
	assert.Equal(t, time.Millisecond, columnStep(Width*time.Millisecond), "exactly Width columns of 1 ms")
	assert.Equal(t, 2*time.Millisecond, columnStep(Width*time.Millisecond+1), "1 ns more does not fit in Width columns of 1 ms")
}

func TestAxisSkipsALabelThatWouldTouch(t *testing.T) {
	// The label at column 10 is 11 characters long, so it reaches column 20:
	// the label of column 20 is left out rather than glued on.
	ticks, labels := axis(20, 1000025*time.Millisecond)
	assert.Equal(t, "|         |         |", ticks)
	assert.Equal(t, "0s        2h46m40.25s", labels)
}

// TestFormatBounds: 1 ns and 999 ns print as they are, not as "0s" or
// rounded to "1µs".
func TestFormatBounds(t *testing.T) {
	assert.Equal(t, "1ns", format(1))
	assert.Equal(t, "999ns", format(999))
	assert.Equal(t, "1µs", format(time.Microsecond))
}

// TestAxisEndsAtTheLastColumn: nine columns get the tick at 0 only, ten get
// a second one at column 10.
func TestAxisEndsAtTheLastColumn(t *testing.T) {
	ticks, labels := axis(9, time.Millisecond)
	assert.Equal(t, "|", ticks)
	assert.Equal(t, "0s", labels)
	ticks, labels = axis(10, time.Millisecond)
	assert.Equal(t, "|         |", ticks)
	assert.Equal(t, "0s        10ms", labels)
}
