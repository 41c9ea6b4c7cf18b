package golden

import (
	"fmt"
	"os"
	"regexp"
	"slices"
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
