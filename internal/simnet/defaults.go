package simnet

import (
	"fmt"
	"slices"
	"time"

	"goasync.dev/workbook/internal/keywords"
)

// Option changes what DefaultWorld builds.
type Option func(*options)

type options struct{ python bool }

// WithPythonKeywords makes DefaultWorld's keyword domains those of Python
// 3.11's keyword.kwlist (the original asyncio lesson's; typed once in
// internal/keywords) instead of Go's.
func WithPythonKeywords() Option { return func(o *options) { o.python = true } }

// The default world's resolving keyword domains: the names a lesson finds
// taken. Every other keyword domain is NXDOMAIN.
var (
	goTaken     = []string{"go.dev", "func.dev", "map.dev", "select.dev", "type.dev", "defer.dev"}
	pythonTaken = []string{"and.dev", "def.dev", "for.dev", "import.dev", "with.dev", "yield.dev"}
)

// The three URLs of lesson 03, in the lesson's order.
const (
	ExampleURL = "https://www.example.com"
	HTTPBinURL = "https://httpbin.org/get"
	PythonURL  = "https://www.python.org"
)

// Fault URLs and domains of the default world, for demonstrating errors.
const (
	HangURL      = "https://slow.example.net/"  // never answers
	ResetURL     = "https://reset.example.net/" // connection drops mid-body
	HugeURL      = "https://huge.example.net/"  // a 1 GiB body
	ErrorURL     = "https://status.example.net/500"
	RedirectURL  = "https://redirect.example.net/" // 301 to PythonURL
	RefuseURL    = "https://refuse.example.net/"   // connection refused
	CloseURL     = "https://close.example.net/"    // closed without an answer
	NotHTTPURL   = "https://binary.example.net/"   // answers in binary, not HTTP
	BadLengthURL = "https://length.example.net/"   // Content-Length: lots
	BigHeaderURL = "https://header.example.net/"   // a header over 10 MB
	RefusedName  = "refused.test"                  // the DNS server refuses (REFUSED)
	ServfailName = "servfail.test"                 // the DNS server fails (SERVFAIL)
	SilentName   = "silent.test"                   // the DNS server never answers
)

// DefaultWorld is the world of the lessons:
//
//   - every Go keyword as <keyword>.dev, lower case, in go/token's order
//     (Python 3.11's keyword.kwlist with WithPythonKeywords): six resolve to
//     documentation addresses (192.0.2.0/24, 2001:db8::/32), the rest are
//     NXDOMAIN. The keyword at index i of n answers after
//     20ms + ((i*11) mod n) * 10ms. As 11 shares no factor with n (25 or 35),
//     i -> i*11 mod n is a permutation: every latency is distinct, the
//     latencies span 20ms to 20ms + (n-1)*10ms (260ms for Go, 360ms for
//     Python), and the order of completion is a fixed shuffle of the input
//     order, never the input order itself;
//   - servfail.test and silent.test, which fail in the two ways that are not
//     "no such name" (SERVFAIL, and no answer at all);
//   - www.example.com, httpbin.org and www.python.org, which resolve in 15 to
//     25ms (below every keyword's latency);
//   - the three URLs of lesson 03, whose headers arrive after 250ms, 400ms
//     and 150ms: python.org, the last of the three, finishes first;
//   - URLs that fail on hosts of their own (no Domain entry needed):
//     HangURL, ResetURL, HugeURL, ErrorURL (a 500), RefuseURL, CloseURL,
//     NotHTTPURL, BadLengthURL and BigHeaderURL; and RedirectURL, a 301 to
//     PythonURL;
//   - refused.test, whose DNS server refuses to answer (REFUSED).
func DefaultWorld(opts ...Option) *World {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	words, taken := keywords.Go(), goTaken
	if o.python {
		words, taken = keywords.Python(), pythonTaken
	}
	w := &World{}
	names := keywords.Domains(words)
	for i, name := range names {
		d := Domain{Name: name, Latency: ms(20 + (i*11%len(names))*10)}
		if j := slices.Index(taken, name); j >= 0 {
			d.Addrs = []string{fmt.Sprintf("192.0.2.%d", 10+j), fmt.Sprintf("2001:db8::%d", 10+j)}
		} else {
			d.Rcode = RcodeNXDOMAIN
		}
		w.Domains = append(w.Domains, d)
	}
	w.Domains = append(w.Domains,
		Domain{Name: ServfailName, Rcode: RcodeSERVFAIL, Latency: ms(30)},
		Domain{Name: RefusedName, Rcode: RcodeREFUSED, Latency: ms(30)},
		Domain{Name: SilentName, Silent: true},
		Domain{Name: "www.example.com", Addrs: []string{"192.0.2.80"}, Latency: ms(15)},
		Domain{Name: "httpbin.org", Addrs: []string{"192.0.2.81"}, Latency: ms(25)},
		Domain{Name: "www.python.org", Addrs: []string{"192.0.2.82", "2001:db8::82"}, Latency: ms(20)},
	)
	w.Resources = []Resource{
		{URL: ExampleURL, ContentType: "text/html; charset=utf-8", Body: examplePage, Latency: ms(250)},
		{URL: HTTPBinURL, ContentType: "application/json", Body: httpbinJSON, Latency: ms(400)},
		{URL: PythonURL, ContentType: "text/html; charset=utf-8", BodySize: 51_200, Latency: ms(150)},
		{URL: HangURL, Fault: FaultHang},
		{URL: ResetURL, BodySize: 10_000, Fault: FaultReset, Latency: ms(50)},
		{URL: HugeURL, Fault: FaultHuge, Latency: ms(50)},
		{URL: ErrorURL, Status: 500, Body: "simulated server error\n", Latency: ms(80)},
		{URL: RedirectURL, Status: 301, Location: PythonURL, Body: "moved to " + PythonURL + "\n", Latency: ms(60)},
		{URL: RefuseURL, Fault: FaultRefuse},
		{URL: CloseURL, Fault: FaultClose, Latency: ms(70)},
		{URL: NotHTTPURL, Fault: FaultNotHTTP, Latency: ms(90)},
		{URL: BadLengthURL, Fault: FaultBadLength, Latency: ms(100)},
		{URL: BigHeaderURL, Fault: FaultBigHeader, Latency: ms(110)},
	}
	return w
}

func ms(n int) Duration { return Duration(time.Duration(n) * time.Millisecond) }

const examplePage = `<!doctype html>
<html>
<head><title>Example (simulated)</title></head>
<body>
<h1>Example (simulated)</h1>
<p>This page is served by the workbook's simulated internet, not by the real
www.example.com. It is short, and it arrives after 250 ms.</p>
</body>
</html>
`

const httpbinJSON = `{
  "args": {},
  "headers": {"Host": "httpbin.org", "Note": "simulated by the workbook"},
  "url": "https://httpbin.org/get"
}
`
