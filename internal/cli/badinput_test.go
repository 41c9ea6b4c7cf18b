package cli

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestParseBadInput: a flag's name or value that is 100 KB long, or holds
// ESC, CR or LF, is shown cut and quoted: the error stays one short line,
// and nothing in it acts on the terminal (.ci/bad-inputs.sh found both).
func TestParseBadInput(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-" + long}, `prog: flag provided but not defined: -"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... (100000 bytes) (-h lists the flags)` + "\n"},
		{[]string{"-\x1b[2J"}, `prog: flag provided but not defined: -"\x1b[2J" (-h lists the flags)` + "\n"},
		{[]string{"-x\r\nFAKE"}, `prog: flag provided but not defined: -"x\r\nFAKE" (-h lists the flags)` + "\n"},
		{[]string{"-timeout", long}, `prog: -timeout "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... (100000 bytes): not a duration; write it like 10s, 500ms or 1m30s (-h lists the flags)` + "\n"},
		{[]string{"-timeout", "NaN"}, `prog: -timeout "NaN": not a duration; write it like 10s, 500ms or 1m30s (-h lists the flags)` + "\n"},
		{[]string{"-v=\x1b[2J"}, `prog: -v=\x1b[2J: write -v alone, or -v=true or -v=false (-h lists the flags)` + "\n"},
	} {
		var stderr strings.Builder
		code, ok := Parse(newFlags(), tc.args, &stderr, "usage: prog [flags]")
		assert.False(t, ok)
		assert.Equal(t, ExitUsage, code)
		assert.Equal(t, tc.want, stderr.String(), "%.60q", tc.args)
	}
}

// TestShow: plain words are shown as they are; anything else is quoted,
// and a long one is cut with its length said.
func TestShow(t *testing.T) {
	assert.Equal(t, "go.dev", Show("go.dev"))
	assert.Equal(t, `""`, Show(""))
	assert.Equal(t, `"a b"`, Show("a b"))
	assert.Equal(t, `"b\u00fccher"`, Show("bücher"))
	assert.Equal(t, `"\x1b[31m"`, Show("\x1b[31m"))
	assert.Equal(t, `"`+strings.Repeat("é", 20)+`"... (60 bytes)`, strings.ReplaceAll(Show(strings.Repeat("é", 30)), `\u00e9`, "é"))
}
