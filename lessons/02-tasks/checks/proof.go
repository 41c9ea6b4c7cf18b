package checks

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// ProofTest is the test the learner writes in exercise/proof_test.go.
const ProofTest = "TestTasksTakeTwoSeconds"

// variantFiles are the broken versions of the lesson that a proof must catch.
//
//go:embed variants/*.txt
var variantFiles embed.FS

// Variant is a broken version of the lesson: a few lines of its code
// replaced. A variant file reads
//
//	says: what the version does wrong, as the learner is told it
//	--- tasks.go
//	lines of the lesson to replace (found exactly once)
//	+++
//	what replaces them
//
// with as many ---/+++ pairs as it needs.
type Variant struct {
	Name  string // the file's name without .txt: "await-first"
	Says  string // "awaits task1 before it creates task2, ..."
	Edits []Edit
}

// Edit replaces Old, found exactly once in File, with New.
type Edit struct {
	File, Old, New string
}

// Variants returns the broken versions, by name.
func Variants() ([]Variant, error) {
	paths, err := fs.Glob(variantFiles, "variants/*.txt")
	if err != nil {
		return nil, err
	}
	var out []Variant
	for _, p := range paths {
		b, err := variantFiles.ReadFile(p)
		if err != nil {
			return nil, err
		}
		v, err := parseVariant(strings.TrimSuffix(path.Base(p), ".txt"), string(b))
		if err != nil {
			return nil, fmt.Errorf("checks/%s: %w", p, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// parseVariant reads the format Variant describes.
func parseVariant(name, text string) (Variant, error) {
	v := Variant{Name: name}
	var block *[]string // the lines being collected: an edit's Old or New
	var old, new []string
	flush := func() {
		if len(v.Edits) > 0 {
			e := &v.Edits[len(v.Edits)-1]
			e.Old, e.New = strings.Join(old, "\n")+"\n", strings.Join(new, "\n")+"\n"
		}
		old, new = nil, nil
	}
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "says: ") && len(v.Edits) == 0:
			v.Says = strings.TrimPrefix(line, "says: ")
		case strings.HasPrefix(line, "--- "):
			flush()
			v.Edits = append(v.Edits, Edit{File: strings.TrimPrefix(line, "--- ")})
			block = &old
		case line == "+++" && block == &old:
			block = &new
		case block != nil:
			*block = append(*block, line)
		case strings.TrimSpace(line) != "":
			return v, fmt.Errorf("line %q: expected says:, --- FILE or +++", line)
		}
	}
	flush()
	switch {
	case v.Says == "":
		return v, errors.New("no says: line")
	case len(v.Edits) == 0:
		return v, errors.New("no --- FILE edit")
	}
	for _, e := range v.Edits {
		if strings.TrimSpace(e.Old) == "" {
			return v, fmt.Errorf("an edit of %s replaces nothing", e.File)
		}
	}
	return v, nil
}

// Apply returns the lesson's files with v's edits made. It fails if a
// line to replace is not in the lesson exactly once: the variant has gone
// stale.
func (v Variant) Apply(files map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for name, text := range files {
		out[name] = text
	}
	for _, e := range v.Edits {
		text, ok := out[e.File]
		if !ok {
			return nil, fmt.Errorf("variant %s edits %s, which the lesson does not have", v.Name, e.File)
		}
		if n := strings.Count(text, e.Old); n != 1 {
			return nil, fmt.Errorf("variant %s: the lines to replace are in %s %d times, want once; update checks/variants/%s.txt:\n%s", v.Name, e.File, n, v.Name, e.Old)
		}
		out[e.File] = strings.Replace(text, e.Old, e.New, 1)
	}
	return out, nil
}

// LessonFiles reads the lesson's code: every .go file of dir that is not a
// test.
func LessonFiles(dir string) (map[string]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	files := map[string]string{}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(p)] = string(b)
	}
	if _, ok := files["tasks.go"]; !ok {
		return nil, fmt.Errorf("%s has no tasks.go: is it lesson 02-tasks?", dir)
	}
	return files, nil
}

// Verdict is how a proof fared on one version of the lesson.
type Verdict struct {
	Version string // "lesson", or a variant's name
	Says    string // what the variant does wrong ("" for the lesson)
	Ran     bool   // the test ran (it compiled and exists)
	Passed  bool
	Output  string // the test's output, or the compiler's
}

