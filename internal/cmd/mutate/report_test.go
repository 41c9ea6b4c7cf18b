package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func job(status, file string, line int) *Job {
	return &Job{
		Mutant: Mutant{File: file, Line: line, Op: "drop-go", Desc: "go f() runs inline, not in a goroutine"},
		Result: Result{Status: status},
	}
}

func TestScore(t *testing.T) {
	var jobs []*Job
	for range 186 {
		jobs = append(jobs, job(Caught, "a.go", 1))
	}
	jobs = append(jobs, job(Timeout, "a.go", 2), job(Timeout, "a.go", 3))
	for range 12 {
		jobs = append(jobs, job(Survived, "a.go", 4))
	}
	jobs = append(jobs, job(Invalid, "a.go", 5))
	s := Tally(jobs)
	assert.Equal(t, Score{Caught: 188, Total: 200, Invalid: 1, Timeouts: 2}, s)
	assert.Equal(t, 94, s.Percent())
	assert.Equal(t, "caught 188 of 200 (94%), 2 by timeout; 1 more did not compile (not counted)", s.String())

	assert.Equal(t, 94, Score{Caught: 949, Total: 1000}.Percent(), "94.9% is not 95%")
	assert.Equal(t, 100, Score{}.Percent(), "nothing to catch")
	assert.Equal(t, "caught 1 of 1 (100%), 1 by timeout", Score{Caught: 1, Total: 1, Timeouts: 1}.String())
	assert.Equal(t, "caught 3 of 4 (75%) in 1m2s", Score{Caught: 3, Total: 4, Elapsed: 62*time.Second + 300*time.Millisecond}.String())
}

func TestWriteText(t *testing.T) {
	jobs := []*Job{job(Caught, "a.go", 1), job(Survived, "b.go", 7), job(Invalid, "c.go", 2), job(Survived, "d.go", 9)}
	var out bytes.Buffer
	require.NoError(t, writeText(&out, jobs, Tally(jobs), nil))
	assert.Equal(t, "b.go:7: drop-go: go f() runs inline, not in a goroutine\n"+
		"d.go:9: drop-go: go f() runs inline, not in a goroutine\n"+
		"caught 1 of 3 (33%); 1 more did not compile (not counted)\n", out.String())
}

func TestWriteJSON(t *testing.T) {
	jobs := []*Job{job(Caught, "a.go", 1), job(Survived, "b.go", 7)}
	jobs[1].Tests = []string{"example.com/b"}
	var out bytes.Buffer
	require.NoError(t, writeJSON(&out, jobs, Tally(jobs), false, nil))
	var got struct {
		Mutants []struct {
			File, Op, Status string
			Line             int
			Tests            []string
		}
		Caught, Total, Percent int
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	assert.Equal(t, 1, got.Caught)
	assert.Equal(t, 2, got.Total)
	assert.Equal(t, 50, got.Percent)
	require.Len(t, got.Mutants, 2)
	assert.Equal(t, "b.go", got.Mutants[1].File)
	assert.Equal(t, 7, got.Mutants[1].Line)
	assert.Equal(t, Survived, got.Mutants[1].Status)
	assert.Equal(t, []string{"example.com/b"}, got.Mutants[1].Tests)
	assert.NotContains(t, out.String(), "partial", "a whole run")
	out.Reset()
	require.NoError(t, writeJSON(&out, jobs, Tally(jobs), true, nil))
	assert.Contains(t, out.String(), `"partial": true`, "a run of -survivors")
}

func TestBadFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-j", "0"}, "mutate: -j 0: give at least 1\n"},
		{[]string{"-ops", "drop-go,nope"}, "mutate: -ops: no operator \"nope\"; the operators are drop-go, drop-wait,"},
		{[]string{"-importers", "some"}, "mutate: -importers \"some\": use own, none, auto or all\n"},
		{[]string{"-min", "101"}, "mutate: -min 101: give a percentage from 0 to 100\n"},
		{[]string{"-min", "-1"}, "mutate: -min -1: give a percentage from 0 to 100\n"},
		{[]string{"-sample", "-1"}, "mutate: -sample -1: give a number of mutants per package, or 0 for all\n"},
		{[]string{"-timeout", "-1ns"}, "mutate: -timeout -1ns: give a positive duration, or 0 for automatic\n"},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, 2, run(context.Background(), tt.args, &stdout, &stderr), tt.args)
		assert.Contains(t, stderr.String(), tt.msg)
		assert.Empty(t, stdout.String())
	}
}

func TestListTheWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list on the workspace")
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-list", "-ops", "drop-wait", "../../../lessons/02-tasks/..."}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.Contains(t, stdout.String(), fmt.Sprintf("lessons/02-tasks/tasks.go:%d: drop-wait: wg.Wait() dropped\n", waitLine(t))+
		"\ttests: goasync.dev/workbook/lessons/02-tasks\n")
	assert.Contains(t, stdout.String(), "\ttests: goasync.dev/workbook/lessons/02-tasks/checks\n\tshipped: goasync.dev/workbook/lessons/02-tasks/exercise\n\twrong answers of: 02-tasks\n",
		"checks/ faces its own tests, then the exercises as shipped and the wrong answers")
	assert.NotContains(t, stdout.String(), "lessons/02-tasks/exercise/", "exercise/ is skipped")
}

func TestTestsFor(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list on the workspace")
	}
	w, err := LoadWorkspace(context.Background(), ".")
	require.NoError(t, err)
	const prefix = "goasync.dev/workbook/"
	pkg := func(path string) *Package {
		p := w.pkgs[prefix+path]
		require.NotNil(t, p, path)
		return p
	}
	first, then := w.TestsFor(pkg("lessons/01-dns-probe/checks"), ImportersAuto)
	assert.Equal(t, []string{prefix + "lessons/01-dns-probe/checks"}, first, "its own tests first")
	assert.Equal(t, []string{prefix + "lessons/01-dns-probe"}, then, "then the lesson's; no other module links a lesson")

	first, then = w.TestsFor(pkg("internal/timeline"), ImportersAuto)
	assert.Equal(t, []string{prefix + "internal/timeline"}, first, "its own tests first")
	assert.Contains(t, then, prefix+"lessons/02-tasks", "then the lessons that use it")
	first, then = w.TestsFor(pkg("internal/golden"), ImportersAuto)
	assert.Equal(t, []string{prefix + "internal/golden"}, first)
	assert.Contains(t, then, prefix+"internal/cmd/instructor", "then the rest of its module")
	assert.NotContains(t, then, prefix+"internal/golden")
	first, then = w.TestsFor(pkg("internal/timeline"), ImportersAll)
	assert.Contains(t, first, prefix+"lessons/02-tasks", "all: everything at once")
	assert.Contains(t, first, prefix+"internal/timeline")
	assert.Empty(t, then)
	first, then = w.TestsFor(pkg("internal/golden"), ImportersOwn)
	assert.Equal(t, []string{prefix + "internal/golden"}, first, "own: the package's tests alone")
	assert.Empty(t, then)
	first, _ = w.TestsFor(pkg("lessons/03-fetch-v1/checks"), ImportersOwn)
	assert.Empty(t, first, "own: a package without tests faces none")
	first, then = w.TestsFor(pkg("internal/timeline"), ImportersNone)
	assert.NotContains(t, first, prefix+"lessons/02-tasks")
	assert.Empty(t, then)

	// A package with no tests of its own faces the tests that link it, at
	// once: lessons/03-fetch-v1/checks is tested only by its lesson.
	first, then = w.TestsFor(pkg("lessons/03-fetch-v1/checks"), ImportersAuto)
	assert.Contains(t, first, prefix+"lessons/03-fetch-v1", "lessons/03-fetch-v1/checks is tested only by its lesson")
	assert.Empty(t, then)
	// A program no test links faces its module's tests, which may build
	// and run it: lessons/02-tasks runs mainreturns.
	first, then = w.TestsFor(pkg("lessons/02-tasks/mainreturns"), ImportersAuto)
	assert.Equal(t, []string{prefix + "lessons/02-tasks", prefix + "lessons/02-tasks/checks"}, first)
	assert.Empty(t, then)
	first, _ = w.TestsFor(pkg("lessons/03-fetch-v1/checks"), ImportersNone)
	assert.Equal(t, []string{prefix + "lessons/03-fetch-v1"}, first, "none: its own module's tests only, the lesson's")
	assert.True(t, skipped(prefix+"lessons/02-tasks/exercise"))
	assert.True(t, skipped(prefix+"lessons/02-tasks/exercise/sub"))
	assert.False(t, skipped(prefix+"lessons/02-tasks/checks"))
	assert.False(t, skipped(prefix+"internal/exercise"), "the harness is tested code")
	assert.Equal(t, prefix+"lessons/01-dns-probe/exercise", w.ShippedFor(pkg("lessons/01-dns-probe/checks")))
	assert.Empty(t, w.ShippedFor(pkg("lessons/01-dns-probe")), "the reference is not what the exercises check")
	assert.Empty(t, w.ShippedFor(pkg("internal/simnet")))
	assert.False(t, skipped(prefix+"internal/exercise/report"))
}

