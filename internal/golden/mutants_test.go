package golden

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md).

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFirstLines(t *testing.T) {
	assert.Equal(t, "a\nb\nc\n", firstLines("a\nb\nc\nd\n", 3))
	assert.Equal(t, "a\nb\nc\n", firstLines("a\nb\nc\nd", 3), "a last line without its newline counts")
	assert.Equal(t, "a\nb", firstLines("a\nb", 3), "fewer lines than n: all of them")
}
