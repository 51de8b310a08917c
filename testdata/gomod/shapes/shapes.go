// Package shapes holds the sources that make a Go scanner stumble:
// comments, strings, raw strings and runes holding braces and quotes,
// generics, function literals and result types with braces.
package shapes

import (
	"fmt"
	"strings"
)

/* A block comment with a brace } and a fake declaration:
func Fake() {
*/

// Square is a square.
type Square struct{ Side int }

// Area has a value receiver.
func (s Square) Area() int { return s.Side * s.Side }

// List is a generic list.
type List[T any] struct{ items []T }

// Push has a generic pointer receiver.
func (l *List[T]) Push(v T) { l.items = append(l.items, v) }

// Map is generic with two type parameters.
func Map[K comparable, V any](m map[K]V, f func(V) V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = f(v)
	}
	return out
}

// Braces in strings, runes and raw strings do not end the body.
func Quotes() string {
	s := "}{\"}" + `}
func Hidden() {
` + string('}') + string('"') + string('\'') + "\\"
	if strings.Contains(s, "{") { // a comment with a brace {
		s += "x"
	}
	return s
}

// An anonymous struct result: its braces come before the body.
func Anon() struct{ A, B int } { return struct{ A, B int }{1, 2} }

// An interface result.
func Iface() interface{ String() string } {
	return fmt.Stringer(nil)
}

// A function result, and a function literal in the body.
func Counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

// A parenthesised result list.
func Pair() (a, b int) {
	a, b = 1, 2
	return
}

var hook = func() int { // a package-level literal: no function row
	return 7
}

func never(x int) int {
	if x > 0 {
		return x
	}
	return -x
}

// Asm is implemented in assembly (shapes.s has no body for it either:
// it is never called, so it is never linked); go tool cover skips it.
func Asm(x int) int
