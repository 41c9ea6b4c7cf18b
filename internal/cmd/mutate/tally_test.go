package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	// The code of a/x.go:10 went; a gone mutant that was never tallied
	// changes nothing.
	write("3a-partial.json", `{"partial":true,"mutants":[`+m("a/x.go", 11, "d", "gone")+`,`+m("a/x.go", 50, "g", "gone")+`]}`)
	write("notes.txt", "not a report")
	tallied, err := TallyReports(dir)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, writeTally(&out, tallied))
	assert.Equal(t, `| package | mutants | caught | survived | caught % |
|---|---|---|---|---|
| a | 3 | 1 | 2 | 33% |
| b | 1 | 1 | 0 | 100% |
| c | 0 | 0 | 0 | 100% |
| **all** | **4** | **2** | **2** | **50%** |
`, out.String())
	var lines []int
	for _, v := range tallied.Verdicts {
		if v.File == "a/x.go" {
			lines = append(lines, v.Line)
		}
	}
	assert.Equal(t, []int{20, 32, 40}, lines, "the partial run's e replaced the mutant nearest its line, 30, not 20; 10 is gone")

	var js bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"-tally", dir, "-json"}, &js, io.Discard))
	var back Tallied
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	assert.Equal(t, tallied.Verdicts, back.Verdicts, "-tally -json: every verdict")

	write("4-broken.json", "{")
	_, err = TallyReports(dir)
	assert.ErrorContains(t, err, "4-broken.json is not a report of mutate -json")
	_, err = TallyReports(t.TempDir())
	assert.ErrorContains(t, err, "no report")
}

// TestREADMEScore: the score table of the README is the tally of the
// reports kept in testdata/runs, so every number in it comes from a run.
func TestREADMEScore(t *testing.T) {
	tallied, err := TallyReports(filepath.Join("testdata", "runs"))
	require.NoError(t, err)
	var table bytes.Buffer
	require.NoError(t, writeTally(&table, tallied))
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	const start, end = "<!-- tally: testdata/runs -->\n", "<!-- end tally -->\n"
	_, rest, ok := strings.Cut(string(readme), start)
	require.True(t, ok, "README.md has no %q", start)
	got, _, ok := strings.Cut(rest, end)
	require.True(t, ok, "README.md has no %q after the table", end)
	assert.Equal(t, table.String(), got, "the README's table is not the tally of testdata/runs: go run . -tally testdata/runs")
	for _, v := range tallied.Verdicts {
		if v.Status == Survived {
			row := fmt.Sprintf("| %s:%d | %s | %s | ", v.File, v.Line, v.Op, strings.ReplaceAll(v.Desc, "|", `\|`))
			assert.Contains(t, string(readme), row, "every survivor is listed with its reason")
		}
	}
}

// TestSample: at most n mutants of each package, the same ones for the same
// seed, in their order; the packages cut are named with their size, and
// -tally scales a sampled package's score to its size.
func TestSample(t *testing.T) {
	var jobs []*Job
	for i := range 10 {
		jobs = append(jobs, job(Caught, "big/x.go", i+1))
	}
	jobs = append(jobs, job(Caught, "small/y.go", 1), job(Caught, "small/y.go", 2))
	got, sampled := Sample(jobs, 3, 1)
	assert.Equal(t, map[string]int{"big": 10}, sampled, "only the package with more than 3 mutants is cut")
	require.Len(t, got, 5)
	assert.Equal(t, jobs[10:], got[3:], "a package of 3 or fewer is kept whole")
	assert.True(t, slices.IsSortedFunc(got[:3], func(a, b *Job) int { return a.Line - b.Line }), "in their order")
	again, _ := Sample(jobs, 3, 1)
	assert.Equal(t, got, again, "the same seed picks the same mutants")
	other, _ := Sample(jobs, 3, 2)
	assert.NotEqual(t, got, other, "another seed, another sample")

	var text bytes.Buffer
	require.NoError(t, writeText(&text, got, Tally(got), sampled))
	assert.Equal(t, "a sample: 3 of the 10 mutants of big\ncaught 5 of 5 (100%)\n", text.String())

	dir := t.TempDir()
	m := func(file string, line int, status string) string {
		return fmt.Sprintf(`{"file":%q,"line":%d,"op":"invert","desc":"d","status":%q}`, file, line, status)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "1.json"), []byte(`{"sampled":{"big":100},"mutants":[`+
		m("big/x.go", 1, "caught")+`,`+m("big/x.go", 2, "caught")+`,`+m("big/x.go", 3, "caught")+`,`+m("big/x.go", 4, "survived")+`,`+
		m("small/y.go", 1, "survived")+`]}`), 0o644))
	tallied, err := TallyReports(dir)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, writeTally(&out, tallied))
	assert.Equal(t, `| package | mutants | caught | survived | caught % |
|---|---|---|---|---|
| big | 4 of 100 (a sample) | 3 | 1 | 75% |
| small | 1 | 0 | 1 | 0% |
| **all** | **5** | **3** | **2** | **60%** |
| **all, the samples scaled to their packages** | **101** | **75** | **26** | **74%** |
`, out.String())

	require.NoError(t, os.WriteFile(filepath.Join(dir, "2.json"), []byte(`{"mutants":[`+m("big/x.go", 1, "caught")+`]}`), 0o644))
	tallied, err = TallyReports(dir)
	require.NoError(t, err)
	assert.Empty(t, tallied.SampleOf, "a later whole run of the package is no sample")
}
