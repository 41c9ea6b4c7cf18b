package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Hints remembers how many hints of each exercise a learner has seen, in a
// small JSON file that git ignores (.workbook/hints.json). An exercise's
// count starts again when it passes, and when its hints change.
type Hints struct {
	path    string
	entries map[string]hintEntry
	changed bool
}

// hintEntry is one exercise's line of the file.
type hintEntry struct {
	Shown  int    `json:"shown"`  // hints seen, from 1
	Digest string `json:"digest"` // of the hints seen, to notice a change
}

// LoadHints reads the file at path; a missing file is an empty state.
func LoadHints(path string) (*Hints, error) {
	h := &Hints{path: path, entries: map[string]hintEntry{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the hints seen: %w", err)
	}
	if err := json.Unmarshal(b, &h.entries); err != nil {
		return nil, fmt.Errorf("%s is not the hint file make hint writes (%v): delete it, and the hints start again from the first", path, err)
	}
	if h.entries == nil {
		h.entries = map[string]hintEntry{}
	}
	return h, nil
}

func digest(hints []string) string {
	sum := sha256.Sum256([]byte(strings.Join(hints, "\n")))
	return hex.EncodeToString(sum[:6])
}

// Shown returns how many of an exercise's hints the learner has seen: at
// least the first, at most all.
func (h *Hints) Shown(key string, hints []string) int {
	e, _ := h.entry(key, hints) // none: the zero entry, so the first hint
	return min(max(e.Shown, 1), len(hints))
}

// entry returns the exercise's entry, unless its hints have changed since.
func (h *Hints) entry(key string, hints []string) (hintEntry, bool) {
	if h == nil {
		return hintEntry{}, false
	}
	e, ok := h.entries[key]
	if !ok || e.Digest != digest(hints) {
		return hintEntry{}, false
	}
	return e, true
}

// Next shows one more hint of the exercise than were seen, and returns how
// many are seen now.
func (h *Hints) Next(key string, hints []string) int {
	if len(hints) == 0 {
		return 0
	}
	// make check has shown the first already: make hint starts at the second.
	shown := min(h.Shown(key, hints)+1, len(hints))
	h.set(key, hintEntry{Shown: shown, Digest: digest(hints)})
	return shown
}

// Passed forgets the hints of an exercise that passes: if it fails again
// later, its hints start again from the first.
func (h *Hints) Passed(key string) {
	if h == nil {
		return
	}
	if _, ok := h.entries[key]; ok {
		delete(h.entries, key)
		h.changed = true
	}
}

func (h *Hints) set(key string, e hintEntry) {
	if h.entries[key] != e {
		h.entries[key] = e
		h.changed = true
	}
}

// Save writes the file if anything changed, creating its folder.
func (h *Hints) Save() error {
	if h == nil || !h.changed {
		return nil
	}
	b, err := json.MarshalIndent(h.entries, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(h.path), 0o755); err != nil {
		return fmt.Errorf("saving the hints seen: %w", err)
	}
	tmp := h.path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("saving the hints seen: %w", err)
	}
	if err := os.Rename(tmp, h.path); err != nil {
		return fmt.Errorf("saving the hints seen: %w", err)
	}
	h.changed = false
	return nil
}
