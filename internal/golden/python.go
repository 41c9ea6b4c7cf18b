package golden

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pythonBlockRE matches a Python listing of a README, with the marker that may
// precede it:
//
//	<!-- python: python/say_after.py -->
//	```python
//	...
//	```
var pythonBlockRE = regexp.MustCompile("(?s)(<!-- python: ([A-Za-z0-9._/-]+) -->\n)?```python\n(.*?)```\n")

// READMEPython checks that every ```python listing of the README at path is
// marked `<!-- python: FILE -->` and equals FILE (relative to the README's
// folder), so that every Python program a learner reads is one they can run.
// The .py file is the source: with GOLDIE_UPDATE=1 (`make golden`) each
// marked listing is first rewritten from its file, so that an instructor who
// changed a delay in the .py file sees it in the README too. It fails when the
// README has no Python listing, because then it proves nothing.
func READMEPython(t *testing.T, path string) {
	t.Helper()
	if Updating() {
		if err := rewritePython(path); err != nil {
			t.Error(err)
		}
	}
	for _, problem := range pythonProblems(path) {
		t.Error(problem)
	}
}

// pythonProblems returns what READMEPython reports, one message each.
func pythonProblems(path string) []string {
	readme, err := os.ReadFile(path)
	if err != nil {
		return []string{fmt.Sprintf("golden: %v", err)}
	}
	blocks := pythonBlockRE.FindAllSubmatch(normalize(readme), -1)
	if len(blocks) == 0 {
		return []string{fmt.Sprintf("golden: %s has no ```python listing", path)}
	}
	var problems []string
	for _, m := range blocks {
		file, listing := string(m[2]), string(m[3])
		if file == "" {
			problems = append(problems, fmt.Sprintf("%s: this Python listing has no <!-- python: FILE --> marker above it, so nothing runs it:\n%s", path, firstLines(listing, 3)))
			continue
		}
		src, err := os.ReadFile(filepath.Join(filepath.Dir(path), file))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: the listing marked %q: %v", path, file, err))
			continue
		}
		if want := string(normalize(src)); listing != want {
			problems = append(problems, fmt.Sprintf("%s: the listing marked %q is not the file; copy the file into the README\n--- README\n%s--- %s\n%s",
				path, file, listing, file, want))
		}
	}
	return problems
}

// rewritePython rewrites every marked Python listing of the README at path
// from its file; a file that can not be read leaves its listing alone (then
// pythonProblems reports it).
func rewritePython(path string) error {
	readme, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("golden: %w", err)
	}
	readme = normalize(readme)
	out := pythonBlockRE.ReplaceAllFunc(readme, func(block []byte) []byte {
		m := pythonBlockRE.FindSubmatch(block)
		file := string(m[2])
		if file == "" {
			return block
		}
		src, err := os.ReadFile(filepath.Join(filepath.Dir(path), file))
		if err != nil {
			return block
		}
		return fmt.Appendf(nil, "%s```python\n%s```\n", m[1], normalize(src))
	})
	if bytes.Equal(out, readme) {
		return nil
	}
	return os.WriteFile(path, out, 0o644)
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "")
}

// PythonOutput runs `python3 python/NAME.py` from the test's folder (the
// lesson's) and checks what it prints, stdout and stderr, against
// testdata/<lesson>/python-NAME.golden, so a README block
// `<!-- golden: python-NAME -->` shows what the script really printed. The
// script must not need the internet, nor take more than a second or so. A
// script that imports a module this machine lacks (httpx) is skipped with
// the command that installs it, as is a machine without python3. $PYTHON,
// if set, names the python3 to use.
func PythonOutput(t *testing.T, lesson, name string) {
	t.Helper()
	python := Python(t)
	out, err := exec.Command(python, "-X", "utf8", filepath.Join("python", name+".py")).CombinedOutput()
	if m := missingModuleRE.FindSubmatch(out); m != nil {
		skip(t, fmt.Sprintf("python/%s.py needs the Python module %s (apt-get install python3-%s, then PYTHON=/usr/bin/python3)", name, m[1], m[1]))
	}
	if err != nil {
		t.Fatalf("%s python/%s.py: %v\n%s", python, name, err, out)
	}
	Assert(t, lesson, "python-"+name, normalize(out))
}

// PythonRequiredEnv names the environment variable that turns a missing
// python3, or a missing Python module, from a skipped test into a failed
// one. CI sets it (.ci/run), so the Python claims are proven there.
const PythonRequiredEnv = "WORKBOOK_PYTHON_REQUIRED"

// Python returns the python3 to run the lessons' scripts with: $PYTHON if
// set, else python3 from PATH. Without one the test is skipped, or fails
// when PythonRequiredEnv is set.
func Python(t *testing.T) string {
	t.Helper()
	if python := os.Getenv("PYTHON"); python != "" {
		return python
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		skip(t, "python3 is not installed, so the lesson's Python scripts were not run")
	}
	return python
}

// skip skips the test with why, or fails it when PythonRequiredEnv is set.
func skip(t *testing.T, why string) {
	t.Helper()
	if os.Getenv(PythonRequiredEnv) != "" {
		t.Fatalf("%s (%s is set: Python is required here)", why, PythonRequiredEnv)
	}
	t.Skip(why)
}

// missingModuleRE matches Python's error for a module that is not installed.
var missingModuleRE = regexp.MustCompile(`ModuleNotFoundError: No module named '([A-Za-z0-9_]+)'`)
