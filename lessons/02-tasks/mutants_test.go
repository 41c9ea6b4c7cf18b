package main

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md).

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWordList(t *testing.T) {
	assert.Equal(t, "nothing", wordList(nil))
	assert.Equal(t, "hello", wordList([]string{"hello"}))
	assert.Equal(t, "hello, world", wordList([]string{"hello", "world"}))
}
