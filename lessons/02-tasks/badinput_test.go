package main

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/ctrlc"
	"goasync.dev/workbook/lessons/02-tasks/checks"
)

// TestBadFlagIsOneLine: a bad flag is one line on stderr, as in the other
// lessons (cli.Parse), not the flag package's error followed by every flag;
// a 100 KB or ESC-laden argument is cut and quoted. .ci/bad-inputs.sh found
// 8 lines for each of these.
func TestBadFlagIsOneLine(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-nope"}, "02-tasks: flag provided but not defined: -nope (-h lists the flags)\n"},
		{[]string{"-\x1b[2J"}, `02-tasks: flag provided but not defined: -"\x1b[2J" (-h lists the flags)` + "\n"},
		{[]string{"-timeline=maybe"}, "02-tasks: -timeline=maybe: write -timeline alone, or -timeline=true or -timeline=false (-h lists the flags)\n"},
		{[]string{"-unit"}, "02-tasks: flag needs an argument: -unit (-h lists the flags)\n"},
		{[]string{"-unit", "NaN"}, `02-tasks: -unit "NaN": not a duration; write it like 10s, 500ms or 1m30s (-h lists the flags)` + "\n"},
		{[]string{"-mode", long}, `02-tasks: unknown -mode "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... (100000 bytes): use sequential, tasks or waitgroup` + "\n"},
		{[]string{"-mode", "\x1b[31m"}, `02-tasks: unknown -mode "\x1b[31m": use sequential, tasks or waitgroup` + "\n"},
	} {
		res := checks.Virtual(t, run, 0, tc.args...)
		assert.Equal(t, 2, res.Code, "%.40q", tc.args)
		assert.Equal(t, tc.want, res.Stderr, "%.40q", tc.args)
	}
}

// TestSIGTERM: SIGTERM (kill's default, what CI and containers send) is
// handled as Ctrl-C, with the shell's code for it, 143, and its own word.
func TestSIGTERM(t *testing.T) {
	exit := ctrlc.Signal(t, syscall.SIGTERM, "started at ", "-unit", "10s")
	require.Equal(t, 143, exit.Code, exit.Stderr)
	assert.Less(t, exit.Took, 5*time.Second, "SIGTERM must end the run at once, not after the 10 s sleeps")
	assert.Contains(t, exit.Stderr, "terminated (SIGTERM) at ")
	assert.Contains(t, exit.Stderr, "(exit code 143)")
}
