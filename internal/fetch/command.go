package fetch

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"time"

	"goasync.dev/workbook/internal/cli"
	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/timeline"
)

// Exit codes of Command.Run.
const (
	ExitOK          = 0                   // every URL fetched, with a 2xx status
	ExitFailed      = 1                   // some URL failed
	ExitUsage       = 2                   // bad flags
	ExitInterrupted = cli.ExitInterrupted // the shell's code for a program ended by Ctrl-C (SIGINT)
	ExitTerminated  = cli.ExitTerminated  // ... and by SIGTERM, which is handled the same way
)

// DefaultURLs are the Python lesson's three URLs, in its order.
var DefaultURLs = []string{simnet.ExampleURL, simnet.HTTPBinURL, simnet.PythonURL}

// ErrInterrupted is the cause of a cancellation by Ctrl-C.
var ErrInterrupted = errors.New("interrupted")

// Command is one lesson's program: its name, its way of awaiting the
// fetches, and the flags it adds to the common ones.
type Command struct {
	Name string // "03-fetch-v1", in messages and usage
	// FetchAll fetches every URL with c and prints each result through p.
	// It returns the results, one per URL.
	FetchAll func(ctx context.Context, c *Client, urls []string, p *Printer) []Result
	// Flags, if set, adds the lesson's own flags.
	Flags func(*flag.FlagSet)
	// Validate, if set, checks those flags once parsed: its error is printed
	// after the program's name, and the exit code is ExitUsage.
	Validate func() error
}

// options are the flags every version shares.
type options struct {
	offline  bool
	world    string
	timeout  time.Duration
	maxBody  int64
	timeline bool
	urls     []string
}

// Run parses args, fetches the URLs and returns the exit code. sim is the
// network to use; nil means the real network, or the simulated internet on
// loopback with -offline. Tests pass an in-memory simnet. Cancelling parent
// is Ctrl-C: every fetch still in flight ends, and what finished is printed.
func (cmd Command) Run(parent context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
	opts, code, proceed := cmd.parse(args, stderr)
	if !proceed {
		return code
	}
	// MaxBody+1 bytes are read: keep it below math.MaxInt64, where the +1
	// would wrap around to a negative limit (every body 0 bytes).
	c := &Client{MaxBody: min(opts.maxBody, math.MaxInt64-1), Timeline: timeline.New()}
	closeNet, code, err := cmd.connect(c, opts, sim)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd.Name, err)
		return code
	}
	defer closeNet()
	// Go follows redirects by default; httpx, since 0.20, does not. Do as
	// the Python does: a 3xx is the result, shown with its status.
	c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	// -timeline: each request is drawn from the moment it is sent until its
	// body is closed, by a wrapper around the transport (trace.go). Only
	// then: with a transport it does not know, net/http watches -timeout with a
	// goroutine of its own per request, which a body never closed (an
	// unfinished exercise 3 of 03-fetch-v1) would leave behind
	// (knownRoundTripperImpl in net/http/client.go).
	if opts.timeline {
		c.Trace()
	}
	// Every line goes through out, which remembers the first write error:
	// output lost to a full disk or a closed stdout is a failure too.
	out := cli.NewWriter(stdout)

	// Ctrl-C cancels every fetch with the cause "interrupted".
	ctx, cancel := context.WithCancelCause(context.WithoutCancel(parent))
	defer cancel(nil)
	stop := context.AfterFunc(parent, func() { cancel(ErrInterrupted) })
	defer stop()

	start := time.Now()
	results := cmd.FetchAll(ctx, c, opts.urls, NewPrinter(out, opts.urls))
	elapsed := time.Since(start).Round(time.Millisecond)

	fine, failed, cancelled := Tally(results)
	fmt.Fprintf(out, "fetched %s in %s: %d ok, %d failed, %d cancelled\n", plural(len(opts.urls), "URL"), elapsed, fine, failed, cancelled)
	if opts.timeline {
		fmt.Fprintln(out)
		c.Timeline.Render(out)
	}
	code = cmd.exitCode(parent, stderr, elapsed, len(opts.urls), fine, failed, cancelled)
	if err := out.Err(); err != nil {
		fmt.Fprintf(stderr, "%s: output lost (%v): the results above are incomplete (exit code %d)\n", cmd.Name, err, max(code, ExitFailed))
		return max(code, ExitFailed)
	}
	return code
}

