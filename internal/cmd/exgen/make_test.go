package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// makeIn runs make in dir and returns its output and whether it succeeded.
func makeIn(t *testing.T, dir string, args ...string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	cmd := exec.Command("make", append([]string{"--no-print-directory"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLDIE_UPDATE=")
	out, err := cmd.CombinedOutput()
	return string(out), err == nil
}

// TestMakeHelpListsEveryTarget: every target of .PHONY but need-lesson is
// in `make help`, in one aligned column.
func TestMakeHelpListsEveryTarget(t *testing.T) {
	mk := readFile(t, filepath.Join(root, "Makefile"))
	phony := regexp.MustCompile(`(?m)^\.PHONY: (.*)$`).FindStringSubmatch(mk)
	require.NotNil(t, phony)
	out, ok := makeIn(t, root, "help")
	require.True(t, ok, out)
	column := -1
	for _, target := range strings.Fields(phony[1]) {
		if target == "need-lesson" || target == "known-lesson" {
			continue
		}
		m := regexp.MustCompile(`(?m)^  make ` + regexp.QuoteMeta(target) + `( +)\S`).FindStringSubmatchIndex(out)
		if !assert.NotNil(t, m, "make help does not list %s:\n%s", target, out) {
			continue
		}
		if col := m[3] - m[2] + len(target); column == -1 {
			column = col
		} else {
			assert.Equal(t, column, col, "the description of %s starts in another column", target)
		}
	}
}

// TestShippedAndSolvableCanFail: an exercise answered in the shipped copy
// fails `make shipped`; one left shipped among the answers fails `make
// solvable`.
func TestShippedAndSolvableCanFail(t *testing.T) {
	out, ok := makeIn(t, root, "shipped", "LESSON=02-tasks", "FLIP=02-tasks/1")
	assert.False(t, ok, out)
	assert.Contains(t, out, "FAIL 02-tasks 1-task passes as shipped")
	out, ok = makeIn(t, root, "solvable", "LESSON=02-tasks", "FLIP=02-tasks/2")
	assert.False(t, ok, out)
	assert.Contains(t, out, "4 of 5 exercises done")
	assert.Contains(t, out, "solvable: the exercises, filled in with their answers, do not all pass")
}

// TestSolvedAndCommitted is a learner at the end: every exercise solved and
// committed in git, and a file of their own that does not build. The trees
// that shipped and solvable test are the same, byte for byte, as those of
// the workbook as shipped, for every lesson; no exercise/ counts as stale;
// and `make shipped solvable` pass there (one lesson, to keep make test
// short: the trees prove the others).
func TestSolvedAndCommitted(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	names, err := Lessons(root)
	require.NoError(t, err)
	lessons, err := lessonsOr(root, names)
	require.NoError(t, err)
	dir := t.TempDir()
	// The learner's copy: every gap answered, in place.
	require.NoError(t, Tree(root, dir, lessons, func(string) Fill { return Answered }))
	for _, f := range []string{"Makefile", ".gitattributes"} {
		require.NoError(t, copyFile(filepath.Join(root, f), filepath.Join(dir, f)))
	}
	// And a file of their own that does not even build.
	writeFile(t, filepath.Join(dir, "lessons/02-tasks/exercise/scratch.go"), "package main\n\nfunc half( {\n")
	for _, args := range [][]string{
		{"init", "-q"}, {"add", "-A"},
		{"-c", "user.name=learner", "-c", "user.email=learner@example.com", "commit", "-qm", "all solved"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	solved := readFile(t, filepath.Join(dir, "lessons/02-tasks/exercise/tasks.go"))
	require.NotContains(t, solved, "TODO(exercise", "the copy is solved")

	for _, fill := range []Fill{Shipped, Answered} {
		want, got := t.TempDir(), t.TempDir()
		require.NoError(t, Tree(root, want, lessons, func(string) Fill { return fill }))
		solvedLessons, err := lessonsOr(dir, names)
		require.NoError(t, err)
		require.NoError(t, Tree(dir, got, solvedLessons, func(string) Fill { return fill }))
		for _, name := range names {
			assert.Equal(t, readTree(t, filepath.Join(want, "lessons", name, "exercise")), readTree(t, filepath.Join(got, "lessons", name, "exercise")), name)
		}
	}
	out, ok := makeIn(t, dir, "shipped", "solvable", "LESSON=02-tasks")
	assert.True(t, ok, out)
	shipped := regexp.MustCompile(`(?m)^(\d+) exercises checked as shipped$`).FindStringSubmatch(out)
	if assert.NotNil(t, shipped, out) {
		assert.Contains(t, out, fmt.Sprintf("solvable: filled in with their answers, %s of %s exercises done", shipped[1], shipped[1]))
	}
	chdir(t, dir)
	var stdout, stderr strings.Builder
	assert.Equal(t, 0, run([]string{"check"}, &stdout, &stderr), stdout.String()+stderr.String())
	assert.Equal(t, solved, readFile(t, filepath.Join(dir, "lessons/02-tasks/exercise/tasks.go")), "nothing touched the learner's work")
}

// TestMakeDiff: make diff compares every golden output of the lesson, not
// only those its checks produce: the reference itself (DIR=) matches all of
// them, and the shipped exercise does not.
func TestMakeDiff(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join(root, "testdata/02-tasks/*.golden"))
	require.NoError(t, err)
	out, ok := makeIn(t, root, "diff", "LESSON=02-tasks", "DIR=lessons/02-tasks")
	assert.True(t, ok, out)
	assert.Contains(t, out, fmt.Sprintf("%d of %d outputs of lessons/02-tasks match testdata/02-tasks", len(goldens), len(goldens)))

	dir := t.TempDir()
	l, err := LoadLesson(root, "02-tasks")
	require.NoError(t, err)
	shipped, err := l.Derive(Shipped)
	require.NoError(t, err)
	for name, b := range shipped {
		writeFile(t, filepath.Join(dir, name), string(b))
	}
	out, ok = makeIn(t, root, "diff", "LESSON=02-tasks", "DIR="+dir)
	assert.False(t, ok, out)
	assert.Contains(t, out, "--- testdata/02-tasks/sequential-cancelled.golden (reference)", "an output no exercise check produces is compared too")
	assert.Regexp(t, fmt.Sprintf(`\d of %d outputs of %s match testdata/02-tasks`, len(goldens), regexp.QuoteMeta(dir)), out)
}

// readTree maps each file name of dir to its contents.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := map[string]string{}
	for _, e := range entries {
		out[e.Name()] = readFile(t, filepath.Join(dir, e.Name()))
	}
	return out
}
