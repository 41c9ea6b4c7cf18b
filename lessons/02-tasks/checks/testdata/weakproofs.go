//go:build exercise

// Weak proofs, for checks/proof_test.go, which puts this file into each
// version of the lesson as weak_test.go: each passes on the lesson and fails
// on every broken version but the one it is named for, so each broken
// version is needed to catch some test. (None misses only inline-task: its
// run behaves as await-first's, 3 s and hello first, so a test that catches
// await-first catches it too.)
package main

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// tasksRun runs -mode tasks in a bubble: how long run took, and what it had
// printed by then.
func tasksRun(t *testing.T) (took time.Duration, stdout string) {
	synctest.Test(t, func(t *testing.T) {
		var out, errOut strings.Builder
		start := time.Now()
		run(t.Context(), []string{"-mode", "tasks"}, &out, &errOut)
		took, stdout = time.Since(start), out.String()
	})
	return took, stdout
}

// TestWeakAwaitFirst checks CreateTask alone, and lets the sequential sum
// pass when hello comes first.
func TestWeakAwaitFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		task := CreateTask(func() int { time.Sleep(time.Second); return 1 })
		if time.Since(start) != 0 {
			t.Error("CreateTask waited")
		}
		task.Await()
	})
	took, out := tasksRun(t)
	if took < longDelay*time.Second || !strings.Contains(out, "hello") || !strings.Contains(out, "world") {
		t.Errorf("took %v, printed %q", took, out)
	}
	if strings.Index(out, "world") < strings.Index(out, "hello") && took != longDelay*time.Second {
		t.Errorf("world first, but took %v", took)
	}
}

// TestWeakAwaitOne wants world, and no more than the longer delay.
func TestWeakAwaitOne(t *testing.T) {
	took, out := tasksRun(t)
	if took > longDelay*time.Second || !strings.Contains(out, "world\n") {
		t.Errorf("took %v, printed %q", took, out)
	}
}

// TestWeakNoPrint checks the duration only.
func TestWeakNoPrint(t *testing.T) {
	if took, _ := tasksRun(t); took != longDelay*time.Second {
		t.Errorf("took %v", took)
	}
}

// TestWeakNoWait checks the words only when the run took any time.
func TestWeakNoWait(t *testing.T) {
	took, out := tasksRun(t)
	if took >= (shortDelay+longDelay)*time.Second {
		t.Errorf("took %v", took)
	}
	if took > 0 && !strings.Contains(out, "world\nhello\n") {
		t.Errorf("printed %q", out)
	}
}

// TestWeakSleepThree checks the words only.
func TestWeakSleepThree(t *testing.T) {
	if _, out := tasksRun(t); !strings.Contains(out, "world\nhello\n") {
		t.Errorf("printed %q", out)
	}
}
