package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The status of a mutant once its tests ran.
const (
	Caught   = "caught"   // a test failed (or vet, which `make test` runs too)
	Timeout  = "timeout"  // the tests hung past the timeout: caught
	Survived = "survived" // every test passed: the tests miss this bug
	Invalid  = "invalid"  // the mutant does not compile: not counted
	// Gone is a survivor of an earlier run (-survivors) that is no longer
	// a mutant of the code: its code was changed or removed. Not counted;
	// -tally drops it.
	Gone = "gone"
)

// Runner runs `go test` on a set of packages with one file replaced, through
// `go test -overlay` (given in GOFLAGS), so the tree is never copied nor
// touched.
type Runner struct {
	Root    string        // the directory go test runs in (the workspace root)
	Race    bool          // go test -race
	Timeout time.Duration // per run of the tests (go test -timeout); a hang is Timeout
	Nice    int           // run go test under `nice -n Nice` (0: not)
	TempDir string        // where mutated files and overlays are written
}

// Result is what one run of the tests said.
type Result struct {
	Status   string        `json:"status"`
	Why      string        `json:"why,omitempty"` // the first failure line
	Duration time.Duration `json:"duration_ns"`
}

// Run tests pkgs with the file at path (absolute) replaced by src; src nil
// runs the tests on the tree as it is (the baseline). slot names the
// temporary files, so that concurrent runs use different slots.
func (r *Runner) Run(ctx context.Context, slot int, path string, src []byte, pkgs []string) (Result, error) {
	out, res, err := r.goTest(ctx, slot, path, src, []string{"-failfast"}, pkgs)
	if err != nil || res.Status != "" {
		return res, err
	}
	res.Status, res.Why = classify(out)
	return res, nil
}

// RunShipped runs the exercise checks of the shipped exercise package pkg
// (go test -tags exercise -run '^TestExercises$', as make shipped does, but
// on the exercise/ folder of the tree and without -failfast, so that every
// exercise runs) with the file at path replaced by src, and returns the
// exercises whose check passes (the subtests of TestExercises that pass): a
// check so weak that an unfinished exercise passes it. Its Result has the
// status Timeout when the tests hang.
func (r *Runner) RunShipped(ctx context.Context, slot int, path string, src []byte, pkg string) ([]string, Result, error) {
	flags := []string{"-tags", "exercise", "-json", "-run", "^TestExercises$"}
	out, res, err := r.goTest(ctx, slot, path, src, flags, []string{pkg})
	if err != nil || res.Status == Timeout {
		return nil, res, err
	}
	if strings.Contains(out, "panic: test timed out after") {
		res.Status, res.Why = Timeout, "panic: test timed out"
		return nil, res, nil
	}
	return passedExercises(out), Result{Duration: res.Duration}, nil
}

// passedExercises reads go test -json output and returns the subtests of
// TestExercises that passed, in order.
func passedExercises(out string) []string {
	var passed []string
	for _, line := range strings.Split(out, "\n") {
		var ev struct{ Action, Test string }
		if json.Unmarshal([]byte(line), &ev) == nil && ev.Action == "pass" && strings.HasPrefix(ev.Test, "TestExercises/") {
			passed = append(passed, strings.TrimPrefix(ev.Test, "TestExercises/"))
		}
	}
	return passed
}

