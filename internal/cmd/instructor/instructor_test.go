package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// root is the workbook's root, from this package's folder.
const root = "../../.."

// handoutEnv is the environment a handout is tested in: outside the
// workbook (GOWORK=off), with -trimpath so the build cache is shared between
// the temporary folders.
// The variables of a make that runs this test (make test) are dropped: the
// handout's make is a student's, not a sub-make.
func handoutEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MAKE") && !strings.HasPrefix(kv, "MFLAGS=") {
			env = append(env, kv)
		}
	}
	return append(env, "GOWORK=off", "GOFLAGS=-trimpath", "TZ=UTC", "GORACE=atexit_sleep_ms=0")
}

func lessons(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join(root, "lessons", "*", "exercise"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	var names []string
	for _, d := range dirs {
		names = append(names, filepath.Base(filepath.Dir(d)))
	}
	return names
}

// TestHandoutEveryLesson builds each lesson's handout in a temporary folder
// outside the workbook, then: its plain tests pass alone (make test: vet and
// go test with GOWORK=off), make check fails as shipped and shows the
// exercises, and no line of the answers is anywhere in it.
func TestHandoutEveryLesson(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every lesson's handout (-short skips)")
	}
	for _, lesson := range lessons(t) {
		t.Run(lesson, func(t *testing.T) {
			start := time.Now()
			res, err := BuildHandout(HandoutOptions{Lesson: lesson, Root: root, Out: filepath.Join(t.TempDir(), lesson)})
			require.NoError(t, err)
			t.Logf("handout: %d files, %d KB in %v", res.Files, res.Bytes/1024, time.Since(start).Round(time.Millisecond))

			out, err := runIn(t, res.Dir, "make", "test")
			require.NoError(t, err, "make test in the handout:\n%s", out)

			out, err = runIn(t, res.Dir, "make", "check")
			require.Error(t, err, "make check passed as shipped:\n%s", out)
			assert.Regexp(t, `(?m)^0 of \d+ exercises done`, out)
			assert.Contains(t, out, "not yet")
			assert.Contains(t, out, "hint")

			out, err = runIn(t, res.Dir, "make", "hint")
			require.NoError(t, err, "make hint:\n%s", out)
			assert.Regexp(t, `(?s)^Next: .*hint.*\n0 of \d+ exercises done\n$`, out)

			wb, err := openWorkbook(root, lesson)
			require.NoError(t, err)
			answers := answerLines(t, wb, lesson)
			require.NotEmpty(t, answers, "the reference of %s has no line the exercise lacks: the grep below could not fail", lesson)
			assert.Empty(t, answerHits(t, res.Dir, answers), "answer lines in the handout without the solution")
			ref, _ := filepath.Glob(filepath.Join(res.Dir, "lessons", lesson, "*.go"))
			assert.Empty(t, ref, "reference files in the handout")
			assert.NoDirExists(t, filepath.Join(res.Dir, "solutions"))
			assert.NoDirExists(t, filepath.Join(res.Dir, "_solutions"))
			t.Logf("handout tested in %v", time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestHandoutSolution: with the solution, the reference is in the handout,
// builds and runs there, and the answer grep finds it (so the grep of
// TestHandoutEveryLesson can fail).
func TestHandoutSolution(t *testing.T) {
	const lesson = "02-tasks"
	res, err := BuildHandout(HandoutOptions{Lesson: lesson, Root: root, Solution: true, Out: filepath.Join(t.TempDir(), "h"), Tar: true})
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(res.Dir, "lessons", lesson, "tasks.go"))
	assert.FileExists(t, res.Archive)
	wb, err := openWorkbook(root, lesson)
	require.NoError(t, err)
	answers := answerLines(t, wb, lesson)
	assert.NotEmpty(t, answerHits(t, res.Dir, answers))
	out, err := runIn(t, res.Dir, "go", "run", "./lessons/"+lesson, "-unit", "1ms", "-mode", "sequential")
	require.NoError(t, err, out)
	assert.Contains(t, out, "hello\nworld\n")
	readme, err := os.ReadFile(filepath.Join(res.Dir, "README.md"))
	require.NoError(t, err)
	assert.Contains(t, string(readme), "go func() { t.result <- fn() }()", "the README keeps its code with the solution")
}

// TestHandoutREADME: every relative link of a handout's README leads to a
// file of the handout, and the README runs the student's copy.
func TestHandoutREADME(t *testing.T) {
	for _, lesson := range lessons(t) {
		res, err := BuildHandout(HandoutOptions{Lesson: lesson, Root: root, Out: filepath.Join(t.TempDir(), lesson)})
		require.NoError(t, err)
		readme, err := os.ReadFile(filepath.Join(res.Dir, "README.md"))
		require.NoError(t, err)
		for _, m := range linkRE.FindAllStringSubmatch(string(readme), -1) {
			target := m[2]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "#") {
				continue
			}
			p, _, _ := strings.Cut(target, "#")
			_, err := os.Stat(filepath.Join(res.Dir, p))
			assert.NoError(t, err, "%s: README links to %s", lesson, target)
		}
		assert.NotRegexp(t, `\./lessons/`+regexp.QuoteMeta(lesson)+`([^/]|$)`, string(readme), "%s: README runs the reference", lesson)
	}
}

// answerLines returns the answer lines of lesson, against its exercise
// derived afresh.
func answerLines(t *testing.T, wb *workbook, lesson string) map[string]bool {
	t.Helper()
	fresh, err := wb.derive(lesson)
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(fresh)) })
	answers, err := wb.answerLines(lesson, fresh)
	require.NoError(t, err)
	return answers
}

