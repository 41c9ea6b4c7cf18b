package golden

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConceptMap checks the root README's concept map: every lesson a row
// links exists, and every name the row puts in code appears in that
// lesson's code, the asyncio column in its python/*.py, the Go column in its
// *.go. A row that sends a learner to the wrong lesson, or names something
// the lesson never shows, fails.
func TestConceptMap(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	rows := conceptRows(string(readme))
	require.GreaterOrEqual(t, len(rows), 15, "the concept map (## Concept map) is missing or lost rows")
	for _, row := range rows {
		require.NotEmpty(t, row.lessons, "row %q links no lesson", row.line)
		for _, lesson := range row.lessons {
			python := readAll(t, filepath.Join(root, lesson, "python", "*.py"))
			goCode := readAll(t, filepath.Join(root, lesson, "*.go"))
			for _, name := range codeNames(row.python) {
				assert.True(t, mentions(python, name), "concept map: %s's Python never shows %q (row %q)", lesson, name, row.line)
			}
			for _, name := range codeNames(row.golang) {
				assert.True(t, mentions(goCode, name), "concept map: %s's Go never shows %q (row %q)", lesson, name, row.line)
			}
		}
	}
}

// TestConceptMapCatches proves the check can fail: a row that puts
// asyncio.shield in lesson 05, or names a Go function no lesson has.
func TestConceptMapCatches(t *testing.T) {
	root := filepath.Join("..", "..")
	python := readAll(t, filepath.Join(root, "lessons", "05-workers", "python", "*.py"))
	goCode := readAll(t, filepath.Join(root, "lessons", "04-timeouts", "*.go"))
	assert.False(t, mentions(python, "asyncio.shield"))
	assert.False(t, mentions(goCode, "context.WithTimeoutNever"))
	assert.Equal(t, []string{"asyncio.Queue", "queue.put"}, codeNames("`asyncio.Queue(maxsize=n)`, `queue.put`"))
}

type conceptRow struct {
	line, python, golang string
	lessons              []string
}

var lessonLink = regexp.MustCompile(`\]\((lessons/[^)]+)\)`)

// conceptRows parses the table under "## Concept map".
func conceptRows(readme string) []conceptRow {
	_, section, ok := strings.Cut(readme, "\n## Concept map")
	if !ok {
		return nil
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var rows []conceptRow
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if !strings.HasPrefix(line, "| ") || len(cells) != 3 || cells[0] == "asyncio" {
			continue
		}
		row := conceptRow{line: line, python: cells[0], golang: cells[1]}
		for _, m := range lessonLink.FindAllStringSubmatch(cells[2], -1) {
			row.lessons = append(row.lessons, m[1])
		}
		rows = append(rows, row)
	}
	return rows
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// codeNames returns the names a cell puts in code: each code span up to its
// first "(", split into words.
func codeNames(cell string) []string {
	var names []string
	for _, m := range codeSpan.FindAllStringSubmatch(cell, -1) {
		span, _, _ := strings.Cut(m[1], "(")
		names = append(names, strings.Fields(span)...)
	}
	return names
}

// mentions reports whether code has name, or, for a method on a variable
// the lesson names otherwise (task.cancel), the method (.cancel).
func mentions(code, name string) bool {
	if strings.Contains(code, name) {
		return true
	}
	if i := strings.LastIndex(name, "."); i > 0 {
		return strings.Contains(code, name[i:])
	}
	return false
}

func readAll(t *testing.T, pattern string) string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	require.NoError(t, err)
	require.NotEmpty(t, files, "no file matches %s", pattern)
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		b.Write(data)
	}
	return b.String()
}
