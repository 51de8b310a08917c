package review

// Area returns the area of a width by height rectangle.
func Area(width, height int) int {
	if width < 0 || height < 0 {
		return 0
	}
	return width * height
}
