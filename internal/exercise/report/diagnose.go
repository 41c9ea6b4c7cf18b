package report

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Diagnosis is what is wrong with an exercise, for a learner: one plain
// paragraph first, then the detail (a diff, the learner's stack frames).
type Diagnosis struct {
	Paragraph string   // one paragraph, not wrapped
	Detail    []string // lines, not indented
	// Finding is the first finding in one line, for a table of many (make
	// grade): "data race tasks.go:97", "leaked goroutine started at
	// collect.go:30", "does not build: tasks.go:89: undefined: x", or the
	// check's own message.
	Finding string
}

// diagnoser reads the output of one exercise (or of a lesson) into
// sentences and detail.
type diagnoser struct {
	src       fs.FS // the workbook's files, to name a racing variable; may be nil
	crash     []string
	race      []string
	leak      []string
	messages  []string // a check's own words: "took 3s, want 2s: ..."
	diffs     []string // what testify says: "output differs from ..."
	detail    []string
	leftovers []string
	// The first one-line finding of each kind, in the order of the
	// paragraph: crash, race, leak, message, diff.
	findings [5]string
}

// Kinds of finding, the index in diagnoser.findings.
const (
	findCrash = iota
	findRace
	findLeak
	findMessage
	findDiff
)

// find records the first finding of a kind.
func (d *diagnoser) find(kind int, s string) {
	if d.findings[kind] == "" {
		d.findings[kind] = s
	}
}

// finding is the first finding, by kind, else the first line nothing else
// explained.
func (d *diagnoser) finding() string {
	for _, f := range d.findings {
		if f != "" {
			return f
		}
	}
	if len(d.leftovers) > 0 {
		return "failed: " + strings.TrimSpace(d.leftovers[0])
	}
	return ""
}

// Diagnose reads an exercise's (or a lesson's) output. src, rooted at the
// workbook, lets it name the variable of a data race; it may be nil.
func Diagnose(lines []string, src fs.FS) Diagnosis {
	d := &diagnoser{src: src}
	d.scan(lines)
	var sentences []string
	for i, s := range slices.Concat(d.crash, d.race, d.leak, d.messages, d.diffs) {
		if i > 0 {
			s = capitalize(s)
		}
		sentences = append(sentences, s)
	}
	detail := d.detail
	if len(d.leftovers) > 0 {
		detail = append(detail, "")
		detail = append(detail, "it also printed:")
		detail = append(detail, tail(d.leftovers, 20)...)
	}
	return Diagnosis{Paragraph: shortenRepeats(strings.Join(sentences, " ")), Detail: trimBlank(detail), Finding: d.finding()}
}

// capitalize starts a sentence that follows another with a capital letter.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// pathRE matches a path of the workbook in a paragraph.
var pathRE = regexp.MustCompile(`\b(?:lessons|internal|solutions)/(?:[^/\s:]+/)*([^/\s:]+\.go)\b`)

// shortenRepeats keeps the first mention of a file's path whole and
// shortens the next ones to the file's name: a paragraph that names
// lessons/02-tasks/exercise/tasks.go three times stays readable.
func shortenRepeats(paragraph string) string {
	seen := map[string]bool{}
	return pathRE.ReplaceAllStringFunc(paragraph, func(p string) string {
		if seen[p] {
			return pathRE.FindStringSubmatch(p)[1]
		}
		seen[p] = true
		return p
	})
}

var (
	raceSep = "=================="
	// accessRE matches an access of a race report.
	accessRE = regexp.MustCompile(`^(Previous )?(Read|Write|read|write)( \(by [^)]*\))? at 0x[0-9a-f]+ by (goroutine \d+|main goroutine):$`)
	// globalRE matches the location of a global variable in a race report.
	globalRE = regexp.MustCompile(`^Location is global '([^']+)'`)
	// testifyFieldRE matches the first line of a field of a testify failure:
	// "Error:      \tNot equal: ".
	testifyFieldRE = regexp.MustCompile(`^([A-Z][A-Za-z ]*):\s*\t(.*)$`)
	// leakRE matches the start of goleak's report.
	leakRE = regexp.MustCompile(`found unexpected goroutines:$`)
)

