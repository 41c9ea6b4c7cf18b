package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// GradeOptions says what to grade.
type GradeOptions struct {
	Lesson      string
	Submissions []string      // one folder per student: their copy of the exercise folder
	CSV         string        // the CSV to write; empty: <tmp>/workbook-grades/<lesson>.csv
	Jobs        int           // students graded at the same time
	Timeout     time.Duration // longest run of one exercise check
	Root        string        // the workbook's root; empty: found from the working directory
	Verbose     io.Writer     // if not nil, gets each student's build and run times
}

// Row is the grade of one student on one exercise.
type Row struct {
	Student, Lesson, Exercise, Status, Reason string
}

// Statuses of a Row.
const (
	Pass      = "pass"
	Fail      = "fail"
	NotGraded = "not graded" // the instructor's reference fails this check
)

// Grade grades every submission with the instructor's own checks and writes
// the table, the scores and the CSV's path (last) to w.
//
// Each student gets a fresh copy of the lesson's handout (no solution) in a
// temporary folder; only the student's non-test .go files are copied over
// its exercise folder, so their checks/, tests and Makefile never run. The
// copy is built once, with -race, into a test binary, which then runs once
// per exercise: the leak check (goleak, at the end of every test binary) and
// a crash are so blamed on the one exercise that caused them. Students who
// hand in the same files are graded once.
func Grade(ctx context.Context, opts GradeOptions, w io.Writer) error {
	start := time.Now()
	wb, err := openWorkbook(opts.Root, opts.Lesson)
	if err != nil {
		return err
	}
	students, err := students(opts.Submissions)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "workbook-grade-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	g := &grader{wb: wb, lesson: opts.Lesson, work: work, timeout: opts.Timeout, verbose: opts.Verbose}
	if g.timeout <= 0 {
		g.timeout = time.Minute
	}
	t0 := time.Now()
	if _, err := BuildHandout(HandoutOptions{Lesson: opts.Lesson, Out: filepath.Join(work, "base"), Root: wb.root}); err != nil {
		return err
	}
	g.trace("(handout): written in %v", time.Since(t0).Round(10*time.Millisecond))
	if err := g.reference(ctx); err != nil {
		return err
	}
	rows := make([][]Row, len(students))
	same := g.sameFiles(students)
	jobs := max(opts.Jobs, 1)
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, s := range students {
		if same[i] != i {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			rows[i] = g.student(ctx, i, s)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("grading interrupted: %w", err)
	}
	for i, s := range students {
		if j := same[i]; j != i {
			g.trace("%s: the same files as %s, graded once", s.name, students[j].name)
			rows[i] = renamed(rows[j], s.name)
		}
	}
	all := slices.Concat(rows...)
	csvPath := opts.CSV
	if csvPath == "" {
		csvPath = filepath.Join(os.TempDir(), "workbook-grades", opts.Lesson+".csv")
	}
	if err := writeCSV(csvPath, all); err != nil {
		return err
	}
	if err := writeTable(w, all); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "graded %d students on %d exercises of %s in %v (%d at a time)\n%s\n",
		len(students), len(g.exercises), opts.Lesson, time.Since(start).Round(100*time.Millisecond), jobs, csvPath)
	return err
}

// submission is one student's folder.
type submission struct{ name, dir string }

// students checks the submission folders: each exists, and no two have the
// same name (the folder's base name is the student's name).
func students(dirs []string) ([]submission, error) {
	if len(dirs) == 0 {
		return nil, usageErr("no submissions: pass SUBMISSIONS='path/to/subs/*', one folder per student")
	}
	seen := map[string]string{}
	var subs []submission
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return nil, usageErr("submission %s: %v (SUBMISSIONS is a glob of student folders)", d, errors.Unwrap(err))
		}
		if !info.IsDir() {
			return nil, usageErr("submission %s is not a folder: each student's submission is their copy of the exercise folder", d)
		}
		abs, err := filepath.Abs(d)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(abs)
		if other, ok := seen[name]; ok {
			return nil, usageErr("two submissions are named %s (%s and %s): the folder's name is the student's", name, other, d)
		}
		seen[name] = d
		subs = append(subs, submission{name, d})
	}
	slices.SortFunc(subs, func(a, b submission) int { return strings.Compare(a.name, b.name) })
	return subs, nil
}

// grader holds what every student's grading shares.
type grader struct {
	wb        *workbook
	lesson    string
	work      string // temporary folder; base/ is the handout
	timeout   time.Duration
	exercises []string          // "1-task", ... from the reference's run
	broken    map[string]string // exercise: why the reference fails its check
	verbose   io.Writer
	mu        sync.Mutex // guards verbose
}

// trace writes a timing line when verbose.
func (g *grader) trace(format string, args ...any) {
	if g.verbose == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	fmt.Fprintf(g.verbose, format+"\n", args...)
}

