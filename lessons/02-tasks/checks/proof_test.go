package checks

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestVariantsApply: every broken version still applies to the lesson's
// code (each line it replaces is there exactly once) and is still Go.
func TestVariantsApply(t *testing.T) {
	files, err := LessonFiles("..")
	require.NoError(t, err)
	variants, err := Variants()
	require.NoError(t, err)
	require.Len(t, variants, 6, "the README says six broken versions")
	for _, v := range variants {
		t.Run(v.Name, func(t *testing.T) {
			changed, err := v.Apply(files)
			require.NoError(t, err)
			for _, e := range v.Edits {
				assert.NotEqual(t, files[e.File], changed[e.File])
				_, err := parser.ParseFile(token.NewFileSet(), e.File, changed[e.File], 0)
				assert.NoError(t, err, "variant %s makes %s invalid Go", v.Name, e.File)
			}
		})
	}
}

// TestParseVariantRefusesNonsense: a variant file that says nothing, or
// replaces nothing, is an error naming what is missing.
func TestParseVariantRefusesNonsense(t *testing.T) {
	for text, want := range map[string]string{
		"--- tasks.go\nold\n+++\nnew\n":     "no says:",
		"says: x\n":                         "no --- FILE",
		"says: x\n--- tasks.go\n+++\nnew\n": "replaces nothing",
		"says: x\nstray\n":                  "expected says:",
	} {
		_, err := parseVariant("bad", text)
		assert.ErrorContains(t, err, want, "%q", text)
	}
}

// TestSolutionCatchesEveryVariant: the solution in solutions/02-tasks passes
// on the lesson and fails on every broken version, so the challenge can be
// done. It runs `go test` on eight packages: skipped with -short, and when
// the lesson is handed out without the solutions.
func TestSolutionCatchesEveryVariant(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	solution := filepath.Join("..", "..", "..", "solutions", Lesson, "proof_test.go")
	if _, err := os.Stat(solution); err != nil {
		t.Skipf("no solution beside the lesson: %v", err)
	}
	verdicts, err := Prove(t.Context(), "..", solution)
	require.NoError(t, err)
	require.True(t, verdicts[0].Passed, "the solution fails on the lesson:\n%s", verdicts[0].Output)
	for _, v := range verdicts[1:] {
		assert.True(t, v.Ran, "%s: the solution did not run:\n%s", v.Version, v.Output)
		assert.False(t, v.Passed, "the solution passed on %s, a version that %s", v.Version, v.Says)
	}
}