// scan sorts the lines into what each kind of failure says.
func (d *diagnoser) scan(lines []string) {
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == raceSep && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "WARNING: DATA RACE":
			end := i + 2
			for end < len(lines) && strings.TrimSpace(lines[end]) != raceSep {
				end++
			}
			d.addRace(lines[i+2 : end])
			i = end
		case isCrashLine(trimmed):
			d.addCrash(lines[i:])
			return
		case leakRE.MatchString(trimmed):
			end := i + 1
			for end < len(lines) && strings.TrimSpace(lines[end]) != "]" {
				end++
			}
			d.addLeak(lines[i+1 : end])
			i = end
		default:
			if m := logRE.FindStringSubmatch(line); m != nil {
				i = d.addMessage(m[1], m[3], lines, i)
				continue
			}
			if !noise(trimmed) {
				d.leftovers = append(d.leftovers, line)
			}
		}
	}
}

// noise reports whether a line says nothing a learner needs: the test
// runner's own lines.
func noise(line string) bool {
	for _, p := range []string{"=== ", "--- FAIL", "--- PASS", "--- SKIP", "FAIL", "PASS", "ok  ", "exit status "} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return line == ""
}

// continuation reports whether line continues a t.Log message: it is
// indented by 8 spaces (testing indents every line after the first).
func continuation(line string) bool { return strings.HasPrefix(line, "        ") }

// addMessage files a check's message (a t.Error or t.Log line and its
// continuation lines) and returns the index of its last line.
func (d *diagnoser) addMessage(file, text string, lines []string, i int) int {
	end := i + 1
	for end < len(lines) && continuation(lines[end]) {
		end++
	}
	more := lines[i+1 : end]
	switch {
	case file == "testing.go" && strings.HasPrefix(text, "race detected"):
		// The race itself is reported from its WARNING block.
	case file == "exercise.go" && (strings.HasPrefix(text, "goal: ") || strings.HasPrefix(text, "hint: ")):
	case strings.TrimSpace(text) == "" && len(more) == 0:
		// An empty t.Log: nothing to say.
	case text == "" && strings.Contains(more[0], "Error Trace:"):
		d.addTestify(more)
	case slices.ContainsFunc(more, func(m string) bool { return headerRE.MatchString(strings.TrimSpace(m)) }):
		d.addStuck(text, more)
	default:
		d.find(findMessage, strings.TrimSpace(text))
		d.messages = append(d.messages, sentence(text))
		if len(more) > 0 {
			d.detail = append(d.detail, text)
			for _, m := range more {
				d.detail = append(d.detail, "  "+strings.TrimPrefix(m, "        "))
			}
		}
	}
	return end - 1
}

// addStuck files a check's message that ends with the stacks of the
// goroutines synctest found blocked for good (lessontest.Deadlock: the
// check recovered synctest's panic, so the test binary printed no dump):
// the check's words, then which goroutines of the learner are stuck, on
// what and where, as for a deadlock that ended the binary.
func (d *diagnoser) addStuck(text string, more []string) {
	gs := parseGoroutines(more)
	slices.SortStableFunc(gs, func(a, b goroutine) int { return waitsForOthers(a) - waitsForOthers(b) })
	s := strings.TrimSuffix(strings.TrimSpace(text), ":") + ": " + blockedList(gs) + "."
	if q := firstQuestion(gs); q != "" {
		s += " " + q
	}
	d.find(findMessage, stuckFinding(gs))
	d.messages = append(d.messages, s)
	for _, m := range more {
		if m = strings.TrimSpace(m); strings.HasPrefix(m, "deadlock: ") {
			d.detail = append(d.detail, m)
			break
		}
	}
	d.detail = append(d.detail, learnerStacks(gs, "")...)
	d.detail = append(d.detail, "")
}

// waitsForOthers ranks a blocked goroutine by how surely it only waits for
// the others, so that the one to look at first comes first: the goroutine
// that runs the check's code (it called the learner's code and waits for
// it) last, before it one in wg.Wait (it waits for goroutines that are
// listed too), before that one receiving from a channel (from a sender
// stuck elsewhere, often), and first the rest: a send nobody takes, a
// select none of whose cases can happen.
func waitsForOthers(g goroutine) int {
	rank := 0
	switch {
	case strings.HasPrefix(g.state, "sync.WaitGroup.Wait"):
		rank = 2
	case strings.HasPrefix(g.state, "chan receive"):
		rank = 1
	}
	if slices.ContainsFunc(g.frames, func(f frame) bool { return strings.Contains(rel(f.file), "/checks/") }) {
		rank += 10
	}
	return rank
}

