package timeline_test

import (
	"os"
	"time"

	"goasync.dev/workbook/internal/timeline"
)

// The chart of the two Tasks of lesson 02: world (1 s) and hello (2 s),
// started together.
func ExampleRender() {
	timeline.Render(os.Stdout, []timeline.Span{
		{Name: "hello", Start: 0, End: 2 * time.Second},
		{Name: "world", Start: 0, End: time.Second},
	})
	// Output:
	// timeline: 1 column = 50ms
	// world  ####################                       0s .. 1s
	// hello  ########################################   0s .. 2s
	//        |         |         |         |         |
	//        0s        500ms     1s        1.5s      2s
}
