// Package internal is the root of the workbook's shared machinery, written
// once for every lesson. Lessons import its subpackages; nothing here is
// meant for learners to edit.
//
//   - simnet: the simulated internet (DNS and HTTP) the real clients talk to
//   - fetch, fetch/fetchtest: lesson 03's command and its shared tests
//   - golden: golden files, and README blocks kept equal to them and to the code
//   - timeline: the ASCII chart of when each task ran
//   - exercise: the exercise checks, with goals and hints
//   - lessontest: a lesson's run, captured (output, exit code, time)
//   - ctrlc: the real Ctrl-C (SIGINT) test of a lesson's binary
//   - testmain: the TestMain of every test binary (UTC, goleak)
//   - keywords: the Go and Python keyword lists of lesson 01
//   - cmd/progress: the report behind make check
//   - cmd/mutate: make mutate, the concurrency bugs the tests do not catch
package internal
