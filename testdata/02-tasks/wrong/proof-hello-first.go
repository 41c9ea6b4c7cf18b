// exercise: 5
// want: your test fails on the lesson itself (lessons/02-tasks), which does take 2 s and print world, then hello
//
// A wrong proof of the challenge: runTasks creates the hello Task first,
// so this proof wants hello printed first. But world's delay is the
// shorter, and the right program prints world, then hello: the proof
// fails on the lesson, and the check must say it is the proof that is
// wrong, with what the lesson does (2 s, world then hello).
package main

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestTasksTakeTwoSeconds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var stdout, stderr strings.Builder
		start := time.Now()
		code := run(t.Context(), []string{"-mode", "tasks"}, &stdout, &stderr)
		took := time.Since(start)
		if code != 0 || took != longDelay*time.Second {
			t.Errorf("exit code %d after %v, want 0 after %v", code, took, longDelay*time.Second)
		}
		if !strings.Contains(stdout.String(), "hello\nworld\n") {
			t.Errorf("-mode tasks printed %q, want hello, then world", stdout.String())
		}
	})
}