// TestHandoutDerivesTheExercise: a handout's exercise is derived afresh from
// the reference, so an edit to the workbook's own exercise/ (a maintainer
// trying an answer, which exgen.sum does not see) never reaches it.
func TestHandoutDerivesTheExercise(t *testing.T) {
	const lesson = "02-tasks"
	wb, err := openWorkbook(root, lesson)
	require.NoError(t, err)
	fresh, err := wb.derive(lesson)
	require.NoError(t, err)
	defer os.RemoveAll(filepath.Dir(fresh))
	// fresh is a whole workbook: edit its exercise as a maintainer might,
	// then hand the lesson out from it.
	edited := filepath.Join(fresh, "lessons", lesson, "exercise", "tasks.go")
	shipped, err := os.ReadFile(edited)
	require.NoError(t, err)
	const edit = "\n// maintainer's try: go func() { t.result <- fn() }()\n"
	require.NoError(t, os.WriteFile(edited, append(slices.Clone(shipped), edit...), 0o644))
	res, err := BuildHandout(HandoutOptions{Lesson: lesson, Root: fresh, Out: filepath.Join(t.TempDir(), "h")})
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(res.Dir, "lessons", lesson, "exercise", "tasks.go"))
	require.NoError(t, err)
	assert.Equal(t, string(shipped), string(got), "the handout's exercise is not the derivation")
	assert.NotContains(t, string(got), "maintainer's try")
}

// answerHits returns the lines of files under dir that are answer lines.
func answerHits(t *testing.T, dir string, answers map[string]bool) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return eachLine(p, func(l string) {
			if answers[l] {
				rel, _ := filepath.Rel(dir, p)
				hits = append(hits, rel+": "+l)
			}
		})
	})
	require.NoError(t, err)
	return hits
}

func runIn(t *testing.T, dir, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = handoutEnv()
	b, err := cmd.CombinedOutput()
	return string(b), err
}

// TestHandoutBadInput: a missing or unknown lesson and an OUT that is not a
// handout are refused with exit code 2 and a message naming them.
func TestHandoutBadInput(t *testing.T) {
	notHandout := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(notHandout, "thesis.tex"), nil, 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"handout", "-root", root}, "say which lesson"},
		{[]string{"handout", "-root", root, "-lesson", "99-nope"}, `no lesson "99-nope"`},
		{[]string{"handout", "-root", root, "-lesson", "02-tasks", "-out", notHandout}, "exists and is not a handout"},
		{[]string{"grade", "-root", root, "-lesson", "02-tasks"}, "no submissions"},
		{[]string{"grade", "-root", root, "-lesson", "02-tasks", "no/such/folder"}, "submission no/such/folder"},
		{[]string{"grade", "-root", root, "-lesson", "02-tasks", "instructor_test.go"}, "is not a folder"},
		{[]string{"grade", "-root", root, "-lesson", "02-tasks", "../instructor", "."}, "two submissions are named instructor"},
		{[]string{"frobnicate"}, "unknown command"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		assert.Equal(t, 2, code, "%v", tc.args)
		assert.Contains(t, stderr.String(), tc.want, "%v", tc.args)
	}
	assert.FileExists(t, filepath.Join(notHandout, "thesis.tex"), "a folder that is not a handout was deleted")
}

// TestGradeFixtures grades the fixture class of each lesson and compares
// the CSV with testdata/instructor/grades-<lesson>.csv.golden: one student
// is correct, one sequential (and ships tests and a Makefile that claim
// success, which must not run), one leaks a goroutine, one races, one does
// not build, one prints in the wrong order; and a seventh hands in the same
// files as the racy one, and is graded once with them.
func TestGradeFixtures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a race binary per fixture (-short skips)")
	}
	for _, lesson := range []string{"02-tasks", "03-fetch-v2"} {
		t.Run(lesson, func(t *testing.T) {
			subs, err := filepath.Glob(filepath.Join(root, "testdata", "instructor", "submissions", lesson, "*"))
			require.NoError(t, err)
			require.Len(t, subs, 6)
			// A seventh student hands in racy's files: graded once, for both.
			racy := filepath.Join(root, "testdata", "instructor", "submissions", lesson, "racy")
			twin := filepath.Join(t.TempDir(), "twin-of-racy")
			require.NoError(t, os.CopyFS(twin, os.DirFS(racy)))
			csvPath := filepath.Join(t.TempDir(), "grades.csv")
			var out, trace bytes.Buffer
			start := time.Now()
			err = Grade(context.Background(), GradeOptions{Lesson: lesson, Root: root, Submissions: append(subs, twin), CSV: csvPath, Jobs: 2, Timeout: time.Minute, Verbose: &trace}, &out)
			require.NoError(t, err, out.String())
			t.Logf("graded %d submissions in %v", len(subs)+1, time.Since(start).Round(time.Millisecond))
			got, err := os.ReadFile(csvPath)
			require.NoError(t, err)
			var fixtures, twins []string
			for _, line := range strings.SplitAfter(string(got), "\n") {
				if rest, ok := strings.CutPrefix(line, "twin-of-racy,"); ok {
					twins = append(twins, "racy,"+rest)
				} else {
					fixtures = append(fixtures, line)
				}
			}
			golden.Assert(t, "instructor", "grades-"+lesson+".csv", []byte(strings.Join(fixtures, "")))
			assert.Equal(t, regexp.MustCompile(`(?m)^racy,.*\n`).FindAllString(string(got), -1), twins, "the twin's grade is not racy's")
			assert.Contains(t, trace.String(), "twin-of-racy: the same files as racy, graded once")
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			assert.Equal(t, csvPath, lines[len(lines)-1], "the CSV's path is the last line")
			assert.Regexp(t, `(?m)^correct\s+\d+ of \d+\s*$`, out.String())
			assert.Regexp(t, `(?m)^not-building\s+0 of \d+\s*$`, out.String())
		})
	}
}
