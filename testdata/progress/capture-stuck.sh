#!/usr/bin/env bash
# capture-stuck.sh records the fixtures of testdata/progress whose checks
# recover synctest's deadlock panic themselves (lessontest.SynctestTest,
# fetchtest.Call) and print the stacks of the goroutines blocked for good in
# their message, which make check must read to name the learner's
# goroutine, line and wait. Run it from the workbook's root, then
# regenerate the reports (GOLDIE_UPDATE=1) as capture.sh says:
#
#	testdata/progress/capture-stuck.sh     # or ONLY=stuck-ctrlc testdata/progress/capture-stuck.sh
#
# Each fixture starts from a lesson's exercises filled in with their answers
# (exgen tree -answers) and breaks one thing:
#   stuck-ctrlc:    05-workers: produce's select on ctx.Done() replaced by a
#                   plain send, as shipped (exercise 2): the run never ends
#   stuck-returned: 05's challenge answered with testdata/05-workers/wrong/producer-stuck.go
#   stuck-never:    ... with testdata/05-workers/wrong/producer-waited-for.go
#   stuck-pull:       01-dns-probe's exercise 4 as shipped (exgen -flip): the
#                     run returns and leaves a pulled generator suspended
#   stuck-firstfree:  01-dns-probe's challenge answered with
#                     testdata/01-dns-probe/wrong/firstfree-no-drain.go
#   stuck-untilerror: 03-fetch-v1's, with testdata/03-fetch-v1/wrong/unbuffered-return-early.go
#   stuck-mirrors:    03-fetch-v2's, with testdata/03-fetch-v2/wrong/unbuffered-first.go
#   stuck-limit:      03-fetch-v3's, with testdata/03-fetch-v3/wrong/slot-never-released.go
# The paths of the copy read /workbook in the fixtures.
set -euo pipefail

out=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$out/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC GORACE=atexit_sleep_ms=0
(cd "$root" && go build -o "$tmp/exgen" ./internal/cmd/exgen)
ex=lessons/05-workers/exercise

# capture NAME SETUP [LESSON [FLAGS]]: a fresh answered copy of LESSON
# (05-workers), made with exgen tree's FLAGS too, SETUP run in it, NAME.jsonl.
capture() {
	local name=$1 setup=$2 lesson=${3:-05-workers} flags=${4:-}
	if [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ]; then return; fi
	rm -rf "$tmp/wb"
	(cd "$root" && "$tmp/exgen" tree -answers $flags -o "$tmp/wb" "$lesson" >/dev/null)
	(cd "$tmp/wb" && eval "$setup")
	(cd "$tmp/wb" && go test -tags exercise -race -json -count=1 -timeout 60s -run '^TestExercises$' "./lessons/$lesson/exercise" 2>&1) |
		sed "s#$tmp/wb#/workbook#g" >"$out/$name.jsonl" || true
	echo "captured $name.jsonl"
}

# wrongFunc LESSON FILE TARGET: the exercise's TARGET, whose last function
# is the challenge's, with that function from testdata/LESSON/wrong/FILE
# instead (its doc comment and the file's imports kept).
wrongFunc() {
	local target=lessons/$1/exercise/$3 fn
	fn=$(sed -n 's/^func \([A-Za-z]*\).*/\1/p' "$root/testdata/$1/wrong/$2")
	{
		sed "/^func $fn(/,\$d" "$target"
		sed -n '/^func /,$p' "$root/testdata/$1/wrong/$2"
	} >"$target.new"
	grep -q "^func $fn(" "$target.new" || { echo "capture-stuck.sh: no func $fn in $target" >&2; exit 1; }
	mv "$target.new" "$target"
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
capture stuck-pull : 01-dns-probe "-flip 01-dns-probe/4"
capture stuck-firstfree "$(declare -f wrongFunc); wrongFunc 01-dns-probe firstfree-no-drain.go firstfree.go" 01-dns-probe
capture stuck-untilerror "$(declare -f wrongFunc); wrongFunc 03-fetch-v1 unbuffered-return-early.go untilerror.go" 03-fetch-v1
capture stuck-mirrors "$(declare -f wrongFunc); wrongFunc 03-fetch-v2 unbuffered-first.go mirrors.go" 03-fetch-v2
capture stuck-limit "$(declare -f wrongFunc); wrongFunc 03-fetch-v3 slot-never-released.go limit.go" 03-fetch-v3
