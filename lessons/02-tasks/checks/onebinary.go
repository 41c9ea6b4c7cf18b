package checks

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// versionFlag chooses, in the binary of proveInOne, the version of the
// lesson whose tests run.
const versionFlag = "proof.version"

// proveInOne runs the tests named in every version of the lesson from one
// test binary, in place of a test binary per version: seven links become
// one (a proof of a learner's tasks.go took about 1.3 s of CPU in place of
// 2.2 s, measured with BenchmarkGrade's class in internal/cmd/instructor).
// Each version, a package main in the folder tmp/<version> of the module
// ProveAll wrote, is copied into a module of its own in tmp/one as package
// v<i>, its test files made ordinary files (a //line directive keeps their
// names in what the tests print); a driver package's test of each name
// calls that test of the version -proof.version names. The binary then
// runs once per version, in the version's folder as go test would run it,
// with test2json making the same events as `go test -json`, the package
// named as go test names it. A broken version that does not compile fails
// as it does in go test, and the binary is built without it.
//
// ok is false, with no error, when this can not stand for go test: a test
// file has a TestMain (a binary has one), the lesson or the driver does not
// compile (a test missing, a compile error: go test says it best), or a run
// did not report every test (a crash before the tests ran, in an init).
// ProveAll then runs go test on each version.
func proveInOne(ctx context.Context, tmp, lessonDir, modPath string, versions []string, names []string) (events []event, ok bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	one := filepath.Join(tmp, "one")
	if err := os.Mkdir(one, 0o755); err != nil {
		return nil, false, err
	}
	// tmp/one has a go.mod of its own, so it is not part of the module of
	// the versions (go test ./... there does not see it).
	onePath, err := writeModule(one, lessonDir)
	if err != nil {
		return nil, false, err
	}
	for i, v := range versions {
		done, err := copyAsPackage(filepath.Join(tmp, v), filepath.Join(one, fmt.Sprintf("v%d", i)), fmt.Sprintf("v%d", i))
		if err != nil || !done {
			return nil, false, err
		}
	}
	// A broken version that does not compile fails, as in go test: the
	// driver is built again without it. The lesson must compile.
	failed := map[int]string{}
	bin := filepath.Join(tmp, "proof.test")
	for {
		out, err := buildDriver(ctx, one, onePath, bin, versions, names, failed)
		if err != nil {
			return nil, false, err
		}
		if out == "" {
			break
		}
		more := failedVersions(out, onePath, len(versions))
		_, lesson := more[0]
		if len(more) == 0 || lesson || strings.TrimSpace(more[-1]) != "" {
			return nil, false, nil // go test on each version says what is wrong
		}
		delete(more, -1)
		if len(more) == 0 {
			return nil, false, nil
		}
		for i, text := range more {
			if _, again := failed[i]; again {
				return nil, false, nil
			}
			failed[i] = text
		}
	}
	test2json, err := test2jsonCommand(ctx)
	if err != nil {
		return nil, false, err
	}
	// The versions run at the same time, as go test runs packages, each
	// into its own slot.
	runs := make([][]event, len(versions))
	errs := make([]error, len(versions))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, v := range versions {
		if _, ok := failed[i]; ok {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			runs[i], errs[i] = runJSON(ctx, test2json, filepath.Join(tmp, v), modPath+"/"+v, bin, "-test.run", "^("+strings.Join(names, "|")+")$", "-test.count=1", "-test.timeout=2m", "-test.paniconexit0", "-"+versionFlag+"="+v)
		})
	}
	wg.Wait()
	for i, v := range versions {
		pkg := modPath + "/" + v
		if text, ok := failed[i]; ok {
			events = append(events, event{Action: "build-output", ImportPath: pkg + " [" + pkg + ".test]", Output: text})
			continue
		}
		if errs[i] != nil {
			return nil, false, errs[i]
		}
		for _, name := range names {
			if !reported(runs[i], pkg, name) {
				return nil, false, nil
			}
		}
		events = append(events, runs[i]...)
	}
	return events, true, nil
}

// test2jsonCommand returns the command of the go tool test2json (built
// once, then kept in the build cache): running it directly spares a go
// command per version.
func test2jsonCommand(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, goCommand(), "tool", "-n", "test2json")
	cmd.Env = proofEnv()
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool -n test2json: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// buildDriver writes the driver, without the versions that failed, and
// builds the test binary bin from it. out is the go command's output if the
// build failed, else empty.
func buildDriver(ctx context.Context, one, onePath, bin string, versions, names []string, failed map[int]string) (out string, err error) {
	if err := writeDriver(filepath.Join(one, "driver"), onePath, versions, names, failed); err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, goCommand(), "test", "-c", "-o", bin, "-trimpath", "-vet=off", "-tags", "exercise", "./driver")
	cmd.Dir = one
	cmd.Env = proofEnv()
	b, err := cmd.CombinedOutput()
	switch {
	case ctx.Err() != nil:
		return "", fmt.Errorf("go test -c of the proof: %w", ctx.Err())
	case err != nil && len(b) == 0:
		return "", fmt.Errorf("go test -c of the proof: %w", err)
	case err != nil:
		return string(b), nil
	}
	return "", nil
}

