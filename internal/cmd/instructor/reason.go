package main

import (
	"strings"

	"goasync.dev/workbook/internal/exercise/report"
)

// The reasons: one line each, naming the student's file:line where the
// output has one. What a failure is (a race, a leak, a deadlock, a panic, a
// check's message, a build error) is read by internal/exercise/report, as
// for make check; a grade keeps the one-line Finding, shortened.

// buildReason returns the first compiler error of a failed build as
// "tasks.go:40: undefined: x".
func buildReason(out string) string {
	f := report.DiagnoseBuild(strings.Split(out, "\n")).Finding
	return oneLine(strings.TrimPrefix(f, "does not build: "))
}

// failReason returns why one exercise's run failed, from its -test.v output.
// A race, a leak, a timeout, a deadlock or a panic outranks the failure
// messages it causes.
func failReason(out string) string {
	lines := strings.Split(out, "\n")
	// Only the exercise's own subtest and what follows it: what the parent
	// test logs first is the list of goals and hints.
	for i, l := range lines {
		if strings.HasPrefix(l, "=== RUN   TestExercises/") {
			lines = lines[i:]
			break
		}
	}
	if f := report.Diagnose(lines, nil).Finding; f != "" {
		return shorten(f)
	}
	if strings.Contains(out, "race detected during execution of test") {
		return "data race"
	}
	return "failed without a message"
}

// shorten cuts a check's message to its finding: "-mode tasks took 3s, want
// 2s: are the two ...?" becomes "-mode tasks took 3s, want 2s".
func shorten(msg string) string {
	if strings.HasSuffix(msg, "?") && !strings.HasPrefix(msg, "timed out") {
		if i := strings.Index(msg, ": "); i > 0 {
			msg = msg[:i]
		}
	}
	if strings.HasSuffix(msg, ")") && !strings.HasPrefix(msg, "leaked goroutine (") && !strings.HasPrefix(msg, "data race (") {
		if i := strings.LastIndex(msg, " ("); i > 0 {
			msg = msg[:i]
		}
	}
	// URLs without their scheme keep a list of them on one short line.
	msg = strings.NewReplacer("https://", "", "http://", "").Replace(msg)
	return oneLine(msg)
}

// oneLine keeps the first line of s, at most 160 characters.
func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}
