package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestExplainOffline is what a lesson README promises for a machine
// without a network ("With none, each URL says ! cannot reach ...: try
// -offline"): online, a failed DNS lookup is explained like a refused
// connection. Offline, an unknown name is a spelling mistake.
func TestExplainOffline(t *testing.T) {
	noSuchHost := &url.Error{Op: "Get", URL: "https://go.dev", Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: "go.dev", IsNotFound: true}}}
	online := &Client{HTTP: &http.Client{Timeout: time.Second}, Online: true}
	offline := &Client{HTTP: &http.Client{Timeout: time.Second}}
	ctx := context.Background()

	assert.EqualError(t, online.Explain(ctx, "go.dev", noSuchHost), "cannot reach go.dev: is the network up? try -offline")
	assert.EqualError(t, offline.Explain(ctx, "go.dev", noSuchHost),
		"no such host go.dev: check the spelling (offline, the host must be in the simulated world)")
}

// TestExplainCancelled: a cancelled fetch says why, whatever error the
// client returned; Result.Note and Tally count it apart from failures.
func TestExplainCancelled(t *testing.T) {
	c := &Client{HTTP: &http.Client{}}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(ErrInterrupted)
	err := c.Explain(ctx, "go.dev", context.Canceled)
	assert.EqualError(t, err, "cancelled: interrupted")
	assert.EqualError(t, c.ExplainBody(ctx, errors.New("read"), 10, 20), "cancelled: interrupted")

	results := []Result{{Status: "200 OK"}, {Err: err}, {Status: "500 Internal Server Error", Err: StatusError(500)}}
	assert.Equal(t, []string{"200", "cancelled", "500"}, []string{results[0].Note(), results[1].Note(), results[2].Note()})
	ok, failed, cancelled := Tally(results)
	assert.Equal(t, []int{1, 1, 1}, []int{ok, failed, cancelled})
}

// lessons are the three versions of lesson 03, in lessons/.
var lessons = []string{"03-fetch-v1", "03-fetch-v2", "03-fetch-v3"}

// readLesson returns the file name of lesson, or skips the test when the
// lessons are not beside internal/ (a lesson handed out alone).
func readLesson(t *testing.T, lesson, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "lessons", lesson, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("lesson %s is not beside internal/: %v", lesson, err)
	}
	require.NoError(t, err)
	return string(b)
}

// TestLessonsDifferInCollectOnly holds the READMEs' promise that the three
// versions differ in collect.go: fetchurl.go (Python's fetch_url) is the
// same code in all three (each marks its own exercise gaps, //exercise:
// comments that the comparison leaves out), and main.go differs only in its doc comment and
// the program's name (and, in v3, the -mode flag).
func TestLessonsDifferInCollectOnly(t *testing.T) {
	for _, lesson := range lessons[1:] {
		assert.Equal(t, withoutMarkers(readLesson(t, lessons[0], "fetchurl.go")), withoutMarkers(readLesson(t, lesson, "fetchurl.go")),
			"lessons/%s/fetchurl.go must be lessons/%s/fetchurl.go", lesson, lessons[0])
	}
	code := func(lesson string) string {
		_, after, _ := strings.Cut(readLesson(t, lesson, "main.go"), "\npackage main\n")
		return strings.ReplaceAll(after, lesson, "03-fetch-vN")
	}
	assert.Equal(t, code(lessons[0]), code(lessons[1]), "main.go of v1 and v2: only the name and the doc comment differ")
}

// withoutMarkers drops the exercise gap markers (//exercise:... lines) of a
// lesson's file: each version marks the gaps of its own exercises.
func withoutMarkers(src string) string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		if !strings.HasPrefix(strings.TrimSpace(line), "//exercise:") {
			b.WriteString(line)
		}
	}
	return b.String()
}
