package main

import (
	"time"

	"goasync.dev/workbook/internal/simnet"
)

// The two mirrors of -mode hedge: one file, served by a mirror that is slow
// today (its tail latency) and by a fast one.
const (
	slowMirror = "https://eu.mirror.example/go.tar.gz"
	fastMirror = "https://us.mirror.example/go.tar.gz"
)

// Their latencies: the slow mirror's answer comes after the hedge delay
// plus the fast one's, so the hedge wins.
const (
	slowMirrorLatency = 400 * time.Millisecond
	fastMirrorLatency = 120 * time.Millisecond
)

// lessonWorld is the simulated internet of the lesson: simnet's default
// world (the three URLs of lesson 03 answer after 250ms, 400ms and 150ms)
// and the two mirrors.
func lessonWorld() *simnet.World {
	w := simnet.DefaultWorld()
	w.Resources = append(w.Resources,
		simnet.Resource{URL: slowMirror, ContentType: "application/gzip", BodySize: 4096, Latency: simnet.Duration(slowMirrorLatency)},
		simnet.Resource{URL: fastMirror, ContentType: "application/gzip", BodySize: 4096, Latency: simnet.Duration(fastMirrorLatency)},
	)
	return w
}

// latencyOf returns how long url of the lesson's world takes to answer,
// and whether it is in the world.
func latencyOf(url string) (time.Duration, bool) {
	for _, r := range lessonWorld().Resources {
		if r.URL == url {
			return time.Duration(r.Latency), true
		}
	}
	return 0, false
}
