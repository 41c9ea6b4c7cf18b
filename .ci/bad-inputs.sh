#!/usr/bin/env bash
# bad-inputs.sh: tries the lessons' programs with bad input (flags, values,
# world files, names, URLs, lost output, signals) and prints one row per
# input: its exit code, peak memory and first stderr line, and whether the
# answer is clear. Run by hand from the repository's root:
#
#	.ci/bad-inputs.sh            # every case
#	.ci/bad-inputs.sh -v         # and print each case's whole stderr
#
# A case is clear when the program exits with the expected code (non-zero
# for bad input), says so on exactly one stderr line (-h excepted) of at
# most 300 bytes that names the input (the case's needle, looked for in
# stderr and stdout), writes no raw ESC or CR, does not panic, ends within
# its time limit and stays under its memory cap. The last line is
# "N of M clear"; the exit code is 0 only if every case is clear.
#
# Online cases are avoided: every name and URL is answered by -offline's
# simulated internet, or refused before any query.
set -u
cd "$(dirname "$0")/.."
verbose=${1:-}

BIN=${BIN:-$(mktemp -d)}
FIX=$(mktemp -d)
chmod 755 "$FIX" "$BIN" # the no-permission case runs as nobody when run as root
trap 'rm -rf "$FIX"; [ -z "${KEEP_BIN:-}" ] && [ "$BIN" != "${BIN_KEEP:-}" ] && rm -rf "$BIN"' EXIT
LESSONS="01-dns-probe 02-tasks 03-fetch-v1 03-fetch-v2 03-fetch-v3 04-timeouts"
for l in $LESSONS; do
	[ -x "$BIN/$l" ] || go build -o "$BIN/$l" "./lessons/$l" || { echo "build of $l failed"; exit 1; }
done

