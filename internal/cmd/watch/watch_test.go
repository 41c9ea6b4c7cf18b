package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"goasync.dev/workbook/internal/exercise/report"
	"goasync.dev/workbook/internal/golden"
	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) {
	if os.Getenv("WATCH_MAIN") == "1" {
		main() // TestCtrlC's child: the real command
	}
	testmain.Run(m)
}

// syncBuffer is the screen: the loop writes, the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// workbook makes a root with two lessons' exercise folders.
func workbook(t *testing.T) string {
	root := t.TempDir()
	for _, l := range []string{"01-dns-probe", "02-tasks"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, "lessons", l, "exercise"), 0o755))
	}
	return root
}

// fakeCheck answers each run with the next fixture of testdata/progress
// (the last one again when they run out) and reports which lessons it was
// asked for.
type fakeCheck struct {
	t        *testing.T
	fixtures []string
	calls    chan []string
	mu       sync.Mutex
	n        int
}

func (f *fakeCheck) check(ctx context.Context, lessons []string) ([]byte, error) {
	f.mu.Lock()
	name := f.fixtures[min(f.n, len(f.fixtures)-1)]
	f.n++
	f.mu.Unlock()
	f.calls <- lessons
	return golden.Read(f.t, "progress", name+".jsonl"), nil
}

// debounce is longer than make watch's 150 ms: the five writes of a test's
// burst must land within it even on a loaded machine (2 CPUs shared by
// many test runs, where one failure showed a gap above 50 ms).
const debounce = 250 * time.Millisecond

