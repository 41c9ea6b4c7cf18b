package lessontest

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestBubbleGoroutines counts a goroutine left sleeping, and not once it
// has ended.
func TestBubbleGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		before := BubbleGoroutines("")
		done := make(chan struct{})
		go func() {
			time.Sleep(time.Second)
			close(done)
		}()
		synctest.Wait()
		assert.Equal(t, 1, BubbleGoroutines("")-before, "the sleeper")
		assert.Equal(t, 0, BubbleGoroutines("lessontest.TestBubbleGoroutines.func1.1")-before, "the sleeper, skipped")
		<-done
		synctest.Wait()
		assert.Equal(t, 0, BubbleGoroutines("")-before, "the sleeper has ended")
	})
}

// TestBubbleGoroutinesPastOneMiB: a dump of every goroutine larger than the
// first 1 MiB buffer is read whole, not cut: 5,000 blocked goroutines (more
// than 1 MiB of stacks) are all counted.
func TestBubbleGoroutinesPastOneMiB(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n = 5000
		before := BubbleGoroutines("")
		release := make(chan struct{})
		for range n {
			go func() { <-release }()
		}
		synctest.Wait()
		assert.Equal(t, n, BubbleGoroutines("")-before)
		close(release)
	})
}
