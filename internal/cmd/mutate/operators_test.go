package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// mutantsOf returns, for the operator op, each mutant of body (the body of a
// function f) applied and cut back to the body, with its description.
func mutantsOf(t *testing.T, op, body string) (bodies, descs []string) {
	t.Helper()
	const head, tail = "package p\n\nfunc f() {\n", "}\n"
	src := head + body + tail
	ms, err := FindMutants("p.go", []byte(src))
	require.NoError(t, err)
	for _, m := range ms {
		if m.Op != op {
			continue
		}
		out := string(m.Apply([]byte(src)))
		require.True(t, strings.HasPrefix(out, head) && strings.HasSuffix(out, tail), out)
		bodies = append(bodies, out[len(head):len(out)-len(tail)])
		descs = append(descs, m.Position()+": "+m.Desc)
	}
	return bodies, descs
}

func TestOperators(t *testing.T) {
	tests := []struct {
		op, body string
		want     []string // each mutant's body, in order
		desc     string   // the first mutant's position and description
	}{
		{"drop-go", "\tgo work(1)\n\tgo func() { done() }()\n",
			[]string{"\twork(1)\n\tgo func() { done() }()\n", "\tgo work(1)\n\tfunc() { done() }()\n"},
			"p.go:4: go work(1) runs inline, not in a goroutine"},
		{"drop-wait", "\twg.Wait()\n\tsynctest.Wait()\n\terr := g.Wait()\n",
			[]string{"\t_ = wg.Wait\n\tsynctest.Wait()\n\terr := g.Wait()\n", "\twg.Wait()\n\t_ = synctest.Wait\n\terr := g.Wait()\n"},
			"p.go:4: wg.Wait() dropped"},
		{"drop-close", "\tdefer resp.Body.Close()\n\tdefer cancel()\n\tdefer stop()\n\tdefer mu.Unlock()\n\tl.Close()\n",
			[]string{
				"\t_ = resp.Body.Close\n\tdefer cancel()\n\tdefer stop()\n\tdefer mu.Unlock()\n\tl.Close()\n",
				"\tdefer resp.Body.Close()\n\t_ = cancel\n\tdefer stop()\n\tdefer mu.Unlock()\n\tl.Close()\n",
				"\tdefer resp.Body.Close()\n\tdefer cancel()\n\t_ = stop\n\tdefer mu.Unlock()\n\tl.Close()\n",
				"\tdefer resp.Body.Close()\n\tdefer cancel()\n\tdefer stop()\n\tdefer mu.Unlock()\n\t_ = l.Close\n",
			},
			"p.go:4: defer resp.Body.Close() dropped"},
		{"drop-done", "\tselect {\n\tcase v := <-ch:\n\t\tuse(v)\n\tcase <-ctx.Done():\n\t\treturn\n\t}\n",
			[]string{"\tselect {\n\tcase v := <-ch:\n\t\tuse(v)\n\t\n\t}\n"},
			"p.go:7: select case <-ctx.Done() removed"},
		{"unbuffer", "\ta := make(chan int, n)\n\tb := make(chan int)\n\tc := make(chan int, 0)\n\td := make([]int, 3)\n",
			[]string{"\ta := make(chan int)\n\tb := make(chan int)\n\tc := make(chan int, 0)\n\td := make([]int, 3)\n"},
			"p.go:4: make(chan int, n) made unbuffered"},
		{"buffer", "\ta := make(chan int, n)\n\tb := make(chan struct{})\n",
			[]string{"\ta := make(chan int, n)\n\tb := make(chan struct{}, 1)\n"},
			"p.go:5: make(chan struct{}) given a buffer of 1"},
		{"swap-await", "\tv := <-ch\n\tuse(v)\n\tch2 <- 1\n\twg.Wait()\n\tx++\n",
			[]string{
				"\tv := <-ch\n\tuse(v)\n\twg.Wait()\n\tch2 <- 1\n\tx++\n",
				"\tv := <-ch\n\tuse(v)\n\tch2 <- 1\n\tx++\n\twg.Wait()\n",
			},
			"p.go:6: `ch2 <- 1` and `wg.Wait()` swapped"},
		{"invert", "\tif a == b && c < d || e >= f {\n\t}\n\tfor i < n {\n\t}\n",
			[]string{
				"\tif a != b && c < d || e >= f {\n\t}\n\tfor i < n {\n\t}\n",
				"\tif a == b && c >= d || e >= f {\n\t}\n\tfor i < n {\n\t}\n",
				"\tif a == b && c < d || e < f {\n\t}\n\tfor i < n {\n\t}\n",
			},
			"p.go:4: `a == b` inverted (== to !=)"},
		{"off-by-one", "\tfor i < n {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[1:k]\n\t_ = s[0:]\n",
			[]string{
				"\tfor i < n+1 {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[1:k]\n\t_ = s[0:]\n",
				"\tfor i < n-1 {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[1:k]\n\t_ = s[0:]\n",
				"\tfor i < n {\n\t}\n\tif len(s) == 1 || x == y {\n\t}\n\t_ = s[1:k]\n\t_ = s[0:]\n",
				"\tfor i < n {\n\t}\n\tif len(s) == -1 || x == y {\n\t}\n\t_ = s[1:k]\n\t_ = s[0:]\n",
				"\tfor i < n {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[2:k]\n\t_ = s[0:]\n",
				"\tfor i < n {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[0:k]\n\t_ = s[0:]\n",
				"\tfor i < n {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[1:k+1]\n\t_ = s[0:]\n",
				"\tfor i < n {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[1:k-1]\n\t_ = s[0:]\n",
				"\tfor i < n {\n\t}\n\tif len(s) == 0 || x == y {\n\t}\n\t_ = s[1:k]\n\t_ = s[1:]\n",
			},
			"p.go:4: bound of i < n: n to n+1"},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			bodies, descs := mutantsOf(t, tt.op, tt.body)
			assert.Equal(t, tt.want, bodies)
			require.NotEmpty(t, descs)
			assert.Equal(t, tt.desc, descs[0])
		})
	}
}

