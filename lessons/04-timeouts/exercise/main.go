// Command exercise is your copy of lesson 04-timeouts, with four exercises to do,
// each marked TODO(exercise N). `make check LESSON=04-timeouts` tells you which
// are done; the lesson's README explains them.
//
//	go run ./lessons/04-timeouts/exercise                   # -mode total -timeout 300ms
//	go run ./lessons/04-timeouts/exercise -mode per-request -timeline
//	go run ./lessons/04-timeouts/exercise -mode hedge -hedge 100ms
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"goasync.dev/workbook/internal/cli"
	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

func main() {
	// Ctrl-C (SIGINT) or SIGTERM cancels ctx; every fetch still running sees it.
	ctx, stop := signal.NotifyContext(context.Background(), cli.Signals...)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// Exit codes of run.
const (
	exitOK         = 0
	exitCut        = 1 // a URL failed or was cut by the deadline, or the output was lost
	exitUsage      = 2
	defaultTimeout = 300 * time.Millisecond
	defaultHedge   = 100 * time.Millisecond
	// cancelAt is when -mode cancel-one cancels httpbin.org's fetch: after
	// python.org answered (150ms), before example.com does (250ms).
	cancelAt = 200 * time.Millisecond
)

// modes lists -mode's values, in the order -h and messages name them.
var modes = []string{"total", "per-request", "cancel-one", "shield", "hedge"}

// run parses args, runs the chosen mode on the simulated internet and
// returns the exit code. sim is the network (tests pass one in memory);
// nil serves the lesson's world on 127.0.0.1.
func run(parent context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	flags := flag.NewFlagSet("04-timeouts", flag.ContinueOnError)
	mode := flags.String("mode", "total", "what to show: "+strings.Join(modes, ", "))
	timeout := flags.Duration("timeout", defaultTimeout, "the deadline of -mode total (all URLs), per-request (each) and shield")
	hedge := flags.Duration("hedge", defaultHedge, "-mode hedge: how long to wait for the first mirror before asking the second")
	showTimeline := flags.Bool("timeline", false, "draw when each request ran, after the run")
	if code, ok := cli.Parse(flags, args, stderr, "usage: 04-timeouts [flags]\n\nIt fetches from the simulated internet: "+strings.Join(fetch.DefaultURLs, ", ")+" and two mirrors."); !ok {
		return code
	}
	if msg := validate(*mode, *timeout, *hedge, flags.Args()); msg != "" {
		fmt.Fprintf(stderr, "04-timeouts: %s\n", msg)
		return exitUsage
	}
	if msg := unused(flags, *mode); msg != "" {
		fmt.Fprintf(stderr, "04-timeouts: %s\n", msg)
		return exitUsage
	}
	if sim == nil {
		n, err := simnet.NewLoopback(lessonWorld())
		if err != nil {
			fmt.Fprintf(stderr, "04-timeouts: cannot start the simulated internet: %v\n", err)
			return exitCut
		}
		defer n.Close()
		sim = n
	}
	c := &fetch.Client{HTTP: sim.Client(0), MaxBody: 1 << 20, Timeline: timeline.New()}
	defer c.HTTP.CloseIdleConnections()
	if *showTimeline {
		c.Trace()
	}
	out := cli.NewWriter(stdout)

	// Ctrl-C cancels every fetch with the cause "interrupted", whatever
	// deadline a mode puts on top.
	ctx, cancel := context.WithCancelCause(context.WithoutCancel(parent))
	defer cancel(nil)
	stopAfter := context.AfterFunc(parent, func() { cancel(fetch.ErrInterrupted) })
	defer stopAfter()

	urls := fetch.DefaultURLs
	if *mode == "hedge" {
		urls = []string{slowMirror, fastMirror}
	}
	s := newStage(out, urls...)
	var results []fetch.Result
	switch *mode {
	case "total":
		fmt.Fprintf(out, "deadline %v for all %d URLs, fetched at once\n", *timeout, len(urls))
		results = fetchAllWithin(ctx, c, urls, *timeout, s)
	case "per-request":
		fmt.Fprintf(out, "deadline %v for each URL, fetched one after the other\n", *timeout)
		results = fetchEachWithin(ctx, c, urls, *timeout, s)
	case "cancel-one":
		fmt.Fprintf(out, "%d URLs fetched at once; %s is cancelled at %v\n", len(urls), simnet.HTTPBinURL, cancelAt)
		results = fetchCancelOne(ctx, c, urls, simnet.HTTPBinURL, cancelAt, s)
	case "shield":
		urls = []string{simnet.HTTPBinURL}
		fmt.Fprintf(out, "deadline %v for the wait, not for the fetch\n", *timeout)
		r := fetchShielded(ctx, c, simnet.HTTPBinURL, *timeout, ctx.Done(), s)
		s.result(r)
		results = []fetch.Result{r}
	case "hedge":
		fmt.Fprintf(out, "one file from two mirrors, hedged after %v\n", *hedge)
		r := hedged(ctx, c, slowMirror, fastMirror, *hedge, s)
		s.result(r)
		results = []fetch.Result{r}
	}
	elapsed := s.since()
	code, complaint := report(parent, out, *mode, *timeout, urls, results, elapsed)
	if *showTimeline {
		fmt.Fprintln(out)
		c.Timeline.Render(out)
	}
	// One line on stderr: that the output was lost says more than why the
	// run (which no one could read) did not fully succeed.
	if err := out.Err(); err != nil {
		fmt.Fprintf(stderr, "04-timeouts: the output was lost: %v (exit code %d)\n", err, exitCut)
		return exitCut
	}
	if complaint != "" {
		fmt.Fprintln(stderr, complaint)
	}
	return code
}

// validate checks the flags once parsed and returns what is wrong, or "".
func validate(mode string, timeout, hedge time.Duration, args []string) string {
	known := false
	for _, m := range modes {
		known = known || m == mode
	}
	switch {
	case !known:
		return fmt.Sprintf("unknown -mode %s: use %s", cli.Quote(mode), strings.Join(modes, ", "))
	case timeout <= 0:
		return fmt.Sprintf("-timeout %v: must be a positive duration such as 300ms (a deadline of 0 or less would cut everything before it starts)", timeout)
	case hedge <= 0:
		return fmt.Sprintf("-hedge %v: must be a positive duration such as 100ms (to ask both mirrors at once, see lesson 03-fetch-v2's challenge)", hedge)
	case len(args) > 0:
		return fmt.Sprintf("unexpected argument %s: this lesson fetches its own URLs and takes only flags (see -h)", cli.Quote(args[0]))
	}
	return ""
}

// usedBy names the modes that read each mode-specific flag.
var usedBy = map[string][]string{
	"timeout": {"total", "per-request", "shield"},
	"hedge":   {"hedge"},
}

// unused returns the complaint about a flag set on the command line that
// mode never reads ("" if none): silently ignoring it would let a learner
// think it changed the run.
func unused(flags *flag.FlagSet, mode string) string {
	var msg string
	flags.Visit(func(f *flag.Flag) {
		if modes, ok := usedBy[f.Name]; ok && msg == "" && !slices.Contains(modes, mode) {
			msg = fmt.Sprintf("-%s does nothing in -mode %s: it is read only by -mode %s", f.Name, mode, strings.Join(modes, ", "))
		}
	})
	return msg
}

// report prints the summary line and returns the exit code, and the line
// for stderr that says why the run did not fully succeed ("" if it did).
func report(parent context.Context, out io.Writer, mode string, timeout time.Duration, urls []string, results []fetch.Result, elapsed time.Duration) (int, string) {
	fine, failed, cut := fetch.Tally(results)
	fmt.Fprintf(out, "%s in %v: %d ok, %d failed, %d cut\n", plural(len(results), "URL"), elapsed, fine, failed, cut)
	all := plural(len(results), "URL")
	switch {
	case parent.Err() != nil:
		code, how := cli.Interrupted(parent)
		return code, fmt.Sprintf("%s after %v: %d of %s finished (exit code %d)", how, elapsed, fine+failed, all, code)
	case mode == "cancel-one" && failed == 0 && cut == 1:
		return exitOK, "" // the one cancelled on purpose
	case cut == len(results) && (mode == "total" || mode == "per-request"):
		return exitCut, fmt.Sprintf("every URL was cut: -timeout %v passed before any answered (the fastest, %s, takes %v); raise -timeout (exit code %d)",
			timeout, fetch.Display(fastest(urls)), latency(fastest(urls)), exitCut)
	case cut > 0:
		return exitCut, fmt.Sprintf("%d of %s cut by -timeout %v: raise it to let them finish (exit code %d)", cut, all, timeout, exitCut)
	case failed > 0:
		return exitCut, fmt.Sprintf("%d of %s failed; each is marked ! with what to do (exit code %d)", failed, all, exitCut)
	}
	return exitOK, ""
}

// fastest returns the URL of urls that the lesson's world answers first.
func fastest(urls []string) string {
	return slices.MinFunc(urls, func(a, b string) int { return cmp.Compare(latency(a), latency(b)) })
}

// latency is how long url of the lesson's world takes to answer.
func latency(url string) time.Duration {
	d, _ := latencyOf(url)
	return d
}

// plural is "1 URL", "3 URLs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