// stuckFinding is a goroutine blocked for good in one line: "blocked for
// good (chan send) at untilerror.go:45".
func stuckFinding(gs []goroutine) string {
	for _, g := range gs {
		if f, ok := firstLearner(g.frames); ok {
			state, _, _ := strings.Cut(g.state, ",")
			state = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(state), "(durable)"))
			return "blocked for good (" + state + ") at " + f.short()
		}
	}
	return "goroutines blocked for good (none of your files on their stacks)"
}

// learnerStacks lists the goroutines with a frame in the learner's files:
// their frames in the lessons' files, and where they were started.
// Goroutines whose lists would be the same (twenty lookups stuck on one
// send) are listed once, with how many more there are. When none is the
// learner's, it lists them all, whole: the paragraph says to see them.
func learnerStacks(gs []goroutine, indent string) []string {
	var lines []string
	var keys []string
	same := map[string]int{} // a goroutine's listing, without its id: how many
	first := map[string]goroutine{}
	for _, g := range gs {
		if _, mine := firstLearner(g.frames); !mine && !g.startedByLearner() {
			continue
		}
		key := g.state + "\n" + strings.Join(stackLines(g, indent), "\n")
		if same[key] == 0 {
			keys = append(keys, key)
			first[key] = g
		}
		same[key]++
	}
	if len(keys) == 0 {
		return allStacks(gs)
	}
	for _, key := range keys {
		g, header := first[key], indent+"goroutine "+first[key].id+" ["+first[key].state+"]:"
		if n := same[key] - 1; n > 0 {
			header = fmt.Sprintf("%sgoroutine %s [%s], and %d more with the same stack:", indent, g.id, g.state, n)
		}
		lines = append(lines, header)
		lines = append(lines, stackLines(g, indent)...)
	}
	return lines
}

// stackLines is a goroutine's frames in the lessons' files, and where it
// was started, one a line (learnerStacks).
func stackLines(g goroutine, indent string) []string {
	var lines []string
	for _, f := range g.frames {
		if strings.HasPrefix(rel(f.file), "lessons/") {
			lines = append(lines, indent+"  "+f.name()+"  "+f.where())
		}
	}
	if g.startedByLearner() {
		lines = append(lines, indent+"  started by "+g.created.name()+"  "+g.created.where())
	}
	return lines
}

// addTestify files a testify failure: its Messages (or Error) as the
// sentence, its diff as the detail. The Error Trace is left out: it names
// the workbook's check code, not the learner's.
func (d *diagnoser) addTestify(lines []string) {
	fields := map[string][]string{}
	key := ""
	for _, raw := range lines {
		line := strings.TrimPrefix(raw, "        \t")
		if m := testifyFieldRE.FindStringSubmatch(line); m != nil {
			key = m[1]
			fields[key] = append(fields[key], strings.TrimSpace(m[2]))
			continue
		}
		// A continuation: "            \t<text>".
		_, v, _ := strings.Cut(line, "\t")
		fields[key] = append(fields[key], v)
	}
	msg := strings.Join(fields["Messages"], " ")
	errLines := fields["Error"]
	// The Error's first line, "Not equal:", when there are no Messages.
	first, _, _ := strings.Cut(strings.Join(errLines, "\n"), "\n")
	first = strings.TrimSuffix(strings.TrimSpace(first), ":")
	switch {
	case msg != "":
		d.find(findDiff, msg)
		d.diffs = append(d.diffs, sentence(msg))
	case first != "":
		d.find(findDiff, first)
		d.diffs = append(d.diffs, sentence(first))
	}
	// The diff alone if there is one (Index is -1 if not: every line).
	d.detail = append(d.detail, errLines[slices.Index(errLines, "Diff:")+1:]...)
	d.detail = append(d.detail, "")
}

