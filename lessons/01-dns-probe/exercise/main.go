// Command exercise is your copy of lesson 01-dns-probe, with four exercises to do,
// each marked TODO(exercise N). `make check LESSON=01-dns-probe` tells you which
// are done; the lesson's README explains them.
//
//	go run ./lessons/01-dns-probe/exercise -offline         # the simulated internet
//	go run ./lessons/01-dns-probe/exercise -offline -words python -limit 5 -timeline
//	go run ./lessons/01-dns-probe/exercise -offline -style pull
//	go run ./lessons/01-dns-probe/exercise go.dev python.org # your names, online
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"time"

	"goasync.dev/workbook/internal/keywords"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

func main() {
	// Ctrl-C cancels ctx; every lookup still waiting sees it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// Exit codes of run.
const (
	exitOK          = 0   // every name probed: found and not found are both answers
	exitFailed      = 1   // some lookups failed, or some names are not valid
	exitUsage       = 2   // bad flags
	exitInterrupted = 130 // the shell's code for a program ended by Ctrl-C
)

// styles maps -style to the loop that prints the results as they complete.
var styles = map[string]func(context.Context, *prober, []string, io.Writer, *listing){
	"channel":   channelResults, // a goroutine per name, one channel (probe.go)
	"generator": rangeResults,   // a for loop over an iter.Seq2 (generator.go)
	"pull":      pullResults,    // the same generator driven by iter.Pull2
}

// run parses args, probes the names and returns the exit code. sim is the
// network to use; nil means the real resolver, or the simulated internet on
// loopback with -offline. Tests pass an in-memory simnet.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	flags := flag.NewFlagSet("01-dns-probe", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: 01-dns-probe [flags] [name ...]\n\nWithout names it probes <keyword>.dev for every keyword of -words.")
		flags.PrintDefaults()
	}
	style := flags.String("style", "channel", "how results are collected: channel, generator (range over iter.Seq2) or pull (iter.Pull2)")
	words := flags.String("words", "go", "whose keywords to probe as <keyword>.dev: go or python")
	offline := flags.Bool("offline", false, "ask the simulated internet on 127.0.0.1 instead of the real DNS")
	worldFile := flags.String("world", "", "a simulated world in JSON (implies -offline), e.g. testdata/simnet/default-world.json")
	timeout := flags.Duration("timeout", 3*time.Second, "give up on one lookup after this long")
	limit := flags.Int("limit", 0, "at most this many lookups at once (0: no limit)")
	canary := flags.String("canary", "www.example.com", `a name that exists: if the DNS denies it, "not found" means nothing ("" to skip)`)
	showTimeline := flags.Bool("timeline", false, "draw when each lookup ran, after the run")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	printResults, ok := styles[*style]
	switch {
	case !ok:
		fmt.Fprintf(stderr, "01-dns-probe: unknown -style %q: use channel, generator or pull\n", *style)
		return exitUsage
	case *words != "go" && *words != "python":
		fmt.Fprintf(stderr, "01-dns-probe: unknown -words %q: use go or python, or give the names as arguments\n", *words)
		return exitUsage
	case *timeout <= 0:
		fmt.Fprintf(stderr, "01-dns-probe: -timeout %s: must be a positive duration such as 3s or 500ms\n", *timeout)
		return exitUsage
	case *limit < 0:
		fmt.Fprintf(stderr, "01-dns-probe: -limit %d: use 0 for no limit, or how many lookups may run at once\n", *limit)
		return exitUsage
	}

	// The names: arguments, or every keyword as <keyword>.dev.
	names := flags.Args()
	for _, name := range names {
		if strings.HasPrefix(name, "-") {
			fmt.Fprintf(stderr, "01-dns-probe: %q after the names: put every flag before the first name\n", name)
			return exitUsage
		}
	}
	if len(names) == 0 {
		kw := keywords.Go()
		if *words == "python" {
			kw = keywords.Python()
		}
		names = keywords.Domains(kw)
	}

	// The network: the caller's, the simulated internet, or the real one.
	resolver := net.DefaultResolver
	switch {
	case sim != nil:
		resolver = sim.Resolver()
	case *offline || *worldFile != "":
		world, err := loadWorld(*worldFile, *words)
		if err != nil {
			fmt.Fprintf(stderr, "01-dns-probe: -world %s: %v\n", *worldFile, err)
			return exitUsage
		}
		n, err := simnet.NewLoopback(world)
		if err != nil {
			fmt.Fprintf(stderr, "01-dns-probe: -offline: %v\n", err)
			return exitFailed
		}
		defer n.Close()
		resolver = n.Resolver()
	}

	// A name that is not a name is reported at once, without a query.
	l := newListing(names)
	var valid []string
	for _, name := range names {
		if err := validate(name); err != nil {
			l.print(stdout, result{name: name, status: invalid, reason: "not a DNS name: " + err.Error()})
			continue
		}
		valid = append(valid, name)
	}
	if len(valid) == 0 {
		fmt.Fprintln(stderr, "01-dns-probe: nothing to probe: no name given is a valid DNS name (letters, digits and '-', labels joined by '.')")
		return exitFailed
	}

	p := &prober{resolver: resolver, timeout: *timeout, rec: timeline.New()}
	if *limit > 0 {
		p.slots = make(chan struct{}, *limit)
	}
	// The canary is looked up beside the probes and read at the end.
	canaryResult := make(chan result, 1)
	go func() { canaryResult <- checkCanary(ctx, p, *canary) }()

	start := time.Now()
	printResults(ctx, p, valid, stdout, l)
	elapsed := time.Since(start).Round(time.Millisecond)
	trust := <-canaryResult

	c := l.counts
	probed := c[found] + c[notFound] + c[failed]
	if ctx.Err() != nil {
		if *showTimeline {
			fmt.Fprintln(stdout)
			p.rec.Render(stdout)
		}
		fmt.Fprintf(stderr, "interrupted after %s: %d of %s probed, %d cancelled (exit code %d)\n",
			elapsed, probed, plural(len(valid), "name"), len(valid)-probed, exitInterrupted)
		return exitInterrupted
	}
	summary := fmt.Sprintf("probed %s in %s: %d resolved, %d not found, %s",
		plural(len(valid), "name"), elapsed, c[found], c[notFound], plural(c[failed], "error"))
	if c[invalid] > 0 {
		summary += fmt.Sprintf("; %d not valid, not queried", c[invalid])
	}
	fmt.Fprintln(stdout, summary)
	if *showTimeline {
		fmt.Fprintln(stdout)
		p.rec.Render(stdout)
	}
	return verdict(stderr, c, len(valid), *canary, trust)
}