// reference grades the lesson's own solution, to learn the exercises' names
// and to prove the checks pass on it (and to fill the build cache).
func (g *grader) reference(ctx context.Context) error {
	exDir, err := g.copyBase("reference")
	if err != nil {
		return err
	}
	// The reference package is complete: its files replace the exercise's
	// own, and solutions/<lesson> fills in the challenges (tests included).
	own, err := goFiles(exDir)
	if err != nil {
		return err
	}
	for _, f := range own {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	ref, err := goFiles(filepath.Join(g.wb.root, "lessons", g.lesson))
	if err != nil {
		return err
	}
	sol, _ := filepath.Glob(filepath.Join(g.wb.root, "solutions", g.lesson, "*.go"))
	for _, f := range append(ref, sol...) {
		if _, err := copyFile(f, filepath.Join(exDir, filepath.Base(f))); err != nil {
			return err
		}
	}
	t0 := time.Now()
	bin, out, err := g.build(ctx, exDir)
	g.trace("(reference): built in %v", time.Since(t0).Round(10*time.Millisecond))
	if err != nil {
		return fmt.Errorf("the reference of %s does not build in a handout:\n%s", g.lesson, out)
	}
	t0 = time.Now()
	res, _ := g.exec(ctx, bin, exDir, "^TestExercises$")
	g.trace("(reference): ran its checks in %v", time.Since(t0).Round(10*time.Millisecond))
	for _, m := range runRE.FindAllStringSubmatch(res, -1) {
		if !slices.Contains(g.exercises, m[1]) {
			g.exercises = append(g.exercises, m[1])
		}
	}
	if len(g.exercises) == 0 {
		return fmt.Errorf("the checks of %s ran no exercise in a handout (no TestExercises/N-name subtest):\n%s", g.lesson, res)
	}
	// An exercise whose check fails on the reference can not be graded:
	// say so on every row, and grade the others.
	g.broken = map[string]string{}
	for _, ex := range g.exercises {
		if !strings.Contains(res, "--- PASS: TestExercises/"+ex+" ") {
			out, _ := g.exec(ctx, bin, exDir, "^TestExercises$/^"+regexp.QuoteMeta(ex)+"$")
			g.broken[ex] = "not graded: the reference fails this check in a handout: " + failReason(out)
		}
	}
	return nil
}

var runRE = regexp.MustCompile(`(?m)^=== RUN\s+TestExercises/(\d+-\S+)$`)

// student grades one submission: a row per exercise.
func (g *grader) student(ctx context.Context, i int, s submission) []Row {
	rows := make([]Row, len(g.exercises))
	for j, ex := range g.exercises {
		rows[j] = Row{Student: s.name, Lesson: g.lesson, Exercise: ex, Status: Fail}
	}
	setAll := func(reason string) []Row {
		for j := range rows {
			rows[j].Reason = reason
		}
		return g.markBroken(rows)
	}
	exDir, err := g.copyBase(fmt.Sprintf("s%03d", i))
	if err != nil {
		return setAll("not graded: " + oneLine(err.Error()))
	}
	files, err := g.studentFiles(s.dir)
	if err != nil {
		return setAll("not graded: " + oneLine(err.Error()))
	}
	if len(files) == 0 {
		return setAll("no .go files submitted (test files do not count)")
	}
	for _, f := range files {
		if _, err := copyFile(f, filepath.Join(exDir, filepath.Base(f))); err != nil {
			return setAll("not graded: " + oneLine(err.Error()))
		}
	}
	t0 := time.Now()
	bin, out, err := g.build(ctx, exDir)
	g.trace("%s: built in %v", s.name, time.Since(t0).Round(10*time.Millisecond))
	if err != nil {
		return setAll("does not build: " + buildReason(out))
	}
	t0 = time.Now()
	defer func() {
		g.trace("%s: ran %d checks in %v", s.name, len(g.exercises), time.Since(t0).Round(10*time.Millisecond))
	}()
	for j, ex := range g.exercises {
		if g.broken[ex] != "" {
			continue
		}
		out, err := g.exec(ctx, bin, exDir, "^TestExercises$/^"+regexp.QuoteMeta(ex)+"$")
		if err == nil && strings.Contains(out, "--- PASS: TestExercises/"+ex) {
			rows[j].Status, rows[j].Reason = Pass, ""
			continue
		}
		rows[j].Reason = failReason(out)
	}
	return g.markBroken(rows)
}

// sameFiles returns, for each student, the first student whose files to
// grade (names and contents) are the same as theirs: the same files get
// the same grade, so they are graded once. A student whose files can not
// be read is their own first (their grade says why).
func (g *grader) sameFiles(students []submission) []int {
	first := make([]int, len(students))
	seen := map[[sha256.Size]byte]int{}
	for i, s := range students {
		first[i] = i
		files, err := g.studentFiles(s.dir)
		if err != nil {
			continue
		}
		key, err := filesKey(files)
		if err != nil {
			continue
		}
		if j, ok := seen[key]; ok {
			first[i] = j
		} else {
			seen[key] = i
		}
	}
	return first
}

// filesKey hashes the names and contents of files.
func filesKey(files []string) ([sha256.Size]byte, error) {
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return [sha256.Size]byte{}, err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(f), len(b))
		h.Write(b)
	}
	return [sha256.Size]byte(h.Sum(nil)), nil
}

