package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// HandoutOptions says which lesson to hand out, and how.
type HandoutOptions struct {
	Lesson   string // e.g. "02-tasks"
	Solution bool   // include the reference (lessons/<lesson>/*.go) and solutions/<lesson>
	Out      string // the folder to write; empty: <tmp>/workbook-handouts/<lesson>
	Tar      bool   // also write Out + ".tar.gz"
	Root     string // the workbook's root; empty: found from the working directory
}

// HandoutResult is what BuildHandout wrote.
type HandoutResult struct {
	Dir     string // the handout folder
	Archive string // the .tar.gz, if asked for
	Files   int
	Bytes   int64
}

// marker is written into every handout folder, so that building it again
// may replace it, and nothing else is ever deleted.
const marker = ".workbook-handout"

// BuildHandout writes the handout of one lesson: a Go module whose root holds
// the workbook's layout, trimmed to what the lesson's exercise needs.
//
//	go.mod go.sum Makefile README.md
//	lessons/<lesson>/exercise/   the student's package (package main)
//	lessons/<lesson>/checks/     the checks make check runs
//	internal/...                 only the packages the exercise imports, no tests
//	testdata/<lesson>/           the golden files (and testdata/simnet)
//
// Import paths stay those of the workbook, so no file is rewritten but the
// README. Without Solution no file of the reference is copied, and README code
// blocks that show an answer are left out.
func BuildHandout(opts HandoutOptions) (HandoutResult, error) {
	wb, err := openWorkbook(opts.Root, opts.Lesson)
	if err != nil {
		return HandoutResult{}, err
	}
	out, err := prepareOut(opts.Out, defaultOut("workbook-handouts", opts.Lesson, opts.Solution))
	if err != nil {
		return HandoutResult{}, err
	}
	fresh, err := wb.derive(opts.Lesson)
	if err != nil {
		return HandoutResult{}, err
	}
	defer os.RemoveAll(filepath.Dir(fresh))
	files, mods, err := wb.handoutFiles(opts.Lesson, opts.Solution, fresh)
	if err != nil {
		return HandoutResult{}, err
	}
	res := HandoutResult{Dir: out}
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		n, err := copyFile(files[rel], filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			return HandoutResult{}, err
		}
		res.Files++
		res.Bytes += n
	}
	generated, err := wb.generated(opts.Lesson, opts.Solution, fresh, mods, func(rel string) bool { return exists(filepath.Join(out, filepath.FromSlash(rel))) })
	if err != nil {
		return HandoutResult{}, err
	}
	for _, g := range generated {
		if err := os.WriteFile(filepath.Join(out, g.name), g.data, 0o644); err != nil {
			return HandoutResult{}, fmt.Errorf("handout: %w", err)
		}
		res.Files++
		res.Bytes += int64(len(g.data))
	}
	if opts.Tar {
		res.Archive = out + ".tar.gz"
		if err := writeTarGz(out, res.Archive); err != nil {
			return HandoutResult{}, err
		}
	}
	return res, nil
}

// workbook is the workbook checkout a handout or a grade is made from.
type workbook struct {
	root   string // absolute
	prefix string // module path prefix, "goasync.dev/workbook"
}

