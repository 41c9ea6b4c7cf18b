package checks

import (
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestVariantsApply: every broken version applies to the lesson's code,
// changes it, and is still Go.
func TestVariantsApply(t *testing.T) {
	files, err := LessonFiles("..")
	require.NoError(t, err)
	variants := Variants()
	require.Len(t, variants, 6, "the README says six broken versions")
	for _, v := range variants {
		t.Run(v.Name, func(t *testing.T) {
			changed, err := v.Apply(files)
			require.NoError(t, err)
			assert.NotEqual(t, files["tasks.go"], changed["tasks.go"])
			_, err = parser.ParseFile(token.NewFileSet(), "tasks.go", changed["tasks.go"], 0)
			assert.NoError(t, err, "variant %s makes tasks.go invalid Go", v.Name)
			for name := range files {
				if name != "tasks.go" {
					assert.Equal(t, files[name], changed[name], "variant %s changes %s", v.Name, name)
				}
			}
		})
	}
}

// TestVariantsApplyToOtherAnswers: the broken versions are made from a
// learner's own tasks.go too, where its answers are written otherwise than
// the reference's; and a tasks.go without the code a mistake changes gets
// an error naming what is missing.
func TestVariantsApplyToOtherAnswers(t *testing.T) {
	files, err := LessonFiles("..")
	require.NoError(t, err)
	ref := files["tasks.go"]
	replace := func(old, new string) map[string]string {
		require.Equal(t, 1, strings.Count(ref, old), old)
		return map[string]string{"tasks.go": strings.Replace(ref, old, new, 1)}
	}
	other := map[string]map[string]string{
		"awaits in the return": replace("\terr1 := task1.Await() // both Tasks sleep while we wait here\n\terr2 := task2.Await() // already done: returns at once\n\t//exercise:shipped",
			"\treturn errors.Join(task1.Await(), task2.Await())\n\tvar err1, err2 error\n\t//exercise:shipped"),
		"explicit type argument": replace("\n\ttask1 := CreateTask(func() error", "\n\ttask1 := CreateTask[error](func() error"),
		"fmt.Fprintln to print":  replace("\t\ts.println(what)\n\t\treturn nil", "\t\tfmt.Fprintln(s.out, what)\n\t\treturn nil"),
	}
	for name, files := range other {
		for _, v := range Variants() {
			changed, err := v.Apply(files)
			if assert.NoError(t, err, "%s: %s", name, v.Name) {
				_, err = parser.ParseFile(token.NewFileSet(), "tasks.go", changed["tasks.go"], 0)
				assert.NoError(t, err, "%s: %s", name, v.Name)
			}
		}
	}
	oneStatement := replace("\ttask1 := CreateTask(func() error { return sayAfter(ctx, s, longDelay*s.unit, \"hello\") })\n\ttask2 := CreateTask(func() error { return sayAfter(ctx, s, shortDelay*s.unit, \"world\") })\n\terr1",
		"\ttask1, task2 := CreateTask(func() error { return sayAfter(ctx, s, longDelay*s.unit, \"hello\") }), CreateTask(func() error { return sayAfter(ctx, s, shortDelay*s.unit, \"world\") })\n\terr1")
	_, err = Variants()[0].Apply(oneStatement)
	assert.ErrorContains(t, err, "broken version await-first can not be made from tasks.go: runTasks does not create two Tasks with CreateTask, one statement each")
	_, err = Variants()[2].Apply(map[string]string{"tasks.go": "package main\n"})
	assert.ErrorContains(t, err, "tasks.go has no func CreateTask")
}

// TestSolutionCatchesEveryVariant: the solution in solutions/02-tasks passes
// on the lesson and fails on every broken version, so the challenge can be
// done; and each weak proof of testdata/weakproofs.go passes on the lesson
// and lets through exactly the broken version it is named for, so each
// broken version but inline-task is needed. (No test misses inline-task
// alone: its run takes 3 s and prints hello first, as await-first's does, so
// a test that catches await-first catches it too; it stays for its message,
// which points at CreateTask.) Seven packages built and run: skipped with
// -short, and when the lesson is handed out without the solutions.
func TestSolutionCatchesEveryVariant(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test: skipped with -short")
	}
	solution, err := os.ReadFile(filepath.Join("..", "..", "..", "solutions", Lesson, "proof_test.go"))
	if err != nil {
		t.Skipf("no solution beside the lesson: %v", err)
	}
	weak, err := os.ReadFile(filepath.Join("testdata", "weakproofs.go"))
	require.NoError(t, err)
	missed := map[string]string{ // weak test: the one version it misses
		"TestWeakAwaitFirst": "await-first",
		"TestWeakAwaitOne":   "await-one",
		"TestWeakNoPrint":    "no-print",
		"TestWeakNoWait":     "no-wait",
		"TestWeakSleepThree": "sleep-three",
	}
	names := append([]string{ProofTest}, slices.Sorted(maps.Keys(missed))...)
	all, err := ProveAll(t.Context(), "..", map[string][]byte{"proof_test.go": solution, "weak_test.go": weak}, names...)
	require.NoError(t, err)
	for _, name := range names {
		verdicts := all[name]
		require.True(t, verdicts[0].Passed, "%s fails on the lesson:\n%s", name, verdicts[0].Output)
		for _, v := range verdicts[1:] {
			assert.True(t, v.Ran, "%s on %s did not run:\n%s", name, v.Version, v.Output)
			assert.Equal(t, v.Version == missed[name], v.Passed, "%s on %s, a version that %s", name, v.Version, v.Says)
		}
	}
}
