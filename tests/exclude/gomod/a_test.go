package excl

import "testing"

func TestAll(t *testing.T) {
	Used(1)
	Inline(3)
	Literal(4)
	NotAMarker(5)
	Gen()
	After()
	Block()
	Block2()
	NoGen()
	Late()
}