// openWorkbook finds the workbook's root and checks that lesson is one of
// its lessons with an exercise folder.
func openWorkbook(root, lesson string) (*workbook, error) {
	if root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		for root = wd; !exists(filepath.Join(root, "go.work")) || !exists(filepath.Join(root, "lessons")); root = filepath.Dir(root) {
			if filepath.Dir(root) == root {
				return nil, usageErr("%s is not inside the workbook (no go.work and lessons/ above it); run from the workbook or pass -root", wd)
			}
		}
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	lessons, _ := filepath.Glob(filepath.Join(root, "lessons", "*", "exercise"))
	var names []string
	for _, l := range lessons {
		names = append(names, filepath.Base(filepath.Dir(l)))
	}
	if lesson == "" {
		return nil, usageErr("say which lesson: -lesson <one of: %s>", strings.Join(names, " "))
	}
	if !slices.Contains(names, lesson) {
		return nil, usageErr("no lesson %q with an exercise folder in %s/lessons: use one of %s", lesson, root, strings.Join(names, " "))
	}
	mod, err := os.ReadFile(filepath.Join(root, "internal", "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	internal := modulePath(mod)
	if !strings.HasSuffix(internal, "/internal") {
		return nil, fmt.Errorf("workbook: %s/internal/go.mod has module %q, want <prefix>/internal", root, internal)
	}
	return &workbook{root: root, prefix: strings.TrimSuffix(internal, "/internal")}, nil
}

// listed is one package of `go list -deps -json`.
type listed struct {
	ImportPath string
	Dir        string
	Standard   bool
	EmbedFiles []string
	Module     *struct {
		Path    string
		Version string
	}
}

// goList lists pkgs and their dependencies (with test dependencies if test)
// in the workspace.
func (wb *workbook) goList(test bool, pkgs ...string) ([]listed, error) {
	args := []string{"list", "-deps", "-tags", "exercise", "-json=ImportPath,Dir,Standard,EmbedFiles,Module"}
	if test {
		args = append(args, "-test")
	}
	cmd := exec.Command("go", append(args, pkgs...)...)
	cmd.Dir = wb.root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %v\n%s", strings.Join(pkgs, " "), err, stderr.Bytes())
	}
	var all []listed
	for dec := json.NewDecoder(bytes.NewReader(b)); ; {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return all, nil
		} else if err != nil {
			return nil, fmt.Errorf("go list: %w", err)
		}
		all = append(all, p)
	}
}

// derive writes the workbook, with the lesson's exercise/ derived afresh
// from the reference as shipped (`exgen tree`, as make shipped does), into
// a temporary folder and returns the folder of the copy. A handout takes
// the exercise from there: edits to the workbook's own exercise/ (a
// maintainer trying an answer) never reach students.
func (wb *workbook) derive(lesson string) (string, error) {
	tmp, err := os.MkdirTemp("", "handout-derive-")
	if err != nil {
		return "", err
	}
	exgen := filepath.Join(tmp, "exgen")
	for _, args := range [][]string{
		{"go", "build", "-o", exgen, "./internal/cmd/exgen"},
		{exgen, "tree", "-o", filepath.Join(tmp, "wb"), lesson},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = wb.root
		if out, err := cmd.CombinedOutput(); err != nil {
			os.RemoveAll(tmp)
			return "", fmt.Errorf("handout: deriving the exercise of %s (%s): %v\n%s", lesson, strings.Join(args[1:], " "), err, out)
		}
	}
	return filepath.Join(tmp, "wb"), nil
}

// handoutFiles returns the files of a handout (path in the handout: path in
// the workbook) and the external modules they need (path: version). The
// exercise's files come from fresh, a workbook with it derived afresh.
func (wb *workbook) handoutFiles(lesson string, solution bool, fresh string) (map[string]string, map[string]string, error) {
	ex := "./lessons/" + lesson + "/exercise"
	// make check reads the checks with internal/cmd/progress; make watch
	// is the workbook's own internal/cmd/watch (fsnotify).
	pkgs, err := wb.goList(true, ex, "./internal/cmd/progress", "./internal/cmd/watch")
	if err != nil {
		return nil, nil, err
	}
	if solution {
		ref, err := wb.goList(false, "./lessons/"+lesson)
		if err != nil {
			return nil, nil, err
		}
		pkgs = append(pkgs, ref...)
	}
	files := map[string]string{}
	mods := map[string]string{}
	exDir := filepath.Join(wb.root, "lessons", lesson, "exercise")
	for _, p := range pkgs {
		if p.Standard || p.Module == nil || strings.HasSuffix(p.ImportPath, ".test") {
			continue
		}
		if !strings.HasPrefix(p.Module.Path, wb.prefix+"/") {
			mods[p.Module.Path] = p.Module.Version
			continue
		}
		rel, err := filepath.Rel(wb.root, p.Dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, nil, fmt.Errorf("handout: package %s is outside the workbook (%s)", p.ImportPath, p.Dir)
		}
		// The exercise, derived afresh, keeps its (build-tagged) checks;
		// everything else ships without tests.
		root := wb.root
		if p.Dir == exDir {
			root = fresh
		}
		if err := addPackage(files, root, rel, p.Dir == exDir, p.EmbedFiles); err != nil {
			return nil, nil, err
		}
	}
	if _, ok := files["lessons/"+lesson+"/exercise/main_test.go"]; !ok {
		return nil, nil, fmt.Errorf("handout: lessons/%s/exercise has no main_test.go, so make check would have nothing to run", lesson)
	}
	dirs := []string{"testdata/" + lesson, "lessons/" + lesson + "/python"}
	if _, ok := files["internal/simnet/world.go"]; ok {
		dirs = append(dirs, "testdata/simnet")
	}
	if solution {
		dirs = append(dirs, "solutions/"+lesson)
	}
	for _, d := range dirs {
		if err := addTree(files, wb.root, d); err != nil {
			return nil, nil, err
		}
	}
	// testdata/<lesson>/wrong holds the maintainers' wrong solutions, which
	// internal/cmd/exgen's tests run: answers, if wrong ones.
	for rel := range files {
		if strings.HasPrefix(rel, "testdata/"+lesson+"/wrong/") {
			delete(files, rel)
		}
	}
	if solution {
		// solutions/<lesson> holds parts of package main that do not build
		// on their own: a folder starting with _ is left out of ./... .
		for rel, src := range files {
			if strings.HasPrefix(rel, "solutions/") {
				delete(files, rel)
				files["_"+rel] = src
			}
		}
	}
	return files, mods, nil
}

