package lessontest

import (
	"fmt"
	"testing/synctest"
	"time"
)

// A Measure is what a check saw of one call of a learner's function inside
// a synctest bubble: when it began, how long it took in virtual time,
// whether it returned, and the goroutines it left running.
type Measure struct {
	Start    time.Time
	Elapsed  time.Duration
	Returned bool
	// Leftover counts the goroutines the call started that were still
	// alive once it had returned and everything that could finish had
	// finished.
	Leftover int
}

// Time calls f inside the current synctest bubble and measures it. count
// counts the bubble's goroutines that are not the test's own (those of a
// simulated server are left out, as BubbleGoroutines(skip) does). It
// counts once every goroutine already there is durably blocked, before f,
// so a server goroutine that is still starting is not missed (it was, now
// and then, counted at that instant), and again after f and settle, if not nil (which
// may close what the test itself holds open: a client's idle connections)
// once everything that could finish has. When f never returns, neither does
// Time: synctest then finds the bubble blocked for good (SynctestTest).
func Time(count func() int, f, settle func()) Measure {
	synctest.Wait()
	before := count()
	m := Measure{Start: time.Now()}
	f()
	m.Elapsed, m.Returned = time.Since(m.Start), true
	if settle != nil {
		settle()
	}
	synctest.Wait()
	m.Leftover = count() - before
	return m
}

// StuckMessage says, for a check's message, that the call of fn left goroutines
// blocked for good or never returned, with the stacks of dl on the lines
// below: make check reads them to name the learner's goroutine, its line
// and what it waits on. It is "" when dl is nil.
func (m Measure) StuckMessage(dl *Deadlock, fn string) string {
	switch {
	case dl == nil:
		return ""
	case m.Returned:
		return fmt.Sprintf("%s returned after %v but left goroutines blocked for good:\n%v", fn, m.Elapsed, dl)
	default:
		return fmt.Sprintf("%s never returned: it and every goroutine it started were blocked for good:\n%v", fn, dl)
	}
}
