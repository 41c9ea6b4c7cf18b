package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTallyReports: a whole run sets a package's mutants; a later partial
// run (-survivors) replaces the verdicts of the mutants it tested again and
// adds none; a later whole run of the package starts it afresh.
func TestTallyReports(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	m := func(file string, line int, desc, status string) string {
		return `{"file":"` + file + `","line":` + string(rune('0'+line)) + `,"op":"invert","desc":"` + desc + `","status":"` + status + `"}`
	}
	write("1-whole.json", `{"mutants":[`+m("a/x.go", 1, "d", "caught")+`,`+m("a/x.go", 2, "e", "survived")+`,`+m("a/x.go", 3, "e", "survived")+
		`,`+m("b/y.go", 1, "d", "survived")+`,`+m("c/z.go", 1, "d", "invalid")+`]}`)
	// e's second mutant moved to line 4 and is caught now; f is new code
	// that the partial run must not count.
	write("2-partial.json", `{"partial":true,"mutants":[`+m("a/x.go", 4, "e", "survived")+`,`+m("a/x.go", 5, "e", "caught")+`,`+m("a/x.go", 6, "f", "survived")+`]}`)
	write("3-whole.json", `{"mutants":[`+m("b/y.go", 1, "d", "timeout")+`]}`)
	write("notes.txt", "not a report")
	verdicts, err := TallyReports(dir)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, writeTally(&out, verdicts))
	assert.Equal(t, `| package | mutants | caught | survived | caught % |
|---|---|---|---|---|
| a | 3 | 2 | 1 | 66% |
| b | 1 | 1 | 0 | 100% |
| c | 0 | 0 | 0 | 100% |
| **all** | **4** | **3** | **1** | **75%** |
`, out.String())

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
}
