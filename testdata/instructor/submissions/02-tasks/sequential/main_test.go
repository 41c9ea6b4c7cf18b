package main

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestExercises passes whatever the code does: the grader must never run a
// student's tests.
func TestExercises(t *testing.T) {}
