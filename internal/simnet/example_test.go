package simnet_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
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
	// The resolver orders addresses by RFC 6724, which depends on this
	// machine's routes (IPv4 or IPv6 first): sort them to print.
	slices.Sort(addrs)
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

// A world of one name and one page, served in memory. Inside a
// testing/synctest bubble the 5 ms would be virtual; here they are real.
func ExampleNewMemory() {
	world := &simnet.World{
		Domains: []simnet.Domain{{Name: "gopher.test", Addrs: []string{"192.0.2.7"}, Latency: simnet.Duration(5 * time.Millisecond)}},
		Resources: []simnet.Resource{{
			URL: "https://gopher.test/hello", ContentType: "text/plain", Body: "hello, gopher\n",
			Latency: simnet.Duration(5 * time.Millisecond),
		}},
	}
	n, err := simnet.NewMemory(world)
	if err != nil {
		panic(err)
	}
	defer n.Close()

	addrs, err := n.Resolver().LookupHost(context.Background(), "gopher.test")
	fmt.Println(addrs, err)

	resp, err := n.Client(time.Second).Get("https://gopher.test/hello")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("%s %q\n", resp.Status, body)

	resp, err = n.Client(time.Second).Get("https://gopher.test/missing")
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
	// Output:
	// [192.0.2.7] <nil>
	// 200 OK "hello, gopher\n"
	// 404 Not Found in the simulated world
}