// addCrash files a panic (a synctest deadlock and a test timeout are panics
// too) and the goroutine dump that follows it.
func (d *diagnoser) addCrash(lines []string) {
	kind := "panic: "
	msg := strings.TrimPrefix(strings.TrimSpace(lines[0]), kind)
	if m, ok := strings.CutPrefix(msg, "fatal error: "); ok {
		kind, msg = "fatal error: ", m // the runtime's: "concurrent map writes"
	}
	for _, suffix := range []string{" [recovered, repanicked]", " [recovered]"} {
		msg = strings.TrimSuffix(msg, suffix)
	}
	gs := parseGoroutines(lines) // the panic line is no goroutine's
	d.find(findCrash, crashFinding(kind, msg, gs))
	switch {
	case strings.HasPrefix(msg, "deadlock: main bubble goroutine has exited"):
		d.crash = append(d.crash, "deadlock: the check's code returned while "+blockedList(gs)+
			". Every goroutine must end, or be cancelled and end, before the function that started it returns.")
	case strings.HasPrefix(msg, "deadlock: all goroutines in bubble are blocked"):
		d.crash = append(d.crash, "deadlock: every goroutine of the check is blocked, so none can ever wake another: "+blockedList(gs)+".")
		if q := firstQuestion(gs); q != "" {
			d.crash = append(d.crash, q)
		}
	case strings.HasPrefix(msg, "test timed out after "):
		d.crash = append(d.crash, "the check did not finish: it "+strings.TrimPrefix(msg, "test ")+", while "+blockedList(gs)+".")
		if slices.ContainsFunc(gs, func(g goroutine) bool { return strings.Contains(g.state, "Mutex") }) {
			// testing/synctest: locking a sync.Mutex is not durably blocking.
			d.crash = append(d.crash, "A goroutine waiting for a mutex is not durably blocked, so synctest can not report the deadlock: the run waits until the time limit.")
		}
	case strings.HasPrefix(msg, "all goroutines are asleep"):
		d.crash = append(d.crash, "deadlock: every goroutine is blocked, so none can ever wake another: "+blockedList(gs)+".")
		if q := firstQuestion(gs); q != "" {
			d.crash = append(d.crash, q)
		}
	default:
		s := kind + msg
		if len(gs) > 0 {
			if f, ok := firstLearner(gs[0].frames); ok {
				s += ", " + f.describe()
			}
		}
		d.crash = append(d.crash, sentence(s))
	}
	d.detail = append(d.detail, kind+msg)
	listed := 0
	for i, g := range gs {
		// The goroutine that panicked (the first) if it ran the lesson's
		// code, and every goroutine that is in the learner's code.
		_, mine := firstLearner(g.frames)
		inLesson := slices.ContainsFunc(g.frames, func(f frame) bool { return strings.HasPrefix(rel(f.file), "lessons/") })
		if !mine && !(i == 0 && inLesson) {
			continue
		}
		listed++
		d.detail = append(d.detail, "goroutine "+g.id+" ["+g.state+"]:")
		for _, f := range g.frames {
			if strings.HasPrefix(rel(f.file), "lessons/") {
				d.detail = append(d.detail, "  "+f.name()+"  "+f.where())
			}
		}
		if g.startedByLearner() {
			d.detail = append(d.detail, "  started by "+g.created.name()+"  "+g.created.where())
		}
	}
	if listed == 0 { // none in the lessons' code: every one, whole
		d.detail = append(d.detail, allStacks(gs)...)
	}
	d.detail = append(d.detail, "")
}

// blocked is a goroutine stuck in the learner's code, for a sentence.
type blocked struct {
	at, started, state string
	n                  int
}