// Prove runs the test named ProofTest in testFile against the lesson in
// lessonDir (its code as it is, then as each variant changes it), each in a
// package of its own in a temporary module, with one `go test`. The first
// verdict is the lesson's.
func Prove(ctx context.Context, lessonDir, testFile string) ([]Verdict, error) {
	test, err := os.ReadFile(testFile)
	if err != nil {
		return nil, err
	}
	files, err := LessonFiles(lessonDir)
	if err != nil {
		return nil, err
	}
	variants, err := Variants()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "proof-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	modPath, err := writeModule(tmp, lessonDir)
	if err != nil {
		return nil, err
	}
	verdicts := []Verdict{{Version: "lesson"}}
	versions := map[string]map[string]string{"lesson": files}
	for _, v := range variants {
		changed, err := v.Apply(files)
		if err != nil {
			return nil, err
		}
		versions[v.Name] = changed
		verdicts = append(verdicts, Verdict{Version: v.Name, Says: v.Says})
	}
	for name, files := range versions {
		dir := filepath.Join(tmp, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, err
		}
		files["proof_test.go"] = string(test)
		for f, text := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644); err != nil {
				return nil, err
			}
		}
	}
	events, err := goTest(ctx, tmp)
	if err != nil {
		return nil, err
	}
	for i := range verdicts {
		verdicts[i].read(events, modPath+"/"+verdicts[i].Version)
	}
	return verdicts, nil
}

// read sets v from the events of package pkg: whether the proof ran and
// passed, and what it (or the compiler) printed.
func (v *Verdict) read(events []event, pkg string) {
	var out strings.Builder
	for _, e := range events {
		switch {
		case e.Action == "build-output" && strings.HasPrefix(e.ImportPath, pkg):
			out.WriteString(e.Output)
		case e.Package != pkg || e.Action != "output":
		case e.Test == ProofTest:
			if !strings.HasPrefix(strings.TrimSpace(e.Output), "=== RUN") {
				out.WriteString(e.Output)
			}
		case e.Test == "" && !isSummary(e.Output):
			out.WriteString(e.Output) // a panic outside the test, a missing test
		}
		if e.Package == pkg && e.Test == ProofTest && (e.Action == "pass" || e.Action == "fail") {
			v.Ran, v.Passed = true, e.Action == "pass"
		}
	}
	v.Output = strings.TrimSpace(out.String())
}

// isSummary reports whether a package's output line is go test's summary.
func isSummary(line string) bool {
	for _, p := range []string{"ok ", "ok\t", "PASS", "FAIL", "testing: warning: no tests to run"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// writeModule writes go.mod and go.sum of the lesson into dir, with the
// internal module's path made absolute, and returns the module path.
func writeModule(dir, lessonDir string) (string, error) {
	mod, err := os.ReadFile(filepath.Join(lessonDir, "go.mod"))
	if err != nil {
		return "", err
	}
	internal, err := filepath.Abs(filepath.Join(lessonDir, "..", "..", "internal"))
	if err != nil {
		return "", err
	}
	const rel = "=> ../../internal"
	if !bytes.Contains(mod, []byte(rel)) {
		return "", fmt.Errorf("%s/go.mod has no %q: how does it find the internal module?", lessonDir, rel)
	}
	mod = bytes.ReplaceAll(mod, []byte(rel), []byte("=> "+internal))
	sum, err := os.ReadFile(filepath.Join(lessonDir, "go.sum"))
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), mod, 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		return "", err
	}
	first, _, _ := bytes.Cut(mod, []byte("\n"))
	modPath, ok := strings.CutPrefix(string(first), "module ")
	if !ok {
		return "", fmt.Errorf("%s/go.mod does not start with its module line", lessonDir)
	}
	return strings.TrimSpace(modPath), nil
}

// event is one line of `go test -json` (test2json), build output included.
type event struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string // of a build-output event
}

// goTest runs the proof test in every package of the module in dir.
func goTest(ctx context.Context, dir string) ([]event, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCommand(), "test", "-tags", "exercise", "-count=1", "-json", "-timeout", "2m", "-run", "^"+ProofTest+"$", "./...")
	cmd.Dir = dir
	// The module stands alone, with the lesson's go.sum; TZ pins the clock
	// lines ("started at 00:00:00") that a test may compare.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly", "TZ=UTC")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var events []event
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			events = append(events, e)
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && len(events) > 0:
		// A test failed, or a package did not build: the events say which.
	default:
		return nil, fmt.Errorf("go test of the proof did not run (%v): %s", err, strings.TrimSpace(stderr.String()))
	}
	return events, nil
}

// goCommand is the go command of the toolchain that runs the checks.
func goCommand() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}