// goTest runs go test with flags on pkgs, the file at path replaced by src
// (src nil: the tree as it is), and returns its output. res has a Status
// only when go test did not end by itself: Timeout when it was killed, or
// Survived when it passed; else the caller reads the output.
func (r *Runner) goTest(ctx context.Context, slot int, path string, src []byte, flags, pkgs []string) (string, Result, error) {
	args := []string{"test", "-count=1", "-timeout=" + r.Timeout.String()}
	if r.Race {
		args = append(args, "-race")
	}
	args = append(args, flags...)
	env := testEnv()
	if src != nil {
		overlay, err := r.writeOverlay(slot, path, src)
		if err != nil {
			return "", Result{}, err
		}
		// Through GOFLAGS, not a flag of go test: a test that builds its
		// package's binary (internal/ctrlc) builds the mutant too.
		env = append(env, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -overlay="+overlay))
	}
	args = append(args, pkgs...)
	name := "go"
	if r.Nice != 0 {
		if _, err := exec.LookPath("nice"); err == nil {
			args = append([]string{"-n", strconv.Itoa(r.Nice), "go"}, args...)
			name = "nice"
		}
	}
	// go test -timeout ends a hung test binary; this backstop also bounds
	// the build and a binary that ignores it.
	backstop := r.Timeout + 2*time.Minute
	runCtx, cancel := context.WithTimeout(ctx, backstop)
	defer cancel()
	cmd := exec.CommandContext(runCtx, name, args...)
	cmd.Dir = r.Root
	cmd.Env = env
	setProcessGroup(cmd)
	cmd.WaitDelay = 10 * time.Second // a grandchild holding the output open
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	res := Result{Duration: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil: // interrupted: no verdict
		return "", res, ctx.Err()
	case runCtx.Err() != nil:
		res.Status, res.Why = Timeout, "killed after "+backstop.String()
	case err == nil:
		res.Status = Survived
	case !errors.As(err, &exit):
		return "", res, fmt.Errorf("go test: %v", err)
	}
	return out.String(), res, nil
}

// writeOverlay writes src and an overlay file mapping path to it, and
// returns the overlay's path.
func (r *Runner) writeOverlay(slot int, path string, src []byte) (string, error) {
	dir := filepath.Join(r.TempDir, "slot"+strconv.Itoa(slot))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	mutated := filepath.Join(dir, filepath.Base(path))
	if err := os.WriteFile(mutated, src, 0o644); err != nil {
		return "", err
	}
	js, err := json.Marshal(map[string]map[string]string{"Replace": {path: mutated}})
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(dir, "overlay.json")
	return overlay, os.WriteFile(overlay, js, 0o644)
}

// testEnv is the environment `make test` gives the tests (the Makefile
// exports TZ and GORACE), unless the caller set them.
func testEnv() []string {
	env := os.Environ()
	for _, kv := range []string{"TZ=UTC", "GORACE=atexit_sleep_ms=0"} {
		if _, set := os.LookupEnv(strings.Split(kv, "=")[0]); !set {
			env = append(env, kv)
		}
	}
	return env
}

var (
	failLineRE = regexp.MustCompile(`(?m)^\s*--- FAIL: .*$|^panic: .*$|^FAIL\s+\S+.*$`)
	vetRE      = regexp.MustCompile(`(?m)^# \[`) // go test's vet output: "# [pkg]"
	// go test's own summary line, at the start of a line: a test's output
	// (a golden diff, say) may quote such a line, indented.
	buildFailedRE = regexp.MustCompile(`(?m)^FAIL\s+\S+ \[(build|setup) failed\]$`)
)

// classify reads the output of a failed `go test`: a build failure is
// Invalid, unless the failing step was vet; a test that timed out is
// Timeout; anything else is Caught.
func classify(out string) (status, why string) {
	first := strings.TrimSpace(failLineRE.FindString(out))
	switch {
	case strings.Contains(out, "panic: test timed out after"):
		return Timeout, "panic: test timed out"
	case vetRE.MatchString(out):
		return Caught, "go vet: " + firstLineAfter(out, "# [")
	case buildFailedRE.MatchString(out):
		return Invalid, firstLineAfter(out, "# ")
	}
	return Caught, first
}

// firstLineAfter is the line that follows the first line starting with
// prefix, trimmed.
func firstLineAfter(out, prefix string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) && i+1 < len(lines) {
			return strings.TrimSpace(lines[i+1])
		}
	}
	return ""
}
