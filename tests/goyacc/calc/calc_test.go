// calc_test.go - unit tests of the goyacc test program.
package calc

import "testing"

func TestEval(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{{"1+2", 3}, {"2*(3+4)", 14}, {"10-4", 6}, {"9/3", 3}} {
		got, err := Eval(c.in)
		if err != nil || got != c.want {
			t.Errorf("Eval(%q) = %d, %v", c.in, got, err)
		}
	}
}
