// Package review is the Go module of covkit's base/head review test.
package review

// Add returns a + b, the sum that the test checks first.
func Add(a, b int) int {
	return a + b
}

// Sign says whether n is negative, zero or positive: one word,
// "negative", "zero" or "positive". The test asks for -1 and 0,
// never for a positive number, so that its last return is a line
// the head does not run either: moving code keeps such lines as
// they were, not covered before and not covered now.
func Sign(n int) string {
	if n < 0 {
		return "negative"
	}
	if n == 0 {
		return "zero"
	}
	return "positive"
}

// Clamp limits value to the range low..high.
func Clamp(value, low, high int) int {
	if value < low {
		return low
	}
	if value > high {
		return high
	}
	return value
}

// Describe names a number's sign and parity.
func Describe(number int) string {
	word := Sign(number)
	if number%2 == 0 {
		return word + " even"
	}
	return word + " odd"
}
