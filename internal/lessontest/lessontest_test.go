package lessontest

import (
	"fmt"
	"io"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

func TestCallCapturesOutputCodeAndTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res := Call(func(stdout, stderr io.Writer) int {
			fmt.Fprintln(stdout, "out")
			time.Sleep(2 * time.Second)
			fmt.Fprintln(stderr, "err")
			return 3
		})
		assert.Equal(t, Result{Stdout: "out\n", Stderr: "err\n", Code: 3, Elapsed: 2 * time.Second}, res)
		assert.Equal(t, "out\n-- stderr --\nerr\n", res.Output())
	})
}

func TestOutputWithoutStderrIsStdout(t *testing.T) {
	assert.Equal(t, "out\n", Result{Stdout: "out\n"}.Output())
}
