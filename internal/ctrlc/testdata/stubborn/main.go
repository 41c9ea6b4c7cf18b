// Command stubborn ignores SIGINT and SIGTERM and never ends: the program
// ctrlc must kill.
package main

import (
	"fmt"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM)
	fmt.Println("ready")
	time.Sleep(time.Hour)
}
