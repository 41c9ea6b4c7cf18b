package simnet_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"goasync.dev/workbook/internal/simnet"
)

// A real resolver and a real HTTP client, talking to the simulated internet
// on 127.0.0.1.
func ExampleNewLoopback() {
	n, err := simnet.NewLoopback(simnet.DefaultWorld())
	if err != nil {
		panic(err)
	}
	defer n.Close()

	addrs, err := n.Resolver().LookupHost(context.Background(), "go.dev")
	fmt.Println(addrs, err)
	_, err = n.Resolver().LookupHost(context.Background(), "for.dev")
	fmt.Println(err != nil)

	resp, err := n.Client(5 * time.Second).Get(simnet.HTTPBinURL)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, http.StatusText(resp.StatusCode), len(body), "bytes")
	// Output:
	// [192.0.2.10 2001:db8::10] <nil>
	// true
	// 200 OK 128 bytes
}
