package checks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise"
)

// TestChallengeOnOwnCode: where the reference is not beside the exercise
// (a handout, a grade), the challenge checks the proof against the
// learner's own tasks.go, once exercises 1-4 pass on it. Two exercise
// folders, as a handout has them (no tasks.go in ".."; the checks, this
// package, from the workbook), each with the solution's proof: the one
// whose tasks.go is the reference passes; the one whose tasks.go has not
// done exercise 3 is told to finish exercises 1-4 first, and which one is
// not done. Runs go test: skipped with -short.
func TestChallengeOnOwnCode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	proof := solution(t)
	files, err := LessonFiles("..")
	require.NoError(t, err)
	// Exercise 3 as shipped: the two say_afters run one after the other.
	const wgGo = "\twg.Go(func() { err1 = sayAfter(ctx, s, longDelay*s.unit, \"hello\") })\n\twg.Go(func() { err2 = sayAfter(ctx, s, shortDelay*s.unit, \"world\") })\n"
	const inTurn = "\terr1 = sayAfter(ctx, s, longDelay*s.unit, \"hello\")\n\terr2 = sayAfter(ctx, s, shortDelay*s.unit, \"world\")\n"
	require.Equal(t, 1, strings.Count(files["tasks.go"], wgGo), "runWaitGroup of tasks.go")
	tasks := map[string]string{
		"done":   files["tasks.go"],
		"undone": strings.Replace(files["tasks.go"], wgGo, inTurn, 1),
	}

	dir := t.TempDir()
	modPath, err := writeModule(dir, "..")
	require.NoError(t, err)
	require.NoError(t, os.CopyFS(filepath.Join(dir, "testdata", Lesson), os.DirFS(filepath.Join("..", "..", "..", "testdata", Lesson))))
	harness := readFile(t, filepath.Join("..", "exercise", "main_test.go"))
	for name, code := range tasks {
		pkg := filepath.Join(dir, name)
		require.NoError(t, os.Mkdir(pkg, 0o755))
		for f, text := range files {
			require.NoError(t, os.WriteFile(filepath.Join(pkg, f), []byte(text), 0o644))
		}
		require.NoError(t, os.WriteFile(filepath.Join(pkg, "tasks.go"), []byte(code), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(pkg, "main_test.go"), harness, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(pkg, "proof_test.go"), proof, 0o644))
	}

	challenge := "TestExercises/" + exercise.ID(len(Exercises(nil, nil)), Challenges()[0])
	cmd := exec.CommandContext(t.Context(), goCommand(), "test", "-tags", "exercise", "-count=1", "-json", "-timeout", "5m", "-run", "^TestExercises$/^5-", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off") // GOFLAGS kept: make mutate's overlay reaches this package
	out, _ := cmd.Output()
	events := jsonEvents(out)

	var done, undone Verdict
	done.read(events, modPath+"/done", challenge)
	undone.read(events, modPath+"/undone", challenge)
	assert.True(t, done.Ran && done.Passed, "the challenge on a finished tasks.go:\n%s", done.Output)
	assert.True(t, undone.Ran && !undone.Passed, "the challenge on a tasks.go without exercise 3:\n%s", undone.Output)
	assert.Contains(t, undone.Output, "finish exercises 1-4 first: your test is checked against your own tasks.go and broken versions of it (not done yet: 3-waitgroup-mode)\n")
}

// TestGoTestThatDoesNotRun: a go test that fails before it runs anything
// (here, on a go.mod it can not parse) is an error that says so with what
// go printed, not a proof whose every version "has no test".
func TestGoTestThatDoesNotRun(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module\n"), 0o644))
	events, err := goTest(t.Context(), dir, []string{ProofTest})
	assert.Nil(t, events)
	assert.ErrorContains(t, err, "go test of the proof did not run (exit status 1): go: errors parsing go.mod")
}

// TestSkipIsNoFailure: a proof that skips (t.Skip) on a broken version does
// not fail it (go test says ok): the version is not caught. One binary
// reads the skip as go test does, and does not fall back. (A t.Skip inside
// synctest.Test's func ends only the bubble, and the test passes.)
func TestSkipIsNoFailure(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	const test = `//go:build exercise

package main

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestTasksTakeTwoSeconds(t *testing.T) {
	var took time.Duration
	var out strings.Builder
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		run(t.Context(), []string{"-mode", "tasks"}, &out, &out)
		took = time.Since(start)
	})
	if took != longDelay*time.Second || !strings.Contains(out.String(), "world\nhello\n") {
		t.Skip("not this version")
	}
}
`
	all, inOne, err := proveAll(t.Context(), "..", map[string][]byte{"proof_test.go": []byte(test)}, []string{ProofTest}, true)
	require.NoError(t, err)
	assert.True(t, inOne, "a skip sent the versions to go test")
	for i, v := range all[ProofTest] {
		assert.True(t, v.Ran && v.Passed, "%s:\n%s", v.Version, v.Output)
		assert.Equal(t, i > 0, v.Skipped, "%s:\n%s", v.Version, v.Output)
	}
}