func TestSwapKeepsDeclarationsFirst(t *testing.T) {
	bodies, _ := mutantsOf(t, "swap-await", "\tv := <-ch\n\tch <- v\n")
	assert.Empty(t, bodies, "ch <- v needs v: swapping would not compile")
	bodies, _ = mutantsOf(t, "swap-await", "\tgo func() { <-ch }()\n\tx++\n")
	assert.Empty(t, bodies, "a receive inside a function literal does not block here")
}

func TestOperatorsListed(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tgo g()\n\twg.Wait()\n\tdefer cancel()\n\tselect {\n\tcase <-ctx.Done():\n\t}\n" +
		"\t_ = make(chan int, 1)\n\t_ = make(chan int)\n\tx++\n\tv := <-ch\n\tuse(v)\n\tif a < b {\n\t}\n}\n"
	ms, err := FindMutants("p.go", []byte(src))
	require.NoError(t, err)
	var ops []string
	for _, m := range ms {
		if len(ops) == 0 || ops[len(ops)-1] != m.Op {
			ops = append(ops, m.Op)
		}
	}
	assert.Equal(t, Operators, ops, "one source gives every operator, in source order")
}

func TestGeneratedAndBrokenFiles(t *testing.T) {
	ms, err := FindMutants("gen.go", []byte("// Code generated by x. DO NOT EDIT.\n\npackage p\n\nfunc f() { go g() }\n"))
	require.NoError(t, err)
	assert.Empty(t, ms, "generated code is not mutated")
	_, err = FindMutants("bad.go", []byte("package p\nfunc {"))
	assert.ErrorContains(t, err, "bad.go:2")
}

func TestMutantsCompileTheirDeclarations(t *testing.T) {
	// Every mutant of a file that compiles must parse: the edits are made
	// on source text, so a wrong offset shows as a syntax error here.
	src := "package p\n\nimport \"context\"\n\nfunc f(ctx context.Context, ch chan int, s []int) int {\n" +
		"\tctx, cancel := context.WithCancel(ctx)\n\tdefer cancel()\n\tgo func() { ch <- len(s) }()\n" +
		"\tselect {\n\tcase v := <-ch:\n\t\treturn v\n\tcase <-ctx.Done():\n\t\treturn 0\n\t}\n}\n"
	ms, err := FindMutants("p.go", []byte(src))
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	for _, m := range ms {
		_, err := FindMutants("p.go", m.Apply([]byte(src)))
		assert.NoError(t, err, m.Desc)
	}
}

func TestDescriptionsAreCut(t *testing.T) {
	recv := strings.Repeat("a", 41) // a 48-character statement: kept whole
	_, descs := mutantsOf(t, "drop-wait", "\t"+recv+".Wait()\n\t"+recv+"b.Wait()\n")
	require.Len(t, descs, 2)
	assert.Equal(t, "p.go:4: "+recv+".Wait() dropped", descs[0])
	assert.Equal(t, "p.go:5: "+recv+"b.Wait… dropped", descs[1], "49 characters: cut to 47 and an ellipsis")
}

// TestDefersBeforeOsExit: a function that ends in os.Exit and has no return
// never runs its defers (Go spec, "Defer statements"; the os.Exit doc), so
// dropping one is no mutant. A return anywhere, a literal's own defer, os
// imported under another name, or an Exit of another package keep them.
func TestDefersBeforeOsExit(t *testing.T) {
	drops := func(imports, body string) int {
		t.Helper()
		src := "package main\n\n" + imports + "\nfunc main() {\n" + body + "}\n"
		ms, err := FindMutants("main.go", []byte(src))
		require.NoError(t, err)
		n := 0
		for _, m := range ms {
			if m.Op == "drop-close" {
				n++
			}
		}
		return n
	}
	const main = "\tctx, stop := signal.NotifyContext(context.Background())\n\tdefer stop()\n\tos.Exit(run(ctx))\n"
	assert.Equal(t, 0, drops(`import "os"`, main), "defer stop() never runs before os.Exit")
	assert.Equal(t, 0, drops(`import sys "os"`, strings.ReplaceAll(main, "os.Exit", "sys.Exit")), "os renamed")
	assert.Equal(t, 1, drops(`import "os"`, "\tdefer stop()\n\tif bad {\n\t\treturn\n\t}\n\tos.Exit(1)\n"), "a return runs it")
	assert.Equal(t, 1, drops(`import "os"`, "\tdefer stop()\n\tos.Exit(1)\n\tx++\n"), "os.Exit is not the last statement")
	assert.Equal(t, 1, drops(`import os "example.com/notos"`, main), "another package's Exit")
	assert.Equal(t, 1, drops(`import "os"`, "\tdefer stop()\n\tf := func() int { defer cancel(); return 0 }\n\tos.Exit(f())\n"),
		"the literal returns and runs its own defer; main's never runs")
}
