package exercise

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// exercises are two exercises: one done, one that fails with t.Fatal.
var exercises = []Exercise{
	{Name: "done", Goal: "already works", Hints: []string{"never shown"},
		Check: func(t *testing.T) {}},
	{Name: "todo", Goal: "make it 2s", Hints: []string{"first hint", "second hint"},
		Check: func(t *testing.T) { t.Fatal("took 3s, want 2s") }},
	{Name: "diagnosed", Goal: "release in the goroutine", Hints: []string{"generic hint"},
		Check: func(t *testing.T) {
			Hint(t, "the release is outside the goroutine")
			t.Fatal("no limit")
		}},
}

// TestHelperExercises is run by TestRun in a child process, where failing
// is the point.
func TestHelperExercises(t *testing.T) {
	if os.Getenv("EXERCISE_HELPER") != "1" {
		t.Skip("run by TestRun in a child process")
	}
	switch os.Getenv("EXERCISE_SET") {
	case "none":
		Run(t, nil)
	case "one":
		Run(t, exercises[:1])
	default:
		Run(t, exercises)
	}
}

// TestRunHowMany: a lesson of one exercise runs it; one of none is an
// error, not a silent pass.
func TestRunHowMany(t *testing.T) {
	for set, pass := range map[string]bool{"one": true, "none": false} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperExercises$", "-test.v")
		cmd.Env = append(os.Environ(), "EXERCISE_HELPER=1", "EXERCISE_SET="+set)
		out, err := cmd.CombinedOutput()
		if pass {
			assert.NoError(t, err, "%s: %s", set, out)
			assert.Contains(t, string(out), "--- PASS: TestHelperExercises/1-done", set)
		} else {
			assert.Error(t, err, set)
			assert.Contains(t, string(out), "exercise: no exercises to run", set)
		}
	}
}

// TestRun checks what make check reads: the list of exercises first, then
// subtests named "<n>-<name>", the goal logged always, hints logged only on
// failure, even after t.Fatal.
func TestRun(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperExercises$", "-test.v")
	cmd.Env = append(os.Environ(), "EXERCISE_HELPER=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the todo exercise must fail the run")
	for _, want := range []string{
		"--- PASS: TestHelperExercises/1-done",
		"--- FAIL: TestHelperExercises/2-todo",
		"goal: already works", "goal: make it 2s",
		"took 3s, want 2s",
		"hint: first hint", "hint: second hint",
		"--- FAIL: TestHelperExercises/3-diagnosed", "hint: the release is outside the goroutine",
	} {
		assert.Contains(t, string(out), want)
	}
	assert.NotRegexp(t, `exercise\.go:\d+: hint: never shown`, string(out), "a passing exercise logs no hint")
	// The list of every exercise comes first, so a report knows them all
	// even when a panic ends the run in the first.
	list := strings.Index(string(out), "exercise 2-todo hint: second hint")
	assert.GreaterOrEqual(t, list, 0, "the list names each exercise with its hints")
	assert.Less(t, list, strings.Index(string(out), "=== RUN   TestHelperExercises/1-done"), "the list comes before the first exercise runs")
	assert.Contains(t, string(out), "exercise 1-done goal: already works")
	assert.NotRegexp(t, `exercise\.go:\d+: hint: generic hint`, string(out), "a check's own hint replaces the exercise's Hints")
}
