# The Go async workbook. `make` lists what you can do.
#
# Learners: `make run LESSON=02-tasks`, then `make check`, `make hint`,
# `make watch`, `make reset`.
# Instructors: `make diff LESSON=02-tasks`, `make answer-key`, `make golden`.
# Maintainers: `make exercises` after editing a gap (//exercise:N markers).
# Everyone, and CI: `make test`.

SHELL := bash
.DEFAULT_GOAL := help

# Golden files hold clock lines such as "started at 00:00:00": pin the zone.
export TZ := UTC
# A race-detector binary sleeps 1 s at exit unless told not to.
export GORACE := atexit_sleep_ms=0

GO      ?= go
# The python3 that runs the lessons' Python scripts: the first that has httpx
# (03's scripts need it), else the tests use python3 and skip what needs httpx.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3 /usr/bin/python3; do if $$p -c 'import httpx' >/dev/null 2>&1; then command -v $$p; break; fi; done)
endif
export PYTHON
LESSON   ?=
EXERCISE ?=
DIR      ?=
ARGS     ?=
BENCH    ?= .
# FLIP=02-tasks/2 makes `shipped` answer that exercise and `solvable` leave
# it shipped: both must then fail (internal/cmd/exgen's tests prove it).
FLIP     ?=
# make mutate: the packages to mutate, and extra flags of internal/cmd/mutate.
PKG      ?= work
MUTATE   ?=
LESSONS := $(notdir $(wildcard lessons/*))

# Every package of the workspace, split into the reference (tested by
# `make test`) and the learners' exercise copies (checked by `make check`).
ALL_PKGS      = $(shell $(GO) list work)
EXERCISE_PKGS = $(shell $(GO) list work | grep -E '/lessons/[^/]+/exercise$$')
REF_PKGS      = $(filter-out $(EXERCISE_PKGS),$(ALL_PKGS))
# Shell snippet: build the generator of exercise/ (internal/cmd/exgen) into
# $exgen, in bin/ (ignored by git).
EXGEN = exgen=bin/exgen && $(GO) build -o $$exgen ./internal/cmd/exgen
# Shell snippet: build the progress reader of `go test -json` into $progress
# (bin/ is git-ignored, so no temporary folder is left behind).
PROGRESS = progress=bin/progress && $(GO) build -o $$progress ./internal/cmd/progress
# The exercise checks as make check, make hint and make watch run them, and
# the packages they check: one lesson's, or all when LESSON is empty.
CHECK_TEST = $(GO) test -tags exercise -race -json -count=1 -timeout 2m -run '^TestExercises$$'
CHECK_PKGS = $(if $(LESSON),./lessons/$(LESSON)/exercise,$(EXERCISE_PKGS))
# Where make check, make hint and make watch remember the hints you have seen.
HINTS := .workbook/hints.json

.PHONY: help test fmt vet python race leaks shipped solvable standalone run check hint watch reset diff answer-key golden exercises bench mutate tidy need-lesson known-lesson

help: ## list the targets
	@echo "The Go async workbook. Lessons: $(LESSONS)"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "  Variables: LESSON=02-tasks  EXERCISE=02-tasks/2  DIR=path/to/their/exercise"
	@echo "             ARGS='-mode sequential'  BENCH=Loopback"

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

# The nested `go test` runs of shipped, solvable and diff use -trimpath: their
# temporary folders then share build-cache entries (about 4 s less each).
shipped: ## maintainers: every exercise, derived afresh as shipped in a temporary folder, fails its check
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(EXGEN) && $$exgen tree -o "$$tmp/wb" $(addprefix -flip ,$(FLIP)) $(LESSON) >/dev/null && \
	$(PROGRESS) && (cd "$$tmp/wb" && $(GO) test -trimpath -tags exercise -json -count=1 -timeout 5m -run '^TestExercises$$' $(CHECK_PKGS) 2>&1) | $$progress -shipped

solvable: ## maintainers: every exercise, derived afresh with its answers (and solutions/), passes its check
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(EXGEN) && $$exgen tree -answers -o "$$tmp/wb" $(addprefix -flip ,$(FLIP)) $(LESSON) >/dev/null && \
	$(PROGRESS) && (cd "$$tmp/wb" && $(GO) test -trimpath -tags exercise -json -count=1 -timeout 5m -run '^TestExercises$$' $(CHECK_PKGS) 2>&1) | $$progress >"$$tmp/report" \
		|| { cat "$$tmp/report"; echo "solvable: the exercises, filled in with their answers, do not all pass"; exit 1; }; \
	tail -1 "$$tmp/report" | sed 's/^/solvable: filled in with their answers, /'

standalone: ## each lesson module builds and passes its tests alone (GOWORK=off), as when handed out
	@for m in $(addprefix lessons/,$(LESSONS)); do \
		echo "GOWORK=off go test ./... in $$m"; \
		out=$$(cd $$m && GOWORK=off $(GO) test -count=1 -timeout 5m ./... 2>&1) || { echo "$$out"; echo "$$m does not test alone (GOWORK=off)"; exit 1; }; \
	done

run: need-lesson ## run a lesson: make run LESSON=02-tasks ARGS='-mode sequential'
	$(GO) run ./lessons/$(LESSON) $(ARGS)

check: known-lesson ## your progress through the exercises: what is wrong with the next one, and its first hint
	@$(PROGRESS) && $(CHECK_TEST) $(CHECK_PKGS) 2>&1 | $$progress -state $(HINTS)

hint: known-lesson ## one more hint for the exercise you are on, each time you ask
	@$(PROGRESS) && $(CHECK_TEST) $(CHECK_PKGS) 2>&1 | $$progress -hint -state $(HINTS)

watch: known-lesson ## rerun the checks each time you save a .go file under lessons/*/exercise (Ctrl-C stops)
	@$(GO) build -o bin/watch ./internal/cmd/watch && bin/watch -state $(HINTS) $(if $(LESSON),-lesson $(LESSON)) -- $(CHECK_TEST)

reset: ## put gaps back as shipped, without git: EXERCISE=02-tasks/2 (one exercise) or LESSON=02-tasks (all)
	@$(EXGEN) && $$exgen reset $(or $(EXERCISE),$(LESSON))

# diff runs the lesson's own tests (every golden scenario) on the copy: the
# copy's program files stand in for the reference's, in a temporary folder.
diff: need-lesson ## every golden output of a lesson, run on lessons/LESSON/exercise (or DIR=their copy), against the reference
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; dir="$(or $(DIR),lessons/$(LESSON)/exercise)"; \
	$(EXGEN) && $$exgen tree -o "$$tmp/wb" -program "$$dir" $(LESSON) >/dev/null || exit 2; \
	(cd "$$tmp/wb" && GOLDIE_UPDATE= WORKBOOK_OUTPUT_DIR="$$tmp/out" $(GO) test -trimpath -count=1 -timeout 5m -skip 'RealClock|CtrlC|Online|StopEarly|AdaptRoundTrip' ./lessons/$(LESSON) >"$$tmp/log" 2>&1); \
	n=0; same=0; missing=""; \
	for want in testdata/$(LESSON)/*.golden; do \
		n=$$((n+1)); name=$${want##*/}; \
		if [ ! -e "$$tmp/out/$$name" ]; then missing="$$missing $$name"; continue; fi; \
		if diff -u --label "testdata/$(LESSON)/$$name (reference)" --label "$$dir (this run)" "$$want" "$$tmp/out/$$name"; then same=$$((same+1)); fi; \
	done; \
	if [ -n "$$missing" ]; then grep -E '^(#|.*\.go:[0-9]+:|panic:|FAIL)' "$$tmp/log" | sed "s|lessons/$(LESSON)/|$$dir/|" | head -20; echo "diff: $$dir did not produce:$$missing (it does not build, or a run failed first: the lines above say why)"; fi; \
	echo "$$same of $$n outputs of $$dir match testdata/$(LESSON)"; [ $$same -eq $$n ]

answer-key: need-lesson ## instructors: per exercise, the code in each gap of lessons/LESSON/exercise (or DIR=their copy) against the answer
	@$(EXGEN) && $$exgen answer-key $(if $(DIR),-dir "$(DIR)") $(LESSON)

exercises: ## maintainers: write lessons/*/exercise from the reference's gap markers (LESSON=one; FORCE=1 overwrites edits)
	@$(EXGEN) && $$exgen $(if $(FORCE),-force) $(LESSON)

# golden rewrites outputs only, the README's bold durations and listings
# included. testdata/simnet/*-world.json are outputs too: generated from
# internal/simnet/defaults.go, where the lessons' world is built. The first
# run writes (a test that compares without writing, as the exercise checks
# do, may fail there: the output changed); the second must pass.
golden: ## regenerate golden files and README output blocks (all lessons, or LESSON=...)
	@echo "golden: rewriting testdata/*/*.golden and README output blocks"
	@GOLDIE_UPDATE=1 $(GO) test -count=1 $(if $(LESSON),./lessons/$(LESSON),$(REF_PKGS)) >/dev/null 2>&1 || true
	$(GO) test -count=1 $(if $(LESSON),./lessons/$(LESSON),$(REF_PKGS))

handout: need-lesson ## instructors: a lesson as a self-contained folder for students: LESSON=02-tasks [SOLUTION=1] [OUT=dir] [TAR=1]
	@$(INSTRUCTOR) && $$instructor handout -lesson $(LESSON) $(if $(SOLUTION),-solution) $(if $(OUT),-out '$(OUT)') $(if $(TAR),-tar)

grade: need-lesson ## instructors: grade students' exercise folders: LESSON=02-tasks SUBMISSIONS='subs/*' [CSV=file]
	@$(INSTRUCTOR) && $$instructor grade -lesson $(LESSON) $(if $(CSV),-csv '$(CSV)') $(SUBMISSIONS)

.PHONY: handout grade
INSTRUCTOR = instructor=$$(mktemp -d)/instructor && $(GO) build -o $$instructor ./internal/cmd/instructor

bench: ## benchmarks (BENCH=regexp to choose)
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -timeout 30m $(REF_PKGS)

mutate: ## the bugs the tests miss: mutants of PKG (default work) that pass make test's tests; MUTATE='-j 2 -race -json'
	$(GO) run ./internal/cmd/mutate $(MUTATE) $(PKG)

tidy: ## go mod tidy in every module
	@for m in internal $(addprefix lessons/,$(LESSONS)); do echo "tidy $$m"; (cd $$m && $(GO) mod tidy) || exit 1; done

known-lesson:
	@if [ -n "$(LESSON)" ] && [ ! -d "lessons/$(LESSON)/exercise" ]; then echo "no lesson $(LESSON) with exercises: use one of $(LESSONS)"; exit 2; fi

need-lesson:
	@if [ -z "$(LESSON)" ]; then echo "say which lesson: LESSON=<one of: $(LESSONS)>"; exit 2; fi
	@if [ ! -d "lessons/$(LESSON)" ]; then echo "no lesson $(LESSON): use one of $(LESSONS)"; exit 2; fi
