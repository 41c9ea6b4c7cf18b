package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
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

// TallyReports reads the -json reports in dir, in the order of their names,
// and returns the verdict of each mutant. A whole run of a package sets its
// mutants afresh (code changes between runs add and remove mutants); a
// later partial run (-survivors, once tests were added, or a run cut short)
// replaces the verdict of each mutant it tested: the one of the same file,
// operator and description whose line is nearest (lines move when code
// above them changes), or adds it when there is none.
func TallyReports(dir string) ([]Verdict, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("-tally %s: no report (*.json of mutate -json) there", dir)
	}
	byPkg := map[string][]Verdict{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var report struct {
			Partial bool
			Mutants []Verdict
		}
		if err := json.Unmarshal(b, &report); err != nil {
			return nil, fmt.Errorf("-tally: %s is not a report of mutate -json: %v", p, err)
		}
		if !report.Partial {
			for _, v := range report.Mutants {
				byPkg[path.Dir(v.File)] = nil
			}
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
	return out, nil
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

// writeTally prints the score of each package as a Markdown table, then the
// total; mutants that did not compile are not counted.
func writeTally(w io.Writer, verdicts []Verdict) error {
	type row struct{ caught, total int }
	rows := map[string]*row{}
	var all row
	for _, v := range verdicts {
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
	for _, pkg := range slices.Sorted(maps.Keys(rows)) {
		r := *rows[pkg]
		if _, err := fmt.Fprintf(w, "| %s | %d | %d | %d | %d%% |\n", pkg, r.total, r.caught, r.total-r.caught, pct(r)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "| **all** | **%d** | **%d** | **%d** | **%d%%** |\n", all.total, all.caught, all.total-all.caught, pct(all))
	return err
}
