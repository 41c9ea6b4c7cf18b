package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"time"
)

// stopWait is how long a cancelled check may take to stop before it is
// killed.
var stopWait = 3 * time.Second

// CommandCheck returns a CheckFunc that runs command (go test ...) in root
// with each lesson's exercise package appended. On cancel it stops the
// command's whole process group (go test and the test binary it started),
// so no check outlives the watch.
func CommandCheck(root string, command []string) CheckFunc {
	return func(ctx context.Context, lessons []string) ([]byte, error) {
		args := append([]string{}, command[1:]...)
		for _, l := range lessons {
			args = append(args, "./"+filepath.ToSlash(filepath.Join("lessons", l, "exercise")))
		}
		cmd := exec.CommandContext(ctx, command[0], args...)
		cmd.Dir = root
		var out bytes.Buffer
		cmd.Stdout = &out
		cmd.Stderr = &out
		err := runGroup(cmd, stopWait)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			err = nil // failing checks exit non-zero: that is what we show
		}
		return out.Bytes(), err
	}
}