// exitCode says why the run ends other than in success, on stderr, and
// returns its exit code.
func (cmd Command) exitCode(parent context.Context, stderr io.Writer, elapsed time.Duration, urls, fine, failed, cancelled int) int {
	switch {
	case parent.Err() != nil:
		code, how := cli.Interrupted(parent)
		fmt.Fprintf(stderr, "%s after %s: %d of %d URLs finished, %d cancelled (exit code %d)\n",
			how, elapsed, fine+failed, urls, cancelled, code)
		return code
	case failed+cancelled > 0:
		msg := fmt.Sprintf("%d of %d URLs failed", failed, urls)
		if cancelled > 0 {
			msg += fmt.Sprintf(", %d cancelled", cancelled)
		}
		fmt.Fprintf(stderr, "%s; each is marked ! with what to do (exit code %d)\n", msg, ExitFailed)
		return ExitFailed
	}
	return ExitOK
}

// plural is "1 URL", "3 URLs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// parse reads the flags. When proceed is false, the program ends with
// code: ExitOK after -h, ExitUsage after a message on stderr.
func (cmd Command) parse(args []string, stderr io.Writer) (opts options, code int, proceed bool) {
	flags := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	flags.BoolVar(&opts.offline, "offline", false, "fetch from the simulated internet on 127.0.0.1 instead of the real one")
	flags.StringVar(&opts.world, "world", "", "a simulated world in JSON (implies -offline), e.g. testdata/simnet/default-world.json")
	flags.DurationVar(&opts.timeout, "timeout", 10*time.Second, "give up on one URL after this long")
	flags.Int64Var(&opts.maxBody, "max-body", 1<<20, "largest body to read, in bytes: a larger one is an error")
	flags.BoolVar(&opts.timeline, "timeline", false, "draw when each fetch ran, after the run")
	if cmd.Flags != nil {
		cmd.Flags(flags)
	}
	usage := "usage: " + cmd.Name + " [flags] [url ...]\n\nWithout URLs it fetches " + strings.Join(DefaultURLs, ", ") + ".\n"
	if code, ok := cli.Parse(flags, args, stderr, usage); !ok {
		return opts, code, false
	}
	if msg := cli.EmptyFlag(flags, "world"); msg != "" {
		fmt.Fprintf(stderr, "%s: %s\n", cmd.Name, msg)
		return opts, ExitUsage, false
	}
	if err := cmd.validate(opts, flags.Args()); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd.Name, err)
		return opts, ExitUsage, false
	}
	opts.urls = flags.Args()
	if len(opts.urls) == 0 {
		opts.urls = DefaultURLs
	}
	return opts, 0, true
}

// validate checks the parsed flags and that no flag follows the URLs.
func (cmd Command) validate(opts options, urls []string) error {
	switch {
	case opts.timeout <= 0:
		return fmt.Errorf("-timeout %s: must be a positive duration such as 10s or 500ms", opts.timeout)
	case opts.maxBody <= 0:
		return fmt.Errorf("-max-body %d: must be a positive number of bytes such as 1048576", opts.maxBody)
	}
	if cmd.Validate != nil {
		if err := cmd.Validate(); err != nil {
			return err
		}
	}
	for _, u := range urls {
		if strings.HasPrefix(u, "-") {
			return fmt.Errorf("%q after the URLs: put every flag before the first URL", u)
		}
	}
	return nil
}

// connect sets c.HTTP: the caller's network, the simulated internet on
// loopback, or the real one. The returned func releases the network; on an
// error, code is the exit code.
func (cmd Command) connect(c *Client, opts options, sim *simnet.Net) (release func(), code int, err error) {
	switch {
	case sim != nil:
		c.HTTP = sim.Client(opts.timeout)
		return func() {}, 0, nil
	case opts.offline || opts.world != "":
		world := simnet.DefaultWorld()
		if opts.world != "" {
			if world, err = simnet.LoadWorld(opts.world); err != nil {
				return nil, ExitUsage, fmt.Errorf("-world: %w", err)
			}
		}
		n, err := simnet.NewLoopback(world)
		if err != nil {
			return nil, ExitFailed, fmt.Errorf("-offline: %w", err)
		}
		c.HTTP = n.Client(opts.timeout)
		return func() { n.Close() }, 0, nil
	}
	c.Online = true
	transport := http.DefaultTransport.(*http.Transport).Clone()
	c.HTTP = &http.Client{Transport: transport, Timeout: opts.timeout}
	return func() {}, 0, nil
}
