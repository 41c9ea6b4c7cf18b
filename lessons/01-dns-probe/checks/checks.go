// Package checks holds the test code of lesson 01-dns-probe that the
// reference (lessons/01-dns-probe) and the learner's copy
// (lessons/01-dns-probe/exercise) share: each passes its own run function
// to the same checks, which run it against the simulated internet.
package checks

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"goasync.dev/workbook/internal/exercise"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/keywords"
	"goasync.dev/workbook/internal/lessontest"
	"goasync.dev/workbook/internal/simnet"
)

// Lesson is the name of the lesson's folders in lessons/ and testdata/.
const Lesson = "01-dns-probe"

// Runner is the lesson's run function: flags in, exit code out. sim is the
// network to use (nil: the real one, or loopback with -offline).
type Runner func(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int

// Result is one run of the lesson.
type Result = lessontest.Result

// Virtual runs the lesson inside a synctest bubble against world (nil: the
// default world) served in memory, so every latency is exact virtual time
// and costs no real time. If cancelAfter > 0 the context is cancelled after
// that much virtual time, as Ctrl-C would. A goroutine the run leaves
// blocked is reported as an error. Answer lines printed at one instant are
// sorted by name: their order is the scheduler's (order.go).
func Virtual(t *testing.T, run Runner, world *simnet.World, cancelAfter time.Duration, args ...string) (res Result) {
	t.Helper()
	if world == nil {
		world = simnet.DefaultWorld()
	}
	returned := false
	dl := lessontest.VirtualDeadlock(t, cancelAfter, func(t *testing.T, ctx context.Context) {
		n, err := simnet.NewMemory(world)
		if err != nil {
			t.Fatalf("the world of this check is invalid: %v", err)
		}
		defer n.Close()
		res = callInOrder(ctx, run, n, args) // order.go: answers of one instant sorted
		returned = true
	})
	switch {
	case dl == nil:
	case returned:
		// The stacks on the lines below are for make check to read.
		t.Errorf("the run returned after %v but left goroutines blocked for good (a pulled generator that was never stopped?):\n%v", res.Elapsed, dl)
	default:
		t.Errorf("the run never ended: every goroutine was blocked for good:\n%v", dl)
		res.Code = -1
	}
	return res
}

// Real runs the lesson on the real clock against sim (nil: the real network,
// or loopback with -offline).
func Real(ctx context.Context, run Runner, sim *simnet.Net, args ...string) Result {
	return call(ctx, run, sim, args)
}

func call(ctx context.Context, run Runner, sim *simnet.Net, args []string) Result {
	return lessontest.Call(func(stdout, stderr io.Writer) int { return run(ctx, args, stdout, stderr, sim) })
}

// Latencies returns the latency of each name in world, in the order given.
func Latencies(t testing.TB, world *simnet.World, names []string) []time.Duration {
	t.Helper()
	var out []time.Duration
	for _, name := range names {
		i := slices.IndexFunc(world.Domains, func(d simnet.Domain) bool { return d.Name == name })
		if i < 0 {
			t.Fatalf("%s is not in the world", name)
		}
		out = append(out, time.Duration(world.Domains[i].Latency))
	}
	return out
}

// Schedule returns how long lookups of these latencies take when at most
// limit run at once (0: no limit) and each starts, in input order, as soon
// as a slot is free: a pool of limit workers, simulated on paper.
func Schedule(latencies []time.Duration, limit int) time.Duration {
	if limit <= 0 {
		limit = len(latencies)
	}
	// When each slot is next free; a slot beyond one per lookup would stay free.
	free := make([]time.Duration, min(limit, len(latencies)))
	var end time.Duration
	for _, l := range latencies {
		slot := slices.Index(free, slices.Min(free))
		free[slot] += l
		end = max(end, free[slot])
	}
	return end
}

// Names returns the names of a listing's result lines, in printed order.
func Names(stdout string) []string {
	var names []string
	for line := range strings.Lines(stdout) {
		if _, name, ok := parse(line); ok {
			names = append(names, name)
		}
	}
	return names
}

// Marks maps each name of a listing to its mark.
func Marks(stdout string) map[string]string {
	marks := map[string]string{}
	for line := range strings.Lines(stdout) {
		if mark, name, ok := parse(line); ok {
			marks[name] = mark
		}
	}
	return marks
}

// parse splits a result line, "+ go.dev  192.0.2.10", into its mark and
// name; a name shown quoted ("bad name") is unquoted.
func parse(line string) (mark, name string, ok bool) {
	if len(line) < 3 || line[1] != ' ' || !strings.ContainsAny(line[:1], "+ !x") || line[2] == ' ' {
		return "", "", false
	}
	rest := line[2:]
	if q, err := strconv.QuotedPrefix(rest); err == nil {
		name, _ = strconv.Unquote(q)
		return line[:1], name, true
	}
	return line[:1], strings.Fields(rest)[0], true
}

// FaultArgs probe a free name, a taken one, a failing server and a silent
// one, with a 1 s timeout.
var FaultArgs = []string{"-timeout", "1s", simnet.ServfailName, simnet.SilentName, "for.dev", "go.dev"}

// Exercises returns the lesson's exercises, checked against run of the copy
// under test.
func Exercises(run Runner) []exercise.Exercise {
	return []exercise.Exercise{
		{
			Name: "fan-out",
			Goal: "every name is looked up at once, and printed as its answer arrives: 25 names in 260ms",
			Hints: []string{
				"in probeAll, start each p.probe in its own goroutine (wg.Go) and send its result into results",
				"close(results) only after wg.Wait(), so the range over results ends",
			},
			Check: func(t *testing.T) { checkFanOut(t, run) },
		},
		{
			Name:  "errors",
			Goal:  "a lookup that fails (SERVFAIL, timeout) is marked ! with its reason, not taken for a free name",
			Hints: []string{"in classify, only dnsErr.IsNotFound means notFound; check dnsErr.IsTimeout and the rest as failed"},
			Check: func(t *testing.T) { checkErrors(t, run) },
		},
		{
			Name: "limit",
			Goal: "-limit 5 runs at most 5 lookups at once, starting each as a slot frees up",
			Hints: []string{
				"in acquire, send into p.slots (select with ctx.Done()); in release, receive from it",
				"finish exercise 1 first: a limit means nothing while the lookups run one at a time",
			},
			Check: func(t *testing.T) { checkLimit(t, run) },
		},
		{
			Name:  "pull-stop",
			Goal:  "-style pull stops its generator on Ctrl-C, so no goroutine is left behind, and exits 130",
			Hints: []string{"in pullResults, `defer stop()` right after iter.Pull2"},
			Check: func(t *testing.T) { checkPullStop(t, run) },
		},
	}
}

// checkFanOut: the default run takes the slowest latency and prints in
// completion order.
func checkFanOut(t *testing.T, run Runner) {
	world := simnet.DefaultWorld()
	res := Virtual(t, run, world, 0)
	names := Names(res.Stdout)
	want := slices.Max(Latencies(t, world, names))
	golden.Compare(t, Lesson, "channel", []byte(res.Output()))
	if res.Elapsed != want {
		t.Errorf("probing %d names took %v, want %v (the slowest lookup): are the lookups started one goroutine per name, before any answer is awaited?", len(names), res.Elapsed, want)
	}
}

// checkErrors: each kind of failure gets its own mark.
func checkErrors(t *testing.T, run Runner) {
	res := Virtual(t, run, nil, 0, FaultArgs...)
	marks := Marks(res.Stdout)
	for _, name := range []string{simnet.ServfailName, simnet.SilentName, "for.dev", "go.dev"} {
		want := map[string]string{simnet.ServfailName: "!", simnet.SilentName: "!", "for.dev": " ", "go.dev": "+"}[name]
		if marks[name] != want {
			t.Errorf("%s is marked %q, want %q: a failed lookup says nothing about whether the name is free", name, marks[name], want)
		}
	}
	for _, reason := range []string{"server failure (SERVFAIL)", "no answer within 1s (timeout)"} {
		if !strings.Contains(res.Stdout, reason) {
			t.Errorf("no line gives the reason %q", reason)
		}
	}
	if res.Code != 1 {
		t.Errorf("exit code %d, want 1 when lookups failed", res.Code)
	}
	checkOtherErrors(t, run)
}

// checkOtherErrors: with the network down no server answered at all, so
// no lookup may be called a SERVFAIL; each keeps its own reason.
func checkOtherErrors(t *testing.T, run Runner) {
	var res Result
	synctest.Test(t, func(t *testing.T) {
		n, err := simnet.NewMemory(simnet.DefaultWorld())
		if err != nil {
			t.Fatalf("the world of this check is invalid: %v", err)
		}
		n.Close() // the network is down: every dial fails
		res = Real(context.Background(), run, n, "go.dev")
	})
	if strings.Contains(res.Stdout, "SERVFAIL") {
		line, _, _ := strings.Cut(res.Stdout, "\n")
		t.Errorf("with the network down, go.dev is labelled \"server failure (SERVFAIL)\" (%q): no server answered, so nothing failed with SERVFAIL. "+
			"Only IsTemporary with Err \"server misbehaving\" is a SERVFAIL; any other error keeps its own reason (dnsErr.Err)", line)
	}
}

// checkLimit: -limit 5 takes exactly the time a 5-slot pool takes.
func checkLimit(t *testing.T, run Runner) {
	world := simnet.DefaultWorld()
	res := Virtual(t, run, world, 0, "-limit", "5", "-timeline")
	input := Latencies(t, world, keywords.Domains(keywords.Go()))
	want := Schedule(input, 5)
	golden.Compare(t, Lesson, "limit5-timeline", []byte(res.Output()))
	if res.Elapsed != want {
		t.Errorf("-limit 5 took %v, want %v (5 lookups at a time, each starting as a slot frees up; %v with no limit, %v one at a time)",
			res.Elapsed, want, Schedule(input, 0), Schedule(input, 1))
		if res.Elapsed == Schedule(input, 0) && releasedOutsideLookup("probe.go") {
			exercise.Hint(t, "in probeAll, p.release() runs as soon as wg.Go has started the lookup, so the slot is free again at once: "+
				"release it inside the goroutine, when the lookup is over (defer p.release()). acquire is fine.")
		}
		return
	}
	checkLimitCancel(t, run)
}

// checkLimitCancel: after Ctrl-C, acquire gives up instead of waiting for a
// slot, so the names not yet started are never looked up. (Even a right
// acquire may, when a slot and ctx.Done() are ready at once, start one more:
// select picks at random. Only one that starts every one of them is wrong.)
func checkLimitCancel(t *testing.T, run Runner) {
	const after = 45 * time.Millisecond
	res := Virtual(t, run, nil, after, "-limit", "1", "-timeline")
	started, late := 0, []string{}
	for _, row := range timelineRows(res.Stdout) {
		started++
		if row.start >= after {
			late = append(late, row.name)
		}
	}
	if len(late) > 1 && started == len(keywords.Go()) {
		t.Errorf("after Ctrl-C at %v with -limit 1, the %d names not yet started were all still looked up (%s ... %s): "+
			"acquire waits for a free slot even when ctx is cancelled. Select on ctx.Done() beside the send into p.slots, and return false when it wins",
			after, len(late), late[0], late[len(late)-1])
	}
}

// row is a line of the -timeline chart: a name and when its lookup started.
type row struct {
	name  string
	start time.Duration
}

var rowRE = regexp.MustCompile(`(?m)^(\S+)\s.*?\s(\S+) \.\. \S+\s`)

func timelineRows(stdout string) []row {
	var rows []row
	for _, m := range rowRE.FindAllStringSubmatch(stdout, -1) {
		if d, err := time.ParseDuration(m[2]); err == nil {
			rows = append(rows, row{m[1], d})
		}
	}
	return rows
}

// releasedOutsideLookup reports whether, in the probeAll of the Go file
// path, p.release() is called outside the goroutine that calls p.probe:
// a slot handed back before its lookup is over. A call in probeAll's own
// body, outside any func literal, is in its nil literal.
func releasedOutsideLookup(path string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return false
	}
	var probeIn, releaseIn []*ast.FuncLit
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "probeAll" || fn.Body == nil {
			continue
		}
		var lits []*ast.FuncLit
		var walk func(n ast.Node) bool
		walk = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				lits = append(lits, n)
				ast.Inspect(n.Body, walk)
				lits = lits[:len(lits)-1]
				return false
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					break
				}
				var in *ast.FuncLit
				if len(lits) > 0 {
					in = lits[len(lits)-1]
				}
				switch sel.Sel.Name {
				case "probe":
					probeIn = append(probeIn, in)
				case "release":
					releaseIn = append(releaseIn, in)
				}
			}
			return true
		}
		ast.Inspect(fn.Body, walk)
	}
	if len(probeIn) == 0 || len(releaseIn) == 0 {
		return false
	}
	for _, r := range releaseIn {
		if slices.Contains(probeIn, r) {
			return false
		}
	}
	return true
}

// checkPullStop: Ctrl-C during -style pull ends the run at once, with
// exit code 130 and no goroutine left waiting (Virtual reports one).
func checkPullStop(t *testing.T, run Runner) {
	after := CtrlCAt(t, simnet.DefaultWorld(), keywords.Domains(keywords.Go()))
	res := Virtual(t, run, nil, after, "-style", "pull")
	if res.Code != 130 {
		t.Errorf("exit code %d after Ctrl-C, want 130", res.Code)
	}
	if res.Elapsed != after {
		t.Errorf("after Ctrl-C at %v the run went on until %v", after, res.Elapsed)
	}
}
