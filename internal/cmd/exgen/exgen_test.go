package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// root is the workbook this package sits in.
const root = "../../.."

const example = `package main

func runTasks() {
	//exercise:2 this awaits task1 before task2 even exists, so the two
	//exercise:2 never sleep at the same time. Create both Tasks, then await.
	task1 := start("hello")
	task2 := start("world")
	//exercise:shipped task1 := start("hello")
	//exercise:shipped task1.wait()
	//exercise:shipped task2 := start("world")
	//exercise:end
	task1.wait()
	task2.wait()
}
`

func TestRenderShippedAndAnswered(t *testing.T) {
	src, err := Parse("tasks.go", []byte(example))
	require.NoError(t, err)
	require.Len(t, src.Gaps, 1)
	assert.Equal(t, 2, src.Gaps[0].N)
	assert.Equal(t, 4, src.Gaps[0].Line)
	assert.Equal(t, `package main

func runTasks() {
	// TODO(exercise 2): this awaits task1 before task2 even exists, so the two
	// never sleep at the same time. Create both Tasks, then await.
	task1 := start("hello")
	task1.wait()
	task2 := start("world")
	task1.wait()
	task2.wait()
}
`, src.Render(Shipped))
	assert.Equal(t, `package main

func runTasks() {
	task1 := start("hello")
	task2 := start("world")
	task1.wait()
	task2.wait()
}
`, src.Render(Answered))
}

// TestGapWithoutShippedOrTodo: a gap without shipped lines leaves only its
// TODO; one without TODO text (a second region of the same exercise)
// leaves nothing. Shipped lines keep the tabs after "shipped ".
func TestGapWithoutShippedOrTodo(t *testing.T) {
	src, err := Parse("x.go", []byte("package main\n\nfunc f() {\n\t//exercise:1 close it\n\tdefer c.Close()\n\t//exercise:end\n\t//exercise:1\n\tg()\n\t//exercise:shipped if x {\n\t//exercise:shipped \ty()\n\t//exercise:shipped }\n\t//exercise:end\n}\n"))
	require.NoError(t, err)
	assert.Equal(t, "package main\n\nfunc f() {\n\t// TODO(exercise 1): close it\n\tif x {\n\t\ty()\n\t}\n}\n", src.Render(Shipped))
}

func TestMalformedMarkers(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"\t//exercise:end\n", "x.go:1: //exercise:end without a gap to end"},
		{"\t//exercise:shipped f()\n", "x.go:1: //exercise:shipped outside a gap"},
		{"\t//exercise:2 text\n\tf()\n", "x.go:1: the gap of exercise 2 is never ended: add //exercise:end"},
		{"\t//exercise:two text\n", `x.go:1: unknown marker "//exercise:two": use //exercise:N`},
		{"\t//exercise:0 text\n", `x.go:1: unknown marker "//exercise:0"`},
		{"\t//exercise:1 a\n\tf()\n\t//exercise:2 b\n", "x.go:3: //exercise:2 inside the gap of exercise 1 opened at line 1: end that gap first"},
		{"\t//exercise:1 a\n\t//exercise:2 b\n", "x.go:2: //exercise:2 continues the TODO text of exercise 1 (line 1)"},
		{"\t//exercise:1 a\n\t//exercise:1\n", "x.go:2: empty TODO line in the text of exercise 1"},
		{"\t// exercise:1 a\n", `x.go:1: "// exercise:1 a" looks like a gap marker: write //exercise: with no space after //`},
		{"\t//exercise:1 a\n\t//exercise:end now\n", `x.go:2: //exercise:end takes no text, found "now"`},
	} {
		_, err := Parse("x.go", []byte(tc.src))
		if assert.Error(t, err, tc.src) {
			assert.Contains(t, err.Error(), tc.want, tc.src)
		}
	}
}

// copyLesson copies lessons/<name> (exercise/ included) into a new
// workbook root and returns the root.
func copyLesson(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	for _, from := range []string{filepath.Join(root, "lessons", name), filepath.Join(root, "solutions", name)} {
		err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			return copyFile(path, filepath.Join(dst, rel))
		})
		if !errors.Is(err, fs.ErrNotExist) {
			require.NoError(t, err)
		}
	}
	// The exercise folder as shipped, whatever a learner has done (and
	// committed) in the workbook's own: the tests start from the derivation.
	l, err := LoadLesson(dst, name)
	require.NoError(t, err)
	_, err = l.Write(true)
	require.NoError(t, err)
	return dst
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestLessonValidation(t *testing.T) {
	dir := copyLesson(t, "02-tasks")
	tasks := filepath.Join(dir, "lessons/02-tasks/tasks.go")
	src := readFile(t, tasks)
	writeFile(t, tasks, strings.Replace(src, "//exercise:3 these calls run one after the other in this\n\t//exercise:3 goroutine, and wg has nothing to wait for. Run each in wg.Go(func() {...}).", "//exercise:3", 1))
	_, err := LoadLesson(dir, "02-tasks")
	if assert.Error(t, err) {
		assert.Regexp(t, `^lessons/02-tasks/tasks.go:\d+: exercise 3 has no TODO text in any of its gaps: write it after //exercise:3$`, err.Error())
	}

	writeFile(t, tasks, strings.Replace(src, "//exercise:3 goroutine,", "//exercise:3\n\t//exercise:3 goroutine,", 1))
	_, err = LoadLesson(dir, "02-tasks")
	assert.ErrorContains(t, err, "lessons/02-tasks/tasks.go:")
	assert.ErrorContains(t, err, "empty TODO line")
}

