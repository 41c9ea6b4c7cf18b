package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"goasync.dev/workbook/lessons/01-dns-probe/checks"
)

// TestLongNameIsCut: a 100 KB argument is not a DNS name, and its line says
// so in under 200 bytes, as does -canary's error: printed whole, one
// argument filled the screen (.ci/bad-inputs.sh found a 100,056-byte line).
func TestLongNameIsCut(t *testing.T) {
	long := strings.Repeat("a", 100_000) + ".dev"
	res := checks.Real(context.Background(), run, nil, long)
	assert.Equal(t, 1, res.Code)
	for _, line := range strings.Split(res.Stdout, "\n") {
		assert.Less(t, len(line), 200, "%.80s", line)
	}
	first, _, _ := strings.Cut(res.Stdout, "\n")
	assert.Equal(t, `x "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... (100004 bytes)  not a DNS name: 100004 bytes long, more than 253`, first[:min(len(first), 200)])

	res = checks.Real(context.Background(), run, nil, "-canary", long)
	assert.Equal(t, 2, res.Code)
	assert.Equal(t, `01-dns-probe: -canary "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... (100004 bytes): not a DNS name: 100004 bytes long, more than 253`+"\n", res.Stderr[:min(len(res.Stderr), 300)])
}

// TestEmptyWorld: -world "" is refused, not read as "no -world" (which
// asked the real DNS: a script whose variable was unset went online).
func TestEmptyWorld(t *testing.T) {
	res := checks.Real(context.Background(), run, nil, "-world", "", "go.dev")
	assert.Equal(t, 2, res.Code)
	assert.Equal(t, `01-dns-probe: -world "": no file named; give a file, or leave -world out`+"\n", res.Stderr[:min(len(res.Stderr), 300)])
	assert.Empty(t, res.Stdout)
}
