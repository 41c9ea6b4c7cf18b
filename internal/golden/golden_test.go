package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

// testdata/golden/greeting.golden holds "hello\nworld\n".

func TestMain(m *testing.M) { testmain.Run(m) }

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
	for name, check := range map[string]func(t *testing.T){
		"Compare": func(t *testing.T) { Compare(t, "golden", "greeting", []byte("hello\nworld\n")) },
		"Assert":  func(t *testing.T) { Assert(t, "golden", "greeting", []byte("hello\nworld\n")) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv(OutputDirEnv, dir)
			check(t)
			got, err := os.ReadFile(filepath.Join(dir, "greeting.golden"))
			require.NoError(t, err)
			assert.Equal(t, "hello\nworld\n", string(got))
		})
	}
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
	crlf := strings.ReplaceAll(withBlock("hello\nworld\n"), "\n", "\r\n")
	assert.Equal(t, blocks, Blocks([]byte(crlf)), "a README checked out with CRLF line ends reads the same")
}

func TestREADMEMatches(t *testing.T) {
	README(t, writeREADME(t, "hello\nworld\n"), "golden")
}

func TestREADMEStaleBlockFails(t *testing.T) {
	t.Setenv("GOLDIE_UPDATE", "") // under make golden too, a stale block fails
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

const source = `package main

// sayAfter waits, then prints.
func sayAfter(d time.Duration, what string) {
	time.Sleep(d) // the sleep
	fmt.Println(what)
}
`

// writeCodeREADME writes source and a README with excerpt as its Go block,
// and returns their paths.
func writeCodeREADME(t *testing.T, excerpt string) (readme, src string) {
	t.Helper()
	dir := t.TempDir()
	readme, src = filepath.Join(dir, "README.md"), filepath.Join(dir, "say.go")
	require.NoError(t, os.WriteFile(src, []byte(source), 0o644))
	require.NoError(t, os.WriteFile(readme, []byte("# A lesson\n\n```go\n"+excerpt+"```\n"), 0o644))
	return readme, src
}

// failsREADMECode reports whether READMECode fails on excerpt.
func failsREADMECode(t *testing.T, excerpt string) bool {
	readme, src := writeCodeREADME(t, excerpt)
	inner := &testing.T{}
	done := make(chan struct{})
	go func() { defer close(done); READMECode(inner, readme, src) }() // t.Fatal ends the goroutine
	<-done
	return inner.Failed()
}

func TestREADMECodeMatches(t *testing.T) {
	for _, excerpt := range []string{
		"func sayAfter(d time.Duration, what string) {\n    time.Sleep(d)   // other comments\n\n    fmt.Println(what)\n}\n",
		"func sayAfter(...) {\n...\nfmt.Println(what)\n",
		"time.Sleep(d)\n",
	} {
		readme, src := writeCodeREADME(t, excerpt)
		READMECode(t, readme, src)
	}
}

func TestREADMECodeStaleExcerptFails(t *testing.T) {
	for _, excerpt := range []string{
		"func sayAfter(d time.Duration, what string) {\n\tfmt.Println(what)\n}\n", // a line left out without "..."
		"fmt.Println(what)\ntime.Sleep(d)\n",                                      // out of order
		"Sleep(d)\n",                                                              // part of a line
		"time.Sleep(d * 2)\n",                                                     // changed
	} {
		assert.True(t, failsREADMECode(t, excerpt), "READMECode must fail on the excerpt\n%s", excerpt)
	}
}

func TestREADMECodeWithoutExcerptsFails(t *testing.T) {
	inner := &testing.T{}
	path := filepath.Join(t.TempDir(), "README.md")
	require.NoError(t, os.WriteFile(path, []byte("# nothing to see\n"), 0o644))
	done := make(chan struct{})
	go func() { defer close(done); READMECode(inner, path) }()
	<-done
	assert.True(t, inner.Failed(), "a README with no Go excerpt proves nothing and must fail")
}

// fails reports whether check fails a fresh testing.T of its own (t.Fatal
// ends the goroutine it runs in, so it runs in one).
func fails(check func(t *testing.T)) bool {
	inner := &testing.T{}
	done := make(chan struct{})
	go func() { defer close(done); check(inner) }()
	<-done
	return inner.Failed()
}

func TestGoldenAssertFailsOnADifference(t *testing.T) {
	if Updating() {
		// goldie reads GOLDIE_UPDATE once, when the binary starts: under
		// make golden every Assert writes, and this test would write its
		// wrong outputs into testdata/golden.
		t.Skip("GOLDIE_UPDATE is set: Assert writes instead of comparing")
	}
	for _, got := range []string{"world\nhello\n", "hello\nworld", "hello\nworld\n\n", " hello\nworld\n"} {
		assert.True(t, fails(func(t *testing.T) { Assert(t, "golden", "greeting", []byte(got)) }),
			"Assert must fail on %q", got)
	}
	assert.Equal(t, "hello\nworld\n", string(Read(t, "golden", "greeting.golden")), "a failed Assert must not write")
}

func TestREADMEBlockDiffersInSpaceOnly(t *testing.T) {
	t.Setenv("GOLDIE_UPDATE", "")
	for _, block := range []string{"hello\nworld \n", " hello\nworld\n", "hello\n\nworld\n", "hello\nworld\n\n"} {
		path := writeREADME(t, block)
		assert.True(t, fails(func(t *testing.T) { README(t, path, "golden") }),
			"a README block that differs from its golden file in spaces or blank lines must fail: %q", block)
	}
}

func TestREADMECodeKeepsURLs(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	require.NoError(t, os.WriteFile(src, []byte("package main\n\nvar url = \"https://example.com/a\" // the page\n"), 0o644))
	readme := func(excerpt string) string {
		path := filepath.Join(dir, "README.md")
		require.NoError(t, os.WriteFile(path, []byte("```go\n"+excerpt+"```\n"), 0o644))
		return path
	}
	READMECode(t, readme("var url = \"https://example.com/a\"\n"), src)
	assert.True(t, fails(func(t *testing.T) { READMECode(t, readme("var url = \"https://example.org/b\"\n"), src) }),
		"an excerpt whose URL differs from the code's must fail: the // of https:// is not a comment")
}