// verdict explains on stderr what the counts mean when they are not a clean
// answer, and returns the exit code. A network that is down must never look
// like "every name is free".
func verdict(stderr io.Writer, c [cancelled + 1]int, probed int, canary string, trust result) int {
	code := exitOK
	switch {
	case c[failed] == probed:
		fmt.Fprintf(stderr, "%s: is the network up? try -offline\n", plural(c[failed], "error"))
		code = exitFailed
	case c[failed] > 0:
		fmt.Fprintf(stderr, "%d of %s failed (marked !): those names may be free or taken; try again, or a longer -timeout\n",
			c[failed], plural(probed, "lookup"))
		code = exitFailed
	}
	if canary != "" && trust.status != found && c[failed] < probed {
		fmt.Fprintf(stderr, "the DNS answered %q for %s, a name that exists: \"not found\" above can not be trusted; is the network up? try -offline\n",
			trust.note(), canary)
		code = exitFailed
	}
	if c[invalid] > 0 {
		fmt.Fprintf(stderr, "%s not valid (marked x): use letters, digits and '-', labels joined by '.'\n", plural(c[invalid], "name"))
		code = exitFailed
	}
	return code
}

// checkCanary looks up a name that must exist. A resolver that denies it
// (a sandbox, a captive portal, a broken DNS) denies everything, and then
// "not found" means nothing. It is probe's lookup without probe's bar on the
// timeline: the canary is not one of the names asked about.
func checkCanary(ctx context.Context, p *prober, canary string) result {
	if canary == "" {
		return result{status: found}
	}
	lookupCtx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	addrs, err := p.resolver.LookupNetIP(lookupCtx, "ip", canary)
	return classify(ctx, canary, addrs, err, p.timeout)
}

// loadWorld returns the world of -world, or the default one for -words.
func loadWorld(file, words string) (*simnet.World, error) {
	if file != "" {
		return simnet.LoadWorld(file)
	}
	if words == "python" {
		return simnet.DefaultWorld(simnet.WithPythonKeywords()), nil
	}
	return simnet.DefaultWorld(), nil
}

// plural writes "1 name", "2 names".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
