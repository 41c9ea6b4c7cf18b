package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"goasync.dev/workbook/internal/simnet"
)

// latency is how long the lesson's DNS server takes to answer any name:
// 1,000 lookups on 10 workers take 100 rounds of it.
const latency = 100 * time.Millisecond

// freeEvery: one name in every freeEvery is free (NXDOMAIN), the rest are
// taken. With at most freeEvery workers, no two free names answer at the
// same instant.
const freeEvery = 100

// jobName is the lesson's i-th name (from 1): probe0001.dev.
func jobName(i int) string { return fmt.Sprintf("probe%04d.dev", i) }

// generate returns the first n of the lesson's names.
func generate(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = jobName(i + 1)
	}
	return names
}

// lessonWorld is the simulated internet of this lesson: its first n names,
// each answered after latency; every freeEvery-th (probe0050.dev,
// probe0150.dev, ...) is free, the others have an address in 198.18.0.0/15,
// the block set aside for benchmark tests (RFC 6890), so no address the
// lesson prints is a real host's.
func lessonWorld(n int) *simnet.World {
	w := &simnet.World{}
	for i := 1; i <= n; i++ {
		d := simnet.Domain{Name: jobName(i), Latency: simnet.Duration(latency)}
		if i%freeEvery == freeEvery/2 {
			d.Rcode = simnet.RcodeNXDOMAIN
		} else {
			d.Addrs = []string{fmt.Sprintf("198.%d.%d.%d", 18+i>>16, i>>8&255, i&255)}
		}
		w.Domains = append(w.Domains, d)
	}
	return w
}

// readNames reads one name a line from r (blank lines and # comments
// skipped), at most limit of them.
func readNames(r io.Reader, limit int) ([]string, error) {
	var names []string
	lines := bufio.NewScanner(r)
	for line := 1; lines.Scan(); line++ {
		name := strings.TrimSpace(lines.Text())
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		if len(names) == limit {
			return nil, fmt.Errorf("more than %d names: split the list", limit)
		}
		if strings.ContainsAny(name, " \t") || len(name) > 253 {
			return nil, fmt.Errorf("line %d: %q is not a DNS name", line, name)
		}
		names = append(names, name)
	}
	if err := lines.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, errors.New("a line is longer than 64 KB: one name a line")
		}
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("no names in it: write one name a line")
	}
	return names, nil
}
