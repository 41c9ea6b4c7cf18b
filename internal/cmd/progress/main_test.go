package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/testmain"
)

// The fixtures in testdata/progress are real `go test -json` streams of
// lesson 02-tasks: its shipped exercise (all four fail), the reference (all
// pass) and an exercise that does not compile.

func readFixture(t *testing.T, name string) []*lessonState {
	t.Helper()
	lessons, err := read(bytes.NewReader(golden.Read(t, "progress", name)))
	require.NoError(t, err)
	return lessons
}

func TestMain(m *testing.M) { testmain.Run(m) }

func TestGoldenReportShipped(t *testing.T) {
	var out bytes.Buffer
	code := report(&out, readFixture(t, "shipped.jsonl"))
	assert.Equal(t, 1, code, "unfinished exercises must fail make check")
	golden.Assert(t, "progress", "report-shipped", out.Bytes())
	assert.Contains(t, out.String(), "0 of 4 exercises done")
	assert.Contains(t, out.String(), "hint: ", "the first hint of the first unfinished exercise")
}

func TestGoldenReportSolved(t *testing.T) {
	var out bytes.Buffer
	code := report(&out, readFixture(t, "solved.jsonl"))
	assert.Equal(t, 0, code)
	golden.Assert(t, "progress", "report-solved", out.Bytes())
	assert.True(t, strings.HasSuffix(out.String(), "4 of 4 exercises done\n"))
}

func TestGoldenReportBroken(t *testing.T) {
	var out bytes.Buffer
	code := report(&out, readFixture(t, "broken.jsonl"))
	assert.Equal(t, 1, code)
	golden.Assert(t, "progress", "report-broken", out.Bytes())
	assert.Contains(t, out.String(), "undefined: undefined", "the compiler's message is shown")
}

func TestShipped(t *testing.T) {
	var out bytes.Buffer
	assert.Equal(t, 0, checkShipped(&out, readFixture(t, "shipped.jsonl")), out.String())
	out.Reset()
	assert.Equal(t, 1, checkShipped(&out, readFixture(t, "solved.jsonl")), "an exercise that passes as shipped proves nothing")
	assert.Contains(t, out.String(), "passes as shipped")
	out.Reset()
	assert.Equal(t, 1, checkShipped(&out, readFixture(t, "broken.jsonl")))
	out.Reset()
	assert.Equal(t, 1, checkShipped(&out, nil), "no exercises at all is a failure")
}

func TestExerciseOrder(t *testing.T) {
	assert.Negative(t, compareIDs("2-b", "10-a"))
	assert.Equal(t, "02-tasks", lessonName("goasync.dev/workbook/lessons/02-tasks/exercise"))
}

func TestNotJSONIsIgnored(t *testing.T) {
	lessons, err := read(strings.NewReader("no Go files\n"))
	require.NoError(t, err)
	assert.Empty(t, lessons)
}
