package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyTree is the stand-in for exgen tree: a copy of the tiny module whose
// answer (wrongex/answer.go) is the wrong answer's: the fixture holds the
// answer's value.
func tinyTree(t *testing.T) func(ctx context.Context, root string, a *WrongAnswer, dir string) error {
	return func(ctx context.Context, root string, a *WrongAnswer, dir string) error {
		writeTiny(t, dir)
		if a.Right {
			return nil // answer.go holds the right answer, 1
		}
		value, err := os.ReadFile(a.Path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, "wrongex", "answer.go"), fmt.Appendf(nil, "package wrongex\n\nconst answer = %s\n", value), 0o644)
	}
}

// wrongAnswer writes a fixture whose answer is value, wanting want.
func wrongAnswer(t *testing.T, value, want string) *WrongAnswer {
	path := filepath.Join(t.TempDir(), "answer-"+value+".go")
	require.NoError(t, os.WriteFile(path, []byte(value), 0o644))
	return &WrongAnswer{Lesson: "tiny", Exercise: "1", Want: want, Path: path, Pkg: "./wrongex"}
}

// TestWrongAnswersCatchAWeakCheck: a mutant of the checking code that every
// test passes is caught when a wrong answer then passes its check; one that
// still fails every wrong answer with its message survives.
func TestWrongAnswersCatchAWeakCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on temporary modules")
	}
	dir, path := tinyModule(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	var jobs []*Job
	for _, desc := range []string{"bound of n > 0: 0 to -1", "bound of n > 0: 0 to 1"} {
		jobs = append(jobs, &Job{Mutant: find(t, desc), Tests: []string{"."}, WrongOf: []string{"tiny"}, path: path, src: []byte(tinySource)})
	}
	r := &Runner{Root: dir, Timeout: 30 * time.Second, TempDir: t.TempDir()}
	zero := wrongAnswer(t, "0", "0 is not positive")
	wrong := &wrongStage{r: r, answers: map[string][]*WrongAnswer{"tiny": {wrongAnswer(t, "-3", "-3 is not positive"), zero}}, tree: tinyTree(t)}
	require.NoError(t, runJobs(context.Background(), r, jobs, 1, wrong, nil))
	assert.Equal(t, Caught, jobs[0].Status, "n > -1: the wrong answer 0 passes")
	assert.Equal(t, "the wrong answer testdata/tiny/wrong/answer-0.go passes the check of exercise 1", jobs[0].Why)
	assert.Equal(t, Survived, jobs[1].Status, "n > 1: both wrong answers still fail, with their messages")

	// The answers themselves (make solvable): n > 1 refuses the right answer 1.
	jobs[1].Result = Result{}
	right := &WrongAnswer{Lesson: "tiny", Right: true, Pkg: "./wrongex"}
	wrong = &wrongStage{r: r, answers: map[string][]*WrongAnswer{"tiny": {right, zero}}, tree: tinyTree(t)}
	require.NoError(t, runJobs(context.Background(), r, jobs[1:], 1, wrong, nil))
	assert.Equal(t, Caught, jobs[1].Status, "n > 1: the right answer 1 fails")
	assert.Equal(t, "make solvable: the check of exercise 1-positive refuses the answers of tiny", jobs[1].Why)

	// The message counts: a check that fails for another reason is weaker.
	b, err := wrong.base(context.Background(), zero)
	require.NoError(t, err)
	other := *zero
	other.Want = "0 is too small"
	res, caught, err := b.r.runWrong(context.Background(), 0, "", nil, &other)
	require.NoError(t, err)
	assert.True(t, caught)
	assert.Equal(t, `the check of exercise 1 no longer says "0 is too small" to the wrong answer testdata/tiny/wrong/answer-0.go`, res.Why)
}

// TestWrongAnswerMustFailUnmutated: a wrong answer its check passes before
// any mutation stops the run, as make test's own test would fail.
func TestWrongAnswerMustFailUnmutated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, _ := tinyModule(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	wrong := &wrongStage{r: &Runner{Root: dir, Timeout: 30 * time.Second, TempDir: t.TempDir()}, tree: tinyTree(t)}
	_, err := wrong.base(context.Background(), wrongAnswer(t, "5", "5 is not positive"))
	assert.ErrorContains(t, err, "the wrong answer testdata/tiny/wrong/answer-5.go is not caught before any mutation")
}

