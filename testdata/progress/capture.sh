#!/usr/bin/env bash
# capture.sh records the fixtures of testdata/progress: real `go test -json`
# streams of lesson 02-tasks's exercise checks, each with one mistake a
# learner makes, that internal/exercise/report and internal/cmd/progress are
# tested against. Run it from the workbook's root when the checks' output
# changes, then regenerate the reports (GOLDIE_UPDATE=1) and review the diff:
#
#	testdata/progress/capture.sh            # or ONLY=race testdata/progress/capture.sh
#	GOLDIE_UPDATE=1 go test -count=1 ./internal/exercise/report ./internal/cmd/progress
#
# Each fixture starts from the reference solution (every exercise passes)
# copied into the exercise folder, in a copy of the workbook, with the
# challenge solved too (solutions/02-tasks/proof_test.go over
# exercise/proof_test.go), and breaks one thing with a perl substitution of
# tasks.go. The substitutions match as little of tasks.go as they can (no
# delays such as 2*s.unit, which may become named constants); they depend on
# these lines of lessons/02-tasks/tasks.go, and fail loudly if one changes:
#   broken, vet, import: the line "func runTasks(ctx context.Context, s *stage) error {"
#   message:     "task2 := CreateTask(" directly followed by "err1 := task1.Await()"
#   panic, blocked, timeout: "go func() { t.result <- fn() }()" in CreateTask
#   deadlock:    "select {" directly followed by "case <-time.After(delay):" in sayAfter
#   race:        "wg.Go(func() { errN = sayAfter(...) })" in runWaitGroup
# The paths of the copy read /workbook in the fixtures. NAME.diff keeps the
# mistake, for a reader of the fixture; race.tasks.go.txt keeps the whole
# file, which the report reads to name the racing variable.
set -euo pipefail

out=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$out/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/go.work" "$root/go.work.sum" "$root/internal" "$root/lessons" "$root/testdata" "$tmp/"
ex=lessons/02-tasks/exercise/tasks.go
cp "$tmp/$ex" "$tmp/shipped.go"
proof=lessons/02-tasks/exercise/proof_test.go
cp "$tmp/$proof" "$tmp/shipped_proof.go"
export TZ=UTC GORACE=atexit_sleep_ms=0

# capture NAME FROM [PERL...]: copy FROM (a file of the copy) to the exercise,
# apply each perl substitution (which must match), record NAME.jsonl. The
# challenge's proof_test.go is the shipped stub when FROM is the shipped
# tasks.go, else the solution.
capture() {
	local name=$1 from=$2
	shift 2
	if [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ]; then return; fi
	cp "$tmp/$from" "$tmp/$ex"
	if [ "$from" = shipped.go ]; then
		cp "$tmp/shipped_proof.go" "$tmp/$proof"
	else
		cp "$root/solutions/02-tasks/proof_test.go" "$tmp/$proof"
	fi
	for sub in "$@"; do
		perl -0pi -e "$sub or die qq(capture.sh $name: the substitution does not match $ex\n)" "$tmp/$ex"
	done
	(cd "$tmp" && diff -u --label "$from" --label "$ex (the mistake)" "$from" "$ex" >"$out/$name.diff") || true
	[ -s "$out/$name.diff" ] || rm "$out/$name.diff"
	(cd "$tmp" && go test -tags exercise -race -json -count=1 -timeout "${TIMEOUT:-60s}" -run '^TestExercises$' ./lessons/02-tasks/exercise 2>&1) |
		sed "s#$tmp#/workbook#g" >"$out/$name.jsonl" || true
	echo "captured $name.jsonl"
}

ref=lessons/02-tasks/tasks.go

# The workbook as shipped, and solved.
capture shipped shipped.go
capture solved $ref
# A build error.
capture broken $ref 's/(func runTasks\(ctx context.Context, s \*stage\) error \{\n)/$1\tundefined()\n/'
# A build error a learner makes: code that calls fmt pasted into the
# exercise's tasks.go, which (as shipped) does not import fmt.
capture import shipped.go 's/(func runTasks\(ctx context.Context, s \*stage\) error \{\n)/$1\tfmt.Println("two tasks")\n/'
# go vet, which go test runs first, finds a mistake.
capture vet $ref 's/(func runTasks\(ctx context.Context, s \*stage\) error \{\n)/$1\tfmt.Printf("%d tasks\\n", "two")\n/'
# The check's own message: Tasks awaited one by one (exercise 2 undone).
capture message $ref 's/(\ttask2 := CreateTask\([^\n]*\n)(\terr1 := task1\.Await\(\))[^\n]*\n/$2\n$1/'
# A panic: the Task's channel closed after its one value, so the second
# Await's put-back sends on a closed channel.
capture panic $ref 's/\tgo func\(\) \{ t.result <- fn\(\) \}\(\) .*\n/\tgo func() {\n\t\tt.result <- fn()\n\t\tclose(t.result)\n\t}()\n/'
# A synctest deadlock: "all goroutines in bubble are blocked". The Task's
# goroutine never sends its result, so Await waits for ever.
capture blocked $ref 's/\tgo func\(\) \{ t.result <- fn\(\) \}\(\) .*\n/\tgo func() { fn() }()\n/'
# A synctest deadlock: "main bubble goroutine has exited but blocked
# goroutines remain". sayAfter sleeps in a goroutine of its own and returns
# on Ctrl-C without it: the sleepers are left behind.
capture deadlock $ref 's/\tselect \{\n\tcase <-time\.After\(delay\):/\twoke := make(chan struct{})\n\tgo func() {\n\t\ttime.Sleep(delay)\n\t\twoke <- struct{}{}\n\t}()\n\tselect {\n\tcase <-woke:/'
# A data race: both goroutines of the WaitGroup write err1.
capture race $ref 's/(\twg\.Go\(func\(\) \{ )err\d = (sayAfter\([^\n]*\)) \}\)\n/$1err1 = errors.Join(err1, $2) })\n/g'
if [ -z "${ONLY:-}" ] || [ "$ONLY" = race ]; then cp "$tmp/$ex" "$out/race.tasks.go.txt"; fi
# A leaked goroutine (goleak): a ticker started when the package loads,
# outside every check, never stopped.
capture leak $ref 's/\z/\n\/\/ ticker is a start at a progress spinner.\nvar ticker = startTicker()\n\nfunc startTicker() chan struct{} {\n\tstop := make(chan struct{})\n\tgo func() {\n\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-stop:\n\t\t\t\treturn\n\t\t\tcase <-time.After(100 * time.Millisecond):\n\t\t\t}\n\t\t}\n\t}()\n\treturn stop\n}\n/'
# A timeout: a mutex (not durably blocking, so synctest sees no deadlock)
# that the Task's goroutine waits for while the caller holds it.
TIMEOUT=10s capture timeout $ref 's/\tgo func\(\) \{ t.result <- fn\(\) \}\(\) .*\n/\tvar mu sync.Mutex\n\tmu.Lock()\n\tgo func() {\n\t\tmu.Lock()\n\t\tt.result <- fn()\n\t}()\n/'