// TestWorkbookUpToDate is the check `make test` runs: every exercise/ was
// written from its reference as it is now.
func TestWorkbookUpToDate(t *testing.T) {
	names, err := Lessons(root)
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for _, name := range names {
		l, err := LoadLesson(root, name)
		require.NoError(t, err)
		stale, err := l.Stale()
		require.NoError(t, err)
		for _, s := range stale {
			t.Error(s)
		}
	}
}

// TestStale: a reference changed without `make exercises` makes the copy
// stale; a learner's edits to exercise/ do not.
func TestStale(t *testing.T) {
	dir := copyLesson(t, "02-tasks")
	l, err := LoadLesson(dir, "02-tasks")
	require.NoError(t, err)
	stale, err := l.Stale()
	require.NoError(t, err)
	assert.Empty(t, stale)

	ex := filepath.Join(dir, "lessons/02-tasks/exercise/tasks.go")
	writeFile(t, ex, strings.Replace(readFile(t, ex), "\tt.result <- fn()\n", "\tgo func() { t.result <- fn() }()\n", 1))
	stale, err = l.Stale()
	require.NoError(t, err)
	assert.Empty(t, stale, "the learner's work is not staleness")

	ref := filepath.Join(dir, "lessons/02-tasks/tasks.go")
	writeFile(t, ref, strings.Replace(readFile(t, ref), "Run it in a new goroutine instead.", "Run it in a goroutine.", 1))
	l, err = LoadLesson(dir, "02-tasks")
	require.NoError(t, err)
	stale, err = l.Stale()
	require.NoError(t, err)
	assert.Equal(t, []string{"lessons/02-tasks/exercise/tasks.go is stale: run make exercises"}, stale)

	// make exercises will not overwrite the learner's work...
	_, err = l.Write(false)
	assert.ErrorContains(t, err, "lessons/02-tasks/exercise/tasks.go has changes that make exercises did not write (your work?)")
	// ... unless told to.
	changed, err := l.Write(true)
	require.NoError(t, err)
	assert.Equal(t, []string{"lessons/02-tasks/exercise/tasks.go", "lessons/02-tasks/exercise/exgen.sum"}, changed)
	assert.Contains(t, readFile(t, ex), "// TODO(exercise 1): this runs fn right here, so CreateTask returns only\n\t// when the work is done. Run it in a goroutine.\n")
	stale, err = l.Stale()
	require.NoError(t, err)
	assert.Empty(t, stale)
}

// TestDerivedLesson01: the shipped copy drops the import only the answer
// needs (sync), and main.go's doc comment says what the copy is.
func TestDerivedLesson01(t *testing.T) {
	l, err := LoadLesson(root, "01-dns-probe")
	require.NoError(t, err)
	assert.Equal(t, 5, l.Exercises())
	shipped, err := l.Derive(Shipped)
	require.NoError(t, err)
	assert.NotContains(t, string(shipped["probe.go"]), `"sync"`)
	assert.NotContains(t, string(shipped["probe.go"]), "//exercise:")
	assert.Contains(t, string(shipped["main.go"]), "// Command exercise is your copy of lesson 01-dns-probe, with five exercises to do,\n")
	assert.Contains(t, string(shipped["main.go"]), "//\tgo run ./lessons/01-dns-probe/exercise -offline -style pull\n")
	answered, err := l.Derive(Answered)
	require.NoError(t, err)
	assert.Contains(t, string(answered["probe.go"]), `"sync"`)
	ref := readFile(t, filepath.Join(root, "lessons/01-dns-probe/probe.go"))
	assert.Equal(t, withoutMarkerLines(ref), string(answered["probe.go"]), "answered: the reference without its markers")
}

