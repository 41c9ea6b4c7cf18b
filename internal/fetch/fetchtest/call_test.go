package fetchtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/fetch"
	"goasync.dev/workbook/internal/simnet"
)

// TestCallLeftover: Call counts the goroutines a call leaves behind (here
// one, waiting for ctx), not the client's idle connection nor the
// network's own goroutines, and once it has counted, it cancels ctx and
// closes the network, so the bubble ends without a deadlock.
func TestCallLeftover(t *testing.T) {
	const url, latency = "https://pages.example/1", 100 * time.Millisecond
	s := Call(t, World(Page{URL: url, Latency: latency}), time.Second, func(ctx context.Context, c *fetch.Client) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		require.NoError(t, err)
		resp, err := c.HTTP.Do(req)
		require.NoError(t, err)
		_, err = io.Copy(io.Discard, resp.Body) // read to EOF: the connection goes idle
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		go func() { <-ctx.Done() }() // left behind until Call cancels ctx
	})
	assert.Nil(t, s.Stuck, "the bubble must end: Call cancels ctx and closes the network")
	assert.True(t, s.Returned)
	assert.Equal(t, latency, s.Elapsed)
	assert.Equal(t, 1, s.Leftover, "the goroutine waiting for ctx, and no connection's")
	require.Len(t, s.Requests, 1)
	assert.Equal(t, latency, s.At(s.Requests[0].End))
}

// TestBadInputDevZero: BadInput fails a lesson that does not refuse the
// endless world file /dev/zero as larger than 16 MiB. BadInput fails the t
// it is given, so it runs in a child process, with a lesson that is right
// on every other bad input.
func TestBadInputDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	if os.Getenv("FETCHTEST_DEV_ZERO") != "" {
		BadInput(t, func(ctx context.Context, args []string, stdout, stderr io.Writer, sim *simnet.Net) int {
			if slices.Equal(args, []string{"-world", "/dev/zero"}) {
				fmt.Fprintln(stderr, "test: -world /dev/zero: not a world file")
				return fetch.ExitUsage
			}
			return fetch.Command{Name: "test"}.Run(ctx, args, stdout, stderr, sim)
		})
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBadInputDevZero$")
	cmd.Env = append(os.Environ(), "FETCHTEST_DEV_ZERO=1")
	out, err := cmd.CombinedOutput()
	assert.Error(t, err, "BadInput passed a lesson that does not refuse /dev/zero:\n%s", out)
	assert.Contains(t, string(out), "larger than 16 MiB", "BadInput must say what it wanted")
	assert.NotContains(t, string(out), "panic", "%s", out)
}
