package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// classSize is the class the issue asks to grade in well under a minute.
const classSize = 30

// BenchmarkGrade grades a class of 30 for every lesson, as `make grade`
// does (two students at a time on this 2-core machine: -j's default is
// runtime.NumCPU()), and reports the wall time of the class (s/class), the
// CPU time of its go commands and test binaries (cpu-s: what the load of
// the machine changes least), and what the grader spent building and
// running (build-s, run-s: summed over the students, so with 2 at a time
// they add up to about twice s/class).
//
//	make bench BENCH=Grade                         # every lesson (not make bench alone)
//	make bench BENCH='Grade/02-tasks/solved'       # one lesson, one class
//	WORKBOOK_GRADE_TRACE=1 make bench BENCH=Grade  # and each student's times
//	go test -run '^$' -bench Grade -benchtime 1x -timeout 30m ./internal/cmd/instructor
//
// The class is made of the lesson's fixture students
// (testdata/instructor/submissions/<lesson>) where it has some, else of
// students who hand in the reference (solved) and the exercise as shipped
// (nothing solved), repeated to 30: the class "mixed". The class "solved"
// is 30 students who hand in the reference and the solutions: the slowest
// class, as every check runs to its end (02's write-the-test challenge
// only runs once exercises 1-4 pass). Each student's files end with a
// declaration of a string that names them and the run (var _ = "..."), so
// that no two students, and no two runs, share a compiled package: a real
// class's copies differ, and the build cache must not hide what a first
// grade of them costs. (A comment would not do: 02's broken versions are
// printed without comments, and would be compiled once for the class.)
func BenchmarkGrade(b *testing.B) {
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() == "." {
		b.Skip("grades ten classes of 30 (minutes): ask for it by name, make bench BENCH=Grade")
	}
	for _, lesson := range lessonsB(b) {
		for _, class := range []string{"mixed", "solved"} {
			b.Run(lesson+"/"+class, func(b *testing.B) { benchGrade(b, lesson, class) })
		}
	}
}

// benchGrade grades a class of lesson again and again.
func benchGrade(b *testing.B, lesson, class string) {
	var build, run, cpu time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		subs := makeClass(b, lesson, class, classSize, time.Now().UnixNano())
		cpu0 := childCPU(b)
		b.StartTimer()
		var out bytes.Buffer
		var trace bytes.Buffer
		opts := GradeOptions{Lesson: lesson, Root: root, Submissions: subs, CSV: filepath.Join(b.TempDir(), "grades.csv"), Jobs: 2, Timeout: time.Minute, Verbose: &trace}
		err := Grade(context.Background(), opts, &out)
		require.NoError(b, err, out.String())
		b.StopTimer()
		cpu += childCPU(b) - cpu0
		checkClass(b, lesson, opts.CSV)
		b.StartTimer()
		t := parseTrace(trace.String())
		build += t.build
		run += t.run
		n++
		if os.Getenv("WORKBOOK_GRADE_TRACE") != "" {
			b.Logf("%s\n%s", trace.String(), lastLines(out.String(), 2))
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(n), "s/class")
	b.ReportMetric(cpu.Seconds()/float64(n), "cpu-s")
	b.ReportMetric(build.Seconds()/float64(n), "build-s")
	b.ReportMetric(run.Seconds()/float64(n), "run-s")
	b.ReportMetric(0, "ns/op") // one grade is seconds long: s/class says it
}

// checkClass checks the grades of a class: every student of a kind has the
// same grade, and a fixture student's is the one of
// testdata/instructor/grades-<lesson>.csv.golden.
func checkClass(tb testing.TB, lesson, csvPath string) {
	tb.Helper()
	want := map[string][]string{} // kind: its rows, without the student
	golden, err := os.ReadFile(filepath.Join(root, "testdata", "instructor", "grades-"+lesson+".csv.golden"))
	if err == nil {
		for _, r := range readCSV(tb, golden) {
			want[r[0]] = append(want[r[0]], strings.Join(r[1:], ","))
		}
	}
	b, err := os.ReadFile(csvPath)
	require.NoError(tb, err)
	got := map[string][]string{} // student: their rows, without the student
	for _, r := range readCSV(tb, b) {
		got[r[0]] = append(got[r[0]], strings.Join(r[1:], ","))
	}
	require.Len(tb, got, classSize)
	for student, rows := range got {
		kind := student[:strings.LastIndex(student, "-")]
		if _, ok := want[kind]; !ok {
			want[kind] = rows // the first student of a kind without a golden file
		}
		require.Equal(tb, want[kind], rows, "%s is not graded as the other %s students", student, kind)
	}
}

