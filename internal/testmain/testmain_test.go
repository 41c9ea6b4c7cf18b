package testmain_test

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) {
	if os.Getenv("TESTMAIN_LEAK") == "1" {
		go func() { select {} }() // outlives the tests
	}
	testmain.Run(m)
}

func TestLocalIsUTC(t *testing.T) {
	assert.Equal(t, time.UTC, time.Local)
}

// TestLeakFailsTheBinary runs this binary again with a goroutine that never
// ends: testmain.Run must make it fail, and name the goroutine.
func TestLeakFailsTheBinary(t *testing.T) {
	if os.Getenv("TESTMAIN_LEAK") == "1" {
		t.Skip("the child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLocalIsUTC$")
	cmd.Env = append(os.Environ(), "TESTMAIN_LEAK=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "a leaked goroutine must fail the test binary:\n%s", out)
	assert.Contains(t, string(out), "found unexpected goroutines")
}
