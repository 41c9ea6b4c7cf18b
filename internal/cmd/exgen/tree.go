package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, strings.Fields(s)...); return nil }

func cmdTree(args []string, stdout io.Writer) error {
	fs := flags("tree")
	out := fs.String("o", "", "the folder to write the workbook into (must be empty or new)")
	answers := fs.Bool("answers", false, "fill every gap with its answer (make solvable)")
	wrong := fs.String("wrong", "", "a Go file of functions that replace the lesson's own in the derived exercise: a wrong solution (tests)")
	program := fs.String("program", "", "a copy of exercise/ whose program files (non-test .go) replace the lesson's own (make diff)")
	var flip listFlag
	fs.Var(&flip, "flip", "an exercise (02-tasks/2) to fill the other way: answered as shipped, or left shipped among the answers; repeatable")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: say where: -o DIR", errUsage)
	}
	lessons, err := lessonsOr(".", fs.Args())
	if err != nil {
		return err
	}
	for _, f := range flip {
		name, num, _ := strings.Cut(f, "/")
		n, err := strconv.Atoi(num)
		i := slices.IndexFunc(lessons, func(l *Lesson) bool { return l.Name == name })
		if err != nil || i < 0 || n < 1 || n > lessons[i].Exercises() {
			return fmt.Errorf("%w: -flip %q: want LESSON/N, an exercise of %s", errUsage, f, lessonNames(lessons))
		}
	}
	fill := func(lesson string) Fill {
		return func(g Gap) bool {
			return *answers != slices.Contains(flip, exerciseLabel(lesson, g.N))
		}
	}
	if err := Tree(".", *out, lessons, fill); err != nil {
		return err
	}
	if *wrong != "" {
		if len(lessons) != 1 {
			return fmt.Errorf("%w: -wrong takes one lesson, not %s", errUsage, lessonNames(lessons))
		}
		if err := applyWrong(filepath.Join(*out, "lessons", lessons[0].Name, "exercise"), *wrong); err != nil {
			return err
		}
	}
	if *program != "" {
		if len(lessons) != 1 {
			return fmt.Errorf("%w: -program takes one lesson, not %s", errUsage, lessonNames(lessons))
		}
		if err := replaceProgram(*program, filepath.Join(*out, "lessons", lessons[0].Name)); err != nil {
			return err
		}
	}
	mode := "as shipped"
	if *answers {
		mode = "with the answers"
	}
	fmt.Fprintf(stdout, "exgen tree: %s holds the workbook, the exercises of %s derived %s\n", *out, lessonNames(lessons), mode)
	return nil
}

func lessonNames(ls []*Lesson) string {
	var names []string
	for _, l := range ls {
		names = append(names, l.Name)
	}
	return strings.Join(names, ", ")
}

// Tree copies the workbook at root into dir (go.work, internal/, lessons/,
// testdata/, solutions/), with each lesson's exercise/ derived afresh from the
// reference: the learner's files there are never read, only the
// exercise's own test files the manifest names (kept).
func Tree(root, dir string, lessons []*Lesson, fill func(lesson string) Fill) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"go.work", "go.work.sum"} {
		if err := copyFile(filepath.Join(root, name), filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	for _, sub := range []string{"internal", "lessons", "testdata", "solutions"} {
		if _, err := os.Stat(filepath.Join(root, sub)); sub == "solutions" && os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(filepath.Join(root, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			if filepath.Base(filepath.Dir(path)) == "exercise" && strings.HasPrefix(rel, "lessons"+string(filepath.Separator)) {
				return nil // derived below
			}
			return copyFile(path, filepath.Join(dir, rel))
		})
		if err != nil {
			return err
		}
	}
	for _, l := range lessons {
		derived, err := l.Derive(fill(l.Name))
		if err != nil {
			return err
		}
		m, err := l.ReadManifest()
		if err != nil {
			return err
		}
		exDir := filepath.Join(dir, "lessons", l.Name, "exercise")
		if err := copyFile(filepath.Join(l.Dir(), manifestName), filepath.Join(exDir, manifestName)); err != nil {
			return fmt.Errorf("%s/%s is missing: run make exercises (%w)", l.ExerciseDir(), manifestName, err)
		}
		for name, b := range derived {
			if err := os.WriteFile(filepath.Join(exDir, name), b, 0o644); err != nil {
				return err
			}
		}
		for name, hash := range m {
			if hash == kept {
				if err := copyFile(filepath.Join(l.Dir(), name), filepath.Join(exDir, name)); err != nil {
					return fmt.Errorf("%s/%s, a test file of the exercise, is missing: restore it from git (%w)", l.ExerciseDir(), name, err)
				}
			}
		}
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// replaceProgram puts the program files (non-test .go) of the folder from
// in place of those of the lesson folder to, so the lesson's own tests run
// on them.
func replaceProgram(from, to string) error {
	isProgram := func(p string) bool { return !strings.HasSuffix(p, "_test.go") }
	theirs, err := filepath.Glob(filepath.Join(from, "*.go"))
	if err != nil {
		return err
	}
	theirs = slices.DeleteFunc(theirs, func(p string) bool { return !isProgram(p) })
	if len(theirs) == 0 {
		return fmt.Errorf("%w: %s has no .go files: point DIR at a copy of a lesson's exercise/", errUsage, from)
	}
	ours, err := filepath.Glob(filepath.Join(to, "*.go"))
	if err != nil {
		return err
	}
	for _, p := range ours {
		if isProgram(p) {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	for _, p := range theirs {
		if err := copyFile(p, filepath.Join(to, filepath.Base(p))); err != nil {
			return err
		}
	}
	return nil
}

// applyWrong puts the functions of the Go file fixture in place of the
// functions of the same name (and receiver) in the .go files of dir: a
// wrong solution, kept as a test fixture, that a check must fail.
func applyWrong(dir, fixture string) error {
	src, err := os.ReadFile(fixture)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	wf, err := parser.ParseFile(fset, fixture, src, parser.ParseComments)
	if err != nil {
		return err
	}
	for _, decl := range wf.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		text := string(src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset])
		if err := replaceFunc(dir, funcKey(fn), text, string(src)); err != nil {
			return fmt.Errorf("%s: %w", fixture, err)
		}
	}
	return nil
}

// funcKey names a function: "acquire", or "prober.acquire" for a method.
func funcKey(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// replaceFunc replaces the function key in the one .go file of dir that
// declares it.
func replaceFunc(dir, key, text, fixture string) error {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, b, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || funcKey(fn) != key {
				continue
			}
			start, end := fset.Position(fn.Pos()).Offset, fset.Position(fn.End()).Offset
			out, err := tidy(p, string(b[:start])+text+string(b[end:]), imports(fixture, string(b)))
			if err != nil {
				return err
			}
			return os.WriteFile(p, []byte(out), 0o644)
		}
	}
	return fmt.Errorf("no function %s in %s", key, dir)
}
