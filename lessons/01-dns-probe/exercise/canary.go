package main

import (
	"context"
	"fmt"
	"io"
)

// checkCanary looks up a name that must exist. A resolver that denies it
// (a sandbox, a captive portal, a broken DNS) denies everything, and then
// "not found" means nothing. The canary is probed like any other name, with
// the same timeout, by a prober of its own: it has no slot of -limit and no
// bar on the timeline, since it is not one of the names asked about.
func checkCanary(ctx context.Context, p *prober, canary string) result {
	if canary == "" {
		return result{status: found}
	}
	return p.probe(ctx, canary)
}

// canaryVerdict says what the canary's answer means for the "not found"
// answers of the run, and returns exitFailed when they can not be trusted.
func canaryVerdict(stderr io.Writer, canary string, trust result, c [cancelled + 1]int, offline bool) int {
	if canary == "" || trust.status == found || trust.status == cancelled {
		return exitOK
	}
	switch {
	case trust.status == failed:
		fmt.Fprintf(stderr, "the canary %s got no answer (%s): the \"not found\" above could not be checked\n", display(canary), trust.reason)
	case c[notFound] == 0:
		fmt.Fprintf(stderr, "the DNS answered \"not found\" for the canary %s: give -canary a name that exists, or \"\" to skip the check\n", display(canary))
	case offline:
		fmt.Fprintf(stderr, "the DNS answered \"not found\" for %s, a name that exists: \"not found\" above can not be trusted\n", display(canary))
	default:
		fmt.Fprintf(stderr, "the DNS answered \"not found\" for %s, a name that exists: \"not found\" above can not be trusted; is the network up? try -offline\n", display(canary))
	}
	return exitFailed
}