// TestOnlySurvivors: the survivors of an earlier run are found again by
// file, operator, description and the nearest line (two lines were added
// above b.go's); one whose code went is reported gone, unless its package
// is not among those mutated now.
func TestOnlySurvivors(t *testing.T) {
	jobs := []*Job{job(Caught, "a/a.go", 1), job(Survived, "b/b.go", 7), job(Survived, "c/c.go", 2), job(Survived, "c/c.go", 5), job(Survived, "d/d.go", 3)}
	var out bytes.Buffer
	require.NoError(t, writeJSON(&out, jobs, Tally(jobs), false, nil))
	path := filepath.Join(t.TempDir(), "report.json")
	require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))

	again := []*Job{job("", "a/a.go", 1), job("", "b/b.go", 1), job("", "b/b.go", 9), job("", "c/c.go", 2)}
	kept, gone, err := onlySurvivors(path, again)
	require.NoError(t, err)
	assert.Equal(t, []*Job{again[2], again[3]}, kept, "b.go's survivor is at line 9 now, the nearest to 7")
	require.Len(t, gone, 1, "c.go:5 went; d is not mutated now")
	assert.Equal(t, "c/c.go:5", gone[0].Position())
	assert.Equal(t, Gone, gone[0].Status)

	var text bytes.Buffer
	all := append(kept, gone...)
	require.NoError(t, writeText(&text, all, Tally(all), nil))
	assert.Contains(t, text.String(), "c/c.go:5: drop-go: go f() runs inline, not in a goroutine: gone, no longer a mutant of the code")
	assert.Equal(t, Score{}, Tally(gone), "a mutant that is gone is not counted")

	kept, _, err = onlySurvivors(filepath.Dir(path), again)
	require.NoError(t, err)
	assert.Equal(t, []*Job{again[2], again[3]}, kept, "a folder of reports: their tally's survivors")

	require.NoError(t, os.WriteFile(path, []byte("caught 1 of 2"), 0o644))
	_, _, err = onlySurvivors(path, again)
	assert.ErrorContains(t, err, "not a report of mutate -json")
}

func TestDefaultFlags(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, []string{"work"}, c.patterns, "no package named: the whole workspace")
	assert.Equal(t, 1, c.jobs)
	assert.Equal(t, 15, c.nice)
	assert.Equal(t, ImportersAuto, c.importers)
	assert.Zero(t, c.timeout, "automatic")
	assert.False(t, c.race)

	c, err = parseFlags([]string{"-min", "100", "-j", "1", "-timeout", "1ns", "-importers", "none"}, io.Discard)
	require.NoError(t, err, "the bounds themselves are accepted")
	assert.Equal(t, 100, c.min)
	c, err = parseFlags([]string{"-min", "0", "-ops", "drop-go,invert"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"drop-go": true, "invert": true}, c.ops)
}

// TestMainProcess is main itself when the test binary runs as a child of
// TestMainLists.
func TestMainProcess(t *testing.T) {
	args := os.Getenv("MUTATE_RUN_MAIN")
	if args == "" {
		t.Skip("run by TestMainLists")
	}
	os.Args = append([]string{"mutate"}, strings.Fields(args)...)
	main()
}

func TestMainLists(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list on the workspace")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$")
	cmd.Env = append(os.Environ(), "MUTATE_RUN_MAIN=-list -ops drop-wait ../../../lessons/02-tasks")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), fmt.Sprintf("lessons/02-tasks/tasks.go:%d: drop-wait: wg.Wait() dropped\n", waitLine(t)))
	assert.Contains(t, string(out), "\n1 mutants\n")
}

// waitLine is the line of lesson 02's one wg.Wait() statement.
func waitLine(t *testing.T) int {
	t.Helper()
	src, err := os.ReadFile("../../../lessons/02-tasks/tasks.go")
	require.NoError(t, err)
	line := slices.IndexFunc(strings.Split(string(src), "\n"), func(l string) bool { return strings.TrimSpace(l) == "wg.Wait()" }) + 1
	require.Positive(t, line, "tasks.go has a wg.Wait() line")
	return line
}
