package main

// Tests added for the mutants of `make mutate` that the other tests missed:
// main's exit codes (0 all done, 1 not yet, 0 for -shipped when every
// exercise fails).

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMainProcess is main itself when the test binary runs as a child of
// TestMainExitCodes.
func TestMainProcess(t *testing.T) {
	if os.Getenv("PROGRESS_RUN_MAIN") == "" {
		t.Skip("run by TestMainExitCodes")
	}
	os.Args = append([]string{"progress"}, strings.Fields(os.Getenv("PROGRESS_RUN_MAIN"))...)
	main()
}

func TestMainExitCodes(t *testing.T) {
	run := func(stdin []byte, args string) (int, string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$")
		cmd.Env = append(os.Environ(), "PROGRESS_RUN_MAIN="+args+" ")
		cmd.Stdin = bytes.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), string(out)
		}
		require.NoError(t, err)
		return 0, string(out)
	}
	solved, err := os.ReadFile("../../../testdata/progress/solved.jsonl")
	require.NoError(t, err)
	shipped, err := os.ReadFile("../../../testdata/progress/shipped.jsonl")
	require.NoError(t, err)

	code, out := run(solved, "")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "5 of 5 exercises done")
	code, out = run(shipped, "")
	assert.Equal(t, 1, code, out)
	code, out = run(shipped, "-shipped")
	assert.Equal(t, 0, code, out)
}