// addPackage adds the .go files (and embedded files) of the package in rel.
func addPackage(files map[string]string, root, rel string, withTests bool, embeds []string) error {
	entries, err := os.ReadDir(filepath.Join(root, rel))
	if err != nil {
		return fmt.Errorf("handout: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || (!withTests && strings.HasSuffix(name, "_test.go")) {
			continue
		}
		files[path.Join(filepath.ToSlash(rel), name)] = filepath.Join(root, rel, name)
	}
	for _, name := range embeds {
		files[path.Join(filepath.ToSlash(rel), name)] = filepath.Join(root, rel, filepath.FromSlash(name))
	}
	return nil
}

// addTree adds every file under the folder rel, if it exists.
func addTree(files map[string]string, root, rel string) error {
	dir := filepath.Join(root, filepath.FromSlash(rel))
	if !exists(dir) {
		return nil
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(r)] = p
		return nil
	})
}

// file is a generated file of the handout.
type file struct {
	name string
	data []byte
}

// generated returns the handout's go.mod, go.sum, Makefile, README.md and
// marker. has reports whether a path is in the handout.
func (wb *workbook) generated(lesson string, solution bool, fresh string, mods map[string]string, has func(string) bool) ([]file, error) {
	lessonMod, err := os.ReadFile(filepath.Join(wb.root, "lessons", lesson, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("handout: %w", err)
	}
	var gomod bytes.Buffer
	fmt.Fprintf(&gomod, "// The handout of lesson %s of the Go async workbook: one module,\n// built with GOWORK=off.\nmodule %s\n\n%s\n", lesson, wb.prefix, goLine(lessonMod))
	if len(mods) > 0 {
		gomod.WriteString("\nrequire (\n")
		for _, m := range slices.Sorted(maps.Keys(mods)) {
			fmt.Fprintf(&gomod, "\t%s %s\n", m, mods[m])
		}
		gomod.WriteString(")\n")
	}
	sum, err := unionLines(filepath.Join(wb.root, "internal", "go.sum"), filepath.Join(wb.root, "lessons", lesson, "go.sum"))
	if err != nil {
		return nil, err
	}
	readme, err := os.ReadFile(filepath.Join(wb.root, "lessons", lesson, "README.md"))
	if err != nil {
		return nil, fmt.Errorf("handout: %w", err)
	}
	answers := map[string]bool{}
	if !solution {
		if answers, err = wb.answerLines(lesson, fresh); err != nil {
			return nil, err
		}
	}
	return []file{
		{"go.mod", gomod.Bytes()},
		{"go.sum", sum},
		{"Makefile", handoutMakefile(lesson, solution)},
		{"README.md", studentREADME(readme, lesson, solution, answers, has)},
		{marker, []byte("Written by `make handout` of the Go async workbook. Building the handout again replaces this folder.\n")},
	}, nil
}

// goLine returns the go directive of a go.mod.
func goLine(mod []byte) string {
	for _, l := range strings.Split(string(mod), "\n") {
		if strings.HasPrefix(l, "go ") {
			return strings.TrimSpace(l)
		}
	}
	return "go 1.25.0"
}

// modulePath returns the module directive of a go.mod.
func modulePath(mod []byte) string {
	for _, l := range strings.Split(string(mod), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "module" {
			return f[1]
		}
	}
	return ""
}

// unionLines returns the sorted, distinct lines of the files (go.sum files:
// extra lines are harmless, a missing one fails the build).
func unionLines(paths ...string) ([]byte, error) {
	seen := map[string]bool{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("handout: %w", err)
		}
		for l := range strings.Lines(string(b)) {
			if l = strings.TrimSpace(l); l != "" {
				seen[l] = true
			}
		}
	}
	var out bytes.Buffer
	for _, l := range slices.Sorted(maps.Keys(seen)) {
		out.WriteString(l + "\n")
	}
	return out.Bytes(), nil
}

