// Package tools is a module in an underscore directory, which go ./...
// skips but which is a module of its own.
package tools

func Version() string { return "v1" }
