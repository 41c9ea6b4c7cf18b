package main

import (
	"cmp"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
)

// Operators names every mutation operator, in the order mutants found at the
// same place are listed. The doc of each is in the package comment.
var Operators = []string{
	"drop-go",    // go f() -> f(): the call runs inline
	"drop-wait",  // x.Wait() as a statement -> _ = x.Wait
	"drop-close", // [defer] x.Close(), defer cancel(), defer stop() -> _ = x.Close
	"drop-done",  // the case <-ctx.Done() of a select is removed
	"unbuffer",   // make(chan T, n) -> make(chan T)
	"buffer",     // make(chan T) -> make(chan T, 1)
	"swap-await", // two adjacent statements, one of them blocking, swapped
	"invert",     // a comparison in an if condition: == <-> !=, < <-> >=, > <-> <=
	"off-by-one", // the bound of an ordered comparison or a slice: n -> n+1, n-1
}

// A Mutant is one small change to one file: the bytes [off, end) of the
// original source are replaced by text.
type Mutant struct {
	Pkg  string `json:"package"` // import path of the mutated package
	File string `json:"file"`    // path relative to the workspace root
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Op   string `json:"op"`   // one of Operators
	Desc string `json:"desc"` // one line: what the mutant does

	off, end int
	text     string
}

// Apply returns src with the mutant's change made.
func (m Mutant) Apply(src []byte) []byte {
	out := make([]byte, 0, len(src)+len(m.text))
	out = append(out, src[:m.off]...)
	out = append(out, m.text...)
	return append(out, src[m.end:]...)
}

// Position is "file:line", as reported.
func (m Mutant) Position() string { return m.File + ":" + strconv.Itoa(m.Line) }

// FindMutants parses one Go source file and returns its mutants in source
// order (by position, then in the order of Operators). name is the file name
// stored in each mutant. A generated file ("// Code generated ... DO NOT
// EDIT.") has none.
func FindMutants(name string, src []byte) ([]Mutant, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	if ast.IsGenerated(file) {
		return nil, nil
	}
	f := &finder{fset: fset, tf: fset.File(file.Pos()), src: src, name: name, neverRun: map[*ast.DeferStmt]bool{}}
	f.osName = importName(file, "os")
	ast.Inspect(file, f.visit)
	order := map[string]int{}
	for i, op := range Operators {
		order[op] = i
	}
	slices.SortStableFunc(f.out, func(a, b Mutant) int {
		return cmp.Or(cmp.Compare(a.off, b.off), cmp.Compare(order[a.Op], order[b.Op]))
	})
	return f.out, nil
}

// finder collects the mutants of one file.
type finder struct {
	fset *token.FileSet
	tf   *token.File
	src  []byte
	name string
	out  []Mutant

	osName   string                  // the name package os is imported as, or ""
	neverRun map[*ast.DeferStmt]bool // defers of functions that end in os.Exit
}

func (f *finder) offset(p token.Pos) int { return f.tf.Offset(p) }

// text is the source of n.
func (f *finder) text(n ast.Node) string { return string(f.src[f.offset(n.Pos()):f.offset(n.End())]) }

// short is the source of n on one line, cut to a readable length.
func (f *finder) short(n ast.Node) string {
	s := strings.Join(strings.Fields(f.text(n)), " ")
	if r := []rune(s); len(r) > 48 {
		s = string(r[:47]) + "…"
	}
	return s
}

// add records a mutant replacing the source from..to with text; at is where
// it is reported.
func (f *finder) add(op string, at, from, to token.Pos, text, desc string) {
	p := f.fset.Position(at)
	f.out = append(f.out, Mutant{
		File: f.name, Line: p.Line, Col: p.Column, Op: op, Desc: desc,
		off: f.offset(from), end: f.offset(to), text: text,
	})
}

