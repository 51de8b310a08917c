// main.go - the goyacc test program: prints the value of each argument,
// exits 1 on the first error (tests/goline.sh).
package main

import (
	"fmt"
	"os"

	"example.com/yacccalc/calc"
)

func main() {
	for _, a := range os.Args[1:] {
		v, err := calc.Eval(a)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		fmt.Println(v)
	}
}