// blockedList says which goroutines are stuck, on what, and where, grouping
// those stuck at the same line: "2 goroutines were still sleeping in a func
// literal in sayAfter at lessons/02-tasks/exercise/tasks.go:35 (started at
// lessons/02-tasks/exercise/tasks.go:34)".
func blockedList(gs []goroutine) string {
	var list []*blocked
	for _, g := range gs {
		if g.state == "running" || strings.HasPrefix(g.state, "running,") {
			continue
		}
		f, ok := firstLearner(g.frames)
		started := ""
		if g.startedByLearner() {
			started = g.created.where()
			if !ok {
				f, ok = *g.created, true
			}
		}
		if !ok {
			continue
		}
		key := blockedOn(g.state) + " " + f.describe()
		if i := slices.IndexFunc(list, func(b *blocked) bool { return b.at == key && b.started == started }); i >= 0 {
			list[i].n++
			continue
		}
		list = append(list, &blocked{at: key, started: started, state: g.state, n: 1})
	}
	if len(list) == 0 {
		return "goroutines were blocked outside your code (see the stacks below)"
	}
	var parts []string
	for _, b := range list {
		who := "a goroutine was"
		if b.n > 1 {
			who = fmt.Sprintf("%d goroutines were", b.n)
		}
		s := who + " still " + b.at
		if b.started != "" {
			s += " (started at " + b.started + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// firstQuestion asks about the first goroutine stuck in the learner's code.
func firstQuestion(gs []goroutine) string {
	for _, g := range gs {
		if _, ok := firstLearner(g.frames); ok {
			if q := question(g.state); q != "" {
				return q
			}
		}
	}
	return ""
}

// access is one side of a data race.
type access struct {
	op    string // "read" or "write", or a channel or map operation
	at    frame  // the first frame in the learner's code
	found bool
}

// addRace files one WARNING: DATA RACE report.
func (d *diagnoser) addRace(lines []string) {
	var accesses []access
	global := ""
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if m := globalRE.FindStringSubmatch(line); m != nil {
			global = shortName(m[1] + "()")
		}
		m := accessRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		end := i + 1
		for end < len(lines) && strings.TrimSpace(lines[end]) != "" {
			end++
		}
		frames := parseFrames(lines[i+1 : end])
		a := access{op: strings.ToLower(m[2])}
		if len(frames) > 0 {
			if op := runtimeOp(frames[0].fn); op != "" {
				a.op = op
			}
		}
		a.at, a.found = firstLearner(frames)
		accesses = append(accesses, a)
	}
	if i := slices.IndexFunc(accesses, func(a access) bool { return a.found }); i >= 0 {
		d.find(findRace, "data race "+accesses[i].at.short())
	} else {
		d.find(findRace, "data race (not in your files: see go test -race)")
	}
	if len(accesses) < 2 {
		d.race = append(d.race, "data race (the report is below).")
		d.detail = append(d.detail, lines...)
		return
	}
	a, b := accesses[0], accesses[1]
	what := global
	switch {
	case isChanOp(a.op) || isChanOp(b.op):
		what = "a channel"
	case strings.HasPrefix(a.op, "map") || strings.HasPrefix(b.op, "map"):
		what = "a map"
	case what == "" && a.found && b.found:
		what = racingVar(d.src, a, b)
	}
	s := "data race"
	if what != "" {
		s += " on " + what
	}
	s += " between " + a.describe() + " and " + b.describe() +
		": two goroutines use it at the same time and nothing (a channel, a mutex, wg.Wait) orders the two."
	d.race = append(d.race, s)
	for _, x := range accesses {
		if x.found {
			d.detail = append(d.detail, fmt.Sprintf("%-7s %s  %s", x.op, x.at.name(), x.at.where()))
		}
	}
	d.detail = append(d.detail, "")
}

func (a access) describe() string {
	if !a.found {
		return "code outside the exercise (" + a.op + ")"
	}
	return a.at.where() + " (" + a.op + ")"
}

// runtimeOp names the runtime function a race report starts with, when the
// racing access is a channel or map operation.
func runtimeOp(fn string) string {
	switch name := shortName(fn); {
	case strings.HasPrefix(name, "chansend"):
		return "send"
	case strings.HasPrefix(name, "chanrecv"):
		return "receive"
	case name == "closechan":
		return "close"
	case strings.HasPrefix(name, "mapaccess"):
		return "map read"
	case strings.HasPrefix(name, "mapassign"), strings.HasPrefix(name, "mapdelete"):
		return "map write"
	}
	return ""
}

func isChanOp(op string) bool { return op == "send" || op == "receive" || op == "close" }

// racingVar names the variable two racing lines share, reading the source:
// what the writing line assigns, if the other line uses it too.
func racingVar(src fs.FS, a, b access) string {
	if src == nil {
		return ""
	}
	w, o := a, b
	if w.op != "write" {
		w, o = b, a
	}
	written := exprsOnLine(src, w.at, true)
	used := exprsOnLine(src, o.at, false)
	for _, x := range written {
		if slices.Contains(used, x) {
			return x
		}
	}
	return ""
}

// exprsOnLine returns the expressions assigned on a line (lhs) or all the
// identifiers and selectors used on it.
func exprsOnLine(src fs.FS, at frame, lhs bool) []string {
	b, err := fs.ReadFile(src, rel(at.file))
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, rel(at.file), b, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var out []string
	onLine := func(n ast.Node) bool { return fset.Position(n.Pos()).Line == at.line }
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if lhs && onLine(n) {
				for _, e := range n.Lhs {
					out = append(out, exprString(e))
				}
			}
		case *ast.IncDecStmt:
			if lhs && onLine(n) {
				out = append(out, exprString(n.X))
			}
		case *ast.SelectorExpr:
			if !lhs && onLine(n) {
				out = append(out, exprString(n))
			}
		case *ast.Ident:
			if !lhs && onLine(n) {
				out = append(out, n.Name)
			}
		}
		return true
	})
	return out
}

