// Package testmain is the TestMain every test binary of the workbook shares:
// it pins the clock's zone and checks that no goroutine outlives the tests.
//
//	func TestMain(m *testing.M) { testmain.Run(m) }
package testmain

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

// Run sets time.Local to UTC, so clock lines such as "started at 00:00:00"
// printed inside a synctest bubble (whose clock starts at 2000-01-01 00:00:00
// UTC) match the golden files on any machine, then runs the tests and fails
// the binary if any goroutine is still running after them (goleak).
func Run(m *testing.M) {
	time.Local = time.UTC
	goleak.VerifyTestMain(m)
}
