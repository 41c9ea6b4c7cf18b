package main

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md): each bound of validate, tried on both
// sides.

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidateBounds(t *testing.T) {
	label := strings.Repeat("a", 63)
	long := label + "." + label + "." + label + "." + strings.Repeat("b", 61) // 253 bytes
	assert.NoError(t, validate(long))
	assert.Error(t, validate(long+"b"), "254 bytes")
	for _, c := range "azAZ09" {
		assert.NoError(t, validate("x"+string(c)+".dev"), "%q", c)
	}
	for _, c := range "`{@[/:" {
		assert.Error(t, validate("x"+string(c)+".dev"), "%q is not allowed in a name", c)
	}
}
