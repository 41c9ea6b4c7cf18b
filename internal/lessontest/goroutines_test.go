package lessontest

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
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

// TestSynctestTestDeadlock: when synctest finds the bubble's goroutines
// blocked for good, SynctestTest returns a Deadlock whose stacks name the
// blocked goroutine's line and wait, and tells a function that never
// returned from one that returned and left goroutines behind. The
// goroutines stay blocked for good (goleak would fail this binary), so each
// case runs in a child process that prints what it got.
func TestSynctestTestDeadlock(t *testing.T) {
	if c := os.Getenv("LESSONTEST_DEADLOCK"); c != "" {
		dl := SynctestTest(t, func(t *testing.T) {
			ch := make(chan int)
			go func() { ch <- 1 }() // blocked for good: nobody receives
			if c == "never" {
				select {} // the function never returns
			}
		})
		fmt.Printf("nil=%v exited=%v\n", dl == nil, dl != nil && dl.Exited)
		if dl != nil {
			fmt.Println(dl.Error())
		}
		return
	}
	for c, want := range map[string]string{"never": "exited=false", "returned": "exited=true"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSynctestTestDeadlock$", "-test.v")
		cmd.Env = append(os.Environ(), "LESSONTEST_DEADLOCK="+c)
		out, _ := cmd.CombinedOutput() // goleak fails the child: the goroutine is blocked for good
		assert.Contains(t, string(out), "nil=false "+want, c)
		assert.Regexp(t, regexp.MustCompile(`goroutine \d+ \[chan send \(durable\), synctest bubble \d+\]:\n.*TestSynctestTestDeadlock\.func1\.1\(\)\n\s+\S+/goroutines_test\.go:\d+`), string(out), c)
		if c == "never" {
			assert.Contains(t, string(out), "deadlock: all goroutines in bubble are blocked", c)
		} else {
			assert.Contains(t, string(out), "deadlock: main bubble goroutine has exited but blocked goroutines remain", c)
		}
	}
}

// TestSynctestTestNoDeadlock: a bubble whose goroutines all end is no
// deadlock.
func TestSynctestTestNoDeadlock(t *testing.T) {
	assert.Nil(t, SynctestTest(t, func(t *testing.T) {
		done := make(chan struct{})
		go func() {
			time.Sleep(time.Second)
			close(done)
		}()
		<-done
	}))
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

func TestGoroutinesWere(t *testing.T) {
	assert.Equal(t, "0 goroutines were", GoroutinesWere(0))
	assert.Equal(t, "1 goroutine was", GoroutinesWere(1))
	assert.Equal(t, "2 goroutines were", GoroutinesWere(2))
}

// TestLessonsFirst: a deadlock's dump shows the goroutines that pass
// through a lesson's code (a -trimpath build names it lessons/...), even
// one alone; when none does, all of them.
func TestLessonsFirst(t *testing.T) {
	lesson := "goroutine 7 [chan send, synctest bubble 1]:\nmain.run()\n\t/w/lessons/02-tasks/tasks.go:80"
	trimmed := "goroutine 8 [select, synctest bubble 1]:\nmain.run()\n\tlessons/05-workers/pool.go:12"
	other := "goroutine 9 [select, synctest bubble 1]:\nnet/http.(*persistConn).readLoop()\n\t/usr/local/go/src/net/http/transport.go:2395"
	assert.Equal(t, []string{lesson}, lessonsFirst([]string{other, lesson}))
	assert.Equal(t, []string{lesson, trimmed}, lessonsFirst([]string{lesson, other, trimmed}))
	assert.Equal(t, []string{other}, lessonsFirst([]string{other}))
	assert.Empty(t, lessonsFirst(nil))
}