# --- fixtures: world files and long inputs -------------------------------
printf '' >"$FIX/empty.json"
printf '{}' >"$FIX/braces.json"
printf 'null' >"$FIX/null.json"
printf '[]' >"$FIX/array.json"
printf '\xef\xbb\xbf{"domains":[{"name":"go.dev","latency":"1ms"}]}' >"$FIX/bom.json"
printf '{"domains":[{"name":"go.dev","latency":"1ms"}]} junk' >"$FIX/junk.json"
printf '{"domains":[{"name":"go.dev","latency":"1ms"}]}{}' >"$FIX/two.json"
printf '{"domains":[{"name":"go.dev","latncy":"1ms"}]}' >"$FIX/unknown-field.json"
printf '{"domains":[{"name":"go.dev","latency":120}]}' >"$FIX/bare-latency.json"
printf '{"domains":[{"name":"go.dev","latency":"-5ms"}]}' >"$FIX/neg-latency.json"
printf '{"domains":[{"name":"go.dev","latency":"1ms","rcode":"WEIRD"}]}' >"$FIX/rcode.json"
printf '{"domains":[{"name":"go.dev","addrs":["300.1.1.1"],"latency":"1ms"}]}' >"$FIX/bad-addr.json"
printf '{"domains":[{"name":"","latency":"1ms"}]}' >"$FIX/empty-name.json"
printf '{"domains":[{"name":"go.dev","latency":"1ms"},{"name":"go.dev","latency":"1ms"}]}' >"$FIX/dup.json"
printf '{"resources":[{"url":"http://a.test/","status":100,"latency":"1ms"}]}' >"$FIX/status100.json"
printf '{"resources":[{"url":"http://a.test/","status":1000,"latency":"1ms"}]}' >"$FIX/status1000.json"
printf '{"resources":[{"url":"http://a.test/","status":-1,"latency":"1ms"}]}' >"$FIX/status-neg.json"
printf '{"resources":[{"url":"http://a.test/","body_size":-1,"latency":"1ms"}]}' >"$FIX/size-neg.json"
printf '{"resources":[{"url":"http://a.test/","fault":"explode","latency":"1ms"}]}' >"$FIX/fault.json"
printf '{"resources":[{"url":"not a url","latency":"1ms"}]}' >"$FIX/bad-url.json"
printf '{"resources":[{"url":"http://a.test/","latency":"1ms"' >"$FIX/truncated.json"
printf '{"resources":"many"}' >"$FIX/wrong-type.json"
printf '{"domains":[{"name":"slow.test","addrs":["192.0.2.1"],"latency":"20s"}],"resources":[{"url":"http://slow.test/","latency":"20s"}]}' >"$FIX/slow.json"
head -c $((17 << 20)) /dev/zero | tr '\0' ' ' >"$FIX/huge.json"
printf '{"domains":[{"name":"go.dev","latency":"1ms"}]}' >"$FIX/noperm.json"
chmod 000 "$FIX/noperm.json"
mkdir "$FIX/dir.json"
long=$(head -c 100000 /dev/zero | tr '\0' 'a')
longname="$long.dev"
longurl="http://$long.test/"
esc=$'\e[31mred\e[0m.dev'
crlf=$'go.dev\r\nFAKE LINE'
# 10,000 names of the default world's kind, answered offline (not found);
# 1,000 URLs of 2 GB bodies, each cut at -max-body.
names10k=$(for i in $(seq 1 10000); do printf 'n%d.dev ' "$i"; done)
{
	printf '{"resources":['
	for i in $(seq 1 1000); do
		[ "$i" -gt 1 ] && printf ','
		printf '{"url":"http://big.test/%d","body_size":2147483648,"latency":"10ms"}' "$i"
	done
	printf ']}'
} >"$FIX/big.json"
# 10,000 names that exist, each answered after 50-299 ms.
{
	printf '{"domains":['
	for i in $(seq 1 10000); do
		[ "$i" -gt 1 ] && printf ','
		printf '{"name":"n%d.test","addrs":["192.0.2.%d"],"latency":"%dms"}' "$i" $((i % 250 + 1)) $((50 + i % 250))
	done
	printf ']}'
} >"$FIX/world10k.json"
names10kw=$(for i in $(seq 1 10000); do printf 'n%d.test ' "$i"; done)
# 1,000 URLs of 1 MiB bodies: each read whole (the default -max-body).
{
	printf '{"resources":['
	for i in $(seq 1 1000); do
		[ "$i" -gt 1 ] && printf ','
		printf '{"url":"http://mid.test/%d","body_size":1048576,"latency":"10ms"}' "$i"
	done
	printf ']}'
} >"$FIX/mid.json"
urls1km=$(for i in $(seq 1 1000); do printf 'http://mid.test/%d ' "$i"; done)
urls1k=$(for i in $(seq 1 1000); do printf 'http://big.test/%d ' "$i"; done)
# root reads any file: as root, the no-permission case runs as nobody.
asuser=()
[ "$(id -u)" = 0 ] && asuser=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# --- the runner --------------------------------------------------------------
total=0
clear=0
unclear_list=()
printf '%-44s %5s %7s  %-7s %s\n' "case" "exit" "rss MB" "verdict" "message (its ! or x line, else stderr's first)"

