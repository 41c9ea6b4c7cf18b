package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// importsOf parses the import lines of a file and returns their specs.
func importsOf(t *testing.T, lines string) []*ast.ImportSpec {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package p\n"+lines, parser.ImportsOnly)
	require.NoError(t, err)
	return f.Imports
}

// TestTidy: an import the derived file no longer uses goes; one of extra
// that it uses comes, into its import block or, without one, a block of
// its own; the result is gofmt-ed.
func TestTidy(t *testing.T) {
	extra := importsOf(t, "import (\n\t\"fmt\"\n\tstr \"strings\"\n\t\"time\"\n)\n")
	for _, tt := range []struct{ name, src, want string }{
		{"one to add, no block",
			"package main\n\nfunc f() { fmt.Println() }\n",
			"package main\n\nimport (\n\t\"fmt\"\n)\n\nfunc f() { fmt.Println() }\n"},
		{"two to add, no block",
			"package main\n\nfunc f() { fmt.Println(str.ToUpper(\"\")) }\n",
			"package main\n\nimport (\n\t\"fmt\"\n\tstr \"strings\"\n)\n\nfunc f() { fmt.Println(str.ToUpper(\"\")) }\n"},
		{"into the block, an unused one dropped",
			"package main\n\nimport (\n\t\"os\"\n\t\"time\"\n)\n\nfunc f() { fmt.Println(time.Now()) }\n",
			"package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc f() { fmt.Println(time.Now()) }\n"},
		{"nothing to do",
			"package main\n\nfunc f() {}\n",
			"package main\n\nfunc f() {}\n"},
	} {
		got, err := tidy("x.go", tt.src, extra)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, got, tt.name)
	}
	_, err := tidy("x.go", "package main\nfunc {", nil)
	assert.ErrorContains(t, err, "x.go does not parse once derived")
}
