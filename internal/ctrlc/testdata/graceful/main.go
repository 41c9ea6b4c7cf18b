// Command graceful waits for SIGINT or SIGTERM as a lesson does, then
// prints a summary and exits with the signal's code (130 or 143).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"goasync.dev/workbook/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), cli.Signals...)
	defer stop()
	fmt.Println("ready")
	<-ctx.Done()
	fmt.Println("summary:", context.Cause(ctx))
	os.Exit(cli.InterruptCode(ctx))
}
