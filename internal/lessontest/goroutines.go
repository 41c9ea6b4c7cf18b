package lessontest

import (
	"fmt"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"testing/synctest"
)

// BubbleGoroutines counts the goroutines of testing/synctest bubbles (while
// a test runs, only its own bubble has any) whose stack does not mention
// skip ("": count all). A check counts them before and after a call, once
// synctest.Wait has let everything that could finish finish, to find the
// goroutines the call left behind; skip leaves out those of a server the
// call talked to. Goroutines outside bubbles, such as another test's
// closing connections, do not count.
func BubbleGoroutines(skip string) int {
	return countBubble(func(stack string) bool { return skip == "" || !strings.Contains(stack, skip) })
}

// BubbleGoroutinesIn counts the goroutines of synctest bubbles whose stack
// mentions frame ("": all): those of one server, say.
func BubbleGoroutinesIn(frame string) int {
	return countBubble(func(stack string) bool { return strings.Contains(stack, frame) })
}

// countBubble counts the goroutines of synctest bubbles whose stack match
// accepts.
func countBubble(match func(stack string) bool) int {
	count := 0
	for _, g := range strings.Split(allStacks(), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if strings.Contains(header, "synctest bubble") && match(g) {
			count++
		}
	}
	return count
}

// Deadlock is what testing/synctest said when it found the goroutines of a
// bubble blocked for good, with the stacks of those goroutines: synctest
// prints them only when its panic ends the test binary, and a check that
// recovers the panic to say what it means would lose them.
type Deadlock struct {
	// Exited is true when the bubble's function had returned and left
	// goroutines blocked ("main bubble goroutine has exited but blocked
	// goroutines remain"), false when every goroutine, the function's own
	// included, was blocked before it returned ("all goroutines in bubble
	// are blocked").
	Exited bool
	Reason string // synctest's words
	// Stacks is the goroutine dump of the bubble's goroutines, in the
	// runtime's format, left out those whose stacks name no file of a
	// lesson (the simulated network's), unless none does.
	Stacks string
}

// Error is synctest's reason and, on the lines below it, the stacks:
// make check (internal/exercise/report) reads them from a check's message
// to name the learner's goroutine, the line and what it waits for.
func (d *Deadlock) Error() string { return d.Reason + "\n" + d.Stacks }

// RunMessage says, for a check's message, that a lesson's run left
// goroutines blocked for good (it returned) or never ended, with the
// stacks on the lines below, which make check reads.
func (d *Deadlock) RunMessage() string {
	if d.Exited {
		return "the run returned but left goroutines blocked for good:\n" + d.Error()
	}
	return "the run never ended: every goroutine was blocked for good:\n" + d.Error()
}

// SynctestTest is synctest.Test, except that when synctest finds the
// bubble's goroutines blocked for good it returns a *Deadlock that names
// them instead of panicking. Other panics go on.
func SynctestTest(t *testing.T, f func(t *testing.T)) (dl *Deadlock) {
	t.Helper()
	bubble := ""
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		err, ok := r.(error)
		if !ok || !strings.HasPrefix(err.Error(), "deadlock: ") || bubble == "" {
			panic(r)
		}
		dl = &Deadlock{
			Exited: strings.Contains(err.Error(), "has exited"),
			Reason: err.Error(),
			Stacks: bubbleStacks(bubble),
		}
	}()
	synctest.Test(t, func(t *testing.T) {
		bubble = currentBubble()
		f(t)
	})
	return nil
}

// currentBubble is the id of the synctest bubble of the calling goroutine,
// as its stack's header says: "goroutine 25 [running, synctest bubble 4]:".
func currentBubble() string {
	buf := make([]byte, 256) // the header, the first line, fits
	runtime.Stack(buf, false)
	header, _, _ := strings.Cut(string(buf), "\n")
	_, id, ok := strings.Cut(header, "synctest bubble ")
	if !ok {
		return ""
	}
	id, _, _ = strings.Cut(id, "]")
	id, _, _ = strings.Cut(id, ",")
	return id
}

// bubbleStacks is the dump of the goroutines of bubble id (see Deadlock's
// Stacks).
func bubbleStacks(id string) string {
	var in []string
	for _, g := range strings.Split(allStacks(), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if inBubble(header, id) {
			in = append(in, g)
		}
	}
	return strings.Join(lessonsFirst(in), "\n\n")
}

// lessonsFirst keeps the goroutines whose stacks pass through a lesson's
// code, the ones a learner can act on; when none does, it keeps them all.
func lessonsFirst(stacks []string) []string {
	var lessons []string
	for _, g := range stacks {
		if strings.Contains(g, "/lessons/") || strings.Contains(g, "\tlessons/") {
			lessons = append(lessons, g)
		}
	}
	if len(lessons) == 0 {
		return stacks
	}
	return lessons
}

// inBubble reports whether a goroutine's header names bubble id.
func inBubble(header, id string) bool {
	_, rest, ok := strings.Cut(header, "synctest bubble ")
	if !ok {
		return false
	}
	rest, _, _ = strings.Cut(rest, "]")
	rest, _, _ = strings.Cut(rest, ",")
	return rest == id
}

// allStacks is runtime.Stack of every goroutine, whole (up to 64 MB): the
// goroutine profile at debug level 2 grows the buffer until the dump fits.
func allStacks() string {
	var b strings.Builder
	_ = pprof.Lookup("goroutine").WriteTo(&b, 2) // a strings.Builder never fails
	return b.String()
}

// GoroutinesWere is "1 goroutine was" or "n goroutines were", for a check's
// message about the goroutines a run left behind.
func GoroutinesWere(n int) string {
	if n == 1 {
		return "1 goroutine was"
	}
	return fmt.Sprintf("%d goroutines were", n)
}
