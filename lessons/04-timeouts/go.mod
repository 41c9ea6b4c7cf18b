module goasync.dev/workbook/lessons/04-timeouts

go 1.25.0

require goasync.dev/workbook/internal v0.0.0

require golang.org/x/net v0.58.0 // indirect

replace goasync.dev/workbook/internal => ../../internal
