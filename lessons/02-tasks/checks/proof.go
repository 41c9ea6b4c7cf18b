package checks

import (
	"bufio"
	"bytes"
	"context"

	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ProofTest is the test the learner writes in exercise/proof_test.go.
const ProofTest = "TestTasksTakeTwoSeconds"

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
	Passed  bool   // it did not fail (a skip passes, as go test says ok)
	Skipped bool   // it called t.Skip
	Output  string // the test's output, or the compiler's
}

// Prove runs the test named ProofTest in testFile against the lesson in
// lessonDir (its code as it is, then as each variant changes it), each in a
// package of its own in a temporary module, all from one test binary (or,
// where that can not be, with one `go test`: see proveInOne). The first
// verdict is the lesson's.
func Prove(ctx context.Context, lessonDir, testFile string) ([]Verdict, error) {
	test, err := os.ReadFile(testFile)
	if err != nil {
		return nil, err
	}
	all, err := ProveAll(ctx, lessonDir, map[string][]byte{"proof_test.go": test}, ProofTest)
	if err != nil {
		return nil, err
	}
	return all[ProofTest], nil
}

// ProveAll runs the tests named in the test files (name: content) against
// the lesson in lessonDir and each variant of it, and returns each test's
// verdicts, the lesson's first.
func ProveAll(ctx context.Context, lessonDir string, tests map[string][]byte, names ...string) (map[string][]Verdict, error) {
	all, _, err := proveAll(ctx, lessonDir, tests, names, true)
	return all, err
}

// proveAll is ProveAll, in one test binary if oneBinary and it can
// (proveInOne), else with go test on each version; inOne says which.
func proveAll(ctx context.Context, lessonDir string, tests map[string][]byte, names []string, oneBinary bool) (all map[string][]Verdict, inOne bool, err error) {
	files, err := LessonFiles(lessonDir)
	if err != nil {
		return nil, false, err
	}
	tmp, err := os.MkdirTemp("", "proof-")
	if err != nil {
		return nil, false, err
	}
	defer os.RemoveAll(tmp)
	modPath, err := writeModule(tmp, lessonDir)
	if err != nil {
		return nil, false, err
	}
	versions := map[string]map[string]string{"lesson": files}
	order := []Verdict{{Version: "lesson"}}
	for _, v := range Variants() {
		changed, err := v.Apply(files)
		if err != nil {
			return nil, false, err
		}
		versions[v.Name] = changed
		order = append(order, Verdict{Version: v.Name, Says: v.Says})
	}
	for name, files := range versions {
		dir := filepath.Join(tmp, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, false, err
		}
		for f, text := range tests {
			files[f] = string(text)
		}
		for f, text := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644); err != nil {
				return nil, false, err
			}
		}
	}
	var versionNames []string
	for _, v := range order {
		versionNames = append(versionNames, v.Version)
	}
	var events []event
	if oneBinary {
		events, inOne, err = proveInOne(ctx, tmp, lessonDir, modPath, versionNames, names)
	}
	if err == nil && !inOne {
		events, err = goTest(ctx, tmp, names)
	}
	if err != nil {
		return nil, false, err
	}
	out := map[string][]Verdict{}
	for _, test := range names {
		verdicts := slices.Clone(order)
		for i := range verdicts {
			verdicts[i].read(events, modPath+"/"+verdicts[i].Version, test)
		}
		out[test] = verdicts
	}
	return out, inOne, nil
}

// read sets v from the events of package pkg: whether the test ran and
// passed, and what it (or the compiler) printed.
func (v *Verdict) read(events []event, pkg, test string) {
	var out strings.Builder
	for _, e := range events {
		switch {
		case e.Action == "build-output" && strings.HasPrefix(e.ImportPath, pkg):
			out.WriteString(e.Output)
		case e.Package != pkg || e.Action != "output":
		case e.Test == test:
			if !strings.HasPrefix(strings.TrimSpace(e.Output), "=== RUN") {
				out.WriteString(e.Output)
			}
		case e.Test == "" && !isSummary(e.Output):
			out.WriteString(e.Output) // a panic outside the test, a missing test
		}
		if e.Package == pkg && e.Test == test {
			switch e.Action {
			case "pass", "fail", "skip": // the test's end
				v.Ran, v.Passed, v.Skipped = true, e.Action != "fail", e.Action == "skip"
			}
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

// writeModule writes into dir a module whose packages stand in for the
// lesson's: its go.mod requires the module that holds lessonDir (the lesson's
// own in the workbook, the handout's in a handout), replaced by its folder,
// and repeats that module's requirements and replacements (relative paths
// made absolute); its go.sum is that module's. Its path is the lesson
// folder's import path plus /proof, so the internal packages may be
// imported. It returns that path.
func writeModule(dir, lessonDir string) (string, error) {
	abs, err := filepath.Abs(lessonDir)
	if err != nil {
		return "", err
	}
	root := abs
	for !exists(filepath.Join(root, "go.mod")) {
		if filepath.Dir(root) == root {
			return "", fmt.Errorf("%s is in no Go module (no go.mod above it)", lessonDir)
		}
		root = filepath.Dir(root)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	var modPath string
	var rest strings.Builder
	for line := range strings.Lines(string(mod)) {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "module":
			modPath = f[1]
		case strings.Contains(line, "=>"):
			from, to, _ := strings.Cut(line, "=>")
			if t := strings.TrimSpace(to); strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../") {
				to = " " + filepath.Join(root, t) + "\n"
			}
			rest.WriteString(from + "=>" + to)
		default:
			rest.WriteString(line)
		}
	}
	if modPath == "" {
		return "", fmt.Errorf("%s/go.mod has no module line", root)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return "", err
	}
	proofPath := path.Join(modPath, filepath.ToSlash(rel), "proof")
	gomod := fmt.Sprintf("module %s\n\n%s\nrequire %s v0.0.0\n\nreplace %s => %s\n", proofPath, rest.String(), modPath, modPath, root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		return "", err
	}
	return proofPath, nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// event is one line of `go test -json` (test2json), build output included.
type event struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string // of a build-output event
}

// goTest runs the tests named in every package of the module in dir.
// -trimpath keeps the temporary folder out of the build cache's keys.
// -vet=off: go vet is no part of the proof (a version "caught" by vet
// would not be caught by the test), and a grade does not vet a student's
// code either.
func goTest(ctx context.Context, dir string, names []string) ([]event, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCommand(), "test", "-trimpath", "-vet=off", "-tags", "exercise", "-count=1", "-json", "-timeout", "2m", "-run", "^("+strings.Join(names, "|")+")$", "./...")
	cmd.Dir = dir
	cmd.Env = proofEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	events := jsonEvents(out)
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

// proofEnv is the environment of the proof's go commands and test
// binaries: the module stands alone; TZ pins the clock lines ("started at
// 00:00:00") that a test may compare.
func proofEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly", "TZ=UTC")
}

// goCommand is the go command of the toolchain that runs the checks.
func goCommand() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// jsonEvents parses the `go test -json` (or test2json) events of out, one a
// line; a line that is not an event (a build error) is skipped.
func jsonEvents(out []byte) []event {
	var events []event
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			events = append(events, e)
		}
	}
	return events
}
