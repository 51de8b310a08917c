// Command shapes prints the areas of squares and circles given as
// arguments (s2, c3): the system-test side of covkit's function tests.
package main

import (
	"fmt"
	"os"
	"strconv"

	"example.com/goview/shapes"
)

func parse(a string) (interface{ Area() int }, error) {
	if len(a) < 2 {
		return nil, fmt.Errorf("bad shape %q", a)
	}
	n, err := strconv.Atoi(a[1:])
	if err != nil {
		return nil, err
	}
	switch a[0] {
	case 's':
		return shapes.Square{Side: n}, nil
	case 'c':
		return &shapes.Circle{R: n}, nil
	}
	return nil, fmt.Errorf("bad shape %q", a)
}

func main() {
	for _, a := range os.Args[1:] {
		s, err := parse(a)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(s, s.Area())
	}
}