// renamed returns a copy of rows given to student.
func renamed(rows []Row, student string) []Row {
	out := slices.Clone(rows)
	for i := range out {
		out[i].Student = student
	}
	return out
}

// markBroken marks the rows of exercises the reference fails.
func (g *grader) markBroken(rows []Row) []Row {
	for j := range rows {
		if why := g.broken[rows[j].Exercise]; why != "" {
			rows[j].Status, rows[j].Reason = NotGraded, why
		}
	}
	return rows
}

// copyBase copies the handout to work/<name> and returns its exercise folder.
func (g *grader) copyBase(name string) (string, error) {
	base := filepath.Join(g.work, "base")
	dst := filepath.Join(g.work, name)
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(base, p)
		if err != nil {
			return err
		}
		_, err = copyFile(p, filepath.Join(dst, rel))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("copying the handout: %w", err)
	}
	return filepath.Join(dst, "lessons", g.lesson, "exercise"), nil
}

// goFiles returns the non-test .go files directly in dir.
func goFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			files = append(files, filepath.Join(dir, n))
		}
	}
	return files, nil
}

// studentFiles returns the student's files to grade: the non-test .go files
// of their folder, and a test file only where a challenge asks for one (a
// file of that name is in solutions/<lesson>). Their main_test.go, which
// runs the checks, and any other test are never used.
func (g *grader) studentFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(n, ".go") {
			continue
		}
		if strings.HasSuffix(n, "_test.go") && (n == "main_test.go" || !exists(filepath.Join(g.wb.root, "solutions", g.lesson, n))) {
			continue
		}
		files = append(files, filepath.Join(dir, n))
	}
	return files, nil
}

// env is the environment of every go command and test binary of a grade.
func env() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly", "TZ=UTC", "GORACE=atexit_sleep_ms=0", "WORKBOOK_OUTPUT_DIR=")
}

// build compiles the exercise's test binary with -race. -trimpath keeps the
// folder out of the build cache's keys, so the internal packages compiled
// for one student are reused for the next. -ldflags=-w leaves out DWARF,
// which makes the link (most of a build) faster; stack traces and race
// reports do not use it.
func (g *grader) build(ctx context.Context, exDir string) (bin, out string, err error) {
	bin = filepath.Join(filepath.Dir(exDir), "exercise.test")
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-race", "-trimpath", "-ldflags=-w", "-vet=off", "-tags", "exercise", "-o", bin, ".")
	cmd.Dir = exDir
	cmd.Env = env()
	b, err := cmd.CombinedOutput()
	return bin, string(b), err
}

// exec runs the test binary on the tests that match run, in the exercise
// folder (the checks find testdata/ from there), and returns its output.
func (g *grader) exec(ctx context.Context, bin, exDir, run string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, g.timeout+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-test.run", run, "-test.v", "-test.count=1", "-test.timeout", g.timeout.String())
	cmd.Dir = exDir
	cmd.Env = env()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// writeCSV writes the rows, with a header, to name.
func writeCSV(name string, rows []Row) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("CSV %s: %w", name, err)
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write([]string{"student", "lesson", "exercise", "status", "reason"})
	for _, r := range rows {
		cw.Write([]string{r.Student, r.Lesson, r.Exercise, r.Status, r.Reason})
	}
	cw.Flush()
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("CSV %s: %w", name, err)
	}
	return nil
}

// writeTable writes the rows as aligned columns, then each student's score.
func writeTable(w io.Writer, rows []Row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STUDENT\tLESSON\tEXERCISE\tSTATUS\tREASON")
	var order []string
	seen, done, total := map[string]bool{}, map[string]int{}, map[string]int{}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Student, r.Lesson, r.Exercise, r.Status, r.Reason)
		if !seen[r.Student] {
			seen[r.Student] = true
			order = append(order, r.Student)
		}
		if r.Status != NotGraded {
			total[r.Student]++
		}
		if r.Status == Pass {
			done[r.Student]++
		}
	}
	fmt.Fprintln(tw, "\nSCORE\t\t\t\t")
	for _, s := range order {
		fmt.Fprintf(tw, "%s\t%d of %d\t\t\t\n", s, done[s], total[s])
	}
	return tw.Flush()
}
