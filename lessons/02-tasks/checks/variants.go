package checks

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"strings"
)

// Variant is a broken version of the lesson: its tasks.go with one mistake
// made in the syntax tree. The mistakes are made at check time in whichever
// tasks.go the proof runs against (the reference, or a learner's own once
// exercises 1-4 pass), so no broken copy of the answer is ever shipped.
type Variant struct {
	Name   string // "await-first"
	Says   string // what the version does wrong, as the learner is told it
	mutate func(f *ast.File) error
}

// Variants returns the broken versions. Each is caught by a test that checks
// -mode tasks takes exactly 2 s and prints world, then hello, by the time run
// returns (solutions/02-tasks/proof_test.go).
func Variants() []Variant {
	return []Variant{
		{"await-first", "awaits task1 before it creates task2, so the two say_afters never sleep at the same time: it takes 3 s and prints hello first", awaitFirst},
		{"await-one", "awaits only task2, the shorter one: run returns after 1 s, when world is printed but hello is not yet", awaitOne},
		{"inline-task", "has a CreateTask that runs fn itself before it returns, so the second Task starts when the first is done: it takes 3 s and prints hello first", inlineTask},
		{"no-print", "waits 2 s but never prints world or hello: the time is right, the work is not done", noPrint},
		{"no-wait", "starts both say_afters and returns without waiting for either (like a WaitGroup without Wait): run returns at once, before a word is printed", noWait},
		{"sleep-three", "sleeps 3 s in place of awaiting the Tasks: it prints world, then hello, but takes 3 s", sleepThree},
	}
}

