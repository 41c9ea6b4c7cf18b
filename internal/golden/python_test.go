package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestREADMEPython(t *testing.T) {
	const src = "import asyncio\n\nasyncio.run(main())\n"
	cases := []struct {
		name, readme string
		fail         string // "" when the README is right; else a part of the message
	}{
		{"equal", "# r\n<!-- python: python/a.py -->\n```python\n" + src + "```\n", ""},
		{"different", "<!-- python: python/a.py -->\n```python\nimport asyncio\n```\n", "is not the file"},
		{"unmarked", "```python\n" + src + "```\n", "no <!-- python: FILE --> marker"},
		{"missing file", "<!-- python: python/b.py -->\n```python\n" + src + "```\n", "b.py"},
		{"no listing", "# nothing\n", "no ```python listing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "python"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "python", "a.py"), []byte(src), 0o644))
			readme := filepath.Join(dir, "README.md")
			require.NoError(t, os.WriteFile(readme, []byte(c.readme), 0o644))
			problems := pythonProblems(readme)
			if c.fail == "" {
				assert.Empty(t, problems)
				return
			}
			require.NotEmpty(t, problems, "README %q passed", c.readme)
			assert.Contains(t, strings.Join(problems, "\n"), c.fail)
		})
	}
}

// TestREADMEPythonUpdate: make golden rewrites a marked listing from its
// file and leaves an unmarked one (which still fails) alone.
func TestREADMEPythonUpdate(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "python"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "python", "a.py"), []byte("print(3)\n"), 0o644))
	readme := filepath.Join(dir, "README.md")
	stale := "x\n<!-- python: python/a.py -->\n```python\nprint(2)\n```\ny\n```python\nprint(1)\n```\n"
	require.NoError(t, os.WriteFile(readme, []byte(stale), 0o644))
	require.NoError(t, rewritePython(readme))
	b, err := os.ReadFile(readme)
	require.NoError(t, err)
	assert.Equal(t, "x\n<!-- python: python/a.py -->\n```python\nprint(3)\n```\ny\n```python\nprint(1)\n```\n", string(b))
}
