package simnet

import (
	"context"
	"io"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkLoopbackDNS1000 resolves 1,000 names at once, each answered after
// 100 ms, on loopback: the wall time per op shows how much of the latency
// overlaps (target: under 0.3 s; one after the other would take 100 s).
func BenchmarkLoopbackDNS1000(b *testing.B) {
	w, names := sameLatencyWorld(1000, 100*time.Millisecond)
	n, err := NewLoopback(w)
	if err != nil {
		b.Fatal(err)
	}
	defer n.Close()
	b.ReportAllocs()
	for b.Loop() {
		var wg sync.WaitGroup
		for _, name := range names {
			wg.Go(func() {
				if _, err := n.Resolver().LookupHost(context.Background(), name); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
	}
	reportWall(b)
}

// BenchmarkLoopbackHTTP1000 fetches 1,000 URLs at once, each answered after
// 100 ms, on loopback (target: under 0.3 s per op).
func BenchmarkLoopbackHTTP1000(b *testing.B) {
	w := &World{}
	var urls []string
	for i := range 1000 {
		u := "http://bench.test/page/" + strconv.Itoa(i)
		urls = append(urls, u)
		w.Resources = append(w.Resources, Resource{URL: u, Body: "hello\n", Latency: Duration(100 * time.Millisecond)})
	}
	n, err := NewLoopback(w)
	if err != nil {
		b.Fatal(err)
	}
	defer n.Close()
	c := n.Client(10 * time.Second)
	b.ReportAllocs()
	for b.Loop() {
		var wg sync.WaitGroup
		for _, u := range urls {
			wg.Go(func() {
				resp, err := c.Get(u)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			})
		}
		wg.Wait()
	}
	reportWall(b)
}

// reportWall reports the wall time of one op in seconds, the unit of the
// 0.3 s target.
func reportWall(b *testing.B) {
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/op")
}
