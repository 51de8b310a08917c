// A tiny program for covkit's interop test: built with `go build -cover`,
// run under covrun with different arguments, its coverage is compared with
// what `go tool covdata textfmt` makes of the same runs.
package main

import (
	"fmt"
	"os"
)

func classify(n int) string {
	switch {
	case n < 0:
		return "negative"
	case n == 0:
		return "zero"
	case n%2 == 0:
		return "even"
	}
	return "odd"
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: demo N...")
		os.Exit(2)
	}
	for _, a := range os.Args[1:] {
		var n int
		if _, err := fmt.Sscan(a, &n); err != nil {
			fmt.Println(a, "is not a number")
			continue
		}
		fmt.Println(n, classify(n))
	}
}
