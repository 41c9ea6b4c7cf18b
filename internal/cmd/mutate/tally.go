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

// verdictKey names a mutant across runs whose line numbers may differ: its
// file, operator, description, and which of the mutants with these three it
// is (the first, the second, ...).
type verdictKey struct {
	file, op, desc string
	nth            int
}

// TallyReports reads the -json reports in dir, in the order of their names,
// and returns the verdict of each mutant. A package's mutants are those of
// the last whole run that tested it (code changes between runs add and
// remove mutants); a later partial run (-survivors, once tests were added)
// replaces the verdicts of the mutants it tested again.
func TallyReports(dir string) ([]Verdict, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("-tally %s: no report (*.json of mutate -json) there", dir)
	}
	byPkg := map[string]map[verdictKey]Verdict{}
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
		if !report.Partial { // a whole run: its packages start afresh
			for _, v := range report.Mutants {
				byPkg[path.Dir(v.File)] = map[verdictKey]Verdict{}
			}
		}
		seen := map[verdictKey]int{}
		for _, v := range report.Mutants {
			k := verdictKey{file: v.File, op: v.Op, desc: v.Desc}
			seen[k]++
			k.nth = seen[k]
			pkg := byPkg[path.Dir(v.File)]
			if _, known := pkg[k]; pkg != nil && (known || !report.Partial) {
				pkg[k] = v
			}
		}
	}
	var out []Verdict
	for _, pkg := range byPkg {
		for _, v := range pkg {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b Verdict) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Op, b.Op), cmp.Compare(a.Desc, b.Desc))
	})
	return out, nil
}

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
