package checks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"goasync.dev/workbook/internal/exercise"
)

// Challenges returns the lesson's challenges. They come after the
// exercises, and run in the exercise folder: the write-the-test challenge
// reads the learner's proof_test.go there, and the lesson's code in "..".
func Challenges() []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "challenge-proof",
			Goal: "challenge: write TestTasksTakeTwoSeconds in exercise/proof_test.go, a testing/synctest test that passes on this lesson and fails on every broken version of it",
			Hints: []string{
				"run your test with -v and read what it logs; then ask: which wrong versions of runTasks would log something different, and which would log the same?",
				"a broken version can be too slow, too fast (returning before the work is done) or right on time without doing the work: check the duration exactly, and check the words printed by the time run returns",
				"after run returns: `if took != longDelay*time.Second { t.Errorf(...) }` (the longer delay of tasks.go) and `if !strings.Contains(stdout.String(), \"world\\nhello\\n\") { t.Errorf(...) }`, and the exit code is 0",
			},
			Check: func(t *testing.T) { checkProof(t, "proof_test.go") },
		},
	}
}

// checkProof runs the learner's proof against the lesson (it must pass)
// and against every variant of it (it must fail), and names the variants it
// let through. The lesson is the reference in "..", where there is one (the
// workbook, a handout with the solution); else (a handout, a grade) it is
// the learner's own code in ".", once exercises 1-4 pass on it.
func checkProof(t *testing.T, testFile string) {
	lessonDir, own := "..", false
	if _, err := os.Stat(filepath.Join("..", "tasks.go")); err != nil {
		lessonDir, own = ".", true
		if notDone := priorNotDone(t); len(notDone) > 0 {
			exercise.Hint(t, "make check names the first exercise not done, and its hint")
			t.Fatalf("finish exercises 1-%d first: your test is checked against your own tasks.go and broken versions of it (not done yet: %s)", len(Exercises(nil, nil)), strings.Join(notDone, ", "))
		}
	}
	verdicts, err := Prove(t.Context(), lessonDir, testFile)
	if err != nil {
		t.Fatalf("could not run your test: %v", err)
	}
	lesson := verdicts[0]
	the := "the lesson itself (lessons/02-tasks)"
	if own {
		the = "your own tasks.go, which passes exercises 1-4"
	}
	switch {
	case !lesson.Ran && lesson.Output != "":
		t.Fatalf("%s does not compile, or crashed, with the lesson's code:\n%s", testFile, indent(lesson.Output))
	case !lesson.Ran:
		t.Fatalf("%s has no func %s(t *testing.T): write it there (keep the //go:build exercise line)", testFile, ProofTest)
	case lesson.Skipped:
		t.Fatalf("your test skips (t.Skip) on %s: a proof must run there, and pass. It said:\n%s", the, indent(lesson.Output))
	case !lesson.Passed:
		t.Fatalf("your test fails on %s, which does take %s and print world, then hello: a proof must pass on the right program. It said:\n%s", the, Seconds(duration(Tasks)), indent(lesson.Output))
	}
	caught := 0
	for _, v := range verdicts[1:] {
		if v.Passed {
			t.Errorf("your test passed on a version that %s: it does not prove the claim (broken version %s)", v.Says, v.Version)
		} else {
			caught++
		}
	}
	t.Logf("your test caught %d of %d broken versions", caught, len(verdicts)-1)
}

// priorNotDone runs exercises 1-4 in a test binary of their own (this one,
// run again: the challenge may run alone, as a grade runs it) and returns
// the ones that did not pass. Each is judged by its own PASS line: a
// goroutine that outlives them all (goleak fails the binary after them)
// can only come from outside their synctest bubbles, where every check
// runs, and the run of all the exercises reports it.
func priorNotDone(t *testing.T) []string {
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("could not find the test binary to run exercises 1-4: %v", err)
	}
	var ids []string
	for i, ex := range Exercises(nil, nil) {
		ids = append(ids, exercise.ID(i, ex))
	}
	cmd := exec.CommandContext(t.Context(), exe, "-test.run", "^TestExercises$/^("+strings.Join(ids, "|")+")$", "-test.v", "-test.count=1", "-test.timeout", "2m")
	out, _ := cmd.CombinedOutput() // fails when one fails: the PASS lines say which
	var notDone []string
	for _, id := range ids {
		if !strings.Contains(string(out), "--- PASS: TestExercises/"+id+" ") {
			notDone = append(notDone, id)
		}
	}
	return notDone
}

// indent indents every line of s, for a message.
func indent(s string) string {
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}
