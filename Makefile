# The Go async workbook. `make` lists what you can do.
#
# Learners: `make run LESSON=02-tasks`, then `make check`.
# Instructors: `make diff LESSON=02-tasks`, `make golden`.
# Everyone, and CI: `make test`.

SHELL := bash
.DEFAULT_GOAL := help

# Golden files hold clock lines such as "started at 00:00:00": pin the zone.
export TZ := UTC
# A race-detector binary sleeps 1 s at exit unless told not to.
export GORACE := atexit_sleep_ms=0

GO      ?= go
LESSON  ?=
ARGS    ?=
BENCH   ?= .
PKG     ?= work
MUTATE  ?=
LESSONS := $(notdir $(wildcard lessons/*))

# Every package of the workspace, split into the reference (tested by
# `make test`) and the learners' exercise copies (checked by `make check`).
ALL_PKGS      = $(shell $(GO) list work)
EXERCISE_PKGS = $(shell $(GO) list work | grep -E '/lessons/[^/]+/exercise$$')
REF_PKGS      = $(filter-out $(EXERCISE_PKGS),$(ALL_PKGS))
# The packages of one lesson, or of all when LESSON is empty.
# Shell snippet: build the progress reader of `go test -json` into $progress.
PROGRESS = progress=$$(mktemp -d)/progress && $(GO) build -o $$progress ./internal/cmd/progress

.PHONY: help test fmt vet python race leaks shipped solvable standalone run check diff golden bench mutate tidy need-lesson

help: ## list the targets
	@echo "The Go async workbook. Lessons: $(LESSONS)"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "  Variables: LESSON=02-tasks  ARGS='-mode sequential'  BENCH=Loopback"

test: fmt vet python race leaks shipped solvable standalone ## everything CI checks: gofmt, vet, tests with -race, leak checks, exercises as shipped and solved, lessons alone
	@echo "make test: all checks passed"

fmt: ## fail if a Go file is not gofmt-ed
	@files=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$files" ]; then echo "gofmt would change:"; echo "$$files"; echo "run: gofmt -w $$files"; exit 1; fi

vet: ## go vet every module, the exercise checks included
	$(GO) vet work
	$(GO) vet -tags exercise $(EXERCISE_PKGS)

python: ## every Python program of the lessons compiles (python3 -m py_compile)
	@files=$$(git ls-files 'lessons/*/python/*.py' 2>/dev/null || find lessons -path '*/python/*.py'); \
	if [ -n "$$files" ]; then \
		command -v python3 >/dev/null || { echo "python: python3 is needed to check lessons/*/python/*.py; install it (apt-get install python3)"; exit 1; }; \
		for f in $$files; do python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])' "$$f" || exit 1; done; \
		echo "python: $$(echo "$$files" | wc -l) Python programs parse"; \
	fi

race: ## all reference tests with the race detector (goleak runs in every test binary)
	$(GO) test -race -count=1 -timeout 10m $(REF_PKGS)

leaks: ## fail if a test package does not check for leaked goroutines
	@missing=$$(for d in $$(git ls-files '*_test.go' 2>/dev/null | xargs -r -n1 dirname | sort -u); do \
		grep -lqE 'goleak\.|testmain\.Run' $$d/*_test.go || echo $$d; done); \
	if [ -n "$$missing" ]; then echo "no goleak check (testmain.Run or goleak.VerifyNone) in:"; echo "$$missing"; exit 1; fi

shipped: ## maintainers: every shipped exercise must fail its check (skipped once you edit exercise/)
	@if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$$(git status --porcelain -- 'lessons/*/exercise')" ]; then \
		echo "shipped: lessons/*/exercise has local changes, so the as-shipped check is skipped (make check shows your progress)"; \
	else \
		$(PROGRESS) && $(GO) test -tags exercise -json -count=1 -timeout 5m -run '^TestExercises$$' $(EXERCISE_PKGS) 2>&1 | $$progress -shipped; \
	fi

solvable: ## maintainers: in a copy, fill every exercise file that has a TODO with the reference: all checks must pass
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cp -r go.work go.work.sum internal lessons testdata "$$tmp"/; \
	for f in $$(grep -rl 'TODO(exercise' "$$tmp"/lessons/*/exercise); do cp "$${f/\/exercise\//\/}" "$$f"; done; \
	$(PROGRESS) && (cd "$$tmp" && $(GO) test -tags exercise -json -count=1 -timeout 5m -run '^TestExercises$$' $(EXERCISE_PKGS) 2>&1) | $$progress >"$$tmp/report" \
		|| { cat "$$tmp/report"; echo "solvable: the exercises, filled in with the reference, do not all pass"; exit 1; }; \
	tail -1 "$$tmp/report" | sed 's/^/solvable: filled in with the reference, /'

standalone: ## each lesson module builds and passes its tests alone (GOWORK=off), as when handed out
	@for m in $(addprefix lessons/,$(LESSONS)); do \
		echo "GOWORK=off go test ./... in $$m"; \
		out=$$(cd $$m && GOWORK=off $(GO) test -count=1 -timeout 5m ./... 2>&1) || { echo "$$out"; echo "$$m does not test alone (GOWORK=off)"; exit 1; }; \
	done

run: need-lesson ## run a lesson: make run LESSON=02-tasks ARGS='-mode sequential'
	$(GO) run ./lessons/$(LESSON) $(ARGS)

check: ## your progress through the exercises, with the next hint
	@$(PROGRESS) && $(GO) test -tags exercise -race -json -count=1 -timeout 5m -run '^TestExercises$$' \
		$(if $(LESSON),./lessons/$(LESSON)/exercise,$(EXERCISE_PKGS)) 2>&1 | $$progress

diff: need-lesson ## unified diff of a lesson's exercise output against its golden files
	@out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	WORKBOOK_OUTPUT_DIR=$$out $(GO) test -tags exercise -count=1 -timeout 5m -run '^TestExercises$$' ./lessons/$(LESSON)/exercise >/dev/null 2>&1; \
	n=0; same=0; \
	for f in $$out/*.golden; do \
		[ -e "$$f" ] || continue; n=$$((n+1)); name=$${f##*/}; \
		if diff -u --label "testdata/$(LESSON)/$$name (reference)" --label "lessons/$(LESSON)/exercise (this run)" "testdata/$(LESSON)/$$name" "$$f"; then same=$$((same+1)); fi; \
	done; \
	if [ $$n -eq 0 ]; then echo "diff: lessons/$(LESSON)/exercise produced no output to compare; run make check LESSON=$(LESSON)"; exit 1; fi; \
	echo "$$same of $$n outputs of lessons/$(LESSON)/exercise match testdata/$(LESSON)"; [ $$same -eq $$n ]

golden: ## regenerate golden files and README output blocks (all lessons, or LESSON=...)
	GOLDIE_UPDATE=1 $(GO) test -count=1 -run 'Golden|README' $(if $(LESSON),./lessons/$(LESSON),$(REF_PKGS))
	$(GO) test -count=1 $(if $(LESSON),./lessons/$(LESSON),$(REF_PKGS))

bench: ## benchmarks (BENCH=regexp to choose)
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem $(REF_PKGS)

mutate: ## the bugs the tests miss: mutants of PKG (default work) that pass make test's tests; MUTATE='-j 2 -race -json'
	$(GO) run ./internal/cmd/mutate $(MUTATE) $(PKG)

tidy: ## go mod tidy in every module
	@for m in internal $(addprefix lessons/,$(LESSONS)); do echo "tidy $$m"; (cd $$m && $(GO) mod tidy) || exit 1; done

need-lesson:
	@if [ -z "$(LESSON)" ]; then echo "say which lesson: LESSON=<one of: $(LESSONS)>"; exit 2; fi
	@if [ ! -d "lessons/$(LESSON)" ]; then echo "no lesson $(LESSON): use one of $(LESSONS)"; exit 2; fi