func withoutMarkerLines(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		if !strings.HasPrefix(strings.TrimSpace(line), "//exercise:") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// fillOnly answers the exercises given, and leaves the others shipped.
func fillOnly(ns ...int) Fill {
	return func(g Gap) bool {
		for _, n := range ns {
			if g.N == n {
				return true
			}
		}
		return false
	}
}

// TestReset: resetting exercise 1 of 01 puts its three gaps back and drops
// the import the learner added for it, and leaves exercises 2 and 3 as the
// learner wrote them, even when the learner deleted the TODO comments.
func TestReset(t *testing.T) {
	dir := copyLesson(t, "01-dns-probe")
	l, err := LoadLesson(dir, "01-dns-probe")
	require.NoError(t, err)
	solved, err := l.Derive(fillOnly(1, 2, 3))
	require.NoError(t, err)
	want, err := l.Derive(fillOnly(2, 3))
	require.NoError(t, err)
	ex := filepath.Join(l.Dir(), "probe.go")
	writeFile(t, ex, string(solved["probe.go"]))
	var out bytes.Buffer
	require.NoError(t, l.Reset(1, &out))
	assert.Equal(t, string(want["probe.go"]), readFile(t, ex))
	assert.Equal(t, "reset exercise 01-dns-probe/1: 3 gaps back as shipped in lessons/01-dns-probe/exercise\n", out.String())

	// The learner's own words in a gap, TODO deleted: reset 02-tasks/2 only.
	dir = copyLesson(t, "02-tasks")
	l, err = LoadLesson(dir, "02-tasks")
	require.NoError(t, err)
	shipped, err := l.Derive(Shipped)
	require.NoError(t, err)
	ex = filepath.Join(l.Dir(), "tasks.go")
	mine := strings.Replace(string(shipped["tasks.go"]),
		"\t// TODO(exercise 1): this runs fn right here, so CreateTask returns only\n\t// when the work is done. Run it in a new goroutine instead.\n\tt.result <- fn()\n",
		"\tgo func() {\n\t\tt.result <- fn() // mine\n\t}()\n", 1)
	require.NotEqual(t, string(shipped["tasks.go"]), mine)
	mine2 := strings.Replace(mine, "\ttask1 := CreateTask(func() error { return sayAfter(ctx, s, longDelay*s.unit, \"hello\") })\n\terr1 := task1.Await()\n",
		"\ttask1 := CreateTask(func() error { return sayAfter(ctx, s, longDelay*s.unit, \"hello\") })\n", 1)
	mine2 = strings.Replace(mine2, "\terr2 := task2.Await()\n", "\terr1, err2 := task1.Await(), task2.Await()\n", 1)
	require.NotEqual(t, mine, mine2)
	writeFile(t, ex, mine2)
	out.Reset()
	require.NoError(t, l.Reset(2, &out))
	assert.Equal(t, mine, readFile(t, ex), "exercise 2 back as shipped, exercise 1 still the learner's")

	// A whole lesson, and a file the learner deleted.
	require.NoError(t, os.Remove(filepath.Join(l.Dir(), "main.go")))
	require.NoError(t, l.Reset(0, &out))
	assert.Equal(t, string(shipped["tasks.go"]), readFile(t, ex))
	assert.Equal(t, string(shipped["main.go"]), readFile(t, filepath.Join(l.Dir(), "main.go")))
}

func TestResetCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	chdir(t, root)
	assert.Equal(t, 2, run([]string{"reset", "02-tasks/9"}, &out, &errOut))
	assert.Equal(t, "exgen reset: usage: no exercise \"9\" in 02-tasks: it has exercises 1 to 5\n", errOut.String())
	errOut.Reset()
	assert.Equal(t, 2, run([]string{"reset", "no-such-lesson"}, &out, &errOut))
	assert.Contains(t, errOut.String(), `no lesson "no-such-lesson"`)
	errOut.Reset()
	assert.Equal(t, 2, run([]string{"reset"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "say what to reset: EXERCISE=02-tasks/2 (one exercise) or LESSON=02-tasks")
}

func chdir(t *testing.T, dir string) {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	t.Cleanup(func() { _ = os.Chdir(wd) })
}

// TestAnswerKey: per exercise, only the gaps: the same, or a diff.
func TestAnswerKey(t *testing.T) {
	l, err := LoadLesson(root, "02-tasks")
	require.NoError(t, err)
	dir := t.TempDir()
	derived, err := l.Derive(fillOnly(1, 3))
	require.NoError(t, err)
	for name, b := range derived {
		writeFile(t, filepath.Join(dir, name), string(b))
	}
	var out bytes.Buffer
	require.NoError(t, l.AnswerKey(dir, &out))
	got := out.String()
	assert.Contains(t, got, "\nexercise 02-tasks/1: same as the answer\n")
	assert.Contains(t, got, "\nexercise 02-tasks/3: same as the answer\n")
	assert.Contains(t, got, "\nexercise 02-tasks/2:\n  tasks.go:")
	assert.Contains(t, got, "\n    - task2 := CreateTask(func() error { return sayAfter(ctx, s, shortDelay*s.unit, \"world\") })\n      err1 := task1.Await()\n    + task2 := CreateTask(")
	assert.NotContains(t, got, "TODO(exercise")
	assert.Contains(t, got, "\n2 of 5 exercises of 02-tasks are the same as the answer (indentation and comments aside)\n")
}

func TestImportName(t *testing.T) {
	for src, want := range map[string]string{
		`import "sync"`:                        "sync",
		`import "golang.org/x/sync/errgroup"`:  "errgroup",
		`import "github.com/sebdah/goldie/v2"`: "goldie",
		`import "math/rand/v2"`:                "rand",
		`import x "net/http"`:                  "x",
	} {
		specs := imports("package p\n" + src + "\n")
		require.Len(t, specs, 1, src)
		assert.Equal(t, want, importName(specs[0]), src)
	}
}
