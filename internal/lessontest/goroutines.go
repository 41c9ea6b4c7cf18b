package lessontest

import (
	"runtime"
	"strings"
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
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if strings.Contains(header, "synctest bubble") && match(g) {
			count++
		}
	}
	return count
}
