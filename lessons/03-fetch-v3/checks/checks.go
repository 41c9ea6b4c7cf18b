// Package checks holds the test code of lesson 03-fetch-v3 that the
// reference (lessons/03-fetch-v3) and the learner's copy
// (lessons/03-fetch-v3/exercise) share: each passes its own run function to
// the same checks, which run it against the simulated internet.
package checks

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/fetch/fetchtest"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/simnet"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "03-fetch-v3"

// Exercises returns the lesson's exercises, checked against run of the copy
// under test.
func Exercises(run fetchtest.Runner) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name:  "input-order",
			Goal:  "the results are printed in input order, example.com, httpbin, python.org, however the fetches finish",
			Hints: []string{"in gatherAll, let goroutine i write results[i]: no append, no mutex"},
			Check: func(t *testing.T) { checkInputOrder(t, run) },
		},
		{
			Name: "failfast",
			Goal: "-mode failfast: the first error (a 500 after 80ms) cancels the other fetches at once, and they say so",
			Hints: []string{
				"in gatherFailFast, make the group with errgroup.WithContext(ctx) and pass its ctx to fetchURL",
				"a goroutine of the group must return an error when its fetch failed",
			},
			Check: func(t *testing.T) { checkFailFast(t, run) },
		},
	}
}

// checkInputOrder: the default run prints in input order, and its output
// is the reference's.
func checkInputOrder(t *testing.T, run fetchtest.Runner) {
	res := fetchtest.Virtual(t, run, 0)
	if got := fetchtest.Labelled(fetchtest.Lines(res.Stdout), "results"); !slices.Equal(got, fetchtest.URLs) {
		t.Errorf("printed %v, want the input order %v: does each goroutine write its own results[i]?", got, fetchtest.URLs)
	}
	golden.Compare(t, Lesson, "fetch", []byte(res.Output()))
	if keyedByURL("collect.go") {
		t.Errorf("gatherAll keeps the results in a map keyed by URL: give the same URL twice and both fetches land in one entry, " +
			"one result lost and the other counted twice. Let goroutine i write results[i]: no key, no mutex")
	}
}

// keyedByURL reports whether gatherAll, in the Go file path, uses a map
// with string keys. The output can not show it (one URL gives one result
// here), so the check reads the code.
func keyedByURL(path string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return false
	}
	found := false
	for _, decl := range f.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == "gatherAll" && fn.Body != nil {
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if m, ok := n.(*ast.MapType); ok {
					if id, ok := m.Key.(*ast.Ident); ok && id.Name == "string" {
						found = true
					}
				}
				return true
			})
		}
	}
	return found
}

// FailFastArgs fetch a 500 (80ms), a URL that never answers, and example.com
// (250ms) in fail-fast mode.
var FailFastArgs = []string{"-mode", "failfast", simnet.ErrorURL, simnet.HangURL, simnet.ExampleURL}

// checkFailFast: the run ends when the 500 arrives, and the others are
// cancelled, visibly.
func checkFailFast(t *testing.T, run fetchtest.Runner) {
	res := fetchtest.Virtual(t, run, 0, FailFastArgs...)
	if want := fetchtest.Latency(t, simnet.ErrorURL); res.Elapsed != want {
		t.Errorf("-mode failfast took %v, want %v, when the 500 arrives: does the first error cancel the ctx the other fetches use?", res.Elapsed, want)
	}
	if res.Code != 1 {
		t.Errorf("exit code %d, want 1", res.Code)
	}
	golden.Compare(t, Lesson, "failfast", []byte(res.Output()))
}