# record LABEL WANT NEEDLE RSS_CAP_MB CODE OUT ERR TIMEFILE SECONDS_LIMIT_HIT
record() {
	local label=$1 want=$2 needle=$3 cap=$4 code=$5 out=$6 err=$7 tf=$8 hung=$9
	local rss=- why="" # - : not measured (a signalled run is not under /usr/bin/time)
	if [ -s "$tf" ]; then
		rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$tf")
	fi
	local lines first
	lines=$(grep -c '' "$err")
	# The line to show: a URL's or a name's own failure (marked ! or x on
	# stdout) if there is one, else stderr's first line.
	first=$(grep -m 1 -E ' ! |^[x!] ' "$out" | tr -s ' ')
	[ -n "$first" ] || first=$(head -n 1 "$err")
	case $want in
	any) ;; # a measure more than a bad input: success or a clear failure
	nz) [ "$code" -ne 0 ] || why+=" exit 0" ;;
	*) [ "$code" -eq "$want" ] || why+=" exit $code, want $want" ;;
	esac
	# 141 is death by SIGPIPE: stdout's reader has gone (| head), and the
	# program ends silently, as cat and every Unix filter do.
	if [ "$want" != 0 ] && [ "$want" != 141 ] && { [ "$want" != any ] || [ "$code" -ne 0 ]; }; then
		[ "$lines" -eq 1 ] || why+=" $lines stderr lines"
		[ "$(head -n 1 "$err" | wc -c)" -le 301 ] || why+=" line over 300 bytes"
	fi
	if [ -n "${NOLINE:-}" ]; then
		local n
		n=$(grep -cE -- "$NOLINE" "$out")
		[ "$n" -eq 0 ] || why+=" $n lines match '$NOLINE'"
	fi
	[ -z "$needle" ] || grep -qF -- "$needle" "$err" "$out" || why+=" does not name '$needle'"
	! grep -qE 'panic:|goroutine [0-9]+ \[' "$err" || why+=" panic"
	! grep -q $'[\e\r]' "$err" "$out" || why+=" raw ESC/CR"
	[ "$hung" = 0 ] || why+=" hung"
	[ "$rss" = - ] || [ "$rss" -le "$cap" ] || why+=" rss ${rss} MB > ${cap} MB"
	total=$((total + 1))
	local verdict=clear
	if [ -n "$why" ]; then
		verdict=UNCLEAR
		unclear_list+=("$label:$why")
	else
		clear=$((clear + 1))
	fi
	printf '%-44.44s %5s %7s  %-7s %.150s\n' "$label" "$code" "$rss" "$verdict" "$(printf '%s' "$first" | tr -d '\r\033')"
	if [ -n "$verbose" ]; then sed 's/^/      | /' "$err" | head -n 20 | cut -c1-200; fi
}

# t LABEL WANT NEEDLE [CAP=150] -- CMD ARGS...: run one case, stdout to a file.
t() {
	local label=$1 want=$2 needle=$3 cap=150
	shift 3
	if [ "$1" != -- ]; then cap=$1; shift; fi
	shift
	local out=$FIX/out err=$FIX/err tf=$FIX/time
	: >"$tf"
	timeout -k 5 ${LIMIT:-60} /usr/bin/time -v -o "$tf" "$@" >"$out" 2>"$err" </dev/null
	local code=$? hung=0
	[ "$code" -eq 124 ] || [ "$code" -eq 137 ] && hung=1
	record "$label" "$want" "$needle" "$cap" "$code" "$out" "$err" "$tf" "$hung"
}

# tpipe LABEL NEEDLE -- CMD...: stdout is a pipe whose reader has gone.
tpipe() {
	local label=$1 needle=$2
	shift 3
	local err=$FIX/err tf=$FIX/time
	: >"$tf"
	: >"$FIX/out"
	(sleep 0.2; timeout -k 5 60 /usr/bin/time -v -o "$tf" "$@" 2>"$err"; echo $? >"$FIX/code") | true
	record "$label" 141 "$needle" 150 "$(cat "$FIX/code")" "$FIX/out" "$err" "$tf" 0
}

