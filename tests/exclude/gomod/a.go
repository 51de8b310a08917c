// Package excl holds Go's `// coverage-ignore` marker for tests/exclude.sh.
package excl

// Used has one ignored block.
func Used(x int) int {
	if x > 100 { // coverage-ignore: unreachable in tests
		return -1
	}
	return x + 1
}

// Ignored is ignored whole: its body's '{' carries the marker.
func Ignored(x int) int { // coverage-ignore
	if x > 0 {
		return 1
	}
	return 0
}

// Inline has a one-line ignored block.
func Inline(x int) int {
	if x < 0 { return 0 } // coverage-ignore
	return x
}

// Literal has an ignored function literal.
func Literal(x int) int {
	f := func(y int) int { // coverage-ignore
		return y * 2
	}
	if x > 50 {
		return f(x)
	}
	return x
}

// NotAMarker: coverage-ignored is another word.
func NotAMarker(x int) int {
	if x > 100 { // coverage-ignored
		return 1
	}
	return x
}
