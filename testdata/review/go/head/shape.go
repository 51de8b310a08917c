package review

// Area returns the area of a width by height rectangle.
func Area(width, height int) int {
	if width < 0 || height < 0 {
		return 0
	}
	return width * height
}

// Describe names a number's sign and parity.
func Describe(number int) string {
	word := Sign(number)
	if number%2 == 0 {
		return word + " even"
	}
	return word + " odd"
}
