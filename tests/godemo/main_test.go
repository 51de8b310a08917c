// Tests of the demo program, built by tests/covrun.sh as a test binary
// (go test -c -cover): covrun must find it is one, fold its coverage, and
// drop only the testing package's own last lines from its output.
package main

import (
	"fmt"
	"os"
	"testing"
)

func TestClassify(t *testing.T) {
	for n, want := range map[int]string{-1: "negative", 0: "zero", 4: "even"} {
		if got := classify(n); got != want {
			t.Errorf("classify(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestOutput writes lines like the testing package's last ones: covrun
// must pass them on, as they are not at the end of the output.
func TestOutput(t *testing.T) {
	fmt.Println("PASS")
	fmt.Println("coverage: 99.9% of statements")
	fmt.Println(classify(7))
}

// TestFail fails when DEMO_FAIL is set, to see a failing run's coverage.
func TestFail(t *testing.T) {
	if os.Getenv("DEMO_FAIL") != "" {
		t.Fatal("DEMO_FAIL is set")
	}
}
