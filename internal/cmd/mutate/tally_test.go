package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTallyReports: a whole run sets a package's mutants; a later partial
// run replaces the verdict of each mutant it tested again (found by file,
// operator, description and the nearest line: code above it may have
// moved it) or adds it; a later whole run of the package starts it afresh.
func TestTallyReports(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	m := func(file string, line int, desc, status string) string {
		return fmt.Sprintf(`{"file":%q,"line":%d,"op":"invert","desc":%q,"status":%q}`, file, line, desc, status)
	}
	write("1-whole.json", `{"mutants":[`+m("a/x.go", 10, "d", "caught")+`,`+m("a/x.go", 20, "e", "survived")+`,`+m("a/x.go", 30, "e", "survived")+
		`,`+m("b/y.go", 1, "d", "survived")+`,`+m("c/z.go", 1, "d", "invalid")+`]}`)
	// Two lines were added above: e's second mutant is at 32 and caught now;
	// f is new code.
	write("2-partial.json", `{"partial":true,"mutants":[`+m("a/x.go", 32, "e", "caught")+`,`+m("a/x.go", 40, "f", "survived")+`]}`)
	write("3-whole.json", `{"mutants":[`+m("b/y.go", 1, "d", "timeout")+`]}`)
	write("notes.txt", "not a report")
	verdicts, err := TallyReports(dir)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, writeTally(&out, verdicts))
	assert.Equal(t, `| package | mutants | caught | survived | caught % |
|---|---|---|---|---|
| a | 4 | 2 | 2 | 50% |
| b | 1 | 1 | 0 | 100% |
| c | 0 | 0 | 0 | 100% |
| **all** | **5** | **3** | **2** | **60%** |
`, out.String())
	var lines []int
	for _, v := range verdicts {
		if v.File == "a/x.go" {
			lines = append(lines, v.Line)
		}
	}
	assert.Equal(t, []int{10, 20, 32, 40}, lines, "the partial run's e replaced the mutant nearest its line, 30, not 20")

	write("4-broken.json", "{")
	_, err = TallyReports(dir)
	assert.ErrorContains(t, err, "4-broken.json is not a report of mutate -json")
	_, err = TallyReports(t.TempDir())
	assert.ErrorContains(t, err, "no report")
}

// TestREADMEScore: the score table of the README is the tally of the
// reports kept in testdata/runs, so every number in it comes from a run.
func TestREADMEScore(t *testing.T) {
	verdicts, err := TallyReports(filepath.Join("testdata", "runs"))
	require.NoError(t, err)
	var table bytes.Buffer
	require.NoError(t, writeTally(&table, verdicts))
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	const start, end = "<!-- tally: testdata/runs -->\n", "<!-- end tally -->\n"
	_, rest, ok := strings.Cut(string(readme), start)
	require.True(t, ok, "README.md has no %q", start)
	got, _, ok := strings.Cut(rest, end)
	require.True(t, ok, "README.md has no %q after the table", end)
	assert.Equal(t, table.String(), got, "the README's table is not the tally of testdata/runs: go run . -tally testdata/runs")
	for _, v := range verdicts {
		if v.Status == Survived {
			row := fmt.Sprintf("| %s:%d | %s | %s | ", v.File, v.Line, v.Op, strings.ReplaceAll(v.Desc, "|", `\|`))
			assert.Contains(t, string(readme), row, "every survivor is listed with its reason")
		}
	}
}
