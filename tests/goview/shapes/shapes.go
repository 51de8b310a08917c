// Package shapes gives covkit's function tests methods of every receiver
// form go build -cover names (T.M, *T.M, a generic receiver), two types
// with a method of one name, a function literal and an empty function.
package shapes

import "fmt"

type Square struct{ Side int }

type Circle struct{ R int }

func (s Square) Area() int { return s.Side * s.Side }

func (c *Circle) Area() int {
	if c.R < 0 {
		return 0
	}
	return 3 * c.R * c.R
}

func (s Square) String() string { return fmt.Sprintf("square %d", s.Side) }

func (c *Circle) String() string { return fmt.Sprintf("circle %d", c.R) }

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func Nothing() {}

// Total adds the areas of the shapes with a function literal.
func Total(shapes ...interface{ Area() int }) int {
	sum := 0
	add := func(n int) { sum += n }
	for _, s := range shapes {
		add(s.Area())
	}
	return sum
}

func unused(n int) int {
	if n > 1 {
		return n * unused(n-1)
	}
	return 1
}