// Apply returns the lesson's files with v's mistake made in tasks.go
// (printed without its comments). It fails, naming what it looked for, if
// tasks.go does not have the code the mistake changes.
func (v Variant) Apply(files map[string]string) (map[string]string, error) {
	src, ok := files["tasks.go"]
	if !ok {
		return nil, errors.New("the lesson has no tasks.go")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "tasks.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	before, err := render(fset, f)
	if err != nil {
		return nil, err
	}
	if err := v.mutate(f); err != nil {
		return nil, fmt.Errorf("broken version %s can not be made from tasks.go: %w", v.Name, err)
	}
	after, err := render(fset, f)
	if err != nil {
		return nil, fmt.Errorf("broken version %s: %w", v.Name, err)
	}
	if strings.Contains(after, notAwaited+"(") {
		after += notAwaitedDecl
	}
	if after == before {
		return nil, fmt.Errorf("broken version %s changes nothing in tasks.go", v.Name)
	}
	out := map[string]string{}
	for name, text := range files {
		out[name] = text
	}
	out["tasks.go"] = after
	return out, nil
}

// render prints f, gofmt-ed.
func render(fset *token.FileSet, f *ast.File) (string, error) {
	var b bytes.Buffer
	if err := format.Node(&b, fset, f); err != nil {
		return "", err
	}
	return b.String(), nil
}

// awaitFirst awaits the first Task runTasks creates right before it creates
// the second.
func awaitFirst(f *ast.File) error {
	body, err := funcBody(f, "runTasks")
	if err != nil {
		return err
	}
	tasks := createdTasks(body)
	if len(tasks) < 2 || tasks[0].stmt == tasks[1].stmt {
		return errors.New("runTasks does not create two Tasks with CreateTask, one statement each")
	}
	await := &ast.ExprStmt{X: callExpr(sel(tasks[0].name, "Await"))}
	body.List = insert(body.List, tasks[1].stmt, await)
	return nil
}

// awaitOne never awaits the first Task runTasks creates.
func awaitOne(f *ast.File) error {
	body, err := funcBody(f, "runTasks")
	if err != nil {
		return err
	}
	tasks := createdTasks(body)
	if len(tasks) == 0 {
		return errors.New("runTasks creates no Task with CreateTask")
	}
	if n := dropAwaits(body, tasks[0].name); n == 0 {
		return fmt.Errorf("runTasks never calls %s.Await()", tasks[0].name)
	}
	return nil
}

// noWait awaits none of the Tasks runTasks creates.
func noWait(f *ast.File) error {
	body, err := funcBody(f, "runTasks")
	if err != nil {
		return err
	}
	if _, err := dropAllAwaits(body); err != nil {
		return err
	}
	return nil
}

// sleepThree sleeps the sequential sum (three lesson seconds) where
// runTasks first awaited.
func sleepThree(f *ast.File) error {
	fn, err := funcDecl(f, "runTasks")
	if err != nil {
		return err
	}
	stage := paramOfType(fn, "stage")
	if stage == "" {
		return errors.New("runTasks has no *stage parameter")
	}
	if !imports(f, "time") {
		return errors.New("tasks.go does not import time")
	}
	first, err := dropAllAwaits(fn.Body)
	if err != nil {
		return err
	}
	// time.Sleep((shortDelay + longDelay) * s.unit): the sequential sum
	sleep := &ast.ExprStmt{X: callExpr(sel("time", "Sleep"), &ast.BinaryExpr{
		X:  &ast.ParenExpr{X: &ast.BinaryExpr{X: ast.NewIdent("shortDelay"), Op: token.ADD, Y: ast.NewIdent("longDelay")}},
		Op: token.MUL, Y: sel(stage, "unit"),
	})}
	fn.Body.List = insert(fn.Body.List, first, sleep)
	return nil
}

// inlineTask calls, in place of starting it, every goroutine CreateTask starts.
func inlineTask(f *ast.File) error {
	body, err := funcBody(f, "CreateTask")
	if err != nil {
		return err
	}
	n := 0
	eachStmtList(body, func(list []ast.Stmt) {
		for i, s := range list {
			if g, ok := s.(*ast.GoStmt); ok {
				list[i] = &ast.ExprStmt{X: g.Call}
				n++
			}
		}
	})
	if n == 0 {
		return errors.New("CreateTask has no go statement")
	}
	return nil
}

// noPrint keeps sayAfter's printing calls from running: each becomes
// `if false { ... }`, so that every name and import stays used.
func noPrint(f *ast.File) error {
	body, err := funcBody(f, "sayAfter")
	if err != nil {
		return err
	}
	done := map[ast.Stmt]bool{}
	eachStmtList(body, func(list []ast.Stmt) {
		for i, s := range list {
			if done[s] || !isPrint(s) {
				continue
			}
			done[s] = true
			list[i] = &ast.IfStmt{Cond: ast.NewIdent("false"), Body: &ast.BlockStmt{List: []ast.Stmt{s}}}
		}
	})
	if len(done) == 0 {
		return errors.New("sayAfter calls no print function (s.println)")
	}
	return nil
}

// isPrint reports whether s is a call of a function or method whose name
// has "print" in it: s.println(what), fmt.Fprintln(w, what).
func isPrint(s ast.Stmt) bool {
	e, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	c, ok := e.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	var name string
	switch fn := c.Fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		name = fn.Sel.Name
	}
	return strings.Contains(strings.ToLower(name), "print")
}

// notAwaited stands for an Await that a broken version leaves out: it has
// the Await's type, and uses the Task, but does not wait.
const notAwaited = "variantNotAwaited"

// notAwaitedDecl declares notAwaited.
const notAwaitedDecl = "\nfunc " + notAwaited + "[T any](*Task[T]) (zero T) { return }\n"

// dropAllAwaits replaces the Await calls of every Task body creates, and
// returns the index of the first statement of body that had one.
func dropAllAwaits(body *ast.BlockStmt) (int, error) {
	tasks := createdTasks(body)
	if len(tasks) == 0 {
		return 0, errors.New("runTasks creates no Task with CreateTask")
	}
	first := -1
	for i, s := range body.List {
		n := 0
		for _, t := range tasks {
			n += dropAwaits(s, t.name)
		}
		if n > 0 && first < 0 {
			first = i
		}
	}
	if first < 0 {
		return 0, errors.New("runTasks awaits none of its Tasks")
	}
	return first, nil
}

