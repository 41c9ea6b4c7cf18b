// Command 01-dns-probe asks the DNS about every Go keyword as <keyword>.dev,
// all at once, and prints each answer as it arrives: Python's asyncio
// as_completed over getaddrinfo coroutines, in Go.
//
//	go run ./lessons/01-dns-probe -offline                  # the simulated internet
//	go run ./lessons/01-dns-probe -offline -words python -limit 5 -timeline
//	go run ./lessons/01-dns-probe -offline -style pull
//	go run ./lessons/01-dns-probe go.dev python.org         # your names, online
//
// The idea is in probe.go (fan-out and fan-in), limit.go (the semaphore)
// and generator.go (the iterator); classify.go, validate.go, canary.go,
// report.go and timeline.go say what the answers mean and show them; this
// file reads the flags and wires the network.
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
	exitFailed      = 1   // some lookups failed, some names are not valid, or the output was lost
	exitUsage       = 2   // bad flags
	exitInterrupted = 130 // the shell's code for a program ended by Ctrl-C
)

// styles maps -style to the loop that prints the results as they complete.
var styles = map[string]func(context.Context, *prober, []string, io.Writer, *listing){
	"channel":   channelResults, // a goroutine per name, one channel (probe.go)
	"generator": rangeResults,   // a for loop over an iter.Seq2 (generator.go)
	"pull":      pullResults,    // the same generator driven by iter.Pull2
}

// options are the flags of one run.
type options struct {
	style, words, world, canary string
	offline, timeline           bool
	timeout                     time.Duration
	limit                       int
	names                       []string
}

// run parses args, probes the names and returns the exit code. sim is the
// network to use; nil means the real resolver, or the simulated internet on
// loopback with -offline. Tests pass an in-memory simnet.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	o, code := parse(args, stderr)
	if code >= 0 {
		return code
	}

	// The network: the caller's, the simulated internet, or the real one.
	var res resolver = net.DefaultResolver
	offline := sim != nil || o.offline || o.world != ""
	switch {
	case sim != nil:
		res = sim.Resolver()
	case offline:
		world, err := loadWorld(o.world, o.words)
		if err != nil {
			fmt.Fprintf(stderr, "01-dns-probe: -world %s: %v\n", o.world, err)
			return exitUsage
		}
		n, err := simnet.NewLoopback(world)
		if err != nil {
			fmt.Fprintf(stderr, "01-dns-probe: -offline: %v\n", err)
			return exitFailed
		}
		defer n.Close()
		res = n.Resolver()
	}

	out := &errWriter{w: stdout}
	code = probeNames(ctx, o, res, offline, out, stderr)
	if out.err != nil {
		fmt.Fprintf(stderr, "01-dns-probe: the results could not be written: %v\n", out.err)
		return max(code, exitFailed)
	}
	return code
}

