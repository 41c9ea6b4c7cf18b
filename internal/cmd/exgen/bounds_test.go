package main

// Tests for the survivors of a sample of make mutate (internal/cmd/mutate
// README): the bounds of the command lines, the "up to date" line, the
// one-exercise doc, a workbook without solutions/, and method keys.

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResetBounds: a lesson's exercises are 1 to its last; 0 and one past
// the last are refused.
func TestResetBounds(t *testing.T) {
	chdir(t, copyLesson(t, "02-tasks"))
	for arg, code := range map[string]int{"02-tasks/0": 2, "02-tasks/6": 2, "02-tasks/5": 0, "02-tasks/1": 0} {
		var out, errOut bytes.Buffer
		assert.Equal(t, code, run([]string{"reset", arg}, &out, &errOut), "%s: %s", arg, errOut.String())
	}
}

// TestTreeFlipBounds: -flip names an exercise of a lesson the tree has.
func TestTreeFlipBounds(t *testing.T) {
	chdir(t, root)
	for _, flip := range []string{"02-tasks/6", "02-tasks/0", "01-dns-probe/1", "02-tasks/x"} {
		var out, errOut bytes.Buffer
		assert.Equal(t, 2, run([]string{"tree", "-o", t.TempDir(), "-flip", flip, "02-tasks"}, &out, &errOut), flip)
		assert.Contains(t, errOut.String(), "-flip \""+flip+"\": want LESSON/N, an exercise of 02-tasks", flip)
	}
}

// TestWriteSaysWhatChanged: write names each file it wrote, and says that
// every exercise/ is up to date only when it wrote none.
func TestWriteSaysWhatChanged(t *testing.T) {
	dir := copyLesson(t, "02-tasks")
	chdir(t, dir)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"write", "02-tasks"}, &out, &errOut), errOut.String())
	assert.Equal(t, "exercises: every exercise/ is up to date with its reference\n", out.String())

	stage := filepath.Join(dir, "lessons", "02-tasks", "stage.go")
	writeFile(t, stage, readFile(t, stage)+"\n// A line more.\n")
	out.Reset()
	require.Equal(t, 0, run([]string{"write", "02-tasks"}, &out, &errOut), errOut.String())
	assert.Equal(t, "wrote lessons/02-tasks/exercise/stage.go\nwrote lessons/02-tasks/exercise/exgen.sum\n", out.String())
	assert.Contains(t, readFile(t, filepath.Join(dir, "lessons", "02-tasks", "exercise", "stage.go")), "// A line more.")

	// A reference file that goes takes its copy with it.
	require.NoError(t, os.Remove(stage))
	out.Reset()
	require.Equal(t, 0, run([]string{"write", "02-tasks"}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "wrote lessons/02-tasks/exercise/stage.go (removed)\n")
	assert.NoFileExists(t, filepath.Join(dir, "lessons", "02-tasks", "exercise", "stage.go"))
}

// TestOneExerciseDoc: a lesson of one exercise says "one exercise".
func TestOneExerciseDoc(t *testing.T) {
	l := &Lesson{Name: "09-one", Files: []File{{Src: &Source{Gaps: []Gap{{N: 1}}}}}}
	doc := l.rewriteDoc("// Command one does one thing.\npackage main\n")
	assert.True(t, strings.HasPrefix(doc, "// Command exercise is your copy of lesson 09-one, with one exercise to do,\n"), doc)
	l.Files[0].Src.Gaps = append(l.Files[0].Src.Gaps, Gap{N: 2})
	assert.Contains(t, l.rewriteDoc("// Command one.\npackage main\n"), "with two exercises to do")
}

// TestTreeWithoutSolutions: a workbook with no solutions/ (a handout's)
// makes a tree all the same.
func TestTreeWithoutSolutions(t *testing.T) {
	src := t.TempDir()
	for _, sub := range []string{"internal", "testdata"} {
		require.NoError(t, os.MkdirAll(filepath.Join(src, sub), 0o755))
	}
	writeFile(t, filepath.Join(src, "internal", "x.go"), "package x\n")
	lessonDir := filepath.Join(src, "lessons", "09-one")
	require.NoError(t, os.MkdirAll(filepath.Join(lessonDir, "exercise"), 0o755))
	writeFile(t, filepath.Join(lessonDir, "one.go"), "package main\n\nfunc f() int {\n\t//exercise:1 return two\n\treturn 2\n\t//exercise:shipped\n\treturn 0\n\t//exercise:end\n}\n")
	l, err := LoadLesson(src, "09-one")
	require.NoError(t, err)
	_, err = l.Write(true)
	require.NoError(t, err)
	dst := t.TempDir()
	require.NoError(t, Tree(src, dst, []*Lesson{l}, func(string) Fill { return Answered }))
	assert.Equal(t, "package x\n", readFile(t, filepath.Join(dst, "internal", "x.go")))
	assert.NoDirExists(t, filepath.Join(dst, "solutions"))
}

// TestFuncKey: a method is known by its receiver's type and name.
func TestFuncKey(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package main\nfunc f() {}\nfunc (p *prober) acquire() {}\nfunc (l list) Len() int { return 0 }\n", 0)
	require.NoError(t, err)
	var keys []string
	for _, d := range f.Decls {
		keys = append(keys, funcKey(d.(*ast.FuncDecl)))
	}
	assert.Equal(t, []string{"f", "prober.acquire", "list.Len"}, keys)
}
