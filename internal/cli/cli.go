// Package cli is what the lessons' command lines share: flags parsed with
// one usage style and one-line errors that say what to write; an output
// that remembers its first write error, so a program whose output is lost
// (a full disk, a closed stdout) can say so and exit non-zero; and the
// exit code of a program ended by a signal.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Writer is an io.Writer that remembers the first error of the writer it
// wraps: print freely, then check Err once at the end. After an error it
// writes nothing more. It is safe for concurrent use.
type Writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes p, unless an earlier write failed: then it returns that
// error and writes nothing.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	w.err = err
	return n, err
}

// Err is the first write error, or nil.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Signals are the signals a lesson handles as Ctrl-C: SIGINT (Ctrl-C) and
// SIGTERM (kill's default, and what a container runtime or CI sends to
// stop a program). Pass them to signal.NotifyContext.
var Signals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// Exit codes of a program ended by a signal: 128 plus the signal's number,
// the shell's convention, which scripts and CI runners read.
const (
	ExitInterrupted = 130 // SIGINT, Ctrl-C
	ExitTerminated  = 143 // SIGTERM
)

// InterruptCode returns the exit code for a context cancelled by
// signal.NotifyContext: ExitTerminated if SIGTERM cancelled it, else
// ExitInterrupted. Since Go 1.26 the context's cause names the signal
// ("terminated signal received"); with an older Go, or a context cancelled
// otherwise (a test), it is ExitInterrupted.
func InterruptCode(ctx context.Context) int {
	// The cause is an unexported type whose text is the signal's name.
	if cause := context.Cause(ctx); cause != nil && cause.Error() == syscall.SIGTERM.String()+" signal received" {
		return ExitTerminated
	}
	return ExitInterrupted
}

// Interrupted returns InterruptCode(ctx) and the word a lesson prints for
// it: "interrupted" (Ctrl-C) or "terminated (SIGTERM)".
func Interrupted(ctx context.Context) (code int, how string) {
	if code = InterruptCode(ctx); code == ExitTerminated {
		return code, "terminated (SIGTERM)"
	}
	return code, "interrupted"
}

// Parse parses args into flags, which must be flag.ContinueOnError. On
// -h it prints usage (a synopsis such as "usage: 02-tasks [flags]" and
// lines about the program) then every flag, and returns ExitOK; on a bad
// flag it prints one line, naming the flag and what to write instead, and
// returns ExitUsage. ok is true when the program should go on.
func Parse(flags *flag.FlagSet, args []string, stderr io.Writer, usage string) (code int, ok bool) {
	flags.SetOutput(io.Discard) // the flag package would print the usage after every error
	flags.Usage = func() {}
	err := flags.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		flags.SetOutput(stderr)
		fmt.Fprintln(stderr, strings.TrimRight(usage, "\n"))
		flags.PrintDefaults()
		return ExitOK, false
	}
	fmt.Fprintf(stderr, "%s: %s (-h lists the flags)\n", flags.Name(), explainFlag(flags, err))
	return ExitUsage, false
}

// Exit codes of Parse.
const (
	ExitOK    = 0 // -h
	ExitUsage = 2 // a bad flag
)

// badValue matches the flag package's message for a value its flag can
// not parse.
var badValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-([^:]+): (.*)$`)

// The flag package's messages for a flag it does not know, and for a flag
// given last without its value.
var (
	unknownFlag  = regexp.MustCompile(`^flag provided but not defined: -(?s)(.*)$`)
	missingValue = regexp.MustCompile(`^flag needs an argument: -(?s)(.*)$`)
)

// explainFlag rewrites the flag package's "invalid value ... parse error"
// into what the value lacks, and shows a flag's name or value as Show does:
// a 100 KB or ESC-laden argument is not echoed to the terminal as it is.
func explainFlag(flags *flag.FlagSet, err error) string {
	if m := unknownFlag.FindStringSubmatch(err.Error()); m != nil {
		return "flag provided but not defined: -" + Show(m[1])
	}
	if m := missingValue.FindStringSubmatch(err.Error()); m != nil {
		return "flag needs an argument: -" + Show(m[1])
	}
	m := badValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	value, name, why := strconv.Quote(m[1]), m[2], m[3]
	if len(m[1]) > showMax {
		value = Show(m[1])
	}
	f := flags.Lookup(name)
	if f == nil {
		return err.Error()
	}
	getter, _ := f.Value.(flag.Getter)
	var v any
	if getter != nil {
		v = getter.Get()
	}
	switch v.(type) {
	case time.Duration:
		if f, numErr := strconv.ParseFloat(m[1], 64); numErr == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return fmt.Sprintf("-%s %s: a duration needs a unit, e.g. %ss or %sms", name, m[1], m[1], m[1])
		}
		return fmt.Sprintf("-%s %s: not a duration; write it like 10s, 500ms or 1m30s", name, value)
	case int, int64, uint, uint64:
		if why == "value out of range" {
			return fmt.Sprintf("-%s %s: too large a number", name, value)
		}
		return fmt.Sprintf("-%s %s: not a whole number", name, value)
	case bool:
		return fmt.Sprintf("-%s=%s: write -%s alone, or -%s=true or -%s=false", name, Show(m[1]), name, name, name)
	}
	return fmt.Sprintf("-%s %s: %s", name, value, why)
}

// showMax is how many bytes of an argument Show keeps.
const showMax = 40

// Show returns an argument as a message can print it on one line: as it
// is if it is short printable ASCII without spaces; otherwise quoted in
// ASCII (Go's escapes, so ESC, CR and LF do not act on the terminal), and
// cut after showMax bytes with its length said.
func Show(arg string) string {
	plain := arg != "" && !strings.ContainsFunc(arg, func(r rune) bool { return r <= ' ' || r > 0x7e || r == '"' })
	if plain && len(arg) <= showMax {
		return arg
	}
	return Quote(arg)
}

// Quote returns arg quoted in ASCII, as strconv.QuoteToASCII does, and cut
// after showMax bytes with its length said: "aaaa"... (100000 bytes).
func Quote(arg string) string {
	if len(arg) <= showMax {
		return strconv.QuoteToASCII(arg)
	}
	return fmt.Sprintf("%s... (%d bytes)", strconv.QuoteToASCII(strings.ToValidUTF8(arg[:showMax], "")), len(arg))
}

// EmptyFlag returns a message if the file flag name was given an empty
// value (-world ""), which would otherwise read as the flag left out: a
// script whose variable is unset would run against another network than
// it names. It returns "" if the flag was not given, or not empty.
func EmptyFlag(flags *flag.FlagSet, name string) string {
	msg := ""
	flags.Visit(func(f *flag.Flag) {
		if f.Name == name && f.Value.String() == "" {
			msg = fmt.Sprintf(`-%s "": no file named; give a file, or leave -%s out`, name, name)
		}
	})
	return msg
}
