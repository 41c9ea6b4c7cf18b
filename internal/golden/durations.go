package golden

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// claimRE matches a duration a README claims for a run, written in bold:
// **3 s**, **400 ms**, **2.5 s**, **80ms**.
var claimRE = regexp.MustCompile(`\*\*([0-9]+(?:\.[0-9]+)?) ?(ns|µs|us|ms|s|min|h)\*\*`)

// Claims returns the durations that the README text claims in bold, in order.
func Claims(readme []byte) []time.Duration {
	var out []time.Duration
	for _, m := range claimRE.FindAllSubmatch(readme, -1) {
		unit := string(m[2])
		if unit == "min" {
			unit = "m"
		}
		d, err := time.ParseDuration(string(m[1]) + unit)
		if err != nil { // the pattern only lets valid durations through
			panic(fmt.Sprintf("golden: claim %q: %v", m[0], err))
		}
		out = append(out, d)
	}
	return out
}

// READMEDurations checks the numbers a README states about a run. Write each
// such duration in bold (`**400 ms**`, `**3 s**`); READMEDurations finds
// every bold duration in the README at path and fails for each that is not
// in proven, the durations the calling test has just measured or asserted
// (a virtual run's Elapsed, a real-clock test's bounds). It also fails when
// the README claims no duration, because then it proves nothing, and names
// every proven duration the README does not claim, so the test's list and
// the text stay one.
//
// A lesson uses it in one test that runs what the README describes:
//
//	func TestREADMEDurations(t *testing.T) {
//		seq := checks.Virtual(t, run, 0, "-mode", "sequential")
//		golden.READMEDurations(t, "README.md", seq.Elapsed, ...)
//	}
func READMEDurations(t *testing.T, path string, proven ...time.Duration) {
	t.Helper()
	for _, problem := range durationProblems(path, proven) {
		t.Error(problem)
	}
}

// durationProblems returns what READMEDurations reports, one message each.
func durationProblems(path string, proven []time.Duration) []string {
	readme, err := os.ReadFile(path)
	if err != nil {
		return []string{fmt.Sprintf("golden: %v", err)}
	}
	claims := Claims(readme)
	if len(claims) == 0 {
		return []string{fmt.Sprintf("golden: %s claims no duration in bold (**2 s**): nothing to check", path)}
	}
	var problems []string
	for _, c := range claims {
		if !slices.Contains(proven, c) {
			problems = append(problems, fmt.Sprintf("%s claims **%s**, but the test proved only %s: mend the README or prove it", path, c, list(proven)))
		}
	}
	for _, p := range proven {
		if !slices.Contains(claims, p) {
			problems = append(problems, fmt.Sprintf("%s: the test proves %s, but the README claims it nowhere in bold: drop it from the test or write it as **%s**", path, p, p))
		}
	}
	return problems
}

// list prints durations as "1s, 2s".
func list(ds []time.Duration) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return strings.Join(s, ", ")
}

// DurationsFile is the golden file, in testdata/<lesson>, where READMEClaims
// records the durations a lesson's README claims, one "name duration" line
// each ("sequential 3s"). The exercise checks read their expectations from
// it (ReadDurations), and `make golden` uses it to tell which bold number of
// the README is which when it rewrites them.
const DurationsFile = "durations"

// READMEClaims is READMEDurations with names: proven maps a name to each
// duration the test measured or derived from the lesson's constants
// ("sequential": seq.Elapsed). Besides the README's bold claims it checks
// testdata/<lesson>/durations.golden against proven.
//
// With GOLDIE_UPDATE=1 (`make golden`) it first rewrites the README: every
// bold claim equal to a recorded duration becomes that name's new value (a
// lesson whose delay went from 2 s to 3 s has its **3 s** rewritten to
// **4 s** where 3 s was the sum), then the record. Two names that had one
// value and now have two are reported, for the README to be mended by hand.
func READMEClaims(t *testing.T, path, lesson string, proven map[string]time.Duration) {
	t.Helper()
	if Updating() {
		old, err := ReadDurations(lesson)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("golden: %v", err)
		}
		if err := rewriteClaims(path, old, proven); err != nil {
			t.Error(err)
		}
	}
	Assert(t, lesson, DurationsFile, formatDurations(proven))
	var values []time.Duration
	for _, d := range proven {
		values = append(values, d)
	}
	slices.Sort(values)
	READMEDurations(t, path, slices.Compact(values)...)
}

