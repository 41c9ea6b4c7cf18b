package main

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/keywords"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/lessons/01-dns-probe/checks"
)

// tiedWorld is world with its latencies edited as an instructor might: each
// rounded down to a step of 50ms from 20ms, so that five names share each
// latency (20ms, 70ms, 120ms, 170ms, 220ms in the default world).
func tiedWorld(world *simnet.World) *simnet.World {
	const first, step = 20 * time.Millisecond, 50 * time.Millisecond
	for i, d := range world.Domains {
		if l := time.Duration(d.Latency); l >= first {
			world.Domains[i].Latency = simnet.Duration(first + (l-first)/step*step)
		}
	}
	return world
}

// denyAll makes every name of world that answers answer NXDOMAIN.
func denyAll(world *simnet.World) *simnet.World {
	for i, d := range world.Domains {
		if !d.Silent {
			world.Domains[i].Rcode, world.Domains[i].Addrs = "NXDOMAIN", nil
		}
	}
	return world
}

// TestTiedLatenciesDeterministic: an instructor who gives several names one
// latency, then runs `make golden`, gets golden files that hold run after
// run. Every run behind a golden file is repeated 20 times on such a world
// and must print the same each time: answers of one instant in order of
// name, and Ctrl-C between two answers, never at one.
func TestTiedLatenciesDeterministic(t *testing.T) {
	goNames := keywords.Domains(keywords.Go())
	world := tiedWorld(simnet.DefaultWorld())
	python := tiedWorld(simnet.DefaultWorld(simnet.WithPythonKeywords()))
	ctrlC := checks.CtrlCAt(t, world, goNames)
	require.Equal(t, 95*time.Millisecond, ctrlC, "between the 70ms and the 120ms answers")
	for _, tc := range []struct {
		golden string
		world  *simnet.World
		after  time.Duration
		args   []string
	}{
		{"channel", world, 0, nil},
		{"channel-timeline", world, 0, []string{"-timeline"}},
		{"generator", world, 0, []string{"-style", "generator"}},
		{"generator-timeline", world, 0, []string{"-style", "generator", "-timeline"}},
		{"pull", world, 0, []string{"-style", "pull"}},
		{"pull-timeline", world, 0, []string{"-style", "pull", "-timeline"}},
		{"python", python, 0, []string{"-words", "python"}},
		{"python-timeline", python, 0, []string{"-words", "python", "-style", "generator", "-timeline"}},
		{"limit5-timeline", world, 0, []string{"-limit", "5", "-timeline"}},
		{"faults", world, 0, checks.FaultArgs},
		{"untrusted", denyAll(tiedWorld(simnet.DefaultWorld())), 0, nil},
		{"cancelled", world, ctrlC, []string{"-style", "channel"}},
		{"cancelled", world, ctrlC, []string{"-style", "generator"}},
		{"cancelled", world, ctrlC, []string{"-style", "pull"}},
		{"cancelled-timeline", world, ctrlC, []string{"-timeline"}},
		{"invalid", world, 0, []string{"-timeline", "go.dev", "bad name.dev", "a..dev", "192.0.2.1", "for.dev"}},
	} {
		first := checks.Virtual(t, run, tc.world, tc.after, tc.args...)
		for i := range 19 {
			res := checks.Virtual(t, run, tc.world, tc.after, tc.args...)
			if !assert.Equal(t, first.Output(), res.Output(), "%s %v: run %d differs from run 1", tc.golden, tc.args, i+2) {
				break
			}
		}
		// The one order printed is completion order, ties by name.
		names := checks.Names(first.Stdout)
		if tc.golden == "invalid" {
			names = names[3:] // the three invalid names come first, in input order
		}
		lat := checks.Latencies(t, tc.world, names)
		if tc.golden != "limit5-timeline" && tc.golden != "faults" {
			assert.True(t, slices.IsSortedFunc(names, func(a, b string) int {
				i, j := slices.Index(names, a), slices.Index(names, b)
				return cmp.Or(cmp.Compare(lat[i], lat[j]), cmp.Compare(a, b))
			}), "%s %v: in order of latency, then name: %v", tc.golden, tc.args, names)
		}
	}
	// Ctrl-C between two answers: exactly the ten names of 20ms and 70ms
	// were printed.
	res := checks.Virtual(t, run, world, ctrlC)
	assert.Len(t, checks.Names(res.Stdout), 10)
	assert.Contains(t, res.Stderr, "interrupted after 95ms: 10 of 25 names probed, 15 cancelled")
}
