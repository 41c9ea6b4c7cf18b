package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// A WrongAnswer is one wrong solution kept in testdata/<lesson>/wrong/: its
// functions replace the answer's in a copy of the workbook where every gap is
// answered, and the check of its exercise must fail and say Want.
// internal/cmd/exgen's TestWrongSolutionsAreCaught proves it in make test;
// here it faces a mutant of the checking code that survived the tests.
//
// Right, with no Path, is the lesson's answers themselves (make solvable):
// every check must pass them, so a mutant that makes a check refuse a right
// answer is caught.
type WrongAnswer struct {
	Lesson   string // 01-dns-probe
	Exercise string // the number of the exercise whose check must fail
	Want     string // what that check must say
	Path     string // the fixture, absolute
	Pkg      string // the exercise package, relative to the copy's root: ./lessons/<lesson>/exercise
	Right    bool   // the answers, not a fixture
}

// Name is the fixture as the workbook names it: testdata/<lesson>/wrong/<file>,
// or "the answers of <lesson>".
func (a *WrongAnswer) Name() string {
	if a.Right {
		return "the answers of " + a.Lesson
	}
	return "testdata/" + a.Lesson + "/wrong/" + filepath.Base(a.Path)
}

// failedExerciseRE finds the first exercise whose check failed.
var failedExerciseRE = regexp.MustCompile(`--- FAIL: TestExercises/(\S+)`)

// wrongHeader is the head of a fixture, as exgen's test reads it.
var wrongHeader = regexp.MustCompile(`(?m)^// exercise: (\d+)\n// want: (.+)$`)

// LoadWrongAnswers returns, by lesson, the answers of each lesson that has
// exercises (root/lessons/*/exercise), first, then the fixtures under
// root/testdata/<lesson>/wrong/. A fixture without its header is an error
// naming it.
func LoadWrongAnswers(root string) (map[string][]*WrongAnswer, error) {
	out := map[string][]*WrongAnswer{}
	exercises, err := filepath.Glob(filepath.Join(root, "lessons", "*", "exercise"))
	if err != nil {
		return nil, err
	}
	for _, dir := range exercises {
		lesson := filepath.Base(filepath.Dir(dir))
		out[lesson] = []*WrongAnswer{{Lesson: lesson, Right: true, Pkg: "./lessons/" + lesson + "/exercise"}}
	}
	paths, err := filepath.Glob(filepath.Join(root, "testdata", "*", "wrong", "*.go"))
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		m := wrongHeader.FindSubmatch(b)
		if m == nil {
			return nil, fmt.Errorf("%s: a wrong answer must start with // exercise: N and // want: TEXT", p)
		}
		lesson := filepath.Base(filepath.Dir(filepath.Dir(p)))
		out[lesson] = append(out[lesson], &WrongAnswer{
			Lesson: lesson, Exercise: string(m[1]), Want: string(m[2]), Path: p,
			Pkg: "./lessons/" + lesson + "/exercise",
		})
	}
	return out, nil
}

// CheckersOf maps each workspace package that only checks the exercises of a
// lesson to that lesson: the package is linked by the lesson's exercise tests
// (go list -tags exercise -test -deps) and not by its program (a checks/
// package, internal/fetch/fetchtest, the harness). A mutant there changes
// what the checks say, and only a wrong answer can show it.
func (w *Workspace) CheckersOf(ctx context.Context, lessons []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, l := range lessons {
		checks, err := deps(ctx, w.Root, "-tags", "exercise", "-test", "./lessons/"+l+"/exercise")
		if err != nil {
			return nil, err
		}
		program, err := deps(ctx, w.Root, "./lessons/"+l)
		if err != nil {
			return nil, err
		}
		for _, p := range checks {
			if w.pkgs[p] != nil && !skipped(p) && !slices.Contains(program, p) {
				out[p] = append(out[p], l)
			}
		}
	}
	return out, nil
}