// failedVersions reads the output of a failed build: the compiler's
// errors under each "# <onePath>/v<i>" heading, by version index. What
// is under another heading, or under none, has the index -1.
func failedVersions(out, onePath string, n int) map[int]string {
	failed := map[int]string{}
	i := -1
	for line := range strings.Lines(out) {
		if pkg, ok := strings.CutPrefix(line, "# "); ok {
			i = -1
			pkg, _, _ = strings.Cut(strings.TrimSpace(pkg), " ")
			if v, ok := strings.CutPrefix(pkg, onePath+"/v"); ok {
				if k, err := strconv.Atoi(v); err == nil && k >= 0 && k < n {
					i = k
				}
			}
		}
		failed[i] += line
	}
	return failed
}

// copyAsPackage copies the .go files of the package main in src to dst as
// package name, test files as ordinary files. done is false if a test file
// declares TestMain.
func copyAsPackage(src, dst, name string) (done bool, err error) {
	if err := os.Mkdir(dst, 0o755); err != nil {
		return false, err
	}
	paths, err := filepath.Glob(filepath.Join(src, "*.go"))
	if err != nil {
		return false, err
	}
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			return false, err
		}
		base := filepath.Base(p)
		f, err := parser.ParseFile(token.NewFileSet(), base, text, parser.SkipObjectResolution)
		if err != nil || f.Name.Name != "main" {
			return false, nil // go test says what is wrong
		}
		if hasTestMain(f) {
			return false, nil
		}
		off := int(f.Name.Pos()) - 1 // the file's base is 1
		renamed := string(text[:off]) + name + string(text[off+len("main"):])
		out := base
		if strings.HasSuffix(base, "_test.go") {
			out = strings.TrimSuffix(base, "_test.go") + "_ptest.go"
			renamed = "//line " + base + ":1\n" + renamed
		}
		if err := os.WriteFile(filepath.Join(dst, out), []byte(renamed), 0o644); err != nil {
			return false, err
		}
	}
	return true, nil
}

// hasTestMain reports whether f declares func TestMain.
func hasTestMain(f *ast.File) bool {
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "TestMain" {
			return true
		}
	}
	return false
}

// writeDriver writes the driver package: a test of each name that runs the
// version -proof.version names, of the versions but those failed.
func writeDriver(dir, onePath string, versions, names []string, failed map[int]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("//go:build exercise\n\npackage driver\n\nimport (\n\t\"flag\"\n\t\"testing\"\n\n")
	for i := range versions {
		if _, ok := failed[i]; !ok {
			fmt.Fprintf(&b, "\tv%d %q\n", i, fmt.Sprintf("%s/v%d", onePath, i))
		}
	}
	fmt.Fprintf(&b, ")\n\nvar version = flag.String(%q, \"\", \"the version of the lesson to test\")\n", versionFlag)
	for _, name := range names {
		fmt.Fprintf(&b, "\nfunc %s(t *testing.T) {\n\tswitch *version {\n", name)
		for i, v := range versions {
			if _, ok := failed[i]; !ok {
				fmt.Fprintf(&b, "\tcase %q:\n\t\tv%d.%s(t)\n", v, i, name)
			}
		}
		b.WriteString("\tdefault:\n\t\tt.Fatalf(\"no version %q of the lesson\", *version)\n\t}\n}\n")
	}
	return os.WriteFile(filepath.Join(dir, "driver_test.go"), []byte(b.String()), 0o644)
}

// runJSON runs the test binary bin with args in dir under the command
// test2json, which names the package pkg, and returns its events.
func runJSON(ctx context.Context, test2json, dir, pkg, bin string, args ...string) ([]event, error) {
	cmd := exec.CommandContext(ctx, test2json, append([]string{"-p", pkg, bin, "-test.v=test2json"}, args...)...)
	cmd.Dir = dir
	cmd.Env = proofEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	events := jsonEvents(out)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("the proof's test binary: %w", ctx.Err())
	}
	return events, nil
}

// reported reports whether the events of pkg say how test ended (passed,
// failed or skipped), as Verdict.read reads them.
func reported(events []event, pkg, test string) bool {
	var v Verdict
	v.read(events, pkg, test)
	return v.Ran
}
