package shapes

import "testing"

func TestArea(t *testing.T) {
	if got := Total(Square{2}, &Circle{1}); got != 7 {
		t.Fatalf("Total = %d", got)
	}
	var s Stack[int]
	s.Push(1)
	if v, ok := s.Pop(); !ok || v != 1 {
		t.Fatal("Pop")
	}
	Nothing()
}
