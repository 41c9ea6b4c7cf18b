package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Package is what `go list -json` says about one package of the workspace.
type Package struct {
	ImportPath   string
	Dir          string
	GoFiles      []string
	TestGoFiles  []string
	XTestGoFiles []string
	Deps         []string
	TestImports  []string
	XTestImports []string
	Module       *struct{ Path string }
}

func (p *Package) module() string {
	if p.Module == nil {
		return ""
	}
	return p.Module.Path
}

func (p *Package) hasTests() bool { return len(p.TestGoFiles)+len(p.XTestGoFiles) > 0 }

// skipped reports whether a package is never mutated: a lesson's exercise
// copy (lessons/<lesson>/exercise, generated from the lesson) and the
// challenge solutions are not the code the tests are about. internal/exercise,
// the harness that runs the checks, is.
func skipped(importPath string) bool {
	parts := strings.Split(importPath, "/")
	for i, part := range parts {
		if part == "solutions" || part == "exercise" && i >= 2 && parts[i-2] == "lessons" {
			return true
		}
	}
	return false
}

// goList runs `go list -json` on patterns in dir and decodes the packages.
func goList(ctx context.Context, dir string, patterns ...string) ([]*Package, error) {
	cmd := exec.CommandContext(ctx, "go", append([]string{"list", "-e=false", "-json"}, patterns...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %v: %s", strings.Join(patterns, " "), err, strings.TrimSpace(stderr.String()))
	}
	var pkgs []*Package
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(Package)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// Workspace is every package of the go.work workspace, by import path.
type Workspace struct {
	Root string
	pkgs map[string]*Package
	list []*Package // sorted by import path
}

// LoadWorkspace lists the packages of the workspace whose go.work is found
// from dir upwards.
func LoadWorkspace(ctx context.Context, dir string) (*Workspace, error) {
	root, err := workspaceRoot(ctx, dir)
	if err != nil {
		return nil, err
	}
	pkgs, err := goList(ctx, root, "work")
	if err != nil {
		return nil, err
	}
	w := &Workspace{Root: root, pkgs: map[string]*Package{}}
	for _, p := range pkgs {
		w.pkgs[p.ImportPath] = p
		w.list = append(w.list, p)
	}
	slices.SortFunc(w.list, func(a, b *Package) int { return strings.Compare(a.ImportPath, b.ImportPath) })
	return w, nil
}

// workspaceRoot is the directory of the go.work that governs dir.
func workspaceRoot(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "GOWORK")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOWORK: %v", err)
	}
	gowork := strings.TrimSpace(string(out))
	if gowork == "" || gowork == "off" {
		return "", fmt.Errorf("%s is not inside a Go workspace (no go.work): run mutate from the workbook", dir)
	}
	return filepath.Dir(gowork), nil
}

// Select lists the packages to mutate: those matching patterns (go list
// patterns, relative to dir), without the skipped ones.
func (w *Workspace) Select(ctx context.Context, dir string, patterns []string) ([]*Package, error) {
	matched, err := goList(ctx, dir, patterns...)
	if err != nil {
		return nil, err
	}
	var out []*Package
	for _, m := range matched {
		p := w.pkgs[m.ImportPath]
		if p == nil || skipped(p.ImportPath) || len(p.GoFiles) == 0 {
			continue
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Package) int { return strings.Compare(a.ImportPath, b.ImportPath) })
	return out, nil
}

// Importers chooses whose tests a mutant of a package faces, besides the
// tests of its own module.
type Importers string

// The -importers choices.
const (
	ImportersOwn  Importers = "own"  // only the package's own tests (a lower bound of what make test catches)
	ImportersNone Importers = "none" // only the package's own module
	ImportersAuto Importers = "auto" // the other modules' too, for the mutants its own misses
	ImportersAll  Importers = "all"  // every package whose tests reach it, at once
)

// TestsFor lists, sorted, the packages whose tests link target, directly or
// not (the target itself included when it has tests), as `make test` runs
// them (the skipped packages left out): first the tests a mutant faces,
// then the tests it faces if it survives those (auto only: the package's
// own tests, then the rest of its module's and the other modules'; or, for
// a package without tests, its module's, then the other modules').
func (w *Workspace) TestsFor(target *Package, imp Importers) (first, then []string) {
	var own, other []string
	for _, q := range w.list {
		if !q.hasTests() || skipped(q.ImportPath) || !w.testsReach(q, target.ImportPath) {
			continue
		}
		if q.module() == target.module() {
			own = append(own, q.ImportPath)
		} else {
			other = append(other, q.ImportPath)
		}
	}
	if len(own)+len(other) == 0 {
		// No test links it: a program that tests build and run (go build
		// reads the overlay in GOFLAGS too), as lessons/02-tasks runs
		// mainreturns. Its module's tests are the ones that can.
		for _, q := range w.list {
			if q.hasTests() && !skipped(q.ImportPath) && q.module() == target.module() {
				own = append(own, q.ImportPath)
			}
		}
	}
	switch {
	case imp == ImportersOwn && target.hasTests():
		return []string{target.ImportPath}, nil
	case imp == ImportersOwn:
		return nil, nil
	case imp == ImportersNone:
		return own, nil
	case imp == ImportersAll || len(own) == 0:
		all := slices.Concat(own, other)
		slices.Sort(all)
		return all, nil
	case target.hasTests() && len(own) > 1:
		// Its own tests first: most mutants fail them in seconds, and go
		// test waits for the slowest package it was given (a command's
		// tests that build lessons take minutes).
		rest := slices.Concat(slices.DeleteFunc(own, func(p string) bool { return p == target.ImportPath }), other)
		slices.Sort(rest)
		return []string{target.ImportPath}, rest
	}
	return own, other
}

// ShippedFor is the exercise package of a lesson's checks package
// (lessons/<lesson>/checks: lessons/<lesson>/exercise), or "": the checks
// of a mutant there also face the exercises as shipped.
func (w *Workspace) ShippedFor(target *Package) string {
	dir, base := path.Split(target.ImportPath)
	if base != "checks" || !strings.Contains(dir, "/lessons/") {
		return ""
	}
	ex := dir + "exercise"
	if w.pkgs[ex] == nil {
		return ""
	}
	return ex
}

// testsReach reports whether the test binary of q links the package path.
func (w *Workspace) testsReach(q *Package, path string) bool {
	if q.ImportPath == path || slices.Contains(q.Deps, path) {
		return true
	}
	for _, imp := range slices.Concat(q.TestImports, q.XTestImports) {
		if imp == path {
			return true
		}
		if p := w.pkgs[imp]; p != nil && slices.Contains(p.Deps, path) {
			return true
		}
	}
	return false
}

// Jobs finds every mutant of the package's Go files (not its tests),
// keeping only the operators in ops (all when ops is empty), each facing
// tests, then more if it survives them. The files are read once, here: a file edited during the run does
// not shift the mutants' offsets.
func (w *Workspace) Jobs(p *Package, ops map[string]bool, tests, more []string) ([]*Job, error) {
	var out []*Job
	for _, name := range p.GoFiles {
		path := filepath.Join(p.Dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(w.Root, path)
		if err != nil {
			rel = path
		}
		ms, err := FindMutants(filepath.ToSlash(rel), src)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if len(ops) == 0 || ops[m.Op] {
				m.Pkg = p.ImportPath
				out = append(out, &Job{Mutant: m, Tests: tests, More: more, path: path, src: src})
			}
		}
	}
	return out, nil
}
