//go:build !unix

package main

import (
	"os/exec"
	"time"
)

// runGroup runs cmd; on cancel, exec kills it (there are no process groups
// to stop here).
func runGroup(cmd *exec.Cmd, wait time.Duration) error {
	cmd.WaitDelay = wait
	return cmd.Run()
}
