package simnet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sebdah/goldie/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/keywords"
)

// TestGoldenDefaultWorlds keeps testdata/simnet/*-world.json, the worlds an
// instructor copies and edits, equal to what DefaultWorld builds.
func TestGoldenDefaultWorlds(t *testing.T) {
	for name, w := range map[string]*World{
		"default-world": DefaultWorld(),
		"python-world":  DefaultWorld(WithPythonKeywords()),
	} {
		require.NoError(t, w.Validate(), name)
		b, err := json.MarshalIndent(w, "", "  ")
		require.NoError(t, err)
		g := goldie.New(t, goldie.WithFixtureDir(golden.Dir(t, "simnet")), goldie.WithNameSuffix(".json"))
		g.Assert(t, name, append(b, '\n'))
	}
}

func TestDefaultWorldLatenciesAreDistinctAndShuffled(t *testing.T) {
	for _, opts := range [][]Option{nil, {WithPythonKeywords()}} {
		w := DefaultWorld(opts...)
		seen := map[Duration]string{}
		var inOrder = true
		var prev Duration
		for i, d := range w.Domains {
			if i >= len(keywordNames(opts)) {
				break
			}
			assert.Empty(t, seen[d.Latency], "%s and %s share a latency", d.Name, seen[d.Latency])
			seen[d.Latency] = d.Name
			if i > 0 && d.Latency < prev {
				inOrder = false
			}
			prev = d.Latency
		}
		assert.False(t, inOrder, "completion order must differ from input order")
	}
}

func keywordNames(opts []Option) []string {
	if len(opts) > 0 {
		return keywords.Python()
	}
	return keywords.Go()
}

func TestDefaultWorldHasTheLessonNames(t *testing.T) {
	w := DefaultWorld()
	names := map[string]Domain{}
	for _, d := range w.Domains {
		names[d.Name] = d
	}
	for _, kw := range keywords.Domains(keywords.Go()) {
		assert.Contains(t, names, kw)
	}
	assert.NotEmpty(t, names["go.dev"].Addrs, "go.dev resolves")
	assert.Equal(t, "NXDOMAIN", names["for.dev"].Rcode)
	py := DefaultWorld(WithPythonKeywords())
	assert.Equal(t, "false.dev", py.Domains[0].Name, "Python's keywords, lower-cased")
	var urls []string
	for _, r := range w.Resources {
		urls = append(urls, r.URL)
	}
	assert.Subset(t, urls, []string{ExampleURL, HTTPBinURL, PythonURL})
}

func TestLoadWorld(t *testing.T) {
	w, err := LoadWorld(filepath.Join(golden.Dir(t, "simnet"), "default-world.json"))
	require.NoError(t, err)
	assert.Equal(t, DefaultWorld(), w, "the golden file reads back as the default world")

	dir := t.TempDir()
	for name, tc := range map[string]struct{ json, want string }{
		"rcode":   {`{"domains":[{"name":"a.dev","rcode":"REFUSED","latency":"1ms"}]}`, `domains[0] ("a.dev"): rcode "REFUSED": use NXDOMAIN, SERVFAIL`},
		"url":     {`{"resources":[{"url":"ftp://x.test/","latency":"1ms"}]}`, `resources[0] ("ftp://x.test/"): url: scheme "ftp"`},
		"latency": {`{"domains":[{"name":"a.dev","latency":"-5ms"}]}`, `domains[0] ("a.dev"): latency -5ms: must not be negative`},
		"json":    {`{"domains": [`, `is not a world file`},
		"field":   {`{"domains":[{"name":"a.dev","latncy":"1ms"}]}`, `unknown field "latncy"`},
		"addr":    {`{"domains":[{"name":"a.dev","addrs":["1.2.3"],"latency":"1ms"}]}`, `addrs: "1.2.3" is not an IP address`},
		"fault":   {`{"resources":[{"url":"https://x.test/","fault":"slow","latency":"1ms"}]}`, `fault "slow": use hang, reset, huge`},
	} {
		path := filepath.Join(dir, name+".json")
		require.NoError(t, os.WriteFile(path, []byte(tc.json), 0o644))
		_, err := LoadWorld(path)
		assert.ErrorContains(t, err, tc.want, name)
		assert.ErrorContains(t, err, path, "%s: the error names the file", name)
	}
	_, err = LoadWorld(filepath.Join(dir, "missing.json"))
	assert.ErrorContains(t, err, "missing.json")
}

func TestDurationJSON(t *testing.T) {
	b, err := json.Marshal(Duration(1500 * time.Millisecond))
	require.NoError(t, err)
	assert.Equal(t, `"1.5s"`, string(b))
	var d Duration
	require.NoError(t, json.Unmarshal([]byte(`"120ms"`), &d))
	assert.Equal(t, Duration(120*time.Millisecond), d)
	assert.Error(t, json.Unmarshal([]byte(`120`), &d), "a bare number is ambiguous")
}
