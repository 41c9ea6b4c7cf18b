package fetch

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEmptyWorld: -world "" is refused before any network is chosen; read
// as "no -world" it fetched from the real internet (a script whose
// variable was unset went online). .ci/bad-inputs.sh found it.
func TestEmptyWorld(t *testing.T) {
	fetched := false
	cmd := Command{Name: "prog", FetchAll: func(context.Context, *Client, []string, *Printer) []Result {
		fetched = true
		return nil
	}}
	var stdout, stderr strings.Builder
	code := cmd.Run(context.Background(), []string{"-world", "", "http://www.example.com/"}, &stdout, &stderr, nil)
	assert.Equal(t, ExitUsage, code)
	assert.Equal(t, `prog: -world "": no file named; give a file, or leave -world out`+"\n", stderr.String())
	assert.Empty(t, stdout.String())
	assert.False(t, fetched)
}
