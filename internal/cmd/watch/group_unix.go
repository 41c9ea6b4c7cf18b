//go:build unix

package main

import (
	"os/exec"
	"syscall"
	"time"
)

// runGroup runs cmd in a process group of its own. When cmd's context is
// cancelled the group gets SIGINT (go test then removes its work folder and
// stops the test binary); whatever is left after wait gets SIGKILL.
func runGroup(cmd *exec.Cmd, wait time.Duration) error {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
	cmd.WaitDelay = wait
	if err := cmd.Start(); err != nil {
		return err
	}
	err := cmd.Wait()
	if cmd.ProcessState != nil && cmd.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
		// Stopped by a signal (Ctrl-C or the cancel above): kill what is
		// left of the group, such as a process that ignores SIGINT. While
		// one lives, its group id can not be reused by another process.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	return err
}
