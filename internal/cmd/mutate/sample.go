package main

import (
	"math/rand/v2"
	"path"
	"slices"
)

// Sample keeps at most n of each package's jobs, chosen at random from the
// seed (the same seed and mutants give the same sample), in their order.
// It returns them, and for each package it cut, how many mutants it had:
// a package whose tests take minutes (internal/cmd/exgen, the instructor)
// is measured on a sample in the time its whole run would not fit.
func Sample(jobs []*Job, n int, seed uint64) ([]*Job, map[string]int) {
	byPkg := map[string][]int{}
	var order []string
	for i, j := range jobs {
		pkg := path.Dir(j.File)
		if byPkg[pkg] == nil {
			order = append(order, pkg)
		}
		byPkg[pkg] = append(byPkg[pkg], i)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	sampled := map[string]int{}
	var keep []int
	for _, pkg := range order {
		idx := byPkg[pkg]
		if len(idx) > n {
			sampled[pkg] = len(idx)
			perm := rng.Perm(len(idx))[:n]
			for k, p := range perm {
				perm[k] = idx[p]
			}
			idx = perm
		}
		keep = append(keep, idx...)
	}
	slices.Sort(keep)
	out := make([]*Job, len(keep))
	for k, i := range keep {
		out[k] = jobs[i]
	}
	return out, sampled
}
