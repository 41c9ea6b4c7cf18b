package main

import (
	"path"
	"regexp"
	"strings"
	"time"
)

// The reasons: one line each, naming the student's file:line where the
// output has one. (internal/cmd/progress reads the same kinds of output for
// a learner; this reads only what a grade needs.)

var (
	// compileRE matches a compiler error: "./tasks.go:40:2: undefined: x".
	compileRE = regexp.MustCompile(`(?m)^(\S+\.go):(\d+)(?::\d+)?: (.*)$`)
	// frameRE matches the file:line line of a stack frame.
	frameRE = regexp.MustCompile(`^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
	// logRE matches a t.Errorf line: "    checks.go:130: message".
	logRE = regexp.MustCompile(`^\s+\S+\.go:\d+: (.*)$`)
	// guideRE matches what internal/exercise logs besides failures: "goal:
	// ...", "hint: ...", "exercise 1-task goal: ...", "hint 1 of 2: ...".
	guideRE = regexp.MustCompile(`^(?:exercise \S+ )?(?:goal|hint)(?: \d+ of \d+)?: `)
)

// buildReason returns the first compiler error of a failed build as
// "tasks.go:40: undefined: x".
func buildReason(out string) string {
	if m := compileRE.FindStringSubmatch(out); m != nil {
		return path.Base(m[1]) + ":" + m[2] + ": " + m[3]
	}
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return oneLine(l)
		}
	}
	return "the go command failed without a message"
}

// failReason returns why one exercise's run failed, from its -test.v output.
// A race, a leak, a timeout, a deadlock or a panic outranks the failure
// messages it causes.
func failReason(out, lesson string, timeout time.Duration) string {
	lines := strings.Split(out, "\n")
	student := studentFrames(lines, lesson)
	at := func(from int, prefix string) string {
		for _, f := range student {
			if f.line >= from {
				return prefix + f.pos
			}
		}
		return ""
	}
	for i, l := range lines {
		switch {
		case strings.Contains(l, "WARNING: DATA RACE"):
			if r := at(i, "data race "); r != "" {
				return r
			}
			return "data race (not in your files: see go test -race)"
		case strings.HasPrefix(l, "panic: test timed out after"):
			return "timed out after " + strings.TrimPrefix(l, "panic: test timed out after ") + ": does something wait forever?"
		case strings.Contains(l, "found unexpected goroutines"),
			strings.Contains(l, "main bubble goroutine has exited but blocked goroutines remain"):
			return leakReason(lines[i:], lesson)
		case strings.Contains(l, "all goroutines in bubble are blocked"),
			strings.Contains(l, "all goroutines are asleep - deadlock"):
			if r := at(i, "deadlock: blocked at "); r != "" {
				return r
			}
			return "deadlock: every goroutine is blocked"
		case strings.HasPrefix(l, "panic: ") && !strings.HasPrefix(l, "panic: deadlock"):
			msg := oneLine(strings.TrimPrefix(l, "panic: "))
			if r := at(i, " at "); r != "" {
				return "panic: " + msg + r
			}
			return "panic: " + msg
		}
	}
	if msg := firstError(lines); msg != "" {
		return msg
	}
	if strings.Contains(out, "race detected during execution of test") {
		return "data race"
	}
	for _, l := range lines {
		if m := logRE.FindStringSubmatch(l); m != nil && guideRE.MatchString(m[1]) {
			continue
		}
		switch l = strings.TrimSpace(l); {
		case l == "", l == "PASS", l == "FAIL", strings.HasPrefix(l, "==="), strings.HasPrefix(l, "---"):
		default:
			return "failed: " + oneLine(l)
		}
	}
	return "failed without a message"
}

// frame is a stack frame in one of the student's files.
type frame struct {
	line int    // index in the output
	pos  string // "tasks.go:63"
}

// studentFrames returns the frames of the output that are in the exercise
// folder's own (non-test) files.
func studentFrames(lines []string, lesson string) []frame {
	var fs []frame
	for i, l := range lines {
		if m := frameRE.FindStringSubmatch(l); m != nil && isStudentFile(m[1], lesson) {
			fs = append(fs, frame{i, path.Base(m[1]) + ":" + m[2]})
		}
	}
	return fs
}

func isStudentFile(file, lesson string) bool {
	return strings.Contains(file, "lessons/"+lesson+"/exercise/") && !strings.HasSuffix(file, "_test.go")
}

// leakReason names where the first leaked goroutine that the student's code
// started was created ("created by" and the frame after it), or else the
// first of its frames in the student's files.
func leakReason(lines []string, lesson string) string {
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "created by ") && i+1 < len(lines) {
			if m := frameRE.FindStringSubmatch(lines[i+1]); m != nil && isStudentFile(m[1], lesson) {
				return "leaked goroutine started at " + path.Base(m[1]) + ":" + m[2]
			}
		}
	}
	if fs := studentFrames(lines, lesson); len(fs) > 0 {
		return "leaked goroutine blocked in " + fs[0].pos
	}
	return "leaked goroutine (none of your files on its stack)"
}

// firstError returns the first failure message of a test: a t.Errorf line,
// or testify's "Messages:" line, without the question that follows ": " and
// the parenthesis at its end.
func firstError(lines []string) string {
	// Only the exercise's own subtest: what the parent test logs is the
	// list of goals and hints.
	for i, l := range lines {
		if strings.HasPrefix(l, "=== RUN   TestExercises/") {
			lines = lines[i:]
			break
		}
	}
	for i, l := range lines {
		m := logRE.FindStringSubmatch(l)
		if m == nil || guideRE.MatchString(m[1]) {
			continue
		}
		msg := strings.TrimSpace(m[1])
		if msg == "" || strings.HasPrefix(msg, "Error Trace:") {
			msg = testifyMessage(lines[i+1:])
		}
		if msg != "" {
			return shorten(msg)
		}
	}
	return ""
}

// testifyMessage returns the Messages (or else the Error) of a testify block.
func testifyMessage(lines []string) string {
	var errLine string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if !strings.Contains(l, "\t") { // testify indents its block with tabs
			break
		}
		if rest, ok := strings.CutPrefix(t, "Messages:"); ok {
			return strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutPrefix(t, "Error:"); ok && errLine == "" {
			errLine = strings.TrimSpace(rest)
		}
	}
	return errLine
}

// shorten cuts a check's message to its finding: "-mode tasks took 3s, want
// 2s: are the two ...?" becomes "-mode tasks took 3s, want 2s".
func shorten(msg string) string {
	if strings.HasSuffix(msg, "?") {
		if i := strings.Index(msg, ": "); i > 0 {
			msg = msg[:i]
		}
	}
	if strings.HasSuffix(msg, ")") {
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
