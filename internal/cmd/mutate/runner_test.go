package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinySource is the code of a tiny module whose test catches some of its
// mutants and misses others.
const tinySource = `package tiny

import (
	"context"
	"time"
)

// Positive is tested with 5 and -5 only: n > 1 and n > -1 pass too.
func Positive(n int) bool {
	if n > 0 {
		return true
	}
	return false
}

// Wait returns when ctx is done, or after an hour.
func Wait(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-time.After(time.Hour):
	}
}

// Before compares strings: n+1 does not compile.
func Before(s string) bool {
	if s < "m" {
		return true
	}
	return false
}
`

const tinyTest = `package tiny

import (
	"context"
	"testing"
)

func TestPositive(t *testing.T) {
	if !Positive(5) || Positive(-5) {
		t.Fatal("Positive is wrong")
	}
}

func TestWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	Wait(ctx)
}
`

// helloSource is a command whose only test runs it with `go run`.
const helloSource = `package main

import "fmt"

func main() {
	if n := 2; n > 1 {
		fmt.Println("many")
	}
}
`

const helloTest = `package main

import (
	"os/exec"
	"testing"
)

func TestRun(t *testing.T) {
	out, err := exec.Command("go", "run", ".").CombinedOutput()
	if err != nil || string(out) != "many\n" {
		t.Fatalf("go run: %v: %s", err, out)
	}
}
`

// userTest tests tiny from another package, with the case tiny's test lacks.
const userTest = `package user

import (
	"testing"

	"example.com/tiny"
)

func TestOne(t *testing.T) {
	if !tiny.Positive(1) {
		t.Fatal("1 is positive")
	}
}
`

// slowTest takes a minute, unless the run is interrupted.
const slowTest = `package slow

import (
	"os"
	"testing"
	"time"
)

func TestSlow(t *testing.T) {
	if os.Getenv("TINY_SLOW") != "" {
		time.Sleep(time.Minute)
	}
}
`

// shippedTest plays a lesson's exercise checks as shipped: the unfinished
// answer is 0, and the check (tiny.Positive) must refuse it. Exercise 2
// passes as shipped, in the baseline too, so it catches nothing.
const shippedTest = `//go:build exercise

package shipped

import (
	"testing"

	"example.com/tiny"
)

func TestExercises(t *testing.T) {
	t.Run("1-positive", func(t *testing.T) {
		if !tiny.Positive(0) {
			t.Fatal("0 is not positive yet")
		}
	})
	t.Run("2-free", func(t *testing.T) {})
}
`

// wrongCheck plays a lesson's exercise check that a wrong answer must fail:
// the answer must be positive (tiny.Positive, the checking code).
const wrongCheck = `//go:build exercise

package wrongex

import (
	"testing"

	"example.com/tiny"
)

func TestExercises(t *testing.T) {
	t.Run("1-positive", func(t *testing.T) {
		if !tiny.Positive(answer) {
			t.Fatalf("%d is not positive", answer)
		}
	})
}
`

// tinyModule writes the tiny module to a temporary directory and returns
// the directory and the path of its code file.
func tinyModule(t *testing.T) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	writeTiny(t, dir)
	return dir, filepath.Join(dir, "tiny.go")
}

// writeTiny writes the tiny module into dir.
func writeTiny(t *testing.T, dir string) {
	t.Helper()
	for name, text := range map[string]string{
		"go.mod":                  "module example.com/tiny\n\ngo 1.25\n",
		"tiny.go":                 tinySource,
		"tiny_test.go":            tinyTest,
		"hello/main.go":           helloSource,
		"hello/main_test.go":      helloTest,
		"user/user_test.go":       userTest,
		"slow/slow_test.go":       slowTest,
		"shipped/shipped_test.go": shippedTest,
		"wrongex/answer.go":       "package wrongex\n\nconst answer = 1\n",
		"wrongex/check_test.go":   wrongCheck,
	} {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
}

// find returns the mutant of tinySource with this description.
func find(t *testing.T, desc string) Mutant {
	t.Helper()
	ms, err := FindMutants("tiny.go", []byte(tinySource))
	require.NoError(t, err)
	for _, m := range ms {
		if m.Desc == desc {
			return m
		}
	}
	t.Fatalf("no mutant %q in tiny.go", desc)
	return Mutant{}
}

func TestRunnerVerdicts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, path := tinyModule(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	r := &Runner{Root: dir, Timeout: 3 * time.Second, TempDir: t.TempDir()}
	ctx := context.Background()

	res, err := r.Run(ctx, 0, "", nil, []string{"."})
	require.NoError(t, err)
	assert.Equal(t, Survived, res.Status, "the tests pass unmutated: %s", res.Why)

	for _, tt := range []struct{ desc, status, why string }{
		{"`n > 0` inverted (> to <=)", Caught, "--- FAIL: TestPositive"},
		{"bound of n > 0: 0 to 1", Survived, ""},
		{"select case <-ctx.Done() removed", Timeout, "panic: test timed out"},
		{"bound of s < \"m\": \"m\" to \"m\"+1", Invalid, "tiny.go"},
	} {
		m := find(t, tt.desc)
		res, err := r.Run(ctx, 1, path, m.Apply([]byte(tinySource)), []string{"."})
		require.NoError(t, err)
		assert.Equal(t, tt.status, res.Status, "%s: %s", tt.desc, res.Why)
		assert.Contains(t, res.Why, tt.why, tt.desc)
	}
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, tinySource, string(src), "the overlay leaves the file on disk as it was")

	ms, err := FindMutants("hello/main.go", []byte(helloSource))
	require.NoError(t, err)
	require.Equal(t, "`n > 1` inverted (> to <=)", ms[0].Desc)
	res, err = r.Run(ctx, 1, filepath.Join(dir, "hello", "main.go"), ms[0].Apply([]byte(helloSource)), []string{"./hello"})
	require.NoError(t, err)
	assert.Equal(t, Caught, res.Status, "a test that builds its own binary (go run) builds the mutant too")
}

func TestRunJobsScoresTheTinyModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, path := tinyModule(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	var jobs []*Job
	for _, desc := range []string{"`n > 0` inverted (> to <=)", "bound of n > 0: 0 to 1", "bound of n > 0: 0 to -1"} {
		jobs = append(jobs, &Job{Mutant: find(t, desc), Tests: []string{"."}, More: []string{"./user"}, path: path, src: []byte(tinySource)})
	}
	jobs[2].More = nil                                                                                    // a survivor with nothing more to face
	jobs = append(jobs, &Job{Mutant: find(t, "`s < \"m\"` inverted (< to >=)"), src: []byte(tinySource)}) // no tests
	r := &Runner{Root: dir, Timeout: 30 * time.Second, TempDir: t.TempDir()}
	var reported []string
	err := runJobs(context.Background(), r, jobs, 2, nil, func(done, total int, j *Job) {
		assert.Equal(t, 4, total)
		reported = append(reported, j.Status)
	})
	require.NoError(t, err)
	assert.Len(t, reported, 6, "two baselines, four mutants")
	assert.Equal(t, "baseline", reported[0], "the tests run unmutated before the first mutant faces them")
	assert.Equal(t, 2, countOf(reported, "baseline"))
	assert.Equal(t, []string{Caught, Caught, Survived, Survived}, []string{jobs[0].Status, jobs[1].Status, jobs[2].Status, jobs[3].Status},
		"n > 1 survives tiny's own test, not user's; n > -1 survives both")
	assert.Equal(t, Score{Caught: 2, Total: 4}, Tally(jobs))
	assert.Equal(t, "no test links this package", jobs[3].Why)
}

// TestShippedCatchesAWeakCheck: a mutant that survives the tests but lets
// an unfinished exercise pass its check is caught, as make shipped would; an
// exercise that passed unmutated catches nothing.
func TestShippedCatchesAWeakCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, path := tinyModule(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	var jobs []*Job
	for _, desc := range []string{"bound of n > 0: 0 to -1", "bound of n > 0: 0 to 1"} {
		jobs = append(jobs, &Job{Mutant: find(t, desc), Tests: []string{"."}, Shipped: "./shipped", path: path, src: []byte(tinySource)})
	}
	r := &Runner{Root: dir, Timeout: 30 * time.Second, TempDir: t.TempDir()}
	require.NoError(t, runJobs(context.Background(), r, jobs, 1, nil, nil))
	assert.Equal(t, Caught, jobs[0].Status, "n > -1: Positive(0), the shipped answer, passes")
	assert.Equal(t, "make shipped: exercise 1-positive passes its check unfinished", jobs[0].Why)
	assert.Equal(t, Survived, jobs[1].Status, "n > 1: exercise 1 still fails; 2 passed before")
}

func TestPassedExercises(t *testing.T) {
	out := `{"Action":"run","Test":"TestExercises/1-a"}
{"Action":"fail","Test":"TestExercises/1-a"}
{"Action":"pass","Test":"TestExercises/2-b"}
{"Action":"pass","Test":"TestOther"}
{"Action":"pass","Test":"TestExercises"}
not json
{"Action":"pass","Test":"TestExercises/3-c"}`
	assert.Equal(t, []string{"2-b", "3-c"}, passedExercises(out))
}

func TestBaselineMustPass(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, _ := tinyModule(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fail_test.go"),
		[]byte("package tiny\n\nimport \"testing\"\n\nfunc TestFail(t *testing.T) { t.Fatal(\"broken\") }\n"), 0o644))
	t.Setenv("GOWORK", "off")
	r := &Runner{Root: dir, TempDir: t.TempDir()}
	_, err := baseline(context.Background(), r, []string{"."})
	assert.ErrorContains(t, err, "the tests fail before any mutation")
}

