package review

import "testing"

func TestCalc(t *testing.T) {
	if Add(2, 3) != 5 || Sign(-1) != "negative" || Sign(0) != "zero" {
		t.Fatal("Add or Sign")
	}
	if Clamp(-5, 0, 9) != 0 || Clamp(4, 0, 9) != 4 {
		t.Fatal("Clamp")
	}
	if Describe(4) != "positive even" {
		t.Fatal("Describe")
	}
	if Area(2, 3) != 6 {
		t.Fatal("Area")
	}
}

func TestUtil(t *testing.T) {
	if Abs(-3) != 3 || Abs(2) != 2 || Max(1, 2) != 2 || Max(3, 1) != 3 {
		t.Fatal("Abs or Max")
	}
}