# tsig LABEL SIGNAL WANT DELAY -- CMD...: send SIGNAL after DELAY seconds.
tsig() {
	local label=$1 sig=$2 want=$3 delay=$4
	shift 5
	local out=$FIX/out err=$FIX/err
	: >"$FIX/time"
	"$@" >"$out" 2>"$err" </dev/null &
	local pid=$!
	sleep "$delay"
	kill -s "$sig" "$pid"
	local waited=0
	while kill -0 "$pid" 2>/dev/null && [ $waited -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
	local hung=0
	if kill -0 "$pid" 2>/dev/null; then hung=1; kill -KILL "$pid"; fi
	wait "$pid"
	record "$label" "$want" "" 150 $? "$out" "$err" "$FIX/time" "$hung"
}

D=$BIN/01-dns-probe
T=$BIN/02-tasks
ALL3="03-fetch-v1 03-fetch-v2 03-fetch-v3"

# --- flags of every lesson ---------------------------------------------------
for l in $LESSONS; do
	P=$BIN/$l
	t "$l -h" 0 "-timeline" -- "$P" -h
	t "$l -help" 0 "-timeline" -- "$P" -help
	t "$l -nosuchflag" nz "-nosuchflag" -- "$P" -nosuchflag
	t "$l --" nz "" -- "$P" -offline -- -x
	t "$l -timeline=maybe" nz "-timeline" -- "$P" -timeline=maybe
	t "$l flag 100 KB long" nz "" -- "$P" "-$long"
	t "$l flag with ESC" nz "" -- "$P" $'-\e[2J'
done

# 01 and 03 share -timeout, -world, -offline.
for l in 01-dns-probe $ALL3; do
	P=$BIN/$l
	one=http://www.example.com/ slow=http://slow.test/
	[ "$l" = 01-dns-probe ] && one=go.dev slow=slow.test
	t "$l -timeout -1s" nz "-timeout" -- "$P" -offline -timeout -1s
	t "$l -timeout 0" nz "-timeout" -- "$P" -offline -timeout 0
	t "$l -timeout 5 (no unit)" nz "-timeout 5" -- "$P" -offline -timeout 5
	t "$l -timeout 1e400h" nz "-timeout" -- "$P" -offline -timeout 1e400h
	t "$l -timeout 9999999999h" nz "-timeout" -- "$P" -offline -timeout 9999999999h
	t "$l -timeout NaN" nz "-timeout" -- "$P" -offline -timeout NaN
	t "$l -timeout ''" nz "-timeout" -- "$P" -offline -timeout ''
	t "$l -timeout 3秒" nz "-timeout" -- "$P" -offline -timeout 3秒
	t "$l -timeout (missing value)" nz "-timeout" -- "$P" -offline -timeout
	t "$l -world /dev/zero" nz "-world" 100 -- "$P" -world /dev/zero
	t "$l -world empty" nz "empty" -- "$P" -world "$FIX/empty.json"
	t "$l -world {}" nz "no domains" -- "$P" -world "$FIX/braces.json"
	t "$l -world null" nz "no domains" -- "$P" -world "$FIX/null.json"
	t "$l -world []" nz "-world" -- "$P" -world "$FIX/array.json"
	t "$l -world BOM" nz "BOM" -- "$P" -world "$FIX/bom.json"
	t "$l -world trailing junk" nz "more after" -- "$P" -world "$FIX/junk.json"
	t "$l -world two objects" nz "more after" -- "$P" -world "$FIX/two.json"
	t "$l -world directory" nz "dir.json" -- "$P" -world "$FIX/dir.json"
	t "$l -world missing file" nz "missing.json" -- "$P" -world "$FIX/missing.json"
	t "$l -world no permission" nz "noperm.json" -- "${asuser[@]}" "$P" -world "$FIX/noperm.json"
	t "$l -world 17 MB of spaces" nz "-world" 150 -- "$P" -world "$FIX/huge.json"
	t "$l -world truncated JSON" nz "-world" -- "$P" -world "$FIX/truncated.json"
	t "$l -world wrong type" nz "resources" -- "$P" -world "$FIX/wrong-type.json"
	t "$l -world unknown field latncy" nz "latncy" -- "$P" -world "$FIX/unknown-field.json"
	t "$l -world latency 120 (no unit)" nz "latency" -- "$P" -world "$FIX/bare-latency.json"
	t "$l -world latency -5ms" nz "latency" -- "$P" -world "$FIX/neg-latency.json"
	t "$l -world rcode WEIRD" nz "WEIRD" -- "$P" -world "$FIX/rcode.json"
	t "$l -world addr 300.1.1.1" nz "300.1.1.1" -- "$P" -world "$FIX/bad-addr.json"
	t "$l -world empty name" nz "name" -- "$P" -world "$FIX/empty-name.json"
	t "$l -world status 100" nz "100" -- "$P" -world "$FIX/status100.json"
	t "$l -world status 1000" nz "1000" -- "$P" -world "$FIX/status1000.json"
	t "$l -world status -1" nz "-1" -- "$P" -world "$FIX/status-neg.json"
	t "$l -world body_size -1" nz "body_size" -- "$P" -world "$FIX/size-neg.json"
	t "$l -world fault explode" nz "explode" -- "$P" -world "$FIX/fault.json"
	t "$l -world url 'not a url'" nz "not a url" -- "$P" -world "$FIX/bad-url.json"
	t "$l -world ''" nz "" -- "$P" -world ''
	t "$l output to /dev/full" nz "" -- bash -c '"$0" -offline "$1" >/dev/full' "$P" "$one"
	# Go's runtime opens /dev/null on a closed stdout before main runs
	# (runtime/fds_unix.go, checkfds): as >/dev/null, the run succeeds.
	t "$l stdout closed (Go opens /dev/null)" 0 "" -- bash -c '"$0" -offline "$1" >&-' "$P" "$one"
	tpipe "$l stdout a closed pipe" "" -- "$P" -offline
	tsig "$l SIGTERM mid-run" TERM 143 1 -- "$P" -world "$FIX/slow.json" -timeout 30s "$slow"
	tsig "$l SIGINT mid-run" INT 130 1 -- "$P" -world "$FIX/slow.json" -timeout 30s "$slow"
done

# --- 01-dns-probe only ---------------------------------------------------------
t "01 -limit -1" nz "-limit" -- "$D" -offline -limit -1
t "01 -limit 1e9" nz "-limit" -- "$D" -offline -limit 1e9
t "01 -limit 99999999999999999999" nz "-limit" -- "$D" -offline -limit 99999999999999999999
t "01 -limit abc" nz "-limit" -- "$D" -offline -limit abc
t "01 -style nope" nz "-style" -- "$D" -offline -style nope
t "01 -style ''" nz "-style" -- "$D" -offline -style ''
t "01 -words rust" nz "-words" -- "$D" -offline -words rust
t "01 -canary 'bad name'" nz "-canary" -- "$D" -offline -canary 'bad name'
t "01 -canary 100 KB" nz "-canary" -- "$D" -offline -canary "$longname"
t "01 -canary ESC" nz "-canary" -- "$D" -offline -canary "$esc"
t "01 flag after the names" nz "-timeline" -- "$D" -offline go.dev -timeline
t "01 name ''" nz "empty name" -- "$D" -offline ''
t "01 name 'a b'" nz "a b" -- "$D" -offline 'a b'
t "01 name 100 KB" nz "253" -- "$D" -offline "$longname"
t "01 name with ESC" nz "not allowed" -- "$D" -offline "$esc"
t "01 name with CR LF" nz "not allowed" -- "$D" -offline "$crlf"
t "01 name bücher.example (unicode)" nz "xn--bcher-kva" -- "$D" -offline bücher.example
t "01 name 192.0.2.1 (an IP)" nz "IP address" -- "$D" -offline 192.0.2.1
t "01 name go..dev" nz "empty label" -- "$D" -offline go..dev
t "01 name -go.dev- label" nz "starts or ends" -- "$D" -offline a.-go-.dev
t "01 name 64-byte label" nz "more than 63" -- "$D" -offline "$(head -c 64 /dev/zero | tr '\0' a).dev"
t "01 name http://go.dev (a URL)" nz "http://go.dev" -- "$D" -offline http://go.dev
t "01 name nope.dev only (not found)" 0 "" -- "$D" -offline nope.dev
NOLINE='^!' t "01 10,000 names -offline, no !" 0 "" 64 -- "$D" -offline $names10k
NOLINE='^!' t "01 10,000 names found in 50-299 ms, no !" 0 "" 64 -- "$D" -world "$FIX/world10k.json" -canary '' $names10kw
t "01 10,000 names -offline -limit 0" any "" 600 -- "$D" -offline -limit 0 $names10k

# --- 02-tasks only ---------------------------------------------------------------
t "02 -mode nope" nz "-mode" -- "$T" -mode nope
t "02 -mode ''" nz "-mode" -- "$T" -mode ''
t "02 -mode TASKS" nz "TASKS" -- "$T" -mode TASKS
t "02 -mode ESC" nz "-mode" -- "$T" -mode "$esc"
t "02 -mode 100 KB" nz "-mode" -- "$T" -mode "$long"
t "02 -unit 0" nz "-unit" -- "$T" -unit 0s
t "02 -unit -1s" nz "-unit" -- "$T" -unit -1s
t "02 -unit 100 (no unit)" nz "-unit" -- "$T" -unit 100
t "02 -unit 1281024h (overflows 2*unit)" nz "-unit" -- "$T" -unit 1281024h
t "02 -unit 9999999999h" nz "-unit" -- "$T" -unit 9999999999h
t "02 -unit NaN" nz "-unit" -- "$T" -unit NaN
t "02 -unit ''" nz "-unit" -- "$T" -unit ''
t "02 -unit 1ns -timeline (ok)" 0 "" -- "$T" -unit 1ns -timeline
t "02 -unit (missing value)" nz "-unit" -- "$T" -unit
t "02 positional argument" nz "extra" -- "$T" extra
t "02 flag after an argument" nz "" -- "$T" extra -mode tasks
t "02 output to /dev/full" nz "" -- bash -c '"$0" -unit 1ms >/dev/full' "$T"
t "02 stdout closed (Go opens /dev/null)" 0 "" -- bash -c '"$0" -unit 1ms >&-' "$T"
tpipe "02 stdout a closed pipe" "" -- "$T" -unit 1ms
tsig "02 SIGTERM mid-run" TERM 143 0.5 -- "$T" -unit 1s
tsig "02 SIGINT mid-run" INT 130 0.5 -- "$T" -unit 1s

# --- 03-fetch-* only ---------------------------------------------------------------
for l in $ALL3; do
	P=$BIN/$l
	t "$l -max-body 0" nz "-max-body" -- "$P" -offline -max-body 0
	t "$l -max-body -1" nz "-max-body" -- "$P" -offline -max-body -1
	t "$l -max-body MaxInt64 (ok)" 0 "" -- "$P" -offline -max-body 9223372036854775807
	t "$l -max-body 1e6" nz "-max-body" -- "$P" -offline -max-body 1e6
	t "$l -max-body 1MB" nz "-max-body" -- "$P" -offline -max-body 1MB
	t "$l -max-body 2^64" nz "-max-body" -- "$P" -offline -max-body 18446744073709551616
	t "$l flag after the URLs" nz "-timeline" -- "$P" -offline https://www.example.com -timeline
	t "$l URL ''" nz "empty URL" -- "$P" -offline ''
	t "$l URL //example.com/x" nz "//example.com/x" -- "$P" -offline //example.com/x
	t "$l URL 127.0.0.1:8080" nz "http://127.0.0.1:8080" -- "$P" -offline 127.0.0.1:8080
	t "$l URL localhost:8080/x" nz "http://localhost:8080" -- "$P" -offline localhost:8080/x
	t "$l URL ftp://example.com" nz "ftp" -- "$P" -offline ftp://example.com/
	t "$l URL http:// (no host)" nz "http://" -- "$P" -offline http://
	t "$l URL http://exa mple.com" nz "exa mple" -- "$P" -offline 'http://exa mple.com/'
	t "$l URL with ESC" nz "" -- "$P" -offline "http://www.example.com/$esc"
	t "$l URL with CR LF" nz "" -- "$P" -offline "http://www.example.com/$crlf"
	t "$l URL unicode host" nz "" -- "$P" -offline "http://bücher.example/"
	t "$l URL 100 KB" nz "" -- "$P" -offline "$longurl"
	t "$l URL not in the world" nz "not.in.world" -- "$P" -offline http://not.in.world/
	t "$l URL http://[::1" nz "[::1" -- "$P" -offline 'http://[::1'
	t "$l URL port 99999" nz "99999" -- "$P" -offline http://www.example.com:99999/
	t "$l 1,000 URLs, 2 GB bodies" nz "" 100 -- "$P" -world "$FIX/big.json" -timeout 60s $urls1k
	NOLINE=' ! ' t "$l 1,000 URLs, 1 MiB bodies read whole" 0 "" 100 -- "$P" -world "$FIX/mid.json" -timeout 60s $urls1km
done
t "03-fetch-v3 -mode nope" nz "-mode" -- "$BIN/03-fetch-v3" -offline -mode nope
t "03-fetch-v3 -mode ''" nz "-mode" -- "$BIN/03-fetch-v3" -offline -mode ''
t "03-fetch-v3 -mode 100 KB" nz "-mode" -- "$BIN/03-fetch-v3" -offline -mode "$long"
t "03-fetch-v3 -mode ESC" nz "-mode" -- "$BIN/03-fetch-v3" -offline -mode "$esc"

# --- 04-timeouts only ---------------------------------------------------------------
P4=$BIN/04-timeouts
for f in -timeout -hedge; do
	t "04 $f 0" nz "$f" -- "$P4" $f 0
	t "04 $f -1s" nz "$f" -- "$P4" $f -1s
	t "04 $f NaN" nz "$f" -- "$P4" $f NaN
	t "04 $f 1e400h" nz "$f" -- "$P4" $f 1e400h
	t "04 $f (missing value)" nz "$f" -- "$P4" $f
done
t "04 -timeout 1ns (every URL cut)" 1 "every URL was cut" -- "$P4" -timeout 1ns
t "04 -timeout 2562047h (nothing cut)" 0 "" -- "$P4" -timeout 2562047h
t "04 -timeout with -mode hedge" nz "-timeout does nothing" -- "$P4" -mode hedge -timeout 1s
t "04 -hedge with -mode total" nz "-hedge does nothing" -- "$P4" -hedge 50ms
t "04 -mode nope" nz "-mode" -- "$P4" -mode nope
t "04 -mode ESC" nz "-mode" -- "$P4" -mode "$esc"
t "04 -mode 100 KB" nz "-mode" -- "$P4" -mode "$long"
t "04 positional argument" nz "https://go.dev" -- "$P4" https://go.dev
t "04 output to /dev/full" nz "" -- bash -c '"$0" -mode hedge >/dev/full' "$P4"
tsig "04 SIGTERM mid-run" TERM 143 0.1 -- "$P4" -mode shield -timeout 1m
tsig "04 SIGINT mid-run" INT 130 0.1 -- "$P4" -mode per-request -timeout 1m

# --- 05-workers only (built here: the LESSONS list above is shared) ---------------
[ -x "$BIN/05-workers" ] || go build -o "$BIN/05-workers" ./lessons/05-workers || { echo "build of 05-workers failed"; exit 1; }
W=$BIN/05-workers
printf '' >"$FIX/no-names"
t "05 -h" 0 "-workers" -- "$W" -h
t "05 -nosuchflag" nz "-nosuchflag" -- "$W" -nosuchflag
t "05 flag with ESC" nz "" -- "$W" $'-\e[2J'
t "05 -mode nope" nz "-mode" -- "$W" -mode nope
t "05 -mode ESC" nz "-mode" -- "$W" -mode "$esc"
t "05 -mode 100 KB" nz "-mode" -- "$W" -mode "$long"
t "05 -workers 0" nz "-workers 0" -- "$W" -workers 0
t "05 -workers -1" nz "-workers -1" -- "$W" -workers -1
t "05 -workers 1000000" nz "-workers 1000000" -- "$W" -workers 1000000
t "05 -workers 2^64" nz "-workers" -- "$W" -workers 18446744073709551616
t "05 -queue -1" nz "-queue -1" -- "$W" -queue -1
t "05 -queue 10000000" nz "-queue 10000000" -- "$W" -queue 10000000
t "05 -queue with -mode spawn" nz "-queue" -- "$W" -mode spawn -queue 5
t "05 -n 0" nz "-n 0" -- "$W" -n 0
t "05 -n 1000000000" nz "-n 1000000000" -- "$W" -n 1000000000
t "05 -names missing" nz "missing" -- "$W" -names "$FIX/missing"
t "05 -names directory" nz "dir.json" -- "$W" -names "$FIX/dir.json"
t "05 -names empty" nz "no names" -- "$W" -names "$FIX/no-names"
t "05 -names /dev/zero" nz "/dev/zero" 100 -- "$W" -names /dev/zero
t "05 positional argument" nz "go.dev" -- "$W" go.dev
t "05 -n 20000 -mode spawn -workers 1000 (ok)" 0 "" 300 -- "$W" -n 20000 -mode spawn -workers 1000
t "05 output to /dev/full" nz "" -- bash -c '"$0" -n 20 >/dev/full' "$W"
tpipe "05 stdout a closed pipe" "" -- "$W" -n 20
tsig "05 SIGTERM mid-run (producer on a full queue)" TERM 143 0.5 -- "$W" -workers 1
tsig "05 SIGINT mid-run (producer on a full queue)" INT 130 0.5 -- "$W" -workers 1

echo
echo "$clear of $total clear"
for u in "${unclear_list[@]}"; do echo "  unclear: $u"; done
[ "$clear" -eq "$total" ]
