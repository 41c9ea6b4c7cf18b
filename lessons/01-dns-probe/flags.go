package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"goasync.dev/workbook/internal/cli"
	"goasync.dev/workbook/internal/keywords"
)

// options are the flags of one run.
type options struct {
	style, words, world, canary string
	offline, timeline           bool
	timeout                     time.Duration
	limit                       int
	names                       []string
}

// usage is what -h prints above the flags.
const usage = "usage: 01-dns-probe [flags] [name ...]\n\nWithout names it probes <keyword>.dev for every keyword of -words."

// parse reads the flags and the names. It returns code -1 to go on, or the
// exit code when the run ends here (-h, or bad input, named on stderr).
func parse(args []string, stderr io.Writer) (o options, code int) {
	flags := flag.NewFlagSet("01-dns-probe", flag.ContinueOnError)
	flags.StringVar(&o.style, "style", "channel", "how results are collected: channel, generator (range over iter.Seq2) or pull (iter.Pull2)")
	flags.StringVar(&o.words, "words", "go", "whose keywords to probe as <keyword>.dev: go or python")
	flags.BoolVar(&o.offline, "offline", false, "ask the simulated internet on 127.0.0.1 instead of the real DNS")
	flags.StringVar(&o.world, "world", "", "a simulated world in JSON (implies -offline), e.g. testdata/simnet/default-world.json")
	flags.DurationVar(&o.timeout, "timeout", 3*time.Second, "give up on one lookup after this `duration`, e.g. 3s or 500ms")
	flags.IntVar(&o.limit, "limit", defaultLimit, "at most this many lookups at once (0: no limit, every name at once)")
	flags.StringVar(&o.canary, "canary", "www.example.com", `a name that exists: if the DNS denies it, "not found" means nothing ("" to skip)`)
	flags.BoolVar(&o.timeline, "timeline", false, "draw when each lookup ran, after the run")
	if code, ok := cli.Parse(flags, args, stderr, usage); !ok {
		return o, code
	}
	if msg := cli.EmptyFlag(flags, "world"); msg != "" {
		fmt.Fprintln(stderr, "01-dns-probe: "+msg)
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
