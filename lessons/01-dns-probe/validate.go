package main

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/idna"

	"goasync.dev/workbook/internal/cli"
)

// validate says why name is not a DNS host name, or returns nil. A bad name
// is reported without a query: the resolver would refuse some of them, and
// others it would send as they are and get a confusing answer back.
func validate(name string) error {
	host := strings.TrimSuffix(name, ".") // "go.dev." is the same name
	switch {
	case host == "":
		return errors.New("empty name")
	case len(host) > 253:
		return fmt.Errorf("%d bytes long, more than 253", len(host))
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return errors.New("an IP address, not a name")
	}
	if ascii, ok := punycode(host); ok {
		return fmt.Errorf("not ASCII: the DNS knows it as %s", ascii)
	}
	for label := range strings.SplitSeq(host, ".") {
		switch {
		case label == "":
			return errors.New("empty label (two dots in a row, or a dot first)")
		case len(label) > 63:
			return fmt.Errorf("label %.10q... is %d bytes long, more than 63", label, len(label))
		case label[0] == '-' || label[len(label)-1] == '-':
			return fmt.Errorf("label %q starts or ends with '-'", label)
		}
		for _, c := range label {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return fmt.Errorf("%q is not allowed: use letters, digits, '-' and '.'", c)
			}
		}
	}
	return nil
}

// punycode returns the xn-- form of a Unicode name ("bücher.example" is
// "xn--bcher-kva.example"), the form a DNS query carries, and whether name
// is such a name at all.
func punycode(host string) (string, bool) {
	if !strings.ContainsFunc(host, func(r rune) bool { return r > 0x7e }) {
		return "", false
	}
	ascii, err := idna.Lookup.ToASCII(host)
	return ascii, err == nil
}

// display shows a name so that it reads as one word and prints as it is:
// quoted, in ASCII, if it is empty or holds a space, a control character
// (ESC, CR, LF would act on the terminal) or anything beyond ASCII (whose
// width on screen is not its length in bytes); cut, with its length said,
// if it is longer than any DNS name.
func display(name string) string {
	if len(name) > 253 { // not a name: cut, so one argument does not fill the screen
		return cli.Quote(name)
	}
	if name == "" || strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r > 0x7e }) {
		return strconv.QuoteToASCII(name)
	}
	return name
}
