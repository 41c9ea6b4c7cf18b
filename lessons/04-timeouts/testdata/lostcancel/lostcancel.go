// Package lostcancel is the lesson's third classic mistake, kept out of
// the build (testdata): a context whose cancel func is thrown away. go vet
// reports it (the lostcancel analyzer); TestLostCancelVet proves that.
package lostcancel

import (
	"context"
	"time"
)

// firstWithin waits for the first value of ch, at most d.
func firstWithin(ctx context.Context, ch <-chan string, d time.Duration) (string, error) {
	ctx, _ = context.WithTimeout(ctx, d) // the cancel func is lost
	select {
	case v := <-ch:
		return v, nil // the timer and ctx live on until d has passed
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
