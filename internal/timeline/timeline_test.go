package timeline

import (
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestRecorderMeasuresVirtualTime(t *testing.T) {
	defer goleak.VerifyNone(t)
	synctest.Test(t, func(t *testing.T) {
		rec := New()
		var wg sync.WaitGroup
		for _, d := range []time.Duration{3 * time.Second, time.Second, 2 * time.Second} {
			wg.Go(func() {
				done := rec.Start(d.String())
				time.Sleep(d)
				done("slept")
			})
		}
		wg.Wait()
		spans := rec.Spans()
		require.Len(t, spans, 3)
		for i, want := range []time.Duration{time.Second, 2 * time.Second, 3 * time.Second} {
			assert.Equal(t, Span{Name: want.String(), Start: 0, End: want, Note: "slept"}, spans[i])
		}
	})
}

func TestRenderSequential(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Render(&b, []Span{
		{Name: "world", Start: time.Second, End: 3 * time.Second},
		{Name: "hello", Start: 0, End: time.Second, Note: "printed"},
	}))
	want := `timeline: 1 column = 100ms
hello  ##########                       0s .. 1s  printed
world            ####################   1s .. 3s
       |         |         |         |
       0s        1s        2s        3s
`
	assert.Equal(t, want, b.String())
}

func TestRenderShortSpanGetsOneColumn(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Render(&b, []Span{
		{Name: "fast", Start: 0, End: time.Millisecond},
		{Name: "slow", Start: 0, End: 400 * time.Millisecond},
	}))
	lines := strings.Split(b.String(), "\n")
	assert.Equal(t, "fast  #", strings.Fields(lines[1])[0]+"  "+strings.Fields(lines[1])[1])
	assert.Contains(t, lines[0], "1 column = 10ms")
}

func TestRenderNothing(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Render(&b, nil))
	assert.Equal(t, "timeline: nothing finished\n", b.String())
}

func TestColumnStepFitsWidth(t *testing.T) {
	assert.Equal(t, time.Microsecond, columnStep(1), "the finest column is 1µs")
	for _, total := range []time.Duration{time.Millisecond, 99 * time.Millisecond, time.Second, 3 * time.Second, 7 * time.Minute} {
		step := columnStep(total)
		assert.LessOrEqual(t, total, step*Width, "total %v step %v", total, step)
		assert.Greater(t, total, step*Width/5, "total %v step %v: too coarse", total, step)
	}
}

func TestFormat(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 150 * time.Millisecond: "150ms", time.Second: "1s",
		1500 * time.Millisecond: "1.5s", 12345 * time.Millisecond: "12.35s",
		2 * time.Nanosecond: "2ns", 40 * time.Microsecond: "40µs", 39501 * time.Nanosecond: "40µs",
	} {
		assert.Equal(t, want, format(d))
	}
}

func TestRenderAlignsTimes(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Render(&b, []Span{
		{Name: "a", Start: 0, End: 5 * time.Millisecond, Note: "ok"},
		{Name: "b", Start: 120 * time.Millisecond, End: 1500 * time.Millisecond, Note: "ok"},
	}))
	lines := strings.Split(b.String(), "\n")
	assert.Equal(t, strings.Index(lines[1], ".."), strings.Index(lines[2], ".."), "the .. columns line up:\n%s", b.String())
	assert.Equal(t, strings.Index(lines[1], "ok"), strings.Index(lines[2], "ok"), "the notes line up:\n%s", b.String())
}

// TestRenderOrder: rows are ordered by start, then end, then name, whatever
// order the spans came in.
func TestRenderOrder(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Render(&b, []Span{
		{Name: "d", Start: time.Second, End: 2 * time.Second},
		{Name: "c", Start: 0, End: 2 * time.Second},
		{Name: "b", Start: 0, End: time.Second},
		{Name: "a", Start: 0, End: time.Second},
	}))
	var names []string
	for _, line := range strings.Split(b.String(), "\n")[1:5] {
		names = append(names, strings.Fields(line)[0])
	}
	assert.Equal(t, []string{"a", "b", "c", "d"}, names)
}

// TestColumnStepIsRound: a column is 1, 2 or 5 times a power of ten.
func TestColumnStepIsRound(t *testing.T) {
	for total, want := range map[time.Duration]time.Duration{
		40 * time.Millisecond:   time.Millisecond,
		41 * time.Millisecond:   2 * time.Millisecond,
		81 * time.Millisecond:   5 * time.Millisecond,
		201 * time.Millisecond:  10 * time.Millisecond,
		2 * time.Second:         50 * time.Millisecond,
		3 * time.Second:         100 * time.Millisecond,
		7 * time.Minute:         20 * time.Second,
		1500 * time.Millisecond: 50 * time.Millisecond,
	} {
		assert.Equal(t, want, columnStep(total), "total %v", total)
	}
}

// TestRenderTinySpans: a run of nanoseconds (02-tasks -unit 1ns) is drawn
// with its real scale and times, not as "1 column = 0s".
func TestRenderTinySpans(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Render(&b, []Span{
		{Name: "world", Start: 0, End: 1 * time.Nanosecond, Note: "printed"},
		{Name: "hello", Start: 0, End: 35 * time.Microsecond, Note: "printed"},
	}))
	assert.Equal(t, `timeline: 1 column = 1µs
world  #                                     0s .. 1ns   printed
hello  ###################################   0s .. 35µs  printed
       |         |         |         |
       0s        10µs      20µs      30µs
`, b.String())
}
