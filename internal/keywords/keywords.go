// Package keywords lists the reserved words of Go and of Python, the names
// lesson 01 probes as <keyword>.dev.
package keywords

import (
	"go/token"
	"slices"
	"strings"
)

// Go returns Go's 25 keywords in go/token's order, break to var, read from
// go/token rather than typed by hand: its keyword tokens are consecutive.
func Go() []string {
	var words []string
	for tok := token.BREAK; tok <= token.VAR; tok++ {
		words = append(words, tok.String())
	}
	return words
}

// python is keyword.kwlist of CPython 3.11 (`python3 -c 'import keyword;
// print(keyword.kwlist)'`), the list the original asyncio lesson probes. Go's
// standard library can not tell it, so it is typed here, once.
var python = []string{
	"False", "None", "True", "and", "as", "assert", "async", "await",
	"break", "class", "continue", "def", "del", "elif", "else", "except",
	"finally", "for", "from", "global", "if", "import", "in", "is",
	"lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
	"while", "with", "yield",
}

// Python returns Python 3.11's 35 keywords, as keyword.kwlist lists them.
func Python() []string { return slices.Clone(python) }

// Domains turns words into lower-case "<word>.dev" names, in order.
func Domains(words []string) []string {
	names := make([]string, len(words))
	for i, w := range words {
		names[i] = strings.ToLower(w) + ".dev"
	}
	return names
}
