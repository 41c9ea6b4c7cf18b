// exercise: 5
// want: your test passed on a version that awaits task1 before it creates task2
//
// A wrong proof of the challenge: it checks that both words are printed
// and the exit code, but neither their order nor the time. A run that
// awaits task1 before it creates task2 prints both (hello first) in 3 s
// and passes it; the check must name that broken version (await-first,
// the first of the six: a check that skipped it would not).
package main

import (
	"strings"
	"testing"
	"testing/synctest"
)

func TestTasksTakeTwoSeconds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var stdout, stderr strings.Builder
		code := run(t.Context(), []string{"-mode", "tasks"}, &stdout, &stderr)
		if code != 0 {
			t.Fatalf("exit code %d; stderr:\n%s", code, stderr.String())
		}
		for _, word := range []string{"hello", "world"} {
			if !strings.Contains(stdout.String(), word) {
				t.Errorf("stdout %q lacks %s", stdout.String(), word)
			}
		}
	})
}
