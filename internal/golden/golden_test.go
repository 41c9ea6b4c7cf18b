package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// testdata/golden/greeting.golden holds "hello\nworld\n".

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestDirIsFoundFromBelow(t *testing.T) {
	dir := Dir(t, "golden")
	assert.True(t, filepath.IsAbs(dir))
	assert.FileExists(t, filepath.Join(dir, "greeting.golden"))
	_, err := find("no-such-lesson")
	assert.ErrorContains(t, err, "no testdata/no-such-lesson folder")
}

func TestGoldenAssert(t *testing.T) {
	Assert(t, "golden", "greeting", []byte("hello\nworld\n"))
}

func TestCompareReportsAndNeverWrites(t *testing.T) {
	assert.True(t, Compare(t, "golden", "greeting", []byte("hello\nworld\n")))

	inner := &testing.T{}
	t.Setenv("GOLDIE_UPDATE", "1") // even then, Compare must not write
	assert.False(t, Compare(inner, "golden", "greeting", []byte("world\nhello\n")))
	assert.Equal(t, "hello\nworld\n", string(Read(t, "golden", "greeting.golden")))
}

func TestOutputDirKeepsACopy(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(OutputDirEnv, dir)
	Compare(t, "golden", "greeting", []byte("hello\nworld\n"))
	got, err := os.ReadFile(filepath.Join(dir, "greeting.golden"))
	require.NoError(t, err)
	assert.Equal(t, "hello\nworld\n", string(got))
}

const readme = "# A lesson\n\nIt prints:\n\n<!-- golden: greeting -->\n```text\nBLOCK```\n\nThe end.\n"

// withBlock returns the README above with block as its output block.
func withBlock(block string) string { return strings.Replace(readme, "BLOCK", block, 1) }

func writeREADME(t *testing.T, block string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "README.md")
	require.NoError(t, os.WriteFile(path, []byte(withBlock(block)), 0o644))
	return path
}

func TestREADMEBlocks(t *testing.T) {
	blocks := Blocks([]byte(withBlock("hello\nworld\n")))
	assert.Equal(t, []Block{{Name: "greeting", Text: "hello\nworld\n"}}, blocks)
}

func TestREADMEMatches(t *testing.T) {
	README(t, writeREADME(t, "hello\nworld\n"), "golden")
}

func TestREADMEStaleBlockFails(t *testing.T) {
	inner := &testing.T{}
	path := writeREADME(t, "hello\nthere\n")
	done := make(chan struct{})
	go func() { defer close(done); README(inner, path, "golden") }()
	<-done
	assert.True(t, inner.Failed(), "a README block that differs from its golden file must fail")
}

func TestREADMEUpdateRewritesBlocks(t *testing.T) {
	t.Setenv("GOLDIE_UPDATE", "1")
	path := writeREADME(t, "stale\n")
	README(t, path, "golden")
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, withBlock("hello\nworld\n"), string(got))
}

func TestREADMEWithoutBlocksFails(t *testing.T) {
	inner := &testing.T{}
	path := filepath.Join(t.TempDir(), "README.md")
	require.NoError(t, os.WriteFile(path, []byte("# nothing to see\n"), 0o644))
	done := make(chan struct{})
	go func() { defer close(done); README(inner, path, "golden") }() // t.Fatal ends the goroutine
	<-done
	assert.True(t, inner.Failed(), "a README with no golden block proves nothing and must fail")
}