// readCSV reads a grades CSV without its header.
func readCSV(tb testing.TB, b []byte) [][]string {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(tb, err)
	return rows[1:]
}

func lessonsB(b *testing.B) []string {
	dirs, err := filepath.Glob(filepath.Join(root, "lessons", "*", "exercise"))
	require.NoError(b, err)
	require.NotEmpty(b, dirs)
	var names []string
	for _, d := range dirs {
		names = append(names, filepath.Base(filepath.Dir(d)))
	}
	return names
}

// childCPU returns the CPU time (user and system) of the child processes
// this one has waited for, theirs included: the go commands and test
// binaries of a grade. Unlike the wall time, it hardly depends on what else
// the machine runs.
func childCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	require.NoError(tb, syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// gradeTimes is what a verbose grade says it spent.
type gradeTimes struct{ build, run time.Duration }

// parseTrace sums the "built in" and "ran N checks in" lines of a verbose
// grade.
func parseTrace(s string) gradeTimes {
	var t gradeTimes
	for line := range strings.Lines(s) {
		_, rest, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			continue
		}
		d, err := time.ParseDuration(f[len(f)-1])
		if err != nil {
			continue
		}
		switch {
		case strings.HasPrefix(rest, "built in"):
			t.build += d
		case strings.HasPrefix(rest, "ran "):
			t.run += d
		}
	}
	return t
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// makeClass writes n student folders for lesson into a temporary folder and
// returns them: the fixture students in turn (or solved and shipped ones),
// each .go file ending with a declaration that names the student and the
// run.
func makeClass(tb testing.TB, lesson, class string, n int, run int64) []string {
	tb.Helper()
	kinds, solved := classKinds(tb, lesson)
	if class == "solved" {
		kinds = []studentKind{solved}
	}
	dir := tb.TempDir()
	var subs []string
	for i := range n {
		kind := kinds[i%len(kinds)]
		sub := filepath.Join(dir, fmt.Sprintf("%s-%02d", kind.name, i))
		require.NoError(tb, os.MkdirAll(sub, 0o755))
		for _, f := range kind.files {
			text, err := os.ReadFile(f)
			require.NoError(tb, err)
			if strings.HasSuffix(f, ".go") {
				text = fmt.Appendf(text, "\nvar _ = \"%s, run %d\"\n", filepath.Base(sub), run)
			}
			require.NoError(tb, os.WriteFile(filepath.Join(sub, filepath.Base(f)), text, 0o644))
		}
		subs = append(subs, sub)
	}
	return subs
}

// studentKind is one kind of student of a class: a name and their files.
type studentKind struct {
	name  string
	files []string
}

// classKinds returns the students of a mixed class of lesson: its fixture
// students, or else a solved and a shipped one; and a solved student.
func classKinds(tb testing.TB, lesson string) (mixed []studentKind, solved studentKind) {
	tb.Helper()
	fixtures, err := filepath.Glob(filepath.Join(root, "testdata", "instructor", "submissions", lesson, "*"))
	require.NoError(tb, err)
	for _, f := range fixtures {
		files, err := filepath.Glob(filepath.Join(f, "*"))
		require.NoError(tb, err)
		mixed = append(mixed, studentKind{filepath.Base(f), files})
	}
	ref, err := goFiles(filepath.Join(root, "lessons", lesson))
	require.NoError(tb, err)
	sol, err := filepath.Glob(filepath.Join(root, "solutions", lesson, "*.go"))
	require.NoError(tb, err)
	shipped, err := goFiles(filepath.Join(root, "lessons", lesson, "exercise"))
	require.NoError(tb, err)
	solved = studentKind{"solved", append(ref, sol...)}
	if len(mixed) == 0 {
		mixed = []studentKind{solved, {"shipped", shipped}}
	}
	return mixed, solved
}
