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

func TestSpell(t *testing.T) {
	for d, want := range map[time.Duration]string{
		4 * time.Second: "4 s", 1500 * time.Millisecond: "1.5 s", 500 * time.Millisecond: "500 ms",
		7 * time.Microsecond: "7 µs", 2 * time.Minute: "2 min", 90 * time.Second: "90 s", 3: "3 ns",
	} {
		assert.Equal(t, want, Spell(d, true))
		assert.Equal(t, d, Claims([]byte("**" + Spell(d, false) + "**"))[0], "%v reads back", d)
	}
}

// TestRewriteClaims: the round trip of an adapted lesson. The longer delay
// went from 2 s to 3 s: the sum 3 s becomes 4 s and the longer 2 s becomes
// 3 s at once (not 2 s -> 3 s -> 4 s), the rest is left alone.
func TestRewriteClaims(t *testing.T) {
	const s, ms = time.Second, time.Millisecond
	path := filepath.Join(t.TempDir(), "README.md")
	require.NoError(t, os.WriteFile(path, []byte("**1 s** + **2 s** = **3 s**, **2 s**, **500 ms**, **400ms**, **Ctrl-C**, 2 s"), 0o644))
	old := map[string]time.Duration{"short": s, "long": 2 * s, "tasks": 2 * s, "sum": 3 * s, "cancel": 500 * ms, "real": 400 * ms}
	now := map[string]time.Duration{"short": s, "long": 3 * s, "tasks": 3 * s, "sum": 4 * s, "cancel": 500 * ms, "real": 600 * ms}
	require.NoError(t, rewriteClaims(path, old, now))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "**1 s** + **3 s** = **4 s**, **3 s**, **500 ms**, **600ms**, **Ctrl-C**, 2 s", string(b))

	// One old value, two new ones: which **2 s** is which?
	now["tasks"] = 5 * s
	err = rewriteClaims(path, old, now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "long and tasks were both 2s but are now 3s and 5s")
}

func TestParseDurations(t *testing.T) {
	ds := map[string]time.Duration{"a": time.Second, "b": 500 * time.Millisecond}
	got, err := parseDurations(string(formatDurations(ds)))
	require.NoError(t, err)
	assert.Equal(t, ds, got)
	_, err = parseDurations("a 1s\nb\n")
	assert.ErrorContains(t, err, `line 2: "b"`)
}
