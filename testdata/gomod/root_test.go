package root

import "testing"

func TestArea(t *testing.T) {
	if Area(3) != 3 {
		t.Fatal("area")
	}
}
