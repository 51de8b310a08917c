// Package q lives in a module whose go.mod quotes its path.
package q

func Hello(name string) string {
	if name == "" {
		name = "world"
	}
	return "hello, " + name
}