// exprString prints an identifier or a selector such as s.count.
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.IndexExpr:
		return exprString(e.X)
	case *ast.StarExpr:
		return exprString(e.X)
	}
	return ""
}

// addLeak files goleak's report of goroutines still running after the tests.
func (d *diagnoser) addLeak(lines []string) {
	gs := parseGoroutines(lines)
	d.find(findLeak, leakFinding(gs))
	var parts []string
	for _, g := range gs {
		var s string
		if g.startedByLearner() {
			s = "started at " + g.created.where() + " (in " + g.created.name() + ")"
			if f, ok := firstLearner(g.frames); ok {
				s += ", now " + blockedOn(g.state) + " at " + f.where()
			}
		} else if f, ok := firstLearner(g.frames); ok {
			s = "now " + blockedOn(g.state) + " " + f.describe()
		}
		if s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	what := "a goroutine is still running after every check has finished"
	if len(gs) > 1 {
		what = fmt.Sprintf("%d goroutines are still running after every check has finished", len(gs))
	}
	if len(parts) == 0 {
		d.leak = append(d.leak, what+" (its stack is below, outside your code).")
	} else {
		d.leak = append(d.leak, what+": "+strings.Join(parts, "; ")+
			". Give it a way to stop (close a channel, cancel a context) and wait for it to end.")
	}
	d.detail = append(d.detail, "goroutines left running:")
	d.detail = append(d.detail, allStacks(gs)...)
	d.detail = append(d.detail, "")
}

// allStacks lists goroutines with every frame, and where they were started.
func allStacks(gs []goroutine) []string {
	var lines []string
	for _, g := range gs {
		lines = append(lines, "goroutine "+g.id+" ["+g.state+"]:")
		for _, f := range g.frames {
			lines = append(lines, "  "+f.name()+"  "+f.where())
		}
		if g.created != nil {
			lines = append(lines, "  started by "+g.created.name()+"  "+g.created.where())
		}
	}
	return lines
}

// buildErrorRE matches a compiler or vet error: "tasks.go:159:17: undefined: x".
var buildErrorRE = regexp.MustCompile(`^(?:vet: )?(\S+\.go):(\d+)(?::\d+)?: (.*)$`)

// DiagnoseBuild reads the output of a package that did not build.
func DiagnoseBuild(lines []string) Diagnosis {
	var errs []string
	vet := false
	var detail []string
	for _, line := range lines {
		if strings.HasPrefix(line, "# [") || strings.HasPrefix(line, "vet: ") {
			vet = true
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		detail = append(detail, line)
		if m := buildErrorRE.FindStringSubmatch(line); m != nil {
			errs = append(errs, rel(m[1])+":"+m[2]+": "+m[3])
		}
	}
	if len(errs) == 0 {
		if len(detail) == 0 {
			return Diagnosis{Paragraph: "it does not build.", Finding: "does not build"}
		}
		return Diagnosis{Paragraph: sentence(detail[0]), Detail: detail[1:], Finding: "does not build: " + strings.TrimSpace(detail[0])}
	}
	verb := "does not compile"
	if vet {
		verb = "fails go vet, which go test runs before the checks"
	}
	where, msg, _ := strings.Cut(errs[0], ": ")
	finding := "does not build: " + path.Base(where) + ": " + msg
	if vet {
		finding = "fails go vet: " + path.Base(where) + ": " + msg
	}
	s := where + " " + verb + ": " + sentence(msg)
	if name, imp := missingImport(msg); imp != "" && !vet {
		file, _, _ := strings.Cut(where, ":")
		s += fmt.Sprintf(" %s is the standard library's package %q, which %s does not import: add `import %q` below its package line (or %q to its import list).",
			name, imp, path.Base(file), imp, imp)
	}
	switch n := len(errs) - 1; n {
	case 0:
	case 1:
		s += " (1 more error below)"
	default:
		s += fmt.Sprintf(" (%d more errors below)", n)
	}
	return Diagnosis{Paragraph: s, Detail: detail, Finding: finding}
}

// stdImports are the import paths of the standard library's packages a
// learner of this workbook uses, by the name code calls them by. A name
// that two packages share (rand, template) is left out: which to import is
// the learner's choice.
var stdImports = map[string]string{
	"bufio": "bufio", "bytes": "bytes", "context": "context", "errors": "errors",
	"filepath": "path/filepath", "flag": "flag", "fmt": "fmt", "http": "net/http",
	"httptest": "net/http/httptest", "io": "io", "iter": "iter", "json": "encoding/json",
	"log": "log", "maps": "maps", "math": "math", "net": "net", "os": "os",
	"path": "path", "runtime": "runtime", "signal": "os/signal", "slices": "slices",
	"sort": "sort", "strconv": "strconv", "strings": "strings", "sync": "sync",
	"atomic": "sync/atomic", "synctest": "testing/synctest", "testing": "testing",
	"time": "time", "url": "net/url",
}

// missingImport returns the name and import path of the standard library
// package that a compiler error "undefined: fmt" names, or "", "".
func missingImport(msg string) (name, importPath string) {
	name, ok := strings.CutPrefix(msg, "undefined: ")
	if !ok {
		return "", ""
	}
	return name, stdImports[name]
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func tail(lines []string, n int) []string {
	return lines[max(0, len(lines)-n):]
}

// trimBlank drops blank lines at both ends.
func trimBlank(lines []string) []string {
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	i := slices.IndexFunc(lines, func(s string) bool { return !blank(s) })
	if i < 0 {
		return nil
	}
	j := len(lines)
	for blank(lines[j-1]) { // stops at lines[i] at the latest
		j--
	}
	return lines[i:j]
}

// crashFinding is a panic in one line: where the learner's code was
// blocked, or panicked.
func crashFinding(kind, msg string, gs []goroutine) string {
	switch {
	case strings.HasPrefix(msg, "deadlock: main bubble goroutine has exited"):
		return leakFinding(gs)
	case strings.HasPrefix(msg, "test timed out after "):
		return "timed out after " + strings.TrimPrefix(msg, "test timed out after ") + ": does something wait forever?"
	case strings.HasPrefix(msg, "deadlock: all goroutines in bubble are blocked"), strings.HasPrefix(msg, "all goroutines are asleep"):
		for _, g := range gs {
			if f, ok := firstLearner(g.frames); ok {
				return "deadlock: blocked at " + f.short()
			}
		}
		return "deadlock: every goroutine is blocked"
	}
	for _, g := range gs {
		if f, ok := firstLearner(g.frames); ok {
			return kind + msg + " at " + f.short()
		}
	}
	return kind + msg
}

// leakFinding names where the first leaked goroutine that the learner's
// code started was started, or else where one is blocked in it.
func leakFinding(gs []goroutine) string {
	for _, g := range gs {
		if g.startedByLearner() {
			return "leaked goroutine started at " + g.created.short()
		}
	}
	for _, g := range gs {
		if f, ok := firstLearner(g.frames); ok {
			return "leaked goroutine blocked in " + f.short()
		}
	}
	return "leaked goroutine (none of your files on its stack)"
}
