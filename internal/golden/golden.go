// Package golden keeps a lesson's expected output in the workbook's top-level
// testdata/<lesson> folder and checks runs against it.
//
// Three callers share it: a lesson's own tests (Assert, which regenerates the
// files when GOLDIE_UPDATE=1), the exercise checks (Compare, which never
// writes, so an unfinished exercise can not overwrite the reference), and the
// README tests: README keeps every output block shown in a lesson's README
// equal to its golden file, READMECode keeps every Go excerpt equal to the
// lesson's code, READMEPython every Python listing equal to its file under
// the lesson's python/ (PythonOutput checks what such a script prints), and
// READMEDurations every duration the README claims in bold (**2 s**) equal to
// one the lesson's test measured.
//
// When WORKBOOK_OUTPUT_DIR is set, every output checked is also written there
// as <name>.golden; `make diff` uses that to show a unified diff between a
// learner's output and the reference.
package golden

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sebdah/goldie/v2"
	"github.com/stretchr/testify/assert"
)

// Suffix is the extension of every golden file.
const Suffix = ".golden"

// OutputDirEnv names the environment variable that asks for a copy of every
// checked output (see the package documentation).
const OutputDirEnv = "WORKBOOK_OUTPUT_DIR"

// Dir returns the absolute path of testdata/<lesson>, found by walking up from
// the test's working directory. It works from a lesson, from its exercise/
// folder and from internal/, in workspace mode or with GOWORK=off.
func Dir(t testing.TB, lesson string) string {
	t.Helper()
	dir, err := find(lesson)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func find(lesson string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("golden: working directory: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "testdata", lesson)
		if info, err := os.Stat(candidate); err == nil && info.IsDir() {
			return candidate, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("golden: no testdata/%s folder in %s or any parent; run the tests from inside the workbook", lesson, wd)
		}
	}
}

// Path returns the path of the golden file name in testdata/<lesson>.
func Path(t testing.TB, lesson, name string) string {
	t.Helper()
	return filepath.Join(Dir(t, lesson), name+Suffix)
}

// Assert checks got against testdata/<lesson>/<name>.golden with goldie, which
// prints a unified diff on mismatch and rewrites the file when GOLDIE_UPDATE=1.
// Use it in a lesson's reference tests only.
func Assert(t *testing.T, lesson, name string, got []byte) {
	t.Helper()
	keep(t, name, got)
	g := goldie.New(t, goldie.WithFixtureDir(Dir(t, lesson)), goldie.WithNameSuffix(Suffix))
	g.Assert(t, name, got)
}

// Compare checks got against testdata/<lesson>/<name>.golden and reports a
// mismatch as a test error. It never writes the golden file. It returns
// whether the two are equal.
func Compare(t testing.TB, lesson, name string, got []byte) bool {
	t.Helper()
	keep(t, name, got)
	want, err := os.ReadFile(Path(t, lesson, name))
	if err != nil {
		t.Errorf("golden: %v (regenerate the reference with `make golden LESSON=%s`)", err, lesson)
		return false
	}
	return assert.Equal(t, string(want), string(got),
		"output differs from testdata/%s/%s%s (expected = reference, actual = this run)", lesson, name, Suffix)
}

// keep writes a copy of got for `make diff` when WORKBOOK_OUTPUT_DIR is set.
func keep(t testing.TB, name string, got []byte) {
	t.Helper()
	dir := os.Getenv(OutputDirEnv)
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("golden: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+Suffix), got, 0o644); err != nil {
		t.Fatalf("golden: %v", err)
	}
}

// Read returns the contents of testdata/<lesson>/<name> (a fixture or a
// golden file, named with its extension).
func Read(t testing.TB, lesson, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(t, lesson), name))
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("golden: testdata/%s/%s does not exist", lesson, name)
	}
	if err != nil {
		t.Fatalf("golden: %v", err)
	}
	return b
}

// Updating reports whether golden files are being regenerated.
func Updating() bool {
	v := os.Getenv("GOLDIE_UPDATE")
	return v != "" && v != "0" && v != "false"
}

// normalize turns CRLF into LF so a checkout on Windows compares equal.
func normalize(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }
