// Command progress reads `go test -json` output of the lessons' exercise
// folders and prints a learner's progress: one line per exercise, done or not
// yet, then what is wrong with the first unfinished one as one plain
// paragraph (naming the learner's file and line where there is one), the
// detail after it, the hints seen so far, and "N of M exercises done".
//
// It exits 0 when every exercise is done, 1 otherwise, 2 when it can not
// read its input or write its report. With -hint it shows one more hint of
// the exercise to work on (make hint). With -shipped it checks the workbook
// as shipped instead, for maintainers and CI: it exits 0 only when every
// exercise fails and has hints, so no exercise is already solved by its TODO
// copy and every check is proven able to fail.
//
//	go test -tags exercise -json -run '^TestExercises$' ./lessons/*/exercise | go run ./internal/cmd/progress
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"goasync.dev/workbook/internal/exercise/report"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the command, flags in, exit code out.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("progress", flag.ContinueOnError)
	fl.SetOutput(stderr)
	shipped := fl.Bool("shipped", false, "check the workbook as shipped: every exercise must fail")
	hint := fl.Bool("hint", false, "show one more hint of the exercise to work on")
	state := fl.String("state", "", "the file that remembers the hints seen (make uses .workbook/hints.json); empty: show the first hint only")
	root := fl.String("root", ".", "the workbook's root, read to name the variable of a data race")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "progress: unexpected argument %q: it reads go test -json on its standard input\n", fl.Arg(0))
		return 2
	}
	lessons, err := report.Read(stdin)
	if err != nil {
		fmt.Fprintln(stderr, "progress:", err)
		return 2
	}
	if *shipped {
		code, err := report.CheckShipped(stdout, lessons)
		return exit(stderr, code, err)
	}
	opt := report.Options{Src: os.DirFS(*root)}
	if *state != "" {
		if opt.Hints, err = report.LoadHints(*state); err != nil {
			fmt.Fprintln(stderr, "progress:", err)
			return 2
		}
	}
	write := report.Write
	if *hint {
		write = report.WriteHint
	}
	code, err := write(stdout, lessons, opt)
	if err == nil {
		err = opt.Hints.Save()
	}
	return exit(stderr, code, err)
}

// exit reports err, if any, and returns the exit code.
func exit(stderr io.Writer, code int, err error) int {
	if err != nil {
		fmt.Fprintln(stderr, "progress:", err)
		return 2
	}
	return code
}
