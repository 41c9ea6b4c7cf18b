package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAdaptRoundTrip is the instructor's round trip of the root README's
// "Adapting a lesson", on a copy of the workbook in a temporary folder: make
// the longer say_after wait 3 lesson seconds instead of 2 (tasks.go's
// longDelay and python/say_after.py), run `make exercises` and `make golden
// LESSON=02-tasks`, and the lesson's tests pass, its exercise is not stale,
// its exercise checks pass with the answers, and the README claims **4 s**
// for the sequential run where it claimed **3 s**.
func TestAdaptRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("copies the workbook and runs go test in it (about 20 s)")
	}
	if os.Getenv("GOWORK") == "off" {
		t.Skip("GOWORK=off (make standalone): the round trip is the workbook's, and make race runs it")
	}
	root := workbookRoot(t)
	start := time.Now()
	wb := copyWorkbook(t, root)
	lesson := filepath.Join(wb, "lessons", "02-tasks")

	// 1. Edit: the longer delay, in Go and in the Python beside it.
	edit(t, filepath.Join(lesson, "tasks.go"), "\tlongDelay  = 2\n", "\tlongDelay  = 3\n")
	for _, word := range []string{"world", "hello"} {
		edit(t, filepath.Join(lesson, "python", "say_after.py"), `say_after(2, "`+word+`")`, `say_after(3, "`+word+`")`)
	}
	before := read(t, filepath.Join(lesson, "README.md"))
	require.Contains(t, before, "world\n**2 s** later, **3 s** in all")

	// 2. make exercises LESSON=02-tasks, then make golden LESSON=02-tasks:
	// a run that writes (it may fail), and one that must pass.
	// -force: the copy may hold a learner's work in exercise/, which the
	// round trip is not about (make test must stay green whatever is there).
	goCmd(t, wb, nil, "run", "./internal/cmd/exgen", "-force", "02-tasks")
	goCmd(t, wb, []string{"GOLDIE_UPDATE=1"}, "test", "-count=1", "-skip", "^TestAdaptRoundTrip$", "./lessons/02-tasks")
	out, err := goCmd(t, wb, nil, "test", "-count=1", "-skip", "^TestAdaptRoundTrip$", "./lessons/02-tasks/...")
	require.NoError(t, err, "the lesson's tests after make golden:\n%s", out)
	out, err = goCmd(t, wb, nil, "run", "./internal/cmd/exgen", "check", "02-tasks")
	require.NoError(t, err, "exgen check: %s", out)

	// 3. The exercise, answered, passes the checks (make solvable, without
	// the challenge, whose check builds seven versions of the lesson).
	answered := filepath.Join(t.TempDir(), "answered")
	out, err = goCmd(t, wb, nil, "run", "./internal/cmd/exgen", "tree", "-answers", "-o", answered, "02-tasks")
	require.NoError(t, err, "exgen tree: %s", out)
	out, err = goCmd(t, answered, nil, "test", "-tags", "exercise", "-count=1", "-run", "^TestExercises$/^[1-4]-", "./lessons/02-tasks/exercise")
	require.NoError(t, err, "the answered exercise's checks:\n%s", out)

	// 4. What changed, and what did not.
	after := read(t, filepath.Join(lesson, "README.md"))
	assert.Contains(t, after, "world\n**3 s** later, **4 s** in all")
	assert.Contains(t, after, "# Lesson 02: Tasks, or how two waits take **3 s** and not **4 s**")
	assert.Contains(t, after, "**1 s** + **3 s** =\n  **4 s**")
	assert.Contains(t, after, "at\n  least **600 ms** but end in under **800 ms**")
	assert.Contains(t, after, "finished at 00:00:04\n", "the sequential golden block")
	assert.Equal(t, strings.Count(before, "**"), strings.Count(after, "**"), "only numbers change")
	durations := read(t, filepath.Join(wb, "testdata", "02-tasks", "durations.golden"))
	assert.Contains(t, durations, "sequential 4s\n")
	assert.Contains(t, durations, "tasks 3s\n")
	assert.Contains(t, read(t, filepath.Join(lesson, "exercise", "tasks.go")), "\tlongDelay  = 3\n")
	t.Logf("round trip in %v", time.Since(start).Round(100*time.Millisecond))
}

// workbookRoot returns the workbook's root (two folders up, with go.work
// and the exercise generator), or skips the test in a lesson handed out
// alone.
func workbookRoot(t *testing.T) string {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	for _, need := range []string{"go.work", "internal/cmd/exgen", "solutions/02-tasks"} {
		if _, err := os.Stat(filepath.Join(root, need)); err != nil {
			t.Skipf("not inside the workbook (no %s): nothing to copy", need)
		}
	}
	return root
}

// copyWorkbook copies what the round trip of 02-tasks needs into a
// temporary folder: internal/, the lesson, its testdata and solutions, and
// a go.work of those two modules.
func copyWorkbook(t *testing.T, root string) string {
	dst := t.TempDir()
	for _, dir := range []string{"internal", "lessons/02-tasks", "testdata/02-tasks", "solutions/02-tasks"} {
		require.NoError(t, copyDir(filepath.Join(root, dir), filepath.Join(dst, dir)))
	}
	work := "go 1.25.0\n\nuse (\n\t./internal\n\t./lessons/02-tasks\n)\n"
	require.NoError(t, os.WriteFile(filepath.Join(dst, "go.work"), []byte(work), 0o644))
	if sum, err := os.ReadFile(filepath.Join(root, "go.work.sum")); err == nil {
		require.NoError(t, os.WriteFile(filepath.Join(dst, "go.work.sum"), sum, 0o644))
	}
	return dst
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// goCmd runs the go command in dir, with the copy's go.work and -trimpath
// (so that the copy shares build-cache entries with the workbook), and
// returns its output.
func goCmd(t *testing.T, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), append([]string{"GOWORK=" + filepath.Join(dir, "go.work"), "GOFLAGS=-trimpath"}, env...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// cleanEnv is the environment without what would change the nested go
// commands: a make golden or make diff around this test, GOWORK=off of make
// standalone, GOFLAGS.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !regexp.MustCompile(`^(GOLDIE_UPDATE|WORKBOOK_OUTPUT_DIR|GOWORK|GOFLAGS)=`).MatchString(kv) {
			env = append(env, kv)
		}
	}
	return env
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	src := read(t, path)
	require.Equal(t, 1, strings.Count(src, old), "%s: %q once", path, old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(src, old, new, 1)), 0o644))
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
