#!/usr/bin/env bash
# capture-05.sh records the fixtures of testdata/progress that come from
# lesson 05-workers: checks that recover synctest's deadlock panic
# themselves (lessontest.SynctestTest) and print the stacks of the
# goroutines blocked for good in their message, which make check must read
# to name the learner's goroutine, line and wait. Run it from the
# workbook's root, then regenerate the reports (GOLDIE_UPDATE=1) as
# capture.sh says:
#
#	testdata/progress/capture-05.sh     # or ONLY=stuck-ctrlc testdata/progress/capture-05.sh
#
# Each fixture starts from the exercises filled in with their answers
# (exgen tree -answers) and breaks one thing:
#   stuck-ctrlc:    produce's select on ctx.Done() replaced by a plain send,
#                   as shipped (exercise 2): the run never ends
#   stuck-returned: the challenge answered with testdata/05-workers/wrong/producer-stuck.go
#   stuck-never:    ... with testdata/05-workers/wrong/producer-waited-for.go
# The paths of the copy read /workbook in the fixtures.
set -euo pipefail

out=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$out/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC GORACE=atexit_sleep_ms=0
(cd "$root" && go build -o "$tmp/exgen" ./internal/cmd/exgen)
ex=lessons/05-workers/exercise

# capture NAME SETUP: a fresh answered copy, SETUP run in it, NAME.jsonl.
capture() {
	local name=$1 setup=$2
	if [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ]; then return; fi
	rm -rf "$tmp/wb"
	(cd "$root" && "$tmp/exgen" tree -answers -o "$tmp/wb" 05-workers >/dev/null)
	(cd "$tmp/wb" && eval "$setup")
	(cd "$tmp/wb" && go test -tags exercise -race -json -count=1 -timeout 60s -run '^TestExercises$' ./$ex 2>&1) |
		sed "s#$tmp/wb#/workbook#g" >"$out/$name.jsonl" || true
	echo "captured $name.jsonl"
}

# wrong FILE: the challenge's untilerror.go, its function from FILE.
wrong() {
	{
		printf 'package main\n\nimport (\n\t"context"\n\t"fmt"\n\t"net"\n\t"sync"\n)\n\n'
		sed -n '/^func probeUntilError/,$p' "$root/testdata/05-workers/wrong/$1"
	} >$ex/untilerror.go
}

capture stuck-ctrlc "perl -0pi -e 's/\t\tselect \{\n\t\tcase queue <- name: ([^\n]*)\n\t\tcase <-ctx.Done\(\): [^\n]*\n\t\t\treturn\n\t\t\}\n/\t\tqueue <- name \/\/ \$1\n/ or die qq(capture-05.sh: produce changed\n)' $ex/workers.go"
capture stuck-returned "$(declare -f wrong); wrong producer-stuck.go"
capture stuck-never "$(declare -f wrong); wrong producer-waited-for.go"
