// Package internal is the root of the workbook's shared machinery, written
// once for every lesson. Lessons import its subpackages; nothing here is
// meant for learners to edit.
//
//   - simnet: the simulated internet (DNS and HTTP) the real clients talk to
//   - fetch, fetch/fetchtest: lesson 03's command and its shared tests
//   - golden: golden files, and README blocks kept equal to them and to the code
//   - timeline: the ASCII chart of when each task ran
//   - exercise: the exercise checks, with goals and hints
//   - exercise/report: what make check says about a run of the checks
//   - lessontest: a lesson's run, captured (output, exit code, time), and
//     Virtual, the synctest bubble with a Ctrl-C after d that runs it
//   - ctrlc: the real Ctrl-C (SIGINT) and SIGTERM test of a lesson's binary
//   - cli: a command line's flags (one usage style), output write errors, signal exit codes
//   - testmain: the TestMain of every test binary (UTC, goleak)
//   - keywords: the Go and Python keyword lists of lesson 01
//   - cmd/progress: the report behind make check and make hint
//   - cmd/watch: make watch, the checks rerun on every save
//   - cmd/exgen: make exercises, reset, answer-key; shipped and solvable copies
//   - cmd/instructor: make handout and make grade
//   - cmd/mutate: make mutate, the concurrency bugs the tests do not catch
package internal
