package main

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md).

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stream writes a `go test -json` stream: for each lesson, its exercises,
// each "pass" or "fail" with the hints given; a lesson with no exercises
// fails to build.
func stream(t *testing.T, lessons map[string][]exerciseRun) []*lessonState {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for name, exs := range lessons {
		pkg := "goasync.dev/workbook/lessons/" + name + "/exercise"
		if len(exs) == 0 {
			require.NoError(t, enc.Encode(event{ImportPath: pkg + " [" + pkg + ".test]", Action: "build-output", Output: "./main.go:1:1: undefined: x\n"}))
			require.NoError(t, enc.Encode(event{Package: pkg, Action: "fail"}))
		}
		for _, ex := range exs {
			test := "TestExercises/" + ex.id
			require.NoError(t, enc.Encode(event{Package: pkg, Test: test, Action: "output", Output: "    exercise.go:42: goal: " + ex.id + "\n"}))
			for _, h := range ex.hints {
				require.NoError(t, enc.Encode(event{Package: pkg, Test: test, Action: "output", Output: "    exercise.go:47: hint: " + h + "\n"}))
			}
			require.NoError(t, enc.Encode(event{Package: pkg, Test: test, Action: ex.state}))
		}
	}
	lessons2, err := read(&buf)
	require.NoError(t, err)
	return lessons2
}

type exerciseRun struct {
	id, state string
	hints     []string
}

func TestReportOneExerciseLeft(t *testing.T) {
	var out bytes.Buffer
	code := report(&out, stream(t, map[string][]exerciseRun{
		"02-tasks": {{"1-a", "pass", nil}, {"2-b", "fail", []string{"try this"}}},
	}))
	assert.Equal(t, 1, code, "one exercise of two not done: make check fails")
	assert.Contains(t, out.String(), "1 of 2 exercises done")
	assert.Contains(t, out.String(), "hint: try this")
}

func TestReportOneExerciseDone(t *testing.T) {
	var out bytes.Buffer
	code := report(&out, stream(t, map[string][]exerciseRun{"02-tasks": {{"1-a", "pass", nil}}}))
	assert.Equal(t, 0, code, out.String())
	assert.Equal(t, 1, report(&out, nil), "no exercise at all is not success")
}

func TestReportNoHint(t *testing.T) {
	var out bytes.Buffer
	code := report(&out, stream(t, map[string][]exerciseRun{"02-tasks": {{"1-a", "fail", nil}}}))
	assert.Equal(t, 1, code)
	assert.NotContains(t, out.String(), "hint:", "an exercise without hints shows none")
}

func TestReportUncountedLessons(t *testing.T) {
	var out bytes.Buffer
	lessons := map[string][]exerciseRun{"01-dns-probe": nil, "02-tasks": {{"1-a", "pass", nil}}}
	report(&out, stream(t, lessons))
	assert.Contains(t, out.String(), "not counting the exercises of 01-dns-probe (it does not build or run yet)")
	out.Reset()
	lessons["03-fetch-v1"] = nil
	report(&out, stream(t, lessons))
	assert.Contains(t, out.String(), "not counting the exercises of 01-dns-probe, 03-fetch-v1 (they do not build or run yet)")
	out.Reset()
	lessons["03-fetch-v2"] = nil
	report(&out, stream(t, lessons))
	assert.Contains(t, out.String(), "(they do not build or run yet)")
}

// TestMainProcess is main itself when the test binary runs as a child of
// TestMainExitCodes.
func TestMainProcess(t *testing.T) {
	if os.Getenv("PROGRESS_RUN_MAIN") == "" {
		t.Skip("run by TestMainExitCodes")
	}
	os.Args = append([]string{"progress"}, strings.Fields(os.Getenv("PROGRESS_RUN_MAIN"))...)
	main()
}

func TestMainExitCodes(t *testing.T) {
	run := func(stdin []byte, args string) (int, string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$")
		cmd.Env = append(os.Environ(), "PROGRESS_RUN_MAIN="+args+" ")
		cmd.Stdin = bytes.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), string(out)
		}
		require.NoError(t, err)
		return 0, string(out)
	}
	solved, err := os.ReadFile("../../../testdata/progress/solved.jsonl")
	require.NoError(t, err)
	shipped, err := os.ReadFile("../../../testdata/progress/shipped.jsonl")
	require.NoError(t, err)

	code, out := run(solved, "")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "4 of 4 exercises done")
	code, out = run(shipped, "")
	assert.Equal(t, 1, code, out)
	code, out = run(shipped, "-shipped")
	assert.Equal(t, 0, code, out)
	code, out = run([]byte(strings.Repeat("x", 2<<20)), "")
	assert.Equal(t, 2, code, out)
	assert.Contains(t, out, "progress: reading go test -json output: ")
}

func TestShippedSingleExercises(t *testing.T) {
	var out bytes.Buffer
	one := map[string][]exerciseRun{"02-tasks": {{"1-a", "fail", []string{"try this"}}}}
	assert.Equal(t, 0, checkShipped(&out, stream(t, one)), "a lesson with one exercise that fails as shipped: %s", out.String())

	out.Reset()
	one["01-dns-probe"] = nil
	assert.Equal(t, 1, checkShipped(&out, stream(t, one)), "a lesson that does not build fails the check")
	assert.Contains(t, out.String(), "FAIL 01-dns-probe: the shipped exercise does not build or run")

	out.Reset()
	noHint := map[string][]exerciseRun{"02-tasks": {{"1-a", "fail", nil}}}
	assert.Equal(t, 1, checkShipped(&out, stream(t, noHint)), "an exercise without a hint fails the check")
	assert.Contains(t, out.String(), "FAIL 02-tasks 1-a has no hint")
}

func TestTail(t *testing.T) {
	lines := []string{"a", "b", "c"}
	assert.Equal(t, []string{"b", "c"}, tail(lines, 2))
	assert.Equal(t, lines, tail(lines, 3))
	assert.Equal(t, lines, tail(lines, 4))
}
