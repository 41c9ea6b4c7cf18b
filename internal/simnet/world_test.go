package simnet

import (
	"bytes"
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

// TestGoldenDefaultWorlds keeps testdata/simnet/*-world.json equal to what
// DefaultWorld builds: they are generated copies (`make golden` writes
// them), for -world and for an instructor to copy. The world the lessons
// and their tests use is built in defaults.go, the one place to edit it.
func TestGoldenDefaultWorlds(t *testing.T) {
	for name, w := range map[string]*World{
		"default-world": DefaultWorld(),
		"python-world":  DefaultWorld(WithPythonKeywords()),
	} {
		require.NoError(t, w.Validate(), name)
		var b bytes.Buffer
		require.NoError(t, w.WriteJSON(&b))
		if old, err := os.ReadFile(filepath.Join(golden.Dir(t, "simnet"), name+".json")); err == nil && !golden.Updating() && !bytes.Equal(old, b.Bytes()) {
			t.Errorf("testdata/simnet/%s.json is not what internal/simnet/defaults.go builds. It is generated: to change the lessons' world, "+
				"edit defaults.go and run `make golden`; to serve a world of your own, copy the file elsewhere, edit it and pass -world", name)
		}
		g := goldie.New(t, goldie.WithFixtureDir(golden.Dir(t, "simnet")), goldie.WithNameSuffix(".json"))
		g.Assert(t, name, b.Bytes())
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
		"rcode":     {`{"domains":[{"name":"a.dev","rcode":"NOTAUTH","latency":"1ms"}]}`, `domains[0] ("a.dev"): rcode "NOTAUTH": use NXDOMAIN, SERVFAIL`},
		"url":       {`{"resources":[{"url":"ftp://x.test/","latency":"1ms"}]}`, `resources[0] ("ftp://x.test/"): url: scheme "ftp"`},
		"latency":   {`{"domains":[{"name":"a.dev","latency":"-5ms"}]}`, `domains[0] ("a.dev"): latency -5ms: must not be negative`},
		"json":      {`{"domains": [`, `is not a world file`},
		"field":     {`{"domains":[{"name":"a.dev","latncy":"1ms"}]}`, `unknown field "latncy"`},
		"addr":      {`{"domains":[{"name":"a.dev","addrs":["1.2.3"],"latency":"1ms"}]}`, `addrs: "1.2.3" is not an IP address`},
		"fault":     {`{"resources":[{"url":"https://x.test/","fault":"slow","latency":"1ms"}]}`, `fault "slow": use hang, reset, huge`},
		"name":      {`{"domains":[{"name":"go dev","latency":"1ms"}]}`, `domains[0] ("go dev"): name: not a DNS name (character ' ')`},
		"twice":     {`{"domains":[{"name":"a.dev","latency":"1ms"},{"name":"A.dev","latency":"2ms"}]}`, `domains[1] ("A.dev"): name: listed twice`},
		"nxaddrs":   {`{"domains":[{"name":"a.dev","rcode":"NXDOMAIN","addrs":["192.0.2.1"],"latency":"1ms"}]}`, `addrs: a NXDOMAIN name has no addresses`},
		"status":    {`{"resources":[{"url":"https://x.test/","status":99,"latency":"1ms"}]}`, `resources[0] ("https://x.test/"): status 99: use 200 to 599`},
		"both":      {`{"resources":[{"url":"https://x.test/","body":"hi","body_size":10,"latency":"1ms"}]}`, `body_size: give a body or a body_size, not both`},
		"noreset":   {`{"resources":[{"url":"https://x.test/","fault":"reset","latency":"1ms"}]}`, `fault reset: needs a body or body_size`},
		"dupurl":    {`{"resources":[{"url":"https://x.test","latency":"1ms"},{"url":"http://X.test/","latency":"1ms"}]}`, `resources[1] ("http://X.test/"): url: listed twice`},
		"badlat":    {`{"resources":[{"url":"https://x.test/","latency":"soon"}]}`, `latency "soon": time: invalid duration "soon"`},
		"status1xx": {`{"resources":[{"url":"https://x.test/","status":100,"latency":"1ms"}]}`, `status 100: use 200 to 599 (1xx is not a final response)`},
		"status199": {`{"resources":[{"url":"https://x.test/","status":199,"latency":"1ms"}]}`, `status 199: use 200 to 599`},
		"empty":     {``, `is empty`},
		"spaces":    {" \n\t", `is empty`},
		"null":      {`null`, `has no domains and no resources`},
		"object":    {`{}`, `has no domains and no resources`},
		"emptylist": {`{"domains": [], "resources": []}`, `has no domains and no resources`},
		"trailing":  {`{"resources":[{"url":"https://x.test/","latency":"1ms"}]} junk`, `line 1, column 59: more after the world's closing }`},
		"twoobjs":   {"{\"resources\":[{\"url\":\"https://x.test/\"}]}\n{}", `line 2, column 1: more after the world's closing }`},
		"bom":       {"\xef\xbb\xbf{\"resources\":[{\"url\":\"https://x.test/\"}]}", `byte order mark (BOM)`},
		"typeerr":   {"{\"resources\":[\n{\"url\":\"https://x.test/\",\"status\":\"200\"}]}", `line 2, column 40: field resources.status: string where a int belongs`},
		"syntax":    {"{\"resources\":[\n{\"url\":\"https://x.test/\",}]}", `line 2, column 27: invalid character '}'`},
		"cut":       {`{"resources":[{"url":`, `it ends in the middle of the JSON`},
		"location":  {`{"resources":[{"url":"https://x.test/","location":"https://y.test/"}]}`, `location: only a 3xx status has one (status 200)`},
		"noloc":     {`{"resources":[{"url":"https://x.test/","status":301}]}`, `status 301: a redirect needs a location`},
	} {
		path := filepath.Join(dir, name+".json")
		require.NoError(t, os.WriteFile(path, []byte(tc.json), 0o644))
		_, err := LoadWorld(path)
		assert.ErrorContains(t, err, tc.want, name)
		assert.ErrorContains(t, err, path, "%s: the error names the file", name)
	}
	big := filepath.Join(dir, "big.json")
	require.NoError(t, os.WriteFile(big, make([]byte, MaxWorldSize+1), 0o644))
	_, err = LoadWorld(big)
	assert.ErrorContains(t, err, "larger than 16 MiB")
	_, err = LoadWorld(filepath.Join(dir, "missing.json"))
	assert.ErrorContains(t, err, "missing.json")
}

// TestLoadWorldNeverEndingFile: a file that never ends (/dev/zero) is
// refused after MaxWorldSize bytes, not read until memory runs out.
func TestLoadWorldNeverEndingFile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	_, err := LoadWorld("/dev/zero")
	assert.ErrorContains(t, err, "larger than 16 MiB")
}