// start runs the watch loop until the test ends, and waits for its first
// check. It watches both lessons of workbook, or the ones given (make
// watch LESSON=02-tasks watches one).
func start(t *testing.T, root string, f *fakeCheck, out *syncBuffer, lessons ...string) (cancel func(), done chan error) {
	if len(lessons) == 0 {
		lessons = []string{"01-dns-probe", "02-tasks"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Watcher{Root: root, Lessons: lessons, Check: f.check, Out: out,
		Clear: "\f", Debounce: debounce}
	done = make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	assert.Equal(t, lessons, f.next(t), "the first check is of every lesson watched")
	return cancel, done
}

func (f *fakeCheck) next(t *testing.T) []string {
	t.Helper()
	select {
	case l := <-f.calls:
		return l
	case <-time.After(10 * time.Second):
		t.Fatal("no check ran within 10s")
		return nil
	}
}

// none fails if a check runs within d.
func (f *fakeCheck) none(t *testing.T, d time.Duration, why string) {
	t.Helper()
	select {
	case l := <-f.calls:
		t.Errorf("a check of %v ran: %s", l, why)
	case <-time.After(d):
	}
}

func save(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

// waitFor waits until the screen shows want.
func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(out.String(), want) {
			return
		}
	}
	t.Fatalf("the screen never showed %q:\n%s", want, out.String())
}

func TestSaveRunsTheLessonsCheckOnce(t *testing.T) {
	root := workbook(t)
	f := &fakeCheck{t: t, fixtures: []string{"shipped"}, calls: make(chan []string, 10)}
	var out syncBuffer
	start(t, root, f, &out)
	waitFor(t, &out, "0 of 5 exercises done")

	// An editor's save is a burst of writes: one check, of that lesson.
	file := filepath.Join(root, "lessons", "02-tasks", "exercise", "tasks.go")
	for i := range 5 {
		save(t, file, "package main // "+strconv.Itoa(i))
	}
	assert.Equal(t, []string{"02-tasks"}, f.next(t))
	f.none(t, 2*debounce, "five writes in a burst are one save")

	// Files that are not Go code do not count.
	save(t, filepath.Join(root, "lessons", "02-tasks", "exercise", "notes.txt"), "x")
	save(t, filepath.Join(root, "lessons", "02-tasks", "exercise", ".tasks.go.swp"), "x")
	f.none(t, 2*debounce, "only .go files are checked")

	// A new file is a save too (editors write a new file and rename it).
	save(t, filepath.Join(root, "lessons", "01-dns-probe", "exercise", "new.go"), "package main")
	assert.Equal(t, []string{"01-dns-probe"}, f.next(t))
}

// TestDone is the screen after the save that finishes exercise 1: the
// report, then "done:" and the next exercise.
func TestDone(t *testing.T) {
	root := workbook(t)
	f := &fakeCheck{t: t, fixtures: []string{"shipped", "message"}, calls: make(chan []string, 10)}
	var out syncBuffer
	start(t, root, f, &out)
	waitFor(t, &out, "0 of 5 exercises done")
	assert.NotContains(t, out.String(), "done:")
	save(t, filepath.Join(root, "lessons", "02-tasks", "exercise", "tasks.go"), "package main")
	f.next(t)
	waitFor(t, &out, "Ctrl-C to stop\n\f")
	waitFor(t, &out, "done: 02-tasks exercise 1; next: 02-tasks exercise 2 (tasks-mode)")
	screens := strings.Split(out.String(), "\f")
	last := screens[len(screens)-1]
	assert.True(t, strings.HasPrefix(last, "Exercises\n"), "the screen is cleared before each report")
	golden.Assert(t, "progress", "watch-done", []byte(last))
}

// TestSaveWithoutChangeRunsTheCheck (the root README says it): a save that
// leaves the file as it was (touch) changes only its times, which inotify
// reports as IN_ATTRIB (inotify(7)) and fsnotify as Chmod; an editor that
// writes a temporary file and renames it over the old one makes a Create.
// Each is a save.
func TestSaveWithoutChangeRunsTheCheck(t *testing.T) {
	root := workbook(t)
	file := filepath.Join(root, "lessons", "02-tasks", "exercise", "tasks.go")
	save(t, file, "package main")
	f := &fakeCheck{t: t, fixtures: []string{"shipped"}, calls: make(chan []string, 10)}
	var out syncBuffer
	start(t, root, f, &out)

	later := time.Now().Add(time.Minute)
	require.NoError(t, os.Chtimes(file, later, later))
	assert.Equal(t, []string{"02-tasks"}, f.next(t), "touch is a save")
	f.none(t, 2*debounce, "one touch is one save")

	tmp := filepath.Join(root, "lessons", "02-tasks", "exercise", ".tasks.go.4913")
	save(t, tmp, "package main // saved")
	require.NoError(t, os.Rename(tmp, file))
	assert.Equal(t, []string{"02-tasks"}, f.next(t), "a temporary file renamed over tasks.go is a save")

	f.none(t, 2*debounce, "the rename is one save")
}

// TestDoneWithOneLesson is make watch LESSON=02-tasks after the save that
// finishes its last exercise: it knows nothing of the other lessons, so it
// does not say every exercise is done.
func TestDoneWithOneLesson(t *testing.T) {
	root := workbook(t)
	f := &fakeCheck{t: t, fixtures: []string{"message", "solved"}, calls: make(chan []string, 10)}
	var out syncBuffer
	start(t, root, f, &out, "02-tasks")
	waitFor(t, &out, "4 of 5 exercises done")
	save(t, filepath.Join(root, "lessons", "02-tasks", "exercise", "tasks.go"), "package main")
	f.next(t)
	waitFor(t, &out, "\ndone: 02-tasks exercise 2; every exercise of 02-tasks is done\n")
	assert.NotContains(t, out.String(), "every exercise is done")
}

// TestABuildErrorKeepsTheCount: after a save that does not build, the
// report says how many exercises the lesson had on the run before.
func TestABuildErrorKeepsTheCount(t *testing.T) {
	root := workbook(t)
	f := &fakeCheck{t: t, fixtures: []string{"message", "import"}, calls: make(chan []string, 10)}
	var out syncBuffer
	start(t, root, f, &out, "02-tasks")
	waitFor(t, &out, "4 of 5 exercises done")
	save(t, filepath.Join(root, "lessons", "02-tasks", "exercise", "tasks.go"), "package main")
	f.next(t)
	waitFor(t, &out, "\n02-tasks does not build, so none of its 5 exercises could be checked\n")
}

func TestCancelStopsTheLoopDuringACheck(t *testing.T) {
	root := workbook(t)
	started := make(chan struct{})
	check := func(ctx context.Context, lessons []string) ([]byte, error) {
		close(started)
		<-ctx.Done() // a check that would run for ever
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Watcher{Root: root, Lessons: []string{"02-tasks"}, Check: check, Out: &syncBuffer{}, Debounce: time.Millisecond}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	<-started
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err, "Ctrl-C is how watch ends: not an error")
	case <-time.After(5 * time.Second):
		t.Fatal("the loop did not stop within 5s of the cancel")
	}
}