func TestClassify(t *testing.T) {
	for _, tt := range []struct{ out, status, why string }{
		{"--- FAIL: TestX (0.00s)\n    x_test.go:3: no\nFAIL\nFAIL\tp\t0.01s\n", Caught, "--- FAIL: TestX (0.00s)"},
		{"panic: test timed out after 1s\n", Timeout, "panic: test timed out"},
		{"# p\n./a.go:2:26: cannot use 1\nFAIL\tp [build failed]\n", Invalid, "./a.go:2:26: cannot use 1"},
		{"--- FAIL: TestGolden (0.00s)\n    -  FAIL\tq [build failed]\nFAIL\nFAIL\tp\t0.01s\n", Caught, "--- FAIL: TestGolden (0.00s)"},
		{"# [p]\n./a.go:3:39: fmt.Sprintf format %d has arg\nFAIL\tp [build failed]\n", Caught, "go vet: ./a.go:3:39: fmt.Sprintf format %d has arg"},
	} {
		status, why := classify(tt.out)
		assert.Equal(t, tt.status, status, tt.out)
		assert.Equal(t, tt.why, why, tt.out)
	}
}

func TestRunJobsInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, path := tinyModule(t)
	t.Setenv("GOWORK", "off")
	r := &Runner{Root: dir, Timeout: 5 * time.Minute, TempDir: t.TempDir()}
	jobs := []*Job{{Mutant: find(t, "bound of n > 0: 0 to 1"), Tests: []string{"./slow"}, path: path, src: []byte(tinySource)}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	err := runJobs(ctx, r, jobs, 1, nil, func(done, total int, j *Job) {
		if j.Status == "baseline" { // the baseline is quick; the mutant's run is not
			t.Setenv("TINY_SLOW", "1")
			time.AfterFunc(time.Second, cancel)
		}
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 45*time.Second, "Ctrl-C ends the run at once, not after the tests")
}

func TestBaselineSetsTheTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, _ := tinyModule(t)
	t.Setenv("GOWORK", "off")
	auto, err := baseline(context.Background(), &Runner{Root: dir, TempDir: t.TempDir()}, []string{"."})
	require.NoError(t, err)
	assert.Greater(t, auto.Timeout, 20*time.Second, "automatic: 20 s and three times the unmutated run")
	assert.Less(t, auto.Timeout, 10*time.Minute)
	given, err := baseline(context.Background(), &Runner{Root: dir, Timeout: 7 * time.Second, TempDir: t.TempDir()}, []string{"."})
	require.NoError(t, err)
	assert.Equal(t, 7*time.Second, given.Timeout, "a -timeout given is kept")
}

func TestMutateTheTinyWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, _ := tinyModule(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.work"), []byte("go 1.25.0\n\nuse .\n"), 0o644))
	t.Setenv("GOWORK", "")
	t.Setenv("GOFLAGS", "")
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-ops", "invert", "-min", "67", "-v", "-nice", "0", "./..."}, &stdout, &stderr)
	assert.Equal(t, 1, code, "2 of 3 caught is below -min 67: %s", stderr.String())
	assert.Regexp(t, "^tiny.go:26: invert: `s < \"m\"` inverted \\(< to >=\\)\ncaught 2 of 3 \\(66%\\) in [0-9]+s\n$", stdout.String(),
		"Before has no test; hello's test runs its binary, which the overlay reaches")
	assert.Contains(t, stderr.String(), "tests pass unmutated, timeout ")
	assert.Contains(t, stderr.String(), "[3/3] ")
}

// countOf counts the elements of s equal to v.
func countOf(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// TestBaselinesAreLazy: a set of tests that no mutant reaches never runs,
// not even unmutated.
func TestBaselinesAreLazy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a temporary module")
	}
	dir, path := tinyModule(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("TINY_SLOW", "1") // ./slow would take a minute
	jobs := []*Job{{Mutant: find(t, "`n > 0` inverted (> to <=)"), Tests: []string{"."}, More: []string{"./slow"}, path: path, src: []byte(tinySource)}}
	r := &Runner{Root: dir, Timeout: 30 * time.Second, TempDir: t.TempDir()}
	var baselines []string
	start := time.Now()
	require.NoError(t, runJobs(context.Background(), r, jobs, 1, nil, func(_, _ int, j *Job) {
		if j.Status == "baseline" {
			baselines = append(baselines, j.Tests...)
		}
	}))
	assert.Equal(t, Caught, jobs[0].Status)
	assert.Equal(t, []string{"."}, baselines, "./slow: no survivor goes on to it")
	assert.Less(t, time.Since(start), 30*time.Second)
}

// TestTimeouts: an unmutated run may take 10 minutes, and a mutant 20 s
// and three times the unmutated run, unless -timeout says how long.
func TestTimeouts(t *testing.T) {
	auto, given := &Runner{Root: "a"}, &Runner{Root: "a", Timeout: 7 * time.Second}
	assert.Equal(t, &Runner{Root: "a", Timeout: 10 * time.Minute}, unmutated(auto))
	assert.Equal(t, &Runner{Root: "a", Timeout: 26 * time.Second}, forMutants(auto, 2*time.Second))
	assert.Equal(t, given, unmutated(given))
	assert.Equal(t, given, forMutants(given, 2*time.Second))
	assert.Zero(t, auto.Timeout, "r itself is not changed")
}
