package checks

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestParseBounds: the shortest result line ("+ a", 3 bytes, the last line
// without its newline) is read, a shorter one is skipped without a panic,
// and only the listing's marks start a result line.
func TestParseBounds(t *testing.T) {
	assert.Equal(t, map[string]string{"b": "x", "a": "+"}, Marks("x b\n+ a"))
	assert.Equal(t, map[string]string{"b": "x"}, Marks("x b\n+ "))
	assert.Empty(t, Marks("? c\n"), "? is not a mark")
	assert.Equal(t, []string{"bad name", "go.dev"}, Names("x \"bad name\"  not a DNS name\n+ go.dev  192.0.2.10\n"))
}