func TestCancelStopsTheLoopWhileWatching(t *testing.T) {
	root := workbook(t)
	f := &fakeCheck{t: t, fixtures: []string{"shipped"}, calls: make(chan []string, 10)}
	cancel, done := start(t, root, f, &syncBuffer{})
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
		done <- err // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("the loop did not stop within 5s of the cancel")
	}
}

// alive reports whether pid runs (a zombie waiting for its parent does not).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	_, rest, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(rest, "Z")
}

// TestCancelKillsTheWholeCheck cancels a check whose command started a
// child that ignores SIGINT (a shell's background job does): nothing of it
// may be left running.
func TestCancelKillsTheWholeCheck(t *testing.T) {
	stopWait = 200 * time.Millisecond
	t.Cleanup(func() { stopWait = 3 * time.Second })
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	check := CommandCheck(dir, []string{"sh", "-c", `sleep 60 & echo $! > "$1"; wait`, "sh", pidFile})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := check(ctx, nil); done <- err }()
	var pid int
	for end := time.Now().Add(10 * time.Second); pid == 0 && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		b, _ := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	require.NotZero(t, pid, "the fake check never started its child")
	require.True(t, alive(pid))
	cancel()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(5 * time.Second):
		t.Fatal("the check did not return within 5s of the cancel")
	}
	for end := time.Now().Add(2 * time.Second); alive(pid) && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
	}
	assert.False(t, alive(pid), "the check's child %d outlived the cancel", pid)
}

func TestCommandCheckAppendsPackages(t *testing.T) {
	out, err := CommandCheck(t.TempDir(), []string{"echo", "go", "test"})(context.Background(), []string{"02-tasks", "03-fetch-v1"})
	require.NoError(t, err)
	assert.Equal(t, "go test ./lessons/02-tasks/exercise ./lessons/03-fetch-v1/exercise\n", string(out))
	out, err = CommandCheck(t.TempDir(), []string{"false"})(context.Background(), nil)
	assert.NoError(t, err, "failing checks exit non-zero: that is a report, not an error")
	assert.Empty(t, out)
	_, err = CommandCheck(t.TempDir(), []string{"/no/such/command"})(context.Background(), nil)
	assert.Error(t, err)
}

func TestBadUsage(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"-root", workbook(t)}, &stderr, &stderr))
	assert.Contains(t, stderr.String(), "after --")
	stderr.Reset()
	assert.Equal(t, 2, run(context.Background(), []string{"-root", workbook(t), "-lesson", "09-nope", "--", "true"}, &stderr, &stderr))
	assert.Contains(t, stderr.String(), "no lesson 09-nope")
	stderr.Reset()
	assert.Equal(t, 2, run(context.Background(), []string{"-root", t.TempDir(), "--", "true"}, &stderr, &stderr))
	assert.Contains(t, stderr.String(), "run make watch from the workbook's root")
}

// TestCtrlC sends a real SIGINT to the command while it watches: it exits
// 0, and the check it was running is gone.
func TestCtrlC(t *testing.T) {
	root := workbook(t)
	pidFile := filepath.Join(t.TempDir(), "pid")
	// The child is this test binary, which runs main when WATCH_MAIN=1.
	cmd := exec.Command(os.Args[0], "-root", root, "-stop-wait", "200ms", "--", "sh", "-c", `sleep 60 & echo $! > "$1"; wait`, "sh", pidFile)
	cmd.Env = append(os.Environ(), "WATCH_MAIN=1")
	var out syncBuffer // written by exec's copying goroutine while we read
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	var pid int
	for end := time.Now().Add(10 * time.Second); pid == 0 && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		b, _ := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	require.NotZero(t, pid, "the check never started:\n%s", out.String())
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err := cmd.Wait()
	assert.NoError(t, err, "Ctrl-C ends watch with exit code 0:\n%s", out.String())
	for end := time.Now().Add(5 * time.Second); alive(pid) && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
	}
	assert.False(t, alive(pid), "the check's child outlived Ctrl-C")
}

// TestHintsSeenShowInWatch: with make hint's file (State), the screen shows
// every hint the learner has asked for, not only the first.
func TestHintsSeenShowInWatch(t *testing.T) {
	lessons, err := report.Read(bytes.NewReader(golden.Read(t, "progress", "message.jsonl")))
	require.NoError(t, err)
	next := report.Find(lessons).Exercise
	require.NotNil(t, next)
	require.GreaterOrEqual(t, len(next.Hints), 2, "the fixture's next exercise has two hints or more")
	state := filepath.Join(t.TempDir(), "hints.json")
	h, err := report.LoadHints(state)
	require.NoError(t, err)
	h.Next(next.Key(), next.Hints)
	h.Next(next.Key(), next.Hints)
	require.NoError(t, h.Save())

	root := workbook(t)
	f := &fakeCheck{t: t, fixtures: []string{"message"}, calls: make(chan []string, 10)}
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	w := &Watcher{Root: root, Lessons: []string{"01-dns-probe", "02-tasks"}, Check: f.check, Out: &out, Debounce: debounce, State: state}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	f.next(t)
	waitFor(t, &out, next.Hints[1])
	cancel()
	require.NoError(t, <-done)
}

// TestABrokenHintFileIsAnError: a hint file make hint did not write stops
// the loop with a message that names it and says what to do.
func TestABrokenHintFileIsAnError(t *testing.T) {
	state := filepath.Join(t.TempDir(), "hints.json")
	save(t, state, "not json")
	f := &fakeCheck{t: t, fixtures: []string{"shipped"}, calls: make(chan []string, 10)}
	w := &Watcher{Root: workbook(t), Lessons: []string{"02-tasks"}, Check: f.check, Out: &syncBuffer{}, Debounce: debounce, State: state}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := w.Run(ctx) // a loop that reads no hint file runs until the timeout
	assert.ErrorContains(t, err, state+" is not the hint file make hint writes")
	assert.ErrorContains(t, err, "delete it")
}

// TestClearForATerminalOnly: the escape sequence that clears the screen goes
// to a character device (a terminal) only; a file or a pipe gets a
// separator line instead of escape codes.
func TestClearForATerminalOnly(t *testing.T) {
	const separator = "\n----\n"
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, separator, clearFor(f), "a regular file")
	assert.Equal(t, separator, clearFor(&bytes.Buffer{}), "not a file")
	dev, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no %s here: %v", os.DevNull, err)
	}
	defer dev.Close()
	assert.Equal(t, "\x1b[H\x1b[2J\x1b[3J", clearFor(dev), "%s is a character device, as a terminal is", os.DevNull)
	require.NoError(t, dev.Close())
	assert.Equal(t, separator, clearFor(dev), "a file that cannot be stat'ed")
}
