package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/testmain"
)

// The fixtures in testdata/progress are real `go test -json` streams of
// lesson 02-tasks (see testdata/progress/capture.sh); internal/exercise/report
// tests what the report says about each. These tests are the command's:
// flags, exit codes, the hint file, and the root README's output blocks.

func TestMain(m *testing.M) { testmain.Run(m) }

// progress runs the command on a fixture and returns its exit code, stdout
// and stderr.
func progress(t *testing.T, fixture string, args ...string) (int, string, string) {
	t.Helper()
	var in []byte
	if fixture != "" {
		in = golden.Read(t, "progress", fixture+".jsonl")
	}
	var stdout, stderr bytes.Buffer
	code := run(args, bytes.NewReader(in), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		args    []string
		code    int
	}{
		{"solved", nil, 0},
		{"shipped", nil, 1},
		{"broken", nil, 1},
		{"leak", nil, 1},
		{"", nil, 1}, // no exercises at all: never success
		{"shipped", []string{"-shipped"}, 0},
		{"solved", []string{"-shipped"}, 1},
		{"", []string{"-shipped"}, 1},
		{"solved", []string{"-hint"}, 0},
		{"", []string{"-hint"}, 1},
	} {
		code, out, errOut := progress(t, tc.fixture, tc.args...)
		assert.Equal(t, tc.code, code, "%s %v:\n%s%s", tc.fixture, tc.args, out, errOut)
	}
}

func TestBadUsage(t *testing.T) {
	code, _, errOut := progress(t, "solved", "-nope")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "-nope")
	code, _, errOut = progress(t, "solved", "file.json")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unexpected argument "file.json": it reads go test -json on its standard input`)
}

func TestHintFile(t *testing.T) {
	state := filepath.Join(t.TempDir(), ".workbook", "hints.json")
	code, out, _ := progress(t, "message", "-state", state)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "hint 1 of 2")
	code, out, errOut := progress(t, "message", "-hint", "-state", state)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "hint 2 of 2: CreateTask must return before the work is done")
	b, err := os.ReadFile(state)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"02-tasks/2-tasks-mode"`)

	require.NoError(t, os.WriteFile(state, []byte("[1,2"), 0o644))
	code, _, errOut = progress(t, "message", "-state", state)
	assert.Equal(t, 2, code, "a damaged hint file is a clear error")
	assert.Contains(t, errOut, state)
	assert.Contains(t, errOut, "delete it")
}

func TestHintFileUnwritable(t *testing.T) {
	// The file is written to hints.json.tmp first, then renamed: a folder
	// in the way makes the write fail (even for root, unlike permissions).
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "hints.json.tmp"), 0o755))
	code, _, errOut := progress(t, "message", "-hint", "-state", filepath.Join(dir, "hints.json"))
	assert.Equal(t, 2, code, "a hint count that can not be saved is an error")
	assert.Contains(t, errOut, "saving the hints seen")
}

// TestREADME keeps the output blocks of the workbook's root README equal to
// the reports in testdata/progress.
func TestREADME(t *testing.T) {
	golden.README(t, "../../../README.md", "progress")
}
