package lessontest

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestTime: the call's virtual time, exactly; the goroutines it left
// blocked, but not one that ended at once, nor those that were there
// before it, even those still starting; settle runs before the count.
func TestTime(t *testing.T) {
	// Without the Wait before the first count, a goroutine still starting
	// is missed in about one run of three: 20 runs miss none.
	for range 20 {
		synctest.Test(t, func(t *testing.T) {
			block := make(chan struct{})
			defer close(block)
			// There before the call, not its leftovers: a server starting
			// two goroutines that wait. Time counts once they are there.
			go func() {
				go func() { <-block }()
				go func() { <-block }()
			}()
			settled := false
			m := Time(func() int { return BubbleGoroutines("") }, func() {
				time.Sleep(2 * time.Second)
				go func() { <-block }() // left blocked
				go func() {}()          // ends at once
			}, func() { settled = true })
			assert.Equal(t, 2*time.Second, m.Elapsed)
			assert.True(t, m.Returned)
			assert.Equal(t, 1, m.Leftover)
			assert.True(t, settled)
			assert.Equal(t, 2*time.Second, time.Since(m.Start))

			m = Time(func() int { return BubbleGoroutines("") }, func() {}, nil)
			assert.Equal(t, Measure{Start: m.Start, Returned: true}, m, "no settle: nothing is called")
		})
	}
}

func TestStuckMessage(t *testing.T) {
	dl := &Deadlock{Reason: "all goroutines in bubble are blocked", Stacks: "goroutine 7 [chan send]:"}
	assert.Empty(t, Measure{Returned: true}.StuckMessage(nil, "f"))
	assert.Equal(t, "f returned after 60ms but left goroutines blocked for good:\nall goroutines in bubble are blocked\ngoroutine 7 [chan send]:",
		Measure{Returned: true, Elapsed: 60 * time.Millisecond}.StuckMessage(dl, "f"))
	assert.Equal(t, "f never returned: it and every goroutine it started were blocked for good:\nall goroutines in bubble are blocked\ngoroutine 7 [chan send]:",
		Measure{}.StuckMessage(dl, "f"))
}

// TestRunMessage: a run that returned and left goroutines blocked, and one
// that never ended, each said with the stacks below.
func TestRunMessage(t *testing.T) {
	dl := &Deadlock{Exited: true, Reason: "main bubble goroutine has exited but blocked goroutines remain", Stacks: "goroutine 7 [chan send]:"}
	assert.Equal(t, "the run returned but left goroutines blocked for good:\nmain bubble goroutine has exited but blocked goroutines remain\ngoroutine 7 [chan send]:", dl.RunMessage())
	dl.Exited = false
	assert.True(t, strings.HasPrefix(dl.RunMessage(), "the run never ended: every goroutine was blocked for good:\n"))
}
