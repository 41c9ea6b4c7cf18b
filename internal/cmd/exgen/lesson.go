package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// File is one file of a learner's copy, derived from a reference file.
type File struct {
	Name string  // its name in exercise/: tasks.go
	From string  // the reference, from the workbook's root: lessons/02-tasks/tasks.go
	Src  *Source // its lines and gaps
	Raw  []byte  // the reference as it is
}

// Lesson is a lesson's reference files, the source of its exercise/.
type Lesson struct {
	Root  string // the workbook's root
	Name  string // 02-tasks
	Files []File
}

// Dir is the learner's copy: lessons/<lesson>/exercise.
func (l *Lesson) Dir() string { return filepath.Join(l.Root, "lessons", l.Name, "exercise") }

// ExerciseDir is the learner's copy, from the root, for messages.
func (l *Lesson) ExerciseDir() string { return "lessons/" + l.Name + "/exercise" }

// Lessons are the lessons of the workbook at root that have an exercise/.
func Lessons(root string) ([]string, error) {
	dirs, err := filepath.Glob(filepath.Join(root, "lessons", "*", "exercise"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, d := range dirs {
		names = append(names, filepath.Base(filepath.Dir(d)))
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no lessons/*/exercise under %s: run exgen from the workbook's root", root)
	}
	return names, nil
}

// LoadLesson reads the reference files of a lesson: every non-test .go
// file of lessons/<lesson>/ and every .go file of solutions/<lesson>/.
func LoadLesson(root, name string) (*Lesson, error) {
	if _, err := os.Stat(filepath.Join(root, "lessons", name)); err != nil {
		return nil, fmt.Errorf("no lesson %q: %w", name, err)
	}
	l := &Lesson{Root: root, Name: name}
	for _, dir := range []string{"lessons", "solutions"} {
		paths, _ := filepath.Glob(filepath.Join(root, dir, name, "*.go"))
		for _, p := range paths {
			base := filepath.Base(p)
			if dir == "lessons" && strings.HasSuffix(base, "_test.go") {
				continue
			}
			from := dir + "/" + name + "/" + base
			if i := slices.IndexFunc(l.Files, func(f File) bool { return f.Name == base }); i >= 0 {
				return nil, fmt.Errorf("%s and %s both give exercise/%s: rename one", l.Files[i].From, from, base)
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			src, err := Parse(from, raw)
			if err != nil {
				return nil, err
			}
			l.Files = append(l.Files, File{Name: base, From: from, Src: src, Raw: raw})
		}
	}
	return l, l.validate()
}

// validate checks that each exercise with gaps has a TODO text in at least
// one of them. (An exercise may have no gap at all: a challenge whose
// learner writes a new file.)
func (l *Lesson) validate() error {
	todo := map[int]bool{}
	first := map[int]string{}
	for _, f := range l.Files {
		for _, g := range f.Src.Gaps {
			if _, ok := first[g.N]; !ok {
				first[g.N] = fmt.Sprintf("%s:%d", f.From, g.Line)
			}
			todo[g.N] = todo[g.N] || len(g.Todo) > 0
		}
	}
	for n := 1; n <= l.Exercises(); n++ {
		if _, ok := first[n]; !ok {
			continue
		}
		if !todo[n] {
			return fmt.Errorf("%s: exercise %d has no TODO text in any of its gaps: write it after //exercise:%d", first[n], n, n)
		}
	}
	return nil
}

// Exercises is the number of exercises with a gap.
func (l *Lesson) Exercises() int {
	n := 0
	for _, f := range l.Files {
		for _, g := range f.Src.Gaps {
			n = max(n, g.N)
		}
	}
	return n
}

// Derive returns the learner's copy of each file, its gaps filled as fill
// says. A file without gaps is copied as it is, but for the package doc
// comment of main.go, which says what the copy is.
func (l *Lesson) Derive(fill Fill) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, f := range l.Files {
		b, err := l.derive(f, fill)
		if err != nil {
			return nil, err
		}
		out[f.Name] = b
	}
	return out, nil
}

func (l *Lesson) derive(f File, fill Fill) ([]byte, error) {
	doc := f.Name == "main.go" && bytes.HasPrefix(f.Raw, []byte("// Command "))
	if len(f.Src.Gaps) == 0 && !doc {
		return f.Raw, nil
	}
	src := f.Src.Render(fill)
	if doc {
		src = l.rewriteDoc(src)
	}
	out, err := tidy(f.From, src, nil)
	return []byte(out), err
}

var numbers = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

// rewriteDoc replaces the first paragraph of the package doc comment with
// what the copy is, and points the usage lines that follow at exercise/.
func (l *Lesson) rewriteDoc(src string) string {
	lines := strings.SplitAfter(src, "\n")
	end := slices.IndexFunc(lines, func(s string) bool { return s == "//\n" || !strings.HasPrefix(s, "//") })
	count := fmt.Sprint(l.Exercises())
	if n := l.Exercises(); n < len(numbers) {
		count = numbers[n]
	}
	plural := "s"
	if l.Exercises() == 1 {
		plural = ""
	}
	head := fmt.Sprintf("// Command exercise is your copy of lesson %s, with %s exercise%s to do,\n"+
		"// each marked TODO(exercise N). `make check LESSON=%s` tells you which\n"+
		"// are done; the lesson's README explains them.\n", l.Name, count, plural, l.Name)
	var b strings.Builder
	b.WriteString(head)
	path := "./lessons/" + l.Name
	usage := regexp.MustCompile(regexp.QuoteMeta(path) + `( +[^#\n]*?)( {2,})#`)
	for i, line := range lines[end:] {
		if i > 0 && !strings.HasPrefix(line, "//") {
			b.WriteString(strings.Join(lines[end+i:], ""))
			break
		}
		if strings.HasPrefix(line, "//\t") {
			// Keep the # comments in their column where the padding allows.
			line = usage.ReplaceAllStringFunc(line, func(m string) string {
				sub := usage.FindStringSubmatch(m)
				pad := max(1, len(sub[2])-len("/exercise"))
				return path + "/exercise" + sub[1] + strings.Repeat(" ", pad) + "#"
			})
			line = strings.Replace(line, path+" ", path+"/exercise ", 1)
			line = strings.Replace(line, path+"\n", path+"/exercise\n", 1)
		}
		b.WriteString(line)
	}
	return b.String()
}

// The manifest, exercise/exgen.sum, records what `make exercises` wrote:
// the sha256 of each derived file, and "kept" for the exercise's own test
// files. The up-to-date check compares the reference with it, never with
// the learner's files, so a learner's work never makes a copy "stale".
const manifestName = "exgen.sum"

const manifestHead = "# Written by `make exercises` (internal/cmd/exgen): the sha256 of each file it\n" +
	"# derived from the reference, and the exercise's own test files (kept).\n" +
	"# Do not edit; your changes to the files themselves are yours to make.\n"

// Manifest maps a file name of exercise/ to its sha256, or to "kept".
type Manifest map[string]string

const kept = "kept"

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// ReadManifest reads exercise/exgen.sum; a missing one is empty.
func (l *Lesson) ReadManifest() (Manifest, error) {
	m := Manifest{}
	f, err := os.Open(filepath.Join(l.Dir(), manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		hash, name, ok := strings.Cut(line, "  ")
		if !ok {
			return nil, fmt.Errorf("%s/%s:%d: want \"<sha256 or kept>  <file>\", found %q: run make exercises", l.ExerciseDir(), manifestName, n, line)
		}
		m[name] = hash
	}
	return m, sc.Err()
}

func (m Manifest) bytes() []byte {
	var b strings.Builder
	b.WriteString(manifestHead)
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", m[n], n)
	}
	return []byte(b.String())
}

// KeptFiles are the exercise's own test files: *_test.go files of exercise/
// that are not derived.
func (l *Lesson) KeptFiles(derived map[string][]byte) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(l.Dir(), "*_test.go"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		if _, ok := derived[filepath.Base(p)]; !ok {
			out = append(out, filepath.Base(p))
		}
	}
	return out, nil
}

// Stale lists, one message each, the files of exercise/ that the reference
// no longer gives: a learner's edits do not count, only what the manifest
// says was written.
func (l *Lesson) Stale() ([]string, error) {
	derived, err := l.Derive(Shipped)
	if err != nil {
		return nil, err
	}
	m, err := l.ReadManifest()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, name := range sortedKeys(derived) {
		if m[name] != sum(derived[name]) {
			out = append(out, fmt.Sprintf("%s/%s is stale: run make exercises", l.ExerciseDir(), name))
		}
	}
	for _, name := range sortedKeys(m) {
		if _, ok := derived[name]; !ok && m[name] != kept {
			out = append(out, fmt.Sprintf("%s/%s comes from no reference file any more: run make exercises", l.ExerciseDir(), name))
		}
	}
	return out, nil
}

// Write writes exercise/ from the reference. It refuses to overwrite a file
// that differs from what it last wrote (a learner's work) unless force.
func (l *Lesson) Write(force bool) (changed []string, err error) {
	derived, err := l.Derive(Shipped)
	if err != nil {
		return nil, err
	}
	old, err := l.ReadManifest()
	if err != nil {
		return nil, err
	}
	m := Manifest{}
	for _, name := range sortedKeys(derived) {
		path := filepath.Join(l.Dir(), name)
		cur, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, err
		case bytes.Equal(cur, derived[name]):
			m[name] = sum(derived[name])
			continue
		case !force && sum(cur) != old[name]:
			return nil, fmt.Errorf("%s/%s has changes that make exercises did not write (your work?): "+
				"make reset LESSON=%s discards them, or FORCE=1 overwrites", l.ExerciseDir(), name, l.Name)
		}
		if err := os.WriteFile(path, derived[name], 0o644); err != nil {
			return nil, err
		}
		m[name] = sum(derived[name])
		changed = append(changed, l.ExerciseDir()+"/"+name)
	}
	for name, hash := range old {
		if _, ok := derived[name]; !ok && hash != kept {
			if err := os.Remove(filepath.Join(l.Dir(), name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			changed = append(changed, l.ExerciseDir()+"/"+name+" (removed)")
		}
	}
	keptFiles, err := l.KeptFiles(derived)
	if err != nil {
		return nil, err
	}
	for _, k := range keptFiles {
		m[k] = kept
	}
	if !bytes.Equal(m.bytes(), old.bytesOrNil(l)) {
		if err := os.WriteFile(filepath.Join(l.Dir(), manifestName), m.bytes(), 0o644); err != nil {
			return nil, err
		}
		changed = append(changed, l.ExerciseDir()+"/"+manifestName)
	}
	return changed, nil
}

// bytesOrNil is the manifest file as it is on disk, nil if there is none.
func (m Manifest) bytesOrNil(l *Lesson) []byte {
	b, _ := os.ReadFile(filepath.Join(l.Dir(), manifestName))
	return b
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