// probeNames reports the invalid names, probes the valid ones with the
// canary beside them, and prints the summary and the verdict.
func probeNames(ctx context.Context, o options, res resolver, offline bool, stdout, stderr io.Writer) int {
	// A name that is not a name is reported at once, without a query.
	l := newListing(o.names)
	var valid []string
	for _, name := range o.names {
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

	rec := timeline.New()
	p := &prober{resolver: traced{res, rec, o.timeout}, timeout: o.timeout}
	if o.limit > 0 {
		p.slots = make(chan struct{}, o.limit)
	}
	// The canary is looked up beside the probes and read at the end.
	canaryResult := make(chan result, 1)
	go func() { canaryResult <- checkCanary(ctx, &prober{resolver: res, timeout: o.timeout}, o.canary) }()

	start := time.Now()
	styles[o.style](ctx, p, valid, stdout, l)
	trust := <-canaryResult
	elapsed := time.Since(start).Round(time.Millisecond)

	if ctx.Err() != nil {
		if o.timeline {
			fmt.Fprintln(stdout)
			rec.Render(stdout)
		}
		fmt.Fprintf(stderr, "interrupted after %s: %d of %s probed, %d cancelled (exit code %d)\n",
			elapsed, l.probed(), plural(len(valid), "name"), len(valid)-l.probed(), exitInterrupted)
		return exitInterrupted
	}
	fmt.Fprintln(stdout, l.summary(len(valid), elapsed))
	if o.timeline {
		fmt.Fprintln(stdout)
		rec.Render(stdout)
	}
	code := l.verdict(stderr, l.probed(), offline, inFlight(len(valid), o.limit))
	if l.counts[failed] < l.probed() {
		code = max(code, canaryVerdict(stderr, o.canary, trust, l.counts, offline))
	}
	return code
}

// parse reads the flags and the names. It returns code -1 to go on, or the
// exit code when the run ends here (-h, or bad input, named on stderr).
func parse(args []string, stderr io.Writer) (o options, code int) {
	flags := flag.NewFlagSet("01-dns-probe", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: 01-dns-probe [flags] [name ...]\n\nWithout names it probes <keyword>.dev for every keyword of -words.")
		flags.PrintDefaults()
	}
	flags.StringVar(&o.style, "style", "channel", "how results are collected: channel, generator (range over iter.Seq2) or pull (iter.Pull2)")
	flags.StringVar(&o.words, "words", "go", "whose keywords to probe as <keyword>.dev: go or python")
	flags.BoolVar(&o.offline, "offline", false, "ask the simulated internet on 127.0.0.1 instead of the real DNS")
	flags.StringVar(&o.world, "world", "", "a simulated world in JSON (implies -offline), e.g. testdata/simnet/default-world.json")
	o.timeout = 3 * time.Second
	flags.Var(durationFlag{&o.timeout}, "timeout", "give up on one lookup after this `duration`, e.g. 3s or 500ms")
	flags.IntVar(&o.limit, "limit", defaultLimit, "at most this many lookups at once (0: no limit, every name at once)")
	flags.StringVar(&o.canary, "canary", "www.example.com", `a name that exists: if the DNS denies it, "not found" means nothing ("" to skip)`)
	flags.BoolVar(&o.timeline, "timeline", false, "draw when each lookup ran, after the run")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, exitOK
		}
		return o, exitUsage
	}
	if msg := o.check(); msg != "" {
		fmt.Fprintln(stderr, "01-dns-probe: "+msg)
		return o, exitUsage
	}

	// The names: arguments, or every keyword as <keyword>.dev.
	o.names = flags.Args()
	for _, name := range o.names {
		if strings.HasPrefix(name, "-") {
			fmt.Fprintf(stderr, "01-dns-probe: %q after the names: put every flag before the first name\n", name)
			return o, exitUsage
		}
	}
	if len(o.names) == 0 {
		kw := keywords.Go()
		if o.words == "python" {
			kw = keywords.Python()
		}
		o.names = keywords.Domains(kw)
	}
	return o, -1
}

// check returns what is wrong with the flags' values, or "".
func (o options) check() string {
	if _, ok := styles[o.style]; !ok {
		return fmt.Sprintf("unknown -style %q: use channel, generator or pull", o.style)
	}
	switch {
	case o.words != "go" && o.words != "python":
		return fmt.Sprintf("unknown -words %q: use go or python, or give the names as arguments", o.words)
	case o.timeout <= 0:
		return fmt.Sprintf("-timeout %s: must be a positive duration such as 3s or 500ms", o.timeout)
	case o.limit < 0:
		return fmt.Sprintf("-limit %d: use 0 for no limit, or how many lookups may run at once", o.limit)
	}
	if o.canary != "" {
		if err := validate(o.canary); err != nil {
			return fmt.Sprintf("-canary %s: not a DNS name: %v", display(o.canary), err)
		}
	}
	return ""
}

// durationFlag is a time.Duration flag whose error says what to write:
// the flag package's own says only "parse error".
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		if strings.Contains(err.Error(), "missing unit") {
			return fmt.Errorf("a number needs a unit: write %ss or %sms", s, s)
		}
		return errors.New("not a duration: write it as 3s, 500ms or 1m30s")
	}
	*f.d = d
	return nil
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
