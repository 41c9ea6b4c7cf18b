package main

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"time"
)

// linkRE matches a Markdown link [text](target).
var linkRE = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]+)\)`)

// studentREADME turns a lesson's README into the handout's README.md, which
// sits at the handout's root: a short header says how to work, links are
// rewritten from lessons/<lesson>/ to the root, and a link to a file the
// handout does not have keeps its text only. Without the solution,
// `go run ./lessons/<lesson>` becomes `go run ./lessons/<lesson>/exercise`,
// and a Go code block that shows an answer line is left out.
func studentREADME(src []byte, lesson string, solution bool, answers map[string]bool, has func(rel string) bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- The handout of lesson %s of the Go async workbook, written by `make handout`. -->\n", lesson)
	fmt.Fprintf(&b, "> **This folder is lesson %s, handed out.** Your code is in\n", lesson)
	fmt.Fprintf(&b, "> [lessons/%s/exercise/](lessons/%s/exercise/). `make check` shows your progress,\n", lesson, lesson)
	b.WriteString("> `make hint` the next hint, `make watch` checks again whenever you save,\n")
	b.WriteString("> `make run ARGS='...'` runs your program. Do not edit `checks/` or the tests:\n")
	b.WriteString("> your instructor grades with their own copy.\n\n")
	lines := strings.SplitAfter(string(src), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(strings.TrimSpace(l), "```go") {
			end := i + 1
			for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), "```") {
				end++
			}
			if !solution && showsAnswer(lines[i+1:min(end, len(lines))], answers) {
				b.WriteString("> *This code is the answer to one of the exercises, so the handout leaves it out.*\n")
				i = end
				continue
			}
			for ; i <= end && i < len(lines); i++ {
				b.WriteString(lines[i])
			}
			i--
			continue
		}
		b.WriteString(rewriteLine(l, lesson, solution, has))
	}
	return []byte(b.String())
}

// showsAnswer reports whether a code block contains an answer line.
func showsAnswer(block []string, answers map[string]bool) bool {
	for _, l := range block {
		if answers[strings.TrimSpace(l)] {
			return true
		}
	}
	return false
}

// rewriteLine rewrites the links of one README line for the handout's root.
func rewriteLine(l, lesson string, solution bool, has func(string) bool) string {
	l = linkRE.ReplaceAllStringFunc(l, func(m string) string {
		sub := linkRE.FindStringSubmatch(m)
		text, target := sub[1], sub[2]
		if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
			return m
		}
		p, frag, _ := strings.Cut(target, "#")
		rel := path.Clean(path.Join("lessons", lesson, p))
		if !has(rel) && !solution && has(path.Join("lessons", lesson, "exercise", p)) {
			// The reference's tasks.go is not here; the student's copy is.
			rel = path.Join("lessons", lesson, "exercise", p)
		}
		if strings.HasPrefix(rel, "../") || !has(rel) {
			return text
		}
		if strings.HasSuffix(p, "/") {
			rel += "/"
		}
		if frag != "" {
			rel += "#" + frag
		}
		return "[" + text + "](" + rel + ")"
	})
	if !solution {
		// ./lessons/<lesson> not followed by a path is the reference's
		// package, which a handout without the solution does not have.
		run := regexp.MustCompile(regexp.QuoteMeta("./lessons/"+lesson) + `([^/0-9A-Za-z_-]|$)`)
		l = run.ReplaceAllString(l, "./lessons/"+lesson+"/exercise$1")
	}
	return strings.ReplaceAll(l, "from the workbook's root", "from this folder")
}

var makefileTmpl = template.Must(template.New("Makefile").Parse(`# Lesson {{.Lesson}} of the Go async workbook, handed out. ` + "`make`" + ` lists what you can do.
# Your code is in {{.Ex}}/.

SHELL := bash
.DEFAULT_GOAL := help

# The golden files hold clock lines such as "started at 00:00:00": pin the zone.
export TZ := UTC
# A race-detector binary sleeps 1 s at exit unless told not to.
export GORACE := atexit_sleep_ms=0
# This folder is one module: never let a go.work above it take over.
export GOWORK := off

GO   ?= go
ARGS ?=
EX   := ./{{.Ex}}
PROGRESS = progress=$$(mktemp -d)/progress && $(GO) build -o $$progress ./internal/cmd/progress

.PHONY: help check hint watch run test

help: ## list the targets
	@echo "Lesson {{.Lesson}}, handed out. Your code: {{.Ex}}/"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-6s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

check: ## your progress through the exercises, with the next hint (fails until all are done)
	@$(PROGRESS) && $(GO) test -tags exercise -race -json -count=1 -timeout 5m -run '^TestExercises$$' $(EX) 2>&1 | $$progress

hint: ## only the next exercise: what is wrong, and the hint
	@out=$$($(MAKE) -s --no-print-directory check 2>/dev/null); \
	if grep -q '^Next:' <<<"$$out"; then sed -n '/^Next:/,$$p' <<<"$$out"; else tail -n 20 <<<"$$out"; fi

watch: ## run make check again whenever you save a .go file of yours (Ctrl-C stops)
	@watch=$$(mktemp -d)/watch && $(GO) build -o $$watch ./internal/cmd/watch && $$watch -lesson {{.Lesson}} -- $(GO) test -tags exercise -race -json -count=1 -timeout 5m -run '^TestExercises$$'

run: ## run your program: make run ARGS='{{.Args}}'
	$(GO) run $(EX) $(ARGS)

test: ## everything builds and the plain tests pass (the exercise checks are make check)
	$(GO) vet ./...
	$(GO) test -count=1 ./...
`))

// handoutMakefile returns the handout's Makefile.
func handoutMakefile(lesson string, solution bool) []byte {
	var b strings.Builder
	args := "-timeline"
	err := makefileTmpl.Execute(&b, map[string]string{"Lesson": lesson, "Ex": "lessons/" + lesson + "/exercise", "Args": args})
	if err != nil {
		panic(err) // the template is fixed: an error is a bug here
	}
	if solution {
		fmt.Fprintf(&b, "\nsolution: ## run the reference solution: make solution ARGS='%s'\n\t$(GO) run ./lessons/%s $(ARGS)\n", args, lesson)
	}
	return []byte(b.String())
}

// writeTarGz writes the folder dir into the archive name, under dir's base
// name, with fixed times so that the same handout gives the same bytes.
func writeTarGz(dir, name string) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("handout: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("handout: %w", cerr)
		}
	}()
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	base := filepath.Base(dir)
	epoch := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: path.Join(base, filepath.ToSlash(rel)), Mode: 0o644, Size: int64(len(b)), ModTime: epoch, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err = tw.Write(b)
		return err
	})
	if err == nil {
		err = tw.Close()
	}
	if err == nil {
		err = gz.Close()
	}
	if err != nil {
		return fmt.Errorf("handout: writing %s: %w", name, err)
	}
	return nil
}