// deps lists the import paths that go list -deps gives for args, test
// variants ("p [p.test]") under their own path, test mains left out.
func deps(ctx context.Context, dir string, args ...string) ([]string, error) {
	pkgs, err := goList(ctx, dir, append([]string{"-deps"}, args...)...)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range pkgs {
		path, _, _ := strings.Cut(p.ImportPath, " [")
		if !strings.HasSuffix(path, ".test") && !slices.Contains(out, path) {
			out = append(out, path)
		}
	}
	return out, nil
}

// exgenTree writes into dir a copy of the workbook at root with every gap
// of a's lesson answered and a's functions in place of the answer's
// (exgen tree -answers -wrong).
func exgenTree(ctx context.Context, root string, a *WrongAnswer, dir string) error {
	args := []string{"run", "./internal/cmd/exgen", "tree", "-answers", "-o", dir}
	if !a.Right {
		args = append(args, "-wrong", a.Path)
	}
	cmd := exec.CommandContext(ctx, "go", append(args, a.Lesson)...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("exgen tree -wrong %s: %v: %s", a.Name(), err, bytes.TrimSpace(out))
	}
	return nil
}

// wrongStage runs the wrong answers against the mutants: each answer's copy
// is written, and checked unmutated, once, before the first mutant faces it.
type wrongStage struct {
	r       *Runner
	answers map[string][]*WrongAnswer // by lesson
	// tree writes the copy a faces (exgenTree; a stand-in in tests).
	tree func(ctx context.Context, root string, a *WrongAnswer, dir string) error
	// onBase, if not nil, hears of each wrong answer checked unmutated.
	onBase func(a *WrongAnswer, timeout time.Duration)

	mu    sync.Mutex
	bases map[*WrongAnswer]*wrongBase
}

// wrongBase is a wrong answer's copy and its runner, once checked unmutated.
type wrongBase struct {
	once sync.Once
	dir  string
	r    *Runner
	err  error
}

// Test runs the wrong answers of the lessons, in order, against the
// mutant of j (its file replaced in each copy) until one is no longer
// caught: the mutant is then caught. A mutant every answer still fails, with
// its message, survives.
func (s *wrongStage) Test(ctx context.Context, slot int, j *Job, lessons []string) (Result, error) {
	var total time.Duration
	for _, l := range lessons {
		for _, a := range s.answers[l] {
			b, err := s.base(ctx, a)
			if err != nil {
				return Result{}, err
			}
			res, caught, err := s.confirmed(ctx, b, slot, j, a)
			total += res.Duration
			if err != nil {
				return Result{}, err
			}
			if caught {
				res.Duration = total
				return res, nil
			}
		}
	}
	return Result{Status: Survived, Duration: total}, nil
}

// confirmed runs a against j's mutant, and once more when a says it is
// caught: a check whose verdict on a varies from run to run (a goroutine
// counted or not at one instant) must not catch a mutant by chance. The
// mutant is caught only if both runs say so.
func (s *wrongStage) confirmed(ctx context.Context, b *wrongBase, slot int, j *Job, a *WrongAnswer) (Result, bool, error) {
	path := filepath.Join(b.dir, filepath.FromSlash(j.File))
	res, caught, err := b.r.runWrong(ctx, slot, path, j.Apply(j.src), a)
	if err != nil || !caught {
		return res, caught, err
	}
	again, caught, err := b.r.runWrong(ctx, slot, path, j.Apply(j.src), a)
	again.Duration += res.Duration
	return again, caught, err
}

