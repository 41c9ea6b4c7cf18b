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
