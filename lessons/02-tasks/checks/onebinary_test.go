package checks

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProveInOneAgreesWithGoTest: the solution and the weak proofs get the
// same verdicts from the one test binary of proveInOne as from go test on
// each version, and the one binary is what ProveAll uses for them.
func TestProveInOneAgreesWithGoTest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	tests := map[string][]byte{"proof_test.go": solution(t), "weak_test.go": readFile(t, filepath.Join("testdata", "weakproofs.go"))}
	names := []string{ProofTest, "TestWeakAwaitFirst", "TestWeakAwaitOne", "TestWeakNoPrint", "TestWeakNoWait", "TestWeakSleepThree"}
	one, inOne, err := proveAll(t.Context(), "..", tests, names, true)
	require.NoError(t, err)
	assert.True(t, inOne, "ProveAll did not use one test binary")
	each, inOne, err := proveAll(t.Context(), "..", tests, names, false)
	require.NoError(t, err)
	assert.False(t, inOne)
	require.Equal(t, slices.Sorted(maps.Keys(each)), slices.Sorted(maps.Keys(one)))
	passed := 0
	for _, name := range names {
		for i, v := range each[name] {
			o := one[name][i]
			assert.Equal(t, v.Version, o.Version)
			assert.True(t, o.Ran, "%s on %s did not run in one binary:\n%s", name, o.Version, o.Output)
			assert.Equal(t, v.Passed, o.Passed, "%s on %s: go test says passed=%v, one binary %v:\n%s\n---\n%s", name, v.Version, v.Passed, o.Passed, v.Output, o.Output)
			if o.Passed {
				passed++
			}
		}
	}
	// The lesson for each test, and one broken version for each weak one:
	// were the binary to run one version only, this could not hold.
	assert.Equal(t, len(names)+len(names)-1, passed)
}

// TestProveInOneFallsBack: where one binary can not stand for go test (a
// test missing, a test that does not compile, a TestMain), ProveAll runs go
// test on each version, and the learner reads what go test says.
func TestProveInOneFallsBack(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	for _, tc := range []struct {
		name, test string
		ran        bool
		output     string
	}{
		{"no such test", "//go:build exercise\n\npackage main\n\nimport \"testing\"\n\nfunc TestOther(t *testing.T) {}\n", false, ""},
		{"does not compile", "//go:build exercise\n\npackage main\n\nimport \"testing\"\n\nfunc TestTasksTakeTwoSeconds(t *testing.T) { undefinedThing() }\n", false, "undefined: undefinedThing"},
		{"TestMain", "//go:build exercise\n\npackage main\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { os.Exit(m.Run()) }\n\nfunc TestTasksTakeTwoSeconds(t *testing.T) {}\n", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all, inOne, err := proveAll(t.Context(), "..", map[string][]byte{"proof_test.go": []byte(tc.test)}, []string{ProofTest}, true)
			require.NoError(t, err)
			assert.False(t, inOne, "one binary stood for go test")
			lesson := all[ProofTest][0]
			assert.Equal(t, tc.ran, lesson.Ran, lesson.Output)
			if tc.output != "" {
				assert.Contains(t, lesson.Output, tc.output)
			}
		})
	}
}

// TestProveInOneBrokenVersionDoesNotCompile: a broken version made from a
// learner's tasks.go may not compile (sleep-three names the lesson's
// constant shortDelay, which this tasks.go calls otherwise):
// it fails, as in go test, and the others still run in one binary.
func TestProveInOneBrokenVersionDoesNotCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	lesson := t.TempDir()
	files, err := LessonFiles("..")
	require.NoError(t, err)
	for name, text := range files {
		text = strings.ReplaceAll(text, "shortDelay", "shortWait")
		require.NoError(t, os.WriteFile(filepath.Join(lesson, name), []byte(text), 0o644))
	}
	internal, err := filepath.Abs(filepath.Join("..", "..", "..", "internal"))
	require.NoError(t, err)
	mod := strings.Replace(string(readFile(t, filepath.Join("..", "go.mod"))), "=> ../../internal", "=> "+internal, 1)
	require.NoError(t, os.WriteFile(filepath.Join(lesson, "go.mod"), []byte(mod), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(lesson, "go.sum"), readFile(t, filepath.Join("..", "go.sum")), 0o644))

	tests := map[string][]byte{"proof_test.go": solution(t)}
	one, inOne, err := proveAll(t.Context(), lesson, tests, []string{ProofTest}, true)
	require.NoError(t, err)
	assert.True(t, inOne, "one broken version that does not compile sent the others to go test")
	each, _, err := proveAll(t.Context(), lesson, tests, []string{ProofTest}, false)
	require.NoError(t, err)
	for i, v := range each[ProofTest] {
		o := one[ProofTest][i]
		assert.Equal(t, v.Ran, o.Ran, v.Version)
		assert.Equal(t, v.Passed, o.Passed, v.Version)
		if v.Version == "sleep-three" {
			assert.False(t, o.Ran)
			assert.Contains(t, o.Output, "undefined: shortDelay")
		} else {
			assert.True(t, o.Ran, "%s:\n%s", v.Version, o.Output)
		}
	}
	assert.True(t, one[ProofTest][0].Passed, one[ProofTest][0].Output)
}

// TestProveInOneKeepsFileNames: what a test logs names its own file, as in
// go test, though the one binary compiles it as an ordinary file.
func TestProveInOneKeepsFileNames(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	test := "//go:build exercise\n\npackage main\n\nimport \"testing\"\n\nfunc TestTasksTakeTwoSeconds(t *testing.T) {\n\tt.Log(\"logged here\")\n}\n"
	all, inOne, err := proveAll(t.Context(), "..", map[string][]byte{"proof_test.go": []byte(test)}, []string{ProofTest}, true)
	require.NoError(t, err)
	assert.True(t, inOne)
	for _, v := range all[ProofTest] {
		assert.Contains(t, v.Output, "proof_test.go:8: logged here", v.Version)
	}
}

func solution(t *testing.T) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "solutions", Lesson, "proof_test.go"))
	if err != nil {
		t.Skipf("no solution beside the lesson: %v", err)
	}
	return b
}

func readFile(t *testing.T, name string) []byte {
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return b
}
