// exercise: 5
// want: your test caught 5 of 6 broken versions
//
// A wrong proof of the challenge: it checks the duration, exactly, and
// nothing else. It catches every broken version but the one that waits
// 2 s and prints nothing; the check must name it and count the versions
// the proof caught: 5 of 6.
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
		run(t.Context(), []string{"-mode", "tasks"}, &stdout, &stderr)
		if took := time.Since(start); took != longDelay*time.Second {
			t.Errorf("-mode tasks took %v, want %v", took, longDelay*time.Second)
		}
	})
}
