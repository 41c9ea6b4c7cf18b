package checks

import (
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
			Check: func(t *testing.T) { checkProof(t, "proof_test.go", "..") },
		},
	}
}

// checkProof runs the learner's proof against the lesson in lessonDir (it
// must pass) and against every variant (it must fail), and names the
// variants it let through.
func checkProof(t *testing.T, testFile, lessonDir string) {
	verdicts, err := Prove(t.Context(), lessonDir, testFile)
	if err != nil {
		t.Fatalf("could not run your test: %v", err)
	}
	lesson := verdicts[0]
	switch {
	case !lesson.Ran && lesson.Output != "":
		t.Fatalf("%s does not compile, or crashed, with the lesson's code:\n%s", testFile, indent(lesson.Output))
	case !lesson.Ran:
		t.Fatalf("%s has no func %s(t *testing.T): write it there (keep the //go:build exercise line)", testFile, ProofTest)
	case !lesson.Passed:
		t.Fatalf("your test fails on the lesson itself (lessons/02-tasks), which does take %s and print world, then hello: a proof must pass on the right program. It said:\n%s", Seconds(duration(Tasks)), indent(lesson.Output))
	}
	caught := 0
	for _, v := range verdicts[1:] {
		if v.Passed {
			t.Errorf("your test passed on a version that %s: it does not prove the claim (checks/variants/%s.txt)", v.Says, v.Version)
		} else {
			caught++
		}
	}
	if caught < len(verdicts)-1 {
		t.Logf("your test caught %d of %d broken versions", caught, len(verdicts)-1)
	}
}

// indent indents every line of s, for a message.
func indent(s string) string {
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}