func TestLoadWrongAnswers(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(root, "testdata", name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	write("01-x/wrong/a.go", "// exercise: 3\n// want: not yet started\n//\npackage main\n")
	write("01-x/golden.golden", "not a fixture")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "lessons", "01-x", "exercise"), 0o755))
	got, err := LoadWrongAnswers(root)
	require.NoError(t, err)
	require.Len(t, got["01-x"], 2)
	assert.Equal(t, WrongAnswer{Lesson: "01-x", Right: true, Pkg: "./lessons/01-x/exercise"}, *got["01-x"][0], "the answers first")
	assert.Equal(t, "the answers of 01-x", got["01-x"][0].Name())
	a := got["01-x"][1]
	assert.Equal(t, WrongAnswer{Lesson: "01-x", Exercise: "3", Want: "not yet started", Path: filepath.Join(root, "testdata/01-x/wrong/a.go"), Pkg: "./lessons/01-x/exercise"}, *a)
	assert.Equal(t, "testdata/01-x/wrong/a.go", a.Name())

	write("02-y/wrong/b.go", "package main\n")
	_, err = LoadWrongAnswers(root)
	assert.ErrorContains(t, err, "b.go: a wrong answer must start with // exercise: N and // want: TEXT")
}

// TestCheckersOfTheWorkbook: the code that only checks exercises faces the
// wrong answers; the lessons' programs and what they use do not.
func TestCheckersOfTheWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list on the workspace")
	}
	w, err := LoadWorkspace(context.Background(), ".")
	require.NoError(t, err)
	got, err := w.CheckersOf(context.Background(), []string{"01-dns-probe", "03-fetch-v1"})
	require.NoError(t, err)
	const prefix = "goasync.dev/workbook/"
	assert.Equal(t, []string{"01-dns-probe"}, got[prefix+"lessons/01-dns-probe/checks"])
	assert.Equal(t, []string{"03-fetch-v1"}, got[prefix+"internal/fetch/fetchtest"])
	assert.Equal(t, []string{"01-dns-probe", "03-fetch-v1"}, got[prefix+"internal/lessontest"])
	for _, p := range []string{"lessons/01-dns-probe", "internal/simnet", "internal/fetch", "lessons/01-dns-probe/exercise"} {
		assert.NotContains(t, got, prefix+p, "%s: a lesson's program, or used by it", p)
	}
}

// flakyCheck fails its wrong answer on every run but the second: a check
// whose verdict varies.
const flakyCheck = `//go:build exercise

package wrongex

import (
	"os"
	"testing"
)

func TestExercises(t *testing.T) {
	t.Run("1-positive", func(t *testing.T) {
		runs, _ := os.ReadFile("runs")
		if err := os.WriteFile("runs", append(runs, 'x'), 0o644); err != nil {
			t.Fatal(err)
		}
		if len(runs) != 1 {
			t.Fatalf("%d is not positive", answer)
		}
	})
}
`

// TestAVaryingCheckCatchesNothing: a wrong answer that passes the mutated
// check once, and not when run again, does not catch the mutant.
func TestAVaryingCheckCatchesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on temporary modules")
	}
	dir, path := tinyModule(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	r := &Runner{Root: dir, Timeout: 30 * time.Second, TempDir: t.TempDir()}
	tree := func(ctx context.Context, root string, a *WrongAnswer, dir string) error {
		if err := tinyTree(t)(ctx, root, a, dir); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, "wrongex", "check_test.go"), []byte(flakyCheck), 0o644)
	}
	wrong := &wrongStage{r: r, answers: map[string][]*WrongAnswer{"tiny": {wrongAnswer(t, "0", "0 is not positive")}}, tree: tree}
	jobs := []*Job{{Mutant: find(t, "bound of n > 0: 0 to 1"), Tests: []string{"."}, WrongOf: []string{"tiny"}, path: path, src: []byte(tinySource)}}
	require.NoError(t, runJobs(context.Background(), r, jobs, 1, wrong, nil))
	assert.Equal(t, Survived, jobs[0].Status, "the check passed the wrong answer on its second run only: %s", jobs[0].Why)
}
