package golden

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// blockRE matches an output block in a README that mirrors a golden file:
//
//	<!-- golden: tasks -->
//	```text
//	...
//	```
var blockRE = regexp.MustCompile("(?s)<!-- golden: ([A-Za-z0-9._-]+) -->\n```text\n(.*?)```\n")

// Block is one output block of a README that mirrors a golden file.
type Block struct {
	Name string // golden file name without the suffix
	Text string // the block's text
}

// Blocks returns the golden-mirroring blocks of a README, in order.
func Blocks(readme []byte) []Block {
	var out []Block
	for _, m := range blockRE.FindAllSubmatch(normalize(readme), -1) {
		out = append(out, Block{Name: string(m[1]), Text: string(m[2])})
	}
	return out
}

// README checks that every block of the README at path marked
// `<!-- golden: NAME -->` equals testdata/<lesson>/NAME.golden, so the output
// a learner reads is the output the tests prove. With GOLDIE_UPDATE=1 it
// rewrites the blocks from the golden files instead. It fails when the README
// has no such block, because then it proves nothing.
func README(t *testing.T, path, lesson string) {
	t.Helper()
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v", err)
	}
	readme = normalize(readme)
	blocks := Blocks(readme)
	if len(blocks) == 0 {
		t.Fatalf("golden: %s has no <!-- golden: NAME --> output block", path)
	}
	if Updating() {
		rewriteREADME(t, path, lesson, readme)
		return
	}
	for _, b := range blocks {
		want := normalize(Read(t, lesson, b.Name+Suffix))
		if b.Text != string(want) {
			t.Errorf("%s: the block marked %q is not testdata/%s/%s%s; run `make golden LESSON=%s`\n--- README\n%s--- golden\n%s",
				path, b.Name, lesson, b.Name, Suffix, lesson, b.Text, want)
		}
	}
}

func rewriteREADME(t *testing.T, path, lesson string, readme []byte) {
	t.Helper()
	out := blockRE.ReplaceAllFunc(readme, func(m []byte) []byte {
		name := string(blockRE.FindSubmatch(m)[1])
		want := normalize(Read(t, lesson, name+Suffix))
		return fmt.Appendf(nil, "<!-- golden: %s -->\n```text\n%s```\n", name, want)
	})
	if bytes.Equal(out, readme) {
		return
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatalf("golden: %v", err)
	}
}

// goExcerptRE matches a Go code block of a README.
var goExcerptRE = regexp.MustCompile("(?s)```go\n(.*?)```\n")

// READMECode checks that every ```go excerpt of the README at path is in one
// of the source files, so the lesson's code still reads as its README
// explains it. Comments, blank lines and indentation do not count, and "..."
// in an excerpt stands for code left out. Like README, it fails when the
// README has no Go excerpt.
func READMECode(t *testing.T, path string, files ...string) {
	t.Helper()
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v", err)
	}
	var src strings.Builder
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("golden: %v", err)
		}
		src.WriteString(codeLines(string(normalize(b))))
	}
	excerpts := goExcerptRE.FindAllSubmatch(normalize(readme), -1)
	if len(excerpts) == 0 {
		t.Fatalf("golden: %s has no ```go excerpt", path)
	}
	for _, m := range excerpts {
		if !excerptPattern(string(m[1])).MatchString(src.String()) {
			t.Errorf("%s: this excerpt is not in %s (comments, blank lines and indentation aside):\n%s",
				path, strings.Join(files, ", "), m[1])
		}
	}
}

// excerptPattern turns an excerpt into a regexp over the output of
// codeLines: whole lines in a row, with each "..." matching any text.
func excerptPattern(excerpt string) *regexp.Regexp {
	var pattern strings.Builder
	pattern.WriteString(`(?m)^`) // the excerpt starts at the start of a line
	for line := range strings.Lines(codeLines(excerpt)) {
		parts := strings.Split(strings.TrimSuffix(line, "\n"), "...")
		for i, part := range parts {
			if i > 0 {
				pattern.WriteString(`(?s:.*?)`)
			}
			pattern.WriteString(regexp.QuoteMeta(strings.TrimSpace(part)))
		}
		pattern.WriteString(`\n`)
	}
	return regexp.MustCompile(pattern.String())
}

// codeLines returns src without comments, blank lines or indentation.
func codeLines(src string) string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		if line = strings.TrimSpace(lineComment.ReplaceAllString(line, "")); line != "" {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// lineComment is a // comment, but not the // of "https://".
var lineComment = regexp.MustCompile(`(^|\s)//.*`)
