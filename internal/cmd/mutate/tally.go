package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// A Verdict is one mutant's status as a -json report records it.
type Verdict struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Op     string `json:"op"`
	Desc   string `json:"desc"`
	Status string `json:"status"`
}

// Tallied is the verdict of each mutant the kept reports tested, and for
// each package measured on a sample (-sample), how many mutants it has.
type Tallied struct {
	Verdicts []Verdict      `json:"mutants"`
	SampleOf map[string]int `json:"sampled,omitempty"`
}

// TallyReports reads the -json reports in dir, in the order of their names,
// and returns the verdict of each mutant. A whole run of a package (or a
// sample of it) sets its mutants afresh (code changes between runs add and remove mutants); a
// later partial run (-survivors, once tests were added, or a run cut short)
// replaces the verdict of each mutant it tested: the one of the same file,
// operator and description whose line is nearest (lines move when code
// above them changes), or adds it when there is none; one it reports gone
// (no longer a mutant of the code) is dropped.
func TallyReports(dir string) (Tallied, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return Tallied{}, err
	}
	if len(paths) == 0 {
		return Tallied{}, fmt.Errorf("-tally %s: no report (*.json of mutate -json) there", dir)
	}
	byPkg := map[string][]Verdict{}
	sampleOf := map[string]int{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return Tallied{}, err
		}
		var report struct {
			Partial bool
			Sampled map[string]int
			Mutants []Verdict
		}
		if err := json.Unmarshal(b, &report); err != nil {
			return Tallied{}, fmt.Errorf("-tally: %s is not a report of mutate -json: %v", p, err)
		}
		if !report.Partial {
			for _, v := range report.Mutants {
				pkg := path.Dir(v.File)
				byPkg[pkg] = nil
				delete(sampleOf, pkg)
			}
			maps.Copy(sampleOf, report.Sampled)
			for _, v := range report.Mutants {
				byPkg[path.Dir(v.File)] = append(byPkg[path.Dir(v.File)], v)
			}
			continue
		}
		replaced := map[string]map[int]bool{} // by package: the indexes this report replaced
		for _, v := range report.Mutants {
			pkg := path.Dir(v.File)
			if replaced[pkg] == nil {
				replaced[pkg] = map[int]bool{}
			}
			i := nearest(byPkg[pkg], v, replaced[pkg])
			if v.Status == Gone {
				if i >= 0 {
					byPkg[pkg] = slices.Delete(byPkg[pkg], i, i+1)
					replaced[pkg] = shift(replaced[pkg], i)
				}
				continue
			}
			if i < 0 {
				byPkg[pkg] = append(byPkg[pkg], v)
				i = len(byPkg[pkg]) - 1
			} else {
				byPkg[pkg][i] = v
			}
			replaced[pkg][i] = true
		}
	}
	var out []Verdict
	for _, vs := range byPkg {
		out = append(out, vs...)
	}
	slices.SortFunc(out, func(a, b Verdict) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Op, b.Op), cmp.Compare(a.Desc, b.Desc))
	})
	return Tallied{out, sampleOf}, nil
}

// nearest is the index in vs of the mutant of v's file, operator and
// description whose line is nearest v's, among those not in skip; -1 when
// there is none.
func nearest(vs []Verdict, v Verdict, skip map[int]bool) int {
	best := -1
	for i, w := range vs {
		if skip[i] || w.File != v.File || w.Op != v.Op || w.Desc != v.Desc {
			continue
		}
		if best < 0 || abs(w.Line-v.Line) < abs(vs[best].Line-v.Line) {
			best = i
		}
	}
	return best
}

func abs(n int) int { return max(n, -n) }

// shift is the set of indexes after the element at i was deleted.
func shift(set map[int]bool, i int) map[int]bool {
	out := map[int]bool{}
	for k := range set {
		if k > i {
			k--
		}
		out[k] = true
	}
	return out
}

// writeTally prints the score of each package as a Markdown table, then the
// total; mutants that did not compile are not counted. A package measured
// on a sample shows "n of N" mutants; when there is one, a last row
// estimates the score of every mutant, each sampled package's score
// standing for all of its mutants.
func writeTally(w io.Writer, t Tallied) error {
	type row struct{ caught, total int }
	rows := map[string]*row{}
	var all row
	for _, v := range t.Verdicts {
		pkg := path.Dir(v.File)
		if rows[pkg] == nil {
			rows[pkg] = &row{}
		}
		r := rows[pkg]
		switch v.Status {
		case Caught, Timeout:
			r.caught++
			all.caught++
			fallthrough
		case Survived:
			r.total++
			all.total++
		}
	}
	pct := func(r row) int { return Score{Caught: r.caught, Total: r.total}.Percent() }
	if _, err := fmt.Fprintln(w, "| package | mutants | caught | survived | caught % |\n|---|---|---|---|---|"); err != nil {
		return err
	}
	var est struct{ caught, total float64 }
	for _, pkg := range slices.Sorted(maps.Keys(rows)) {
		r := *rows[pkg]
		mutants := fmt.Sprint(r.total)
		scale := 1.0
		if n, ok := t.SampleOf[pkg]; ok && r.total > 0 {
			mutants = fmt.Sprintf("%d of %d (a sample)", r.total, n)
			scale = float64(n) / float64(r.total)
		}
		est.caught += float64(r.caught) * scale
		est.total += float64(r.total) * scale
		if _, err := fmt.Fprintf(w, "| %s | %s | %d | %d | %d%% |\n", pkg, mutants, r.caught, r.total-r.caught, pct(r)); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintf(w, "| **all** | **%d** | **%d** | **%d** | **%d%%** |\n", all.total, all.caught, all.total-all.caught, pct(all)); err != nil {
		return err
	}
	if len(t.SampleOf) == 0 {
		return nil
	}
	c, n := int(math.Round(est.caught)), int(math.Round(est.total))
	_, err := fmt.Fprintf(w, "| **all, the samples scaled to their packages** | **%d** | **%d** | **%d** | **%d%%** |\n", n, c, n-c, Score{Caught: c, Total: n}.Percent())
	return err
}