// answerLines returns the lines (trimmed) of the lesson's reference and of
// solutions/<lesson> that neither the shipped exercise (derived afresh in
// the workbook fresh) nor internal/ contains:
// the answers, and whatever else a student should not see. (A line internal/
// has too, such as "case <-ctx.Done():", gives nothing away.) Marker lines
// (//exercise:...) are skipped; their text reaches the exercise as TODOs.
func (wb *workbook) answerLines(lesson, fresh string) (map[string]bool, error) {
	shipped := map[string]bool{}
	exFiles, _ := filepath.Glob(filepath.Join(fresh, "lessons", lesson, "exercise", "*.go"))
	err := filepath.WalkDir(filepath.Join(wb.root, "internal"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			exFiles = append(exFiles, p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("handout: %w", err)
	}
	for _, f := range exFiles {
		if err := eachLine(f, func(l string) { shipped[l] = true }); err != nil {
			return nil, err
		}
	}
	refFiles, _ := filepath.Glob(filepath.Join(wb.root, "lessons", lesson, "*.go"))
	sol, _ := filepath.Glob(filepath.Join(wb.root, "solutions", lesson, "*.go"))
	answers := map[string]bool{}
	for _, f := range refFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		if err := addAnswers(answers, shipped, f); err != nil {
			return nil, err
		}
	}
	// A challenge's answer may be a test (solutions/<lesson>/*_test.go).
	for _, f := range sol {
		if err := addAnswers(answers, shipped, f); err != nil {
			return nil, err
		}
	}
	return answers, nil
}

// addAnswers adds the lines of file f that are not shipped to answers.
func addAnswers(answers, shipped map[string]bool, f string) error {
	return eachLine(f, func(l string) {
		if !shipped[l] && len(l) >= minAnswerLen && !strings.HasPrefix(l, "//exercise:") {
			answers[l] = true
		}
	})
}

// minAnswerLen is the shortest line counted as an answer: shorter lines
// ("}", "return nil", "select {") say nothing about the solution on their own.
const minAnswerLen = 12

// eachLine calls fn with every non-blank line of the file, trimmed.
func eachLine(name string, fn func(string)) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("handout: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			fn(l)
		}
	}
	return sc.Err()
}

// prepareOut returns the absolute, empty folder to write to. It replaces an
// earlier handout (a folder with the marker) but nothing else.
func prepareOut(out, def string) (string, error) {
	if out == "" {
		out = def
	}
	out, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return "", usageErr("OUT %s: %v", out, err)
	case len(entries) > 0 && !exists(filepath.Join(out, marker)):
		return "", usageErr("OUT %s exists and is not a handout; remove it or choose another folder", out)
	default:
		if err := os.RemoveAll(out); err != nil {
			return "", fmt.Errorf("handout: replacing %s: %w", out, err)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", fmt.Errorf("handout: %w", err)
	}
	return out, nil
}

// defaultOut is <tmp>/<kind>/<lesson>[-solution].
func defaultOut(kind, lesson string, solution bool) string {
	if solution {
		lesson += "-solution"
	}
	return filepath.Join(os.TempDir(), kind, lesson)
}

// copyFile copies src to dst, making dst's folder, and returns the size.
func copyFile(src, dst string) (int64, error) {
	b, err := os.ReadFile(src)
	if err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	return int64(len(b)), nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
