// Package nested is a module nested in the root module's directory.
package nested

import "example.com/root/nested/deep"

func Twice(x int) int { return 2 * deep.Identity(x) }

func Half(x int) int {
	if x%2 != 0 {
		return -1
	}
	return x / 2
}
