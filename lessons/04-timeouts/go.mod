module goasync.dev/workbook/lessons/04-timeouts

go 1.25.0

require (
	github.com/stretchr/testify v1.12.1
	goasync.dev/workbook/internal v0.0.0
)

require (
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/sebdah/goldie/v2 v2.8.0 // indirect
	github.com/sergi/go-diff v1.0.0 // indirect
	go.uber.org/goleak v1.3.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/net v0.58.0 // indirect
)

replace goasync.dev/workbook/internal => ../../internal
