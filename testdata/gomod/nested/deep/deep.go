// Package deep is a package of the nested module.
package deep

// Identity returns x.
func Identity(x int) int { return x }
