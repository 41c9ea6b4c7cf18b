package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrongSolutionsAreCaught runs each wrong solution kept in
// testdata/<lesson>/wrong/*.go: its functions replace the answer's in a
// copy where every other gap is answered, and the check of its exercise
// must fail with the message (or hint) its "// want:" line gives, which
// names the real mistake.
func TestWrongSolutionsAreCaught(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join(root, "testdata", "*", "wrong", "*.go"))
	require.NoError(t, err)
	require.NotEmpty(t, fixtures)
	header := regexp.MustCompile(`(?m)^// exercise: (\d+)\n// want: (.+)$`)
	for _, fixture := range fixtures {
		lesson := filepath.Base(filepath.Dir(filepath.Dir(fixture)))
		t.Run(lesson+"/"+strings.TrimSuffix(filepath.Base(fixture), ".go"), func(t *testing.T) {
			m := header.FindStringSubmatch(readFile(t, fixture))
			require.NotNil(t, m, "%s must start with // exercise: N and // want: TEXT", fixture)
			l, err := LoadLesson(root, lesson)
			require.NoError(t, err)
			dir := t.TempDir()
			require.NoError(t, Tree(root, dir, []*Lesson{l}, func(string) Fill { return Answered }))
			require.NoError(t, applyWrong(filepath.Join(dir, "lessons", lesson, "exercise"), fixture))
			cmd := exec.Command("go", "test", "-trimpath", "-tags", "exercise", "-count=1", "-v",
				"-run", fmt.Sprintf("^TestExercises$/^%s-", m[1]), "./lessons/"+lesson+"/exercise")
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			assert.Error(t, err, "the wrong solution passes the check of exercise %s:\n%s", m[1], out)
			assert.Contains(t, string(out), "--- FAIL: TestExercises/"+m[1]+"-", "%s", out)
			assert.Contains(t, string(out), m[2], "the message must name the mistake")
		})
	}
}
