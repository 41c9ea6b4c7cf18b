package lessontest

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestStamped: result lines written at one instant are sorted by Key;
// lines of different instants, and lines that are not results, keep their
// order.
func TestStamped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &Stamped{Tied: func(l string) bool { return strings.HasPrefix(l, "+ ") }, Key: func(l string) string { return l[2:] }}
		for _, l := range []string{"+ c\n", "+ a\n", "summary\n", "+ b\n"} {
			fmt.Fprint(s, l)
		}
		time.Sleep(time.Second)
		fmt.Fprint(s, "+ 0\n") // later: stays last, though it sorts first
		assert.Equal(t, "+ a\n+ c\nsummary\n+ b\n+ 0\n", s.String())
	})
}

// TestStampedSortsTheLastRun: a run of tied lines that ends the output is
// sorted too, its last line included.
func TestStampedSortsTheLastRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &Stamped{Tied: func(l string) bool { return strings.HasPrefix(l, "+ ") }, Key: func(l string) string { return l[2:] }}
		for _, l := range []string{"start\n", "+ b\n", "+ a\n"} {
			fmt.Fprint(s, l)
		}
		assert.Equal(t, "start\n+ a\n+ b\n", s.String())
	})
}
