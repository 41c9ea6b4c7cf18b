package checks

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestTookWantNeverShowsEqualNumbers: a message says "took X, want Y" only
// when X and Y differ.
func TestTookWantNeverShowsEqualNumbers(t *testing.T) {
	assert.Empty(t, tookWant(220*time.Millisecond, 220*time.Millisecond))
	assert.Equal(t, " (took 400ms, want 220ms)", tookWant(400*time.Millisecond, 220*time.Millisecond))
}
