package main

import (
	"fmt"
	"strings"
)

// region is a gap as it sits in a derived file: lines [start, end).
type region struct {
	gap        Gap
	start, end int
}

// shippedRegions finds the gaps of src in its shipped rendering, formatted:
// each starts at its TODO comment (or, for a gap without one, where its
// neighbours put it) and spans its TODO and shipped lines.
func shippedRegions(src *Source, shipped []string) []region {
	// Where each gap starts in the unformatted rendering is known; align
	// that rendering with the formatted file to find it there.
	var out []region
	raw := strings.Split(strings.TrimSuffix(src.Render(Shipped), "\n"), "\n")
	rawStart := make([]int, len(src.Gaps))
	for i, g := range src.Gaps {
		// Lines before the gap in the raw rendering.
		before := g.start
		for _, h := range src.Gaps[:i] {
			before -= (h.end - h.start + 1) - len(h.lines(false))
		}
		rawStart[i] = before
	}
	pairs := align(raw, shipped)
	for i, g := range src.Gaps {
		n := len(g.lines(false))
		s, e := mapRegion(pairs, rawStart[i], rawStart[i]+n, len(shipped))
		out = append(out, region{gap: g, start: s, end: e})
	}
	return out
}

// pair says that line a of one file is line b of the other.
type pair struct{ a, b int }

// align matches the lines of a and b, a longest common subsequence of
// lines compared without their indentation.
func align(a, b []string) []pair {
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if strings.TrimSpace(a[i]) == strings.TrimSpace(b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []pair
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case strings.TrimSpace(a[i]) == strings.TrimSpace(b[j]) && lcs[i][j] == lcs[i+1][j+1]+1:
			out = append(out, pair{i, j})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// mapRegion maps lines [start, end) of a onto b: from the line after the
// last matched line before start, to the first matched line at or after
// end. Lines inside the region do not count: the learner rewrote them.
func mapRegion(pairs []pair, start, end, lenB int) (int, int) {
	s, e := 0, lenB
	for _, p := range pairs {
		if p.a < start {
			s = p.b + 1
		}
		if p.a >= end {
			e = p.b
			break
		}
	}
	return s, max(s, e)
}

// diffLines is a line diff of a against b: "  " same, "- " only in a,
// "+ " only in b.
func diffLines(a, b []string) []string {
	var out []string
	i, j := 0, 0
	for _, p := range append(align(a, b), pair{len(a), len(b)}) {
		for ; i < p.a; i++ {
			out = append(out, "- "+a[i])
		}
		for ; j < p.b; j++ {
			out = append(out, "+ "+b[j])
		}
		if p.a < len(a) {
			out = append(out, "  "+a[p.a])
			i, j = p.a+1, p.b+1
		}
	}
	return out
}

// splice replaces lines [start, end) of lines with repl.
func splice(lines []string, start, end int, repl []string) []string {
	out := append([]string{}, lines[:start]...)
	out = append(out, repl...)
	return append(out, lines[end:]...)
}

// exerciseLabel is how messages name an exercise: 02-tasks/2.
func exerciseLabel(lesson string, n int) string { return fmt.Sprintf("%s/%d", lesson, n) }
