package checks

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseFunc parses src, a file of package main, and returns its function name.
func parseFunc(t *testing.T, src, name string) (*ast.File, *ast.FuncDecl) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "tasks.go", src, parser.SkipObjectResolution)
	require.NoError(t, err)
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == name {
			return f, fn
		}
	}
	t.Fatalf("no func %s", name)
	return nil, nil
}

// TestParamOfType: the name of the parameter of type *T; "" for a
// parameter with no name (it cannot be used, so a variant cannot use it).
func TestParamOfType(t *testing.T) {
	_, fn := parseFunc(t, "package main\nfunc f(n int, s *Task[string]) {}\n", "f")
	assert.Equal(t, "", paramOfType(fn, "Task"), "*Task[string] is an index expression, not *Task")
	_, fn = parseFunc(t, "package main\nfunc f(n int, wg *WaitGroup) {}\n", "f")
	assert.Equal(t, "wg", paramOfType(fn, "WaitGroup"))
	_, fn = parseFunc(t, "package main\nfunc f(*WaitGroup) {}\n", "f")
	assert.Equal(t, "", paramOfType(fn, "WaitGroup"), "no name")
}

// TestInlineTask: every go statement of CreateTask becomes a plain call;
// a CreateTask without one cannot be made to run inline, and says so.
func TestInlineTask(t *testing.T) {
	f, fn := parseFunc(t, "package main\nfunc CreateTask(fn func()) { go fn(); if true { go fn() } }\n", "CreateTask")
	require.NoError(t, inlineTask(f))
	ast.Inspect(fn, func(n ast.Node) bool {
		_, isGo := n.(*ast.GoStmt)
		assert.False(t, isGo, "a go statement is left")
		return true
	})
	f, _ = parseFunc(t, "package main\nfunc CreateTask(fn func()) { fn() }\n", "CreateTask")
	assert.EqualError(t, inlineTask(f), "CreateTask has no go statement")
}

// TestCopyAsPackage: package main becomes package name, byte for byte but
// the name; a test file becomes an ordinary file whose lines still name it.
func TestCopyAsPackage(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "v1")
	require.NoError(t, os.WriteFile(filepath.Join(src, "tasks.go"), []byte("// Tasks.\npackage main // here\n\nfunc f() {}\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(src, "proof_test.go"), []byte("package main\n"), 0o644))
	done, err := copyAsPackage(src, dst, "v1")
	require.NoError(t, err)
	assert.True(t, done)
	b, err := os.ReadFile(filepath.Join(dst, "tasks.go"))
	require.NoError(t, err)
	assert.Equal(t, "// Tasks.\npackage v1 // here\n\nfunc f() {}\n", string(b))
	b, err = os.ReadFile(filepath.Join(dst, "proof_ptest.go"))
	require.NoError(t, err)
	assert.Equal(t, "//line proof_test.go:1\npackage v1\n", string(b))
}
