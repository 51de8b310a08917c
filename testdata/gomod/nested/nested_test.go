package nested

import "testing"

func TestTwice(t *testing.T) {
	if Twice(2) != 4 || Half(4) != 2 {
		t.Fatal("twice")
	}
}