func (f *finder) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.GoStmt:
		f.add("drop-go", n.Pos(), n.Go, n.Call.Pos(), "", "go "+f.short(n.Call)+" runs inline, not in a goroutine")
	case *ast.ExprStmt:
		if call, ok := n.X.(*ast.CallExpr); ok && len(call.Args) == 0 {
			switch name := calleeName(call); {
			case name == "Wait":
				f.dropCall("drop-wait", n, call)
			case name == "Close":
				f.dropCall("drop-close", n, call)
			}
		}
	case *ast.FuncDecl:
		f.markNeverRun(n)
	case *ast.DeferStmt:
		if len(n.Call.Args) == 0 && isCloser(n.Call) && !f.neverRun[n] {
			f.dropCall("drop-close", n, n.Call)
		}
	case *ast.SelectStmt:
		for _, c := range n.Body.List {
			if cc := c.(*ast.CommClause); isDoneCase(cc) {
				f.add("drop-done", cc.Pos(), cc.Pos(), cc.End(), "", "select case "+f.short(cc.Comm)+" removed")
			}
		}
	case *ast.CallExpr:
		f.chanMake(n)
	case *ast.BlockStmt:
		f.swaps(n.List)
	case *ast.CaseClause:
		f.swaps(n.Body)
	case *ast.CommClause:
		f.swaps(n.Body)
	case *ast.IfStmt:
		f.inverts(n.Cond)
	case *ast.BinaryExpr:
		f.comparisonBound(n)
	case *ast.SliceExpr:
		for _, b := range []ast.Expr{n.Low, n.High, n.Max} {
			if b != nil {
				f.offByOne(b, "slice bound of "+f.short(n))
			}
		}
	}
	return true
}

// dropCall replaces the statement stmt, which calls call, by `_ = callee`:
// the call is gone, and the names it used are still used, so the mutant
// compiles.
func (f *finder) dropCall(op string, stmt ast.Stmt, call *ast.CallExpr) {
	f.add(op, stmt.Pos(), stmt.Pos(), stmt.End(), "_ = "+f.text(call.Fun), f.short(stmt)+" dropped")
}

// markNeverRun records the defer statements of fn that never run: fn has no
// return statement and its last statement is os.Exit(...), so fn never
// returns. Deferred calls run when the function returns or panics (the Go
// spec, "Defer statements"); os.Exit ends the program at once and "deferred
// functions are not run" (the os.Exit doc). Dropping such a defer, as in a
// main that ends in os.Exit(run(...)), changes nothing a test could see, so
// it is no mutant. (On a panic they would run, as the program crashes
// anyway.)
func (f *finder) markNeverRun(fn *ast.FuncDecl) {
	if fn.Body == nil || len(fn.Body.List) == 0 || f.osName == "" {
		return
	}
	last, ok := fn.Body.List[len(fn.Body.List)-1].(*ast.ExprStmt)
	if !ok {
		return
	}
	call, ok := last.X.(*ast.CallExpr)
	if !ok {
		return
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Exit" {
		return
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != f.osName {
		return
	}
	var defers []*ast.DeferStmt
	returns := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns and defers are its own
		case *ast.ReturnStmt:
			returns = true
		case *ast.DeferStmt:
			defers = append(defers, n)
		}
		return true
	})
	if returns {
		return
	}
	for _, d := range defers {
		f.neverRun[d] = true
	}
}

// importName is the name under which file imports path, or "" if it does
// not (or imports it as _ or .).
func importName(file *ast.File, path string) string {
	for _, imp := range file.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err != nil || p != path {
			continue
		}
		if imp.Name == nil {
			return path[strings.LastIndex(path, "/")+1:]
		}
		if imp.Name.Name == "_" || imp.Name.Name == "." {
			return ""
		}
		return imp.Name.Name
	}
	return ""
}

// calleeName is the name of the function or method call calls.
func calleeName(call *ast.CallExpr) string {
	switch fun := call.Fun.(type) {
	case *ast.SelectorExpr:
		return fun.Sel.Name
	case *ast.Ident:
		return fun.Name
	}
	return ""
}

// isCloser reports whether a deferred call releases something: x.Close(), or
// a function value named cancel or stop (context.WithCancel,
// signal.NotifyContext, iter.Pull and the like).
func isCloser(call *ast.CallExpr) bool {
	switch fun := call.Fun.(type) {
	case *ast.SelectorExpr:
		return fun.Sel.Name == "Close"
	case *ast.Ident:
		name := strings.ToLower(fun.Name)
		return strings.HasPrefix(name, "cancel") || strings.HasSuffix(name, "cancel") || name == "stop"
	}
	return false
}

// isDoneCase reports whether a select case receives from a Done() channel.
func isDoneCase(cc *ast.CommClause) bool {
	var x ast.Expr
	switch s := cc.Comm.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	}
	u, ok := x.(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	call, ok := u.X.(*ast.CallExpr)
	return ok && len(call.Args) == 0 && calleeName(call) == "Done"
}