func TestValidateReportsEveryProblem(t *testing.T) {
	w := &World{
		Domains:   []Domain{{Name: "a.dev", Rcode: "NOTAUTH"}, {Name: "b.dev", Latency: -1}},
		Resources: []Resource{{URL: "ftp://x.test/"}},
	}
	err := w.Validate()
	assert.ErrorContains(t, err, `domains[0] ("a.dev"): rcode "NOTAUTH"`)
	assert.ErrorContains(t, err, `domains[1] ("b.dev"): latency -1ns`)
	assert.ErrorContains(t, err, `resources[0] ("ftp://x.test/"): url`)
}

func TestAnInvalidWorldIsRefused(t *testing.T) {
	bad := &World{Domains: []Domain{{Name: "a.dev", Rcode: "NOTAUTH"}}}
	_, err := NewLoopback(bad)
	assert.ErrorContains(t, err, "rcode")
	_, err = NewMemory(bad)
	assert.EqualError(t, err, `simnet: domains[0] ("a.dev"): rcode "NOTAUTH": use NXDOMAIN, SERVFAIL, REFUSED or leave it out`)
}

func TestWriteJSONReadsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "world.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, DefaultWorld(WithPythonKeywords()).WriteJSON(f))
	require.NoError(t, f.Close())
	w, err := LoadWorld(path)
	require.NoError(t, err)
	assert.Equal(t, DefaultWorld(WithPythonKeywords()), w)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(b), "<title>", "HTML stays readable, not \\u003c")
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
