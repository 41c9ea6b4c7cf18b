package keywords

import (
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestGo(t *testing.T) {
	words := Go()
	assert.Len(t, words, 25, "Go has 25 keywords")
	assert.Equal(t, "break", words[0])
	assert.Equal(t, "var", words[len(words)-1])
	for _, w := range words {
		assert.True(t, token.IsKeyword(w), w)
	}
	assert.Contains(t, words, "go")
	assert.Contains(t, words, "select")
}

func TestPython(t *testing.T) {
	words := Python()
	assert.Len(t, words, 35, "Python 3.11 has 35 keywords")
	words[0] = "changed"
	assert.Equal(t, "False", Python()[0], "callers get a copy")
}

func TestDomains(t *testing.T) {
	assert.Equal(t, []string{"false.dev", "go.dev"}, Domains([]string{"False", "go"}))
}
