package main

// Tests for the survivors of a sample of make mutate (internal/cmd/mutate
// README).

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAddAnswers: a line counts as an answer from minAnswerLen characters
// on (trimmed), unless it is shipped or a gap marker.
func TestAddAnswers(t *testing.T) {
	at := strings.Repeat("x", minAnswerLen)
	short := at[1:]
	path := filepath.Join(t.TempDir(), "tasks.go")
	require.NoError(t, os.WriteFile(path, []byte("\t"+at+"\n"+short+"\n//exercise:1 a long marker line\nshipped line here\n\n"), 0o644))
	answers := map[string]bool{}
	require.NoError(t, addAnswers(answers, map[string]bool{"shipped line here": true}, path))
	assert.Equal(t, map[string]bool{at: true}, answers)
}

// TestStudentREADMELastLine: the README's last line is kept, with or
// without its newline.
func TestStudentREADMELastLine(t *testing.T) {
	has := func(string) bool { return true }
	for _, src := range []string{"# Lesson\n\nThe last line.", "# Lesson\n\nThe last line.\n"} {
		out := string(studentREADME([]byte(src), "02-tasks", true, nil, has))
		assert.True(t, strings.HasSuffix(strings.TrimSuffix(out, "\n"), "The last line."), "%q", out)
	}
}

// TestShortenBounds: the parenthesis that closes a message goes, however
// short what comes before it; a message is one line of at most 160
// characters.
func TestShortenBounds(t *testing.T) {
	assert.Equal(t, "x", shorten("x (the detail)"))
	assert.Equal(t, "x", shorten("x: why?"))
	long := strings.Repeat("a", 161)
	assert.Equal(t, long[:157]+"...", oneLine(long+"\nsecond line"))
	assert.Len(t, oneLine(long), 160)
	assert.Equal(t, long[:160], oneLine(long[:160]), "160 characters fit")
}