// base writes a's copy and checks it unmutated (the check must fail and say
// a.Want), once; its time sets the automatic timeout.
func (s *wrongStage) base(ctx context.Context, a *WrongAnswer) (*wrongBase, error) {
	s.mu.Lock()
	if s.bases == nil {
		s.bases = map[*WrongAnswer]*wrongBase{}
	}
	b := s.bases[a]
	if b == nil {
		b = &wrongBase{}
		s.bases[a] = b
	}
	s.mu.Unlock()
	b.once.Do(func() {
		b.dir = filepath.Join(s.r.TempDir, "wrong", a.Lesson, "answers")
		if !a.Right {
			b.dir = filepath.Join(s.r.TempDir, "wrong", a.Lesson, "wrong-"+strings.TrimSuffix(filepath.Base(a.Path), ".go"))
		}
		if b.err = s.tree(ctx, s.r.Root, a, b.dir); b.err != nil {
			return
		}
		in := *s.r
		in.Root = b.dir
		res, caught, err := unmutated(&in).runWrong(ctx, 0, "", nil, a)
		switch {
		case err != nil:
			b.err = err
		case caught && a.Right:
			b.err = fmt.Errorf("%s fail their checks before any mutation (%s): make solvable fails too; fix it first", a.Name(), res.Why)
		case caught:
			b.err = fmt.Errorf("the wrong answer %s is not caught before any mutation (%s): make test's TestWrongSolutionsAreCaught fails too; fix it first", a.Name(), res.Why)
		}
		b.r = forMutants(&in, res.Duration)
		if b.err == nil && s.onBase != nil {
			s.onBase(a, b.r.Timeout)
		}
	})
	return b, b.err
}

// runWrong runs the check of a's exercise in the copy at r.Root, with the
// file at path replaced by src (src nil: unmutated). caught reports that the
// check no longer catches a: it passes, or fails without saying a.Want, or
// hangs.
func (r *Runner) runWrong(ctx context.Context, slot int, path string, src []byte, a *WrongAnswer) (res Result, caught bool, err error) {
	if a.Right {
		return r.runRight(ctx, slot, path, src, a)
	}
	flags := []string{"-trimpath", "-tags", "exercise", "-run", "^TestExercises$/^" + a.Exercise + "-"}
	out, res, err := r.goTest(ctx, slot, path, src, flags, []string{a.Pkg})
	if err != nil {
		return res, false, err
	}
	switch {
	case res.Status == Timeout || strings.Contains(out, "panic: test timed out after"):
		res.Status, res.Why = Timeout, "the check of exercise "+a.Exercise+" hangs on the wrong answer "+a.Name()
	case res.Status == Survived:
		res.Status, res.Why = Caught, "the wrong answer "+a.Name()+" passes the check of exercise "+a.Exercise
	case buildFailedRE.MatchString(out):
		// Not the check's verdict: this answer cannot judge the mutant.
		return Result{Status: Survived, Duration: res.Duration}, false, nil
	case !strings.Contains(out, a.Want):
		res.Status, res.Why = Caught, fmt.Sprintf("the check of exercise %s no longer says %q to the wrong answer %s", a.Exercise, a.Want, a.Name())
	default:
		return Result{Status: Survived, Duration: res.Duration}, false, nil
	}
	return res, true, nil
}

// runRight runs every check of the lesson on its answers (a.Right), as make
// solvable does, in the copy at r.Root with the file at path replaced by src
// (src nil: unmutated). caught reports that a check refuses a right answer,
// or hangs.
func (r *Runner) runRight(ctx context.Context, slot int, path string, src []byte, a *WrongAnswer) (res Result, caught bool, err error) {
	flags := []string{"-trimpath", "-tags", "exercise", "-run", "^TestExercises$"}
	out, res, err := r.goTest(ctx, slot, path, src, flags, []string{a.Pkg})
	if err != nil {
		return res, false, err
	}
	switch {
	case res.Status == Timeout || strings.Contains(out, "panic: test timed out after"):
		res.Status, res.Why = Timeout, "make solvable: the checks hang on "+a.Name()
	case res.Status == Survived, buildFailedRE.MatchString(out):
		return Result{Status: Survived, Duration: res.Duration}, false, nil
	default:
		why := "the tests fail"
		if m := failedExerciseRE.FindStringSubmatch(out); m != nil {
			why = "exercise " + m[1]
		}
		res.Status, res.Why = Caught, "make solvable: the check of "+why+" refuses "+a.Name()
	}
	return res, true, nil
}
