package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClaims(t *testing.T) {
	readme := "1 s + 2 s = **3 s**; **world first**; in **400 ms**, **2.5 s**, **80ms**, **1 min**, **7µs**, **Ctrl-C**"
	assert.Equal(t, []time.Duration{3 * time.Second, 400 * time.Millisecond, 2500 * time.Millisecond,
		80 * time.Millisecond, time.Minute, 7 * time.Microsecond}, Claims([]byte(readme)))
}

func TestREADMEDurations(t *testing.T) {
	const s, ms = time.Second, time.Millisecond
	cases := []struct {
		name, readme string
		proven       []time.Duration
		fail         string // "" when the README is right; else a part of the message
	}{
		{"proven", "takes **3 s**, not **2 s**; twice **3 s**", []time.Duration{2 * s, 3 * s}, ""},
		{"unproven", "takes **3 s**", []time.Duration{2 * s}, "claims **3s**, but the test proved only 2s"},
		{"off by a unit", "takes **400 s**", []time.Duration{400 * ms}, "claims **6m40s**"},
		{"proven but not claimed", "takes **3 s**", []time.Duration{3 * s, 2 * s}, "the test proves 2s, but the README claims it nowhere"},
		{"no claim", "takes 3 s", []time.Duration{3 * s}, "claims no duration"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "README.md")
			require.NoError(t, os.WriteFile(path, []byte(c.readme), 0o644))
			problems := durationProblems(path, c.proven)
			if c.fail == "" {
				assert.Empty(t, problems)
				return
			}
			require.NotEmpty(t, problems, "README %q passed", c.readme)
			assert.Contains(t, strings.Join(problems, "\n"), c.fail)
		})
	}
}