// ReadDurations returns the durations recorded in
// testdata/<lesson>/durations.golden, by name.
func ReadDurations(lesson string) (map[string]time.Duration, error) {
	dir, err := find(lesson)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, DurationsFile+Suffix))
	if err != nil {
		return nil, err
	}
	return parseDurations(string(normalize(b)))
}

// Duration returns the duration recorded as name in
// testdata/<lesson>/durations.golden, or fails the test.
func Duration(t testing.TB, lesson, name string) time.Duration {
	t.Helper()
	ds, err := ReadDurations(lesson)
	if err != nil {
		t.Fatalf("golden: %v (make golden LESSON=%s writes it)", err, lesson)
	}
	d, ok := ds[name]
	if !ok {
		t.Fatalf("golden: testdata/%s/%s%s records no %q (make golden LESSON=%s writes it)", lesson, DurationsFile, Suffix, name, lesson)
	}
	return d
}

func formatDurations(ds map[string]time.Duration) []byte {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(ds)) {
		fmt.Fprintf(&b, "%s %s\n", name, ds[name])
	}
	return []byte(b.String())
}

func parseDurations(text string) (map[string]time.Duration, error) {
	ds := map[string]time.Duration{}
	for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
		name, value, ok := strings.Cut(line, " ")
		d, err := time.ParseDuration(value)
		if !ok || err != nil {
			return nil, fmt.Errorf("golden: %s%s line %d: %q is not \"name duration\"", DurationsFile, Suffix, i+1, line)
		}
		ds[name] = d
	}
	return ds, nil
}

// rewriteClaims rewrites the bold claims of the README at path from their
// old values to their new ones, matched by name.
func rewriteClaims(path string, old, now map[string]time.Duration) error {
	to := map[time.Duration]time.Duration{}
	by := map[time.Duration]string{}
	var conflicts []string
	for _, name := range slices.Sorted(maps.Keys(now)) {
		was, ok := old[name]
		if !ok {
			continue
		}
		if prev, seen := to[was]; seen && prev != now[name] {
			conflicts = append(conflicts, fmt.Sprintf("%s and %s were both %s but are now %s and %s", by[was], name, was, prev, now[name]))
			continue
		}
		to[was], by[was] = now[name], name
	}
	if len(conflicts) > 0 {
		return fmt.Errorf("golden: %s: can not tell which bold claim is which: %s; mend the README by hand", path, strings.Join(conflicts, "; "))
	}
	readme, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("golden: %w", err)
	}
	out := claimRE.ReplaceAllFunc(readme, func(m []byte) []byte {
		d := Claims(m)[0]
		if nd, ok := to[d]; ok && nd != d {
			return []byte("**" + Spell(nd, bytes.Contains(m, []byte(" "))) + "**")
		}
		return m
	})
	if bytes.Equal(out, readme) {
		return nil
	}
	return os.WriteFile(path, out, 0o644)
}

// Spell writes d as a README claims it, in the largest unit that keeps it
// short: 4 s, 1.5 s, 500 ms, 7 µs, 2 min ("4s" without the space when
// spaced is false).
func Spell(d time.Duration, spaced bool) string {
	num, unit := spellUnit(d)
	if spaced {
		return num + " " + unit
	}
	return num + unit
}

func spellUnit(d time.Duration) (string, string) {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch {
	case d != 0 && d%time.Minute == 0:
		return f(d.Minutes()), "min"
	case d >= time.Second:
		return f(d.Seconds()), "s"
	case d >= time.Millisecond:
		return f(float64(d) / float64(time.Millisecond)), "ms"
	case d >= time.Microsecond:
		return f(float64(d) / float64(time.Microsecond)), "µs"
	}
	return f(float64(d)), "ns"
}
