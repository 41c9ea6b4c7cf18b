package simnet

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestMain fails the binary if any goroutine outlives the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestFirstLookupInsideABubble is the first test of the binary (go test runs
// the files in name order, and bubble_test.go comes first), so its lookup is
// the binary's first outside init. Without this package's init the second
// bubble below dies with "fatal error: send on synctest channel from outside
// bubble" (checked by removing init), and so would the lookup outside any
// bubble after it.
func TestFirstLookupInsideABubble(t *testing.T) {
	for range 2 {
		synctest.Test(t, func(t *testing.T) {
			n, err := NewMemory(DefaultWorld())
			require.NoError(t, err)
			defer n.Close()
			_, err = n.Resolver().LookupHost(context.Background(), "go.dev")
			require.NoError(t, err)
		})
	}
	n, err := NewLoopback(DefaultWorld())
	require.NoError(t, err)
	defer n.Close()
	_, err = n.Resolver().LookupHost(context.Background(), "go.dev")
	require.NoError(t, err)
}
