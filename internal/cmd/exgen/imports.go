package main

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// tidy drops the imports that the file no longer uses (the shipped lines of
// a gap may not need a package its answer needs), adds those of extra it
// uses but lacks (a reset gap may need one the learner dropped), and
// gofmts the result.
func tidy(name, src string, extra []*ast.ImportSpec) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return "", fmt.Errorf("%s does not parse once derived: %w", name, err)
	}
	used := usedNames(f)
	lines := strings.SplitAfter(src, "\n")
	drop := map[int]bool{}
	have := map[string]bool{}
	for _, spec := range f.Imports {
		pkg := importName(spec)
		have[pkg] = true
		if pkg == "_" || pkg == "." || used[pkg] {
			continue
		}
		for l := fset.Position(spec.Pos()).Line; l <= fset.Position(spec.End()).Line; l++ {
			drop[l-1] = true
		}
	}
	var add []string
	for _, spec := range extra {
		if pkg := importName(spec); used[pkg] && !have[pkg] {
			have[pkg] = true
			line := "\t" + spec.Path.Value + "\n"
			if spec.Name != nil {
				line = "\t" + spec.Name.Name + " " + spec.Path.Value + "\n"
			}
			add = append(add, line)
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if drop[i] {
			continue
		}
		b.WriteString(l)
		if len(add) > 0 && strings.HasPrefix(l, "import (") {
			b.WriteString(strings.Join(add, ""))
			add = nil
		}
	}
	out := b.String()
	if len(add) > 0 { // no import block: make one after the package clause
		out = packageRE.ReplaceAllString(out, "$0\nimport (\n"+strings.Join(add, "")+")\n")
	}
	formatted, err := format.Source([]byte(out))
	if err != nil {
		return "", fmt.Errorf("%s does not gofmt once derived: %w", name, err)
	}
	return string(formatted), nil
}

var packageRE = regexp.MustCompile(`(?m)^package \w+\n`)

// usedNames are the identifiers used as the X of a selector X.Sel: every
// package the file refers to is among them.
func usedNames(f *ast.File) map[string]bool {
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	return used
}

// importName is the name a file uses for an import: its own name if it
// gives one, else the last element of the path that is not a major
// version (golang.org/x/sync/errgroup: errgroup; goldie/v2: goldie).
func importName(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	p, _ := strconv.Unquote(spec.Path.Value)
	elems := strings.Split(p, "/")
	if last := elems[len(elems)-1]; len(elems) > 1 && regexp.MustCompile(`^v[0-9]+$`).MatchString(last) {
		elems = elems[:len(elems)-1]
	}
	name := path.Base(strings.Join(elems, "/"))
	name, _, _ = strings.Cut(name, ".")
	return strings.TrimPrefix(name, "go-")
}

// imports are the import specs of a Go file, or nil if it does not parse.
func imports(srcs ...string) []*ast.ImportSpec {
	var out []*ast.ImportSpec
	for _, src := range srcs {
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, spec := range f.Imports {
			if !slices.ContainsFunc(out, func(s *ast.ImportSpec) bool { return s.Path.Value == spec.Path.Value }) {
				out = append(out, spec)
			}
		}
	}
	return out
}
