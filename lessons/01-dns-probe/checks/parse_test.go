package checks

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"goasync.dev/workbook/internal/simnet"
	"goasync.dev/workbook/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }

// TestParseBounds: the shortest result line ("+ a", 3 bytes, the last line
// without its newline) is read, a shorter one is skipped without a panic,
// and only the listing's marks start a result line.
func TestParseBounds(t *testing.T) {
	assert.Equal(t, map[string]string{"b": "x", "a": "+"}, Marks("x b\n+ a"))
	assert.Equal(t, map[string]string{"b": "x"}, Marks("x b\n+ "))
	assert.Empty(t, Marks("? c\n"), "? is not a mark")
	assert.Equal(t, []string{"bad name", "go.dev"}, Names("x \"bad name\"  not a DNS name\n+ go.dev  192.0.2.10\n"))
}

// world has one name per latency, "n0.test", "n1.test", ..., and returns
// them too.
func world(latencies ...time.Duration) (*simnet.World, []string) {
	w := &simnet.World{}
	var names []string
	for i, l := range latencies {
		name := fmt.Sprintf("n%d.test", i)
		names = append(names, name)
		w.Domains = append(w.Domains, simnet.Domain{Name: name, Addrs: []string{"192.0.2.1"}, Latency: simnet.Duration(l)})
	}
	return w, names
}

// TestCtrlCAtBounds: Ctrl-C comes halfway between the last answer before
// half the slowest latency and the first from there on, on a whole
// millisecond when one lies strictly between them, never on an answer.
func TestCtrlCAtBounds(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		latencies []time.Duration
		want      time.Duration
	}{
		{[]time.Duration{ms, 3 * ms, 10 * ms}, 6 * ms},          // 6.5ms, cut to 6ms
		{[]time.Duration{6 * ms, 7 * ms, 14 * ms}, 6*ms + ms/2}, // 6ms is an answer: 6.5ms stays
		{[]time.Duration{6*ms - 1, 7 * ms, 14 * ms}, 6 * ms},    // 6ms is just after one
		{[]time.Duration{7*ms - 1, 14 * ms}, 10 * ms},           // 7ms-1ns is before half (7ms)
		{[]time.Duration{7 * ms, 14 * ms}, 3 * ms},              // 7ms is from half on: between the start and 7ms
	} {
		w, names := world(tc.latencies...)
		assert.Equal(t, tc.want, CtrlCAt(t, w, names), "%v", tc.latencies)
	}
}

// fatalTB records a Fatalf and ends its goroutine, as testing.T does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// TestLatenciesOfAMissingName: a name the world lacks is named, not a panic.
func TestLatenciesOfAMissingName(t *testing.T) {
	w, _ := world(time.Millisecond)
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Latencies(tb, w, []string{"n0.test", "nope.test"})
	}()
	<-done
	assert.Equal(t, "nope.test is not in the world", tb.msg)
}
