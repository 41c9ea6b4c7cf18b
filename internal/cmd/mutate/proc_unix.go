//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

// setProcessGroup makes cmd the leader of a process group of its own, and
// its cancellation kill the whole group: go test, the compiler and the test
// binaries it started.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