// chanMake mutates make(chan T, n) to make(chan T) and make(chan T) to
// make(chan T, 1).
func (f *finder) chanMake(call *ast.CallExpr) {
	if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "make" || len(call.Args) == 0 {
		return
	}
	if _, ok := call.Args[0].(*ast.ChanType); !ok {
		return
	}
	switch len(call.Args) {
	case 1:
		at := call.Args[0].End()
		f.add("buffer", call.Pos(), at, at, ", 1", f.short(call)+" given a buffer of 1")
	case 2:
		if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Value == "0" {
			return
		}
		f.add("unbuffer", call.Pos(), call.Args[0].End(), call.Args[1].End(), "", f.short(call)+" made unbuffered")
	}
}

// swaps mutates each pair of adjacent simple statements of a list where one
// of the two blocks (awaits), if the swap still compiles: the second does
// not use a name the first declares.
func (f *finder) swaps(list []ast.Stmt) {
	for i := 0; i+1 < len(list); i++ {
		a, b := list[i], list[i+1]
		if !isSimple(a) || !isSimple(b) || !(awaits(a) || awaits(b)) || usesAny(b, declared(a)) {
			continue
		}
		between := string(f.src[f.offset(a.End()):f.offset(b.Pos())])
		text := f.text(b) + between + f.text(a)
		f.add("swap-await", a.Pos(), a.Pos(), b.End(), text, "`"+f.short(a)+"` and `"+f.short(b)+"` swapped")
	}
}

// isSimple reports whether s is a statement that can move without changing
// what the code around it means to the compiler.
func isSimple(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.SendStmt, *ast.IncDecStmt:
		return true
	}
	return false
}

// awaits reports whether s blocks on another goroutine outside any function
// literal: a channel receive, or a call of a method Wait or Await.
func awaits(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		case *ast.CallExpr:
			name := calleeName(n)
			found = found || name == "Wait" || name == "Await"
		}
		return !found
	})
	return found
}

// declared lists the names s declares with :=.
func declared(s ast.Stmt) map[string]bool {
	names := map[string]bool{}
	if as, ok := s.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				names[id.Name] = true
			}
		}
	}
	return names
}

// usesAny reports whether n mentions any of names.
func usesAny(n ast.Node, names map[string]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && names[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

// inverse maps each comparison operator to its negation.
var inverse = map[token.Token]token.Token{
	token.EQL: token.NEQ, token.NEQ: token.EQL,
	token.LSS: token.GEQ, token.GEQ: token.LSS,
	token.GTR: token.LEQ, token.LEQ: token.GTR,
}

// inverts mutates each comparison of an if condition into its negation.
func (f *finder) inverts(cond ast.Expr) {
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BinaryExpr:
			if inv, ok := inverse[n.Op]; ok {
				to := n.OpPos + token.Pos(len(n.Op.String()))
				desc := "`" + f.short(n) + "` inverted (" + n.Op.String() + " to " + inv.String() + ")"
				f.add("invert", n.OpPos, n.OpPos, to, inv.String(), desc)
			}
		}
		return true
	})
}

// comparisonBound moves the right-hand bound of a comparison by one: every
// ordered comparison (<, <=, >, >=), and == or != against an integer literal
// or a len() or cap().
func (f *finder) comparisonBound(b *ast.BinaryExpr) {
	switch b.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
	case token.EQL, token.NEQ:
		if !isIntLike(b.Y) {
			return
		}
	default:
		return
	}
	f.offByOne(b.Y, "bound of "+f.short(b))
}

// isIntLike reports whether e is surely an integer: an integer literal, or a
// call of len or cap.
func isIntLike(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.INT
	case *ast.CallExpr:
		name := calleeName(e)
		_, isIdent := e.Fun.(*ast.Ident)
		return isIdent && (name == "len" || name == "cap")
	}
	return false
}

// offByOne adds two mutants, e+1 and e-1. An integer literal is replaced by
// its neighbour; a slice bound 0 is not lowered to -1 (it would not compile).
func (f *finder) offByOne(e ast.Expr, what string) {
	for _, delta := range []int64{+1, -1} {
		text := f.text(e)
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.INT {
			v, err := strconv.ParseInt(lit.Value, 0, 64)
			if err != nil {
				continue
			}
			if v+delta < 0 && strings.HasPrefix(what, "slice") {
				continue
			}
			text = strconv.FormatInt(v+delta, 10)
		} else if delta > 0 {
			text += "+1"
		} else {
			text += "-1"
		}
		desc := what + ": " + f.short(e) + " to " + text
		f.add("off-by-one", e.Pos(), e.Pos(), e.End(), text, desc)
	}
}
