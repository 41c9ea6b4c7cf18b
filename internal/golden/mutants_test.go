package golden

// Tests added for the mutants of `make mutate` that the other tests missed
// (internal/cmd/mutate/README.md).

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFirstLines(t *testing.T) {
	assert.Equal(t, "a\nb\nc\n", firstLines("a\nb\nc\nd\n", 3))
	assert.Equal(t, "a\nb\nc\n", firstLines("a\nb\nc\nd", 3), "a last line without its newline counts")
	assert.Equal(t, "a\nb", firstLines("a\nb", 3), "fewer lines than n: all of them")
}

// TestSpellBounds: each unit starts exactly at one of it; one nanosecond
// less is spelt in the unit below.
func TestSpellBounds(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Minute: "1 min", time.Minute - time.Second: "59 s",
		time.Second: "1 s", time.Second - time.Millisecond: "999 ms",
		time.Millisecond: "1 ms", time.Millisecond - time.Microsecond: "999 µs",
		time.Microsecond: "1 µs", time.Microsecond - 1: "999 ns",
		time.Second - 1: "999.999999 ms", time.Millisecond - 1: "999.999 µs",
	} {
		assert.Equal(t, want, Spell(d, true), "%d ns", int64(d))
	}
}

// TestUpdatePaths runs READMEClaims and READMEPython as `make golden` does
// (GOLDIE_UPDATE=1) on a lesson of their own in a temporary folder, whose
// README and durations already agree: only a Python listing whose file
// changed is rewritten, and there is no error.
func TestUpdatePaths(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "testdata", "tiny"), 0o755))
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	write("testdata/tiny/durations.golden", "slow 2s\n")
	readme := write("README.md", "It takes **2 s**.\n\n<!-- python: p.py -->\n```python\nprint(1)\n```\n<!-- python: q -->\n```python\nold\n```\n")
	write("p.py", "print(1)\n")
	write("q", "new\n") // a one-letter name is a name too
	t.Chdir(dir)
	t.Setenv("GOLDIE_UPDATE", "1")
	require.True(t, Updating())
	READMEClaims(t, readme, "tiny", map[string]time.Duration{"slow": 2 * time.Second})
	READMEPython(t, readme)
	b, err := os.ReadFile(readme)
	require.NoError(t, err)
	assert.Equal(t, "It takes **2 s**.\n\n<!-- python: p.py -->\n```python\nprint(1)\n```\n<!-- python: q -->\n```python\nnew\n```\n", string(b),
		"the listing of q is rewritten from its file, the rest stays")
}

// TestPythonFound: with python3 on PATH and no $PYTHON, Python returns it;
// it does not skip the test (the Python claims would go unproven).
func TestPythonFound(t *testing.T) {
	want, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	t.Setenv("PYTHON", "")
	got := ""
	t.Run("lookup", func(t *testing.T) { got = Python(t) })
	assert.Equal(t, want, got)
}

// TestSpellZero: nothing is 0 ns, not 0 min (zero is a multiple of a
// minute too).
func TestSpellZero(t *testing.T) {
	assert.Equal(t, "0 ns", Spell(0, true))
	assert.Equal(t, "2 min", Spell(2*time.Minute, true))
}

// TestReadDurations reads a lesson's durations.golden by name, and a
// Duration that is not recorded, or a lesson without the file, fails the
// test with what to run.
func TestReadDurations(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "testdata", "tiny"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "testdata", "tiny", "durations.golden"), []byte("fast 400ms\nslow 2s\n"), 0o644))
	t.Chdir(dir)
	got, err := ReadDurations("tiny")
	require.NoError(t, err)
	assert.Equal(t, map[string]time.Duration{"fast": 400 * time.Millisecond, "slow": 2 * time.Second}, got)
	_, err = ReadDurations("none")
	assert.Error(t, err, "a lesson without durations.golden")

	assert.Equal(t, 2*time.Second, Duration(t, "tiny", "slow"))
	assert.True(t, fails(func(t *testing.T) { Duration(t, "tiny", "medium") }), "a name not recorded")
	assert.True(t, fails(func(t *testing.T) { Duration(t, "none", "slow") }), "no durations.golden")
}

// TestPythonOutput runs a stand-in python3 ($PYTHON): its output is
// compared with the golden file; a script that fails fails the test; a
// missing module skips it, unless Python is required (CI), when it fails.
func TestPythonOutput(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "testdata", "tiny"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "testdata", "tiny", "python-hi.golden"), []byte("hi\n"), 0o644))
	python := func(script string) {
		path := filepath.Join(dir, "python3")
		require.NoError(t, os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755))
		t.Setenv("PYTHON", path)
	}
	t.Chdir(dir)
	t.Setenv(PythonRequiredEnv, "")
	run := func() (failed, skipped bool) {
		inner := &testing.T{}
		done := make(chan struct{})
		go func() { defer close(done); PythonOutput(inner, "tiny", "hi") }()
		<-done
		return inner.Failed(), inner.Skipped()
	}
	python("echo hi")
	failed, skipped := run()
	assert.False(t, failed || skipped, "the script printed what the golden file holds")
	python("echo bye")
	failed, _ = run()
	assert.True(t, failed, "the script printed something else")
	python("echo hi; exit 1")
	failed, _ = run()
	assert.True(t, failed, "the script failed")
	python(`echo "ModuleNotFoundError: No module named 'httpx'"; exit 1`)
	failed, skipped = run()
	assert.True(t, skipped && !failed, "a missing module skips")
	t.Setenv(PythonRequiredEnv, "1")
	failed, _ = run()
	assert.True(t, failed, "a missing module fails when Python is required")
}