// dropAwaits turns every call task.Await() under n into notAwaited(task)
// and returns how many it changed.
func dropAwaits(n ast.Node, task string) int {
	count := 0
	ast.Inspect(n, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || len(c.Args) != 0 {
			return true
		}
		s, ok := c.Fun.(*ast.SelectorExpr)
		if !ok || s.Sel.Name != "Await" {
			return true
		}
		if id, ok := s.X.(*ast.Ident); ok && id.Name == task {
			c.Fun, c.Args = ast.NewIdent(notAwaited), []ast.Expr{ast.NewIdent(task)}
			count++
		}
		return true
	})
	return count
}

// task is a Task that a function creates: `name := CreateTask(...)` as the
// stmt-th statement of its body.
type task struct {
	name string
	stmt int
}

// createdTasks returns the Tasks body creates in its own statements, in
// order.
func createdTasks(body *ast.BlockStmt) []task {
	var out []task
	for i, s := range body.List {
		a, ok := s.(*ast.AssignStmt)
		if !ok || len(a.Lhs) != len(a.Rhs) {
			continue
		}
		for j, r := range a.Rhs {
			id, ok := a.Lhs[j].(*ast.Ident)
			if ok && isCreateTask(r) {
				out = append(out, task{id.Name, i})
			}
		}
	}
	return out
}

// isCreateTask reports whether e is a call of CreateTask (or CreateTask[T]).
func isCreateTask(e ast.Expr) bool {
	c, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := c.Fun
	switch x := fn.(type) {
	case *ast.IndexExpr:
		fn = x.X
	case *ast.IndexListExpr:
		fn = x.X
	}
	id, ok := fn.(*ast.Ident)
	return ok && id.Name == "CreateTask"
}

// funcDecl returns the function (not method) name of f.
func funcDecl(f *ast.File, name string) (*ast.FuncDecl, error) {
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == name && fn.Body != nil {
			return fn, nil
		}
	}
	return nil, fmt.Errorf("tasks.go has no func %s", name)
}

func funcBody(f *ast.File, name string) (*ast.BlockStmt, error) {
	fn, err := funcDecl(f, name)
	if err != nil {
		return nil, err
	}
	return fn.Body, nil
}

// paramOfType returns the name of fn's parameter of type *typ.
func paramOfType(fn *ast.FuncDecl, typ string) string {
	for _, p := range fn.Type.Params.List {
		star, ok := p.Type.(*ast.StarExpr)
		if !ok {
			continue
		}
		if id, ok := star.X.(*ast.Ident); ok && id.Name == typ && len(p.Names) > 0 {
			return p.Names[0].Name
		}
	}
	return ""
}

// imports reports whether f imports path under its own name.
func imports(f *ast.File, path string) bool {
	for _, imp := range f.Imports {
		if imp.Path.Value == `"`+path+`"` && imp.Name == nil {
			return true
		}
	}
	return false
}

// eachStmtList calls fn with every statement list under n (blocks, and the
// clauses of switch and select); fn may replace the list's elements.
func eachStmtList(n ast.Node, fn func([]ast.Stmt)) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			fn(n.List)
		case *ast.CaseClause:
			fn(n.Body)
		case *ast.CommClause:
			fn(n.Body)
		}
		return true
	})
}

// insert returns list with s inserted before its i-th element.
func insert(list []ast.Stmt, i int, s ast.Stmt) []ast.Stmt {
	return append(list[:i:i], append([]ast.Stmt{s}, list[i:]...)...)
}

func sel(x, name string) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: ast.NewIdent(x), Sel: ast.NewIdent(name)}
}

func callExpr(fn ast.Expr, args ...ast.Expr) *ast.CallExpr {
	return &ast.CallExpr{Fun: fn, Args: args}
}
