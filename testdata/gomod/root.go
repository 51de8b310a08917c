// Package root is the root module of covkit's source-lookup test tree.
package root

import "example.com/root/shapes"

// Area sums the areas of n unit squares.
func Area(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		total += shapes.Square{Side: 1}.Area()
	}
	return total
}

func unused() string { return "never called" }
